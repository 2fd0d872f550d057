package io.clgmcp.transport.streamable.internal;

import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.ClusterUnavailableException;
import java.util.List;
import java.util.Optional;

/**
 * A session's event history in the cluster's store, so that a stream survives the instance that
 * wrote it: any instance can replay it after a {@code Last-Event-ID}, and each new event is
 * announced to the others, whichever of them holds a connection for its channel writes it.
 */
final class StoredEvents implements EventHistory {
    private static final System.Logger LOG = System.getLogger(StoredEvents.class.getName());

    private final ClusterStore.Sessions store;
    private final McpSession session;
    private final int capacity;
    private final ClusterSessions cluster;

    StoredEvents(ClusterSessions cluster, McpSession session, int capacity) {
        this.store = cluster.store().sessions();
        this.cluster = cluster;
        this.session = session;
        this.capacity = capacity;
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public long append(StreamChannel channel, String data) {
        long id = store.append(session.id(), channel.id(), data, capacity);
        if (!data.isEmpty()) {
            try {
                cluster.announce(session.id(), channel.id(), id);
            } catch (ClusterUnavailableException e) {
                // Stored all the same: a stream elsewhere catches up with its next event or resume.
                LOG.log(
                        System.Logger.Level.WARNING,
                        "an event went unannounced: " + e.getMessage());
            }
        }
        return id;
    }

    @Override
    public Optional<StreamChannel> channelOf(long eventId) {
        return store.channelOf(session.id(), eventId).map(session::channel);
    }

    @Override
    public List<Event> of(StreamChannel channel, long after) {
        return store.events(session.id(), channel.id(), after).stream()
                .filter(event -> !event.data().isEmpty())
                .map(event -> new Event(event.id(), event.data()))
                .toList();
    }
}
