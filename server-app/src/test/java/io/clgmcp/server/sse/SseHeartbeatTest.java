package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.Event;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code heartbeat} events, and a reader that keeps reading staying connected. */
@Timeout(60)
class SseHeartbeatTest {
    private static final String TOKEN = "heartbeat-token";

    @RegisterExtension final SseFixture sse = new SseFixture();

    @Test
    void sendsHeartbeatsEveryConfiguredInterval() throws Exception {
        TestServer server =
                sse.start(Map.of("MCP_AUTH_TOKEN", TOKEN, "SSE_HEARTBEAT_INTERVAL", "100"));
        Stream stream = sse.connect(server, TOKEN);

        Event first = stream.next("heartbeat");
        Event second = stream.next("heartbeat");

        for (Event heartbeat : new Event[] {first, second}) {
            JsonObject data = heartbeat.json();
            assertEquals(Set.of("timestamp"), data.keySet(), data::toString);
            assertTrue(data.get("timestamp").getAsJsonPrimitive().isNumber(), data::toString);
        }
        assertTrue(
                second.json().get("timestamp").getAsLong()
                        >= first.json().get("timestamp").getAsLong());
        stream.assertIdsGrowByOne();
        assertEquals(100, SseFixture.stats(server).get("heartbeatIntervalMs").getAsInt());
    }

    @Test
    void keepsAReaderConnectedLongAfterTheConnectionTimeout() throws Exception {
        TestServer server =
                sse.start(
                        Map.of(
                                "MCP_AUTH_TOKEN", TOKEN,
                                "SSE_HEARTBEAT_INTERVAL", "100",
                                "SSE_CONNECTION_TIMEOUT", "1000"),
                        SseFixture.say());
        Stream stream = sse.connect(server, TOKEN);

        // 30 heartbeats 100 ms apart span three connection timeouts.
        for (int i = 0; i < 30; i++) {
            stream.next("heartbeat");
        }

        assertEquals(1, SseFixture.stats(server).get("activeConnections").getAsInt());
        Reply sent =
                SseFixture.postSse(
                        server, TOKEN, stream.connectionId(), SseFixture.request(1, "ping", null));
        assertEquals(200, sent.status(), sent::toString);
        assertEquals(1, stream.next("mcp-response").json().get("id").getAsInt());
    }
}
