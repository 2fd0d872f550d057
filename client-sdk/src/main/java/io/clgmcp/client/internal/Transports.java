package io.clgmcp.client.internal;

import io.clgmcp.client.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/** Creates the {@link ClientTransport} a {@link Transport} names. */
public final class Transports {
    private Transports() {}

    public static ClientTransport create(
            Transport transport,
            URI url,
            String bearerToken,
            Duration connectTimeout,
            Duration requestTimeout) {
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(connectTimeout)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
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
}
