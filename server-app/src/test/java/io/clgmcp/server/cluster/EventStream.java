package io.clgmcp.server.cluster;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * One event stream read with okhttp's event-stream parser: {@code GET /sse}, a {@code POST /mcp}
 * answered as a stream, or a {@code GET /mcp} resuming one. Events queue up as they come; every
 * wait on them is bounded by {@link Poll#WAIT}. {@link #close} drops the connection, as a client
 * that goes away.
 */
final class EventStream implements AutoCloseable {
    private static final OkHttpClient CLIENT = client();
    private static final EventSource.Factory SOURCES = EventSources.createFactory(CLIENT);

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<Event> all = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final EventSource source;

    private EventStream(Request request) {
        source = SOURCES.newEventSource(request, new Listener());
    }

    /** Opens {@code GET} of that URI with these headers (name, value...); does not wait. */
    static EventStream get(URI uri, String... headers) {
        return new EventStream(request(uri, headers).build());
    }

    /** Opens a {@code POST} of that JSON to that URI with these headers; does not wait. */
    static EventStream post(URI uri, String json, String... headers) {
        return new EventStream(
                request(uri, headers)
                        .post(RequestBody.create(json, MediaType.get("application/json")))
                        .build());
    }

    private static Request.Builder request(URI uri, String... headers) {
        Request.Builder request = new Request.Builder().url(uri.toString());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    /** The status of the response head, once it came (or -1 when none came). */
    int awaitStatus() {
        return await(status, "a response head");
    }

    /** The next event, whatever its type. */
    Event next() {
        return next(event -> true, "any event");
    }

    /** The next event of this type, skipping others (heartbeats, say). */
    Event next(String type) {
        return next(event -> type.equals(event.type()), "an event of type " + type);
    }

    /** The next event that passes the test, skipping others. */
    Event next(Predicate<Event> wanted, String what) {
        long deadline = System.nanoTime() + Poll.WAIT.toNanos();
        try {
            while (true) {
                Event event = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError(
                            "no "
                                    + what
                                    + " within "
                                    + Poll.WAIT
                                    + (ended.isDone() ? "; the stream " + ended.join() : "")
                                    + "; events so far: "
                                    + all);
                }
                if (wanted.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until the server ended the stream (or the connection broke); says how. */
    String awaitEnd() {
        return await(ended, "the end of the stream");
    }

    /** Every event received so far. */
    List<Event> all() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        source.cancel();
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + Poll.WAIT);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static OkHttpClient client() {
        Dispatcher dispatcher = new Dispatcher();
        // The default five calls per host would queue the streams of the limit tests.
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(Poll.WAIT)
                // A stream is read as long as the test wants; its waits are bounded instead.
                .readTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .build();
    }

    /** One event: its id (null if none), type ("message" if none) and data. */
    record Event(String id, String type, String data) {
        JsonObject json() {
            return JsonParser.parseString(data).getAsJsonObject();
        }
    }

    private final class Listener extends EventSourceListener {
        @Override
        public void onOpen(EventSource source, Response response) {
            status.complete(response.code());
        }

        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
            Event event = new Event(id, type == null ? "message" : type, data);
            all.add(event);
            queue.add(event);
        }

        @Override
        public void onClosed(EventSource source) {
            ended.complete("ended");
        }

        @Override
        public void onFailure(EventSource source, Throwable failure, Response response) {
            status.complete(response != null ? response.code() : -1);
            ended.complete("failed: " + (failure != null ? failure : "status " + status.join()));
        }
    }
}
