package io.clgmcp.server.genealogy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.inject.Inject;
import java.net.URI;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * The pages of Cyndi's List as the genealogy tools get them: fetched politely by a {@link
 * PageFetcher}, kept for a while in a cache bounded by size, and fetched once however many calls
 * ask for the same page at the same time. Failures are not kept.
 *
 * <p>Pages and fetches under way are kept apart, rather than in one asynchronous cache, so that a
 * page is filed (or a failure forgotten) before anyone waiting for it wakes, and so that a page the
 * site does not have is not logged as a failure of the cache.
 */
final class SitePages {
    private final PageFetcher fetcher;
    private final Cache<URI, FetchedPage> pages;
    private final ConcurrentMap<URI, CompletableFuture<FetchedPage>> fetching =
            new ConcurrentHashMap<>();

    @Inject
    SitePages(SiteOptions options) {
        this(options, Ticker.systemTicker(), System::nanoTime);
    }

    /**
     * @param ticker the cache's clock, by which pages expire
     * @param nanoClock the rate limiter's clock, as {@link System#nanoTime()} gives it
     */
    SitePages(SiteOptions options, Ticker ticker, LongSupplier nanoClock) {
        this.fetcher =
                new PageFetcher(
                        options, new HostRateLimiter(options.requestsPerSecond(), nanoClock));
        this.pages =
                Caffeine.newBuilder()
                        .ticker(ticker)
                        .maximumWeight(options.cacheMaxBytes())
                        .weigher((URI url, FetchedPage page) -> weight(url, page))
                        .expireAfterWrite(options.cacheTtl())
                        .build();
    }

    /**
     * The page at this address, waiting for it if need be.
     *
     * @throws SiteException when the site gives no page; the message says why, for a person
     * @throws InterruptedException when the calling thread is interrupted while it waits; the fetch
     *     goes on for anyone else waiting for the same page
     */
    FetchedPage get(URI url) throws SiteException, InterruptedException {
        try {
            // Interruptible, and it leaves the shared fetch alone.
            return getAsync(url).get();
        } catch (ExecutionException | CancellationException failure) {
            if (failure.getCause() instanceof SiteException site) {
                // A new exception per waiter, for this caller's stack; the message is the same.
                throw new SiteException(site.getMessage(), site);
            }
            throw new SiteException(
                    "Fetching " + url + " failed unexpectedly; please try again.", failure);
        }
    }

    /**
     * The page, or the fetch already under way for it. A fetch's future is shared by everyone
     * asking for the page meanwhile: do not cancel or complete it.
     */
    CompletableFuture<FetchedPage> getAsync(URI url) {
        FetchedPage cached = pages.getIfPresent(url);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        CompletableFuture<FetchedPage> fetch = new CompletableFuture<>();
        CompletableFuture<FetchedPage> running = fetching.putIfAbsent(url, fetch);
        if (running != null) {
            return running;
        }
        // A fetch may have finished between the two looks.
        cached = pages.getIfPresent(url);
        if (cached != null) {
            fetching.remove(url, fetch);
            fetch.complete(cached);
            return fetch;
        }
        start(url)
                .whenComplete(
                        (page, failure) -> {
                            // Filed, or forgotten, before any waiter wakes.
                            if (page != null) {
                                pages.put(url, page);
                            }
                            fetching.remove(url, fetch);
                            if (failure != null) {
                                fetch.completeExceptionally(failure);
                            } else {
                                fetch.complete(page);
                            }
                        });
        return fetch;
    }

    private CompletableFuture<FetchedPage> start(URI url) {
        try {
            return fetcher.fetch(url);
        } catch (RuntimeException bug) {
            // Never left in flight: the page would be stuck for good.
            return CompletableFuture.failedFuture(bug);
        }
    }

    /** Roughly the bytes the page holds in memory: its text in UTF-16, and its addresses. */
    private static int weight(URI url, FetchedPage page) {
        return 2 * page.html().length() + url.toString().length() + page.url().toString().length();
    }
}
