package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Session#state} as a value another instance of a cluster restores ({@link
 * McpServer#restore}) to serve the session: the handshake, the log level and the subscriptions,
 * through JSON; and {@link Session#stateVersion}, which tells a transport when to store it again.
 */
@Timeout(30)
class SessionStateTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);
    private static final String WATCHED = "test://watched";

    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .resource(
                            new Resource(
                                    WATCHED,
                                    "watched",
                                    null,
                                    null,
                                    "text/plain",
                                    read -> List.of(ResourceContents.text(read, "text/plain", ""))))
                    .build();

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void aRestoredCopyHasTheHandshakeTheLogLevelAndTheSubscriptions() throws Exception {
        Session original = new Session("session-1", new RecordingSink());
        agree(original);

        RecordingSink copyOutbound = new RecordingSink();
        Session copy = new Session("session-1", copyOutbound);
        server.restore(copy, SessionState.fromJson(original.state().toJson()));

        assertEquals(original.state(), copy.state());
        assertEquals(Optional.of("2025-11-25"), copy.protocolVersion());
        assertTrue(copy.isInitialized());
        assertEquals(LoggingLevel.WARNING, copy.logLevel());
        assertTrue(copy.clientCan("sampling"));
        assertEquals(2, server.resourceUpdated(WATCHED), "the copy did not join the subscription");
        assertEquals(
                "notifications/resources/updated",
                ((JsonRpcNotification) copyOutbound.messages().get(0)).method());
    }

    @Test
    void restoringLeavesTheSubscriptionsTheStateNoLongerHas() throws Exception {
        Session copy = new Session("session-1", new RecordingSink());
        agree(copy);
        SessionState unsubscribed =
                new SessionState(
                        copy.state().protocolVersion(),
                        copy.state().clientInfo(),
                        copy.state().capabilities(),
                        true,
                        LoggingLevel.DEBUG,
                        Set.of());

        server.restore(copy, unsubscribed);

        assertEquals(unsubscribed, copy.state());
        assertEquals(0, server.resourceUpdated(WATCHED));
    }

    @Test
    void theVersionCountsEveryChangeAndNothingElse() throws Exception {
        Session session = new Session("session-1", new RecordingSink());
        long fresh = session.stateVersion();

        agree(session);
        long agreed = session.stateVersion();
        resultOf(RecordingSink.exchange(server, session, request(9, "ping", null)));
        resultOf(RecordingSink.exchange(server, session, request(10, "resources/list", null)));

        assertNotEquals(fresh, agreed);
        assertEquals(agreed, session.stateVersion(), "a request that changed nothing counted");
        resultOf(
                RecordingSink.exchange(
                        server, session, request(11, "logging/setLevel", "{\"level\":\"error\"}")));
        assertNotEquals(agreed, session.stateVersion());
    }

    @Test
    void refusesTextThatIsNoStoredState() {
        assertThrows(IllegalArgumentException.class, () -> SessionState.fromJson("{\"a\":1}"));
        assertThrows(IllegalArgumentException.class, () -> SessionState.fromJson("[1"));
    }

    /** Initializes the session with sampling, confirms it, sets warning and subscribes. */
    private void agree(Session session) throws Exception {
        resultOf(
                RecordingSink.exchange(
                        server,
                        session,
                        request(
                                1,
                                "initialize",
                                "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":"
                                        + "{\"sampling\":{}},\"clientInfo\":{\"name\":\"t\","
                                        + "\"version\":\"1\"}}")));
        server.receive(
                session,
                new JsonRpcNotification("notifications/initialized", null),
                MessageSink.DISCARD);
        resultOf(
                RecordingSink.exchange(
                        server,
                        session,
                        request(2, "logging/setLevel", "{\"level\":\"warning\"}")));
        resultOf(
                RecordingSink.exchange(
                        server,
                        session,
                        request(3, "resources/subscribe", "{\"uri\":\"" + WATCHED + "\"}")));
    }
}
