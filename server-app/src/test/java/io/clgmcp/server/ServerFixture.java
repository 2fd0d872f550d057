package io.clgmcp.server;

import io.clgmcp.core.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@link TestServer}s for a test and closes them after it, releasing its blocking tools
 * first so that no server waits for a call that cannot end. Register it on an instance field with
 * {@code @RegisterExtension}.
 */
public final class ServerFixture implements AfterEachCallback {
    private final List<TestTools.Blocking> blockingTools = new ArrayList<>();
    private final List<TestServer> servers = new ArrayList<>();

    /** Starts a server with these settings offering these tools, to be closed after the test. */
    public TestServer start(Map<String, String> settings, Tool... tools) throws Exception {
        TestServer server = TestServer.start(settings, tools);
        servers.add(server);
        return server;
    }

    /** A {@code block} tool, to be released after the test before any server closes. */
    public TestTools.Blocking blocking() {
        TestTools.Blocking blocking = new TestTools.Blocking();
        blockingTools.add(blocking);
        return blocking;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        blockingTools.forEach(TestTools.Blocking::release);
        for (TestServer server : servers) {
            server.close();
        }
    }
}
