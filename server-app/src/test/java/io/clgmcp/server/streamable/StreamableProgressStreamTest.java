package io.clgmcp.server.streamable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.Tool;
import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request to {@code /mcp} whose params carry {@code _meta.progressToken} is answered as a {@code
 * text/event-stream}: one {@code message} event per message the server sends for it (its {@code
 * notifications/progress} first, then its response), each with an id from a counter of the session,
 * and the stream ends after the response. The streams are read with okhttp's event-stream parser.
 * Every wait is bounded by {@link TestServer#TIMEOUT}.
 */
@Timeout(60)
class StreamableProgressStreamTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String CLOSED = "closed by the server";

    @RegisterExtension final ServerFixture servers = new ServerFixture();

    private final OkHttpClient okHttp =
            new OkHttpClient.Builder()
                    .connectTimeout(TestServer.TIMEOUT)
                    .readTimeout(TestServer.TIMEOUT)
                    .build();
    private final EventSource.Factory eventSources = EventSources.createFactory(okHttp);
    private final List<EventSource> sources = new CopyOnWriteArrayList<>();

    @AfterEach
    void cancelStreams() {
        // Runs before ServerFixture closes the servers.
        sources.forEach(EventSource::cancel);
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    @Test
    void answersAProgressCallAsAnEventStreamOfItsProgressThenItsResponse() throws Exception {
        TestServer server = servers.start(Map.of(), TestTools.counting());
        String session = new McpHttp(server).open();

        Stream stream =
                stream(server, session, toolCallWithProgress(7, "count", new JsonPrimitive("p-1")));

        Response head = stream.awaitOpen();
        assertEquals(200, head.code(), head::toString);
        assertTrue(head.header("Content-Type", "").startsWith("text/event-stream"), head::toString);
        List<Event> events = stream.awaitClosed();
        assertProgressThenResult(events, new JsonPrimitive("p-1"), 7, "counted");
        assertStrictlyIncreasingIds(events);
    }

    @Test
    void aSecondProgressCallOfTheSessionContinuesItsEventIds() throws Exception {
        TestServer server = servers.start(Map.of(), TestTools.counting());
        String session = new McpHttp(server).open();

        List<Event> first =
                stream(server, session, toolCallWithProgress(1, "count", new JsonPrimitive("a")))
                        .awaitClosed();
        List<Event> second =
                stream(server, session, toolCallWithProgress(2, "count", new JsonPrimitive(42)))
                        .awaitClosed();

        assertProgressThenResult(first, new JsonPrimitive("a"), 1, "counted");
        assertProgressThenResult(second, new JsonPrimitive(42), 2, "counted");
        assertStrictlyIncreasingIds(first);
        assertStrictlyIncreasingIds(second);
        assertTrue(
                second.get(0).number() > first.get(first.size() - 1).number(),
                () -> "the second stream should continue the ids: " + first + " then " + second);
    }

    @Test
    void concurrentProgressCallsOfTheSessionNeverShareAnEventId() throws Exception {
        TestServer server = servers.start(Map.of(), TestTools.counting());
        String session = new McpHttp(server).open();

        Stream one = stream(server, session, toolCallWithProgress(1, "count", text("one")));
        Stream two = stream(server, session, toolCallWithProgress(2, "count", text("two")));
        List<Event> first = one.awaitClosed();
        List<Event> second = two.awaitClosed();

        assertProgressThenResult(first, text("one"), 1, "counted");
        assertProgressThenResult(second, text("two"), 2, "counted");
        assertStrictlyIncreasingIds(first);
        assertStrictlyIncreasingIds(second);
        Set<Long> ids = new HashSet<>();
        first.forEach(event -> ids.add(event.number()));
        second.forEach(event -> ids.add(event.number()));
        assertEquals(8, ids.size(), () -> "ids shared between " + first + " and " + second);
    }

    @Test
    void aCallWithoutAProgressTokenInTheSameSessionIsStillAnsweredAsJson() throws Exception {
        TestServer server = servers.start(Map.of(), TestTools.counting(), TestTools.echo());
        McpHttp mcp = new McpHttp(server);
        String session = mcp.open();

        stream(server, session, toolCallWithProgress(1, "count", text("first"))).awaitClosed();

        Reply counted = mcp.post(session, McpHttp.toolCall(2, "count", "{}"));
        assertEquals("counted", McpHttp.toolText(counted, 2));
        Reply echoed = mcp.post(session, McpHttp.echo(3, "plain"));
        assertEquals("echo: plain", McpHttp.toolText(echoed, 3));

        // And the session still streams afterwards, continuing its ids.
        List<Event> again =
                stream(server, session, toolCallWithProgress(4, "count", text("again")))
                        .awaitClosed();
        assertProgressThenResult(again, text("again"), 4, "counted");
    }

    @Test
    void aFailingToolStillEndsTheStreamAfterItsErrorResult() throws Exception {
        TestServer server = servers.start(Map.of(), stumbling());
        String session = new McpHttp(server).open();

        Stream stream = stream(server, session, toolCallWithProgress(5, "stumble", text("s")));

        assertTrue(
                stream.awaitOpen().header("Content-Type", "").startsWith("text/event-stream"),
                stream::toString);
        List<Event> events = stream.awaitClosed();
        assertEquals(2, events.size(), events::toString);
        assertProgress(events.get(0), text("s"), 1, 2.0, "about to fall");
        JsonObject response = events.get(1).json();
        assertEquals("2.0", response.get("jsonrpc").getAsString(), events::toString);
        assertEquals(5, response.get("id").getAsLong(), events::toString);
        assertTrue(response.has("result"), events::toString);
        assertTrue(
                response.getAsJsonObject("result").get("isError").getAsBoolean(), events::toString);
        assertStrictlyIncreasingIds(events);
    }

    @Test
    void aRequestThatReportsNoProgressIsAnsweredWithPlainJson() throws Exception {
        TestServer server = servers.start(Map.of(), TestTools.echo());
        McpHttp mcp = new McpHttp(server);
        String session = mcp.open();

        JsonObject params = new JsonObject();
        params.add("_meta", meta(text("list")));
        Reply reply = mcp.post(session, McpHttp.request(9, "tools/list", params));

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        assertEquals(
                TestTools.withGenealogyTools("echo").size(),
                McpHttp.result(reply, 9).getAsJsonArray("tools").size(),
                reply::toString);
    }

    /** {@code stumble}: reports progress 1 of 2, then throws. */
    private static Tool stumbling() {
        return Tool.builder("stumble")
                .description("Reports some progress, then fails")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            context.reportProgress(1, 2.0, "about to fall");
                            throw new IllegalStateException("tripped");
                        })
                .build();
    }

    private static JsonPrimitive text(String value) {
        return new JsonPrimitive(value);
    }

    private static JsonObject meta(JsonElement progressToken) {
        JsonObject meta = new JsonObject();
        meta.add("progressToken", progressToken);
        return meta;
    }

    /**
     * A {@code tools/call} of that tool, without arguments, asking for progress with that token.
     */
    private static String toolCallWithProgress(long id, String tool, JsonElement progressToken) {
        JsonObject params = new JsonObject();
        params.addProperty("name", tool);
        params.add("arguments", new JsonObject());
        params.add("_meta", meta(progressToken));
        return McpHttp.request(id, "tools/call", params);
    }

    /**
     * {@code POST /mcp} of that message in that session, with the headers of {@link McpHttp}, read
     * as an event stream.
     */
    private Stream stream(TestServer server, String session, String json) {
        Request request =
                new Request.Builder()
                        .url(server.uri(McpHttp.PATH).toString())
                        .header("Accept", McpHttp.ACCEPT)
                        .header(McpHttp.SESSION_HEADER, session)
                        .header(McpHttp.VERSION_HEADER, "2025-06-18")
                        .post(RequestBody.create(json, JSON))
                        .build();
        Stream stream = new Stream(json);
        sources.add(eventSources.newEventSource(request, stream));
        return stream;
    }

    /**
     * Asserts three progress notifications (1, 2 and 3 of 3, "step 1" to "step 3", with that token)
     * and then the response of that id whose text is that text, all {@code message} events.
     */
    private static void assertProgressThenResult(
            List<Event> events, JsonElement token, long id, String text) {
        assertEquals(4, events.size(), events::toString);
        for (int i = 1; i <= 3; i++) {
            assertProgress(events.get(i - 1), token, i, 3.0, "step " + i);
        }
        Event last = events.get(3);
        assertEquals("message", last.type(), events::toString);
        JsonObject response = last.json();
        assertEquals("2.0", response.get("jsonrpc").getAsString(), events::toString);
        assertEquals(id, response.get("id").getAsLong(), events::toString);
        assertFalse(response.has("error"), events::toString);
        JsonObject result = response.getAsJsonObject("result");
        assertFalse(
                result.has("isError") && result.get("isError").getAsBoolean(), events::toString);
        assertEquals(
                text,
                result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString(),
                events::toString);
    }

    private static void assertProgress(
            Event event, JsonElement token, double progress, double total, String message) {
        assertEquals("message", event.type(), event::toString);
        JsonObject notification = event.json();
        assertEquals("2.0", notification.get("jsonrpc").getAsString(), event::toString);
        assertFalse(notification.has("id"), event::toString);
        assertEquals(
                "notifications/progress",
                notification.get("method").getAsString(),
                event::toString);
        JsonObject params = notification.getAsJsonObject("params");
        assertEquals(token, params.get("progressToken"), event::toString);
        assertEquals(progress, params.get("progress").getAsDouble(), event::toString);
        assertEquals(total, params.get("total").getAsDouble(), event::toString);
        assertEquals(message, params.get("message").getAsString(), event::toString);
    }

    private static void assertStrictlyIncreasingIds(List<Event> events) {
        long previous = Long.MIN_VALUE;
        for (Event event : events) {
            assertTrue(event.id() != null, () -> "an event without id in " + events);
            long id = event.number();
            long before = previous;
            assertTrue(id > before, () -> "ids should strictly increase: " + events);
            previous = id;
        }
    }

    /** One event as okhttp parsed it; the type is "message" when the event names none. */
    private record Event(String id, String type, String data) {
        JsonObject json() {
            return JsonParser.parseString(data).getAsJsonObject();
        }

        long number() {
            return Long.parseLong(id);
        }
    }

    /** Records one event stream: its response head, its events and how it ended. */
    private static final class Stream extends EventSourceListener {
        private final String sent;
        private final CompletableFuture<Response> opened = new CompletableFuture<>();
        private final CompletableFuture<String> ended = new CompletableFuture<>();
        private final List<Event> events = new CopyOnWriteArrayList<>();

        Stream(String sent) {
            this.sent = sent;
        }

        @Override
        public void onOpen(EventSource eventSource, Response response) {
            opened.complete(response);
        }

        @Override
        public void onEvent(EventSource eventSource, String id, String type, String data) {
            events.add(new Event(id, type == null ? "message" : type, data));
        }

        @Override
        public void onClosed(EventSource eventSource) {
            opened.completeExceptionally(new AssertionError("closed before it opened: " + this));
            ended.complete(CLOSED);
        }

        @Override
        public void onFailure(EventSource eventSource, Throwable failure, Response response) {
            String why =
                    (response != null
                                    ? "HTTP "
                                            + response.code()
                                            + " "
                                            + response.header("Content-Type")
                                            + " "
                                    : "")
                            + failure;
            opened.completeExceptionally(new AssertionError("failed: " + why, failure));
            ended.complete("failed: " + why);
        }

        /** The response head, once it arrives (bounded); fails if the stream did not open. */
        Response awaitOpen() throws InterruptedException {
            try {
                return opened.get(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the stream did not open: " + this, e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("no answer within " + TestServer.TIMEOUT + ": " + this);
            }
        }

        /** Waits (bounded) for the server to end the stream; its events. */
        List<Event> awaitClosed() throws InterruptedException {
            String how;
            try {
                how = ended.get(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError(
                        "the stream did not end within " + TestServer.TIMEOUT + ": " + this);
            }
            assertEquals(CLOSED, how, this::toString);
            return new ArrayList<>(events);
        }

        @Override
        public String toString() {
            return "POST /mcp " + sent + " -> events " + events + ", " + ended.getNow("open");
        }
    }
}
