package io.clgmcp.client.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** One blocking HTTP exchange, with its failures as {@link McpTransportFailure}. */
final class Http {
    private Http() {}

    static HttpResponse<String> exchange(HttpSettings settings, HttpRequest request) {
        return exchange(
                settings, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static <T> HttpResponse<T> exchange(
            HttpSettings settings, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return settings.http().send(request, body);
        } catch (IOException e) {
            throw new McpTransportFailure(
                    0, "could not reach " + request.uri() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpTransportFailure(0, "interrupted while talking to " + request.uri(), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
