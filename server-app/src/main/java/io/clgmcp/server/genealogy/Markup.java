package io.clgmcp.server.genealogy;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/** Text and marker helpers over parsed HTML, shared by the page readers. */
final class Markup {
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

    private Markup() {}

    /** The text with every run of whitespace, no-break spaces included, made one space. */
    static String collapse(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** The element's text, whitespace collapsed. */
    static String text(Element element) {
        return collapse(element.text());
    }

    /**
     * Whether the element's class or id contains the word, ignoring case. Matching part of a name
     * keeps working when the site renames {@code pagination} to {@code pager}.
     */
    static boolean marked(Element element, String word) {
        String names = element.className() + " " + element.id();
        return names.toLowerCase(Locale.ROOT).contains(word);
    }

    /** Whether the element or one of its ancestors is marked with the word. */
    static boolean insideMarked(Element element, String word) {
        for (Element at = element; at != null; at = at.parent()) {
            if (marked(at, word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the element is one of the blocks or lies inside one. */
    static boolean within(Element element, Collection<Element> blocks) {
        for (Element at = element; at != null; at = at.parent()) {
            if (blocks.contains(at)) {
                return true;
            }
        }
        return false;
    }
}
