package io.clgmcp.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A {@link ClientRequestHandler} that gives every request the same answer and keeps its params. */
final class RecordingHandler implements ClientRequestHandler {
    private final BlockingQueue<JsonObject> asked = new LinkedBlockingQueue<>();
    private final JsonObject answer;

    RecordingHandler(JsonObject answer) {
        this.answer = answer;
    }

    /** A handler answering with that JSON object. */
    static RecordingHandler answering(String json) {
        return new RecordingHandler(JsonParser.parseString(json).getAsJsonObject());
    }

    @Override
    public JsonObject handle(JsonObject params) {
        asked.add(params);
        return answer.deepCopy();
    }

    /** The params of the oldest request not taken yet; fails when there is none. */
    JsonObject asked() {
        JsonObject params = asked.poll();
        assertNotNull(params, "the handler was not asked");
        return params;
    }
}
