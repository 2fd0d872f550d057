package io.clgmcp.core.http;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.core.jsonrpc.McpException;

/**
 * An HTTP error answer: its status and JSON body. Every HTTP transport and filter builds its error
 * replies here, so that one failure always reads the same on the wire.
 */
public record HttpFailure(int status, String body) {
    /**
     * A JSON-RPC error response as the whole body.
     *
     * <pre>{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: ..."}}</pre>
     */
    public static HttpFailure jsonRpc(int status, JsonRpcId id, McpException failure) {
        return new HttpFailure(
                status, JsonRpcCodec.encode(JsonRpcResponse.failure(id, failure.toError())));
    }

    /**
     * A failure outside JSON-RPC (authentication, routing), for a person to read.
     *
     * <pre>{"error":"Unauthorized","message":"missing bearer token","timestamp":1764000000000}
     * </pre>
     */
    public static HttpFailure of(int status, String error, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("error", error);
        body.addProperty("message", message);
        body.addProperty("timestamp", System.currentTimeMillis());
        return new HttpFailure(status, JsonRpcCodec.toText(body));
    }
}
