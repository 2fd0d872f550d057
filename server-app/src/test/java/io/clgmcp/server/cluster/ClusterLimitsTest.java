package io.clgmcp.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SSE connection limits hold for the cluster as a whole: {@code SSE_MAX_CONNECTIONS} streams
 * over all instances, {@code SSE_MAX_CONNECTIONS_PER_TOKEN} of one caller over all instances, and a
 * crashed instance's streams stop counting once their records lapse.
 */
@Timeout(120)
class ClusterLimitsTest {
    private static final Map<String, String> SETTINGS =
            Map.of(
                    "SSE_MAX_CONNECTIONS", "3",
                    "SSE_MAX_CONNECTIONS_PER_TOKEN", "2",
                    "MCP_AUTH_TOKENS", "token1,token2,token3");

    @RegisterExtension static final SharedCluster cluster = new SharedCluster(3, SETTINGS);
    private final List<Sse.Connection> opened = new ArrayList<>();

    @BeforeEach
    void awaitNoStreams() {
        // The streams a test before left are let go of once the server notices their end.
        Poll.until("no stream open in the cluster", () -> cluster.node(0).connections() == 0);
    }

    @AfterEach
    void closeStreams() {
        opened.forEach(Sse.Connection::close);
    }

    @Test
    void streamsOnEveryInstanceCountTogetherAndOneClosedFreesAPlaceElsewhere() throws Exception {
        Sse.Connection first = open(cluster.node(0), "token1");
        open(cluster.node(1), "token2");
        open(cluster.node(2), "token3");
        for (int node = 0; node < 3; node++) {
            assertEquals(3, cluster.node(node).connections(), cluster::outputs);
            Sse.assertRefused(
                    503, -32000, Http.get(cluster.node(node).uri("/sse"), Http.bearer("token2")));
        }

        first.close();

        Poll.until(
                "a new stream on C once A's was closed",
                () -> tryOpen(cluster.node(2), "token1").isPresent());
        Sse.assertRefused(
                503, -32000, Http.get(cluster.node(1).uri("/sse"), Http.bearer("token1")));
    }

    @Test
    void oneCallersStreamsOnEveryInstanceCountAgainstItsCap() throws Exception {
        open(cluster.node(0), "token1");
        open(cluster.node(1), "token1");

        for (int node = 0; node < 3; node++) {
            Sse.assertRefused(
                    429, -32005, Http.get(cluster.node(node).uri("/sse"), Http.bearer("token1")));
        }
        open(cluster.node(2), "token2");
    }

    @Test
    void theStreamsOfACrashedInstanceStopCountingOnceTheirRecordsLapse() throws Exception {
        try (Cluster own = Cluster.start(2, SETTINGS)) {
            try (Sse.Connection one = Sse.connect(own.node(1), "token1");
                    Sse.Connection two = Sse.connect(own.node(1), "token2");
                    Sse.Connection three = Sse.connect(own.node(1), "token3")) {
                Sse.assertRefused(
                        503, -32000, Http.get(own.node(0).uri("/sse"), Http.bearer("token1")));

                own.node(1).kill();

                Poll.until("A counts no stream", () -> own.node(0).connections() == 0);
                try (Sse.Connection after = Sse.connect(own.node(0), "token1")) {
                    assertEquals(1, own.node(0).connections(), own::outputs);
                }
            }
        }
    }

    private Sse.Connection open(ClusterNode node, String token) {
        Sse.Connection connection = Sse.connect(node, token);
        opened.add(connection);
        return connection;
    }

    /** Opens a stream if the limits admit it; a refused attempt leaves nothing open. */
    private Optional<Sse.Connection> tryOpen(ClusterNode node, String token) {
        EventStream stream = EventStream.get(node.uri("/sse"), Http.bearer(token));
        if (stream.awaitStatus() != 200) {
            stream.close();
            return Optional.empty();
        }
        Sse.Connection connection =
                new Sse.Connection(
                        stream,
                        stream.next("connected").json().get("connectionId").getAsString(),
                        token);
        opened.add(connection);
        return Optional.of(connection);
    }
}
