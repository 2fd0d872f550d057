package io.clgmcp.client.internal;

import static io.clgmcp.client.internal.SseTransportFixture.TOKEN;
import static io.clgmcp.client.internal.SseTransportFixture.WAIT;
import static io.clgmcp.client.internal.SseTransportFixture.handshake;
import static io.clgmcp.client.internal.SseTransportFixture.settings;
import static io.clgmcp.client.internal.SseTransportFixture.text;
import static io.clgmcp.client.internal.SseTransportFixture.toolCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.client.internal.SseTransportFixture.RecordingInbound;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.server.ClgMcpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SeedSseTransportTest {
    private static final Pattern CONNECTION_ID = Pattern.compile("conn_\\d+_[0-9a-f]{32}");
    private static final String VERSION = "2025-06-18";

    private final SseTransportFixture fixture = new SseTransportFixture();

    @AfterEach
    void closeEverything() throws Exception {
        fixture.closeAll();
    }

    @Test
    void takesTheBaseUrlOrTheSseUrl() {
        assertEquals(
                URI.create("http://h:1/sse"), SeedSseTransport.sseUri(URI.create("http://h:1")));
        assertEquals(
                URI.create("http://h:1/sse"), SeedSseTransport.sseUri(URI.create("http://h:1/")));
        assertEquals(
                URI.create("http://h:1/sse"),
                SeedSseTransport.sseUri(URI.create("http://h:1/sse")));
        assertEquals(
                URI.create("http://h:1/app/sse"),
                SeedSseTransport.sseUri(URI.create("http://h:1/app")));
        assertEquals(
                URI.create("http://h:1/app/sse"),
                SeedSseTransport.sseUri(URI.create("http://h:1/app/")));
    }

    @Test
    void initializesCallsToolsAndDeliversWhatToolsReport() throws Exception {
        ClgMcpServer server = fixture.server();
        SeedSseTransport transport =
                fixture.track(new SeedSseTransport(settings(server.uri(), TOKEN)));
        RecordingInbound inbound = new RecordingInbound();
        transport.start(inbound);
        assertTrue(CONNECTION_ID.matcher(transport.connectionId()).matches());
        assertTrue(transport.canReceivePush());

        JsonRpcResponse initialized = handshake(transport, inbound, 1, VERSION);
        assertEquals(
                VERSION,
                initialized.result().getAsJsonObject().get("protocolVersion").getAsString());

        transport.send(toolCall(2, "echo", "{\"text\":\"hi\"}", null));
        assertEquals("echo: hi", text(inbound.response(2)));

        transport.send(toolCall(3, "count", "{}", "progress-3"));
        List<JsonRpcMessage> messages = inbound.until(3);
        assertEquals("counted", text((JsonRpcResponse) messages.get(messages.size() - 1)));
        List<JsonObject> progress = notifications(messages, "notifications/progress");
        assertEquals(3, progress.size(), messages::toString);
        for (int step = 1; step <= 3; step++) {
            JsonObject params = progress.get(step - 1);
            assertEquals("progress-3", params.get("progressToken").getAsString());
            assertEquals(step, params.get("progress").getAsInt());
        }
        List<JsonObject> logs = notifications(messages, "notifications/message");
        assertEquals(3, logs.size(), messages::toString);
        assertEquals("step 1", logs.get(0).get("data").getAsString());
        assertTrue(inbound.losses.isEmpty());
    }

    @Test
    void deliversTheServersRequestsAsRequests() throws Exception {
        ClgMcpServer server = fixture.server();
        SeedSseTransport transport =
                fixture.track(new SeedSseTransport(settings(server.uri().resolve("/sse"), TOKEN)));
        RecordingInbound inbound = new RecordingInbound();
        transport.start(inbound);
        handshake(transport, inbound, 1, VERSION);

        transport.send(toolCall(2, "sample", "{}", null));
        JsonRpcRequest asked = assertInstanceOf(JsonRpcRequest.class, inbound.next());
        assertEquals("sampling/createMessage", asked.method());
        transport.send(
                JsonRpcResponse.success(
                        asked.id(),
                        JsonParser.parseString(
                                "{\"role\":\"assistant\",\"content\":{\"type\":\"text\","
                                        + "\"text\":\"4\"},\"model\":\"test\"}")));
        assertEquals("the model said: 4", text(inbound.response(2)));
    }

    @Test
    void aRefusedTokenKeepsItsStatus() throws Exception {
        ClgMcpServer server = fixture.server();
        McpTransportFailure wrong =
                assertThrows(
                        McpTransportFailure.class,
                        () ->
                                fixture.track(
                                                new SeedSseTransport(
                                                        settings(server.uri(), "wrong-token")))
                                        .start(new RecordingInbound()));
        assertEquals(401, wrong.status(), wrong::getMessage);
        McpTransportFailure missing =
                assertThrows(
                        McpTransportFailure.class,
                        () ->
                                fixture.track(new SeedSseTransport(settings(server.uri(), null)))
                                        .start(new RecordingInbound()));
        assertEquals(401, missing.status(), missing::getMessage);
    }

    @Test
    void aDisabledOrUnreachableServerFailsTheStart() throws Exception {
        ClgMcpServer disabled = fixture.server(Map.of("SSE_ENABLED", "false"));
        McpTransportFailure notFound =
                assertThrows(
                        McpTransportFailure.class,
                        () ->
                                fixture.track(new SeedSseTransport(settings(disabled.uri(), TOKEN)))
                                        .start(new RecordingInbound()));
        assertEquals(404, notFound.status(), notFound::getMessage);

        URI gone = disabled.uri();
        disabled.close();
        McpTransportFailure unreachable =
                assertThrows(
                        McpTransportFailure.class,
                        () ->
                                fixture.track(new SeedSseTransport(settings(gone, TOKEN)))
                                        .start(new RecordingInbound()));
        assertEquals(0, unreachable.status(), unreachable::getMessage);
    }

    @Test
    void replacesAConnectionWhoseHeartbeatsStop() throws Exception {
        ClgMcpServer server = fixture.server(Map.of("SSE_HEARTBEAT_INTERVAL", "200"));
        SseStallingProxy proxy = fixture.closeLater(new SseStallingProxy(server.uri()));
        SeedSseTransport transport =
                fixture.track(
                        new SeedSseTransport(settings(proxy.uri(), TOKEN), Duration.ofMillis(400)));
        RecordingInbound inbound = new RecordingInbound();
        transport.start(inbound);
        handshake(transport, inbound, 1, VERSION);
        String first = transport.connectionId();
        transport.send(toolCall(2, "echo", "{\"text\":\"before\"}", null));
        assertEquals("echo: before", text(inbound.response(2)));
        assertTrue(inbound.losses.isEmpty(), "lost while heartbeats came");

        proxy.stallStreams();
        inbound.awaitLost();

        String second = transport.connectionId();
        assertNotEquals(first, second);
        handshake(transport, inbound, 3, VERSION);
        transport.send(toolCall(4, "echo", "{\"text\":\"after\"}", null));
        assertEquals("echo: after", text(inbound.response(4)));
        assertEquals(2, proxy.streamsOpened());
        assertTrue(inbound.losses.isEmpty(), "onLost more than once: " + inbound.losses);
    }

    @Test
    void replacesAConnectionTheServerEnds() throws Exception {
        ClgMcpServer first = fixture.server();
        int port = first.port();
        SeedSseTransport transport =
                fixture.track(new SeedSseTransport(settings(first.uri(), TOKEN)));
        RecordingInbound inbound = new RecordingInbound();
        transport.start(inbound);
        handshake(transport, inbound, 1, VERSION);
        String before = transport.connectionId();

        first.close();
        inbound.awaitLost();
        fixture.server(Map.of("PORT", Integer.toString(port)));

        String after = transport.connectionId();
        assertNotEquals(before, after);
        handshake(transport, inbound, 2, VERSION);
        transport.send(toolCall(3, "echo", "{\"text\":\"again\"}", null));
        assertEquals("echo: again", text(inbound.response(3)));
        assertTrue(inbound.losses.isEmpty(), "onLost more than once: " + inbound.losses);
    }

    @Test
    void closeEndsTheReaderThread() throws Exception {
        ClgMcpServer server = fixture.server();
        SeedSseTransport transport =
                fixture.track(new SeedSseTransport(settings(server.uri(), TOKEN)));
        RecordingInbound inbound = new RecordingInbound();
        transport.start(inbound);
        Thread reader = transport.readerThread();
        assertEquals("mcp-client-sse", reader.getName());
        assertTrue(reader.isDaemon());
        assertTrue(reader.isAlive());

        transport.close();
        transport.close();
        reader.join(WAIT.toMillis());
        assertFalse(reader.isAlive(), "the reader thread outlived close()");
        assertThrows(
                McpTransportFailure.class, () -> transport.send(SseTransportFixture.initialized()));
        assertTrue(inbound.losses.isEmpty(), "close() is no loss");
    }

    private static List<JsonObject> notifications(List<JsonRpcMessage> messages, String method) {
        return messages.stream()
                .filter(m -> m instanceof JsonRpcNotification n && n.method().equals(method))
                .map(m -> ((JsonRpcNotification) m).params())
                .toList();
    }
}
