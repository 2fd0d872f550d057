package io.clgmcp.server.internal;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.clgmcp.core.McpEndpoint;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.http.AllowedOrigins;
import io.clgmcp.server.OAuthOptions;
import io.clgmcp.server.ServerConfig;
import io.clgmcp.server.limits.RateLimitFilter;
import io.clgmcp.server.limits.RefusalCounts;
import io.clgmcp.transport.sse.SseStatistics;
import io.clgmcp.transport.streamable.StreamableStatistics;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mounts the application on a servlet context: the transports' MCP endpoints behind CORS,
 * authentication and the rate limit, {@code /health}, {@code GET /}, the example SSE client page,
 * in OAuth mode the Protected Resource Metadata, and JSON 404/405 answers for everything else. The
 * runnable jar and the WAR both mount through here.
 */
public final class WebMounts {
    static final Key<Map<String, HttpServlet>> ENDPOINTS =
            Key.get(new TypeLiteral<Map<String, HttpServlet>>() {}, McpEndpoint.class);

    static final Key<Optional<ClusterStore>> CLUSTER =
            Key.get(new TypeLiteral<Optional<ClusterStore>>() {});

    static final Key<Optional<SseStatistics>> SSE_STATISTICS =
            Key.get(new TypeLiteral<Optional<SseStatistics>>() {});

    static final Key<Optional<StreamableStatistics>> STREAMABLE_STATISTICS =
            Key.get(new TypeLiteral<Optional<StreamableStatistics>>() {});

    private WebMounts() {}

    public static void install(ServletContext context, Injector injector) {
        ServerConfig config = injector.getInstance(ServerConfig.class);
        Map<String, HttpServlet> endpoints = injector.getInstance(ENDPOINTS);
        RefusalCounts refusals = injector.getInstance(RefusalCounts.class);
        ServerDescription description =
                new ServerDescription(
                        injector.getInstance(McpServer.class).serverInfo(),
                        config,
                        endpoints.keySet(),
                        injector.getInstance(SSE_STATISTICS),
                        injector.getInstance(STREAMABLE_STATISTICS),
                        refusals,
                        injector.getInstance(CLUSTER));

        filter(context, "request-log", new RequestLogFilter())
                .addMappingForUrlPatterns(null, true, "/*");
        filter(context, "root", new RootFilter(description))
                .addMappingForUrlPatterns(null, true, "/*");

        List<String> mcpServlets = new ArrayList<>();
        pathsByServlet(endpoints)
                .forEach(
                        (servlet, paths) -> {
                            String name = "mcp-" + mcpServlets.size();
                            servlet(context, name, servlet)
                                    .addMapping(paths.toArray(String[]::new));
                            mcpServlets.add(name);
                        });
        if (!mcpServlets.isEmpty()) {
            String[] names = mcpServlets.toArray(String[]::new);
            filter(
                            context,
                            "cors",
                            new CorsFilter(
                                    new AllowedOrigins(config.corsAllowedOrigins()), refusals))
                    .addMappingForServletNames(null, true, names);
            filter(context, "auth", new BearerAuthFilter(Authenticator.of(config), refusals))
                    .addMappingForServletNames(null, true, names);
            if (config.rateLimits().enabled()) {
                filter(context, "rate-limit", new RateLimitFilter(config.rateLimits(), refusals))
                        .addMappingForServletNames(null, true, names);
            }
        }
        config.oauth()
                .ifPresent(
                        oauth ->
                                servlet(
                                                context,
                                                "oauth-protected-resource",
                                                new ProtectedResourceMetadataServlet(oauth))
                                        .addMapping(metadataPaths(oauth, endpoints.keySet())));

        servlet(context, "health", new HealthServlet(description)).addMapping("/health");
        servlet(context, "examples", new ExamplePageServlet())
                .addMapping("/examples/sse-client.html");
        servlet(context, "not-found", new NotFoundServlet()).addMapping("/");
    }

    /**
     * Where the Protected Resource Metadata is served: the well-known path alone, followed by each
     * MCP endpoint's path, and followed by the path of the audience (RFC 9728 section 3.1).
     */
    static String[] metadataPaths(OAuthOptions oauth, Collection<String> endpointPaths) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(OAuthOptions.METADATA_PATH);
        endpointPaths.forEach(path -> paths.add(OAuthOptions.METADATA_PATH + path));
        String audiencePath = oauth.audience().getPath();
        if (audiencePath != null && !audiencePath.equals("/") && !audiencePath.contains("*")) {
            paths.add(OAuthOptions.METADATA_PATH + audiencePath);
        }
        return paths.toArray(String[]::new);
    }

    private static Map<HttpServlet, List<String>> pathsByServlet(
            Map<String, HttpServlet> endpoints) {
        Map<HttpServlet, List<String>> paths = new IdentityHashMap<>();
        endpoints.forEach(
                (path, servlet) ->
                        paths.computeIfAbsent(servlet, s -> new ArrayList<>()).add(path));
        return paths;
    }

    private static FilterRegistration.Dynamic filter(
            ServletContext context, String name, Filter filter) {
        FilterRegistration.Dynamic registration = context.addFilter(name, filter);
        registration.setAsyncSupported(true);
        return registration;
    }

    private static ServletRegistration.Dynamic servlet(
            ServletContext context, String name, Servlet servlet) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.setAsyncSupported(true);
        return registration;
    }
}
