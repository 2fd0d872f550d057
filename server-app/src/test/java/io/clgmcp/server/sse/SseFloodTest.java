package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One connection floods the server with calls while another makes a few: every call either
 * connection made is answered on its own stream, once, and the quiet one is served as usual.
 */
class SseFloodTest {
    private static final int FLOOD = 1000;
    private static final int QUIET = 20;
    private static final int POSTERS = 32;

    @RegisterExtension final SseFixture sse = new SseFixture();

    @Test
    void aFloodingConnectionNeitherLosesCallsNorStarvesAnother() throws Exception {
        TestServer server =
                sse.start(
                        Map.of("SSE_MAX_QUEUED_EVENTS", "10000", "RATE_LIMIT_RPS", "0"),
                        SseFixture.say());
        Stream flooding = sse.connect(server, null);
        Stream quiet = sse.connect(server, null);

        ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                replies.add(post(posters, server, flooding, i));
                if (i % (FLOOD / QUIET) == 0) {
                    replies.add(post(posters, server, quiet, FLOOD + i));
                }
            }
            for (Future<Reply> reply : replies) {
                Reply sent = reply.get(SseFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertEquals(200, sent.status(), sent::toString);
            }
        } finally {
            posters.shutdownNow();
            assertTrue(posters.awaitTermination(10, TimeUnit.SECONDS));
        }

        assertEquals(FLOOD, answered(flooding, FLOOD).size());
        assertEquals(QUIET, answered(quiet, QUIET).size());
    }

    private static Future<Reply> post(
            ExecutorService posters, TestServer server, Stream stream, long id) {
        JsonObject call = SseFixture.toolCall(id, "say", "{\"text\":\"" + id + "\"}");
        return posters.submit(() -> SseFixture.postSse(server, null, stream.connectionId(), call));
    }

    /** The ids of the next {@code count} responses on the stream, each a success, none twice. */
    private static Set<Long> answered(Stream stream, int count) {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            JsonObject response = stream.next("mcp-response").json();
            assertTrue(response.has("result"), response::toString);
            assertTrue(ids.add(response.get("id").getAsLong()), response::toString);
        }
        return ids;
    }
}
