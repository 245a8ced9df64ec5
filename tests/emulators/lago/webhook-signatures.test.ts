import { createHmac, timingSafeEqual, verify } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  HMAC_KEY,
  type LagoHarness,
  type Receiver,
  seedCustomerAndAddOn,
  startHarness,
  startReceiver,
} from './support.ts';

/**
 * Verification written from lago-webhook-signature-reference.txt alone, independent of the
 * emulator's signing code: what a product receiver must do.
 */
function isValidHmac(rawBody: string, signature: string, key: string): boolean {
  const expected = Buffer.from(createHmac('sha256', key).update(rawBody).digest('base64'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** RS256 JWT check with node:crypto; returns the claims when the signature holds. */
function verifiedJwtClaims(token: string, publicKeyPem: string): { data: string; iss: string } | undefined {
  const [header, claims, signature] = token.split('.');
  if (!header || !claims || !signature) return undefined;
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'RS256') return undefined;
  const isValid = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${claims}`),
    publicKeyPem,
    Buffer.from(signature, 'base64url'),
  );
  return isValid ? JSON.parse(Buffer.from(claims, 'base64url').toString()) : undefined;
}

const headerOf = (value: string | string[] | undefined) => String(value);

describe('webhook signatures', () => {
  let harness: LagoHarness;
  let receiver: Receiver;

  beforeAll(async () => {
    harness = await startHarness();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await harness.emulator.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await harness.control('POST', '/reset');
    receiver.clear();
  });

  async function createInvoiceAndFlush() {
    await seedCustomerAndAddOn(harness);
    await harness.client.invoices.createInvoice({
      invoice: { external_customer_id: 'cust-1', fees: [{ add_on_code: 'appointment' }] },
    });
    await harness.flush();
    const [webhook] = receiver.ofType('invoice.one_off_created');
    if (!webhook) throw new Error('no invoice.one_off_created received');
    return webhook;
  }

  it('signs in HMAC mode with Base64(HMAC-SHA256(raw body, HMAC key))', async () => {
    await harness.control('POST', '/webhook-endpoints', { url: receiver.url, signatureAlgo: 'hmac' });

    const webhook = await createInvoiceAndFlush();

    expect(webhook.headers['x-lago-signature-algorithm']).toBe('hmac');
    expect(isValidHmac(webhook.rawBody, headerOf(webhook.headers['x-lago-signature']), HMAC_KEY)).toBe(true);
    expect(isValidHmac(webhook.rawBody, headerOf(webhook.headers['x-lago-signature']), 'other-key')).toBe(
      false,
    );
  });

  it('exposes the HMAC key on the control API, for the product’s LAGO_WEBHOOK_SECRET', async () => {
    const keys = await harness.control<{ hmacKey: string }>('GET', '/keys');
    expect(keys.hmacKey).toBe(HMAC_KEY);
  });

  it('signs in JWT mode with an RS256 token verifiable with the key from GET /webhooks/public_key', async () => {
    await harness.control('POST', '/webhook-endpoints', { url: receiver.url, signatureAlgo: 'jwt' });
    const publicKeyPem = Buffer.from(
      (await harness.client.webhooks.fetchPublicKey()).data,
      'base64',
    ).toString();

    const webhook = await createInvoiceAndFlush();

    expect(webhook.headers['x-lago-signature-algorithm']).toBe('jwt');
    const claims = verifiedJwtClaims(headerOf(webhook.headers['x-lago-signature']), publicKeyPem);
    expect(claims).toBeDefined();
    // The token carries the exact body as a string, and Lago's own URL as issuer.
    expect(claims?.data).toBe(webhook.rawBody);
    expect(claims?.iss).toBe(harness.emulator.url);
  });

  it('rejects a JWT whose body was tampered with', async () => {
    await harness.control('POST', '/webhook-endpoints', { url: receiver.url, signatureAlgo: 'jwt' });
    const publicKeyPem = Buffer.from(
      (await harness.client.webhooks.fetchPublicKey()).data,
      'base64',
    ).toString();
    const webhook = await createInvoiceAndFlush();
    const [header, , signature] = headerOf(webhook.headers['x-lago-signature']).split('.');
    const forgedClaims = Buffer.from(JSON.stringify({ data: '{}', iss: harness.emulator.url })).toString(
      'base64url',
    );

    expect(verifiedJwtClaims(`${header}.${forgedClaims}.${signature}`, publicKeyPem)).toBeUndefined();
  });

  it('sends a uuid X-Lago-Unique-Key per webhook', async () => {
    await harness.control('POST', '/webhook-endpoints', { url: receiver.url, signatureAlgo: 'hmac' });
    await seedCustomerAndAddOn(harness);
    await harness.flush();

    const keys = receiver.received.map((webhook) => headerOf(webhook.headers['x-lago-unique-key']));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('signs the raw bytes, which escape <, > and & as Rails does: re-serialised JSON does not verify', async () => {
    await harness.control('POST', '/webhook-endpoints', { url: receiver.url, signatureAlgo: 'hmac' });
    await harness.client.customers.createCustomer({
      customer: { external_id: 'c-amp', name: 'Smith & Co <Ltd>' },
    });
    await harness.flush();

    const [webhook] = receiver.ofType('customer.created');
    expect(webhook?.rawBody).toContain('Smith \\u0026 Co \\u003cLtd\\u003e');
    const reserialised = JSON.stringify(JSON.parse(webhook!.rawBody));
    const signature = headerOf(webhook?.headers['x-lago-signature']);
    expect(isValidHmac(webhook!.rawBody, signature, HMAC_KEY)).toBe(true);
    expect(isValidHmac(reserialised, signature, HMAC_KEY)).toBe(false);
  });
});
