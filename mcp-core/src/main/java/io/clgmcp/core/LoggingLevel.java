package io.clgmcp.core;

import java.util.Locale;
import java.util.Optional;

/** The severity of a log message sent to the client, least severe first (as in RFC 5424). */
public enum LoggingLevel {
    DEBUG,
    INFO,
    NOTICE,
    WARNING,
    ERROR,
    CRITICAL,
    ALERT,
    EMERGENCY;

    /** The level as the wire names it: {@code "warning"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level of a wire name; empty for a name MCP does not define. */
    public static Optional<LoggingLevel> fromWireName(String name) {
        for (LoggingLevel level : values()) {
            if (level.wireName().equals(name)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
