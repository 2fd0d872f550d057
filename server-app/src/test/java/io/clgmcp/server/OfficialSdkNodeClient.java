package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the official MCP TypeScript SDK clients of {@code src/test/node} ({@code node
 * <script> <base> <token> <tool> <arguments>}) against a {@link TestServer}; shared by the {@code
 * OfficialSdk*Test}s. The build installs the SDK version pinned by {@code
 * src/test/node/package-lock.json} with {@code npm ci} before the tests run, and {@code node} comes
 * from the PATH.
 */
final class OfficialSdkNodeClient {
    private static final long WAIT_SECONDS = 60;

    private final String script;
    private final String envPrefix;

    /**
     * @param script the file name in {@code src/test/node}, e.g. {@code sse-client.mjs}
     * @param envPrefix the prefix of its {@code _TIMEOUT_MS} and {@code _DEBUG} variables
     */
    OfficialSdkNodeClient(String script, String envPrefix) {
        this.script = script;
        this.envPrefix = envPrefix;
    }

    /** Runs the client to its end, keeping its output in {@code output}. */
    Run run(TestServer server, Path output, String token, String tool, String argumentsJson)
            throws Exception {
        return run(server, output, token, tool, argumentsJson, Map.of());
    }

    /**
     * Runs the client to its end with these extra environment variables, named without the prefix
     * (e.g. {@code PROGRESS} for {@code <prefix>_PROGRESS}).
     */
    Run run(
            TestServer server,
            Path output,
            String token,
            String tool,
            String argumentsJson,
            Map<String, String> env)
            throws Exception {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path path = basedir.resolve("src/test/node").resolve(script);
        assertTrue(Files.isRegularFile(path), () -> "missing " + path);
        assertTrue(
                Files.isDirectory(
                        basedir.resolve("src/test/node/node_modules/@modelcontextprotocol/sdk")),
                "the SDK is not installed: run the build (npm ci in src/test/node)");
        File stdout = output.resolve("stdout.txt").toFile();
        File stderr = output.resolve("stderr.txt").toFile();
        ProcessBuilder builder =
                new ProcessBuilder(
                                "node",
                                path.toString(),
                                server.uri("/").toString(),
                                token,
                                tool,
                                argumentsJson)
                        .directory(basedir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(stdout)
                        .redirectError(stderr);
        // The script bounds itself too (exit 2); it logs its HTTP exchanges to stderr.
        builder.environment().put(envPrefix + "_TIMEOUT_MS", "30000");
        builder.environment().put(envPrefix + "_DEBUG", "1");
        env.forEach((name, value) -> builder.environment().put(envPrefix + "_" + name, value));
        Process process = builder.start();
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(
                        "the SDK client did not end within "
                                + WAIT_SECONDS
                                + " s\n"
                                + new Run(-1, read(stdout), read(stderr)));
            }
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), read(stdout), read(stderr));
    }

    private static String read(File file) throws Exception {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }

    /** What a run of the client printed, and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {
        /** The one JSON line the client prints on success. */
        JsonObject printedJson() {
            List<String> lines = stdout.strip().lines().toList();
            assertEquals(1, lines.size(), this::toString);
            return JsonParser.parseString(lines.get(0)).getAsJsonObject();
        }

        /**
         * Asserts a successful run against {@link TestTools#echo()} called with {@code
         * {"text":"hi"}}, and returns what it printed.
         */
        JsonObject assertEchoedHi() {
            assertEquals(0, exitCode, this::toString);
            JsonObject printed = printedJson();
            assertEquals("clg-mcp", printed.get("serverName").getAsString(), this::toString);
            List<String> tools = new ArrayList<>();
            for (JsonElement tool : printed.getAsJsonArray("tools")) {
                tools.add(tool.getAsString());
            }
            assertTrue(tools.contains("echo"), this::toString);
            JsonObject result = printed.getAsJsonObject("result");
            assertFalse(
                    result.has("isError") && result.get("isError").getAsBoolean(), this::toString);
            JsonArray content = result.getAsJsonArray("content");
            JsonObject first = content.get(0).getAsJsonObject();
            assertEquals("text", first.get("type").getAsString(), this::toString);
            assertEquals("echo: hi", first.get("text").getAsString(), this::toString);
            return printed;
        }

        /**
         * Asserts a run refused for its token: exit 1 (not the script's time-out, 2), no output.
         */
        void assertRefusedWith401() {
            assertEquals(1, exitCode, this::toString);
            assertTrue(stderr.contains("401"), this::toString);
            assertEquals("", stdout.strip(), this::toString);
        }

        @Override
        public String toString() {
            return "exit code "
                    + exitCode
                    + "\n--- stdout ---\n"
                    + stdout
                    + "\n--- stderr ---\n"
                    + stderr;
        }
    }
}
