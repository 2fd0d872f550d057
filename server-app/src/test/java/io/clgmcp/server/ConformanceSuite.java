package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned with the
 * Node.js 22 it needs by {@code src/test/conformance/package-lock.json}, installed by the build's
 * {@code npm ci}) run against one endpoint, for the ITs that give it a server or a cluster.
 *
 * <p>It runs every server scenario, the active ones and those the suite still marks pending (JSON
 * Schema 2020-12 keywords, SSE polling and resumption), in {@code target/<directory>}: the suite's
 * verdicts under {@code results}, one {@code checks.json} per scenario, and its own output in
 * {@code suite-output.txt}. The one-line summary goes to standard output and to {@code
 * target/<summary file>}; any failed check fails the test, each one listed.
 */
final class ConformanceSuite {
    /**
     * The settings of a server the suite tests, besides {@code PORT}: its fixtures ({@code
     * MCP_PROFILE=conformance}) on Streamable HTTP.
     */
    static final Map<String, String> SERVER_SETTINGS =
            Map.of(
                    "MCP_TRANSPORTS", "streamable",
                    "MCP_PROFILE", "conformance",
                    // How long a fixture tool waits for the suite to answer its sampling or
                    // elicitation.
                    "MCP_CLIENT_REQUEST_TIMEOUT", "30",
                    // The suite is one client at one address, as fast as it can go.
                    "RATE_LIMIT_RPS", "0");

    /** The whole suite: dozens of scenarios, each normally well under a second. */
    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(15);

    private static final String CLI =
            "node_modules/@modelcontextprotocol/conformance/dist/index.js";

    /** {@code server-<scenario>-<ISO timestamp with ':' and '.' as '-'>}, as the suite names it. */
    private static final Pattern RESULT_DIRECTORY =
            Pattern.compile("server-(.+)-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z");

    private static final Pattern SCENARIO_COUNT =
            Pattern.compile("Running \\S+ suite \\((\\d+) scenarios\\)");

    private final String label;
    private final String directory;
    private final String summaryFile;

    /**
     * A run whose summary starts with {@code label}, kept in {@code target/<directory>} and summed
     * up in {@code target/<summaryFile>}.
     */
    ConformanceSuite(String label, String directory, String summaryFile) {
        this.label = label;
        this.directory = directory;
        this.summaryFile = summaryFile;
    }

    /** Fails unless the suite and its Node.js are installed and the jar is packaged. */
    static void requireInstalled() throws InterruptedException {
        PackagedJar.requirePackaged();
        NodeTools.installed(CLI);
        NodeTools.node22(NodeTools.PACKAGE);
    }

    /** Runs every server scenario against {@code endpoint}; fails unless every check passed. */
    void passesEveryCheck(URI endpoint) throws IOException, InterruptedException {
        Path suite = NodeTools.PACKAGE;
        Path cli = NodeTools.installed(CLI);
        String node = NodeTools.node22(suite);

        Path work = HttpCalls.packaged(directory);
        Path results = work.resolve("results");
        deleteRecursively(work);
        Files.createDirectories(results);
        Path output = work.resolve("suite-output.txt");
        int exitCode = runSuite(node, cli, suite, endpoint, results, output);
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        List<Check> checks = new ArrayList<>();
        int scenarios = readChecks(results, checks);
        Matcher announced = SCENARIO_COUNT.matcher(printed);
        assertTrue(announced.find(), () -> "the suite never started:\n" + tail(printed));
        assertEquals(
                Integer.parseInt(announced.group(1)),
                scenarios,
                () ->
                        "not every scenario recorded its checks in "
                                + results
                                + "\n"
                                + tail(printed));

        List<Check> failed = checks.stream().filter(check -> check.is("FAILURE")).toList();
        String summary =
                label
                        + ": "
                        + checks.stream().filter(check -> check.is("SUCCESS")).count()
                        + " checks passed, "
                        + checks.stream().filter(check -> check.is("WARNING")).count()
                        + " warnings, "
                        + failed.size()
                        + " failed across "
                        + scenarios
                        + " scenarios";
        System.out.println(summary);
        Files.writeString(HttpCalls.packaged(summaryFile), summary + "\n", StandardCharsets.UTF_8);

        if (!failed.isEmpty()) {
            StringBuilder message = new StringBuilder(summary).append(':');
            for (Check check : failed) {
                message.append("\n  - ").append(check);
            }
            message.append("\nevery check: ").append(results);
            message.append("\nthe suite's output: ").append(output);
            fail(message.toString());
        }
        assertEquals(
                0,
                exitCode,
                () -> "the suite failed without recording a failed check:\n" + tail(printed));
    }

    /** Runs the suite to its end (bounded), its output in {@code output}; its exit code. */
    private static int runSuite(
            String node, Path cli, Path suite, URI endpoint, Path results, Path output)
            throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(
                                node,
                                cli.toString(),
                                "server",
                                "--url",
                                endpoint.toString(),
                                "--suite",
                                "all",
                                "-o",
                                results.toString())
                        .directory(suite.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        try {
            if (!process.waitFor(SUITE_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                fail(
                        "the conformance suite did not end within "
                                + SUITE_TIMEOUT
                                + "\n"
                                + tail(Files.readString(output, StandardCharsets.UTF_8)));
            }
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * Adds every check of every scenario the suite recorded under {@code results} to {@code
     * checks}; returns how many scenarios it found.
     */
    private static int readChecks(Path results, List<Check> checks) throws IOException {
        int scenarios = 0;
        try (Stream<Path> directories = Files.list(results)) {
            for (Path directory : directories.sorted().toList()) {
                Matcher name = RESULT_DIRECTORY.matcher(directory.getFileName().toString());
                assertTrue(name.matches(), () -> "unexpected result directory " + directory);
                scenarios++;
                Path file = directory.resolve("checks.json");
                assertTrue(Files.isRegularFile(file), () -> file + " is missing");
                for (JsonElement element :
                        JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                                .getAsJsonArray()) {
                    checks.add(Check.of(name.group(1), element.getAsJsonObject()));
                }
            }
        }
        return scenarios;
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

    /** The last lines of the suite's output, enough to see how it ended. */
    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** One check of the suite's: SUCCESS, FAILURE, WARNING or INFO. */
    private record Check(String scenario, String id, String status, String errorMessage) {
        static Check of(String scenario, JsonObject json) {
            return new Check(
                    scenario,
                    json.get("id").getAsString(),
                    json.get("status").getAsString(),
                    json.get("errorMessage") instanceof JsonPrimitive message
                            ? message.getAsString()
                            : null);
        }

        boolean is(String wanted) {
            return status.equals(wanted);
        }

        @Override
        public String toString() {
            return scenario + " / " + id + (errorMessage == null ? "" : ": " + errorMessage);
        }
    }
}
