package io.clgmcp.core.jsonrpc;

import com.google.gson.JsonElement;

/**
 * A response: exactly one of {@code result} and {@code error} is present. The id is null only for
 * an error about a message whose id could not be read.
 *
 * <pre>{"jsonrpc":"2.0","id":7,"error":{"code":-32601,"message":"Method not found: foo"}}</pre>
 */
public record JsonRpcResponse(JsonRpcId id, JsonElement result, JsonRpcError error)
        implements JsonRpcMessage {
    public JsonRpcResponse {
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("a response has either a result or an error");
        }
        if (id == null && error == null) {
            throw new IllegalArgumentException("a successful response needs an id");
        }
    }

    public static JsonRpcResponse success(JsonRpcId id, JsonElement result) {
        return new JsonRpcResponse(id, result, null);
    }

    public static JsonRpcResponse failure(JsonRpcId id, JsonRpcError error) {
        return new JsonRpcResponse(id, null, error);
    }

    public boolean isError() {
        return error != null;
    }

    @Override
    public JsonElement result() {
        return result == null ? null : result.deepCopy();
    }

    /** The {@code result} tree itself, for the codec to write without copying. */
    JsonElement rawResult() {
        return result;
    }
}
