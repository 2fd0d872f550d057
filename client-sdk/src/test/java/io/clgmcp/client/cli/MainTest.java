package io.clgmcp.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.client.cli.CliServer.Run;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line against our real server, in this JVM: every command over every transport, and
 * every way it can fail, each with its exit code and one line on standard error.
 */
class MainTest {
    /** Nothing listens on port 1: connecting fails at once. */
    private static final String UNREACHABLE = "http://127.0.0.1:1/mcp";

    private static CliServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Each transport and the path our server serves it at. */
    static Stream<Arguments> transports() {
        return Stream.of(
                Arguments.of("jsonrpc", "/rpc"),
                Arguments.of("sse", "/sse"),
                Arguments.of("streamable", "/mcp"),
                Arguments.of("legacy-sse", "/sse"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void toolsPrintsTheToolDescriptors(String transport, String path) {
        Run run = run(transport, path, "tools");

        assertSucceeded(run);
        JsonObject tool =
                named(JsonParser.parseString(run.out()).getAsJsonArray(), "test_simple_text");
        assertEquals("object", tool.getAsJsonObject("inputSchema").get("type").getAsString());
        assertTrue(tool.has("description"), run::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void callPrintsTheToolsResult(String transport, String path) {
        Run run = run(transport, path, "call", "test_simple_text", "{}");

        assertSucceeded(run);
        JsonObject result = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(
                "This is a simple text response for testing.",
                result.getAsJsonArray("content")
                        .get(0)
                        .getAsJsonObject()
                        .get("text")
                        .getAsString());
        assertEquals(false, result.get("isError").getAsBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void readPrintsTheResourcesContents(String transport, String path) {
        Run run = run(transport, path, "read", "test://static-text");

        assertSucceeded(run);
        JsonObject contents =
                JsonParser.parseString(run.out())
                        .getAsJsonObject()
                        .getAsJsonArray("contents")
                        .get(0)
                        .getAsJsonObject();
        assertEquals("test://static-text", contents.get("uri").getAsString());
        assertEquals(
                "This is the content of the static text resource.",
                contents.get("text").getAsString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void resourcesAndPromptsPrintTheirLists(String transport, String path) {
        Run resources = run(transport, path, "resources");
        Run prompts = run(transport, path, "prompts");

        assertSucceeded(resources);
        assertSucceeded(prompts);
        assertTrue(
                uris(JsonParser.parseString(resources.out()).getAsJsonArray())
                        .contains("test://static-text"),
                resources::toString);
        named(JsonParser.parseString(prompts.out()).getAsJsonArray(), "test_simple_prompt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aWrongTokenExits4WithOneLine(String transport, String path) {
        Run run =
                Run.of(
                        "--url",
                        server.url(path),
                        "--transport",
                        transport,
                        "--token",
                        "not-the-token",
                        "tools");

        assertFailed(run, 4, "error: 401 unauthorized: ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void anUnknownToolExits3WithTheServersError(String transport, String path) {
        Run run = run(transport, path, "call", "no_such_tool", "{}");

        assertFailed(run, 3, "error: tools/call failed: ");
        assertTrue(run.err().strip().endsWith("(-32602)"), run::toString);
        assertTrue(run.err().contains("no_such_tool"), run::toString);
    }

    @Test
    void templatesAndPromptWork() {
        Run templates = run("streamable", "/mcp", "templates");
        Run prompt =
                run(
                        "streamable",
                        "/mcp",
                        "prompt",
                        "test_prompt_with_arguments",
                        "{\"arg1\":\"first\",\"arg2\":2}");

        assertSucceeded(templates);
        assertEquals(
                "test://template/{id}/data",
                JsonParser.parseString(templates.out())
                        .getAsJsonArray()
                        .get(0)
                        .getAsJsonObject()
                        .get("uriTemplate")
                        .getAsString());
        assertSucceeded(prompt);
        String text =
                JsonParser.parseString(prompt.out())
                        .getAsJsonObject()
                        .getAsJsonArray("messages")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("content")
                        .get("text")
                        .getAsString();
        assertTrue(text.contains("first") && text.contains("2"), prompt::toString);
    }

    @Test
    void optionsMayFollowTheCommandAndTakeTheirValueAfterAnEqualsSign() {
        Run run =
                Run.of(
                        "call",
                        "echo",
                        "{\"text\":\"hi\"}",
                        "--url=" + server.url("/mcp"),
                        "--token=" + CliServer.TOKEN,
                        "--transport=STREAMABLE");

        assertSucceeded(run);
        assertEquals("hi", text(run));
    }

    @Test
    void theTokenMayComeFromTheEnvironment() {
        Run run =
                Run.of(Map.of("MCP_TOKEN", CliServer.TOKEN), "--url", server.url("/mcp"), "tools");

        assertSucceeded(run);
    }

    @Test
    void printsUnicodeAsIs() {
        Run run = run("streamable", "/mcp", "call", "echo", "{\"text\":\"Zoë ✓ <&> 日本\"}");

        assertSucceeded(run);
        assertEquals("Zoë ✓ <&> 日本", text(run));
        assertTrue(run.out().contains("Zoë ✓ <&> 日本"), run::toString);
    }

    @Test
    void aToolThatReportsAnErrorExits1AndStillPrintsItsResult() {
        Run run = run("streamable", "/mcp", "call", "test_error_handling");

        assertEquals(1, run.code(), run::toString);
        assertTrue(
                JsonParser.parseString(run.out()).getAsJsonObject().get("isError").getAsBoolean(),
                run::toString);
        assertOneLine(run, "error: tool test_error_handling reported an error: ");
    }

    @Test
    void aRequestThatTakesTooLongExits5() {
        Run run =
                Run.of(
                        "--url",
                        server.url("/mcp"),
                        "--token",
                        CliServer.TOKEN,
                        "--timeout",
                        "1",
                        "call",
                        "slow");

        assertFailed(run, 5, "error: timed out: tools/call got no answer within 1000 ms");
    }

    @Test
    void anUnreachableServerExits5() {
        Run run = Run.of("--url", UNREACHABLE, "tools");

        assertFailed(run, 5, "error: initialize: could not reach " + UNREACHABLE);
    }

    @Test
    void anEndpointThatIsNotThereExits5WithTheStatus() {
        Run run = Run.of("--url", server.url("/nowhere"), "--token", CliServer.TOKEN, "tools");

        assertFailed(run, 5, "error: initialize: the server answered HTTP 404");
    }

    /** Each is refused before connecting: the URL, where there is one, has no server. */
    static Stream<List<String>> badCommandLines() {
        return Stream.of(
                List.of(),
                List.of("--url", UNREACHABLE),
                List.of("--url", UNREACHABLE, "frobnicate"),
                List.of("tools"),
                List.of("--url", "ftp://127.0.0.1/mcp", "tools"),
                List.of("--url", "127.0.0.1:8080", "tools"),
                List.of("--url", UNREACHABLE, "--transport", "carrier-pigeon", "tools"),
                List.of("--url", UNREACHABLE, "--timeout", "0", "tools"),
                List.of("--url", UNREACHABLE, "--timeout", "soon", "tools"),
                List.of("--url", UNREACHABLE, "--verbose", "tools"),
                List.of("--url", UNREACHABLE, "tools", "extra"),
                List.of("--url", UNREACHABLE, "call"),
                List.of("--url", UNREACHABLE, "call", "echo", "{\"text\":"),
                List.of("--url", UNREACHABLE, "call", "echo", "[1, 2]"),
                List.of("--url", UNREACHABLE, "call", "echo", "{}", "more"),
                List.of("--url", UNREACHABLE, "read"),
                List.of("--url", UNREACHABLE, "prompt", "p", "{\"a\":{\"b\":1}}"),
                List.of("--url", UNREACHABLE, "conformance"),
                List.of("tools", "--url"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void aBadCommandLineExits2WithOneLine(List<String> args) {
        Run run = Run.of(args.toArray(String[]::new));

        assertFailed(run, 2, "error: ");
    }

    @Test
    void aBadJsonArgumentSaysWhatIsWrong() {
        Run run = Run.of("--url", UNREACHABLE, "call", "echo", "{\"text\":");

        assertFailed(run, 2, "error: the tool's arguments: not valid JSON (");
    }

    @Test
    void helpPrintsTheUsageAndExits0() {
        Run run = Run.of("--help");

        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().startsWith("Usage: java -jar clg-mcp-client.jar"), run::toString);
        for (String word : List.of("--url", "--transport", "--token", "--timeout", "call NAME")) {
            assertTrue(run.out().contains(word), () -> word + " is missing from " + run);
        }
        assertEquals("", run.err());
    }

    @Test
    void conformanceNeedsAKnownScenario() {
        Run unset = Run.of("conformance", server.url("/mcp"));
        Run unknown =
                Run.of(
                        Map.of("MCP_CONFORMANCE_SCENARIO", "auth/everything"),
                        "conformance",
                        server.url("/mcp"));

        assertFailed(unset, 2, "error: MCP_CONFORMANCE_SCENARIO is not set");
        assertFailed(unknown, 2, "error: unknown conformance scenario 'auth/everything'");
    }

    @Test
    void theElicitationHandlerAcceptsEveryDefault() {
        JsonObject params =
                JsonParser.parseString(
                                """
                                {"message":"m","requestedSchema":{"type":"object","properties":{
                                  "name":{"type":"string","default":"John Doe"},
                                  "age":{"type":"integer","default":30},
                                  "score":{"type":"number","default":95.5},
                                  "verified":{"type":"boolean","default":true},
                                  "nickname":{"type":"string"}}}}
                                """)
                        .getAsJsonObject();

        JsonObject answer = Conformance.acceptDefaults(params);

        assertEquals(
                JsonParser.parseString(
                        """
                        {"action":"accept","content":{"name":"John Doe","age":30,"score":95.5,
                         "verified":true}}
                        """),
                answer);
    }

    private static Run run(String transport, String path, String... command) {
        String[] args = new String[command.length + 6];
        args[0] = "--url";
        args[1] = server.url(path);
        args[2] = "--transport";
        args[3] = transport;
        args[4] = "--token";
        args[5] = CliServer.TOKEN;
        System.arraycopy(command, 0, args, 6, command.length);
        return Run.of(args);
    }

    private static void assertSucceeded(Run run) {
        assertEquals(0, run.code(), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    private static void assertFailed(Run run, int code, String errorStart) {
        assertEquals(code, run.code(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertOneLine(run, errorStart);
    }

    private static void assertOneLine(Run run, String errorStart) {
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().startsWith(errorStart), run::toString);
    }

    private static JsonObject named(JsonArray items, String name) {
        for (JsonElement item : items) {
            if (name.equals(item.getAsJsonObject().get("name").getAsString())) {
                return item.getAsJsonObject();
            }
        }
        throw new AssertionError(name + " is not among " + items);
    }

    private static List<String> uris(JsonArray items) {
        return items.asList().stream()
                .map(item -> item.getAsJsonObject().get("uri").getAsString())
                .toList();
    }

    private static String text(Run run) {
        return JsonParser.parseString(run.out())
                .getAsJsonObject()
                .getAsJsonArray("content")
                .get(0)
                .getAsJsonObject()
                .get("text")
                .getAsString();
    }
}
