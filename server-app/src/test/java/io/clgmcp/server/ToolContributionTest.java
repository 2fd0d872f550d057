package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ToolContributionTest {
    @Test
    void refusesToStartWhenTwoModulesContributeTheSameToolName() {
        Exception e =
                assertThrows(
                        Exception.class,
                        () ->
                                TestServer.startWithModules(
                                                Map.of(),
                                                TestServer.toolsModule(
                                                        TestTools.named("twin_tool", "the first")),
                                                TestServer.toolsModule(
                                                        TestTools.named("twin_tool", "the second")))
                                        .close());

        assertTrue(e.getMessage().contains("twin_tool"), e::getMessage);
    }

    @Test
    void startsWithToolsFromSeveralModules() throws Exception {
        try (TestServer server =
                TestServer.startWithModules(
                        Map.of(),
                        TestServer.toolsModule(TestTools.named("left_tool", "left")),
                        TestServer.toolsModule(TestTools.named("right_tool", "right")))) {
            String tools =
                    server.rpc(null, "tools/list", null)
                            .result()
                            .getAsJsonArray("tools")
                            .toString();

            assertTrue(tools.contains("left_tool") && tools.contains("right_tool"), tools);
        }
    }
}
