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
import java.util.concurrent.atomic.AtomicBoolean;

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
    private final Features features;

    Dispatcher(Lifecycle lifecycle, Features features, ToolCalls toolCalls, Workers workers) {
        this.features = features;
        this.methods =
                Map.ofEntries(
                        Map.entry(
                                "initialize",
                                (session, request, replies) ->
                                        done(lifecycle.initialize(session, request.params()))),
                        Map.entry("ping", (session, request, replies) -> done(new JsonObject())),
                        Map.entry(
                                "logging/setLevel",
                                (session, request, replies) ->
                                        done(setLevel(session, request.params()))),
                        Map.entry(
                                "tools/list",
                                (session, request, replies) ->
                                        done(features.tools().list(cursorOf(request)))),
                        Map.entry("tools/call", toolCalls::call),
                        Map.entry(
                                "resources/list",
                                (session, request, replies) ->
                                        done(features.resources().list(cursorOf(request)))),
                        Map.entry(
                                "resources/templates/list",
                                (session, request, replies) ->
                                        done(
                                                features.resources()
                                                        .listTemplates(cursorOf(request)))),
                        Map.entry(
                                "resources/read",
                                (session, request, replies) -> {
                                    String uri = uriOf(request);
                                    return workers.run(
                                            session,
                                            request.id(),
                                            new AtomicBoolean(),
                                            () -> features.resources().read(uri));
                                }),
                        Map.entry(
                                "resources/subscribe",
                                (session, request, replies) ->
                                        done(features.subscribe(session, uriOf(request)))),
                        Map.entry(
                                "resources/unsubscribe",
                                (session, request, replies) ->
                                        done(features.unsubscribe(session, uriOf(request)))),
                        Map.entry(
                                "prompts/list",
                                (session, request, replies) ->
                                        done(features.prompts().list(cursorOf(request)))),
                        Map.entry(
                                "prompts/get",
                                (session, request, replies) -> {
                                    JsonObject params = request.params();
                                    Prompt prompt =
                                            features.prompts()
                                                    .require(
                                                            Params.requireString(
                                                                    params, "name", "prompts/get"));
                                    Map<String, String> arguments =
                                            Params.stringMap(params, "arguments");
                                    return workers.run(
                                            session,
                                            request.id(),
                                            new AtomicBoolean(),
                                            () -> features.prompts().get(prompt, arguments));
                                }),
                        Map.entry(
                                "completion/complete",
                                (session, request, replies) ->
                                        done(features.completions().complete(request.params()))));
    }

    void receive(Session session, JsonRpcMessage message, MessageSink replies) {
        if (message instanceof JsonRpcRequest request) {
            dispatch(session, request, replies);
        } else if (message instanceof JsonRpcNotification notification) {
            notice(session, notification);
        } else if (!session.clientRequests().complete((JsonRpcResponse) message)) {
            LOG.log(
                    Level.DEBUG,
                    "ignoring a response to no request this session awaits: {0}",
                    ((JsonRpcResponse) message).id());
        }
    }

    private void dispatch(Session session, JsonRpcRequest request, MessageSink replies) {
        Method method = features.offers(request.method()) ? methods.get(request.method()) : null;
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
                    session.answered(request.id());
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

    private static String cursorOf(JsonRpcRequest request) {
        return Params.cursor(request.params());
    }

    private static String uriOf(JsonRpcRequest request) {
        return Params.requireString(request.params(), "uri", request.method());
    }

    private static CompletableFuture<JsonElement> done(JsonElement result) {
        return CompletableFuture.completedFuture(result);
    }
}
