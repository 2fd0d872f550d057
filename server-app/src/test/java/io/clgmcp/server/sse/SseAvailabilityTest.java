package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code SSE_ENABLED}, and what {@code /health} says about the transport. */
@Timeout(60)
class SseAvailabilityTest {
    private static final String TOKEN = "availability-token";

    @RegisterExtension final SseFixture sse = new SseFixture();

    @Test
    void servesSseByDefaultAndReportsItsStatsInHealth() throws Exception {
        TestServer server = sse.start(Map.of("MCP_AUTH_TOKEN", TOKEN));

        JsonObject before = SseFixture.health(server);
        sse.connect(server, TOKEN);
        JsonObject after = SseFixture.health(server);

        assertEquals(
                JsonParser.parseString("[\"jsonrpc\",\"sse\",\"streamable\"]"),
                before.get("transports"));
        assertEquals(
                JsonParser.parseString(
                        "{\"enabled\":true,\"stats\":{\"totalConnections\":0,"
                                + "\"activeConnections\":0,\"maxConnections\":100,"
                                + "\"maxConnectionsPerCaller\":10,"
                                + "\"heartbeatIntervalMs\":30000}}"),
                before.get("sse"));
        assertEquals(
                JsonParser.parseString(
                        "{\"enabled\":true,\"stats\":{\"totalConnections\":1,"
                                + "\"activeConnections\":1,\"maxConnections\":100,"
                                + "\"maxConnectionsPerCaller\":10,"
                                + "\"heartbeatIntervalMs\":30000}}"),
                after.get("sse"));
    }

    @Test
    void leavesSseOutWhenDisabled() throws Exception {
        TestServer server = sse.start(Map.of("MCP_AUTH_TOKEN", TOKEN, "SSE_ENABLED", "false"));
        String ping =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"protocol\":\"sse\","
                        + "\"connectionId\":\"conn_1_"
                        + "0".repeat(32)
                        + "\"}";

        assertNotFound(server.get("/sse", TestServer.bearer(TOKEN)));
        assertNotFound(server.post("/sse", ping, TestServer.bearer(TOKEN)));
        assertNotFound(
                server.post(
                        "/sse/message?connectionId=conn_1_" + "0".repeat(32),
                        ping,
                        TestServer.bearer(TOKEN)));
        JsonObject health = SseFixture.health(server);
        assertEquals(
                JsonParser.parseString("[\"jsonrpc\",\"streamable\"]"), health.get("transports"));
        assertEquals(false, health.getAsJsonObject("sse").get("enabled").getAsBoolean());
    }

    private static void assertNotFound(Reply reply) {
        assertEquals(404, reply.status(), reply::toString);
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        assertEquals("Not Found", reply.json().get("error").getAsString(), reply::toString);
    }
}
