package io.clgmcp.server.internal;

import com.google.gson.JsonElement;
import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.servlet.JsonReplies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the application's own JSON replies, error or not, never to be cached. */
public final class HttpReplies {
    private HttpReplies() {}

    public static void write(HttpServletResponse response, HttpFailure failure) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        JsonReplies.write(response, failure);
    }

    /**
     * Refuses a request before its body is read. Over HTTP/1.1 a request that carries a body is
     * told {@code Connection: close}: Jetty closes such a connection rather than read a body nobody
     * wants, and a client told so opens a new one for its next request instead of picking this one
     * from its pool as it closes.
     */
    public static void refuse(
            HttpServletRequest request, HttpServletResponse response, HttpFailure failure)
            throws IOException {
        boolean carriesBody =
                request.getContentLengthLong() > 0
                        || request.getHeader("Transfer-Encoding") != null;
        if (carriesBody && "HTTP/1.1".equals(request.getProtocol())) {
            response.setHeader("Connection", "close");
        }
        write(response, failure);
    }

    public static void write(HttpServletResponse response, int status, JsonElement json)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        JsonReplies.write(response, status, JsonRpcCodec.toText(json));
    }

    /**
     * Refuses a method other than GET and HEAD with 405, naming the methods served in {@code
     * Allow}.
     */
    static void onlyGetAndHead(
            HttpServletRequest request, HttpServletResponse response, String allow)
            throws IOException {
        response.setHeader("Allow", allow);
        write(
                response,
                HttpFailure.of(
                        405,
                        "Method Not Allowed",
                        "only GET and HEAD are served at " + pathOf(request)));
    }

    /** The path within the application: "/health" whatever the context path. */
    static String pathOf(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }
}
