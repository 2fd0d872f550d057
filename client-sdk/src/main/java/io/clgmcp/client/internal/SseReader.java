package io.clgmcp.client.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a {@code text/event-stream} as the HTML standard defines it: {@code data} lines joined by
 * newlines, {@code event} (default {@code message}), {@code id} (remembered across events), {@code
 * retry}, comments and unknown fields ignored; an event with empty data is not dispatched. Not
 * thread-safe: one reader per stream.
 */
public final class SseReader {
    /** One dispatched event; {@code id} is the last event id seen so far, or null. */
    public record Event(String id, String type, String data) {}

    private final BufferedReader lines;
    private String lastEventId;
    private long retryMillis = -1;

    public SseReader(InputStream stream) {
        this.lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /** The next event, waiting for it; empty once the stream has ended. */
    public Optional<Event> next() throws IOException {
        StringBuilder data = null;
        String type = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                // An event without data (a priming event, say) only moves the last event id on.
                if (data != null && data.length() > 0) {
                    return Optional.of(
                            new Event(
                                    lastEventId, type == null ? "message" : type, data.toString()));
                }
                data = null;
                type = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" ->
                        data =
                                data == null
                                        ? new StringBuilder(value)
                                        : data.append('\n').append(value);
                case "event" -> type = value;
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastEventId = value;
                    }
                }
                case "retry" -> {
                    if (!value.isEmpty()
                            && value.length() <= 18
                            && value.chars().allMatch(Character::isDigit)) {
                        retryMillis = Long.parseLong(value);
                    }
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    /**
     * The id of the last event read, which a reconnecting client sends as {@code Last-Event-ID}.
     */
    public String lastEventId() {
        return lastEventId;
    }

    /** The reconnection delay the server last announced, or -1 when it announced none. */
    public long retryMillis() {
        return retryMillis;
    }
}
