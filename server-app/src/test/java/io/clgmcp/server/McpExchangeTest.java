package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.clgmcp.core.ProtocolVersions;
import io.clgmcp.server.TestServer.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MCP over {@code POST /rpc}, against the real server with tools a test module contributes. */
@Timeout(30)
class McpExchangeTest {
    private static final String TOKEN = "exchange-token";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server =
                TestServer.start(
                        Map.of("MCP_AUTH_TOKEN", TOKEN), TestTools.echo(), TestTools.failing());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Reply rpc(String method, JsonObject params) throws Exception {
        Reply reply = server.rpc(TOKEN, method, params);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("2.0", reply.json().get("jsonrpc").getAsString());
        assertEquals(1, reply.json().get("id").getAsInt());
        return reply;
    }

    private static JsonObject initialize(String protocolVersion) {
        JsonObject clientInfo = new JsonObject();
        clientInfo.addProperty("name", "server-app-test");
        clientInfo.addProperty("version", "1.0");
        JsonObject params = new JsonObject();
        params.addProperty("protocolVersion", protocolVersion);
        params.add("capabilities", new JsonObject());
        params.add("clientInfo", clientInfo);
        return params;
    }

    /** Calls a tool and expects an invalid-params error whose message names {@code named}. */
    private static void assertInvalidParams(JsonObject toolCall, String named) throws Exception {
        JsonObject error = rpc("tools/call", toolCall).error();

        assertEquals(-32602, error.get("code").getAsInt());
        assertTrue(error.get("message").getAsString().contains(named), error::toString);
    }

    private static String firstText(JsonObject result) {
        return result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString();
    }

    @Test
    void initializesWithTheRequestedSupportedVersion() throws Exception {
        JsonObject result = rpc("initialize", initialize("2025-06-18")).result();

        assertEquals("2025-06-18", result.get("protocolVersion").getAsString());
        assertEquals("clg-mcp", result.getAsJsonObject("serverInfo").get("name").getAsString());
        assertTrue(result.getAsJsonObject("capabilities").has("tools"), result::toString);
    }

    @Test
    void offersItsLatestVersionForAnUnknownOne() throws Exception {
        JsonObject result = rpc("initialize", initialize("1999-01-01")).result();

        assertEquals(ProtocolVersions.LATEST, result.get("protocolVersion").getAsString());
        assertEquals("clg-mcp", result.getAsJsonObject("serverInfo").get("name").getAsString());
    }

    @Test
    void listsTheContributedTools() throws Exception {
        JsonArray tools = rpc("tools/list", new JsonObject()).result().getAsJsonArray("tools");

        List<String> names = new ArrayList<>();
        for (JsonElement tool : tools) {
            names.add(tool.getAsJsonObject().get("name").getAsString());
        }
        List<String> offered = new ArrayList<>(TestTools.GENEALOGY_TOOLS);
        offered.addAll(List.of("echo", "explode"));
        assertEquals(offered, names);
        JsonObject echo = tools.get(names.indexOf("echo")).getAsJsonObject();
        assertEquals("Says the text back", echo.get("description").getAsString());
        assertEquals("object", echo.getAsJsonObject("inputSchema").get("type").getAsString());
    }

    @Test
    void callsAContributedTool() throws Exception {
        JsonObject result =
                rpc("tools/call", TestServer.toolCall("echo", "{\"text\":\"Cyndi's List\"}"))
                        .result();

        assertFalse(result.get("isError").getAsBoolean(), result::toString);
        assertEquals("echo: Cyndi's List", firstText(result));
    }

    @Test
    void servesTheSameExchangeOnTheLegacyRootEndpoint() throws Exception {
        Reply reply =
                server.post(
                        "/",
                        TestServer.request(
                                "tools/call", TestServer.toolCall("echo", "{\"text\":\"root\"}")),
                        TestServer.bearer(TOKEN));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("echo: root", reply.firstText());
    }

    @Test
    void refusesInvalidArgumentsNamingTheField() throws Exception {
        assertInvalidParams(TestServer.toolCall("echo", "{\"text\":42}"), "text");
    }

    @Test
    void refusesMissingRequiredArguments() throws Exception {
        assertInvalidParams(TestServer.toolCall("echo", "{}"), "text");
    }

    @Test
    void refusesAnUnknownToolAsInvalidParams() throws Exception {
        assertInvalidParams(TestServer.toolCall("no_such_tool", "{}"), "no_such_tool");
    }

    @Test
    void reportsAThrowingToolAsAnErrorResultWithoutStackTrace() throws Exception {
        Reply reply = rpc("tools/call", TestServer.toolCall("explode", "{}"));

        JsonObject result = reply.result();
        assertTrue(result.get("isError").getAsBoolean(), result::toString);
        String text = firstText(result);
        assertTrue(text.contains("the fuse was lit"), text);
        assertFalse(reply.body().contains("\\tat "), reply::toString);
        assertFalse(reply.body().contains("\tat "), reply::toString);
        assertFalse(reply.body().contains(".java:"), reply::toString);
        assertFalse(reply.body().contains("IllegalStateException"), reply::toString);
        assertNull(reply.json().get("error"), reply::toString);
    }

    @Test
    void answersAnUnknownMethodWithMethodNotFound() throws Exception {
        JsonObject error = rpc("resources/list", new JsonObject()).error();

        assertEquals(-32601, error.get("code").getAsInt());
    }
}
