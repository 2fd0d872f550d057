package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.clgmcp.server.internal.Settings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void choosesJsonRpcByDefault() {
        ServerConfig config = ServerConfig.of(Map.of());

        assertEquals(List.of("jsonrpc"), config.transports());
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals(100, config.sseMaxConnections());
        assertEquals(10_000, config.shutdownGraceMillis());
        assertTrue(config.isOpenAccess());
    }

    @Test
    void acceptsJsonRpcByName() {
        assertEquals(
                List.of("jsonrpc"),
                ServerConfig.of(Map.of("MCP_TRANSPORTS", " jsonrpc ")).transports());
    }

    @Test
    void refusesAnUnknownTransportNamingIt() {
        ServerConfig.InvalidConfigException e =
                assertThrows(
                        ServerConfig.InvalidConfigException.class,
                        () -> ServerConfig.of(Map.of("MCP_TRANSPORTS", "jsonrpc,carrier-pigeon")));

        assertTrue(e.getMessage().contains("carrier-pigeon"), e::getMessage);
        assertTrue(e.getMessage().contains("MCP_TRANSPORTS"), e::getMessage);
    }

    @Test
    void listsEveryProblemAtOnce() {
        ServerConfig.InvalidConfigException e =
                assertThrows(
                        ServerConfig.InvalidConfigException.class,
                        () ->
                                ServerConfig.of(
                                        Map.of(
                                                "PORT", "abc",
                                                "MCP_TOOL_THREADS", "0",
                                                "MCP_TRANSPORTS", "nope")));

        String message = e.getMessage();
        assertTrue(message.contains("PORT") && message.contains("'abc'"), message);
        assertTrue(message.contains("MCP_TOOL_THREADS") && message.contains("'0'"), message);
        assertTrue(message.contains("MCP_TRANSPORTS") && message.contains("'nope'"), message);
    }

    @Test
    void refusesOutOfRangeNumbers() {
        ServerConfig.InvalidConfigException e =
                assertThrows(
                        ServerConfig.InvalidConfigException.class,
                        () ->
                                ServerConfig.of(
                                        Map.of(
                                                "PORT", "65536",
                                                "SSE_MAX_CONNECTIONS", "0",
                                                "MCP_TOOL_QUEUE", "-1")));

        assertTrue(e.getMessage().contains("PORT"), e::getMessage);
        assertTrue(e.getMessage().contains("SSE_MAX_CONNECTIONS"), e::getMessage);
        assertTrue(e.getMessage().contains("MCP_TOOL_QUEUE"), e::getMessage);
    }

    @Test
    void refusesATokensListWithoutAnyTokenRatherThanOpeningAccess() {
        ServerConfig.InvalidConfigException e =
                assertThrows(
                        ServerConfig.InvalidConfigException.class,
                        () -> ServerConfig.of(Map.of("MCP_AUTH_TOKENS", " , ,")));

        assertTrue(e.getMessage().contains("MCP_AUTH_TOKENS"), e::getMessage);
    }

    @Test
    void refusesTokensNoClientCouldSendInABearerHeader() {
        ServerConfig.InvalidConfigException e =
                assertThrows(
                        ServerConfig.InvalidConfigException.class,
                        () -> ServerConfig.of(Map.of("MCP_AUTH_TOKEN", "p@ss word!")));

        assertTrue(e.getMessage().contains("MCP_AUTH_TOKEN"), e::getMessage);
    }

    @Test
    void trimsListedTokensAndDropsBlankEntries() {
        ServerConfig config = ServerConfig.of(Map.of("MCP_AUTH_TOKENS", " one , ,two,"));

        assertEquals(Set.of("one", "two"), config.authTokens());
        assertFalse(config.isOpenAccess());
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
    void letsASystemPropertyWinOverTheEnvironment() {
        // Any variable this process's environment has will do: the property must hide it.
        assumeFalse(System.getenv().isEmpty(), "the environment has no variable to hide");
        String name =
                System.getenv().containsKey("PATH")
                        ? "PATH"
                        : System.getenv().keySet().iterator().next();
        assertNotEquals("from-the-system-property", System.getenv(name));
        String previous = System.getProperty(name);
        System.setProperty(name, "from-the-system-property");
        try {
            assertEquals("from-the-system-property", Settings.fromEnvironment().string(name, null));
        } finally {
            restore(name, previous);
        }
    }

    @Test
    void readsServerSettingsFromSystemProperties() {
        String previous = System.getProperty("SSE_MAX_CONNECTIONS");
        System.setProperty("SSE_MAX_CONNECTIONS", "42");
        try {
            assertEquals(42, ServerConfig.fromEnvironment().sseMaxConnections());
        } finally {
            restore("SSE_MAX_CONNECTIONS", previous);
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
