package io.clgmcp.server.limits;

import io.github.bucket4j.TimeMeter;
import java.util.function.LongSupplier;

/** A monotonic clock for Bucket4j: {@link System#nanoTime}, or a test's hand-driven one. */
record NanoClock(LongSupplier nanoTime) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
        return nanoTime.getAsLong();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
