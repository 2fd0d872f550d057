package io.clgmcp.server.genealogy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Reads the external sites a page's content lists. Each link is read together with the item around
 * it (its list item, table row or result block): the item's other text describes the site, a link
 * to a site category in it files the site, and a fee mark in it marks the site as fee-based.
 */
final class ResourceItems {
    private static final String ITEMS = "li, dd, tr, .link, .result";
    private static final String FEE_MARKS = "[class*=fee], [title*=fee]";
    private static final Pattern LISTED_IN =
            Pattern.compile("listed in\\s*:", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_SEPARATORS = Pattern.compile("^[\\s\\-–—:|•·]+");

    private final Element root;
    private final SiteLinks links;

    ResourceItems(Element root, SiteLinks links) {
        this.root = root;
        this.links = links;
    }

    /** The listed sites in page order, each address once, as it is first listed. */
    List<ListedResource> read() {
        Map<URI, ListedResource> found = new LinkedHashMap<>();
        for (Element anchor : root.select("a[href]")) {
            URI url = links.target(anchor);
            String title = title(anchor);
            if (url != null
                    && links.isExternal(url)
                    && !title.isEmpty()
                    && !found.containsKey(url)) {
                Element item = item(anchor);
                found.put(
                        url,
                        new ListedResource(
                                title,
                                url,
                                description(item, anchor),
                                category(item),
                                language(anchor),
                                !item.select(FEE_MARKS).isEmpty()));
            }
        }
        return List.copyOf(found.values());
    }

    /** The link's text or, for an image-only link, the image's alt text. */
    private static String title(Element anchor) {
        String text = Markup.text(anchor);
        Element image = anchor.selectFirst("img[alt]");
        return text.isEmpty() && image != null ? Markup.collapse(image.attr("alt")) : text;
    }

    /** The nearest element around the link that holds one listing, else the link's parent. */
    private Element item(Element anchor) {
        for (Element at = anchor.parent(); at != null && at != root; at = at.parent()) {
            if (at.is(ITEMS)) {
                return at;
            }
        }
        return anchor.parent();
    }

    /** What the item says besides the link itself, its fee mark and its "Listed in" line. */
    private static String description(Element item, Element anchor) {
        Element copy = item.clone();
        copy.getAllElements().get(item.getAllElements().indexOf(anchor)).remove();
        for (Element element : copy.select(FEE_MARKS)) {
            if (element != copy) {
                element.remove();
            }
        }
        for (Element element : copy.select("*")) {
            if (element != copy && LISTED_IN.matcher(Markup.text(element)).lookingAt()) {
                element.remove();
            }
        }
        String text = Markup.text(copy);
        // A "Listed in" written into the item's own text, not an element of its own, ends the item.
        Matcher listedIn = LISTED_IN.matcher(text);
        if (listedIn.find()) {
            text = text.substring(0, listedIn.start());
        }
        return LEADING_SEPARATORS.matcher(text).replaceFirst("").strip();
    }

    /**
     * The category the item files the site under, as a search result's "Listed in: Census » Canada"
     * link names it, else the heading of the section the item sits in.
     */
    private String category(Element item) {
        for (Element anchor : item.select("a[href]")) {
            URI url = links.target(anchor);
            String name = Markup.text(anchor);
            if (url != null && links.isCategory(url) && !name.isEmpty()) {
                return name;
            }
        }
        return sectionHeading(item);
    }

    /** The nearest h2 or h3 before the item and outside it, within the content, or null. */
    private String sectionHeading(Element item) {
        for (Element at = item; at != null && at != root; at = at.parent()) {
            for (Element before = at.previousElementSibling();
                    before != null;
                    before = before.previousElementSibling()) {
                Element heading = before.is("h2, h3") ? before : before.select("h2, h3").last();
                if (heading != null) {
                    String text = Markup.text(heading);
                    return text.isEmpty() ? null : text;
                }
            }
        }
        return null;
    }

    /**
     * The language the markup gives the link. The page-wide {@code <html lang>} is left out: it
     * says what the site is written in, not what the linked site is.
     */
    private static String language(Element anchor) {
        String hreflang = anchor.attr("hreflang").strip();
        if (!hreflang.isEmpty()) {
            return hreflang;
        }
        for (Element at = anchor; at != null && !at.tagName().equals("body"); at = at.parent()) {
            String lang = at.attr("lang").strip();
            if (!lang.isEmpty()) {
                return lang;
            }
        }
        return null;
    }
}
