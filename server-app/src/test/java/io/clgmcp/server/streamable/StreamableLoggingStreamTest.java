package io.clgmcp.server.streamable;

import static io.clgmcp.server.streamable.StreamClient.PREVIOUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.streamable.StreamClient.Event;
import io.clgmcp.server.streamable.StreamClient.Events;
import io.clgmcp.server.streamable.StreamClient.Session;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tool's log messages ({@code ToolContext.log}) at or above the session's {@code
 * logging/setLevel} turn its {@code tools/call} POST into an event stream: one {@code
 * notifications/message} event per message, then the result, then the end of the stream.
 */
@Timeout(60)
class StreamableLoggingStreamTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private StreamClient client;

    @BeforeEach
    void start() throws Exception {
        TestServer server = servers.start(Map.of(), StreamTools.chatty());
        client = new StreamClient(server.uri("/"));
    }

    @AfterEach
    void closeStreams() {
        // Runs before ServerFixture closes the server.
        client.close();
    }

    @Test
    void streamsAToolsLogMessagesThenItsResult() throws Exception {
        Session session = client.open(PREVIOUS);
        setLevel(session, "debug");

        Events call = client.stream(session, McpHttp.toolCall(3, "chatter", "{}"));

        assertTrue(
                call.awaitOpen().header("Content-Type", "").startsWith("text/event-stream"),
                call::toString);
        List<Event> events = call.rest();
        assertEquals(4, events.size(), call::toString);
        for (int i = 1; i <= 3; i++) {
            Event event = events.get(i - 1);
            assertEquals("message", event.type(), call::toString);
            JsonObject notification = event.json();
            assertFalse(notification.has("id"), call::toString);
            assertEquals(
                    "notifications/message",
                    notification.get("method").getAsString(),
                    call::toString);
            JsonObject params = notification.getAsJsonObject("params");
            assertEquals("info", params.get("level").getAsString(), call::toString);
            assertEquals("chatter", params.get("logger").getAsString(), call::toString);
            assertEquals("line " + i, params.get("data").getAsString(), call::toString);
        }
        JsonObject response = events.get(3).json();
        assertEquals(3, response.get("id").getAsLong(), call::toString);
        JsonObject result = response.getAsJsonObject("result");
        assertFalse(result.get("isError").getAsBoolean(), call::toString);
        assertEquals(
                "said three things",
                result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString(),
                call::toString);
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i - 1).number() < events.get(i).number(), call::toString);
        }
    }

    @Test
    void logMessagesBelowTheSessionsLevelAreDroppedAndTheResultIsPlainJson() throws Exception {
        Session session = client.open(PREVIOUS);
        setLevel(session, "warning");

        Reply reply = client.post(session, McpHttp.toolCall(3, "chatter", "{}"));

        assertEquals("said three things", McpHttp.toolText(reply, 3));
    }

    private void setLevel(Session session, String level) throws IOException, InterruptedException {
        JsonObject params = new JsonObject();
        params.addProperty("level", level);
        Reply set = client.post(session, McpHttp.request(2, "logging/setLevel", params));
        assertEquals(new JsonObject(), McpHttp.result(set, 2));
    }
}
