package io.clgmcp.server.cluster;

import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.ClusterUnavailableException;
import io.clgmcp.core.internal.Housekeeping;
import java.time.Duration;

/**
 * This instance's place in its cluster: from {@link #join} until {@link #leave} it tells the store
 * every heartbeat interval that it is alive, and the others count it for three intervals after its
 * last beat; leaving lets go of the store.
 */
public final class ClusterMembership {
    private static final System.Logger LOG = System.getLogger(ClusterMembership.class.getName());
    private final ClusterStore store;
    private final long beatMillis;
    private Housekeeping beats;
    private boolean reachable = true;

    ClusterMembership(ClusterStore store, long beatMillis) {
        this.store = store;
        this.beatMillis = beatMillis;
    }

    /** Starts the heartbeat; the first beat is now. */
    public synchronized void join() {
        if (beats == null) {
            beats = Housekeeping.start("mcp-cluster-heartbeat");
            beat();
            beats.every(beatMillis, this::beat);
            LOG.log(System.Logger.Level.INFO, "joined the cluster as " + store.instanceId());
        }
    }

    /**
     * Stops the heartbeat, tells the others this instance is gone, and lets go of the store; with
     * Redis unreachable the instance lapses from the count by itself.
     */
    public synchronized void leave() {
        if (beats != null) {
            beats.stop();
            try {
                store.instances().leave();
            } catch (ClusterUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "left without saying so: " + e.getMessage());
            }
        }
        store.close();
    }

    /** Logs a store that stopped answering, and one that came back, once each. */
    private synchronized void beat() {
        try {
            store.instances().beat(Duration.ofMillis(3 * beatMillis));
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
