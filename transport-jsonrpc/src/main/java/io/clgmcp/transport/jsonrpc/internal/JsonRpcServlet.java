package io.clgmcp.transport.jsonrpc.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.MessageSink;
import io.clgmcp.core.Replies;
import io.clgmcp.core.Session;
import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.core.http.JsonBody;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.core.jsonrpc.McpException;
import io.clgmcp.servlet.JsonReplies;
import io.clgmcp.servlet.McpRequests;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Serves JSON-RPC 2.0 over HTTP POST: one message or a batch per request, answered with JSON. Each
 * POST is its own stateless session.
 *
 * <p>A single request's handler runs on the request thread while a handler slot is free ({@link
 * McpServer#receiveHere}), so its reply is usually written before {@code service} returns, as any
 * servlet's would. Otherwise, and for a batch, whose requests run on workers side by side, the
 * exchange goes asynchronous and whoever settles the last answer writes the reply. A batch goes
 * asynchronous before its messages reach the server, which spares a fast tool's thread from
 * contending with the request thread, still inside Jetty, to complete the exchange.
 */
public final class JsonRpcServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ALLOWED_METHODS = "POST, OPTIONS";

    private final transient McpServer server;
    private final int maxBodyBytes;

    public JsonRpcServlet(McpServer server, int maxBodyBytes) {
        this.server = server;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if ("OPTIONS".equals(request.getMethod())) {
            response.setHeader("Allow", ALLOWED_METHODS);
            response.setStatus(204);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", ALLOWED_METHODS);
            JsonReplies.write(
                    response,
                    HttpFailure.of(
                            405,
                            "Method Not Allowed",
                            request.getMethod() + " is not served here; POST a JSON-RPC message"));
            return;
        }
        JsonElement body;
        try {
            body = McpRequests.json(request, response, maxBodyBytes);
        } catch (JsonBody.Refused refused) {
            JsonReplies.write(
                    response, HttpFailure.jsonRpc(refused.status(), null, refused.reason()));
            return;
        }
        boolean isBatch = body.isJsonArray() && !body.getAsJsonArray().isEmpty();
        AsyncContext async = isBatch ? goAsync(request) : null;
        Replies replies = new Replies();
        int status = isBatch ? batch(body.getAsJsonArray(), replies) : single(body, replies);
        if (replies.isEmpty()) {
            response.setStatus(202);
            if (async != null) {
                async.complete();
            }
            return;
        }
        CompletableFuture<String> reply = replies.seal().thenApply(all -> render(all, isBatch));
        if (async == null && reply.isDone() && !reply.isCompletedExceptionally()) {
            JsonReplies.deliver(response, status, reply.join());
        } else {
            JsonReplies.writeWhenReady(async == null ? goAsync(request) : async, status, reply);
        }
    }

    private static AsyncContext goAsync(HttpServletRequest request) {
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        return async;
    }

    private int batch(JsonArray elements, Replies replies) {
        Session session = Session.ephemeral();
        for (JsonElement element : elements) {
            try {
                receive(session, JsonRpcCodec.decode(element), replies);
            } catch (McpException e) {
                replies.add(JsonRpcResponse.failure(JsonRpcCodec.idOf(element), e.toError()));
            }
        }
        return 200;
    }

    private int single(JsonElement element, Replies replies) {
        try {
            JsonRpcMessage message = JsonRpcCodec.decode(element);
            server.receiveHere(Session.ephemeral(), message, sinkFor(message, replies));
            return 200;
        } catch (McpException e) {
            replies.add(JsonRpcResponse.failure(JsonRpcCodec.idOf(element), e.toError()));
            return e.code().equals(ErrorCode.INVALID_REQUEST) ? 400 : 200;
        }
    }

    private void receive(Session session, JsonRpcMessage message, Replies replies) {
        server.receive(session, message, sinkFor(message, replies));
    }

    private static MessageSink sinkFor(JsonRpcMessage message, Replies replies) {
        return message instanceof JsonRpcRequest ? replies.slot() : MessageSink.DISCARD;
    }

    /** The reply body; null when every request was cancelled and nothing is left to answer. */
    private static String render(List<JsonRpcResponse> responses, boolean asArray) {
        if (responses.isEmpty()) {
            return null;
        }
        if (!asArray) {
            return JsonRpcCodec.encode(responses.get(0));
        }
        return JsonRpcCodec.encodeBatch(responses);
    }
}
