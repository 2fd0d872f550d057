package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of {@link ContentBlock} as a tool result carries it, and what each one requires. */
@Timeout(30)
class ContentBlocksTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);
    private static final byte[] BYTES = {0, 1, 2, (byte) 0xff};

    @Test
    void writesEveryKindOfContentBlockInAToolResultAsTheWireSpellsIt() throws Exception {
        List<ContentBlock> blocks =
                List.of(
                        ContentBlock.Image.of(BYTES, "image/png"),
                        ContentBlock.Audio.of(BYTES, "audio/wav"),
                        new ContentBlock.EmbeddedResource(
                                ResourceContents.text("test://note", "text/plain", "A note")),
                        new ContentBlock.EmbeddedResource(
                                ResourceContents.blob("test://scan", "image/tiff", BYTES)),
                        new ContentBlock.ResourceLink(
                                "test://census/1881", "census-1881", "The 1881 census", "text/csv"),
                        new ContentBlock.ResourceLink("test://bare", "bare", null, null));
        try (McpServer server =
                McpServer.builder()
                        .serverInfo(INFO)
                        .tool(
                                Tool.builder("media")
                                        .description("Returns one block of each kind")
                                        .inputSchema("{\"type\":\"object\"}")
                                        .handler(context -> new ToolResult(blocks, null, false))
                                        .build())
                        .build()) {
            var result =
                    resultOf(
                            RecordingSink.exchange(
                                    server,
                                    Session.ephemeral(),
                                    request(1, "tools/call", "{\"name\":\"media\"}")));

            assertEquals(
                    JsonParser.parseString(
                            "{\"content\":["
                                    + "{\"type\":\"image\",\"data\":\"AAEC/w==\","
                                    + "\"mimeType\":\"image/png\"},"
                                    + "{\"type\":\"audio\",\"data\":\"AAEC/w==\","
                                    + "\"mimeType\":\"audio/wav\"},"
                                    + "{\"type\":\"resource\",\"resource\":{\"uri\":\"test://note\","
                                    + "\"mimeType\":\"text/plain\",\"text\":\"A note\"}},"
                                    + "{\"type\":\"resource\",\"resource\":{\"uri\":\"test://scan\","
                                    + "\"mimeType\":\"image/tiff\",\"blob\":\"AAEC/w==\"}},"
                                    + "{\"type\":\"resource_link\",\"uri\":\"test://census/1881\","
                                    + "\"name\":\"census-1881\","
                                    + "\"description\":\"The 1881 census\","
                                    + "\"mimeType\":\"text/csv\"},"
                                    + "{\"type\":\"resource_link\",\"uri\":\"test://bare\","
                                    + "\"name\":\"bare\"}],"
                                    + "\"isError\":false}"),
                    result);
        }
    }

    @Test
    void encodesBinaryContentInStandardBase64() {
        byte[] bytes = "\u00fb\u00ef".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals("++8=", ContentBlock.Image.of(bytes, "image/png").data());
        assertEquals("++8=", ContentBlock.Audio.of(bytes, "audio/wav").data());
        assertEquals("++8=", ResourceContents.blob("test://b", null, bytes).blob());
    }

    @ParameterizedTest
    @MethodSource("incompleteBlocks")
    void refusesABlockMissingWhatItNeeds(Executable construction) {
        assertThrows(IllegalArgumentException.class, construction);
    }

    static Stream<Named<Executable>> incompleteBlocks() {
        return Stream.of(
                Named.of("text without text", () -> new ContentBlock.Text(null)),
                Named.of("image without data", () -> new ContentBlock.Image(null, "image/png")),
                Named.of("image without type", () -> new ContentBlock.Image("AAEC", null)),
                Named.of("audio without data", () -> new ContentBlock.Audio(null, "audio/wav")),
                Named.of("audio without type", () -> new ContentBlock.Audio("AAEC", null)),
                Named.of(
                        "embedded without contents", () -> new ContentBlock.EmbeddedResource(null)),
                Named.of(
                        "link without uri",
                        () -> new ContentBlock.ResourceLink(null, "n", null, null)),
                Named.of(
                        "link without name",
                        () -> new ContentBlock.ResourceLink("test://x", null, null, null)));
    }

    @ParameterizedTest
    @MethodSource("invalidContents")
    void refusesResourceContentsWithoutExactlyOneOfTextOrBlob(Executable construction) {
        assertThrows(IllegalArgumentException.class, construction);
    }

    static Stream<Named<Executable>> invalidContents() {
        return Stream.of(
                Named.of(
                        "neither text nor blob",
                        () -> new ResourceContents("test://x", "text/plain", null, null)),
                Named.of(
                        "both text and blob",
                        () -> new ResourceContents("test://x", "text/plain", "hi", "aGk=")),
                Named.of("no uri", () -> new ResourceContents(null, "text/plain", "hi", null)));
    }

    @Test
    void buildsTextOrBlobContentsWithTheOtherLeftOut() {
        ResourceContents text = ResourceContents.text("test://t", "text/plain", "");
        ResourceContents blob = ResourceContents.blob("test://b", null, new byte[0]);

        assertEquals("", text.text());
        assertNull(text.blob());
        assertEquals("", blob.blob());
        assertNull(blob.text());
        assertNull(blob.mimeType());
    }
}
