package io.clgmcp.core.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What several instances of one server share: records of their SSE streams and MCP sessions, with
 * the instance that owns each and when it expires, the sessions' event history, and a way to send
 * each other messages. Redis keeps them in a cluster ({@code MCP_CLUSTER_REDIS_URL}); another
 * engine could, behind this interface. A single instance has no store at all.
 *
 * <p>Every method may throw {@link ClusterUnavailableException} when the store cannot be reached; a
 * store recovers by itself once it can be again.
 */
public interface ClusterStore extends AutoCloseable {
    /** This instance's id: unique in the cluster, and never reused. */
    String instanceId();

    /** The instances alive and their SSE streams. */
    Instances instances();

    /** The SSE streams of every instance: who owns each, whose it is, and the limits. */
    Streams streams();

    /** The Streamable HTTP sessions and their event history. */
    Sessions sessions();

    /** Messages between instances. */
    Messages messages();

    /** Whether the store can be reached now, and the cluster's counts; never throws. */
    ClusterStatus status();

    /** Stops renewing this instance's records and lets go of the store. */
    @Override
    void close();

    /** The instances alive. */
    interface Instances {
        /** Marks this instance alive for {@code ttl} more. Each instance calls it on a schedule. */
        void beat(Duration ttl);

        /** Whether that instance has beaten within its last {@code ttl}. */
        boolean isAlive(String instanceId);

        /**
         * Says this instance has stopped, so that the others stop counting it now rather than once
         * its last beat lapses.
         */
        void leave();
    }

    /**
     * SSE stream records. A record lives until it is removed or its owner stops renewing it, so a
     * lost instance's streams stop counting against the limits once their {@code ttl} passes.
     */
    interface Streams {
        /**
         * Records a stream when the limits admit it: fewer than {@code maxStreams} live streams in
         * the cluster, and fewer than {@code maxPerCaller} (when above 0) of its limit key.
         */
        Admission admit(StreamRecord stream, int maxStreams, int maxPerCaller, Duration ttl);

        /** The live record of that stream id. */
        Optional<StreamRecord> find(String id);

        /** Keeps these streams of this instance alive for {@code ttl} more. */
        void renew(Collection<StreamRecord> streams, Duration ttl);

        /** Forgets a stream that ended. */
        void remove(StreamRecord stream);
    }

    /** Whether {@link Streams#admit} recorded a stream. */
    enum Admission {
        ADMITTED,
        /** The cluster holds its most streams. */
        FULL,
        /** The caller holds its most streams. */
        CALLER_FULL
    }

    /**
     * Streamable HTTP session records, which expire when unused for their {@code ttl}, and each
     * session's recent events, numbered from 1 per session across the cluster.
     */
    interface Sessions {
        /** Records a session, or its new state, alive for {@code ttl}. */
        void save(SessionRecord session, Duration ttl);

        /** The live record of that session id, which counts as using it for {@code ttl} more. */
        Optional<SessionRecord> use(String id, Duration ttl);

        /** Forgets a session and its events. */
        void remove(String id);

        /**
         * Adds an event to a session's history, keeping the latest {@code capacity}, and gives its
         * id. The event is stored before this returns, so that a message about it never arrives
         * before the event can be read. Gives 0, storing nothing, when the session is gone (expired
         * or removed): a history must not outlive its session.
         */
        long append(String sessionId, String channelId, String data, int capacity);

        /** A channel's events in the history with ids above {@code after}, oldest first. */
        List<StoredEvent> events(String sessionId, String channelId, long after);

        /** The channel of an event still in the history. */
        Optional<String> channelOf(String sessionId, long eventId);
    }

    /**
     * Messages between instances, each on a topic. Delivery is at most once, in order from one
     * sender, and only to instances listening when it is sent.
     */
    interface Messages {
        /** Sends to one instance; false when it was not listening, so nobody got the message. */
        boolean send(String instanceId, String topic, String message);

        /** Sends to every instance listening, this one included. */
        void broadcast(String topic, String message);

        /**
         * Hears the messages of a topic sent to this instance or to all, on one thread of the
         * store's, in the order they were sent. Once per topic, before the instance serves.
         */
        void listen(String topic, Consumer<String> listener);
    }
}
