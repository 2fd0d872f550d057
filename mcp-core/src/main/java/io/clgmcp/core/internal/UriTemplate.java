package io.clgmcp.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URI template of literal text and simple {@code {name}} expressions (RFC 6570 level 1), used to
 * match URIs: each expression matches one or more characters other than {@code /}, {@code ?} and
 * {@code #}.
 */
public final class UriTemplate {
    private static final Pattern EXPRESSION = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final String template;
    private final Pattern pattern;
    private final List<String> variables;

    private UriTemplate(String template, Pattern pattern, List<String> variables) {
        this.template = template;
        this.pattern = pattern;
        this.variables = variables;
    }

    /**
     * @throws IllegalArgumentException when the template has an expression this class does not
     *     understand or names a variable twice
     */
    public static UriTemplate parse(String template) {
        StringBuilder regex = new StringBuilder();
        List<String> variables = new ArrayList<>();
        Matcher matcher = EXPRESSION.matcher(template);
        int literalStart = 0;
        while (matcher.find()) {
            regex.append(literal(template, literalStart, matcher.start()));
            String name = matcher.group(1);
            if (variables.contains(name)) {
                throw new IllegalArgumentException(
                        "the URI template " + template + " names {" + name + "} twice");
            }
            variables.add(name);
            regex.append("([^/?#]+)");
            literalStart = matcher.end();
        }
        regex.append(literal(template, literalStart, template.length()));
        return new UriTemplate(template, Pattern.compile(regex.toString()), List.copyOf(variables));
    }

    private static String literal(String template, int from, int to) {
        String text = template.substring(from, to);
        if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
            throw new IllegalArgumentException(
                    "the URI template "
                            + template
                            + " has an expression other than a simple {name}");
        }
        return text.isEmpty() ? "" : Pattern.quote(text);
    }

    /** The value of each variable when the URI matches the template. */
    public Optional<Map<String, String>> match(String uri) {
        Matcher matcher = pattern.matcher(uri);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), matcher.group(i + 1));
        }
        return Optional.of(values);
    }

    public List<String> variables() {
        return variables;
    }

    @Override
    public String toString() {
        return template;
    }
}
