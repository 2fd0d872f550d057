package io.clgmcp.bench.sse;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The SSE load generator, which wrk cannot be: {@code roundtrip} measures the seed protocol's
 * {@code POST /sse} → {@code mcp-response} latency at a fixed rate over many streams; {@code idle}
 * holds many streams open while bench/connections.sh measures the server. Exits 1 when any request
 * or stream failed.
 *
 * <pre>{@code
 * java -cp ... io.clgmcp.bench.sse.SseBench roundtrip --url=http://127.0.0.1:18080/ \
 *     --connections=100 --rate=1000 --warmup=20s --duration=30s
 * java -cp ... io.clgmcp.bench.sse.SseBench idle --url=http://127.0.0.1:18080/ --connections=10000
 * }</pre>
 */
public final class SseBench {
    private SseBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SseBench roundtrip|idle --url=URL [--name=value ...]");
            System.exit(2);
        }
        Options options = new Options(args, 1);
        URI base = URI.create(options.string("url", "http://127.0.0.1:8080/"));
        boolean passed =
                switch (args[0]) {
                    case "roundtrip" -> roundTrip(base, options);
                    case "idle" -> idle(base, options);
                    default -> throw new IllegalArgumentException("unknown mode " + args[0]);
                };
        System.out.flush();
        System.exit(passed ? 0 : 1);
    }

    private static boolean roundTrip(URI base, Options options) throws Exception {
        options.allowOnly(
                Set.of(
                        "url",
                        "post-url",
                        "connections",
                        "rate",
                        "warmup",
                        "duration",
                        "drain",
                        "histogram"));
        String histogram = options.string("histogram", null);
        return new RoundTrip(
                        new RoundTrip.Settings(
                                base,
                                options.integer("connections", 100),
                                options.integer("rate", 1000),
                                options.duration("warmup", Duration.ofSeconds(20)),
                                options.duration("duration", Duration.ofSeconds(30)),
                                options.duration("drain", Duration.ofSeconds(10)),
                                histogram == null ? null : Path.of(histogram),
                                URI.create(options.string("post-url", base.toString()))))
                .run(System.out);
    }

    private static boolean idle(URI base, Options options) throws Exception {
        options.allowOnly(Set.of("url", "connections", "concurrency"));
        return new IdleConnections(
                        base,
                        options.integer("connections", 10_000),
                        options.integer("concurrency", 100))
                .run(System.out);
    }
}
