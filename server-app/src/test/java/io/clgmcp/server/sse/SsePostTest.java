package io.clgmcp.server.sse;

import static io.clgmcp.server.sse.SseFixture.postSse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import io.clgmcp.server.sse.SseFixture.Event;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /sse}: requests answered on their connection's stream. */
@Timeout(60)
class SsePostTest {
    private static final String TOKEN = "post-token";
    private static final Set<String> ENVELOPE =
            Set.of("jsonrpc", "id", "result", "protocol", "connectionId", "timestamp");

    @RegisterExtension final SseFixture sse = new SseFixture();
    private TestServer server;
    private Stream stream;

    @BeforeEach
    void start() throws Exception {
        server = sse.start(Map.of("MCP_AUTH_TOKEN", TOKEN), SseFixture.say(), SseFixture.count());
        stream = sse.connect(server, TOKEN);
    }

    private Reply post(JsonObject message) throws Exception {
        return postSse(server, TOKEN, stream.connectionId(), message);
    }

    private static void assertSent(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        assertEquals(JsonParser.parseString("{\"status\":\"sent\"}"), reply.json());
    }

    /** Asserts the fields the seed protocol adds to every message it delivers on a stream. */
    private void assertStamped(JsonObject data, long before) {
        assertEquals("sse", data.get("protocol").getAsString(), data::toString);
        assertEquals(stream.connectionId(), data.get("connectionId").getAsString());
        assertTrue(data.get("timestamp").getAsJsonPrimitive().isNumber(), data::toString);
        assertTrue(data.get("timestamp").getAsLong() >= before, data::toString);
    }

    @Test
    void answersAToolListOnTheStreamAsAnMcpResponse() throws Exception {
        long before = System.currentTimeMillis();

        Reply reply = post(SseFixture.request(1, "tools/list", null));

        assertSent(reply);
        Event response = stream.next("mcp-response");
        JsonObject data = response.json();
        assertEquals(ENVELOPE, data.keySet(), data::toString);
        assertEquals("2.0", data.get("jsonrpc").getAsString());
        assertEquals(1, data.get("id").getAsInt());
        List<String> names =
                StreamSupport.stream(
                                data.getAsJsonObject("result")
                                        .getAsJsonArray("tools")
                                        .spliterator(),
                                false)
                        .map(tool -> tool.getAsJsonObject().get("name").getAsString())
                        .toList();
        assertEquals(TestTools.withGenealogyTools("say", "count"), names);
        assertStamped(data, before);
    }

    @Test
    void answersAToolCallOnTheStreamAsAnMcpResponse() throws Exception {
        long before = System.currentTimeMillis();

        Reply reply = post(SseFixture.toolCall(2, "say", "{\"text\":\"over sse\"}"));

        assertSent(reply);
        JsonObject data = stream.next("mcp-response").json();
        assertEquals(ENVELOPE, data.keySet(), data::toString);
        assertEquals(2, data.get("id").getAsInt());
        assertFalse(data.getAsJsonObject("result").get("isError").getAsBoolean(), data::toString);
        assertEquals("said: over sse", SseFixture.firstText(data));
        assertStamped(data, before);
    }

    @Test
    void sendsProgressAsMcpNotificationsBeforeTheResponse() throws Exception {
        long before = System.currentTimeMillis();
        JsonObject call = SseFixture.toolCall(3, "count", "{}");
        call.getAsJsonObject("params")
                .add("_meta", JsonParser.parseString("{\"progressToken\":\"count-1\"}"));

        Reply reply = post(call);

        assertSent(reply);
        for (int step = 1; step <= 3; step++) {
            Event event = stream.next("mcp-notification", "mcp-response");
            assertEquals("mcp-notification", event.type(), event::toString);
            JsonObject data = event.json();
            assertEquals(
                    Set.of("jsonrpc", "method", "params", "protocol", "connectionId", "timestamp"),
                    data.keySet(),
                    data::toString);
            assertEquals("notifications/progress", data.get("method").getAsString());
            JsonObject params = data.getAsJsonObject("params");
            assertEquals("count-1", params.get("progressToken").getAsString());
            assertEquals(step, params.get("progress").getAsDouble(), data::toString);
            assertEquals(3, params.get("total").getAsDouble(), data::toString);
            assertStamped(data, before);
        }
        Event response = stream.next("mcp-notification", "mcp-response");
        assertEquals("mcp-response", response.type(), response::toString);
        assertEquals(3, response.json().get("id").getAsInt());
        assertEquals("counted", SseFixture.firstText(response.json()));
        stream.assertIdsGrowByOne();
    }

    @Test
    void acceptsANotificationWithNoBodyAndNothingOnTheStream() throws Exception {
        Reply reply = post(SseFixture.notification("notifications/initialized"));

        assertEquals(202, reply.status(), reply::toString);
        assertEquals("", reply.body());
        // Whatever the stream carries next, apart from heartbeats, must be the ping's answer.
        assertSent(post(SseFixture.request(4, "ping", null)));
        Event next = stream.next("mcp-response", "mcp-notification", "message");
        assertEquals("mcp-response", next.type(), next::toString);
        assertEquals(4, next.json().get("id").getAsInt(), next::toString);
    }

    @Test
    void answersAFailedRequestWithAJsonRpcErrorOnTheStream() throws Exception {
        Reply reply = post(SseFixture.request(5, "no/such/method", null));

        assertSent(reply);
        JsonObject data = stream.next("mcp-response").json();
        assertEquals(5, data.get("id").getAsInt());
        assertEquals(-32601, data.getAsJsonObject("error").get("code").getAsInt(), data::toString);
        assertEquals(stream.connectionId(), data.get("connectionId").getAsString());
    }

    @Test
    void deliversTheResponseOnlyOnTheNamedConnection() throws Exception {
        Stream other = sse.connect(server, TOKEN);

        assertSent(post(SseFixture.request(6, "ping", null)));
        assertEquals(6, stream.next("mcp-response").json().get("id").getAsInt());
        assertSent(
                postSse(server, TOKEN, other.connectionId(), SseFixture.request(7, "ping", null)));

        JsonObject data = other.next("mcp-response", "mcp-notification", "message").json();
        JsonElement id = data.get("id");
        assertEquals(7, id.getAsInt(), data::toString);
        assertEquals(other.connectionId(), data.get("connectionId").getAsString());
    }
}
