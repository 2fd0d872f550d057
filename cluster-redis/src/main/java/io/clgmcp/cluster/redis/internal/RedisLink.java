package io.clgmcp.cluster.redis.internal;

import io.clgmcp.core.cluster.ClusterUnavailableException;
import io.clgmcp.core.internal.DaemonThreads;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The connections to one Redis: a command connection and a pub/sub one for {@link MessageRelay}.
 * Until Redis first answers they are tried again in the background, so that an instance can start
 * while Redis is down; after that Lettuce reconnects them by itself. Meanwhile commands fail at
 * once rather than queue, and every Redis failure becomes a {@link ClusterUnavailableException}.
 */
final class RedisLink implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final RedisEndpoint endpoint;
    private final RedisClient client;
    private final MessageRelay relay;
    private final ScheduledExecutorService connector =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mcp-cluster-connect"));
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile boolean subscribed;
    private volatile RedisException lastFailure;
    private boolean closed;

    RedisLink(RedisURI uri, RedisEndpoint endpoint, MessageRelay relay) {
        this.endpoint = endpoint;
        this.relay = relay;
        uri.setTimeout(COMMAND_TIMEOUT);
        client = RedisClient.create(uri);
        client.setOptions(
                ClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(
                                SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                        .build());
    }

    /** Connects now, or else keeps trying in the background; never throws for Redis being down. */
    synchronized void connect() {
        if (closed) {
            return;
        }
        try {
            if (commands == null) {
                commands = client.connect(StringCodec.UTF8);
            }
            if (!subscribed) {
                StatefulRedisPubSubConnection<String, String> pubSub =
                        client.connectPubSub(StringCodec.UTF8);
                try {
                    relay.attach(pubSub);
                } catch (RedisException e) {
                    pubSub.close();
                    throw e;
                }
                subscribed = true;
            }
            lastFailure = null;
        } catch (RedisException e) {
            lastFailure = e;
            connector.schedule(this::connect, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs commands, turning any Redis failure into a {@link ClusterUnavailableException}. */
    <T> T call(Function<RedisCommands<String, String>, T> work) {
        StatefulRedisConnection<String, String> current = commands;
        if (current == null) {
            RedisException failure = lastFailure;
            throw endpoint.unavailable(
                    failure != null ? failure : new RedisException("Not connected yet"));
        }
        try {
            return work.apply(current.sync());
        } catch (RedisException e) {
            throw endpoint.unavailable(e);
        }
    }

    /** Runs a script by its SHA-1, sending its text only when Redis does not know it yet. */
    <T> T run(Script script, ScriptOutputType type, String[] keys, String... args) {
        return call(
                redis -> {
                    try {
                        return redis.<T>evalsha(script.sha(), type, keys, args);
                    } catch (RedisNoScriptException e) {
                        return redis.<T>eval(script.text(), type, keys, args);
                    }
                });
    }

    @Override
    public synchronized void close() {
        closed = true;
        connector.shutdownNow();
        client.shutdown();
    }
}
