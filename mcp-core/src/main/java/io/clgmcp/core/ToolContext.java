package io.clgmcp.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** What a {@link ToolHandler} gets for one call. */
public interface ToolContext {
    /** The call's arguments, valid against the tool's input schema; a copy the handler may keep. */
    JsonObject arguments();

    /**
     * Tells the caller how far the call has got, as {@code notifications/progress}; does nothing
     * when the caller gave no progress token or its transport cannot carry notifications.
     *
     * @param progress grows with every report
     * @param total the value {@code progress} reaches when done, or null when unknown
     * @param message a short description for a person, or null
     */
    void reportProgress(double progress, Double total, String message);

    /**
     * Whether the client has cancelled this call. A handler doing long work checks it between
     * steps; its thread is also interrupted. A cancelled call's result is never sent.
     */
    boolean isCancelled();

    /**
     * Sends the client a log message ({@code notifications/message}) when it is at least as severe
     * as the level the client asked for with {@code logging/setLevel}.
     *
     * @param logger the name of the part that logs, or null
     */
    void log(LoggingLevel level, String logger, JsonElement data);

    /**
     * Sends the client a request in the course of this call and waits for its result: {@code
     * sampling/createMessage}, {@code elicitation/create}, {@code roots/list}. It travels with the
     * call's own messages (on the call's stream where the transport has one). The wait ends after
     * the server's client-request timeout.
     *
     * @throws ClientRequestException when the client did not declare the capability the method
     *     needs, answered with an error, did not answer in time, or went away
     * @throws InterruptedException when the call is cancelled while it waits
     */
    JsonObject request(String method, JsonObject params)
            throws ClientRequestException, InterruptedException;

    /** Asks the client's model for a completion ({@code sampling/createMessage}). */
    default JsonObject createMessage(JsonObject params)
            throws ClientRequestException, InterruptedException {
        return request("sampling/createMessage", params);
    }

    /** Asks the client's user for input ({@code elicitation/create}). */
    default JsonObject elicit(JsonObject params)
            throws ClientRequestException, InterruptedException {
        return request("elicitation/create", params);
    }

    /** Asks the client which roots (directories, files) it exposes ({@code roots/list}). */
    default JsonObject listRoots() throws ClientRequestException, InterruptedException {
        return request("roots/list", new JsonObject());
    }

    /**
     * Ends the stream carrying this call's messages now, when the transport lets the client resume
     * it (Streamable HTTP, for 2025-11-25 clients): the client reconnects after the announced retry
     * delay and receives the rest, response included. Elsewhere it does nothing.
     */
    void closeStream();
}
