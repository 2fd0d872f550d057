package io.clgmcp.transport.streamable.internal;

import static io.clgmcp.transport.streamable.internal.StreamableHttpServlet.acceptsJsonAndEventStream;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptHeaderTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json, text/event-stream",
                "text/event-stream,application/json",
                "application/json;q=0.9, text/event-stream;q=0.8",
                "*/*",
                "application/*, text/*",
                "APPLICATION/JSON, TEXT/EVENT-STREAM"
            })
    void admitsRangesThatAllowBoth(String accept) {
        assertTrue(acceptsJsonAndEventStream(accept));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {"", "application/json", "text/event-stream", "text/html, application/xml"})
    void refusesRangesThatLackEither(String accept) {
        assertFalse(acceptsJsonAndEventStream(accept));
    }
}
