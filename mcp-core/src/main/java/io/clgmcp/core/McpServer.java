package io.clgmcp.core;

import io.clgmcp.core.internal.BoundedExecutor;
import io.clgmcp.core.internal.SchemaValidator;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

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
    private final ToolRegistry registry;
    private final ExecutorService toolExecutor;
    private final Dispatcher dispatcher;
    private final ServerInfo serverInfo;

    private McpServer(Builder builder) {
        this.serverInfo = builder.serverInfo;
        this.registry =
                new ToolRegistry(builder.tools, new SchemaValidator(), builder.options.pageSize());
        this.toolExecutor =
                BoundedExecutor.create(
                        "mcp-tool",
                        builder.options.toolThreads(),
                        builder.options.toolQueueCapacity());
        this.dispatcher =
                new Dispatcher(
                        new Lifecycle(builder.serverInfo, builder.instructions),
                        registry,
                        new ToolCalls(registry, toolExecutor));
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

    public ServerInfo serverInfo() {
        return serverInfo;
    }

    /** The tools offered, in the order they were registered. */
    public List<Tool> tools() {
        return registry.tools();
    }

    /** Stops taking tool calls and gives running ones a few seconds to finish. */
    @Override
    public void close() {
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

        /**
         * @throws IllegalArgumentException when tool names repeat or a schema is not valid, naming
         *     every such problem
         */
        public McpServer build() {
            if (serverInfo == null) {
                throw new IllegalStateException("a server needs its serverInfo");
            }
            return new McpServer(this);
        }
    }
}
