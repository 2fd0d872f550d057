package io.clgmcp.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcError;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.core.jsonrpc.McpException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Routes inbound messages to the method that handles them and sends each request's one response to
 * the sink it came with. Failures become JSON-RPC errors here and nowhere else.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    /** One request method: its result, or a failure carrying the error to answer with. */
    @FunctionalInterface
    interface Method {
        CompletableFuture<JsonElement> handle(
                Session session, JsonRpcRequest request, MessageSink replies);
    }

    private final Map<String, Method> methods;

    Dispatcher(Lifecycle lifecycle, ToolRegistry tools, ToolCalls toolCalls) {
        this.methods =
                Map.of(
                        "initialize",
                        (session, request, replies) ->
                                done(lifecycle.initialize(session, request.params())),
                        "ping",
                        (session, request, replies) -> done(new JsonObject()),
                        "logging/setLevel",
                        (session, request, replies) -> done(setLevel(session, request.params())),
                        "tools/list",
                        (session, request, replies) -> done(tools.list(cursorOf(request.params()))),
                        "tools/call",
                        toolCalls::call);
    }

    void receive(Session session, JsonRpcMessage message, MessageSink replies) {
        if (message instanceof JsonRpcRequest request) {
            dispatch(session, request, replies);
        } else if (message instanceof JsonRpcNotification notification) {
            notice(session, notification);
        } else {
            LOG.log(
                    Level.DEBUG,
                    "ignoring a response to a request this server never sent: {0}",
                    ((JsonRpcResponse) message).id());
        }
    }

    private void dispatch(Session session, JsonRpcRequest request, MessageSink replies) {
        Method method = methods.get(request.method());
        CompletableFuture<JsonElement> result;
        if (method == null) {
            result =
                    CompletableFuture.failedFuture(
                            new McpException(ErrorCode.METHOD_NOT_FOUND, request.method()));
        } else {
            try {
                result = method.handle(session, request, replies);
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
        }
        result.whenComplete(
                (value, failure) -> {
                    if (session.finish(request.id())) {
                        replies.send(
                                failure == null
                                        ? JsonRpcResponse.success(request.id(), value)
                                        : JsonRpcResponse.failure(
                                                request.id(), errorFor(request, failure)));
                    } else {
                        replies.noResponse(request.id());
                    }
                });
    }

    private static void notice(Session session, JsonRpcNotification notification) {
        switch (notification.method()) {
            case "notifications/initialized", "initialized" -> session.confirmed();
            case "notifications/cancelled" -> cancel(session, notification.params());
            default -> LOG.log(Level.DEBUG, "ignoring notification {0}", notification.method());
        }
    }

    /** A cancellation names the request it cancels; one that names nothing usable is ignored. */
    private static void cancel(Session session, JsonObject params) {
        if (params != null && params.get("requestId") instanceof JsonPrimitive id) {
            try {
                session.cancel(JsonRpcId.fromJson(id));
            } catch (McpException notAnId) {
                LOG.log(Level.DEBUG, "ignoring a cancellation of {0}", id);
            }
        }
    }

    private static JsonObject setLevel(Session session, JsonObject params) {
        if (params == null || !(params.get("level") instanceof JsonPrimitive level)) {
            throw new McpException(ErrorCode.INVALID_PARAMS, "logging/setLevel needs a \"level\"");
        }
        session.logLevel(
                LoggingLevel.fromWireName(level.getAsString())
                        .orElseThrow(
                                () ->
                                        new McpException(
                                                ErrorCode.INVALID_PARAMS,
                                                "unknown log level " + level.getAsString())));
        return new JsonObject();
    }

    private static JsonRpcError errorFor(JsonRpcRequest request, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        if (cause instanceof McpException mcp) {
            return mcp.toError();
        }
        LOG.log(Level.ERROR, "request " + request.method() + " failed", cause);
        return JsonRpcError.of(ErrorCode.INTERNAL_ERROR);
    }

    private static String cursorOf(JsonObject params) {
        if (params == null || !params.has("cursor") || params.get("cursor").isJsonNull()) {
            return null;
        }
        if (params.get("cursor") instanceof JsonPrimitive cursor && cursor.isString()) {
            return cursor.getAsString();
        }
        throw new McpException(ErrorCode.INVALID_PARAMS, "\"cursor\" must be a string");
    }

    private static CompletableFuture<JsonElement> done(JsonElement result) {
        return CompletableFuture.completedFuture(result);
    }
}
