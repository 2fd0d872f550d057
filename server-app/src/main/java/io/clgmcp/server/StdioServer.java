package io.clgmcp.server;

import com.google.inject.Injector;
import com.google.inject.Module;
import io.clgmcp.core.McpServer;
import io.clgmcp.server.internal.ServerModule;
import io.clgmcp.transport.stdio.StdioTransport;
import io.clgmcp.transport.stdio.StdioTransportModule;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server for one client that launched it ({@code --stdio}): the same application as {@link
 * ClgMcpServer}, tools, settings and profile included, with the stdio transport in place of Jetty,
 * so no port is opened. Bearer tokens, OAuth, CORS and rate limits guard HTTP endpoints and do not
 * apply: the process's owner is its one caller. {@link #close} stops it as gracefully as the HTTP
 * server: calls in flight get {@code SHUTDOWN_GRACE_MS}, less a margin, before they are answered
 * with error -32004.
 */
final class StdioServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);

    private final Injector injector;
    private final StdioTransport transport;
    private final int graceMillis;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private StdioServer(Injector injector, int graceMillis) {
        this.injector = injector;
        this.transport = injector.getInstance(StdioTransport.class);
        this.graceMillis = graceMillis;
    }

    /**
     * Builds the application around the stdio transport.
     *
     * @param out where protocol messages go, and nothing else
     * @throws ServerConfig.InvalidConfigException or {@link com.google.inject.CreationException}
     *     when the application cannot be built
     */
    static StdioServer create(
            ServerConfig config, InputStream in, OutputStream out, Module... extraModules) {
        Injector injector =
                ServerModule.injector(
                        config,
                        List.of(new StdioTransportModule(in, out, config.maxBodyBytes())),
                        List.of(extraModules));
        ClgMcpWebListener.warnAboutProfile(config);
        LOG.info(
                "CLG-MCP serving MCP on standard input and output, with {} tools; no HTTP port"
                        + " is opened, and tokens, CORS and rate limits do not apply",
                injector.getInstance(McpServer.class).tools().size());
        return new StdioServer(injector, config.shutdownGraceMillis());
    }

    /** Serves until standard input ends; the calls in flight may still be running then. */
    void serve() {
        transport.serve();
    }

    /**
     * Refuses new requests, lets the calls in flight finish (or answers them with -32004 at the end
     * of their grace), then stops. Safe to call from several threads: each returns once it is done.
     */
    @Override
    public void close() throws InterruptedException {
        if (!closing.compareAndSet(false, true)) {
            closed.await();
            return;
        }
        try {
            ServerModule.beginShutdown(injector, ClgMcpServer.callGrace(graceMillis));
            if (!transport.awaitEnd(Duration.ofMillis(graceMillis))) {
                LOG.warn("calls were still being answered after {} ms; stopping", graceMillis);
            }
            injector.getInstance(McpServer.class).close();
            LOG.info("CLG-MCP stopped");
        } finally {
            closed.countDown();
        }
    }
}
