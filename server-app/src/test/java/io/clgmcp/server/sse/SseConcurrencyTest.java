package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.Event;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many connections and many POSTs at once: every response on its own connection. */
@Timeout(120)
class SseConcurrencyTest {
    private static final String TOKEN = "concurrency-token";
    private static final int CONNECTIONS = 20;
    private static final int REQUESTS_EACH = 10;

    @RegisterExtension final SseFixture sse = new SseFixture();

    private static long idOf(int connection, int request) {
        return connection * 1000L + request;
    }

    private static String textOf(long id) {
        return "request " + id;
    }

    @Test
    void deliversEveryResponseToItsOwnConnectionOnly() throws Exception {
        TestServer server =
                sse.start(
                        Map.of(
                                "MCP_AUTH_TOKEN", TOKEN,
                                "SSE_HEARTBEAT_INTERVAL", "100",
                                "RATE_LIMIT_RPS", "0",
                                "SSE_MAX_CONNECTIONS_PER_TOKEN", "0"),
                        SseFixture.say());
        List<Stream> streams = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            streams.add(sse.open(server, TOKEN)); // all opening at once
        }
        streams.forEach(Stream::awaitConnected);
        assertEquals(CONNECTIONS, SseFixture.stats(server).get("activeConnections").getAsInt());

        ExecutorService posters = Executors.newFixedThreadPool(CONNECTIONS * 2);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int r = 0; r < REQUESTS_EACH; r++) {
                for (int c = 0; c < CONNECTIONS; c++) {
                    String connectionId = streams.get(c).connectionId();
                    long id = idOf(c, r);
                    JsonObject call =
                            SseFixture.toolCall(id, "say", "{\"text\":\"" + textOf(id) + "\"}");
                    replies.add(
                            posters.submit(
                                    () -> SseFixture.postSse(server, TOKEN, connectionId, call)));
                }
            }
            for (Future<Reply> future : replies) {
                Reply reply = future.get(SseFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertEquals(200, reply.status(), reply::toString);
                assertEquals(JsonParser.parseString("{\"status\":\"sent\"}"), reply.json());
            }
        } finally {
            posters.shutdownNow();
            assertTrue(posters.awaitTermination(10, TimeUnit.SECONDS));
        }

        for (int c = 0; c < CONNECTIONS; c++) {
            Stream stream = streams.get(c);
            Set<Long> expected = new HashSet<>();
            for (int r = 0; r < REQUESTS_EACH; r++) {
                expected.add(idOf(c, r));
            }
            Map<Long, String> received = new HashMap<>();
            for (int r = 0; r < REQUESTS_EACH; r++) {
                JsonObject data = stream.next("mcp-response", "mcp-notification", "message").json();
                assertEquals(stream.connectionId(), data.get("connectionId").getAsString());
                long id = data.get("id").getAsLong();
                assertTrue(
                        expected.contains(id), () -> "connection got another's response: " + data);
                assertEquals(null, received.put(id, SseFixture.firstText(data)), data::toString);
                assertEquals("said: " + textOf(id), SseFixture.firstText(data));
            }
            assertEquals(expected, received.keySet());
        }
        // Every one of the 200 responses has been accounted for; nothing else may be waiting.
        for (Stream stream : streams) {
            for (Event left : stream.drain()) {
                assertEquals("heartbeat", left.type(), left::toString);
            }
            stream.assertIdsGrowByOne();
        }

        streams.forEach(Stream::close); // all going away at once
        JsonObject stats = SseFixture.awaitStat(server, "activeConnections", 0);
        assertEquals(CONNECTIONS, stats.get("totalConnections").getAsInt(), stats::toString);
    }
}
