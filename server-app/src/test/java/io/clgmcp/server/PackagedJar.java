package io.clgmcp.server;

import static io.clgmcp.server.HttpCalls.WAIT;
import static io.clgmcp.server.HttpCalls.packaged;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code clg-mcp-server.jar} run the way an operator runs it, {@code java -jar} in a
 * child process configured through its environment; shared by the integration tests that talk to it
 * over HTTP. Its standard error is read line by line as it comes.
 */
final class PackagedJar {
    static final long WAIT_SECONDS = WAIT.toSeconds();

    private static final Pattern LISTENING =
            Pattern.compile("CLG-MCP listening on (http://127\\.0\\.0\\.1:\\d+/)");

    /** Every setting the server reads, so that the build's own environment cannot leak in. */
    static final List<String> SETTINGS =
            List.of(
                    "HOST",
                    "PORT",
                    "MCP_TRANSPORTS",
                    "MCP_AUTH_TOKEN",
                    "MCP_AUTH_TOKENS",
                    "CORS_ALLOWED_ORIGINS",
                    "MCP_ALLOWED_ORIGINS",
                    "MCP_SESSION_IDLE_TIMEOUT",
                    "MCP_MAX_BODY_BYTES",
                    "MCP_PAGE_SIZE",
                    "MCP_TOOL_THREADS",
                    "MCP_TOOL_QUEUE",
                    "MCP_CLIENT_REQUEST_TIMEOUT",
                    "MCP_CLUSTER_REDIS_URL",
                    "MCP_CLUSTER_NAMESPACE",
                    "MCP_CLUSTER_HEARTBEAT_MS",
                    "MCP_PROFILE",
                    "SHUTDOWN_GRACE_MS",
                    "SSE_ENABLED",
                    "SSE_MAX_CONNECTIONS",
                    "SSE_MAX_CONNECTIONS_PER_TOKEN",
                    "RATE_LIMIT_RPS",
                    "RATE_LIMIT_BURST",
                    "LOG_LEVEL",
                    "JETTY_LOG_LEVEL");

    final Process process;
    private final Path stdoutFile;
    private final StringBuffer stderr = new StringBuffer();
    private final CompletableFuture<URI> listening = new CompletableFuture<>();
    private final CompletableFuture<String> stderrClosed = new CompletableFuture<>();

    private PackagedJar(Process process, Path stdoutFile) {
        this.process = process;
        this.stdoutFile = stdoutFile;
        Thread reader = new Thread(this::readStderr, "stderr-of-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Fails unless the build has packaged the jar. */
    static void requirePackaged() {
        assertTrue(
                Files.isRegularFile(jar()),
                jar() + " is missing: run the integration tests through 'mvn verify'");
    }

    /**
     * Starts the jar in {@code directory} on 127.0.0.1 at log level INFO with these settings, and
     * none of the build's own.
     */
    static PackagedJar start(Path directory, Map<String, String> settings) throws IOException {
        Path stdout = Files.createTempFile(directory, "stdout", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(javaExecutable(), "-jar", jar().toString())
                        .directory(directory.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .redirectOutput(stdout.toFile());
        Map<String, String> environment = builder.environment();
        SETTINGS.forEach(environment::remove);
        environment.put("HOST", "127.0.0.1");
        environment.put("LOG_LEVEL", "INFO");
        environment.putAll(settings);
        PackagedJar server = new PackagedJar(builder.start(), stdout);
        server.process.getOutputStream().close();
        return server;
    }

    private void readStderr() {
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
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

    /** Kills the process if it still runs, and waits (bounded) for it to go. */
    void kill() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Everything the process wrote to standard error, once it has closed it. */
    String awaitStderrClosed() throws Exception {
        return stderrClosed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** What the process has written to standard error so far. */
    String stderrSoFar() {
        return stderr.toString();
    }

    String stdout() throws IOException {
        return Files.readString(stdoutFile, StandardCharsets.UTF_8);
    }

    private static Path jar() {
        return packaged("clg-mcp-server.jar");
    }

    /** The {@code java} of the JVM running this test. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
