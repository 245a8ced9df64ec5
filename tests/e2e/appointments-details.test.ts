import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkA11y } from '../support/browser.ts';
import {
  addClient,
  appUrl,
  book,
  browserForFile,
  capture,
  emulator,
  newPage,
  parisSlot,
  toast,
} from './dashboard-fixtures.ts';
import { logIn, type Person, signUp, uniquePerson } from './support.ts';

const baseUrl = inject('baseUrl');
const lagoUrl = inject('lagoUrl');
const url = appUrl;

const browser = browserForFile();

/** The request form, then an appointment's page: its facts, the actions a role may take, its history. */
describe.each([{ width: 1280 }, { width: 390 }])(
  'requesting and following an appointment at $width px',
  ({ width }) => {
    let owner: { context: BrowserContext; page: Page };
    let client: { context: BrowserContext; page: Page };
    const ownerPerson = uniquePerson('Olivia Owner');
    let clientPerson: Person & { id: string };

    beforeAll(async () => {
      owner = await newPage(browser(), width);
      await signUp(owner.page, baseUrl, ownerPerson, `Riverside Clinic ${width}`);
      clientPerson = await addClient(owner.page, baseUrl, 'Jean Dupont');
      client = await newPage(browser(), width);
      await logIn(client.page, baseUrl, clientPerson);
    });
    afterAll(async () => {
      await owner.context?.close();
      await client.context?.close();
    });

    it('names what is missing at each field of the request form', async () => {
      const { page } = client;
      await page.goto(url('/dashboard/appointments/new'));
      await page.getByRole('heading', { level: 1, name: 'Request an appointment' }).waitFor();
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.getByText('Give your request a title.').waitFor();
      await page.getByText('Choose a date.').waitFor();
      await page.getByText('Choose a time.').waitFor();
      await page.getByLabel('Date', { exact: true }).fill('2020-01-07');
      await page.getByLabel('Time', { exact: true }).fill('09:30');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.getByText('Choose a time in the future.').waitFor();
      await capture(page, 'appointment-request-errors');
      expect(await checkA11y(page)).toEqual([]);
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
      const history = page.getByRole('region', { name: 'History' }).or(main.locator('ol'));
      await history.getByText('Created').first().waitFor();
      expect(await main.locator('ol').textContent()).toContain('By you');
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      await capture(page, 'appointment-detail-pending');
      expect(await checkA11y(page)).toEqual([]);

      await page.getByRole('button', { name: 'Cancel appointment' }).click();
      const dialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
      await dialog.waitFor();
      expect(await page.locator(':focus').textContent()).toBe('Go back');
      await capture(page, 'appointment-cancel-dialog', { fullPage: false });
      await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
      await toast(page, 'Appointment cancelled').waitFor();
      await main.getByText('This appointment was cancelled.').waitFor();
      await main.locator('ol').getByText('Cancelled').waitFor();
    });

    it('lets staff mark a confirmed appointment completed, and a client pay a paid one', async () => {
      const paid = await book(owner.page, baseUrl, {
        title: 'Initial assessment',
        ...parisSlot('2030-01-23', '14:00'),
        userId: null,
        attendeeEmail: clientPerson.email,
        type: 'paid',
        price: 5000,
        currency: 'EUR',
      });
      const theirs = await book(owner.page, baseUrl, {
        title: 'Physiotherapy session',
        ...parisSlot('2030-01-24', '11:00'),
        userId: clientPerson.id,
        type: 'paid',
        price: 6500,
        currency: 'EUR',
      });

      await owner.page.goto(url(`/dashboard/appointments/${paid.id}`));
      await owner.page.getByRole('button', { name: 'Mark as completed' }).click();
      await owner.page
        .getByRole('dialog', { name: 'Mark as completed?' })
        .getByRole('button', { name: 'Mark as completed' })
        .click();
      await toast(owner.page, 'Marked as completed').waitFor();
      await owner.page.locator('main').getByText('This appointment took place.').waitFor();
      await owner.page.locator('main ol').getByText('Completed').waitFor();
      await capture(owner.page, 'appointment-detail-completed');

      const { page } = client;
      await page.goto(url(`/dashboard/appointments/${theirs.id}`));
      await page.getByText('This appointment costs €65.00.').waitFor();
      // Lago is down for the first attempt: the page says so, and nothing is charged.
      await emulator(lagoUrl, 'POST', 'faults', { path: '/invoices', method: 'POST', status: 503, times: 1 });
      await page.getByRole('button', { name: 'Pay €65.00' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'The billing service is not reachable right now.' })
        .waitFor();
      await page.getByRole('button', { name: 'Pay €65.00' }).click();
      await toast(page, /Invoice .+ created/).waitFor();
      const issued = page.getByRole('status').filter({ hasText: 'was issued' });
      await issued.waitFor();
      expect(await issued.textContent()).toContain('€65.00');
      await capture(page, 'appointment-detail-invoiced');
      expect(await checkA11y(page)).toEqual([]);
    });
  },
);
