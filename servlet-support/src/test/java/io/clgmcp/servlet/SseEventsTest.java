package io.clgmcp.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseEventsTest {
    private static String encode(long id, String event, String data, long retry) {
        return new String(SseEvents.encode(id, event, data, retry), StandardCharsets.UTF_8);
    }

    @Test
    void writesIdEventAndDataEndedByABlankLine() {
        assertEquals(
                "id: 7\nevent: heartbeat\ndata: {\"timestamp\":1}\n\n",
                encode(7, "heartbeat", "{\"timestamp\":1}", 0));
    }

    @Test
    void announcesRetryOnlyWhenAsked() {
        assertEquals(
                "retry: 3000\nid: 1\nevent: connected\ndata: x\n\n",
                encode(1, "connected", "x", 3000));
    }

    @Test
    void splitsDataAtEveryKindOfLineBreakSoNoLineEscapesTheDataField() {
        assertEquals(
                "id: 2\nevent: message\ndata: a\ndata: b\ndata: c\ndata: d\n\n",
                encode(2, "message", "a\nb\r\nc\rd", 0));
    }

    @Test
    void keepsTheEmptyLinesThatBreaksAtEitherEndLeave() {
        assertEquals(
                "id: 4\nevent: message\ndata: \ndata: a\ndata: \ndata: \n\n",
                encode(4, "message", "\na\r\n\r", 0));
    }

    @Test
    void keepsAnEmptyDataLine() {
        assertEquals("id: 3\nevent: endpoint\ndata: \n\n", encode(3, "endpoint", "", 0));
    }
}
