package io.clgmcp.server.sse;

import static io.clgmcp.server.ClientAskingTools.OTHER;
import static io.clgmcp.server.ClientAskingTools.WATCHED;
import static io.clgmcp.server.ClientAskingTools.resource;
import static io.clgmcp.server.sse.SseClientTools.aboutResource;
import static io.clgmcp.server.sse.SsePushAssertions.assertAccepted;
import static io.clgmcp.server.sse.SsePushAssertions.assertSent;
import static io.clgmcp.server.sse.SsePushAssertions.assertStamped;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.ResourceServers.Started;
import io.clgmcp.server.sse.SseFixture.Event;
import io.clgmcp.server.sse.SseResourceServers.Events;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code resources/subscribe} over an SSE connection: {@code McpServer.resourceUpdated} then sends
 * {@code notifications/resources/updated} on the connection's stream, as an {@code
 * mcp-notification} event once the connection has spoken the seed dialect ({@code POST /sse}), as a
 * bare {@code message} event to an MCP 2024-11-05 client ({@code POST /sse/message}).
 */
@Timeout(60)
class SseResourceUpdatesTest {
    private static final String TOKEN = "resource-updates-token";

    @RegisterExtension final SseResourceServers servers = new SseResourceServers();
    private Started server;

    @BeforeEach
    void start() throws Exception {
        server =
                servers.start(
                        Map.of(
                                "MCP_AUTH_TOKEN",
                                TOKEN,
                                // A client that goes away is noticed at the next write.
                                "SSE_HEARTBEAT_INTERVAL",
                                "100"),
                        List.of(resource(WATCHED), resource(OTHER)));
    }

    /** Subscribes over {@code POST /sse} and reads the subscription's answer. */
    private void subscribeSeed(Events stream, long id) throws Exception {
        assertSent(
                servers.postSse(
                        server, TOKEN, stream, aboutResource(id, "resources/subscribe", WATCHED)));
        JsonObject subscribed = stream.next("mcp-response").json();
        assertEquals(id, subscribed.get("id").getAsLong(), subscribed::toString);
        assertEquals(new JsonObject(), subscribed.getAsJsonObject("result"), subscribed::toString);
    }

    @Test
    void tellsAConnectionThatSubscribedOverPostSseWithAnMcpNotification() throws Exception {
        Events stream = servers.connect(server, TOKEN);
        subscribeSeed(stream, 1);
        long before = System.currentTimeMillis();

        assertEquals(1, server.mcp().resourceUpdated(WATCHED));

        Event event = stream.next("mcp-notification", "mcp-response", "message");
        assertEquals("mcp-notification", event.type(), event::toString);
        JsonObject data = event.json();
        assertEquals(
                Set.of("jsonrpc", "method", "params", "protocol", "connectionId", "timestamp"),
                data.keySet(),
                data::toString);
        assertEquals("2.0", data.get("jsonrpc").getAsString(), data::toString);
        assertEquals(
                "notifications/resources/updated",
                data.get("method").getAsString(),
                data::toString);
        assertEquals(
                JsonParser.parseString("{\"uri\":\"" + WATCHED + "\"}"),
                data.getAsJsonObject("params"),
                data::toString);
        assertStamped(data, stream.connectionId(), before);
    }

    @Test
    void tellsAConnectionThatSubscribedOverTheMessageEndpointWithABareMessage() throws Exception {
        Events stream = servers.connect(server, TOKEN);
        String endpoint = stream.next("endpoint").data();
        assertAccepted(
                servers.post(
                        server,
                        endpoint,
                        TOKEN,
                        aboutResource(1, "resources/subscribe", WATCHED).toString()));
        JsonObject subscribed = bareMessage(stream);
        assertEquals(
                JsonParser.parseString("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"), subscribed);

        assertEquals(1, server.mcp().resourceUpdated(WATCHED));

        assertEquals(
                JsonParser.parseString(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\","
                                + "\"params\":{\"uri\":\""
                                + WATCHED
                                + "\"}}"),
                bareMessage(stream));
    }

    @Test
    void tellsOnlyTheConnectionsSubscribedToThatResource() throws Exception {
        Events subscriber = servers.connect(server, TOKEN);
        Events bystander = servers.connect(server, TOKEN);
        subscribeSeed(subscriber, 1);

        assertEquals(0, server.mcp().resourceUpdated(OTHER));
        assertEquals(1, server.mcp().resourceUpdated(WATCHED));

        JsonObject update = subscriber.next("mcp-notification", "mcp-response").json();
        assertEquals(
                "notifications/resources/updated",
                update.get("method").getAsString(),
                update::toString);
        assertEquals(WATCHED, update.getAsJsonObject("params").get("uri").getAsString());
        // Whatever the bystander's stream carries next, apart from heartbeats, must be this ping's
        // answer; and on the subscriber's, this one's, so OTHER's change was sent nowhere.
        assertSent(servers.postSse(server, TOKEN, bystander, SseFixture.request(2, "ping", null)));
        assertSent(servers.postSse(server, TOKEN, subscriber, SseFixture.request(3, "ping", null)));
        Event bystanderNext = bystander.next("mcp-notification", "mcp-response", "message");
        assertEquals("mcp-response", bystanderNext.type(), bystanderNext::toString);
        assertEquals(2, bystanderNext.json().get("id").getAsInt(), bystanderNext::toString);
        Event subscriberNext = subscriber.next("mcp-notification", "mcp-response", "message");
        assertEquals("mcp-response", subscriberNext.type(), subscriberNext::toString);
        assertEquals(3, subscriberNext.json().get("id").getAsInt(), subscriberNext::toString);
    }

    @Test
    void forgetsTheSubscriptionsOfAConnectionThatEnded() throws Exception {
        Events stream = servers.connect(server, TOKEN);
        subscribeSeed(stream, 1);
        assertEquals(1, servers.activeConnections(server));

        stream.close();

        servers.awaitActiveConnections(server, 0);
        assertEquals(0, server.mcp().resourceUpdated(WATCHED));
    }

    @Test
    void answersAnUnsubscribedConnectionNothingMore() throws Exception {
        Events stream = servers.connect(server, TOKEN);
        subscribeSeed(stream, 1);
        assertSent(
                servers.postSse(
                        server, TOKEN, stream, aboutResource(2, "resources/unsubscribe", WATCHED)));
        assertEquals(2, stream.next("mcp-response").json().get("id").getAsInt());

        assertEquals(0, server.mcp().resourceUpdated(WATCHED));
    }

    private static JsonObject bareMessage(Events stream) {
        Event event = stream.next("message", "mcp-response", "mcp-notification");
        assertEquals("message", event.type(), event::toString);
        return event.json();
    }
}
