package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of SSE streams and Streamable HTTP sessions opened and ended leave nothing behind: the
 * registries are empty again and {@code /health} counts every one exactly.
 */
class ConnectionLeakTest {
    private static final int SSE_STREAMS = 1000;
    private static final int BATCH = 50;
    private static final int SESSIONS = 1000;
    private static final String ACCEPT = "application/json, text/event-stream";

    @RegisterExtension final SseFixture fixture = new SseFixture();

    @Test
    void streamsOpenedAndClosedLeaveNoConnectionBehind() throws Exception {
        // A client that went away is noticed at the next write, so heartbeats come often here.
        TestServer server =
                fixture.start(
                        Map.of(
                                "SSE_HEARTBEAT_INTERVAL", "100",
                                "SSE_CONNECTION_TIMEOUT", "1000",
                                "SSE_MAX_CONNECTIONS_PER_TOKEN", "0",
                                "RATE_LIMIT_RPS", "0"));

        for (int opened = 0; opened < SSE_STREAMS; opened += BATCH) {
            List<SseFixture.Stream> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add(fixture.open(server, null));
            }
            for (SseFixture.Stream stream : batch) {
                stream.awaitConnected();
                stream.close();
            }
            // Each batch is let go before the next opens, so the connection limit is never hit.
            fixture.awaitStat(server, "activeConnections", 0);
        }

        JsonObject stats = fixture.awaitStat(server, "activeConnections", 0);
        assertEquals(SSE_STREAMS, stats.get("totalConnections").getAsLong(), stats::toString);
    }

    @Test
    void sessionsOpenedAndDeletedLeaveNoSessionBehind() throws Exception {
        TestServer server = fixture.start(Map.of("RATE_LIMIT_RPS", "0"));

        for (int i = 0; i < SESSIONS; i++) {
            String session = initialize(server);
            Reply deleted =
                    server.send(
                            "DELETE",
                            "/mcp",
                            null,
                            "Mcp-Session-Id",
                            session,
                            "MCP-Protocol-Version",
                            "2025-06-18");
            assertEquals(204, deleted.status(), deleted::toString);
        }

        JsonObject streamable = SseFixture.health(server).getAsJsonObject("streamable");
        JsonObject stats = streamable.getAsJsonObject("stats");
        assertEquals(0, stats.get("activeSessions").getAsInt(), stats::toString);
        assertEquals(SESSIONS, stats.get("totalSessions").getAsLong(), stats::toString);
    }

    private static String initialize(TestServer server) throws Exception {
        Reply reply =
                server.post(
                        "/mcp",
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                + "\"clientInfo\":{\"name\":\"leak-check\",\"version\":\"1\"}}}",
                        "Accept",
                        ACCEPT);
        assertEquals(200, reply.status(), reply::toString);
        return reply.header("Mcp-Session-Id").orElseThrow();
    }
}
