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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client written with the official MCP TypeScript SDK's {@code SSEClientTransport} (the MCP
 * 2024-11-05 "HTTP with SSE" transport) connects to the real server, lists its tools and calls one.
 * The client is {@code src/test/node/sse-client.mjs}; the build installs the SDK version pinned by
 * {@code src/test/node/package-lock.json} with {@code npm ci} before the tests run, and {@code
 * node} comes from the PATH.
 */
@Timeout(120)
class OfficialSdkSseClientTest {
    private static final String TOKEN = "official-sdk-secret";
    private static final long WAIT_SECONDS = 60;

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    @TempDir Path output;

    @Test
    void officialSdkClientConnectsListsToolsAndCallsOne() throws Exception {
        TestServer server = servers.start(Map.of("MCP_AUTH_TOKEN", TOKEN), TestTools.echo());

        Run run = runClient(server, TOKEN, "echo", "{\"text\":\"hi\"}");

        assertEquals(0, run.exitCode(), run::toString);
        JsonObject printed = run.printedJson();
        assertEquals("clg-mcp", printed.get("serverName").getAsString(), run::toString);
        List<String> tools = new ArrayList<>();
        for (JsonElement tool : printed.getAsJsonArray("tools")) {
            tools.add(tool.getAsString());
        }
        assertTrue(tools.contains("echo"), run::toString);
        JsonObject result = printed.getAsJsonObject("result");
        assertFalse(result.has("isError") && result.get("isError").getAsBoolean(), run::toString);
        JsonArray content = result.getAsJsonArray("content");
        JsonObject first = content.get(0).getAsJsonObject();
        assertEquals("text", first.get("type").getAsString(), run::toString);
        assertEquals("echo: hi", first.get("text").getAsString(), run::toString);
    }

    @Test
    void officialSdkClientIsRefusedWithAWrongToken() throws Exception {
        TestServer server = servers.start(Map.of("MCP_AUTH_TOKEN", TOKEN), TestTools.echo());

        Run run = runClient(server, "not-" + TOKEN, "echo", "{\"text\":\"hi\"}");

        // 1 is the script's exit code for an error (2 would be its own time-out).
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("401"), run::toString);
        assertEquals("", run.stdout().strip(), run::toString);
    }

    /** Runs {@code node src/test/node/sse-client.mjs <base> <token> <tool> <arguments>}. */
    private Run runClient(TestServer server, String token, String tool, String argumentsJson)
            throws Exception {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path script = basedir.resolve("src/test/node/sse-client.mjs");
        assertTrue(Files.isRegularFile(script), () -> "missing " + script);
        assertTrue(
                Files.isDirectory(
                        basedir.resolve("src/test/node/node_modules/@modelcontextprotocol/sdk")),
                "the SDK is not installed: run the build (npm ci in src/test/node)");
        File stdout = output.resolve("stdout.txt").toFile();
        File stderr = output.resolve("stderr.txt").toFile();
        ProcessBuilder builder =
                new ProcessBuilder(
                                "node",
                                script.toString(),
                                server.uri("/").toString(),
                                token,
                                tool,
                                argumentsJson)
                        .directory(basedir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(stdout)
                        .redirectError(stderr);
        // The script bounds itself too (exit 2); it logs its HTTP exchanges to stderr.
        builder.environment().put("CLG_SSE_CLIENT_TIMEOUT_MS", "30000");
        builder.environment().put("CLG_SSE_CLIENT_DEBUG", "1");
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
    private record Run(int exitCode, String stdout, String stderr) {
        /** The one JSON line the client prints on success. */
        JsonObject printedJson() {
            List<String> lines = stdout.strip().lines().toList();
            assertEquals(1, lines.size(), this::toString);
            return JsonParser.parseString(lines.get(0)).getAsJsonObject();
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
