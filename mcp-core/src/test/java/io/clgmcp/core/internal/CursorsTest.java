package io.clgmcp.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {

    @Test
    void decodesTheOffsetItEncoded() {
        assertEquals(4, Cursors.decode("tools", Cursors.encode("tools", 4), 5));
    }

    @Test
    void issuesCursorsThatDoNotShowTheOffset() {
        String cursor = Cursors.encode("tools", 4);

        assertFalse(cursor.contains("4"), cursor);
        assertFalse(cursor.contains("tools"), cursor);
    }

    @Test
    void refusesCursorForAnotherList() {
        assertInvalid(Cursors.encode("resources", 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 6, -1, Integer.MAX_VALUE})
    void refusesCursorOutsideTheList(int offset) {
        assertInvalid(Cursors.encode("tools", offset));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage!!", "%%%", "dG9vbHM6", "dG9vbHM6YWJj", "2"})
    void refusesCursorsItDidNotIssue(String cursor) {
        assertInvalid(cursor);
    }

    private static void assertInvalid(String cursor) {
        McpException failure =
                assertThrows(McpException.class, () -> Cursors.decode("tools", cursor, 5));
        assertEquals(ErrorCode.INVALID_PARAMS, failure.code(), () -> "for cursor " + cursor);
    }
}
