package io.clgmcp.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.client.EverythingServer;
import io.clgmcp.client.ScriptedStdioServer;
import io.clgmcp.client.cli.CliServer.Run;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line launching its server with {@code --command}, in this JVM: every command against
 * the official "everything" server over stdio, the failures of a server that cannot start or exits,
 * and the options that do not go with {@code --command}. No run leaves its server running.
 */
@Timeout(120)
class MainStdioTest {
    private static final String EVERYTHING = String.join(" ", EverythingServer.stdioCommand());

    @Test
    void toolsPrintsTheToolDescriptors() {
        Run run = runLeavingNothingRunning(Map.of(), "--command", EVERYTHING, "tools");

        assertSucceeded(run);
        JsonObject echo = named(JsonParser.parseString(run.out()).getAsJsonArray(), "echo");
        assertEquals("Echoes back the input string", echo.get("description").getAsString());
    }

    @Test
    void callPrintsTheToolsResultAndOptionsMayFollowTheCommand() {
        Run run =
                runLeavingNothingRunning(
                        Map.of(),
                        "call",
                        "echo",
                        "{\"message\":\"Zoë ✓ 日本\"}",
                        "--command=" + EVERYTHING,
                        "--timeout",
                        "30");

        assertSucceeded(run);
        JsonObject result = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(
                "Echo: Zoë ✓ 日本",
                result.getAsJsonArray("content")
                        .get(0)
                        .getAsJsonObject()
                        .get("text")
                        .getAsString());
    }

    @Test
    void resourcesTemplatesReadPromptsAndPromptWork() {
        Run resources = Run.of("--command", EVERYTHING, "resources");
        Run templates = Run.of("--command", EVERYTHING, "templates");
        String uri = "demo://resource/static/document/instructions.md";
        Run read = Run.of("--command", EVERYTHING, "read", uri);
        Run prompts = Run.of("--command", EVERYTHING, "prompts");
        Run prompt =
                Run.of("--command", EVERYTHING, "prompt", "args-prompt", "{\"city\":\"Lyon\"}");

        for (Run run : List.of(resources, templates, read, prompts, prompt)) {
            assertSucceeded(run);
        }
        assertTrue(
                values(JsonParser.parseString(resources.out()).getAsJsonArray(), "uri")
                        .contains(uri),
                resources::toString);
        assertTrue(
                values(JsonParser.parseString(templates.out()).getAsJsonArray(), "uriTemplate")
                        .contains("demo://resource/dynamic/text/{resourceId}"),
                templates::toString);
        assertEquals(
                uri,
                JsonParser.parseString(read.out())
                        .getAsJsonObject()
                        .getAsJsonArray("contents")
                        .get(0)
                        .getAsJsonObject()
                        .get("uri")
                        .getAsString());
        named(JsonParser.parseString(prompts.out()).getAsJsonArray(), "args-prompt");
        assertTrue(prompt.out().contains("What's weather in Lyon?"), prompt::toString);
    }

    @Test
    void theTokenOfTheEnvironmentIsNotForALaunchedServer() {
        Run run =
                runLeavingNothingRunning(
                        Map.of("MCP_TOKEN", "a-token-for-http-servers"),
                        "--command",
                        EVERYTHING,
                        "tools");

        assertSucceeded(run);
    }

    @Test
    void aServerThatExitsAtOnceExits5WithItsStatusAndLastWords() {
        Run run =
                runLeavingNothingRunning(
                        Map.of(),
                        "--command",
                        String.join(" ", ScriptedStdioServer.command("exits")),
                        "tools");

        // Whether writing initialize failed or reading its answer did, the line says why.
        assertFailed(run, 5, "error: ");
        assertTrue(
                run.err()
                        .contains(
                                "the server process exited with status 3; its standard error"
                                        + " ended with: scripted server: no configuration, giving"
                                        + " up"),
                run::toString);
    }

    @Test
    void aProgramThatIsNotThereExits5() {
        Run run = Run.of("--command", "/no/such/mcp-server --stdio", "tools");

        assertFailed(
                run,
                5,
                "error: connect: could not start the server command '/no/such/mcp-server"
                        + " --stdio'");
    }

    /** Each is refused before anything is launched. */
    static Stream<List<String>> badCommandLines() {
        return Stream.of(
                List.of("--command", "", "tools"),
                List.of("--command", "   ", "tools"),
                List.of("--command", EVERYTHING, "--url", "http://127.0.0.1:1/mcp", "tools"),
                List.of("--command", EVERYTHING, "--transport", "streamable", "tools"),
                List.of("--command", EVERYTHING, "--token", "t", "tools"),
                List.of("--command", EVERYTHING, "conformance", "http://127.0.0.1:1/mcp"),
                List.of("--command", EVERYTHING, "frobnicate"),
                List.of("tools", "--command"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void aBadCommandLineExits2WithOneLine(List<String> args) {
        Run run = runLeavingNothingRunning(Map.of(), args.toArray(String[]::new));

        assertFailed(run, 2, "error: ");
    }

    @Test
    void helpDescribesCommand() {
        Run run = Run.of("--help");

        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("--command \"PROGRAM [ARGUMENTS...]\""), run::toString);
    }

    /** Runs the command line; fails if any process it started is still running afterwards. */
    private static Run runLeavingNothingRunning(Map<String, String> env, String... args) {
        Set<ProcessHandle> before = children();
        Run run = Run.of(env, args);
        Set<ProcessHandle> running = children();
        running.removeAll(before);
        assertEquals(Set.of(), running, () -> "still running after " + run);
        return run;
    }

    private static Set<ProcessHandle> children() {
        return ProcessHandle.current().children().collect(Collectors.toSet());
    }

    private static void assertSucceeded(Run run) {
        assertEquals(0, run.code(), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    private static void assertFailed(Run run, int code, String errorStart) {
        assertEquals(code, run.code(), run::toString);
        assertEquals("", run.out(), run::toString);
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

    private static List<String> values(JsonArray items, String member) {
        return items.asList().stream()
                .map(item -> item.getAsJsonObject().get(member).getAsString())
                .toList();
    }
}
