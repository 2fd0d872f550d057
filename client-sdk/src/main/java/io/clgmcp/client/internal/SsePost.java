package io.clgmcp.client.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * POSTs one JSON message of an SSE connection. A 200 or 202 is success; a refusal saying the
 * connection is unknown (404, or 400 with JSON-RPC code -32001) also ends the connection's stream,
 * so that a new connection is made.
 */
final class SsePost {
    private SsePost() {}

    /**
     * @param via the stream of the connection the message belongs to
     * @param what the request, for messages ("POST /sse")
     * @throws McpTransportFailure with the status and the server's error text when it is refused,
     *     or status 0 when it is not answered
     */
    static void send(
            HttpSettings settings, SseStream<?> via, URI target, String json, String what) {
        HttpRequest request =
                settings.request(target)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build();
        HttpResponse<String> response = Http.exchange(settings, request);
        int status = response.statusCode();
        if (status == 200 || status == 202) {
            return;
        }
        if (status == 404 || (status == 400 && SseErrorBody.code(response.body()) == -32001)) {
            // Ends the stream, if it is still open, so that a new connection replaces it.
            via.abort(what + " answered " + status + ": the server no longer knows the connection");
        }
        throw HttpSettings.unexpected(status, SseErrorBody.text(response.body()), what);
    }
}
