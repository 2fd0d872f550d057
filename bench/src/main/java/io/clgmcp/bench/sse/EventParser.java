package io.clgmcp.bench.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the bytes of a {@code text/event-stream} body into events, as the format defines them:
 * lines end at {@code \n}, {@code \r\n} or {@code \r}; {@code event:} and {@code data:} fields
 * gather up to a blank line; comments, {@code id:} and {@code retry:} are skipped. Content arrives
 * one buffer at a time, never concurrently.
 */
final class EventParser {
    /** Receives the events of one stream. */
    interface Listener {
        void onEvent(String type, String data);
    }

    private final Listener listener;
    private byte[] line = new byte[256];
    private int length;
    private boolean afterCarriageReturn;
    private final StringBuilder data = new StringBuilder();
    private String type;
    private boolean hasData;

    EventParser(Listener listener) {
        this.listener = listener;
    }

    /** Takes the next bytes of the body. */
    void accept(ByteBuffer content) {
        while (content.hasRemaining()) {
            byte b = content.get();
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
            } else if (b == '\n' || b == '\r') {
                afterCarriageReturn = b == '\r';
                onLine(new String(line, 0, length, StandardCharsets.UTF_8));
                length = 0;
            } else {
                afterCarriageReturn = false;
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = b;
            }
        }
    }

    private void onLine(String text) {
        if (text.isEmpty()) {
            if (hasData) {
                listener.onEvent(type == null ? "message" : type, data.toString());
            }
            type = null;
            data.setLength(0);
            hasData = false;
            return;
        }
        int colon = text.indexOf(':');
        if (colon == 0) {
            return;
        }
        String field = colon < 0 ? text : text.substring(0, colon);
        int start = colon < 0 ? text.length() : colon + 1;
        if (start < text.length() && text.charAt(start) == ' ') {
            start++;
        }
        if (field.equals("event")) {
            type = text.substring(start);
        } else if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(text, start, text.length());
            hasData = true;
        }
    }
}
