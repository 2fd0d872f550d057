package io.clgmcp.server.cluster;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.clgmcp.cluster.redis.RedisClusterStore;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.server.ClusterOptions;

/**
 * Makes this server one instance of a cluster ({@code MCP_CLUSTER_REDIS_URL}): the transports find
 * a {@link ClusterStore} (Redis) bound, and keep their streams and sessions there; {@link
 * ClusterMembership} says this instance is alive while it serves.
 */
public final class ClusterModule extends AbstractModule {
    private static final String REDIS = "redis";

    private final ClusterOptions options;

    public ClusterModule(ClusterOptions options) {
        this.options = options;
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), ClusterStore.class)
                .setBinding()
                .to(Key.get(ClusterStore.class, Names.named(REDIS)));
    }

    @Provides
    @Singleton
    @Named(REDIS)
    ClusterStore redis() {
        return RedisClusterStore.open(options.redisUrl(), options.namespace(), InstanceIds.next());
    }

    @Provides
    @Singleton
    ClusterMembership membership(ClusterStore store) {
        return new ClusterMembership(store, options.heartbeatMillis());
    }
}
