package io.clgmcp.server;

import com.google.inject.CreationException;
import com.google.inject.spi.Message;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar clg-mcp-server.jar}: starts the HTTP server with settings from the environment,
 * and stops it gracefully on SIGTERM or Ctrl-C. With {@code --stdio} it serves one client over
 * standard input and output instead, until standard input ends or SIGTERM.
 */
public final class Main {
    private static final String USAGE =
            "usage: java -jar clg-mcp-server.jar [--stdio]\n"
                    + "  (no option)  serve MCP over HTTP on HOST:PORT\n"
                    + "  --stdio      serve one client over standard input and output;"
                    + " no port is opened\n"
                    + "Settings come from the environment; see the README.";

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            serveHttp();
        } else if (args.length == 1 && args[0].equals("--stdio")) {
            serveStdio();
        } else {
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    private static void serveHttp() throws Exception {
        // The hook is in place before the server starts, so that no signal can slip past it.
        AtomicReference<AutoCloseable> running = new AtomicReference<>();
        stopOnShutdown(running);
        ClgMcpServer server = startOrExit(() -> ClgMcpServer.start(ServerConfig.fromEnvironment()));
        running.set(server);
        server.join();
    }

    private static void serveStdio() throws Exception {
        // Standard output carries protocol messages and nothing else: anything that prints to
        // System.out goes to standard error instead. This happens before the first logger is
        // made, so that not even the logging library's own start-up messages reach it.
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        AtomicReference<AutoCloseable> running = new AtomicReference<>();
        stopOnShutdown(running);
        StdioServer server =
                startOrExit(
                        () ->
                                StdioServer.create(
                                        ServerConfig.fromEnvironment(), System.in, protocol));
        running.set(server);
        server.serve();
        stop(server);
        System.exit(0);
    }

    private static void stopOnShutdown(AtomicReference<AutoCloseable> running) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stop(running.get()), "clg-mcp-shutdown"));
    }

    /** The started server; on a bad configuration, every problem logged and exit status 2. */
    private static <T> T startOrExit(Callable<T> start) throws Exception {
        try {
            return start.call();
        } catch (ServerConfig.InvalidConfigException e) {
            log().error("CLG-MCP cannot start: {}", e.getMessage());
        } catch (CreationException e) {
            for (Message problem : e.getErrorMessages()) {
                Throwable cause = problem.getCause();
                log().error(
                                "CLG-MCP cannot start: {}",
                                cause != null ? cause.getMessage() : problem.getMessage());
            }
        }
        System.exit(2);
        throw new IllegalStateException("System.exit returned");
    }

    private static void stop(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            log().warn("shutdown did not complete cleanly", e);
        }
    }

    private static Logger log() {
        return LoggerFactory.getLogger(Main.class);
    }
}
