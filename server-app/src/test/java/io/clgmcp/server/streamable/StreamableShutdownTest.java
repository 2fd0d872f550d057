package io.clgmcp.server.streamable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import io.clgmcp.server.streamable.StreamClient.Event;
import io.clgmcp.server.streamable.StreamClient.Events;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stopping the server with calls in flight on {@code /mcp}: a call answered as JSON or on its own
 * event stream gets its result if it finishes within {@code SHUTDOWN_GRACE_MS}, and error -32004 if
 * it does not; either way the caller hears, and the server stops.
 */
@Timeout(60)
class StreamableShutdownTest {
    private static final int SHUTTING_DOWN = -32004;

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private final TestTools.Blocking blocking = servers.blocking();
    private final StreamTools.Pausing pausing = new StreamTools.Pausing();
    private StreamClient client;
    private TestServer server;

    @AfterEach
    void closeStreams() {
        // Runs before ServerFixture closes the servers.
        pausing.release();
        if (client != null) {
            client.close();
        }
    }

    @Test
    void answersAJsonCallThatOutlastsTheGraceWithTheShutdownError() throws Exception {
        server = servers.start(Map.of("SHUTDOWN_GRACE_MS", "3000"), blocking.tool);
        McpHttp mcp = new McpHttp(server);
        String session = mcp.open();
        CompletableFuture<Reply> call = mcp.postAsync(session, McpHttp.toolCall(2, "block", "{}"));
        blocking.awaitEntered();

        CompletableFuture<Void> closing = server.closeInBackground();

        JsonObject error =
                McpHttp.assertRpcError(call.get(10, TimeUnit.SECONDS), 200, SHUTTING_DOWN);
        assertTrue(error.get("message").getAsString().contains("shutting down"), error::toString);
        assertTrue(blocking.awaitInterrupted(), "the tool's call was not marked cancelled");
        closing.get(10, TimeUnit.SECONDS);
    }

    @Test
    void keepsACallsStreamOpenUntilItsResponseWithinTheGrace() throws Exception {
        Events stream = startStreamedCall("10000");

        CompletableFuture<Void> closing = server.closeInBackground();
        awaitStopped();
        assertFalse(closing.isDone(), "the server must wait for the call on its stream");
        pausing.release();

        JsonObject response = stream.nextMessage().json();
        assertEquals(3, response.get("id").getAsInt(), response::toString);
        assertEquals(
                "resumed",
                response.getAsJsonObject("result")
                        .getAsJsonArray("content")
                        .get(0)
                        .getAsJsonObject()
                        .get("text")
                        .getAsString());
        assertEquals(List.of(), stream.rest());
        closing.get(10, TimeUnit.SECONDS);
    }

    @Test
    void answersAStreamedCallThatOutlastsTheGraceOnItsStream() throws Exception {
        Events stream = startStreamedCall("3000");

        CompletableFuture<Void> closing = server.closeInBackground();

        JsonObject response = stream.nextMessage().json();
        assertEquals(3, response.get("id").getAsInt(), response::toString);
        assertEquals(
                SHUTTING_DOWN,
                response.getAsJsonObject("error").get("code").getAsInt(),
                response::toString);
        assertEquals(List.of(), stream.rest());
        closing.get(10, TimeUnit.SECONDS);
    }

    /**
     * Starts a server with that grace and a call of the pausing tool whose progress turned its
     * reply into an event stream (2025-06-18, so the tool cannot close that stream); returns the
     * stream once the progress has arrived and the tool waits.
     */
    private Events startStreamedCall(String graceMillis) throws Exception {
        server = servers.start(Map.of("SHUTDOWN_GRACE_MS", graceMillis), pausing.tool);
        client = new StreamClient(server.uri("/"));
        StreamClient.Session session = client.open(StreamClient.PREVIOUS);
        JsonObject call =
                JsonParser.parseString(McpHttp.toolCall(3, "pause", "{}")).getAsJsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("progressToken", "shutdown-1");
        call.getAsJsonObject("params").add("_meta", meta);
        Events stream = client.stream(session, call);
        Event progress = stream.nextMessage();
        assertEquals("notifications/progress", progress.method(), progress::toString);
        pausing.awaitPaused();
        return stream;
    }

    /** Waits (bounded) until the server, shutting down, refuses new requests. */
    private void awaitStopped() throws InterruptedException {
        long deadline = System.nanoTime() + TestServer.TIMEOUT.toNanos();
        while (answers()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server kept answering while shutting down");
            }
        }
    }

    private boolean answers() throws InterruptedException {
        try {
            return server.get("/health").status() == 200;
        } catch (IOException refused) {
            return false;
        }
    }
}
