package io.clgmcp.client.internal;

import io.clgmcp.core.internal.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Reads what a launched server writes to its standard error, on a thread of its own so that the
 * server never blocks on a full pipe: each line goes to a consumer, and the last few are kept to
 * explain a server that ends unexpectedly.
 */
final class StderrDrain {
    private static final System.Logger LOG = System.getLogger(StderrDrain.class.getName());
    private static final int KEPT_LINES = 5;
    private static final int KEPT_CHARS = 300;

    private final Deque<String> last = new ArrayDeque<>();
    private final Thread thread;

    /** Whether the consumer has failed; read and written by the draining thread only. */
    private boolean consumerFailed;

    private StderrDrain(InputStream stderr, Consumer<String> consumer) {
        this.thread =
                DaemonThreads.named("mcp-client-stdio-stderr")
                        .newThread(() -> drain(stderr, consumer));
    }

    static StderrDrain start(InputStream stderr, Consumer<String> consumer) {
        StderrDrain drain = new StderrDrain(stderr, consumer);
        drain.thread.start();
        return drain;
    }

    /**
     * The last lines the server wrote, on one line, once it has closed its standard error or {@code
     * millis} have passed; empty when it wrote none.
     */
    String lastWords(long millis) {
        awaitEnd(millis);
        synchronized (last) {
            return String.join(" | ", last);
        }
    }

    /** Waits until the server has closed its standard error and every line was heard, or not. */
    void awaitEnd(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(InputStream stderr, Consumer<String> consumer) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                keep(line);
                hand(consumer, line);
            }
        } catch (IOException ended) {
            // The pipe broke with the process: nothing more to hear.
        }
    }

    /** A consumer that fails loses its line, but the pipe is still drained; told once. */
    private void hand(Consumer<String> consumer, String line) {
        try {
            consumer.accept(line);
        } catch (RuntimeException e) {
            if (!consumerFailed) {
                consumerFailed = true;
                LOG.log(
                        System.Logger.Level.WARNING,
                        "the consumer of the server's stderr failed; lines it fails on are lost",
                        e);
            }
        }
    }

    private void keep(String line) {
        String stripped = line.strip();
        if (stripped.isEmpty()) {
            return;
        }
        synchronized (last) {
            if (last.size() == KEPT_LINES) {
                last.removeFirst();
            }
            last.addLast(
                    stripped.length() <= KEPT_CHARS
                            ? stripped
                            : stripped.substring(0, KEPT_CHARS) + "...");
        }
    }
}
