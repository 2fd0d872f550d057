package io.clgmcp.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The practical limit: a servlet that reads the request body and answers our {@code tools/call}
 * response bytes, with no JSON parsing and no dispatch.
 */
final class BareJettyServer {
    private BareJettyServer() {}

    static AutoCloseable start(int port) throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder(new FixedAnswerServlet());
        context.addServlet(holder, "/rpc");
        context.addServlet(holder, "/mcp");
        return JettyServers.start(port, context);
    }

    /** Drains the body and writes {@link EchoTool#RESPONSE}. */
    private static final class FixedAnswerServlet extends HttpServlet {
        private static final byte[] BODY = EchoTool.RESPONSE.getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            try (InputStream in = request.getInputStream()) {
                in.transferTo(DiscardingStream.INSTANCE);
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json;charset=utf-8");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }

    /** Discards what is written to it. */
    private static final class DiscardingStream extends OutputStream {
        static final DiscardingStream INSTANCE = new DiscardingStream();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
