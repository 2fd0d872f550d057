package io.clgmcp.server.streamable;

import com.google.gson.JsonPrimitive;
import io.clgmcp.core.LoggingLevel;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tools only the Streamable HTTP stream tests contribute to a server; those that ask the client
 * something are {@link io.clgmcp.server.ClientAskingTools}.
 */
final class StreamTools {
    private StreamTools() {}

    /**
     * {@code chatter}: logs "line 1" to "line 3" at {@code info} as the logger "chatter", then
     * answers "said three things".
     */
    static Tool chatty() {
        return Tool.builder("chatter")
                .description("Logs three lines, then answers")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            for (int i = 1; i <= 3; i++) {
                                context.log(
                                        LoggingLevel.INFO,
                                        "chatter",
                                        new JsonPrimitive("line " + i));
                            }
                            return ToolResult.text("said three things");
                        })
                .build();
    }

    /**
     * {@code pause}: reports progress 1 of 2 ("halfway"), closes the stream carrying the call
     * ({@code closeStream}), signals {@link #awaitPaused}, then waits (at most 10 s) for {@link
     * #release} before answering "resumed".
     */
    static final class Pausing {
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        final Tool tool =
                Tool.builder("pause")
                        .description("Reports progress, ends its stream, waits, then answers")
                        .inputSchema("{\"type\":\"object\"}")
                        .handler(
                                context -> {
                                    context.reportProgress(1, 2.0, "halfway");
                                    context.closeStream();
                                    paused.countDown();
                                    if (!released.await(10, TimeUnit.SECONDS)) {
                                        return ToolResult.error("never released");
                                    }
                                    return ToolResult.text("resumed");
                                })
                        .build();

        void release() {
            released.countDown();
        }

        /** Waits (at most 10 s) until a call has closed its stream; fails otherwise. */
        void awaitPaused() throws InterruptedException {
            if (!paused.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the pausing tool never closed its stream");
            }
        }
    }
}
