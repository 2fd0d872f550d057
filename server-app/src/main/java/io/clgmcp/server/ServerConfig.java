package io.clgmcp.server;

import io.clgmcp.core.ServerOptions;
import io.clgmcp.server.genealogy.SiteOptions;
import io.clgmcp.server.internal.AccessTokens;
import io.clgmcp.server.internal.Settings;
import io.clgmcp.server.internal.Transports;
import io.clgmcp.server.internal.Version;
import io.clgmcp.server.limits.RateLimits;
import io.clgmcp.servlet.QueueLimits;
import io.clgmcp.transport.sse.SseOptions;
import io.clgmcp.transport.sse.SseTransportModule;
import io.clgmcp.transport.streamable.StreamableHttpOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the server is configured with, read once at start-up from environment variables or
 * Java system properties of the same name (a system property wins). README lists each setting.
 *
 * @param tls the keystore with which the server speaks HTTPS, or empty for plain HTTP
 * @param cluster the Redis this instance shares with the others of its cluster, or empty for a
 *     server on its own
 */
public record ServerConfig(
        String host,
        int port,
        List<String> transports,
        Set<String> authTokens,
        Optional<OAuthOptions> oauth,
        List<String> corsAllowedOrigins,
        RateLimits rateLimits,
        int maxBodyBytes,
        ServerOptions serverOptions,
        int shutdownGraceMillis,
        SseOptions sseOptions,
        StreamableHttpOptions streamableOptions,
        SiteOptions siteOptions,
        Profile profile,
        Optional<TlsOptions> tls,
        Optional<ClusterOptions> cluster) {

    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 8080;
    private static final int DEFAULT_MAX_BODY_BYTES = 4 << 20;
    private static final int DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
    private static final int DEFAULT_SSE_MAX_CONNECTIONS = 100;
    // Generous for any one client (a batch is one request), yet a runaway loop, which can send
    // thousands a second, gets a small share; one client rarely needs more than a few SSE streams.
    private static final int DEFAULT_RATE_LIMIT_RPS = 100;
    private static final int DEFAULT_SSE_MAX_CONNECTIONS_PER_TOKEN = 10;
    private static final int DEFAULT_SSE_HEARTBEAT_MS = 30_000;
    private static final int DEFAULT_SSE_CONNECTION_TIMEOUT_MS = 90_000;
    private static final int DEFAULT_SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
    private static final int MAX_TIMEOUT_SECONDS = 86_400;

    public ServerConfig {
        transports = List.copyOf(transports);
        authTokens = Set.copyOf(authTokens);
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    }

    /** Every setting, except that of the bearer tokens only their number shows. */
    @Override
    public String toString() {
        return "ServerConfig[host="
                + host
                + ", port="
                + port
                + ", transports="
                + transports
                + ", authTokens="
                + authTokens.size()
                + " hidden, oauth="
                + oauth
                + ", corsAllowedOrigins="
                + corsAllowedOrigins
                + ", rateLimits="
                + rateLimits
                + ", maxBodyBytes="
                + maxBodyBytes
                + ", serverOptions="
                + serverOptions
                + ", shutdownGraceMillis="
                + shutdownGraceMillis
                + ", sseOptions="
                + sseOptions
                + ", streamableOptions="
                + streamableOptions
                + ", siteOptions="
                + siteOptions
                + ", profile="
                + profile
                + ", tls="
                + tls
                + ", cluster="
                + cluster
                + "]";
    }

    /** The configuration from this process's system properties and environment. */
    public static ServerConfig fromEnvironment() {
        return read(Settings.fromEnvironment());
    }

    /**
     * The configuration from explicit values, for tests and embedding; unset names take defaults.
     */
    public static ServerConfig of(Map<String, String> values) {
        return read(Settings.of(values));
    }

    /** Whether anyone may call the MCP endpoints without a token (static or OAuth). */
    public boolean isOpenAccess() {
        return authTokens.isEmpty() && oauth.isEmpty();
    }

    /**
     * @throws InvalidConfigException listing every problem found
     */
    private static ServerConfig read(Settings settings) {
        Set<String> tokens = new LinkedHashSet<>();
        tokens.addAll(settings.list("MCP_AUTH_TOKENS"));
        if (tokens.isEmpty() && settings.string("MCP_AUTH_TOKENS", null) != null) {
            // Set but naming no token ("," say): refuse rather than silently open access.
            settings.problem("MCP_AUTH_TOKENS is set but names no token");
        }
        String single = settings.string("MCP_AUTH_TOKEN", null);
        if (single != null) {
            tokens.add(single);
        }
        if (tokens.stream().anyMatch(token -> !AccessTokens.isWellFormed(token))) {
            settings.problem(
                    "MCP_AUTH_TOKEN and MCP_AUTH_TOKENS may hold only letters, digits and -._~+/"
                            + " (then '=' padding), or no client could send them");
        }
        int maxBodyBytes =
                settings.integer("MCP_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1024, 256 << 20);
        ServerConfig config =
                new ServerConfig(
                        settings.string("HOST", DEFAULT_HOST),
                        settings.integer("PORT", DEFAULT_PORT, 0, 65535),
                        transports(settings),
                        tokens,
                        OAuthOptions.read(settings, !tokens.isEmpty()),
                        settings.list("CORS_ALLOWED_ORIGINS"),
                        rateLimits(settings),
                        maxBodyBytes,
                        serverOptions(settings),
                        settings.integer(
                                "SHUTDOWN_GRACE_MS", DEFAULT_SHUTDOWN_GRACE_MS, 0, 600_000),
                        sseOptions(settings, maxBodyBytes),
                        new StreamableHttpOptions(
                                maxBodyBytes,
                                settings.integer(
                                        "MCP_SESSION_IDLE_TIMEOUT",
                                        DEFAULT_SESSION_IDLE_TIMEOUT_MS,
                                        1000,
                                        Integer.MAX_VALUE),
                                settings.list("MCP_ALLOWED_ORIGINS"),
                                settings.integer(
                                        "MCP_EVENT_HISTORY",
                                        StreamableHttpOptions.DEFAULT_EVENT_HISTORY,
                                        1,
                                        1_000_000),
                                settings.integer(
                                        "MCP_STREAM_RETRY_MS",
                                        (int) StreamableHttpOptions.DEFAULT_RETRY_MILLIS,
                                        1,
                                        600_000)),
                        siteOptions(settings),
                        profile(settings),
                        TlsOptions.read(settings),
                        ClusterOptions.read(settings));
        if (!settings.problems().isEmpty()) {
            throw new InvalidConfigException(settings.problems());
        }
        return config;
    }

    private static ServerOptions serverOptions(Settings settings) {
        ServerOptions core = ServerOptions.defaults();
        int clientRequestTimeoutSeconds =
                settings.integer(
                        "MCP_CLIENT_REQUEST_TIMEOUT",
                        (int) core.clientRequestTimeout().toSeconds(),
                        1,
                        MAX_TIMEOUT_SECONDS);
        return new ServerOptions(
                        settings.integer("MCP_PAGE_SIZE", core.pageSize(), 1, 1000),
                        settings.integer("MCP_TOOL_THREADS", core.toolThreads(), 1, 1024),
                        settings.integer("MCP_TOOL_QUEUE", core.toolQueueCapacity(), 0, 100_000))
                .withClientRequestTimeout(Duration.ofSeconds(clientRequestTimeoutSeconds))
                .withHandlerTimeout(
                        Duration.ofSeconds(
                                settings.integer(
                                        "MCP_TOOL_TIMEOUT",
                                        (int) core.handlerTimeout().toSeconds(),
                                        1,
                                        MAX_TIMEOUT_SECONDS)));
    }

    private static SiteOptions siteOptions(Settings settings) {
        SiteOptions defaults =
                SiteOptions.defaults(
                        "CLG-MCP/"
                                + Version.current()
                                + " (genealogy research tools for AI assistants; reads Cyndi's"
                                + " List pages on a user's request)");
        return new SiteOptions(
                siteUrl(settings),
                defaults.userAgent(),
                settings.decimal("CLG_RATE_LIMIT", defaults.requestsPerSecond(), 0.001, 1000),
                Duration.ofMillis(
                        settings.integer(
                                "CLG_CONNECT_TIMEOUT_MS",
                                (int) defaults.connectTimeout().toMillis(),
                                1,
                                600_000)),
                Duration.ofMillis(
                        settings.integer(
                                "CLG_READ_TIMEOUT_MS",
                                (int) defaults.readTimeout().toMillis(),
                                1,
                                600_000)),
                defaults.retryBackoff(),
                Duration.ofSeconds(
                        settings.integer(
                                "CLG_CACHE_TTL",
                                (int) defaults.cacheTtl().toSeconds(),
                                0,
                                7 * 86_400)),
                (long)
                                settings.integer(
                                        "CLG_CACHE_MB",
                                        (int) (defaults.cacheMaxBytes() >> 20),
                                        0,
                                        65_536)
                        << 20,
                defaults.maxPageBytes());
    }

    private static URI siteUrl(Settings settings) {
        String value = settings.string("CLG_BASE_URL", SiteOptions.DEFAULT_BASE_URL.toString());
        try {
            URI url = new URI(value);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                    && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        settings.problem("CLG_BASE_URL must be an http or https URL, not '" + value + "'");
        return SiteOptions.DEFAULT_BASE_URL;
    }

    private static Profile profile(Settings settings) {
        String value = settings.string("MCP_PROFILE", Profile.DEFAULT.settingValue());
        for (Profile profile : Profile.values()) {
            if (profile.settingValue().equals(value.toLowerCase(Locale.ROOT))) {
                return profile;
            }
        }
        settings.problem(
                "MCP_PROFILE must be "
                        + Profile.DEFAULT.settingValue()
                        + " or "
                        + Profile.CONFORMANCE.settingValue()
                        + ", not '"
                        + value
                        + "'");
        return Profile.DEFAULT;
    }

    private static RateLimits rateLimits(Settings settings) {
        int rate = settings.integer("RATE_LIMIT_RPS", DEFAULT_RATE_LIMIT_RPS, 0, 1_000_000);
        return new RateLimits(
                rate, settings.integer("RATE_LIMIT_BURST", Math.max(1, 2 * rate), 1, 2_000_000));
    }

    private static SseOptions sseOptions(Settings settings, int maxBodyBytes) {
        int heartbeat =
                settings.integer("SSE_HEARTBEAT_INTERVAL", DEFAULT_SSE_HEARTBEAT_MS, 10, 3_600_000);
        int timeout =
                settings.integer(
                        "SSE_CONNECTION_TIMEOUT",
                        DEFAULT_SSE_CONNECTION_TIMEOUT_MS,
                        100,
                        86_400_000);
        if (heartbeat >= timeout) {
            settings.problem(
                    "SSE_HEARTBEAT_INTERVAL ("
                            + heartbeat
                            + ") must be shorter than SSE_CONNECTION_TIMEOUT ("
                            + timeout
                            + "), or live clients would be dropped");
        }
        return new SseOptions(
                heartbeat,
                timeout,
                settings.integer("SSE_MAX_CONNECTIONS", DEFAULT_SSE_MAX_CONNECTIONS, 1, 1_000_000),
                settings.integer(
                        "SSE_MAX_CONNECTIONS_PER_TOKEN",
                        DEFAULT_SSE_MAX_CONNECTIONS_PER_TOKEN,
                        0,
                        1_000_000),
                settings.integer(
                        "SSE_MAX_QUEUED_EVENTS", QueueLimits.DEFAULTS.events(), 1, 1_000_000),
                settings.integer(
                        "SSE_MAX_QUEUED_BYTES", (int) QueueLimits.DEFAULTS.bytes(), 1024, 1 << 30),
                maxBodyBytes);
    }

    private static List<String> transports(Settings settings) {
        List<String> chosen = new ArrayList<>(settings.list("MCP_TRANSPORTS"));
        if (chosen.isEmpty()) {
            chosen.addAll(Transports.names());
        }
        if (!settings.bool("SSE_ENABLED", true)) {
            chosen.remove(SseTransportModule.NAME);
        }
        for (String name : chosen) {
            if (!Transports.names().contains(name)) {
                settings.problem(
                        "MCP_TRANSPORTS names an unknown transport '"
                                + name
                                + "'; known: "
                                + String.join(", ", Transports.names()));
            }
        }
        return List.copyOf(new LinkedHashSet<>(chosen));
    }

    /** What the server offers besides its own tools ({@code MCP_PROFILE}). */
    public enum Profile {
        /** The server's own tools and those of the modules it is started with. */
        DEFAULT,
        /**
         * Also the fixture tools, resources and prompts the official MCP conformance suite calls;
         * for testing only.
         */
        CONFORMANCE;

        /** The value of {@code MCP_PROFILE} that chooses it. */
        public String settingValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A configuration that cannot start a server, with every reason. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidConfigException(List<String> problems) {
            super("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
    }
}
