package io.clgmcp.client.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.ContentBlock;
import io.clgmcp.core.Prompt;
import io.clgmcp.core.ResourceContents;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the protocol's JSON shapes (content blocks, resource contents, prompt messages) into core's
 * records, leniently: a field this client does not know is ignored, a missing optional one is null,
 * and a block of a type it does not know is kept as text of its JSON.
 */
public final class ResultParser {
    private ResultParser() {}

    public static List<ContentBlock> blocks(JsonElement json) {
        List<ContentBlock> blocks = new ArrayList<>();
        if (json instanceof JsonArray array) {
            for (JsonElement element : array) {
                if (element instanceof JsonObject block) {
                    blocks.add(block(block));
                }
            }
        }
        return blocks;
    }

    public static ContentBlock block(JsonObject json) {
        String type = string(json, "type");
        try {
            switch (type == null ? "" : type) {
                case "text":
                    return new ContentBlock.Text(string(json, "text"));
                case "image":
                    return new ContentBlock.Image(string(json, "data"), string(json, "mimeType"));
                case "audio":
                    return new ContentBlock.Audio(string(json, "data"), string(json, "mimeType"));
                case "resource":
                    return new ContentBlock.EmbeddedResource(
                            contents(json.getAsJsonObject("resource")));
                case "resource_link":
                    return new ContentBlock.ResourceLink(
                            string(json, "uri"),
                            string(json, "name"),
                            string(json, "description"),
                            string(json, "mimeType"));
                default:
                    return new ContentBlock.Text(json.toString());
            }
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            return new ContentBlock.Text(json.toString());
        }
    }

    public static List<ResourceContents> contentsList(JsonElement json) {
        List<ResourceContents> contents = new ArrayList<>();
        if (json instanceof JsonArray array) {
            for (JsonElement element : array) {
                if (element instanceof JsonObject each) {
                    contents.add(contents(each));
                }
            }
        }
        return contents;
    }

    public static ResourceContents contents(JsonObject json) {
        return new ResourceContents(
                string(json, "uri"),
                string(json, "mimeType"),
                string(json, "text"),
                string(json, "blob"));
    }

    public static Prompt.Message message(JsonObject json) {
        Prompt.Role role =
                "assistant".equals(string(json, "role")) ? Prompt.Role.ASSISTANT : Prompt.Role.USER;
        JsonElement content = json.get("content");
        return new Prompt.Message(
                role,
                content instanceof JsonObject block ? block(block) : new ContentBlock.Text(""));
    }

    /** A string member, or null when it is absent or not a string. */
    public static String string(JsonObject json, String name) {
        return json != null && json.get(name) instanceof JsonPrimitive value && value.isString()
                ? value.getAsString()
                : null;
    }

    /** An object member, or null. */
    public static JsonObject object(JsonObject json, String name) {
        return json != null && json.get(name) instanceof JsonObject value ? value : null;
    }
}
