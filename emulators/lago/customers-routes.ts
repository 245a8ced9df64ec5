import type { FastifyInstance } from 'fastify';
import type { LagoContext } from './context.ts';
import { settleProviderCustomers, upsertCustomer } from './customers.ts';
import { notFound, requireRoot } from './errors.ts';
import { serializeCustomer, serializeCustomerWithIncludes } from './serializers.ts';

export function registerCustomerRoutes(app: FastifyInstance, context: LagoContext): void {
  const { state, webhooks } = context;

  // Create or update by external_id; always 200 (lago-openapi "Customer created or updated").
  app.post('/api/v1/customers', async (request) => {
    const { customer, isNew } = upsertCustomer(state, requireRoot(request.body, 'customer'));
    settleProviderCustomers(state, webhooks);
    // webhooks/customers/{created,updated}_service.rb: integration_customers is the only include.
    webhooks.emit(isNew ? 'customer.created' : 'customer.updated', 'customer', {
      ...serializeCustomer(state, customer),
      integration_customers: [],
    });
    return { customer: serializeCustomerWithIncludes(state, customer) };
  });

  app.get<{ Params: { external_id: string } }>('/api/v1/customers/:external_id', async (request) => {
    const customer = state.customers.get(request.params.external_id);
    if (!customer) throw notFound('customer');
    return { customer: serializeCustomerWithIncludes(state, customer) };
  });
}
