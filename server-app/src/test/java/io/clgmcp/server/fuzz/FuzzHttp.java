package io.clgmcp.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.clgmcp.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Raw HTTP exchanges with a fuzzed {@link TestServer}: any method, any bytes, any header values,
 * each exchange bounded by {@link TestServer#TIMEOUT}; and the checks every answer must pass.
 */
final class FuzzHttp {
    /** What a leaked stack trace or Java class name looks like in a body. */
    private static final Pattern LEAK =
            Pattern.compile(
                    "Exception|\\b[A-Z]\\w*Error\\b|\\tat |\\bat (io|java|jakarta|org|com)\\.|java\\.lang\\.");

    private final TestServer server;
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(TestServer.TIMEOUT)
                    .build();

    FuzzHttp(TestServer server) {
        this.server = server;
    }

    /**
     * Sends a request and reads its whole answer, except that of an event stream opened by GET,
     * which is closed once its head has arrived. Headers whose value is null are left out.
     */
    Answer send(String method, String path, byte[] body, Map<String, String> headers) {
        return send(method, path, body, headers, false);
    }

    /** The same as {@link #send}, with a body of unknown length (chunked transfer coding). */
    Answer sendChunked(String method, String path, byte[] body, Map<String, String> headers) {
        return send(method, path, body, headers, true);
    }

    private Answer send(
            String method, String path, byte[] body, Map<String, String> headers, boolean chunked) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.uri(path))
                        .timeout(TestServer.TIMEOUT)
                        .method(method, publisher(body, chunked));
        headers.forEach(
                (name, value) -> {
                    if (value != null) {
                        request.header(name, value);
                    }
                });
        HttpResponse<InputStream> response =
                bounded(
                        client.sendAsync(
                                request.build(), HttpResponse.BodyHandlers.ofInputStream()),
                        method + " " + path);
        String type = response.headers().firstValue("Content-Type").orElse("");
        InputStream in = response.body();
        if ("GET".equals(method)
                && response.statusCode() == 200
                && type.startsWith("text/event-stream")) {
            close(in);
            return new Answer(response.statusCode(), type, "", null);
        }
        CompletableFuture<byte[]> bytes =
                CompletableFuture.supplyAsync(
                        () -> {
                            try (InputStream open = in) {
                                return open.readAllBytes();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        try {
            return new Answer(
                    response.statusCode(),
                    type,
                    new String(
                            bounded(bytes, "the body of " + method + " " + path),
                            StandardCharsets.UTF_8),
                    response.headers().firstValue("Mcp-Session-Id").orElse(null));
        } finally {
            close(in);
        }
    }

    /** {@code ping} over {@code POST /rpc}: fails unless the server still answers it. */
    void assertStillServing() {
        Answer pong =
                send(
                        "POST",
                        "/rpc",
                        MalformedBodies.PING.getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "application/json"));
        assertEquals(200, pong.status(), pong::toString);
        assertEquals(
                JsonParser.parseString("{}"),
                pong.json().getAsJsonObject().get("result"),
                pong::toString);
    }

    private static HttpRequest.BodyPublisher publisher(byte[] body, boolean chunked) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
    }

    private static <T> T bounded(CompletableFuture<T> future, String what) {
        try {
            return future.get(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("no answer to " + what + " within " + TestServer.TIMEOUT);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // The stream is abandoned either way.
        }
    }

    /** An HTTP answer: its status, {@code Content-Type} and body. */
    record Answer(int status, String contentType, String body, String session) {
        /** Fails unless the status is one of these, and checks the body leaks nothing. */
        Answer assertStatusIn(Integer... allowed) {
            assertTrue(Set.of(allowed).contains(status), () -> "unexpected status: " + this);
            assertNoLeak();
            return this;
        }

        /** Fails if the body holds a stack trace or a Java class name. */
        void assertNoLeak() {
            assertFalse(LEAK.matcher(body).find(), () -> "the body leaks internals: " + this);
        }

        boolean isJson() {
            return contentType.toLowerCase().startsWith("application/json");
        }

        /** The body as JSON; fails if it is not. */
        JsonElement json() {
            try {
                return JsonParser.parseString(body);
            } catch (JsonParseException e) {
                throw new AssertionError("the body is not JSON: " + this, e);
            }
        }

        /** Fails unless this is a JSON-RPC error response of one of these codes. */
        void assertJsonRpcError(Integer... codes) {
            assertTrue(isJson(), this::toString);
            JsonElement error = assertJsonRpcResponse(json(), this).get("error");
            assertTrue(error != null && error.isJsonObject(), this::toString);
            assertTrue(
                    Set.of(codes).contains(error.getAsJsonObject().get("code").getAsInt()),
                    () -> "unexpected error code: " + this);
        }

        /** Fails unless the body is an error in the SSE endpoints' shape of one of these codes. */
        void assertSseError(Integer... codes) {
            assertTrue(isJson(), this::toString);
            JsonObject error = json().getAsJsonObject();
            assertTrue(
                    error.get("error") instanceof JsonPrimitive p && p.isString(), this::toString);
            assertTrue(
                    Set.of(codes).contains(error.get("code").getAsInt()),
                    () -> "unexpected error code: " + this);
        }

        /** Fails unless the body is empty. */
        void assertEmpty() {
            assertEquals("", body, this::toString);
        }

        @Override
        public String toString() {
            String shown = body.length() > 500 ? body.substring(0, 500) + "..." : body;
            return status + " " + contentType + " " + shown;
        }
    }

    /** Fails unless the value is one JSON-RPC 2.0 response; returns it. */
    static JsonObject assertJsonRpcResponse(JsonElement value, Object context) {
        if (!value.isJsonObject()) {
            fail("not a JSON-RPC response: " + value + " in " + context);
        }
        JsonObject response = value.getAsJsonObject();
        assertEquals(new JsonPrimitive("2.0"), response.get("jsonrpc"), context::toString);
        JsonElement id = response.get("id");
        assertTrue(id != null && (id.isJsonNull() || id.isJsonPrimitive()), context::toString);
        assertTrue(response.has("result") ^ response.has("error"), context::toString);
        return response;
    }
}
