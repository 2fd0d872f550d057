package io.clgmcp.bench;

import java.util.Locale;

/**
 * Starts one benchmark target on a port of 127.0.0.1 and serves until killed: {@code ours} (the
 * CLG-MCP server with an echo tool, {@code /rpc} and {@code /mcp}), {@code bare} (a Jetty servlet
 * answering the same bytes) or {@code sdk} (the official MCP Java SDK's stateless servlet at {@code
 * /mcp}).
 *
 * <pre>{@code java -cp ... io.clgmcp.bench.BenchServers ours 18080}</pre>
 */
public final class BenchServers {
    private BenchServers() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BenchServers ours|bare|sdk PORT");
            System.exit(2);
        }
        int port = Integer.parseInt(args[1]);
        AutoCloseable server =
                switch (args[0].toLowerCase(Locale.ROOT)) {
                    case "ours" -> OursServer.start(port);
                    case "bare" -> BareJettyServer.start(port);
                    case "sdk" -> SdkServer.start(port);
                    default -> throw new IllegalArgumentException("unknown target: " + args[0]);
                };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server)));
        System.err.println("bench target " + args[0] + " listening on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("stopping: " + e);
        }
    }
}
