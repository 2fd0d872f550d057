package io.clgmcp.client.internal;

import io.clgmcp.core.internal.DaemonThreads;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * MCP over stdio: launches the server as a child process and writes each message to its standard
 * input as one line of UTF-8 JSON; every line of its standard output is a message, read on a thread
 * of its own ({@code mcp-client-stdio}). What it writes to standard error goes to the command's
 * consumer ({@link StderrDrain}).
 *
 * <pre>
 * → {"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}
 * ← {"jsonrpc":"2.0","id":1,"result":{"tools":[]}}
 * </pre>
 *
 * <p>A server that ends its output, or exits, is reported lost with its exit status and last words
 * on standard error. Closing closes its standard input and gives it time to exit ({@link
 * ProcessStop}); it is killed if it will not.
 */
final class StdioTransport implements ClientTransport {
    private static final System.Logger LOG = System.getLogger(StdioTransport.class.getName());
    private static final int QUOTED_CHARS = 200;

    private final StdioCommand command;
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Process process;
    private volatile Writer stdin;
    private volatile StderrDrain stderr;
    private volatile Inbound inbound;

    /** Why sends fail, once the server has gone or the transport closed; null until then. */
    private volatile String ended;

    StdioTransport(StdioCommand command) {
        this.command = command;
    }

    @Override
    public void start(Inbound inbound) {
        this.inbound = inbound;
        try {
            process = command.processBuilder().start();
        } catch (IOException | RuntimeException e) {
            throw new McpTransportFailure(
                    0,
                    "could not start the server command '"
                            + command.display()
                            + "': "
                            + e.getMessage(),
                    e);
        }
        stdin =
                new BufferedWriter(
                        new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        stderr = StderrDrain.start(process.getErrorStream(), command.stderr());
        DaemonThreads.named("mcp-client-stdio").newThread(this::read).start();
    }

    /** Writes the message as one line; the codec's compact JSON holds no line break. */
    @Override
    public void send(JsonRpcMessage message) {
        String line = JsonRpcCodec.encode(message);
        writing.lock();
        try {
            String why = ended;
            if (why != null) {
                throw new McpTransportFailure(0, why);
            }
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            // Its input ends only with the process: say how, as the lost connection will.
            throw new McpTransportFailure(0, describeEnd(), e);
        } finally {
            writing.unlock();
        }
    }

    /** Closes the server's standard input, then waits for it to exit, stopping it if need be. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ended = "the connection to the server process is closed";
        if (process != null) {
            stop();
        }
    }

    /** Reads the server's output until it ends, which, unless the client closed, means lost. */
    private void read() {
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                deliver(line);
            }
        } catch (IOException broken) {
            // As good as the end of the output: the process is gone or going.
        }
        if (closed.get()) {
            return;
        }
        String why = describeEnd();
        ended = why;
        if (process.isAlive()) {
            // It still runs but can no longer answer: it is of no use to anyone.
            stop();
        }
        if (!closed.get()) {
            inbound.onLost(new McpTransportFailure(0, why));
        }
    }

    private void deliver(String line) {
        if (line.isBlank()) {
            return;
        }
        Optional<List<JsonRpcMessage>> messages = StreamMessages.decode(line);
        if (messages.isEmpty()) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "skipping a line of the server''s output that is no JSON-RPC message: {0}",
                    quote(line));
            return;
        }
        for (JsonRpcMessage message : messages.get()) {
            try {
                inbound.onMessage(message);
            } catch (RuntimeException e) {
                // A listener's fault must not end the session that others still use.
                LOG.log(System.Logger.Level.WARNING, "a message's receiver failed", e);
            }
        }
    }

    private void stop() {
        try {
            if (writing.tryLock(command.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    stdin.close();
                } catch (IOException alreadyGone) {
                    // The process closed its end first.
                } finally {
                    writing.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A send blocked on a full pipe keeps the lock; stopping the process releases it.
        ProcessStop.stop(process, command.shutdownGrace());
        // Whoever hears the server's standard error hears all of it before close returns.
        stderr.awaitEnd(command.shutdownGrace().toMillis());
    }

    /**
     * How the server ended, for messages: its exit status (waiting up to the grace for it) and the
     * last lines of its standard error.
     */
    private String describeEnd() {
        long grace = command.shutdownGrace().toMillis();
        String end;
        try {
            end =
                    process.waitFor(grace, TimeUnit.MILLISECONDS)
                            ? "the server process exited with status " + process.exitValue()
                            : "the server process closed its standard output";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = "the server process stopped answering";
        }
        String words = stderr.lastWords(grace);
        return words.isEmpty() ? end : end + "; its standard error ended with: " + words;
    }

    private static String quote(String line) {
        String stripped = line.strip();
        return stripped.length() <= QUOTED_CHARS
                ? stripped
                : stripped.substring(0, QUOTED_CHARS) + "...";
    }
}
