package io.clgmcp.bench.sse;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The load generator's {@code --name=value} options. An option nobody asks for is an error, so that
 * a misspelt name does not silently leave a default in place.
 */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 3) {
                throw new IllegalArgumentException("expected --name=value, not '" + arg + "'");
            }
            values.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        int number = value == null ? fallback : Integer.parseInt(value);
        if (number < 1) {
            throw new IllegalArgumentException("--" + name + " must be positive, not " + number);
        }
        return number;
    }

    /** A duration such as {@code 500ms}, {@code 20s} or {@code 2m}; a bare number is seconds. */
    Duration duration(String name, Duration fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        if (value.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    /** Fails on any option that is not one of these. */
    void allowOnly(Set<String> names) {
        for (String name : values.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown option --" + name + "; known: " + names);
            }
        }
    }
}
