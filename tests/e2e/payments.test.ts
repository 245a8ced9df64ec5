import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkA11y } from '../support/browser.ts';
import {
  addClient,
  appUrl,
  book,
  browserForFile,
  capture,
  newPage,
  parisSlot,
} from './dashboard-fixtures.ts';
import { logIn, type Person, signUp, uniquePerson } from './support.ts';

const baseUrl = inject('baseUrl');
const url = appUrl;

const browser = browserForFile();

/** Paid appointments and where their payment stands, for the client and for the practice. */
describe.each([{ width: 1280 }, { width: 390 }])('the payments page at $width px', ({ width }) => {
  let owner: { context: BrowserContext; page: Page };
  const ownerPerson = uniquePerson('Olivia Owner');
  let clientPerson: Person & { id: string };

  beforeAll(async () => {
    owner = await newPage(browser(), width);
    await signUp(owner.page, baseUrl, ownerPerson, `Harbour Physio ${width}`);
    clientPerson = await addClient(owner.page, baseUrl, 'Jean Dupont');
    const userId = clientPerson.id;
    const paid = { userId, type: 'paid', currency: 'EUR' };
    const settled = await book(owner.page, baseUrl, {
      ...paid,
      title: 'Initial assessment',
      price: 5000,
      ...parisSlot('2030-01-15', '10:00'),
    });
    await owner.page.request.put(url(`/api/appointments/${settled.id}`), { data: { isPaid: true } });
    await book(owner.page, baseUrl, {
      ...paid,
      title: 'Follow-up session',
      price: 6500,
      ...parisSlot('2030-01-22', '10:00'),
    });
  });
  afterAll(async () => {
    await owner.context?.close();
  });

  it('shows a client what is paid and what is still to pay, with a way to pay', async () => {
    const client = await newPage(browser(), width);
    await logIn(client.page, baseUrl, clientPerson);
    const { page } = client;
    await page.goto(url('/dashboard/payments'));
    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    const due = page.getByRole('listitem').filter({ hasText: 'Follow-up session' });
    await due.waitFor();
    expect(await due.textContent()).toContain('€65.00');
    expect(await due.textContent()).toContain('To pay');
    const settled = page.getByRole('listitem').filter({ hasText: 'Initial assessment' });
    expect(await settled.textContent()).toContain('Paid');
    const totals = page.getByRole('list', { name: 'Payment totals' });
    expect(await totals.textContent()).toContain('€50.00');
    expect(await totals.textContent()).toContain('€65.00');
    await capture(page, 'payments');
    expect(await checkA11y(page)).toEqual([]);
    await due.getByRole('link', { name: /Pay/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Follow-up session' }).waitFor();
    await page.getByRole('button', { name: 'Pay €65.00' }).waitFor();
    await client.context.close();
  });

  it('shows the practice whose payment each one is', async () => {
    const { page } = owner;
    await page.goto(url('/dashboard/payments'));
    const due = page.getByRole('listitem').filter({ hasText: 'Follow-up session' });
    await due.waitFor();
    expect(await due.textContent()).toContain('Jean Dupont');
    await capture(page, 'payments-staff');
  });
});
