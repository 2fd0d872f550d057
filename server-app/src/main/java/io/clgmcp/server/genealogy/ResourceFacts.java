package io.clgmcp.server.genealogy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tools tell of one listed resource beyond its listing: the kinds of record, the periods,
 * the language, whether it is free and whether it holds records online. All of it is read from the
 * listing's own words and markers, so it is only as good as the listing.
 *
 * @param language the language's English name; a listing that names none counts as English
 */
record ResourceFacts(
        ListedResource resource,
        Set<ResourceType> types,
        List<YearSpan> years,
        String language,
        boolean free,
        boolean digitalRecords) {
    static final String DEFAULT_LANGUAGE = "English";

    private static final Pattern FEE_WORDS =
            Pattern.compile(
                    "\\b(subscription|fee-based|pay-per-view|membership required|paid access)\\b",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern ONLINE_RECORD_WORDS =
            Pattern.compile(
                    "\\b(digiti[sz]ed|images?|scans?|scanned|searchable|database|transcri\\w*|"
                            + "index(?:es|ed)?|online)\\b",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern IN_LANGUAGE =
            Pattern.compile("(?i:\\bin) (\\p{Lu}\\p{Ll}+)\\b", Pattern.UNICODE_CHARACTER_CLASS);

    ResourceFacts {
        types = Set.copyOf(types);
        years = List.copyOf(years);
    }

    /**
     * The facts of a resource.
     *
     * @param context words of where it is listed (its page's title), which tell its kind when its
     *     own words do not; empty when the listing stands alone (a search result)
     */
    static ResourceFacts of(ListedResource resource, String context) {
        String own = resource.title() + " " + resource.description();
        String category = resource.category() == null ? "" : resource.category();
        return new ResourceFacts(
                resource,
                ResourceType.in(own + " " + category + " " + context),
                YearSpan.in(own),
                language(resource),
                !resource.feeBased() && !FEE_WORDS.matcher(own).find(),
                ONLINE_RECORD_WORDS.matcher(own).find());
    }

    /** Whether the resource is in one of these languages, each an English name or a code. */
    boolean inAnyOf(List<String> languages) {
        return languages.stream().anyMatch(wanted -> language.equalsIgnoreCase(nameOf(wanted)));
    }

    /** Whether a period it speaks of shares a year with {@code [start, end]}. */
    boolean within(int start, int end) {
        return years.stream().anyMatch(span -> span.overlaps(start, end));
    }

    /** Whether its title, description or category names this place. */
    boolean mentions(String place) {
        Pattern phrase =
                Pattern.compile(
                        "\\b" + Pattern.quote(place.trim()) + "\\b",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        String text =
                resource.title()
                        + " "
                        + resource.description()
                        + " "
                        + (resource.category() == null ? "" : resource.category());
        return phrase.matcher(text).find();
    }

    private static String language(ListedResource resource) {
        if (resource.language() != null) {
            String name = nameOf(resource.language());
            if (!name.isEmpty()) {
                return name;
            }
        }
        Matcher said = IN_LANGUAGE.matcher(resource.description());
        while (said.find()) {
            if (isLanguageName(said.group(1))) {
                return said.group(1);
            }
        }
        return DEFAULT_LANGUAGE;
    }

    /** The English name of a language given by code ({@code de}) or name ({@code german}). */
    private static String nameOf(String codeOrName) {
        String value = codeOrName.trim();
        if (value.length() <= 3 || value.contains("-")) {
            String name = Locale.forLanguageTag(value).getDisplayLanguage(Locale.ENGLISH);
            if (!name.isEmpty() && !name.equalsIgnoreCase(value)) {
                return name;
            }
        }
        return value;
    }

    private static boolean isLanguageName(String word) {
        for (String code : Locale.getISOLanguages()) {
            if (Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH).equals(word)) {
                return true;
            }
        }
        return false;
    }
}
