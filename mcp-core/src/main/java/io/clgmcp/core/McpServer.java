package io.clgmcp.core;

import io.clgmcp.core.internal.BoundedExecutor;
import io.clgmcp.core.internal.DaemonThreads;
import io.clgmcp.core.internal.SchemaValidator;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An MCP server without a transport: it takes inbound JSON-RPC messages for a {@link Session} and
 * produces outbound ones. Transports feed it and carry what it sends. Thread-safe.
 *
 * <pre>{@code
 * McpServer server = McpServer.builder()
 *         .serverInfo(new ServerInfo("clg-mcp", "1.0.0", "CLG-MCP"))
 *         .tool(echo)
 *         .build();
 * server.receive(Session.ephemeral(), request, reply::add);
 * }</pre>
 */
public final class McpServer implements AutoCloseable {
    private final Features features;
    private final ExecutorService toolExecutor;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Workers workers;
    private final Dispatcher dispatcher;
    private final ServerInfo serverInfo;

    private McpServer(Builder builder, Features features) {
        this.serverInfo = builder.serverInfo;
        this.features = features;
        ServerOptions options = builder.options;
        this.toolExecutor =
                BoundedExecutor.create(
                        "mcp-tool", options.toolThreads(), options.toolQueueCapacity());
        this.deadlines =
                new ScheduledThreadPoolExecutor(1, DaemonThreads.named("mcp-call-deadlines"));
        this.workers =
                new Workers(
                        toolExecutor,
                        options.toolThreads(),
                        options.toolQueueCapacity(),
                        deadlines,
                        options.handlerTimeout());
        this.dispatcher =
                new Dispatcher(
                        new Lifecycle(
                                builder.serverInfo, builder.instructions, features.capabilities()),
                        features,
                        new ToolCalls(
                                features.tools(),
                                workers,
                                new ClientRequester(options.clientRequestTimeout())),
                        workers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Handles one inbound message. A request gets exactly one response on {@code replies}, preceded
     * by the notifications it causes (progress, log messages), or, when the client cancels it,
     * {@link MessageSink#noResponse} instead; either may happen before this method returns or later
     * from another thread. A notification gets nothing.
     */
    public void receive(Session session, JsonRpcMessage message, MessageSink replies) {
        dispatcher.receive(session, message, replies);
    }

    /**
     * Like {@link #receive}, for a transport whose thread would only wait for the answer, as with
     * one request per HTTP exchange: a request's handler runs on the calling thread, and has been
     * answered when this returns, if fewer than {@link ServerOptions#toolThreads} handlers are
     * running; otherwise it waits for a worker as with {@code receive}. Timeouts, cancellation and
     * shutdown apply alike.
     */
    public void receiveHere(Session session, JsonRpcMessage message, MessageSink replies) {
        workers.lendingThisThread(() -> dispatcher.receive(session, message, replies));
    }

    /**
     * Brings a session to a stored state, as a clustered transport does before it serves a request
     * of a session another instance began or changed: the handshake, the log level, and the
     * subscriptions, which it joins or leaves to match.
     */
    public void restore(Session session, SessionState state) {
        session.adopt(state);
        features.subscriptions().match(session, state.subscriptions());
    }

    public ServerInfo serverInfo() {
        return serverInfo;
    }

    /** The tools offered, in the order they were registered. */
    public List<Tool> tools() {
        return features.tools().tools();
    }

    /**
     * Tells every session subscribed to a resource ({@code resources/subscribe}) that it changed,
     * with {@code notifications/resources/updated} on the session's outbound sink.
     *
     * @return how many sessions were told
     */
    public int resourceUpdated(String uri) {
        return features.subscriptions().updated(uri);
    }

    /**
     * Begins a graceful stop: the tool calls, resource reads and prompt fills already taken,
     * running or waiting for a thread, may finish within {@code grace}. Each one still unfinished
     * then is answered with {@link io.clgmcp.core.jsonrpc.ErrorCode#SHUTTING_DOWN} and its thread
     * interrupted, and later ones are refused with the same error. A transport should stop taking
     * requests, and leave a little time after {@code grace} for those answers to be written.
     */
    public void shutDown(Duration grace) {
        try {
            deadlines.schedule(workers::stopAll, grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            workers.stopAll();
        }
    }

    /** Stops taking tool calls and gives running ones a few seconds to finish. */
    @Override
    public void close() {
        deadlines.shutdownNow();
        toolExecutor.shutdown();
        try {
            if (!toolExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                toolExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            toolExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Collects what a server is made of; {@link #build} checks it all at once. */
    public static final class Builder {
        private ServerInfo serverInfo;
        private String instructions;
        private ServerOptions options = ServerOptions.defaults();
        private final List<Tool> tools = new ArrayList<>();
        private final List<Resource> resources = new ArrayList<>();
        private final List<ResourceTemplate> resourceTemplates = new ArrayList<>();
        private final List<Prompt> prompts = new ArrayList<>();

        private Builder() {}

        public Builder serverInfo(ServerInfo serverInfo) {
            this.serverInfo = serverInfo;
            return this;
        }

        /** What the server tells a client's model about how to use it. */
        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        public Builder options(ServerOptions options) {
            this.options = options;
            return this;
        }

        public Builder tool(Tool tool) {
            tools.add(tool);
            return this;
        }

        public Builder tools(Collection<Tool> tools) {
            this.tools.addAll(tools);
            return this;
        }

        public Builder resources(Collection<Resource> resources) {
            this.resources.addAll(resources);
            return this;
        }

        public Builder resource(Resource resource) {
            return resources(List.of(resource));
        }

        public Builder resourceTemplates(Collection<ResourceTemplate> templates) {
            this.resourceTemplates.addAll(templates);
            return this;
        }

        public Builder resourceTemplate(ResourceTemplate template) {
            return resourceTemplates(List.of(template));
        }

        public Builder prompts(Collection<Prompt> prompts) {
            this.prompts.addAll(prompts);
            return this;
        }

        public Builder prompt(Prompt prompt) {
            return prompts(List.of(prompt));
        }

        /**
         * @throws IllegalArgumentException when names or URIs repeat or a schema or URI template is
         *     not valid, naming every such problem
         */
        public McpServer build() {
            if (serverInfo == null) {
                throw new IllegalStateException("a server needs its serverInfo");
            }
            int pageSize = options.pageSize();
            List<String> problems = new ArrayList<>();
            ToolRegistry toolRegistry =
                    collect(
                            problems,
                            () -> new ToolRegistry(tools, new SchemaValidator(), pageSize));
            ResourceRegistry resourceRegistry =
                    collect(
                            problems,
                            () -> new ResourceRegistry(resources, resourceTemplates, pageSize));
            PromptRegistry promptRegistry =
                    collect(problems, () -> new PromptRegistry(prompts, pageSize));
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new McpServer(
                    this,
                    new Features(
                            toolRegistry,
                            resourceRegistry,
                            promptRegistry,
                            new Completions(promptRegistry, resourceRegistry),
                            new Subscriptions()));
        }

        private static <T> T collect(List<String> problems, Supplier<T> registry) {
            try {
                return registry.get();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                return null;
            }
        }
    }
}
