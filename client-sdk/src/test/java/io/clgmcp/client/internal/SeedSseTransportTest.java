package io.clgmcp.client.internal;

import static io.clgmcp.client.internal.SseTransportFixture.TOKEN;
import static io.clgmcp.client.internal.SseTransportFixture.notifications;
import static io.clgmcp.client.internal.SseTransportFixture.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.client.internal.SseTransportFixture.RecordingInbound;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.server.ClgMcpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SeedSseTransport}: the SSE contract, and what only the seed dialect does. */
@Timeout(60)
class SeedSseTransportTest extends SseTransportContractTest<SeedSseTransport> {
    private static final Pattern CONNECTION_ID = Pattern.compile("conn_\\d+_[0-9a-f]{32}");

    SeedSseTransportTest() {
        super("2025-06-18", "mcp-client-sse");
    }

    @Override
    SeedSseTransport transport(URI server, String token, Duration heartbeat) {
        return new SeedSseTransport(settings(server, token), heartbeat);
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
        SeedSseTransport transport = started(server.uri());
        assertTrue(CONNECTION_ID.matcher(transport.connectionId()).matches());

        List<JsonRpcMessage> messages = assertCallsToolsAndDeliversWhatToolsReport(transport);
        List<JsonObject> progress = notifications(messages, "notifications/progress");
        for (int step = 1; step <= 3; step++) {
            JsonObject params = progress.get(step - 1);
            assertEquals("progress-3", params.get("progressToken").getAsString());
            assertEquals(step, params.get("progress").getAsInt());
        }
        List<JsonObject> logs = notifications(messages, "notifications/message");
        assertEquals("step 1", logs.get(0).get("data").getAsString());
    }

    @Test
    void aDisabledOrUnreachableServerFailsTheStart() throws Exception {
        ClgMcpServer disabled = fixture.server(Map.of("SSE_ENABLED", "false"));
        McpTransportFailure notFound =
                assertThrows(
                        McpTransportFailure.class,
                        () ->
                                fixture.track(transport(disabled.uri(), TOKEN))
                                        .start(new RecordingInbound()));
        assertEquals(404, notFound.status(), notFound::getMessage);

        URI gone = disabled.uri();
        disabled.close();
        McpTransportFailure unreachable =
                assertThrows(
                        McpTransportFailure.class,
                        () -> fixture.track(transport(gone, TOKEN)).start(new RecordingInbound()));
        assertEquals(0, unreachable.status(), unreachable::getMessage);
    }
}
