package io.clgmcp.server.cluster;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names for instances of a cluster, {@code <host>-<random>}: the host tells an operator where an
 * instance runs, the random part tells apart two instances on one host and a restarted one.
 */
final class InstanceIds {
    private InstanceIds() {}

    static String next() {
        String host = System.getenv().getOrDefault("HOSTNAME", "instance");
        return host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "")
                + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }
}
