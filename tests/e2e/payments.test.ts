import { describe, expect, inject, it } from 'vitest';
import {
  appUrl,
  book,
  emulator,
  lookOnBoth,
  type Person,
  parisSlot,
  practiceForFile,
  signIn,
  updateAppointment,
} from './fixtures.ts';

let client: Person & { id: string };
let followUpId: string;
const lagoUrl = inject('lagoUrl');

/** A client with two paid appointments: one paid (€50), one still to pay (€65). */
const ctx = practiceForFile('Harbour Physio', async (practice) => {
  client = await practice.addPerson('Jean Dupont');
  const paid = { userId: client.id, type: 'paid', currency: 'EUR' };
  const settled = await book(practice, {
    ...paid,
    title: 'Initial assessment',
    price: 5000,
    ...parisSlot('2030-01-15', '10:00'),
  });
  await updateAppointment(practice, settled.id, { isPaid: true });
  followUpId = (
    await book(practice, {
      ...paid,
      title: 'Follow-up session',
      price: 6500,
      ...parisSlot('2030-01-22', '10:00'),
    })
  ).id;
});

/** Paid appointments and where their payment stands, for the client and for the practice. */
describe('the payments page', () => {
  it('shows a client what is paid and what is still to pay, with a way to pay', async () => {
    const { page, close } = await signIn(ctx.browser, client);
    await page.goto(appUrl('/dashboard/payments'));
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
    await lookOnBoth(page, 'payments');
    await due.getByRole('link', { name: /^Pay/ }).waitFor();
    await close();
  });

  it('takes a client from Pay in the list straight on to the payment page, once', async () => {
    const massage = await book(ctx.practice, {
      userId: client.id,
      type: 'paid',
      currency: 'EUR',
      title: 'Sports massage',
      price: 4000,
      ...parisSlot('2030-01-29', '10:00'),
    });
    const { page, close } = await signIn(ctx.browser, client);
    try {
      await page.goto(appUrl('/dashboard/payments'));
      const row = page.getByRole('listitem').filter({ hasText: 'Sports massage' });
      await row.getByRole('link', { name: /Pay/ }).click();
      await page.waitForURL(`${lagoUrl}/checkout/**`);
      await page.getByRole('heading', { name: '€40.00' }).waitFor();
      // Back from the payment page: the appointment's page, which does not start again.
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Sports massage' }).waitFor();
      await page.getByRole('link', { name: 'All appointments' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(page.url()).toBe(appUrl(`/dashboard/appointments/${massage.id}`));
    } finally {
      await close();
    }
  });

  it('shows the practice whose payment each one is, and lets it invoice the client once', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/dashboard/payments'));
    const due = page.getByRole('listitem').filter({ hasText: 'Follow-up session' });
    await due.waitFor();
    expect(await due.textContent()).toContain('Jean Dupont');
    await lookOnBoth(page, 'payments-staff');
    // Staff do not pay a client's appointment: they issue its invoice.
    expect(await due.getByRole('link', { name: /^Pay/ }).count()).toBe(0);
    await due.getByRole('link', { name: /^Invoice/ }).click();
    await page.getByText('The client owes €65.00 for this appointment.').waitFor();
    expect(await page.getByRole('button', { name: /^Pay/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Invoice the client €65.00' }).click();
    await page.getByRole('status').filter({ hasText: 'was issued to the client' }).waitFor();
    // The client's payment page, for staff to send to them.
    const link = page.getByRole('textbox', { name: 'Payment page for the client' });
    expect(await link.inputValue()).toMatch(/\/checkout\/[0-9a-f-]{36}$/);
    // Issued once: the page and the list now wait for the client's payment.
    await page.reload();
    await page.getByText('An invoice was issued to the client; its payment has not arrived yet.').waitFor();
    expect(await page.getByRole('button', { name: /Invoice the client/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show the payment link' }).click();
    await link.waitFor();
    await lookOnBoth(page, 'appointment-detail-invoiced-staff');
    await page.goto(appUrl('/dashboard/payments'));
    const invoiced = page.getByRole('listitem').filter({ hasText: 'Follow-up session' });
    await invoiced.getByText('Invoice sent').waitFor();
    expect(await invoiced.getByRole('link', { name: /^Invoice/ }).count()).toBe(0);
  });

  it('shows staff the payment link of a new client once Lago has created them at the provider', async () => {
    const newcomer = await ctx.practice.addPerson('Ada Newcomer');
    const visit = await book(ctx.practice, {
      userId: newcomer.id,
      type: 'paid',
      currency: 'EUR',
      title: 'First visit',
      price: 5500,
      ...parisSlot('2030-01-30', '10:00'),
    });
    await emulator(lagoUrl, 'POST', 'payment-provider', { customerDelayMs: 3_600_000 });
    try {
      const { page } = ctx;
      await page.goto(appUrl(`/dashboard/appointments/${visit.id}`));
      await page.getByRole('button', { name: 'Invoice the client €55.00' }).click();
      await page.getByRole('status').filter({ hasText: 'Preparing the payment link…' }).waitFor();
      // Lago's job runs: the page's next try, three seconds on, has the link.
      await emulator(lagoUrl, 'POST', 'clock', { advanceMs: 3_600_000 });
      const link = page.getByRole('textbox', { name: 'Payment page for the client' });
      await link.waitFor();
      expect(await link.inputValue()).toMatch(/\/checkout\/[0-9a-f-]{36}$/);
    } finally {
      await emulator(lagoUrl, 'POST', 'payment-provider', { customerDelayMs: 0 });
    }
  });

  it('shows a payment Lago reports while the page is open, without a reload', async () => {
    const { page } = ctx;
    // The page's timers run on a clock the test moves: its periodic read of the payments.
    await page.clock.install();
    await page.goto(appUrl('/dashboard/payments'));
    const row = page.getByRole('listitem').filter({ hasText: 'Follow-up session' });
    await row.getByText('Invoice sent').waitFor();
    const { invoices } = (await emulator(lagoUrl, 'GET', 'state')) as { invoices: { lago_id: string }[] };
    const invoice = invoices.find((i) => JSON.stringify(i).includes(followUpId))!;
    // The client pays at the provider; Lago's webhook reaches the server.
    await emulator(lagoUrl, 'POST', `invoices/${invoice.lago_id}/payment`, { status: 'succeeded' });
    await emulator(lagoUrl, 'POST', 'webhooks/flush');
    await page.clock.fastForward(16_000);
    await row.getByText('Paid', { exact: true }).waitFor();
  });
});
