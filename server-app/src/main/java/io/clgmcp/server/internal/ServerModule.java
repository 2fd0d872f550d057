package io.clgmcp.server.internal;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import io.clgmcp.core.LongLivedStreams;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.McpEndpoint;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.ServerInfo;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.server.ServerConfig;
import io.clgmcp.server.cluster.ClusterMembership;
import io.clgmcp.server.cluster.ClusterModule;
import io.clgmcp.server.conformance.ConformanceModule;
import io.clgmcp.server.genealogy.GenealogyModule;
import io.clgmcp.server.limits.RefusalCounts;
import io.clgmcp.servlet.Refusals;
import io.clgmcp.transport.sse.SseStatistics;
import io.clgmcp.transport.streamable.StreamableStatistics;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The application's own bindings: its configuration and identity. {@link #injector} assembles it
 * with core, the chosen transports and, under {@code MCP_PROFILE=conformance}, the conformance
 * fixtures; the runnable jar and the WAR both start from there.
 */
public final class ServerModule extends AbstractModule {
    static final String INSTRUCTIONS =
            "CLG-MCP helps find genealogy research resources indexed by Cyndi's List. "
                    + "Call tools/list to see the tools on offer.";

    private final ServerConfig config;

    private ServerModule(ServerConfig config) {
        this.config = config;
    }

    /** Everything the server is made of, built and checked at once. */
    public static Injector injector(ServerConfig config, List<Module> extraModules) {
        List<Module> modules = new ArrayList<>(Transports.modulesFor(config));
        config.cluster().map(ClusterModule::new).ifPresent(modules::add);
        return injector(config, modules, extraModules);
    }

    /** This instance's membership of a cluster, when it is one of several. */
    public static Optional<ClusterMembership> cluster(Injector injector) {
        return Optional.ofNullable(injector.getExistingBinding(Key.get(ClusterMembership.class)))
                .map(binding -> binding.getProvider().get());
    }

    /**
     * The same, with these transport modules instead of those {@code MCP_TRANSPORTS} names: the
     * stdio mode's one transport.
     */
    public static Injector injector(
            ServerConfig config, List<Module> transports, List<Module> extraModules) {
        List<Module> modules = new ArrayList<>();
        modules.add(new ServerModule(config));
        modules.add(
                new McpCoreModule(
                        new ServerInfo(
                                "clg-mcp",
                                Version.current(),
                                "CLG-MCP: Cyndi's List genealogy tools"),
                        INSTRUCTIONS,
                        config.serverOptions()));
        modules.addAll(transports);
        modules.add(new GenealogyModule(config.siteOptions()));
        if (config.profile() == ServerConfig.Profile.CONFORMANCE) {
            modules.add(new ConformanceModule());
        }
        modules.addAll(extraModules);
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }

    /**
     * Begins a graceful stop: the calls in flight may run for {@code callGrace}, after which those
     * still running are answered with an error; long-lived streams end at once, or once the calls
     * in flight on them are answered.
     */
    public static void beginShutdown(Injector injector, Duration callGrace) {
        injector.getInstance(McpServer.class).shutDown(callGrace);
        endLongLivedStreams(injector);
    }

    /** Ends every long-lived stream the transports hold, so that a shutdown need not wait on it. */
    public static void endLongLivedStreams(Injector injector) {
        injector.getInstance(Key.get(new TypeLiteral<Set<LongLivedStreams>>() {}))
                .forEach(LongLivedStreams::closeAll);
    }

    @Override
    protected void configure() {
        bind(ServerConfig.class).toInstance(config);
        // Declared here too, so that a server with every transport switched off still starts.
        MapBinder.newMapBinder(binder(), String.class, HttpServlet.class, McpEndpoint.class);
        OptionalBinder.newOptionalBinder(binder(), SseStatistics.class);
        OptionalBinder.newOptionalBinder(binder(), StreamableStatistics.class);
        OptionalBinder.newOptionalBinder(binder(), ClusterStore.class);
        OptionalBinder.newOptionalBinder(binder(), Refusals.class)
                .setBinding()
                .to(RefusalCounts.class);
    }

    @Provides
    @Singleton
    RefusalCounts refusals() {
        return new RefusalCounts();
    }
}
