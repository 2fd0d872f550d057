package io.clgmcp.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.core.cluster.ClusterStatus;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.ClusterStore.Admission;
import io.clgmcp.core.cluster.ClusterUnavailableException;
import io.clgmcp.core.cluster.StreamRecord;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration LONG = Duration.ofMinutes(5);

    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = new RedisServer();
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    private String hostPort() {
        return "127.0.0.1:" + redis.port();
    }

    private void assertUnavailable(ClusterStore store) {
        ClusterUnavailableException e =
                assertThrows(ClusterUnavailableException.class, () -> store.streams().find("s"));
        assertTrue(e.getMessage().contains(hostPort()), e.getMessage());
        ClusterStatus status = store.status();
        assertFalse(status.reachable());
        assertTrue(status.problem().orElseThrow().contains(hostPort()), status.toString());
        assertEquals(0, status.streams());
        assertEquals("redis://" + hostPort() + "/0", status.store());
    }

    @Test
    void aStoreFailsFastWhileRedisIsDownAndRecoversWithItsListeners() throws InterruptedException {
        try (ClusterStore receiver = RedisClusterStore.open(redis.url(), "outage", "receiver");
                ClusterStore sender = RedisClusterStore.open(redis.url(), "outage", "sender")) {
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            receiver.messages().listen("topic", heard::add);
            assertTrue(sender.messages().send("receiver", "topic", "before"));
            assertEquals("before", heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));

            redis.stop();

            assertUnavailable(receiver);
            assertThrows(
                    ClusterUnavailableException.class,
                    () -> sender.messages().send("receiver", "topic", "lost"));

            redis.start();

            Poll.until("the receiver reconnected", WAIT, () -> receiver.status().reachable());
            Poll.until(
                    "the receiver subscribed again",
                    WAIT,
                    () -> sendQuietly(sender, "receiver", "topic", "after"));
            assertEquals("after", heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            StreamRecord stream = new StreamRecord("s", "receiver", "alice", "alice");
            assertEquals(Admission.ADMITTED, receiver.streams().admit(stream, 1, 0, LONG));
            assertEquals(Optional.of(stream), sender.streams().find("s"));
        }
    }

    @Test
    void aStoreOpenedWhileRedisIsDownStartsWorkingOnceItIsUp() throws InterruptedException {
        redis.stop();
        try (ClusterStore late = RedisClusterStore.open(redis.url(), "late", "late")) {
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            late.messages().listen("topic", heard::add);
            assertUnavailable(late);

            redis.start();

            Poll.until("the store connected", WAIT, () -> late.status().reachable());
            late.instances().beat(LONG);
            assertTrue(late.instances().isAlive("late"));
            try (ClusterStore sender = RedisClusterStore.open(redis.url(), "late", "sender")) {
                Poll.until(
                        "the store subscribed",
                        WAIT,
                        () -> sendQuietly(sender, "late", "topic", "hello"));
                assertEquals("hello", heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
    }

    @Test
    void aRejectedPasswordIsNeverShown() {
        RedisClient admin = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            connection.sync().configSet("requirepass", "the-password");
        } finally {
            admin.shutdown();
        }
        String url = "redis://:n0t-the-password@127.0.0.1:" + redis.port();
        try (ClusterStore store = RedisClusterStore.open(url, "auth", "i")) {
            ClusterStatus status = store.status();

            String problem = status.problem().orElseThrow();
            assertTrue(problem.contains(hostPort()), problem);
            assertFalse(problem.contains("n0t-the-password"), problem);
            assertFalse(status.store().contains("n0t-the-password"), status.store());
        }
    }

    @Test
    void closeReleasesTheStoresThreads() throws InterruptedException {
        redis.stop();
        ClusterStore store = RedisClusterStore.open(redis.url(), "close", "i");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        store.messages().listen("topic", heard::add);
        redis.start();
        Poll.until("connected", WAIT, () -> sendQuietly(store, "i", "topic", "m"));
        assertEquals("m", heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(storeThreads().contains("mcp-cluster-messages"), storeThreads());

        store.close();

        Poll.until("the store's threads ended", WAIT, () -> storeThreads().isEmpty());
    }

    private static String storeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("mcp-cluster-") || name.startsWith("lettuce-"))
                .sorted()
                .collect(Collectors.joining(", "));
    }

    /** A send, which fails while Redis is still down and is false until the receiver listens. */
    private static boolean sendQuietly(
            ClusterStore sender, String instance, String topic, String message) {
        try {
            return sender.messages().send(instance, topic, message);
        } catch (ClusterUnavailableException stillDown) {
            return false;
        }
    }
}
