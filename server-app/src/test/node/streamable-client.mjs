// A client written with the official MCP TypeScript SDK's StreamableHTTPClientTransport (the MCP
// "Streamable HTTP" transport), used by OfficialSdkStreamableClientTest.
//
//   node streamable-client.mjs <base URL> <token> <tool name> <arguments as JSON>
//
// Connects to <base>/mcp with the bearer token, lists the tools, calls the named tool, then ends
// the session with DELETE /mcp (transport.terminateSession()), and prints ONE JSON line
//   {"serverName":...,"tools":[names],"result":<call result>,"sessionId":<Mcp-Session-Id>,
//    "terminated":<true when the DELETE succeeded>,"terminateStatus":<its HTTP status>}
// to stdout and exits 0. The SDK also counts a 405 answer to DELETE as success, hence the status.
// On any error it says why on stderr and exits 1; if it has not finished within
// CLG_STREAMABLE_CLIENT_TIMEOUT_MS (default 30000) milliseconds it exits 2.
// With CLG_STREAMABLE_CLIENT_DEBUG=1 it logs every HTTP exchange (and raw body) to stderr.
// With CLG_STREAMABLE_CLIENT_PROGRESS=1 it calls the tool with an onprogress callback, so the SDK
// sends _meta.progressToken and reads the text/event-stream reply, and the printed line gains
// "progress":[{"progress":...,"total":...,"message":...}...], the progress received, in order.
// The shared part (arguments, output, time-out, logging) is client-common.mjs.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { listAndCall, newClient, runClient } from './client-common.mjs';

runClient('streamable-client', 'CLG_STREAMABLE_CLIENT', async ({ base, token, toolName, toolArguments, progress, log, fetch }) => {
    let terminateStatus = null;
    const recordingFetch = async (url, init) => {
        const response = await fetch(url, init);
        if (init?.method === 'DELETE') {
            terminateStatus = response.status;
        }
        return response;
    };
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', base), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
        fetch: recordingFetch
    });
    const client = newClient();
    transport.onerror = error => log('transport error:', error?.message ?? error);
    try {
        const printed = await listAndCall(client, transport, toolName, toolArguments, progress);
        const sessionId = transport.sessionId ?? null;
        let terminated = false;
        try {
            await transport.terminateSession();
            terminated = true;
        } catch (error) {
            console.error(`streamable-client: terminateSession failed: ${error?.message ?? error}`);
        }
        return { ...printed, sessionId, terminated, terminateStatus };
    } finally {
        await client.close().catch(() => {});
    }
});
