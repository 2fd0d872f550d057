package io.clgmcp.server.genealogy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.jsoup.nodes.Element;

/**
 * Where one page's anchors lead: resolved against the page, and told apart as the site's own pages
 * or other web sites by host.
 */
final class SiteLinks {
    private final URI page;
    private final String host;

    SiteLinks(URI page) {
        this.page = withoutFragment(page);
        this.host = host(page);
    }

    /**
     * The anchor's target as an absolute http or https address, or null when it leads nowhere a
     * reader could follow: empty, fragment-only, script, mail or malformed.
     */
    URI target(Element anchor) {
        String href = anchor.attr("href").strip();
        if (href.isEmpty() || href.startsWith("#")) {
            return null;
        }
        URI url = toUri(anchor.absUrl("href"));
        if (url == null || url.getScheme() == null || host(url) == null) {
            return null;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? url : null;
    }

    /** Whether the target is on another host than the page: a site the page lists. */
    boolean isExternal(URI target) {
        return !Objects.equals(host, host(target));
    }

    /**
     * Whether the target is one of the site's category or location pages: on the page's host, but
     * not the page itself, the home page or search.
     */
    boolean isCategory(URI target) {
        String path = Objects.requireNonNullElse(target.getPath(), "");
        return !isExternal(target)
                && !withoutFragment(target).equals(page)
                && !path.isEmpty()
                && !path.equals("/")
                && !path.startsWith("/search");
    }

    private static String host(URI url) {
        String host = url.getHost();
        if (host == null && url.getRawAuthority() != null) {
            // java.net.URI leaves the host unset for names it deems invalid, such as ones with an
            // underscore, which browsers and web servers accept.
            host = url.getRawAuthority().replaceFirst("^.*@", "").replaceFirst(":\\d*$", "");
        }
        return host == null || host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    private static URI withoutFragment(URI url) {
        String address = url.toString();
        int hash = address.indexOf('#');
        return hash < 0 ? url : URI.create(address.substring(0, hash));
    }

    private static URI toUri(String address) {
        try {
            return new URI(escapeIllegal(address));
        } catch (URISyntaxException e) {
            return null; // a link too malformed to follow is no link
        }
    }

    /**
     * Percent-encodes what browsers tolerate in an href but a URI does not, such as spaces and
     * non-ASCII letters; a valid address passes unchanged.
     */
    private static String escapeIllegal(String address) {
        StringBuilder escaped = new StringBuilder(address.length());
        for (byte b : address.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > ' ' && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
                escaped.append((char) c);
            } else {
                escaped.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return escaped.toString();
    }
}
