import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkA11y } from '../support/browser.ts';
import { addClient, appUrl, browserForFile, capture, newPage, toast } from './dashboard-fixtures.ts';
import { logIn, type Person, signUp, uniquePerson } from './support.ts';

const baseUrl = inject('baseUrl');
const url = appUrl;

const browser = browserForFile();

/** Spec 001 "Support Page": FAQ, quick actions, a contact form that reaches the practice's staff. */
describe.each([{ width: 1280 }, { width: 390 }])('the support page at $width px', ({ width }) => {
  let owner: { context: BrowserContext; page: Page };
  let client: { context: BrowserContext; page: Page };
  const ownerPerson = uniquePerson('Olivia Owner');
  let clientPerson: Person;

  beforeAll(async () => {
    owner = await newPage(browser(), width);
    await signUp(owner.page, baseUrl, ownerPerson, `Harbour Physio ${width}`);
    clientPerson = await addClient(owner.page, baseUrl, 'Jean Dupont');
    client = await newPage(browser(), width);
    await logIn(client.page, baseUrl, clientPerson);
  });
  afterAll(async () => {
    await owner.context?.close();
    await client.context?.close();
  });

  it('answers common questions in an accordion that works from the keyboard', async () => {
    const { page } = client;
    await page.goto(url('/dashboard/support'));
    await page.getByRole('heading', { level: 1, name: 'Support' }).waitFor();
    const answer = page.getByText('Proposed appointments appear in a yellow section');
    expect(await answer.isVisible()).toBe(false);
    await page.getByText('The practice proposed a time. How do I accept it?').focus();
    await page.keyboard.press('Enter');
    await answer.waitFor();
    await capture(page, 'support');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('names what is missing in the contact form, then sends it in the chosen category', async () => {
    const { page } = client;
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Enter a subject.').waitFor();
    await page.getByText('Write at least 10 characters so we can help.').waitFor();
    await page.getByLabel('Topic').selectOption({ label: 'Billing / Payment' });
    await page.getByLabel('Subject').fill('Invoice for January');
    await page.getByLabel('Message').fill('Could you send my January invoice again, please?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await toast(page, 'Your message was sent. We will answer by email.').waitFor();
    const mine = page.getByRole('article').filter({ hasText: 'Invoice for January' });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Billing / Payment');
    expect(await mine.textContent()).toContain('Open');
    expect(await page.getByLabel('Subject').inputValue()).toBe('');
  });

  it('shows the practice’s requests to staff, who mark them answered', async () => {
    const { page } = owner;
    await page.goto(url('/dashboard/support'));
    const ticket = page.getByRole('article').filter({ hasText: 'Invoice for January' });
    await ticket.waitFor();
    expect(await ticket.textContent()).toContain('Jean Dupont');
    expect(await ticket.getByRole('link', { name: /Reply by email/ }).getAttribute('href')).toContain(
      `mailto:${clientPerson.email}`,
    );
    await capture(page, 'support-staff');
    await ticket.getByRole('button', { name: /Mark as answered/ }).click();
    await toast(page, 'Request marked as answered').waitFor();
    await ticket.getByText('Answered').waitFor();
    expect(await checkA11y(page)).toEqual([]);
  });
});
