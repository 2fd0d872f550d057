package io.clgmcp.client;

import static io.clgmcp.client.TestSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.ContentBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stdio client launching a server we did not write: the official TypeScript SDK's "everything"
 * server in its stdio mode ({@code node dist/index.js stdio}, installed by the build's {@code npm
 * ci} like the one {@link ServerEverythingInteropTest} runs over HTTP), by the machine's {@code
 * node}. Each test closes its client and finds the server's process gone.
 */
@Timeout(120)
class StdioEverythingInteropTest {
    private LaunchedServer launched;

    @AfterEach
    void closeAndFindTheServerGone() {
        if (launched != null) {
            launched.client().close();
            assertFalse(launched.process().isAlive(), "the server still runs after close");
        }
    }

    @Test
    void connectsListsAndCallsTools() {
        McpClient client = launch(UnaryOperator.identity());

        ServerDescription description = client.server();
        assertEquals(McpClient.PROTOCOL_VERSION, description.protocolVersion());
        assertEquals("mcp-servers/everything", description.name());
        assertTrue(description.can("tools"), description.capabilities()::toString);
        Set<String> names =
                client.listTools().stream().map(ToolInfo::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("echo", "get-sum")), names::toString);

        ToolCallResult echoed = client.callTool("echo", object("message", "Zoë ✓ 日本 over stdio"));

        assertFalse(echoed.isError());
        assertEquals(List.of(new ContentBlock.Text("Echo: Zoë ✓ 日本 over stdio")), echoed.content());
        client.ping();
    }

    @Test
    void hearsTheProgressOfALongRunningTool() throws Exception {
        McpClient client = launch(UnaryOperator.identity());
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        JsonObject arguments = new JsonObject();
        arguments.addProperty("duration", 1);
        arguments.addProperty("steps", 2);

        ToolCallResult result =
                client.callToolAsync(
                                "trigger-long-running-operation",
                                arguments,
                                (progress, total, message) -> heard.add(progress + "/" + total))
                        .get(ConnectedClients.WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals(
                "Long running operation completed. Duration: 1 seconds, Steps: 2.", result.text());
        assertEquals(List.of("1.0/2.0", "2.0/2.0"), heard);
    }

    @Test
    void answersTheServersSamplingRequest() {
        JsonObject sampled =
                JsonParser.parseString(
                                "{\"model\":\"test-model\",\"role\":\"assistant\",\"content\":"
                                        + "{\"type\":\"text\",\"text\":\"Hello over stdio\"},"
                                        + "\"stopReason\":\"endTurn\"}")
                        .getAsJsonObject();
        RecordingHandler handler = new RecordingHandler(sampled);
        McpClient client = launch(builder -> builder.onSampling(handler));
        JsonObject arguments = object("prompt", "Say hello");
        arguments.addProperty("maxTokens", 20);

        ToolCallResult result = client.callTool("trigger-sampling-request", arguments);

        assertFalse(result.isError(), result::text);
        String prefix = "LLM sampling result: \n";
        assertTrue(result.text().startsWith(prefix), result::text);
        assertEquals(sampled, JsonParser.parseString(result.text().substring(prefix.length())));
        assertEquals(20, handler.asked().get("maxTokens").getAsInt());
    }

    private McpClient launch(UnaryOperator<McpClient.Builder> settings) {
        launched = LaunchedServer.connect(EverythingServer.stdioCommand(), settings);
        return launched.client();
    }
}
