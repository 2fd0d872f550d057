package io.clgmcp.server.sse;

import static io.clgmcp.server.sse.SseFixture.assertSseError;
import static io.clgmcp.server.sse.SseFixture.postMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.Event;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /sse/message?connectionId=...}: the MCP 2024-11-05 HTTP+SSE transport on the same
 * stream, answered as bare JSON-RPC {@code message} events.
 */
@Timeout(60)
class SseMessageEndpointTest {
    private static final String TOKEN_A = "message-token-a";
    private static final String TOKEN_B = "message-token-b";

    @RegisterExtension final SseFixture sse = new SseFixture();
    private TestServer server;
    private Stream stream;
    private String endpoint;

    @BeforeEach
    void start() throws Exception {
        server =
                sse.start(
                        Map.of("MCP_AUTH_TOKENS", TOKEN_A + "," + TOKEN_B),
                        SseFixture.say(),
                        SseFixture.count());
        stream = sse.connect(server, TOKEN_A);
        endpoint = stream.next("endpoint").data();
    }

    private Reply postToEndpoint(String json) throws Exception {
        return server.post(endpoint, json, TestServer.bearer(TOKEN_A));
    }

    private static void assertAccepted(Reply reply) {
        assertEquals(202, reply.status(), reply::toString);
        assertEquals("", reply.body(), reply::toString);
    }

    private JsonObject nextMessage() {
        Event event = stream.next("message", "mcp-response", "mcp-notification");
        assertEquals("message", event.type(), event::toString);
        return event.json();
    }

    @Test
    void answersAPingAsABareMessageEvent() throws Exception {
        Reply reply = postToEndpoint(SseFixture.request(7, "ping", null).toString());

        assertAccepted(reply);
        assertEquals(
                JsonParser.parseString("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}"),
                nextMessage());
    }

    @Test
    void answersAToolCallAsABareMessageEvent() throws Exception {
        Reply reply =
                postToEndpoint(SseFixture.toolCall(8, "say", "{\"text\":\"standard\"}").toString());

        assertAccepted(reply);
        JsonObject message = nextMessage();
        assertEquals(Set.of("jsonrpc", "id", "result"), message.keySet(), message::toString);
        assertEquals(8, message.get("id").getAsInt());
        assertEquals("said: standard", SseFixture.firstText(message));
    }

    @Test
    void sendsProgressAsBareMessageEventsBeforeTheResponse() throws Exception {
        JsonObject call = SseFixture.toolCall(10, "count", "{}");
        call.getAsJsonObject("params")
                .add("_meta", JsonParser.parseString("{\"progressToken\":7}"));

        assertAccepted(postToEndpoint(call.toString()));

        for (int step = 1; step <= 3; step++) {
            JsonObject notification = nextMessage();
            assertEquals(
                    Set.of("jsonrpc", "method", "params"),
                    notification.keySet(),
                    notification::toString);
            assertEquals("notifications/progress", notification.get("method").getAsString());
            JsonObject params = notification.getAsJsonObject("params");
            assertEquals(7, params.get("progressToken").getAsInt(), notification::toString);
            assertEquals(step, params.get("progress").getAsDouble(), notification::toString);
        }
        JsonObject response = nextMessage();
        assertEquals(10, response.get("id").getAsInt(), response::toString);
        assertEquals("counted", SseFixture.firstText(response));
    }

    @Test
    void acceptsAnInitializeHandshake() throws Exception {
        String initialize =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"sse-test\",\"version\":\"1\"}}}";

        assertAccepted(postToEndpoint(initialize));
        JsonObject result = nextMessage().getAsJsonObject("result");
        assertAccepted(
                postToEndpoint(SseFixture.notification("notifications/initialized").toString()));

        assertEquals("2024-11-05", result.get("protocolVersion").getAsString(), result::toString);
        assertTrue(result.has("serverInfo"), result::toString);
        assertAccepted(postToEndpoint(SseFixture.request(2, "ping", null).toString()));
        assertEquals(2, nextMessage().get("id").getAsInt());
    }

    @Test
    void refusesTheSameErrorsAsThePostEndpoint() throws Exception {
        String ping = SseFixture.request(1, "ping", null).toString();
        String id = stream.connectionId();

        assertEquals(
                JsonParser.parseString("{\"error\":\"Invalid JSON\",\"code\":-32700}"),
                assertSseError(postToEndpoint("{\"jsonrpc\":"), 400, -32700));
        JsonObject missing =
                assertSseError(
                        server.post("/sse/message", ping, TestServer.bearer(TOKEN_A)), 400, -32600);
        assertTrue(
                missing.get("error").getAsString().startsWith("Missing connectionId"),
                missing::toString);
        JsonObject notFound =
                JsonParser.parseString("{\"error\":\"Connection not found\",\"code\":-32001}")
                        .getAsJsonObject();
        assertEquals(
                notFound,
                assertSseError(
                        postMessage(server, TOKEN_A, "conn_1_" + "0".repeat(32), ping),
                        400,
                        -32001));
        assertEquals(notFound, assertSseError(postMessage(server, TOKEN_B, id, ping), 400, -32001));
        JsonObject batch = assertSseError(postToEndpoint("[" + ping + "]"), 400, -32600);
        assertTrue(batch.get("error").getAsString().startsWith("Invalid Request"), batch::toString);
        assertSseError(
                sse.postRaw(
                        server,
                        endpoint,
                        TOKEN_A,
                        "text/plain",
                        ping.getBytes(StandardCharsets.UTF_8)),
                415,
                -32600);
        SseFixture.assertUnauthorized(postMessage(server, null, id, ping));

        // None of those reached the stream: the next thing on it answers this ping.
        assertAccepted(postToEndpoint(SseFixture.request(9, "ping", null).toString()));
        assertEquals(9, nextMessage().get("id").getAsInt());
    }
}
