package io.clgmcp.transport.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.ServerInfo;
import io.clgmcp.core.ServerOptions;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import io.clgmcp.transport.jsonrpc.internal.JsonRpcServlet;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real Jetty server on 127.0.0.1 serving one servlet at {@code /rpc} and at the context root, in
 * front of an {@link McpServer} with three tools, and an HTTP client to talk to it:
 *
 * <ul>
 *   <li>{@code echo} says its required {@code text} back;
 *   <li>{@code block} waits until the test opens the {@link Gate} its {@code gate} argument names;
 *   <li>{@code fail} throws.
 * </ul>
 *
 * Every reply's body is checked for Java stack traces as it arrives.
 */
public final class TestServer implements AutoCloseable {
    /**
     * Jetty's thread pool: up to six accept and select, single calls may borrow one per processor
     * ({@link McpServer#receiveHere}), and at least two are left to serve requests.
     */
    public static final int MAX_THREADS = 8 + Runtime.getRuntime().availableProcessors();

    /** Enough tool threads for {@link #MAX_THREADS} and more calls to block at once. */
    private static final int TOOL_THREADS = 2 * MAX_THREADS;

    /** The bound on every wait. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final McpServer mcp;
    private final Server jetty;
    private final HttpClient client;
    private final URI base;

    private TestServer(Function<McpServer, HttpServlet> servlet) throws Exception {
        mcp =
                McpServer.builder()
                        .serverInfo(new ServerInfo("clg-mcp-test", "0.0.1", "CLG-MCP under test"))
                        .options(new ServerOptions(50, TOOL_THREADS, 16))
                        .tool(echo())
                        .tool(block())
                        .tool(failing())
                        .build();
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setReservedThreads(0);
        threads.setName("jsonrpc-test-http");
        jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder(servlet.apply(mcp));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/rpc");
        context.addServlet(holder, "");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            mcp.close();
            throw e;
        }
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(WAIT)
                        .build();
    }

    /** Serves {@code new JsonRpcServlet(server, maxBodyBytes)}. */
    public static TestServer start(int maxBodyBytes) throws Exception {
        return new TestServer(server -> new JsonRpcServlet(server, maxBodyBytes));
    }

    /** Serves the servlet made for the fixture's {@link McpServer}. */
    public static TestServer start(Function<McpServer, HttpServlet> servlet) throws Exception {
        return new TestServer(servlet);
    }

    /** Opens every gate, so that no tool call outlives the test, and stops both servers. */
    @Override
    public void close() throws Exception {
        gates.values().forEach(Gate::open);
        try {
            jetty.stop();
        } finally {
            mcp.close();
        }
    }

    /** A new gate, for {@code callers} calls of the {@code block} tool naming it. */
    public Gate gate(String name, int callers) {
        Gate gate = new Gate(name, callers);
        if (gates.putIfAbsent(name, gate) != null) {
            throw new IllegalArgumentException("gate " + name + " exists already");
        }
        return gate;
    }

    /** POSTs JSON text to {@code /rpc}. */
    public Reply post(String json) {
        return post("/rpc", json);
    }

    public Reply post(String path, String json) {
        return post(path, "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    /** POSTs a body; {@code contentType} null sends no Content-Type. */
    public Reply post(String path, String contentType, HttpRequest.BodyPublisher body) {
        return await(postAsync(path, contentType, body));
    }

    public CompletableFuture<Reply> postAsync(String json) {
        return postAsync("/rpc", "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    public CompletableFuture<Reply> postAsync(
            String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = request(path).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** Sends a request without a body. */
    public Reply send(String method, String path) {
        return await(
                send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** The reply, waiting no longer than {@link #WAIT}. */
    public static Reply await(CompletableFuture<Reply> reply) {
        try {
            return reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("no reply within " + WAIT);
        } catch (ExecutionException e) {
            return fail("the exchange failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT);
    }

    private CompletableFuture<Reply> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(Reply::of);
    }

    private static Tool echo() {
        return Tool.builder("echo")
                .description("Says the text back")
                .inputSchema(
                        "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                                + "\"required\":[\"text\"]}")
                .handler(context -> ToolResult.text(context.arguments().get("text").getAsString()))
                .build();
    }

    private Tool block() {
        return Tool.builder("block")
                .description("Waits until its gate opens")
                .inputSchema(
                        "{\"type\":\"object\",\"properties\":{\"gate\":{\"type\":\"string\"}},"
                                + "\"required\":[\"gate\"]}")
                .handler(
                        context -> {
                            String name = context.arguments().get("gate").getAsString();
                            Gate gate = gates.get(name);
                            if (gate == null) {
                                return ToolResult.error("no gate " + name);
                            }
                            gate.started.countDown();
                            if (!gate.release.await(2 * WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                                return ToolResult.error("gate " + name + " never opened");
                            }
                            gate.finished.countDown();
                            return ToolResult.text("released " + name);
                        })
                .build();
    }

    private static Tool failing() {
        return Tool.builder("fail")
                .description("Always throws")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            throw new IllegalStateException("the archive is offline");
                        })
                .build();
    }

    /** Where calls of the {@code block} tool wait until the test lets them go. */
    public static final class Gate {
        private final String name;
        private final CountDownLatch started;
        private final CountDownLatch release = new CountDownLatch(1);
        private final CountDownLatch finished;

        private Gate(String name, int callers) {
            this.name = name;
            this.started = new CountDownLatch(callers);
            this.finished = new CountDownLatch(callers);
        }

        /** Fails unless all the gate's callers are waiting at it within {@link #WAIT}. */
        public void awaitStarted() throws InterruptedException {
            assertTrue(
                    started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS),
                    started.getCount() + " calls never arrived at gate " + name);
        }

        /** Fails unless all the gate's callers have been let through within {@link #WAIT}. */
        public void awaitFinished() throws InterruptedException {
            assertTrue(
                    finished.await(WAIT.toMillis(), TimeUnit.MILLISECONDS),
                    "calls still held at gate " + name);
        }

        public void open() {
            release.countDown();
        }
    }

    /** An HTTP reply with its body as UTF-8 text. */
    public record Reply(int status, HttpHeaders headers, String body) {
        static Reply of(HttpResponse<byte[]> response) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertFalse(body.contains("at io.clgmcp"), () -> "a stack trace in: " + body);
            assertFalse(body.contains("\tat "), () -> "a stack trace in: " + body);
            assertFalse(body.contains("Exception"), () -> "an exception in: " + body);
            return new Reply(response.statusCode(), response.headers(), body);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The media type of the Content-Type header, lower case and without parameters. */
        public String mediaType() {
            String type = header("Content-Type").orElse("");
            int parameters = type.indexOf(';');
            return (parameters < 0 ? type : type.substring(0, parameters))
                    .trim()
                    .toLowerCase(Locale.ROOT);
        }

        public JsonElement json() {
            return JsonParser.parseString(body);
        }

        public JsonObject object() {
            JsonElement json = json();
            assertTrue(json.isJsonObject(), () -> "not a JSON object: " + body);
            return json.getAsJsonObject();
        }

        public JsonArray array() {
            JsonElement json = json();
            assertTrue(json.isJsonArray(), () -> "not a JSON array: " + body);
            return json.getAsJsonArray();
        }
    }
}
