import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import {
  demoLagoEnv,
  payDemoConsultation,
  registerDemoWebhook,
  startDemoLago,
} from '../../scripts/demo/lago-demo.ts';
import { type DemoTenant, seedDemoTenant } from '../../scripts/demo/seed-demo-tenant.ts';
import { createBillingContext } from '../../src/billing/billing-context.ts';
import type { Payment } from '../../src/shared/billing.ts';
import { TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * The demo's past consultation is paid the way a client pays, against the demo's Lago emulator:
 * an invoice, then the emulator's signed webhook. Before, it was seeded "paid" with no invoice,
 * and the payments page read "Paid €60.00 · 0 invoices issued".
 */
let lago: RunningEmulator;
let t: TestApp;
let dataDir: string;
let tenant: DemoTenant;

beforeAll(async () => {
  lago = await startDemoLago(0);
  t = await createTestApp({ env: demoLagoEnv(lago.url) });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  dataDir = mkdtempSync(path.join(tmpdir(), 'rendezvous-demo-'));
  tenant = await seedDemoTenant(t.database.db, dataDir);
  await registerDemoWebhook(lago, `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await t.close();
  await lago.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(email: string): Promise<TestClient> {
  const person = tenant.people.find((p) => p.email === email)!;
  const client = new TestClient(t.app);
  const response = await client.post('/api/auth/sign-in/email', { email, password: person.password });
  expect(response.statusCode).toBe(200);
  return client;
}

describe('the demo’s paid consultation', () => {
  it('is paid through an invoice in Lago, once, on the run that creates the practice', async () => {
    expect(tenant.toBePaid).not.toBeNull();
    const { appointmentId, clientId } = tenant.toBePaid!;
    const jean = tenant.people.find((p) => p.role === 'client')!;
    const client = await signIn(jean.email);
    const consultation = async () => {
      const payments = (await client.get('/api/payments')).json().data as Payment[];
      return payments.find((p) => p.appointmentId === appointmentId)!;
    };
    expect(await consultation()).toMatchObject({ userId: clientId, isPaid: false, invoiceId: null });

    await payDemoConsultation(
      lago,
      createBillingContext(t.database.db, t.config),
      { tenantId: tenant.tenantId, userId: clientId, role: 'client' },
      appointmentId,
    );
    await vi.waitFor(async () => expect((await consultation()).isPaid).toBe(true), {
      timeout: 10_000,
      interval: 50,
    });
    const paid = await consultation();
    expect(paid).toMatchObject({ amount: 6000, currency: 'EUR', paymentStatus: 'succeeded' });
    expect(paid.invoiceNumber).toEqual(expect.any(String));
    // The invoice is Lago's own, paid there too.
    const invoices = (await (await fetch(`${lago.url}/__emulator/state`)).json()) as {
      invoices: { lago_id: string; payment_status: string; total_amount_cents: number }[];
    };
    expect(invoices.invoices).toEqual([
      expect.objectContaining({
        lago_id: paid.invoiceId,
        payment_status: 'succeeded',
        total_amount_cents: 6000,
      }),
    ]);

    // A restart finds the practice and pays nothing again.
    expect((await seedDemoTenant(t.database.db, dataDir)).toBePaid).toBeNull();
  });
});
