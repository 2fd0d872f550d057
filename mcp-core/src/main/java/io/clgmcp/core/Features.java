package io.clgmcp.core;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;

/**
 * What a server offers (tools, resources, prompts, completions) and the capabilities that follow
 * from it: a kind of feature is declared at {@code initialize} only when the server has some.
 */
record Features(
        ToolRegistry tools,
        ResourceRegistry resources,
        PromptRegistry prompts,
        Completions completions,
        Subscriptions subscriptions) {

    JsonObject subscribe(Session session, String uri) {
        if (!session.canPush()) {
            throw new McpException(
                    ErrorCode.INVALID_REQUEST,
                    "this transport cannot deliver resource updates; subscribe over Streamable"
                            + " HTTP or SSE");
        }
        if (!resources.knows(uri)) {
            throw ResourceRegistry.notFound(uri);
        }
        subscriptions.subscribe(session, uri);
        return new JsonObject();
    }

    JsonObject unsubscribe(Session session, String uri) {
        subscriptions.unsubscribe(session, uri);
        return new JsonObject();
    }

    /**
     * Whether the server serves a method: those of a kind of feature it has none of are unknown to
     * it, as its capabilities say.
     */
    boolean offers(String method) {
        if (method.startsWith("resources/")) {
            return !resources.isEmpty();
        }
        if (method.startsWith("prompts/")) {
            return !prompts.isEmpty();
        }
        if (method.equals("completion/complete")) {
            return !resources.isEmpty() || !prompts.isEmpty();
        }
        return true;
    }

    /** The {@code capabilities} of the {@code initialize} result. */
    JsonObject capabilities() {
        JsonObject capabilities = new JsonObject();
        capabilities.add("tools", listChanged(false));
        capabilities.add("logging", new JsonObject());
        if (!resources.isEmpty()) {
            JsonObject resourceCapability = listChanged(false);
            resourceCapability.addProperty("subscribe", true);
            capabilities.add("resources", resourceCapability);
        }
        if (!prompts.isEmpty()) {
            capabilities.add("prompts", listChanged(false));
        }
        if (offers("completion/complete")) {
            capabilities.add("completions", new JsonObject());
        }
        return capabilities;
    }

    private static JsonObject listChanged(boolean changes) {
        JsonObject capability = new JsonObject();
        capability.addProperty("listChanged", changes);
        return capability;
    }
}
