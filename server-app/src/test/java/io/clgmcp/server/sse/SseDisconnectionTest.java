package io.clgmcp.server.sse;

import static io.clgmcp.server.sse.SseFixture.postSse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.RawStream;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connections that end because of their client: gone, or no longer reading. */
@Timeout(120)
class SseDisconnectionTest {
    private static final String TOKEN = "disconnection-token";
    private static final int BIG_RESPONSE_CHARS = 256 * 1024;
    private static final int MAX_BIG_CALLS = 200;

    @RegisterExtension final SseFixture sse = new SseFixture();

    @Test
    void forgetsAClientThatWentAway() throws Exception {
        TestServer server =
                sse.start(
                        Map.of(
                                "MCP_AUTH_TOKEN", TOKEN,
                                "SSE_HEARTBEAT_INTERVAL", "100",
                                "SSE_CONNECTION_TIMEOUT", "1000"));
        Stream stream = sse.connect(server, TOKEN);
        assertEquals(1, SseFixture.stats(server).get("activeConnections").getAsInt());

        stream.close();

        JsonObject stats = SseFixture.awaitStat(server, "activeConnections", 0);
        assertEquals(1, stats.get("totalConnections").getAsInt(), stats::toString);
        Reply gone =
                postSse(server, TOKEN, stream.connectionId(), SseFixture.request(1, "ping", null));
        assertEquals(400, gone.status(), gone::toString);
        assertEquals(-32001, gone.json().get("code").getAsInt(), gone::toString);
    }

    @Test
    void dropsAReaderThatStoppedWithoutDelayingOthers() throws Exception {
        TestServer server =
                sse.start(
                        Map.of("MCP_AUTH_TOKEN", TOKEN, "SSE_MAX_QUEUED_EVENTS", "4"),
                        SseFixture.big(BIG_RESPONSE_CHARS));
        Stream reader = sse.connect(server, TOKEN);
        RawStream stalled = sse.openRaw(server, TOKEN, 4096);
        String stalledId = RawStream.connectionIdIn(stalled.readEvent());
        SseFixture.awaitStat(server, "activeConnections", 2);

        // From here on the raw socket is never read again.
        int calls = 0;
        boolean dropped = false;
        while (!dropped && calls < MAX_BIG_CALLS) {
            calls++;
            Reply reply =
                    postSse(server, TOKEN, stalledId, SseFixture.toolCall(calls, "big", "{}"));
            if (reply.status() == 400) {
                assertEquals(-32001, reply.json().get("code").getAsInt(), reply::toString);
                dropped = true;
            } else {
                assertEquals(200, reply.status(), reply::toString);
                dropped = SseFixture.stats(server).get("activeConnections").getAsInt() == 1;
            }
            assertReaderAnswered(server, reader, calls);
        }

        assertTrue(dropped, "the stalled connection survived " + calls + " large responses");
        JsonObject stats = SseFixture.awaitStat(server, "activeConnections", 1);
        assertEquals(2, stats.get("totalConnections").getAsInt(), stats::toString);
        Reply gone = postSse(server, TOKEN, stalledId, SseFixture.request(0, "ping", null));
        assertEquals(400, gone.status(), gone::toString);
        assertEquals(-32001, gone.json().get("code").getAsInt(), gone::toString);
        assertReaderAnswered(server, reader, calls + 1);
        // Reading again, the stalled client sees its stream end rather than hang open.
        stalled.readToEnd();
    }

    @Test
    void dropsAReaderWhoseUnsentEventsPassTheByteLimit() throws Exception {
        TestServer server =
                sse.start(
                        Map.of(
                                "MCP_AUTH_TOKEN",
                                TOKEN,
                                "SSE_MAX_QUEUED_EVENTS",
                                "100000",
                                "SSE_MAX_QUEUED_BYTES",
                                String.valueOf(4 * BIG_RESPONSE_CHARS)),
                        SseFixture.big(BIG_RESPONSE_CHARS));
        Stream reader = sse.connect(server, TOKEN);
        RawStream stalled = sse.openRaw(server, TOKEN, 4096);
        String stalledId = RawStream.connectionIdIn(stalled.readEvent());
        SseFixture.awaitStat(server, "activeConnections", 2);

        // From here on the raw socket is not read until the end; the event count never binds.
        int calls = 0;
        boolean dropped = false;
        while (!dropped && calls < MAX_BIG_CALLS) {
            calls++;
            Reply reply =
                    postSse(server, TOKEN, stalledId, SseFixture.toolCall(calls, "big", "{}"));
            dropped =
                    reply.status() == 400
                            || SseFixture.stats(server).get("activeConnections").getAsInt() == 1;
        }

        assertTrue(dropped, "the stalled connection survived " + calls + " large responses");
        JsonObject stats = SseFixture.awaitStat(server, "activeConnections", 1);
        assertEquals(2, stats.get("totalConnections").getAsInt(), stats::toString);
        assertReaderAnswered(server, reader, 1);
        stalled.readToEnd();
    }

    @Test
    void dropsAReaderWhoseWritesStallPastTheConnectionTimeout() throws Exception {
        TestServer server =
                sse.start(
                        Map.of(
                                "MCP_AUTH_TOKEN", TOKEN,
                                "SSE_HEARTBEAT_INTERVAL", "100",
                                "SSE_CONNECTION_TIMEOUT", "1000",
                                "SSE_MAX_QUEUED_EVENTS", "100000"),
                        SseFixture.big(BIG_RESPONSE_CHARS));
        Stream reader = sse.connect(server, TOKEN);
        RawStream stalled = sse.openRaw(server, TOKEN, 4096);
        String stalledId = RawStream.connectionIdIn(stalled.readEvent());
        SseFixture.awaitStat(server, "activeConnections", 2);

        // 60 large responses are far more than socket buffers hold, far fewer than the queue.
        for (int call = 1; call <= 60; call++) {
            Reply reply = postSse(server, TOKEN, stalledId, SseFixture.toolCall(call, "big", "{}"));
            if (reply.status() == 400) {
                break; // already dropped
            }
            assertEquals(200, reply.status(), reply::toString);
        }

        JsonObject stats = SseFixture.awaitStat(server, "activeConnections", 1);
        assertEquals(2, stats.get("totalConnections").getAsInt(), stats::toString);
        assertReaderAnswered(server, reader, 1);
        stalled.readToEnd();
    }

    /** POSTs a ping to the well-behaved reader and waits (bounded) for its answer. */
    private static void assertReaderAnswered(TestServer server, Stream reader, int id)
            throws Exception {
        Reply sent =
                postSse(server, TOKEN, reader.connectionId(), SseFixture.request(id, "ping", null));
        assertEquals(200, sent.status(), sent::toString);
        JsonObject response = reader.next("mcp-response").json();
        assertEquals(id, response.get("id").getAsInt(), response::toString);
        assertEquals(reader.connectionId(), response.get("connectionId").getAsString());
    }
}
