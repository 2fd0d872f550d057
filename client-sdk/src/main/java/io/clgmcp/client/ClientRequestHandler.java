package io.clgmcp.client;

import com.google.gson.JsonObject;

/**
 * Answers a request the server sends this client: {@code sampling/createMessage}, {@code
 * elicitation/create} or {@code roots/list}. It runs on a client thread, never on a transport's.
 */
@FunctionalInterface
public interface ClientRequestHandler {
    /**
     * @return the request's result
     * @throws Exception to answer with an error; its message goes to the server
     */
    JsonObject handle(JsonObject params) throws Exception;
}
