package io.clgmcp.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.Tool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A real server started in-process on a free port of 127.0.0.1, and an HTTP client to talk to it.
 * Every exchange is bounded by {@link #TIMEOUT}.
 */
public final class TestServer implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    // One client per server: a client shared across servers could reuse a pooled connection to an
    // earlier, stopped server whose free port the OS has handed to this one.
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(TIMEOUT)
                    .build();
    private final ClgMcpServer server;
    private final URI base;
    private boolean closed;

    private TestServer(ClgMcpServer server) {
        this.server = server;
        this.base = server.uri();
    }

    /**
     * Starts a server with these settings (on a free port unless PORT is given) offering these
     * tools.
     */
    public static TestServer start(Map<String, String> settings, Tool... tools) throws Exception {
        return startWithModules(settings, toolsModule(tools));
    }

    /** Starts a server with these settings and extra Guice modules. */
    static TestServer startWithModules(Map<String, String> settings, Module... modules)
            throws Exception {
        return new TestServer(ClgMcpServer.start(config(settings), modules));
    }

    /** The configuration of these settings, on a free port unless PORT is given. */
    static ServerConfig config(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.putIfAbsent("PORT", "0");
        return ServerConfig.of(values);
    }

    /** A Guice module contributing these tools. */
    static Module toolsModule(Tool... tools) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                for (Tool tool : tools) {
                    McpCoreModule.tools(binder()).addBinding().toInstance(tool);
                }
            }
        };
    }

    ClgMcpServer server() {
        return server;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    /** {@code GET path} with these headers (name, value, name, value...). */
    /**
     * Polls {@code /health} until {@code sse.stats.<name>} is that value, for at most {@link
     * #TIMEOUT}; returns the stats that showed it. Each poll is a full HTTP exchange, which paces
     * the loop.
     */
    public JsonObject awaitSseStat(String name, long expected)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonObject stats = sseStats();
        while (!stats.has(name) || stats.get(name).getAsLong() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "sse.stats." + name + " never became " + expected + ": " + stats);
            }
            stats = sseStats();
        }
        return stats;
    }

    private JsonObject sseStats() throws IOException, InterruptedException {
        Reply health = get("/health");
        if (health.status() != 200) {
            throw new AssertionError("/health answered " + health);
        }
        return health.json().getAsJsonObject("sse").getAsJsonObject("stats");
    }

    public Reply get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, null, headers);
    }

    /** {@code POST path} of a JSON body with these headers. */
    public Reply post(String path, String json, String... headers)
            throws IOException, InterruptedException {
        return send("POST", path, json, headers);
    }

    /** Any method, with a JSON body or none. */
    public Reply send(String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        return Reply.of(client.send(request(method, path, json, headers), bodyHandler()));
    }

    /** The same as {@link #send}, without waiting for the answer. */
    public CompletableFuture<Reply> sendAsync(
            String method, String path, String json, String... headers) {
        return client.sendAsync(request(method, path, json, headers), bodyHandler())
                .thenApply(Reply::of);
    }

    /** A JSON-RPC request to {@code POST /rpc}, with a bearer token unless it is null. */
    Reply rpc(String token, String method, JsonObject params)
            throws IOException, InterruptedException {
        return post("/rpc", request(method, params), bearer(token));
    }

    /** The same as {@link #rpc}, without waiting for the answer. */
    CompletableFuture<Reply> rpcAsync(String token, String method, JsonObject params) {
        return sendAsync("POST", "/rpc", request(method, params), bearer(token));
    }

    /** {@code tools/call} of a tool with arguments given as JSON text, without a token. */
    Reply callTool(String name, String argumentsJson) throws IOException, InterruptedException {
        return rpc(null, "tools/call", toolCall(name, argumentsJson));
    }

    CompletableFuture<Reply> callToolAsync(String name, String argumentsJson) {
        return rpcAsync(null, "tools/call", toolCall(name, argumentsJson));
    }

    static JsonObject toolCall(String name, String argumentsJson) {
        JsonObject params = new JsonObject();
        params.addProperty("name", name);
        params.add("arguments", JsonParser.parseString(argumentsJson));
        return params;
    }

    /** A JSON-RPC request with id 1. */
    static String request(String method, JsonObject params) {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", 1);
        request.addProperty("method", method);
        if (params != null) {
            request.add("params", params);
        }
        return request.toString();
    }

    public static String[] bearer(String token) {
        return token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
    }

    private HttpRequest request(String method, String path, String json, String... headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri(path))
                        .timeout(TIMEOUT)
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    private static HttpResponse.BodyHandler<String> bodyHandler() {
        return HttpResponse.BodyHandlers.ofString();
    }

    @Override
    public void close() throws Exception {
        if (!closed) {
            closed = true;
            server.close();
        }
    }

    /**
     * Starts a graceful stop on another thread; the future completes once the server has stopped.
     */
    public CompletableFuture<Void> closeInBackground() {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    /** An HTTP answer. */
    public record Reply(int status, HttpHeaders headers, String body) {
        static Reply of(HttpResponse<String> response) {
            return new Reply(response.statusCode(), response.headers(), response.body());
        }

        public JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        List<String> headerValues(String name) {
            return headers.allValues(name);
        }

        /** The JSON-RPC result of a successful response; fails on an error response. */
        JsonObject result() {
            JsonObject json = json();
            if (!json.has("result")) {
                throw new AssertionError("expected a JSON-RPC result, got " + body);
            }
            return json.getAsJsonObject("result");
        }

        /** The text of the first content item of a successful {@code tools/call} response. */
        String firstText() {
            return result().getAsJsonArray("content")
                    .get(0)
                    .getAsJsonObject()
                    .get("text")
                    .getAsString();
        }

        /** The JSON-RPC error of a failed response; fails on a successful one. */
        JsonObject error() {
            JsonObject json = json();
            if (!json.has("error")) {
                throw new AssertionError("expected a JSON-RPC error, got " + body);
            }
            return json.getAsJsonObject("error");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
