package io.clgmcp.server;

import static io.clgmcp.server.HttpCalls.WAIT;
import static io.clgmcp.server.HttpCalls.get;
import static io.clgmcp.server.HttpCalls.initialize;
import static io.clgmcp.server.HttpCalls.json;
import static io.clgmcp.server.HttpCalls.ofString;
import static io.clgmcp.server.HttpCalls.ping;
import static io.clgmcp.server.HttpCalls.randomToken;
import static io.clgmcp.server.HttpCalls.rpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code clg-mcp-server.jar} the way an operator does, {@code java -jar} in a
 * child process configured through its environment, and talks to it over HTTP.
 */
class RunnableJarIT {
    private static final long WAIT_SECONDS = PackagedJar.WAIT_SECONDS;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private final String token = randomToken();
    private final List<PackagedJar> started = new ArrayList<>();

    @TempDir Path temp;

    @BeforeEach
    void requirePackagedJar() {
        PackagedJar.requirePackaged();
    }

    @AfterEach
    void killLeftoverProcesses() throws InterruptedException {
        for (PackagedJar server : started) {
            server.kill();
        }
    }

    @Test
    void servesHealthAndTokenProtectedJsonRpcOnTheAnnouncedPort() throws Exception {
        PackagedJar server = start(Map.of("PORT", "0", "MCP_AUTH_TOKEN", token));
        URI base = server.awaitListening();

        HttpResponse<String> health = http.send(get(base.resolve("/health")), ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("healthy", json(health).get("status").getAsString());

        HttpResponse<String> initialize =
                http.send(rpc(base.resolve("/rpc"), token, INITIALIZE), ofString());
        assertEquals(200, initialize.statusCode(), initialize.body());
        JsonObject result = json(initialize).getAsJsonObject("result");
        assertEquals("clg-mcp", result.getAsJsonObject("serverInfo").get("name").getAsString());

        HttpResponse<String> anonymous =
                http.send(rpc(base.resolve("/rpc"), null, INITIALIZE), ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    // Windows has no SIGTERM: ProcessHandle.destroy() kills at once, running no shutdown hooks.
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void stopsGracefullyOnSigterm() throws Exception {
        PackagedJar server = start(Map.of("PORT", "0", "MCP_AUTH_TOKEN", token));
        URI base = server.awaitListening();
        assertEquals(200, http.send(get(base.resolve("/health")), ofString()).statusCode());

        server.terminate();

        assertTrue(
                server.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS),
                "the server did not exit within " + WAIT_SECONDS + "s of SIGTERM");
        String stderr = server.awaitStderrClosed();
        assertTrue(stderr.contains("CLG-MCP stopped"), "no graceful shutdown in:\n" + stderr);
        assertFalse(stderr.contains("\tat "), "a stack trace in:\n" + stderr);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void logsToStderrAndLeavesStdoutEmpty() throws Exception {
        PackagedJar server = start(Map.of("PORT", "0", "MCP_AUTH_TOKEN", token));
        URI base = server.awaitListening();
        assertEquals(
                200, http.send(rpc(base.resolve("/rpc"), token, PING), ofString()).statusCode());
        assertEquals(
                401, http.send(rpc(base.resolve("/rpc"), null, PING), ofString()).statusCode());

        server.terminate();

        assertTrue(server.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        String stderr = server.awaitStderrClosed();
        assertTrue(stderr.contains("CLG-MCP listening on"), stderr);
        assertTrue(stderr.contains("CLG-MCP stopped"), stderr);
        assertEquals("", server.stdout());
    }

    @Test
    void refusesInvalidSettingsWithExitCode2NamingEachOneWithoutAStackTrace() throws Exception {
        PackagedJar server = start(Map.of("PORT", "abc", "MCP_TRANSPORTS", "nope"));

        assertTrue(
                server.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS),
                "the server did not exit on invalid settings");
        assertEquals(2, server.process.exitValue());
        String stderr = server.awaitStderrClosed();
        assertTrue(
                Pattern.compile("\\bPORT\\b.*'abc'").matcher(stderr).find(),
                "PORT not named in:\n" + stderr);
        assertTrue(
                Pattern.compile("\\bMCP_TRANSPORTS\\b.*'nope'").matcher(stderr).find(),
                "MCP_TRANSPORTS not named in:\n" + stderr);
        assertFalse(stderr.contains("\tat "), "a stack trace in:\n" + stderr);
        assertFalse(stderr.contains("CLG-MCP listening on"), stderr);
        assertEquals("", server.stdout());
    }

    private PackagedJar start(Map<String, String> settings) throws IOException {
        PackagedJar server = PackagedJar.start(temp, settings);
        started.add(server);
        return server;
    }

    private static final String INITIALIZE = initialize("RunnableJarIT");
    private static final String PING = ping(2);
}
