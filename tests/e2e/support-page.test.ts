import { describe, expect, it } from 'vitest';
import {
  appUrl,
  look,
  lookOnBoth,
  type Person,
  practiceForFile,
  type Session,
  signIn,
  toast,
} from './fixtures.ts';

let clientPerson: Person;
let client: Session;

const ctx = practiceForFile('Harbour Physio', async (practice, browser) => {
  clientPerson = await practice.addPerson('Jean Dupont');
  client = await signIn(browser, clientPerson);
});

/** Spec 001 "Support Page": FAQ, quick actions, a contact form that reaches the practice's staff. */
describe('the support page', () => {
  it('answers common questions in an accordion that works from the keyboard', async () => {
    const { page } = client;
    await page.goto(appUrl('/dashboard/support'));
    await page.getByRole('heading', { level: 1, name: 'Support' }).waitFor();
    const answer = page.getByText('Proposed appointments appear in a yellow section');
    expect(await answer.isVisible()).toBe(false);
    await page.getByText('The practice proposed a time. How do I accept it?').focus();
    await page.keyboard.press('Enter');
    await answer.waitFor();
    await lookOnBoth(page, 'support');
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
    const { page } = ctx;
    await page.goto(appUrl('/dashboard/support'));
    const ticket = page.getByRole('article').filter({ hasText: 'Invoice for January' });
    await ticket.waitFor();
    expect(await ticket.textContent()).toContain('Jean Dupont');
    expect(await ticket.getByRole('link', { name: /Reply by email/ }).getAttribute('href')).toContain(
      `mailto:${clientPerson.email}`,
    );
    // Staff are written to: no form of their own, and questions about running the practice.
    expect(await page.getByRole('button', { name: 'Send message' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Write to us' }).count()).toBe(0);
    expect(await page.getByText('How do I request an appointment?').count()).toBe(0);
    await page.getByText('Someone forgot their password. What now?').click();
    await page.getByText('npm run reset-password', { exact: false }).waitFor();
    await lookOnBoth(page, 'support-staff');
    await ticket.getByRole('button', { name: /Mark as answered/ }).click();
    await toast(page, 'Request marked as answered').waitFor();
    await ticket.getByText('Answered').waitFor();
    await look(page, 'support-staff-answered');
  });
});
