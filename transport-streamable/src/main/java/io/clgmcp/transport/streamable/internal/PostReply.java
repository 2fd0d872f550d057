package io.clgmcp.transport.streamable.internal;

import io.clgmcp.core.MessageSink;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.servlet.JsonReplies;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply to one POSTed request. It is plain {@code application/json} when the response is all
 * the request produces; it becomes the request's event stream as soon as anything comes first
 * (progress, a log message, a request to the client), or when a handler closes the stream for the
 * client to poll. Until the servlet has handed the exchange over ({@link #start}), what the server
 * sends is held, since it may come from a tool's thread at any moment.
 */
final class PostReply implements MessageSink {
    private enum State {
        COLLECTING,
        WAITING,
        STREAMING,
        DONE
    }

    private final McpSession session;
    private final StreamChannel channel;
    private final List<JsonRpcMessage> early = new ArrayList<>();
    private State state = State.COLLECTING;
    private AsyncContext async;
    private boolean unanswered;
    private boolean closeWhenOpen;

    PostReply(McpSession session, JsonRpcId request) {
        this.session = session;
        this.channel = session.requestChannel(request);
    }

    /**
     * Hands the exchange over once the server has taken the request: a response already there is
     * written now as JSON; otherwise the exchange goes asynchronous and waits.
     */
    synchronized void start(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (early.size() == 1 && early.get(0) instanceof JsonRpcResponse only) {
            state = State.DONE;
            JsonReplies.write(response, 200, JsonRpcCodec.encode(only));
            return;
        }
        async = request.startAsync();
        async.setTimeout(0);
        if (early.isEmpty() && !unanswered && !closeWhenOpen) {
            state = State.WAITING;
            return;
        }
        openStream();
        early.forEach(channel::send);
        early.clear();
        if (unanswered) {
            channel.end();
        }
        if (closeWhenOpen) {
            channel.closeStream();
        }
    }

    @Override
    public synchronized void send(JsonRpcMessage message) {
        switch (state) {
            case COLLECTING -> early.add(message);
            case WAITING -> {
                if (message instanceof JsonRpcResponse response) {
                    state = State.DONE;
                    JsonReplies.complete(async, 200, JsonRpcCodec.encode(response));
                } else {
                    openStream();
                    channel.send(message);
                }
            }
            case STREAMING -> channel.send(message);
            case DONE -> {}
        }
    }

    /** A cancelled request gets no response: its exchange ends as an empty event stream. */
    @Override
    public synchronized void noResponse(JsonRpcId request) {
        switch (state) {
            case COLLECTING -> unanswered = true;
            case WAITING -> {
                openStream();
                channel.end();
            }
            case STREAMING -> channel.end();
            case DONE -> {}
        }
    }

    @Override
    public synchronized void closeStream() {
        if (!session.canResume()) {
            return;
        }
        switch (state) {
            case COLLECTING -> closeWhenOpen = true;
            case WAITING -> {
                openStream();
                channel.closeStream();
            }
            case STREAMING -> channel.closeStream();
            case DONE -> {}
        }
    }

    /**
     * Turns the exchange into the request's event stream. Should that fail (the client or the
     * session is gone), the channel still records what follows for a client that resumes.
     */
    private void openStream() {
        state = State.STREAMING;
        try {
            channel.attach(async, 0);
        } catch (IOException | RuntimeException clientGone) {
            async.complete();
        }
    }
}
