package io.clgmcp.bench;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty 12 ee10 server set up like {@code ClgMcpServer}'s (same thread pool, no server version
 * header, one servlet context at {@code /}), for the baselines.
 */
final class JettyServers {
    private JettyServers() {}

    /** Starts serving this context on 127.0.0.1 and this port; closing stops the server. */
    static AutoCloseable start(int port, ServletContextHandler context) throws Exception {
        Server jetty = new Server(new QueuedThreadPool(200, 8, 60_000));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(context);
        jetty.start();
        return jetty::stop;
    }
}
