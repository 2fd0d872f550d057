package io.clgmcp.transport.stdio.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits an input stream into lines ended by {@code \n} (a {@code \r} before it is dropped too), as
 * bytes: a newline byte never occurs inside a UTF-8 character, so lines are found before decoding.
 * A line longer than the limit is not kept, only reported, so a runaway client costs no memory.
 */
final class LineReader {
    private static final int NEWLINE = '\n';
    private static final int RETURN = '\r';

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** One line of the input, without its end; {@code bytes} is null when it was too long. */
    record Line(byte[] bytes) {
        boolean isTooLong() {
            return bytes == null;
        }
    }

    /**
     * The next line, or null at the end of the input. A last line without a newline counts as a
     * line.
     */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        boolean started = false;
        while (true) {
            if (position == limit && !fill()) {
                return started ? finish(line, tooLong) : null;
            }
            started = true;
            int end = indexOfNewline();
            int stop = end < 0 ? limit : end;
            // One byte more than the limit may be a '\r' before the newline.
            if (!tooLong && line.size() + (stop - position) <= maxBytes + 1) {
                line.write(buffer, position, stop - position);
            } else {
                tooLong = true;
            }
            position = end < 0 ? limit : end + 1;
            if (end >= 0) {
                return finish(line, tooLong);
            }
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == NEWLINE) {
                return i;
            }
        }
        return -1;
    }

    private Line finish(ByteArrayOutputStream line, boolean tooLong) {
        if (tooLong) {
            return new Line(null);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == RETURN) {
            length--;
        }
        if (length > maxBytes) {
            return new Line(null);
        }
        return new Line(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }
}
