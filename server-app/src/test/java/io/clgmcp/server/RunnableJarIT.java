package io.clgmcp.server;

import static io.clgmcp.server.HttpCalls.WAIT;
import static io.clgmcp.server.HttpCalls.get;
import static io.clgmcp.server.HttpCalls.initialize;
import static io.clgmcp.server.HttpCalls.json;
import static io.clgmcp.server.HttpCalls.ofString;
import static io.clgmcp.server.HttpCalls.packaged;
import static io.clgmcp.server.HttpCalls.ping;
import static io.clgmcp.server.HttpCalls.randomToken;
import static io.clgmcp.server.HttpCalls.rpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
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
    private static final long WAIT_SECONDS = WAIT.toSeconds();
    private static final Pattern LISTENING =
            Pattern.compile("CLG-MCP listening on (http://127\\.0\\.0\\.1:\\d+/)");

    /** Every setting the server reads, so that the build's own environment cannot leak in. */
    private static final List<String> SETTINGS =
            List.of(
                    "HOST",
                    "PORT",
                    "MCP_TRANSPORTS",
                    "MCP_AUTH_TOKEN",
                    "MCP_AUTH_TOKENS",
                    "CORS_ALLOWED_ORIGINS",
                    "MCP_MAX_BODY_BYTES",
                    "MCP_PAGE_SIZE",
                    "MCP_TOOL_THREADS",
                    "MCP_TOOL_QUEUE",
                    "SHUTDOWN_GRACE_MS",
                    "SSE_MAX_CONNECTIONS",
                    "LOG_LEVEL",
                    "JETTY_LOG_LEVEL");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private final String token = randomToken();
    private final List<ServerProcess> started = new ArrayList<>();

    @TempDir Path temp;

    @BeforeEach
    void requirePackagedJar() {
        assertTrue(
                Files.isRegularFile(jar()),
                jar() + " is missing: run the integration tests through 'mvn verify'");
    }

    @AfterEach
    void killLeftoverProcesses() throws InterruptedException {
        for (ServerProcess server : started) {
            if (server.process.isAlive()) {
                server.process.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void servesHealthAndTokenProtectedJsonRpcOnTheAnnouncedPort() throws Exception {
        ServerProcess server = start(Map.of("PORT", "0", "MCP_AUTH_TOKEN", token));
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
        ServerProcess server = start(Map.of("PORT", "0", "MCP_AUTH_TOKEN", token));
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
        ServerProcess server = start(Map.of("PORT", "0", "MCP_AUTH_TOKEN", token));
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
        ServerProcess server = start(Map.of("PORT", "abc", "MCP_TRANSPORTS", "nope"));

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

    private ServerProcess start(Map<String, String> settings) throws IOException {
        Path stdout = Files.createTempFile(temp, "stdout", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(javaExecutable(), "-jar", jar().toString())
                        .directory(temp.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .redirectOutput(stdout.toFile());
        Map<String, String> environment = builder.environment();
        SETTINGS.forEach(environment::remove);
        environment.put("HOST", "127.0.0.1");
        environment.put("LOG_LEVEL", "INFO");
        environment.putAll(settings);
        ServerProcess server = new ServerProcess(builder.start(), stdout);
        started.add(server);
        server.process.getOutputStream().close();
        return server;
    }

    /** A running {@code java -jar}, its standard error read line by line as it comes. */
    private static final class ServerProcess {
        final Process process;
        private final Path stdoutFile;
        private final StringBuffer stderr = new StringBuffer();
        private final CompletableFuture<URI> listening = new CompletableFuture<>();
        private final CompletableFuture<String> stderrClosed = new CompletableFuture<>();

        ServerProcess(Process process, Path stdoutFile) {
            this.process = process;
            this.stdoutFile = stdoutFile;
            Thread reader = new Thread(this::readStderr, "stderr-of-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void readStderr() {
            try (BufferedReader lines =
                    new BufferedReader(
                            new InputStreamReader(
                                    process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    stderr.append(line).append('\n');
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                stderr.append("(reading stderr failed: ").append(e).append(")\n");
            } finally {
                String all = stderr.toString();
                listening.completeExceptionally(
                        new AssertionError("the server never said it was listening:\n" + all));
                stderrClosed.complete(all);
            }
        }

        /** The base URI from the server's "listening" log line. */
        URI awaitListening() throws Exception {
            try {
                return listening.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(
                        "no 'CLG-MCP listening' line within " + WAIT_SECONDS + "s:\n" + stderr, e);
            } catch (ExecutionException e) {
                throw (AssertionError) e.getCause();
            }
        }

        /**
         * Sends SIGTERM, as {@link Process#destroy()} does on Unix, but through the {@link
         * ProcessHandle}: {@code Process.destroy()} also closes this side of the process's pipes at
         * once, which would lose what the server logs while it shuts down.
         */
        void terminate() {
            assertTrue(process.toHandle().destroy(), "could not signal the server to stop");
        }

        /** Everything the process wrote to standard error, once it has closed it. */
        String awaitStderrClosed() throws Exception {
            return stderrClosed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        String stdout() throws IOException {
            return Files.readString(stdoutFile, StandardCharsets.UTF_8);
        }
    }

    private static final String INITIALIZE = initialize("RunnableJarIT");
    private static final String PING = ping(2);

    private static Path jar() {
        return packaged("clg-mcp-server.jar");
    }

    /** The {@code java} of the JVM running this test. */
    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
