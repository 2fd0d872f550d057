package io.clgmcp.server.genealogy;

import java.net.URI;

/**
 * One external genealogy web site as a Cyndi's List page lists it.
 *
 * @param title the link's text
 * @param url the site's address
 * @param description the text the listing gives with it, whitespace collapsed, or empty
 * @param category the category the listing files it under (a search result's "listed in", or the
 *     heading of the section it appears in), or null
 * @param language the language tag the markup gives it ({@code lang} or {@code hreflang}), or null
 * @param feeBased whether the listing marks it as a fee-based (pay or subscription) site
 */
record ListedResource(
        String title,
        URI url,
        String description,
        String category,
        String language,
        boolean feeBased) {}
