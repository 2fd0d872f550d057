package io.clgmcp.server.streamable;

import static io.clgmcp.server.ClientAskingTools.OTHER;
import static io.clgmcp.server.ClientAskingTools.WATCHED;
import static io.clgmcp.server.ClientAskingTools.resource;
import static io.clgmcp.server.streamable.StreamClient.PREVIOUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.RawHttp;
import io.clgmcp.server.ResourceServers;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import io.clgmcp.server.streamable.StreamClient.Event;
import io.clgmcp.server.streamable.StreamClient.Events;
import io.clgmcp.server.streamable.StreamClient.Session;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that opens its session's {@code GET /mcp} stream and never reads it while the server
 * pushes far more than socket buffers hold: the server cuts that stream off once what waits for the
 * client passes the stream's bound, instead of holding ever more of it, and serves every other
 * client meanwhile. The session itself lives on, for the client to resume.
 */
@Timeout(120)
class StreamableStalledReaderTest {
    /** About 130 bytes each: some 26 MB, far more than loopback socket buffers hold. */
    private static final int UPDATES = 200_000;

    @RegisterExtension final ResourceServers servers = new ResourceServers();
    private StreamClient client;

    @AfterEach
    void closeStreams() {
        // Runs before ResourceServers closes the server.
        if (client != null) {
            client.close();
        }
    }

    @Test
    void cutsOffAGetStreamWhoseClientStoppedReadingWithoutDelayingOthers() throws Exception {
        ResourceServers.Started server =
                servers.start(
                        Map.of(), List.of(resource(WATCHED), resource(OTHER)), TestTools.echo());
        client = new StreamClient(server.uri());
        Session stalled = client.open(PREVIOUS);
        subscribe(stalled, WATCHED);
        Session reader = client.open(PREVIOUS);
        subscribe(reader, OTHER);
        Events readerStream = client.listen(reader);
        readerStream.awaitOpen();

        try (RawHttp raw = RawHttp.connect(server.uri(), 4096)) {
            raw.send(
                    "GET",
                    McpHttp.PATH,
                    null,
                    "Accept",
                    StreamClient.EVENT_STREAM,
                    McpHttp.SESSION_HEADER,
                    stalled.id(),
                    McpHttp.VERSION_HEADER,
                    PREVIOUS);
            assertEquals("200", raw.await(Pattern.compile("HTTP/1.1 (\\d+)[^\\n]*\\n")));
            // From here on the stream is not read until the end.
            for (int i = 0; i < UPDATES; i++) {
                server.mcp().resourceUpdated(WATCHED);
            }

            assertEquals(1, server.mcp().resourceUpdated(OTHER));
            Event updated = readerStream.nextMessage();
            assertEquals(OTHER, updated.json().getAsJsonObject("params").get("uri").getAsString());
            Reply echo = client.post(reader, McpHttp.echo(5, "still served"));
            assertEquals("echo: still served", McpHttp.toolText(echo, 5));
            // Reading again, the stalled client finds its stream ended, not still open.
            assertTrue(raw.readToEnd(), "the stalled stream was still open");
        }
        Reply pong = client.post(stalled, McpHttp.ping(7));
        assertEquals(new JsonObject(), McpHttp.result(pong, 7));
    }

    private void subscribe(Session session, String uri) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);
        Reply subscribed = client.post(session, McpHttp.request(2, "resources/subscribe", params));
        assertEquals(new JsonObject(), McpHttp.result(subscribed, 2));
    }
}
