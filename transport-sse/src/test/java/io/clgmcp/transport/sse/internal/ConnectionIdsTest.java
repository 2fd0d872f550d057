package io.clgmcp.transport.sse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConnectionIdsTest {
    private static final Pattern SHAPE = Pattern.compile("conn_(\\d+)_([0-9a-f]{32})");

    @Test
    void keepsTheGuidesShapeWith128RandomBits() {
        long before = System.currentTimeMillis();

        var id = SHAPE.matcher(ConnectionIds.next());

        assertTrue(id.matches(), id::toString);
        assertTrue(Long.parseLong(id.group(1)) >= before);
    }

    @Test
    void neverRepeatsItself() {
        Set<String> randomParts = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            var id = SHAPE.matcher(ConnectionIds.next());
            assertTrue(id.matches());
            randomParts.add(id.group(2));
        }
        assertEquals(10_000, randomParts.size());
    }
}
