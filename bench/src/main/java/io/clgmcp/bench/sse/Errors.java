package io.clgmcp.bench.sse;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** Counts the failures of a run, from any thread, and keeps the first few to show. */
final class Errors {
    private final int shown;
    private final LongAdder count = new LongAdder();
    private final List<String> first = new ArrayList<>();

    Errors(int shown) {
        this.shown = shown;
    }

    void add(String error) {
        count.increment();
        synchronized (first) {
            if (first.size() < shown) {
                first.add(error);
            }
        }
    }

    long count() {
        return count.sum();
    }

    void print(PrintStream out) {
        synchronized (first) {
            first.forEach(error -> out.println("error: " + error));
        }
    }
}
