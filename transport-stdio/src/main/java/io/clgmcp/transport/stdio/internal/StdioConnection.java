package io.clgmcp.transport.stdio.internal;

import io.clgmcp.core.LongLivedStreams;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.Session;
import io.clgmcp.transport.stdio.StdioTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one connection of a stdio server, with the one {@link Session} it has for the life of the
 * process: its outbound sink is the output, so notifications, progress, log messages and requests
 * to the client (sampling, elicitation, roots) travel as they would on any stream, and the client's
 * answers come back on the input.
 */
public final class StdioConnection implements StdioTransport, LongLivedStreams {
    private static final System.Logger LOG = System.getLogger(StdioConnection.class.getName());

    private final LineReader reader;
    private final Session session;
    private final InboundLines inbound;
    private final CountDownLatch ended = new CountDownLatch(1);

    public StdioConnection(McpServer server, InputStream in, OutputStream out, int maxLineBytes) {
        this.reader = new LineReader(in, maxLineBytes);
        // Once the output is gone no answer can reach the client, so no handler should go on.
        LineWriter writer = new LineWriter(out, this::clientGone);
        this.session = new Session("stdio", writer);
        this.inbound = new InboundLines(server, session, writer, maxLineBytes);
    }

    @Override
    public void serve() {
        try {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                inbound.accept(line);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "standard input failed: {0}", e.getMessage());
        }
        // The client will send nothing more: what the server awaits from it fails now, rather
        // than at its timeout.
        session.close();
    }

    /** Refuses new requests; the connection ends once the calls in flight are answered. */
    @Override
    public void closeAll() {
        inbound.refuseRequests();
        session.whenIdle(
                () -> {
                    session.close();
                    ended.countDown();
                });
    }

    @Override
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void clientGone() {
        session.cancelAll();
    }
}
