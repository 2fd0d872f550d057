package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.errorOf;
import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code completion/complete} for prompt arguments and resource template variables, from the {@link
 * Completer} registered for each.
 */
@Timeout(30)
class CompletionTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);
    private static final List<String> SURNAMES = List.of("Ada", "Alan", "Grace");

    /** What the surname completer was asked: the typed value, then the context, per call. */
    private final List<Object> asked = new CopyOnWriteArrayList<>();

    private final Completer surnames =
            (value, context) -> {
                asked.add(value);
                asked.add(context);
                return SURNAMES.stream().filter(name -> name.startsWith(value)).toList();
            };

    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .prompt(
                            new Prompt(
                                    "greet",
                                    null,
                                    null,
                                    List.of(
                                            new Prompt.Argument("name", null, true, surnames),
                                            new Prompt.Argument("style", null, false, null)),
                                    arguments -> new Prompt.Result(null, List.of())))
                    .prompt(
                            new Prompt(
                                    "count",
                                    null,
                                    null,
                                    List.of(
                                            new Prompt.Argument(
                                                    "n",
                                                    null,
                                                    false,
                                                    (value, context) ->
                                                            IntStream.range(0, 150)
                                                                    .mapToObj(i -> "v" + i)
                                                                    .toList())),
                                    arguments -> new Prompt.Result(null, List.of())))
                    .resourceTemplate(
                            new ResourceTemplate(
                                    "test://template/{id}/data",
                                    "template",
                                    null,
                                    null,
                                    null,
                                    (uri, variables) -> List.of(),
                                    Map.of(
                                            "id",
                                            (value, context) -> List.of(value + "1", value + "2"))))
                    .resourceTemplate(
                            new ResourceTemplate(
                                    "test://plain/{x}",
                                    "plain",
                                    null,
                                    null,
                                    null,
                                    (uri, variables) -> List.of(),
                                    null))
                    .build();
    private final Session session = Session.ephemeral();

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void completesAPromptArgumentWithTheCompletersValues() throws Exception {
        JsonObject result = resultOf(complete(promptRef("greet"), "name", "A", null));

        assertEquals(
                json(
                        "{\"completion\":{\"values\":[\"Ada\",\"Alan\"],\"total\":2,\"hasMore\":false}}"),
                result);
        assertEquals(List.of("A", Map.of()), asked);
    }

    @Test
    void keepsTheFirstHundredOfMoreSuggestionsAndSaysThereAreMore() throws Exception {
        JsonObject completion =
                resultOf(complete(promptRef("count"), "n", "", null)).getAsJsonObject("completion");

        List<String> values =
                completion.getAsJsonArray("values").asList().stream()
                        .map(JsonElement::getAsString)
                        .toList();
        assertEquals(IntStream.range(0, 100).mapToObj(i -> "v" + i).toList(), values);
        assertEquals(150, completion.get("total").getAsInt());
        assertTrue(completion.get("hasMore").getAsBoolean());
    }

    @Test
    void completesAResourceTemplateVariable() throws Exception {
        JsonObject result =
                resultOf(complete(resourceRef("test://template/{id}/data"), "id", "12", null));

        assertEquals(
                json(
                        "{\"completion\":{\"values\":[\"121\",\"122\"],\"total\":2,\"hasMore\":false}}"),
                result);
    }

    @Test
    void answersNoValuesForAPromptArgumentWithoutACompleter() throws Exception {
        JsonObject result = resultOf(complete(promptRef("greet"), "style", "w", null));

        assertEquals(
                json("{\"completion\":{\"values\":[],\"total\":0,\"hasMore\":false}}"), result);
        assertEquals(List.of(), asked, "another argument's completer ran");
    }

    @Test
    void answersNoValuesForATemplateVariableWithoutACompleter() throws Exception {
        JsonObject result = resultOf(complete(resourceRef("test://plain/{x}"), "x", "a", null));

        assertEquals(
                json("{\"completion\":{\"values\":[],\"total\":0,\"hasMore\":false}}"), result);
    }

    @Test
    void givesTheCompleterTheArgumentsInTheContext() throws Exception {
        resultOf(
                complete(
                        promptRef("greet"), "name", "G", "{\"arguments\":{\"style\":\"warmly\"}}"));

        assertEquals(List.of("G", Map.of("style", "warmly")), asked);
    }

    @Test
    void rejectsACompletionForAnUnknownPromptNamingIt() throws Exception {
        JsonRpcError error =
                errorOf(
                        complete(promptRef("nonesuch"), "name", "A", null),
                        ErrorCode.INVALID_PARAMS);

        assertTrue(error.message().contains("nonesuch"), error.message());
        assertEquals(List.of(), asked);
    }

    @Test
    void rejectsACompletionForAnArgumentThePromptDoesNotTake() throws Exception {
        JsonRpcError error =
                errorOf(complete(promptRef("greet"), "mood", "g", null), ErrorCode.INVALID_PARAMS);

        assertTrue(error.message().contains("mood"), error.message());
    }

    @Test
    void answersACompletionForAnUnknownTemplateWithResourceNotFound() throws Exception {
        errorOf(
                complete(resourceRef("test://nonesuch/{id}"), "id", "1", null),
                ErrorCode.RESOURCE_NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ref/tool", "prompt", ""})
    void rejectsAnUnknownReferenceTypeNamingIt(String type) throws Exception {
        JsonObject ref = new JsonObject();
        ref.addProperty("type", type);
        ref.addProperty("name", "greet");

        JsonRpcError error = errorOf(complete(ref, "name", "A", null), ErrorCode.INVALID_PARAMS);

        assertEquals("Invalid params: unknown reference type " + type, error.message());
        assertEquals(List.of(), asked);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"argument\":{\"name\":\"name\",\"value\":\"A\"}}",
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"}}",
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},"
                        + "\"argument\":{\"name\":\"name\"}}",
                "{\"ref\":{\"name\":\"greet\"},\"argument\":{\"name\":\"name\",\"value\":\"A\"}}"
            })
    void rejectsARequestMissingPartOfItsParams(String params) throws Exception {
        errorOf(exchange(params), ErrorCode.INVALID_PARAMS);

        assertEquals(List.of(), asked);
    }

    private JsonRpcResponse complete(JsonObject ref, String argument, String value, String context)
            throws Exception {
        JsonObject params = new JsonObject();
        params.add("ref", ref);
        JsonObject typed = new JsonObject();
        typed.addProperty("name", argument);
        typed.addProperty("value", value);
        params.add("argument", typed);
        if (context != null) {
            params.add("context", json(context));
        }
        return exchange(params.toString());
    }

    private JsonRpcResponse exchange(String params) throws Exception {
        return RecordingSink.exchange(server, session, request(1, "completion/complete", params));
    }

    private static JsonObject promptRef(String name) {
        JsonObject ref = new JsonObject();
        ref.addProperty("type", "ref/prompt");
        ref.addProperty("name", name);
        return ref;
    }

    private static JsonObject resourceRef(String uri) {
        JsonObject ref = new JsonObject();
        ref.addProperty("type", "ref/resource");
        ref.addProperty("uri", uri);
        return ref;
    }

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }
}
