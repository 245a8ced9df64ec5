import type { FastifyInstance } from 'fastify';
import { createAddOn } from './add-ons.ts';
import type { LagoContext } from './context.ts';
import { notFound, requireRoot } from './errors.ts';
import { serializeAddOn } from './serializers.ts';

export function registerAddOnRoutes(app: FastifyInstance, { state }: LagoContext): void {
  app.post('/api/v1/add_ons', async (request) => {
    return { add_on: serializeAddOn(createAddOn(state, requireRoot(request.body, 'add_on'))) };
  });

  app.get<{ Params: { code: string } }>('/api/v1/add_ons/:code', async (request) => {
    const addOn = state.addOns.get(request.params.code);
    if (!addOn) throw notFound('add_on');
    return { add_on: serializeAddOn(addOn) };
  });
}
