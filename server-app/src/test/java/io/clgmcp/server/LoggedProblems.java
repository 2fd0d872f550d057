package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Records what the server logs during a test that an operator would take for a fault: anything at
 * ERROR, and any warning with a stack trace. Register it on an instance field with
 * {@code @RegisterExtension}.
 */
final class LoggedProblems implements BeforeEachCallback, AfterEachCallback {
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender =
            new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    if (event.getLevel().isGreaterOrEqual(Level.ERROR)
                            || (event.getLevel().isGreaterOrEqual(Level.WARN)
                                    && event.getThrowableProxy() != null)) {
                        problems.add(
                                event.getLevel()
                                        + " "
                                        + event.getLoggerName()
                                        + ": "
                                        + event.getFormattedMessage()
                                        + (event.getThrowableProxy() == null
                                                ? ""
                                                : " " + event.getThrowableProxy().getClassName()));
                    }
                }
            };

    @Override
    public void beforeEach(ExtensionContext context) {
        Logger root = root();
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root().detachAppender(appender);
        appender.stop();
    }

    /** Fails if anything an operator would take for a fault has been logged so far. */
    void assertNone() {
        assertEquals(List.of(), List.copyOf(problems), "logged as faults");
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
