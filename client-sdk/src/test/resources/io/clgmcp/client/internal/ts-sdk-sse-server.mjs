// An MCP 2024-11-05 HTTP+SSE server built with the official TypeScript SDK, for LegacySseTransportTest:
// GET /sse opens a stream whose endpoint event names /messages?sessionId=...; POST /messages
// takes the messages; GET /drop ends every open stream, as a server restart would.
// Usage: node ts-sdk-sse-server.mjs <path of node_modules/@modelcontextprotocol/sdk>
// Prints "LISTENING <port>" once it listens on 127.0.0.1.
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const sdk = process.argv[2];
const load = (file) => import(pathToFileURL(path.join(sdk, 'dist/esm', file)).href);
const { Server } = await load('server/index.js');
const { SSEServerTransport } = await load('server/sse.js');
const { CallToolRequestSchema, ListToolsRequestSchema } = await load('types.js');

const transports = new Map();

function mcpServer() {
  const server = new Server(
    { name: 'ts-sdk-sse-test', version: '1.0.0' },
    { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [{
      name: 'echo',
      description: 'Says the text back',
      inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
    }],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const progressToken = request.params._meta?.progressToken;
    if (progressToken !== undefined) {
      await extra.sendNotification({
        method: 'notifications/progress',
        params: { progressToken, progress: 1, total: 1 },
      });
    }
    return { content: [{ type: 'text', text: 'echo: ' + request.params.arguments.text }] };
  });
  return server;
}

const httpServer = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  try {
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new SSEServerTransport('/messages', res);
      transports.set(transport.sessionId, transport);
      res.on('close', () => transports.delete(transport.sessionId));
      await mcpServer().connect(transport);
    } else if (req.method === 'POST' && url.pathname === '/messages') {
      const transport = transports.get(url.searchParams.get('sessionId'));
      if (transport === undefined) {
        res.writeHead(404).end('Session not found');
      } else {
        await transport.handlePostMessage(req, res);
      }
    } else if (req.method === 'GET' && url.pathname === '/drop') {
      const open = [...transports.values()];
      for (const transport of open) {
        await transport.close();
      }
      res.writeHead(200).end(String(open.length));
    } else {
      res.writeHead(404).end('Not found');
    }
  } catch (error) {
    if (!res.headersSent) {
      res.writeHead(500).end(String(error));
    }
  }
});

httpServer.listen(0, '127.0.0.1', () => {
  console.log('LISTENING ' + httpServer.address().port);
});
