import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLagoEnv, type LagoHarness, startHarness } from '../emulators/lago/support.ts';
import { addMember, type SignedUpOwner, signUpOwner, TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A client who books for a business records the company their invoices are made out to
 * (GET/PUT/DELETE /api/me/company); Lago's customer carries it on the client's next invoice.
 * Against the Lago emulator, with a payment provider, whose webhooks reach the app.
 */
let lago: LagoHarness;
let t: TestApp;
let owner: SignedUpOwner;

beforeAll(async () => {
  lago = await startHarness();
  t = await createTestApp({
    env: {
      ...appLagoEnv(lago.emulator.url),
      LAGO_PAYMENT_PROVIDER: 'stripe',
      LAGO_PAYMENT_PROVIDER_CODE: 'stripe_eu',
    },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as AddressInfo).port;
  await lago.control('POST', '/webhook-endpoints', {
    url: `http://127.0.0.1:${port}/api/lago-webhook`,
    signatureAlgo: 'hmac',
  });
  owner = await signUpOwner(t.app);
});
afterAll(async () => {
  await t.close();
  await lago.emulator.close();
});

const acme = {
  legalName: 'Acme Consulting SARL',
  taxId: 'FR40303265045',
  addressLine1: '12 rue de la Paix',
  addressLine2: 'Bâtiment B',
  zipcode: '75002',
  city: 'Paris',
  country: 'FR',
};

const company = async (who: TestClient) => (await who.get('/api/me/company')).json().data;
const fieldsNamed = (response: { json: () => { error: { details: { fields: { path: string }[] } } } }) =>
  response.json().error.details.fields.map((field) => field.path);

let day = 0;
/** A paid appointment for a client (their user id) or for someone booked by phone (attendee fields). */
async function book(forWhom: string | Record<string, string>) {
  day += 1;
  const start = new Date(Date.UTC(2031, 2, day, 9));
  const r = await owner.client.post('/api/appointments', {
    title: 'Consultation',
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + 30 * 60_000).toISOString(),
    type: 'paid',
    price: 9000,
    currency: 'EUR',
    ...(typeof forWhom === 'string' ? { userId: forWhom } : forWhom),
  });
  expect(r.statusCode).toBe(201);
  return r.json().data.id as string;
}
const pay = (who: TestClient, id: string) => who.post(`/api/appointments/${id}/pay`);
const lagoCustomer = async (userId: string) =>
  (await lago.client.customers.findCustomer(`rdv_${owner.tenantId}_user_${userId}`)).data.customer;

describe('a member’s company details', () => {
  it('are none at first, then saved, replaced and removed by the member', async () => {
    const { client } = await addMember(t.app, owner.client, 'client', 'Ada Lovelace');
    expect(await company(client)).toBeNull();

    const saved = await client.put('/api/me/company', acme);

    expect(saved.statusCode).toBe(200);
    expect(saved.json().data).toMatchObject(acme);
    expect(await company(client)).toMatchObject(acme);

    // Replaced whole: optional fields left out or blank are cleared.
    const replaced = await client.put('/api/me/company', {
      legalName: '  Acme Holding  ',
      addressLine1: '1 Main Street',
      city: 'Dublin',
      country: 'IE',
      taxId: '',
    });
    expect(replaced.statusCode).toBe(200);
    expect(await company(client)).toMatchObject({
      legalName: 'Acme Holding',
      taxId: null,
      addressLine2: null,
      zipcode: null,
      country: 'IE',
    });

    const removed = await client.delete('/api/me/company');
    expect(removed.statusCode).toBe(204);
    expect(await company(client)).toBeNull();
    // Removing again is no error: the member books as a private person either way.
    expect((await client.delete('/api/me/company')).statusCode).toBe(204);
  });

  it.each([
    ['an unknown country', { ...acme, country: 'XX' }, 'body.country'],
    ['a country in lower case', { ...acme, country: 'fr' }, 'body.country'],
    ['a missing legal name', { ...acme, legalName: undefined }, 'body.legalName'],
    ['a blank legal name', { ...acme, legalName: '   ' }, 'body.legalName'],
    ['a legal name too long', { ...acme, legalName: 'A'.repeat(201) }, 'body.legalName'],
    ['a tax number too long', { ...acme, taxId: '1'.repeat(41) }, 'body.taxId'],
    ['a postcode too long', { ...acme, zipcode: '9'.repeat(21) }, 'body.zipcode'],
    ['a missing city', { ...acme, city: undefined }, 'body.city'],
    ['a field of its own', { ...acme, iban: 'FR76…' }, 'body.iban'],
    ['a number for a name', { ...acme, legalName: 42 }, 'body.legalName'],
  ])('refuses %s with a 400 naming the field, keeping what was saved', async (_, body, field) => {
    const { client } = await addMember(t.app, owner.client, 'client');
    await client.put('/api/me/company', acme);

    const r = await client.put('/api/me/company', body);

    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_ERROR');
    expect(fieldsNamed(r)).toContain(field);
    expect(await company(client)).toMatchObject(acme);
  });

  it('are each member’s own, in their own practice; staff read their clients’ with the members', async () => {
    const ada = await addMember(t.app, owner.client, 'client', 'Ada Lovelace');
    const grace = await addMember(t.app, owner.client, 'client', 'Grace Hopper');
    const other = await signUpOwner(t.app);
    const stranger = await addMember(t.app, other.client, 'client');
    await ada.client.put('/api/me/company', acme);

    expect(await company(grace.client)).toBeNull();
    expect(await company(stranger.client)).toBeNull();
    expect(await company(other.client)).toBeNull();
    // Another practice's staff neither list nor find her.
    const theirs = (await other.client.get('/api/admin/users')).json().data as { id: string }[];
    expect(theirs.map((member) => member.id)).not.toContain(ada.userId);
    expect((await other.client.get(`/api/admin/users/${ada.userId}`)).statusCode).toBe(404);
    // Her own practice's staff see it.
    const listed = (await owner.client.get('/api/admin/users')).json().data as {
      id: string;
      company: unknown;
    }[];
    expect(listed.find((member) => member.id === ada.userId)?.company).toMatchObject(acme);
    expect(listed.find((member) => member.id === grace.userId)?.company).toBeNull();
    expect((await owner.client.get(`/api/admin/users/${ada.userId}`)).json().data.company).toMatchObject(
      acme,
    );
    // Staff may keep their own too.
    expect((await owner.client.put('/api/me/company', acme)).statusCode).toBe(200);
  });

  it('need a signed-in member', async () => {
    const anonymous = new TestClient(t.app);
    expect((await anonymous.get('/api/me/company')).statusCode).toBe(401);
    expect((await anonymous.put('/api/me/company', acme)).statusCode).toBe(401);
    expect((await anonymous.delete('/api/me/company')).statusCode).toBe(401);
  });
});

describe('invoices made out to the company', () => {
  it('carry the company on the client’s next invoice, and a private person once it is removed', async () => {
    const client = await addMember(t.app, owner.client, 'client', 'Ada Lovelace');
    await client.client.put('/api/me/company', acme);

    expect((await pay(client.client, await book(client.userId))).statusCode).toBe(200);

    expect(await lagoCustomer(client.userId)).toMatchObject({
      name: 'Ada Lovelace',
      customer_type: 'company',
      legal_name: acme.legalName,
      tax_identification_number: acme.taxId,
      address_line1: acme.addressLine1,
      address_line2: acme.addressLine2,
      zipcode: acme.zipcode,
      city: acme.city,
      country: 'FR',
    });

    await client.client.delete('/api/me/company');
    expect((await pay(client.client, await book(client.userId))).statusCode).toBe(200);

    expect(await lagoCustomer(client.userId)).toMatchObject({
      name: 'Ada Lovelace',
      customer_type: 'individual',
      legal_name: null,
      tax_identification_number: null,
      address_line1: null,
      city: null,
      country: null,
    });
  });

  it('sends a client the provider refused again once their company changed', async () => {
    const refused = await addMember(t.app, owner.client, 'client', 'Alan Turing');
    await lago.control('POST', '/payment-provider', {
      customerError: { message: 'Invalid address', error_code: 'address_invalid' },
    });
    try {
      const id = await book(refused.userId);
      await pay(refused.client, id);
      await lago.flush();
      expect((await pay(refused.client, id)).json().data.providerRefusal).not.toBeNull();

      await lago.control('POST', '/payment-provider', { customerError: null });
      await refused.client.put('/api/me/company', acme);
      const retry = (await pay(refused.client, id)).json().data;

      expect(retry).toMatchObject({
        paymentUrl: expect.stringContaining(retry.invoiceId),
        providerRefusal: null,
      });
      expect(await lagoCustomer(refused.userId)).toMatchObject({
        customer_type: 'company',
        legal_name: acme.legalName,
      });
    } finally {
      await lago.control('POST', '/payment-provider', { customerError: null });
    }
  });
  it('leaves alone what Lago holds of someone booked by phone, who has no company page', async () => {
    const booked = () => book({ attendeeName: 'Grace Hopper', attendeeEmail: 'grace@example.com' });
    const first = await pay(owner.client, await booked());
    expect(first.statusCode).toBe(200);
    const { data } = await lago.client.invoices.findInvoice(first.json().data.invoiceId);
    const externalId = data.invoice.customer!.external_id;
    // The practice typed the person's address in Lago by hand.
    await lago.client.customers.createCustomer({
      customer: { external_id: externalId, address_line1: '1 Navy Yard', city: 'Arlington' },
    });

    expect((await pay(owner.client, await booked())).statusCode).toBe(200);

    expect((await lago.client.customers.findCustomer(externalId)).data.customer).toMatchObject({
      name: 'Grace Hopper',
      address_line1: '1 Navy Yard',
      city: 'Arlington',
    });
  });
});
