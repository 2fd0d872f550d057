package io.clgmcp.core.jsonrpc;

import com.google.gson.JsonElement;

/** The {@code error} member of a JSON-RPC response; {@code data} may be null. */
public record JsonRpcError(int code, String message, JsonElement data) {
    public JsonRpcError {
        if (message == null) {
            throw new IllegalArgumentException("an error needs a message");
        }
    }

    /** The bare error for a code, with its standard message and no data. */
    public static JsonRpcError of(ErrorCode code) {
        return new JsonRpcError(code.code(), code.message(), null);
    }

    @Override
    public JsonElement data() {
        return data == null ? null : data.deepCopy();
    }

    /** The {@code data} tree itself, for the codec to write without copying. */
    JsonElement rawData() {
        return data;
    }
}
