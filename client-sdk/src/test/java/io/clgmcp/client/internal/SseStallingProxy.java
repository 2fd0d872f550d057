package io.clgmcp.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a server that can silence the SSE streams passing through it: {@link
 * #stallStreams} makes every connection that carried a {@code GET} of an SSE stream drop what the
 * server sends from then on, without closing anything, as a dead network path does. Connections
 * opened later pass everything, and so do connections carrying other requests (POSTs).
 */
final class SseStallingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final URI target;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    SseStallingProxy(URI target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "sse-stalling-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The proxy's base URL, standing for the target's. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    /** Silences every SSE stream open now. */
    void stallStreams() {
        for (Link link : links) {
            if (link.stream) {
                link.stalled = true;
            }
        }
    }

    /** How many SSE stream connections passed through so far. */
    long streamsOpened() {
        return links.stream().filter(link -> link.stream).count();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Link link : links) {
            link.close();
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                continue; // closed, or a failed accept: the loop condition decides
            }
            try {
                Link link = new Link(client, new Socket(target.getHost(), target.getPort()));
                links.add(link);
                link.start();
            } catch (IOException e) {
                try {
                    client.close(); // the target is down: so is the proxy, for this client
                } catch (IOException ignored) {
                    // Closed already.
                }
            }
        }
    }

    private static final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean stream;
        private volatile boolean stalled;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            daemon(() -> pump(true), "sse-stalling-proxy-up");
            daemon(() -> pump(false), "sse-stalling-proxy-down");
        }

        private static void daemon(Runnable task, String name) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }

        private void pump(boolean up) {
            byte[] buffer = new byte[16384];
            try (InputStream in = (up ? client : server).getInputStream();
                    OutputStream out = (up ? server : client).getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (up && startsSseGet(buffer, read)) {
                        stream = true;
                    }
                    if (up || !stalled) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // One side went away: so does the other.
            } finally {
                close();
            }
        }

        /** Whether a request starting in this chunk is a GET of an SSE stream. */
        private static boolean startsSseGet(byte[] buffer, int length) {
            String head = new String(buffer, 0, Math.min(length, 200), StandardCharsets.ISO_8859_1);
            int end = head.indexOf('\r');
            String line = end < 0 ? head : head.substring(0, end);
            return line.startsWith("GET ") && line.contains("/sse");
        }

        void close() {
            try {
                client.close();
            } catch (IOException e) {
                // Closed already.
            }
            try {
                server.close();
            } catch (IOException e) {
                // Closed already.
            }
        }
    }
}
