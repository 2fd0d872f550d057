package io.clgmcp.cluster.redis.internal;

import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.SessionRecord;
import io.clgmcp.core.cluster.StoredEvent;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Session records: a hash per session (caller, state, and its last event id) that expires unless
 * used, and a sorted set of the sessions by expiry for counting. Each session's history is a Redis
 * Stream whose entry ids are the event ids ({@code <id>-0}), trimmed to the latest events and
 * expiring with the session.
 */
final class RedisSessions implements ClusterStore.Sessions {
    private static final Script SAVE = Script.load("save-session");
    private static final Script USE = Script.load("use-session");
    private static final Script REMOVE = Script.load("remove-session");
    private static final Script APPEND = Script.load("append");
    private static final Script EVENTS = Script.load("events");

    private final RedisLink redis;
    private final Keys keys;

    RedisSessions(RedisLink redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    private String[] sessionKeys(String id) {
        return new String[] {keys.sessions(), keys.session(id), keys.events(id)};
    }

    @Override
    public void save(SessionRecord session, Duration ttl) {
        redis.run(
                SAVE,
                ScriptOutputType.INTEGER,
                sessionKeys(session.id()),
                session.id(),
                session.caller(),
                session.state(),
                Long.toString(ttl.toMillis()));
    }

    @Override
    public Optional<SessionRecord> use(String id, Duration ttl) {
        List<String> found =
                redis.run(
                        USE,
                        ScriptOutputType.MULTI,
                        sessionKeys(id),
                        id,
                        Long.toString(ttl.toMillis()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionRecord(id, found.get(0), found.get(1)));
    }

    @Override
    public void remove(String id) {
        redis.run(REMOVE, ScriptOutputType.INTEGER, sessionKeys(id), id);
    }

    @Override
    public long append(String sessionId, String channelId, String data, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("An event history holds at least 1 event");
        }
        return redis.<Long>run(
                APPEND,
                ScriptOutputType.INTEGER,
                new String[] {keys.session(sessionId), keys.events(sessionId)},
                channelId,
                data,
                Integer.toString(capacity));
    }

    @Override
    public List<StoredEvent> events(String sessionId, String channelId, long after) {
        String first = after < 0 ? "-" : streamId(after + 1);
        List<String> found =
                redis.run(
                        EVENTS,
                        ScriptOutputType.MULTI,
                        new String[] {keys.events(sessionId)},
                        channelId,
                        first);
        List<StoredEvent> events = new ArrayList<>(found.size() / 2);
        for (int i = 0; i < found.size(); i += 2) {
            events.add(new StoredEvent(eventId(found.get(i)), channelId, found.get(i + 1)));
        }
        return events;
    }

    @Override
    public Optional<String> channelOf(String sessionId, long eventId) {
        String id = streamId(eventId);
        List<StreamMessage<String, String>> found =
                redis.call(r -> r.xrange(keys.events(sessionId), Range.create(id, id)));
        return found.stream().findFirst().map(entry -> entry.getBody().get("channel"));
    }

    private static String streamId(long eventId) {
        return eventId + "-0";
    }

    private static long eventId(String streamId) {
        return Long.parseLong(streamId.substring(0, streamId.indexOf('-')));
    }
}
