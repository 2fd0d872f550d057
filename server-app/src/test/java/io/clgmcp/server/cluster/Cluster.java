package io.clgmcp.server.cluster;

import io.clgmcp.cluster.redis.RedisServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A real Redis and several server instances sharing it, in a namespace of their own, with short
 * heartbeats so that expiries happen within a test. {@link #close} stops the instances, then Redis.
 */
final class Cluster implements AutoCloseable {
    /** The beat of membership and of SSE streams: a gone instance lapses after three. */
    static final int HEARTBEAT_MS = 200;

    private final RedisServer redis;
    private final List<ClusterNode> nodes = new ArrayList<>();

    private Cluster(RedisServer redis) {
        this.redis = redis;
    }

    /** Starts Redis and {@code count} instances with these settings besides the cluster's. */
    static Cluster start(int count, Map<String, String> settings) throws Exception {
        Cluster cluster = new Cluster(new RedisServer());
        try {
            Map<String, String> all = new HashMap<>();
            all.put("MCP_CLUSTER_REDIS_URL", cluster.redis.url());
            all.put("MCP_CLUSTER_NAMESPACE", "test-" + UUID.randomUUID());
            all.put("MCP_CLUSTER_HEARTBEAT_MS", Integer.toString(HEARTBEAT_MS));
            all.put("SSE_HEARTBEAT_INTERVAL", Integer.toString(HEARTBEAT_MS));
            all.putAll(settings);
            // Started side by side: each takes a JVM's start-up time.
            List<CompletableFuture<ClusterNode>> starting = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = Character.toString('A' + i);
                starting.add(
                        CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        return ClusterNode.start(name, all);
                                    } catch (Exception e) {
                                        throw new CompletionException(e);
                                    }
                                }));
            }
            // Every start is awaited, so that close() stops those that came up when one did not.
            Exception failed = null;
            for (CompletableFuture<ClusterNode> node : starting) {
                try {
                    cluster.nodes.add(node.join());
                } catch (CompletionException e) {
                    failed = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            if (failed != null) {
                throw failed;
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The instance started {@code index}-th (A is 0). */
    ClusterNode node(int index) {
        return nodes.get(index);
    }

    RedisServer redis() {
        return redis;
    }

    /** Every instance's output, for failure messages. */
    String outputs() {
        return ClusterNode.outputs(nodes);
    }

    @Override
    public void close() throws Exception {
        try {
            for (ClusterNode node : nodes) {
                node.close();
            }
        } finally {
            redis.close();
        }
    }
}
