package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.jsonrpc.JsonRpcError;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests a tool sends the client through its {@link ToolContext} ({@code sampling/createMessage},
 * {@code elicitation/create}, {@code roots/list}): they travel on the call's own sink, and the
 * client's response, fed back through {@link McpServer#receive}, ends the tool's wait.
 */
@Timeout(30)
class ClientRequestsTest {
    private static final long WAIT_SECONDS = 5;
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);
    private static final String ALL_CAPABILITIES =
            "{\"sampling\":{},\"elicitation\":{},\"roots\":{}}";
    private static final JsonObject SAMPLING_PARAMS =
            object(
                    "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\","
                            + "\"text\":\"Summarise the Smith family\"}}],\"maxTokens\":100}");
    private static final JsonObject ELICITATION_PARAMS =
            object(
                    "{\"message\":\"Which Smith?\",\"requestedSchema\":{\"type\":\"object\","
                            + "\"properties\":{\"name\":{\"type\":\"string\"}}}}");
    private static final JsonObject SAMPLED =
            object(
                    "{\"role\":\"assistant\",\"content\":{\"type\":\"text\","
                            + "\"text\":\"Farmers in Kent\"},\"model\":\"m\","
                            + "\"stopReason\":\"endTurn\"}");

    /** How each tool call's request to the client failed, in order. */
    private final BlockingQueue<ClientRequestException> failures = new LinkedBlockingQueue<>();

    /** Counted down when a tool's wait for the client is interrupted. */
    private final CountDownLatch interrupted = new CountDownLatch(1);

    private final McpServer server = server(ServerOptions.defaults());
    private final RecordingSink outbound = new RecordingSink();
    private final Session session = new Session("session-1", outbound);

    /** Everything sent on the calls' own sinks. */
    private final RecordingSink sink = new RecordingSink();

    /** The requests sent to the client on the calls' sinks, in order. */
    private final BlockingQueue<JsonRpcRequest> sent = new LinkedBlockingQueue<>();

    /** The calls the server said it will not answer ({@link MessageSink#noResponse}). */
    private final List<JsonRpcId> unanswered = new CopyOnWriteArrayList<>();

    /** What was sent on the calls' sinks after a noResponse. */
    private final List<JsonRpcMessage> sentAfterNoResponse = new CopyOnWriteArrayList<>();

    private final MessageSink replies =
            new MessageSink() {
                @Override
                public void send(JsonRpcMessage message) {
                    if (!unanswered.isEmpty()) {
                        sentAfterNoResponse.add(message);
                    }
                    sink.send(message);
                    if (message instanceof JsonRpcRequest request) {
                        sent.add(request);
                    }
                }

                @Override
                public void noResponse(JsonRpcId request) {
                    unanswered.add(request);
                }
            };

    @AfterEach
    void closeSessionAndServer() {
        session.close();
        server.close();
    }

    @Test
    void sendsTheSamplingRequestOnTheCallsSinkAndReturnsTheClientsResult() throws Exception {
        initialize(server, ALL_CAPABILITIES);
        server.receive(session, call(1, "sample"), replies);

        JsonRpcRequest request = awaitRequest();
        assertEquals("sampling/createMessage", request.method());
        assertEquals(SAMPLING_PARAMS, request.params());
        assertTrue(request.id().isString(), () -> "not a string id: " + request.id());
        assertTrue(
                request.id().toJson().getAsString().startsWith("s-"),
                () -> "not a server id: " + request.id());

        server.receive(
                session, JsonRpcResponse.success(request.id(), SAMPLED), MessageSink.DISCARD);

        JsonRpcResponse response = sink.awaitResponse(1);
        JsonObject result = resultOf(response);
        assertFalse(result.get("isError").getAsBoolean(), result::toString);
        assertEquals(SAMPLED, object(textOf(result)));
        assertEquals(List.of(request, response), sink.messages());
        assertEquals(List.of(), outbound.messages(), "sent on the session's own sink");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "elicit | elicitation/create | {\"message\":\"Which Smith?\",\"requestedSchema\":"
                        + "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}"
                        + " | {\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}",
                "roots | roots/list | {} | {\"roots\":[{\"uri\":\"file:///home/ada\","
                        + "\"name\":\"home\"}]}"
            })
    void sendsElicitationAndRootsRequestsAndReturnsTheClientsResult(
            String tool, String method, String params, String answer) throws Exception {
        initialize(server, ALL_CAPABILITIES);
        server.receive(session, call(1, tool), replies);

        JsonRpcRequest request = awaitRequest();
        assertEquals(method, request.method());
        assertEquals(object(params), request.params());
        server.receive(
                session,
                JsonRpcResponse.success(request.id(), object(answer)),
                MessageSink.DISCARD);

        JsonObject result = resultOf(sink.awaitResponse(1));
        assertFalse(result.get("isError").getAsBoolean(), result::toString);
        assertEquals(object(answer), object(textOf(result)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "sample | {} | sampling",
                "sample | {\"elicitation\":{},\"roots\":{}} | sampling",
                "elicit | {\"sampling\":{},\"roots\":{}} | elicitation",
                "roots | {\"sampling\":{},\"elicitation\":{}} | roots"
            })
    void failsTheRequestWithoutSendingItWhenTheClientLacksTheCapability(
            String tool, String capabilities, String capability) throws Exception {
        initialize(server, capabilities);

        server.receive(session, call(1, tool), replies);

        JsonRpcResponse response = sink.awaitResponse(1);
        JsonObject result = resultOf(response);
        assertTrue(result.get("isError").getAsBoolean(), result::toString);
        assertTrue(textOf(result).contains("\"" + capability + "\" capability"), textOf(result));
        assertEquals(List.of(response), sink.messages(), "a request was sent");
        ClientRequestException failure = failures.poll(WAIT_SECONDS, SECONDS);
        assertNotNull(failure);
        assertNull(failure.clientError());
    }

    @Test
    void failsTheRequestWithoutSendingItBeforeInitialize() throws Exception {
        server.receive(session, call(1, "sample"), replies);

        JsonRpcResponse response = sink.awaitResponse(1);
        JsonObject result = resultOf(response);
        assertTrue(result.get("isError").getAsBoolean(), result::toString);
        assertTrue(textOf(result).contains("\"sampling\" capability"), textOf(result));
        assertEquals(List.of(response), sink.messages(), "a request was sent");
    }

    @Test
    void failsTheRequestWithoutSendingItWhereNothingCanReachTheClient() throws Exception {
        Session plainPost = Session.ephemeral();
        initialize(server, plainPost, ALL_CAPABILITIES);
        server.receive(plainPost, call(1, "sample"), replies);

        JsonRpcResponse response = sink.awaitResponse(1);
        JsonObject result = resultOf(response);
        assertTrue(result.get("isError").getAsBoolean(), result::toString);
        assertTrue(textOf(result).contains("cannot carry requests"), textOf(result));
        assertEquals(List.of(response), sink.messages(), "a request was sent");
    }

    @Test
    void givesTheToolTheErrorTheClientAnsweredWith() throws Exception {
        initialize(server, ALL_CAPABILITIES);
        server.receive(session, call(1, "sample"), replies);
        JsonRpcRequest request = awaitRequest();

        server.receive(
                session,
                JsonRpcResponse.failure(
                        request.id(), new JsonRpcError(-1, "User rejected sampling request", null)),
                MessageSink.DISCARD);

        ClientRequestException failure = failures.poll(WAIT_SECONDS, SECONDS);
        assertNotNull(failure, "the tool saw no failure");
        assertNotNull(failure.clientError());
        assertEquals(-1, failure.clientError().code());
        assertEquals("User rejected sampling request", failure.clientError().message());
        assertTrue(failure.getMessage().contains("sampling/createMessage"), failure.getMessage());
        JsonObject result = resultOf(sink.awaitResponse(1));
        assertTrue(result.get("isError").getAsBoolean(), result::toString);
        assertTrue(textOf(result).contains("User rejected sampling request"), textOf(result));
    }

    @Test
    void givesUpAfterTheTimeoutAndTellsTheClientToCancel() throws Exception {
        // A short timeout, so that the test does not wait the default two minutes for it.
        try (McpServer impatient = server(new ServerOptions(50, 2, 10, Duration.ofMillis(200)))) {
            initialize(impatient, ALL_CAPABILITIES);
            impatient.receive(session, call(1, "sample"), replies);
            JsonRpcRequest request = awaitRequest();

            ClientRequestException failure = failures.poll(WAIT_SECONDS, SECONDS);
            assertNotNull(failure, "the tool's wait never ended");
            assertNull(failure.clientError());
            assertTrue(
                    failure.getMessage().contains("did not answer sampling/createMessage"),
                    failure.getMessage());
            JsonRpcResponse response = sink.awaitResponse(1);
            assertTrue(resultOf(response).get("isError").getAsBoolean());

            JsonObject cancelParams = new JsonObject();
            cancelParams.add("requestId", request.id().toJson());
            cancelParams.addProperty("reason", "timed out");
            assertEquals(
                    List.of(
                            request,
                            new JsonRpcNotification("notifications/cancelled", cancelParams),
                            response),
                    sink.messages());

            // A late answer finds nothing waiting for it.
            RecordingSink late = new RecordingSink();
            impatient.receive(session, JsonRpcResponse.success(request.id(), SAMPLED), late);
            assertEquals(List.of(), late.messages());
            assertEquals(3, sink.messages().size(), sink::toString);
        }
    }

    @Test
    void endsTheWaitAndLeavesTheCallUnansweredWhenTheClientCancelsTheCall() throws Exception {
        initialize(server, ALL_CAPABILITIES);
        server.receive(session, call(7, "sample"), replies);
        JsonRpcRequest request = awaitRequest();

        server.receive(session, cancelled(7), replies);

        assertTrue(interrupted.await(WAIT_SECONDS, SECONDS), "the tool's wait did not end");
        assertEquals(List.of(JsonRpcId.of(7)), unanswered);
        server.receive(session, request(8, "ping", null), replies);
        sink.awaitResponse(8);
        assertEquals(
                List.of(),
                sink.messages().stream()
                        .filter(JsonRpcResponse.class::isInstance)
                        .map(JsonRpcResponse.class::cast)
                        .filter(response -> JsonRpcId.of(7).equals(response.id()))
                        .toList(),
                "the cancelled call was answered");
        RecordingSink late = new RecordingSink();
        server.receive(session, JsonRpcResponse.success(request.id(), SAMPLED), late);
        assertEquals(List.of(), late.messages());
    }

    /**
     * {@link MessageSink#noResponse} promises nothing more is sent for the request, and the
     * Streamable HTTP transport ends the call's stream on it, so the cancellation of the server's
     * own request must go where the client can still hear it: the session's outbound sink.
     */
    @Test
    void tellsTheClientToCancelOnTheSessionSinkOnceTheCallsSinkIsDone() throws Exception {
        initialize(server, ALL_CAPABILITIES);
        server.receive(session, call(7, "sample"), replies);
        JsonRpcRequest request = awaitRequest();

        server.receive(session, cancelled(7), replies);
        assertTrue(interrupted.await(WAIT_SECONDS, SECONDS), "the tool's wait did not end");

        assertEquals(List.of(), sentAfterNoResponse, "sent on the call's sink after noResponse");
        JsonObject cancelParams = new JsonObject();
        cancelParams.add("requestId", request.id().toJson());
        cancelParams.addProperty("reason", "the tool call was cancelled");
        assertEquals(
                List.of(new JsonRpcNotification("notifications/cancelled", cancelParams)),
                outbound.messages());
    }

    @Test
    void failsTheToolPromptlyWhenTheSessionClosesWhileItWaits() throws Exception {
        initialize(server, ALL_CAPABILITIES);
        server.receive(session, call(1, "sample"), replies);
        awaitRequest();

        session.close();

        // The client-request timeout is two minutes; the failure comes long before it.
        ClientRequestException failure = failures.poll(WAIT_SECONDS, SECONDS);
        assertNotNull(failure, "the tool is still waiting");
        assertTrue(failure.getMessage().contains("went away"), failure.getMessage());
        JsonObject result = resultOf(sink.awaitResponse(1));
        assertTrue(result.get("isError").getAsBoolean(), result::toString);
    }

    @Test
    void sendsNothingForAToolOfASessionThatHasClosed() throws Exception {
        initialize(server, ALL_CAPABILITIES);
        session.close();

        server.receive(session, call(1, "sample"), replies);

        JsonRpcResponse response = sink.awaitResponse(1);
        assertTrue(resultOf(response).get("isError").getAsBoolean());
        assertEquals(List.of(response), sink.messages(), "a request was sent");
        ClientRequestException failure = failures.poll(WAIT_SECONDS, SECONDS);
        assertNotNull(failure);
        assertTrue(failure.getMessage().contains("gone"), failure.getMessage());
    }

    @Test
    void ignoresAResponseToNoRequestTheSessionAwaits() throws Exception {
        initialize(server, ALL_CAPABILITIES);
        RecordingSink ignored = new RecordingSink();

        server.receive(session, JsonRpcResponse.success(JsonRpcId.of("s-99"), SAMPLED), ignored);
        server.receive(session, JsonRpcResponse.success(JsonRpcId.of(1), SAMPLED), ignored);
        server.receive(
                session,
                JsonRpcResponse.failure(
                        JsonRpcId.of("s-1"), new JsonRpcError(-1, "too early", null)),
                ignored);

        // None of them is taken as the answer to a request sent afterwards.
        server.receive(session, call(1, "sample"), replies);
        JsonRpcRequest request = awaitRequest();
        server.receive(session, JsonRpcResponse.success(request.id(), SAMPLED), ignored);
        JsonObject result = resultOf(sink.awaitResponse(1));
        assertEquals(SAMPLED, object(textOf(result)));
        assertEquals(List.of(), ignored.messages());
        assertEquals(List.of(), outbound.messages());
    }

    @Test
    void ignoresAnAnswerThatArrivesOnAnotherSession() throws Exception {
        Session other = new Session("session-2", MessageSink.DISCARD);
        initialize(server, ALL_CAPABILITIES);
        server.receive(session, call(1, "sample"), replies);
        JsonRpcRequest request = awaitRequest();

        server.receive(
                other,
                JsonRpcResponse.success(request.id(), object("{\"role\":\"impostor\"}")),
                MessageSink.DISCARD);
        server.receive(
                session, JsonRpcResponse.success(request.id(), SAMPLED), MessageSink.DISCARD);

        JsonObject result = resultOf(sink.awaitResponse(1));
        assertEquals(SAMPLED, object(textOf(result)));
    }

    private McpServer server(ServerOptions options) {
        return McpServer.builder()
                .serverInfo(INFO)
                .options(options)
                .tool(asking("sample", context -> context.createMessage(SAMPLING_PARAMS)))
                .tool(asking("elicit", context -> context.elicit(ELICITATION_PARAMS)))
                .tool(asking("roots", ToolContext::listRoots))
                .build();
    }

    /** A tool that asks the client something and answers with the client's result as text. */
    private Tool asking(String name, Ask ask) {
        return Tool.builder(name)
                .description("Asks the client")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            try {
                                return ToolResult.text(ask.ask(context).toString());
                            } catch (ClientRequestException e) {
                                failures.add(e);
                                throw e;
                            } catch (InterruptedException e) {
                                interrupted.countDown();
                                throw e;
                            }
                        })
                .build();
    }

    @FunctionalInterface
    private interface Ask {
        JsonObject ask(ToolContext context) throws ClientRequestException, InterruptedException;
    }

    private void initialize(McpServer target, String capabilities) throws Exception {
        initialize(target, session, capabilities);
    }

    private static void initialize(McpServer target, Session client, String capabilities)
            throws Exception {
        resultOf(
                RecordingSink.exchange(
                        target,
                        client,
                        request(
                                100,
                                "initialize",
                                "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":"
                                        + capabilities
                                        + ",\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}")));
    }

    private JsonRpcRequest awaitRequest() throws InterruptedException {
        JsonRpcRequest request = sent.poll(WAIT_SECONDS, SECONDS);
        assertNotNull(request, () -> "no request was sent to the client: " + sink.messages());
        return request;
    }

    private static JsonRpcRequest call(long id, String tool) {
        return request(id, "tools/call", "{\"name\":\"" + tool + "\"}");
    }

    private static JsonRpcNotification cancelled(long id) {
        JsonObject params = new JsonObject();
        params.addProperty("requestId", id);
        params.addProperty("reason", "the user gave up");
        return new JsonRpcNotification("notifications/cancelled", params);
    }

    private static String textOf(JsonObject result) {
        JsonArray content = result.getAsJsonArray("content");
        return content.get(0).getAsJsonObject().get("text").getAsString();
    }

    private static JsonObject object(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }
}
