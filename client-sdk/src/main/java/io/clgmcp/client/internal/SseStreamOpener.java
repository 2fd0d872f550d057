package io.clgmcp.client.internal;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the {@code GET} of an SSE stream and waits for its response head no longer than the
 * exchange timeout; only a 200 event stream is accepted. An opening in progress can be cancelled,
 * as the transport closes.
 */
final class SseStreamOpener {
    private final HttpSettings settings;
    private final URI uri;
    private volatile CompletableFuture<?> opening;

    SseStreamOpener(HttpSettings settings, URI uri) {
        this.settings = settings;
        this.uri = uri;
    }

    /**
     * The body of a new event stream.
     *
     * @throws McpTransportFailure when the server cannot be reached or answers other than 200
     */
    InputStream open() {
        HttpRequest request =
                settings.streamRequest(uri)
                        .header("Accept", "text/event-stream")
                        .header("Cache-Control", "no-cache")
                        .GET()
                        .build();
        CompletableFuture<HttpResponse<InputStream>> pending =
                settings.http().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        opening = pending;
        HttpResponse<InputStream> response;
        try {
            response = pending.get(settings.exchangeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            discard(pending);
            throw new McpTransportFailure(
                    0,
                    "GET "
                            + uri
                            + " was not answered within "
                            + settings.exchangeTimeout().toMillis()
                            + " ms",
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new McpTransportFailure(0, "GET " + uri + " failed: " + cause, cause);
        } catch (CancellationException e) {
            throw new McpTransportFailure(0, "the transport is closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(pending);
            throw new McpTransportFailure(0, "interrupted while opening " + uri, e);
        } finally {
            opening = null;
        }
        InputStream body = response.body();
        int status = response.statusCode();
        if (status != 200) {
            String text = SseErrorBody.read(body);
            throw HttpSettings.unexpected(status, SseErrorBody.text(text), "GET " + uri.getPath());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            SseStream.closeQuietly(body);
            throw new McpTransportFailure(
                    status,
                    "GET "
                            + uri
                            + " answered "
                            + (type.isEmpty() ? "no" : type)
                            + ", not an event"
                            + " stream");
        }
        return body;
    }

    /** Gives up the opening in progress, if any. */
    void cancel() {
        CompletableFuture<?> pending = opening;
        if (pending != null) {
            pending.cancel(true);
        }
    }

    /** Closes the body of a response that arrives after its wait was given up. */
    private static void discard(CompletableFuture<HttpResponse<InputStream>> pending) {
        pending.thenAccept(response -> SseStream.closeQuietly(response.body()));
        pending.cancel(true);
    }
}
