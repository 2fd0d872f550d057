package io.clgmcp.client.internal;

import io.clgmcp.core.internal.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends the SSE streams that fall silent (no event for 2.5 heartbeat intervals, once heartbeats are
 * expected) or do not get ready within the exchange timeout. Its checks run on one daemon thread;
 * time the inbound spends on an event is not silence.
 */
final class SseWatchdog implements AutoCloseable {
    /** How many heartbeat intervals of silence end a stream. */
    static final double MISSED_HEARTBEATS = 2.5;

    private final ScheduledExecutorService scheduler;
    private final Duration readyTimeout;
    private final String awaited;

    /**
     * @param threadName the name of the checking thread
     * @param readyTimeout how long a stream may take to get ready
     * @param awaited what makes a stream ready, for messages ("a connection id")
     */
    SseWatchdog(String threadName, Duration readyTimeout, String awaited) {
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(threadName));
        this.readyTimeout = readyTimeout;
        this.awaited = awaited;
    }

    /** The silence that ends a stream whose heartbeats come this often, in nanoseconds. */
    static long silenceLimitNanos(Duration heartbeat) {
        return (long) (heartbeat.toNanos() * MISSED_HEARTBEATS);
    }

    /** Ends the stream if it is silent too long or not ready in time; else checks it again then. */
    void check(SseStream<?> stream) {
        synchronized (stream) {
            if (stream.over()) {
                return;
            }
            long now = System.nanoTime();
            long next = Long.MAX_VALUE;
            if (!stream.isReady()) {
                long due = stream.openedNanos() + readyTimeout.toNanos();
                if (now - due >= 0) {
                    stream.abort(
                            "it did not give "
                                    + awaited
                                    + " within "
                                    + readyTimeout.toMillis()
                                    + " ms");
                    return;
                }
                next = due - now;
            }
            long limit = stream.silenceLimitNanos();
            if (limit > 0) {
                if (stream.dispatching()) {
                    // The inbound is busy with an event: the stream is not silent, just unread.
                    next = Math.min(next, limit);
                } else {
                    long due = stream.lastEventNanos() + limit;
                    if (now - due >= 0) {
                        stream.abort(
                                "no event for "
                                        + TimeUnit.NANOSECONDS.toMillis(limit)
                                        + " ms (heartbeats missed)");
                        return;
                    }
                    next = Math.min(next, due - now);
                }
            }
            if (next != Long.MAX_VALUE) {
                schedule(stream, next);
            }
        }
    }

    private void schedule(SseStream<?> stream, long delayNanos) {
        try {
            stream.nextCheck(
                    scheduler.schedule(() -> check(stream), delayNanos, TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    /** Stops checking; idempotent. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
