package io.clgmcp.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the cluster's Redis is down the instances say so on {@code /health} and refuse what needs
 * it with 503 and -32006, rather than serving from a partial view; once it is back they serve again
 * without a restart. Each test stops Redis and starts it again on the same port.
 */
@Timeout(120)
class RedisOutageTest {
    private static final int CLUSTER_UNAVAILABLE = -32006;

    @RegisterExtension static final SharedCluster cluster = new SharedCluster(2, Map.of());

    @BeforeEach
    void awaitRedisUp() {
        cluster.node(0).awaitClusterUp();
        cluster.node(1).awaitClusterUp();
    }

    @Test
    void whileRedisIsDownHealthIsDegradedAndStreamsAndSessionsAreRefusedWith503() throws Exception {
        ClusterNode node = cluster.node(0);
        String session = Mcp.open(node);
        cluster.redis().stop();
        try {
            Poll.until("A sees Redis down", () -> "down".equals(status(node)));
            JsonObject health = node.health();
            assertEquals("degraded", health.get("status").getAsString(), health::toString);
            String error = health.getAsJsonObject("cluster").get("error").getAsString();
            assertTrue(error.contains("127.0.0.1:" + cluster.redis().port()), error);

            Http.Reply stream = Http.get(node.uri("/sse"));
            assertEquals(503, stream.status(), stream::toString);
            assertEquals(
                    CLUSTER_UNAVAILABLE, stream.json().get("code").getAsInt(), stream::toString);
            assertTrue(stream.body().contains("Redis"), stream::toString);

            Http.Reply request = Mcp.post(node, session, Mcp.request(2, "tools/list", null));
            assertEquals(503, request.status(), request::toString);
            assertEquals(
                    CLUSTER_UNAVAILABLE,
                    request.json().getAsJsonObject("error").get("code").getAsInt(),
                    request::toString);
        } finally {
            cluster.redis().start();
        }
    }

    @Test
    void onceRedisIsBackNewStreamsAndSessionsWorkAcrossInstances() throws Exception {
        cluster.redis().stop();
        try {
            Poll.until("A sees Redis down", () -> "down".equals(status(cluster.node(0))));
            Poll.until("B sees Redis down", () -> "down".equals(status(cluster.node(1))));
        } finally {
            cluster.redis().start();
        }

        for (int i = 0; i < 2; i++) {
            ClusterNode node = cluster.node(i);
            Poll.until("Redis up again on " + i, () -> "up".equals(status(node)));
            assertEquals("healthy", node.health().get("status").getAsString());
        }
        try (Sse.Connection stream = Sse.connect(cluster.node(0), null)) {
            Http.Reply viaB = Sse.post(cluster.node(1), stream, Sse.request(1, "ping"));
            assertTrue(Sse.sent(viaB), viaB::toString);
            assertEquals(1, stream.nextResponse().get("id").getAsInt());
        }
        String session = Mcp.open(cluster.node(1));
        JsonObject listed =
                Mcp.response(
                        Mcp.post(cluster.node(0), session, Mcp.request(2, "tools/list", null)), 2);
        assertTrue(listed.has("result"), listed::toString);
    }

    @Test
    void aStreamThatStayedOpenThroughTheOutageIsReachedThroughTheOtherInstanceAgain()
            throws Exception {
        try (Sse.Connection stream = Sse.connect(cluster.node(0), null)) {
            cluster.redis().stop();
            try {
                Poll.until("A sees Redis down", () -> "down".equals(status(cluster.node(0))));
            } finally {
                cluster.redis().start();
            }
            // The restarted Redis has lost every record; A's next heartbeat records its stream
            // again, and until then the stream is unknown to B.
            Poll.until(
                    "a POST for A's stream taken by B",
                    () -> Sse.sent(Sse.post(cluster.node(1), stream, Sse.request(1, "ping"))));

            JsonObject response = stream.nextResponse();
            assertEquals(1, response.get("id").getAsInt(), response::toString);
        }
    }

    private static String status(ClusterNode node) throws Exception {
        return node.cluster().get("status").getAsString();
    }
}
