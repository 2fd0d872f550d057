package io.clgmcp.core;

import java.util.List;
import java.util.Map;

/**
 * Suggests values for one prompt argument or template variable ({@code completion/complete}).
 * Suggestions beyond the first hundred are dropped and reported as {@code hasMore}.
 */
@FunctionalInterface
public interface Completer {
    /**
     * @param value what the user has typed so far
     * @param context the values of the other arguments the client already knows
     */
    List<String> complete(String value, Map<String, String> context);
}
