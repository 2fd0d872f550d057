package io.clgmcp.server.streamable;

import static io.clgmcp.server.ClientAskingTools.ELICITATION;
import static io.clgmcp.server.ClientAskingTools.SAMPLING;
import static io.clgmcp.server.ClientAskingTools.answer;
import static io.clgmcp.server.ClientAskingTools.eliciting;
import static io.clgmcp.server.ClientAskingTools.modelSaid;
import static io.clgmcp.server.ClientAskingTools.sample;
import static io.clgmcp.server.ClientAskingTools.sampling;
import static io.clgmcp.server.streamable.StreamClient.LATEST;
import static io.clgmcp.server.streamable.StreamClient.PREVIOUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import io.clgmcp.server.streamable.StreamClient.Event;
import io.clgmcp.server.streamable.StreamClient.Events;
import io.clgmcp.server.streamable.StreamClient.Session;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tool that asks the client something ({@code sampling/createMessage}, {@code
 * elicitation/create}) turns its {@code tools/call} POST into an event stream: the server's request
 * travels on it with an id of the server's, the client POSTs its answer as a JSON-RPC response
 * (202), and the stream then carries the tool's result and ends. A call that sends nothing before
 * its result stays plain JSON.
 */
@Timeout(60)
class StreamableClientRequestTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private StreamClient client;

    @BeforeEach
    void start() throws Exception {
        TestServer server = servers.start(Map.of(), sampling(), eliciting(), TestTools.echo());
        client = new StreamClient(server.uri("/"));
    }

    @AfterEach
    void closeStreams() {
        // Runs before ServerFixture closes the server.
        client.close();
    }

    @Test
    void aSamplingRequestTravelsOnTheCallsStreamAndTheAnswerReachesTheTool() throws Exception {
        Session session = client.open(PREVIOUS, SAMPLING);

        Events call = client.stream(session, sample(5, "What is 2 + 2?"));
        Event asked = call.next();

        JsonObject request = asked.json();
        assertEquals("message", asked.type(), call::toString);
        assertEquals("sampling/createMessage", request.get("method").getAsString(), call::toString);
        assertServerId(request.get("id"), call);
        JsonObject message =
                request.getAsJsonObject("params")
                        .getAsJsonArray("messages")
                        .get(0)
                        .getAsJsonObject();
        assertEquals("user", message.get("role").getAsString(), call::toString);
        assertEquals(
                "What is 2 + 2?",
                message.getAsJsonObject("content").get("text").getAsString(),
                call::toString);

        assertAccepted(client.post(session, answer(request.get("id"), modelSaid("four"))));

        List<Event> rest = call.rest();
        assertEquals(1, rest.size(), call::toString);
        assertEquals("the model said: four", resultText(rest.get(0), 5), call::toString);
        assertTrue(asked.number() < rest.get(0).number(), call::toString);
    }

    @Test
    void anElicitationRequestTravelsOnTheCallsStreamAndTheAnswerReachesTheTool() throws Exception {
        Session session = client.open(PREVIOUS, ELICITATION);

        Events call = client.stream(session, McpHttp.toolCall(6, "ask", "{}"));
        Event asked = call.next();

        JsonObject request = asked.json();
        assertEquals("elicitation/create", request.get("method").getAsString(), call::toString);
        assertServerId(request.get("id"), call);
        assertEquals(
                "What is your name?",
                request.getAsJsonObject("params").get("message").getAsString(),
                call::toString);

        assertAccepted(
                client.post(
                        session,
                        answer(
                                request.get("id"),
                                JsonParser.parseString(
                                        "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}"))));

        List<Event> rest = call.rest();
        assertEquals(1, rest.size(), call::toString);
        assertEquals("hello, Ada", resultText(rest.get(0), 6), call::toString);
    }

    @Test
    void aSamplingCallOfA2025_11_25SessionIsPrimedBeforeTheRequest() throws Exception {
        Session session = client.open(LATEST, SAMPLING);

        Events call = client.stream(session, sample(5, "Primed?"));
        Event primed = call.next();
        Event asked = call.next();

        assertTrue(primed.isPriming(), call::toString);
        JsonObject request = asked.json();
        assertEquals("sampling/createMessage", request.get("method").getAsString(), call::toString);
        assertAccepted(client.post(session, answer(request.get("id"), modelSaid("yes"))));
        List<Event> rest = call.rest();
        assertEquals(1, rest.size(), call::toString);
        assertEquals("the model said: yes", resultText(rest.get(0), 5), call::toString);
    }

    @Test
    void aClientThatDidNotDeclareSamplingGetsAToolErrorNamingTheCapability() throws Exception {
        Session session = client.open(PREVIOUS, ELICITATION);

        Reply reply = client.post(session, sample(5, "Anyone there?"));

        JsonObject result = McpHttp.result(reply, 5);
        assertTrue(result.get("isError").getAsBoolean(), reply::toString);
        String text =
                result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString();
        assertTrue(text.contains("\"sampling\""), reply::toString);
    }

    @Test
    void aClientErrorAnswerBecomesAToolErrorOnTheStream() throws Exception {
        Session session = client.open(PREVIOUS, SAMPLING);
        Events call = client.stream(session, sample(5, "Refuse me"));
        JsonObject request = call.next().json();

        assertAccepted(
                client.post(
                        session,
                        "{\"jsonrpc\":\"2.0\",\"id\":"
                                + request.get("id")
                                + ",\"error\":{\"code\":-1,\"message\":\"User rejected\"}}"));

        List<Event> rest = call.rest();
        assertEquals(1, rest.size(), call::toString);
        JsonObject result = rest.get(0).json().getAsJsonObject("result");
        assertTrue(result.get("isError").getAsBoolean(), call::toString);
        assertTrue(
                result.getAsJsonArray("content")
                        .get(0)
                        .getAsJsonObject()
                        .get("text")
                        .getAsString()
                        .contains("User rejected"),
                call::toString);
    }

    @Test
    void aResponseToAnUnknownIdIsAcceptedAndChangesNothing() throws Exception {
        Session session = client.open(PREVIOUS, SAMPLING);

        assertAccepted(
                client.post(
                        session, answer(JsonParser.parseString("\"s-999\""), new JsonObject())));
        assertAccepted(
                client.post(session, answer(JsonParser.parseString("12345"), new JsonObject())));

        McpHttp.result(client.post(session, McpHttp.ping(3)), 3);
        Events call = client.stream(session, sample(5, "Still there?"));
        JsonObject request = call.next().json();
        // A stray answer while the server waits does not complete its request either.
        assertAccepted(
                client.post(
                        session, answer(JsonParser.parseString("\"s-999\""), new JsonObject())));
        assertAccepted(client.post(session, answer(request.get("id"), modelSaid("yes"))));
        List<Event> rest = call.rest();
        assertEquals(1, rest.size(), call::toString);
        assertEquals("the model said: yes", resultText(rest.get(0), 5), call::toString);
    }

    @Test
    void anotherSessionCannotAnswerThisSessionsRequest() throws Exception {
        Session asking = client.open(PREVIOUS, SAMPLING);
        Session other = client.open(PREVIOUS, SAMPLING);
        Events call = client.stream(asking, sample(5, "Whose answer?"));
        JsonObject request = call.next().json();

        assertAccepted(client.post(other, answer(request.get("id"), modelSaid("intruder"))));
        assertAccepted(client.post(asking, answer(request.get("id"), modelSaid("mine"))));

        List<Event> rest = call.rest();
        assertEquals(1, rest.size(), call::toString);
        assertEquals("the model said: mine", resultText(rest.get(0), 5), call::toString);
    }

    @Test
    void aToolWhoseOnlyOutputIsItsResultIsAnsweredAsJson() throws Exception {
        Session session = client.open(LATEST, SAMPLING);

        Reply reply = client.post(session, McpHttp.echo(4, "plain"));

        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        assertEquals("echo: plain", McpHttp.toolText(reply, 4));
    }

    /** A server's request id: present, and a string or a number. */
    private static void assertServerId(JsonElement id, Events call) {
        assertTrue(
                id != null && id.isJsonPrimitive() && !id.getAsJsonPrimitive().isBoolean(),
                call::toString);
    }

    /** A POSTed response is taken with 202 and an empty body. */
    private static void assertAccepted(Reply reply) {
        assertEquals(202, reply.status(), reply::toString);
        assertEquals("", reply.body(), reply::toString);
    }

    /** The text of a successful tool result of that id, carried by an event. */
    private static String resultText(Event event, long id) {
        JsonObject response = event.json();
        assertEquals(id, response.get("id").getAsLong(), event::toString);
        JsonObject result = response.getAsJsonObject("result");
        assertFalse(result.get("isError").getAsBoolean(), event::toString);
        return result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString();
    }
}
