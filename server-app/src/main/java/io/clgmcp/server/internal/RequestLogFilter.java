package io.clgmcp.server.internal;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One debug line per request when it completes: method, path, status, milliseconds. */
final class RequestLogFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("io.clgmcp.server.requests");

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!LOG.isDebugEnabled()) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext()
                        .addListener(new LogOnCompletion(request, response, start));
            } else {
                log(request, response, start);
            }
        }
    }

    private static void log(HttpServletRequest request, HttpServletResponse response, long start) {
        LOG.debug(
                "{} {} -> {} in {} ms",
                request.getMethod(),
                request.getRequestURI(),
                response.getStatus(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private record LogOnCompletion(
            HttpServletRequest request, HttpServletResponse response, long start)
            implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            log(request, response, start);
        }

        @Override
        public void onTimeout(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
