package io.clgmcp.transport.stdio.internal;

import io.clgmcp.core.MessageSink;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the server's messages to the output, one compact JSON text a line (JSON text escapes every
 * newline inside it), each flushed at once. Any thread may send: a line is written whole before the
 * next begins. Once a write fails the client is gone; later messages are dropped and {@code
 * onBroken} runs once.
 */
final class LineWriter implements MessageSink {
    private static final System.Logger LOG = System.getLogger(LineWriter.class.getName());

    private final OutputStream out;
    private final Runnable onBroken;
    private boolean broken;

    LineWriter(OutputStream out, Runnable onBroken) {
        this.out = out;
        this.onBroken = onBroken;
    }

    @Override
    public void send(JsonRpcMessage message) {
        write(JsonRpcCodec.encode(message));
    }

    /** The responses to a batch, as one array; nothing when none is left to send. */
    void sendAll(List<JsonRpcResponse> responses) {
        if (responses.isEmpty()) {
            return;
        }
        write(JsonRpcCodec.encodeBatch(responses));
    }

    private void write(String json) {
        byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (broken) {
                return;
            }
            try {
                out.write(line);
                out.flush();
                return;
            } catch (IOException e) {
                broken = true;
                LOG.log(
                        System.Logger.Level.WARNING,
                        "standard output is closed; the client is gone: {0}",
                        e.getMessage());
            }
        }
        onBroken.run();
    }
}
