package io.clgmcp.transport.streamable;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.McpEndpoint;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.servlet.Refusals;
import io.clgmcp.transport.streamable.internal.McpSessions;
import io.clgmcp.transport.streamable.internal.StreamableHttpServlet;
import jakarta.servlet.http.HttpServlet;
import java.util.Optional;

/**
 * The MCP Streamable HTTP transport at {@code /mcp}: each JSON-RPC message is POSTed on its own,
 * {@code initialize} opens a session named by the {@code Mcp-Session-Id} header, and {@code DELETE
 * /mcp} ends it. {@code GET /mcp} opens the session's stream for messages the server sends unasked;
 * a client that lost a stream reconnects with {@code Last-Event-ID} and gets what it missed.
 *
 * <pre>
 * POST /mcp  {"jsonrpc":"2.0","id":1,"method":"initialize","params":{...}}
 * 200        Mcp-Session-Id: 3f9c0e5e2b7a4d1c9e8f7a6b5c4d3e2f
 *            {"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25",...}}
 * </pre>
 */
public final class StreamableHttpTransportModule extends AbstractModule {
    /** The transport's name in configuration and in {@code /health}. */
    public static final String NAME = "streamable";

    private final StreamableHttpOptions options;

    public StreamableHttpTransportModule(StreamableHttpOptions options) {
        this.options = options;
    }

    @Override
    protected void configure() {
        McpCoreModule.longLivedStreams(binder()).addBinding().to(McpSessions.class);
        OptionalBinder.newOptionalBinder(binder(), StreamableStatistics.class)
                .setBinding()
                .to(McpSessions.class);
        MapBinder.newMapBinder(binder(), String.class, HttpServlet.class, McpEndpoint.class)
                .addBinding("/mcp")
                .to(StreamableHttpServlet.class);
        OptionalBinder.newOptionalBinder(binder(), Refusals.class);
        OptionalBinder.newOptionalBinder(binder(), ClusterStore.class);
    }

    @Provides
    @Singleton
    McpSessions sessions(Optional<ClusterStore> cluster, McpServer server) {
        return cluster.map(store -> McpSessions.clustered(options, store, server))
                .orElseGet(() -> new McpSessions(options));
    }

    @Provides
    @Singleton
    StreamableHttpServlet servlet(
            McpServer server, McpSessions sessions, Optional<Refusals> refusals) {
        return new StreamableHttpServlet(server, sessions, options, refusals.orElse(Refusals.NONE));
    }
}
