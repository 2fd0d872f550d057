package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code SSE_MAX_CONNECTIONS}, and the exact counts {@code /health} keeps. */
@Timeout(60)
class SseConnectionLimitTest {
    private static final String TOKEN = "limit-token";

    @RegisterExtension final SseFixture sse = new SseFixture();

    @Test
    void refusesAStreamOverTheLimitUntilOneCloses() throws Exception {
        TestServer server =
                sse.start(
                        Map.of(
                                "MCP_AUTH_TOKEN", TOKEN,
                                "SSE_MAX_CONNECTIONS", "2",
                                "SSE_HEARTBEAT_INTERVAL", "100"));
        Stream first = sse.connect(server, TOKEN);
        sse.connect(server, TOKEN);

        Reply refused = server.get("/sse", TestServer.bearer(TOKEN));

        assertEquals(503, refused.status(), refused::toString);
        String retryAfter = refused.header("Retry-After").orElse("");
        assertTrue(retryAfter.matches("\\d+"), () -> "Retry-After: " + refused.headers());
        assertEquals(
                JsonParser.parseString("{\"error\":\"Too many SSE connections\",\"code\":-32000}"),
                refused.json());
        JsonObject full = SseFixture.stats(server);
        assertEquals(2, full.get("activeConnections").getAsInt(), full::toString);
        assertEquals(2, full.get("totalConnections").getAsInt(), full::toString);
        assertEquals(2, full.get("maxConnections").getAsInt(), full::toString);

        first.close();
        SseFixture.awaitStat(server, "activeConnections", 1);
        Stream third = sse.connect(server, TOKEN);

        assertEquals("endpoint", third.next().type());
        JsonObject after = SseFixture.stats(server);
        assertEquals(2, after.get("activeConnections").getAsInt(), after::toString);
        assertEquals(3, after.get("totalConnections").getAsInt(), after::toString);
    }

    @Test
    void admitsExactlyTheLimitWhenManyConnectAtOnce() throws Exception {
        TestServer server =
                sse.start(
                        Map.of(
                                "MCP_AUTH_TOKEN", TOKEN,
                                "SSE_MAX_CONNECTIONS", "5",
                                "SSE_HEARTBEAT_INTERVAL", "100"));
        List<Stream> streams = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            streams.add(sse.open(server, TOKEN)); // all opening at once
        }

        Map<Integer, Long> statuses =
                streams.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Stream::awaitStatus, TreeMap::new, Collectors.counting()));

        assertEquals(Map.of(200, 5L, 503, 10L), statuses);
        JsonObject stats = SseFixture.stats(server);
        assertEquals(5, stats.get("activeConnections").getAsInt(), stats::toString);
        assertEquals(5, stats.get("totalConnections").getAsInt(), stats::toString);
    }
}
