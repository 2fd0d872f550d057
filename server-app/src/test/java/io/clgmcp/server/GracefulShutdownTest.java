package io.clgmcp.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clgmcp.server.TestServer.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class GracefulShutdownTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private final TestTools.Blocking blocking = servers.blocking();
    private TestServer server;

    @Test
    void letsACallInFlightFinishBeforeStopping() throws Exception {
        server = servers.start(Map.of("SHUTDOWN_GRACE_MS", "10000"), blocking.tool);
        URI health = server.uri("/health");

        CompletableFuture<Reply> inFlight = server.callToolAsync("block", "{}");
        blocking.awaitEntered();
        CompletableFuture<Void> closing =
                CompletableFuture.runAsync(
                        () -> {
                            try {
                                server.close();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        awaitRefusingConnections(health);
        assertFalse(inFlight.isDone(), "the call cannot finish before its tool is released");
        assertFalse(closing.isDone(), "the server must wait for the call in flight");
        blocking.release();

        Reply reply = inFlight.get(10, SECONDS);
        closing.get(10, SECONDS);

        assertEquals(200, reply.status(), reply::toString);
        assertFalse(reply.result().get("isError").getAsBoolean(), reply::toString);
        assertEquals("released", reply.firstText());
        assertThrows(IOException.class, () -> server.get("/health"));
    }

    @Test
    void letsACallOutlastJettysShutdownIdleTimeoutWithinTheGracePeriod() throws Exception {
        server = servers.start(Map.of("SHUTDOWN_GRACE_MS", "10000"), blocking.tool);

        CompletableFuture<Reply> inFlight = server.callToolAsync("block", "{}");
        blocking.awaitEntered();
        CompletableFuture<Void> closing =
                CompletableFuture.runAsync(
                        () -> {
                            try {
                                server.close();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        awaitRefusingConnections(server.uri("/health"));
        // The call stays quiet for longer than Jetty's default shutdown idle timeout (1 s).
        long quietUntil = System.nanoTime() + SECONDS.toNanos(3);
        while (System.nanoTime() < quietUntil) {
            Thread.onSpinWait();
        }
        blocking.release();

        Reply reply = inFlight.get(10, SECONDS);
        closing.get(10, SECONDS);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("released", reply.firstText());
    }

    @Test
    void stopsListeningOnClose() throws Exception {
        server = servers.start(Map.of());
        assertEquals(200, server.get("/health").status());

        server.close();

        assertThrows(IOException.class, () -> server.get("/health"));
    }

    /**
     * Waits (at most 10 s) until the port stops taking connections, which the server does first
     * when it starts closing.
     */
    private static void awaitRefusingConnections(URI uri) {
        long deadline = System.nanoTime() + SECONDS.toNanos(10);
        while (accepts(uri)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server kept accepting connections while closing");
            }
            Thread.onSpinWait();
        }
    }

    private static boolean accepts(URI uri) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
