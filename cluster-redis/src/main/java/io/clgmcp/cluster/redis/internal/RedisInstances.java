package io.clgmcp.cluster.redis.internal;

import io.clgmcp.core.cluster.ClusterStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;

/** The instances alive: a sorted set of instance ids scored by their expiry in Redis's time. */
final class RedisInstances implements ClusterStore.Instances {
    private static final Script BEAT = Script.load("beat");
    private static final Script ALIVE = Script.load("alive");

    private final RedisLink redis;
    private final Keys keys;
    private final String instanceId;

    RedisInstances(RedisLink redis, Keys keys, String instanceId) {
        this.redis = redis;
        this.keys = keys;
        this.instanceId = instanceId;
    }

    @Override
    public void beat(Duration ttl) {
        redis.run(
                BEAT,
                ScriptOutputType.INTEGER,
                new String[] {keys.instances()},
                instanceId,
                Long.toString(ttl.toMillis()));
    }

    @Override
    public boolean isAlive(String instanceId) {
        long alive =
                redis.<Long>run(
                        ALIVE,
                        ScriptOutputType.INTEGER,
                        new String[] {keys.instances()},
                        instanceId);
        return alive == 1;
    }

    @Override
    public void leave() {
        redis.call(commands -> commands.zrem(keys.instances(), instanceId));
    }
}
