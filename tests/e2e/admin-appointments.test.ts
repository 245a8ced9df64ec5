import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { appUrl, desktop, look, phone, practiceForFile, thisMonth } from './fixtures.ts';

interface Created {
  id: string;
}

/**
 * One practice in Paris with a client and five appointments this month:
 * pending paid 60 €, confirmed free, completed and paid 45 €, cancelled, pending free.
 */
const ctx = practiceForFile('Quayside Physio', async (p) => {
  const client = await p.api<Created>('POST', '/api/admin/users', {
    name: 'Camille Martin',
    email: `camille.${Date.now()}@example.com`,
    password: 'a calm practice 42',
    role: 'client',
  });
  const book = (body: Record<string, unknown>) =>
    p.api<Created>('POST', '/api/appointments', { userId: client.id, ...body });
  await book({
    title: 'Initial consultation',
    status: 'pending',
    type: 'paid',
    price: 6000,
    ...thisMonth(3, 8),
  });
  await book({ title: 'Follow-up session', ...thisMonth(5, 9) });
  const massage = await book({ title: 'Sports massage', type: 'paid', price: 4500, ...thisMonth(8, 10) });
  await p.api('PUT', `/api/appointments/${massage.id}`, { isPaid: true, status: 'completed' });
  const posture = await book({ title: 'Posture check', ...thisMonth(12, 11) });
  await p.api('PUT', `/api/appointments/${posture.id}`, { status: 'cancelled' });
  await book({ title: 'Bilan "posture", épaule', status: 'pending', ...thisMonth(14, 12) });
});

async function statValue(name: string) {
  return ctx.page.getByRole('group', { name, exact: true }).innerText();
}

describe('the administration dashboard', () => {
  it('shows this month’s figures of the seeded appointments in its cards', async () => {
    await ctx.page.goto(appUrl('/admin'));
    await ctx.page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await ctx.page.getByRole('group', { name: 'Appointments', exact: true }).waitFor();
    expect(await statValue('Appointments')).toContain('5');
    expect(await statValue('Pending')).toContain('2');
    expect(await statValue('Revenue')).toContain('€45.00');
    expect(await statValue('Unpaid')).toContain('€60.00');
    expect(await statValue('Unpaid')).toContain('1 appointment this month, unpaid');
    expect(await statValue('Confirmed')).toContain('1');
    expect(await statValue('Completed')).toContain('1');
    expect(await statValue('Cancelled')).toContain('1');
    expect(await statValue('No-show')).toContain('0');
  });

  it('draws the month day by day, with the numbers in a table for screen readers', async () => {
    const table = ctx.page.getByRole('table', { name: /Appointments per day in/ });
    const dayThree = table.getByRole('row').nth(3);
    expect(await dayThree.innerText()).toMatch(/3 .*\s1$/);
    // One appointment on each of five days: no day stands out to be named the busiest.
    await ctx.page.getByText('At most 1 appointment a day (5 days)').waitFor();
    expect(await ctx.page.getByText('Busiest day:').count()).toBe(0);
    expect(await ctx.page.getByRole('heading', { name: 'Pending requests' }).count()).toBe(1);
    // The two requests fall on the 3rd and the 14th: the card lists those still to come and,
    // when none is, says the month's requests passed unanswered rather than "nothing waiting" alone.
    const upcoming = [thisMonth(3, 8), thisMonth(14, 12)].filter((s) => new Date(s.startTime) > new Date());
    const passedNote = ctx.page.getByText('2 requests of this month passed without an answer.');
    if (upcoming.length === 0) {
      await passedNote.waitFor();
      const seeThem = ctx.page.getByRole('link', { name: 'See them' });
      expect(await seeThem.getAttribute('href')).toContain('period=month');
    } else {
      await ctx.page.getByText('Bilan "posture", épaule').first().waitFor();
      expect(await passedNote.count()).toBe(0);
      // The practice proposed it: the card says the answer is the client's, and opens its page.
      const request = ctx.page.getByRole('listitem').filter({ hasText: 'Bilan "posture", épaule' });
      await request.getByText('Awaiting the client').waitFor();
      const opens = request.getByRole('link', { name: 'Bilan "posture", épaule' });
      expect(await opens.getAttribute('href')).toMatch(/^\/dashboard\/appointments\/[0-9a-f-]{36}$/);
    }
    await look(ctx.page, 'admin-dashboard');
  });

  it('stacks the cards on a phone', async () => {
    await ctx.page.setViewportSize(phone);
    await ctx.page.getByRole('group', { name: 'Revenue' }).waitFor();
    await look(ctx.page, 'admin-dashboard');
    await ctx.page.setViewportSize(desktop);
  });
});

describe('the admin appointments list', () => {
  const row = (title: string) => ctx.page.getByRole('row').filter({ hasText: title });

  it('lists this month’s appointments with client, practitioner, status and price', async () => {
    await ctx.page.goto(appUrl('/admin/appointments?period=month'));
    await ctx.page.getByRole('heading', { level: 1, name: 'Appointments' }).waitFor();
    await row('Initial consultation').waitFor();
    const text = await row('Initial consultation').innerText();
    expect(text).toContain('Camille Martin');
    expect(text).toContain('Olivia Owner');
    expect(text).toContain('Pending');
    // The practice proposed it: the answer is the client's.
    expect(text).toContain('Awaiting the client');
    expect(text).toContain('€60.00');
    expect(text).toContain('Unpaid');
    expect(await ctx.page.getByRole('row').count()).toBe(6);
    expect(await ctx.page.getByRole('group', { name: 'Confirmed' }).innerText()).toMatch(/Confirmed\s+1/);
    expect(await ctx.page.getByRole('link', { name: 'Calendar view' }).getAttribute('href')).toBe(
      '/admin/appointments/calendar',
    );
    await look(ctx.page, 'admin-appointments');
  });

  it('finds appointments by client name and narrows them by status and type', async () => {
    await ctx.page.getByLabel('Search').fill('massage');
    await ctx.page.getByText('1 appointment shown').waitFor({ state: 'attached' });
    expect(await ctx.page.getByRole('row').count()).toBe(2);
    await ctx.page.getByLabel('Search').fill('camille');
    await ctx.page.getByText('5 appointments shown').waitFor({ state: 'attached' });
    await ctx.page.getByLabel('Status').selectOption('pending');
    await ctx.page.getByText('2 appointments shown').waitFor({ state: 'attached' });
    await ctx.page.getByLabel('Type').selectOption('paid');
    await ctx.page.getByText('1 appointment shown').waitFor({ state: 'attached' });
    expect(new URL(ctx.page.url()).search).toBe('?q=camille&status=pending&type=paid&period=month');
    await ctx.page.getByLabel('Search').fill('nobody at all');
    await ctx.page.getByText('No appointment matches these filters.').waitFor();
    await ctx.page.getByRole('button', { name: 'Clear filters' }).click();
    await ctx.page.getByText('5 appointments shown').waitFor({ state: 'attached' });
    // Who booked: the practice booked every one of these, the voice assistant none.
    await ctx.page.getByLabel('Booked by').selectOption('assistant');
    await ctx.page.getByText('No appointment matches these filters.').waitFor();
    expect(new URL(ctx.page.url()).searchParams.get('source')).toBe('assistant');
    await ctx.page.getByLabel('Booked by').selectOption('admin');
    await ctx.page.getByText('5 appointments shown').waitFor({ state: 'attached' });
    await ctx.page.getByLabel('Booked by').selectOption('');
  });

  it('exports the filtered list as a CSV file that spreadsheets open with accents and quotes intact', async () => {
    await ctx.page.getByLabel('Status').selectOption('pending');
    await ctx.page.getByText('2 appointments shown').waitFor({ state: 'attached' });
    const [download] = await Promise.all([
      ctx.page.waitForEvent('download'),
      ctx.page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^appointments-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF"Date","Start","End","Title","Client"')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"Initial consultation","Camille Martin"');
    expect(lines[1]).toContain('"Pending","Paid","60.00","EUR","No","Olivia Owner"');
    expect(lines[1]).toMatch(/^"\d{2}\/\d{2}\/\d{4}","\d{2}:\d{2}","\d{2}:\d{2}"/);
    expect(lines[2]).toContain('"Bilan ""posture"", épaule"');
    await ctx.page.getByText('2 appointments exported.').waitFor();
    await ctx.page.getByLabel('Status').selectOption('');
  });

  it('confirms a request from the keyboard-driven action menu, then marks it completed', async () => {
    const menuButton = ctx.page.getByRole('button', { name: 'Actions for Initial consultation' });
    await menuButton.focus();
    await ctx.page.keyboard.press('Enter');
    const menu = ctx.page.getByRole('menu', { name: 'Actions for Initial consultation' });
    await menu.waitFor();
    expect(await ctx.page.locator(':focus').textContent()).toBe('View details');
    await ctx.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    expect(await ctx.page.locator(':focus').getAttribute('aria-label')).toBe(
      'Actions for Initial consultation',
    );

    await ctx.page.keyboard.press('ArrowDown');
    await ctx.page.keyboard.press('ArrowDown');
    expect(await ctx.page.locator(':focus').textContent()).toBe('Confirm…');
    await ctx.page.keyboard.press('Enter');
    const dialog = ctx.page.getByRole('dialog', { name: 'Confirm the appointment' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Practitioner').inputValue()).not.toBe('');
    await look(ctx.page, 'admin-appointment-confirm', { fullPage: false });
    await dialog.getByRole('button', { name: 'Confirm appointment' }).click();
    await ctx.page.getByText('“Initial consultation” is confirmed.').waitFor();
    await expect.poll(() => row('Initial consultation').innerText()).toContain('Confirmed');

    await menuButton.click();
    await menu.getByRole('menuitem', { name: 'Mark completed' }).click();
    await ctx.page.getByText('“Initial consultation” is marked completed.').waitFor();
    await expect.poll(() => row('Initial consultation').innerText()).toContain('Completed');
    await ctx.page
      .getByRole('group', { name: 'Pending', exact: true })
      .getByText('1', { exact: true })
      .waitFor();
  });

  it('asks before cancelling, and keeps the appointment when told to', async () => {
    await ctx.page.getByRole('button', { name: 'Actions for Follow-up session' }).click();
    await ctx.page.getByRole('menuitem', { name: 'Cancel appointment…' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await dialog.waitFor();
    expect(await ctx.page.locator(':focus').textContent()).toBe('Keep it');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await row('Follow-up session').innerText()).toContain('Confirmed');

    await ctx.page.getByRole('button', { name: 'Actions for Follow-up session' }).click();
    await ctx.page.getByRole('menuitem', { name: 'Cancel appointment…' }).click();
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await ctx.page.getByText('“Follow-up session” is cancelled.').waitFor();
    await expect.poll(() => row('Follow-up session').innerText()).toContain('Cancelled');
  });

  it('shows one card per appointment on a phone, with the same actions and the details', async () => {
    await ctx.page.setViewportSize(phone);
    const card = ctx.page.getByRole('listitem').filter({ hasText: 'Sports massage' });
    await card.waitFor();
    expect(await ctx.page.getByRole('table').count()).toBe(0);
    await look(ctx.page, 'admin-appointments');
    await card.getByRole('button', { name: 'Actions for Sports massage' }).click();
    await ctx.page.getByRole('menuitem', { name: 'View details' }).click();
    const details = ctx.page.getByRole('dialog', { name: 'Sports massage' });
    await details.waitFor();
    expect(await details.innerText()).toContain('Camille Martin');
    expect(await details.innerText()).toContain('€45.00');
    await look(ctx.page, 'admin-appointment-details', { fullPage: false });
    await ctx.page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    await ctx.page.setViewportSize(desktop);
  });
});
