import type { FastifyInstance } from 'fastify';
import type { LagoContext } from './context.ts';
import { requireRoot, validationFailed } from './errors.ts';
import {
  createOneOffInvoice,
  findInvoice,
  invoicePaymentDetails,
  listInvoices,
  paymentStatusSchema,
  updatePaymentStatus,
  voidInvoice,
} from './invoices.ts';
import { serializeInvoice } from './serializers.ts';

type ById = { Params: { lago_id: string } };

export function registerInvoiceRoutes(app: FastifyInstance, context: LagoContext): void {
  const { state } = context;

  // One-off invoice: answers at once, the webhook follows in the background.
  app.post('/api/v1/invoices', async (request) => {
    const invoice = createOneOffInvoice(context, requireRoot(request.body, 'invoice'));
    return { invoice: serializeInvoice(state, invoice) };
  });

  // The list renders invoices without their fees (lago-openapi InvoicesPaginated → InvoiceObject:
  // customer, metadata and applied_taxes; fees only come with GET /invoices/:lago_id).
  app.get('/api/v1/invoices', async (request) => {
    const { invoices, meta } = listInvoices(state, request.query);
    return {
      invoices: invoices.map((invoice) =>
        serializeInvoice(state, invoice, ['customer', 'metadata', 'applied_taxes']),
      ),
      meta,
    };
  });

  app.get<ById>('/api/v1/invoices/:lago_id', async (request) => {
    return { invoice: serializeInvoice(state, findInvoice(state, request.params.lago_id)) };
  });

  app.post<ById>('/api/v1/invoices/:lago_id/payment_url', async (request) => {
    return { invoice_payment_details: invoicePaymentDetails(context, request.params.lago_id) };
  });

  app.post<ById>('/api/v1/invoices/:lago_id/void', async (request) => {
    return { invoice: serializeInvoice(state, voidInvoice(context, request.params.lago_id)) };
  });

  // Lago's own way to record an out-of-band payment: PUT {"invoice":{"payment_status":"succeeded"}}
  // (InvoicesController#update, webhook_notification: true → invoice.payment_status_updated).
  app.put<ById>('/api/v1/invoices/:lago_id', async (request) => {
    const invoice = findInvoice(state, request.params.lago_id);
    const input = requireRoot(request.body, 'invoice');
    if (input.payment_status !== undefined) {
      const status = paymentStatusSchema.safeParse(input.payment_status);
      if (!status.success) throw validationFailed({ payment_status: ['value_is_invalid'] });
      updatePaymentStatus(context, invoice, status.data);
    }
    return { invoice: serializeInvoice(state, invoice) };
  });
}
