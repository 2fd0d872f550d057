package io.clgmcp.core.cluster;

import java.util.Optional;

/**
 * The cluster as one instance sees it, for {@code /health}: whether the store answers (and why not
 * when it does not), how many instances are alive, and the live SSE streams and sessions across all
 * of them. The counts are zero while the store is unreachable.
 */
public record ClusterStatus(
        String store, Optional<String> problem, int instances, int streams, int sessions) {
    public boolean reachable() {
        return problem.isEmpty();
    }
}
