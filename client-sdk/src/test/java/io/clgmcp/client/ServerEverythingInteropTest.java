package io.clgmcp.client;

import static io.clgmcp.client.TestSupport.closeAll;
import static io.clgmcp.client.TestSupport.find;
import static io.clgmcp.client.TestSupport.next;
import static io.clgmcp.client.TestSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.ContentBlock;
import io.clgmcp.core.LoggingLevel;
import io.clgmcp.core.Prompt;
import io.clgmcp.core.ResourceContents;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against a server we did not write: the official TypeScript SDK's "everything" server
 * ({@code @modelcontextprotocol/server-everything}, pinned in {@code src/test/node/package.json}
 * and installed by the build's {@code npm ci}), started on a free loopback port once in its
 * Streamable HTTP mode ({@code /mcp}) and once in its 2024-11-05 HTTP+SSE mode ({@code /sse}). What
 * it offers is read from its {@code dist/} sources; every wait is bounded by {@link #WAIT}.
 */
@Timeout(120)
class ServerEverythingInteropTest {
    private static final Duration WAIT = ConnectedClients.WAIT;

    /** How long the server's simulated resource updates take to come round again (5 s) and more. */
    private static final Duration UPDATE_PERIOD = Duration.ofSeconds(15);

    private static final Path PACKAGE = EverythingServer.PACKAGE;
    private static final Path SERVER = EverythingServer.DIST;

    private static final JsonObject SAMPLED =
            JsonParser.parseString(
                            "{\"model\":\"test-model\",\"role\":\"assistant\",\"content\":"
                                    + "{\"type\":\"text\",\"text\":\"Hello from Java\"},"
                                    + "\"stopReason\":\"endTurn\"}")
                    .getAsJsonObject();

    private static NodeServer streamable;
    private static NodeServer sse;

    private final ConnectedClients clients = new ConnectedClients();

    @BeforeAll
    static void startServers() throws Exception {
        streamable = NodeServer.start("streamableHttp");
        sse = NodeServer.start("sse");
    }

    @AfterEach
    void closeClients() {
        clients.closeAll();
    }

    @AfterAll
    static void stopServers() throws Exception {
        closeAll(streamable, sse);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void connectsAndLearnsWhoTheServerIs(Transport transport) {
        McpClient client = connect(transport);

        ServerDescription description = client.server();
        assertEquals(McpClient.PROTOCOL_VERSION, description.protocolVersion());
        assertEquals("mcp-servers/everything", description.name());
        assertEquals("2.0.0", description.version());
        for (String capability :
                List.of("tools", "prompts", "resources", "logging", "completions")) {
            assertTrue(description.can(capability), description.capabilities()::toString);
        }
        assertNotNull(description.instructions());
        assertTrue(
                description.instructions().startsWith("# Everything Server"),
                description::instructions);
        client.ping();
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void listsItsToolsAndThoseItOffersForTheCapabilitiesDeclared(Transport transport) {
        McpClient plain = connect(transport);
        McpClient capable =
                connect(
                        transport,
                        builder ->
                                builder.onSampling(params -> SAMPLED)
                                        .onElicitation(params -> new JsonObject())
                                        .onRootsList(params -> new JsonObject()));

        List<ToolInfo> tools = plain.listTools();
        Set<String> names = tools.stream().map(ToolInfo::name).collect(Collectors.toSet());
        assertTrue(
                names.containsAll(
                        Set.of(
                                "echo",
                                "get-sum",
                                "get-structured-content",
                                "trigger-long-running-operation",
                                "toggle-subscriber-updates")),
                names::toString);
        assertFalse(names.contains("trigger-sampling-request"), names::toString);
        assertFalse(names.contains("trigger-elicitation-request"), names::toString);
        assertFalse(names.contains("get-roots-list"), names::toString);

        ToolInfo echo = find(tools, ToolInfo::name, "echo");
        assertEquals("Echo Tool", echo.title());
        assertEquals("Echoes back the input string", echo.description());
        assertEquals(
                "string",
                echo.inputSchema()
                        .getAsJsonObject("properties")
                        .getAsJsonObject("message")
                        .get("type")
                        .getAsString());
        assertNotNull(find(tools, ToolInfo::name, "get-structured-content").outputSchema());

        Set<String> offeredToCapable =
                capable.listTools().stream().map(ToolInfo::name).collect(Collectors.toSet());
        assertTrue(
                offeredToCapable.containsAll(
                        Set.of(
                                "trigger-sampling-request",
                                "trigger-elicitation-request",
                                "get-roots-list")),
                offeredToCapable::toString);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void callsToolsAndTypesTheirResults(Transport transport) {
        McpClient client = connect(transport);

        ToolCallResult echoed = client.callTool("echo", object("message", "hello from Java"));
        assertFalse(echoed.isError());
        assertEquals(List.of(new ContentBlock.Text("Echo: hello from Java")), echoed.content());

        JsonObject numbers = new JsonObject();
        numbers.addProperty("a", 2);
        numbers.addProperty("b", 40);
        assertEquals("The sum of 2 and 40 is 42.", client.callTool("get-sum", numbers).text());

        ToolCallResult weather =
                client.callTool("get-structured-content", object("location", "Chicago"));
        JsonObject expected =
                JsonParser.parseString(
                                "{\"temperature\":36,\"conditions\":\"Light rain / drizzle\","
                                        + "\"humidity\":82}")
                        .getAsJsonObject();
        assertEquals(expected, weather.structuredContent());
        assertEquals(expected, JsonParser.parseString(weather.text()));

        ToolCallResult unknown = client.callTool("no-such-tool", new JsonObject());
        assertTrue(unknown.isError());
        assertTrue(unknown.text().contains("Tool no-such-tool not found"), unknown::text);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void reportsTheProgressOfALongRunningTool(Transport transport) throws Exception {
        McpClient client = connect(transport);
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        JsonObject arguments = new JsonObject();
        arguments.addProperty("duration", 1);
        arguments.addProperty("steps", 4);

        ToolCallResult result =
                client.callToolAsync(
                                "trigger-long-running-operation",
                                arguments,
                                (progress, total, message) ->
                                        heard.add(progress + "/" + total + " " + message))
                        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals(
                "Long running operation completed. Duration: 1 seconds, Steps: 4.", result.text());
        assertEquals(
                List.of("1.0/4.0 null", "2.0/4.0 null", "3.0/4.0 null", "4.0/4.0 null"), heard);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void listsAndReadsResources(Transport transport) throws IOException {
        McpClient client = connect(transport);

        List<String> documents;
        try (Stream<Path> files = Files.list(SERVER.resolve("docs"))) {
            documents = files.map(file -> file.getFileName().toString()).sorted().toList();
        }
        assertFalse(documents.isEmpty());
        List<ResourceInfo> resources = client.listResources();
        assertEquals(
                documents.stream().map(name -> "demo://resource/static/document/" + name).toList(),
                resources.stream().map(ResourceInfo::uri).sorted().toList());
        ResourceInfo instructions = find(resources, ResourceInfo::name, "instructions.md");
        assertEquals("text/markdown", instructions.mimeType());
        assertEquals(
                "Static document file exposed from /docs: instructions.md",
                instructions.description());

        assertEquals(
                List.of(
                        ResourceContents.text(
                                instructions.uri(),
                                "text/markdown",
                                Files.readString(SERVER.resolve("docs/instructions.md")))),
                client.readResource(instructions.uri()));
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void readsResourcesMadeFromTemplates(Transport transport) {
        McpClient client = connect(transport);

        List<ResourceInfo> templates = client.listResourceTemplates();
        assertEquals(
                Set.of(
                        "demo://resource/dynamic/text/{resourceId}",
                        "demo://resource/dynamic/blob/{resourceId}"),
                templates.stream().map(ResourceInfo::uri).collect(Collectors.toSet()));
        assertEquals(
                "Dynamic Text Resource",
                find(templates, ResourceInfo::uri, "demo://resource/dynamic/text/{resourceId}")
                        .name());

        List<ResourceContents> text = client.readResource("demo://resource/dynamic/text/7");
        assertEquals(1, text.size());
        assertEquals("demo://resource/dynamic/text/7", text.get(0).uri());
        assertEquals("text/plain", text.get(0).mimeType());
        assertTrue(
                text.get(0)
                        .text()
                        .startsWith("Resource 7: This is a plaintext resource created at "),
                text.get(0)::text);

        List<ResourceContents> blob = client.readResource("demo://resource/dynamic/blob/7");
        assertEquals(1, blob.size());
        assertNull(blob.get(0).text());
        String decoded =
                new String(Base64.getDecoder().decode(blob.get(0).blob()), StandardCharsets.UTF_8);
        assertTrue(decoded.startsWith("Resource 7: This is a base64 blob created at "), decoded);

        McpErrorException unknown =
                assertThrows(
                        McpErrorException.class,
                        () -> client.readResource("demo://resource/nowhere"));
        assertEquals(-32602, unknown.code());
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void listsAndFillsInPrompts(Transport transport) {
        McpClient client = connect(transport);

        List<PromptInfo> prompts = client.listPrompts();
        assertTrue(
                prompts.stream()
                        .map(PromptInfo::name)
                        .collect(Collectors.toSet())
                        .containsAll(Set.of("simple-prompt", "args-prompt", "completable-prompt")),
                prompts::toString);
        PromptInfo args = find(prompts, PromptInfo::name, "args-prompt");
        assertEquals("Arguments Prompt", args.title());
        assertEquals(
                List.of(
                        new PromptInfo.Argument("city", "Name of the city", true),
                        // The SDK drops the description of an optional zod argument.
                        new PromptInfo.Argument("state", null, false)),
                args.arguments());

        assertEquals(
                List.of(Prompt.Message.user("This is a simple prompt without arguments.")),
                client.getPrompt("simple-prompt", Map.of()).messages());
        assertEquals(
                List.of(Prompt.Message.user("What's weather in Lyon, Rhône?")),
                client.getPrompt("args-prompt", Map.of("city", "Lyon", "state", "Rhône"))
                        .messages());
        assertEquals(
                List.of(Prompt.Message.user("What's weather in Lyon?")),
                client.getPrompt("args-prompt", Map.of("city", "Lyon")).messages());

        McpErrorException missing =
                assertThrows(
                        McpErrorException.class,
                        () -> client.getPrompt("args-prompt", Map.of("state", "Rhône")));
        assertEquals(-32602, missing.code());
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void completesPromptArgumentsAndTemplateVariables(Transport transport) {
        McpClient client = connect(transport);

        assertEquals(
                List.of("Sales", "Support"),
                client.complete("ref/prompt", "completable-prompt", "department", "S").values());
        assertEquals(
                List.of("12"),
                client.complete(
                                "ref/resource",
                                "demo://resource/dynamic/text/{resourceId}",
                                "resourceId",
                                "12")
                        .values());
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void answersSamplingRequestsWithTheApplicationsHandler(Transport transport) {
        RecordingHandler handler = new RecordingHandler(SAMPLED);
        McpClient client = connect(transport, builder -> builder.onSampling(handler));
        JsonObject arguments = object("prompt", "Say hello");
        arguments.addProperty("maxTokens", 20);

        ToolCallResult result = client.callTool("trigger-sampling-request", arguments);

        assertFalse(result.isError(), result::text);
        String prefix = "LLM sampling result: \n";
        assertTrue(result.text().startsWith(prefix), result::text);
        assertEquals(SAMPLED, JsonParser.parseString(result.text().substring(prefix.length())));
        JsonObject params = handler.asked();
        assertEquals(20, params.get("maxTokens").getAsInt());
        assertEquals("You are a helpful test server.", params.get("systemPrompt").getAsString());
        JsonObject message = params.getAsJsonArray("messages").get(0).getAsJsonObject();
        assertEquals("user", message.get("role").getAsString());
        assertEquals(
                "Resource trigger-sampling-request context: Say hello",
                message.getAsJsonObject("content").get("text").getAsString());
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void answersElicitationRequestsWithTheApplicationsHandler(Transport transport) {
        RecordingHandler handler =
                RecordingHandler.answering(
                        "{\"action\":\"accept\",\"content\":{"
                                + "\"name\":\"Ada Lovelace\","
                                + "\"check\":true,"
                                + "\"email\":\"ada@example.org\","
                                + "\"integer\":7}}");
        McpClient client = connect(transport, builder -> builder.onElicitation(handler));

        ToolCallResult result = client.callTool("trigger-elicitation-request", new JsonObject());

        assertFalse(result.isError(), result::text);
        assertEquals(3, result.content().size(), result::text);
        assertEquals(
                new ContentBlock.Text(
                        "User inputs:\n"
                                + "- Name: Ada Lovelace\n"
                                + "- Agreed to terms: true\n"
                                + "- Email: ada@example.org\n"
                                + "- Favorite Integer: 7"),
                result.content().get(1));
        JsonObject params = handler.asked();
        assertEquals(
                "Please provide inputs for the following fields:",
                params.get("message").getAsString());
        assertEquals(
                JsonParser.parseString("[\"name\"]"),
                params.getAsJsonObject("requestedSchema").get("required"));
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void answersRootsRequestsWithTheApplicationsHandler(Transport transport) {
        McpClient client =
                connect(
                        transport,
                        builder ->
                                builder.onRootsList(
                                        params ->
                                                JsonParser.parseString(
                                                                "{\"roots\":[{\"uri\":"
                                                                        + "\"file:///tmp/project\","
                                                                        + "\"name\":\"project\"}]}")
                                                        .getAsJsonObject()));

        ToolCallResult result = client.callTool("get-roots-list", new JsonObject());

        assertFalse(result.isError(), result::text);
        assertTrue(
                result.text()
                        .startsWith(
                                "Current MCP Roots (1 total):\n\n"
                                        + "1. project\n"
                                        + "   URI: file:///tmp/project\n\n"),
                result::text);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"STREAMABLE", "LEGACY_SSE"})
    void hearsResourceUpdatesAndLogMessagesForASubscription(Transport transport) throws Exception {
        BlockingQueue<JsonRpcNotification> notifications = new LinkedBlockingQueue<>();
        McpClient client =
                connect(transport, builder -> builder.onNotification(notifications::add));
        client.setLoggingLevel(LoggingLevel.DEBUG);
        String uri = "demo://resource/dynamic/text/1001";

        client.subscribe(uri);
        String started = client.callTool("toggle-subscriber-updates", new JsonObject()).text();
        assertTrue(started.startsWith("Started simulated resource updated"), started);
        try {
            // The server sends the first update at once, then every 5 s; over Streamable HTTP
            // the first may go out before the client's GET stream is open, and is then lost.
            JsonRpcNotification updated =
                    next(notifications, "notifications/resources/updated", UPDATE_PERIOD);
            assertEquals(uri, updated.params().get("uri").getAsString());

            client.unsubscribe(uri);
            // Now that the stream that carries it is surely open, the log message is not lost.
            String logged = "";
            while (!logged.startsWith("Received Unsubscribe Resource request: " + uri)) {
                JsonObject params = next(notifications, "notifications/message", WAIT).params();
                assertEquals("info", params.get("level").getAsString(), params::toString);
                logged = params.get("data").getAsString();
            }
        } finally {
            client.callTool("toggle-subscriber-updates", new JsonObject());
        }
    }

    // ---------------------------------------------------------------- helpers

    private McpClient connect(Transport transport) {
        return connect(transport, UnaryOperator.identity());
    }

    private McpClient connect(Transport transport, UnaryOperator<McpClient.Builder> settings) {
        URI url =
                transport == Transport.STREAMABLE
                        ? streamable.uri().resolve("/mcp")
                        : sse.uri().resolve("/sse");
        return clients.connect(url, transport, settings);
    }

    /**
     * The "everything" server in one of its HTTP modes, run by the machine's {@code node} with
     * {@code loopback.cjs} preloaded (it would otherwise listen on every interface). Its output is
     * kept, and written to {@code target/} when it stops.
     */
    static final class NodeServer implements AutoCloseable {
        private static final Duration STARTUP = Duration.ofSeconds(30);

        private final String mode;
        private final Process process;
        private final int port;
        private final List<String> output = Collections.synchronizedList(new ArrayList<>());

        private NodeServer(String mode, Process process, int port) {
            this.mode = mode;
            this.process = process;
            this.port = port;
        }

        /** Starts the server and waits until it says it listens. */
        static NodeServer start(String mode) throws Exception {
            Path entry = EverythingServer.entry();
            int port = freePort();
            ProcessBuilder builder =
                    new ProcessBuilder(
                                    "node",
                                    "--require",
                                    PACKAGE.resolve("loopback.cjs").toString(),
                                    entry.toString(),
                                    mode)
                            .directory(PACKAGE.toFile())
                            .redirectErrorStream(true);
            builder.environment().put("PORT", String.valueOf(port));
            NodeServer server = new NodeServer(mode, builder.start(), port);
            server.awaitListening();
            return server;
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port + "/");
        }

        private void awaitListening() throws Exception {
            CompletableFuture<Void> listening = new CompletableFuture<>();
            String announcement = "on port " + port;
            Thread reader =
                    new Thread(
                            () -> {
                                try (BufferedReader lines =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        process.getInputStream(),
                                                        StandardCharsets.UTF_8))) {
                                    String line;
                                    while ((line = lines.readLine()) != null) {
                                        output.add(line);
                                        if (line.endsWith(announcement)) {
                                            listening.complete(null);
                                        }
                                    }
                                } catch (IOException ended) {
                                    // The process is gone; the future below says so.
                                }
                                listening.completeExceptionally(
                                        new IllegalStateException("the server's output ended"));
                            },
                            "everything-" + mode + "-output");
            reader.setDaemon(true);
            reader.start();
            try {
                listening.get(STARTUP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                close();
                throw new AssertionError(
                        "the everything server ("
                                + mode
                                + ") did not say it listens "
                                + announcement
                                + " within "
                                + STARTUP
                                + "; it printed:\n"
                                + String.join("\n", output),
                        e);
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            Path target =
                    Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target");
            if (Files.isDirectory(target)) {
                synchronized (output) {
                    Files.write(target.resolve("server-everything-" + mode + ".log"), output);
                }
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
