package io.clgmcp.core.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Identifiers nobody can guess: 128 bits from a cryptographic generator, as 32 hex digits. */
public final class SecureIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureIds() {}

    public static String next() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
