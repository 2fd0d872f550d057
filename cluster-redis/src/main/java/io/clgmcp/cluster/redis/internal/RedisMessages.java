package io.clgmcp.cluster.redis.internal;

import io.clgmcp.core.cluster.ClusterStore;
import java.util.function.Consumer;

/**
 * Messages by Redis pub/sub: each topic has a channel per instance and one that all instances hear.
 */
final class RedisMessages implements ClusterStore.Messages {
    private final RedisLink redis;
    private final MessageRelay relay;
    private final Keys keys;
    private final String instanceId;

    RedisMessages(RedisLink redis, MessageRelay relay, Keys keys, String instanceId) {
        this.redis = redis;
        this.relay = relay;
        this.keys = keys;
        this.instanceId = instanceId;
    }

    @Override
    public boolean send(String instanceId, String topic, String message) {
        long receivers = redis.call(r -> r.publish(keys.channelTo(instanceId, topic), message));
        return receivers > 0;
    }

    @Override
    public void broadcast(String topic, String message) {
        redis.call(r -> r.publish(keys.channelToAll(topic), message));
    }

    @Override
    public void listen(String topic, Consumer<String> listener) {
        relay.listen(listener, keys.channelTo(instanceId, topic), keys.channelToAll(topic));
    }
}
