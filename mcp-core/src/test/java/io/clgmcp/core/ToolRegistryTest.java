package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.errorOf;
import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static io.clgmcp.core.RecordingSink.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.internal.Cursors;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ToolRegistryTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);
    private static final List<String> FIVE_TOOLS = List.of("t1", "t2", "t3", "t4", "t5");

    private final List<McpServer> servers = new ArrayList<>();
    private final Session session = Session.ephemeral();

    @AfterEach
    void closeServers() {
        servers.forEach(McpServer::close);
    }

    @Test
    void walksEveryPageThroughOpaqueCursors() throws Exception {
        McpServer server = serverWithPageSize(2, FIVE_TOOLS);
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = listTools(server, cursor == null ? "{}" : cursorParams(cursor));
            pages.add(names(page));
            cursor = page.has("nextCursor") ? page.get("nextCursor").getAsString() : null;
            assertTrue(pages.size() <= FIVE_TOOLS.size(), "the cursors never end");
        } while (cursor != null);

        assertEquals(List.of(List.of("t1", "t2"), List.of("t3", "t4"), List.of("t5")), pages);
    }

    @Test
    void offersNoNextCursorWhenEverythingFitsOnOnePage() throws Exception {
        McpServer server = serverWithPageSize(5, FIVE_TOOLS);

        JsonObject page = listTools(server, null);

        assertEquals(FIVE_TOOLS, names(page));
        assertFalse(page.has("nextCursor"));
    }

    @Test
    void treatsANullCursorAsTheFirstPage() throws Exception {
        McpServer server = serverWithPageSize(2, FIVE_TOOLS);

        JsonObject page = listTools(server, "{\"cursor\":null}");

        assertEquals(List.of("t1", "t2"), names(page));
        assertTrue(page.has("nextCursor"));
    }

    static Stream<String> cursorsNotIssuedForThisList() {
        return Stream.of(
                "garbage!!",
                "",
                "bm90LWEtY3Vyc29y",
                Cursors.encode("resources", 2),
                Cursors.encode("prompts", 2),
                Cursors.encode("tools", 5),
                Cursors.encode("tools", 50),
                Cursors.encode("tools", 0),
                Cursors.encode("tools", -2));
    }

    @ParameterizedTest
    @MethodSource("cursorsNotIssuedForThisList")
    void refusesACursorItDidNotIssue(String cursor) throws Exception {
        McpServer server = serverWithPageSize(2, FIVE_TOOLS);

        JsonRpcResponse response = exchange(server, cursorParams(cursor));

        errorOf(response, ErrorCode.INVALID_PARAMS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"cursor\":5}",
                "{\"cursor\":true}",
                "{\"cursor\":{}}",
                "{\"cursor\":[\"x\"]}"
            })
    void refusesACursorThatIsNotAString(String params) throws Exception {
        McpServer server = serverWithPageSize(2, FIVE_TOOLS);

        String message = errorOf(exchange(server, params), ErrorCode.INVALID_PARAMS).message();

        assertTrue(message.contains("cursor"), message);
    }

    @Test
    void describesEachToolWithItsSchemas() throws Exception {
        Tool full =
                Tool.builder("search")
                        .title("Search")
                        .description("Searches the catalogue")
                        .inputSchema(
                                "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}")
                        .outputSchema(
                                "{\"type\":\"object\",\"properties\":{\"hits\":{\"type\":\"integer\"}}}")
                        .handler(context -> ToolResult.text("none"))
                        .build();
        McpServer server = server(ServerOptions.defaults(), List.of(full, tool("bare")));

        List<JsonElement> tools = toolsOf(listTools(server, null));

        assertEquals(
                JsonParser.parseString(
                        "{\"name\":\"search\",\"title\":\"Search\","
                                + "\"description\":\"Searches the catalogue\","
                                + "\"inputSchema\":{\"type\":\"object\","
                                + "\"properties\":{\"query\":{\"type\":\"string\"}}},"
                                + "\"outputSchema\":{\"type\":\"object\","
                                + "\"properties\":{\"hits\":{\"type\":\"integer\"}}}}"),
                tools.get(0));
        assertEquals(
                JsonParser.parseString(
                        "{\"name\":\"bare\",\"description\":\"The bare tool\","
                                + "\"inputSchema\":{\"type\":\"object\"}}"),
                tools.get(1));
    }

    @Test
    void keepsTheToolsInRegistrationOrder() {
        McpServer server = server(ServerOptions.defaults(), tools(List.of("c", "a", "b")));

        assertEquals(List.of("c", "a", "b"), server.tools().stream().map(Tool::name).toList());
    }

    @Test
    void refusesDuplicateToolNamesNamingThem() {
        IllegalArgumentException failure =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                server(
                                        ServerOptions.defaults(),
                                        tools(List.of("echo", "other", "echo"))));

        assertTrue(
                failure.getMessage().contains("more than one tool is named echo"),
                failure.getMessage());
    }

    @Test
    void refusesAnInvalidInputSchemaNamingTheTool() {
        Tool broken = toolWithInputSchema("broken", "{\"type\":\"object\",\"properties\":5}");

        IllegalArgumentException failure =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> server(ServerOptions.defaults(), List.of(broken)));

        assertTrue(failure.getMessage().contains("broken"), failure.getMessage());
        assertTrue(failure.getMessage().contains("not a valid JSON Schema"), failure.getMessage());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<Tool> tools =
                List.of(
                        tool("echo"),
                        tool("echo"),
                        toolWithInputSchema("broken", "{\"type\":\"object\",\"required\":\"x\"}"));

        IllegalArgumentException failure =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> server(ServerOptions.defaults(), tools));

        assertTrue(failure.getMessage().contains("echo"), failure.getMessage());
        assertTrue(failure.getMessage().contains("broken"), failure.getMessage());
    }

    private McpServer serverWithPageSize(int pageSize, List<String> names) {
        return server(new ServerOptions(pageSize, 1, 0), tools(names));
    }

    private McpServer server(ServerOptions options, List<Tool> tools) {
        McpServer server =
                McpServer.builder().serverInfo(INFO).options(options).tools(tools).build();
        servers.add(server);
        return server;
    }

    private static List<Tool> tools(List<String> names) {
        return names.stream().map(RecordingSink::tool).toList();
    }

    private static Tool toolWithInputSchema(String name, String schema) {
        return Tool.builder(name)
                .description("d")
                .inputSchema(schema)
                .handler(context -> ToolResult.text(name))
                .build();
    }

    private JsonRpcResponse exchange(McpServer server, String params) throws Exception {
        return RecordingSink.exchange(server, session, request(1, "tools/list", params));
    }

    private JsonObject listTools(McpServer server, String params) throws Exception {
        return resultOf(exchange(server, params));
    }

    private static String cursorParams(String cursor) {
        JsonObject params = new JsonObject();
        params.addProperty("cursor", cursor);
        return params.toString();
    }

    private static List<JsonElement> toolsOf(JsonObject page) {
        return StreamSupport.stream(page.getAsJsonArray("tools").spliterator(), false).toList();
    }

    private static List<String> names(JsonObject page) {
        return toolsOf(page).stream()
                .map(tool -> tool.getAsJsonObject().get("name").getAsString())
                .toList();
    }
}
