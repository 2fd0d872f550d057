package io.clgmcp.client.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The stream an SSE transport's sends use: set when a stream gets ready, cleared when it is lost,
 * and waited for while a lost one is replaced, until the transport closes or gives up.
 *
 * @param <T> what a ready stream offers the transport's sends: a connection id, an endpoint
 */
final class SseReadiness<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean closed;

    // Guarded by lock.
    private SseStream<T> ready;
    private McpTransportFailure gaveUp;

    boolean isClosed() {
        return closed;
    }

    /** Offers the stream to sends, unless the transport is closed or the stream ended already. */
    void ready(SseStream<T> stream) {
        lock.lock();
        try {
            if (!closed && !stream.ended()) {
                ready = stream;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Withdraws the stream, if sends use it. */
    void lost(SseStream<T> stream) {
        lock.lock();
        try {
            if (ready == stream) {
                ready = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** No stream will come any more: sends fail with this. */
    void gaveUp(McpTransportFailure failure) {
        lock.lock();
        try {
            gaveUp = failure;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Withdraws the stream for good; true the first time only. */
    boolean close() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            ready = null;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The ready stream, waiting up to {@code timeout} while there is none.
     *
     * @param reader the thread that opens the next stream, which must not wait for it
     * @throws McpTransportFailure when closed, given up, or no stream got ready in time
     */
    SseStream<T> await(Duration timeout, Thread reader) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (ready == null) {
                if (Thread.currentThread() == reader && !closed && gaveUp == null) {
                    // Waiting here would keep the reader from ever opening the next stream.
                    throw new McpTransportFailure(
                            0,
                            "the SSE connection was lost and is being replaced; the inbound's"
                                    + " callbacks cannot wait for the new one");
                }
                if (closed) {
                    throw new McpTransportFailure(0, "the transport is closed");
                }
                if (gaveUp != null) {
                    throw new McpTransportFailure(
                            gaveUp.status(), gaveUp.getMessage(), gaveUp.getCause());
                }
                if (remaining <= 0) {
                    throw new McpTransportFailure(
                            0,
                            "the SSE connection was lost and no new one was ready within "
                                    + timeout.toMillis()
                                    + " ms");
                }
                remaining = changed.awaitNanos(remaining);
            }
            return ready;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpTransportFailure(0, "interrupted while waiting for the SSE connection", e);
        } finally {
            lock.unlock();
        }
    }
}
