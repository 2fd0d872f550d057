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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs the handlers that may block (tools, resource readers, prompts) on the bounded executor,
 * where the client can cancel them: a cancelled request's thread is interrupted, its flag turns
 * true, and its result is never sent. A handler still running at the deadline is stopped the same
 * way, and its request is answered with {@link ErrorCode#REQUEST_TIMEOUT}, so a hung handler cannot
 * leave its caller waiting for ever. {@link #stopAll} does the same to every request at once, as
 * the server shuts down.
 *
 * <p>At most as many handlers run at once as the executor has threads, and at most as many more
 * wait, after which requests are refused with {@link ErrorCode#SERVER_BUSY}. A transport whose
 * thread would only wait for the answer may lend that thread ({@link #lendingThisThread}): a
 * handler then runs on it when a slot is free, which spares waking a worker for a handler that is
 * done in microseconds; otherwise it waits for a worker as usual. At most one lent thread per
 * processor runs a handler at a time, since more could not run at once anyway, and so that handlers
 * that hang hold few of the transport's threads.
 *
 * <p>Deadlines are not scheduled one by one: a sweep looks for overdue requests every tenth of the
 * timeout (at least every second, at most every 10 ms), so that starting a request wakes no thread
 * besides the one that runs it. A handler may thus overrun the timeout by up to one sweep.
 */
final class Workers {
    private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ExecutorService executor;
    private final Semaphore admitted;
    private final Semaphore slots;
    private final Semaphore lendable;
    private final ThreadLocal<Boolean> lent = ThreadLocal.withInitial(() -> false);
    private final Duration timeout;
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /**
     * @param threads how many handlers may run at once: the executor's thread count
     * @param waiting how many more may wait for one of them: the executor's queue capacity
     * @param deadlines where the sweep for overdue requests runs
     */
    Workers(
            ExecutorService executor,
            int threads,
            int waiting,
            ScheduledExecutorService deadlines,
            Duration timeout) {
        this.executor = executor;
        this.admitted = new Semaphore(threads + waiting);
        this.slots = new Semaphore(threads);
        this.lendable =
                new Semaphore(Math.min(threads, Runtime.getRuntime().availableProcessors()));
        this.timeout = timeout;
        long sweep = Math.min(MAX_SWEEP_NANOS, Math.max(MIN_SWEEP_NANOS, timeout.toNanos() / 10));
        deadlines.scheduleWithFixedDelay(this::stopOverdue, sweep, sweep, TimeUnit.NANOSECONDS);
    }

    /**
     * @param cancelled turned true when the client cancels the request
     * @throws McpException with {@link ErrorCode#SERVER_BUSY} when as many requests as may run and
     *     wait are taken already, or {@link ErrorCode#SHUTTING_DOWN} after {@link #stopAll}
     */
    CompletableFuture<JsonElement> run(
            Session session,
            JsonRpcId request,
            AtomicBoolean cancelled,
            Supplier<JsonElement> work) {
        if (stopped) {
            throw shuttingDown();
        }
        if (!admitted.tryAcquire()) {
            throw busy();
        }
        Call call =
                new Call(
                        cancelled,
                        () -> session.isCancelled(request),
                        System.nanoTime() + timeout.toNanos());
        session.track(request, call::cancel);
        calls.add(call);
        call.result.whenComplete((value, failure) -> calls.remove(call));
        if (lent.get() && ranHere(call, work)) {
            return call.result;
        }
        try {
            executor.execute(() -> runInSlot(call, work));
        } catch (RejectedExecutionException e) {
            calls.remove(call);
            admitted.release();
            throw busy();
        }
        if (stopped) {
            // stopAll ran while this call was being submitted and may have missed it.
            call.stop(shuttingDown());
        }
        return call.result;
    }

    /**
     * Runs {@code dispatch} with this thread lent to the first handler it starts, if a slot is
     * free: that handler has run, and its request has been answered, by the time this returns.
     */
    void lendingThisThread(Runnable dispatch) {
        lent.set(true);
        try {
            dispatch.run();
        } finally {
            lent.set(false);
        }
    }

    /**
     * Runs the call on this lent thread if it may borrow one and a slot is free; whether it did.
     */
    private boolean ranHere(Call call, Supplier<JsonElement> work) {
        if (!lendable.tryAcquire()) {
            return false;
        }
        try {
            if (!slots.tryAcquire()) {
                return false;
            }
            try {
                lent.set(false);
                call.runHere(work);
                return true;
            } finally {
                slots.release();
                admitted.release();
            }
        } finally {
            lendable.release();
        }
    }

    /** On a worker: waits for a slot, which handlers on lent threads may hold, then runs. */
    private void runInSlot(Call call, Supplier<JsonElement> work) {
        try {
            slots.acquire();
            try {
                call.runHere(work);
            } finally {
                slots.release();
            }
        } catch (InterruptedException executorShutDownNow) {
            Thread.currentThread().interrupt();
        } finally {
            admitted.release();
        }
    }

    /**
     * Stops every request running or waiting for a thread, answering each with {@link
     * ErrorCode#SHUTTING_DOWN}, and refuses later ones with the same error.
     */
    void stopAll() {
        stopped = true;
        // Every call ends before any thread is interrupted, or a freed thread could start a queued
        // call that was about to be ended.
        McpException why = shuttingDown();
        calls.stream().filter(call -> call.end(why)).toList().forEach(Call::interrupt);
    }

    private void stopOverdue() {
        long now = System.nanoTime();
        for (Call call : calls) {
            if (now - call.deadline >= 0) {
                call.stop(timedOut());
            }
        }
    }

    private static McpException busy() {
        return new McpException(ErrorCode.SERVER_BUSY, "too much work is waiting; retry later");
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
     * One request: its result, its cancellation flag, its deadline, and the thread running it, if
     * any, to interrupt when it is cancelled or stopped.
     */
    private static final class Call {
        final CompletableFuture<JsonElement> result = new CompletableFuture<>();
        final AtomicBoolean cancelled;
        final BooleanSupplier cancelledOnSession;
        final long deadline;
        private Thread runner;
        private boolean interrupted;

        /**
         * @param cancelledOnSession whether the session has the request marked cancelled, which it
         *     does for all its requests before it stops the first of them
         */
        Call(AtomicBoolean cancelled, BooleanSupplier cancelledOnSession, long deadline) {
            this.cancelled = cancelled;
            this.cancelledOnSession = cancelledOnSession;
            this.deadline = deadline;
        }

        /**
         * Runs the handler on this thread unless the call has ended already. An interrupt it causes
         * meanwhile does not outlive the run, as the thread may go on to serve others.
         */
        void runHere(Supplier<JsonElement> work) {
            synchronized (this) {
                if (cancelled.get() || result.isDone() || cancelledOnSession.getAsBoolean()) {
                    return;
                }
                runner = Thread.currentThread();
            }
            try {
                complete(result, work);
            } finally {
                boolean clear;
                synchronized (this) {
                    runner = null;
                    clear = interrupted;
                }
                if (clear) {
                    Thread.interrupted();
                }
            }
        }

        /** The client cancelled: the call ends without an answer. */
        void cancel() {
            cancelled.set(true);
            result.cancel(false);
            interrupt();
        }

        /** Ends the call with this error unless it has ended already, and interrupts its thread. */
        void stop(McpException why) {
            if (end(why)) {
                interrupt();
            }
        }

        /** Ends the call with this error unless it has ended already; whether it did. */
        boolean end(McpException why) {
            if (result.completeExceptionally(why)) {
                cancelled.set(true);
                return true;
            }
            return false;
        }

        synchronized void interrupt() {
            if (runner != null) {
                interrupted = true;
                runner.interrupt();
            }
        }
    }
}
