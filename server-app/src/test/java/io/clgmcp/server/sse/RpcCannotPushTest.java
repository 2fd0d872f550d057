package io.clgmcp.server.sse;

import static io.clgmcp.server.ClientAskingTools.SAMPLING;
import static io.clgmcp.server.ClientAskingTools.WATCHED;
import static io.clgmcp.server.ClientAskingTools.resource;
import static io.clgmcp.server.ClientAskingTools.sample;
import static io.clgmcp.server.ClientAskingTools.sampling;
import static io.clgmcp.server.sse.SseClientTools.aboutResource;
import static io.clgmcp.server.sse.SseClientTools.initialize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.ResourceServers.Started;
import io.clgmcp.server.TestServer.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What needs a stream to the client is refused over plain {@code POST /rpc}, which has none: a
 * resource subscription is a JSON-RPC error, and a tool that asks the client something fails at
 * once instead of waiting for an answer that cannot come. (The same server serves both over SSE.)
 */
@Timeout(60)
class RpcCannotPushTest {
    private static final String TOKEN = "rpc-push-token";

    @RegisterExtension final SseResourceServers servers = new SseResourceServers();
    private Started server;

    @BeforeEach
    void start() throws Exception {
        server =
                servers.start(
                        Map.of(
                                "MCP_AUTH_TOKEN",
                                TOKEN,
                                // Far longer than the test may take: a tool that waited would show.
                                "MCP_CLIENT_REQUEST_TIMEOUT",
                                "600"),
                        List.of(resource(WATCHED)),
                        sampling());
    }

    private Reply rpc(String json) throws Exception {
        return servers.post(server, "/rpc", TOKEN, json);
    }

    @Test
    void refusesAResourceSubscriptionNamingThatItCannotDeliverUpdates() throws Exception {
        Reply reply = rpc(aboutResource(1, "resources/subscribe", WATCHED).toString());

        JsonObject response = reply.json();
        assertEquals(1, response.get("id").getAsInt(), reply::toString);
        JsonObject error = response.getAsJsonObject("error");
        assertEquals(-32600, error.get("code").getAsInt(), reply::toString);
        assertTrue(
                error.get("message").getAsString().contains("cannot deliver resource updates"),
                reply::toString);
        assertEquals(0, server.mcp().resourceUpdated(WATCHED));
    }

    @Test
    void failsAToolThatAsksTheClientSomething() throws Exception {
        Reply reply = rpc(sample(2, "Anyone there?").toString());

        JsonObject result = reply.json().getAsJsonObject("result");
        assertTrue(result.get("isError").getAsBoolean(), reply::toString);
        assertTrue(textOf(result).contains("cannot carry requests to the client"), reply::toString);
    }

    @Test
    void failsAToolThatAsksTheClientSomethingEvenAfterTheClientDeclaredSampling() throws Exception {
        // One batch is one session: its initialize declares sampling for the call that follows.
        JsonArray batch = new JsonArray();
        batch.add(initialize(1, SAMPLING));
        batch.add(sample(2, "Anyone there?"));

        Reply reply = rpc(batch.toString());

        assertEquals(200, reply.status(), reply::toString);
        JsonArray responses = JsonParser.parseString(reply.body()).getAsJsonArray();
        assertEquals(2, responses.size(), reply::toString);
        JsonObject result = null;
        for (JsonElement response : responses) {
            if (response.getAsJsonObject().get("id").getAsInt() == 2) {
                result = response.getAsJsonObject().getAsJsonObject("result");
            }
        }
        assertNotNull(result, reply::toString);
        assertTrue(result.get("isError").getAsBoolean(), reply::toString);
        assertTrue(textOf(result).contains("cannot carry requests to the client"), reply::toString);
    }

    private static String textOf(JsonObject result) {
        return result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString();
    }
}
