import type { FastifyInstance } from 'fastify';
import type { LagoContext } from './context.ts';
import { CARD_DECLINED, setPaymentStatus } from './invoices.ts';
import type { InvoiceRecord } from './state.ts';

/**
 * The page a payment URL leads to (`POST /invoices/:lago_id/payment_url`). With real Lago it is
 * the payment provider's hosted checkout (a Stripe Checkout session); here the emulator plays
 * the provider: paying or declining sets the invoice's payment status, which sends Lago's
 * `invoice.payment_status_updated` webhook, as a real payment would. After a payment the page
 * redirects to `checkoutSuccessUrl` when set, as Lago's Stripe integration sends the payer to
 * its `success_redirect_url`. Plain HTML: a person, the demo and the e2e tests use it alike.
 */
export function registerCheckoutRoutes(
  app: FastifyInstance,
  context: LagoContext,
  options: { successUrl?: string },
): void {
  const { state } = context;
  // The page's buttons post HTML forms (empty, form-encoded).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  type ById = { Params: { lago_id: string } };
  const invoiceOf = (id: string) => state.invoices.get(id);

  app.get<ById>('/checkout/:lago_id', async (request, reply) => {
    const invoice = invoiceOf(request.params.lago_id);
    if (!invoice) return reply.code(404).type('text/html').send(page('Payment link not found', notFoundBody));
    return reply
      .type('text/html')
      .send(page(`Pay invoice ${invoice.number}`, checkoutBody(context, invoice)));
  });

  app.post<ById>('/checkout/:lago_id/pay', async (request, reply) => {
    const invoice = invoiceOf(request.params.lago_id);
    if (!invoice) return reply.code(404).type('text/html').send(page('Payment link not found', notFoundBody));
    if (invoice.status === 'voided')
      return reply.code(409).type('text/html').send(page('Invoice voided', voidedBody));
    setPaymentStatus(context, invoice, 'succeeded');
    // Lago's webhook on its way before the payer lands back on the product, which then shows the
    // payment: with the real services the two race; here the page waits for it (a few seconds at most).
    await Promise.race([
      context.webhooks.flush(),
      new Promise((resolve) => setTimeout(resolve, 5000).unref()),
    ]);
    if (options.successUrl) return reply.redirect(options.successUrl, 303);
    return reply.type('text/html').send(
      page(
        'Payment received',
        `<h1>Payment received</h1>
      <p>Invoice ${escapeHtml(invoice.number)} is paid. You can close this page.</p>`,
      ),
    );
  });

  app.post<ById>('/checkout/:lago_id/decline', async (request, reply) => {
    const invoice = invoiceOf(request.params.lago_id);
    if (!invoice) return reply.code(404).type('text/html').send(page('Payment link not found', notFoundBody));
    if (invoice.status === 'voided')
      return reply.code(409).type('text/html').send(page('Invoice voided', voidedBody));
    setPaymentStatus(context, invoice, 'failed', CARD_DECLINED);
    return reply.redirect(`/checkout/${invoice.lagoId}`, 303);
  });
}

const notFoundBody = '<h1>Payment link not found</h1><p>This link is unknown or has expired.</p>';
/**
 * A page opened before its invoice was voided. Lago gives no more links for a voided invoice;
 * whether a provider's session opened before still takes money is the provider's affair, and
 * the emulator's provider refuses it.
 */
const voidedBody = '<h1>Invoice voided</h1><p>This invoice was voided and can no longer be paid.</p>';

function checkoutBody(context: LagoContext, invoice: InvoiceRecord): string {
  const customer = context.state.customerByLagoId(invoice.customerLagoId);
  const amount = new Intl.NumberFormat('en', { style: 'currency', currency: invoice.currency }).format(
    invoice.feesAmountCents / 100,
  );
  const lines = invoice.fees
    .map((fee) => `<li>${escapeHtml(fee.invoiceDisplayName ?? fee.addOn.name)}</li>`)
    .join('');
  const header = `<p class="muted">Emulated payment provider (Lago emulator)</p>
    <h1>${escapeHtml(amount)}</h1>
    <p>Invoice ${escapeHtml(invoice.number)}${customer?.fields.name ? ` · ${escapeHtml(String(customer.fields.name))}` : ''}</p>
    <ul>${lines}</ul>`;
  if (invoice.paymentStatus === 'succeeded') return `${header}<p role="status">This invoice is paid.</p>`;
  if (invoice.status === 'voided') return `${header}<p role="status">This invoice was voided.</p>`;
  const declined =
    invoice.paymentStatus === 'failed'
      ? '<p role="alert">Your card was declined. Try again or use another card.</p>'
      : '';
  return `${header}${declined}
    <form method="post" action="/checkout/${invoice.lagoId}/pay"><button type="submit">Pay ${escapeHtml(amount)}</button></form>
    <form method="post" action="/checkout/${invoice.lagoId}/decline"><button type="submit" class="secondary">Decline the card</button></form>`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)}</title>
    <style>
      body { font-family: system-ui, sans-serif; background: #f1f5f9; color: #0f172a; margin: 0; }
      main { max-width: 26rem; margin: 3rem auto; background: #fff; border-radius: 1rem; padding: 1.5rem 1.75rem;
        box-shadow: 0 1px 3px rgb(0 0 0 / 0.1); }
      h1 { font-size: 1.75rem; margin: 0.25rem 0; }
      .muted { color: #64748b; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; }
      ul { padding-left: 1.1rem; color: #334155; }
      [role=alert] { color: #9f1239; } [role=status] { color: #166534; }
      form { margin-top: 0.75rem; }
      button { width: 100%; padding: 0.75rem; border: 0; border-radius: 0.6rem; font-size: 1rem; cursor: pointer;
        background: #4f46e5; color: #fff; }
      button.secondary { background: #e2e8f0; color: #0f172a; }
    </style>
  </head>
  <body><main>${body}</main></body>
</html>`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
