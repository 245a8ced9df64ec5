import { describe, expect, inject, it } from 'vitest';
import {
  appUrl,
  book,
  emulator,
  look,
  lookOnBoth,
  type Person,
  parisSlot,
  practiceForFile,
  type Session,
  signIn,
  toast,
} from './fixtures.ts';

const lagoUrl = inject('lagoUrl');

let clientPerson: Person & { id: string };
let client: Session;

const ctx = practiceForFile('Riverside Clinic', async (practice, browser) => {
  clientPerson = await practice.addPerson('Jean Dupont');
  client = await signIn(browser, clientPerson);
});

/** The request form, then an appointment's page: its facts, the actions a role may take, its history. */
describe('requesting and following an appointment', () => {
  it('names what is missing at each field of the request form', async () => {
    const { page } = client;
    await page.goto(appUrl('/dashboard/appointments/new'));
    await page.getByRole('heading', { level: 1, name: 'Request an appointment' }).waitFor();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Give your request a title.').waitFor();
    await page.getByText('Choose a date.').waitFor();
    await page.getByText('Choose a time.').waitFor();
    await page.getByLabel('Date', { exact: true }).fill('2020-01-07');
    await page.getByLabel('Time', { exact: true }).fill('09:30');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Choose a time in the future.').waitFor();
    await lookOnBoth(page, 'appointment-request-errors');
  });

  it('sends a pending request and shows it with its history, then cancels it after asking', async () => {
    const { page } = client;
    await page.getByLabel('Title').fill('Back pain');
    await page.getByLabel('Description').fill('Lower back, since last week.');
    await page.getByLabel('Date', { exact: true }).fill('2030-01-22');
    await page.getByLabel('Time', { exact: true }).fill('09:30');
    await page.getByLabel('Duration').selectOption('45');
    await page.getByLabel('Location (optional)').fill('https://meet.example.com/back-pain');
    await page.getByLabel('Notes for the practice (optional)').fill('Mornings suit me best.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await toast(page, 'Your request was sent. The practice will confirm it.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Back pain' }).waitFor();
    const main = page.locator('main');
    await main.getByText('Your request is waiting for the practice to confirm it.').waitFor();
    const text = await main.textContent();
    for (const expected of [
      'Pending',
      'Tuesday, 22 January 2030',
      '09:30 – 10:15',
      '45 minutes',
      'https://meet.example.com/back-pain',
      'Requested by the client',
      'Mornings suit me best.',
    ]) {
      expect(text).toContain(expected);
    }
    await main.locator('ol').getByText('Created').first().waitFor();
    expect(await main.locator('ol').textContent()).toContain('By you');
    await lookOnBoth(page, 'appointment-detail-pending');

    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await dialog.waitFor();
    expect(await page.locator(':focus').textContent()).toBe('Go back');
    await lookOnBoth(page, 'appointment-cancel-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await toast(page, 'Appointment cancelled').waitFor();
    await main.getByText('This appointment was cancelled.').waitFor();
    await main.locator('ol').getByText('Cancelled').waitFor();
  });

  it('lets staff mark a confirmed appointment completed', async () => {
    const { page } = ctx;
    const paid = await book(ctx.practice, {
      title: 'Initial assessment',
      ...parisSlot('2030-01-23', '14:00'),
      userId: null,
      attendeeEmail: clientPerson.email,
      type: 'paid',
      price: 5000,
      currency: 'EUR',
    });
    await page.goto(appUrl(`/dashboard/appointments/${paid.id}`));
    await page.getByRole('button', { name: 'Mark as completed' }).click();
    await page
      .getByRole('dialog', { name: 'Mark as completed?' })
      .getByRole('button', { name: 'Mark as completed' })
      .click();
    await toast(page, 'Marked as completed').waitFor();
    await page.locator('main').getByText('This appointment took place.').waitFor();
    await page.locator('main ol').getByText('Completed').waitFor();
    await look(page, 'appointment-detail-completed');
  });

  it('lets staff book a time for a client, confirmed, with notes kept internal', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/dashboard/appointments/new'));
    await page.getByRole('heading', { level: 1, name: 'New appointment' }).waitFor();
    await page.getByRole('group', { name: 'Date and time' }).waitFor();
    await page.getByLabel('Title').fill('Team meeting');
    await page.getByLabel('Date', { exact: true }).fill('2030-01-24');
    await page.getByLabel('Time', { exact: true }).fill('08:00');
    await page.getByLabel('Internal notes (optional)').fill('Bring the quarterly figures.');
    // Booked by phone for a client: linked to them, their details filled in from their profile.
    await page.getByLabel('Client (optional)').selectOption({ label: `Jean Dupont · ${clientPerson.email}` });
    await look(page, 'appointment-new-staff');
    await page.getByRole('button', { name: 'Book' }).click();
    await toast(page, 'The appointment was booked.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Team meeting' }).waitFor();
    const main = page.locator('main');
    await main.getByText('Confirmed', { exact: true }).first().waitFor();
    await main.getByText('Bring the quarterly figures.').waitFor();
    expect(await main.getByRole('link', { name: clientPerson.email }).count()).toBe(1);
    // Internal: not copied into the description a client would read.
    expect(await main.getByText('Notes: Bring the quarterly figures.').count()).toBe(0);
  });

  it('lets a client pay a paid appointment, and says so plainly when billing is down', async () => {
    const theirs = await book(ctx.practice, {
      title: 'Physiotherapy session',
      ...parisSlot('2030-01-24', '11:00'),
      userId: clientPerson.id,
      type: 'paid',
      price: 6500,
      currency: 'EUR',
    });
    const { page } = client;
    await page.goto(appUrl(`/dashboard/appointments/${theirs.id}`));
    await page.getByText('This appointment costs €65.00.').waitFor();
    // The history names who booked it for them.
    await page.locator('main ol').getByText(`By ${ctx.practice.owner.name}`).waitFor();
    // Lago is down for the first attempt: the page says so, and nothing is charged.
    await emulator(lagoUrl, 'POST', 'faults', { path: '/invoices', method: 'POST', status: 503, times: 1 });
    await page.getByRole('button', { name: 'Pay €65.00' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The billing service is not reachable right now.' })
      .waitFor();
    await page.getByRole('button', { name: 'Pay €65.00' }).click();
    // The invoice is issued and the client goes on to the payment provider's checkout (the
    // Lago emulator plays it): a declined card first, then a payment.
    await page.waitForURL(`${lagoUrl}/checkout/**`);
    await page.getByRole('heading', { name: '€65.00' }).waitFor();
    await lookOnBoth(page, 'lago-checkout');
    await page.getByRole('button', { name: 'Decline the card' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your card was declined' }).waitFor();
    await page.getByRole('button', { name: 'Pay €65.00' }).click();
    // Back in Rendezvous, where Lago's webhook has marked it paid.
    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    const session = page.getByRole('listitem').filter({ hasText: 'Physiotherapy session' });
    await session.getByText('Paid', { exact: true }).waitFor();
    await page.goto(appUrl(`/dashboard/appointments/${theirs.id}`));
    await page.getByRole('heading', { level: 1, name: 'Physiotherapy session' }).waitFor();
    expect(await page.getByRole('button', { name: /^Pay/ }).count()).toBe(0);
  });

  it('invoices a repriced appointment at its new price, the old invoice voided in its history', async () => {
    const theirs = await book(ctx.practice, {
      title: 'Osteopathy session',
      ...parisSlot('2030-01-25', '15:00'),
      userId: clientPerson.id,
      type: 'paid',
      price: 5000,
      currency: 'EUR',
    });
    const { page } = client;
    await page.goto(appUrl(`/dashboard/appointments/${theirs.id}`));
    await page.getByRole('button', { name: 'Pay €50.00' }).click();
    await page.waitForURL(`${lagoUrl}/checkout/**`);
    await page.getByRole('heading', { name: '€50.00' }).waitFor();

    // The practice corrects the price before the client paid: that invoice is voided.
    await ctx.practice.api('PUT', `/api/appointments/${theirs.id}`, { price: 8000 });
    await page.goto(appUrl(`/dashboard/appointments/${theirs.id}`));
    await page.getByText('This appointment costs €80.00.').waitFor();
    await page
      .locator('main ol')
      .getByText(/^Invoice .+ voided: the next payment is invoiced anew$/)
      .waitFor();
    await lookOnBoth(page, 'appointment-invoice-voided');
    await page.getByRole('button', { name: 'Pay €80.00' }).click();
    await page.waitForURL(`${lagoUrl}/checkout/**`);
    await page.getByRole('heading', { name: '€80.00' }).waitFor();
  });

  it('prepares a new client’s payment page while Lago creates them at the provider, then goes on', async () => {
    const newcomer = await ctx.practice.addPerson('Grace Hopper');
    const theirs = await book(ctx.practice, {
      title: 'Osteopathy session',
      ...parisSlot('2030-01-25', '10:00'),
      userId: newcomer.id,
      type: 'paid',
      price: 7000,
      currency: 'EUR',
    });
    // Lago's background job that creates the client at Stripe takes an hour here.
    await emulator(lagoUrl, 'POST', 'payment-provider', { customerDelayMs: 3_600_000 });
    const { page, close } = await signIn(ctx.browser, newcomer);
    try {
      // The page's own timers (its next tries) run on a clock the test moves.
      await page.clock.install();
      await page.goto(appUrl(`/dashboard/appointments/${theirs.id}`));
      await page.getByRole('button', { name: 'Pay €70.00' }).click();
      await page.getByRole('status').filter({ hasText: 'Preparing your payment page…' }).waitFor();
      await lookOnBoth(page, 'pay-preparing');
      // Ten tries, three seconds apart, then a button.
      for (let attempt = 0; attempt < 10; attempt++) {
        await Promise.all([
          page.waitForResponse((response) => response.url().endsWith(`/${theirs.id}/pay`)),
          page.clock.runFor(3_000),
        ]);
      }
      await page.getByText('Your payment page is not ready yet. Try again in a minute.').waitFor();
      await lookOnBoth(page, 'pay-not-ready');
      // Lago's job has run: Try again goes on to the payment page, for the one invoice.
      await emulator(lagoUrl, 'POST', 'clock', { advanceMs: 3_600_000 });
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.waitForURL(`${lagoUrl}/checkout/**`);
      await page.getByRole('heading', { name: '€70.00' }).waitFor();
    } finally {
      await emulator(lagoUrl, 'POST', 'payment-provider', { customerDelayMs: 0 });
      await close();
    }
  });

  it('tells a client the payment service refused their details, and staff what it said', async () => {
    const refused = await ctx.practice.addPerson('Alan Turing');
    const theirs = await book(ctx.practice, {
      title: 'Sports massage',
      ...parisSlot('2030-01-28', '10:00'),
      userId: refused.id,
      type: 'paid',
      price: 5500,
      currency: 'EUR',
    });
    // Stripe refuses the client: Lago's job fails and its webhook says why.
    const stripeSays = 'Invalid phone number: +33 6';
    await emulator(lagoUrl, 'POST', 'payment-provider', {
      customerError: { message: stripeSays, error_code: 'phone_invalid' },
    });
    const { page, close } = await signIn(ctx.browser, refused);
    try {
      await page.goto(appUrl(`/dashboard/appointments/${theirs.id}`));
      await page.getByRole('button', { name: 'Pay €55.00' }).click();
      // "Preparing…" until the page's next try, which finds Lago's webhook arrived.
      const refusal = page
        .getByRole('alert')
        .filter({ hasText: 'the payment service did not accept your details' });
      await refusal.waitFor();
      expect(await refusal.innerText()).not.toContain(stripeSays);
      expect(await page.getByRole('status').filter({ hasText: 'Preparing' }).count()).toBe(0);
      await lookOnBoth(page, 'pay-refused');
      await refusal.getByRole('link', { name: 'Open my profile' }).click();
      await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();

      // Staff read the provider's own words.
      await ctx.page.goto(appUrl(`/dashboard/appointments/${theirs.id}`));
      await ctx.page.getByRole('button', { name: 'Show the payment link' }).click();
      const forStaff = ctx.page.getByRole('alert').filter({ hasText: 'refused to register this client' });
      await forStaff.getByText(`The provider said: “${stripeSays}”`).waitFor();
      await lookOnBoth(ctx.page, 'pay-refused-staff');
      await ctx.page.getByRole('button', { name: 'Try again' }).waitFor();
      // The payments list says it too, on that appointment's line only.
      await ctx.page.goto(appUrl('/dashboard/payments'));
      const line = ctx.page.getByRole('listitem').filter({ hasText: 'Sports massage' });
      await line.getByText('Can’t pay online').waitFor();
      expect(await ctx.page.getByText('Can’t pay online').count()).toBe(1);
      await lookOnBoth(ctx.page, 'payments-refused-staff');

      // The practice fixes its provider's settings: staff's Try again asks the provider at once,
      // within the hour and with the client's details unchanged.
      await emulator(lagoUrl, 'POST', 'payment-provider', { customerError: null });
      await ctx.page.goto(appUrl(`/dashboard/appointments/${theirs.id}`));
      await ctx.page.getByRole('button', { name: 'Show the payment link' }).click();
      await forStaff.waitFor();
      await ctx.page.getByRole('button', { name: 'Try again' }).click();
      const link = ctx.page.getByLabel('Payment page for the client');
      await link.waitFor();
      expect(await link.inputValue()).toContain('/checkout/');
      expect(await forStaff.count()).toBe(0);
    } finally {
      await emulator(lagoUrl, 'POST', 'payment-provider', { customerError: null });
      await close();
    }
  });
});
