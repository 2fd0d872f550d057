package io.clgmcp.client.internal;

import com.google.gson.JsonElement;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.McpException;
import java.net.URI;
import java.time.Duration;

/**
 * What both SSE transports share: a {@code GET} stream kept open by {@link SseReconnect}, messages
 * POSTed with {@link SsePost}, and the JSON-RPC messages of the stream's events delivered to the
 * inbound. A subclass reads its dialect's events and says where and how it POSTs a message.
 *
 * @param <T> what a ready stream offers the transport's sends: a connection id, an endpoint
 */
abstract class SseTransport<T> implements ClientTransport {
    /** The heartbeat interval assumed when the server announces none (the seed default). */
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

    private final System.Logger log = System.getLogger(getClass().getName());
    private final HttpSettings settings;
    private final URI sseUri;
    private final SseReconnect<T> connection;
    private volatile Inbound inbound;

    /**
     * @param sseUri the stream's URL
     * @param threadName the name of the reader thread
     * @param awaited what makes a stream ready, for messages ("a connection id")
     * @param heartbeatsFromOpen the heartbeat interval every stream is watched for from its
     *     opening, or null when a stream is watched only once {@link #onEvent} expects heartbeats
     */
    SseTransport(
            HttpSettings settings,
            URI sseUri,
            String threadName,
            String awaited,
            Duration heartbeatsFromOpen) {
        this.settings = settings;
        this.sseUri = sseUri;
        this.connection =
                new SseReconnect<>(
                        settings, sseUri, threadName, awaited, heartbeatsFromOpen, this::onEvent);
    }

    @Override
    public final void start(Inbound inbound) {
        this.inbound = inbound;
        connection.start(inbound);
    }

    @Override
    public final void close() {
        connection.close();
    }

    /** The stream's URL. */
    final URI sseUri() {
        return sseUri;
    }

    /** The thread reading the stream; for tests. */
    final Thread readerThread() {
        return connection.readerThread();
    }

    /** The ready stream sends use, waiting while a lost one is being replaced. */
    final SseStream<T> current() {
        return connection.current();
    }

    /** POSTs a JSON message of that stream's connection; {@code what} names it for messages. */
    final void post(SseStream<T> via, URI target, String json, String what) {
        SsePost.send(settings, via, target, json, what);
    }

    /** Handles one event of the stream, on the reader thread (see {@link SseReconnect.Dialect}). */
    abstract void onEvent(SseStream<T> stream, SseReader.Event event);

    /** Takes out of a message what the dialect adds to it; nothing by default. */
    void unwrap(JsonElement message) {}

    /** Delivers the JSON-RPC message an event carries; one that carries none is logged. */
    final void deliver(SseReader.Event event) {
        JsonRpcMessage message;
        try {
            JsonElement value = JsonRpcCodec.parse(event.data());
            unwrap(value);
            message = JsonRpcCodec.decode(value);
        } catch (McpException e) {
            log.log(
                    System.Logger.Level.WARNING,
                    "ignoring a {0} event that is no JSON-RPC message: {1}",
                    event.type(),
                    e.getMessage());
            return;
        }
        inbound.onMessage(message);
    }
}
