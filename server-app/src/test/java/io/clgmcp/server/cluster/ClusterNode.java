package io.clgmcp.server.cluster;

import com.google.gson.JsonObject;
import io.clgmcp.server.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server instance of a cluster in a child process: {@code io.clgmcp.server.Main} on this test's
 * class path, on a loopback port of its own, configured only by the settings given. {@link #kill}
 * crashes it (SIGKILL, nothing runs on the way out); {@link #close} stops it gracefully. Whatever
 * it writes goes to a buffer that failure messages show.
 */
final class ClusterNode implements AutoCloseable {
    private final String name;
    private final int port;
    private final Process process;
    private final StringBuffer output = new StringBuffer();

    private ClusterNode(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
        Thread reader = new Thread(this::readOutput, "cluster-node-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts an instance with these settings and waits until its {@code /health} says that it has
     * joined its cluster.
     */
    static ClusterNode start(String name, Map<String, String> settings) throws Exception {
        int port = freePort();
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                // Several JVMs start at once on few cores: quick start-up matters
                                // more here than peak speed.
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UseSerialGC",
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName())
                        .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // Only the settings of the test: none of the build's own may reach the server.
        environment.clear();
        environment.put("HOST", "127.0.0.1");
        environment.put("PORT", Integer.toString(port));
        environment.put("LOG_LEVEL", "INFO");
        environment.put("MCP_PROFILE", "conformance");
        environment.put("RATE_LIMIT_RPS", "0");
        // Nothing should reach the genealogy site; should a tool try, it fails at once.
        environment.put("CLG_BASE_URL", "http://127.0.0.1:9");
        environment.putAll(settings);
        ClusterNode node = new ClusterNode(name, port, builder.start());
        try {
            node.awaitClusterUp();
        } catch (AssertionError | RuntimeException e) {
            node.kill();
            throw e;
        }
        return node;
    }

    /** Waits until {@code /health} answers with {@code cluster.status} up. */
    void awaitClusterUp() {
        Poll.until(
                name + " up in its cluster; its output:\n" + output,
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited; its output:\n" + output);
                    }
                    return "up".equals(cluster().get("status").getAsString());
                });
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The body of {@code GET /health}, which must answer 200. */
    JsonObject health() throws IOException, InterruptedException {
        Http.Reply reply = Http.get(uri("/health"));
        if (reply.status() != 200) {
            throw new AssertionError(name + " /health: " + reply);
        }
        return reply.json();
    }

    /** The {@code cluster} section of {@code /health}. */
    JsonObject cluster() throws IOException, InterruptedException {
        return health().getAsJsonObject("cluster");
    }

    /** {@code cluster.connections} of {@code /health}: the SSE streams of every instance. */
    int connections() throws IOException, InterruptedException {
        return cluster().get("connections").getAsInt();
    }

    /** What it wrote so far, standard output and error together. */
    String output() {
        return name + ":\n" + output;
    }

    /** Crashes it: SIGKILL, then waits (bounded) until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops it gracefully (SIGTERM), or kills it when that takes longer than the wait. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }

    private void readOutput() {
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            // Killing the process closes its pipe under the reader; only other failures matter.
            if (process.isAlive()) {
                output.append("(reading its output failed: ").append(e).append(")\n");
            }
        }
    }

    /** A port free now; the child binds it a moment later, which is good enough on loopback. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every node's output, for a failure message. */
    static String outputs(List<ClusterNode> nodes) {
        StringBuilder all = new StringBuilder();
        nodes.forEach(node -> all.append(node.output()).append('\n'));
        return all.toString();
    }
}
