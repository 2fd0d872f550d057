package io.clgmcp.client;

import static io.clgmcp.client.TestSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stdio client against {@link ScriptedStdioServer}, a real child process: what it sends and
 * hears, the lines it skips, a server that exits at once or mid-call, and one that will not exit
 * when asked, which closing kills. Each test finds the server among this JVM's children, to see it
 * gone after closing.
 */
@Timeout(60)
class StdioClientTest {
    private static final Duration WAIT = ConnectedClients.WAIT;

    @Test
    void talksToTheServerAndStopsItOnClose() {
        LaunchedServer launched = launch("plain", UnaryOperator.identity());

        try (McpClient client = launched.client()) {
            assertEquals("scripted", client.server().name());
            client.ping();
            assertEquals(
                    List.of("echo", "env", "cwd", "die"),
                    client.listTools().stream().map(ToolInfo::name).toList());
            assertEquals(
                    "Zoë ✓ <&> 日本\n\"quoted\"",
                    client.callTool("echo", object("text", "Zoë ✓ <&> 日本\n\"quoted\"")).text());
            assertTrue(launched.process().isAlive());
        }

        assertFalse(launched.process().isAlive());
    }

    @Test
    void givesTheServerItsEnvironmentAndDirectory(@TempDir Path directory) throws Exception {
        LaunchedServer launched =
                launch(
                        "plain",
                        builder ->
                                builder.environment(Map.of("STDIO_TEST_VALUE", "from the client"))
                                        .workingDirectory(directory));

        try (McpClient client = launched.client()) {
            assertEquals(
                    "from the client",
                    client.callTool("env", object("name", "STDIO_TEST_VALUE")).text());
            assertEquals(
                    directory.toRealPath(),
                    Path.of(client.callTool("cwd", new JsonObject()).text()).toRealPath());
        }
    }

    @Test
    void skipsLinesThatAreNoJsonRpcMessage() {
        LaunchedServer launched = launch("garbage", UnaryOperator.identity());

        try (McpClient client = launched.client()) {
            assertEquals("scripted", client.server().name());
            assertEquals(4, client.listTools().size());
            assertEquals(
                    "still here", client.callTool("echo", object("text", "still here")).text());
        }
        assertFalse(launched.process().isAlive());
    }

    @Test
    void drainsAChattyStandardErrorEvenWhenItsConsumerFails() {
        LaunchedServer launched =
                launch(
                        "chatty",
                        builder ->
                                builder.stderr(
                                        line -> {
                                            throw new IllegalStateException("cannot take " + line);
                                        }));

        try (McpClient client = launched.client()) {
            assertEquals("heard", client.callTool("echo", object("text", "heard")).text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ignores-eof", "ignores-eof-and-term"})
    void killsAServerThatWillNotExitWhenClosed(String mode) {
        LaunchedServer launched = launch(mode, UnaryOperator.identity());
        McpClient client = launched.client();
        assertEquals("echo", client.callTool("echo", object("text", "echo")).text());

        client.close();

        assertFalse(launched.process().isAlive(), mode);
    }

    @Test
    void aServerThatExitsAtOnceFailsTheConnectionWithItsStatusAndLastWords() {
        McpClient.Builder builder =
                McpClient.builder(ScriptedStdioServer.command("exits"))
                        .requestTimeout(WAIT)
                        .stderr(line -> {});

        McpTransportException failure = assertThrows(McpTransportException.class, builder::connect);

        assertTrue(
                failure.getMessage().contains("the server process exited with status 3"),
                failure::getMessage);
        assertTrue(
                failure.getMessage().contains("scripted server: no configuration, giving up"),
                failure::getMessage);
    }

    @Test
    void aCommandThatCannotBeStartedFailsTheConnection() {
        McpClient.Builder builder = McpClient.builder(List.of("/no/such/mcp-server", "--stdio"));

        McpTransportException failure = assertThrows(McpTransportException.class, builder::connect);

        assertTrue(
                failure.getMessage()
                        .startsWith(
                                "connect: could not start the server command"
                                        + " '/no/such/mcp-server"
                                        + " --stdio'"),
                failure::getMessage);
    }

    @Test
    void aServerThatExitsMidCallFailsThatCallAndEveryLaterOne() {
        LaunchedServer launched = launch("plain", UnaryOperator.identity());

        try (McpClient client = launched.client()) {
            McpTransportException during =
                    assertThrows(
                            McpTransportException.class,
                            () -> client.callTool("die", new JsonObject()));
            McpTransportException after =
                    assertThrows(
                            McpTransportException.class,
                            () -> client.callTool("echo", object("text", "anyone?")));

            for (McpTransportException failure : List.of(during, after)) {
                assertTrue(
                        failure.getMessage().contains("the server process exited with status 7"),
                        failure::getMessage);
                assertTrue(
                        failure.getMessage().contains("scripted server: asked to die"),
                        failure::getMessage);
            }
            assertFalse(launched.process().isAlive());
        }
    }

    @Test
    void passesTheServersStandardErrorToItsConsumer() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        LaunchedServer launched = launch("plain", builder -> builder.stderr(heard::add));

        launched.client().close();

        assertTrue(heard.contains("scripted server: started in mode plain"), heard::toString);
    }

    @Test
    void refusesOptionsOfTheOtherKindOfServer() {
        McpClient.Builder launching = McpClient.builder(List.of("server"));
        McpClient.Builder reaching = McpClient.builder(URI.create("http://127.0.0.1:1/mcp"));

        IllegalArgumentException transport =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> launching.transport(Transport.STREAMABLE));
        assertThrows(IllegalArgumentException.class, () -> launching.bearerToken("token"));
        assertThrows(
                IllegalArgumentException.class,
                () -> launching.connectTimeout(Duration.ofSeconds(1)));
        IllegalArgumentException environment =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> reaching.environment(Map.of("A", "b")));
        assertThrows(IllegalArgumentException.class, () -> reaching.workingDirectory(Path.of(".")));
        assertThrows(
                IllegalArgumentException.class, () -> reaching.shutdownGrace(LaunchedServer.GRACE));
        assertThrows(IllegalArgumentException.class, () -> McpClient.builder(List.of()));

        assertEquals(
                "transport applies to a server reached by URL; this client launches 'server' and"
                        + " speaks to it over stdio",
                transport.getMessage());
        assertTrue(
                environment.getMessage().startsWith("environment applies to a server the client"),
                environment::getMessage);
    }

    // ---------------------------------------------------------------- helpers

    private static LaunchedServer launch(String mode, UnaryOperator<McpClient.Builder> settings) {
        return LaunchedServer.connect(ScriptedStdioServer.command(mode), settings);
    }
}
