package io.clgmcp.server.genealogy;

import java.net.URI;
import java.time.Duration;

/**
 * How the genealogy tools reach Cyndi's List: where it is, how they identify themselves, how
 * politely and patiently they fetch, and how long they keep what they fetched. README's settings
 * table names the setting behind each.
 *
 * @param baseUrl the site's root ({@code CLG_BASE_URL})
 * @param userAgent the {@code User-Agent} every request carries
 * @param requestsPerSecond the most requests a second to one upstream host ({@code CLG_RATE_LIMIT})
 * @param connectTimeout how long to wait for a connection ({@code CLG_CONNECT_TIMEOUT_MS})
 * @param readTimeout how long to wait for a response ({@code CLG_READ_TIMEOUT_MS})
 * @param retryBackoff how long to wait before the one retry after a server error
 * @param cacheTtl how long a fetched page is reused ({@code CLG_CACHE_TTL})
 * @param cacheMaxBytes the most page text kept in memory ({@code CLG_CACHE_MB})
 * @param maxPageBytes the largest page accepted
 */
public record SiteOptions(
        URI baseUrl,
        String userAgent,
        double requestsPerSecond,
        Duration connectTimeout,
        Duration readTimeout,
        Duration retryBackoff,
        Duration cacheTtl,
        long cacheMaxBytes,
        int maxPageBytes) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://www.cyndislist.com/");
    public static final double DEFAULT_REQUESTS_PER_SECOND = 1;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(1);
    public static final long DEFAULT_CACHE_MAX_BYTES = 64L << 20;
    public static final int DEFAULT_MAX_PAGE_BYTES = 5 << 20;

    public SiteOptions {
        if (!baseUrl.isAbsolute() || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the site's base URL must be absolute: " + baseUrl);
        }
        if (!baseUrl.getPath().endsWith("/")) {
            baseUrl = URI.create(baseUrl + "/");
        }
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requests per second must be positive");
        }
    }

    /** The defaults, identifying as this user agent. */
    public static SiteOptions defaults(String userAgent) {
        return new SiteOptions(
                DEFAULT_BASE_URL,
                userAgent,
                DEFAULT_REQUESTS_PER_SECOND,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT,
                DEFAULT_RETRY_BACKOFF,
                DEFAULT_CACHE_TTL,
                DEFAULT_CACHE_MAX_BYTES,
                DEFAULT_MAX_PAGE_BYTES);
    }
}
