package io.clgmcp.server.genealogy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period a listing speaks of, from its words: {@code 1855-1925}, {@code 1855 to 1925}, {@code
 * 1880s} or a single year.
 */
record YearSpan(int from, int to) {
    private static final Pattern YEARS =
            Pattern.compile(
                    "\\b(1[0-9]{3}|20[0-9]{2})(?:s\\b|\\s*(?:-|–|—|to|through|until)\\s*(1[0-9]{3}|20[0-9]{2})\\b|\\b)");

    /** Every span this text mentions, in order. */
    static List<YearSpan> in(String text) {
        List<YearSpan> spans = new ArrayList<>();
        Matcher matcher = YEARS.matcher(text);
        while (matcher.find()) {
            int from = Integer.parseInt(matcher.group(1));
            if (matcher.group(2) != null) {
                spans.add(new YearSpan(from, Math.max(from, Integer.parseInt(matcher.group(2)))));
            } else if (matcher.group().endsWith("s")) {
                spans.add(new YearSpan(from, from + 9));
            } else {
                spans.add(new YearSpan(from, from));
            }
        }
        return spans;
    }

    /** Whether this span shares a year with the period {@code [start, end]}. */
    boolean overlaps(int start, int end) {
        return from <= end && to >= start;
    }
}
