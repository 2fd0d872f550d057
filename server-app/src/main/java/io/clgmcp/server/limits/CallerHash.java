package io.clgmcp.server.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(limitKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
