package io.clgmcp.transport.sse.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Connection ids in the guide's shape, {@code conn_<epochMillis>_<random>}, whose random part is
 * 128 bits from a cryptographic generator, so that nobody can guess another client's connection.
 */
final class ConnectionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConnectionIds() {}

    static String next() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "conn_" + System.currentTimeMillis() + "_" + HexFormat.of().formatHex(random);
    }
}
