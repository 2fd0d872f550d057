package io.clgmcp.server.streamable;

import static io.clgmcp.server.streamable.McpHttp.assertRpcError;
import static io.clgmcp.server.streamable.StreamClient.LAST_EVENT_ID;
import static io.clgmcp.server.streamable.StreamClient.LATEST;
import static io.clgmcp.server.streamable.StreamClient.PREVIOUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestTools;
import io.clgmcp.server.streamable.StreamClient.Event;
import io.clgmcp.server.streamable.StreamClient.Events;
import io.clgmcp.server.streamable.StreamClient.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tool may end the stream carrying its call early ({@code ToolContext.closeStream}, SEP-1699):
 * for a 2025-11-25 session the POST's stream is primed with an event id, carries what the call sent
 * so far and ends without the response; the client resumes it with {@code GET /mcp} and {@code
 * Last-Event-ID} and receives the rest, response included. Older sessions cannot resume, so for
 * them closing does nothing. The tool is {@link StreamTools.Pausing}: progress, close, wait for the
 * test, answer.
 */
@Timeout(60)
class StreamableResumptionTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private final StreamTools.Pausing pausing = new StreamTools.Pausing();
    private final List<StreamClient> clients = new ArrayList<>();

    @AfterEach
    void releaseAndCloseStreams() {
        // Runs before ServerFixture closes the servers.
        pausing.release();
        clients.forEach(StreamClient::close);
    }

    private StreamClient start(Map<String, String> settings) throws Exception {
        TestServer server = servers.start(settings, pausing.tool, TestTools.echo());
        StreamClient client = new StreamClient(server.uri("/"));
        clients.add(client);
        return client;
    }

    @Test
    void aClosedStreamIsPrimedThenCarriesTheProgressThenEndsWithoutTheResponse() throws Exception {
        StreamClient client = start(Map.of());
        Session session = client.open(LATEST);

        Events post = client.stream(session, pauseCall(7));

        List<Event> events = post.rest();
        assertEquals(2, events.size(), post::toString);
        assertTrue(events.get(0).isPriming(), post::toString);
        assertProgress(events.get(1));
        assertStrictlyIncreasingIds(events);
    }

    @Test
    void aGetWithTheLastEventIdReceivesTheResponseAndNothingAlreadySeen() throws Exception {
        StreamClient client = start(Map.of());
        Session session = client.open(LATEST);
        List<Event> seen = client.stream(session, pauseCall(7)).rest();
        String lastSeen = seen.get(seen.size() - 1).id();

        Events resumed = client.listen(session, LAST_EVENT_ID, lastSeen);
        Event primed = resumed.next();
        pausing.release();
        List<Event> rest = resumed.rest();

        assertTrue(primed.isPriming(), resumed::toString);
        List<Event> messages = withoutPriming(rest);
        assertEquals(1, messages.size(), resumed::toString);
        assertResumedResponse(messages.get(0), 7);
        List<Event> all = new ArrayList<>(seen);
        all.addAll(resumed.all());
        assertStrictlyIncreasingIds(all);
    }

    @Test
    void aResponseSentWhileNoStreamWasOpenIsReplayedOnResumption() throws Exception {
        // One tool thread: the echo call below runs only once the paused call has answered.
        StreamClient client = start(Map.of("MCP_TOOL_THREADS", "1"));
        Session session = client.open(LATEST);
        List<Event> seen = client.stream(session, pauseCall(7)).rest();
        pausing.release();
        assertEquals(
                "echo: after", McpHttp.toolText(client.post(session, McpHttp.echo(8, "after")), 8));

        Events resumed = client.listen(session, LAST_EVENT_ID, seen.get(seen.size() - 1).id());
        List<Event> rest = resumed.rest();

        List<Event> messages = withoutPriming(rest);
        assertEquals(1, messages.size(), resumed::toString);
        assertResumedResponse(messages.get(0), 7);
        List<Event> all = new ArrayList<>(seen);
        all.addAll(rest);
        assertStrictlyIncreasingIds(all);
    }

    @Test
    void resumingFromThePrimingEventReplaysTheProgressToo() throws Exception {
        StreamClient client = start(Map.of("MCP_TOOL_THREADS", "1"));
        Session session = client.open(LATEST);
        List<Event> seen = client.stream(session, pauseCall(7)).rest();
        pausing.release();
        McpHttp.toolText(client.post(session, McpHttp.echo(8, "after")), 8);

        Events resumed = client.listen(session, LAST_EVENT_ID, seen.get(0).id());

        List<Event> messages = withoutPriming(resumed.rest());
        assertEquals(2, messages.size(), resumed::toString);
        assertProgress(messages.get(0));
        assertEquals(seen.get(1).id(), messages.get(0).id(), resumed::toString);
        assertResumedResponse(messages.get(1), 7);
    }

    @Test
    void refusesALastEventIdThatIsNotInTheHistoryWith400() throws Exception {
        StreamClient client = start(Map.of());
        Session session = client.open(LATEST);
        client.stream(session, pauseCall(7)).rest();

        assertRpcError(
                client.get(session, StreamClient.EVENT_STREAM, LAST_EVENT_ID, "999999"),
                400,
                -32600);
    }

    @Test
    void refusesANonNumericLastEventIdWith400() throws Exception {
        StreamClient client = start(Map.of());
        Session session = client.open(LATEST);
        client.stream(session, pauseCall(7)).rest();

        assertRpcError(
                client.get(session, StreamClient.EVENT_STREAM, LAST_EVENT_ID, "seven"),
                400,
                -32600);
    }

    @Test
    void closingDoesNothingFor2025_06_18TheResponseFollowsOnThePostStream() throws Exception {
        StreamClient client = start(Map.of());
        Session session = client.open(PREVIOUS);

        Events post = client.stream(session, pauseCall(7));
        Event progress = post.next();
        pausing.awaitPaused();
        pausing.release();
        List<Event> rest = post.rest();

        assertProgress(progress);
        assertEquals(1, rest.size(), post::toString);
        assertResumedResponse(rest.get(0), 7);
        assertTrue(post.all().stream().noneMatch(Event::isPriming), post::toString);
        assertStrictlyIncreasingIds(post.all());
    }

    /** A {@code tools/call} of {@code pause} with a progress token. */
    private static String pauseCall(long id) {
        JsonObject params = new JsonObject();
        params.addProperty("name", "pause");
        params.add("arguments", new JsonObject());
        JsonObject meta = new JsonObject();
        meta.addProperty("progressToken", "pause-" + id);
        params.add("_meta", meta);
        return McpHttp.request(id, "tools/call", params);
    }

    private static List<Event> withoutPriming(List<Event> events) {
        return events.stream().filter(event -> !event.isPriming()).toList();
    }

    private static void assertProgress(Event event) {
        assertEquals("message", event.type(), event::toString);
        JsonObject notification = event.json();
        assertEquals("notifications/progress", notification.get("method").getAsString());
        JsonObject params = notification.getAsJsonObject("params");
        assertEquals("halfway", params.get("message").getAsString(), event::toString);
        assertEquals(1, params.get("progress").getAsDouble(), event::toString);
    }

    private static void assertResumedResponse(Event event, long id) {
        assertEquals("message", event.type(), event::toString);
        JsonObject response = event.json();
        assertEquals(id, response.get("id").getAsLong(), event::toString);
        JsonObject result = response.getAsJsonObject("result");
        assertFalse(result.get("isError").getAsBoolean(), event::toString);
        assertEquals(
                "resumed",
                result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString(),
                event::toString);
    }

    /** Every event has an id, and each is greater than the one before: unique in the session. */
    private static void assertStrictlyIncreasingIds(List<Event> events) {
        long previous = 0;
        for (Event event : events) {
            long id = event.number();
            long before = previous;
            assertTrue(id > before, () -> "ids should strictly increase: " + events);
            previous = id;
        }
        assertEquals(
                events.size(),
                new HashSet<>(events.stream().map(Event::id).toList()).size(),
                events::toString);
    }
}
