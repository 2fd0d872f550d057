package io.clgmcp.server.limits;

import static io.clgmcp.server.limits.Callers.ALPHA;
import static io.clgmcp.server.limits.Callers.BETA;
import static io.clgmcp.server.limits.Callers.digest;
import static io.clgmcp.server.limits.Callers.ping;
import static io.clgmcp.server.limits.Callers.shortHash;
import static io.clgmcp.server.limits.Callers.untilRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Every kind of refusal, counted exactly in {@code /health} and logged once each, and no token (nor
 * its whole digest) in either.
 */
@Timeout(60)
class RefusalAccountingTest {
    private static final String WRONG = "wrong-secret-token-3";
    private static final String EVIL = "https://evil.example";

    @RegisterExtension final Callers callers = new Callers();

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureRefusalLog() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.clgmcp.server.refusals");
        lines.setContext(logger.getLoggerContext());
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger("io.clgmcp.server.refusals")).detachAppender(lines);
    }

    @Test
    void countsAndLogsEachRefusalByReasonWithoutSecrets() throws Exception {
        TestServer server =
                callers.start(
                        "RATE_LIMIT_RPS", "1",
                        "RATE_LIMIT_BURST", "3",
                        "SSE_MAX_CONNECTIONS_PER_TOKEN", "1");

        assertEquals(401, ping(server, null).status());
        assertEquals(401, ping(server, WRONG).status());
        Reply preflight =
                server.send(
                        "OPTIONS",
                        "/rpc",
                        null,
                        "Origin",
                        EVIL,
                        "Access-Control-Request-Method",
                        "POST");
        assertEquals(403, preflight.status(), preflight::toString);
        assertEquals(403, Callers.initialize(server, ALPHA, "Origin", EVIL).status());
        assertEquals(200, callers.openStream(server, ALPHA).status());
        assertEquals(429, callers.openStream(server, ALPHA).status());
        untilRefused(() -> ping(server, ALPHA));

        Reply health = server.get("/health");
        assertEquals(
                JsonParser.parseString(
                        "{\"auth\":2,\"rate\":1,\"connectionLimit\":1,\"origin\":2}"),
                health.json().get("refusals"));
        assertEquals(
                JsonParser.parseString("{\"" + shortHash(ALPHA) + "\":1}"),
                health.json().get("connectionsPerCaller"));
        assertNoSecretIn(health.body());

        List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(6, logged.size(), logged::toString);
        assertEquals(
                List.of("auth", "auth", "origin", "origin", "connectionLimit", "rate"),
                logged.stream()
                        .map(line -> line.replaceAll("refused \\((\\w+)\\).*", "$1"))
                        .toList());
        assertEquals(
                3,
                logged.stream().filter(line -> line.endsWith("caller " + shortHash(ALPHA))).count(),
                logged::toString);
        logged.forEach(RefusalAccountingTest::assertNoSecretIn);
    }

    @Test
    void logsAFloodOfRefusalsWithinItsBudget() throws Exception {
        TestServer server = callers.start();
        long started = System.nanoTime();

        for (int i = 0; i < 300; i++) {
            assertEquals(401, ping(server, WRONG).status());
        }

        long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
        // The budget, plus its refill over the flood, plus one summary line with each line written.
        long most = 2 * RefusalLog.LINES_PER_SECOND * (seconds + 1);
        assertTrue(lines.list.size() <= most, lines.list.size() + " lines in " + seconds + " s");
        assertTrue(lines.list.size() < 300, lines.list.size() + " lines");
        assertEquals(
                300,
                server.get("/health").json().getAsJsonObject("refusals").get("auth").getAsInt());
    }

    private static void assertNoSecretIn(String text) {
        for (String secret :
                List.of(ALPHA, BETA, WRONG, digest(ALPHA), digest(BETA), digest(WRONG))) {
            assertFalse(text.contains(secret), () -> "a secret in: " + text);
        }
    }
}
