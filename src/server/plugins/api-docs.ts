import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the route schemas, served at /api/docs (JSON at /api/docs/json). */
export const apiDocsPlugin = fp(
  async (app: FastifyInstance, options: { publicUrl: string }) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Rendezvous API',
          version: '1.0.0',
          description:
            'Appointments for small practices, kept in step with Google Calendar and Outlook. ' +
            'Every response is an envelope: `{ success: true, data }` or ' +
            '`{ success: false, error: { code, message, details, requestId } }`.',
        },
        servers: [{ url: options.publicUrl }],
        components: {
          securitySchemes: {
            sessionCookie: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' },
            assistantKey: {
              type: 'http',
              scheme: 'bearer',
              description: 'A voice assistant API key created under /admin/assistants (shown once).',
            },
          },
        },
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  },
  { name: 'api-docs' },
);
