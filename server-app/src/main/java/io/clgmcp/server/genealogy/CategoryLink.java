package io.clgmcp.server.genealogy;

import java.net.URI;

/**
 * A category of the site as a page lists it.
 *
 * @param name the category's name as shown
 * @param url the category page's address on the site
 * @param count how many links the page says the category holds, or null when it shows no count
 */
record CategoryLink(String name, URI url, Integer count) {}
