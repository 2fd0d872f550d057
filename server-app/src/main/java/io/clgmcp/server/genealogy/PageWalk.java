package io.clgmcp.server.genealogy;

import io.clgmcp.core.ToolContext;
import java.net.URI;

/**
 * Reads the pages one call needs, one after another, telling the caller after each how far it has
 * got and stopping as soon as the call is cancelled.
 */
final class PageWalk {
    private final CyndisList site;
    private final ToolContext context;
    private Double total;
    private int read;

    /**
     * @param total how many pages the call will read, or null when it cannot know
     */
    PageWalk(CyndisList site, ToolContext context, Integer total) {
        this.site = site;
        this.context = context;
        this.total = total == null ? null : total.doubleValue();
    }

    SitePage read(URI url) throws SiteException, InterruptedException {
        if (context.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the call was cancelled");
        }
        try {
            SitePage page = site.read(url);
            stepDone("Read " + page.title());
            return page;
        } catch (SiteException e) {
            stepDone("Could not read " + url);
            throw e;
        }
    }

    private void stepDone(String message) {
        read++;
        context.reportProgress(read, total, message);
    }

    /** Tells the walk how many pages it will have read in all, once the call knows. */
    void expect(int pages) {
        total = (double) pages;
    }

    /** The pages this walk has tried to read. */
    int pagesRead() {
        return read;
    }
}
