package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client written with the official MCP TypeScript SDK's {@code StreamableHTTPClientTransport}
 * (the MCP Streamable HTTP transport, {@code /mcp}) connects to the real server, lists its tools,
 * calls one and ends its session with {@code DELETE /mcp}. The client is {@code
 * src/test/node/streamable-client.mjs}, run by {@link OfficialSdkNodeClient}.
 */
@Timeout(120)
class OfficialSdkStreamableClientTest {
    private static final String TOKEN = "official-sdk-secret";
    private static final OfficialSdkNodeClient CLIENT =
            new OfficialSdkNodeClient("streamable-client.mjs", "CLG_STREAMABLE_CLIENT");

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    @TempDir Path output;

    @Test
    void officialSdkClientConnectsListsToolsCallsOneAndEndsItsSession() throws Exception {
        TestServer server = servers.start(Map.of("MCP_AUTH_TOKEN", TOKEN), TestTools.echo());

        OfficialSdkNodeClient.Run run =
                CLIENT.run(server, output, TOKEN, "echo", "{\"text\":\"hi\"}");

        JsonObject printed = run.assertEchoedHi();
        assertTrue(
                printed.get("sessionId").isJsonPrimitive()
                        && printed.get("sessionId").getAsString().matches("[0-9a-f]{32}"),
                run::toString);
        assertTrue(printed.get("terminated").getAsBoolean(), run::toString);
        // The SDK counts a 405 ("termination not supported") as success too; this server ends it.
        assertEquals(204, printed.get("terminateStatus").getAsInt(), run::toString);
    }

    @Test
    void officialSdkClientReceivesTheProgressOfACallOverAnEventStream() throws Exception {
        TestServer server = servers.start(Map.of("MCP_AUTH_TOKEN", TOKEN), TestTools.counting());

        OfficialSdkNodeClient.Run run =
                CLIENT.run(server, output, TOKEN, "count", "{}", Map.of("PROGRESS", "1"));

        assertEquals(0, run.exitCode(), run::toString);
        JsonObject printed = run.printedJson();
        JsonObject result = printed.getAsJsonObject("result");
        assertFalse(result.has("isError") && result.get("isError").getAsBoolean(), run::toString);
        JsonObject first = result.getAsJsonArray("content").get(0).getAsJsonObject();
        assertEquals("counted", first.get("text").getAsString(), run::toString);
        JsonArray progress = printed.getAsJsonArray("progress");
        assertEquals(3, progress.size(), run::toString);
        for (int i = 1; i <= 3; i++) {
            JsonObject event = progress.get(i - 1).getAsJsonObject();
            assertEquals(i, event.get("progress").getAsDouble(), run::toString);
            assertEquals(3.0, event.get("total").getAsDouble(), run::toString);
            assertEquals("step " + i, event.get("message").getAsString(), run::toString);
        }
        // The SDK asked for progress, so the call was answered as an event stream
        // (the client logs each reply's headers to stderr).
        assertTrue(run.stderr().contains("\"content-type\":\"text/event-stream"), run::toString);
        assertTrue(printed.get("terminated").getAsBoolean(), run::toString);
    }

    @Test
    void officialSdkClientIsRefusedWithAWrongToken() throws Exception {
        TestServer server = servers.start(Map.of("MCP_AUTH_TOKEN", TOKEN), TestTools.echo());

        CLIENT.run(server, output, "not-" + TOKEN, "echo", "{\"text\":\"hi\"}")
                .assertRefusedWith401();
    }
}
