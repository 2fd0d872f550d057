package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.errorOf;
import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcError;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code resources/list}, {@code resources/templates/list} and {@code resources/read}, and what a
 * server with resources declares at {@code initialize}.
 */
@Timeout(30)
class ResourcesTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);
    private static final String TEMPLATE = "test://template/{id}/data";

    /** What the template's reader was given, one entry per read: the URI, then the variables. */
    private final List<Object> templateReads = new CopyOnWriteArrayList<>();

    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .resource(
                            new Resource(
                                    "test://static-text",
                                    "static-text",
                                    "Static text",
                                    "A greeting that never changes",
                                    "text/plain",
                                    uri ->
                                            List.of(
                                                    ResourceContents.text(
                                                            uri, "text/plain", "Hello, world"))))
                    .resource(
                            new Resource(
                                    "test://static-blob",
                                    "static-blob",
                                    null,
                                    null,
                                    "application/octet-stream",
                                    uri ->
                                            List.of(
                                                    ResourceContents.blob(
                                                            uri,
                                                            "application/octet-stream",
                                                            new byte[] {0, 1, 2, (byte) 0xff}))))
                    .resource(
                            new Resource(
                                    "test://broken",
                                    "broken",
                                    null,
                                    null,
                                    null,
                                    uri -> {
                                        throw new IOException("the archive is offline");
                                    }))
                    .resourceTemplate(
                            new ResourceTemplate(
                                    TEMPLATE,
                                    "template-data",
                                    "Template data",
                                    "Data by id",
                                    "application/json",
                                    (uri, variables) -> {
                                        templateReads.add(uri);
                                        templateReads.add(variables);
                                        return List.of(
                                                ResourceContents.text(
                                                        uri,
                                                        "application/json",
                                                        "{\"id\":\""
                                                                + variables.get("id")
                                                                + "\"}"));
                                    },
                                    null))
                    .build();
    private final Session session = Session.ephemeral();

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void listsResourcesWithTheirDescriptorsLeavingOutWhatIsUnset() throws Exception {
        JsonObject result = resultOf(exchange(1, "resources/list", "{}"));

        assertEquals(
                json(
                        "{\"resources\":["
                                + "{\"uri\":\"test://static-text\",\"name\":\"static-text\","
                                + "\"title\":\"Static text\","
                                + "\"description\":\"A greeting that never changes\","
                                + "\"mimeType\":\"text/plain\"},"
                                + "{\"uri\":\"test://static-blob\",\"name\":\"static-blob\","
                                + "\"mimeType\":\"application/octet-stream\"},"
                                + "{\"uri\":\"test://broken\",\"name\":\"broken\"}]}"),
                result);
    }

    @Test
    void pagesResourcesWithANextCursorWhenThePageIsFull() throws Exception {
        try (McpServer paged =
                McpServer.builder()
                        .serverInfo(INFO)
                        .options(new ServerOptions(2, 1, 10))
                        .resource(textResource("test://a"))
                        .resource(textResource("test://b"))
                        .resource(textResource("test://c"))
                        .build()) {
            JsonObject first = resultOf(exchange(paged, 1, "resources/list", null));
            assertEquals(List.of("test://a", "test://b"), urisOf(first));
            assertTrue(first.has("nextCursor"), first::toString);

            JsonObject cursor = new JsonObject();
            cursor.add("cursor", first.get("nextCursor"));
            JsonObject second = resultOf(exchange(paged, 2, "resources/list", cursor.toString()));

            assertEquals(List.of("test://c"), urisOf(second));
            assertFalse(second.has("nextCursor"), second::toString);
        }
    }

    @Test
    void refusesACursorIssuedByToolsList() throws Exception {
        try (McpServer paged =
                McpServer.builder()
                        .serverInfo(INFO)
                        .options(new ServerOptions(1, 1, 10))
                        .tool(RecordingSink.tool("one"))
                        .tool(RecordingSink.tool("two"))
                        .resource(textResource("test://a"))
                        .resource(textResource("test://b"))
                        .build()) {
            JsonObject tools = resultOf(exchange(paged, 1, "tools/list", null));
            JsonObject cursor = new JsonObject();
            cursor.add("cursor", tools.get("nextCursor"));

            JsonRpcError error =
                    errorOf(
                            exchange(paged, 2, "resources/list", cursor.toString()),
                            ErrorCode.INVALID_PARAMS);

            assertTrue(error.message().contains("cursor"), error.message());
        }
    }

    @Test
    void listsResourceTemplatesWithTheirDescriptors() throws Exception {
        JsonObject result = resultOf(exchange(1, "resources/templates/list", null));

        assertEquals(
                json(
                        "{\"resourceTemplates\":[{\"uriTemplate\":\"test://template/{id}/data\","
                                + "\"name\":\"template-data\",\"title\":\"Template data\","
                                + "\"description\":\"Data by id\","
                                + "\"mimeType\":\"application/json\"}]}"),
                result);
    }

    @Test
    void readsATextResource() throws Exception {
        JsonObject result =
                resultOf(exchange(1, "resources/read", "{\"uri\":\"test://static-text\"}"));

        assertEquals(
                json(
                        "{\"contents\":[{\"uri\":\"test://static-text\","
                                + "\"mimeType\":\"text/plain\",\"text\":\"Hello, world\"}]}"),
                result);
    }

    @Test
    void readsABlobResourceAsBase64() throws Exception {
        JsonObject result =
                resultOf(exchange(1, "resources/read", "{\"uri\":\"test://static-blob\"}"));

        assertEquals(
                json(
                        "{\"contents\":[{\"uri\":\"test://static-blob\","
                                + "\"mimeType\":\"application/octet-stream\","
                                + "\"blob\":\"AAEC/w==\"}]}"),
                result);
    }

    @Test
    void readsThroughATemplateGivingTheReaderTheVariables() throws Exception {
        JsonObject result =
                resultOf(exchange(1, "resources/read", "{\"uri\":\"test://template/123/data\"}"));

        assertEquals(List.of("test://template/123/data", Map.of("id", "123")), templateReads);
        assertEquals(
                json(
                        "{\"contents\":[{\"uri\":\"test://template/123/data\","
                                + "\"mimeType\":\"application/json\","
                                + "\"text\":\"{\\\"id\\\":\\\"123\\\"}\"}]}"),
                result);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "test://nonesuch",
                "test://static-text/more",
                "test://template//data",
                "test://template/1/2/data",
                "test://template/123/data/"
            })
    void answersAnUnknownUriWithResourceNotFoundNamingIt(String uri) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);

        JsonRpcError error =
                errorOf(
                        exchange(1, "resources/read", params.toString()),
                        ErrorCode.RESOURCE_NOT_FOUND);

        assertEquals(-32002, error.code());
        assertTrue(error.message().contains(uri), error.message());
        JsonObject data = new JsonObject();
        data.addProperty("uri", uri);
        assertEquals(data, error.data());
        assertEquals(List.of(), templateReads, "the template reader ran");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"uri\":5}"})
    void refusesAReadWithoutAUriString(String params) throws Exception {
        JsonRpcError error =
                errorOf(exchange(1, "resources/read", params), ErrorCode.INVALID_PARAMS);

        assertTrue(error.message().contains("uri"), error.message());
    }

    @Test
    void turnsAThrowingReaderIntoAnInternalErrorWithoutAStackTrace() throws Exception {
        JsonRpcResponse response = exchange(1, "resources/read", "{\"uri\":\"test://broken\"}");

        JsonRpcError error = errorOf(response, ErrorCode.INTERNAL_ERROR);
        assertEquals(
                "Internal error: reading test://broken failed: the archive is offline",
                error.message());
        assertNull(error.data());
    }

    @Test
    void refusesToBuildWithARepeatedUriOrABadTemplateNamingEachProblem() {
        McpServer.Builder builder =
                McpServer.builder()
                        .serverInfo(INFO)
                        .resource(textResource("test://twice"))
                        .resource(textResource("test://twice"))
                        .resourceTemplate(template("test://reserved/{+path}"));

        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, builder::build);

        String message = refused.getMessage();
        assertTrue(message.contains("more than one resource has the URI test://twice"), message);
        assertTrue(message.contains("test://reserved/{+path}"), message);
    }

    @Test
    void refusesToBuildWithATemplateNamingAVariableTwice() {
        McpServer.Builder builder =
                McpServer.builder().serverInfo(INFO).resourceTemplate(template("test://{x}/{x}"));

        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(refused.getMessage().contains("{x} twice"), refused.getMessage());
    }

    @Test
    void declaresSubscribableResourcesAndCompletionsAtInitialize() throws Exception {
        JsonObject capabilities = capabilitiesOf(server);

        assertEquals(
                json("{\"subscribe\":true,\"listChanged\":false}"), capabilities.get("resources"));
        assertEquals(new JsonObject(), capabilities.get("completions"));
        assertFalse(capabilities.has("prompts"), capabilities::toString);
    }

    @Test
    void declaresNeitherResourcesNorCompletionsWithoutResourcesOrPrompts() throws Exception {
        try (McpServer tools =
                McpServer.builder().serverInfo(INFO).tool(RecordingSink.tool("one")).build()) {
            JsonObject capabilities = capabilitiesOf(tools);

            assertTrue(capabilities.has("tools"), capabilities::toString);
            assertFalse(capabilities.has("resources"), capabilities::toString);
            assertFalse(capabilities.has("prompts"), capabilities::toString);
            assertFalse(capabilities.has("completions"), capabilities::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "resources/list",
                "resources/templates/list",
                "resources/read",
                "resources/subscribe",
                "completion/complete"
            })
    void answersResourceMethodsWithMethodNotFoundWithoutResources(String method) throws Exception {
        try (McpServer tools =
                McpServer.builder().serverInfo(INFO).tool(RecordingSink.tool("one")).build()) {
            JsonRpcError error =
                    errorOf(
                            exchange(tools, 1, method, "{\"uri\":\"test://static-text\"}"),
                            ErrorCode.METHOD_NOT_FOUND);

            assertEquals("Method not found: " + method, error.message());
        }
    }

    private JsonObject capabilitiesOf(McpServer target) throws Exception {
        JsonObject result =
                resultOf(
                        exchange(
                                target,
                                1,
                                "initialize",
                                "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}"));
        return result.getAsJsonObject("capabilities");
    }

    private static Resource textResource(String uri) {
        return new Resource(
                uri,
                uri.substring("test://".length()),
                null,
                null,
                "text/plain",
                read -> List.of(ResourceContents.text(read, "text/plain", read)));
    }

    private static ResourceTemplate template(String uriTemplate) {
        return new ResourceTemplate(
                uriTemplate, "template", null, null, null, (uri, variables) -> List.of(), null);
    }

    private static List<String> urisOf(JsonObject page) {
        return page.getAsJsonArray("resources").asList().stream()
                .map(each -> each.getAsJsonObject().get("uri").getAsString())
                .toList();
    }

    private JsonRpcResponse exchange(long id, String method, String params) throws Exception {
        return exchange(server, id, method, params);
    }

    private JsonRpcResponse exchange(McpServer target, long id, String method, String params)
            throws Exception {
        return RecordingSink.exchange(target, session, request(id, method, params));
    }

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }
}
