import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkA11y } from '../support/browser.ts';
import {
  addClient,
  appUrl,
  browserForFile,
  capture,
  newPage,
  parisSlot,
  requestWithClient,
} from './dashboard-fixtures.ts';
import { logIn, type Person, signUp, uniquePerson } from './support.ts';

const baseUrl = inject('baseUrl');
const url = appUrl;

const browser = browserForFile();

describe.each([{ width: 1280 }, { width: 390 }])('the overview at $width px', ({ width }) => {
  let owner: { context: BrowserContext; page: Page };
  const ownerPerson = uniquePerson('Olivia Owner');
  let clientPerson: Person;

  beforeAll(async () => {
    owner = await newPage(browser(), width);
    await signUp(owner.page, baseUrl, ownerPerson, `Harbour Physio ${width}`);
    clientPerson = await addClient(owner.page, baseUrl, 'Jean Dupont');
    for (const [day, title] of [
      ['2030-01-15', 'Technical Consultation'],
      ['2030-01-16', 'Project review'],
    ] as const) {
      await requestWithClient(owner.page, baseUrl, {
        clientEmail: clientPerson.email,
        title,
        ...parisSlot(day, '10:00'),
      });
    }
  });
  afterAll(async () => {
    await owner.context?.close();
  });

  it('greets the client with their next appointments and what waits for them', async () => {
    const client = await newPage(browser(), width);
    await logIn(client.page, baseUrl, clientPerson);
    const { page } = client;
    const stats = page.getByRole('list', { name: 'Your appointments at a glance' });
    await stats.getByText('Waiting for your confirmation').waitFor();
    await page.getByRole('link', { name: 'Technical Consultation' }).waitFor();
    await expect.poll(() => stats.textContent()).toMatch(/2\s*Upcoming/);
    await expect.poll(() => stats.textContent()).toMatch(/2\s*Waiting for your confirmation/);
    const next = await page.getByRole('link', { name: 'Project review' }).locator('..').textContent();
    expect(next).toContain('10:00 – 11:00');
    await capture(page, 'overview-client');
    expect(await checkA11y(page)).toEqual([]);
    await page.getByRole('link', { name: 'Waiting for your confirmation' }).click();
    await page.waitForURL(url('/dashboard/appointments'));
    await client.context.close();
  });

  it('tells a practice with nothing booked how to start', async () => {
    const fresh = await newPage(browser(), width);
    await signUp(fresh.page, baseUrl, uniquePerson('Nina New'), `Fresh Clinic ${width}`);
    await fresh.page.getByText('Nothing booked yet').waitFor();
    expect(await fresh.page.getByRole('link', { name: 'Request an appointment' }).count()).toBe(1);
    await capture(fresh.page, 'overview-empty');
    await fresh.context.close();
  });
});
