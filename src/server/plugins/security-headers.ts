import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Helmet's headers with a CSP the SPA and the API docs live within; CORS only for ALLOWED_ORIGINS. */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, options: { allowedOrigins: string[] }) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // React and the calendar set style attributes; the API docs page inlines its styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    });
    // Same-origin by default: with no ALLOWED_ORIGINS, no CORS headers are sent at all.
    await app.register(cors, {
      origin: options.allowedOrigins.length > 0 ? options.allowedOrigins : false,
      credentials: true,
    });
  },
  { name: 'security-headers' },
);
