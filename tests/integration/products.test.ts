import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owner: SignedUpOwner;
let client: { client: TestClient };

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app);
  client = await addMember(t.app, owner.client, 'client');
});
afterAll(() => t.close());

describe('products', () => {
  it('are created, read, updated and deleted by staff', async () => {
    const created = await owner.client.post('/api/admin/products', {
      name: 'Bilan',
      description: 'Premier rendez-vous',
      durationMinutes: 45,
      type: 'paid',
      price: 6000,
      currency: 'EUR',
    });
    expect(created.statusCode).toBe(201);
    const product = created.json().data;
    expect(product).toMatchObject({ name: 'Bilan', durationMinutes: 45, price: 6000, isActive: true });

    const updated = await owner.client.put(`/api/admin/products/${product.id}`, {
      price: 6500,
      isActive: false,
    });
    expect(updated.json().data).toMatchObject({ price: 6500, isActive: false });
    expect((await owner.client.get(`/api/admin/products/${product.id}`)).json().data.price).toBe(6500);

    const asClient = (await client.client.get('/api/products')).json().data;
    expect(asClient.map((p: { id: string }) => p.id)).not.toContain(product.id);
    const asOwner = (await owner.client.get('/api/products')).json().data;
    expect(asOwner.map((p: { id: string }) => p.id)).toContain(product.id);

    expect((await owner.client.delete(`/api/admin/products/${product.id}`)).statusCode).toBe(204);
    expect((await owner.client.get(`/api/admin/products/${product.id}`)).statusCode).toBe(404);
  });

  it('makes a free product cost nothing', async () => {
    const r = await owner.client.post('/api/admin/products', { name: 'Appel', durationMinutes: 15 });
    expect(r.json().data).toMatchObject({ type: 'free', price: 0 });
  });

  it.each([
    ['a negative price', { price: -100 }, 'body.price'],
    ['a missing name', { name: undefined }, 'body.name'],
    ['a zero duration', { durationMinutes: 0 }, 'body.durationMinutes'],
    ['a bad currency', { currency: 'euro' }, 'body.currency'],
    ['a currency no one pays in', { currency: 'XXX' }, 'body.currency'],
    ['a paid product without price', { price: undefined }, 'body.price'],
    ['an unknown field', { colour: 'red' }, 'body.colour'],
  ])('answers 400 naming the field for %s', async (_name, patch, field) => {
    const r = await owner.client.post('/api/admin/products', {
      name: 'X',
      durationMinutes: 30,
      type: 'paid',
      price: 100,
      ...patch,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('are managed by staff only, and another practice’s ids are 404', async () => {
    expect(
      (await client.client.post('/api/admin/products', { name: 'X', durationMinutes: 30 })).statusCode,
    ).toBe(403);
    const stranger = await signUpOwner(t.app);
    const theirs = (
      await stranger.client.post('/api/admin/products', { name: 'Theirs', durationMinutes: 30 })
    ).json().data;
    expect((await owner.client.get(`/api/admin/products/${theirs.id}`)).statusCode).toBe(404);
    expect((await owner.client.put(`/api/admin/products/${theirs.id}`, { name: 'Mine' })).statusCode).toBe(
      404,
    );
    expect((await owner.client.delete(`/api/admin/products/${theirs.id}`)).statusCode).toBe(404);
    expect((await owner.client.get('/api/admin/products/not-a-uuid')).statusCode).toBe(404);
  });
});
