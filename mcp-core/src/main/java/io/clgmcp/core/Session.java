package io.clgmcp.core;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's view of one client: what it negotiated at {@code initialize}, and where messages
 * that answer no particular request go. Every transport hands the server one of these, whatever a
 * connection means to it; a plain HTTP POST gets a {@link #ephemeral() throwaway} one.
 */
public final class Session {
    private static final AtomicLong EPHEMERAL_IDS = new AtomicLong();

    private final String id;
    private final MessageSink outbound;
    private volatile Handshake handshake;
    private volatile LoggingLevel logLevel = LoggingLevel.INFO;
    private final Object inFlightLock = new Object();
    private final Map<JsonRpcId, Runnable> cancellers = new HashMap<>();
    private final Set<JsonRpcId> cancelled = new HashSet<>();

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
    }

    /** Remembers how to stop a request in flight, should the client cancel it. */
    void track(JsonRpcId request, Runnable canceller) {
        synchronized (inFlightLock) {
            cancellers.put(request, canceller);
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

    /** Forgets a finished request; false when it was cancelled and must not be answered. */
    boolean finish(JsonRpcId request) {
        synchronized (inFlightLock) {
            cancellers.remove(request);
            return !cancelled.remove(request);
        }
    }

    void negotiated(String protocolVersion, JsonObject clientInfo, JsonObject capabilities) {
        handshake = new Handshake(protocolVersion, clientInfo, capabilities, false);
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
        }
    }

    private record Handshake(
            String protocolVersion,
            JsonObject clientInfo,
            JsonObject capabilities,
            boolean confirmed) {}
}
