package io.clgmcp.server.cluster;

import io.clgmcp.cluster.redis.RedisServer;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link Cluster} for every test of a class, registered on a static field with
 * {@code @RegisterExtension}: started before the first test, closed after the last. Tests that kill
 * an instance start a cluster of their own instead.
 */
final class SharedCluster implements BeforeAllCallback, AfterAllCallback {
    private final int count;
    private final Map<String, String> settings;
    private Cluster cluster;

    SharedCluster(int count, Map<String, String> settings) {
        this.count = count;
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = Cluster.start(count, settings);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    ClusterNode node(int index) {
        return cluster.node(index);
    }

    RedisServer redis() {
        return cluster.redis();
    }

    String outputs() {
        return cluster.outputs();
    }
}
