package io.clgmcp.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.client.internal.SseReader.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    @Test
    void joinsDataLinesWithNewlines() throws IOException {
        assertEquals(
                List.of(new Event(null, "message", "first\nsecond\n\nfourth")),
                events("data: first\ndata: second\ndata\ndata:fourth\n\n"));
    }

    @Test
    void removesOnlyOneSpaceAfterTheColon() throws IOException {
        assertEquals(
                List.of(new Event(null, "message", " indented")), events("data:  indented\n\n"));
    }

    @Test
    void namesTheEventTypeOrDefaultsToMessage() throws IOException {
        assertEquals(
                List.of(new Event(null, "mcp-response", "{}"), new Event(null, "message", "plain")),
                events("event: mcp-response\ndata: {}\n\ndata: plain\n\n"));
    }

    @Test
    void ignoresCommentsAndUnknownFields() throws IOException {
        assertEquals(
                List.of(new Event(null, "message", "kept")),
                events(": a comment\n:\nfoo: bar\ndata: kept\n: another\n\n"));
    }

    @Test
    void remembersTheLastEventIdAcrossEvents() throws IOException {
        SseReader reader = reader("id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\n");
        assertEquals(new Event("7", "message", "a"), reader.next().orElseThrow());
        assertEquals(new Event("7", "message", "b"), reader.next().orElseThrow());
        assertEquals(new Event("8", "message", "c"), reader.next().orElseThrow());
        assertEquals("8", reader.lastEventId());
    }

    @Test
    void ignoresAnIdWithANulCharacter() throws IOException {
        SseReader reader = reader("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n");
        reader.next();
        assertEquals(new Event("1", "message", "b"), reader.next().orElseThrow());
    }

    @Test
    void readsTheRetryDelayAndIgnoresOneThatIsNoNumber() throws IOException {
        SseReader reader = reader("retry: 3000\ndata: a\n\nretry: soon\ndata: b\n\n");
        assertEquals(-1, reader.retryMillis());
        reader.next();
        assertEquals(3000, reader.retryMillis());
        reader.next();
        assertEquals(3000, reader.retryMillis());
    }

    @Test
    void doesNotDispatchEventsWithoutData() throws IOException {
        SseReader reader =
                reader("event: heartbeat\n\nid: 5\n\nretry: 100\n\ndata:\n\ndata: x\n\n");
        assertEquals(new Event("5", "message", "x"), reader.next().orElseThrow());
        assertEquals(100, reader.retryMillis());
        assertTrue(reader.next().isEmpty());
    }

    @Test
    void endsWithoutDispatchingAnUnfinishedEvent() throws IOException {
        SseReader reader = reader("data: complete\n\ndata: cut off");
        assertEquals("complete", reader.next().orElseThrow().data());
        assertEquals(Optional.empty(), reader.next());
        assertEquals(Optional.empty(), reader.next());
    }

    @Test
    void acceptsCrLfAndCrLineEndings() throws IOException {
        assertEquals(
                List.of(
                        new Event("1", "endpoint", "/sse/message?connectionId=c"),
                        new Event("2", "message", "a\nb"),
                        new Event("3", "message", "c")),
                events(
                        "id: 1\r\nevent: endpoint\r\ndata: /sse/message?connectionId=c\r\n\r\n"
                                + "id: 2\r\ndata: a\r\ndata: b\r\n\r\n"
                                + "id: 3\rdata: c\r\r"));
    }

    @Test
    void decodesUtf8() throws IOException {
        assertEquals(List.of(new Event(null, "message", "Zoë → 家")), events("data: Zoë → 家\n\n"));
    }

    @Test
    void anEventWithoutIdHasNone() throws IOException {
        Event event = reader("data: a\n\n").next().orElseThrow();
        assertNull(event.id());
    }

    private static SseReader reader(String stream) {
        return new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Event> events(String stream) throws IOException {
        SseReader reader = reader(stream);
        List<Event> events = new ArrayList<>();
        Optional<Event> event;
        while ((event = reader.next()).isPresent()) {
            events.add(event.get());
        }
        return events;
    }
}
