package io.clgmcp.transport.sse.internal;

import io.clgmcp.core.LongLivedStreams;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.ClusterUnavailableException;
import io.clgmcp.core.internal.Housekeeping;
import io.clgmcp.servlet.QueueLimits;
import io.clgmcp.transport.sse.SseOptions;
import io.clgmcp.transport.sse.SseStatistics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every open SSE stream of this server, their limits (for the server and per caller) and counts,
 * and the one scheduler thread that sends heartbeats to all of them and closes those whose client
 * stopped taking data. The scheduler starts with the first stream, not before. In a cluster the
 * {@link StreamDirectory} applies the limits to the streams of every instance, and the heartbeats
 * renew this instance's records there.
 */
public final class SseConnections implements SseStatistics, LongLivedStreams {

    private static final System.Logger LOG = System.getLogger(SseConnections.class.getName());

    private final SseOptions options;
    private final StreamDirectory directory;
    private final int localMax;
    private final int localMaxPerCaller;
    private final Map<String, SseConnection> open = new ConcurrentHashMap<>();
    private final Map<String, Integer> perCaller = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();
    private Housekeeping scheduler;
    private boolean shutDown;

    public SseConnections(SseOptions options) {
        this(
                options,
                StreamDirectory.ALONE,
                options.maxConnections(),
                options.maxConnectionsPerCaller());
    }

    /** {@code localMax} and {@code localMaxPerCaller} limit this instance's streams (0: none). */
    private SseConnections(
            SseOptions options, StreamDirectory directory, int localMax, int localMaxPerCaller) {
        this.options = options;
        this.directory = directory;
        this.localMax = localMax;
        this.localMaxPerCaller = localMaxPerCaller;
    }

    /**
     * The streams of one instance of a cluster: the limits apply to the streams of all, whose
     * records live in the store while their instances renew them with each heartbeat (for three
     * heartbeat intervals).
     */
    public static SseConnections clustered(SseOptions options, ClusterStore store) {
        // The cluster applies the limits to all streams, so this instance needs none of its own.
        return new SseConnections(
                options,
                new ClusterStreams(
                        store,
                        options.maxConnections(),
                        options.maxConnectionsPerCaller(),
                        Duration.ofMillis(3 * options.heartbeatIntervalMillis())),
                Integer.MAX_VALUE,
                0);
    }

    /** Hands the messages other instances forward to this one's streams to {@code local}. */
    void takeForwarded(Consumer<StreamDirectory.Forwarded> local) {
        directory.listen(local);
    }

    /** Whether a stream may open. */
    enum Admission {
        ADMITTED,
        /** {@code maxConnections} streams are open. */
        SERVER_FULL,
        /** The caller holds {@code maxConnectionsPerCaller} streams. */
        CALLER_FULL,
        /** The server is shutting down. */
        CLOSING
    }

    /**
     * Claims a place for one more stream of the caller with this limit key.
     *
     * @throws ClusterUnavailableException when the cluster's limits cannot be checked
     */
    Admission tryReserve(String id, String caller, String limitKey) {
        synchronized (this) {
            if (shutDown) {
                return Admission.CLOSING;
            }
            startScheduler();
        }
        switch (directory.admit(id, caller, limitKey)) {
            case FULL:
                return Admission.SERVER_FULL;
            case CALLER_FULL:
                return Admission.CALLER_FULL;
            case ADMITTED:
                break;
        }
        if (!reserveFor(limitKey, localMaxPerCaller)) {
            return Admission.CALLER_FULL;
        }
        int current;
        do {
            current = active.get();
            if (current >= localMax) {
                releaseFor(limitKey);
                return Admission.SERVER_FULL;
            }
        } while (!active.compareAndSet(current, current + 1));
        total.incrementAndGet();
        return Admission.ADMITTED;
    }

    /** Gives back a place claimed for a stream that never opened. */
    void unreserve(String id, String caller, String limitKey) {
        active.decrementAndGet();
        releaseFor(limitKey);
        forget(id, caller, limitKey);
    }

    private boolean reserveFor(String limitKey, int cap) {
        boolean[] reserved = {false};
        perCaller.compute(
                limitKey,
                (key, held) -> {
                    int count = held == null ? 0 : held;
                    if (cap > 0 && count >= cap) {
                        return held;
                    }
                    reserved[0] = true;
                    return count + 1;
                });
        return reserved[0];
    }

    private void releaseFor(String limitKey) {
        // An entry goes with a caller's last stream, so the map holds only callers with streams.
        perCaller.computeIfPresent(limitKey, (key, held) -> held == 1 ? null : held - 1);
    }

    /** Records an opened stream in the place {@link #tryReserve} claimed for it. */
    void register(SseConnection connection) {
        open.put(connection.id(), connection);
        if (connection.isClosed()) {
            // It ended before it was recorded, so its own release found nothing to remove.
            release(connection);
        }
    }

    /** Forgets a stream that ended and frees its place. */
    void release(SseConnection connection) {
        if (open.remove(connection.id(), connection)) {
            unreserve(connection.id(), connection.caller(), connection.limitKey());
        }
    }

    /**
     * Hands a message for a stream this instance does not hold to the instance that does; false
     * when none does, for this caller.
     *
     * @throws ClusterUnavailableException when the cluster cannot be asked
     */
    boolean forward(StreamDirectory.Forwarded message) {
        return directory.forward(message);
    }

    private void forget(String id, String caller, String limitKey) {
        try {
            directory.remove(id, caller, limitKey);
        } catch (ClusterUnavailableException e) {
            // The record lapses by itself once this instance stops renewing it.
            LOG.log(System.Logger.Level.WARNING, "could not forget SSE stream: " + e.getMessage());
        }
    }

    /**
     * The open stream of that id, when the same caller opened it; any other caller is told nothing
     * about it, not even that it exists.
     */
    Optional<SseConnection> find(String id, String caller) {
        SseConnection connection = open.get(id);
        return connection != null && connection.caller().equals(caller)
                ? Optional.of(connection)
                : Optional.empty();
    }

    QueueLimits queueLimits() {
        return options.queueLimits();
    }

    @Override
    public long totalConnections() {
        return total.get();
    }

    @Override
    public int activeConnections() {
        return active.get();
    }

    @Override
    public int maxConnections() {
        return options.maxConnections();
    }

    @Override
    public int maxConnectionsPerCaller() {
        return options.maxConnectionsPerCaller();
    }

    @Override
    public Map<String, Integer> activeConnectionsByCaller() {
        return Map.copyOf(perCaller);
    }

    @Override
    public long heartbeatIntervalMillis() {
        return options.heartbeatIntervalMillis();
    }

    /**
     * Ends every stream, each once the requests in flight on it are answered (the core answers
     * those still running when the shutdown grace ends), and opens no more.
     */
    @Override
    public void closeAll() {
        synchronized (this) {
            shutDown = true;
            if (scheduler != null) {
                scheduler.stop();
            }
        }
        open.values().forEach(SseConnection::endWhenIdle);
    }

    private void startScheduler() {
        if (scheduler != null) {
            return;
        }
        scheduler = Housekeeping.start("sse-heartbeat");
        scheduler.every(options.heartbeatIntervalMillis(), this::heartbeat);
        // Checking four times per timeout closes a stalled stream within the timeout.
        scheduler.every(Math.max(1, options.connectionTimeoutMillis() / 4), this::closeStalled);
    }

    private void heartbeat() {
        String data = "{\"timestamp\":" + System.currentTimeMillis() + "}";
        open.values().forEach(connection -> connection.send("heartbeat", data));
        List<SseConnection> renewed = List.copyOf(open.values());
        try {
            directory.renew(renewed);
        } catch (ClusterUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "could not renew SSE streams: " + e.getMessage());
            return;
        }
        // A stream that ended while its record was renewed may have had that record brought back.
        renewed.stream()
                .filter(SseConnection::isClosed)
                .forEach(ended -> forget(ended.id(), ended.caller(), ended.limitKey()));
    }

    private void closeStalled() {
        long now = System.nanoTime();
        long limit = TimeUnit.MILLISECONDS.toNanos(options.connectionTimeoutMillis() * 3 / 4);
        open.values().stream()
                .filter(connection -> connection.isStalled(now, limit))
                .forEach(SseConnection::close);
    }
}
