package io.clgmcp.transport.sse.internal;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.McpException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the SSE endpoints' JSON replies, errors in the guide's shape:
 *
 * <pre>{"error":"Connection not found","code":-32001}</pre>
 */
final class SseReplies {
    private SseReplies() {}

    static void error(HttpServletResponse response, int status, McpException failure)
            throws IOException {
        error(response, status, failure.code().code(), failure.toError().message());
    }

    static void error(HttpServletResponse response, int status, int code, String error)
            throws IOException {
        JsonObject body = new JsonObject();
        body.addProperty("error", error);
        body.addProperty("code", code);
        json(response, status, JsonRpcCodec.toText(body));
    }

    static void json(HttpServletResponse response, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
