package io.clgmcp.core.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser origins may call the server: those configured, {@code *} for any, or by default
 * only pages served from this machine (localhost, 127.0.0.1 or [::1], on any port).
 */
public final class AllowedOrigins {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final List<String> configured;

    /**
     * @param configured exact origins such as {@code https://app.example}, or {@code *}; empty for
     *     loopback origins only
     */
    public AllowedOrigins(List<String> configured) {
        this.configured = configured.stream().map(AllowedOrigins::normalise).toList();
    }

    public boolean allows(String origin) {
        if (configured.isEmpty()) {
            return isLoopback(origin);
        }
        return configured.contains("*") || configured.contains(normalise(origin));
    }

    private static boolean isLoopback(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            return uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String lower = origin.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
