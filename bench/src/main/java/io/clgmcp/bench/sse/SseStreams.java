package io.clgmcp.bench.sse;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Opens many SSE streams at once, each on its own connection, with few threads. */
final class SseStreams {
    /** A minute and a half of requests at 1,000 per second. */
    private static final int MAX_QUEUED = 100_000;

    private SseStreams() {}

    /**
     * A started HTTP/1.1 client that may hold this many connections to the server at once, whose
     * work runs on a small pool, so that thousands of streams cost no thread each.
     */
    static HttpClient client(int connections) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("sse-bench-client");
        threads.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(connections);
        // A request waits for a free connection rather than fail; the wait counts in its latency.
        http.setMaxRequestsQueuedPerDestination(MAX_QUEUED);
        http.setConnectTimeout(30_000);
        http.setFollowRedirects(false);
        http.start();
        return http;
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
