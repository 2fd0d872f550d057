package io.clgmcp.transport.stdio.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The server's standard output as the test sees it: complete lines, each of which must be one JSON
 * object or array, taken in the order they were written.
 */
final class OutputLines extends OutputStream {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private boolean closed;

    /** From now on every write fails, as when the reader of a pipe has gone. */
    synchronized void breakPipe() {
        closed = true;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (closed) {
            throw new IOException("Broken pipe");
        }
        if (b == '\n') {
            lines.add(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
        } else {
            partial.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** The next line as JSON, waiting at most {@code wait}. */
    JsonElement next(Duration wait) throws InterruptedException {
        String line = lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            return fail("no line on standard output within " + wait);
        }
        JsonElement value = JsonRpcCodec.parse(line);
        assertTrue(
                value.isJsonObject() || value.isJsonArray(),
                "not a JSON-RPC message on standard output: " + line);
        return value;
    }

    /** Whether a line is waiting to be taken. */
    boolean hasMore() {
        return !lines.isEmpty();
    }

    /** Bytes written after the last newline, which a complete output never has. */
    synchronized int unterminated() {
        return partial.size();
    }
}
