package io.clgmcp.client.cli;

import com.google.inject.AbstractModule;
import io.clgmcp.client.InProcessServer;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import io.clgmcp.server.ClgMcpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Our real server for the command line's tests, started in-process on a free loopback port behind a
 * bearer token, with the conformance suite's fixtures ({@code test_simple_text}, {@code
 * test://static-text}, ...) and two tools of the tests': {@code echo} and {@code slow}.
 */
final class CliServer implements AutoCloseable {
    static final String TOKEN = "cli-test-token";

    /** How long {@code slow} takes at most, far longer than the timeout the tests give it. */
    static final long SLOW_MILLIS = 10_000;

    private final ClgMcpServer server;

    /** Lets every {@code slow} call end, so that the server stops without waiting for them. */
    private final CountDownLatch release;

    private CliServer(ClgMcpServer server, CountDownLatch release) {
        this.server = server;
        this.release = release;
    }

    static CliServer start() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        return new CliServer(
                InProcessServer.start(
                        Map.of(
                                "MCP_PROFILE", "conformance",
                                "MCP_AUTH_TOKEN", TOKEN,
                                "SHUTDOWN_GRACE_MS", "500"),
                        new TestTools(release)),
                release);
    }

    /** The server's URL for a path ({@code /mcp}, {@code /sse}, {@code /rpc}). */
    String url(String path) {
        URI root = server.uri();
        return root.resolve(path).toString();
    }

    @Override
    public void close() throws Exception {
        release.countDown();
        server.close();
    }

    /** What one run of the command line printed, and its exit code. */
    record Run(int code, String out, String err) {
        /** Runs {@link Main#run} in this JVM, with that environment. */
        static Run of(Map<String, String> env, String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = Main.run(args, env, outStream, errStream);
            }
            return new Run(
                    code,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        }

        static Run of(String... args) {
            return of(Map.of(), args);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** The tests' own tools. */
    private static final class TestTools extends AbstractModule {
        private final CountDownLatch release;

        TestTools(CountDownLatch release) {
            this.release = release;
        }

        @Override
        protected void configure() {
            McpCoreModule.tools(binder()).addBinding().toInstance(InProcessServer.echo(""));
            McpCoreModule.tools(binder())
                    .addBinding()
                    .toInstance(
                            Tool.builder("slow")
                                    .description("Takes its time")
                                    .inputSchema("{\"type\":\"object\"}")
                                    .handler(
                                            call -> {
                                                release.await(SLOW_MILLIS, TimeUnit.MILLISECONDS);
                                                return ToolResult.text("finally");
                                            })
                                    .build());
        }
    }
}
