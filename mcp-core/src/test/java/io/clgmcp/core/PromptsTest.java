package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.errorOf;
import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcError;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code prompts/list} and {@code prompts/get}, with the argument checks before a prompt runs. */
@Timeout(30)
class PromptsTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);

    /** The arguments each {@code greet} call got, in order. */
    private final List<Map<String, String>> greetings = new CopyOnWriteArrayList<>();

    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .prompt(
                            new Prompt(
                                    "greet",
                                    "Greeting",
                                    "Greets someone",
                                    List.of(
                                            new Prompt.Argument("name", "Who to greet", true, null),
                                            new Prompt.Argument("style", null, false, null)),
                                    arguments -> {
                                        greetings.add(arguments);
                                        String style = arguments.get("style");
                                        return new Prompt.Result(
                                                "A greeting",
                                                List.of(
                                                        Prompt.Message.user(
                                                                "Hello, "
                                                                        + arguments.get("name")
                                                                        + (style == null
                                                                                ? ""
                                                                                : " (" + style
                                                                                        + ")"))));
                                    }))
                    .prompt(
                            new Prompt(
                                    "picture",
                                    null,
                                    null,
                                    null,
                                    arguments ->
                                            new Prompt.Result(
                                                    null,
                                                    List.of(
                                                            Prompt.Message.user(
                                                                    new ContentBlock.Image(
                                                                            "iVBORw0KGgo=",
                                                                            "image/png")),
                                                            new Prompt.Message(
                                                                    Prompt.Role.ASSISTANT,
                                                                    new ContentBlock
                                                                            .EmbeddedResource(
                                                                            ResourceContents.text(
                                                                                    "test://static-text",
                                                                                    "text/plain",
                                                                                    "Hello")))))))
                    .build();
    private final Session session = Session.ephemeral();

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void listsPromptsWithTheirArgumentsAndWhichAreRequired() throws Exception {
        JsonObject result = resultOf(exchange(1, "prompts/list", "{}"));

        assertEquals(
                json(
                        "{\"prompts\":[{\"name\":\"greet\",\"title\":\"Greeting\","
                                + "\"description\":\"Greets someone\",\"arguments\":["
                                + "{\"name\":\"name\",\"description\":\"Who to greet\","
                                + "\"required\":true},"
                                + "{\"name\":\"style\",\"required\":false}]},"
                                + "{\"name\":\"picture\"}]}"),
                result);
    }

    @Test
    void fillsInAPromptWithItsArguments() throws Exception {
        JsonObject result =
                resultOf(
                        get(
                                "{\"name\":\"greet\","
                                        + "\"arguments\":{\"name\":\"Ada\",\"style\":\"warmly\"}}"));

        assertEquals(
                json(
                        "{\"description\":\"A greeting\",\"messages\":[{\"role\":\"user\","
                                + "\"content\":{\"type\":\"text\","
                                + "\"text\":\"Hello, Ada (warmly)\"}}]}"),
                result);
        assertEquals(List.of(Map.of("name", "Ada", "style", "warmly")), greetings);
    }

    @Test
    void leavesAnOptionalArgumentOutOfTheHandlersArguments() throws Exception {
        JsonObject result = resultOf(get("{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}"));

        assertEquals(List.of(Map.of("name", "Ada")), greetings);
        assertEquals(
                "Hello, Ada",
                result.getAsJsonArray("messages")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("content")
                        .get("text")
                        .getAsString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"greet\"}",
                "{\"name\":\"greet\",\"arguments\":{}}",
                "{\"name\":\"greet\",\"arguments\":{\"style\":\"warmly\"}}"
            })
    void rejectsPromptGetMissingARequiredArgument(String params) throws Exception {
        JsonRpcError error = errorOf(get(params), ErrorCode.INVALID_PARAMS);

        assertTrue(error.message().contains("missing required argument \"name\""), error.message());
        assertEquals(List.of(), greetings, "the handler must not run");
    }

    @Test
    void rejectsPromptGetWithAnUnknownArgument() throws Exception {
        JsonRpcError error =
                errorOf(
                        get(
                                "{\"name\":\"greet\","
                                        + "\"arguments\":{\"name\":\"Ada\",\"mood\":\"grim\"}}"),
                        ErrorCode.INVALID_PARAMS);

        assertTrue(error.message().contains("unknown argument \"mood\""), error.message());
        assertEquals(List.of(), greetings, "the handler must not run");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "true", "null", "{}", "[\"Ada\"]"})
    void rejectsPromptGetWithANonStringArgumentValue(String value) throws Exception {
        JsonRpcError error =
                errorOf(
                        get("{\"name\":\"greet\",\"arguments\":{\"name\":" + value + "}}"),
                        ErrorCode.INVALID_PARAMS);

        assertTrue(error.message().contains("arguments.name"), error.message());
        assertEquals(List.of(), greetings, "the handler must not run");
    }

    @Test
    void rejectsPromptGetForAnUnknownPromptNamingIt() throws Exception {
        JsonRpcError error =
                errorOf(get("{\"name\":\"nonesuch\",\"arguments\":{}}"), ErrorCode.INVALID_PARAMS);

        assertEquals("Invalid params: unknown prompt: nonesuch", error.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":5}", "{\"arguments\":{\"name\":\"Ada\"}}"})
    void rejectsPromptGetWithoutAPromptName(String params) throws Exception {
        JsonRpcError error = errorOf(get(params), ErrorCode.INVALID_PARAMS);

        assertTrue(error.message().contains("\"name\""), error.message());
        assertEquals(List.of(), greetings, "the handler must not run");
    }

    @Test
    void writesImageAndEmbeddedResourceContentAsTheWireSpellsIt() throws Exception {
        JsonObject result = resultOf(get("{\"name\":\"picture\"}"));

        assertEquals(
                json(
                        "{\"messages\":["
                                + "{\"role\":\"user\",\"content\":{\"type\":\"image\","
                                + "\"data\":\"iVBORw0KGgo=\",\"mimeType\":\"image/png\"}},"
                                + "{\"role\":\"assistant\",\"content\":{\"type\":\"resource\","
                                + "\"resource\":{\"uri\":\"test://static-text\","
                                + "\"mimeType\":\"text/plain\",\"text\":\"Hello\"}}}]}"),
                result);
    }

    @Test
    void declaresPromptsAndCompletionsButNoResourcesAtInitialize() throws Exception {
        JsonObject capabilities =
                resultOf(
                                exchange(
                                        1,
                                        "initialize",
                                        "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                                                + "\"clientInfo\":{\"name\":\"t\","
                                                + "\"version\":\"1\"}}"))
                        .getAsJsonObject("capabilities");

        assertEquals(json("{\"listChanged\":false}"), capabilities.get("prompts"));
        assertEquals(new JsonObject(), capabilities.get("completions"));
        assertFalse(capabilities.has("resources"), capabilities::toString);
        errorOf(exchange(2, "resources/list", null), ErrorCode.METHOD_NOT_FOUND);
    }

    @Test
    void turnsAThrowingHandlerIntoAnInternalErrorNamingThePrompt() throws Exception {
        try (McpServer failing =
                McpServer.builder()
                        .serverInfo(INFO)
                        .prompt(
                                new Prompt(
                                        "broken",
                                        null,
                                        null,
                                        List.of(),
                                        arguments -> {
                                            throw new IllegalStateException("no template today");
                                        }))
                        .build()) {
            JsonRpcResponse response =
                    RecordingSink.exchange(
                            failing, session, request(1, "prompts/get", "{\"name\":\"broken\"}"));

            JsonRpcError error = errorOf(response, ErrorCode.INTERNAL_ERROR);
            assertEquals(
                    "Internal error: prompt broken failed: no template today", error.message());
        }
    }

    private JsonRpcResponse get(String params) throws Exception {
        return exchange(1, "prompts/get", params);
    }

    private JsonRpcResponse exchange(long id, String method, String params) throws Exception {
        return RecordingSink.exchange(server, session, request(id, method, params));
    }

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }
}
