package io.clgmcp.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestTools;
import io.clgmcp.server.fuzz.FuzzHttp.Answer;
import java.net.URLEncoder;
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
 * Fuzzes the SSE endpoints: {@code POST /sse} (the seed protocol, connection named in the body),
 * {@code POST /sse/message} (the 2024-11-05 transport, session named in the query) and {@code GET
 * /sse}. Whatever the body and headers, the answer is one the SSE protocol guide specifies, never a
 * 5xx or a stack trace, and the server keeps serving.
 */
class SseEndpointFuzzTest {
    private static TestServer server;
    private static FuzzHttp http;

    @BeforeContainer
    static void start() throws Exception {
        server = TestServer.start(FuzzSettings.server(), TestTools.echo());
        http = new FuzzHttp(server);
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
    }

    @AfterProperty
    void serverStillServes() {
        http.assertStillServing();
    }

    @Property(tries = 150)
    void anyBodyToTheSeedEndpointGetsASpecifiedAnswer(@ForAll("bodies") byte[] body) {
        Answer answer = http.send("POST", "/sse", body, json());
        assertRefusal(body, answer);
    }

    @Property(tries = 100)
    void anyBodyForAnUnknownSessionGetsASpecifiedAnswer(
            @ForAll("bodies") byte[] body, @ForAll("sessionIds") String session) {
        String path =
                session == null
                        ? "/sse/message"
                        : "/sse/message?sessionId="
                                + URLEncoder.encode(session, StandardCharsets.UTF_8);
        Answer answer = http.send("POST", path, body, json());
        assertRefusal(body, answer);
    }

    @Property(tries = 50)
    void anyHeadersOnAGetGetAStreamOrARefusal(
            @ForAll("accepts") String accept, @ForAll("lastEventIds") String lastEventId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", accept);
        headers.put("Last-Event-ID", lastEventId);
        Answer answer = http.send("GET", "/sse", null, headers);
        answer.assertStatusIn(200, 406, 503);
        if (answer.status() == 200) {
            assertTrue(answer.contentType().startsWith("text/event-stream"), answer::toString);
        }
    }

    /** No live connection or session is ever named, so every body is refused, as specified. */
    private static void assertRefusal(byte[] body, Answer answer) {
        if (body.length > MalformedBodies.MAX_BODY_BYTES) {
            answer.assertStatusIn(413).assertSseError(-32600);
            return;
        }
        answer.assertStatusIn(400, 404);
        if (answer.status() == 400) {
            answer.assertSseError(-32700, -32600, -32602, -32001);
        }
    }

    private static Map<String, String> json() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        return headers;
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return MalformedBodies.bodies();
    }

    @Provide
    Arbitrary<String> sessionIds() {
        return MalformedBodies.bogusIds();
    }

    @Provide
    Arbitrary<String> accepts() {
        return MalformedBodies.accepts();
    }

    @Provide
    Arbitrary<String> lastEventIds() {
        return MalformedBodies.lastEventIds();
    }
}
