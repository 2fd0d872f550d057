package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.cluster.redis.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the official MCP conformance suite ({@link ConformanceSuite}) against a cluster: two
 * packaged jars sharing a real Redis, behind a {@link RoundRobinProxy} that sends every request,
 * each POST of a session and each GET stream, to the other instance than the one before. Every
 * check must pass, as against one server. The suite's output is kept in {@code
 * target/conformance-cluster}, its summary in {@code target/conformance-cluster-summary.txt}.
 */
class ClusterConformanceIT {
    private static final ConformanceSuite SUITE =
            new ConformanceSuite(
                    "cluster conformance",
                    "conformance-cluster",
                    "conformance-cluster-summary.txt");

    private static final int INSTANCES = 2;

    /** Short beats, so that the cluster's view of its instances is fresh during each scenario. */
    private static final String HEARTBEAT_MS = "200";

    /** The first revision whose clients resume streams, and so get priming events. */
    private static final String RESUMING_REVISION = "2025-11-25";

    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HttpCalls.WAIT).build();

    @TempDir Path temp;

    private RedisServer redis;
    private final List<PackagedJar> servers = new ArrayList<>();
    private RoundRobinProxy proxy;

    @AfterEach
    void stopCluster() throws Exception {
        try {
            // The instances go first: the streams the proxy still relays then end, rather than
            // being cut under it as it stops.
            for (PackagedJar server : servers) {
                server.kill();
            }
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    void passesEveryCheckOfEveryServerScenarioThroughARoundRobinBalancer() throws Exception {
        ConformanceSuite.requireInstalled();
        redis = new RedisServer();
        Map<String, String> settings = new HashMap<>(ConformanceSuite.SERVER_SETTINGS);
        settings.put("PORT", "0");
        settings.put("MCP_CLUSTER_REDIS_URL", redis.url());
        settings.put("MCP_CLUSTER_NAMESPACE", "conformance-" + UUID.randomUUID());
        settings.put("MCP_CLUSTER_HEARTBEAT_MS", HEARTBEAT_MS);
        for (int i = 0; i < INSTANCES; i++) {
            Path directory = Files.createDirectory(temp.resolve("instance-" + i));
            servers.add(PackagedJar.start(directory, settings));
        }
        List<URI> backends = new ArrayList<>();
        for (PackagedJar server : servers) {
            backends.add(server.awaitListening());
        }
        // Each instance beats once before it listens, so both count each other by now.
        for (URI backend : backends) {
            assertClusterOfTwo(backend);
        }

        proxy = RoundRobinProxy.start(backends);
        assertEventsPassAsTheyCome(proxy.uri("/mcp"));
        SUITE.passesEveryCheck(proxy.uri("/mcp"));

        long toA = proxy.requestsTo(0);
        long toB = proxy.requestsTo(1);
        System.out.println("cluster conformance: " + toA + " requests to A, " + toB + " to B");
        // Strict alternation: the two counts differ by at most one.
        assertTrue(
                toA > 0 && Math.abs(toA - toB) <= 1,
                () -> "requests were not spread over both instances: A " + toA + ", B " + toB);
    }

    /**
     * Through the proxy, the first event of a GET stream (the priming event a client of revision
     * {@value #RESUMING_REVISION} gets) arrives while the stream stays open. A proxy that buffered
     * would hold it back until the stream ended, which the suite alone would not notice: its
     * scenarios only wait longer.
     */
    private void assertEventsPassAsTheyCome(URI mcp) throws Exception {
        HttpResponse<String> initialized =
                http.send(
                        post(mcp, null, HttpCalls.initialize("flush-check", RESUMING_REVISION)),
                        HttpCalls.ofString());
        assertEquals(200, initialized.statusCode(), initialized::body);
        String session = initialized.headers().firstValue(SESSION_HEADER).orElseThrow();
        HttpResponse<String> notified =
                http.send(
                        post(
                                mcp,
                                session,
                                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                        HttpCalls.ofString());
        assertEquals(202, notified.statusCode(), notified::body);

        HttpRequest get =
                HttpRequest.newBuilder(mcp)
                        .timeout(HttpCalls.WAIT)
                        .header("Accept", "text/event-stream")
                        .header(SESSION_HEADER, session)
                        .header(VERSION_HEADER, RESUMING_REVISION)
                        .GET()
                        .build();
        HttpResponse<Stream<String>> stream = http.send(get, HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = stream.body()) {
            assertEquals(200, stream.statusCode());
            CompletableFuture<Optional<String>> firstId =
                    CompletableFuture.supplyAsync(
                            () -> lines.filter(line -> line.startsWith("id:")).findFirst());
            assertTrue(
                    firstId.get(HttpCalls.WAIT.toSeconds(), TimeUnit.SECONDS).isPresent(),
                    "the stream ended without its priming event");
        }
    }

    private static HttpRequest post(URI mcp, String session, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(mcp)
                        .timeout(HttpCalls.WAIT)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .header(VERSION_HEADER, RESUMING_REVISION)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (session != null) {
            request.header(SESSION_HEADER, session);
        }
        return request.build();
    }

    private void assertClusterOfTwo(URI backend) throws Exception {
        HttpResponse<String> reply =
                http.send(HttpCalls.get(backend.resolve("/health")), HttpCalls.ofString());
        assertEquals(200, reply.statusCode(), () -> backend + " health: " + reply.body());
        JsonObject cluster = HttpCalls.json(reply).getAsJsonObject("cluster");
        assertEquals("up", cluster.get("status").getAsString(), cluster::toString);
        assertEquals(INSTANCES, cluster.get("instancesAlive").getAsInt(), cluster::toString);
    }
}
