package io.clgmcp.server.genealogy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Fetches one page of the site over HTTP, holding no thread while it waits: it takes its turn from
 * the {@link HostRateLimiter}, says who is asking, tries once more after a server error, and turns
 * every other outcome into a {@link SiteException} that names the address.
 */
final class PageFetcher {
    private static final String ACCEPT = "text/html,application/xhtml+xml";

    private final SiteOptions options;
    private final HostRateLimiter limiter;
    private final HttpClient http;

    PageFetcher(SiteOptions options, HostRateLimiter limiter) {
        this.options = options;
        this.limiter = limiter;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(options.connectTimeout())
                        .build();
    }

    /** The page at this address; fails with a {@link SiteException} when the site gives none. */
    CompletableFuture<FetchedPage> fetch(URI url) {
        HttpRequest request;
        try {
            request =
                    HttpRequest.newBuilder(url)
                            .timeout(options.readTimeout())
                            .header("User-Agent", options.userAgent())
                            .header("Accept", ACCEPT)
                            .GET()
                            .build();
        } catch (IllegalArgumentException notHttp) {
            return CompletableFuture.failedFuture(
                    new SiteException(url + " is not a web address this server can fetch."));
        }
        return send(request)
                .thenCompose(
                        first ->
                                isServerError(first.statusCode())
                                        // A server error is often a passing hiccup: one more
                                        // try, after a pause, is as far as politeness goes.
                                        ? after(options.retryBackoff())
                                                .thenCompose(paused -> send(request))
                                        : CompletableFuture.completedFuture(first))
                .thenCompose(this::page);
    }

    /** One request, in its turn; fails only with a {@link SiteException}. */
    private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        URI url = request.uri();
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = after(limiter.reserve(url.getHost())).thenCompose(turn -> exchange(request));
        } catch (SiteException busy) {
            return CompletableFuture.failedFuture(busy);
        }
        return response.exceptionallyCompose(
                failure -> CompletableFuture.failedFuture(explain(url, failure)));
    }

    private CompletableFuture<HttpResponse<String>> exchange(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request, this::body);
        // The request's timeout ends only the wait for the headers; a body that stalls must not
        // hold the page, and everyone waiting for it, for ever.
        CompletableFuture.delayedExecutor(options.readTimeout().toNanos(), TimeUnit.NANOSECONDS)
                .execute(() -> response.cancel(true));
        return response;
    }

    private HttpResponse.BodySubscriber<String> body(HttpResponse.ResponseInfo info) {
        String type = info.headers().firstValue("Content-Type").orElse(null);
        // Only a page is worth reading; anything else would be read just to be thrown away.
        return info.statusCode() / 100 == 2 && isPage(type)
                ? new CappedBody(options.maxPageBytes(), charset(type))
                : CappedBody.skipped();
    }

    private CompletableFuture<FetchedPage> page(HttpResponse<String> response) {
        try {
            return CompletableFuture.completedFuture(read(response));
        } catch (SiteException noPage) {
            return CompletableFuture.failedFuture(noPage);
        }
    }

    private static FetchedPage read(HttpResponse<String> response) throws SiteException {
        URI url = response.uri();
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            throw new SiteException(
                    "Cyndi's List has no page at " + url + " (HTTP " + status + ").");
        }
        if (isServerError(status)) {
            // Only the retry's answer gets here.
            throw new SiteException(
                    "Cyndi's List answered "
                            + url
                            + " with HTTP "
                            + status
                            + " (a server error), twice; it may be having trouble. Try again"
                            + " later.");
        }
        if (status >= 400) {
            throw new SiteException(
                    "Cyndi's List refused the request for " + url + " (HTTP " + status + ").");
        }
        if (status / 100 != 2) {
            throw new SiteException(
                    "Cyndi's List answered " + url + " with an unexpected HTTP " + status + ".");
        }
        String type = response.headers().firstValue("Content-Type").orElse(null);
        if (!isPage(type)) {
            throw new SiteException(
                    url
                            + " is not a web page (Content-Type "
                            + (type == null || type.isBlank() ? "missing" : type)
                            + ").");
        }
        return new FetchedPage(url, response.body());
    }

    private SiteException explain(URI url, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SiteException site) {
            return site;
        }
        if (cause instanceof CappedBody.TooLarge) {
            return new SiteException(
                    "The page at "
                            + url
                            + " is larger than "
                            + options.maxPageBytes()
                            + " bytes, more than this server reads.",
                    cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new SiteException(
                    "Cyndi's List did not answer within "
                            + seconds(options.connectTimeout())
                            + " ("
                            + url
                            + ").",
                    cause);
        }
        // Cancelled is what the deadline on the whole exchange does.
        if (cause instanceof HttpTimeoutException || cause instanceof CancellationException) {
            return new SiteException(
                    "Cyndi's List did not answer within "
                            + seconds(options.readTimeout())
                            + " ("
                            + url
                            + ").",
                    cause);
        }
        if (cause instanceof IOException) {
            return new SiteException(
                    "Could not reach Cyndi's List at " + url + ": " + reason(url, cause) + ".",
                    cause);
        }
        return new SiteException(
                "Fetching " + url + " failed unexpectedly (" + cause.getClass().getName() + ").",
                cause);
    }

    /** Why the connection failed; the JDK's exceptions often carry no message of their own. */
    private static String reason(URI url, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException
                    || cause instanceof UnknownHostException) {
                return "the host name " + url.getHost() + " is unknown";
            }
        }
        String message = failure.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        return failure instanceof ConnectException
                ? "the connection was refused"
                : "the connection failed (" + failure.getClass().getSimpleName() + ")";
    }

    private static boolean isServerError(int status) {
        return status >= 500 && status < 600;
    }

    private static boolean isPage(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml");
    }

    /** The charset the Content-Type names, or UTF-8 when it names none this JVM knows. */
    private static Charset charset(String contentType) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("charset")) {
                String name = parameter[1].strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static CompletableFuture<Void> after(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(
                () -> {}, CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** "15 seconds", "1 second", "0.3 seconds". */
    private static String seconds(Duration duration) {
        String amount =
                BigDecimal.valueOf(duration.toMillis())
                        .movePointLeft(3)
                        .stripTrailingZeros()
                        .toPlainString();
        return amount + (amount.equals("1") ? " second" : " seconds");
    }
}
