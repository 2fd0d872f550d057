package io.clgmcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls of the MCP endpoints with bearer tokens, over real HTTP, and assertions of how a refusal
 * reads: its status, its {@code WWW-Authenticate} challenge and its JSON body.
 */
final class OAuthCalls {
    static final String MCP_ACCEPT = "application/json, text/event-stream";
    static final String SESSION = "Mcp-Session-Id";

    private static final Pattern PARAMETER = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    private OAuthCalls() {}

    /** {@code tools/call} of {@code echo} with that text over {@code POST /rpc}. */
    static Reply echo(TestServer server, String token, String text)
            throws IOException, InterruptedException {
        return server.post("/rpc", echoRequest(1, text), TestServer.bearer(token));
    }

    /** The text an {@code echo} call answered. */
    static String echoed(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        JsonObject result = reply.json().getAsJsonObject("result");
        assertTrue(result != null, reply::toString);
        return result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString();
    }

    static String echoRequest(long id, String text) {
        return "{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\""
                + text
                + "\"}}}";
    }

    /** {@code initialize} over {@code POST /mcp}, in no session. */
    static Reply initialize(TestServer server, String token)
            throws IOException, InterruptedException {
        return mcp(
                server,
                token,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                        + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"oauth-test\",\"version\":\"1\"}}}");
    }

    /** Opens a Streamable HTTP session with that token; returns its id. */
    static String openSession(TestServer server, String token)
            throws IOException, InterruptedException {
        Reply initialized = initialize(server, token);
        assertEquals(200, initialized.status(), initialized::toString);
        String session = initialized.header(SESSION).orElseThrow();
        Reply confirmed =
                mcp(
                        server,
                        token,
                        session,
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertEquals(202, confirmed.status(), confirmed::toString);
        return session;
    }

    /** {@code POST /mcp} of a message, in that session unless it is null. */
    static Reply mcp(TestServer server, String token, String session, String json)
            throws IOException, InterruptedException {
        List<String> headers = new ArrayList<>(Arrays.asList(TestServer.bearer(token)));
        headers.addAll(List.of("Accept", MCP_ACCEPT));
        if (session != null) {
            headers.addAll(List.of(SESSION, session, "MCP-Protocol-Version", "2025-06-18"));
        }
        return server.post("/mcp", json, headers.toArray(String[]::new));
    }

    /**
     * {@code GET /sse} with that token: the status, and for a stream the type of its first event,
     * read before the stream is dropped; for a refusal the reply.
     */
    static Reply openSse(TestServer server, String token) throws Exception {
        HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(TestServer.TIMEOUT)
                        .build();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.uri("/sse")).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                        .get(TestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                return new Reply(
                        response.statusCode(),
                        response.headers(),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("event:")) {
                // skip comments and blank lines before the first event
            }
            return new Reply(200, response.headers(), line == null ? "" : line);
        }
    }

    /** The parameters of a reply's {@code WWW-Authenticate: Bearer ...} challenge. */
    static Map<String, String> challenge(Reply reply) {
        String header =
                reply.header("WWW-Authenticate")
                        .orElseThrow(() -> new AssertionError("no challenge on " + reply));
        assertTrue(header.startsWith("Bearer "), header);
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher parameter = PARAMETER.matcher(header);
        while (parameter.find()) {
            parameters.put(parameter.group(1), parameter.group(2));
        }
        return parameters;
    }

    /**
     * Asserts a refusal of that status whose challenge points to the metadata and carries that
     * error code (none if null), with the usual JSON body whose message says {@code why}.
     */
    static Map<String, String> assertRefused(Reply reply, int status, String error, String why) {
        assertEquals(status, reply.status(), reply::toString);
        Map<String, String> challenge = challenge(reply);
        assertEquals(LocalIssuer.METADATA_URL, challenge.get("resource_metadata"), reply::toString);
        if (error == null) {
            assertFalse(challenge.containsKey("error"), reply::toString);
        } else {
            assertEquals(error, challenge.get("error"), reply::toString);
            assertTrue(challenge.containsKey("error_description"), reply::toString);
        }
        assertJsonFailure(reply, status == 403 ? "Forbidden" : "Unauthorized", why);
        return challenge;
    }

    /** Asserts the JSON body of every HTTP failure: error, a message saying {@code why}, time. */
    static void assertJsonFailure(Reply reply, String error, String why) {
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        JsonObject body = reply.json();
        assertEquals(
                java.util.Set.of("error", "message", "timestamp"), body.keySet(), reply::toString);
        assertEquals(error, body.get("error").getAsString(), reply::toString);
        assertTrue(
                body.get("message").getAsString().contains(why),
                () -> "the message should say '" + why + "': " + reply);
    }
}
