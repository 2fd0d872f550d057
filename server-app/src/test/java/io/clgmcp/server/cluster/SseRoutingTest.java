package io.clgmcp.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An SSE stream held by one instance answers the messages POSTed to any instance of the cluster,
 * each exactly once, only for the caller who opened it, and becomes unknown everywhere when its
 * instance dies. Three instances share a Redis; the tests that kill one start their own cluster.
 */
@Timeout(120)
class SseRoutingTest {
    private static final String TOKEN = "tokenA";
    private static final String OTHER_TOKEN = "tokenB";
    private static final Map<String, String> SETTINGS =
            Map.of("MCP_AUTH_TOKENS", TOKEN + "," + OTHER_TOKEN);

    @RegisterExtension static final SharedCluster cluster = new SharedCluster(3, SETTINGS);

    @Test
    void postsThroughOtherInstancesAreAnsweredOnTheStreamInBothDialects() throws Exception {
        try (Sse.Connection stream = Sse.connect(cluster.node(0), TOKEN)) {
            Http.Reply viaB = Sse.post(cluster.node(1), stream, Sse.request(1, "tools/list"));
            assertTrue(Sse.sent(viaB), viaB::toString);
            JsonObject listed = stream.nextResponse();
            assertEquals(1, listed.get("id").getAsInt(), listed::toString);
            assertTrue(
                    listed.getAsJsonObject("result").getAsJsonArray("tools").size() > 0,
                    listed::toString);
            assertEquals(stream.id(), listed.get("connectionId").getAsString());

            Http.Reply viaC = Sse.postLegacy(cluster.node(2), stream, Sse.request(2, "ping"));
            assertEquals(202, viaC.status(), viaC::toString);
            JsonObject ping = stream.stream().next("message").json();
            assertEquals(2, ping.get("id").getAsInt(), ping::toString);
            assertTrue(ping.has("result"), ping::toString);
        }
    }

    @Test
    void hundredRequestsSpreadOverTheInstancesAreEachAnsweredExactlyOnce() throws Exception {
        try (Sse.Connection stream = Sse.connect(cluster.node(0), TOKEN)) {
            ExecutorService callers = Executors.newFixedThreadPool(6);
            try {
                List<Future<Http.Reply>> replies = new ArrayList<>();
                for (int id = 1; id <= 100; id++) {
                    ClusterNode node = cluster.node(id % 3);
                    JsonObject ping = Sse.request(id, "ping");
                    replies.add(callers.submit(() -> Sse.post(node, stream, ping)));
                }
                for (Future<Http.Reply> reply : replies) {
                    Http.Reply answer = reply.get(Poll.WAIT.toSeconds(), TimeUnit.SECONDS);
                    assertTrue(Sse.sent(answer), answer::toString);
                }
            } finally {
                callers.shutdownNow();
            }
            Map<Integer, Integer> answered = new HashMap<>();
            while (answered.size() < 100) {
                answered.merge(stream.nextResponse().get("id").getAsInt(), 1, Integer::sum);
            }
            readUntilMarkers(stream, answered, cluster.node(0), cluster.node(1), cluster.node(2));

            for (int id = 1; id <= 100; id++) {
                assertEquals(1, answered.get(id), "answers to request " + id + ": " + answered);
            }
        }
    }

    @Test
    void anotherCallersPostForTheStreamIsRefusedOnEveryInstance() throws Exception {
        try (Sse.Connection stream = Sse.connect(cluster.node(0), TOKEN)) {
            for (int node = 0; node < 3; node++) {
                Http.Reply stolen =
                        Sse.post(
                                cluster.node(node),
                                OTHER_TOKEN,
                                stream.id(),
                                Sse.request(1, "ping"));
                Sse.assertRefused(400, -32001, stolen);
            }
            Http.Reply own = Sse.post(cluster.node(1), stream, Sse.request(2, "ping"));
            assertTrue(Sse.sent(own), own::toString);
            assertEquals(2, stream.nextResponse().get("id").getAsInt());
        }
    }

    @Test
    void aClientsAnswerPostedThroughAnotherInstanceReachesTheToolAskingForIt() throws Exception {
        try (Sse.Connection stream = Sse.connect(cluster.node(0), TOKEN)) {
            JsonObject initialize = Sse.request(1, "initialize");
            initialize.add(
                    "params",
                    JsonParser.parseString(
                            "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{\"sampling\":{}},"
                                    + "\"clientInfo\":{\"name\":\"cluster\",\"version\":\"1\"}}"));
            assertTrue(Sse.sent(Sse.post(cluster.node(1), stream, initialize)));
            assertEquals(1, stream.nextResponse().get("id").getAsInt());
            Http.Reply initialized =
                    Sse.post(
                            cluster.node(2), stream, Mcp.notification("notifications/initialized"));
            assertEquals(202, initialized.status(), initialized::toString);

            assertTrue(
                    Sse.sent(Sse.post(cluster.node(2), stream, Mcp.samplingCall(2, "Say hello"))));
            JsonObject asked = stream.stream().next("mcp-notification").json();
            assertEquals(
                    "sampling/createMessage", asked.get("method").getAsString(), asked::toString);
            Http.Reply answered =
                    Sse.post(cluster.node(1), stream, Mcp.sampled(asked.get("id"), "hello"));
            assertEquals(202, answered.status(), answered::toString);

            JsonObject response = stream.nextResponse();
            assertEquals(2, response.get("id").getAsInt(), response::toString);
            assertEquals("LLM response: hello", Mcp.toolText(response), response::toString);
        }
    }

    @Test
    void killingAnInstanceThatForwardsLosesNoAcceptedRequestAndAnswersNoneTwice() throws Exception {
        try (Cluster own = Cluster.start(3, SETTINGS);
                Sse.Connection stream = Sse.connect(own.node(0), TOKEN)) {
            Set<Integer> accepted = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch flowing = new CountDownLatch(10);
            ExecutorService viaC = Executors.newSingleThreadExecutor();
            Future<?> flow =
                    viaC.submit(
                            () -> {
                                for (int id = 1000; !stop.get(); id++) {
                                    if (Sse.sent(
                                            Sse.post(
                                                    own.node(2),
                                                    stream,
                                                    Sse.request(id, "ping")))) {
                                        accepted.add(id);
                                    }
                                    flowing.countDown();
                                }
                                return null;
                            });
            try {
                for (int id = 1; id <= 20; id++) {
                    Http.Reply viaB = Sse.post(own.node(1), stream, Sse.request(id, "ping"));
                    assertTrue(Sse.sent(viaB), viaB::toString);
                    accepted.add(id);
                }
                assertTrue(flowing.await(Poll.WAIT.toSeconds(), TimeUnit.SECONDS));
                own.node(1).kill();
                int before = accepted.size();
                Poll.until(
                        "30 more requests taken through C", () -> accepted.size() >= before + 30);
            } finally {
                stop.set(true);
                flow.get(Poll.WAIT.toSeconds(), TimeUnit.SECONDS);
                viaC.shutdown();
            }

            Map<Integer, Integer> answered = new HashMap<>();
            while (!answered.keySet().containsAll(accepted)) {
                answered.merge(stream.nextResponse().get("id").getAsInt(), 1, Integer::sum);
            }
            readUntilMarkers(stream, answered, own.node(0), own.node(2));
            answered.forEach(
                    (id, times) ->
                            assertEquals(1, times, "answers to request " + id + ": " + answered));
        }
    }

    @Test
    void killingTheStreamsInstanceEndsItAndMakesItUnknownEverywhere() throws Exception {
        try (Cluster own = Cluster.start(3, SETTINGS);
                Sse.Connection stream = Sse.connect(own.node(0), TOKEN)) {
            Poll.until("C counts the stream", () -> own.node(2).connections() == 1);

            own.node(0).kill();

            assertTrue(stream.stream().awaitEnd().startsWith("failed"), own::outputs);
            Sse.assertRefused(400, -32001, Sse.post(own.node(2), stream, Sse.request(1, "ping")));
            Poll.until("C counts no stream", () -> own.node(2).connections() == 0);
            Poll.until(
                    "C counts two instances alive",
                    () -> own.node(2).cluster().get("instancesAlive").getAsInt() == 2);
        }
    }

    /**
     * Sends one more request through each of these instances and reads the stream until all three
     * are answered, counting in {@code answered} what comes before them: an answer sent twice would
     * come before the markers' answers unless it was very late.
     */
    private static void readUntilMarkers(
            Sse.Connection stream, Map<Integer, Integer> answered, ClusterNode... through)
            throws Exception {
        Set<Integer> markers = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < through.length; i++) {
            int marker = -1 - i;
            assertTrue(Sse.sent(Sse.post(through[i], stream, Sse.request(marker, "ping"))));
            markers.add(marker);
        }
        while (!markers.isEmpty()) {
            int id = stream.nextResponse().get("id").getAsInt();
            if (!markers.remove(id)) {
                answered.merge(id, 1, Integer::sum);
            }
        }
    }
}
