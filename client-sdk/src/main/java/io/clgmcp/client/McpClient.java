package io.clgmcp.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.clgmcp.client.internal.ClientTransport;
import io.clgmcp.client.internal.McpTransportFailure;
import io.clgmcp.client.internal.PendingRequests;
import io.clgmcp.client.internal.ResultParser;
import io.clgmcp.client.internal.StdioCommand;
import io.clgmcp.client.internal.Transports;
import io.clgmcp.core.LoggingLevel;
import io.clgmcp.core.Prompt;
import io.clgmcp.core.ResourceContents;
import io.clgmcp.core.internal.DaemonThreads;
import io.clgmcp.core.jsonrpc.JsonRpcError;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A connection to one MCP server, over any transport it speaks. {@link Builder#connect} performs
 * the {@code initialize} handshake; after that every operation may be called from any thread, and
 * many at once. Close it to end the session.
 *
 * <pre>{@code
 * try (McpClient client = McpClient.builder(URI.create("http://127.0.0.1:8080/mcp"))
 *         .transport(Transport.STREAMABLE)
 *         .bearerToken(token)
 *         .connect()) {
 *     ToolCallResult result = client.callTool("echo", arguments);
 * }
 * }</pre>
 *
 * <p>A server that runs as a command is launched by the client, spoken to over its standard input
 * and output, and stopped when the client closes:
 *
 * <pre>{@code
 * try (McpClient client = McpClient.builder(List.of("node", "server.js", "stdio")).connect()) {
 *     List<ToolInfo> tools = client.listTools();
 * }
 * }</pre>
 */
public final class McpClient implements AutoCloseable {
    /** The protocol revision this client asks for; older servers may answer with their own. */
    public static final String PROTOCOL_VERSION = "2025-11-25";

    private final ClientTransport transport;
    private final Duration requestTimeout;
    private final PendingRequests pending = new PendingRequests();
    private final Map<String, ClientRequestHandler> handlers;
    private final List<Consumer<JsonRpcNotification>> listeners;

    /** Sends messages and runs the application's handlers, off the callers' and transports'. */
    private final ExecutorService threads;

    private ServerDescription server;

    private McpClient(Builder builder, ClientTransport transport) {
        this.transport = transport;
        this.requestTimeout = builder.requestTimeout;
        this.handlers = Map.copyOf(builder.handlers);
        this.listeners = new CopyOnWriteArrayList<>(builder.listeners);
        this.threads = Executors.newCachedThreadPool(DaemonThreads.named("mcp-client"));
    }

    /** A client of the server at that URL, over {@link Transport#STREAMABLE} unless told. */
    public static Builder builder(URI url) {
        return new Builder(Objects.requireNonNull(url, "url"), null);
    }

    /**
     * A client of a server it launches: the program and its arguments, such as {@code
     * List.of("node", "server.js", "stdio")}. It speaks MCP to the process over its standard input
     * and output, one JSON-RPC message a line, and stops it when closed.
     *
     * @throws IllegalArgumentException when the command is empty or holds a null
     */
    public static Builder builder(List<String> command) {
        if (command == null || command.isEmpty() || command.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(
                    "the server's command must name a program, then its arguments; got " + command);
        }
        return new Builder(null, List.copyOf(command));
    }

    /** What the server said of itself at {@code initialize}. */
    public ServerDescription server() {
        return server;
    }

    public void ping() {
        request("ping", new JsonObject());
    }

    /** Every tool the server offers, following {@code nextCursor} to the last page. */
    public List<ToolInfo> listTools() {
        return listAll("tools/list", "tools").stream().map(Results::tool).toList();
    }

    public ToolCallResult callTool(String name, JsonObject arguments) {
        return await(callToolAsync(name, arguments, null), "tools/call");
    }

    /**
     * Calls a tool without waiting. Cancelling the future tells the server to stop ({@code
     * notifications/cancelled}).
     *
     * @param progress hears the call's progress, or null
     */
    public CompletableFuture<ToolCallResult> callToolAsync(
            String name, JsonObject arguments, ProgressListener progress) {
        JsonObject params = new JsonObject();
        params.addProperty("name", name);
        params.add("arguments", arguments == null ? new JsonObject() : arguments.deepCopy());
        CompletableFuture<JsonObject> raw = requestAsync("tools/call", params, progress);
        CompletableFuture<ToolCallResult> typed = raw.thenApply(Results::toolCall);
        // Cancelling the typed future must reach the request, which tells the server.
        typed.whenComplete(
                (result, failure) -> {
                    if (failure instanceof CancellationException) {
                        raw.cancel(false);
                    }
                });
        return typed;
    }

    public List<ResourceInfo> listResources() {
        return Results.resources(listAll("resources/list", "resources"), "uri");
    }

    public List<ResourceInfo> listResourceTemplates() {
        return Results.resources(
                listAll("resources/templates/list", "resourceTemplates"), "uriTemplate");
    }

    public List<ResourceContents> readResource(String uri) {
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);
        return ResultParser.contentsList(request("resources/read", params).get("contents"));
    }

    /**
     * Asks to hear {@code notifications/resources/updated} for a URI (see {@link #onNotification}).
     */
    public void subscribe(String uri) {
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);
        request("resources/subscribe", params);
    }

    public void unsubscribe(String uri) {
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);
        request("resources/unsubscribe", params);
    }

    public List<PromptInfo> listPrompts() {
        return listAll("prompts/list", "prompts").stream().map(Results::prompt).toList();
    }

    public Prompt.Result getPrompt(String name, Map<String, String> arguments) {
        JsonObject params = new JsonObject();
        params.addProperty("name", name);
        JsonObject values = new JsonObject();
        arguments.forEach(values::addProperty);
        params.add("arguments", values);
        return Results.promptMessages(request("prompts/get", params));
    }

    /**
     * Suggestions for an argument of a prompt ({@code ref/prompt}, {@code refName} its name) or a
     * variable of a resource template ({@code ref/resource}, {@code refName} the URI template).
     */
    public CompletionResult complete(
            String refType, String refName, String argument, String value) {
        JsonObject ref = new JsonObject();
        ref.addProperty("type", refType);
        ref.addProperty(refType.equals("ref/prompt") ? "name" : "uri", refName);
        JsonObject typed = new JsonObject();
        typed.addProperty("name", argument);
        typed.addProperty("value", value);
        JsonObject params = new JsonObject();
        params.add("ref", ref);
        params.add("argument", typed);
        return Results.completion(request("completion/complete", params));
    }

    /** Asks the server to send log messages at least this severe ({@code logging/setLevel}). */
    public void setLoggingLevel(LoggingLevel level) {
        JsonObject params = new JsonObject();
        params.addProperty("level", level.wireName());
        request("logging/setLevel", params);
    }

    /** Hears every notification the server sends (log messages, resource updates, ...). */
    public void onNotification(Consumer<JsonRpcNotification> listener) {
        listeners.add(listener);
    }

    /** Sends any request and waits for its raw result. */
    public JsonObject request(String method, JsonObject params) {
        return await(requestAsync(method, params, null), method);
    }

    /**
     * Sends any request without waiting for its raw result; the future fails with a {@link
     * McpClientException}. Cancelling it tells the server to stop.
     */
    public CompletableFuture<JsonObject> requestAsync(
            String method, JsonObject params, ProgressListener progress) {
        PendingRequests.Pending call = pending.open();
        JsonObject sent = params == null ? new JsonObject() : params.deepCopy();
        if (progress != null) {
            JsonObject meta = ResultParser.object(sent, "_meta");
            if (meta == null) {
                meta = new JsonObject();
                sent.add("_meta", meta);
            }
            meta.add("progressToken", call.id().toJson());
            pending.onProgress(call.id(), update -> report(progress, update));
        }
        CompletableFuture<JsonObject> result = new CompletableFuture<>();
        call.response()
                .orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete(
                        (response, failure) -> settle(method, call, response, failure, result));
        result.whenComplete(
                (value, failure) -> {
                    if (failure instanceof CancellationException) {
                        cancel(call, "the caller cancelled it");
                    }
                });
        deliver(
                new JsonRpcRequest(call.id(), method, sent),
                failure -> call.response().completeExceptionally(failure));
        return result;
    }

    /** Ends the session and closes the transport; requests in flight fail. */
    @Override
    public void close() {
        pending.failAll(new McpTransportException(0, "the client was closed", null));
        transport.close();
        threads.shutdownNow();
    }

    private void settle(
            String method,
            PendingRequests.Pending call,
            JsonRpcResponse response,
            Throwable failure,
            CompletableFuture<JsonObject> result) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        boolean timedOut =
                cause instanceof TimeoutException
                        || cause instanceof McpTransportFailure http
                                && http.getCause() instanceof HttpTimeoutException;
        if (timedOut) {
            cancel(call, "timed out");
            result.completeExceptionally(
                    new McpTimeoutException(
                            method + " got no answer within " + requestTimeout.toMillis() + " ms"));
        } else if (cause != null) {
            result.completeExceptionally(translate(method, cause));
        } else if (response.isError()) {
            JsonRpcError error = response.error();
            result.completeExceptionally(
                    new McpErrorException(method, error.code(), error.message(), error.data()));
        } else if (response.result() instanceof JsonObject object) {
            result.complete(object);
        } else {
            result.completeExceptionally(
                    new McpTransportException(0, method + " answered with no result object", null));
        }
    }

    private void cancel(PendingRequests.Pending call, String reason) {
        call.response().cancel(false);
        JsonObject params = new JsonObject();
        params.add("requestId", call.id().toJson());
        params.addProperty("reason", reason);
        // Should the server be unreachable, the request is abandoned all the same.
        deliver(new JsonRpcNotification("notifications/cancelled", params), gone -> {});
    }

    /**
     * Sends a message from a client thread, since an HTTP exchange may last as long as the request
     * (a plain JSON reply); a failure to deliver goes to {@code onFailure}.
     */
    private void deliver(JsonRpcMessage message, Consumer<McpTransportFailure> onFailure) {
        try {
            threads.execute(
                    () -> {
                        try {
                            transport.send(message);
                        } catch (McpTransportFailure failure) {
                            onFailure.accept(failure);
                        }
                    });
        } catch (RejectedExecutionException closed) {
            onFailure.accept(new McpTransportFailure(0, "the client was closed"));
        }
    }

    private static McpClientException translate(String method, Throwable cause) {
        if (cause instanceof McpClientException known) {
            return known;
        }
        if (cause instanceof McpTransportFailure failure) {
            int status = failure.status();
            if (status == 401 || status == 403) {
                return new McpAuthException(status, method + ": " + failure.getMessage());
            }
            return new McpTransportException(status, method + ": " + failure.getMessage(), failure);
        }
        return new McpTransportException(0, method + ": " + cause, cause);
    }

    private static <T> T await(CompletableFuture<T> future, String method) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof McpClientException known
                    ? known
                    : translate(method, e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new McpTransportException(0, method + " was interrupted", e);
        }
    }

    private List<JsonObject> listAll(String method, String member) {
        List<JsonObject> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject params = new JsonObject();
            if (cursor != null) {
                params.addProperty("cursor", cursor);
            }
            JsonObject page = request(method, params);
            if (page.get(member) instanceof JsonArray array) {
                array.forEach(item -> items.add(item.getAsJsonObject()));
            }
            cursor = ResultParser.string(page, "nextCursor");
        } while (cursor != null);
        return items;
    }

    private static void report(ProgressListener listener, JsonElement update) {
        JsonObject params = update.getAsJsonObject();
        listener.onProgress(
                params.get("progress").getAsDouble(),
                params.get("total") instanceof JsonPrimitive total ? total.getAsDouble() : null,
                ResultParser.string(params, "message"));
    }

    /** Everything the server sends, from the transport's threads. */
    private void receive(JsonRpcMessage message) {
        if (message instanceof JsonRpcResponse response) {
            pending.complete(response);
        } else if (message instanceof JsonRpcRequest request) {
            try {
                threads.execute(() -> answer(request));
            } catch (RejectedExecutionException closed) {
                // The client is closing: nobody is left to answer for.
            }
        } else {
            JsonRpcNotification notification = (JsonRpcNotification) message;
            JsonObject params = notification.params();
            if ("notifications/progress".equals(notification.method())
                    && params != null
                    && params.get("progressToken") instanceof JsonPrimitive token) {
                pending.progress(token, params);
            }
            listeners.forEach(listener -> listener.accept(notification));
        }
    }

    /** Answers a request from the server with the handler the application gave for it. */
    private void answer(JsonRpcRequest request) {
        JsonRpcResponse response;
        ClientRequestHandler handler = handlers.get(request.method());
        if ("ping".equals(request.method())) {
            response = JsonRpcResponse.success(request.id(), new JsonObject());
        } else if (handler == null) {
            response =
                    JsonRpcResponse.failure(
                            request.id(),
                            new JsonRpcError(
                                    -32601, "Method not found: " + request.method(), null));
        } else {
            try {
                response = JsonRpcResponse.success(request.id(), handler.handle(request.params()));
            } catch (Exception e) {
                response =
                        JsonRpcResponse.failure(
                                request.id(),
                                new JsonRpcError(
                                        -32603,
                                        e.getMessage() == null ? e.toString() : e.getMessage(),
                                        null));
            }
        }
        try {
            transport.send(response);
        } catch (McpTransportFailure lost) {
            // The server is gone, so it no longer waits for this answer either.
        }
    }

    private void lost(McpTransportFailure failure) {
        pending.failAll(new McpTransportException(failure.status(), failure.getMessage(), failure));
    }

    private void initialize(Builder builder) {
        JsonObject clientInfo = new JsonObject();
        clientInfo.addProperty("name", builder.clientName);
        clientInfo.addProperty("version", builder.clientVersion);
        JsonObject capabilities = builder.capabilities.deepCopy();
        if (handlers.containsKey("sampling/createMessage") && !capabilities.has("sampling")) {
            capabilities.add("sampling", new JsonObject());
        }
        if (handlers.containsKey("elicitation/create") && !capabilities.has("elicitation")) {
            capabilities.add("elicitation", new JsonObject());
        }
        if (handlers.containsKey("roots/list") && !capabilities.has("roots")) {
            capabilities.add("roots", new JsonObject());
        }
        JsonObject params = new JsonObject();
        params.addProperty("protocolVersion", PROTOCOL_VERSION);
        params.add("capabilities", capabilities);
        params.add("clientInfo", clientInfo);
        server = Results.server(request("initialize", params));
        transport.negotiated(server.protocolVersion());
        transport.send(new JsonRpcNotification("notifications/initialized", null));
    }

    /**
     * Collects how to reach a server and how to answer it; {@link #connect} connects. The options
     * of a server reached by URL and those of a launched server do not mix: setting one of the
     * other kind throws {@link IllegalArgumentException}.
     */
    public static final class Builder {
        private final URI url;
        private final List<String> command;
        private final Map<String, String> environment = new HashMap<>();
        private Path workingDirectory;
        private Duration shutdownGrace = Duration.ofSeconds(2);
        private Consumer<String> stderr;
        private Transport transport = Transport.STREAMABLE;
        private String bearerToken;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private HttpClient.Version httpVersion = HttpClient.Version.HTTP_1_1;
        private SSLContext sslContext;
        private String clientName = "clg-mcp-client";
        private String clientVersion = "0.1.0";
        private JsonObject capabilities = new JsonObject();
        private final Map<String, ClientRequestHandler> handlers = new HashMap<>();
        private final List<Consumer<JsonRpcNotification>> listeners = new ArrayList<>();

        private Builder(URI url, List<String> command) {
            this.url = url;
            this.command = command;
        }

        public Builder transport(Transport transport) {
            httpOnly("transport");
            this.transport = transport;
            return this;
        }

        public Builder bearerToken(String token) {
            if (token != null) {
                httpOnly("bearerToken");
            }
            this.bearerToken = token;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            httpOnly("connectTimeout");
            this.connectTimeout = timeout;
            return this;
        }

        /** Variables to add to the environment a launched server inherits from this process. */
        public Builder environment(Map<String, String> variables) {
            stdioOnly("environment");
            this.environment.putAll(variables);
            return this;
        }

        /** The directory a launched server runs in; this process's unless set. */
        public Builder workingDirectory(Path directory) {
            stdioOnly("workingDirectory");
            this.workingDirectory = directory;
            return this;
        }

        /**
         * How long a launched server is given to exit once the client closes its standard input,
         * and again once asked to stop ({@code SIGTERM}), before it is killed; 2 s unless set.
         */
        public Builder shutdownGrace(Duration grace) {
            stdioOnly("shutdownGrace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative: " + grace);
            }
            this.shutdownGrace = grace;
            return this;
        }

        /**
         * Hears each line a launched server writes to its standard error, on a thread of the
         * client's; unless set, each is logged at {@code INFO} by the logger {@code
         * io.clgmcp.client.stdio.stderr}.
         */
        public Builder stderr(Consumer<String> lines) {
            stdioOnly("stderr");
            this.stderr = Objects.requireNonNull(lines, "lines");
            return this;
        }

        /** How long any one request may wait for its answer (60 s unless set). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Whom to trust over https, such as a server whose certificate is not signed by an
         * authority the JDK trusts; the JDK's default trust store unless set.
         */
        public Builder sslContext(SSLContext sslContext) {
            if (sslContext != null) {
                httpOnly("sslContext");
            }
            this.sslContext = sslContext;
            return this;
        }

        /**
         * The HTTP version to ask for: HTTP/1.1 unless set. With {@code HTTP_2} an https server
         * that offers HTTP/2 carries every exchange and stream of the client on one connection; one
         * that does not is spoken to in HTTP/1.1.
         */
        public Builder httpVersion(HttpClient.Version version) {
            httpOnly("httpVersion");
            this.httpVersion = version;
            return this;
        }

        public Builder clientInfo(String name, String version) {
            this.clientName = name;
            this.clientVersion = version;
            return this;
        }

        /** Capabilities to declare besides those the handlers below imply. */
        public Builder capabilities(JsonObject capabilities) {
            this.capabilities = capabilities.deepCopy();
            return this;
        }

        /** Answers {@code sampling/createMessage}; declares the {@code sampling} capability. */
        public Builder onSampling(ClientRequestHandler handler) {
            handlers.put("sampling/createMessage", handler);
            return this;
        }

        /** Answers {@code elicitation/create}; declares the {@code elicitation} capability. */
        public Builder onElicitation(ClientRequestHandler handler) {
            handlers.put("elicitation/create", handler);
            return this;
        }

        /** Answers {@code roots/list}; declares the {@code roots} capability. */
        public Builder onRootsList(ClientRequestHandler handler) {
            handlers.put("roots/list", handler);
            return this;
        }

        public Builder onNotification(Consumer<JsonRpcNotification> listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * Connects and performs the {@code initialize} handshake.
         *
         * @throws McpClientException when the server cannot be reached (or launched), refuses the
         *     credentials, or fails the handshake
         */
        public McpClient connect() {
            ClientTransport carrier =
                    command != null
                            ? Transports.stdio(
                                    new StdioCommand(
                                            command,
                                            environment,
                                            workingDirectory,
                                            shutdownGrace,
                                            stderr))
                            : Transports.create(
                                    transport,
                                    url,
                                    bearerToken,
                                    requestTimeout,
                                    Transports.http(connectTimeout, httpVersion, sslContext));
            McpClient client = new McpClient(this, carrier);
            try {
                carrier.start(
                        new ClientTransport.Inbound() {
                            @Override
                            public void onMessage(JsonRpcMessage message) {
                                client.receive(message);
                            }

                            @Override
                            public void onLost(McpTransportFailure failure) {
                                client.lost(failure);
                            }
                        });
                client.initialize(this);
                return client;
            } catch (McpTransportFailure failure) {
                client.close();
                throw translate("connect", failure);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }

        private void httpOnly(String option) {
            if (command != null) {
                throw new IllegalArgumentException(
                        option
                                + " applies to a server reached by URL; this client launches '"
                                + String.join(" ", command)
                                + "' and speaks to it over stdio");
            }
        }

        private void stdioOnly(String option) {
            if (url != null) {
                throw new IllegalArgumentException(
                        option
                                + " applies to a server the client launches"
                                + " (McpClient.builder(command)); this client reaches "
                                + url);
            }
        }
    }
}
