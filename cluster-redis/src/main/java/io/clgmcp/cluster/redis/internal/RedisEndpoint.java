package io.clgmcp.cluster.redis.internal;

import io.clgmcp.core.cluster.ClusterUnavailableException;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Which Redis a store uses, as it may be shown: never with the URL's user or password. */
record RedisEndpoint(String scheme, String host, int port, int database) {
    private static final String WANTED = "want redis://[[user]:password@]host[:port][/database]";

    /**
     * Parses the URL. Its own text never goes into a message, since it may hold a password.
     *
     * @throws IllegalArgumentException when it is not a Redis URL
     */
    static RedisURI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The cluster's Redis URL is empty; " + WANTED);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "The cluster's Redis URL is malformed (" + e.getReason() + "); " + WANTED, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException(
                    "The cluster's Redis URL has scheme '" + scheme + "'; " + WANTED);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The cluster's Redis URL has no host; " + WANTED);
        }
        try {
            return RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The cluster's Redis URL is malformed; " + WANTED);
        }
    }

    static RedisEndpoint of(RedisURI uri) {
        return new RedisEndpoint(
                uri.isSsl() ? "rediss" : "redis", uri.getHost(), uri.getPort(), uri.getDatabase());
    }

    String hostPort() {
        return host + ":" + port;
    }

    /** The store as {@code /health} shows it. */
    String display() {
        return scheme + "://" + hostPort() + "/" + database;
    }

    /** Lettuce's own message is often only "Unable to connect"; the root cause says why. */
    ClusterUnavailableException unavailable(Throwable cause) {
        StringBuilder why = new StringBuilder(String.valueOf(cause.getMessage()));
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != cause && root.getMessage() != null) {
            why.append(": ").append(root.getMessage());
        }
        return new ClusterUnavailableException(
                "Redis at " + hostPort() + " is unavailable: " + why, cause);
    }
}
