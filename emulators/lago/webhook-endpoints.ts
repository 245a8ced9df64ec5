import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { detailsFromZod, validationFailed } from './errors.ts';
import type { LagoState, WebhookEndpointRecord } from './state.ts';

/**
 * Webhook endpoints (lago-openapi WebhookEndpointCreateInput): each event goes to every endpoint,
 * signed per endpoint with its `signature_algo`, which defaults to jwt as in Lago.
 */
export const webhookEndpointInputSchema = z.object({
  webhook_url: z.string(),
  signature_algo: z.enum(['jwt', 'hmac']).default('jwt'),
  name: z.string().nullish(),
  event_types: z.array(z.string()).nullish(),
});

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export function createWebhookEndpoint(state: LagoState, body: unknown): WebhookEndpointRecord {
  const parsed = webhookEndpointInputSchema.safeParse(body);
  if (!parsed.success) throw validationFailed(detailsFromZod(parsed.error));
  const input = parsed.data;
  if (!isHttpUrl(input.webhook_url)) throw validationFailed({ webhook_url: ['url_is_invalid'] });
  if (state.webhookEndpoints.some((endpoint) => endpoint.url === input.webhook_url)) {
    throw validationFailed({ webhook_url: ['value_already_exist'] });
  }
  const endpoint: WebhookEndpointRecord = {
    lagoId: randomUUID(),
    url: input.webhook_url,
    signatureAlgo: input.signature_algo,
    name: input.name ?? null,
    eventTypes: input.event_types ?? null,
    createdAt: state.now(),
  };
  state.webhookEndpoints.push(endpoint);
  return endpoint;
}
