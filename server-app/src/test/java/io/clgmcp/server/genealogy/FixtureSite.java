package io.clgmcp.server.genealogy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Cyndi's List on 127.0.0.1: the JDK's HTTP server serving the pages of {@code
 * src/test/resources/clg-site/}, counting what it is asked, and failing, holding, redirecting or
 * replacing answers when a test says so.
 *
 * <p>Paths map to pages as the site's do: {@code /} is {@code index.html}, {@code /x/y/} (or {@code
 * /x/y}) is {@code x/y/index.html}, and {@code /search/?q=Some Text&page=2} is {@code
 * search/some-text-2.html} ({@code q} lower-cased, each run of other characters than {@code a-z}
 * and {@code 0-9} made one {@code -}, and {@code -N} added for a page after the first), or {@code
 * search/no-results.html} when there is no such file. Anything else is a 404.
 */
final class FixtureSite implements AutoCloseable {
    private static final String HTML = "text/html; charset=utf-8";
    private static final long WAIT_SECONDS = 10;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger totalRequests = new AtomicInteger();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Integer>> failures = new ConcurrentHashMap<>();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private FixtureSite(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /** Starts the site on a free port of 127.0.0.1. */
    static FixtureSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Several threads, so that held requests do not stop the others.
        ExecutorService handlers =
                Executors.newFixedThreadPool(
                        8,
                        runnable -> {
                            Thread thread = new Thread(runnable, "fixture-site");
                            thread.setDaemon(true);
                            return thread;
                        });
        FixtureSite site = new FixtureSite(server, handlers);
        server.createContext("/", site::handle);
        server.setExecutor(handlers);
        server.start();
        return site;
    }

    /** {@code http://127.0.0.1:<port>/}. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /**
     * How many GETs of this raw path and query arrived ({@code "/census/"}, {@code
     * "/search/?q=census"}), held ones included.
     */
    int requests(String pathAndQuery) {
        AtomicInteger count = requests.get(pathAndQuery);
        return count == null ? 0 : count.get();
    }

    /** How many requests arrived, for any path. */
    int totalRequests() {
        return totalRequests.get();
    }

    /** The {@code User-Agent} of every request, in order of arrival ("" for none). */
    List<String> userAgents() {
        return List.copyOf(userAgents);
    }

    /** The next {@code times} requests for this path answer {@code status} with a small page. */
    void failNext(String path, int status, int times) {
        Queue<Integer> queue = failures.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(status);
        }
    }

    /** From now on, requests for this path wait until the gate returned is released. */
    Gate hold(String path) {
        Gate gate = new Gate(path);
        gates.put(path, gate);
        return gate;
    }

    /** From now on, this path answers 200 with this body, whatever its type and size. */
    void serve(String path, String contentType, byte[] body) {
        answers.put(path, new Answer(200, contentType, body, null));
    }

    /** From now on, this path answers a 301 to this location. */
    void redirect(String path, String location) {
        answers.put(path, new Answer(301, HTML, errorPage(301), location));
    }

    /** Releases every gate and stops the server and its threads. */
    @Override
    public void close() {
        gates.values().forEach(Gate::release);
        server.stop(0);
        handlers.shutdownNow();
        try {
            if (!handlers.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the fixture site's threads did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            String query = uri.getRawQuery();
            // Counted before any hold, so that a test can see a held request has arrived.
            requests.computeIfAbsent(
                            query == null ? path : path + "?" + query, k -> new AtomicInteger())
                    .incrementAndGet();
            totalRequests.incrementAndGet();
            String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
            userAgents.add(userAgent == null ? "" : userAgent);
            Gate gate = gates.get(path);
            if (gate != null && !gate.pass()) {
                return; // the site is closing: the request gets no answer
            }
            respond(exchange, answer(path, query));
        } finally {
            exchange.close();
        }
    }

    private Answer answer(String path, String query) {
        Queue<Integer> failing = failures.get(path);
        Integer failure = failing == null ? null : failing.poll();
        if (failure != null) {
            return new Answer(failure, HTML, errorPage(failure), null);
        }
        Answer served = answers.get(path);
        if (served != null) {
            return served;
        }
        byte[] page = page(path, query);
        return page == null
                ? new Answer(404, HTML, errorPage(404), null)
                : new Answer(200, HTML, page, null);
    }

    private static byte[] page(String path, String query) {
        if (path.contains("..") || path.contains("//") || path.contains("%")) {
            return null;
        }
        String directory = path.replaceAll("^/+|/+$", "");
        if (directory.equals("search")) {
            Map<String, String> parameters = parameters(query);
            String slug =
                    parameters
                            .getOrDefault("q", "")
                            .toLowerCase(Locale.ROOT)
                            .replaceAll("[^a-z0-9]+", "-");
            int number = number(parameters.get("page"));
            byte[] results =
                    resource("search/" + slug + (number > 1 ? "-" + number : "") + ".html");
            return results != null ? results : resource("search/no-results.html");
        }
        return resource(directory.isEmpty() ? "index.html" : directory + "/index.html");
    }

    private static int number(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page);
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] nameValue = pair.split("=", 2);
                parameters.putIfAbsent(
                        URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length == 2
                                ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8)
                                : "");
            }
        }
        return parameters;
    }

    private static byte[] resource(String name) {
        try (InputStream in = FixtureSite.class.getResourceAsStream("/clg-site/" + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] errorPage(int status) {
        return ("<!DOCTYPE html><html><head><title>HTTP "
                        + status
                        + "</title></head><body><h1>HTTP "
                        + status
                        + "</h1></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        if (answer.location() != null) {
            exchange.getResponseHeaders().set("Location", answer.location());
        }
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** What a path answers. */
    private record Answer(int status, String contentType, byte[] body, String location) {}

    /** Holds the requests for one path until released. */
    static final class Gate {
        private final String path;
        private final CountDownLatch released = new CountDownLatch(1);
        private int arrivals;

        private Gate(String path) {
            this.path = path;
        }

        /** Lets every held request, and every later one, through. */
        void release() {
            released.countDown();
        }

        /**
         * Waits until this many requests have arrived at the gate.
         *
         * @throws AssertionError when they have not within ten seconds
         */
        synchronized void awaitArrivals(int count) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (arrivals < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(
                            arrivals + " of " + count + " requests arrived at " + path);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for requests at " + path, e);
                }
            }
        }

        /** Arrives and waits for release; false when the wait was ended by the site closing. */
        private boolean pass() {
            synchronized (this) {
                arrivals++;
                notifyAll();
            }
            try {
                released.await();
                return true;
            } catch (InterruptedException closing) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
