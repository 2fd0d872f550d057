package io.clgmcp.server.cluster;

import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.ClusterUnavailableException;
import io.clgmcp.core.internal.Housekeeping;
import java.time.Duration;

/**
 * This instance's place in its cluster: from {@link #join} until {@link #leave} it tells the store
 * every {@value #BEAT_MILLIS} ms that it is alive, so that the others count it for a while after
 * it is gone ({@link #BEAT_TTL}); leaving lets go of the store.
 */
public final class ClusterMembership {
    private static final System.Logger LOG = System.getLogger(ClusterMembership.class.getName());
    static final long BEAT_MILLIS = 5_000;
    static final Duration BEAT_TTL = Duration.ofMillis(3 * BEAT_MILLIS);

    private final ClusterStore store;
    private Housekeeping beats;
    private boolean reachable = true;

    ClusterMembership(ClusterStore store) {
        this.store = store;
    }

    /** Starts the heartbeat; the first beat is now. */
    public synchronized void join() {
        if (beats == null) {
            beats = Housekeeping.start("mcp-cluster-heartbeat");
            beat();
            beats.every(BEAT_MILLIS, this::beat);
            LOG.log(System.Logger.Level.INFO, "joined the cluster as " + store.instanceId());
        }
    }

    /** Stops the heartbeat and lets go of the store; the instance lapses from the count. */
    public synchronized void leave() {
        if (beats != null) {
            beats.stop();
        }
        store.close();
    }

    /** Logs a store that stopped answering, and one that came back, once each. */
    private synchronized void beat() {
        try {
            store.instances().beat(BEAT_TTL);
            if (!reachable) {
                LOG.log(System.Logger.Level.INFO, "the cluster store answers again");
            }
            reachable = true;
        } catch (ClusterUnavailableException e) {
            if (reachable) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
            }
            reachable = false;
        }
    }
}
