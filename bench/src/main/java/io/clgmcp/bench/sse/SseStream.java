package io.clgmcp.bench.sse;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code GET /sse} of the load generator, read without a thread of its own: its {@code
 * connected} event gives its connection id, and every later event goes to a {@link Handler}.
 */
final class SseStream implements EventParser.Listener {
    /** Where a stream's events after {@code connected} go, on the HTTP client's threads. */
    interface Handler {
        void onEvent(SseStream stream, String type, String data);
    }

    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(30);

    private final Handler handler;
    private final EventParser parser = new EventParser(this);
    private final CompletableFuture<String> connected = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();

    private SseStream(Handler handler) {
        this.handler = handler;
    }

    /** Sends {@code GET uri}; the stream is read as its bytes arrive. */
    static SseStream open(HttpClient http, URI uri, Handler handler) {
        SseStream stream = new SseStream(handler);
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .header("Accept", "text/event-stream")
                        .timeout(HEAD_TIMEOUT)
                        .GET()
                        .build();
        http.sendAsync(request, stream::body)
                .whenComplete(
                        (response, failure) -> {
                            if (failure != null) {
                                stream.end("GET " + uri + " failed: " + failure);
                            }
                        });
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

    /** Why the stream ended, or null while it is open. */
    String endReason() {
        return ended.getNow(null);
    }

    /** Closes the connection. */
    void close() {
        parser.cancel();
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

    @Override
    public void onEnd(Throwable failure) {
        end(failure == null ? "closed by the server" : "broke: " + failure);
    }

    private HttpResponse.BodySubscriber<Void> body(HttpResponse.ResponseInfo head) {
        if (head.statusCode() != 200) {
            end("GET /sse answered " + head.statusCode());
            return HttpResponse.BodySubscribers.discarding();
        }
        return HttpResponse.BodySubscribers.fromLineSubscriber(parser);
    }

    private void end(String why) {
        connected.completeExceptionally(new IOException(why));
        ended.complete(why);
    }
}
