package io.clgmcp.server.limits;

import io.clgmcp.core.http.HttpAttributes;
import io.clgmcp.servlet.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests the server has refused since it started, by reason, for {@code /health}; each
 * refusal is also logged, within {@link RefusalLog}'s budget of lines.
 */
public final class RefusalCounts implements Refusals {
    private final Map<Reason, LongAdder> counts = new EnumMap<>(Reason.class);
    private final RefusalLog log;

    RefusalCounts(RefusalLog log) {
        this.log = log;
        for (Reason reason : Reason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    public RefusalCounts() {
        this(new RefusalLog());
    }

    @Override
    public void refused(Reason reason, HttpServletRequest request) {
        counts.get(reason).increment();
        log.record(
                reason,
                request.getMethod(),
                request.getRequestURI(),
                request.getRemoteAddr(),
                request.getAttribute(HttpAttributes.CALLER) instanceof String caller
                        ? CallerHash.of(caller)
                        : "-");
    }

    /** The refusals so far, by {@link #nameOf} their reason, every reason listed. */
    public Map<String, Long> byReason() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        counts.forEach((reason, count) -> snapshot.put(nameOf(reason), count.sum()));
        return snapshot;
    }

    /** A reason as {@code /health} and the log name it: {@code connectionLimit}. */
    static String nameOf(Reason reason) {
        String[] words = reason.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
