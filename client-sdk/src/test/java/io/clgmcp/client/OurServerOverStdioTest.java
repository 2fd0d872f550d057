package io.clgmcp.client;

import static io.clgmcp.client.TestSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.core.ResourceContents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stdio client launching our own server in its stdio mode ({@code io.clgmcp.server.Main
 * --stdio}, what {@code java -jar clg-mcp-server.jar --stdio} runs) with this JVM's class path and
 * the conformance fixtures ({@code MCP_PROFILE=conformance}), as a real child process. Each test
 * closes its client and finds the server's process gone.
 */
@Timeout(120)
class OurServerOverStdioTest {
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

        assertEquals("clg-mcp", client.server().name());
        assertEquals(McpClient.PROTOCOL_VERSION, client.server().protocolVersion());
        Set<String> names =
                client.listTools().stream().map(ToolInfo::name).collect(Collectors.toSet());
        assertTrue(
                names.containsAll(Set.of("test_simple_text", "test_tool_with_progress")),
                names::toString);

        ToolCallResult result = client.callTool("test_simple_text", new JsonObject());

        assertFalse(result.isError());
        assertEquals("This is a simple text response for testing.", result.text());
        client.ping();
    }

    @Test
    void readsAResource() {
        McpClient client = launch(UnaryOperator.identity());

        List<ResourceContents> contents = client.readResource("test://static-text");

        assertEquals(1, contents.size());
        assertEquals("This is the content of the static text resource.", contents.get(0).text());
    }

    @Test
    void hearsTheProgressOfATool() throws Exception {
        McpClient client = launch(UnaryOperator.identity());
        List<Double> heard = Collections.synchronizedList(new ArrayList<>());

        ToolCallResult result =
                client.callToolAsync(
                                "test_tool_with_progress",
                                new JsonObject(),
                                (progress, total, message) -> heard.add(progress))
                        .get(ConnectedClients.WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("Progress reported: 0, 50, 100 of 100", result.text());
        assertEquals(List.of(0.0, 50.0, 100.0), heard);
    }

    @Test
    void answersTheServersSamplingRequest() {
        RecordingHandler handler =
                RecordingHandler.answering(
                        "{\"model\":\"test-model\",\"role\":\"assistant\",\"content\":"
                                + "{\"type\":\"text\",\"text\":\"Hello over stdio\"}}");
        McpClient client = launch(builder -> builder.onSampling(handler));

        ToolCallResult result = client.callTool("test_sampling", object("prompt", "Say hello"));

        assertFalse(result.isError(), result::text);
        assertEquals("LLM response: Hello over stdio", result.text());
        assertEquals(100, handler.asked().get("maxTokens").getAsInt());
    }

    private McpClient launch(UnaryOperator<McpClient.Builder> settings) {
        launched =
                LaunchedServer.connect(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "io.clgmcp.server.Main",
                                "--stdio"),
                        builder ->
                                settings.apply(
                                        builder.environment(
                                                Map.of(
                                                        "MCP_PROFILE",
                                                        "conformance",
                                                        "PORT",
                                                        "0"))));
        return launched.client();
    }
}
