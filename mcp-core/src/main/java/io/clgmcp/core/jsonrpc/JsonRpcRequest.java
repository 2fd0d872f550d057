package io.clgmcp.core.jsonrpc;

import com.google.gson.JsonObject;

/**
 * A request: it has an id and expects exactly one response. {@code params} is null when the message
 * had none.
 *
 * <pre>{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"cursor":"..."}}</pre>
 */
public record JsonRpcRequest(JsonRpcId id, String method, JsonObject params)
        implements JsonRpcMessage {
    public JsonRpcRequest {
        if (id == null || method == null) {
            throw new IllegalArgumentException("a request needs an id and a method");
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
