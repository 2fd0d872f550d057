package io.clgmcp.transport.streamable.internal;

import io.clgmcp.core.MessageSink;
import io.clgmcp.core.cluster.ClusterUnavailableException;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcError;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.servlet.EventStream;
import io.clgmcp.servlet.QueueLimits;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * One logical stream of a session: its standalone stream ({@code GET /mcp}), or the stream of one
 * POSTed request, which ends with that request's response. Every message is numbered in the
 * session's history before it is written to whichever connection is attached, so a channel outlives
 * its connections: a client that reconnects with {@code Last-Event-ID} continues where it left off.
 *
 * <pre>
 * id: 7
 * event: message
 * data: {"jsonrpc":"2.0","method":"notifications/progress","params":{...}}
 * </pre>
 */
final class StreamChannel implements MessageSink {
    private static final System.Logger LOG = System.getLogger(StreamChannel.class.getName());
    private static final LongSupplier OWN_IDS =
            () -> {
                throw new IllegalStateException("events on this stream carry the session's ids");
            };

    private final McpSession session;
    private final String id;
    private final boolean endsWithResponse;
    private EventStream connection;
    private long lastWritten;
    private boolean finished;

    StreamChannel(McpSession session, String id, boolean endsWithResponse) {
        this.session = session;
        this.id = id;
        this.endsWithResponse = endsWithResponse;
    }

    /** Names the channel in the session's history: the same on every instance. */
    String id() {
        return id;
    }

    @Override
    public synchronized void send(JsonRpcMessage message) {
        if (finished) {
            return;
        }
        String data = JsonRpcCodec.encode(message);
        long id;
        try {
            id = session.events().append(this, data);
        } catch (ClusterUnavailableException e) {
            // Not in the history, so no one can resume to it; the client holding this stream still
            // gets it, under the id it last saw, from which it would resume to what follows.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "an event left out of the history: " + e.getMessage());
            id = 0;
        }
        if (connection != null) {
            write(id, data);
        }
        if (endsWithResponse && message instanceof JsonRpcResponse) {
            end();
        }
    }

    @Override
    public synchronized void noResponse(JsonRpcId request) {
        end();
    }

    /**
     * Ends the current connection once what it holds is written, without ending the channel: the
     * client reconnects after the announced retry delay and picks up from its last event id.
     */
    @Override
    public synchronized void closeStream() {
        if (connection != null && session.canResume()) {
            release().finish();
        }
    }

    /**
     * Answers an asynchronous exchange with this channel's events: those after {@code after} that
     * were missed, then (for clients that can resume) a priming event whose id the client can
     * reconnect with, then everything new. A connection already attached is replaced; on an ended
     * session the stream ends at once.
     */
    synchronized void attach(AsyncContext async, long after) throws IOException {
        if (connection != null) {
            release().close();
        }
        EventStream stream =
                // A client that falls further behind is cut off; it may resume.
                EventStream.open(async, QueueLimits.DEFAULTS, OWN_IDS, () -> detached(this));
        if (!session.connected(this)) {
            stream.close();
            return;
        }
        connection = stream;
        lastWritten = after;
        writeSince(after);
        if (session.canResume()) {
            stream.send(session.events().append(this, ""), null, "", session.retryMillis());
        }
        if (finished) {
            stream.finish();
        }
    }

    /**
     * Writes a new event to the attached connection. The standalone channel of a session in a
     * cluster takes events from every instance, so there everything the history holds past the last
     * event written goes out, in the history's order; a request's channel has only its own.
     */
    private void write(long id, String data) {
        if (id == 0) {
            connection.send(lastWritten, "message", data, 0);
            return;
        }
        if (!endsWithResponse && session.events().isShared()) {
            try {
                writeSince(lastWritten);
                return;
            } catch (ClusterUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "history unreadable: " + e.getMessage());
            }
        }
        connection.send(id, "message", data, 0);
        lastWritten = id;
    }

    /**
     * Writes what the history holds past the last event written, as another instance of the cluster
     * has added events to this channel, up to {@code eventId} at least; nothing when this channel
     * wrote that far itself. A response ends the channel here too.
     */
    synchronized void catchUp(long eventId) {
        if (connection != null && !finished && eventId > lastWritten) {
            catchUp();
        }
    }

    private void catchUp() {
        writeSince(lastWritten);
        if (finished) {
            end();
        }
    }

    private void writeSince(long after) {
        for (EventHistory.Event missed : session.events().of(this, after)) {
            connection.send(missed.id(), "message", missed.data(), 0);
            lastWritten = missed.id();
            if (endsWithResponse && isResponse(missed.data())) {
                finished = true;
            }
        }
    }

    private static boolean isResponse(String data) {
        return JsonRpcCodec.decode(JsonRpcCodec.parse(data)) instanceof JsonRpcResponse;
    }

    /**
     * Answers this channel's request with an error when the instance running it ({@code alive}
     * says) has gone: a client that resumed the stream here would otherwise wait for ever. Whatever
     * that instance stored before it went is written first; a response among it is the answer.
     */
    synchronized void answerIfOrphaned(String here, Predicate<String> alive) {
        if (connection == null || finished) {
            return;
        }
        Optional<RequestChannels.Request> request = RequestChannels.requestOf(id);
        if (request.isEmpty()
                || request.get().instance().equals(here)
                || alive.test(request.get().instance())) {
            return;
        }
        catchUp();
        if (!finished) {
            send(
                    JsonRpcResponse.failure(
                            request.get().id(),
                            new JsonRpcError(
                                    ErrorCode.INTERNAL_ERROR.code(),
                                    "The server instance running this request stopped before"
                                            + " answering it; it may or may not have taken effect",
                                    null)));
        }
    }

    /**
     * Keeps the attached connection alive with a comment, and ends it when the client has taken
     * nothing for too long: an idle stream would otherwise never learn that its client is gone.
     */
    synchronized void keepAlive(long nowNanos, long stallNanos) {
        if (connection == null) {
            return;
        }
        if (connection.isStalled(nowNanos, stallNanos)) {
            disconnect();
        } else {
            connection.comment("keep-alive");
        }
    }

    /** The id of the last event written to a connection, from which a fresh connection resumes. */
    synchronized long lastWritten() {
        return lastWritten;
    }

    /** Ends the channel: the attached connection ends once its events are written. */
    synchronized void end() {
        finished = true;
        if (connection != null) {
            release().finish();
        }
    }

    /** Ends the attached connection at once, as a session ends or the server stops. */
    synchronized void disconnect() {
        if (connection != null) {
            release().close();
        }
    }

    private static void detached(StreamChannel channel) {
        synchronized (channel) {
            if (channel.connection != null && channel.connection.isClosed()) {
                channel.detach();
            }
        }
    }

    /** Detaches the current connection and gives it back, for the caller to end. */
    private EventStream release() {
        EventStream leaving = connection;
        detach();
        return leaving;
    }

    private void detach() {
        connection = null;
        session.disconnected(this);
    }
}
