package io.clgmcp.client.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * What every HTTP transport of a client shares: the server's URL, the bearer token (or null), how
 * long one POST may take to be answered (the client's request timeout: a plain JSON reply comes
 * only when the request is done), and the JDK client that carries it all.
 */
public record HttpSettings(URI url, String bearerToken, Duration exchangeTimeout, HttpClient http) {
    /** A request to {@code uri} with the token, if any; the caller adds method and headers. */
    public HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(exchangeTimeout);
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return builder;
    }

    /**
     * A request for a stream that stays open: no timeout on the whole exchange, since the JDK would
     * end a healthy stream when it passed.
     */
    public HttpRequest.Builder streamRequest(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return builder;
    }

    /** The failure to report for an HTTP status the transport did not expect. */
    public static McpTransportFailure unexpected(int status, String body, String what) {
        String detail = body == null || body.isBlank() ? "" : ": " + abbreviate(body);
        return new McpTransportFailure(status, what + " answered HTTP " + status + detail);
    }

    private static String abbreviate(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }
}
