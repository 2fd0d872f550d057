package io.clgmcp.server;

import io.clgmcp.cluster.redis.RedisClusterStore;
import io.clgmcp.server.internal.Settings;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How this server joins a cluster of interchangeable instances ({@code MCP_CLUSTER_REDIS_URL},
 * {@code MCP_CLUSTER_NAMESPACE}, {@code MCP_CLUSTER_HEARTBEAT_MS}): the Redis they share, the
 * prefix of their keys there, so that several clusters can share one Redis, and how often an
 * instance says it is alive (it counts as gone after three intervals of silence). Its {@link
 * #toString} never shows a password in the URL.
 *
 * @param redisAddress the URL as it may be shown: {@code redis://host:port/db}, without a user or
 *     password
 */
public record ClusterOptions(
        String redisUrl, String redisAddress, String namespace, long heartbeatMillis) {
    static final String REDIS_URL = "MCP_CLUSTER_REDIS_URL";
    static final String NAMESPACE = "MCP_CLUSTER_NAMESPACE";
    static final String HEARTBEAT = "MCP_CLUSTER_HEARTBEAT_MS";
    private static final int DEFAULT_HEARTBEAT_MS = 5_000;
    private static final String DEFAULT_NAMESPACE = "clg-mcp";
    private static final Pattern NAMESPACE_SHAPE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The cluster the settings name, if any; every problem goes to the settings. */
    static Optional<ClusterOptions> read(Settings settings) {
        String url = settings.string(REDIS_URL, null);
        String namespace = settings.string(NAMESPACE, DEFAULT_NAMESPACE);
        int heartbeat = settings.integer(HEARTBEAT, DEFAULT_HEARTBEAT_MS, 50, 600_000);
        if (!NAMESPACE_SHAPE.matcher(namespace).matches()) {
            settings.problem(
                    NAMESPACE
                            + " must be 1 to 64 letters, digits, '.', '_' or '-', not '"
                            + namespace
                            + "'");
        }
        if (url == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new ClusterOptions(url, RedisClusterStore.address(url), namespace, heartbeat));
        } catch (IllegalArgumentException e) {
            settings.problem(REDIS_URL + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ClusterOptions[redisUrl="
                + redisAddress()
                + ", namespace="
                + namespace
                + ", heartbeatMillis="
                + heartbeatMillis
                + "]";
    }
}
