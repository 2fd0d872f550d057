package io.clgmcp.servlet;

import java.nio.charset.StandardCharsets;

/**
 * Encodes one server-sent event as the {@code text/event-stream} format defines it.
 *
 * <pre>
 * id: 4
 * event: mcp-response
 * data: {"jsonrpc":"2.0","id":1,"result":{}}
 * </pre>
 */
public final class SseEvents {
    private SseEvents() {}

    /** A comment line ({@code : text}), which clients skip. */
    public static byte[] comment(String text) {
        return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param event the event's type, or null for the default ({@code message})
     * @param retryMillis the reconnection delay to announce with this event, or 0 for none
     */
    public static byte[] encode(long id, String event, String data, long retryMillis) {
        StringBuilder frame = new StringBuilder(data.length() + 64);
        if (retryMillis > 0) {
            frame.append("retry: ").append(retryMillis).append('\n');
        }
        frame.append("id: ").append(id).append('\n');
        if (event != null) {
            frame.append("event: ").append(event).append('\n');
        }
        // One data line per line of the data, whatever breaks it (\r\n, \r or \n). A scan, not
        // String.split, whose regex was compiled anew for every event.
        int start = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\n' || c == '\r') {
                frame.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        frame.append("data: ").append(data, start, data.length()).append("\n\n");
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }
}
