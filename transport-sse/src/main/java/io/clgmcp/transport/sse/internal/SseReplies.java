package io.clgmcp.transport.sse.internal;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.McpException;
import io.clgmcp.servlet.JsonReplies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes the SSE endpoints' JSON replies, errors in the guide's shape:
 *
 * <pre>{"error":"Connection not found","code":-32001}</pre>
 */
final class SseReplies {
    /** How long a refused client should wait before it tries again. */
    static final String RETRY_AFTER_SECONDS = "5";

    private SseReplies() {}

    static void error(HttpServletResponse response, int status, McpException failure)
            throws IOException {
        error(response, status, failure.code().code(), failure.toError().message());
    }

    /** The cluster's store cannot be reached: 503, to be retried, with what failed. */
    static void clusterUnavailable(HttpServletResponse response, RuntimeException failure)
            throws IOException {
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        error(
                response,
                503,
                ErrorCode.CLUSTER_UNAVAILABLE.code(),
                ErrorCode.CLUSTER_UNAVAILABLE.message() + ": " + failure.getMessage());
    }

    static void error(HttpServletResponse response, int status, int code, String error)
            throws IOException {
        JsonObject body = new JsonObject();
        body.addProperty("error", error);
        body.addProperty("code", code);
        JsonReplies.write(response, status, JsonRpcCodec.toText(body));
    }
}
