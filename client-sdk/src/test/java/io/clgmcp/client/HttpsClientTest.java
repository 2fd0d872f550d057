package io.clgmcp.client;

import static io.clgmcp.client.TestSupport.closeAll;
import static io.clgmcp.client.TestSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.clgmcp.client.internal.Transports;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import io.clgmcp.server.ClgMcpServer;
import io.clgmcp.server.tls.SelfSignedKeystore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client against our server over HTTPS, with a certificate made for the test that the client is
 * told to trust ({@link McpClient.Builder#sslContext}): every transport in HTTP/1.1 and in HTTP/2,
 * and the streams of the streaming transports flushed as events happen, with the server's requests
 * answered, while everything shares one HTTP/2 connection.
 */
@Timeout(120)
class HttpsClientTest {
    private static final Duration WAIT = ConnectedClients.WAIT;

    /** Opened by the client's progress listener; the tool waits on it to finish. */
    private static final Map<String, CountDownLatch> progressHeard = new ConcurrentHashMap<>();

    @TempDir static Path folder;
    private static SelfSignedKeystore keystore;
    private static ClgMcpServer server;

    private final ConnectedClients clients = new ConnectedClients();

    @BeforeAll
    static void startServer() throws Exception {
        keystore = SelfSignedKeystore.create(folder);
        server = InProcessServer.start(keystore.settings(), tools());
    }

    @AfterEach
    void closeClients() {
        progressHeard.values().forEach(CountDownLatch::countDown);
        clients.closeAll();
    }

    @AfterAll
    static void stopServer() throws Exception {
        closeAll(server);
    }

    static Stream<Arguments> everyTransportInEitherVersion() {
        return Arrays.stream(Transport.values())
                .flatMap(
                        transport ->
                                Stream.of(
                                        Arguments.of(transport, HttpClient.Version.HTTP_1_1),
                                        Arguments.of(transport, HttpClient.Version.HTTP_2)));
    }

    @ParameterizedTest
    @MethodSource("everyTransportInEitherVersion")
    void callsAToolOverHttps(Transport transport, HttpClient.Version version) {
        McpClient client = connect(transport, version);

        assertEquals("https: hello", client.callTool("echo", object("text", "hello")).text());
    }

    @ParameterizedTest
    @EnumSource(names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void hearsProgressWhileTheCallRunsOverHttp2(Transport transport) throws Exception {
        McpClient client = connect(transport, HttpClient.Version.HTTP_2);
        String gate = UUID.randomUUID().toString();
        CountDownLatch heard = progressHeard.computeIfAbsent(gate, name -> new CountDownLatch(1));

        ToolCallResult result =
                client.callToolAsync(
                                "progress_then_wait",
                                object("gate", gate),
                                (progress, total, message) -> heard.countDown())
                        .get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);

        // The tool finishes only once the client has heard its progress: an event held back in a
        // buffer until the call's end would have left it waiting.
        assertEquals("went on once the client heard the progress", result.text());
    }

    @ParameterizedTest
    @EnumSource(names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void answersTheServersRequestsOverHttp2(Transport transport) {
        McpClient client =
                clients.connect(
                        McpClientTest.endpoint(server.uri(), transport),
                        transport,
                        builder ->
                                secure(builder, HttpClient.Version.HTTP_2)
                                        .onRootsList(params -> roots("file:///research")));

        assertEquals("file:///research", client.callTool("first_root", new JsonObject()).text());
    }

    @ParameterizedTest
    @EnumSource(names = {"SSE", "LEGACY_SSE"})
    void freesTheStreamOfAClosedClientOverHttp2(Transport transport) throws Exception {
        ClgMcpServer own = InProcessServer.start(keystore.settings());
        try {
            McpClient client =
                    McpClient.builder(McpClientTest.endpoint(own.uri(), transport))
                            .transport(transport)
                            .connectTimeout(WAIT)
                            .requestTimeout(WAIT)
                            .sslContext(keystore.trustingClient())
                            .httpVersion(HttpClient.Version.HTTP_2)
                            .connect();
            awaitActiveSseConnections(own, 1);

            client.close();

            // The client resets its stream but keeps the connection: the server must notice
            // the reset itself, well before a heartbeat would fail.
            awaitActiveSseConnections(own, 0);
        } finally {
            own.close();
        }
    }

    @Test
    void negotiatesHttp2WhenTheClientAsksForIt() throws Exception {
        HttpClient http =
                Transports.http(WAIT, HttpClient.Version.HTTP_2, keystore.trustingClient());

        HttpResponse<Void> health = health(http);

        assertEquals(200, health.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, health.version());
    }

    @Test
    void speaksHttp11UnlessAsked() throws Exception {
        HttpClient http =
                Transports.http(WAIT, HttpClient.Version.HTTP_1_1, keystore.trustingClient());

        assertEquals(HttpClient.Version.HTTP_1_1, health(http).version());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void refusesAServerWhoseCertificateItDoesNotTrust(Transport transport) {
        McpClient.Builder trustingTheJdkDefaults =
                McpClient.builder(McpClientTest.endpoint(server.uri(), transport))
                        .transport(transport)
                        .connectTimeout(WAIT)
                        .requestTimeout(WAIT);

        assertThrows(McpTransportException.class, trustingTheJdkDefaults::connect);
    }

    private McpClient connect(Transport transport, HttpClient.Version version) {
        return clients.connect(
                McpClientTest.endpoint(server.uri(), transport),
                transport,
                builder -> secure(builder, version));
    }

    private static McpClient.Builder secure(McpClient.Builder builder, HttpClient.Version version) {
        try {
            return builder.sslContext(keystore.trustingClient()).httpVersion(version);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<Void> health(HttpClient http)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(server.uri().resolve("/health")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** Polls {@code /health} until it counts that many open SSE streams; each poll is a request. */
    private static void awaitActiveSseConnections(ClgMcpServer target, int expected)
            throws Exception {
        HttpClient http =
                Transports.http(WAIT, HttpClient.Version.HTTP_2, keystore.trustingClient());
        HttpRequest health =
                HttpRequest.newBuilder(target.uri().resolve("/health")).timeout(WAIT).build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int active = -1;
        while (System.nanoTime() < deadline) {
            JsonObject body =
                    JsonParser.parseString(
                                    http.send(health, HttpResponse.BodyHandlers.ofString()).body())
                            .getAsJsonObject();
            active =
                    body.getAsJsonObject("sse")
                            .getAsJsonObject("stats")
                            .get("activeConnections")
                            .getAsInt();
            if (active == expected) {
                return;
            }
        }
        throw new AssertionError(
                "activeConnections stayed " + active + ", never " + expected + " within " + WAIT);
    }

    private static JsonObject roots(String uri) {
        JsonObject root = new JsonObject();
        root.addProperty("uri", uri);
        JsonArray list = new JsonArray();
        list.add(root);
        JsonObject result = new JsonObject();
        result.add("roots", list);
        return result;
    }

    private static Module tools() {
        Tool progressThenWait =
                Tool.builder("progress_then_wait")
                        .description("Reports progress, then waits until the client has heard it")
                        .inputSchema(
                                "{\"type\":\"object\",\"properties\":{\"gate\":"
                                        + "{\"type\":\"string\"}},\"required\":[\"gate\"]}")
                        .handler(
                                context -> {
                                    CountDownLatch heard =
                                            progressHeard.computeIfAbsent(
                                                    context.arguments().get("gate").getAsString(),
                                                    name -> new CountDownLatch(1));
                                    context.reportProgress(1, 2.0, "halfway");
                                    return heard.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                                            ? ToolResult.text(
                                                    "went on once the client heard the progress")
                                            : ToolResult.error("the client never heard progress");
                                })
                        .build();
        Tool firstRoot =
                Tool.builder("first_root")
                        .description("Asks the client for its roots and names the first")
                        .inputSchema("{\"type\":\"object\"}")
                        .handler(
                                context ->
                                        ToolResult.text(
                                                context.listRoots()
                                                        .getAsJsonArray("roots")
                                                        .get(0)
                                                        .getAsJsonObject()
                                                        .get("uri")
                                                        .getAsString()))
                        .build();
        return new AbstractModule() {
            @Override
            protected void configure() {
                var tools = McpCoreModule.tools(binder());
                tools.addBinding().toInstance(InProcessServer.echo("https: "));
                tools.addBinding().toInstance(progressThenWait);
                tools.addBinding().toInstance(firstRoot);
            }
        };
    }
}
