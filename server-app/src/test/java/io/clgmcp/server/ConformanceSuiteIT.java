package io.clgmcp.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the official MCP conformance suite ({@link ConformanceSuite}) against {@code /mcp} of the
 * packaged jar started with {@code MCP_PROFILE=conformance}, and fails on any failed check. The
 * suite's output is kept in {@code target/conformance}, its summary in {@code
 * target/conformance-summary.txt}.
 */
class ConformanceSuiteIT {
    private static final ConformanceSuite SUITE =
            new ConformanceSuite("conformance", "conformance", "conformance-summary.txt");

    @TempDir Path temp;

    private PackagedJar server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void passesEveryCheckOfEveryServerScenario() throws Exception {
        ConformanceSuite.requireInstalled();
        Map<String, String> settings = new HashMap<>(ConformanceSuite.SERVER_SETTINGS);
        settings.put("PORT", "0");
        server = PackagedJar.start(temp, settings);
        URI endpoint = server.awaitListening().resolve("/mcp");
        SUITE.passesEveryCheck(endpoint);
    }
}
