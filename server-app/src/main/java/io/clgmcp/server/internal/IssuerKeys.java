package io.clgmcp.server.internal;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys an OAuth issuer publishes at {@code OAUTH_JWKS_URL}, as a Nimbus key source:
 * cached for 5 minutes and refreshed ahead of expiry in the background; a token naming a key id not
 * in the cache refreshes it at once (so a key rotation needs no restart), but fetches are limited
 * to two in 30 s, so that tokens with made-up key ids cannot make the server hammer the issuer;
 * when the issuer is down, the keys last fetched stay in use for a while. Each failed fetch is
 * logged, and remembered until one succeeds.
 */
final class IssuerKeys extends JWKSetSourceWrapper<SecurityContext> {
    private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);

    private static final int CONNECT_TIMEOUT_MS = 2000;
    private static final int READ_TIMEOUT_MS = 2000;
    private static final int SIZE_LIMIT_BYTES = 256 * 1024;

    private final URI url;
    private volatile boolean failing;

    private IssuerKeys(URI url) throws MalformedURLException {
        super(
                new URLBasedJWKSetSource<>(
                        url.toURL(),
                        new DefaultResourceRetriever(
                                CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES)));
        this.url = url;
    }

    /** The issuer's keys at this URL, fetched when first needed. */
    static IssuerKeys at(URI url) {
        try {
            return new IssuerKeys(url);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }

    /** A source of these keys that caches, refreshes and rate-limits as described above. */
    JWKSource<SecurityContext> cached() {
        ExecutorService refresher =
                Executors.newSingleThreadExecutor(
                        task -> {
                            Thread thread = new Thread(task, "oauth-jwks-refresh");
                            thread.setDaemon(true);
                            return thread;
                        });
        return JWKSourceBuilder.create(this)
                .refreshAheadCache(
                        JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME,
                        null,
                        refresher,
                        true,
                        null,
                        false)
                .outageTolerant(true)
                .build();
    }

    /** Whether the last fetch failed: the keys in use, if any, may be stale. */
    boolean failing() {
        return failing;
    }

    @Override
    public JWKSet getJWKSet(
            JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        try {
            JWKSet keys = getSource().getJWKSet(refreshEvaluator, currentTime, context);
            if (failing) {
                LOG.info("Fetched the OAuth issuer's signing keys from {} again", url);
            }
            failing = false;
            LOG.debug("Fetched {} OAuth signing key(s) from {}", keys.size(), url);
            return keys;
        } catch (KeySourceException e) {
            failing = true;
            LOG.warn(
                    "Cannot fetch the OAuth issuer's signing keys from {}: {}",
                    url,
                    e.getMessage());
            throw e;
        }
    }

    /** Stops the background refresh of a source made by {@link #cached}. */
    static void close(JWKSource<SecurityContext> source) {
        if (source instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOG.debug("Could not release the OAuth key source", e);
            }
        }
    }
}
