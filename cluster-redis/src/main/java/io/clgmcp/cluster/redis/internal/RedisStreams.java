package io.clgmcp.cluster.redis.internal;

import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.StreamRecord;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SSE stream records: a hash per stream that expires by itself, and sorted sets of the live ones
 * (all, and per limit key) scored by their expiry in Redis's time, which the limits count.
 */
final class RedisStreams implements ClusterStore.Streams {
    private static final Script ADMIT = Script.load("admit");
    private static final Script RENEW = Script.load("renew");
    private static final Script REMOVE = Script.load("remove-stream");

    /** Streams renewed per script call, so that a large instance does not block Redis for long. */
    private static final int RENEW_BATCH = 200;

    private final RedisLink redis;
    private final Keys keys;

    RedisStreams(RedisLink redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public ClusterStore.Admission admit(
            StreamRecord stream, int maxStreams, int maxPerCaller, Duration ttl) {
        String answer =
                redis.run(
                        ADMIT,
                        ScriptOutputType.VALUE,
                        new String[] {
                            keys.streams(),
                            keys.streamsOf(stream.limitKey()),
                            keys.stream(stream.id())
                        },
                        stream.id(),
                        stream.owner(),
                        stream.caller(),
                        stream.limitKey(),
                        Integer.toString(maxStreams),
                        Integer.toString(Math.max(0, maxPerCaller)),
                        Long.toString(ttl.toMillis()));
        return ClusterStore.Admission.valueOf(answer);
    }

    @Override
    public Optional<StreamRecord> find(String id) {
        // The hash expires with the stream, so Redis never gives a record past its ttl.
        Map<String, String> fields = redis.call(r -> r.hgetall(keys.stream(id)));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new StreamRecord(
                        id, fields.get("owner"), fields.get("caller"), fields.get("limitKey")));
    }

    @Override
    public void renew(Collection<StreamRecord> streams, Duration ttl) {
        List<StreamRecord> all = List.copyOf(streams);
        for (int from = 0; from < all.size(); from += RENEW_BATCH) {
            renewBatch(all.subList(from, Math.min(all.size(), from + RENEW_BATCH)), ttl);
        }
    }

    private void renewBatch(List<StreamRecord> batch, Duration ttl) {
        List<String> keyList = new ArrayList<>();
        List<String> args = new ArrayList<>();
        keyList.add(keys.streams());
        args.add(Long.toString(ttl.toMillis()));
        for (StreamRecord stream : batch) {
            keyList.add(keys.streamsOf(stream.limitKey()));
            keyList.add(keys.stream(stream.id()));
            args.addAll(List.of(stream.id(), stream.owner(), stream.caller(), stream.limitKey()));
        }
        redis.run(
                RENEW,
                ScriptOutputType.INTEGER,
                keyList.toArray(String[]::new),
                args.toArray(String[]::new));
    }

    @Override
    public void remove(StreamRecord stream) {
        redis.run(
                REMOVE,
                ScriptOutputType.INTEGER,
                new String[] {
                    keys.streams(), keys.streamsOf(stream.limitKey()), keys.stream(stream.id())
                },
                stream.id());
    }
}
