package io.clgmcp.core;

import com.google.gson.JsonElement;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.McpException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs the handlers that may block (tools, resource readers, prompts) on the bounded executor,
 * where the client can cancel them: a cancelled request's thread is interrupted, its flag turns
 * true, and its result is never sent.
 */
final class Workers {
    private final ExecutorService executor;

    Workers(ExecutorService executor) {
        this.executor = executor;
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
        return result;
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
