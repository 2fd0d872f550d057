package io.clgmcp.transport.sse;

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
import io.clgmcp.transport.sse.internal.SseConnections;
import io.clgmcp.transport.sse.internal.SseServlet;
import jakarta.servlet.http.HttpServlet;
import java.util.Optional;

/**
 * The SSE transport: {@code GET /sse} opens a stream, {@code POST /sse} sends a request on it (the
 * seed protocol of the CLG-MCP SSE guide), and {@code POST /sse/message} does the same for clients
 * of the MCP 2024-11-05 HTTP+SSE transport. {@code docs/SSE.md} describes the wire format.
 */
public final class SseTransportModule extends AbstractModule {
    /** The transport's name in configuration and in {@code /health}. */
    public static final String NAME = "sse";

    private final SseOptions options;

    public SseTransportModule(SseOptions options) {
        this.options = options;
    }

    @Override
    protected void configure() {
        MapBinder<String, HttpServlet> endpoints =
                MapBinder.newMapBinder(
                        binder(), String.class, HttpServlet.class, McpEndpoint.class);
        endpoints.addBinding("/sse").to(SseServlet.class);
        endpoints.addBinding("/sse/message").to(SseServlet.class);
        OptionalBinder.newOptionalBinder(binder(), SseStatistics.class)
                .setBinding()
                .to(SseConnections.class);
        McpCoreModule.longLivedStreams(binder()).addBinding().to(SseConnections.class);
        OptionalBinder.newOptionalBinder(binder(), Refusals.class);
        OptionalBinder.newOptionalBinder(binder(), ClusterStore.class);
    }

    @Provides
    @Singleton
    SseConnections connections(Optional<ClusterStore> cluster) {
        return cluster.map(store -> SseConnections.clustered(options, store))
                .orElseGet(() -> new SseConnections(options));
    }

    @Provides
    @Singleton
    SseServlet streamServlet(
            McpServer server, SseConnections connections, Optional<Refusals> refusals) {
        return new SseServlet(
                server, connections, options.maxBodyBytes(), refusals.orElse(Refusals.NONE));
    }
}
