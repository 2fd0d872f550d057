package io.clgmcp.core.jsonrpc;

import com.google.gson.JsonElement;

/**
 * A failure that the client caused or must hear about, carrying the JSON-RPC error it becomes on
 * the wire. The detail is meant for a person reading the error; it never contains a stack trace.
 */
public final class McpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient JsonElement data;

    public McpException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    public McpException(ErrorCode code, String detail, JsonElement data) {
        super(detail, null, false, false);
        this.code = code;
        this.data = data;
    }

    public ErrorCode code() {
        return code;
    }

    /** The error object for a JSON-RPC response: "Invalid params: missing 'name'". */
    public JsonRpcError toError() {
        return new JsonRpcError(code.code(), code.message() + ": " + getMessage(), data);
    }
}
