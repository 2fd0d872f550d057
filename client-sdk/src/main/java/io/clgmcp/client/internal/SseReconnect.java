package io.clgmcp.client.internal;

import io.clgmcp.core.internal.DaemonThreads;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps the {@code GET} event stream of an SSE transport open, for {@link SeedSseTransport} and
 * {@link LegacySseTransport}: it opens the stream ({@link SseStreamOpener}), reads its events on a
 * daemon thread and hands them to the transport's {@link Dialect}, which says when a stream is
 * ready to carry messages (its connection id or endpoint is known). A {@link SseWatchdog} ends a
 * stream that falls silent or never gets ready. When a ready stream ends, the transport's inbound
 * hears {@link ClientTransport.Inbound#onLost} once, and a new stream is opened after the {@link
 * SseBackoff}: neither SSE dialect can resume, so the new stream is a new connection.
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

    private static final System.Logger LOG = System.getLogger(SseReconnect.class.getName());

    /** What a transport makes of the events of its stream; called on the reader thread. */
    interface Dialect<T> {
        /**
         * Handles one event; calls {@link SseStream#ready} once the stream can carry messages, and
         * may deliver messages to the inbound.
         */
        void onEvent(SseStream<T> stream, SseReader.Event event);
    }

    private final HttpSettings settings;
    private final URI uri;
    private final String threadName;
    private final String awaited;
    private final Duration heartbeatsFromOpen;
    private final Dialect<T> dialect;
    private final SseStreamOpener opener;
    private final SseBackoff backoff = new SseBackoff();
    private final SseReadiness<T> readiness = new SseReadiness<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private volatile boolean started;
    private volatile SseStream<T> active;
    private volatile Thread reader;
    private volatile SseWatchdog watchdog;
    private volatile ClientTransport.Inbound inbound;

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
        this.opener = new SseStreamOpener(settings, uri);
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
        if (closed()) {
            throw new McpTransportFailure(0, "the transport is closed");
        }
        started = true;
        this.inbound = inbound;
        watchdog = new SseWatchdog(threadName + "-watchdog", settings.exchangeTimeout(), awaited);
        SseStream<T> first;
        try {
            first = open();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        active = first;
        Thread thread = DaemonThreads.named(threadName).newThread(() -> run(first));
        reader = thread;
        thread.start();
        if (closed()) {
            first.abort("the transport is closed");
        }
        awaitReady(first);
    }

    private void awaitReady(SseStream<T> first) {
        try {
            first.readied().get(settings.exchangeTimeout().toNanos(), TimeUnit.NANOSECONDS);
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
    SseStream<T> current() {
        if (!started) {
            throw new IllegalStateException("the transport was not started");
        }
        return readiness.await(settings.exchangeTimeout(), reader);
    }

    /** The thread reading the streams, or null before {@link #start}; for tests. */
    Thread readerThread() {
        return reader;
    }

    /** Stops reconnecting and closes the stream; idempotent. */
    @Override
    public void close() {
        if (!readiness.close()) {
            return;
        }
        closing.countDown();
        opener.cancel();
        SseStream<T> stream = active;
        if (stream != null) {
            stream.abort("the transport is closed");
        }
        SseWatchdog checks = watchdog;
        if (checks != null) {
            checks.close();
        }
    }

    private boolean closed() {
        return readiness.isClosed();
    }

    private void run(SseStream<T> first) {
        SseStream<T> stream = first;
        int failures = 0;
        while (true) {
            stream.read(dialect, readiness::isClosed, uri);
            backoff.serverRetry(stream.retryMillis());
            stream.end();
            if (closed()) {
                return;
            }
            if (stream.isReady()) {
                readiness.lost(stream);
                failures = 0;
                LOG.log(
                        System.Logger.Level.INFO,
                        "the SSE connection to {0} was lost ({1}); reconnecting",
                        uri,
                        stream.endReason());
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
    private SseStream<T> reconnect(int failuresSoFar) {
        int failures = failuresSoFar;
        while (true) {
            try {
                if (closing.await(backoff.delayMillis(failures), TimeUnit.MILLISECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            try {
                SseStream<T> stream = open();
                active = stream;
                if (closed()) {
                    stream.abort("the transport is closed");
                    stream.end();
                    return null;
                }
                return stream;
            } catch (RuntimeException thrown) {
                if (closed()) {
                    return null;
                }
                McpTransportFailure e =
                        thrown instanceof McpTransportFailure failure
                                ? failure
                                : new McpTransportFailure(0, thrown.toString(), thrown);
                if (SseBackoff.isPermanent(e.status())) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "giving up reconnecting to {0}: {1}",
                            uri,
                            e.getMessage());
                    readiness.gaveUp(e);
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

    /** Opens a stream, watched from now on (for heartbeats too, when they are expected at once). */
    private SseStream<T> open() {
        SseStream<T> stream = new SseStream<>(opener.open(), watchdog, readiness::ready);
        stream.watch(heartbeatsFromOpen);
        return stream;
    }
}
