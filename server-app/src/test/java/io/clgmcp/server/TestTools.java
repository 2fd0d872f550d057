package io.clgmcp.server;

import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tools the tests contribute to a server. */
public final class TestTools {
    /** The genealogy tools every server offers, first in {@code tools/list}, in this order. */
    public static final List<String> GENEALOGY_TOOLS =
            List.of(
                    "search_genealogy_resources",
                    "browse_categories",
                    "get_resource_details",
                    "filter_resources",
                    "get_location_resources");

    /** The names {@code tools/list} shows for a server started with these tools. */
    public static List<String> withGenealogyTools(String... names) {
        List<String> all = new ArrayList<>(GENEALOGY_TOOLS);
        all.addAll(List.of(names));
        return all;
    }

    private TestTools() {}

    /** {@code echo}: says its required {@code text} argument back. */
    public static Tool echo() {
        return Tool.builder("echo")
                .description("Says the text back")
                .inputSchema(
                        "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                                + "\"required\":[\"text\"],\"additionalProperties\":false}")
                .handler(
                        context ->
                                ToolResult.text(
                                        "echo: " + context.arguments().get("text").getAsString()))
                .build();
    }

    /**
     * {@code count}: reports progress 1, 2 and 3 of 3 (messages "step 1" to "step 3"), then answers
     * "counted".
     */
    public static Tool counting() {
        return Tool.builder("count")
                .description("Counts to three, reporting progress")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            for (int i = 1; i <= 3; i++) {
                                context.reportProgress(i, 3.0, "step " + i);
                            }
                            return ToolResult.text("counted");
                        })
                .build();
    }

    /** {@code explode}: always throws. */
    static Tool failing() {
        return Tool.builder("explode")
                .description("Always fails")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            throw new IllegalStateException("the fuse was lit");
                        })
                .build();
    }

    /** A tool of that name and description that answers "ok". */
    static Tool named(String name, String description) {
        return Tool.builder(name)
                .description(description)
                .inputSchema("{\"type\":\"object\"}")
                .handler(context -> ToolResult.text("ok"))
                .build();
    }

    /**
     * {@code block}: signals {@link #entered} when a call starts, then waits (at most 10 s) for
     * {@link #release} before answering "released"; an interrupted call signals {@link
     * #interrupted} and fails.
     */
    public static final class Blocking {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        volatile boolean cancelledWhenInterrupted;
        public final Tool tool =
                Tool.builder("block")
                        .description("Waits until the test lets it go")
                        .inputSchema("{\"type\":\"object\"}")
                        .handler(
                                context -> {
                                    entered.countDown();
                                    try {
                                        if (!released.await(10, TimeUnit.SECONDS)) {
                                            return ToolResult.error("never released");
                                        }
                                    } catch (InterruptedException e) {
                                        cancelledWhenInterrupted = context.isCancelled();
                                        interrupted.countDown();
                                        throw e;
                                    }
                                    return ToolResult.text("released");
                                })
                        .build();

        public void release() {
            released.countDown();
        }

        /**
         * Waits (at most 10 s) until a call is interrupted; fails otherwise. Returns what its
         * {@code isCancelled()} said then.
         */
        public boolean awaitInterrupted() throws InterruptedException {
            if (!interrupted.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the blocking tool was never interrupted");
            }
            return cancelledWhenInterrupted;
        }

        /** Waits (at most 10 s) until a call has started; fails otherwise. */
        public void awaitEntered() throws InterruptedException {
            if (!entered.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the blocking tool was never called");
            }
        }
    }
}
