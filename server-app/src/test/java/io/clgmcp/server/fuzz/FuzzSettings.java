package io.clgmcp.server.fuzz;

import java.util.Locale;
import java.util.Map;

/** How the fuzzed servers are configured, and the rules of the spec the properties share. */
final class FuzzSettings {
    private FuzzSettings() {}

    /**
     * A small body limit, so that oversized bodies are cheap, and a genealogy site that refuses
     * every connection at once, so that a fuzzed genealogy call fails fast and never goes online.
     */
    static Map<String, String> server() {
        return Map.of(
                "MCP_MAX_BODY_BYTES", String.valueOf(MalformedBodies.MAX_BODY_BYTES),
                "CLG_BASE_URL", "http://127.0.0.1:9",
                "SSE_MAX_CONNECTIONS", "1000",
                // Fuzzing is one caller sending as fast as it can.
                "RATE_LIMIT_RPS", "0",
                "SSE_MAX_CONNECTIONS_PER_TOKEN", "0");
    }

    /** Whether a {@code Content-Type} names JSON: {@code application/json}, any parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return mediaType.trim().toLowerCase(Locale.ROOT).equals("application/json");
    }
}
