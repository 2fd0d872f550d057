package io.clgmcp.server.streamable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
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
import okio.BufferedSource;

/**
 * A Streamable HTTP client of {@code /mcp} for the stream tests: it opens sessions of a chosen
 * protocol version and capabilities, sends every later message with {@code Mcp-Session-Id} and
 * {@code MCP-Protocol-Version}, and reads event streams (POSTed calls and {@code GET /mcp}) with
 * okhttp's event-stream parser, event by event. Plain replies come back as {@link Reply}, so the
 * assertions of {@link McpHttp} apply. Every wait is bounded by {@link TestServer#TIMEOUT}; {@link
 * #close} ends every stream it opened.
 */
final class StreamClient implements AutoCloseable {
    static final String EVENT_STREAM = "text/event-stream";
    static final String LAST_EVENT_ID = "Last-Event-ID";
    static final String LATEST = "2025-11-25";
    static final String PREVIOUS = "2025-06-18";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String CLOSED = "closed by the server";

    private final URI mcp;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(TestServer.TIMEOUT)
                    .build();
    private final OkHttpClient okHttp =
            new OkHttpClient.Builder()
                    .connectTimeout(TestServer.TIMEOUT)
                    .readTimeout(TestServer.TIMEOUT)
                    .build();
    private final EventSource.Factory eventSources = EventSources.createFactory(okHttp);
    private final List<EventSource> sources = new CopyOnWriteArrayList<>();
    private final List<Response> rawStreams = new CopyOnWriteArrayList<>();

    /** A client of the server at that base URI ({@code http://127.0.0.1:port/}). */
    StreamClient(URI base) {
        this.mcp = base.resolve(McpHttp.PATH);
    }

    /** An MCP session: its id, and the protocol version every later request names. */
    record Session(String id, String version) {}

    /**
     * Initializes a session asking for that protocol version and declaring those capabilities
     * (JSON), checks that the server agreed to the version, and confirms the session with {@code
     * notifications/initialized}.
     */
    Session open(String version, String capabilitiesJson) throws IOException, InterruptedException {
        JsonObject params = new JsonObject();
        params.addProperty("protocolVersion", version);
        params.add("capabilities", JsonParser.parseString(capabilitiesJson));
        params.add(
                "clientInfo",
                JsonParser.parseString("{\"name\":\"stream-test\",\"version\":\"1\"}"));
        Reply initialized =
                send("POST", null, McpHttp.ACCEPT, McpHttp.request(1, "initialize", params));
        JsonObject result = McpHttp.result(initialized, 1);
        assertEquals(version, result.get("protocolVersion").getAsString(), initialized::toString);
        Session session =
                new Session(
                        initialized
                                .header(McpHttp.SESSION_HEADER)
                                .orElseThrow(
                                        () -> new AssertionError("no session id: " + initialized)),
                        version);
        Reply confirmed = post(session, McpHttp.notification("notifications/initialized"));
        assertEquals(202, confirmed.status(), confirmed::toString);
        return session;
    }

    /** Opens a session of that version declaring no client capabilities. */
    Session open(String version) throws IOException, InterruptedException {
        return open(version, "{}");
    }

    /** {@code POST /mcp} of a message in that session, read as a whole (not as a stream). */
    Reply post(Session session, String json, String... headers)
            throws IOException, InterruptedException {
        return send("POST", session, McpHttp.ACCEPT, json, headers);
    }

    /** {@code POST /mcp} of that message in that session, read as a whole. */
    Reply post(Session session, JsonObject message) throws IOException, InterruptedException {
        return post(session, message.toString());
    }

    /**
     * {@code GET /mcp} with this {@code Accept} (none if null), read as a whole: for refusals,
     * whose replies end at once.
     */
    Reply get(Session session, String accept, String... headers)
            throws IOException, InterruptedException {
        return send("GET", session, accept, null, headers);
    }

    Reply delete(Session session) throws IOException, InterruptedException {
        return send("DELETE", session, null, null);
    }

    /**
     * Any method to {@code /mcp}, naming that session (none if null), with this {@code Accept}
     * (none if null), a JSON body (none if null) and these extra headers (name, value, ...).
     */
    Reply send(String method, Session session, String accept, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(mcp)
                        .timeout(TestServer.TIMEOUT)
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (session != null) {
            request.header(McpHttp.SESSION_HEADER, session.id());
            request.header(McpHttp.VERSION_HEADER, session.version());
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    /** {@code POST /mcp} of a message in that session, read as an event stream. */
    Events stream(Session session, String json) {
        Request.Builder request =
                sessionRequest(session)
                        .header("Accept", McpHttp.ACCEPT)
                        .post(RequestBody.create(json, JSON));
        return open(request.build(), "POST " + json);
    }

    /** {@code POST /mcp} of that message in that session, read as an event stream. */
    Events stream(Session session, JsonObject message) {
        return stream(session, message.toString());
    }

    /**
     * {@code GET /mcp} of that session with {@code Accept: text/event-stream} and these extra
     * headers (name, value, ...), read as an event stream.
     */
    Events listen(Session session, String... headers) {
        Request.Builder request = sessionRequest(session).header("Accept", EVENT_STREAM).get();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return open(request.build(), "GET " + String.join(" ", headers));
    }

    /**
     * Opens {@code GET /mcp} of that session and reads its head and the raw lines of its first
     * event (up to the blank line that ends it), for what okhttp's parser does not show ({@code
     * retry:}). The stream stays open until {@link #close}.
     */
    RawEvent firstRawEvent(Session session) throws IOException {
        Request request = sessionRequest(session).header("Accept", EVENT_STREAM).get().build();
        Response response = okHttp.newCall(request).execute();
        rawStreams.add(response);
        List<String> lines = new ArrayList<>();
        if (response.code() == 200) {
            BufferedSource body = response.body().source();
            for (String line = body.readUtf8LineStrict();
                    !line.isEmpty();
                    line = body.readUtf8LineStrict()) {
                lines.add(line);
            }
        }
        return new RawEvent(response.code(), response.header("Content-Type", ""), lines);
    }

    /** The head of an event stream and the lines of its first event, without the blank line. */
    record RawEvent(int status, String contentType, List<String> lines) {}

    private Request.Builder sessionRequest(Session session) {
        return new Request.Builder()
                .url(mcp.toString())
                .header(McpHttp.SESSION_HEADER, session.id())
                .header(McpHttp.VERSION_HEADER, session.version());
    }

    private Events open(Request request, String description) {
        Events events = new Events(description);
        sources.add(eventSources.newEventSource(request, events));
        return events;
    }

    @Override
    public void close() {
        sources.forEach(EventSource::cancel);
        rawStreams.forEach(Response::close);
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    /** One event as okhttp parsed it; the type is "message" when the event names none. */
    record Event(String id, String type, String data) {
        /** An event with an id and no data: it only tells the client where to resume from. */
        boolean isPriming() {
            return data.isEmpty();
        }

        JsonObject json() {
            return JsonParser.parseString(data).getAsJsonObject();
        }

        long number() {
            if (id == null) {
                throw new AssertionError("an event without id: " + this);
            }
            return Long.parseLong(id);
        }

        /** The JSON-RPC method of the message, or null for a response. */
        String method() {
            JsonObject json = json();
            return json.has("method") ? json.get("method").getAsString() : null;
        }
    }

    /** How a stream ended. */
    private record End(String how) {}

    /**
     * Records one event stream as it arrives: its response head, its events, one by one, and how it
     * ended.
     */
    static final class Events extends EventSourceListener {
        private final String description;
        private final CompletableFuture<Response> opened = new CompletableFuture<>();
        private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
        private final List<Object> seen = new CopyOnWriteArrayList<>();
        private volatile int refusal;

        Events(String description) {
            this.description = description;
        }

        @Override
        public void onOpen(EventSource eventSource, Response response) {
            opened.complete(response);
        }

        @Override
        public void onEvent(EventSource eventSource, String id, String type, String data) {
            arrive(new Event(id, type == null ? "message" : type, data));
        }

        @Override
        public void onClosed(EventSource eventSource) {
            opened.completeExceptionally(new AssertionError("closed before it opened: " + this));
            arrive(new End(CLOSED));
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
            if (response != null) {
                refusal = response.code();
            }
            opened.completeExceptionally(new AssertionError("failed: " + why, failure));
            arrive(new End("failed: " + why));
        }

        private void arrive(Object item) {
            seen.add(item);
            arrivals.add(item);
        }

        /** The response head, once it arrives (bounded); fails if the stream did not open. */
        Response awaitOpen() throws InterruptedException {
            try {
                return opened.get(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the stream did not open: " + this, e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError(
                        "no response head within " + TestServer.TIMEOUT + ": " + this);
            }
        }

        /** The status of a reply that was not an event stream; 0 if there was none. */
        int refusal() {
            return refusal;
        }

        /** The next event (bounded); fails if the stream ends first. */
        Event next() throws InterruptedException {
            Object item = arrivals.poll(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                throw new AssertionError("no event within " + TestServer.TIMEOUT + ": " + this);
            }
            if (item instanceof End end) {
                arrivals.add(end);
                throw new AssertionError("the stream ended before another event: " + this);
            }
            return (Event) item;
        }

        /** The next event that is not a priming event (bounded). */
        Event nextMessage() throws InterruptedException {
            Event event = next();
            while (event.isPriming()) {
                event = next();
            }
            return event;
        }

        /**
         * Waits (bounded) for the server to end the stream; the events not yet taken with {@link
         * #next}. Fails if it failed rather than ended.
         */
        List<Event> rest() throws InterruptedException {
            List<Event> events = new ArrayList<>();
            long deadline = System.nanoTime() + TestServer.TIMEOUT.toNanos();
            while (true) {
                Object item = arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (item == null) {
                    throw new AssertionError(
                            "the stream did not end within " + TestServer.TIMEOUT + ": " + this);
                }
                if (item instanceof End end) {
                    arrivals.add(end);
                    assertEquals(CLOSED, end.how(), this::toString);
                    return events;
                }
                events.add((Event) item);
            }
        }

        /** Every event so far, taken or not. */
        List<Event> all() {
            List<Event> events = new ArrayList<>();
            for (Object item : seen) {
                if (item instanceof Event event) {
                    events.add(event);
                }
            }
            return events;
        }

        @Override
        public String toString() {
            return description + " -> " + seen;
        }
    }
}
