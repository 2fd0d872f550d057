package io.clgmcp.cluster.redis.internal;

import io.clgmcp.core.internal.DaemonThreads;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Hands the messages of subscribed channels to their listeners on one thread of its own, in the
 * order they arrive. Never on Lettuce's event loop: listeners call the store, which would block it.
 */
final class MessageRelay extends RedisPubSubAdapter<String, String> implements AutoCloseable {
    static final String THREAD_NAME = "mcp-cluster-messages";
    private static final System.Logger LOG = System.getLogger(MessageRelay.class.getName());

    private final RedisEndpoint endpoint;
    private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(DaemonThreads.named(THREAD_NAME));
    private volatile StatefulRedisPubSubConnection<String, String> connection;

    MessageRelay(RedisEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Subscribes the connection, once made, to the channels listened to so far. Lettuce subscribes
     * it again by itself after each reconnect.
     */
    void attach(StatefulRedisPubSubConnection<String, String> made) {
        made.addListener(this);
        // Published before the snapshot, so that a listen() racing with this subscribes itself.
        connection = made;
        String[] channels = listeners.keySet().toArray(String[]::new);
        if (channels.length == 0) {
            return;
        }
        try {
            made.sync().subscribe(channels);
        } catch (RedisException e) {
            connection = null;
            made.removeListener(this);
            throw e;
        }
    }

    /**
     * Hears these channels. Before the first connection it only notes them, for {@link #attach};
     * otherwise it subscribes now, and forgets them again when it cannot.
     */
    void listen(Consumer<String> listener, String... channels) {
        for (String channel : channels) {
            listeners.put(channel, listener);
        }
        StatefulRedisPubSubConnection<String, String> current = connection;
        if (current == null) {
            return;
        }
        try {
            current.sync().subscribe(channels);
        } catch (RedisException e) {
            for (String channel : channels) {
                listeners.remove(channel, listener);
            }
            throw endpoint.unavailable(e);
        }
    }

    @Override
    public void message(String channel, String message) {
        Consumer<String> listener = listeners.get(channel);
        if (listener == null) {
            return;
        }
        try {
            thread.execute(() -> deliver(listener, channel, message));
        } catch (RejectedExecutionException closing) {
            // Closed meanwhile: delivery is at most once, so the message is dropped.
        }
    }

    private static void deliver(Consumer<String> listener, String channel, String message) {
        try {
            listener.accept(message);
        } catch (RuntimeException e) {
            // One listener's failure must not stop the messages after it.
            LOG.log(System.Logger.Level.WARNING, "Listener of " + channel + " failed", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
