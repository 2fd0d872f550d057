package io.clgmcp.server.limits;

import io.clgmcp.servlet.Refusals;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warning per refused request, at most {@link #LINES_PER_SECOND} a second over the whole
 * server, so that a flood of refusals cannot fill the disk; the lines left out are counted and
 * reported by the next line written.
 *
 * <pre>
 * WARN io.clgmcp.server.refusals - refused (rate): POST /rpc from 203.0.113.9, caller 1f0c9a2e
 * WARN io.clgmcp.server.refusals - suppressed 4213 refusal log lines
 * </pre>
 */
final class RefusalLog {
    static final int LINES_PER_SECOND = 10;
    private static final int MAX_PATH_CHARS = 200;

    private final Logger log;
    private final Bucket lines;
    private final AtomicLong suppressed = new AtomicLong();

    RefusalLog(Logger log, LongSupplier nanoTime) {
        this.log = log;
        this.lines =
                Bucket.builder()
                        .addLimit(
                                limit ->
                                        limit.capacity(LINES_PER_SECOND)
                                                .refillGreedy(
                                                        LINES_PER_SECOND, Duration.ofSeconds(1)))
                        .withCustomTimePrecision(new NanoClock(nanoTime))
                        .build();
    }

    RefusalLog() {
        this(LoggerFactory.getLogger("io.clgmcp.server.refusals"), System::nanoTime);
    }

    /**
     * Logs the refusal, or counts it as left out when the budget of lines is spent.
     *
     * @param path the raw path, without its query (which may name a connection)
     * @param caller the caller's {@link CallerHash}, or "-" when there is none
     */
    void record(Refusals.Reason reason, String method, String path, String address, String caller) {
        if (!lines.tryConsume(1)) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        if (skipped > 0) {
            log.warn("suppressed {} refusal log lines", skipped);
        }
        log.warn(
                "refused ({}): {} {} from {}, caller {}",
                RefusalCounts.nameOf(reason),
                method,
                path.length() > MAX_PATH_CHARS ? path.substring(0, MAX_PATH_CHARS) + "..." : path,
                address,
                caller);
    }
}
