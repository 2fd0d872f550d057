package io.clgmcp.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** Content blocks and resource contents as the wire spells them. */
final class ContentJson {
    private ContentJson() {}

    static JsonArray blocks(List<ContentBlock> blocks) {
        JsonArray json = new JsonArray(blocks.size());
        blocks.forEach(block -> json.add(block(block)));
        return json;
    }

    static JsonObject block(ContentBlock block) {
        JsonObject json = new JsonObject();
        if (block instanceof ContentBlock.Text text) {
            json.addProperty("type", "text");
            json.addProperty("text", text.text());
        } else if (block instanceof ContentBlock.Image image) {
            binary(json, "image", image.data(), image.mimeType());
        } else if (block instanceof ContentBlock.Audio audio) {
            binary(json, "audio", audio.data(), audio.mimeType());
        } else if (block instanceof ContentBlock.EmbeddedResource embedded) {
            json.addProperty("type", "resource");
            json.add("resource", contents(embedded.resource()));
        } else {
            ContentBlock.ResourceLink link = (ContentBlock.ResourceLink) block;
            json.addProperty("type", "resource_link");
            json.addProperty("uri", link.uri());
            json.addProperty("name", link.name());
            addIfPresent(json, "description", link.description());
            addIfPresent(json, "mimeType", link.mimeType());
        }
        return json;
    }

    private static void binary(JsonObject json, String type, String data, String mimeType) {
        json.addProperty("type", type);
        json.addProperty("data", data);
        json.addProperty("mimeType", mimeType);
    }

    static JsonArray contents(List<ResourceContents> contents) {
        JsonArray json = new JsonArray(contents.size());
        contents.forEach(each -> json.add(contents(each)));
        return json;
    }

    static JsonObject contents(ResourceContents contents) {
        JsonObject json = new JsonObject();
        json.addProperty("uri", contents.uri());
        addIfPresent(json, "mimeType", contents.mimeType());
        addIfPresent(json, "text", contents.text());
        addIfPresent(json, "blob", contents.blob());
        return json;
    }

    static void addIfPresent(JsonObject json, String name, String value) {
        if (value != null) {
            json.addProperty(name, value);
        }
    }
}
