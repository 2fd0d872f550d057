package io.clgmcp.core;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's view of one client: what it negotiated at {@code initialize}, and where messages
 * that answer no particular request go. Every transport hands the server one of these, whatever a
 * connection means to it; a plain HTTP POST gets a {@link #ephemeral() throwaway} one. A transport
 * {@link #close closes} a session when its connection or MCP session ends.
 */
public final class Session {
    private static final AtomicLong EPHEMERAL_IDS = new AtomicLong();

    private final String id;
    private final MessageSink outbound;
    private volatile Handshake handshake;
    private volatile LoggingLevel logLevel = LoggingLevel.INFO;
    private final AtomicLong stateVersion = new AtomicLong();
    private final Object inFlightLock = new Object();
    private final Map<JsonRpcId, Runnable> cancellers = new HashMap<>();
    private final Set<JsonRpcId> cancelled = new HashSet<>();
    private final Set<JsonRpcId> unanswered = new HashSet<>();
    private final List<Runnable> onIdle = new ArrayList<>();
    private final ClientRequests clientRequests = new ClientRequests();
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final List<Runnable> onClose = new ArrayList<>();
    private boolean closed;

    public Session(String id, MessageSink outbound) {
        if (id == null || outbound == null) {
            throw new IllegalArgumentException("a session needs an id and an outbound sink");
        }
        this.id = id;
        this.outbound = outbound;
    }

    /**
     * A session that lives for one HTTP exchange and hears nothing unrequested. Its id only tells
     * exchanges apart in logs, so it is a counter rather than a secret.
     */
    public static Session ephemeral() {
        return new Session("ephemeral-" + EPHEMERAL_IDS.incrementAndGet(), MessageSink.DISCARD);
    }

    public String id() {
        return id;
    }

    /** Whether messages that belong to no request reach the client at all. */
    public boolean canPush() {
        return outbound != MessageSink.DISCARD;
    }

    /** Where messages that belong to no request go (list changes, server-initiated requests). */
    public MessageSink outbound() {
        return outbound;
    }

    /** The protocol version agreed at {@code initialize}; empty before it. */
    public Optional<String> protocolVersion() {
        Handshake current = handshake;
        return current == null ? Optional.empty() : Optional.of(current.protocolVersion());
    }

    /** The {@code clientInfo} the client sent at {@code initialize}; empty before it. */
    public Optional<JsonObject> clientInfo() {
        Handshake current = handshake;
        return current == null ? Optional.empty() : Optional.of(current.clientInfo().deepCopy());
    }

    /** The {@code capabilities} the client declared at {@code initialize}; empty before it. */
    public JsonObject clientCapabilities() {
        Handshake current = handshake;
        return current == null ? new JsonObject() : current.capabilities().deepCopy();
    }

    /** Whether the client declared a capability at {@code initialize} ("sampling", "roots"). */
    boolean clientCan(String capability) {
        Handshake current = handshake;
        return current != null && current.capabilities().has(capability);
    }

    /** Whether the client has confirmed the handshake with {@code notifications/initialized}. */
    public boolean isInitialized() {
        Handshake current = handshake;
        return current != null && current.confirmed();
    }

    /** The least severe log message the client wants to hear; {@code info} until it says. */
    public LoggingLevel logLevel() {
        return logLevel;
    }

    void logLevel(LoggingLevel level) {
        this.logLevel = level;
        stateChanged();
    }

    /**
     * Counts the changes of {@link #state} so far, so that a transport that stores the state can
     * tell cheaply whether it changed since.
     */
    public long stateVersion() {
        return stateVersion.get();
    }

    void stateChanged() {
        stateVersion.incrementAndGet();
    }

    /** Remembers how to stop a request in flight, should the client cancel it. */
    void track(JsonRpcId request, Runnable canceller) {
        synchronized (inFlightLock) {
            cancellers.put(request, canceller);
            unanswered.add(request);
        }
    }

    /**
     * Notes that a request has had its response sent (or, cancelled, its {@code noResponse}); when
     * it was the last one in flight, the {@link #whenIdle} hooks run.
     */
    void answered(JsonRpcId request) {
        List<Runnable> hooks;
        synchronized (inFlightLock) {
            unanswered.remove(request);
            if (!unanswered.isEmpty() || onIdle.isEmpty()) {
                return;
            }
            hooks = List.copyOf(onIdle);
            onIdle.clear();
        }
        hooks.forEach(Runnable::run);
    }

    /**
     * Runs a hook once no request of this session is in flight: now, or right after the last one
     * has been answered. A transport that ends its connection as the server stops waits for this,
     * so that no answer is lost with the connection.
     */
    public void whenIdle(Runnable hook) {
        synchronized (inFlightLock) {
            if (!unanswered.isEmpty()) {
                onIdle.add(hook);
                return;
            }
        }
        hook.run();
    }

    /**
     * Whether the client has cancelled this request, which has not finished: {@link #cancelAll}
     * marks every request before it stops any, so a call about to start can see it.
     */
    boolean isCancelled(JsonRpcId request) {
        synchronized (inFlightLock) {
            return cancelled.contains(request);
        }
    }

    /** Stops a request in flight, if it still is; its response will not be sent. */
    void cancel(JsonRpcId request) {
        Runnable canceller;
        synchronized (inFlightLock) {
            canceller = cancellers.remove(request);
            if (canceller == null) {
                return;
            }
            cancelled.add(request);
        }
        canceller.run();
    }

    /**
     * Cancels every request in flight as if the client had cancelled each: their handlers are
     * interrupted and no answer is sent. For a transport whose only way to the client is gone, so
     * that no thread keeps working for nobody.
     */
    public void cancelAll() {
        List<Runnable> stops;
        synchronized (inFlightLock) {
            stops = List.copyOf(cancellers.values());
            cancelled.addAll(cancellers.keySet());
            cancellers.clear();
        }
        stops.forEach(Runnable::run);
    }

    /** Forgets a finished request; false when it was cancelled and must not be answered. */
    boolean finish(JsonRpcId request) {
        synchronized (inFlightLock) {
            cancellers.remove(request);
            return !cancelled.remove(request);
        }
    }

    ClientRequests clientRequests() {
        return clientRequests;
    }

    /** The resource URIs the client asked to hear about with {@code resources/subscribe}. */
    Set<String> subscriptions() {
        return subscriptions;
    }

    /**
     * Ends the session: requests the server awaits answers to fail, subscriptions lapse. Its
     * transport calls this once the client can no longer be reached; later calls do nothing.
     */
    public void close() {
        List<Runnable> hooks;
        synchronized (onClose) {
            if (closed) {
                return;
            }
            closed = true;
            hooks = List.copyOf(onClose);
            onClose.clear();
        }
        clientRequests.close();
        subscriptions.clear();
        hooks.forEach(Runnable::run);
    }

    public boolean isClosed() {
        synchronized (onClose) {
            return closed;
        }
    }

    /** Runs a hook when the session closes, or now when it already has. */
    void onClose(Runnable hook) {
        synchronized (onClose) {
            if (!closed) {
                onClose.add(hook);
                return;
            }
        }
        hook.run();
    }

    /** What this session has agreed with its client, as a value another instance can restore. */
    public SessionState state() {
        Handshake current = handshake;
        return current == null
                ? new SessionState(
                        Optional.empty(),
                        new JsonObject(),
                        new JsonObject(),
                        false,
                        logLevel,
                        subscriptions)
                : new SessionState(
                        Optional.of(current.protocolVersion()),
                        current.clientInfo(),
                        current.capabilities(),
                        current.confirmed(),
                        logLevel,
                        subscriptions);
    }

    /** Takes the handshake and log level of a stored state; subscriptions are the server's. */
    void adopt(SessionState state) {
        handshake =
                state.protocolVersion()
                        .map(
                                version ->
                                        new Handshake(
                                                version,
                                                state.clientInfo(),
                                                state.capabilities(),
                                                state.initialized()))
                        .orElse(null);
        logLevel = state.logLevel();
        stateChanged();
    }

    void negotiated(String protocolVersion, JsonObject clientInfo, JsonObject capabilities) {
        handshake = new Handshake(protocolVersion, clientInfo, capabilities, false);
        stateChanged();
    }

    void confirmed() {
        Handshake current = handshake;
        if (current != null) {
            handshake =
                    new Handshake(
                            current.protocolVersion(),
                            current.clientInfo(),
                            current.capabilities(),
                            true);
            stateChanged();
        }
    }

    private record Handshake(
            String protocolVersion,
            JsonObject clientInfo,
            JsonObject capabilities,
            boolean confirmed) {}
}
