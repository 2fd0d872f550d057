package io.clgmcp.server;

import static io.clgmcp.server.HttpCalls.WAIT;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real server in a child process, {@code io.clgmcp.server.Main --stdio} on this test's class
 * path, configured only by the settings given: the test writes lines to its standard input and
 * reads its standard output line by line, through real pipes. Every line it writes to standard
 * output must be one JSON-RPC message, which {@link #next} and {@link #awaitExit} check.
 */
final class StdioProcess implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final CompletableFuture<Void> stdoutClosed = new CompletableFuture<>();
    private final StringBuffer stderr = new StringBuffer();
    private final CompletableFuture<String> stderrClosed = new CompletableFuture<>();

    private StdioProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        reader(process.getInputStream(), stdout::add, () -> stdoutClosed.complete(null));
        reader(
                process.getErrorStream(),
                line -> stderr.append(line).append('\n'),
                () -> stderrClosed.complete(stderr.toString()));
    }

    /** Starts {@code Main} with these arguments and settings, and none of the build's own. */
    static StdioProcess start(Map<String, String> settings, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(PackagedJar.javaExecutable());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        PackagedJar.SETTINGS.forEach(environment::remove);
        environment.put("LOG_LEVEL", "INFO");
        // Nothing should reach the genealogy site; should a tool be called, it fails at once.
        environment.put("CLG_BASE_URL", "http://127.0.0.1:9");
        environment.putAll(settings);
        return new StdioProcess(builder.start());
    }

    /** Writes one line to the server's standard input. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The next line of standard output, which must be one JSON-RPC message (not a batch). */
    JsonObject next() throws InterruptedException {
        String line = stdout.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            return fail("nothing on standard output within " + WAIT + "; stderr:\n" + stderr);
        }
        stdoutSeen.add(line);
        JsonElement message = JsonRpcCodec.parse(line);
        assertTrue(message.isJsonObject(), "not one JSON-RPC message: " + line);
        assertTrue(
                "2.0".equals(message.getAsJsonObject().get("jsonrpc").getAsString()),
                "not JSON-RPC 2.0: " + line);
        return message.getAsJsonObject();
    }

    /** Closes the server's standard input, as a client that is done does. */
    void closeInput() throws IOException {
        stdin.close();
    }

    /** Sends SIGTERM. */
    void terminate() {
        assertTrue(process.toHandle().destroy(), "could not signal the server to stop");
    }

    /**
     * Waits (bounded) for the process to exit and close its output, checks that whatever it wrote
     * to standard output and the test had not yet read is JSON-RPC too, and returns its status.
     */
    int awaitExit() throws Exception {
        assertTrue(
                process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS),
                "the server did not exit within " + WAIT + "; stderr:\n" + stderr);
        stdoutClosed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        while (!stdout.isEmpty()) {
            next();
        }
        return process.exitValue();
    }

    /** Every line of standard output the test has read. */
    List<String> stdoutLines() {
        return List.copyOf(stdoutSeen);
    }

    /** Everything written to standard error, once the process has closed it. */
    String awaitStderr() throws Exception {
        return stderrClosed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reader(InputStream stream, Consumer<String> onLine, Runnable onEnd) {
        Thread thread =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    stream, StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = lines.readLine()) != null) {
                                    onLine.accept(line);
                                }
                            } catch (IOException e) {
                                stderr.append("(reading the process failed: ")
                                        .append(e)
                                        .append(")\n");
                            } finally {
                                onEnd.run();
                            }
                        },
                        "stdio-process-" + process.pid());
        thread.setDaemon(true);
        thread.start();
    }
}
