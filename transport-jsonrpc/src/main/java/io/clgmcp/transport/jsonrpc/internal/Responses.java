package io.clgmcp.transport.jsonrpc.internal;

import io.clgmcp.core.http.HttpFailure;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes JSON replies, error or not. */
final class Responses {
    private Responses() {}

    static void write(HttpServletResponse response, HttpFailure failure) throws IOException {
        writeJson(response, failure.status(), failure.body());
    }

    static void writeJson(HttpServletResponse response, int status, String json)
            throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
