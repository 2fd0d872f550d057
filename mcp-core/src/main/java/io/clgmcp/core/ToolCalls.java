package io.clgmcp.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.McpException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code tools/call}: checks the call on the caller's thread, runs the handler on the tool
 * executor, and turns whatever the handler does into a result.
 */
final class ToolCalls {
    private static final System.Logger LOG = System.getLogger(ToolCalls.class.getName());

    private final ToolRegistry registry;
    private final Workers workers;
    private final ClientRequester requester;

    ToolCalls(ToolRegistry registry, Workers workers, ClientRequester requester) {
        this.registry = registry;
        this.workers = workers;
        this.requester = requester;
    }

    /**
     * Starts a call on the {@link Workers}. The client can cancel it until it finishes: its
     * handler's thread is then interrupted, {@link ToolContext#isCancelled} turns true, and its
     * result is never sent.
     */
    CompletableFuture<JsonElement> call(
            Session session, JsonRpcRequest request, MessageSink replies) {
        JsonObject params = request.params();
        if (params == null
                || !(params.get("name") instanceof JsonPrimitive name)
                || !name.isString()) {
            throw new McpException(ErrorCode.INVALID_PARAMS, "tools/call needs a tool \"name\"");
        }
        ToolRegistry.Entry entry = registry.find(name.getAsString());
        JsonObject arguments = argumentsOf(params);
        List<String> problems = entry.argumentProblems(arguments);
        if (!problems.isEmpty()) {
            throw new McpException(
                    ErrorCode.INVALID_PARAMS,
                    "invalid arguments for tool "
                            + entry.tool().name()
                            + ": "
                            + String.join("; ", problems));
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        CallContext context =
                new CallContext(
                        arguments, progressToken(params), replies, session, cancelled, requester);
        return workers.run(session, request.id(), cancelled, () -> run(entry, context));
    }

    private static JsonObject argumentsOf(JsonObject params) {
        JsonElement arguments = params.get("arguments");
        if (arguments == null || arguments.isJsonNull()) {
            return new JsonObject();
        }
        if (!arguments.isJsonObject()) {
            throw new McpException(ErrorCode.INVALID_PARAMS, "\"arguments\" must be an object");
        }
        return arguments.getAsJsonObject();
    }

    private static JsonPrimitive progressToken(JsonObject params) {
        if (params.get("_meta") instanceof JsonObject meta
                && meta.get("progressToken") instanceof JsonPrimitive token) {
            return token;
        }
        return null;
    }

    private static JsonElement run(ToolRegistry.Entry entry, ToolContext context) {
        String name = entry.tool().name();
        ToolResult result;
        try {
            result = entry.tool().handler().call(context);
        } catch (McpException e) {
            throw e;
        } catch (Exception e) {
            if (context.isCancelled()) {
                LOG.log(Level.DEBUG, "tool {0} stopped after its call was cancelled", name);
            } else {
                LOG.log(Level.WARNING, "tool " + name + " failed", e);
            }
            result = ToolResult.error("The tool " + name + " failed: " + describe(e));
        }
        if (result == null) {
            result = ToolResult.error("The tool " + name + " returned no result.");
        }
        if (!result.isError()) {
            List<String> problems = entry.outputProblems(result.rawStructuredContent());
            if (!problems.isEmpty()) {
                LOG.log(Level.WARNING, "tool {0} broke its output schema: {1}", name, problems);
                result =
                        ToolResult.error(
                                "The tool "
                                        + name
                                        + " produced output that breaks its output schema.");
            }
        }
        return toJson(result);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? "an unexpected error with no message"
                : message;
    }

    private static JsonObject toJson(ToolResult result) {
        JsonObject json = new JsonObject();
        json.add("content", ContentJson.blocks(result.content()));
        if (result.rawStructuredContent() != null) {
            json.add("structuredContent", result.rawStructuredContent());
        }
        json.addProperty("isError", result.isError());
        return json;
    }

    /**
     * The context of one call; progress and log messages go to the sink that will carry the call's
     * response.
     */
    private record CallContext(
            JsonObject arguments,
            JsonPrimitive progressToken,
            MessageSink replies,
            Session session,
            AtomicBoolean cancelled,
            ClientRequester requester)
            implements ToolContext {
        @Override
        public JsonObject request(String method, JsonObject params)
                throws ClientRequestException, InterruptedException {
            return requester.request(session, replies, method, params);
        }

        @Override
        public void closeStream() {
            replies.closeStream();
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public void log(LoggingLevel level, String logger, JsonElement data) {
            if (cancelled.get() || level.compareTo(session.logLevel()) < 0) {
                return;
            }
            JsonObject params = new JsonObject();
            params.addProperty("level", level.wireName());
            if (logger != null) {
                params.addProperty("logger", logger);
            }
            params.add("data", data);
            replies.send(new JsonRpcNotification("notifications/message", params));
        }

        @Override
        public JsonObject arguments() {
            return arguments.deepCopy();
        }

        @Override
        public void reportProgress(double progress, Double total, String message) {
            if (progressToken == null || cancelled.get()) {
                return;
            }
            JsonObject params = new JsonObject();
            params.add("progressToken", progressToken);
            params.addProperty("progress", progress);
            if (total != null) {
                params.addProperty("total", total);
            }
            if (message != null) {
                params.addProperty("message", message);
            }
            replies.send(new JsonRpcNotification("notifications/progress", params));
        }
    }
}
