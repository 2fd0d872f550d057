package io.clgmcp.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Small helpers of the client's end-to-end tests: JSON arguments, lookups, waits, clean-up. */
final class TestSupport {
    private TestSupport() {}

    /** A JSON object of one string member. */
    static JsonObject object(String name, String value) {
        JsonObject object = new JsonObject();
        object.addProperty(name, value);
        return object;
    }

    /** The item whose key is {@code value}; fails when there is none. */
    static <T> T find(List<T> items, Function<T, String> key, String value) {
        return items.stream()
                .filter(item -> value.equals(key.apply(item)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + value + " in " + items));
    }

    /** The next notification of that method, skipping others; fails after {@code wait}. */
    static JsonRpcNotification next(
            BlockingQueue<JsonRpcNotification> notifications, String method, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            JsonRpcNotification notification =
                    notifications.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull(
                    notification, "no " + method + " within " + wait + "; heard only " + skipped);
            if (method.equals(notification.method())) {
                return notification;
            }
            skipped.add(notification.method());
        }
    }

    /** Closes each of these that is not null, in order, even when one fails; rethrows the first. */
    static void closeAll(AutoCloseable... closeables) throws Exception {
        Exception first = null;
        for (AutoCloseable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
