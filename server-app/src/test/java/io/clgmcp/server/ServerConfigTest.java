package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.clgmcp.server.ServerConfig.Profile;
import io.clgmcp.server.genealogy.SiteOptions;
import io.clgmcp.server.internal.Settings;
import io.clgmcp.server.limits.RateLimits;
import io.clgmcp.transport.streamable.StreamableHttpOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void choosesEveryTransportByDefault() {
        ServerConfig config = ServerConfig.of(Map.of());

        assertEquals(List.of("jsonrpc", "sse", "streamable"), config.transports());
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals(100, config.sseOptions().maxConnections());
        assertEquals(10_000, config.shutdownGraceMillis());
        assertTrue(config.isOpenAccess());
    }

    @Test
    void readsTheGenealogySiteSettings() {
        SiteOptions site =
                ServerConfig.of(
                                Map.of(
                                        "CLG_BASE_URL", "http://127.0.0.1:9999",
                                        "CLG_RATE_LIMIT", "0.5",
                                        "CLG_CACHE_TTL", "60",
                                        "CLG_CACHE_MB", "8",
                                        "CLG_READ_TIMEOUT_MS", "2500"))
                        .siteOptions();

        assertEquals(URI.create("http://127.0.0.1:9999/"), site.baseUrl());
        assertEquals(0.5, site.requestsPerSecond());
        assertEquals(Duration.ofSeconds(60), site.cacheTtl());
        assertEquals(8L << 20, site.cacheMaxBytes());
        assertEquals(Duration.ofMillis(2500), site.readTimeout());
        assertTrue(site.userAgent().startsWith("CLG-MCP/"), site.userAgent());
    }

    @Test
    void readsTheToolTimeout() {
        assertEquals(
                Duration.ofMinutes(10), ServerConfig.of(Map.of()).serverOptions().handlerTimeout());
        assertEquals(
                Duration.ofSeconds(5),
                ServerConfig.of(Map.of("MCP_TOOL_TIMEOUT", "5")).serverOptions().handlerTimeout());
    }

    @Test
    void defaultsToCyndisListAtOneRequestASecond() {
        SiteOptions site = ServerConfig.of(Map.of()).siteOptions();

        assertEquals(URI.create("https://www.cyndislist.com/"), site.baseUrl());
        assertEquals(1.0, site.requestsPerSecond());
    }

    @Test
    void refusesABadSiteAddressAndRate() {
        String message =
                refusal(Map.of("CLG_BASE_URL", "ftp://example.org", "CLG_RATE_LIMIT", "0"));

        assertTrue(message.contains("CLG_BASE_URL") && message.contains("ftp://"), message);
        assertTrue(message.contains("CLG_RATE_LIMIT") && message.contains("'0'"), message);
    }

    @Test
    void acceptsJsonRpcByName() {
        assertEquals(
                List.of("jsonrpc"),
                ServerConfig.of(Map.of("MCP_TRANSPORTS", " jsonrpc ")).transports());
    }

    @Test
    void refusesAnUnknownTransportNamingIt() {
        String message = refusal(Map.of("MCP_TRANSPORTS", "jsonrpc,carrier-pigeon"));

        assertTrue(message.contains("carrier-pigeon"), message);
        assertTrue(message.contains("MCP_TRANSPORTS"), message);
    }

    @Test
    void listsEveryProblemAtOnce() {
        String message =
                refusal(Map.of("PORT", "abc", "MCP_TOOL_THREADS", "0", "MCP_TRANSPORTS", "nope"));

        assertTrue(message.contains("PORT") && message.contains("'abc'"), message);
        assertTrue(message.contains("MCP_TOOL_THREADS") && message.contains("'0'"), message);
        assertTrue(message.contains("MCP_TRANSPORTS") && message.contains("'nope'"), message);
    }

    @Test
    void refusesOutOfRangeNumbers() {
        String message =
                refusal(
                        Map.of(
                                "PORT",
                                "65536",
                                "SSE_MAX_CONNECTIONS",
                                "0",
                                "MCP_TOOL_QUEUE",
                                "-1"));

        assertTrue(message.contains("PORT"), message);
        assertTrue(message.contains("SSE_MAX_CONNECTIONS"), message);
        assertTrue(message.contains("MCP_TOOL_QUEUE"), message);
    }

    @Test
    void limitsEachCallerGenerouslyByDefault() {
        ServerConfig config = ServerConfig.of(Map.of());

        assertEquals(new RateLimits(100, 200), config.rateLimits());
        assertEquals(10, config.sseOptions().maxConnectionsPerCaller());
    }

    @Test
    void readsTheCallerLimits() {
        ServerConfig config =
                ServerConfig.of(
                        Map.of(
                                "RATE_LIMIT_RPS", "5",
                                "SSE_MAX_CONNECTIONS_PER_TOKEN", "0"));

        assertEquals(new RateLimits(5, 10), config.rateLimits());
        assertEquals(0, config.sseOptions().maxConnectionsPerCaller());
        assertEquals(
                new RateLimits(5, 1),
                ServerConfig.of(Map.of("RATE_LIMIT_RPS", "5", "RATE_LIMIT_BURST", "1"))
                        .rateLimits());
        assertFalse(ServerConfig.of(Map.of("RATE_LIMIT_RPS", "0")).rateLimits().enabled());
    }

    @Test
    void refusesBadCallerLimitsAllAtOnce() {
        String message =
                refusal(
                        Map.of(
                                "RATE_LIMIT_RPS", "-1",
                                "RATE_LIMIT_BURST", "0",
                                "SSE_MAX_CONNECTIONS_PER_TOKEN", "many"));

        assertTrue(message.contains("RATE_LIMIT_RPS"), message);
        assertTrue(message.contains("RATE_LIMIT_BURST"), message);
        assertTrue(message.contains("SSE_MAX_CONNECTIONS_PER_TOKEN"), message);
    }

    @Test
    void refusesATokensListWithoutAnyTokenRatherThanOpeningAccess() {
        String message = refusal(Map.of("MCP_AUTH_TOKENS", " , ,"));

        assertTrue(message.contains("MCP_AUTH_TOKENS"), message);
    }

    @Test
    void refusesTokensNoClientCouldSendInABearerHeader() {
        String message = refusal(Map.of("MCP_AUTH_TOKEN", "p@ss word!"));

        assertTrue(message.contains("MCP_AUTH_TOKEN"), message);
    }

    @Test
    void trimsListedTokensAndDropsBlankEntries() {
        ServerConfig config = ServerConfig.of(Map.of("MCP_AUTH_TOKENS", " one , ,two,"));

        assertEquals(Set.of("one", "two"), config.authTokens());
        assertFalse(config.isOpenAccess());
    }

    @Test
    void showsNoTokenInItsText() {
        ServerConfig config =
                ServerConfig.of(Map.of("MCP_AUTH_TOKEN", "secret-one", "MCP_AUTH_TOKENS", "two2"));

        String text = config.toString();

        assertFalse(text.contains("secret-one"), text);
        assertFalse(text.contains("two2"), text);
        assertTrue(text.contains("authTokens=2 hidden"), text);
    }

    @Test
    void readsTheToolLimits() {
        ServerConfig config =
                ServerConfig.of(
                        Map.of(
                                "MCP_TOOL_THREADS",
                                "3",
                                "MCP_TOOL_QUEUE",
                                "0",
                                "MCP_PAGE_SIZE",
                                "9"));

        assertEquals(3, config.serverOptions().toolThreads());
        assertEquals(0, config.serverOptions().toolQueueCapacity());
        assertEquals(9, config.serverOptions().pageSize());
    }

    @Test
    void waitsTwoMinutesForAClientsAnswerByDefault() {
        assertEquals(
                Duration.ofSeconds(120),
                ServerConfig.of(Map.of()).serverOptions().clientRequestTimeout());
    }

    @Test
    void readsTheClientRequestTimeoutInSeconds() {
        ServerConfig config = ServerConfig.of(Map.of("MCP_CLIENT_REQUEST_TIMEOUT", " 5 "));

        assertEquals(Duration.ofSeconds(5), config.serverOptions().clientRequestTimeout());
    }

    @Test
    void refusesAClientRequestTimeoutThatIsNotAPositiveNumberOfSeconds() {
        for (String value : List.of("0", "-1", "1.5", "2m")) {
            String message = refusal(Map.of("MCP_CLIENT_REQUEST_TIMEOUT", value));

            assertTrue(message.contains("MCP_CLIENT_REQUEST_TIMEOUT"), message);
            assertTrue(message.contains("'" + value + "'"), message);
        }
    }

    @Test
    void boundsWhatAnSseStreamMayHoldUnsentInBytes() {
        assertEquals(16 << 20, ServerConfig.of(Map.of()).sseOptions().maxQueuedBytes());
        assertEquals(
                4096,
                ServerConfig.of(Map.of("SSE_MAX_QUEUED_BYTES", "4096"))
                        .sseOptions()
                        .maxQueuedBytes());
        String message = refusal(Map.of("SSE_MAX_QUEUED_BYTES", "0"));
        assertTrue(message.contains("SSE_MAX_QUEUED_BYTES"), message);
    }

    @Test
    void readsTheStreamableEventHistoryAndRetryDelay() {
        ServerConfig defaults = ServerConfig.of(Map.of());
        ServerConfig config =
                ServerConfig.of(Map.of("MCP_EVENT_HISTORY", "50", "MCP_STREAM_RETRY_MS", "250"));

        assertEquals(
                StreamableHttpOptions.DEFAULT_EVENT_HISTORY,
                defaults.streamableOptions().eventHistory());
        assertEquals(50, config.streamableOptions().eventHistory());
        assertEquals(250, config.streamableOptions().retryMillis());
        String message = refusal(Map.of("MCP_EVENT_HISTORY", "0", "MCP_STREAM_RETRY_MS", "x"));
        assertTrue(message.contains("MCP_EVENT_HISTORY"), message);
        assertTrue(message.contains("MCP_STREAM_RETRY_MS"), message);
    }

    @Test
    void usesTheDefaultProfileUnlessTold() {
        assertEquals(Profile.DEFAULT, ServerConfig.of(Map.of()).profile());
        assertEquals(Profile.DEFAULT, ServerConfig.of(Map.of("MCP_PROFILE", "default")).profile());
        assertEquals(Profile.DEFAULT, ServerConfig.of(Map.of("MCP_PROFILE", " ")).profile());
    }

    @Test
    void readsTheConformanceProfile() {
        assertEquals(
                Profile.CONFORMANCE,
                ServerConfig.of(Map.of("MCP_PROFILE", " conformance ")).profile());
    }

    @Test
    void refusesAnUnknownProfileAlongsideOtherProblems() {
        String message = refusal(Map.of("MCP_PROFILE", "testing", "PORT", "abc"));

        assertTrue(message.contains("MCP_PROFILE") && message.contains("'testing'"), message);
        assertTrue(message.contains("conformance"), message);
        assertTrue(message.contains("PORT") && message.contains("'abc'"), message);
    }

    @Test
    void letsASystemPropertyWinOverTheEnvironment() {
        // Any variable this process's environment has will do: the property must hide it.
        assumeFalse(System.getenv().isEmpty(), "the environment has no variable to hide");
        String name =
                System.getenv().containsKey("PATH")
                        ? "PATH"
                        : System.getenv().keySet().iterator().next();
        assertNotEquals("from-the-system-property", System.getenv(name));
        withSystemProperty(
                name,
                "from-the-system-property",
                () ->
                        assertEquals(
                                "from-the-system-property",
                                Settings.fromEnvironment().string(name, null)));
    }

    @Test
    void readsServerSettingsFromSystemProperties() {
        withSystemProperty(
                "SSE_MAX_CONNECTIONS",
                "42",
                () ->
                        assertEquals(
                                42, ServerConfig.fromEnvironment().sseOptions().maxConnections()));
    }

    /** The message of the exception refusing these settings. */
    private static String refusal(Map<String, String> settings) {
        return assertThrows(
                        ServerConfig.InvalidConfigException.class, () -> ServerConfig.of(settings))
                .getMessage();
    }

    /** Runs the check with that system property set, then puts back what was there. */
    private static void withSystemProperty(String name, String value, Runnable check) {
        String previous = System.getProperty(name);
        System.setProperty(name, value);
        try {
            check.run();
        } finally {
            restore(name, previous);
        }
    }

    private static void restore(String name, String previous) {
        if (previous == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, previous);
        }
    }
}
