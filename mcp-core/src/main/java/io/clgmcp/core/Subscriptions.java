package io.clgmcp.core;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sessions want {@code notifications/resources/updated} for which URIs. A session leaves
 * every subscription when it closes.
 */
final class Subscriptions {
    private final Map<String, Set<Session>> byUri = new ConcurrentHashMap<>();
    private final Set<Session> watched = ConcurrentHashMap.newKeySet();

    void subscribe(Session session, String uri) {
        if (session.subscriptions().add(uri)) {
            session.stateChanged();
            // Joined inside the map's atomic step, so that a last subscriber leaving at the same
            // moment cannot drop the set this session is joining.
            byUri.compute(
                    uri,
                    (any, sessions) -> {
                        Set<Session> joined =
                                sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
                        joined.add(session);
                        return joined;
                    });
        }
        if (watched.add(session)) {
            session.onClose(() -> forget(session));
        }
    }

    private void forget(Session session) {
        watched.remove(session);
        byUri.keySet().forEach(uri -> unsubscribe(session, uri));
    }

    void unsubscribe(Session session, String uri) {
        if (session.subscriptions().remove(uri)) {
            session.stateChanged();
        }
        byUri.computeIfPresent(
                uri,
                (any, sessions) -> {
                    sessions.remove(session);
                    return sessions.isEmpty() ? null : sessions;
                });
    }

    /** Subscribes the session to exactly these URIs. */
    void match(Session session, Set<String> uris) {
        for (String uri : Set.copyOf(session.subscriptions())) {
            if (!uris.contains(uri)) {
                unsubscribe(session, uri);
            }
        }
        uris.forEach(uri -> subscribe(session, uri));
    }

    /** Tells every session subscribed to the URI that it changed; returns how many were told. */
    int updated(String uri) {
        Set<Session> sessions = byUri.getOrDefault(uri, Set.of());
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);
        JsonRpcNotification notification =
                new JsonRpcNotification("notifications/resources/updated", params);
        int told = 0;
        for (Session session : sessions) {
            if (!session.isClosed()) {
                session.outbound().send(notification);
                told++;
            }
        }
        return told;
    }
}
