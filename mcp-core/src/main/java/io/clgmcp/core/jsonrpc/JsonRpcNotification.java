package io.clgmcp.core.jsonrpc;

import com.google.gson.JsonObject;

/**
 * A notification: a method without an id, never answered. {@code params} is null when the message
 * had none.
 *
 * <pre>{"jsonrpc":"2.0","method":"notifications/initialized"}</pre>
 */
public record JsonRpcNotification(String method, JsonObject params) implements JsonRpcMessage {
    public JsonRpcNotification {
        if (method == null) {
            throw new IllegalArgumentException("a notification needs a method");
        }
    }

    @Override
    public JsonObject params() {
        return params == null ? null : params.deepCopy();
    }

    /** The {@code params} tree itself, for the codec to write without copying. */
    JsonObject rawParams() {
        return params;
    }
}
