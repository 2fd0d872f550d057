package io.clgmcp.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clgmcp.servlet.Refusals.Reason;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refusal log's budget of lines, on a clock the test turns by hand. */
class RefusalLogTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private RefusalLog log;

    @BeforeEach
    void captureLines() {
        Logger logger = new LoggerContext().getLogger("refusals");
        lines.start();
        logger.addAppender(lines);
        log = new RefusalLog(logger, now::get);
    }

    @Test
    void logsOneWarningPerRefusal() {
        log.record(Reason.CONNECTION_LIMIT, "GET", "/sse", "192.0.2.7", "1f0c9a2e");

        assertEquals(
                List.of("refused (connectionLimit): GET /sse from 192.0.2.7, caller 1f0c9a2e"),
                messages());
        assertEquals(Level.WARN, lines.list.get(0).getLevel());
    }

    @Test
    void writesNoMoreThanItsBudgetDuringAFlood() {
        for (int i = 0; i < 10_000; i++) {
            log.record(Reason.AUTH, "POST", "/rpc", "192.0.2.7", "-");
        }

        assertEquals(RefusalLog.LINES_PER_SECOND, lines.list.size());
    }

    @Test
    void reportsTheLinesItLeftOutWithTheNextOne() {
        for (int i = 0; i < 1000; i++) {
            log.record(Reason.RATE, "POST", "/mcp", "192.0.2.7", "1f0c9a2e");
        }
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));

        log.record(Reason.RATE, "POST", "/mcp", "192.0.2.7", "1f0c9a2e");

        List<String> messages = messages();
        assertEquals(RefusalLog.LINES_PER_SECOND + 2, messages.size());
        assertEquals(
                "suppressed " + (1000 - RefusalLog.LINES_PER_SECOND) + " refusal log lines",
                messages.get(RefusalLog.LINES_PER_SECOND));
    }

    @Test
    void cutsALongPath() {
        log.record(Reason.AUTH, "GET", "/" + "a".repeat(5000), "192.0.2.7", "-");

        assertEquals(true, messages().get(0).length() < 300, messages()::toString);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
