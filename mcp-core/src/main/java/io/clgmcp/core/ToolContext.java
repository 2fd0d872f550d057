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
}
