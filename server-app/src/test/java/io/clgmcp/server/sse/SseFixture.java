package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything the SSE tests share: real servers, SSE streams read with okhttp's event-stream parser,
 * one raw-socket stream for the tests that must control reading byte by byte, the tools the tests
 * call, and bounded waits on {@code /health}. Register it on an instance field with
 * {@code @RegisterExtension}; after each test it cancels every stream, closes every socket and then
 * every server.
 *
 * <p>Every wait here is bounded by {@link #WAIT}.
 */
final class SseFixture implements AfterEachCallback {
    static final Duration WAIT = TestServer.TIMEOUT;

    /** {@code conn_<epoch millis>_<128 random bits as 32 hex digits>}. */
    static final Pattern CONNECTION_ID = Pattern.compile("conn_(\\d+)_[0-9a-f]{32}");

    private final List<TestServer> servers = new ArrayList<>();
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final List<RawStream> rawStreams = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(WAIT)
                    .build();
    private final OkHttpClient okHttp;
    private final EventSource.Factory eventSources;

    SseFixture() {
        Dispatcher dispatcher = new Dispatcher();
        // The default five calls per host would queue the streams of the many-connection tests.
        dispatcher.setMaxRequests(512);
        dispatcher.setMaxRequestsPerHost(512);
        okHttp =
                new OkHttpClient.Builder()
                        .dispatcher(dispatcher)
                        .connectTimeout(WAIT)
                        // A stream is read for as long as the test wants it; every wait on its
                        // events is bounded by the test instead.
                        .readTimeout(Duration.ZERO)
                        .build();
        eventSources = EventSources.createFactory(okHttp);
    }

    /** Starts a server with these settings offering these tools, closed after the test. */
    TestServer start(Map<String, String> settings, Tool... tools) throws Exception {
        TestServer server = TestServer.start(settings, tools);
        servers.add(server);
        return server;
    }

    /** Starts {@code GET /sse} with this bearer token (none if null); does not wait for it. */
    Stream open(TestServer server, String token) {
        Request.Builder request = new Request.Builder().url(server.uri("/sse").toString());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        Stream stream = new Stream();
        streams.add(stream);
        stream.source = eventSources.newEventSource(request.build(), stream.listener());
        return stream;
    }

    /** Opens a stream and reads its {@code connected} event, which gives its connection id. */
    Stream connect(TestServer server, String token) {
        return open(server, token).awaitConnected();
    }

    /** Sends {@code GET /sse} on a plain socket whose receive buffer is this small. */
    RawStream openRaw(TestServer server, String token, int receiveBufferBytes) throws IOException {
        RawStream raw = new RawStream(server.uri("/"), token, receiveBufferBytes);
        rawStreams.add(raw);
        return raw;
    }

    /**
     * {@code POST /sse} of this JSON-RPC message with {@code "protocol":"sse"} and this
     * connectionId (left out when null) added.
     */
    static Reply postSse(TestServer server, String token, String connectionId, JsonObject message)
            throws IOException, InterruptedException {
        JsonObject body = message.deepCopy();
        body.addProperty("protocol", "sse");
        if (connectionId != null) {
            body.addProperty("connectionId", connectionId);
        }
        return server.post("/sse", body.toString(), TestServer.bearer(token));
    }

    /** {@code POST /sse/message?connectionId=...} of a plain JSON-RPC message. */
    static Reply postMessage(TestServer server, String token, String connectionId, String json)
            throws IOException, InterruptedException {
        return server.post(
                "/sse/message?connectionId=" + connectionId, json, TestServer.bearer(token));
    }

    /** A POST of these bytes with this content type, for bodies {@link TestServer} cannot send. */
    Reply postRaw(TestServer server, String path, String token, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.uri(path))
                        .timeout(WAIT)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response =
                http.send(
                        request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    /** A JSON-RPC request; params may be null. */
    static JsonObject request(long id, String method, JsonObject params) {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", id);
        request.addProperty("method", method);
        if (params != null) {
            request.add("params", params);
        }
        return request;
    }

    /** A JSON-RPC notification without params. */
    static JsonObject notification(String method) {
        JsonObject notification = new JsonObject();
        notification.addProperty("jsonrpc", "2.0");
        notification.addProperty("method", method);
        return notification;
    }

    /** A {@code tools/call} request of that tool with arguments given as JSON text. */
    static JsonObject toolCall(long id, String tool, String argumentsJson) {
        JsonObject params = new JsonObject();
        params.addProperty("name", tool);
        params.add("arguments", JsonParser.parseString(argumentsJson));
        return request(id, "tools/call", params);
    }

    /** The body of {@code GET /health}. */
    static JsonObject health(TestServer server) throws IOException, InterruptedException {
        Reply reply = server.get("/health");
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** {@code sse.stats} of {@code /health}. */
    static JsonObject stats(TestServer server) throws IOException, InterruptedException {
        return health(server).getAsJsonObject("sse").getAsJsonObject("stats");
    }

    /**
     * Polls {@code /health} until {@code sse.stats.<name>} is that value, for at most {@link
     * #WAIT}; returns the stats that showed it.
     */
    static JsonObject awaitStat(TestServer server, String name, long expected)
            throws IOException, InterruptedException {
        return server.awaitSseStat(name, expected);
    }

    /** {@code say}: answers "said: " and its {@code text} argument. */
    static Tool say() {
        return Tool.builder("say")
                .description("Says the text back")
                .inputSchema(
                        "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                                + "\"required\":[\"text\"]}")
                .handler(
                        context ->
                                ToolResult.text(
                                        "said: " + context.arguments().get("text").getAsString()))
                .build();
    }

    /** {@code count}: reports progress 1, 2, 3 of 3, then answers "counted". */
    static Tool count() {
        return Tool.builder("count")
                .description("Counts to three, reporting progress")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            for (int step = 1; step <= 3; step++) {
                                context.reportProgress(step, 3.0, "step " + step);
                            }
                            return ToolResult.text("counted");
                        })
                .build();
    }

    /** {@code big}: answers a text of that many characters. */
    static Tool big(int characters) {
        String text = "x".repeat(characters);
        return Tool.builder("big")
                .description("Answers a large text")
                .inputSchema("{\"type\":\"object\"}")
                .handler(context -> ToolResult.text(text))
                .build();
    }

    /** The text of the first content item of a {@code tools/call} result. */
    static String firstText(JsonObject response) {
        return response.getAsJsonObject("result")
                .getAsJsonArray("content")
                .get(0)
                .getAsJsonObject()
                .get("text")
                .getAsString();
    }

    /** Asserts an error reply of the SSE endpoints: that status and a body of exactly that code. */
    static JsonObject assertSseError(Reply reply, int status, int code) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        JsonObject body = reply.json();
        assertEquals(Set.of("error", "code"), body.keySet(), reply::toString);
        assertTrue(body.get("error").getAsJsonPrimitive().isString(), reply::toString);
        assertEquals(code, body.get("code").getAsInt(), reply::toString);
        return body;
    }

    /** Asserts the 401 every MCP endpoint gives a request without a valid token. */
    static void assertUnauthorized(Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("Bearer", reply.header("WWW-Authenticate").orElse(null), reply::toString);
        assertEquals("Unauthorized", reply.json().get("error").getAsString(), reply::toString);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (Stream stream : streams) {
                stream.close();
            }
            for (RawStream raw : rawStreams) {
                raw.close();
            }
            for (Stream stream : streams) {
                stream.ended
                        .completeOnTimeout("never ended", WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        .join();
            }
        } finally {
            for (TestServer server : servers) {
                server.close();
            }
            okHttp.dispatcher().executorService().shutdown();
            okHttp.connectionPool().evictAll();
        }
    }

    /** One SSE event as okhttp parsed it; the type is "message" when the event names none. */
    record Event(String id, String type, String data) {
        JsonObject json() {
            return JsonParser.parseString(data).getAsJsonObject();
        }

        long number() {
            return Long.parseLong(id);
        }
    }

    /** A {@code GET /sse} read by okhttp; every event it gets waits in a queue for the test. */
    static final class Stream implements AutoCloseable {
        private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        private final List<Event> all = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Response> opened = new CompletableFuture<>();
        private final CompletableFuture<Integer> status = new CompletableFuture<>();
        private final CompletableFuture<String> ended = new CompletableFuture<>();
        private volatile EventSource source;
        private volatile String connectionId;

        private Stream() {}

        private EventSourceListener listener() {
            return new EventSourceListener() {
                @Override
                public void onOpen(EventSource eventSource, Response response) {
                    status.complete(response.code());
                    opened.complete(response);
                }

                @Override
                public void onEvent(EventSource eventSource, String id, String type, String data) {
                    Event event = new Event(id, type == null ? "message" : type, data);
                    all.add(event);
                    queue.add(event);
                }

                @Override
                public void onClosed(EventSource eventSource) {
                    opened.completeExceptionally(
                            new AssertionError("the stream closed before it opened"));
                    status.complete(-1);
                    ended.complete("closed by the server");
                }

                @Override
                public void onFailure(
                        EventSource eventSource, Throwable failure, Response response) {
                    String why =
                            response != null
                                    ? "HTTP " + response.code() + " " + response.headers()
                                    : String.valueOf(failure);
                    status.complete(response != null ? response.code() : -1);
                    opened.completeExceptionally(
                            new AssertionError("GET /sse failed: " + why, failure));
                    ended.complete("failed: " + why);
                }
            };
        }

        /** Waits (bounded) for the stream's response head; fails if the stream never opened. */
        Response awaitOpen() {
            try {
                return opened.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw (AssertionError) e.getCause();
            } catch (TimeoutException e) {
                throw new AssertionError("GET /sse did not answer within " + WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /**
         * Waits (bounded) for the stream to open and for its first event, {@code connected}, which
         * gives its connection id.
         */
        Stream awaitConnected() {
            awaitOpen();
            Event connected = next();
            assertEquals("connected", connected.type(), connected::toString);
            String id = connected.json().get("connectionId").getAsString();
            assertTrue(CONNECTION_ID.matcher(id).matches(), id);
            connectionId = id;
            return this;
        }

        /** Waits (bounded) for the response head; its status whether the stream opened or not. */
        int awaitStatus() {
            try {
                return status.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("GET /sse did not answer within " + WAIT);
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The id its {@code connected} event gave; set by {@link #awaitConnected}. */
        String connectionId() {
            return connectionId;
        }

        /** The next event, whatever its type. */
        Event next() {
            return next(event -> true, "any event");
        }

        /** The next event of one of these types, skipping others (heartbeats, say). */
        Event next(String... types) {
            Set<String> wanted = Set.of(types);
            return next(event -> wanted.contains(event.type()), "an event of type " + wanted);
        }

        private Event next(Predicate<Event> wanted, String what) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                while (true) {
                    Event event = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (event == null) {
                        throw new AssertionError(
                                "no "
                                        + what
                                        + " within "
                                        + WAIT
                                        + (ended.isDone() ? "; the stream " + ended.join() : "")
                                        + "; events so far: "
                                        + all);
                    }
                    if (wanted.test(event)) {
                        return event;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The events received but not yet taken, taken now without waiting. */
        List<Event> drain() {
            List<Event> rest = new ArrayList<>();
            queue.drainTo(rest);
            return rest;
        }

        /** Asserts that the ids of every event received so far grew by exactly one each. */
        void assertIdsGrowByOne() {
            List<Event> events = List.copyOf(all);
            for (int i = 1; i < events.size(); i++) {
                assertEquals(
                        events.get(i - 1).number() + 1,
                        events.get(i).number(),
                        () -> "event ids must grow by one: " + events);
            }
        }

        /** Waits (bounded) until the stream has ended; says how it ended. */
        String awaitEnd() {
            try {
                return ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the stream was still open after " + WAIT);
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Cancels the stream, as a client that goes away. */
        @Override
        public void close() {
            EventSource current = source;
            if (current != null) {
                current.cancel();
            }
        }
    }

    /**
     * {@code GET /sse} over a plain socket: the test decides when, and whether, to read. It reads
     * the response head and then whole event blocks, decoding chunked transfer coding.
     */
    static final class RawStream implements AutoCloseable {
        private static final Pattern DATA_ID = Pattern.compile("\"connectionId\":\"([^\"]+)\"");

        private final Socket socket;
        private final InputStream in;
        private final String head;
        private final boolean chunked;
        private int chunkLeft;
        private boolean inChunk;

        private RawStream(URI base, String token, int receiveBufferBytes) throws IOException {
            socket = new Socket();
            socket.setReceiveBufferSize(receiveBufferBytes);
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.connect(
                    new InetSocketAddress(base.getHost(), base.getPort()), (int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            String request =
                    "GET /sse HTTP/1.1\r\n"
                            + "Host: "
                            + base.getHost()
                            + ":"
                            + base.getPort()
                            + "\r\n"
                            + "Accept: text/event-stream\r\n"
                            + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                            + "\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in = new BufferedInputStream(socket.getInputStream());
            StringBuilder lines = new StringBuilder();
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                lines.append(line).append('\n');
            }
            head = lines.toString();
            chunked =
                    head.toLowerCase(Locale.ROOT)
                            .matches("(?s).*\ntransfer-encoding: *chunked\n.*");
        }

        /** The status line and headers, one a line. */
        String head() {
            return head;
        }

        /** The text of the next event block, up to and without its blank line. */
        String readEvent() throws IOException {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = bodyByte();
                if (b < 0) {
                    throw new IOException("the stream ended inside an event: " + block);
                }
                if (b == '\r') {
                    continue;
                }
                if (b == '\n' && previous == '\n') {
                    return block.toString(StandardCharsets.UTF_8);
                }
                block.write(b);
                previous = b;
            }
        }

        /**
         * Reads whatever the server still sends until it ends the response or the connection, for
         * at most {@link #WAIT}; says how it ended, and fails if it did not.
         */
        String readToEnd() {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                while (bodyByte() >= 0) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the server kept the stream going for " + WAIT);
                    }
                }
                return "ended";
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server left the connection open and silent", e);
            } catch (IOException e) {
                return "aborted: " + e;
            }
        }

        /** The connectionId in an event block's data. */
        static String connectionIdIn(String eventBlock) {
            Matcher matcher = DATA_ID.matcher(eventBlock);
            if (!matcher.find()) {
                throw new AssertionError("no connectionId in " + eventBlock);
            }
            return matcher.group(1);
        }

        private int bodyByte() throws IOException {
            if (!chunked) {
                return in.read();
            }
            if (chunkLeft == 0) {
                if (inChunk) {
                    readLine(); // the CRLF that ends the chunk's data
                }
                String size = readLine();
                int extension = size.indexOf(';');
                chunkLeft =
                        Integer.parseInt(
                                (extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                inChunk = true;
                if (chunkLeft == 0) {
                    return -1;
                }
            }
            chunkLeft--;
            return in.read();
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the connection ended inside a line: " + line);
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
