package io.clgmcp.server.sse;

import static io.clgmcp.server.sse.SseFixture.assertSseError;
import static io.clgmcp.server.sse.SseFixture.postSse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /sse} refusals, exactly as docs/SSE.md's table gives them. */
@Timeout(60)
class SsePostErrorsTest {
    private static final String TOKEN_A = "token-a";
    private static final String TOKEN_B = "token-b";
    private static final JsonObject NOT_FOUND =
            JsonParser.parseString("{\"error\":\"Connection not found\",\"code\":-32001}")
                    .getAsJsonObject();
    private static final String UNKNOWN_ID = "conn_1764000000000_" + "0123456789abcdef".repeat(2);

    @RegisterExtension final SseFixture sse = new SseFixture();
    private TestServer server;
    private Stream stream;

    @BeforeEach
    void start() throws Exception {
        server =
                sse.start(
                        Map.of(
                                "MCP_AUTH_TOKENS", TOKEN_A + "," + TOKEN_B,
                                "MCP_MAX_BODY_BYTES", "1024",
                                "SSE_HEARTBEAT_INTERVAL", "100"),
                        SseFixture.say());
        stream = sse.connect(server, TOKEN_A);
    }

    private Reply postText(String body) throws Exception {
        return server.post("/sse", body, TestServer.bearer(TOKEN_A));
    }

    private String ping(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"method\":\"ping\",\"protocol\":\"sse\",\"connectionId\":\""
                + stream.connectionId()
                + "\"}";
    }

    /** Asserts the stream still works with its own token and heard nothing before this ping. */
    private void assertStreamHeardOnlyItsOwnPing(int id) throws Exception {
        Reply sent =
                postSse(
                        server,
                        TOKEN_A,
                        stream.connectionId(),
                        SseFixture.request(id, "ping", null));
        assertEquals(200, sent.status(), sent::toString);
        JsonObject next = stream.next("mcp-response", "mcp-notification", "message").json();
        assertEquals(id, next.get("id").getAsInt(), next::toString);
    }

    @Test
    void refusesMalformedJson() throws Exception {
        Reply reply = postText("{\"jsonrpc\":\"2.0\",\"id\":1,");

        assertSseError(reply, 400, -32700);
        assertEquals(
                JsonParser.parseString("{\"error\":\"Invalid JSON\",\"code\":-32700}"),
                reply.json());
    }

    @Test
    void refusesInvalidUtf8AsInvalidJson() throws Exception {
        byte[] start =
                ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] end =
                ("\",\"protocol\":\"sse\",\"connectionId\":\"" + stream.connectionId() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + 2 + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        body[start.length] = (byte) 0xC3; // a lead byte followed by no continuation byte
        body[start.length + 1] = (byte) 0x28;
        System.arraycopy(end, 0, body, start.length + 2, end.length);

        Reply reply = sse.postRaw(server, "/sse", TOKEN_A, "application/json", body);

        assertSseError(reply, 400, -32700);
        assertEquals(
                JsonParser.parseString("{\"error\":\"Invalid JSON\",\"code\":-32700}"),
                reply.json());
    }

    @Test
    void refusesAMessageWithoutConnectionId() throws Exception {
        Reply reply = postSse(server, TOKEN_A, null, SseFixture.request(1, "ping", null));

        JsonObject body = assertSseError(reply, 400, -32600);
        assertTrue(
                body.get("error").getAsString().startsWith("Missing connectionId"),
                reply::toString);
    }

    @Test
    void refusesAnUnknownConnection() throws Exception {
        Reply reply = postSse(server, TOKEN_A, UNKNOWN_ID, SseFixture.request(1, "ping", null));

        assertSseError(reply, 400, -32001);
        assertEquals(NOT_FOUND, reply.json());
    }

    @Test
    void refusesAClosedConnection() throws Exception {
        String closed = stream.connectionId();
        stream.close();
        SseFixture.awaitStat(server, "activeConnections", 0);

        Reply reply = postSse(server, TOKEN_A, closed, SseFixture.request(1, "ping", null));

        assertSseError(reply, 400, -32001);
        assertEquals(NOT_FOUND, reply.json());
    }

    @Test
    void hidesAConnectionFromAnotherToken() throws Exception {
        Reply reply =
                postSse(
                        server,
                        TOKEN_B,
                        stream.connectionId(),
                        SseFixture.request(1, "ping", null));

        assertSseError(reply, 400, -32001);
        assertEquals(NOT_FOUND, reply.json());
        assertStreamHeardOnlyItsOwnPing(2);
    }

    @Test
    void refusesABatch() throws Exception {
        Reply reply = postText("[" + ping(1) + "," + ping(2) + "]");

        JsonObject body = assertSseError(reply, 400, -32600);
        assertTrue(body.get("error").getAsString().startsWith("Invalid Request"), reply::toString);
        assertStreamHeardOnlyItsOwnPing(3);
    }

    @Test
    void refusesSomethingThatIsNotJsonRpc() throws Exception {
        Reply reply =
                postText(
                        "{\"hello\":\"world\",\"protocol\":\"sse\",\"connectionId\":\""
                                + stream.connectionId()
                                + "\"}");

        JsonObject body = assertSseError(reply, 400, -32600);
        assertTrue(body.get("error").getAsString().startsWith("Invalid Request"), reply::toString);
    }

    @Test
    void refusesABodyThatIsNotJson() throws Exception {
        Reply reply =
                sse.postRaw(
                        server,
                        "/sse",
                        TOKEN_A,
                        "text/plain",
                        ping(1).getBytes(StandardCharsets.UTF_8));

        assertSseError(reply, 415, -32600);
        assertStreamHeardOnlyItsOwnPing(2);
    }

    @Test
    void refusesABodyOverTheConfiguredLimit() throws Exception {
        JsonObject call = SseFixture.toolCall(1, "say", "{\"text\":\"" + "y".repeat(2048) + "\"}");

        Reply reply = postSse(server, TOKEN_A, stream.connectionId(), call);

        assertSseError(reply, 413, -32600);
        assertStreamHeardOnlyItsOwnPing(2);
    }

    @Test
    void refusesAPostWithoutAValidToken() throws Exception {
        SseFixture.assertUnauthorized(
                postSse(server, null, stream.connectionId(), SseFixture.request(1, "ping", null)));
        SseFixture.assertUnauthorized(
                postSse(
                        server,
                        "token-c",
                        stream.connectionId(),
                        SseFixture.request(1, "ping", null)));
        assertStreamHeardOnlyItsOwnPing(2);
    }
}
