package io.clgmcp.core;

import com.google.gson.JsonElement;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.McpException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs the handlers that may block (tools, resource readers, prompts) on the bounded executor,
 * where the client can cancel them: a cancelled request's thread is interrupted, its flag turns
 * true, and its result is never sent. A handler still running at the deadline is stopped the same
 * way, and its request is answered with {@link ErrorCode#REQUEST_TIMEOUT}, so a hung handler cannot
 * leave its caller waiting for ever.
 */
final class Workers {
    private final ExecutorService executor;
    private final ScheduledExecutorService deadlines;
    private final Duration timeout;

    /**
     * @param deadlines where each request's deadline waits; a deadline is dropped once its request
     *     ends, so the executor should remove cancelled tasks
     */
    Workers(ExecutorService executor, ScheduledExecutorService deadlines, Duration timeout) {
        this.executor = executor;
        this.deadlines = deadlines;
        this.timeout = timeout;
    }

    /**
     * @param cancelled turned true when the client cancels the request
     * @throws McpException with {@link ErrorCode#SERVER_BUSY} when the executor's queue is full
     */
    CompletableFuture<JsonElement> run(
            Session session,
            JsonRpcId request,
            AtomicBoolean cancelled,
            Supplier<JsonElement> work) {
        CompletableFuture<JsonElement> result = new CompletableFuture<>();
        AtomicReference<Future<?>> task = new AtomicReference<>();
        session.track(
                request,
                () -> {
                    cancelled.set(true);
                    result.cancel(false);
                    Future<?> running = task.get();
                    if (running != null) {
                        running.cancel(true);
                    }
                });
        try {
            task.set(
                    executor.submit(
                            () -> {
                                if (!cancelled.get()) {
                                    complete(result, work);
                                }
                            }));
        } catch (RejectedExecutionException e) {
            throw new McpException(ErrorCode.SERVER_BUSY, "too much work is waiting; retry later");
        }
        ScheduledFuture<?> deadline =
                deadlines.schedule(
                        () -> expire(result, cancelled, task.get()),
                        timeout.toNanos(),
                        TimeUnit.NANOSECONDS);
        result.whenComplete((value, failure) -> deadline.cancel(false));
        return result;
    }

    private void expire(
            CompletableFuture<JsonElement> result, AtomicBoolean cancelled, Future<?> running) {
        McpException late =
                new McpException(
                        ErrorCode.REQUEST_TIMEOUT,
                        "the request ran longer than the server allows ("
                                + describe(timeout)
                                + ") and was stopped");
        if (result.completeExceptionally(late)) {
            cancelled.set(true);
            running.cancel(true);
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0
                ? timeout.toSeconds() + " s"
                : timeout.toMillis() + " ms";
    }

    private static void complete(
            CompletableFuture<JsonElement> result, Supplier<JsonElement> work) {
        try {
            result.complete(work.get());
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }
}
