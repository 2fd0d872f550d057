package io.clgmcp.servlet;

import io.clgmcp.core.http.HttpFailure;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Writes a whole JSON reply: status, content type, length and body, in one place for everyone. */
public final class JsonReplies {
    private static final System.Logger LOG = System.getLogger(JsonReplies.class.getName());

    private JsonReplies() {}

    public static void write(HttpServletResponse response, HttpFailure failure) throws IOException {
        write(response, failure.status(), failure.body());
    }

    /**
     * Writes the reply of an asynchronous exchange once its body is ready, on whichever thread
     * completes the body, and ends the exchange; a null body (nothing to answer, as for a cancelled
     * request) ends it with 204 instead.
     */
    public static void writeWhenReady(
            AsyncContext async, int status, CompletableFuture<String> json) {
        json.whenComplete((body, failure) -> complete(async, status, body));
    }

    /** Writes the reply of an asynchronous exchange and ends it, as {@link #deliver} does. */
    public static void complete(AsyncContext async, int status, String json) {
        try {
            deliver((HttpServletResponse) async.getResponse(), status, json);
        } finally {
            try {
                async.complete();
            } catch (IllegalStateException alreadyEnded) {
                LOG.log(System.Logger.Level.DEBUG, "the exchange had already ended");
            }
        }
    }

    /**
     * Writes a whole JSON reply; a null body (nothing to answer, as for a cancelled request) ends
     * it with 204 instead. A client gone by then is only logged: nobody is left to tell.
     */
    public static void deliver(HttpServletResponse response, int status, String json) {
        try {
            if (json == null) {
                response.setStatus(204);
            } else {
                write(response, status, json);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not deliver a reply", e);
        }
    }

    public static void write(HttpServletResponse response, int status, String json)
            throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        // One call: Jetty parses a content type once, where a separate charset would parse again.
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
