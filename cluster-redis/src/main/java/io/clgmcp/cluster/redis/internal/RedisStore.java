package io.clgmcp.cluster.redis.internal;

import io.clgmcp.core.cluster.ClusterStatus;
import io.clgmcp.core.cluster.ClusterStore;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.Optional;

/** The {@link ClusterStore} on one Redis, for {@code RedisClusterStore.open}. */
public final class RedisStore implements ClusterStore {
    private static final Script COUNTS = Script.load("counts");

    private final String instanceId;
    private final RedisEndpoint endpoint;
    private final Keys keys;
    private final MessageRelay relay;
    private final RedisLink redis;
    private final Instances instances;
    private final Streams streams;
    private final Sessions sessions;
    private final Messages messages;

    private RedisStore(RedisURI uri, String namespace, String instanceId) {
        this.instanceId = instanceId;
        this.endpoint = RedisEndpoint.of(uri);
        this.keys = new Keys(namespace);
        this.relay = new MessageRelay(endpoint);
        this.redis = new RedisLink(uri, endpoint, relay);
        this.instances = new RedisInstances(redis, keys, instanceId);
        this.streams = new RedisStreams(redis, keys);
        this.sessions = new RedisSessions(redis, keys);
        this.messages = new RedisMessages(redis, relay, keys, instanceId);
    }

    /** The Redis a URL names, as it may be shown; see {@code RedisClusterStore.address}. */
    public static String address(String redisUrl) {
        return RedisEndpoint.of(RedisEndpoint.parse(redisUrl)).display();
    }

    /** See {@code io.clgmcp.cluster.redis.RedisClusterStore#open}. */
    public static ClusterStore open(String redisUrl, String namespace, String instanceId) {
        RedisURI uri = RedisEndpoint.parse(redisUrl);
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("The cluster's namespace is blank");
        }
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("The instance id is blank");
        }
        RedisStore store = new RedisStore(uri, namespace, instanceId);
        store.redis.connect();
        return store;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public Instances instances() {
        return instances;
    }

    @Override
    public Streams streams() {
        return streams;
    }

    @Override
    public Sessions sessions() {
        return sessions;
    }

    @Override
    public Messages messages() {
        return messages;
    }

    /** The counts script doubles as the ping: when it answers, Redis does. */
    @Override
    public ClusterStatus status() {
        try {
            List<Long> counts =
                    redis.run(
                            COUNTS,
                            ScriptOutputType.MULTI,
                            new String[] {keys.instances(), keys.streams(), keys.sessions()});
            return new ClusterStatus(
                    endpoint.display(),
                    Optional.empty(),
                    counts.get(0).intValue(),
                    counts.get(1).intValue(),
                    counts.get(2).intValue());
        } catch (RuntimeException e) {
            // Not only ClusterUnavailableException: /health must answer whatever went wrong.
            String problem = e.getMessage() != null ? e.getMessage() : e.toString();
            return new ClusterStatus(endpoint.display(), Optional.of(problem), 0, 0, 0);
        }
    }

    @Override
    public void close() {
        redis.close();
        relay.close();
    }
}
