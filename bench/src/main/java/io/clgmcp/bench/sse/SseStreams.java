package io.clgmcp.bench.sse;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opens many SSE streams at once, each on its own connection, with few threads. */
final class SseStreams {
    private SseStreams() {}

    /**
     * An HTTP/1.1 client whose work runs on a small fixed pool, so that thousands of streams cost
     * no thread each and a burst of events cannot grow the client's threads.
     */
    static HttpClient client(int threads) {
        ExecutorService executor =
                Executors.newFixedThreadPool(
                        threads,
                        task -> {
                            Thread thread = new Thread(task, "sse-bench-client");
                            thread.setDaemon(true);
                            return thread;
                        });
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .executor(executor)
                .build();
    }

    /**
     * Opens {@code count} streams, at most {@code concurrency} of them waiting for {@code
     * connected} at a time (the server's accept queue is short), and waits until each has its
     * connection id or {@code timeout} has passed.
     */
    static Opened openAll(
            HttpClient http,
            URI uri,
            int count,
            int concurrency,
            SseStream.Handler handler,
            Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore opening = new Semaphore(concurrency);
        List<SseStream> streams = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!opening.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                break;
            }
            SseStream stream = SseStream.open(http, uri, handler);
            stream.connected().whenComplete((id, failure) -> opening.release());
            streams.add(stream);
        }
        List<SseStream> connected = new ArrayList<>(count);
        List<String> failures = new ArrayList<>();
        for (SseStream stream : streams) {
            try {
                stream.connected()
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                connected.add(stream);
            } catch (ExecutionException e) {
                failures.add(e.getCause().getMessage());
            } catch (TimeoutException e) {
                failures.add("no connected event within " + timeout);
            }
        }
        for (int i = streams.size(); i < count; i++) {
            failures.add("not even opened within " + timeout);
        }
        return new Opened(connected, failures);
    }

    /** The streams that got their connection id, and why each of the others did not. */
    record Opened(List<SseStream> streams, List<String> failures) {}
}
