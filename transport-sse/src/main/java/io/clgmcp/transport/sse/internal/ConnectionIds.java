package io.clgmcp.transport.sse.internal;

import io.clgmcp.core.internal.SecureIds;

/**
 * Connection ids in the guide's shape, {@code conn_<epochMillis>_<random>}, whose random part is
 * 128 bits from a cryptographic generator, so that nobody can guess another client's connection.
 */
final class ConnectionIds {
    private ConnectionIds() {}

    static String next() {
        return "conn_" + System.currentTimeMillis() + "_" + SecureIds.next();
    }
}
