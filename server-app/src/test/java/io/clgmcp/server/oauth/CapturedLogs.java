package io.clgmcp.server.oauth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Everything logged during a test, the server's own loggers down to DEBUG: each event as one line
 * of level, logger, message and the messages of its exception chain. Register it on an instance
 * field with {@code @RegisterExtension}.
 */
final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {
    private static final String SERVER_LOGGERS = "io.clgmcp";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender =
            new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    StringBuilder line =
                            new StringBuilder()
                                    .append(event.getLevel())
                                    .append(' ')
                                    .append(event.getLoggerName())
                                    .append(": ")
                                    .append(event.getFormattedMessage());
                    for (IThrowableProxy t = event.getThrowableProxy();
                            t != null;
                            t = t.getCause()) {
                        line.append(" | ")
                                .append(t.getClassName())
                                .append(": ")
                                .append(t.getMessage());
                    }
                    lines.add(line.toString());
                }
            };
    private Level previous;

    @Override
    public void beforeEach(ExtensionContext context) {
        Logger root = logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        Logger server = logger(SERVER_LOGGERS);
        previous = server.getLevel();
        server.setLevel(Level.DEBUG);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger(SERVER_LOGGERS).setLevel(previous);
        logger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }

    /** Every line logged so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines an operator would take for a fault: ERROR, or a stack trace at WARN or above. */
    List<String> faults() {
        return lines.stream()
                .filter(
                        line ->
                                line.startsWith("ERROR")
                                        || (line.startsWith("WARN") && line.contains(" | ")))
                .toList();
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}
