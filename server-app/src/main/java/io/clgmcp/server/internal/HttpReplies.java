package io.clgmcp.server.internal;

import com.google.gson.JsonElement;
import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the application's own JSON replies, error or not. */
final class HttpReplies {
    private HttpReplies() {}

    static void write(HttpServletResponse response, HttpFailure failure) throws IOException {
        write(response, failure.status(), failure.body());
    }

    static void write(HttpServletResponse response, int status, JsonElement json)
            throws IOException {
        write(response, status, JsonRpcCodec.toText(json));
    }

    private static void write(HttpServletResponse response, int status, String json)
            throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The path within the application: "/health" whatever the context path. */
    static String pathOf(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }
}
