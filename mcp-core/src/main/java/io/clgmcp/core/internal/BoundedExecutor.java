package io.clgmcp.core.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Executors with a fixed number of daemon threads and a bounded queue, which refuse work with a
 * {@link java.util.concurrent.RejectedExecutionException} when both are full rather than letting
 * work pile up without limit.
 */
public final class BoundedExecutor {
    private BoundedExecutor() {}

    public static ExecutorService create(String threadName, int threads, int queueCapacity) {
        BlockingQueue<Runnable> queue =
                queueCapacity == 0
                        ? new SynchronousQueue<>()
                        : new ArrayBlockingQueue<>(queueCapacity);
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        60,
                        TimeUnit.SECONDS,
                        queue,
                        DaemonThreads.numbered(threadName),
                        new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
