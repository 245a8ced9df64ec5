import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy in front of the Lago emulator that can fail the way networks do:
 * `loseAnswerTo(method, path)` forwards the next matching request — so Lago carries it out — and
 * then cuts the connection instead of answering; `goDown()` stops accepting connections at all
 * (connection refused) until `comeBack()`, on the same port.
 */
export async function startFlakyNetwork(targetUrl: string) {
  let losing: { method: string; path: string } | null = null;
  let server: Server | undefined;
  let port = 0;

  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const listen = async () => {
    server = createServer(async (request, response) => {
      const body = await readBody(request);
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept']) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(`${targetUrl}${request.url}`, {
        method: request.method,
        headers,
        body: body.length > 0 ? body : undefined,
      });
      const answerBody = Buffer.from(await answer.arrayBuffer());
      const path = (request.url ?? '').split('?')[0];
      if (losing && losing.method === request.method && losing.path === path) {
        losing = null;
        request.socket.destroy();
        return;
      }
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'text/plain',
      });
      response.end(answerBody);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server!.address() as AddressInfo).port;
  };

  const close = async () => {
    if (!server) return;
    const closing = server;
    server = undefined;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    loseAnswerTo: (method: string, path: string) => {
      losing = { method, path };
    },
    goDown: close,
    comeBack: listen,
    close,
  };
}
