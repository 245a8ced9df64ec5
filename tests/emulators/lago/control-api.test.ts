import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LagoHarness, seedCustomerAndAddOn, startHarness } from './support.ts';

interface EmulatorState {
  customers: unknown[];
  addOns: unknown[];
  invoices: { lago_id: string }[];
  webhookEndpoints: unknown[];
  requestCounts: Record<string, number>;
}

describe('Lago emulator control API', () => {
  let harness: LagoHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.emulator.close());
  beforeEach(async () => {
    await harness.control('POST', '/reset');
  });

  it('counts requests to the emulated API by route, and reset forgets everything', async () => {
    await seedCustomerAndAddOn(harness);
    await harness.client.customers.findCustomer('cust-1');
    await harness.client.customers.findCustomer('cust-1');

    const before = await harness.control<EmulatorState>('GET', '/state');
    expect(before.customers).toHaveLength(1);
    expect(before.addOns).toHaveLength(1);
    expect(before.requestCounts).toEqual({
      'POST /api/v1/customers': 1,
      'GET /api/v1/customers/:external_id': 2,
    });

    await harness.control('POST', '/reset');
    const after = await harness.control<EmulatorState>('GET', '/state');
    expect(after).toMatchObject({
      customers: [],
      addOns: [],
      invoices: [],
      webhookEndpoints: [],
      requestCounts: {},
    });
  });

  it('injects a fault answered in Lago’s error shape, then serves normally', async () => {
    await seedCustomerAndAddOn(harness);
    await harness.control('POST', '/faults', {
      method: 'POST',
      path: '^/api/v1/invoices$',
      status: 503,
      times: 1,
    });
    const request = () =>
      fetch(`${harness.emulator.url}/api/v1/invoices`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-api-key', 'content-type': 'application/json' },
        body: JSON.stringify({
          invoice: { external_customer_id: 'cust-1', fees: [{ add_on_code: 'appointment' }] },
        }),
      });

    const failed = await request();
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ status: 503, error: 'Service Unavailable' });

    expect((await request()).status).toBe(200);
    const state = await harness.control<EmulatorState>('GET', '/state');
    expect(state.invoices).toHaveLength(1);
  });

  it('seeds add-ons with Lago’s field names and refuses a duplicate code as Lago does', async () => {
    const seeded = await harness.control('POST', '/add-ons', {
      code: 'consultation',
      amount_cents: 9000,
      amount_currency: 'EUR',
    });
    expect(seeded).toMatchObject({ code: 'consultation', name: 'consultation', amount_cents: 9000 });

    const duplicate = await harness.control('POST', '/add-ons', {
      code: 'consultation',
      amount_cents: 1,
      amount_currency: 'EUR',
    });
    expect(duplicate).toMatchObject({ status: 422, error_details: { code: ['value_already_exist'] } });
  });

  it('creates add-ons through Lago’s own API too', async () => {
    const { data } = await harness.client.addOns.createAddOn({
      add_on: { name: 'Late cancellation', code: 'late_cancel', amount_cents: 2000, amount_currency: 'EUR' },
    });
    expect(data.add_on).toMatchObject({ code: 'late_cancel', amount_cents: 2000, amount_currency: 'EUR' });
    const found = await harness.client.addOns.findAddOn('late_cancel');
    expect(found.data.add_on.lago_id).toBe(data.add_on.lago_id);
  });

  it('answers 404 to a payment for an unknown invoice and to replaying an unknown webhook', async () => {
    const payment = await fetch(`${harness.emulator.url}/__emulator/invoices/nope/payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'succeeded' }),
    });
    const replay = await fetch(`${harness.emulator.url}/__emulator/webhooks/nope/replay`, { method: 'POST' });
    expect([payment.status, replay.status]).toEqual([404, 404]);
  });

  it('keeps control routes out of reach of the API key check and the fault rules', async () => {
    await harness.control('POST', '/faults', { status: 500 });
    const keys = await harness.control<{ apiKey: string; jwtIssuer: string }>('GET', '/keys');
    expect(keys).toMatchObject({ apiKey: 'test-api-key', jwtIssuer: harness.emulator.url });
  });
});
