import { describe, expect, it } from 'vitest';
import {
  appUrl,
  book,
  lookOnBoth,
  type Person,
  parisSlot,
  practiceForFile,
  type Session,
  signIn,
  toast,
} from './fixtures.ts';

let clientPerson: Person & { id: string };
let colleague: Person & { id: string };
let client: Session;

const ctx = practiceForFile('Quayside Osteopathy', async (practice, browser) => {
  clientPerson = await practice.addPerson('Camille Martin');
  colleague = await practice.addPerson('Dr Hugo Leroy', 'admin');
  client = await signIn(browser, clientPerson);
});

/** Changing an appointment after it is made: staff reschedule and correct, a client their request. */
describe('changing an appointment', () => {
  it('lets staff move an appointment to another time and practitioner, and says when the time is taken', async () => {
    const { page } = ctx;
    const moved = await book(ctx.practice, {
      title: 'Osteopathy session',
      ...parisSlot('2030-02-04', '10:00'),
      userId: clientPerson.id,
      status: 'confirmed',
      // A place and a link: the form's one field shows the link, and a move keeps both.
      location: 'Quayside, 3 rue du Port',
      meetingUrl: 'https://meet.example.com/osteo',
    });
    await book(ctx.practice, {
      title: 'Hugo’s lunch meeting',
      ...parisSlot('2030-02-05', '14:00'),
      assignedAdminId: colleague.id,
    });

    await page.goto(appUrl(`/dashboard/appointments/${moved.id}`));
    await page.getByRole('link', { name: 'Change or reschedule' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change the appointment' }).waitFor();
    // The form holds the appointment as it is; the practitioner is the one it has.
    expect(await page.getByLabel('Title').inputValue()).toBe('Osteopathy session');
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe('2030-02-04');
    expect(await page.getByLabel('Time', { exact: true }).inputValue()).toBe('10:00');
    const practitioner = page.getByLabel('Practitioner');
    expect(await practitioner.locator('option:checked').textContent()).toContain('(you)');
    // Booked for a client: who it is for is not changed here.
    expect(await page.getByLabel('Client (optional)').count()).toBe(0);
    await lookOnBoth(page, 'appointment-edit-staff');

    // Onto Hugo's time while he is busy: refused at the time, nothing changed.
    await practitioner.selectOption({ label: colleague.name });
    await page.getByLabel('Date', { exact: true }).fill('2030-02-05');
    await page.getByLabel('Time', { exact: true }).fill('14:30');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('This time is already taken. Choose another.').waitFor();

    await page.getByLabel('Time', { exact: true }).fill('16:00');
    await page.getByLabel('Duration').selectOption('30');
    await page.getByLabel('Internal notes (optional)').fill('Moved at the client’s request.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'The changes were saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Osteopathy session' }).waitFor();
    const main = page.locator('main');
    await main.getByText('16:00 – 16:30', { exact: true }).waitFor();
    expect(await main.textContent()).toContain('Tuesday, 5 February 2030');
    await main.getByText('Moved at the client’s request.').waitFor();
    await main.locator('ol').getByText('Assigned to another practitioner').waitFor();
    await main.locator('dd').filter({ hasText: colleague.name }).waitFor();
    const saved = await ctx.practice.api<{ assignedAdminId: string; startTime: string }>(
      'GET',
      `/api/appointments/${moved.id}`,
    );
    expect(saved).toMatchObject({
      assignedAdminId: colleague.id,
      startTime: '2030-02-05T15:00:00.000Z',
      location: 'Quayside, 3 rue du Port',
      meetingUrl: 'https://meet.example.com/osteo',
    });
  });

  it('books a practitioner’s own time by default, or a colleague’s when chosen', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/dashboard/appointments/new'));
    await page.getByRole('heading', { level: 1, name: 'New appointment' }).waitFor();
    const practitioner = page.getByLabel('Practitioner');
    expect(await practitioner.locator('option:checked').textContent()).toContain('(you)');
    await practitioner.selectOption({ label: colleague.name });
    await page.getByLabel('Title').fill('Home visit');
    await page.getByLabel('Date', { exact: true }).fill('2030-02-06');
    await page.getByLabel('Time', { exact: true }).fill('09:00');
    await page.getByRole('button', { name: 'Book' }).click();
    await toast(page, 'The appointment was booked.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Home visit' }).waitFor();
    const id = page.url().split('/').at(-1)!;
    const booked = await ctx.practice.api<{ assignedAdminId: string }>('GET', `/api/appointments/${id}`);
    expect(booked.assignedAdminId).toBe(colleague.id);
  });

  it('lets a client change their own request while it waits, and nothing the practice has answered', async () => {
    const { page } = client;
    const request = await book(client, { title: 'Neck pain', ...parisSlot('2030-02-11', '09:00') });
    const proposed = await book(ctx.practice, {
      title: 'Check-up',
      ...parisSlot('2030-02-12', '09:00'),
      userId: clientPerson.id,
      status: 'confirmed',
    });

    await page.goto(appUrl(`/dashboard/appointments/${request.id}`));
    await page.getByRole('link', { name: 'Change my request' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change your request' }).waitFor();
    // A client's request: no internal notes, no practitioner.
    expect(await page.getByLabel('Practitioner').count()).toBe(0);
    expect(await page.getByLabel(/notes/i).count()).toBe(0);
    await lookOnBoth(page, 'appointment-edit-client');
    await page.getByLabel('Title').fill('Neck and shoulder pain');
    await page.getByLabel('Time', { exact: true }).fill('11:15');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'The changes were saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Neck and shoulder pain' }).waitFor();
    const main = page.locator('main');
    await main.getByText('11:15 – 12:15', { exact: true }).waitFor();
    await main.getByText('Your request is waiting for the practice to confirm it.').waitFor();

    // Confirmed by the practice: the client may cancel it, not change it, even by its address.
    await page.goto(appUrl(`/dashboard/appointments/${proposed.id}`));
    await page.getByRole('button', { name: 'Cancel appointment' }).waitFor();
    expect(await page.getByRole('link', { name: 'Change my request' }).count()).toBe(0);
    await page.goto(appUrl(`/dashboard/appointments/${proposed.id}/edit`));
    await page
      .getByRole('heading', { level: 1, name: 'This appointment can no longer be changed here.' })
      .waitFor();
    await page.getByRole('link', { name: 'Back to the appointment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check-up' }).waitFor();
  });

  it('offers a client no cancelling once the appointment has begun', async () => {
    const { page } = client;
    const start = new Date(Date.now() - 30 * 60_000);
    start.setUTCSeconds(0, 0);
    const under = await book(ctx.practice, {
      title: 'Session under way',
      startTime: start.toISOString(),
      endTime: new Date(start.getTime() + 3_600_000).toISOString(),
      userId: clientPerson.id,
      status: 'confirmed',
    });
    await page.goto(appUrl(`/dashboard/appointments/${under.id}`));
    await page.getByRole('heading', { level: 1, name: 'Session under way' }).waitFor();
    await page.locator('main').getByText('Nothing to do for now.').waitFor();
    expect(await page.getByRole('button', { name: 'Cancel appointment' }).count()).toBe(0);
    // Staff still can: whether it took place is theirs to record.
    await ctx.page.goto(appUrl(`/dashboard/appointments/${under.id}`));
    await ctx.page.getByRole('button', { name: 'Mark as no-show' }).waitFor();
    expect(await ctx.page.getByRole('button', { name: 'Cancel appointment' }).count()).toBe(1);
  });
});
