package io.clgmcp.server.sse;

import static io.clgmcp.server.ClientAskingTools.SAMPLING;
import static io.clgmcp.server.ClientAskingTools.answer;
import static io.clgmcp.server.ClientAskingTools.modelSaid;
import static io.clgmcp.server.ClientAskingTools.sample;
import static io.clgmcp.server.ClientAskingTools.sampling;
import static io.clgmcp.server.sse.SseClientTools.initialize;
import static io.clgmcp.server.sse.SseFixture.postSse;
import static io.clgmcp.server.sse.SsePushAssertions.assertAccepted;
import static io.clgmcp.server.sse.SsePushAssertions.assertSent;
import static io.clgmcp.server.sse.SsePushAssertions.assertStamped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.clgmcp.server.ClientAskingTools.WatchedSampling;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.Event;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tool that asks the client something ({@code sampling/createMessage}) over an SSE connection:
 * the server's request travels on the connection's stream in the dialect the call came in, the
 * client POSTs its answer as a JSON-RPC response (202, no body), and the stream then carries the
 * tool's result. A connection that ends ends the tool's wait with it.
 */
@Timeout(60)
class SseClientRequestTest {
    private static final String TOKEN = "client-request-token";
    private static final Set<String> SEED_REQUEST =
            Set.of("jsonrpc", "id", "method", "params", "protocol", "connectionId", "timestamp");
    private static final Set<String> SEED_RESPONSE =
            Set.of("jsonrpc", "id", "result", "protocol", "connectionId", "timestamp");

    @RegisterExtension final SseFixture sse = new SseFixture();

    @Test
    void aSamplingRequestComesAsAnMcpNotificationAndTheAnswerPostedToSseReachesTheTool()
            throws Exception {
        TestServer server = sse.start(Map.of("MCP_AUTH_TOKEN", TOKEN), sampling());
        Stream stream = sse.connect(server, TOKEN);
        String connectionId = stream.connectionId();
        initializeSeed(server, stream);
        long before = System.currentTimeMillis();

        assertSent(postSse(server, TOKEN, connectionId, sample(2, "What is 2 + 2?")));

        Event asked = stream.next("mcp-notification", "mcp-response", "message");
        assertEquals("mcp-notification", asked.type(), asked::toString);
        JsonObject request = asked.json();
        assertEquals(SEED_REQUEST, request.keySet(), request::toString);
        assertEquals("2.0", request.get("jsonrpc").getAsString(), request::toString);
        assertEquals(
                "sampling/createMessage", request.get("method").getAsString(), request::toString);
        JsonElement serverId = request.get("id");
        assertTrue(
                serverId.isJsonPrimitive() && serverId.getAsJsonPrimitive().isString(),
                request::toString);
        assertEquals("What is 2 + 2?", questionOf(request), request::toString);
        assertStamped(request, connectionId, before);

        JsonObject reply = answer(serverId, modelSaid("four"));
        assertAccepted(postSse(server, TOKEN, connectionId, reply));

        Event answered = stream.next("mcp-notification", "mcp-response", "message");
        assertEquals("mcp-response", answered.type(), answered::toString);
        JsonObject response = answered.json();
        assertEquals(SEED_RESPONSE, response.keySet(), response::toString);
        assertEquals(2, response.get("id").getAsInt(), response::toString);
        assertFalse(
                response.getAsJsonObject("result").get("isError").getAsBoolean(),
                response::toString);
        assertEquals("the model said: four", SseFixture.firstText(response));
        assertStamped(response, connectionId, before);
        stream.assertIdsGrowByOne();
    }

    @Test
    void aSamplingRequestComesAsABareMessageAndTheAnswerPostedToTheEndpointReachesTheTool()
            throws Exception {
        TestServer server = sse.start(Map.of("MCP_AUTH_TOKEN", TOKEN), sampling());
        Stream stream = sse.connect(server, TOKEN);
        String endpoint = stream.next("endpoint").data();
        assertAccepted(postTo(server, endpoint, initialize(1, SAMPLING)));
        assertEquals(1, nextMessage(stream).get("id").getAsInt());
        assertAccepted(
                postTo(server, endpoint, SseFixture.notification("notifications/initialized")));

        assertAccepted(postTo(server, endpoint, sample(2, "What is 3 + 3?")));

        JsonObject request = nextMessage(stream);
        assertEquals(
                Set.of("jsonrpc", "id", "method", "params"), request.keySet(), request::toString);
        assertEquals(
                "sampling/createMessage", request.get("method").getAsString(), request::toString);
        JsonElement serverId = request.get("id");
        assertTrue(
                serverId.isJsonPrimitive() && serverId.getAsJsonPrimitive().isString(),
                request::toString);
        assertEquals("What is 3 + 3?", questionOf(request), request::toString);

        assertAccepted(postTo(server, endpoint, answer(serverId, modelSaid("six"))));

        JsonObject response = nextMessage(stream);
        assertEquals(Set.of("jsonrpc", "id", "result"), response.keySet(), response::toString);
        assertEquals(2, response.get("id").getAsInt(), response::toString);
        assertFalse(
                response.getAsJsonObject("result").get("isError").getAsBoolean(),
                response::toString);
        assertEquals("the model said: six", SseFixture.firstText(response));
    }

    @Test
    void closingTheStreamCancelsAToolWaitingForTheClientsAnswer() throws Exception {
        WatchedSampling sampling = new WatchedSampling();
        TestServer server =
                sse.start(
                        Map.of(
                                "MCP_AUTH_TOKEN", TOKEN,
                                // A client that goes away is noticed at the next write.
                                "SSE_HEARTBEAT_INTERVAL", "100",
                                // Far longer than any wait below: only the closing can end it.
                                "MCP_CLIENT_REQUEST_TIMEOUT", "600"),
                        sampling.tool);
        Stream stream = sse.connect(server, TOKEN);
        String connectionId = stream.connectionId();
        initializeSeed(server, stream);
        assertSent(postSse(server, TOKEN, connectionId, sample(2, "Still there?")));
        JsonObject request = stream.next("mcp-notification").json();
        assertEquals(
                "sampling/createMessage", request.get("method").getAsString(), request::toString);
        assertFalse(sampling.hasEnded(), "the tool stopped waiting before the client went away");

        stream.close();

        // No answer could reach the client any more, so the call is cancelled: its wait ends.
        assertEquals("interrupted", sampling.awaitEnd());
        SseFixture.awaitStat(server, "activeConnections", 0);
        // The connection is gone with its session: an answer now has nowhere to go.
        SseFixture.assertSseError(
                postSse(
                        server,
                        TOKEN,
                        connectionId,
                        answer(request.get("id"), modelSaid("too late"))),
                400,
                -32001);
    }

    /** Initializes the connection over {@code POST /sse}, declaring sampling, and confirms it. */
    private static void initializeSeed(TestServer server, Stream stream) throws Exception {
        String connectionId = stream.connectionId();
        assertSent(postSse(server, TOKEN, connectionId, initialize(1, SAMPLING)));
        JsonObject initialized = stream.next("mcp-response").json();
        assertEquals(1, initialized.get("id").getAsInt(), initialized::toString);
        assertTrue(initialized.has("result"), initialized::toString);
        assertAccepted(
                postSse(
                        server,
                        TOKEN,
                        connectionId,
                        SseFixture.notification("notifications/initialized")));
    }

    private static Reply postTo(TestServer server, String endpoint, JsonObject message)
            throws Exception {
        return server.post(endpoint, message.toString(), TestServer.bearer(TOKEN));
    }

    private static JsonObject nextMessage(Stream stream) {
        Event event = stream.next("message", "mcp-response", "mcp-notification");
        assertEquals("message", event.type(), event::toString);
        return event.json();
    }

    /** The text of the first message of a {@code sampling/createMessage} request. */
    private static String questionOf(JsonObject request) {
        return request.getAsJsonObject("params")
                .getAsJsonArray("messages")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("content")
                .get("text")
                .getAsString();
    }
}
