package io.clgmcp.core.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the library's own threads, which are daemons so that they never keep a JVM
 * alive on their own.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Threads that all bear one name ({@code sse-heartbeat}). */
    public static ThreadFactory named(String name) {
        return runnable -> daemon(runnable, name);
    }

    /** Threads named by a prefix and a count ({@code mcp-tool-1}, {@code mcp-tool-2}, ...). */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> daemon(runnable, prefix + "-" + count.incrementAndGet());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
