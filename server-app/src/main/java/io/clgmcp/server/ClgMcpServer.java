package io.clgmcp.server;

import com.google.inject.Module;
import io.clgmcp.server.internal.JsonErrorHandler;
import io.clgmcp.server.internal.ServerModule;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server as a running service: Jetty on the configured host and port, over HTTP or HTTPS (see
 * {@link TlsOptions}), serving the application the Guice modules assemble. {@link #close} stops it
 * gracefully: no new connections, and requests in flight get up to {@code SHUTDOWN_GRACE_MS} to
 * finish; a tool call that would take longer is stopped and answered with error -32004 shortly
 * before that.
 *
 * <pre>{@code
 * try (ClgMcpServer server = ClgMcpServer.start(ServerConfig.of(Map.of("PORT", "0")))) {
 *     URI rpc = server.uri().resolve("/rpc");
 * }
 * }</pre>
 */
public final class ClgMcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClgMcpServer.class);

    private static final long MAX_ANSWER_MARGIN_MS = 1000;

    private final Server jetty;
    private final ServerConnector connector;

    private ClgMcpServer(Server jetty, ServerConnector connector) {
        this.jetty = jetty;
        this.connector = connector;
    }

    /**
     * Builds the application and starts serving it.
     *
     * @param extraModules more Guice modules, such as ones contributing tools
     * @throws Exception when the application cannot be built or the port cannot be bound
     */
    public static ClgMcpServer start(ServerConfig config, Module... extraModules) throws Exception {
        var injector = ServerModule.injector(config, List.of(extraModules));

        Server jetty = new Server(new QueuedThreadPool(200, 8, 60_000));
        jetty.setStopTimeout(config.shutdownGraceMillis());
        jetty.setStopAtShutdown(false);
        jetty.setErrorHandler(new JsonErrorHandler());
        ServerConnector connector = Connectors.create(jetty, config);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.setErrorHandler(new JsonErrorHandler());
        context.addEventListener(new ClgMcpWebListener(injector));
        jetty.setHandler(new GracefulHandler(context));
        // Long-lived streams end as shutdown begins, or the graceful wait would wait for them;
        // calls that would outlast the wait are answered with an error before Jetty gives up.
        Duration callGrace = callGrace(config.shutdownGraceMillis());
        jetty.addEventListener(
                new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStopping(LifeCycle event) {
                        ServerModule.beginShutdown(injector, callGrace);
                    }
                });

        ClgMcpServer server = new ClgMcpServer(jetty, connector);
        try {
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            throw e;
        }
        LOG.info(
                "CLG-MCP listening on {} (transports: {})",
                server.uri(),
                String.join(", ", config.transports()));
        return server;
    }

    /**
     * How long calls in flight may run once shutdown begins: the grace period less a margin (a
     * fifth of it, at most {@value #MAX_ANSWER_MARGIN_MS} ms) in which their error answers are
     * written before Jetty closes the connections.
     */
    static Duration callGrace(long graceMillis) {
        return Duration.ofMillis(graceMillis - Math.min(graceMillis / 5, MAX_ANSWER_MARGIN_MS));
    }

    /**
     * Where the server listens, such as {@code http://127.0.0.1:8080/}, or {@code https://...} when
     * it has a {@code TLS_KEYSTORE}.
     */
    public URI uri() {
        String host =
                connector.getHost().contains(":")
                        ? "[" + connector.getHost() + "]"
                        : connector.getHost();
        String scheme = Connectors.isSecure(connector) ? "https" : "http";
        return URI.create(scheme + "://" + host + ":" + connector.getLocalPort() + "/");
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /**
     * Stops accepting, lets requests in flight finish within the grace period (answering tool calls
     * that outlast it with error -32004), then stops.
     */
    @Override
    public void close() throws Exception {
        jetty.stop();
        LOG.info("CLG-MCP stopped");
    }
}
