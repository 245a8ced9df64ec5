import { describe, expect, it } from 'vitest';
import { inputsToInstant } from '../../src/web/lib/zoned-time.ts';
import {
  appUrl,
  book,
  longDay,
  lookOnBoth,
  type Person,
  parisDay,
  practiceForFile,
  type Session,
  signIn,
  toast,
} from './fixtures.ts';

let clientPerson: Person & { id: string };
let client: Session;
/** Two days ahead: all of its opening is past the minimum notice, whatever the hour of the run. */
const day = parisDay(2);

/** A time of that day in Paris, as an instant (the form's own reading of its inputs). */
const parisInstant = (date: string, time: string) => inputsToInstant(date, time, 'Europe/Paris')!;

const ctx = practiceForFile('Free Times Clinic', async (practice, browser) => {
  clientPerson = await practice.addPerson('Jean Dupont');
  client = await signIn(browser, clientPerson);
  const me = await practice.api<{ user: { id: string } }>('GET', '/api/me');
  // Open every day, 09:00-12:00 in hours of 60 minutes: three times a day, less what is taken.
  for (const dayOfWeek of [0, 1, 2, 3, 4, 5, 6]) {
    await practice.api('POST', '/api/admin/availability/slots', {
      userId: me.user.id,
      dayOfWeek,
      startTime: '09:00',
      endTime: '12:00',
      duration: 60,
    });
  }
  await book(practice, {
    title: 'Already taken',
    startTime: parisInstant(day, '10:00').toISOString(),
    endTime: parisInstant(day, '11:00').toISOString(),
    timezone: 'Europe/Paris',
  });
});

/** The request form offers the practice's free times, and a pick fills in date, time and length. */
describe('free times on the request form', () => {
  it('offers the free times of a day, without the one already taken', async () => {
    const { page } = client;
    await page.goto(appUrl('/dashboard/appointments/new'));
    const days = page.getByRole('group', { name: 'Days with free times' });
    await days.getByRole('button').first().waitFor();
    // Two weeks, every day open; today may have nothing left past the notice.
    expect(await days.getByRole('button').count()).toBeGreaterThanOrEqual(13);
    await days.getByRole('button', { name: longDay(day) }).click();
    const times = page.getByRole('group', { name: `Free times on ${longDay(day)}` });
    await times.getByRole('button').first().waitFor();
    expect(await times.getByRole('button').allTextContents()).toEqual(['09:00', '11:00']);
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe('');
  });

  it('fills in the date, time and length from the time picked, and sends that request', async () => {
    const { page } = client;
    const times = page.getByRole('group', { name: `Free times on ${longDay(day)}` });
    await times.getByRole('button', { name: '11:00' }).click();
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe(day);
    expect(await page.getByLabel('Time', { exact: true }).inputValue()).toBe('11:00');
    expect(await page.getByLabel('Duration').inputValue()).toBe('60');
    expect(await times.getByRole('button', { name: '11:00' }).getAttribute('aria-pressed')).toBe('true');
    // A time typed by hand that is one of the free times shows as picked too.
    await page.getByLabel('Time', { exact: true }).fill('09:00');
    expect(await times.getByRole('button', { name: '09:00' }).getAttribute('aria-pressed')).toBe('true');
    expect(await times.getByRole('button', { name: '11:00' }).getAttribute('aria-pressed')).toBe('false');
    await times.getByRole('button', { name: '11:00' }).click();
    await lookOnBoth(page, 'appointment-request-free-times');

    await page.getByLabel('Title').fill('Knee check');
    await page.getByRole('button', { name: 'Send request' }).click();
    await toast(page, 'Your request was sent. The practice will confirm it.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Knee check' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('11:00 – 12:00');
    const [created] = await ctx.practice.api<{ title: string; startTime: string }[]>(
      'GET',
      '/api/appointments?search=Knee%20check',
    );
    expect(created?.startTime).toBe(parisInstant(day, '11:00').toISOString());
  });

  it('fills in the title and length from a service chosen, and offers the times it fits', async () => {
    await ctx.practice.api('POST', '/api/admin/products', { name: 'Quick check', durationMinutes: 20 });
    await ctx.practice.api('POST', '/api/admin/products', {
      name: 'Full assessment',
      durationMinutes: 60,
      type: 'paid',
      price: 4000,
      currency: 'EUR',
    });
    const { page } = client;
    // Another day than the other tests', free from 09:00 to 12:00.
    const other = parisDay(3);
    await page.goto(appUrl('/dashboard/appointments/new'));
    await page.getByLabel('Service').selectOption({ label: 'Quick check · 20 minutes' });
    expect(await page.getByLabel('Title').inputValue()).toBe('Quick check');
    expect(await page.getByLabel('Duration').inputValue()).toBe('20');
    // A paid service says its price before it is chosen.
    expect(await page.getByLabel('Service').locator('option').allTextContents()).toContain(
      'Full assessment · 60 minutes · €40.00',
    );
    const days = page.getByRole('group', { name: 'Days with free times' });
    await days.getByRole('button', { name: longDay(other) }).click();
    const times = page.getByRole('group', { name: `Free times on ${longDay(other)}` });
    // 20-minute times: an hour's would start at 09:00, 10:00 and 11:00 only.
    await times.getByRole('button', { name: '09:20' }).click();
    expect(await page.getByLabel('Duration').inputValue()).toBe('20');
    // A title of one's own is kept when another service is chosen; "Something else" keeps it all.
    await page.getByLabel('Title').fill('Quick check of the knee');
    await page.getByLabel('Service').selectOption({ label: 'Something else' });
    expect(await page.getByLabel('Title').inputValue()).toBe('Quick check of the knee');
    await page.getByLabel('Service').selectOption({ label: 'Quick check · 20 minutes' });
    // Notes alone become the description as written, without a "Notes:" heading.
    await page.getByLabel('Notes for the practice (optional)').fill('Left knee, since Monday.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await toast(page, 'Your request was sent. The practice will confirm it.').waitFor();
    const [created] = await ctx.practice.api<
      { productId: string | null; endTime: string; description: string | null }[]
    >('GET', '/api/appointments?search=Quick%20check%20of%20the%20knee');
    expect(created?.productId).not.toBeNull();
    expect(created?.description).toBe('Left knee, since Monday.');
    expect(created?.endTime).toBe(parisInstant(other, '09:40').toISOString());
  });

  it('takes a time booked meanwhile off the free times, and says it is taken', async () => {
    const { page } = client;
    await page.goto(appUrl('/dashboard/appointments/new'));
    const days = page.getByRole('group', { name: 'Days with free times' });
    await days.getByRole('button', { name: longDay(day) }).click();
    const times = page.getByRole('group', { name: `Free times on ${longDay(day)}` });
    await times.getByRole('button', { name: '09:00' }).click();
    // The practice books 09:00 while the client is still writing the title.
    await book(ctx.practice, {
      title: 'Booked by phone',
      startTime: parisInstant(day, '09:00').toISOString(),
      endTime: parisInstant(day, '10:00').toISOString(),
      timezone: 'Europe/Paris',
    });
    await page.getByLabel('Title').fill('Shoulder check');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('This time is already taken. Choose another.').waitFor();
    // 10:00 and 11:00 were taken before: with 09:00 gone the day has nothing left, and leaves the list.
    await times.getByRole('button', { name: '09:00' }).waitFor({ state: 'detached' });
    await days.getByRole('button', { name: longDay(day) }).waitFor({ state: 'detached' });
  });

  it('says so when there is nothing free, and leaves the time to the client', async () => {
    const { page } = client;
    const me = await ctx.practice.api<{ user: { id: string } }>('GET', '/api/me');
    const openings = await ctx.practice.api<{ id: string }[]>(
      'GET',
      `/api/admin/availability/slots?userId=${me.user.id}`,
    );
    for (const opening of openings)
      await ctx.practice.api('DELETE', `/api/admin/availability/slots/${opening.id}`);
    await page.goto(appUrl('/dashboard/appointments/new'));
    await page.getByText('No free times in the next two weeks.').waitFor();
    // No instructions for times there are none of.
    expect(await page.getByText(/^Pick a time/).count()).toBe(0);
    await page.getByLabel('Time', { exact: true }).fill('10:00');
    expect(await page.getByLabel('Time', { exact: true }).inputValue()).toBe('10:00');
  });
});
