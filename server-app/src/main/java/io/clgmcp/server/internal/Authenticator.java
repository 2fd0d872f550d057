package io.clgmcp.server.internal;

import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.server.ServerConfig;
import java.util.Map;

/**
 * Who the bearer token of a request to an MCP endpoint belongs to, or why it is refused: the static
 * tokens of {@code MCP_AUTH_TOKEN(S)} ({@link AccessTokens}) or OAuth access tokens ({@link
 * JwtAuthenticator}). {@link BearerAuthFilter} reads the header and asks.
 */
interface Authenticator extends AutoCloseable {
    /** The one the configuration chooses: OAuth when it is set, the static tokens otherwise. */
    static Authenticator of(ServerConfig config) {
        return config.oauth()
                .<Authenticator>map(JwtAuthenticator::new)
                .orElseGet(() -> new AccessTokens(config.authTokens()));
    }

    /** Whether every request is admitted, naming no caller: no credentials are configured. */
    boolean admitsEveryone();

    /**
     * The refusal of a request that presented no bearer token, or none in the {@code Bearer
     * <token>} form; {@code problem} says which, for a person to read.
     */
    Outcome withoutToken(String problem);

    /** Who presents this bearer token, or why it is refused. */
    Outcome authenticate(String token);

    /** Releases what checking tokens holds (threads, connections); by default nothing. */
    @Override
    default void close() {}

    /**
     * A caller admitted, or a refusal: its JSON answer and the headers that go with it ({@code
     * WWW-Authenticate}, {@code Retry-After}).
     *
     * @param caller who is calling ({@link io.clgmcp.core.http.HttpAttributes#CALLER}); null when
     *     refused
     */
    record Outcome(String caller, HttpFailure refusal, Map<String, String> headers) {
        public Outcome {
            headers = Map.copyOf(headers);
        }

        static Outcome admit(String caller) {
            return new Outcome(caller, null, Map.of());
        }

        static Outcome refuse(HttpFailure refusal, Map<String, String> headers) {
            return new Outcome(null, refusal, headers);
        }

        boolean admitted() {
            return caller != null;
        }
    }
}
