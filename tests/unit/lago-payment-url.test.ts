import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LagoClient } from '../../src/billing/lago-client.ts';
import { LagoFailure } from '../../src/billing/lago-failure.ts';

/**
 * The browser is sent to the payment URL Lago answers, so only a web page is taken. A Lago that
 * answers anything else (a misconfigured proxy, a tampered answer) is a Lago failure, never a
 * link: here a stand-in Lago answers what the emulator never would.
 */
const app = Fastify();
let answer: unknown;
let status = 200;
app.post('/api/v1/invoices/:id/payment_url', async (_request, reply) => reply.code(status).send(answer));
let client: LagoClient;

beforeAll(async () => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  client = new LagoClient({ apiUrl: `http://127.0.0.1:${port}/api/v1`, apiKey: 'key' });
});
afterAll(() => app.close());

const details = (url: string) => ({ invoice_payment_details: { payment_url: url } });

describe('LagoClient.invoicePaymentUrl', () => {
  it('takes an https or http page', async () => {
    status = 200;
    answer = details('https://checkout.stripe.com/c/pay/cs_test_a1');
    expect(await client.invoicePaymentUrl('inv')).toEqual({
      url: 'https://checkout.stripe.com/c/pay/cs_test_a1',
    });
  });

  it('refuses a javascript: or data: URL as a Lago failure', async () => {
    status = 200;
    for (const url of ['javascript:alert(document.cookie)', 'data:text/html,<script>1</script>']) {
      answer = details(url);
      const failure = await client.invoicePaymentUrl('inv').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LagoFailure);
      expect(failure).toMatchObject({
        kind: 'server',
        message: expect.stringContaining('unexpected answer'),
      });
    }
  });

  it('reads Lago attempting a payment itself as a refusal for now, not a failure', async () => {
    // Lago's 422 while the invoice is not ready_for_payment_processing (GeneratePaymentUrlService).
    status = 422;
    answer = {
      status: 422,
      error: 'Unprocessable Entity',
      code: 'validation_errors',
      error_details: { base: ['payment_processor_is_currently_handling_payment'] },
    };
    expect(await client.invoicePaymentUrl('inv')).toEqual({
      refusal: 'payment_processor_is_currently_handling_payment',
    });
  });
});
