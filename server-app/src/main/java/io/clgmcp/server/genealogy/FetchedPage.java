package io.clgmcp.server.genealogy;

import java.net.URI;

/**
 * A page as the site served it, before anything is read from it.
 *
 * @param url the page's final address, after any redirects: links on the page resolve against it
 * @param html the page's markup, decoded with the charset its answer named (UTF-8 when it named
 *     none)
 */
record FetchedPage(URI url, String html) {}
