package io.clgmcp.server.streamable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * A Streamable HTTP client of {@code /mcp} on a {@link TestServer}, with or without a bearer token:
 * it sends every message with the headers the transport asks for ({@code Accept} of JSON and event
 * streams, the token, and {@code Mcp-Session-Id} when a session is named), opens sessions, and
 * holds the JSON-RPC messages and assertions the Streamable tests share.
 */
final class McpHttp {
    static final String PATH = "/mcp";
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    static final String ACCEPT = "application/json, text/event-stream";

    /** 128 random bits as 32 lowercase hex digits. */
    static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{32}");

    private final TestServer server;
    private final String token;

    McpHttp(TestServer server) {
        this(server, null);
    }

    McpHttp(TestServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** {@code initialize} asking for protocol version 2025-06-18, in no session. */
    Reply initialize() throws IOException, InterruptedException {
        return post(null, initializeRequest(1, "2025-06-18"));
    }

    /**
     * Initializes a session and confirms it with {@code notifications/initialized}, as a client
     * does before anything else; returns its id.
     */
    String open() throws IOException, InterruptedException {
        Reply initialized = initialize();
        assertEquals(200, initialized.status(), initialized::toString);
        String session =
                initialized
                        .header(SESSION_HEADER)
                        .orElseThrow(() -> new AssertionError("no session id on " + initialized));
        Reply confirmed = post(session, notification("notifications/initialized"));
        assertEquals(202, confirmed.status(), confirmed::toString);
        return session;
    }

    /**
     * {@code POST /mcp} of a message in that session (none if null), with the usual headers and
     * these extra ones (name, value, name, value...).
     */
    Reply post(String session, String json, String... headers)
            throws IOException, InterruptedException {
        return server.post(PATH, json, headers(session, ACCEPT, headers));
    }

    /** The same as {@link #post}, without waiting for the answer. */
    CompletableFuture<Reply> postAsync(String session, String json) {
        return server.sendAsync("POST", PATH, json, headers(session, ACCEPT));
    }

    /**
     * {@code POST /mcp} with this {@code Accept} header (none if null) instead of the usual one.
     */
    Reply postAccepting(String accept, String session, String json)
            throws IOException, InterruptedException {
        return server.post(PATH, json, headers(session, accept));
    }

    /** {@code DELETE /mcp} of that session (no header if null). */
    Reply delete(String session, String... headers) throws IOException, InterruptedException {
        return server.send("DELETE", PATH, null, headers(session, null, headers));
    }

    /** {@code ping} in that session; fails unless it is answered. */
    void assertAlive(String session) throws IOException, InterruptedException {
        Reply pong = post(session, ping(99));
        assertEquals(200, pong.status(), () -> "session " + session + " should be alive: " + pong);
        assertEquals(JsonParser.parseString("{}"), result(pong), pong::toString);
    }

    /** {@code ping} in that session; fails unless the session is not found. */
    void assertGone(String session) throws IOException, InterruptedException {
        assertSessionNotFound(post(session, ping(98)));
    }

    /**
     * A POST of these bytes with this content type, the usual {@code Accept} and the token, for
     * bodies that {@link TestServer} cannot send.
     */
    Reply postRaw(String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.uri(PATH))
                        .timeout(TestServer.TIMEOUT)
                        .header("Content-Type", contentType)
                        .header("Accept", ACCEPT)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(TestServer.TIMEOUT)
                        .build();
        HttpResponse<String> response =
                client.send(
                        request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    /**
     * Lets that much time pass without touching any session: polls {@code GET /health}, a cheap
     * request outside {@code /mcp}, until the time is up. Bounded by the duration itself.
     */
    void idleFor(Duration duration) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < duration.toNanos()) {
            Reply health = server.get("/health");
            assertEquals(200, health.status(), health::toString);
            Thread.onSpinWait();
        }
    }

    private String[] headers(String session, String accept, String... extra) {
        List<String> headers = new ArrayList<>(Arrays.asList(TestServer.bearer(token)));
        if (accept != null) {
            headers.add("Accept");
            headers.add(accept);
        }
        if (session != null) {
            headers.add(SESSION_HEADER);
            headers.add(session);
        }
        headers.addAll(Arrays.asList(extra));
        return headers.toArray(String[]::new);
    }

    /** An MCP {@code initialize} request asking for that protocol version. */
    static String initializeRequest(long id, String protocolVersion) {
        JsonObject params = new JsonObject();
        if (protocolVersion != null) {
            params.addProperty("protocolVersion", protocolVersion);
        }
        params.add("capabilities", new JsonObject());
        params.add(
                "clientInfo",
                JsonParser.parseString("{\"name\":\"streamable-test\",\"version\":\"1\"}"));
        return request(id, "initialize", params);
    }

    /** A JSON-RPC request; params may be null. */
    static String request(long id, String method, JsonObject params) {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", id);
        request.addProperty("method", method);
        if (params != null) {
            request.add("params", params);
        }
        return request.toString();
    }

    static String ping(long id) {
        return request(id, "ping", null);
    }

    /** A JSON-RPC notification without params. */
    static String notification(String method) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}";
    }

    /** A {@code tools/call} of that tool with arguments given as JSON text. */
    static String toolCall(long id, String tool, String argumentsJson) {
        JsonObject params = new JsonObject();
        params.addProperty("name", tool);
        params.add("arguments", JsonParser.parseString(argumentsJson));
        return request(id, "tools/call", params);
    }

    /** A {@code tools/call} of {@code echo} saying that text. */
    static String echo(long id, String text) {
        JsonObject arguments = new JsonObject();
        arguments.addProperty("text", text);
        return toolCall(id, "echo", arguments.toString());
    }

    /**
     * Asserts a 200 {@code application/json} JSON-RPC response of that id, and returns its result.
     */
    static JsonObject result(Reply reply, long id) {
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        JsonObject json = reply.json();
        assertEquals("2.0", json.get("jsonrpc").getAsString(), reply::toString);
        assertEquals(id, json.get("id").getAsLong(), reply::toString);
        return result(reply);
    }

    private static JsonObject result(Reply reply) {
        JsonObject json = reply.json();
        if (!json.has("result")) {
            throw new AssertionError("expected a JSON-RPC result, got " + reply);
        }
        return json.getAsJsonObject("result");
    }

    /** The text of the first content item of a successful {@code tools/call} with that id. */
    static String toolText(Reply reply, long id) {
        JsonObject result = result(reply, id);
        assertTrue(
                !result.has("isError") || !result.get("isError").getAsBoolean(), reply::toString);
        return result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString();
    }

    /**
     * Asserts an {@code application/json} reply of that status whose body is a JSON-RPC error of
     * that code, and returns the error.
     */
    static JsonObject assertRpcError(Reply reply, int status, int code) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        JsonObject json = reply.json();
        assertEquals("2.0", json.get("jsonrpc").getAsString(), reply::toString);
        assertTrue(json.has("id"), reply::toString);
        assertTrue(!json.has("result"), reply::toString);
        JsonObject error = json.getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsInt(), reply::toString);
        assertTrue(error.get("message").getAsJsonPrimitive().isString(), reply::toString);
        return error;
    }

    /** Asserts the 404 of a session that is unknown, ended, expired or another caller's. */
    static void assertSessionNotFound(Reply reply) {
        JsonObject error = assertRpcError(reply, 404, -32001);
        assertTrue(
                error.get("message").getAsString().startsWith("Session not found"),
                reply::toString);
    }
}
