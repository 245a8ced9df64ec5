import type { FastifyServerOptions } from 'fastify';
import { maskFeedToken } from './routes/calendar-feed.ts';

/** Log options: secrets never reach the log, whatever a route or an error carries. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.accessToken',
        '*.refreshToken',
        '*.access_token',
        '*.refresh_token',
        '*.apiKey',
        '*.private_key',
      ],
      censor: '[redacted]',
    },
    serializers: {
      // Fastify's own request fields, with the secret of a calendar feed address masked.
      req: (request) => ({
        method: request.method,
        url: maskFeedToken(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}
