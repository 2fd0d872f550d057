package io.clgmcp.core;

import com.google.gson.JsonElement;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.McpException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs the handlers that may block (tools, resource readers, prompts) on the bounded executor,
 * where the client can cancel them: a cancelled request's thread is interrupted, its flag turns
 * true, and its result is never sent. A handler still running at the deadline is stopped the same
 * way, and its request is answered with {@link ErrorCode#REQUEST_TIMEOUT}, so a hung handler cannot
 * leave its caller waiting for ever. {@link #stopAll} does the same to every request at once, as
 * the server shuts down.
 *
 * <p>Deadlines are not scheduled one by one: a sweep looks for overdue requests every tenth of the
 * timeout (at least every second, at most every 10 ms), so that starting a request wakes no thread
 * besides the one that runs it. A handler may thus overrun the timeout by up to one sweep.
 */
final class Workers {
    private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ExecutorService executor;
    private final Duration timeout;
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /**
     * @param deadlines where the sweep for overdue requests runs
     */
    Workers(ExecutorService executor, ScheduledExecutorService deadlines, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
        long sweep = Math.min(MAX_SWEEP_NANOS, Math.max(MIN_SWEEP_NANOS, timeout.toNanos() / 10));
        deadlines.scheduleWithFixedDelay(this::stopOverdue, sweep, sweep, TimeUnit.NANOSECONDS);
    }

    /**
     * @param cancelled turned true when the client cancels the request
     * @throws McpException with {@link ErrorCode#SERVER_BUSY} when the executor's queue is full, or
     *     {@link ErrorCode#SHUTTING_DOWN} after {@link #stopAll}
     */
    CompletableFuture<JsonElement> run(
            Session session,
            JsonRpcId request,
            AtomicBoolean cancelled,
            Supplier<JsonElement> work) {
        if (stopped) {
            throw shuttingDown();
        }
        Call call = new Call(cancelled, System.nanoTime() + timeout.toNanos());
        session.track(request, call::cancel);
        calls.add(call);
        call.result.whenComplete((value, failure) -> calls.remove(call));
        try {
            call.task =
                    executor.submit(
                            () -> {
                                if (!cancelled.get()) {
                                    complete(call.result, work);
                                }
                            });
        } catch (RejectedExecutionException e) {
            calls.remove(call);
            throw new McpException(ErrorCode.SERVER_BUSY, "too much work is waiting; retry later");
        }
        if (stopped) {
            // stopAll ran while this call was being submitted and may have missed it.
            call.stop(shuttingDown());
        }
        return call.result;
    }

    /**
     * Stops every request running or waiting for a thread, answering each with {@link
     * ErrorCode#SHUTTING_DOWN}, and refuses later ones with the same error.
     */
    void stopAll() {
        stopped = true;
        calls.forEach(call -> call.stop(shuttingDown()));
    }

    private void stopOverdue() {
        long now = System.nanoTime();
        for (Call call : calls) {
            if (now - call.deadline >= 0) {
                call.stop(timedOut());
            }
        }
    }

    private McpException timedOut() {
        return new McpException(
                ErrorCode.REQUEST_TIMEOUT,
                "the request ran longer than the server allows ("
                        + describe(timeout)
                        + ") and was stopped");
    }

    private static McpException shuttingDown() {
        return new McpException(
                ErrorCode.SHUTTING_DOWN,
                "the server is shutting down and stopped the request before it finished");
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

    /**
     * One request on the executor: its result, its cancellation flag, its deadline and its task.
     */
    private static final class Call {
        final CompletableFuture<JsonElement> result = new CompletableFuture<>();
        final AtomicBoolean cancelled;
        final long deadline;
        volatile Future<?> task;

        Call(AtomicBoolean cancelled, long deadline) {
            this.cancelled = cancelled;
            this.deadline = deadline;
        }

        /** The client cancelled: the call ends without an answer. */
        void cancel() {
            cancelled.set(true);
            result.cancel(false);
            interrupt();
        }

        /** Ends the call with this error unless it has ended already, and interrupts its thread. */
        void stop(McpException why) {
            if (result.completeExceptionally(why)) {
                cancelled.set(true);
                interrupt();
            }
        }

        private void interrupt() {
            Future<?> running = task;
            if (running != null) {
                running.cancel(true);
            }
        }
    }
}
