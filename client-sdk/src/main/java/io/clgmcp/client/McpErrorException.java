package io.clgmcp.client;

import com.google.gson.JsonElement;

/** The server answered a request with a JSON-RPC error. */
public final class McpErrorException extends McpClientException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final transient JsonElement data;

    McpErrorException(String method, int code, String message, JsonElement data) {
        super(method + " failed: " + message + " (" + code + ")", null);
        this.code = code;
        this.data = data;
    }

    /** The JSON-RPC error code (-32602 for invalid params, say). */
    public int code() {
        return code;
    }

    /** The error's {@code data}, or null. */
    public JsonElement data() {
        return data == null ? null : data.deepCopy();
    }
}
