package io.clgmcp.server.streamable;

import static io.clgmcp.server.ClientAskingTools.OTHER;
import static io.clgmcp.server.ClientAskingTools.WATCHED;
import static io.clgmcp.server.ClientAskingTools.resource;
import static io.clgmcp.server.streamable.McpHttp.assertRpcError;
import static io.clgmcp.server.streamable.McpHttp.assertSessionNotFound;
import static io.clgmcp.server.streamable.StreamClient.EVENT_STREAM;
import static io.clgmcp.server.streamable.StreamClient.LATEST;
import static io.clgmcp.server.streamable.StreamClient.PREVIOUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.ClientAskingTools;
import io.clgmcp.server.ResourceServers;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import io.clgmcp.server.streamable.StreamClient.Event;
import io.clgmcp.server.streamable.StreamClient.Events;
import io.clgmcp.server.streamable.StreamClient.RawEvent;
import io.clgmcp.server.streamable.StreamClient.Session;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /mcp}: the session's standalone stream, where the server sends what answers no request
 * (here {@code notifications/resources/updated}). It is primed with an event id and a retry delay
 * for 2025-11-25 clients, one at a time per session, ends with its session, and delivers what was
 * sent while it was closed once it opens again. The server offers two resources, {@link
 * ClientAskingTools#WATCHED} and {@link ClientAskingTools#OTHER}.
 */
@Timeout(60)
class StreamableGetStreamTest {
    private static final String UNKNOWN_SESSION = "0123456789abcdef0123456789abcdef";
    private static final String UPDATED = "notifications/resources/updated";

    @RegisterExtension final ResourceServers servers = new ResourceServers();
    private ResourceServers.Started server;
    private StreamClient client;

    @BeforeEach
    void start() throws Exception {
        server =
                servers.start(
                        Map.of(), List.of(resource(WATCHED), resource(OTHER)), TestTools.echo());
        client = new StreamClient(server.uri());
    }

    @AfterEach
    void closeStreams() {
        // Runs before ResourceServers closes the server.
        client.close();
    }

    @Test
    void opensAStreamPrimedWithAnEventIdAndARetryDelayFor2025_11_25() throws Exception {
        Session session = client.open(LATEST);

        RawEvent first = client.firstRawEvent(session);

        assertEquals(200, first.status(), first::toString);
        assertTrue(first.contentType().startsWith(EVENT_STREAM), first::toString);
        List<String> lines = first.lines();
        assertTrue(
                lines.stream().anyMatch(line -> line.matches("retry: ?[1-9][0-9]*")),
                () -> "a priming event announces a retry delay: " + lines);
        assertTrue(
                lines.stream().anyMatch(line -> line.matches("id: ?[0-9]+")),
                () -> "a priming event has an id: " + lines);
        assertTrue(
                lines.stream().anyMatch(line -> line.startsWith("data")),
                () -> "a priming event has a (blank) data field: " + lines);
        assertTrue(
                lines.stream()
                        .filter(line -> line.startsWith("data"))
                        .allMatch(line -> line.equals("data:") || line.equals("data: ")),
                () -> "a priming event carries no data: " + lines);
    }

    @Test
    void aParserSeesThePrimingEventAsAnIdWithEmptyData() throws Exception {
        Session session = client.open(LATEST);

        Events stream = client.listen(session);

        Response head = stream.awaitOpen();
        assertEquals(200, head.code(), head::toString);
        assertTrue(head.header("Content-Type", "").startsWith(EVENT_STREAM), head::toString);
        Event priming = stream.next();
        assertTrue(priming.isPriming(), stream::toString);
        assertTrue(priming.number() > 0, stream::toString);
    }

    @Test
    void answersA2025_06_18GetWithTheStreamHeadBeforeAnyEvent() throws Exception {
        Session session = client.open(PREVIOUS);

        Events stream = client.listen(session);

        Response head = stream.awaitOpen();
        assertEquals(200, head.code(), head::toString);
        assertTrue(head.header("Content-Type", "").startsWith(EVENT_STREAM), head::toString);
    }

    @Test
    void sendsNoPrimingEventTo2025_06_18Clients() throws Exception {
        Session session = client.open(PREVIOUS);
        subscribe(session, WATCHED);

        Events stream = client.listen(session);
        assertEquals(1, server.mcp().resourceUpdated(WATCHED));

        Event first = stream.next();
        assertFalse(first.isPriming(), stream::toString);
        assertUpdated(first, WATCHED);
    }

    @Test
    void carriesUpdatesOfSubscribedResourcesOnTheStream() throws Exception {
        Session session = client.open(LATEST);
        subscribe(session, WATCHED);
        Events stream = client.listen(session);
        Event priming = stream.next();
        assertTrue(priming.isPriming(), stream::toString);

        assertEquals(1, server.mcp().resourceUpdated(WATCHED));
        Event updated = stream.next();
        assertEquals(0, server.mcp().resourceUpdated(OTHER));
        assertEquals(1, server.mcp().resourceUpdated(WATCHED));
        Event again = stream.next();

        assertUpdated(updated, WATCHED);
        assertUpdated(again, WATCHED);
        assertTrue(priming.number() < updated.number(), stream::toString);
        assertTrue(updated.number() < again.number(), stream::toString);
    }

    @Test
    void aSecondGetOfTheSessionReplacesTheOpenStream() throws Exception {
        Session session = client.open(LATEST);
        subscribe(session, WATCHED);
        Events first = client.listen(session);
        assertTrue(first.next().isPriming(), first::toString);

        Events second = client.listen(session);
        assertTrue(second.next().isPriming(), second::toString);

        assertEquals(List.of(), first.rest(), "the replaced stream carried more events");
        assertEquals(1, server.mcp().resourceUpdated(WATCHED));
        assertUpdated(second.nextMessage(), WATCHED);
    }

    @Test
    void otherSessionsOpenTheirOwnStreams() throws Exception {
        Session one = client.open(LATEST);
        Session two = client.open(LATEST);
        subscribe(two, WATCHED);
        Events first = client.listen(one);
        assertTrue(first.next().isPriming(), first::toString);

        Events second = client.listen(two);

        assertTrue(second.next().isPriming(), second::toString);
        assertEquals(1, server.mcp().resourceUpdated(WATCHED));
        assertUpdated(second.next(), WATCHED);
    }

    @Test
    void refusesAGetThatDoesNotAcceptAnEventStreamWith406() throws Exception {
        Session session = client.open(LATEST);

        assertRpcError(client.get(session, "application/json"), 406, -32600);
        assertRpcError(client.get(session, null), 406, -32600);
    }

    @Test
    void refusesAGetWithoutSessionWith400() throws Exception {
        client.open(LATEST);

        assertRpcError(client.get(null, EVENT_STREAM), 400, -32600);
    }

    @Test
    void refusesAGetOfAnUnknownSessionWith404() throws Exception {
        assertSessionNotFound(client.get(new Session(UNKNOWN_SESSION, LATEST), EVENT_STREAM));
    }

    @Test
    void refusesAGetFromAForeignOriginWith403() throws Exception {
        Session session = client.open(LATEST);

        assertRpcError(
                client.get(session, EVENT_STREAM, "Origin", "https://evil.example"), 403, -32600);
    }

    @Test
    void endsTheStreamWhenItsSessionIsDeleted() throws Exception {
        Session session = client.open(LATEST);
        Events stream = client.listen(session);
        assertTrue(stream.next().isPriming(), stream::toString);

        Reply deleted = client.delete(session);

        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(List.of(), stream.rest(), stream::toString);
        assertSessionNotFound(client.get(session, EVENT_STREAM));
    }

    @Test
    void deliversWhatWasSentWhileNoStreamWasOpenWhenTheNextOneOpens() throws Exception {
        Session session = client.open(LATEST);
        subscribe(session, WATCHED);

        assertEquals(1, server.mcp().resourceUpdated(WATCHED));
        Events stream = client.listen(session);

        assertUpdated(stream.nextMessage(), WATCHED);
    }

    @Test
    void aClientThatDroppedItsStreamResumesItWithTheLastEventIdItSaw() throws Exception {
        Session session = client.open(LATEST);
        subscribe(session, WATCHED);
        StreamClient first = new StreamClient(server.uri());
        Event priming;
        try {
            Events dropped = first.listen(session);
            priming = dropped.next();
            assertTrue(priming.isPriming(), dropped::toString);
        } finally {
            first.close();
        }

        assertEquals(1, server.mcp().resourceUpdated(WATCHED));
        Events resumed = client.listen(session, StreamClient.LAST_EVENT_ID, priming.id());

        Event updated = resumed.nextMessage();
        assertUpdated(updated, WATCHED);
        assertTrue(updated.number() > priming.number(), resumed::toString);
        // The resumed stream is the session's stream from now on.
        assertEquals(1, server.mcp().resourceUpdated(WATCHED));
        assertUpdated(resumed.nextMessage(), WATCHED);
    }

    private void subscribe(Session session, String uri) throws IOException, InterruptedException {
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);
        Reply subscribed = client.post(session, McpHttp.request(2, "resources/subscribe", params));
        assertEquals(new JsonObject(), McpHttp.result(subscribed, 2));
    }

    private static void assertUpdated(Event event, String uri) {
        assertEquals("message", event.type(), event::toString);
        assertTrue(event.number() > 0, event::toString);
        JsonObject notification = event.json();
        assertEquals("2.0", notification.get("jsonrpc").getAsString(), event::toString);
        assertFalse(notification.has("id"), event::toString);
        assertEquals(UPDATED, notification.get("method").getAsString(), event::toString);
        assertEquals(
                uri,
                notification.getAsJsonObject("params").get("uri").getAsString(),
                event::toString);
    }
}
