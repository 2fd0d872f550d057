// A client written with the official MCP TypeScript SDK's SSEClientTransport (the MCP 2024-11-05
// "HTTP with SSE" transport), used by OfficialSdkSseClientTest.
//
//   node sse-client.mjs <base URL> <token> <tool name> <arguments as JSON>
//
// Connects to <base>/sse with the bearer token, lists the tools, calls the named tool, prints ONE
// JSON line {"serverName":...,"tools":[names],"result":<call result>} to stdout and exits 0.
// On any error it says why on stderr and exits 1; if it has not finished within
// CLG_SSE_CLIENT_TIMEOUT_MS (default 30000) milliseconds it exits 2.
// With CLG_SSE_CLIENT_DEBUG=1 it logs every HTTP exchange (and the raw event stream) to stderr.
// The shared part (arguments, output, time-out, logging) is client-common.mjs.
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { listAndCall, newClient, runClient } from './client-common.mjs';

runClient('sse-client', 'CLG_SSE_CLIENT', async ({ base, token, toolName, toolArguments, log, fetch }) => {
    // In this SDK version requestInit.headers go on the request that opens the stream as well as on
    // every POST (SSEClientTransport._commonHeaders), so no eventSourceInit is needed for the token.
    const transport = new SSEClientTransport(new URL('/sse', base), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
        fetch
    });
    const client = newClient();
    transport.onerror = error => log('transport error:', error?.message ?? error);
    try {
        return await listAndCall(client, transport, toolName, toolArguments);
    } finally {
        await client.close().catch(() => {});
    }
});
