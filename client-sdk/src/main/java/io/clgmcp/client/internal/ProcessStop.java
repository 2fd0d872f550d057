package io.clgmcp.client.internal;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ends a launched server whose standard input has been closed: it is given a grace to exit by
 * itself, then asked to stop ({@code SIGTERM}), then, after another grace, killed. The processes it
 * started go with it once it has to be stopped, so that a wrapper ({@code sh -c}, {@code npx})
 * leaves nothing running. An interrupted wait kills at once.
 */
final class ProcessStop {
    private ProcessStop() {}

    static void stop(Process process, Duration grace) {
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            Set<ProcessHandle> family = family(process, new LinkedHashSet<>());
            family.forEach(ProcessHandle::destroy);
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            kill(process, family, grace);
        } catch (InterruptedException e) {
            kill(process, family(process, new LinkedHashSet<>()), Duration.ZERO);
            Thread.currentThread().interrupt();
        }
    }

    private static void kill(Process process, Set<ProcessHandle> family, Duration grace) {
        family(process, family).forEach(ProcessHandle::destroyForcibly);
        try {
            // The kill cannot be refused; this only lets the JDK reap the process.
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process and everything it started that still runs, added to those already known. */
    private static Set<ProcessHandle> family(Process process, Set<ProcessHandle> known) {
        process.descendants().forEach(known::add);
        known.add(process.toHandle());
        return known;
    }
}
