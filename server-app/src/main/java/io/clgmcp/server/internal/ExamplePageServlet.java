package io.clgmcp.server.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /examples/sse-client.html}: the example SSE client page, open to everyone. */
final class ExamplePageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String RESOURCE = "/io/clgmcp/server/examples/sse-client.html";
    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

    private final byte[] page;
    private final String contentSecurityPolicy;

    ExamplePageServlet() {
        this.page = load();
        String html = new String(page, StandardCharsets.UTF_8);
        // The page's inline script and style are allowed by their hashes, nothing else runs. The
        // page may talk to any server the user types into it (connect-src *), which can only be
        // the page's own code doing what the user asked: no other script can run to misuse it.
        this.contentSecurityPolicy =
                "default-src 'none'; script-src "
                        + hashes(SCRIPT, html)
                        + "; style-src "
                        + hashes(STYLE, html)
                        + "; connect-src *; img-src data:; base-uri 'none'; form-action 'none';"
                        + " frame-ancestors 'none'";
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        boolean get = "GET".equals(request.getMethod());
        if (!get && !"HEAD".equals(request.getMethod())) {
            HttpReplies.onlyGetAndHead(request, response, "GET, HEAD");
            return;
        }
        response.setStatus(200);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setContentLength(page.length);
        if (get) {
            response.getOutputStream().write(page);
        }
    }

    private static byte[] load() {
        try (InputStream in = ExamplePageServlet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The CSP source of each element's text, hashed as browsers do (after CRLF becomes LF). */
    private static String hashes(Pattern element, String html) {
        List<String> sources = new ArrayList<>();
        Matcher matcher = element.matcher(html);
        while (matcher.find()) {
            String text = matcher.group(1).replace("\r\n", "\n").replace('\r', '\n');
            sources.add("'sha256-" + Base64.getEncoder().encodeToString(Sha256.of(text)) + "'");
        }
        return sources.isEmpty() ? "'none'" : String.join(" ", sources);
    }
}
