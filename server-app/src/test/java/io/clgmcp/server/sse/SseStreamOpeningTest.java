package io.clgmcp.server.sse;

import static io.clgmcp.server.sse.SseFixture.CONNECTION_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.ServerConfig;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.sse.SseFixture.Event;
import io.clgmcp.server.sse.SseFixture.RawStream;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /sse}: the response head and the events that open every stream. */
@Timeout(60)
class SseStreamOpeningTest {
    private static final String TOKEN = "opening-token";

    @RegisterExtension final SseFixture sse = new SseFixture();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = sse.start(Map.of("MCP_AUTH_TOKEN", TOKEN), SseFixture.say());
    }

    @Test
    void answersWithAnUncachedEventStream() {
        Response response = sse.open(server, TOKEN).awaitOpen();

        assertEquals(200, response.code(), response::toString);
        assertTrue(
                response.header("Content-Type", "").startsWith("text/event-stream"),
                response::toString);
        Set<String> cacheControl =
                Arrays.stream(response.header("Cache-Control", "").split(","))
                        .map(String::trim)
                        .collect(Collectors.toSet());
        assertEquals(
                Set.of("no-cache", "no-store", "no-transform"),
                cacheControl,
                () -> response.headers().toString());
        assertEquals("no", response.header("X-Accel-Buffering"), response::toString);
    }

    @Test
    void announcesTheConnectionFirst() {
        long before = System.currentTimeMillis();

        Stream stream = sse.open(server, TOKEN);
        Event connected = stream.next();

        long after = System.currentTimeMillis();
        assertEquals("connected", connected.type(), connected::toString);
        JsonObject data = connected.json();
        assertEquals(
                Set.of("connectionId", "protocol", "timestamp", "heartbeatInterval"),
                data.keySet(),
                data::toString);
        assertEquals(
                ServerConfig.of(Map.of()).sseOptions().heartbeatIntervalMillis(),
                data.get("heartbeatInterval").getAsLong(),
                data::toString);
        String id = data.get("connectionId").getAsString();
        Matcher shape = CONNECTION_ID.matcher(id);
        assertTrue(shape.matches(), id);
        long idMillis = Long.parseLong(shape.group(1));
        assertTrue(before <= idMillis && idMillis <= after, id);
        assertEquals("sse", data.get("protocol").getAsString());
        assertTrue(data.get("timestamp").getAsJsonPrimitive().isNumber(), data::toString);
        long timestamp = data.get("timestamp").getAsLong();
        assertTrue(before <= timestamp && timestamp <= after, data::toString);
    }

    @Test
    void announcesTheMessageEndpointSecondWithTheNextId() {
        Stream stream = sse.connect(server, TOKEN);

        Event endpoint = stream.next();

        assertEquals("endpoint", endpoint.type(), endpoint::toString);
        assertEquals("/sse/message?connectionId=" + stream.connectionId(), endpoint.data());
        stream.assertIdsGrowByOne();
    }

    @Test
    void announcesARetryIntervalOnTheFirstEvent() throws Exception {
        RawStream raw = sse.openRaw(server, TOKEN, 64 * 1024);

        String first = raw.readEvent();

        assertTrue(raw.head().startsWith("HTTP/1.1 200"), raw::head);
        assertTrue(Pattern.compile("(?m)^event: ?connected$").matcher(first).find(), first);
        Matcher retry = Pattern.compile("(?m)^retry: ?(\\d+)$").matcher(first);
        assertTrue(retry.find(), () -> "the first event must carry retry: " + first);
        assertTrue(Long.parseLong(retry.group(1)) > 0, first);
        assertTrue(Pattern.compile("(?m)^id: ?\\d+$").matcher(first).find(), first);
    }

    @Test
    void givesTwoConnectionsDifferentIds() {
        Stream first = sse.connect(server, TOKEN);
        Stream second = sse.connect(server, TOKEN);

        assertNotEquals(first.connectionId(), second.connectionId());
    }

    @Test
    void refusesAStreamWithoutAValidToken() throws Exception {
        SseFixture.assertUnauthorized(server.get("/sse"));
        SseFixture.assertUnauthorized(server.get("/sse", TestServer.bearer("not-the-token")));
        assertEquals(0, SseFixture.stats(server).get("totalConnections").getAsInt());
    }
}
