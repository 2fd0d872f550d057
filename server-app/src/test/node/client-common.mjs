// What sse-client.mjs and streamable-client.mjs share: the argument and output contract, the
// bounded run time, and a fetch that logs every HTTP exchange on demand.
//
//   node <script> <base URL> <token> <tool name> <arguments as JSON>
//
// runClient(name, envPrefix, connectAndCall) parses those arguments, arms a timer that exits 2
// after <envPrefix>_TIMEOUT_MS (default 30000) milliseconds, and runs connectAndCall({ base, token,
// toolName, toolArguments, progress, log, fetch }). Whatever object that resolves to is printed to
// stdout as ONE JSON line and the process exits 0; on any error it says why on stderr and exits 1.
// With <envPrefix>_DEBUG=1 the fetch it passes logs every HTTP exchange (and raw body) to stderr.
// With <envPrefix>_PROGRESS=1, progress is true: listAndCall then calls the tool with an
// onprogress callback (so the SDK sends a progressToken) and its output gains
// "progress":[{progress,total,message}...], the notifications/progress received, in order.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';

function headersForLog(headers) {
    const entries = Object.fromEntries(new Headers(headers ?? {}).entries());
    if (entries.authorization) {
        entries.authorization = 'Bearer <redacted>';
    }
    return JSON.stringify(entries);
}

function loggingFetchFor(debug, log) {
    // The fetch the transport uses for every request: plain fetch, logged on demand.
    return async function loggingFetch(url, init) {
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
    };
}

/** A client of the official SDK, named as the tests expect. */
export function newClient() {
    return new Client({ name: 'clg-mcp-official-sdk-test', version: '1.0.0' });
}

/**
 * Connects, lists the tools and calls one; what both scripts print, before any extras. With
 * progress, the call asks for progress and what it printed includes the progress received.
 */
export async function listAndCall(client, transport, toolName, toolArguments, progress = false) {
    await client.connect(transport);
    const serverName = client.getServerVersion()?.name;
    const { tools } = await client.listTools();
    const params = { name: toolName, arguments: toolArguments };
    if (!progress) {
        const result = await client.callTool(params);
        return { serverName, tools: tools.map(tool => tool.name), result };
    }
    const received = [];
    const onprogress = ({ progress: done, total, message }) => {
        received.push({ progress: done, total: total ?? null, message: message ?? null });
    };
    const result = await client.callTool(params, undefined, { onprogress });
    return { serverName, tools: tools.map(tool => tool.name), result, progress: received };
}

export function runClient(name, envPrefix, connectAndCall) {
    const timeoutMs = Number(process.env[`${envPrefix}_TIMEOUT_MS`] ?? 30000);
    const debug = process.env[`${envPrefix}_DEBUG`] === '1';
    const progress = process.env[`${envPrefix}_PROGRESS`] === '1';
    const log = (...parts) => {
        if (debug) {
            console.error(`${name}:`, ...parts);
        }
    };
    const timer = setTimeout(() => {
        console.error(`${name}: no answer within ${timeoutMs} ms`);
        process.exit(2);
    }, timeoutMs);

    const run = async argv => {
        if (argv.length !== 4) {
            throw new Error(`usage: node ${name}.mjs <base URL> <token> <tool name> <arguments as JSON>`);
        }
        const [base, token, toolName, argumentsJson] = argv;
        const toolArguments = JSON.parse(argumentsJson);
        return connectAndCall({
            base,
            token,
            toolName,
            toolArguments,
            progress,
            log,
            fetch: loggingFetchFor(debug, log)
        });
    };

    run(process.argv.slice(2)).then(
        printed => {
            clearTimeout(timer);
            process.stdout.write(`${JSON.stringify(printed)}\n`, () => process.exit(0));
        },
        error => {
            const code = error?.code !== undefined ? ` (code ${error.code})` : '';
            console.error(`${name}: ${error?.stack ?? error}${code}`);
            process.exit(1);
        }
    );
}
