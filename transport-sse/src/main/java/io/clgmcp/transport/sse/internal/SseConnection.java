package io.clgmcp.transport.sse.internal;

import com.google.gson.JsonObject;
import io.clgmcp.core.MessageSink;
import io.clgmcp.core.Session;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * One open SSE stream. Events are queued (up to a bound) and written with non-blocking servlet I/O,
 * so no thread waits on a slow client; a client whose queue overflows is disconnected. The
 * connection ends exactly once, whatever ends it, and then tells its owner.
 */
final class SseConnection implements WriteListener, AsyncListener {
    private final String id;
    private final String caller;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final int maxQueued;
    private final Consumer<SseConnection> onClose;
    private final Session session;
    private final MessageSink seedReplies = this::sendSeed;
    private final MessageSink legacyReplies = this::sendLegacy;

    private final Deque<byte[]> queue = new ArrayDeque<>();
    private long lastEventId;
    private boolean unflushed;
    private long stalledSince;
    private boolean closed;

    SseConnection(
            String id,
            String caller,
            AsyncContext async,
            ServletOutputStream out,
            int maxQueued,
            Consumer<SseConnection> onClose) {
        this.id = id;
        this.caller = caller;
        this.async = async;
        this.out = out;
        this.maxQueued = maxQueued;
        this.onClose = onClose;
        this.session = new Session(id, legacyReplies);
    }

    String id() {
        return id;
    }

    String caller() {
        return caller;
    }

    Session session() {
        return session;
    }

    /**
     * Where the answers to a {@code POST /sse} go: {@code mcp-response}/{@code mcp-notification}.
     */
    MessageSink seedReplies() {
        return seedReplies;
    }

    /** Where the answers to a {@code POST /sse/message} go: bare {@code message} events. */
    MessageSink legacyReplies() {
        return legacyReplies;
    }

    /** Queues an event; a client too slow to take it is disconnected instead. */
    void send(String event, String data) {
        send(event, data, 0);
    }

    void send(String event, String data, long retryMillis) {
        boolean overflow;
        boolean failed = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            overflow = queue.size() >= maxQueued;
            if (!overflow) {
                queue.add(SseEvents.encode(++lastEventId, event, data, retryMillis));
                failed = !drain();
            }
        }
        if (overflow || failed) {
            close();
        }
    }

    /** Whether a write has been waiting on the client for longer than the timeout. */
    synchronized boolean isStalled(long nowNanos, long timeoutNanos) {
        return stalledSince != 0 && nowNanos - stalledSince > timeoutNanos;
    }

    /** Ends the stream and frees what it held; later calls do nothing. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        onClose.accept(this);
        try {
            async.complete();
        } catch (IllegalStateException alreadyCompleted) {
            // The container ended the exchange first (client gone, shutdown): nothing left to do.
        }
    }

    @Override
    public void onWritePossible() {
        boolean failed;
        synchronized (this) {
            failed = !closed && !drain();
        }
        if (failed) {
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
     * lock. Returns false when the stream failed.
     */
    private boolean drain() {
        try {
            while (out.isReady()) {
                byte[] next = queue.poll();
                if (next != null) {
                    out.write(next);
                    unflushed = true;
                } else if (unflushed) {
                    unflushed = false;
                    out.flush();
                } else {
                    stalledSince = 0;
                    return true;
                }
            }
            if (stalledSince == 0) {
                stalledSince = System.nanoTime();
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private void sendSeed(JsonRpcMessage message) {
        JsonObject data = JsonRpcCodec.toJson(message);
        data.addProperty("protocol", "sse");
        data.addProperty("connectionId", id);
        data.addProperty("timestamp", System.currentTimeMillis());
        send(
                message instanceof JsonRpcResponse ? "mcp-response" : "mcp-notification",
                JsonRpcCodec.toText(data));
    }

    private void sendLegacy(JsonRpcMessage message) {
        send("message", JsonRpcCodec.encode(message));
    }
}
