package io.clgmcp.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two callers with their own tokens, the requests the limit tests send as them, and the SSE streams
 * they open (closed after each test). Register it with {@code @RegisterExtension}.
 */
final class Callers implements AfterEachCallback {
    static final String ALPHA = "alpha-secret-token-1";
    static final String BETA = "beta-secret-token-2";

    private static final Pattern CONNECTION_ID = Pattern.compile("\"connectionId\":\"([^\"]+)\"");
    private static final int MAX_ATTEMPTS = 100;

    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(TestServer.TIMEOUT)
                    .build();
    private final Map<String, InputStream> streams = new ConcurrentHashMap<>();
    private final List<TestServer> servers = new CopyOnWriteArrayList<>();

    /**
     * A server on a free port that admits {@link #ALPHA} and {@link #BETA}, with these settings.
     */
    TestServer start(String... settings) throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("MCP_AUTH_TOKENS", ALPHA + "," + BETA);
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        values.values().removeIf(String::isEmpty);
        TestServer server = TestServer.start(values);
        servers.add(server);
        return server;
    }

    /** The caller identity authentication derives from a token: its SHA-256 in hex. */
    static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String shortHash(String token) {
        return CallerHash.of(digest(token));
    }

    static Reply ping(TestServer server, String token) throws IOException, InterruptedException {
        return server.post(
                "/rpc", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", bearer(token));
    }

    static Reply initialize(TestServer server, String token, String... headers)
            throws IOException, InterruptedException {
        String[] all = concat(bearer(token), "Accept", "application/json, text/event-stream");
        return server.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"limits\",\"version\":\"1\"}}}",
                concat(all, headers));
    }

    /** {@code POST /sse} of a ping on a stream (the seed protocol). */
    static Reply seedPing(TestServer server, String token, String connectionId)
            throws IOException, InterruptedException {
        return server.post(
                "/sse",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"connectionId\":\""
                        + connectionId
                        + "\"}",
                bearer(token));
    }

    /** {@code POST /sse/message} of a ping on a stream (MCP 2024-11-05). */
    static Reply messagePing(TestServer server, String token, String connectionId)
            throws IOException, InterruptedException {
        return server.post(
                "/sse/message?connectionId=" + connectionId,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
                bearer(token));
    }

    /**
     * {@code GET /sse}: an open stream's {@code connectionId} as the reply's body when it is 200
     * (the stream stays open until the test ends or {@link #close} is called), else the refusal.
     */
    Reply openStream(TestServer server, String token) throws IOException, InterruptedException {
        HttpResponse<InputStream> response =
                client.send(
                        HttpRequest.newBuilder(server.uri("/sse"))
                                .timeout(TestServer.TIMEOUT)
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        if (response.statusCode() != 200) {
            try (body) {
                return new Reply(
                        response.statusCode(),
                        response.headers(),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            Matcher id = CONNECTION_ID.matcher(line);
            if (id.find()) {
                streams.put(id.group(1), body);
                return new Reply(200, response.headers(), id.group(1));
            }
        }
        throw new AssertionError("the stream ended before its connected event");
    }

    /** Ends the stream {@link #openStream} opened with this connection id. */
    void closeStream(String connectionId) throws IOException {
        streams.remove(connectionId).close();
    }

    /** Sends until a request is refused for its rate, within a bounded number of attempts. */
    static Reply untilRefused(Attempt attempt) throws IOException, InterruptedException {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Reply reply = attempt.send();
            if (reply.status() == 429) {
                return reply;
            }
        }
        throw new AssertionError("no refusal in " + MAX_ATTEMPTS + " requests");
    }

    /** The 429 every transport answers to a request over its caller's rate. */
    static void assertRateLimited(Reply reply) {
        assertEquals(429, reply.status(), reply::toString);
        String retryAfter = reply.header("Retry-After").orElse("");
        assertTrue(retryAfter.matches("[1-9][0-9]*"), () -> "Retry-After: " + reply.headers());
        JsonObject body = reply.json();
        assertEquals("2.0", body.get("jsonrpc").getAsString(), reply::toString);
        assertTrue(body.get("id").isJsonNull(), reply::toString);
        JsonObject error = body.getAsJsonObject("error");
        assertEquals(-32005, error.get("code").getAsInt(), reply::toString);
        assertTrue(
                error.get("message").getAsString().startsWith("Rate limited: "), reply::toString);
    }

    static String[] bearer(String token) {
        return TestServer.bearer(token);
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (InputStream stream : streams.values()) {
            stream.close();
        }
        streams.clear();
        for (TestServer server : servers) {
            server.close();
        }
        servers.clear();
    }

    /** One request of a test. */
    @FunctionalInterface
    interface Attempt {
        Reply send() throws IOException, InterruptedException;
    }
}
