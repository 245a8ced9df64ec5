import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BillingContext } from '../../billing/billing-context.ts';
import { listPayments } from '../../billing/list-payments.ts';
import { payAppointment } from '../../billing/pay-appointment.ts';
import { paymentSchema, payResultSchema } from '../../shared/billing.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

const idParams = z.strictObject({ id: z.string().max(100) });

/** Optional: a Pay request needs no body. */
const payBody = z
  .strictObject({
    askProviderAgain: z
      .boolean()
      .optional()
      .describe(
        'Staff only (403 for a client): after the provider refused the client, send them to it ' +
          'again now, e.g. once its settings in Lago are fixed, without waiting for the hour.',
      ),
  })
  .optional();

/** Paying an appointment through Lago, and the payments page. */
export async function paymentRoutes(app: FastifyInstance, options: { billing: BillingContext }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { billing } = options;
  const guard = app.requireUser;
  const tags = ['payments'];

  typed.post(
    '/api/appointments/:id/pay',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Create (or return) the Lago invoice of a paid appointment',
        description:
          'The appointment’s client or staff. The first call creates a one-off Lago invoice for ' +
          'the price; later calls return the same invoice. `paymentUrl` is the checkout page of ' +
          'the payment provider Lago links the client to (LAGO_PAYMENT_PROVIDER), made anew on ' +
          'each call; null when the invoice cannot be paid online, and then `paymentUrlPending` ' +
          'says whether asking again in a few seconds will give it (Lago is still creating the ' +
          'client at the provider), or `providerRefusal` that the provider refused to register ' +
          'the client (its message for staff only; Lago tries again once the client’s details ' +
          'change, an hour later, or when staff send `askProviderAgain`). 422 NOT_PAYABLE for free, zero-price ' +
          'or cancelled appointments; 409 ALREADY_PAID; 409 PAYMENT_IN_PROGRESS while another ' +
          'call is creating the invoice; 502 PAYMENT_PROVIDER_UNAVAILABLE when Lago is down ' +
          '(nothing charged; try again: an invoice issued before Lago failed to give its payment ' +
          'page is answered again by the next call); 503 PAYMENTS_NOT_CONFIGURED without LAGO_API_KEY.',
        params: idParams,
        body: payBody,
        response: {
          200: successEnvelope(payResultSchema),
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          404: apiErrorSchema,
          409: apiErrorSchema,
          422: apiErrorSchema,
          502: apiErrorSchema,
          503: apiErrorSchema,
        },
      },
    },
    async (request) =>
      ok(await payAppointment(billing, userCaller(request), request.params.id, request.body ?? {})),
  );

  typed.get(
    '/api/payments',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Paid-type appointments with their invoice and payment state, latest first',
        description: 'Clients see their own; owners and admins their practice’s.',
        response: { 200: successEnvelope(z.array(paymentSchema)), 401: apiErrorSchema },
      },
    },
    async (request) => ok(await listPayments(billing.db, userCaller(request))),
  );
}
