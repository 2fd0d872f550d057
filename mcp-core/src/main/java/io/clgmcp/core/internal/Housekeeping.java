package io.clgmcp.core.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that runs a transport's periodic chores (heartbeats, sweeps). A chore that
 * fails is logged and runs again next time, since one failure would otherwise cancel its schedule.
 */
public final class Housekeeping {
    private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());

    private final ScheduledExecutorService scheduler;

    private Housekeeping(String threadName) {
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(threadName));
    }

    /** Starts the thread, named as given; it runs nothing until chores are scheduled. */
    public static Housekeeping start(String threadName) {
        return new Housekeeping(threadName);
    }

    /** Runs a chore every {@code periodMillis}, the first time one period from now. */
    public void every(long periodMillis, Runnable chore) {
        scheduler.scheduleAtFixedRate(
                () -> {
                    try {
                        chore.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "a housekeeping chore failed", e);
                    }
                },
                periodMillis,
                periodMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Stops the thread; chores in progress are interrupted. */
    public void stop() {
        scheduler.shutdownNow();
    }
}
