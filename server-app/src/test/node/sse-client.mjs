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
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

const timeoutMs = Number(process.env.CLG_SSE_CLIENT_TIMEOUT_MS ?? 30000);
const debug = process.env.CLG_SSE_CLIENT_DEBUG === '1';

const timer = setTimeout(() => {
    console.error(`sse-client: no answer within ${timeoutMs} ms`);
    process.exit(2);
}, timeoutMs);

function log(...parts) {
    if (debug) {
        console.error('sse-client:', ...parts);
    }
}

function headersForLog(headers) {
    const entries = Object.fromEntries(new Headers(headers ?? {}).entries());
    if (entries.authorization) {
        entries.authorization = 'Bearer <redacted>';
    }
    return JSON.stringify(entries);
}

// The fetch the transport uses for the stream and for every POST: plain fetch, logged on demand.
async function loggingFetch(url, init) {
    log('>>', init?.method ?? 'GET', String(url), headersForLog(init?.headers), init?.body ?? '');
    const response = await fetch(url, init);
    log('<<', response.status, String(url), headersForLog(response.headers));
    if (!debug || !response.body) {
        return response;
    }
    const [forClient, forLog] = response.body.tee();
    (async () => {
        const decoder = new TextDecoder();
        try {
            for await (const chunk of forLog) {
                log('<< body', JSON.stringify(decoder.decode(chunk, { stream: true })));
            }
        } catch (error) {
            log('<< body ended:', error?.message ?? error);
        }
    })();
    return new Response(forClient, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers
    });
}

async function main(argv) {
    if (argv.length !== 4) {
        throw new Error('usage: node sse-client.mjs <base URL> <token> <tool name> <arguments as JSON>');
    }
    const [base, token, toolName, argumentsJson] = argv;
    const toolArguments = JSON.parse(argumentsJson);

    // In this SDK version requestInit.headers go on the request that opens the stream as well as on
    // every POST (SSEClientTransport._commonHeaders), so no eventSourceInit is needed for the token.
    const transport = new SSEClientTransport(new URL('/sse', base), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
        fetch: loggingFetch
    });
    const client = new Client({ name: 'clg-mcp-official-sdk-test', version: '1.0.0' });
    transport.onerror = error => log('transport error:', error?.message ?? error);
    try {
        await client.connect(transport);
        const serverName = client.getServerVersion()?.name;
        const { tools } = await client.listTools();
        const result = await client.callTool({ name: toolName, arguments: toolArguments });
        process.stdout.write(`${JSON.stringify({ serverName, tools: tools.map(tool => tool.name), result })}\n`);
    } finally {
        await client.close().catch(() => {});
    }
}

main(process.argv.slice(2)).then(
    () => {
        clearTimeout(timer);
        process.exit(0);
    },
    error => {
        const code = error?.code !== undefined ? ` (code ${error.code})` : '';
        console.error(`sse-client: ${error?.stack ?? error}${code}`);
        process.exit(1);
    }
);
