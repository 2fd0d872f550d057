package io.clgmcp.server;

import com.google.inject.CreationException;
import com.google.inject.spi.Message;
import java.util.concurrent.atomic.AtomicReference;
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
        // The hook is in place before the server starts, so that no signal can slip past it.
        AtomicReference<ClgMcpServer> running = new AtomicReference<>();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stop(running.get()), "clg-mcp-shutdown"));
        try {
            running.set(ClgMcpServer.start(ServerConfig.fromEnvironment()));
        } catch (ServerConfig.InvalidConfigException e) {
            LOG.error("CLG-MCP cannot start: {}", e.getMessage());
            System.exit(2);
        } catch (CreationException e) {
            for (Message problem : e.getErrorMessages()) {
                Throwable cause = problem.getCause();
                LOG.error(
                        "CLG-MCP cannot start: {}",
                        cause != null ? cause.getMessage() : problem.getMessage());
            }
            System.exit(2);
        }
        running.get().join();
    }

    private static void stop(ClgMcpServer server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            LOG.warn("shutdown did not complete cleanly", e);
        }
    }
}
