package io.clgmcp.server.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.clgmcp.core.ProtocolVersions;
import io.clgmcp.core.ServerInfo;
import io.clgmcp.core.cluster.ClusterStatus;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.server.OAuthOptions;
import io.clgmcp.server.ServerConfig;
import io.clgmcp.server.limits.CallerHash;
import io.clgmcp.server.limits.RefusalCounts;
import io.clgmcp.transport.sse.SseStatistics;
import io.clgmcp.transport.streamable.StreamableStatistics;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What {@code GET /} and {@code GET /health} say about the running server. */
final class ServerDescription {
    private final ServerInfo info;
    private final ServerConfig config;
    private final Collection<String> mcpPaths;
    private final Optional<SseStatistics> sse;
    private final Optional<StreamableStatistics> streamable;
    private final RefusalCounts refusals;
    private final Optional<ClusterStore> cluster;

    ServerDescription(
            ServerInfo info,
            ServerConfig config,
            Collection<String> mcpPaths,
            Optional<SseStatistics> sse,
            Optional<StreamableStatistics> streamable,
            RefusalCounts refusals,
            Optional<ClusterStore> cluster) {
        this.info = info;
        this.config = config;
        this.mcpPaths = mcpPaths;
        this.sse = sse;
        this.streamable = streamable;
        this.refusals = refusals;
        this.cluster = cluster;
    }

    /**
     *
     *
     * <pre>{"name":"clg-mcp","title":"...","version":"0.1.0","protocolVersions":[...],
     * "transports":["jsonrpc"],"endpoints":[{"path":"/rpc","auth":true},...]}</pre>
     */
    JsonObject about() {
        JsonObject about = new JsonObject();
        about.addProperty("name", info.name());
        about.addProperty("title", info.title());
        about.addProperty("version", info.version());
        about.add("protocolVersions", strings(ProtocolVersions.SUPPORTED));
        about.add("transports", strings(config.transports()));
        JsonArray endpoints = new JsonArray();
        for (String path : mcpPaths) {
            endpoints.add(endpoint(path.isEmpty() ? "/" : path, !config.isOpenAccess()));
        }
        endpoints.add(endpoint("/health", false));
        if (config.oauth().isPresent()) {
            endpoints.add(endpoint(OAuthOptions.METADATA_PATH, false));
        }
        about.add("endpoints", endpoints);
        return about;
    }

    /**
     *
     *
     * <pre>{"status":"healthy","service":"clg-mcp","version":"0.1.0","timestamp":1764000000000,
     * "transports":["jsonrpc","sse"],"sse":{"enabled":true,"stats":{"totalConnections":3,
     * "activeConnections":1,"maxConnections":100,"maxConnectionsPerCaller":10,
     * "heartbeatIntervalMs":30000}},
     * "streamable":{"enabled":true,"stats":{"totalSessions":5,"activeSessions":2}},
     * "refusals":{"auth":3,"rate":0,"connectionLimit":0,"origin":1},
     * "connectionsPerCaller":{"1f0c9a2e":1},
     * "cluster":{"enabled":true,"instanceId":"web-1-3f9c0e5e2b7a","store":"redis://10.0.0.5:6379",
     * "status":"up","instancesAlive":3,"connections":41,"sessions":17}}</pre>
     *
     * <p>With a transport switched off its counts are zero and its limits those configured. {@code
     * refusals} counts the requests turned away since start; {@code connectionsPerCaller} the open
     * SSE streams of each caller, named by {@link CallerHash}. The counts above are this
     * instance's; {@code cluster} has those of every instance, or, when its store cannot be
     * reached, {@code "status":"down"} and the {@code error} (and then the server's status is
     * {@code degraded}).
     */
    JsonObject health() {
        JsonObject stats = new JsonObject();
        stats.addProperty("totalConnections", sse.map(SseStatistics::totalConnections).orElse(0L));
        stats.addProperty("activeConnections", sse.map(SseStatistics::activeConnections).orElse(0));
        stats.addProperty("maxConnections", config.sseOptions().maxConnections());
        stats.addProperty("maxConnectionsPerCaller", config.sseOptions().maxConnectionsPerCaller());
        stats.addProperty("heartbeatIntervalMs", config.sseOptions().heartbeatIntervalMillis());
        JsonObject section = new JsonObject();
        section.addProperty("enabled", sse.isPresent());
        section.add("stats", stats);

        Optional<ClusterStatus> clusterStatus = cluster.map(ClusterStore::status);
        JsonObject health = new JsonObject();
        health.addProperty(
                "status",
                clusterStatus.map(ClusterStatus::reachable).orElse(true) ? "healthy" : "degraded");
        health.addProperty("service", info.name());
        health.addProperty("version", info.version());
        health.addProperty("timestamp", System.currentTimeMillis());
        health.add("transports", strings(config.transports()));
        health.add("sse", section);
        health.add("streamable", streamableSection());
        JsonObject refused = new JsonObject();
        refusals.byReason().forEach(refused::addProperty);
        health.add("refusals", refused);
        health.add("connectionsPerCaller", connectionsPerCaller());
        health.add("cluster", clusterSection(clusterStatus));
        return health;
    }

    private JsonObject clusterSection(Optional<ClusterStatus> status) {
        JsonObject section = new JsonObject();
        section.addProperty("enabled", status.isPresent());
        status.ifPresent(
                current -> {
                    section.addProperty("instanceId", cluster.orElseThrow().instanceId());
                    section.addProperty("store", current.store());
                    section.addProperty("status", current.reachable() ? "up" : "down");
                    current.problem().ifPresent(problem -> section.addProperty("error", problem));
                    section.addProperty("instancesAlive", current.instances());
                    section.addProperty("connections", current.streams());
                    section.addProperty("sessions", current.sessions());
                });
        return section;
    }

    private JsonObject connectionsPerCaller() {
        Map<String, Integer> byHash = new TreeMap<>();
        sse.map(SseStatistics::activeConnectionsByCaller)
                .orElse(Map.of())
                .forEach((key, count) -> byHash.merge(CallerHash.of(key), count, Integer::sum));
        JsonObject callers = new JsonObject();
        byHash.forEach(callers::addProperty);
        return callers;
    }

    private JsonObject streamableSection() {
        JsonObject stats = new JsonObject();
        stats.addProperty(
                "totalSessions", streamable.map(StreamableStatistics::totalSessions).orElse(0L));
        stats.addProperty(
                "activeSessions", streamable.map(StreamableStatistics::activeSessions).orElse(0));
        JsonObject section = new JsonObject();
        section.addProperty("enabled", streamable.isPresent());
        section.add("stats", stats);
        return section;
    }

    private static JsonObject endpoint(String path, boolean auth) {
        JsonObject endpoint = new JsonObject();
        endpoint.addProperty("path", path);
        endpoint.addProperty("auth", auth);
        return endpoint;
    }

    private static JsonArray strings(Collection<String> values) {
        JsonArray array = new JsonArray(values.size());
        values.forEach(array::add);
        return array;
    }
}
