package io.clgmcp.server.genealogy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a Cyndi's List page (the home page, a category or location page, or search results) into a
 * {@link SitePage}. It goes by what the markup means, such as the main content, list items,
 * headings and which host a link leads to, rather than by the site's class names, so that a
 * redesign does not break it; a page it does not recognise is refused rather than read as empty.
 */
final class PageParser {
    private static final List<String> CONTENT_ROOTS =
            List.of("main", "[role=main]", "#content", ".content");

    /** Site furniture around the content, whose links are not the page's listings. */
    private static final String FURNITURE =
            "header, nav, footer, form, script, style, noscript,"
                    + " [class*=breadcrumb], [id*=breadcrumb]";

    private static final Pattern SITE_SUFFIX =
            Pattern.compile("\\s+[|\\-–—:]\\s+Cyndi['’]?s List\\b.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RELATED_HEADING =
            Pattern.compile("(related|see also)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNT =
            Pattern.compile("\\((\\d{1,3}(?:,\\d{3}){0,2}|\\d{1,9})\\)");

    /** "Next", "Next »", "Next page ›", "Next 20": not a category such as "Next of Kin". */
    private static final Pattern NEXT =
            Pattern.compile("next(?:\\s+(?:page|\\d+))?[^\\p{L}\\p{N}]*", Pattern.CASE_INSENSITIVE);

    private PageParser() {}

    /**
     * Reads the page.
     *
     * @param html the page's HTML
     * @param url the page's address, against which its links resolve
     * @throws SiteException if the page is not one the genealogy tools recognise
     */
    static SitePage parse(String html, URI url) throws SiteException {
        Document document = Jsoup.parse(html, url.toString());
        SiteLinks links = new SiteLinks(url);
        // Read before the furniture goes: pagination often sits in a nav.
        URI nextPage = nextPage(document, links);
        Element root = contentRoot(document);
        root.select(FURNITURE).stream().filter(element -> element != root).forEach(Element::remove);
        List<Element> related = relatedBlocks(root);

        String title = title(document, root);
        List<CategoryLink> categories = categories(root, related, links);
        List<ListedResource> resources = new ResourceItems(root, links).read();
        if (title.isEmpty()) {
            throw unrecognised(url, "it has no title");
        }
        if (categories.isEmpty() && resources.isEmpty() && !saysNoResults(root)) {
            throw unrecognised(url, "no categories or resource links found");
        }
        return new SitePage(
                url,
                title,
                description(document, root, related),
                categories,
                resources,
                relatedCategories(related, links),
                nextPage);
    }

    private static Element contentRoot(Document document) {
        for (String query : CONTENT_ROOTS) {
            Element root = document.selectFirst(query);
            if (root != null) {
                return root;
            }
        }
        return document.body();
    }

    /** The content's first h1, else the document title without the site's name. */
    private static String title(Document document, Element root) {
        Element heading = root.selectFirst("h1");
        String title = heading == null ? "" : Markup.text(heading);
        return title.isEmpty()
                ? SITE_SUFFIX.matcher(Markup.collapse(document.title())).replaceFirst("")
                : title;
    }

    /**
     * The meta description, else the content's first paragraph that introduces the page rather than
     * belonging to a listing, the related block or a search summary.
     */
    private static String description(Document document, Element root, List<Element> related) {
        String meta = Markup.collapse(document.select("meta[name=description]").attr("content"));
        if (!meta.isEmpty()) {
            return meta;
        }
        for (Element paragraph : root.select("p")) {
            String text = Markup.text(paragraph);
            if (!text.isEmpty()
                    && paragraph.closest("li") == null
                    && !Markup.within(paragraph, related)
                    && !Markup.insideMarked(paragraph, "summary")
                    && !Markup.insideMarked(paragraph, "no-results")) {
                return text;
            }
        }
        return "";
    }

    /**
     * The blocks that point to related categories: marked "related", or introduced by a heading
     * such as "Related Categories" or "See Also".
     */
    private static List<Element> relatedBlocks(Element root) {
        List<Element> blocks = new ArrayList<>();
        for (Element element : root.getAllElements()) {
            if (element == root) {
                continue;
            }
            Element block =
                    Markup.marked(element, "related") ? element : blockIntroducedBy(element, root);
            if (block != null && !blocks.contains(block)) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    /**
     * The block a related heading introduces: the section it heads, or, when it does not open its
     * parent (a heading loose in a layout cell), the element after it. Null for other elements.
     */
    private static Element blockIntroducedBy(Element element, Element root) {
        if (!element.is("h2, h3, h4")
                || !RELATED_HEADING.matcher(Markup.text(element)).lookingAt()) {
            return null;
        }
        boolean opensParent = element.parent() != root && element.elementSiblingIndex() == 0;
        return opensParent ? element.parent() : element.nextElementSibling();
    }

    /**
     * Links to the site's own pages from list items that list no external site, outside the related
     * block, each address once.
     */
    private static List<CategoryLink> categories(
            Element root, List<Element> related, SiteLinks links) {
        Map<URI, CategoryLink> found = new LinkedHashMap<>();
        for (Element anchor : root.select("a[href]")) {
            Element item = anchor.closest("li");
            URI url = links.target(anchor);
            String name = Markup.text(anchor);
            if (item != null
                    && url != null
                    && !name.isEmpty()
                    && links.isCategory(url)
                    && !Markup.within(anchor, related)
                    && !listsExternalSite(item, links)) {
                found.putIfAbsent(url, new CategoryLink(name, url, count(item, name)));
            }
        }
        return List.copyOf(found.values());
    }

    private static boolean listsExternalSite(Element item, SiteLinks links) {
        return item.select("a[href]").stream()
                .map(links::target)
                .anyMatch(url -> url != null && links.isExternal(url));
    }

    /** The "(1,210)" after the category's name in its item, or null when the item shows none. */
    private static Integer count(Element item, String name) {
        String text = Markup.text(item);
        int at = text.indexOf(name);
        Matcher count = COUNT.matcher(text).region(at < 0 ? 0 : at + name.length(), text.length());
        return count.find() ? Integer.valueOf(count.group(1).replace(",", "")) : null;
    }

    private static List<CategoryLink> relatedCategories(List<Element> related, SiteLinks links) {
        Map<URI, CategoryLink> found = new LinkedHashMap<>();
        for (Element block : related) {
            for (Element anchor : block.select("a[href]")) {
                URI url = links.target(anchor);
                String name = Markup.text(anchor);
                if (url != null && !name.isEmpty() && links.isCategory(url)) {
                    found.putIfAbsent(url, new CategoryLink(name, url, null));
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** The link marked rel=next, else a "Next" link in a pagination block, or null. */
    private static URI nextPage(Document document, SiteLinks links) {
        URI next = firstTarget(document, links, PageParser::isRelNext);
        return next != null
                ? next
                : firstTarget(
                        document,
                        links,
                        anchor ->
                                NEXT.matcher(Markup.text(anchor)).matches()
                                        && Markup.insideMarked(anchor, "pag"));
    }

    private static boolean isRelNext(Element anchor) {
        String[] rel = anchor.attr("rel").toLowerCase(Locale.ROOT).split("\\s+");
        return Arrays.asList(rel).contains("next");
    }

    private static URI firstTarget(Document document, SiteLinks links, Predicate<Element> which) {
        for (Element anchor : document.select("a[href]")) {
            URI url = which.test(anchor) ? links.target(anchor) : null;
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    /** Whether the page says outright that it lists nothing, as an empty search does. */
    private static boolean saysNoResults(Element root) {
        return root.getAllElements().stream().anyMatch(e -> Markup.marked(e, "no-results"))
                || root.text().toLowerCase(Locale.ROOT).contains("no results");
    }

    private static SiteException unrecognised(URI url, String reason) {
        return new SiteException(
                url
                        + " is not a page the genealogy tools recognise ("
                        + reason
                        + "); Cyndi's List may have changed its layout.");
    }
}
