import type { FastifyInstance } from 'fastify';

export interface RunningEmulator {
  url: string;
  app: FastifyInstance;
  close: () => Promise<void>;
}

/** Starts an emulator on loopback; port 0 picks a free one. */
export async function listenEmulator(
  app: FastifyInstance,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningEmulator> {
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { url: `http://${host}:${actualPort}`, app, close: () => app.close() };
}
