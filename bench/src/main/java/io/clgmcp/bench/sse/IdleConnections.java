package io.clgmcp.bench.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.client.HttpClient;

/**
 * Holds many idle SSE streams open for as long as the driving script wants: opens them all, says
 * {@code READY}, then answers each line on standard input with a {@code STATUS} line (heartbeats
 * received so far) and, at the end of its input, closes them and says {@code RESULT}. Every stream
 * must get {@code connected}, stay open and receive heartbeats.
 *
 * <pre>
 * READY connected=10000 failed=0 seconds=4.2
 * STATUS heartbeats=50000 ended=0
 * RESULT connected=10000 failed=0 ended=0 heartbeats=310000 min_heartbeats=31 held_seconds=62.0
 * </pre>
 */
final class IdleConnections {
    private final URI sse;
    private final int count;
    private final int concurrency;
    private final HttpClient http;
    private final LongAdder heartbeats = new LongAdder();
    private final ConcurrentHashMap<SseStream, LongAdder> perStream = new ConcurrentHashMap<>();

    IdleConnections(URI base, int count, int concurrency) throws Exception {
        this.http = SseStreams.client(count);
        this.sse = base.resolve("/sse");
        this.count = count;
        this.concurrency = concurrency;
    }

    /** Opens, holds until standard input ends, reports; true when nothing went wrong. */
    boolean run(PrintStream out) throws InterruptedException, IOException {
        long start = System.nanoTime();
        SseStreams.Opened opened =
                SseStreams.openAll(
                        http, sse, count, concurrency, this::onEvent, Duration.ofMinutes(5));
        List<SseStream> streams = opened.streams();
        long held = System.nanoTime();
        out.printf(
                "READY connected=%d failed=%d seconds=%.1f%n",
                streams.size(), opened.failures().size(), (held - start) / 1e9);
        opened.failures().stream().limit(5).forEach(failure -> out.println("error: " + failure));
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            out.printf("STATUS heartbeats=%d ended=%d%n", heartbeats.sum(), ended(streams));
        }
        long ended = ended(streams);
        long fewest =
                streams.stream()
                        .mapToLong(stream -> perStream.getOrDefault(stream, new LongAdder()).sum())
                        .min()
                        .orElse(0);
        out.printf(
                "RESULT connected=%d failed=%d ended=%d heartbeats=%d min_heartbeats=%d"
                        + " held_seconds=%.1f%n",
                streams.size(),
                opened.failures().size(),
                ended,
                heartbeats.sum(),
                fewest,
                (System.nanoTime() - held) / 1e9);
        streams.stream()
                .filter(stream -> stream.endReason() != null)
                .limit(5)
                .forEach(stream -> out.println("error: stream ended: " + stream.endReason()));
        streams.forEach(SseStream::close);
        return opened.failures().isEmpty() && ended == 0 && fewest > 0;
    }

    private void onEvent(SseStream stream, String type, String data) {
        if (type.equals("heartbeat")) {
            heartbeats.increment();
            perStream.computeIfAbsent(stream, key -> new LongAdder()).increment();
        }
    }

    private static long ended(List<SseStream> streams) {
        return streams.stream().filter(stream -> stream.endReason() != null).count();
    }
}
