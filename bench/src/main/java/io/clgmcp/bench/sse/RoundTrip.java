package io.clgmcp.bench.sse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;

/**
 * The seed protocol's round trip under a fixed request rate: {@code POST /sse} of a {@code
 * tools/call} of {@code echo}, until its {@code mcp-response} event arrives on the stream the POST
 * named. Requests follow an open-loop schedule (one every {@code 1/rate}, taking the connections in
 * turn) and each latency is measured from the request's intended send time, so a stall of the
 * server or the client counts against every request it delays (no coordinated omission).
 */
final class RoundTrip {
    private static final String TEXT = "hello";
    private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int ERRORS_SHOWN = 5;

    /**
     * Connections for the POSTs, beyond the streams': more than are ever busy at once at a steady
     * rate; a POST that finds them all busy waits, and the wait counts in its latency.
     */
    private static final int POST_CONNECTIONS = 32;

    private final Settings settings;
    private final HttpClient http;
    private final URI sse;
    private final URI posts;

    /** Requests not yet answered: id → intended send time (nanoTime). */
    private final Map<Long, Long> pending = new ConcurrentHashMap<>();

    private final Histogram warmupLatencies = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
    private final Histogram latencies = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
    private final LongAdder answered = new LongAdder();
    private final Errors errors = new Errors(ERRORS_SHOWN);
    private long firstMeasuredId;

    /**
     * @param connections how many streams the requests are spread over
     * @param rate requests per second, over all connections
     * @param histogramFile where the measured latency distribution is written, or null
     * @param postBase the server the POSTs go to: {@code base}, or another instance of its cluster
     */
    record Settings(
            URI base,
            int connections,
            int rate,
            Duration warmup,
            Duration duration,
            Duration drain,
            Path histogramFile,
            URI postBase) {}

    RoundTrip(Settings settings) throws Exception {
        this.settings = settings;
        this.http = SseStreams.client(settings.connections() + POST_CONNECTIONS);
        this.sse = settings.base().resolve("/sse");
        this.posts = settings.postBase().resolve("/sse");
    }

    /** Runs warm-up and measurement and prints the outcome; true when nothing went wrong. */
    boolean run(PrintStream out) throws InterruptedException, IOException {
        SseStreams.Opened opened =
                SseStreams.openAll(
                        http,
                        sse,
                        settings.connections(),
                        settings.connections(),
                        this::onEvent,
                        Duration.ofSeconds(30));
        if (!opened.failures().isEmpty()) {
            out.println(
                    "FAILED: "
                            + opened.failures().size()
                            + " streams did not open, first: "
                            + opened.failures().get(0));
            return false;
        }
        List<SseStream> streams = opened.streams();
        out.printf(
                "%d streams open; %s warm-up, then %s measured, at %d requests/s%n",
                streams.size(), settings.warmup(), settings.duration(), settings.rate());
        long period = TimeUnit.SECONDS.toNanos(1) / settings.rate();
        firstMeasuredId = settings.warmup().toNanos() / period;
        long total = firstMeasuredId + settings.duration().toNanos() / period;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        for (long id = 0; id < total; id++) {
            long intended = start + id * period;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            send(streams.get((int) (id % streams.size())), id, intended);
        }
        long sendingNanos = System.nanoTime() - start;
        awaitAnswers();
        streams.stream()
                .filter(stream -> stream.endReason() != null)
                .forEach(stream -> errors.add("stream ended: " + stream.endReason()));
        streams.forEach(SseStream::close);
        return report(out, total, sendingNanos);
    }

    private void send(SseStream stream, long id, long intended) {
        pending.put(id, intended);
        String body =
                "{\"jsonrpc\":\"2.0\",\"id\":"
                        + id
                        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                        + "\"arguments\":{\"text\":\""
                        + TEXT
                        + "\"}},\"protocol\":\"sse\",\"connectionId\":\""
                        + stream.connectionId()
                        + "\"}";
        http.POST(posts)
                .body(new StringRequestContent("application/json", body))
                .timeout(10, TimeUnit.SECONDS)
                .send(
                        new BufferingResponseListener(4096) {
                            @Override
                            public void onComplete(Result result) {
                                if (result.isFailed()) {
                                    errors.add("POST " + id + " failed: " + result.getFailure());
                                } else if (result.getResponse().getStatus() != 200) {
                                    errors.add(
                                            "POST "
                                                    + id
                                                    + " answered "
                                                    + result.getResponse().getStatus()
                                                    + " "
                                                    + getContentAsString());
                                }
                            }
                        });
    }

    private void onEvent(SseStream stream, String type, String data) {
        if (!type.equals("mcp-response")) {
            return;
        }
        long now = System.nanoTime();
        JsonObject response = JsonParser.parseString(data).getAsJsonObject();
        long id = response.get("id").getAsLong();
        Long intended = pending.remove(id);
        if (intended == null) {
            errors.add("an answer to no pending request: " + data);
            return;
        }
        answered.increment();
        if (!echoed(response)) {
            errors.add("a wrong answer: " + data);
            return;
        }
        Histogram histogram = id < firstMeasuredId ? warmupLatencies : latencies;
        histogram.recordValue(Math.min(now - intended, MAX_LATENCY_NANOS));
    }

    private static boolean echoed(JsonObject response) {
        JsonElement result = response.get("result");
        if (result == null || !result.isJsonObject()) {
            return false;
        }
        JsonObject object = result.getAsJsonObject();
        return !object.get("isError").getAsBoolean()
                && TEXT.equals(
                        object.getAsJsonArray("content")
                                .get(0)
                                .getAsJsonObject()
                                .get("text")
                                .getAsString());
    }

    private void awaitAnswers() throws InterruptedException {
        long deadline = System.nanoTime() + settings.drain().toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private boolean report(PrintStream out, long sent, long sendingNanos) throws IOException {
        long missing = pending.size();
        long measured = latencies.getTotalCount();
        out.printf(
                "warm-up: %d answers, p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                warmupLatencies.getTotalCount(),
                millis(warmupLatencies.getValueAtPercentile(50)),
                millis(warmupLatencies.getValueAtPercentile(99)),
                millis(warmupLatencies.getMaxValue()));
        out.printf(
                "RESULT sent=%d answered=%d errors=%d missing=%d measured=%d rate=%.1f"
                        + " p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f"
                        + " mean_ms=%.3f%n",
                sent,
                answered.sum(),
                errors.count(),
                missing,
                measured,
                sent * 1e9 / sendingNanos,
                millis(latencies.getValueAtPercentile(50)),
                millis(latencies.getValueAtPercentile(90)),
                millis(latencies.getValueAtPercentile(99)),
                millis(latencies.getValueAtPercentile(99.9)),
                millis(latencies.getMaxValue()),
                latencies.getMean() / 1e6);
        errors.print(out);
        if (settings.histogramFile() != null) {
            try (PrintStream file =
                    new PrintStream(Files.newOutputStream(settings.histogramFile()))) {
                latencies.outputPercentileDistribution(file, 1e6);
            }
        }
        return errors.count() == 0 && missing == 0;
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }
}
