package io.clgmcp.server.genealogy;

import com.google.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cyndi's List as the tools address it: where each kind of page lives, and each page read and
 * understood. Only addresses on the configured site are ever fetched, so no tool argument can turn
 * the server into a proxy for other hosts.
 */
final class CyndisList {
    private final URI base;
    private final SitePages pages;

    @Inject
    CyndisList(SiteOptions options, SitePages pages) {
        this.base = options.baseUrl();
        this.pages = pages;
    }

    /**
     * The page at this address, fetched (or taken from the cache) and parsed.
     *
     * @throws SiteException also when the address is on another host, wherever it came from (a
     *     page's own "next" link included)
     */
    SitePage read(URI url) throws SiteException, InterruptedException {
        FetchedPage fetched = pages.get(siteUrl(url));
        return PageParser.parse(fetched.html(), fetched.url());
    }

    URI home() {
        return base;
    }

    /** The site's search results for these words. */
    URI search(String query) {
        return base.resolve("search/?q=" + URLEncoder.encode(query.trim(), StandardCharsets.UTF_8));
    }

    /**
     * The page a tool argument names: a path on the site ({@code census}, {@code /US/NY/}), which
     * is lower-cased like the site's own, or a URL on the site.
     *
     * @throws SiteException when it is a URL of another site or a path that climbs out of it
     */
    URI page(String pathOrUrl) throws SiteException {
        String value = pathOrUrl.trim();
        if (value.startsWith("http://") || value.startsWith("https://")) {
            try {
                return siteUrl(new URI(value));
            } catch (URISyntaxException e) {
                throw new SiteException("'" + value + "' is not a valid URL.");
            }
        }
        List<String> segments = new ArrayList<>();
        for (String segment : value.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new SiteException("'" + pathOrUrl + "' is not a path on Cyndi's List.");
            }
            if (!segment.isBlank()) {
                segments.add(segment.toLowerCase(Locale.ROOT));
            }
        }
        return path(segments);
    }

    /** The location page {@code /country/state/county/city/} of these parts, lower-cased. */
    URI location(List<String> parts) {
        return path(parts.stream().map(part -> part.toLowerCase(Locale.ROOT)).toList());
    }

    /** The address relative to the site's root, without slashes at either end: {@code us/ny}. */
    String pathOf(URI url) {
        String relative = base.relativize(url).getPath();
        return relative == null ? "" : relative.replaceAll("^/+|/+$", "");
    }

    private URI path(List<String> segments) {
        if (segments.isEmpty()) {
            return base;
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append(
                            URLEncoder.encode(segment.trim(), StandardCharsets.UTF_8)
                                    .replace("+", "%20"))
                    .append('/');
        }
        return base.resolve(path.toString());
    }

    private URI siteUrl(URI url) throws SiteException {
        if (url.getHost() == null || !url.getHost().equalsIgnoreCase(base.getHost())) {
            throw new SiteException(
                    url
                            + " is not a Cyndi's List page; these tools read only "
                            + base
                            + ". Give a path such as census/us, or a URL on that site.");
        }
        return url;
    }
}
