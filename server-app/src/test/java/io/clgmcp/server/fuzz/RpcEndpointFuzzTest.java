package io.clgmcp.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestTools;
import io.clgmcp.server.fuzz.FuzzHttp.Answer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@code POST /rpc} and {@code POST /}: whatever the body and headers, the answer is one the
 * README specifies (200 with JSON-RPC responses, 202, 400, 405, 413 or 415), never a 5xx or a stack
 * trace, and the server goes on answering.
 */
class RpcEndpointFuzzTest {
    private static TestServer server;
    private static FuzzHttp http;

    @BeforeContainer
    static void start() throws Exception {
        server = TestServer.start(FuzzSettings.server(), TestTools.echo(), TestTools.counting());
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

    @Property(tries = 200)
    void anyJsonBodyGetsAJsonRpcAnswer(
            @ForAll("bodies") byte[] body, @ForAll("paths") String path) {
        assertJsonRpcAnswer(body, http.send("POST", path, body, json()));
    }

    @Property(tries = 50)
    void aChunkedBodyIsReadLikeAnyOther(@ForAll("bodies") byte[] body) {
        assertJsonRpcAnswer(body, http.sendChunked("POST", "/rpc", body, json()));
    }

    @Property(tries = 20)
    void aBodyOverTheLimitIs413(@ForAll("oversized") byte[] body, @ForAll boolean chunked) {
        Answer answer =
                chunked
                        ? http.sendChunked("POST", "/rpc", body, json())
                        : http.send("POST", "/rpc", body, json());
        answer.assertStatusIn(413).assertJsonRpcError(-32600);
    }

    @Property(tries = 100)
    void aBodyThatIsNotJsonByItsContentTypeIs415(
            @ForAll("contentTypes") String contentType, @ForAll("bodies") byte[] body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", contentType);
        Answer answer = http.send("POST", "/rpc", body, headers);
        if (FuzzSettings.isJson(contentType)) {
            assertJsonRpcAnswer(body, answer);
        } else {
            answer.assertStatusIn(415).assertJsonRpcError(-32600);
        }
    }

    @Property(tries = 40)
    void otherMethodsAre405(@ForAll("methods") String method, @ForAll("bodies") byte[] body) {
        http.send(method, "/rpc", body, json()).assertStatusIn(405);
    }

    @Property(tries = 30)
    void healthAnswersWhateverTheHeaders(
            @ForAll("headerText") String accept, @ForAll("headerText") String other) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", accept);
        headers.put("X-Bogus", other);
        Answer health = http.send("GET", "/health", null, headers).assertStatusIn(200);
        health.json().getAsJsonObject();
    }

    /** The answers the README gives a JSON body on the JSON-RPC endpoint. */
    private static void assertJsonRpcAnswer(byte[] body, Answer answer) {
        if (body.length > MalformedBodies.MAX_BODY_BYTES) {
            answer.assertStatusIn(413).assertJsonRpcError(-32600);
            return;
        }
        answer.assertStatusIn(200, 202, 400);
        if (!isUtf8(body)) {
            assertEquals(400, answer.status(), answer::toString);
        }
        switch (answer.status()) {
            case 202 -> answer.assertEmpty();
            case 400 -> answer.assertJsonRpcError(-32700, -32600);
            default -> {
                assertEquals(true, answer.isJson(), answer::toString);
                JsonElement json = answer.json();
                if (json.isJsonArray()) {
                    json.getAsJsonArray()
                            .forEach(element -> FuzzHttp.assertJsonRpcResponse(element, answer));
                } else {
                    FuzzHttp.assertJsonRpcResponse(json, answer);
                }
            }
        }
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
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
    Arbitrary<String> paths() {
        return Arbitraries.of("/rpc", "/");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return MalformedBodies.contentTypes();
    }

    @Provide
    Arbitrary<String> headerText() {
        return MalformedBodies.headerText();
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "PUT", "DELETE", "PATCH", "TRACE-ME".toUpperCase(Locale.ROOT));
    }
}
