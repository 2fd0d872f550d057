package io.clgmcp.client;

import static io.clgmcp.client.TestSupport.closeAll;
import static io.clgmcp.client.TestSupport.find;
import static io.clgmcp.client.TestSupport.next;
import static io.clgmcp.client.TestSupport.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import io.clgmcp.core.ContentBlock;
import io.clgmcp.core.LoggingLevel;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.Prompt;
import io.clgmcp.core.ResourceContents;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.server.ClgMcpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client end to end against our real server, started in-process on a free loopback port with
 * the conformance fixtures ({@code MCP_PROFILE=conformance}), two pages of everything ({@code
 * MCP_PAGE_SIZE=2}) and a few tools of this test's own; every behaviour on every transport that can
 * carry it. Every wait is bounded by {@link #WAIT}.
 */
@Timeout(120)
class McpClientTest {
    private static final Duration WAIT = ConnectedClients.WAIT;
    private static final String TOKEN = "client-e2e-token";
    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
    };

    private static final Core core = new Core();
    private static final Gates gates = new Gates();
    private static ClgMcpServer server;
    private static ClgMcpServer guarded;

    private final ConnectedClients clients = new ConnectedClients();

    @BeforeAll
    static void startServers() throws Exception {
        server =
                InProcessServer.start(
                        Map.of(
                                "MCP_PROFILE", "conformance",
                                "MCP_PAGE_SIZE", "2",
                                "MCP_STREAM_RETRY_MS", "100"),
                        new TestModule());
        guarded = InProcessServer.start(Map.of("MCP_AUTH_TOKEN", TOKEN));
    }

    @AfterEach
    void closeClients() {
        gates.releaseAll();
        clients.closeAll();
    }

    @AfterAll
    static void stopServers() throws Exception {
        closeAll(guarded, server);
    }

    // ---------------------------------------------------------------- every transport

    @ParameterizedTest
    @EnumSource(Transport.class)
    void connectsAndLearnsWhoTheServerIs(Transport transport) {
        McpClient client = connect(transport);

        ServerDescription description = client.server();
        assertEquals(McpClient.PROTOCOL_VERSION, description.protocolVersion());
        assertEquals("clg-mcp", description.name());
        assertNotNull(description.version());
        assertFalse(description.version().isBlank());
        assertTrue(description.can("tools"), description.capabilities()::toString);
        assertTrue(description.can("resources"), description.capabilities()::toString);
        assertTrue(description.can("prompts"), description.capabilities()::toString);
        assertTrue(description.can("logging"), description.capabilities()::toString);
        assertDoesNotThrow(client::ping);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listsEveryToolByFollowingCursors(Transport transport) {
        McpClient client = connect(transport);

        JsonObject firstPage = client.request("tools/list", new JsonObject());
        assertEquals(2, firstPage.getAsJsonArray("tools").size(), firstPage::toString);
        assertInstanceOf(JsonPrimitive.class, firstPage.get("nextCursor"), firstPage::toString);

        List<ToolInfo> tools = client.listTools();
        List<String> expected = core.server.tools().stream().map(Tool::name).toList();
        assertTrue(expected.size() > 4, () -> "too few tools to need pages: " + expected);
        assertEquals(expected, tools.stream().map(ToolInfo::name).toList());

        ToolInfo sampling = find(tools, ToolInfo::name, "test_sampling");
        assertEquals(
                "Asks the client's model to answer a prompt (sampling)", sampling.description());
        assertEquals(
                JsonParser.parseString("[\"prompt\"]"), sampling.inputSchema().get("required"));
        assertEquals("test_sampling", sampling.raw().get("name").getAsString());
        ToolInfo weather = find(tools, ToolInfo::name, "weather");
        assertEquals("object", weather.outputSchema().get("type").getAsString(), weather::toString);
        assertNull(find(tools, ToolInfo::name, "test_simple_text").outputSchema());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void callsToolsAndTypesTheirResults(Transport transport) {
        McpClient client = connect(transport);

        ToolCallResult simple = client.callTool("test_simple_text", new JsonObject());
        assertFalse(simple.isError());
        assertEquals(
                List.of(new ContentBlock.Text("This is a simple text response for testing.")),
                simple.content());
        assertNull(simple.structuredContent());

        ToolCallResult echoed = client.callTool("echo", object("text", "bonjour"));
        assertEquals("echo: bonjour", echoed.text());

        ToolCallResult weather = client.callTool("weather", object("city", "Oslo"));
        assertFalse(weather.isError());
        JsonObject expected =
                JsonParser.parseString("{\"city\":\"Oslo\",\"temperature\":-3,\"sunny\":false}")
                        .getAsJsonObject();
        assertEquals(expected, weather.structuredContent());
        assertEquals(expected, JsonParser.parseString(weather.text()));
        assertEquals(expected, weather.raw().getAsJsonObject("structuredContent"));

        ToolCallResult failed = client.callTool("test_error_handling", new JsonObject());
        assertTrue(failed.isError());
        assertEquals("This tool intentionally returns an error for testing", failed.text());

        ToolCallResult image = client.callTool("test_image_content", new JsonObject());
        ContentBlock.Image png = assertInstanceOf(ContentBlock.Image.class, image.content().get(0));
        assertEquals("image/png", png.mimeType());
        assertStartsWith(PNG_SIGNATURE, Base64.getDecoder().decode(png.data()));

        ToolCallResult embedded = client.callTool("test_embedded_resource", new JsonObject());
        ContentBlock.EmbeddedResource resource =
                assertInstanceOf(ContentBlock.EmbeddedResource.class, embedded.content().get(0));
        assertEquals(
                ResourceContents.text(
                        "test://embedded-resource",
                        "text/plain",
                        "This is an embedded resource content."),
                resource.resource());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnknownToolIsAnInvalidParamsError(Transport transport) {
        McpClient client = connect(transport);

        McpErrorException error =
                assertThrows(
                        McpErrorException.class,
                        () -> client.callTool("no_such_tool", new JsonObject()));
        assertEquals(-32602, error.code());
        assertTrue(error.getMessage().contains("no_such_tool"), error::getMessage);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listsAndReadsResourcesAndTemplates(Transport transport) {
        McpClient client = connect(transport);

        JsonObject firstPage = client.request("resources/list", new JsonObject());
        assertEquals(2, firstPage.getAsJsonArray("resources").size(), firstPage::toString);
        assertTrue(firstPage.has("nextCursor"), firstPage::toString);

        List<ResourceInfo> resources = client.listResources();
        assertEquals(
                Set.of("test://static-text", "test://static-binary", "test://watched-resource"),
                resources.stream().map(ResourceInfo::uri).collect(Collectors.toSet()));
        assertEquals(3, resources.size());
        assertEquals(
                new ResourceInfo(
                        "test://static-text",
                        "static-text",
                        "Static Text Resource",
                        "A static text resource for testing",
                        "text/plain"),
                find(resources, ResourceInfo::uri, "test://static-text"));

        List<ResourceInfo> templates = client.listResourceTemplates();
        assertEquals(
                List.of(
                        new ResourceInfo(
                                "test://template/{id}/data",
                                "template",
                                "Resource Template",
                                "A resource template with parameter substitution",
                                "application/json")),
                templates);

        assertEquals(
                List.of(
                        ResourceContents.text(
                                "test://static-text",
                                "text/plain",
                                "This is the content of the static text resource.")),
                client.readResource("test://static-text"));

        List<ResourceContents> binary = client.readResource("test://static-binary");
        assertEquals(1, binary.size());
        assertEquals("test://static-binary", binary.get(0).uri());
        assertEquals("image/png", binary.get(0).mimeType());
        assertNull(binary.get(0).text());
        assertStartsWith(PNG_SIGNATURE, Base64.getDecoder().decode(binary.get(0).blob()));

        List<ResourceContents> filled = client.readResource("test://template/42/data");
        assertEquals(1, filled.size());
        assertEquals("application/json", filled.get(0).mimeType());
        assertEquals(
                JsonParser.parseString(
                        "{\"id\":\"42\",\"templateTest\":true,\"data\":\"Data for ID: 42\"}"),
                JsonParser.parseString(filled.get(0).text()));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listsAndFillsInPrompts(Transport transport) {
        McpClient client = connect(transport);

        List<PromptInfo> prompts = client.listPrompts();
        assertEquals(
                List.of(
                        "test_simple_prompt",
                        "test_prompt_with_arguments",
                        "test_prompt_with_embedded_resource",
                        "test_prompt_with_image"),
                prompts.stream().map(PromptInfo::name).toList());
        PromptInfo withArguments = find(prompts, PromptInfo::name, "test_prompt_with_arguments");
        assertEquals("Prompt With Arguments", withArguments.title());
        assertEquals(
                List.of(
                        new PromptInfo.Argument("arg1", "First test argument", true),
                        new PromptInfo.Argument("arg2", "Second test argument", true)),
                withArguments.arguments());

        Prompt.Result simple = client.getPrompt("test_simple_prompt", Map.of());
        assertEquals(
                List.of(Prompt.Message.user("This is a simple prompt for testing.")),
                simple.messages());

        Prompt.Result filled =
                client.getPrompt(
                        "test_prompt_with_arguments", Map.of("arg1", "alpha", "arg2", "beta"));
        assertEquals(
                List.of(Prompt.Message.user("Prompt with arguments: arg1='alpha', arg2='beta'")),
                filled.messages());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMissingPromptArgumentIsAnInvalidParamsError(Transport transport) {
        McpClient client = connect(transport);

        McpErrorException error =
                assertThrows(
                        McpErrorException.class,
                        () ->
                                client.getPrompt(
                                        "test_prompt_with_arguments", Map.of("arg1", "alpha")));
        assertEquals(-32602, error.code());
        assertTrue(error.getMessage().contains("arg2"), error::getMessage);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void completesPromptArgumentsAndTemplateVariables(Transport transport) {
        McpClient client = connect(transport);

        CompletionResult arguments =
                client.complete("ref/prompt", "test_prompt_with_arguments", "arg1", "pa");
        assertEquals(List.of("paris", "park", "party"), arguments.values());
        assertFalse(arguments.hasMore());

        CompletionResult ids =
                client.complete("ref/resource", "test://template/{id}/data", "id", "4");
        assertEquals(List.of("42"), ids.values());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void setsTheLoggingLevel(Transport transport) {
        McpClient client = connect(transport);

        assertDoesNotThrow(() -> client.setLoggingLevel(LoggingLevel.DEBUG));
        assertDoesNotThrow(() -> client.setLoggingLevel(LoggingLevel.EMERGENCY));
        JsonObject unknown = new JsonObject();
        unknown.addProperty("level", "deafening");
        McpErrorException error =
                assertThrows(
                        McpErrorException.class, () -> client.request("logging/setLevel", unknown));
        assertEquals(-32602, error.code());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCallLongerThanTheRequestTimeoutFailsWithATimeout(Transport transport) throws Exception {
        McpClient client = connect(transport, builder -> builder.requestTimeout(WAIT.dividedBy(5)));
        Gate gate = gates.open();

        McpTimeoutException timeout =
                assertThrows(
                        McpTimeoutException.class,
                        () -> client.callTool("block", object("gate", gate.name)));
        assertTrue(timeout.getMessage().contains("tools/call"), timeout::getMessage);
        assertTrue(gate.started.isDone(), "the tool never ran");
        assertDoesNotThrow(client::ping);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cancellingACallEndsItsFutureAndLeavesTheClientUsable(Transport transport)
            throws Exception {
        McpClient client = connect(transport);
        Gate gate = gates.open();

        CompletableFuture<ToolCallResult> call =
                client.callToolAsync("block", object("gate", gate.name), null);
        gate.started.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(call.cancel(true));

        assertTrue(call.isCancelled());
        assertThrows(CancellationException.class, call::join);
        assertEquals("echo: after", client.callTool("echo", object("text", "after")).text());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWrongTokenIsRefusedAtConnect(Transport transport) {
        McpAuthException refused =
                assertThrows(
                        McpAuthException.class,
                        () ->
                                McpClient.builder(endpoint(guarded.uri(), transport))
                                        .transport(transport)
                                        .bearerToken("not-" + TOKEN)
                                        .requestTimeout(WAIT)
                                        .connect()
                                        .close());
        assertEquals(401, refused.status());

        McpAuthException anonymous =
                assertThrows(
                        McpAuthException.class,
                        () ->
                                McpClient.builder(endpoint(guarded.uri(), transport))
                                        .transport(transport)
                                        .requestTimeout(WAIT)
                                        .connect()
                                        .close());
        assertEquals(401, anonymous.status());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theRightTokenIsAccepted(Transport transport) {
        McpClient client =
                clients.track(
                        McpClient.builder(endpoint(guarded.uri(), transport))
                                .transport(transport)
                                .bearerToken(TOKEN)
                                .requestTimeout(WAIT)
                                .connect());

        assertEquals("clg-mcp", client.server().name());
        assertDoesNotThrow(client::ping);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnreachableServerIsATransportFailure(Transport transport) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = endpoint(URI.create("http://127.0.0.1:" + closedPort + "/"), transport);

        McpTransportException failure =
                assertThrows(
                        McpTransportException.class,
                        () ->
                                McpClient.builder(nowhere)
                                        .transport(transport)
                                        .connectTimeout(WAIT)
                                        .requestTimeout(WAIT)
                                        .connect()
                                        .close());
        assertEquals(0, failure.status());
        assertTrue(failure.getMessage().contains(String.valueOf(closedPort)), failure::getMessage);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servesManyConcurrentCallsFromManyThreads(Transport transport) throws Exception {
        McpClient client = connect(transport);
        int threads = 6;
        int callsPerThread = 15;
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch together = new CountDownLatch(threads);
            List<Future<List<String>>> mismatches = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int caller = thread;
                mismatches.add(
                        callers.submit(
                                () -> {
                                    together.countDown();
                                    together.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                                    Map<String, CompletableFuture<ToolCallResult>> calls =
                                            new LinkedHashMap<>();
                                    for (int call = 0; call < callsPerThread; call++) {
                                        String text = "caller " + caller + " call " + call;
                                        calls.put(
                                                text,
                                                client.callToolAsync(
                                                        "echo", object("text", text), null));
                                    }
                                    client.ping();
                                    List<String> wrong = new ArrayList<>();
                                    for (var call : calls.entrySet()) {
                                        String answer =
                                                call.getValue()
                                                        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                                                        .text();
                                        if (!answer.equals("echo: " + call.getKey())) {
                                            wrong.add(call.getKey() + " -> " + answer);
                                        }
                                    }
                                    return wrong;
                                }));
            }
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> each : mismatches) {
                wrong.addAll(each.get(WAIT.toMillis() * 3, TimeUnit.MILLISECONDS));
            }
            assertEquals(List.of(), wrong);
        } finally {
            callers.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- plain JSON-RPC only

    @Test
    void plainJsonRpcRefusesSubscriptionsItCannotDeliver() {
        McpClient client = connect(Transport.JSONRPC);

        McpErrorException error =
                assertThrows(
                        McpErrorException.class, () -> client.subscribe("test://watched-resource"));
        assertEquals(-32600, error.code());
    }

    // ---------------------------------------------------------------- transports that push

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void reportsProgressToTheCallsListener(Transport transport) throws Exception {
        McpClient client = connect(transport);
        List<String> heard = Collections.synchronizedList(new ArrayList<>());

        ToolCallResult result =
                client.callToolAsync(
                                "test_tool_with_progress",
                                new JsonObject(),
                                (progress, total, message) ->
                                        heard.add(progress + "/" + total + " " + message))
                        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("Progress reported: 0, 50, 100 of 100", result.text());
        assertEquals(
                List.of(
                        "0.0/100.0 Completed step 0 of 100",
                        "50.0/100.0 Completed step 50 of 100",
                        "100.0/100.0 Completed step 100 of 100"),
                heard);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void deliversLogMessagesToNotificationListeners(Transport transport) throws Exception {
        BlockingQueue<JsonRpcNotification> notifications = new LinkedBlockingQueue<>();
        McpClient client =
                connect(transport, builder -> builder.onNotification(notifications::add));
        client.setLoggingLevel(LoggingLevel.DEBUG);

        ToolCallResult result = client.callTool("test_tool_with_logging", new JsonObject());
        assertEquals("Tool with logging executed successfully", result.text());

        List<String> logged = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonObject params = next(notifications, "notifications/message", WAIT).params();
            assertEquals("info", params.get("level").getAsString(), params::toString);
            assertEquals("conformance", params.get("logger").getAsString(), params::toString);
            logged.add(params.get("data").getAsString());
        }
        assertEquals(
                List.of(
                        "Tool execution started",
                        "Tool processing data",
                        "Tool execution completed"),
                logged);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void answersSamplingRequestsWithTheApplicationsHandler(Transport transport) {
        RecordingHandler handler =
                RecordingHandler.answering(
                        "{\"role\":\"assistant\",\"content\":"
                                + "{\"type\":\"text\",\"text\":\"Paris\"},"
                                + "\"model\":\"test-model\","
                                + "\"stopReason\":\"endTurn\"}");
        McpClient client = connect(transport, builder -> builder.onSampling(handler));

        ToolCallResult result =
                client.callTool("test_sampling", object("prompt", "Capital of France?"));

        assertFalse(result.isError(), result::text);
        assertEquals("LLM response: Paris", result.text());
        JsonObject params = handler.asked();
        assertEquals(100, params.get("maxTokens").getAsInt());
        JsonObject message = params.getAsJsonArray("messages").get(0).getAsJsonObject();
        assertEquals("user", message.get("role").getAsString());
        assertEquals(
                "Capital of France?", message.getAsJsonObject("content").get("text").getAsString());
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void answersElicitationRequestsWithTheApplicationsHandler(Transport transport) {
        RecordingHandler handler =
                RecordingHandler.answering(
                        "{\"action\":\"accept\",\"content\":"
                                + "{\"username\":\"ada\","
                                + "\"email\":\"ada@example.org\"}}");
        McpClient client = connect(transport, builder -> builder.onElicitation(handler));

        ToolCallResult result =
                client.callTool("test_elicitation", object("message", "Who are you?"));

        assertFalse(result.isError(), result::text);
        assertEquals(
                "User response: action=accept,"
                        + " content={\"username\":\"ada\",\"email\":\"ada@example.org\"}",
                result.text());
        JsonObject params = handler.asked();
        assertEquals("Who are you?", params.get("message").getAsString());
        assertEquals(
                JsonParser.parseString("[\"username\",\"email\"]"),
                params.getAsJsonObject("requestedSchema").get("required"));
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void aHandlerThatFailsAnswersTheServerWithAnError(Transport transport) {
        McpClient client =
                connect(
                        transport,
                        builder ->
                                builder.onSampling(
                                        params -> {
                                            throw new IllegalStateException("no model here");
                                        }));

        ToolCallResult result =
                client.callTool("test_sampling", object("prompt", "Capital of France?"));

        assertTrue(result.isError(), result::text);
        assertTrue(result.text().startsWith("Sampling failed: "), result::text);
        assertTrue(result.text().contains("no model here"), result::text);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void deliversResourceUpdatesForSubscriptions(Transport transport) throws Exception {
        BlockingQueue<JsonRpcNotification> notifications = new LinkedBlockingQueue<>();
        McpClient client =
                connect(transport, builder -> builder.onNotification(notifications::add));
        String uri = "test://template/" + UUID.randomUUID() + "/data";

        client.subscribe(uri);
        assertEquals(1, core.server.resourceUpdated(uri));

        JsonObject params = next(notifications, "notifications/resources/updated", WAIT).params();
        assertEquals(uri, params.get("uri").getAsString());

        client.unsubscribe(uri);
        assertEquals(0, core.server.resourceUpdated(uri));
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void cancellingACallInterruptsTheToolOnTheServer(Transport transport) throws Exception {
        // Longer than the wait below, so that only the cancel can tell the server to stop.
        McpClient client =
                connect(transport, builder -> builder.requestTimeout(WAIT.multipliedBy(3)));
        Gate gate = gates.open();

        CompletableFuture<ToolCallResult> call =
                client.callToolAsync("block", object("gate", gate.name), null);
        gate.started.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(call.cancel(true));

        assertInterrupted(gate);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void cancellingARawRequestInterruptsTheToolOnTheServer(Transport transport) throws Exception {
        // Longer than the wait below, so that only the cancel can tell the server to stop.
        McpClient client =
                connect(transport, builder -> builder.requestTimeout(WAIT.multipliedBy(3)));
        Gate gate = gates.open();
        JsonObject params = new JsonObject();
        params.addProperty("name", "block");
        params.add("arguments", object("gate", gate.name));

        CompletableFuture<JsonObject> call = client.requestAsync("tools/call", params, null);
        gate.started.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(call.cancel(true));

        assertInterrupted(gate);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"SSE", "STREAMABLE", "LEGACY_SSE"})
    void aTimedOutCallIsCancelledOnTheServer(Transport transport) throws Exception {
        McpClient client = connect(transport, builder -> builder.requestTimeout(WAIT.dividedBy(5)));
        Gate gate = gates.open();

        assertThrows(
                McpTimeoutException.class,
                () -> client.callTool("block", object("gate", gate.name)));

        assertInterrupted(gate);
    }

    // ---------------------------------------------------------------- Streamable HTTP only

    @Test
    void resumesAStreamTheServerClosesMidCall() {
        McpClient client = connect(Transport.STREAMABLE);
        assertEquals("2025-11-25", client.server().protocolVersion());

        ToolCallResult result = client.callTool("test_reconnection", new JsonObject());

        assertFalse(result.isError(), result::text);
        assertEquals(
                "Reconnection test completed successfully. If you received this, the client"
                        + " properly reconnected after stream closure.",
                result.text());
    }

    // ---------------------------------------------------------------- helpers

    private McpClient connect(Transport transport) {
        return connect(transport, UnaryOperator.identity());
    }

    private McpClient connect(Transport transport, UnaryOperator<McpClient.Builder> settings) {
        return clients.connect(endpoint(server.uri(), transport), transport, settings);
    }

    /** Where our server serves a transport. */
    static URI endpoint(URI base, Transport transport) {
        return base.resolve(
                switch (transport) {
                    case JSONRPC -> "/rpc";
                    case SSE, LEGACY_SSE -> "/sse";
                    case STREAMABLE -> "/mcp";
                });
    }

    /**
     * Waits for the server to interrupt a {@code block} call, as it does when the client sends
     * {@code notifications/cancelled}, and checks that the tool's context said it was cancelled.
     */
    private static void assertInterrupted(Gate gate) throws Exception {
        Boolean cancelled;
        try {
            cancelled = gate.interrupted.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "the server did not interrupt the tool within "
                            + WAIT
                            + ": the client sent no notifications/cancelled for it");
        }
        assertEquals(
                Boolean.TRUE,
                cancelled,
                "the tool was interrupted, but its context did not say it was cancelled");
    }

    private static void assertStartsWith(byte[] prefix, byte[] bytes) {
        assertTrue(bytes.length >= prefix.length, () -> "only " + bytes.length + " bytes");
        assertArrayEquals(prefix, Arrays.copyOf(bytes, prefix.length));
    }

    // ---------------------------------------------------------------- the server's extras

    /** This test's own tools, and a hold on the server's {@link McpServer}. */
    private static final class TestModule extends AbstractModule {
        @Override
        protected void configure() {
            var tools = McpCoreModule.tools(binder());
            tools.addBinding().toInstance(InProcessServer.echo("echo: "));
            tools.addBinding()
                    .toInstance(
                            Tool.builder("weather")
                                    .description("The weather of a city, as structured content")
                                    .inputSchema(
                                            "{\"type\":\"object\",\"properties\":{\"city\":"
                                                    + "{\"type\":\"string\"}},"
                                                    + "\"required\":[\"city\"]}")
                                    .outputSchema(
                                            "{\"type\":\"object\",\"properties\":{"
                                                    + "\"city\":{\"type\":\"string\"},"
                                                    + "\"temperature\":{\"type\":\"integer\"},"
                                                    + "\"sunny\":{\"type\":\"boolean\"}},"
                                                    + "\"required\":[\"city\",\"temperature\","
                                                    + "\"sunny\"]}")
                                    .handler(
                                            context -> {
                                                JsonObject weather = new JsonObject();
                                                weather.add(
                                                        "city", context.arguments().get("city"));
                                                weather.addProperty("temperature", -3);
                                                weather.addProperty("sunny", false);
                                                return ToolResult.structured(weather);
                                            })
                                    .build());
            tools.addBinding()
                    .toInstance(
                            Tool.builder("block")
                                    .description("Waits until the test opens its gate")
                                    .inputSchema(
                                            "{\"type\":\"object\",\"properties\":{\"gate\":"
                                                    + "{\"type\":\"string\"}},"
                                                    + "\"required\":[\"gate\"]}")
                                    .handler(
                                            context -> {
                                                Gate gate =
                                                        gates.named(
                                                                context.arguments()
                                                                        .get("gate")
                                                                        .getAsString());
                                                gate.started.complete(null);
                                                try {
                                                    if (!gate.release.await(60, TimeUnit.SECONDS)) {
                                                        return ToolResult.error("never released");
                                                    }
                                                } catch (InterruptedException e) {
                                                    gate.interrupted.complete(
                                                            context.isCancelled());
                                                    throw e;
                                                }
                                                return ToolResult.text("released");
                                            })
                                    .build());
            requestInjection(core);
        }
    }

    /** Receives the application's {@link McpServer} as the injector is built. */
    static final class Core {
        private volatile McpServer server;

        @Inject
        void set(McpServer server) {
            this.server = server;
        }
    }

    /** Where a {@code block} call waits, and what the test learns of it. */
    static final class Gate {
        final String name;
        final CompletableFuture<Void> started = new CompletableFuture<>();
        final CountDownLatch release = new CountDownLatch(1);

        /** Completes when the tool's thread is interrupted, with whether it saw the cancel. */
        final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();

        Gate(String name) {
            this.name = name;
        }
    }

    /** The gates of the {@code block} calls, by name; the test releases them all afterwards. */
    static final class Gates {
        private final Map<String, Gate> byName = new ConcurrentHashMap<>();

        Gate open() {
            return named(UUID.randomUUID().toString());
        }

        Gate named(String name) {
            return byName.computeIfAbsent(name, Gate::new);
        }

        void releaseAll() {
            byName.values().forEach(gate -> gate.release.countDown());
            byName.clear();
        }
    }
}
