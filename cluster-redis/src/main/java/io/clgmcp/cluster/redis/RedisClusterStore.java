package io.clgmcp.cluster.redis;

import io.clgmcp.cluster.redis.internal.RedisStore;
import io.clgmcp.core.cluster.ClusterStore;

/**
 * Opens the {@link ClusterStore} of a cluster whose instances share one Redis. Every key starts
 * with the cluster's namespace, so that several clusters can share a Redis too.
 */
public final class RedisClusterStore {
    private RedisClusterStore() {}

    /**
     * A store on the Redis at {@code redisUrl} ({@code redis://[[user]:password@]host[:port][/db]}
     * or {@code rediss://...}). It opens even while Redis is down, and starts working once Redis
     * answers; until then its calls throw {@link
     * io.clgmcp.core.cluster.ClusterUnavailableException}.
     *
     * @throws IllegalArgumentException when the URL is not a Redis URL, or the namespace or
     *     instance id is blank
     */
    public static ClusterStore open(String redisUrl, String namespace, String instanceId) {
        return RedisStore.open(redisUrl, namespace, instanceId);
    }

    /**
     * The Redis a URL names, as it may be shown ({@code redis://host:port/db}: never a user or
     * password), for a configuration to check the URL before any store opens.
     *
     * @throws IllegalArgumentException when it is not a Redis URL; the message never quotes it
     */
    public static String address(String redisUrl) {
        return RedisStore.address(redisUrl);
    }
}
