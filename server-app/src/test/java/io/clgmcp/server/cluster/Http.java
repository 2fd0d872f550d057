package io.clgmcp.server.cluster;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Plain HTTP/1.1 calls to the nodes of a cluster, each read as a whole; every call is bounded by
 * {@link Poll#WAIT}. Headers are given as name, value, name, value...
 */
final class Http {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Poll.WAIT)
                    .build();

    private Http() {}

    static Reply get(URI uri, String... headers) throws IOException, InterruptedException {
        return send("GET", uri, null, headers);
    }

    static Reply post(URI uri, String json, String... headers)
            throws IOException, InterruptedException {
        return send("POST", uri, json, headers);
    }

    static Reply delete(URI uri, String... headers) throws IOException, InterruptedException {
        return send("DELETE", uri, null, headers);
    }

    /** {@code Authorization: Bearer <token>}, or no header when the token is null. */
    static String[] bearer(String token) {
        return token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
    }

    private static Reply send(String method, URI uri, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(Poll.WAIT)
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response =
                CLIENT.send(
                        request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    /** A whole answer. */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
