package io.clgmcp.client.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the {@code GET} event stream of an SSE transport open, for {@link SeedSseTransport} and
 * {@link LegacySseTransport}: it opens the stream, reads its events on a daemon thread and hands
 * them to the transport's {@link Dialect}, which says when a stream is ready to carry messages (its
 * connection id or endpoint is known). A watchdog ends a stream that falls silent (no event for 2.5
 * heartbeat intervals, once heartbeats are expected) or never gets ready. When a ready stream ends,
 * the transport's inbound hears {@link ClientTransport.Inbound#onLost} once, and a new stream is
 * opened after a backoff that starts at the server's {@code retry:} (200 ms if it sent none) and
 * doubles up to 10 s: neither SSE dialect can resume, so the new stream is a new connection.
 *
 * <p>The inbound's callbacks run on the reader thread: one that blocks delays the events after it
 * (the watchdog does not count that time as silence), and one that sends from {@code onLost} gets a
 * failure rather than waiting for the connection the reader has yet to open.
 *
 * @param <T> what a ready stream offers the transport's sends: a connection id, an endpoint
 */
final class SseReconnect<T> implements AutoCloseable {
    /** What the inbound hears when a ready stream ends. */
    static final String LOST_MESSAGE =
            "the SSE connection was lost; requests in flight were not answered";

    /** The heartbeat interval assumed when the server announces none (the seed default). */
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

    /** How many heartbeat intervals of silence end a stream. */
    static final double MISSED_HEARTBEATS = 2.5;

    static final long INITIAL_BACKOFF_MILLIS = 200;
    static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final long MAX_RETRY_MILLIS = 60_000;
    private static final int MAX_ERROR_BODY_BYTES = 8192;

    private static final System.Logger LOG = System.getLogger(SseReconnect.class.getName());

    /** What a transport makes of the events of its stream; called on the reader thread. */
    interface Dialect<T> {
        /**
         * Handles one event; calls {@link Stream#ready} once the stream can carry messages, and may
         * deliver messages to the inbound.
         */
        void onEvent(Stream<T> stream, SseReader.Event event);
    }

    private final HttpSettings settings;
    private final URI uri;
    private final String threadName;
    private final String awaited;
    private final Duration heartbeatsFromOpen;
    private final Dialect<T> dialect;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readiness = lock.newCondition();
    private final CountDownLatch closing = new CountDownLatch(1);

    private volatile boolean started;
    private volatile boolean closed;
    private volatile Stream<T> active;
    private volatile CompletableFuture<?> opening;
    private volatile long retryMillis = -1;
    private volatile Thread reader;
    private volatile ScheduledExecutorService watchdog;
    private volatile ClientTransport.Inbound inbound;

    // Guarded by lock.
    private Stream<T> ready;
    private McpTransportFailure gaveUp;

    /**
     * @param uri the stream's URL
     * @param threadName the name of the reader thread
     * @param awaited what makes a stream ready, for messages ("a connection id")
     * @param heartbeatsFromOpen the heartbeat interval every stream is watched for from its
     *     opening, or null when a stream is watched only once its dialect expects heartbeats
     */
    SseReconnect(
            HttpSettings settings,
            URI uri,
            String threadName,
            String awaited,
            Duration heartbeatsFromOpen,
            Dialect<T> dialect) {
        this.settings = settings;
        this.uri = uri;
        this.threadName = threadName;
        this.awaited = awaited;
        this.heartbeatsFromOpen = heartbeatsFromOpen;
        this.dialect = dialect;
    }

    /**
     * Opens the first stream and waits (up to the exchange timeout) until it is ready.
     *
     * @throws McpTransportFailure with the server's status when it refused the stream, or status 0
     *     when it could not be reached or the stream did not get ready in time
     */
    void start(ClientTransport.Inbound inbound) {
        if (started) {
            throw new IllegalStateException("the transport was started already");
        }
        if (closed) {
            throw new McpTransportFailure(0, "the transport is closed");
        }
        started = true;
        this.inbound = inbound;
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, threadName + "-watchdog");
                            thread.setDaemon(true);
                            return thread;
                        });
        watchdog = scheduler;
        Stream<T> first;
        try {
            first = open();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        active = first;
        Thread thread = new Thread(() -> run(first), threadName);
        thread.setDaemon(true);
        reader = thread;
        thread.start();
        if (closed) {
            first.abort("the transport is closed");
        }
        try {
            first.readied.get(settings.exchangeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            close();
            throw new McpTransportFailure(
                    0,
                    "the SSE stream "
                            + uri
                            + " did not give "
                            + awaited
                            + " within "
                            + settings.exchangeTimeout().toMillis()
                            + " ms");
        } catch (ExecutionException e) {
            close();
            throw new McpTransportFailure(
                    0,
                    "the SSE stream "
                            + uri
                            + " ended before it gave "
                            + awaited
                            + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new McpTransportFailure(0, "interrupted while opening " + uri, e);
        }
    }

    /**
     * The ready stream, waiting (up to the exchange timeout) while a lost one is being replaced.
     *
     * @throws McpTransportFailure when the transport is closed, gave up reconnecting, or no stream
     *     got ready in time
     */
    Stream<T> current() {
        if (!started) {
            throw new IllegalStateException("the transport was not started");
        }
        long remaining = settings.exchangeTimeout().toNanos();
        lock.lock();
        try {
            while (ready == null) {
                if (Thread.currentThread() == reader && !closed && gaveUp == null) {
                    // Waiting here would keep the reader from ever opening the next stream.
                    throw new McpTransportFailure(
                            0,
                            "the SSE connection was lost and is being replaced; the inbound's"
                                    + " callbacks cannot wait for the new one");
                }
                if (closed) {
                    throw new McpTransportFailure(0, "the transport is closed");
                }
                if (gaveUp != null) {
                    throw new McpTransportFailure(
                            gaveUp.status(), gaveUp.getMessage(), gaveUp.getCause());
                }
                if (remaining <= 0) {
                    throw new McpTransportFailure(
                            0,
                            "the SSE connection was lost and no new one was ready within "
                                    + settings.exchangeTimeout().toMillis()
                                    + " ms");
                }
                remaining = readiness.awaitNanos(remaining);
            }
            return ready;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpTransportFailure(0, "interrupted while waiting for the SSE connection", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * POSTs a JSON message of this stream's connection. A 200 or 202 is success; a refusal saying
     * the connection is unknown (404, or 400 with JSON-RPC code -32001) also ends the stream, so
     * that a new connection is made.
     *
     * @param what the request, for messages ("POST /sse")
     * @throws McpTransportFailure with the status and the server's error text otherwise
     */
    void post(Stream<T> via, URI target, String json, String what) {
        HttpRequest request =
                settings.request(target)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build();
        HttpResponse<String> response;
        try {
            response =
                    settings.http()
                            .send(
                                    request,
                                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new McpTransportFailure(
                    0,
                    what
                            + " was not answered within "
                            + settings.exchangeTimeout().toMillis()
                            + " ms",
                    e);
        } catch (IOException e) {
            throw new McpTransportFailure(0, what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpTransportFailure(0, what + " was interrupted", e);
        }
        int status = response.statusCode();
        if (status == 200 || status == 202) {
            return;
        }
        if (status == 404 || (status == 400 && errorCode(response.body()) == -32001)) {
            lost(via, what + " answered " + status + ": the server no longer knows the connection");
        }
        throw HttpSettings.unexpected(status, errorText(response.body()), what);
    }

    /** Ends this stream, if it is still open, so that a new connection replaces it. */
    void lost(Stream<T> stream, String why) {
        stream.abort(why);
    }

    /** The thread reading the streams, or null before {@link #start}; for tests. */
    Thread readerThread() {
        return reader;
    }

    /** Stops reconnecting and closes the stream; idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            ready = null;
            readiness.signalAll();
        } finally {
            lock.unlock();
        }
        closing.countDown();
        CompletableFuture<?> pending = opening;
        if (pending != null) {
            pending.cancel(true);
        }
        Stream<T> stream = active;
        if (stream != null) {
            stream.abort("the transport is closed");
        }
        ScheduledExecutorService scheduler = watchdog;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void run(Stream<T> first) {
        Stream<T> stream = first;
        int failures = 0;
        while (true) {
            read(stream);
            stream.end();
            if (closed) {
                return;
            }
            if (stream.isReady()) {
                lock.lock();
                try {
                    if (ready == stream) {
                        ready = null;
                    }
                } finally {
                    lock.unlock();
                }
                failures = 0;
                LOG.log(
                        System.Logger.Level.INFO,
                        "the SSE connection to {0} was lost ({1}); reconnecting",
                        uri,
                        stream.endReason);
                try {
                    inbound.onLost(new McpTransportFailure(0, LOST_MESSAGE));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "the inbound failed on onLost", e);
                }
            } else if (stream == first) {
                return; // start() reports it
            } else {
                failures++;
            }
            stream = reconnect(failures);
            if (stream == null) {
                return;
            }
        }
    }

    /** Opens a new stream after the backoff; null when closed or giving up. */
    private Stream<T> reconnect(int failuresSoFar) {
        int failures = failuresSoFar;
        while (true) {
            try {
                if (closing.await(backoffMillis(failures), TimeUnit.MILLISECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            try {
                Stream<T> stream = open();
                active = stream;
                if (closed) {
                    stream.abort("the transport is closed");
                    stream.end();
                    return null;
                }
                return stream;
            } catch (RuntimeException thrown) {
                if (closed) {
                    return null;
                }
                McpTransportFailure e =
                        thrown instanceof McpTransportFailure failure
                                ? failure
                                : new McpTransportFailure(0, thrown.toString(), thrown);
                if (isPermanent(e.status())) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "giving up reconnecting to {0}: {1}",
                            uri,
                            e.getMessage());
                    lock.lock();
                    try {
                        gaveUp = e;
                        readiness.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    return null;
                }
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "reconnecting to {0} failed: {1}",
                        uri,
                        e.getMessage());
                failures++;
            }
        }
    }

    /** A refusal that trying again will not change (a wrong token, a wrong URL). */
    private static boolean isPermanent(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    /**
     * The wait before the next attempt: the server's {@code retry:} (at most a minute; 200 ms when
     * it sent none) doubled per failed attempt, up to 10 s (or the server's longer delay).
     */
    long backoffMillis(int failures) {
        long retry = retryMillis;
        long base = retry > 0 ? Math.min(retry, MAX_RETRY_MILLIS) : INITIAL_BACKOFF_MILLIS;
        long cap = Math.max(base, MAX_BACKOFF_MILLIS);
        long delay = base << Math.min(failures, 16); // base <= 60 s: no overflow
        return Math.min(delay, cap);
    }

    /** Reads the stream's events until it ends. */
    private void read(Stream<T> stream) {
        try {
            while (!closed && stream.abortReason == null) {
                Optional<SseReader.Event> event = stream.events.next();
                if (event.isEmpty()) {
                    stream.endReason = "the server ended the stream";
                    break;
                }
                stream.lastEventNanos = System.nanoTime();
                stream.dispatching = true;
                try {
                    dialect.onEvent(stream, event.get());
                } catch (RuntimeException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "an SSE event of " + uri + " could not be handled",
                            e);
                } finally {
                    stream.dispatching = false;
                    stream.lastEventNanos = System.nanoTime();
                }
            }
        } catch (IOException | RuntimeException e) {
            stream.endReason = e.toString();
        } finally {
            if (stream.abortReason != null) {
                stream.endReason = stream.abortReason;
            }
            long retry = stream.events.retryMillis();
            if (retry >= 0) {
                retryMillis = retry;
            }
        }
    }

    /**
     * Sends the {@code GET}, bounded by the exchange timeout until the response head arrives.
     *
     * @throws McpTransportFailure when the server cannot be reached or answers other than 200
     */
    private Stream<T> open() {
        HttpRequest request =
                settings.streamRequest(uri)
                        .header("Accept", "text/event-stream")
                        .header("Cache-Control", "no-cache")
                        .GET()
                        .build();
        CompletableFuture<HttpResponse<InputStream>> pending =
                settings.http().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        opening = pending;
        HttpResponse<InputStream> response;
        try {
            response = pending.get(settings.exchangeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            discard(pending);
            throw new McpTransportFailure(
                    0,
                    "GET "
                            + uri
                            + " was not answered within "
                            + settings.exchangeTimeout().toMillis()
                            + " ms",
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new McpTransportFailure(0, "GET " + uri + " failed: " + cause, cause);
        } catch (CancellationException e) {
            throw new McpTransportFailure(0, "the transport is closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(pending);
            throw new McpTransportFailure(0, "interrupted while opening " + uri, e);
        } finally {
            opening = null;
        }
        InputStream body = response.body();
        int status = response.statusCode();
        if (status != 200) {
            String text = readError(body);
            throw HttpSettings.unexpected(status, errorText(text), "GET " + uri.getPath());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            closeQuietly(body);
            throw new McpTransportFailure(
                    status,
                    "GET "
                            + uri
                            + " answered "
                            + (type.isEmpty() ? "no" : type)
                            + ", not an event"
                            + " stream");
        }
        Stream<T> stream = new Stream<>(this, body);
        stream.watch(heartbeatsFromOpen);
        return stream;
    }

    /** Closes the body of a response that arrives after its wait was given up. */
    private static void discard(CompletableFuture<HttpResponse<InputStream>> pending) {
        pending.thenAccept(response -> closeQuietly(response.body()));
        pending.cancel(true);
    }

    private static String readError(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(MAX_ERROR_BODY_BYTES);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The text of an error body: the {@code error} member of a JSON body ({@code
     * {"error":"...","code":...}}, or a JSON-RPC error's message), otherwise the body itself.
     */
    static String errorText(String body) {
        JsonObject object = jsonObject(body);
        if (object != null) {
            JsonElement error = object.get("error");
            if (error instanceof JsonPrimitive text && text.isString()) {
                return text.getAsString();
            }
            if (error instanceof JsonObject rpc
                    && rpc.get("message") instanceof JsonPrimitive message
                    && message.isString()) {
                return message.getAsString();
            }
        }
        return body;
    }

    /** The {@code code} of a JSON error body, or 0. */
    private static int errorCode(String body) {
        JsonObject object = jsonObject(body);
        if (object != null) {
            JsonElement code = object.get("code");
            if (code == null && object.get("error") instanceof JsonObject rpc) {
                code = rpc.get("code");
            }
            if (code instanceof JsonPrimitive number && number.isNumber()) {
                try {
                    return number.getAsInt();
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static JsonObject jsonObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonElement value = JsonParser.parseString(body);
            return value.isJsonObject() ? value.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // Nothing more to free.
        }
    }

    private void scheduleCheck(Stream<T> stream, long delayNanos) {
        ScheduledExecutorService scheduler = watchdog;
        if (scheduler == null || closed) {
            return;
        }
        try {
            stream.check = scheduler.schedule(stream::check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    private void onReady(Stream<T> stream) {
        lock.lock();
        try {
            if (!closed && !stream.ended) {
                ready = stream;
                readiness.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** One opened {@code GET} stream: one connection of the server. */
    static final class Stream<T> {
        private final SseReconnect<T> owner;
        private final InputStream body;
        private final SseReader events;
        private final long openedNanos = System.nanoTime();
        private final CompletableFuture<Void> readied = new CompletableFuture<>();
        private volatile T value;
        private volatile long lastEventNanos = openedNanos;
        private volatile long silenceLimitNanos;
        private volatile boolean dispatching;
        private volatile String abortReason;
        private volatile String endReason;
        private volatile boolean ended;
        private ScheduledFuture<?> check; // guarded by this

        private Stream(SseReconnect<T> owner, InputStream body) {
            this.owner = owner;
            this.body = body;
            this.events = new SseReader(body);
        }

        /** Marks the stream ready to carry messages, with what sends need; the first call wins. */
        void ready(T readyValue) {
            if (value != null) {
                return;
            }
            value = readyValue;
            owner.onReady(this);
            readied.complete(null);
        }

        boolean isReady() {
            return value != null;
        }

        /** What the dialect made the stream ready with; null before. */
        T value() {
            return value;
        }

        /**
         * Expects an event at least every {@code interval}: 2.5 intervals of silence end the
         * stream.
         */
        void expectHeartbeats(Duration interval) {
            watch(interval);
        }

        /** Whether the stream is watched for heartbeats. */
        boolean heartbeatsExpected() {
            return silenceLimitNanos > 0;
        }

        private synchronized void watch(Duration heartbeat) {
            if (heartbeat != null && !heartbeat.isNegative() && !heartbeat.isZero()) {
                silenceLimitNanos = (long) (heartbeat.toNanos() * MISSED_HEARTBEATS);
            }
            if (check != null) {
                check.cancel(false);
            }
            check();
        }

        /** The watchdog: ends a stream that is silent too long, or not ready in time. */
        private synchronized void check() {
            if (ended || abortReason != null) {
                return;
            }
            long now = System.nanoTime();
            long next = Long.MAX_VALUE;
            if (!isReady()) {
                long due = openedNanos + owner.settings.exchangeTimeout().toNanos();
                if (now - due >= 0) {
                    abort(
                            "it did not give "
                                    + owner.awaited
                                    + " within "
                                    + owner.settings.exchangeTimeout().toMillis()
                                    + " ms");
                    return;
                }
                next = due - now;
            }
            long limit = silenceLimitNanos;
            if (limit > 0) {
                if (dispatching) {
                    // The inbound is busy with an event: the stream is not silent, just unread.
                    next = Math.min(next, limit);
                } else {
                    long due = lastEventNanos + limit;
                    if (now - due >= 0) {
                        abort(
                                "no event for "
                                        + TimeUnit.NANOSECONDS.toMillis(limit)
                                        + " ms (heartbeats missed)");
                        return;
                    }
                    next = Math.min(next, due - now);
                }
            }
            if (next != Long.MAX_VALUE) {
                owner.scheduleCheck(this, next);
            }
        }

        /** Ends the stream: closing its body ends the reader's wait for the next event. */
        void abort(String reason) {
            if (abortReason == null) {
                abortReason = reason;
            }
            closeQuietly(body);
        }

        /** Called by the reader once it has stopped reading this stream. */
        private void end() {
            ended = true;
            synchronized (this) {
                if (check != null) {
                    check.cancel(false);
                }
            }
            closeQuietly(body);
            readied.completeExceptionally(
                    new McpTransportFailure(0, endReason == null ? "it ended" : endReason));
        }
    }
}
