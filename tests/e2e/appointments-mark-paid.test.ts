import { describe, expect, it } from 'vitest';
import {
  appUrl,
  book,
  dismissToasts,
  look,
  lookOnBoth,
  type Person,
  parisSlot,
  practiceForFile,
  type Session,
  signIn,
  toast,
} from './fixtures.ts';

let clientPerson: Person & { id: string };
let client: Session;

const ctx = practiceForFile('Lakeside Osteopathy', async (practice, browser) => {
  clientPerson = await practice.addPerson('Jean Dupont');
  client = await signIn(browser, clientPerson);
});

/** A confirmed paid appointment of the client, booked by the practice. */
function paidAppointment(title: string, day: string, price = 5000) {
  return book(ctx.practice, {
    title,
    ...parisSlot(day, '10:00'),
    userId: clientPerson.id,
    status: 'confirmed',
    type: 'paid',
    price,
    currency: 'EUR',
  });
}

/** A client who paid at the desk: staff record it, and take it back when it was a mistake. */
describe('marking an appointment paid at the desk', () => {
  it('lets staff mark it paid after saying what that does: the badge shows Paid, the history the change', async () => {
    const { id } = await paidAppointment('Initial assessment', '2030-02-04');
    const { page } = ctx;
    await page.goto(appUrl(`/dashboard/appointments/${id}`));
    const main = page.locator('main');
    await main.getByText('To pay · €50.00').waitFor();
    await lookOnBoth(page, 'mark-paid-offered');

    await page.getByRole('button', { name: 'Mark as paid' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark this appointment as paid?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(
      'Use this when the client paid at the desk, in cash or by card',
    );
    await lookOnBoth(page, 'mark-paid-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Mark as paid' }).click();

    await toast(page, '“Initial assessment” marked as paid').waitFor();
    await main.getByText('Paid · €50.00').waitFor();
    const change = main.locator('ol > li').filter({ hasText: 'Marked as paid' });
    await change.waitFor();
    expect(await change.innerText()).toContain('By you');
    // Nothing left to pay: no invoice to issue, no second mark.
    expect(await page.getByRole('button', { name: /^Invoice the client/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark as paid' }).count()).toBe(0);
    await main.getByText('Marked as paid by the practice.').waitFor();
    await dismissToasts(page);
    await lookOnBoth(page, 'mark-paid-done');

    // The client sees it paid, with nothing to pay and nothing to take back.
    await client.page.goto(appUrl(`/dashboard/appointments/${id}`));
    await client.page.locator('main').getByText('Paid · €50.00').waitFor();
    expect(await client.page.getByRole('button', { name: /^Pay|^Mark as/ }).count()).toBe(0);
  });

  it('lets staff take back a mark made by mistake, asking first', async () => {
    const { id } = await paidAppointment('Follow-up session', '2030-02-05', 4000);
    await ctx.practice.api('PUT', `/api/appointments/${id}`, { isPaid: true });
    const { page } = ctx;
    await page.goto(appUrl(`/dashboard/appointments/${id}`));
    const main = page.locator('main');
    await main.getByText('Paid · €40.00').waitFor();

    await page.getByRole('button', { name: 'Mark as unpaid' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark this appointment as unpaid?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('only if it was marked paid by mistake');
    // Taking a payment back is not the default: focus starts on Go back.
    expect(await page.locator(':focus').textContent()).toBe('Go back');
    await dialog.getByRole('button', { name: 'Mark as unpaid' }).click();

    await toast(page, '“Follow-up session” marked as unpaid').waitFor();
    await main.getByText('To pay · €40.00').waitFor();
    await main.locator('ol > li').filter({ hasText: 'Marked as unpaid' }).waitFor();
    await page.getByRole('button', { name: 'Mark as paid' }).waitFor();
  });

  it('offers no such action to a client', async () => {
    const { id } = await paidAppointment('Sports massage', '2030-02-06');
    const { page } = client;
    await page.goto(appUrl(`/dashboard/appointments/${id}`));
    await page.getByRole('button', { name: 'Pay €50.00' }).waitFor();
    expect(await page.getByRole('button', { name: /^Mark as/ }).count()).toBe(0);
  });

  it('marks an appointment paid from the row menu of the administration’s list', async () => {
    await paidAppointment('Posture check', '2030-02-07', 6500);
    const { page } = ctx;
    await page.goto(appUrl('/admin/appointments'));
    const row = page.getByRole('row').filter({ hasText: 'Posture check' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Unpaid');

    await row.getByRole('button', { name: 'Actions for Posture check' }).click();
    await page.getByRole('menuitem', { name: 'Mark paid…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark this appointment as paid?' });
    await dialog.getByRole('button', { name: 'Mark as paid' }).click();

    await toast(page, '“Posture check” marked as paid').waitFor();
    await expect.poll(() => row.innerText()).toMatch(/€65\.00\s+Paid/);
    await dismissToasts(page);
    await lookOnBoth(page, 'mark-paid-admin-list', {
      ready: () => page.getByRole('listitem').filter({ hasText: 'Posture check' }),
    });
    // Its menu now offers the way back instead.
    await row.getByRole('button', { name: 'Actions for Posture check' }).click();
    await page.getByRole('menuitem', { name: 'Mark unpaid…' }).waitFor();
    await look(page, 'mark-paid-admin-menu', { fullPage: false });
    expect(await page.getByRole('menuitem', { name: 'Mark paid…' }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });
});
