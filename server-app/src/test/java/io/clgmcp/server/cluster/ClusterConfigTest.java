package io.clgmcp.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.server.ClusterOptions;
import io.clgmcp.server.ServerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code MCP_CLUSTER_REDIS_URL}, {@code MCP_CLUSTER_NAMESPACE} and {@code
 * MCP_CLUSTER_HEARTBEAT_MS}: a server is on its own unless a Redis URL is given; a bad value is a
 * configuration error naming the setting; a password in the URL never shows.
 */
class ClusterConfigTest {
    @Test
    void aServerIsOnItsOwnUnlessGivenARedis() {
        assertTrue(ServerConfig.of(Map.of()).cluster().isEmpty());
    }

    @Test
    void readsTheRedisTheNamespaceAndTheHeartbeat() {
        ClusterOptions cluster =
                ServerConfig.of(
                                Map.of(
                                        "MCP_CLUSTER_REDIS_URL", "redis://10.0.0.5:6380/2",
                                        "MCP_CLUSTER_NAMESPACE", "prod-eu",
                                        "MCP_CLUSTER_HEARTBEAT_MS", "2000"))
                        .cluster()
                        .orElseThrow();

        assertEquals("redis://10.0.0.5:6380/2", cluster.redisAddress());
        assertEquals("prod-eu", cluster.namespace());
        assertEquals(2000, cluster.heartbeatMillis());
    }

    @Test
    void defaultsToOneNamespaceAndAFiveSecondHeartbeat() {
        ClusterOptions cluster =
                ServerConfig.of(Map.of("MCP_CLUSTER_REDIS_URL", "rediss://redis.internal"))
                        .cluster()
                        .orElseThrow();

        assertEquals("clg-mcp", cluster.namespace());
        assertEquals(5000, cluster.heartbeatMillis());
    }

    @Test
    void neverShowsThePasswordInTheUrl() {
        ServerConfig config =
                ServerConfig.of(
                        Map.of("MCP_CLUSTER_REDIS_URL", "redis://:S3cret-Pa55@10.0.0.5:6379"));

        assertFalse(config.toString().contains("S3cret-Pa55"), config::toString);
        assertTrue(config.toString().contains("redis://10.0.0.5:6379"), config::toString);
    }

    @Test
    void refusesWhatIsNotARedisUrl() {
        for (String url : new String[] {"http://10.0.0.5:6379", "redis://", "10.0.0.5:6379"}) {
            ServerConfig.InvalidConfigException refused =
                    assertThrows(
                            ServerConfig.InvalidConfigException.class,
                            () -> ServerConfig.of(Map.of("MCP_CLUSTER_REDIS_URL", url)));

            assertTrue(refused.getMessage().contains("MCP_CLUSTER_REDIS_URL"), refused::getMessage);
        }
    }

    @Test
    void refusesANamespaceThatCouldCollideWithAnotherKey() {
        ServerConfig.InvalidConfigException refused =
                assertThrows(
                        ServerConfig.InvalidConfigException.class,
                        () -> ServerConfig.of(Map.of("MCP_CLUSTER_NAMESPACE", "a:b")));

        assertTrue(refused.getMessage().contains("MCP_CLUSTER_NAMESPACE"), refused::getMessage);
    }
}
