package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.ProtocolVersions;
import io.clgmcp.server.TestServer.Reply;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /}. */
@Timeout(30)
class ServerDescriptionTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private TestServer server;

    private static Map<String, Boolean> authByPath(JsonArray endpoints) {
        Map<String, Boolean> auth = new HashMap<>();
        for (JsonElement endpoint : endpoints) {
            JsonObject object = endpoint.getAsJsonObject();
            auth.put(object.get("path").getAsString(), object.get("auth").getAsBoolean());
        }
        return auth;
    }

    @Test
    void describesTheServerWithoutAuthentication() throws Exception {
        server = servers.start(Map.of("MCP_AUTH_TOKENS", "a-token,b-token"), TestTools.echo());

        Reply reply = server.get("/");

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/json"));
        JsonObject about = reply.json();
        assertEquals("clg-mcp", about.get("name").getAsString());
        assertEquals(
                server.get("/health").json().get("version").getAsString(),
                about.get("version").getAsString());
        JsonArray protocolVersions = new JsonArray();
        ProtocolVersions.SUPPORTED.forEach(protocolVersions::add);
        assertEquals(protocolVersions, about.get("protocolVersions"));
        assertEquals(
                JsonParser.parseString("[\"jsonrpc\",\"sse\",\"streamable\"]"),
                about.get("transports"));
        assertEquals(
                Map.of(
                        "/rpc", true,
                        "/", true,
                        "/sse", true,
                        "/sse/message", true,
                        "/mcp", true,
                        "/health", false),
                authByPath(about.getAsJsonArray("endpoints")));
    }

    @Test
    void marksEndpointsOpenWhenNoTokenIsConfigured() throws Exception {
        server = servers.start(Map.of(), TestTools.echo());

        JsonObject about = server.get("/").json();

        assertEquals(
                Map.of(
                        "/rpc", false,
                        "/", false,
                        "/sse", false,
                        "/sse/message", false,
                        "/mcp", false,
                        "/health", false),
                authByPath(about.getAsJsonArray("endpoints")));
    }
}
