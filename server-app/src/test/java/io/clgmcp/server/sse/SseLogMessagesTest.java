package io.clgmcp.server.sse;

import static io.clgmcp.server.sse.SsePushAssertions.assertSent;
import static io.clgmcp.server.sse.SsePushAssertions.assertStamped;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.Event;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tool's log messages ({@code notifications/message}) reach an SSE client that POSTs to {@code
 * /sse} as {@code mcp-notification} events before the call's {@code mcp-response}, at the level the
 * client set with {@code logging/setLevel}.
 */
@Timeout(60)
class SseLogMessagesTest {
    private static final String TOKEN = "log-messages-token";

    @RegisterExtension final SseFixture sse = new SseFixture();
    private TestServer server;
    private Stream stream;

    @BeforeEach
    void start() throws Exception {
        server = sse.start(Map.of("MCP_AUTH_TOKEN", TOKEN), SseClientTools.debugChatter());
        stream = sse.connect(server, TOKEN);
    }

    private Reply post(JsonObject message) throws Exception {
        return SseFixture.postSse(server, TOKEN, stream.connectionId(), message);
    }

    @Test
    void sendsAToolsLogMessagesAsMcpNotificationsBeforeItsResponse() throws Exception {
        JsonObject level = new JsonObject();
        level.addProperty("level", "debug");
        assertSent(post(SseFixture.request(1, "logging/setLevel", level)));
        JsonObject levelSet = stream.next("mcp-response").json();
        assertEquals(1, levelSet.get("id").getAsInt(), levelSet::toString);
        assertEquals(new JsonObject(), levelSet.getAsJsonObject("result"), levelSet::toString);
        long before = System.currentTimeMillis();

        assertSent(post(SseFixture.toolCall(2, "chatter", "{}")));

        for (int line = 1; line <= 3; line++) {
            Event event = stream.next("mcp-notification", "mcp-response", "message");
            assertEquals("mcp-notification", event.type(), event::toString);
            JsonObject data = event.json();
            assertEquals(
                    Set.of("jsonrpc", "method", "params", "protocol", "connectionId", "timestamp"),
                    data.keySet(),
                    data::toString);
            assertEquals("notifications/message", data.get("method").getAsString(), data::toString);
            assertEquals(
                    JsonParser.parseString(
                            "{\"level\":\"debug\",\"logger\":\"chatter\",\"data\":\"line "
                                    + line
                                    + "\"}"),
                    data.getAsJsonObject("params"),
                    data::toString);
            assertStamped(data, stream.connectionId(), before);
        }
        Event response = stream.next("mcp-notification", "mcp-response", "message");
        assertEquals("mcp-response", response.type(), response::toString);
        assertEquals(2, response.json().get("id").getAsInt(), response::toString);
        assertEquals("said three things", SseFixture.firstText(response.json()));
        stream.assertIdsGrowByOne();
    }

    @Test
    void leavesOutLogMessagesBelowTheConnectionsLevel() throws Exception {
        // Without logging/setLevel the connection hears info and above: none of the debug lines.
        assertSent(post(SseFixture.toolCall(3, "chatter", "{}")));

        Event response = stream.next("mcp-notification", "mcp-response", "message");
        assertEquals("mcp-response", response.type(), response::toString);
        assertEquals(3, response.json().get("id").getAsInt(), response::toString);
        assertEquals("said three things", SseFixture.firstText(response.json()));
    }
}
