package io.clgmcp.client.internal;

import static io.clgmcp.client.internal.SseTransportFixture.TOKEN;
import static io.clgmcp.client.internal.SseTransportFixture.WAIT;
import static io.clgmcp.client.internal.SseTransportFixture.handshake;
import static io.clgmcp.client.internal.SseTransportFixture.notifications;
import static io.clgmcp.client.internal.SseTransportFixture.text;
import static io.clgmcp.client.internal.SseTransportFixture.toolCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.clgmcp.client.internal.SseTransportFixture.RecordingInbound;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.server.ClgMcpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every SSE transport does against our real server, subclassed once per transport: it carries
 * the server's requests, keeps a refused token's status, replaces a connection whose heartbeats
 * stop or that the server ends (the inbound hearing {@code onLost} once), and ends its reader on
 * close.
 *
 * @param <T> the transport
 */
@Timeout(60)
abstract class SseTransportContractTest<T extends SseTransport<?>> {
    final SseTransportFixture fixture = new SseTransportFixture();

    /** The inbound of the transports {@link #started} starts. */
    final RecordingInbound inbound = new RecordingInbound();

    private final String version;
    private final String readerName;

    /**
     * @param version the protocol version the tests initialize with
     * @param readerName the name of the transport's reader thread
     */
    SseTransportContractTest(String version, String readerName) {
        this.version = version;
        this.readerName = readerName;
    }

    /**
     * A transport (not started) for our server at that URL (its base URL or {@code /sse}),
     * expecting heartbeats this often when the server announces none.
     */
    abstract T transport(URI server, String token, Duration heartbeat);

    /** The same, with the transport's default heartbeat interval. */
    final T transport(URI server, String token) {
        return transport(server, token, SseTransport.DEFAULT_HEARTBEAT);
    }

    /** The protocol version the tests initialize with. */
    final String version() {
        return version;
    }

    /** What names the transport's connection now (a connection id, an endpoint). */
    static Object connection(SseTransport<?> transport) {
        return transport.current().value();
    }

    @AfterEach
    void closeEverything() throws Exception {
        fixture.closeAll();
    }

    /**
     * A transport for our server at that URL, with the test's token, started with {@link #inbound}.
     */
    T started(URI server) {
        T transport = fixture.track(transport(server, TOKEN));
        transport.start(inbound);
        return transport;
    }

    /**
     * Initializes the started transport's session, calls {@code echo} and {@code count}, and checks
     * what came back; the messages up to {@code count}'s response.
     */
    List<JsonRpcMessage> assertCallsToolsAndDeliversWhatToolsReport(T transport) {
        JsonRpcResponse initialized = handshake(transport, inbound, 1, version());
        assertEquals(
                version(),
                initialized.result().getAsJsonObject().get("protocolVersion").getAsString());

        transport.send(toolCall(2, "echo", "{\"text\":\"hi\"}", null));
        assertEquals("echo: hi", text(inbound.response(2)));

        transport.send(toolCall(3, "count", "{}", "progress-3"));
        List<JsonRpcMessage> messages = inbound.until(3);
        assertEquals("counted", text((JsonRpcResponse) messages.get(messages.size() - 1)));
        assertEquals(
                3, notifications(messages, "notifications/progress").size(), messages::toString);
        assertEquals(
                3, notifications(messages, "notifications/message").size(), messages::toString);
        assertTrue(inbound.losses.isEmpty());
        return messages;
    }

    @Test
    void deliversTheServersRequestsAsRequests() throws Exception {
        ClgMcpServer server = fixture.server();
        T transport = started(server.uri().resolve("/sse"));
        handshake(transport, inbound, 1, version());

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
                                fixture.track(transport(server.uri(), "wrong-token"))
                                        .start(new RecordingInbound()));
        assertEquals(401, wrong.status(), wrong::getMessage);
        McpTransportFailure missing =
                assertThrows(
                        McpTransportFailure.class,
                        () ->
                                fixture.track(transport(server.uri(), null))
                                        .start(new RecordingInbound()));
        assertEquals(401, missing.status(), missing::getMessage);
    }

    @Test
    void replacesAConnectionWhoseHeartbeatsStop() throws Exception {
        ClgMcpServer server = fixture.server(Map.of("SSE_HEARTBEAT_INTERVAL", "200"));
        SseStallingProxy proxy = fixture.closeLater(new SseStallingProxy(server.uri()));
        T transport = fixture.track(transport(proxy.uri(), TOKEN, Duration.ofMillis(400)));
        transport.start(inbound);
        handshake(transport, inbound, 1, version());
        Object first = connection(transport);
        transport.send(toolCall(2, "echo", "{\"text\":\"before\"}", null));
        assertEquals("echo: before", text(inbound.response(2)));
        assertTrue(inbound.losses.isEmpty(), "lost while heartbeats came");

        proxy.stallStreams();
        inbound.awaitLost();

        Object second = connection(transport);
        assertNotEquals(first, second);
        handshake(transport, inbound, 3, version());
        transport.send(toolCall(4, "echo", "{\"text\":\"after\"}", null));
        assertEquals("echo: after", text(inbound.response(4)));
        assertEquals(2, proxy.streamsOpened());
        assertTrue(inbound.losses.isEmpty(), "onLost more than once: " + inbound.losses);
    }

    @Test
    void replacesAConnectionTheServerEnds() throws Exception {
        ClgMcpServer first = fixture.server();
        int port = first.port();
        T transport = started(first.uri());
        handshake(transport, inbound, 1, version());
        Object before = connection(transport);

        first.close();
        inbound.awaitLost();
        fixture.server(Map.of("PORT", Integer.toString(port)));

        assertNotEquals(before, connection(transport));
        handshake(transport, inbound, 2, version());
        transport.send(toolCall(3, "echo", "{\"text\":\"again\"}", null));
        assertEquals("echo: again", text(inbound.response(3)));
        assertTrue(inbound.losses.isEmpty(), "onLost more than once: " + inbound.losses);
    }

    @Test
    void closeEndsTheReaderThread() throws Exception {
        ClgMcpServer server = fixture.server();
        T transport = started(server.uri());
        Thread reader = transport.readerThread();
        assertEquals(readerName, reader.getName());
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
}
