package io.clgmcp.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestTools;
import io.clgmcp.server.fuzz.FuzzHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@code POST}, {@code GET} and {@code DELETE /mcp}: whatever the body and the {@code
 * Content-Type}, {@code Accept}, {@code Mcp-Session-Id}, {@code MCP-Protocol-Version} and {@code
 * Last-Event-ID} headers, the answer is one the Streamable HTTP transport specifies, never a 5xx or
 * a stack trace; the fuzzed session and the server keep serving.
 */
class StreamableEndpointFuzzTest {
    private static final String ACCEPT = "application/json, text/event-stream";
    private static TestServer server;
    private static FuzzHttp http;
    private static String session;

    @BeforeContainer
    static void start() throws Exception {
        server = TestServer.start(FuzzSettings.server(), TestTools.echo(), TestTools.counting());
        http = new FuzzHttp(server);
        Answer initialized =
                post(null, MalformedBodies.VALID.get(3).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, initialized.status(), initialized::toString);
        session = initialized.session();
        assertEquals(
                202,
                post(
                                session,
                                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"
                                        .getBytes(StandardCharsets.UTF_8))
                        .status());
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
    }

    @AfterProperty
    void sessionAndServerStillServe() {
        Answer pong = post(session, MalformedBodies.PING.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, pong.status(), pong::toString);
        http.assertStillServing();
    }

    @Property(tries = 200)
    void anyBodyInASessionGetsASpecifiedAnswer(@ForAll("bodies") byte[] body) {
        Answer answer = post(session, body);
        if (body.length > MalformedBodies.MAX_BODY_BYTES) {
            answer.assertStatusIn(413).assertJsonRpcError(-32600);
            return;
        }
        answer.assertStatusIn(200, 202, 400);
        switch (answer.status()) {
            case 202 -> answer.assertEmpty();
            case 400 -> answer.assertJsonRpcError(-32700, -32600, -32602);
            default -> assertJsonRpcReply(answer);
        }
    }

    @Property(tries = 20)
    void aBodyOverTheLimitIs413(@ForAll("oversized") byte[] body) {
        post(session, body).assertStatusIn(413).assertJsonRpcError(-32600);
    }

    @Property(tries = 150)
    void anyHeadersOnAPostGetASpecifiedAnswer(
            @ForAll("contentTypes") String contentType,
            @ForAll("accepts") String accept,
            @ForAll("sessionIds") String sessionId,
            @ForAll("protocolVersions") String version) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Accept", accept);
        headers.put("Mcp-Session-Id", sessionId);
        headers.put("MCP-Protocol-Version", version);
        Answer answer =
                http.send(
                        "POST",
                        "/mcp",
                        MalformedBodies.PING.getBytes(StandardCharsets.UTF_8),
                        headers);
        answer.assertStatusIn(200, 400, 404, 406, 415);
        if (answer.status() == 200) {
            assertJsonRpcReply(answer);
        } else {
            answer.assertJsonRpcError(-32600, -32001);
        }
    }

    @Property(tries = 100)
    void anyHeadersOnAGetGetASpecifiedAnswer(
            @ForAll("accepts") String accept,
            @ForAll("sessionIds") String sessionId,
            @ForAll("protocolVersions") String version,
            @ForAll("lastEventIds") String lastEventId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", accept);
        headers.put("Mcp-Session-Id", sessionId);
        headers.put("MCP-Protocol-Version", version);
        headers.put("Last-Event-ID", lastEventId);
        Answer answer = http.send("GET", "/mcp", null, headers);
        answer.assertStatusIn(200, 400, 404, 406);
        if (answer.status() == 200) {
            assertTrue(answer.contentType().startsWith("text/event-stream"), answer::toString);
        } else {
            answer.assertJsonRpcError(-32600, -32001);
        }
    }

    @Property(tries = 50)
    void deletingASessionThatIsNotOursIsRefused(@ForAll("bogusIds") String sessionId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Mcp-Session-Id", sessionId);
        Answer answer = http.send("DELETE", "/mcp", null, headers).assertStatusIn(400, 404);
        answer.assertJsonRpcError(-32600, -32001);
    }

    /** A 200 to a POST: one JSON-RPC response, as JSON or as the last event of a stream. */
    private static void assertJsonRpcReply(Answer answer) {
        if (answer.isJson()) {
            FuzzHttp.assertJsonRpcResponse(answer.json(), answer);
            return;
        }
        assertTrue(answer.contentType().startsWith("text/event-stream"), answer::toString);
        String last = null;
        for (String line : answer.body().split("\n")) {
            if (line.startsWith("data:") && !line.substring(5).isBlank()) {
                last = line.substring(5);
            }
        }
        assertTrue(last != null, answer::toString);
        FuzzHttp.assertJsonRpcResponse(com.google.gson.JsonParser.parseString(last), answer);
    }

    private static Answer post(String sessionId, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", ACCEPT);
        headers.put("Mcp-Session-Id", sessionId);
        return http.send("POST", "/mcp", body, headers);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return MalformedBodies.bodies();
    }

    @Provide
    Arbitrary<byte[]> oversized() {
        return MalformedBodies.oversized();
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return MalformedBodies.contentTypes();
    }

    @Provide
    Arbitrary<String> accepts() {
        return MalformedBodies.accepts();
    }

    @Provide
    Arbitrary<String> protocolVersions() {
        return MalformedBodies.protocolVersions();
    }

    @Provide
    Arbitrary<String> lastEventIds() {
        return MalformedBodies.lastEventIds();
    }

    @Provide
    Arbitrary<String> bogusIds() {
        return MalformedBodies.bogusIds();
    }

    /** The real session now and then, so that the other headers are fuzzed past it. */
    @Provide
    Arbitrary<String> sessionIds() {
        return net.jqwik.api.Arbitraries.oneOf(
                MalformedBodies.bogusIds(), net.jqwik.api.Arbitraries.just(session));
    }
}
