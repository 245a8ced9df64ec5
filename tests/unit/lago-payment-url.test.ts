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
app.post('/api/v1/invoices/:id/payment_url', async () => answer);
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
    answer = details('https://checkout.stripe.com/c/pay/cs_test_a1');
    expect(await client.invoicePaymentUrl('inv')).toEqual({
      url: 'https://checkout.stripe.com/c/pay/cs_test_a1',
    });
  });

  it('refuses a javascript: or data: URL as a Lago failure', async () => {
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
});
