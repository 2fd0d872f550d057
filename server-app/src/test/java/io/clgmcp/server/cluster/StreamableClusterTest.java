package io.clgmcp.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.cluster.EventStream.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Streamable HTTP session lives in the cluster, not in the instance that opened it: any instance
 * serves its requests, its log level holds everywhere, its streams resume on another instance after
 * the first crashed, and deleting it on one ends it on all. One tool thread per instance, so that a
 * later call on the same instance runs only once an earlier one has answered.
 */
@Timeout(120)
class StreamableClusterTest {
    private static final Map<String, String> SETTINGS = Map.of("MCP_TOOL_THREADS", "1");

    @RegisterExtension static final SharedCluster cluster = new SharedCluster(3, SETTINGS);

    @Test
    void aSessionOpenedOnOneInstanceIsServedByTheOthers() throws Exception {
        String session = Mcp.initialize(cluster.node(0));

        Http.Reply initialized =
                Mcp.post(cluster.node(1), session, Mcp.notification("notifications/initialized"));
        assertEquals(202, initialized.status(), initialized::toString);
        JsonObject listed =
                Mcp.response(
                        Mcp.post(cluster.node(2), session, Mcp.request(2, "tools/list", null)), 2);

        assertTrue(
                listed.getAsJsonObject("result").getAsJsonArray("tools").size() > 0,
                listed::toString);
    }

    @Test
    void theLogLevelSetOnOneInstanceHoldsOnTheOthers() throws Exception {
        String session = Mcp.open(cluster.node(0));

        setLevel(cluster.node(0), session, 2, "debug");
        List<JsonObject> verbose =
                Mcp.messages(
                        Mcp.post(
                                cluster.node(1),
                                session,
                                Mcp.toolCall(3, "test_tool_with_logging", null)));
        setLevel(cluster.node(2), session, 4, "error");
        List<JsonObject> quiet =
                Mcp.messages(
                        Mcp.post(
                                cluster.node(1),
                                session,
                                Mcp.toolCall(5, "test_tool_with_logging", null)));

        assertEquals(3, logMessages(verbose), verbose::toString);
        assertEquals(0, logMessages(quiet), quiet::toString);
        assertEquals(1, quiet.size(), quiet::toString);
    }

    @Test
    void aClientsAnswerPostedToAnotherInstanceReachesTheToolAskingForIt() throws Exception {
        String session = samplingSession(cluster.node(0), cluster.node(1));

        try (EventStream call = askingForSampling(cluster.node(0), session)) {
            JsonObject asked = samplingRequest(call).json();
            Http.Reply answered =
                    Mcp.post(cluster.node(2), session, Mcp.sampled(asked.get("id"), "hello"));
            assertEquals(202, answered.status(), answered::toString);

            JsonObject response =
                    call.next(event -> event.data().contains("\"result\""), "the response").json();
            assertEquals(2, response.get("id").getAsInt(), response::toString);
            assertEquals("LLM response: hello", Mcp.toolText(response), response::toString);
        }
    }

    @Test
    void aStreamResumedOnAnotherInstanceCarriesWhatItsToolSendsAfterwards() throws Exception {
        String session = samplingSession(cluster.node(0), cluster.node(0));
        Event asked;
        try (EventStream call = askingForSampling(cluster.node(0), session)) {
            asked = samplingRequest(call);
        }

        try (EventStream resumed = resume(cluster.node(1), session, asked.id())) {
            assertEquals(200, resumed.awaitStatus(), cluster::outputs);
            Http.Reply answered =
                    Mcp.post(
                            cluster.node(2), session, Mcp.sampled(asked.json().get("id"), "hello"));
            assertEquals(202, answered.status(), answered::toString);

            JsonObject response =
                    resumed.next(event -> event.data().contains("\"result\""), "the response")
                            .json();
            assertEquals(2, response.get("id").getAsInt(), response::toString);
            assertEquals("LLM response: hello", Mcp.toolText(response), response::toString);
            assertTrue(
                    resumed.all().stream().noneMatch(event -> event.data().contains("sampling/")),
                    resumed.all()::toString);
        }
    }

    @Test
    void aCancellationPostedToAnotherInstanceStopsTheCallAndEndsItsStream() throws Exception {
        String session = samplingSession(cluster.node(0), cluster.node(0));
        try (EventStream call = askingForSampling(cluster.node(0), session)) {
            samplingRequest(call);

            JsonObject cancelled = Mcp.notification("notifications/cancelled");
            cancelled.add("params", JsonParser.parseString("{\"requestId\":2}"));
            Http.Reply cancel = Mcp.post(cluster.node(2), session, cancelled);
            assertEquals(202, cancel.status(), cancel::toString);

            assertEquals("ended", call.awaitEnd(), call.all()::toString);
            assertTrue(
                    call.all().stream().noneMatch(event -> event.data().contains("\"result\"")),
                    call.all()::toString);
        }
        // A's only tool thread is free again: the cancelled call no longer waits for the client.
        JsonObject text =
                Mcp.response(
                        Mcp.post(
                                cluster.node(0),
                                session,
                                Mcp.toolCall(3, "test_simple_text", null)),
                        3);
        assertTrue(text.has("result"), text::toString);
    }

    @Test
    void deletingTheSessionOnOneInstanceEndsItsOpenStreamOnAnother() throws Exception {
        int before = sessions(cluster.node(2));
        String session = Mcp.open(cluster.node(0));
        assertEquals(before + 1, sessions(cluster.node(2)), cluster::outputs);
        try (EventStream listening =
                EventStream.get(
                        cluster.node(0).uri("/mcp"), Mcp.headers(session, "text/event-stream"))) {
            assertEquals(200, listening.awaitStatus(), cluster::outputs);

            Http.Reply deleted =
                    Http.delete(cluster.node(1).uri("/mcp"), Mcp.headers(session, Mcp.ACCEPT));
            assertTrue(deleted.status() == 200 || deleted.status() == 204, deleted::toString);

            assertEquals("ended", listening.awaitEnd(), listening.all()::toString);
        }
        Http.Reply afterwards = Mcp.post(cluster.node(0), session, Mcp.request(2, "ping", null));
        assertEquals(404, afterwards.status(), afterwards::toString);
        assertEquals(before, sessions(cluster.node(2)), cluster::outputs);
    }

    /** {@code cluster.sessions} of {@code /health}: the Streamable sessions of every instance. */
    private static int sessions(ClusterNode node) throws Exception {
        return node.cluster().get("sessions").getAsInt();
    }

    @Test
    void aStreamResumesOnAnotherInstanceAfterItsOwnCrashedAndTheSessionLivesOn() throws Exception {
        try (Cluster own = Cluster.start(3, SETTINGS)) {
            String session = Mcp.open(own.node(0));
            Event first;
            try (EventStream call =
                    EventStream.post(
                            own.node(0).uri("/mcp"),
                            Mcp.toolCall(2, "test_tool_with_progress", "p-2").toString(),
                            Mcp.headers(session, Mcp.ACCEPT))) {
                first = call.next();
            }
            // A's only tool thread answers this call once the dropped one is done, so that its
            // every event is in the history before A dies.
            Mcp.response(
                    Mcp.post(own.node(0), session, Mcp.toolCall(3, "test_simple_text", null)), 3);
            own.node(0).kill();

            List<Event> replayed;
            try (EventStream resumed = resume(own.node(1), session, first.id())) {
                assertEquals(200, resumed.awaitStatus(), own::outputs);
                resumed.awaitEnd();
                replayed = resumed.all();
            }

            List<JsonObject> seen = new ArrayList<>();
            for (Event event : concat(List.of(first), replayed)) {
                if (!event.data().isEmpty()) {
                    seen.add(event.json());
                }
            }
            assertEquals(
                    List.of(0.0, 50.0, 100.0),
                    seen.stream()
                            .filter(message -> message.has("method"))
                            .map(
                                    message ->
                                            message.getAsJsonObject("params")
                                                    .get("progress")
                                                    .getAsDouble())
                            .toList(),
                    replayed::toString);
            List<JsonObject> responses =
                    seen.stream().filter(message -> message.has("id")).toList();
            assertEquals(1, responses.size(), replayed::toString);
            assertEquals(2, responses.get(0).get("id").getAsInt(), replayed::toString);
            assertFalse(responses.get(0).getAsJsonObject("result").get("isError").getAsBoolean());

            Mcp.response(
                    Mcp.post(own.node(1), session, Mcp.toolCall(4, "test_simple_text", null)), 4);
            Mcp.response(
                    Mcp.post(own.node(2), session, Mcp.toolCall(5, "test_simple_text", null)), 5);
            Http.Reply deleted =
                    Http.delete(own.node(1).uri("/mcp"), Mcp.headers(session, Mcp.ACCEPT));
            assertTrue(deleted.status() == 200 || deleted.status() == 204, deleted::toString);
            Http.Reply afterwards = Mcp.post(own.node(2), session, Mcp.request(6, "ping", null));
            assertEquals(404, afterwards.status(), afterwards::toString);
        }
    }

    @Test
    void theGetStreamResumesOnAnotherInstanceAfterItsOwnCrashed() throws Exception {
        try (Cluster own = Cluster.start(2, SETTINGS)) {
            String session = Mcp.open(own.node(0));
            Event primed;
            try (EventStream listening =
                    EventStream.get(
                            own.node(0).uri("/mcp"), Mcp.headers(session, "text/event-stream"))) {
                assertEquals(200, listening.awaitStatus(), own::outputs);
                primed = listening.next();
            }
            own.node(0).kill();

            try (EventStream resumed = resume(own.node(1), session, primed.id())) {
                assertEquals(200, resumed.awaitStatus(), own::outputs);
                Event primedAgain = resumed.next();

                assertTrue(
                        Long.parseLong(primedAgain.id()) > Long.parseLong(primed.id()),
                        resumed.all()::toString);
            }
            Mcp.response(Mcp.post(own.node(1), session, Mcp.request(2, "ping", null)), 2);
        }
    }

    @Test
    void aStreamResumedAfterTheInstanceRunningItsCallDiedIsAnsweredWithAnError() throws Exception {
        try (Cluster own = Cluster.start(2, SETTINGS)) {
            String session = samplingSession(own.node(0), own.node(0));
            Event asked;
            try (EventStream call = askingForSampling(own.node(0), session)) {
                asked = samplingRequest(call);
            }
            // The tool on A waits for an answer that can now never reach it.
            own.node(0).kill();
            Poll.until(
                    "B counts A gone",
                    () -> own.node(1).cluster().get("instancesAlive").getAsInt() == 1);

            try (EventStream resumed = resume(own.node(1), session, asked.id())) {
                assertEquals(200, resumed.awaitStatus(), own::outputs);
                JsonObject response =
                        resumed.next(event -> event.data().contains("\"error\""), "the answer")
                                .json();
                resumed.awaitEnd();

                assertEquals(2, response.get("id").getAsInt(), response::toString);
                assertEquals(
                        -32603,
                        response.getAsJsonObject("error").get("code").getAsInt(),
                        response::toString);
                assertTrue(
                        response.getAsJsonObject("error")
                                .get("message")
                                .getAsString()
                                .contains("stopped before answering"),
                        response::toString);
            }
        }
    }

    /** The stream of the session that event belonged to, resumed on {@code node} after it. */
    private static EventStream resume(ClusterNode node, String session, String lastEventId) {
        return EventStream.get(
                node.uri("/mcp"),
                concat(Mcp.headers(session, "text/event-stream"), "Last-Event-ID", lastEventId));
    }

    /** A session opened on one instance and confirmed on another, whose client can sample. */
    private static String samplingSession(ClusterNode opener, ClusterNode confirmer)
            throws Exception {
        String session = Mcp.initialize(opener, "{\"sampling\":{}}");
        Mcp.post(confirmer, session, Mcp.notification("notifications/initialized"));
        return session;
    }

    /** The stream of call 2 to a tool on {@code node} that asks the client to sample. */
    private static EventStream askingForSampling(ClusterNode node, String session) {
        return EventStream.post(
                node.uri("/mcp"),
                Mcp.samplingCall(2, "Say hello").toString(),
                Mcp.headers(session, Mcp.ACCEPT));
    }

    private static Event samplingRequest(EventStream call) {
        return call.next(
                event -> event.data().contains("sampling/createMessage"), "the sampling request");
    }

    private static void setLevel(ClusterNode node, String session, long id, String level)
            throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("level", level);
        Mcp.response(Mcp.post(node, session, Mcp.request(id, "logging/setLevel", params)), id);
    }

    private static long logMessages(List<JsonObject> messages) {
        return messages.stream()
                .filter(message -> message.has("method"))
                .filter(
                        message ->
                                message.get("method").getAsString().equals("notifications/message"))
                .count();
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private static <T> List<T> concat(List<T> first, List<T> rest) {
        List<T> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }
}
