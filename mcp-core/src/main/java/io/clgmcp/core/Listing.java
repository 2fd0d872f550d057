package io.clgmcp.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.clgmcp.core.internal.Cursors;
import java.util.List;

/**
 * One page of a list result ({@code tools/list}, {@code resources/list}, ...), by opaque cursor.
 */
final class Listing {
    private final String name;
    private final List<JsonObject> items;
    private final int pageSize;

    /**
     * @param name the result's member that holds the items, which also keeps cursors of one list
     *     from being used with another
     */
    Listing(String name, List<JsonObject> items, int pageSize) {
        this.name = name;
        this.items = List.copyOf(items);
        this.pageSize = pageSize;
    }

    /** The page a cursor names (the first page without one). */
    JsonObject page(String cursor) {
        int from = cursor == null ? 0 : Cursors.decode(name, cursor, items.size());
        int to = Math.min(from + pageSize, items.size());
        // Descriptors never change after start-up and responses are only ever written, so pages
        // share them rather than copying them for every request.
        JsonArray page = new JsonArray(to - from);
        items.subList(from, to).forEach(page::add);
        JsonObject result = new JsonObject();
        result.add(name, page);
        if (to < items.size()) {
            result.addProperty("nextCursor", Cursors.encode(name, to));
        }
        return result;
    }
}
