package io.clgmcp.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Plain {@link java.net.http} requests for the integration tests that talk to a packaged server
 * from outside: each request is bounded by {@link #WAIT}.
 */
final class HttpCalls {
    static final Duration WAIT = Duration.ofSeconds(30);

    private HttpCalls() {}

    /** An MCP {@code initialize} request with id 1, from a client of that name. */
    static String initialize(String clientName) {
        return initialize(clientName, "2025-06-18");
    }

    /** An MCP {@code initialize} request with id 1, from a client of that name and revision. */
    static String initialize(String clientName, String protocolVersion) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\""
                + protocolVersion
                + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\""
                + clientName
                + "\",\"version\":\"1\"}}}";
    }

    /** A JSON-RPC {@code ping} with that id. */
    static String ping(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}";
    }

    static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(WAIT).GET().build();
    }

    /** {@code POST} of a JSON-RPC body, with a bearer token unless it is null. */
    static HttpRequest rpc(URI uri, String bearer, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(WAIT)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request.build();
    }

    static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }

    static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /** A file the build packaged into this module's {@code target} folder. */
    static Path packaged(String fileName) {
        return Path.of(System.getProperty("basedir", ""))
                .toAbsolutePath()
                .resolve("target")
                .resolve(fileName);
    }

    /** A token no one could guess. */
    static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
