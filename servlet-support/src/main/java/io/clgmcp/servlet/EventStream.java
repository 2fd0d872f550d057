package io.clgmcp.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A {@code text/event-stream} reply that stays open. Events are queued (up to a bound) and written
 * with non-blocking servlet I/O from whichever thread sends them, so no thread ever waits on a slow
 * client; a client whose queue overflows (in events or in bytes) is cut off. The stream ends
 * exactly once, whatever ends it (the client, a failed write, {@link #close}), and then runs its
 * {@code onClose}.
 */
public final class EventStream implements WriteListener, AsyncListener {
    private static final int BUFFER_BYTES = 4096;

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final QueueLimits limits;
    private final LongSupplier eventIds;
    private final Runnable onClose;

    private final Deque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;

    /** True from the start, so that the first chance to write sends the status and headers. */
    private boolean unflushed = true;

    private long stalledSince;
    private boolean finishing;
    private boolean closed;

    private EventStream(
            AsyncContext async,
            ServletOutputStream out,
            QueueLimits limits,
            LongSupplier eventIds,
            Runnable onClose) {
        this.async = async;
        this.out = out;
        this.limits = limits;
        this.eventIds = eventIds;
        this.onClose = onClose;
    }

    /**
     * Answers the request with an event stream and keeps it open until it ends.
     *
     * @param limits how far a client that is not taking events may fall behind
     * @param eventIds gives each event its id, in the order events are queued
     * @param onClose runs once when the stream has ended
     */
    public static EventStream open(
            HttpServletRequest request,
            HttpServletResponse response,
            QueueLimits limits,
            LongSupplier eventIds,
            Runnable onClose)
            throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        return open(async, limits, eventIds, onClose);
    }

    /**
     * Answers an exchange that has already gone asynchronous with an event stream.
     *
     * @see #open(HttpServletRequest, HttpServletResponse, QueueLimits, LongSupplier, Runnable)
     */
    public static EventStream open(
            AsyncContext async, QueueLimits limits, LongSupplier eventIds, Runnable onClose)
            throws IOException {
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache, no-store, no-transform");
        response.setHeader("X-Accel-Buffering", "no");
        // Jetty keeps a stream's output buffer (32 KB of direct memory by default) until the
        // response ends, so an open stream would pin it for its whole life; events are small and
        // flushed at once, and a larger one is written without the buffer.
        response.setBufferSize(BUFFER_BYTES);
        EventStream stream =
                new EventStream(async, response.getOutputStream(), limits, eventIds, onClose);
        async.addListener(stream);
        response.getOutputStream().setWriteListener(stream);
        return stream;
    }

    /** Queues an event; a client too slow to take it is cut off instead. */
    public void send(String event, String data) {
        send(event, data, 0);
    }

    /**
     * Queues an event that also tells the client how long to wait before reconnecting.
     *
     * @param retryMillis the delay to announce, or 0 for none
     */
    public void send(String event, String data, long retryMillis) {
        send(OptionalLong.empty(), event, data, retryMillis);
    }

    /**
     * Queues an event whose id the caller chose, for streams whose events are numbered by something
     * wider than one connection (a session's history).
     *
     * @param event the event type, or null for the default {@code message}
     */
    public void send(long id, String event, String data, long retryMillis) {
        send(OptionalLong.of(id), event, data, retryMillis);
    }

    private void send(OptionalLong id, String event, String data, long retryMillis) {
        enqueue(
                () ->
                        SseEvents.encode(
                                id.isPresent() ? id.getAsLong() : eventIds.getAsLong(),
                                event,
                                data,
                                retryMillis));
    }

    /**
     * Queues a comment line, which clients ignore: it keeps intermediaries from timing the stream
     * out, and lets the server notice a client that has gone.
     */
    public void comment(String text) {
        enqueue(() -> SseEvents.comment(text));
    }

    /**
     * Queues a frame, built under this stream's lock so that event ids follow queue order, and
     * writes what the client can take; a client too slow to take it is cut off instead.
     */
    private void enqueue(Supplier<byte[]> frame) {
        boolean ended;
        synchronized (this) {
            if (closed || finishing) {
                return;
            }
            ended = queue.size() >= limits.events();
            if (!ended) {
                byte[] bytes = frame.get();
                ended = !queue.isEmpty() && queuedBytes + bytes.length > limits.bytes();
                if (!ended) {
                    queue.add(bytes);
                    queuedBytes += bytes.length;
                    ended = drain();
                }
            }
        }
        if (ended) {
            close();
        }
    }

    /** Ends the stream once everything queued has been written; sends nothing more. */
    public void finish() {
        boolean done;
        synchronized (this) {
            if (closed) {
                return;
            }
            finishing = true;
            done = queue.isEmpty();
        }
        if (done) {
            close();
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Whether a write has been waiting on the client for longer than the timeout. */
    public synchronized boolean isStalled(long nowNanos, long timeoutNanos) {
        return stalledSince != 0 && nowNanos - stalledSince > timeoutNanos;
    }

    /** Ends the stream at once, dropping what is still queued; later calls do nothing. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        onClose.run();
        try {
            async.complete();
        } catch (IllegalStateException alreadyCompleted) {
            // The container ended the exchange first (client gone, shutdown): nothing left to do.
        }
    }

    @Override
    public void onWritePossible() {
        boolean ended;
        synchronized (this) {
            ended = !closed && drain();
        }
        if (ended) {
            close();
        }
    }

    @Override
    public void onError(Throwable failure) {
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    /**
     * Writes queued events while the stream can take them, then flushes. Runs under this object's
     * lock. Returns true when the stream should end: it failed, or it was finishing and everything
     * has been written.
     */
    private boolean drain() {
        try {
            while (out.isReady()) {
                byte[] next = queue.poll();
                if (next != null) {
                    queuedBytes -= next.length;
                    out.write(next);
                    unflushed = true;
                } else if (unflushed) {
                    unflushed = false;
                    out.flush();
                } else {
                    stalledSince = 0;
                    return finishing;
                }
            }
            if (stalledSince == 0) {
                stalledSince = System.nanoTime();
            }
            return false;
        } catch (IOException | IllegalStateException e) {
            return true;
        }
    }
}
