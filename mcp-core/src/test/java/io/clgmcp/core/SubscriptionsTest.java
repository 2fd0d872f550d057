package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.errorOf;
import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcError;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code resources/subscribe} and {@code resources/unsubscribe}, and {@link
 * McpServer#resourceUpdated} telling subscribed sessions on their own outbound sinks.
 */
@Timeout(30)
class SubscriptionsTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);
    private static final String WATCHED = "test://watched";
    private static final String OTHER = "test://other";
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .resource(resource(WATCHED))
                    .resource(resource(OTHER))
                    .resourceTemplate(
                            new ResourceTemplate(
                                    "test://template/{id}/data",
                                    "template",
                                    null,
                                    null,
                                    null,
                                    (uri, variables) -> List.of(),
                                    null))
                    .build();
    private final RecordingSink outbound = new RecordingSink();
    private final Session session = new Session("session-1", outbound);

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void tellsASubscribedSessionOnItsOutboundSinkThatTheResourceChanged() throws Exception {
        assertEquals(new JsonObject(), resultOf(subscribe(session, 1, WATCHED)));
        assertEquals(List.of(), outbound.messages(), "the subscription itself sent something");

        assertEquals(1, server.resourceUpdated(WATCHED));

        assertEquals(List.of(updated(WATCHED)), outbound.messages());
    }

    @Test
    void tellsNoOneAboutAResourceNobodySubscribedTo() throws Exception {
        resultOf(subscribe(session, 1, WATCHED));

        assertEquals(0, server.resourceUpdated(OTHER));

        assertEquals(List.of(), outbound.messages());
    }

    @Test
    void stopsTellingASessionThatUnsubscribed() throws Exception {
        resultOf(subscribe(session, 1, WATCHED));
        resultOf(subscribe(session, 2, OTHER));

        JsonRpcResponse response =
                exchange(session, 3, "resources/unsubscribe", "{\"uri\":\"" + WATCHED + "\"}");

        assertEquals(new JsonObject(), resultOf(response));
        assertEquals(0, server.resourceUpdated(WATCHED));
        assertEquals(1, server.resourceUpdated(OTHER), "unsubscribed from the other URI too");
        assertEquals(List.of(updated(OTHER)), outbound.messages());
    }

    @Test
    void refusesASubscriptionFromASessionNothingCanBePushedTo() throws Exception {
        JsonRpcError error =
                errorOf(subscribe(Session.ephemeral(), 1, WATCHED), ErrorCode.INVALID_REQUEST);

        assertTrue(error.message().contains("cannot deliver"), error::toString);
        assertEquals(0, server.resourceUpdated(WATCHED));
    }

    @Test
    void refusesToSubscribeToAnUnknownUriWithResourceNotFound() throws Exception {
        JsonRpcError error =
                errorOf(subscribe(session, 1, "test://nonesuch"), ErrorCode.RESOURCE_NOT_FOUND);

        JsonObject data = new JsonObject();
        data.addProperty("uri", "test://nonesuch");
        assertEquals(data, error.data());
        assertEquals(0, server.resourceUpdated("test://nonesuch"));
        assertEquals(List.of(), outbound.messages());
    }

    @Test
    void subscribesToAUriThatATemplateAnswers() throws Exception {
        resultOf(subscribe(session, 1, "test://template/7/data"));

        assertEquals(1, server.resourceUpdated("test://template/7/data"));
        assertEquals(0, server.resourceUpdated("test://template/8/data"));

        assertEquals(List.of(updated("test://template/7/data")), outbound.messages());
    }

    @Test
    void doesNotTellAClosedSession() throws Exception {
        resultOf(subscribe(session, 1, WATCHED));

        session.close();

        assertEquals(0, server.resourceUpdated(WATCHED));
        assertEquals(List.of(), outbound.messages());
    }

    @Test
    void tellsEachSubscribedSessionOnceAndOnlyThoseStillOpen() throws Exception {
        RecordingSink secondOutbound = new RecordingSink();
        Session second = new Session("session-2", secondOutbound);
        RecordingSink thirdOutbound = new RecordingSink();
        Session third = new Session("session-3", thirdOutbound);
        resultOf(subscribe(session, 1, WATCHED));
        resultOf(subscribe(session, 2, WATCHED));
        resultOf(subscribe(second, 1, WATCHED));
        resultOf(subscribe(third, 1, WATCHED));
        third.close();

        assertEquals(2, server.resourceUpdated(WATCHED));

        assertEquals(List.of(updated(WATCHED)), outbound.messages());
        assertEquals(List.of(updated(WATCHED)), secondOutbound.messages());
        assertEquals(List.of(), thirdOutbound.messages());
    }

    /**
     * A session subscribing while the last subscriber of the same URI leaves must stay subscribed.
     * The race is narrow, so this repeats it many times, the two threads released together.
     */
    @Test
    void keepsANewSubscriptionWhileTheLastSubscriberLeavesAtTheSameMoment() throws Exception {
        int rounds = 200_000;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Subscriptions> subscriptions = new AtomicReference<>();
        AtomicReference<Session> leaving = new AtomicReference<>();
        Thread unsubscriber =
                new Thread(
                        () -> {
                            for (int round = 1; round <= rounds; round++) {
                                int released;
                                while ((released = started.get()) >= 0 && released < round) {
                                    Thread.yield();
                                }
                                if (released < 0) {
                                    return;
                                }
                                subscriptions.get().unsubscribe(leaving.get(), WATCHED);
                                finished.set(round);
                            }
                        },
                        "unsubscriber");
        unsubscriber.setDaemon(true);
        unsubscriber.start();
        int lost = 0;
        int round = 1;
        try {
            for (; round <= rounds && lost == 0 && System.nanoTime() < deadline; round++) {
                Subscriptions fresh = new Subscriptions();
                Session first = new Session("first", MessageSink.DISCARD);
                fresh.subscribe(first, WATCHED);
                subscriptions.set(fresh);
                leaving.set(first);
                started.set(round);

                fresh.subscribe(new Session("second", MessageSink.DISCARD), WATCHED);

                while (finished.get() < round) {
                    assertTrue(System.nanoTime() < deadline + STALL_NANOS, "unsubscriber stalled");
                    Thread.yield();
                }
                if (fresh.updated(WATCHED) != 1) {
                    lost++;
                }
            }
        } finally {
            started.set(Integer.MIN_VALUE);
        }

        assertEquals(0, lost, "the new subscription was lost in round " + (round - 1));
    }

    private JsonRpcResponse subscribe(Session subscriber, long id, String uri) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);
        return exchange(subscriber, id, "resources/subscribe", params.toString());
    }

    private JsonRpcResponse exchange(Session subscriber, long id, String method, String params)
            throws Exception {
        return RecordingSink.exchange(server, subscriber, request(id, method, params));
    }

    private static JsonRpcNotification updated(String uri) {
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);
        return new JsonRpcNotification("notifications/resources/updated", params);
    }

    private static Resource resource(String uri) {
        return new Resource(
                uri,
                uri,
                null,
                null,
                "text/plain",
                read -> List.of(ResourceContents.text(read, "text/plain", "")));
    }
}
