package io.clgmcp.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.core.cluster.ClusterStatus;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.ClusterStore.Admission;
import io.clgmcp.core.cluster.SessionRecord;
import io.clgmcp.core.cluster.StoredEvent;
import io.clgmcp.core.cluster.StreamRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisClusterStoreTest {
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static RedisServer redis;

    private ClusterStore a;
    private ClusterStore b;

    @BeforeAll
    static void startRedis() {
        redis = new RedisServer();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /** Two instances of one cluster, alone in their namespace. */
    @BeforeEach
    void openStores() {
        String namespace = "test-" + UUID.randomUUID();
        a = RedisClusterStore.open(redis.url(), namespace, "instance-a");
        b = RedisClusterStore.open(redis.url(), namespace, "instance-b");
    }

    @AfterEach
    void closeStores() {
        a.close();
        b.close();
    }

    private static StreamRecord stream(String id, ClusterStore owner, String caller) {
        return new StreamRecord(id, owner.instanceId(), caller, "key-" + caller);
    }

    @Test
    void admissionCountsTheStreamsOfAllInstances() {
        StreamRecord first = stream("s1", a, "alice");
        assertEquals(Admission.ADMITTED, a.streams().admit(first, 3, 2, LONG));
        assertEquals(Admission.ADMITTED, b.streams().admit(stream("s2", b, "alice"), 3, 2, LONG));
        assertEquals(
                Admission.CALLER_FULL, b.streams().admit(stream("s3", b, "alice"), 3, 2, LONG));
        assertEquals(Admission.ADMITTED, a.streams().admit(stream("s3", a, "bob"), 3, 2, LONG));
        assertEquals(Admission.FULL, b.streams().admit(stream("s4", b, "carol"), 3, 2, LONG));
        assertEquals(Optional.of(first), b.streams().find("s1"));
        assertEquals(Optional.empty(), b.streams().find("s4"));

        b.streams().remove(first);

        assertEquals(Optional.empty(), a.streams().find("s1"));
        assertEquals(Admission.ADMITTED, a.streams().admit(stream("s4", a, "alice"), 3, 2, LONG));
    }

    @Test
    void noCallerLimitWhenMaxPerCallerIsZero() {
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    Admission.ADMITTED, a.streams().admit(stream("s" + i, a, "alice"), 5, 0, LONG));
        }
        assertEquals(Admission.FULL, a.streams().admit(stream("s5", a, "alice"), 5, 0, LONG));
    }

    @Test
    void anUnrenewedStreamStopsCountingAfterItsTtl() {
        StreamRecord lost = stream("lost", a, "alice");
        assertEquals(Admission.ADMITTED, a.streams().admit(lost, 1, 0, SHORT));
        StreamRecord next = stream("next", b, "bob");
        assertEquals(Admission.FULL, b.streams().admit(next, 1, 0, LONG));

        Poll.until(
                "the lost stream's place is free",
                WAIT,
                () -> b.streams().admit(next, 1, 0, LONG) == Admission.ADMITTED);

        assertEquals(Optional.empty(), b.streams().find("lost"));
        assertEquals(Optional.of(next), a.streams().find("next"));
    }

    @Test
    void renewKeepsAStreamAlive() {
        StreamRecord kept = stream("kept", a, "alice");
        StreamRecord dropped = stream("dropped", a, "alice");
        a.streams().admit(kept, 10, 0, Duration.ofSeconds(2));
        a.streams().admit(dropped, 10, 0, Duration.ofSeconds(2));

        a.streams().renew(List.of(kept), LONG);

        Poll.until(
                "the unrenewed stream expired", WAIT, () -> a.streams().find("dropped").isEmpty());
        assertEquals(Optional.of(kept), b.streams().find("kept"));
        assertEquals(Admission.FULL, b.streams().admit(stream("other", b, "bob"), 1, 0, LONG));
    }

    @Test
    void renewHandlesManyStreamsAtOnce() {
        List<StreamRecord> streams = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            StreamRecord s = stream("s" + i, a, "caller" + (i % 7));
            a.streams().admit(s, 1000, 0, Duration.ofSeconds(2));
            streams.add(s);
        }
        a.streams().renew(streams, LONG);
        StreamRecord probe = stream("probe", b, "bob");
        b.streams().admit(probe, 1000, 0, Duration.ofMillis(2100));

        Poll.until("the probe expired", WAIT, () -> b.streams().find("probe").isEmpty());
        assertEquals(450, a.status().streams());
    }

    @Test
    void sessionsAreSavedUsedAndRemoved() {
        SessionRecord session = new SessionRecord("sess", "alice", "{\"v\":1}");
        a.sessions().save(session, LONG);
        assertEquals(Optional.of(session), b.sessions().use("sess", LONG));

        SessionRecord changed = new SessionRecord("sess", "alice", "{\"v\":2}");
        b.sessions().save(changed, LONG);
        assertEquals(Optional.of(changed), a.sessions().use("sess", LONG));

        a.sessions().append("sess", "c1", "e1", 10);
        b.sessions().remove("sess");

        assertEquals(Optional.empty(), a.sessions().use("sess", LONG));
        assertEquals(List.of(), a.sessions().events("sess", "c1", 0));
        assertEquals(0, a.status().sessions());
        assertEquals(Optional.empty(), a.sessions().use("never", LONG));
    }

    @Test
    void anUnusedSessionExpiresWithItsHistory() {
        a.sessions().save(new SessionRecord("short", "alice", "{}"), SHORT);
        a.sessions().append("short", "c1", "e1", 10);

        Poll.until(
                "the session's history expired",
                WAIT,
                () -> b.sessions().events("short", "c1", 0).isEmpty());

        assertEquals(Optional.empty(), b.sessions().use("short", LONG));
        assertEquals(0, b.status().sessions());
        assertEquals(0, a.sessions().append("short", "c1", "late", 10));
    }

    @Test
    void usingASessionKeepsItAndItsHistory() {
        SessionRecord used = new SessionRecord("used", "alice", "{}");
        a.sessions().save(used, Duration.ofSeconds(2));
        a.sessions().append("used", "c1", "e1", 10);
        a.sessions().save(new SessionRecord("unused", "bob", "{}"), Duration.ofSeconds(2));

        assertEquals(Optional.of(used), b.sessions().use("used", LONG));

        Poll.until("the unused session expired", WAIT, () -> a.status().sessions() == 1);
        assertEquals(Optional.empty(), a.sessions().use("unused", LONG));
        assertEquals(Optional.of(used), a.sessions().use("used", LONG));
        assertEquals(List.of(new StoredEvent(1, "c1", "e1")), a.sessions().events("used", "c1", 0));
    }

    @Test
    void eventsAreNumberedPerSessionAcrossInstancesAndFilteredByChannel() {
        a.sessions().save(new SessionRecord("s", "alice", "{}"), LONG);
        a.sessions().save(new SessionRecord("other", "alice", "{}"), LONG);

        assertEquals(1, a.sessions().append("s", "c1", "one", 10));
        assertEquals(2, b.sessions().append("s", "c2", "two", 10));
        assertEquals(1, b.sessions().append("other", "c1", "elsewhere", 10));
        assertEquals(3, a.sessions().append("s", "c1", "three", 10));
        b.sessions().save(new SessionRecord("s", "alice", "{\"new\":true}"), LONG);
        assertEquals(4, b.sessions().append("s", "c1", "four", 10));

        assertEquals(
                List.of(
                        new StoredEvent(1, "c1", "one"),
                        new StoredEvent(3, "c1", "three"),
                        new StoredEvent(4, "c1", "four")),
                b.sessions().events("s", "c1", 0));
        assertEquals(List.of(new StoredEvent(4, "c1", "four")), b.sessions().events("s", "c1", 3));
        assertEquals(List.of(new StoredEvent(2, "c2", "two")), a.sessions().events("s", "c2", 0));
        assertEquals(List.of(), a.sessions().events("s", "c3", 0));
        assertEquals(Optional.of("c2"), a.sessions().channelOf("s", 2));
        assertEquals(Optional.of("c1"), a.sessions().channelOf("s", 4));
        assertEquals(Optional.empty(), a.sessions().channelOf("s", 5));
    }

    @Test
    void historyKeepsTheLatestCapacityEvents() {
        a.sessions().save(new SessionRecord("s", "alice", "{}"), LONG);
        for (int i = 1; i <= 5; i++) {
            a.sessions().append("s", "c1", "e" + i, 3);
        }

        assertEquals(
                List.of(
                        new StoredEvent(3, "c1", "e3"),
                        new StoredEvent(4, "c1", "e4"),
                        new StoredEvent(5, "c1", "e5")),
                b.sessions().events("s", "c1", 0));
        assertEquals(Optional.empty(), b.sessions().channelOf("s", 2));
        assertEquals(Optional.of("c1"), b.sessions().channelOf("s", 3));
    }

    @Test
    void sendToAnInstanceNotListeningReachesNobody() {
        b.messages().listen("other-topic", message -> {});

        assertFalse(a.messages().send("instance-b", "topic", "hello"));
        assertFalse(a.messages().send("instance-gone", "other-topic", "hello"));
    }

    @Test
    void messagesArriveInOrderOnTheStoresMessageThread() throws InterruptedException {
        int count = 1000;
        List<String> received = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(count);
        b.messages()
                .listen(
                        "topic",
                        message -> {
                            received.add(message);
                            threads.add(Thread.currentThread().getName());
                            all.countDown();
                        });

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add("m" + i);
            assertTrue(a.messages().send("instance-b", "topic", "m" + i));
        }

        assertTrue(all.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "all messages arrived");
        // The latch orders the listener's writes before these reads.
        assertEquals(sent, received);
        assertTrue(threads.stream().allMatch("mcp-cluster-messages"::equals), threads.get(0));
    }

    @Test
    void aListenerMayCallTheStore() throws InterruptedException {
        AtomicReference<Optional<StreamRecord>> found = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamRecord s = stream("s", a, "alice");
        a.streams().admit(s, 10, 0, LONG);
        b.messages()
                .listen(
                        "lookup",
                        id -> {
                            found.set(b.streams().find(id));
                            done.countDown();
                        });

        assertTrue(a.messages().send("instance-b", "lookup", "s"));

        assertTrue(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(Optional.of(s), found.get());
    }

    @Test
    void broadcastReachesEveryInstanceTheSenderIncluded() throws InterruptedException {
        CountDownLatch atA = new CountDownLatch(1);
        CountDownLatch atB = new CountDownLatch(1);
        AtomicReference<String> heardByB = new AtomicReference<>();
        a.messages().listen("news", message -> atA.countDown());
        b.messages()
                .listen(
                        "news",
                        message -> {
                            heardByB.set(message);
                            atB.countDown();
                        });

        a.messages().broadcast("news", "hello all");

        assertTrue(atA.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the sender heard it");
        assertTrue(atB.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the other heard it");
        assertEquals("hello all", heardByB.get());
    }

    @Test
    void statusCountsTheLiveInstancesStreamsAndSessions() {
        a.instances().beat(LONG);
        b.instances().beat(LONG);
        a.streams().admit(stream("s1", a, "alice"), 10, 0, LONG);
        b.streams().admit(stream("s2", b, "bob"), 10, 0, LONG);
        a.sessions().save(new SessionRecord("sess", "alice", "{}"), LONG);

        ClusterStatus status = b.status();

        assertEquals(
                new ClusterStatus(
                        "redis://127.0.0.1:" + redis.port() + "/0", Optional.empty(), 2, 2, 1),
                status);
        assertTrue(status.reachable());
    }

    @Test
    void anInstanceIsAliveUntilItStopsBeating() {
        a.instances().beat(LONG);
        b.instances().beat(SHORT);
        assertTrue(b.instances().isAlive("instance-a"));
        assertTrue(a.instances().isAlive("instance-b"));
        assertFalse(a.instances().isAlive("instance-never"));

        Poll.until("b stopped counting", WAIT, () -> !a.instances().isAlive("instance-b"));
        assertEquals(1, a.status().instances());
    }

    @Test
    void anInstanceThatLeavesStopsCountingAtOnce() {
        a.instances().beat(LONG);
        b.instances().beat(LONG);

        b.instances().leave();

        assertFalse(a.instances().isAlive("instance-b"));
        assertTrue(a.instances().isAlive("instance-a"));
        assertEquals(1, a.status().instances());
    }

    @Test
    void aMalformedUrlIsRejectedWithoutShowingItsPassword() {
        IllegalArgumentException notRedis =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RedisClusterStore.open("http://localhost:6379", "ns", "i"));
        assertTrue(notRedis.getMessage().contains("redis://"), notRedis.getMessage());

        IllegalArgumentException malformed =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RedisClusterStore.open("redis://u:s3cret@host:po rt", "ns", "i"));
        assertFalse(malformed.getMessage().contains("s3cret"), malformed.getMessage());

        assertThrows(
                IllegalArgumentException.class,
                () -> RedisClusterStore.open(redis.url(), " ", "i"));
    }
}
