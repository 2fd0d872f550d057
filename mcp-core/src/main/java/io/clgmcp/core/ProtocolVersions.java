package io.clgmcp.core;

import java.util.List;

/** The MCP protocol revisions this server speaks, and how one is chosen for a client. */
public final class ProtocolVersions {
    /** Oldest first. */
    public static final List<String> SUPPORTED =
            List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

    public static final String LATEST = SUPPORTED.get(SUPPORTED.size() - 1);

    private ProtocolVersions() {}

    /** The version the client asked for when it is supported, otherwise the latest. */
    public static String negotiate(String requested) {
        return SUPPORTED.contains(requested) ? requested : LATEST;
    }
}
