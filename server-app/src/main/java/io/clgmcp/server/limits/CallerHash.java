package io.clgmcp.server.limits;

import io.clgmcp.server.internal.Sha256;
import java.util.HexFormat;

/**
 * How {@code /health} and the log name a caller: the first 8 hex digits of the SHA-256 of its limit
 * key (for a token, the key is already the token's SHA-256 in hex). Enough to tell callers apart
 * and to match one to a token its operator holds; nothing to recover a token from.
 */
public final class CallerHash {
    private static final int LENGTH = 8;

    private CallerHash() {}

    public static String of(String limitKey) {
        return HexFormat.of().formatHex(Sha256.of(limitKey), 0, LENGTH / 2);
    }
}
