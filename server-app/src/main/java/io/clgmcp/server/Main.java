package io.clgmcp.server;

import com.google.inject.CreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar clg-mcp-server.jar}: starts the server with settings from the environment, and
 * stops it gracefully on SIGTERM or Ctrl-C.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        ClgMcpServer server;
        try {
            server = ClgMcpServer.start(ServerConfig.fromEnvironment());
        } catch (ServerConfig.InvalidConfigException | CreationException e) {
            LOG.error("CLG-MCP cannot start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        server.close();
                                    } catch (Exception e) {
                                        LOG.warn("shutdown did not complete cleanly", e);
                                    }
                                },
                                "clg-mcp-shutdown"));
        server.join();
    }
}
