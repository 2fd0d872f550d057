package io.clgmcp.server.genealogy;

import java.net.URI;
import java.util.List;

/**
 * What one Cyndi's List page offers, as {@link PageParser} read it from the HTML.
 *
 * @param url the page's own address, against which its links were resolved
 * @param title the page's heading, or its document title when it has none
 * @param description the page's summary, or empty
 * @param categories the categories (or sub-locations) the page lists, in page order
 * @param resources the external resources the page lists, in page order, each once
 * @param relatedCategories the categories the page points to as related
 * @param nextPage the next page of a paged listing (search results), or null
 */
record SitePage(
        URI url,
        String title,
        String description,
        List<CategoryLink> categories,
        List<ListedResource> resources,
        List<CategoryLink> relatedCategories,
        URI nextPage) {
    SitePage {
        categories = List.copyOf(categories);
        resources = List.copyOf(resources);
        relatedCategories = List.copyOf(relatedCategories);
    }
}
