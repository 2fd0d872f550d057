package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP Inspector's command-line mode ({@code @modelcontextprotocol/inspector --cli}, pinned in
 * {@code src/test/conformance}) against {@code /mcp} of the packaged jar, with a bearer token, as
 * README tells a person to run it.
 */
class InspectorCliIT {
    private static final String CLI =
            "node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js";
    private static final String TOKEN = "inspector-secret";

    @TempDir Path temp;

    private PackagedJar server;
    private URI endpoint;

    @BeforeEach
    void startServer() throws Exception {
        PackagedJar.requirePackaged();
        server =
                PackagedJar.start(
                        temp,
                        Map.of(
                                "PORT", "0",
                                "MCP_AUTH_TOKEN", TOKEN,
                                "MCP_PROFILE", "conformance"));
        endpoint = server.awaitListening().resolve("/mcp");
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.kill();
    }

    @Test
    void listsTheToolsOverStreamableHttp() throws Exception {
        JsonObject listed = inspect("--method", "tools/list");

        List<String> names = new ArrayList<>();
        for (JsonElement tool : listed.getAsJsonArray("tools")) {
            names.add(tool.getAsJsonObject().get("name").getAsString());
        }
        assertTrue(names.contains("test_simple_text"), names::toString);
    }

    @Test
    void callsATool() throws Exception {
        JsonObject result = inspect("--method", "tools/call", "--tool-name", "test_simple_text");

        JsonArray content = result.getAsJsonArray("content");
        assertEquals(
                "This is a simple text response for testing.",
                content.get(0).getAsJsonObject().get("text").getAsString(),
                result::toString);
    }

    @Test
    void readsAResource() throws Exception {
        JsonObject result = inspect("--method", "resources/read", "--uri", "test://static-text");

        JsonObject contents = result.getAsJsonArray("contents").get(0).getAsJsonObject();
        assertEquals("test://static-text", contents.get("uri").getAsString(), result::toString);
        assertTrue(contents.has("text"), result::toString);
    }

    /** Runs the Inspector's CLI against the server and parses what it prints. */
    private JsonObject inspect(String... method) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(NodeTools.node22(NodeTools.PACKAGE));
        command.add(NodeTools.installed(CLI).toString());
        command.add("--cli");
        command.add(endpoint.toString());
        command.add("--transport");
        command.add("http");
        command.add("--header");
        command.add("Authorization: Bearer " + TOKEN);
        command.addAll(List.of(method));
        Path output = temp.resolve("inspector-output.txt");
        ProcessBuilder builder = new ProcessBuilder(command);
        // Whatever the Inspector keeps in its home folder stays in the test's.
        builder.environment().put("HOME", temp.toString());
        Process process =
                builder.directory(NodeTools.PACKAGE.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectError(temp.resolve("inspector-errors.txt").toFile())
                        .redirectOutput(output.toFile())
                        .start();
        try {
            assertTrue(
                    process.waitFor(PackagedJar.WAIT_SECONDS, TimeUnit.SECONDS),
                    "the Inspector did not finish");
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> printed + errors());
            return JsonParser.parseString(printed).getAsJsonObject();
        } finally {
            process.destroyForcibly();
        }
    }

    private String errors() {
        try {
            return Files.readString(temp.resolve("inspector-errors.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
