package io.clgmcp.transport.sse.internal;

import com.google.gson.JsonObject;
import io.clgmcp.core.MessageSink;
import io.clgmcp.core.Session;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.servlet.EventStream;
import io.clgmcp.servlet.QueueLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One open SSE connection: its id, the caller it belongs to, its MCP session, and the event stream
 * its answers go out on. It ends when its stream ends, and then tells its owner.
 */
final class SseConnection {
    private final String id;
    private final String caller;
    private final String limitKey;
    private final Session session;
    private final EventStream stream;
    private final MessageSink seedReplies = this::sendSeed;
    private final MessageSink legacyReplies = this::sendLegacy;
    private volatile boolean seedDialect;

    /** Answers the request with this connection's event stream. */
    SseConnection(
            String id,
            String caller,
            String limitKey,
            HttpServletRequest request,
            HttpServletResponse response,
            QueueLimits queueLimits,
            Consumer<SseConnection> onClose)
            throws IOException {
        this.id = id;
        this.caller = caller;
        this.limitKey = limitKey;
        this.session = new Session(id, this::sendUnsolicited);
        AtomicLong eventIds = new AtomicLong();
        this.stream =
                EventStream.open(
                        request,
                        response,
                        queueLimits,
                        eventIds::incrementAndGet,
                        () -> {
                            // Answers go only to this stream, so calls still running are for
                            // nobody.
                            session.cancelAll();
                            session.close();
                            onClose.accept(this);
                        });
    }

    String id() {
        return id;
    }

    String caller() {
        return caller;
    }

    /** Whose allowance of streams this one counts against. */
    String limitKey() {
        return limitKey;
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

    /**
     * Notes that the client speaks the seed dialect, so that messages answering no request (a
     * resource update, a request to the client) reach it as {@code mcp-notification} events too.
     */
    void speaksSeedDialect() {
        seedDialect = true;
    }

    /** Where the answers to a {@code POST /sse/message} go: bare {@code message} events. */
    MessageSink legacyReplies() {
        return legacyReplies;
    }

    void send(String event, String data) {
        stream.send(event, data);
    }

    void send(String event, String data, long retryMillis) {
        stream.send(event, data, retryMillis);
    }

    boolean isStalled(long nowNanos, long timeoutNanos) {
        return stream.isStalled(nowNanos, timeoutNanos);
    }

    boolean isClosed() {
        return stream.isClosed();
    }

    void close() {
        stream.close();
    }

    /**
     * Ends the stream once every request in flight on it has been answered and that answer written:
     * at once when there are none.
     */
    void endWhenIdle() {
        session.whenIdle(stream::finish);
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

    private void sendUnsolicited(JsonRpcMessage message) {
        if (seedDialect) {
            sendSeed(message);
        } else {
            sendLegacy(message);
        }
    }

    private void sendLegacy(JsonRpcMessage message) {
        send("message", JsonRpcCodec.encode(message));
    }
}
