package io.clgmcp.server;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A reverse proxy on loopback that sends each request to the next of its backends in turn, with no
 * stickiness at all: successive POSTs of one session, and its GET streams, land on different
 * instances. It counts the requests each backend got.
 */
final class RoundRobinProxy implements AutoCloseable {
    private final List<URI> backends;
    private final AtomicLongArray requests;
    private final Server server = new Server();

    private RoundRobinProxy(List<URI> backends) {
        this.backends = List.copyOf(backends);
        this.requests = new AtomicLongArray(backends.size());
    }

    /** Starts a proxy on a free loopback port in front of these base URIs ({@code http://h:p}). */
    static RoundRobinProxy start(List<URI> backends) throws Exception {
        RoundRobinProxy proxy = new RoundRobinProxy(backends);
        ServerConnector connector = new ServerConnector(proxy.server);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        proxy.server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(proxy.new Balancer()), "/*");
        proxy.server.setHandler(context);
        try {
            proxy.server.start();
        } catch (Exception e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /** This proxy's URI for {@code path}. */
    URI uri(String path) {
        return server.getURI().resolve(path);
    }

    /** How many requests went to the backend at {@code index} so far. */
    long requestsTo(int index) {
        return requests.get(index);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The proxy servlet: picks the next backend for every request, and never holds events back. */
    private final class Balancer extends ProxyServlet {
        private final AtomicLong next = new AtomicLong();

        @Override
        protected String rewriteTarget(HttpServletRequest request) {
            int index = (int) (next.getAndIncrement() % backends.size());
            requests.incrementAndGet(index);
            String query = request.getQueryString();
            return backends.get(index).resolve(request.getRequestURI())
                    + (query == null ? "" : "?" + query);
        }

        /**
         * Writes what the backend sent and flushes it: the servlet response buffers otherwise, and
         * an event of a stream that stays open (a sampling request the server waits to have
         * answered) would not reach the client until the buffer filled.
         */
        @Override
        protected void onResponseContent(
                HttpServletRequest request,
                HttpServletResponse response,
                Response proxyResponse,
                byte[] buffer,
                int offset,
                int length,
                Callback callback) {
            try {
                ServletOutputStream output = response.getOutputStream();
                output.write(buffer, offset, length);
                output.flush();
                callback.succeeded();
            } catch (IOException | RuntimeException e) {
                callback.failed(e);
            }
        }
    }
}
