import { describe, expect, it } from 'vitest';
import {
  appUrl,
  desktop,
  lookOnBoth,
  openPractice,
  type Person,
  parisSlot,
  phone,
  practiceForFile,
  requestWithClient,
  signIn,
} from './fixtures.ts';

let client: Person;
let doctor: Person;

const ctx = practiceForFile('Harbour Physio', async (practice) => {
  client = await practice.addPerson('Jean Dupont');
  doctor = await practice.addPerson('Dr Amina Haddad', 'admin');
  for (const [day, title] of [
    ['2030-01-15', 'Technical Consultation'],
    ['2030-01-16', 'Project review'],
  ] as const) {
    await requestWithClient(practice, { clientEmail: client.email, title, ...parisSlot(day, '10:00') });
  }
});

describe('the overview', () => {
  it('greets the client with their next appointments and what waits for them', async () => {
    const { page, close } = await signIn(ctx.browser, client);
    await page.goto(appUrl('/dashboard'));
    const stats = page.getByRole('list', { name: 'Your appointments at a glance' });
    await stats.getByText('Waiting for your confirmation').waitFor();
    await page.getByRole('link', { name: 'Technical Consultation' }).waitFor();
    await expect.poll(() => stats.textContent()).toMatch(/Upcoming\s*2/);
    await expect.poll(() => stats.textContent()).toMatch(/Waiting for your confirmation\s*2/);
    const next = await page.getByRole('link', { name: 'Project review' }).locator('..').textContent();
    expect(next).toContain('10:00 – 11:00');
    // The practice proposed both: the answer is the client's, who reads no "Awaiting …".
    const review = page.getByRole('listitem').filter({ hasText: 'Project review' });
    await review.getByText('Pending', { exact: true }).waitFor();
    expect(await review.getByText(/^Awaiting/).count()).toBe(0);
    await lookOnBoth(page, 'overview-client');
    // On a phone each line of an upcoming appointment shows whole (its status goes under it).
    await page.setViewportSize(phone);
    const cut = await page
      .locator('main li:has(a[href*="/dashboard/appointments/"]) :is(a, p)')
      .evaluateAll((lines) =>
        lines.filter((line) => line.scrollWidth > line.clientWidth).map((line) => line.textContent),
      );
    expect(cut).toEqual([]);
    await page.setViewportSize(desktop);
    // Two appointments make a short card: it ends under the last, not level with the next column.
    const emptyBelow = await page
      .getByRole('heading', { name: 'Upcoming appointments' })
      .evaluate((heading) => {
        const card = heading.closest('.rounded-2xl')!;
        const items = card.querySelectorAll('li');
        return card.getBoundingClientRect().bottom - items[items.length - 1]!.getBoundingClientRect().bottom;
      });
    expect(emptyBelow).toBeLessThan(4);
    expect(await page.getByRole('link', { name: 'Hours and practice settings' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Waiting for your confirmation' }).click();
    await page.waitForURL(appUrl('/dashboard/appointments'));
    await close();
  });

  it('greets a practitioner by their given name, not their title', async () => {
    const { page, close } = await signIn(ctx.browser, doctor);
    await page.goto(appUrl('/dashboard'));
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toMatch(/, Amina$/);
    expect(await page.getByRole('button', { name: /Dr Amina Haddad/ }).textContent()).toContain('AH');
    // Staff read the practice's proposals as waiting for the client, not for them.
    const review = page.getByRole('listitem').filter({ hasText: 'Project review' });
    await review.getByText('Awaiting the client', { exact: true }).waitFor();
    await close();
  });

  it('tells a practice with nothing booked how to start', async () => {
    const fresh = await openPractice(ctx.browser, 'Fresh Clinic');
    await fresh.page.goto(appUrl('/dashboard'));
    await fresh.page.getByText('Nothing booked yet').waitFor();
    expect(await fresh.page.getByRole('link', { name: 'New appointment' }).count()).toBe(1);
    // The first steps, in order, each leading to where it is done.
    const setup = fresh.page.getByRole('list').filter({ hasText: 'Set your opening hours' });
    await fresh.page.getByRole('heading', { name: 'Set up your practice' }).waitFor();
    await fresh.page.getByText('0 of 5 steps done').waitFor();
    expect(await setup.getByRole('link').allTextContents()).toEqual([
      'Set your opening hours (to do)',
      'Describe your services (to do)',
      'Add your clients and your team (to do)',
      'Connect your calendar (to do)',
      'Give your phone line a voice assistant (to do)',
    ]);
    await lookOnBoth(fresh.page, 'overview-empty');
    // Step by step, done on their pages; once the essential three are, the checklist goes.
    await fresh.api('POST', '/api/admin/products', { name: 'Consultation', durationMinutes: 30 });
    await fresh.page.reload();
    await fresh.page.getByText('1 of 5 steps done').waitFor();
    expect(await setup.getByRole('link', { name: /Describe your services/ }).textContent()).toContain(
      '(done)',
    );
    const me = await fresh.api<{ user: { id: string } }>('GET', '/api/me');
    await fresh.api('POST', '/api/admin/availability/slots', {
      userId: me.user.id,
      dayOfWeek: 1,
      startTime: '09:00',
      endTime: '12:00',
      duration: 30,
    });
    await fresh.addPerson('Jean Dupont');
    await fresh.page.reload();
    await fresh.page.getByText('Nothing booked yet').waitFor();
    expect(await fresh.page.getByRole('heading', { name: 'Set up your practice' }).count()).toBe(0);
    // The owner finds where the practice's hours and details are kept; a client does not.
    await fresh.page.getByRole('link', { name: 'Hours and practice settings' }).click();
    await fresh.page.waitForURL(appUrl('/admin/settings'));
    await fresh.close();
  });
});
