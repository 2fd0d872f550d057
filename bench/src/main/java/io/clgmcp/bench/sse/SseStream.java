package io.clgmcp.bench.sse;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;

/**
 * One {@code GET /sse} of the load generator, read without a thread of its own: its {@code
 * connected} event gives its connection id, and every later event goes to a {@link Handler}.
 */
final class SseStream implements EventParser.Listener {
    /** Where a stream's events after {@code connected} go, on the HTTP client's threads. */
    interface Handler {
        void onEvent(SseStream stream, String type, String data);
    }

    private final Handler handler;
    private final EventParser parser = new EventParser(this);
    private final CompletableFuture<String> connected = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile Request request;
    private volatile boolean closing;

    private SseStream(Handler handler) {
        this.handler = handler;
    }

    /** Sends {@code GET uri}; the stream is read as its bytes arrive. */
    static SseStream open(HttpClient http, URI uri, Handler handler) {
        SseStream stream = new SseStream(handler);
        stream.request =
                http.newRequest(uri)
                        .headers(headers -> headers.put(HttpHeader.ACCEPT, "text/event-stream"))
                        // A quiet stream is still a live one; heartbeats are the server's business.
                        .idleTimeout(0, TimeUnit.MILLISECONDS)
                        .onResponseHeaders(
                                response -> {
                                    if (response.getStatus() != 200) {
                                        stream.end("GET /sse answered " + response.getStatus());
                                    }
                                })
                        .onResponseContent((response, content) -> stream.parser.accept(content));
        stream.request.send(
                result ->
                        stream.end(
                                result.isFailed()
                                        ? "broke: " + result.getFailure()
                                        : "closed by the server"));
        return stream;
    }

    /** Completes with the connection id, or fails when the stream ends before {@code connected}. */
    CompletableFuture<String> connected() {
        return connected;
    }

    /** The connection id; only once {@link #connected} has completed. */
    String connectionId() {
        return connected.join();
    }

    /** Why the stream ended, or null while it is open or when this client closed it. */
    String endReason() {
        return closing ? null : ended.getNow(null);
    }

    /** Closes the connection. */
    void close() {
        closing = true;
        request.abort(new CancellationException("closed by the load generator"));
    }

    @Override
    public void onEvent(String type, String data) {
        if (type.equals("connected") && !connected.isDone()) {
            connected.complete(
                    JsonParser.parseString(data)
                            .getAsJsonObject()
                            .get("connectionId")
                            .getAsString());
        } else {
            handler.onEvent(this, type, data);
        }
    }

    private void end(String why) {
        connected.completeExceptionally(new IOException(why));
        ended.complete(why);
    }
}
