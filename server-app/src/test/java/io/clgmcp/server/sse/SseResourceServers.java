package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.core.Resource;
import io.clgmcp.core.Tool;
import io.clgmcp.server.ResourceServers;
import io.clgmcp.server.ResourceServers.Started;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.Event;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link ResourceServers} with SSE streams on them, read with okhttp's event-stream parser, and
 * plain HTTP calls to them. Register it on an instance field with {@code @RegisterExtension}; after
 * each test it cancels every stream and then closes every server.
 *
 * <p>Every wait here is bounded by {@link SseFixture#WAIT}.
 */
final class SseResourceServers implements AfterEachCallback {
    private final ResourceServers servers = new ResourceServers();
    private final List<Events> streams = new CopyOnWriteArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(SseFixture.WAIT)
                    .build();
    private final OkHttpClient okHttp =
            new OkHttpClient.Builder()
                    .connectTimeout(SseFixture.WAIT)
                    // A stream is read for as long as the test wants it; every wait on its events
                    // is bounded by the test instead.
                    .readTimeout(Duration.ZERO)
                    .build();
    private final EventSource.Factory eventSources = EventSources.createFactory(okHttp);

    /** Starts a server with these settings offering these resources and tools. */
    Started start(Map<String, String> settings, List<Resource> resources, Tool... tools)
            throws Exception {
        return servers.start(settings, resources, tools);
    }

    /**
     * Opens {@code GET /sse} with this bearer token and reads its {@code connected} event, which
     * gives its connection id.
     */
    Events connect(Started server, String token) {
        Request request =
                new Request.Builder()
                        .url(server.uri("/sse").toString())
                        .header("Authorization", "Bearer " + token)
                        .build();
        Events events = new Events();
        streams.add(events);
        events.source = eventSources.newEventSource(request, events.listener());
        Event connected = events.next();
        assertEquals("connected", connected.type(), connected::toString);
        events.connectionId = connected.json().get("connectionId").getAsString();
        assertTrue(
                SseFixture.CONNECTION_ID.matcher(events.connectionId).matches(),
                events.connectionId);
        return events;
    }

    /** {@code POST path} of a JSON body with this bearer token. */
    Reply post(Started server, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(server.uri(path))
                        .timeout(SseFixture.WAIT)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build();
        HttpResponse<String> response =
                http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    /**
     * {@code POST /sse} of this JSON-RPC message with {@code "protocol":"sse"} and the stream's
     * connectionId added.
     */
    Reply postSse(Started server, String token, Events stream, JsonObject message)
            throws IOException, InterruptedException {
        JsonObject body = message.deepCopy();
        body.addProperty("protocol", "sse");
        body.addProperty("connectionId", stream.connectionId());
        return post(server, "/sse", token, body.toString());
    }

    /** {@code sse.stats.activeConnections} of {@code /health}. */
    int activeConnections(Started server) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(server.uri("/health")).timeout(SseFixture.WAIT).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Reply health = new Reply(response.statusCode(), response.headers(), response.body());
        assertEquals(200, health.status(), health::toString);
        return health.json()
                .getAsJsonObject("sse")
                .getAsJsonObject("stats")
                .get("activeConnections")
                .getAsInt();
    }

    /**
     * Polls {@code /health} until {@code sse.stats.activeConnections} is that many, for at most
     * {@link SseFixture#WAIT}. Each poll is a full HTTP exchange, which paces the loop.
     */
    void awaitActiveConnections(Started server, int expected)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SseFixture.WAIT.toNanos();
        int active = activeConnections(server);
        while (active != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "activeConnections stayed " + active + ", never " + expected);
            }
            active = activeConnections(server);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (Events stream : streams) {
                stream.close();
            }
            for (Events stream : streams) {
                stream.ended
                        .completeOnTimeout(
                                "never ended", SseFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        .join();
            }
        } finally {
            servers.afterEach(context);
            okHttp.dispatcher().executorService().shutdown();
            okHttp.connectionPool().evictAll();
        }
    }

    /** A {@code GET /sse} read by okhttp; every event it gets waits in a queue for the test. */
    static final class Events implements AutoCloseable {
        private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        private final List<Event> all = new CopyOnWriteArrayList<>();
        private final CompletableFuture<String> ended = new CompletableFuture<>();
        private volatile EventSource source;
        private volatile String connectionId;

        private Events() {}

        private EventSourceListener listener() {
            return new EventSourceListener() {
                @Override
                public void onEvent(EventSource eventSource, String id, String type, String data) {
                    Event event = new Event(id, type == null ? "message" : type, data);
                    all.add(event);
                    queue.add(event);
                }

                @Override
                public void onClosed(EventSource eventSource) {
                    ended.complete("closed by the server");
                }

                @Override
                public void onFailure(
                        EventSource eventSource, Throwable failure, Response response) {
                    ended.complete(
                            "failed: "
                                    + (response != null
                                            ? "HTTP " + response.code()
                                            : String.valueOf(failure)));
                }
            };
        }

        /** The id its {@code connected} event gave. */
        String connectionId() {
            return connectionId;
        }

        /** The next event, whatever its type. */
        Event next() {
            return next(Set.of());
        }

        /** The next event of one of these types, skipping others (heartbeats, say). */
        Event next(String... types) {
            return next(Set.of(types));
        }

        /** The next event of one of these types (any type when empty), waiting at most WAIT. */
        private Event next(Set<String> wanted) {
            long deadline = System.nanoTime() + SseFixture.WAIT.toNanos();
            try {
                while (true) {
                    Event event = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (event == null) {
                        throw new AssertionError(
                                "no event of type "
                                        + (wanted.isEmpty() ? "any" : wanted)
                                        + " within "
                                        + SseFixture.WAIT
                                        + (ended.isDone() ? "; the stream " + ended.join() : "")
                                        + "; events so far: "
                                        + all);
                    }
                    if (wanted.isEmpty() || wanted.contains(event.type())) {
                        return event;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Cancels the stream, as a client that goes away. */
        @Override
        public void close() {
            EventSource current = source;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
