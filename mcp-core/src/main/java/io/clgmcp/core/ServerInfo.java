package io.clgmcp.core;

/** How the server names itself in the {@code initialize} result's {@code serverInfo}. */
public record ServerInfo(String name, String version, String title) {
    public ServerInfo {
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("server info needs a name and a version");
        }
    }
}
