package io.clgmcp.client.internal;

import io.clgmcp.client.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Creates the {@link ClientTransport} a {@link Transport} names, or a launched server needs. */
public final class Transports {
    private Transports() {}

    public static ClientTransport create(
            Transport transport,
            URI url,
            String bearerToken,
            Duration requestTimeout,
            HttpClient http) {
        // A POST may take as long as its request; the client's own timer, which also cancels the
        // request on the server, should fire before the HTTP exchange's.
        HttpSettings settings =
                new HttpSettings(url, bearerToken, requestTimeout.plusSeconds(5), http);
        return switch (transport) {
            case JSONRPC -> new JsonRpcHttpTransport(settings);
            case SSE -> new SeedSseTransport(settings);
            case STREAMABLE -> new StreamableHttpTransport(settings);
            case LEGACY_SSE -> new LegacySseTransport(settings);
        };
    }

    /** The transport of a server launched as a child process, spoken to over its stdio. */
    public static ClientTransport stdio(StdioCommand command) {
        return new StdioTransport(command);
    }

    /**
     * The JDK client that carries a client's exchanges.
     *
     * @param sslContext whom to trust over https, or null for the JDK's default trust store
     */
    public static HttpClient http(
            Duration connectTimeout, HttpClient.Version version, SSLContext sslContext) {
        HttpClient.Builder builder =
                HttpClient.newBuilder()
                        .version(version)
                        .connectTimeout(connectTimeout)
                        .followRedirects(HttpClient.Redirect.NORMAL);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }
}
