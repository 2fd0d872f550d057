package io.clgmcp.server.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads named settings, collecting every problem instead of stopping at the first, so that a
 * misconfigured server says everything that is wrong with it at once.
 */
public final class Settings {
    private final Function<String, String> source;
    private final List<String> problems = new ArrayList<>();

    private Settings(Function<String, String> source) {
        this.source = source;
    }

    /** System properties first, then environment variables of the same name. */
    public static Settings fromEnvironment() {
        return new Settings(
                name -> {
                    String property = System.getProperty(name);
                    return property != null ? property : System.getenv(name);
                });
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values::get);
    }

    public String string(String name, String fallback) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below like any value out of range
        }
        problems.add(
                name
                        + " must be a whole number from "
                        + min
                        + " to "
                        + max
                        + ", not '"
                        + value
                        + "'");
        return fallback;
    }

    public double decimal(String name, double fallback, double min, double max) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below like any value out of range
        }
        problems.add(
                name + " must be a number from " + min + " to " + max + ", not '" + value + "'");
        return fallback;
    }

    public boolean bool(String name, boolean fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        problems.add(name + " must be true or false, not '" + value + "'");
        return fallback;
    }

    /** A comma-separated list, blank entries dropped; empty when unset. */
    public List<String> list(String name) {
        String value = string(name, "");
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public void problem(String description) {
        problems.add(description);
    }

    /** Everything found wrong so far. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
