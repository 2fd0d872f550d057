package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer.Reply;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class HealthEndpointTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private TestServer server;

    private Reply health(Map<String, String> settings) throws Exception {
        server = servers.start(settings, TestTools.echo());
        return server.get("/health");
    }

    @Test
    void answersWithoutAuthenticationEvenWhenTokensAreSet() throws Exception {
        long before = System.currentTimeMillis();

        Reply reply = health(Map.of("MCP_AUTH_TOKEN", "solo-secret", "MCP_AUTH_TOKENS", "a-token"));

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = reply.json();
        assertEquals(
                Set.of(
                        "status",
                        "service",
                        "version",
                        "timestamp",
                        "transports",
                        "sse",
                        "streamable",
                        "refusals",
                        "connectionsPerCaller",
                        "cluster"),
                body.keySet());
        assertEquals(
                JsonParser.parseString("{\"enabled\":false}"),
                body.get("cluster"),
                "a server on its own says so and no more");
        assertEquals("healthy", body.get("status").getAsString());
        assertEquals("clg-mcp", body.get("service").getAsString());
        assertTrue(body.get("version").getAsJsonPrimitive().isString());
        String version = body.get("version").getAsString();
        assertFalse(version.isBlank());
        assertFalse(version.contains("${"), "the build must stamp the version: " + version);
        assertTrue(body.get("timestamp").getAsJsonPrimitive().isNumber());
        assertTrue(body.get("timestamp").getAsLong() >= before, reply::toString);
        assertEquals(
                JsonParser.parseString("[\"jsonrpc\",\"sse\",\"streamable\"]"),
                body.get("transports"));
        assertEquals(
                JsonParser.parseString(
                        "{\"enabled\":true,\"stats\":{\"totalConnections\":0,"
                                + "\"activeConnections\":0,\"maxConnections\":100,"
                                + "\"maxConnectionsPerCaller\":10,"
                                + "\"heartbeatIntervalMs\":30000}}"),
                body.get("sse"));
    }

    @Test
    void answersHeadLikeGetWithoutABody() throws Exception {
        health(Map.of());

        Reply head = server.send("HEAD", "/health", null);

        assertEquals(200, head.status(), head::toString);
        assertEquals("", head.body());
    }

    @Test
    void reportsTheConfiguredSseConnectionLimit() throws Exception {
        Reply reply = health(Map.of("SSE_MAX_CONNECTIONS", "7"));

        assertEquals(200, reply.status(), reply::toString);
        JsonObject stats = reply.json().getAsJsonObject("sse").getAsJsonObject("stats");
        assertEquals(7, stats.get("maxConnections").getAsInt());
        assertEquals(0, stats.get("activeConnections").getAsInt());
    }

    @Test
    void listsEveryTransportByDefault() throws Exception {
        Reply reply = health(Map.of());

        JsonArray transports = reply.json().getAsJsonArray("transports");
        assertEquals(JsonParser.parseString("[\"jsonrpc\",\"sse\",\"streamable\"]"), transports);
    }

    @Test
    void servesJsonRpcWhenChosenExplicitly() throws Exception {
        Reply reply = health(Map.of("MCP_TRANSPORTS", "jsonrpc"));

        assertEquals(JsonParser.parseString("[\"jsonrpc\"]"), reply.json().get("transports"));
        Reply echo = server.callTool("echo", "{\"text\":\"via jsonrpc\"}");
        assertEquals(200, echo.status(), echo::toString);
        assertEquals("echo: via jsonrpc", echo.firstText());
    }

    @Test
    void saysTheSameVersionAsTheServerDescriptionAndHandshake() throws Exception {
        Reply reply = health(Map.of());
        JsonObject initialize = new JsonObject();
        initialize.addProperty("protocolVersion", "2025-06-18");

        String version = reply.json().get("version").getAsString();

        assertEquals(version, server.get("/").json().get("version").getAsString());
        assertEquals(
                version,
                server.rpc(null, "initialize", initialize)
                        .result()
                        .getAsJsonObject("serverInfo")
                        .get("version")
                        .getAsString());
    }
}
