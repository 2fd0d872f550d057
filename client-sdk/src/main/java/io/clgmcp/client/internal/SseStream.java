package io.clgmcp.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One opened {@code GET} event stream, one connection of the server: it reads its events for a
 * {@link SseReconnect.Dialect}, which makes it ready with what the transport's sends need, and
 * keeps what {@link SseWatchdog} checks (when the last event came, how much silence ends it) and
 * why it ended.
 *
 * @param <T> what a ready stream offers the transport's sends: a connection id, an endpoint
 */
final class SseStream<T> {
    // The connection's logger: this is where SseReconnect read its streams.
    private static final System.Logger LOG = System.getLogger(SseReconnect.class.getName());

    private final InputStream body;
    private final SseReader events;
    private final SseWatchdog watchdog;
    private final Consumer<SseStream<T>> onReady;
    private final long openedNanos = System.nanoTime();
    private final CompletableFuture<Void> readied = new CompletableFuture<>();
    private volatile T value;
    private volatile long lastEventNanos = openedNanos;
    private volatile long silenceLimitNanos;
    private volatile boolean dispatching;
    private volatile String abortReason;
    private volatile String endReason;
    private volatile boolean ended;
    private ScheduledFuture<?> check; // guarded by this

    /**
     * @param onReady told once when a dialect makes the stream ready, on the reader thread
     */
    SseStream(InputStream body, SseWatchdog watchdog, Consumer<SseStream<T>> onReady) {
        this.body = body;
        this.events = new SseReader(body);
        this.watchdog = watchdog;
        this.onReady = onReady;
    }

    /** Marks the stream ready to carry messages, with what sends need; the first call wins. */
    void ready(T readyValue) {
        if (value != null) {
            return;
        }
        value = readyValue;
        onReady.accept(this);
        readied.complete(null);
    }

    boolean isReady() {
        return value != null;
    }

    /** What the dialect made the stream ready with; null before. */
    T value() {
        return value;
    }

    /**
     * Expects an event at least every {@code interval}: 2.5 intervals of silence end the stream.
     */
    void expectHeartbeats(Duration interval) {
        watch(interval);
    }

    /** Whether the stream is watched for heartbeats. */
    boolean heartbeatsExpected() {
        return silenceLimitNanos > 0;
    }

    /**
     * Has the watchdog check the stream from now on: for readiness, and for silence once a
     * heartbeat interval is known ({@code heartbeat} null or not positive: none learnt now).
     */
    synchronized void watch(Duration heartbeat) {
        if (heartbeat != null && !heartbeat.isNegative() && !heartbeat.isZero()) {
            silenceLimitNanos = SseWatchdog.silenceLimitNanos(heartbeat);
        }
        if (check != null) {
            check.cancel(false);
        }
        watchdog.check(this);
    }

    /** Ends the stream: closing its body ends the reader's wait for the next event. */
    void abort(String reason) {
        if (abortReason == null) {
            abortReason = reason;
        }
        closeQuietly(body);
    }

    /**
     * Reads the stream's events, handing each to the dialect, until the stream ends, is aborted or
     * the transport is closed; the dialect's failures are logged.
     */
    void read(SseReconnect.Dialect<T> dialect, BooleanSupplier closed, URI uri) {
        try {
            while (!closed.getAsBoolean() && abortReason == null) {
                Optional<SseReader.Event> event = events.next();
                if (event.isEmpty()) {
                    endReason = "the server ended the stream";
                    break;
                }
                lastEventNanos = System.nanoTime();
                dispatching = true;
                try {
                    dialect.onEvent(this, event.get());
                } catch (RuntimeException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "an SSE event of " + uri + " could not be handled",
                            e);
                } finally {
                    dispatching = false;
                    lastEventNanos = System.nanoTime();
                }
            }
        } catch (IOException | RuntimeException e) {
            endReason = e.toString();
        } finally {
            if (abortReason != null) {
                endReason = abortReason;
            }
        }
    }

    /** The server's {@code retry:} delay, in ms, or -1 when it sent none. */
    long retryMillis() {
        return events.retryMillis();
    }

    /** Called by the reader once it has stopped reading this stream. */
    void end() {
        ended = true;
        synchronized (this) {
            if (check != null) {
                check.cancel(false);
            }
        }
        closeQuietly(body);
        readied.completeExceptionally(
                new McpTransportFailure(0, endReason == null ? "it ended" : endReason));
    }

    /** Completes when the stream gets ready; fails when it ends before. */
    CompletableFuture<Void> readied() {
        return readied;
    }

    /** Why the stream ended, for messages; null while it is read. */
    String endReason() {
        return endReason;
    }

    boolean ended() {
        return ended;
    }

    /** Whether the stream has ended or is being aborted: nothing is left to check. */
    boolean over() {
        return ended || abortReason != null;
    }

    long openedNanos() {
        return openedNanos;
    }

    long lastEventNanos() {
        return lastEventNanos;
    }

    /** Whether the inbound is busy with an event: the stream is not silent then, just unread. */
    boolean dispatching() {
        return dispatching;
    }

    /** How much silence ends the stream, in nanoseconds; 0 while no heartbeats are expected. */
    long silenceLimitNanos() {
        return silenceLimitNanos;
    }

    /** Remembers the watchdog's next check, to cancel when the stream ends. */
    synchronized void nextCheck(ScheduledFuture<?> scheduled) {
        check = scheduled;
    }

    static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // Nothing more to free.
        }
    }
}
