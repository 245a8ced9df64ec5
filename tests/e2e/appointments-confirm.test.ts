import { describe, expect, it } from 'vitest';
import {
  appUrl,
  book,
  lookOnBoth,
  type Person,
  parisSlot,
  phone,
  practiceForFile,
  requestWithClient,
  signIn,
  toast,
} from './fixtures.ts';

let client: Person;

/** The practice proposed two appointments to a client. */
const ctx = practiceForFile('Quayside Clinic', async (practice) => {
  client = await practice.addPerson('Jean Dupont');
  for (const [day, title] of [
    ['2030-01-15', 'Technical Consultation'],
    ['2030-01-16', 'Project review'],
  ] as const) {
    await requestWithClient(practice, {
      clientEmail: client.email,
      title,
      description: 'Discuss project architecture',
      location: 'Paris Office',
      ...parisSlot(day, '10:00'),
    });
  }
});

/** Spec 001 flow 2: a client confirms the appointments the practice requested. */
describe('confirming requested appointments', () => {
  it('lets a client confirm what the practice proposed, in English then in French, until nothing waits', async () => {
    const { page, close } = await signIn(ctx.browser, client);
    await page.goto(appUrl('/dashboard/appointments'));
    const section = page.getByRole('region', { name: 'Appointments waiting for your confirmation' });
    await section.waitFor();
    const first = section.getByRole('article').filter({ hasText: 'Technical Consultation' });
    const firstText = await first.textContent();
    for (const expected of [
      'Tuesday, 15 January 2030',
      '10:00 – 11:00',
      'Paris Office',
      'Discuss project architecture',
    ]) {
      expect(firstText).toContain(expected);
    }
    expect(await section.getAttribute('class')).toContain('bg-amber-50');
    await lookOnBoth(page, 'appointments-pending-confirmation');

    await first.getByRole('button', { name: /Confirm/ }).click();
    await toast(page, 'Appointment confirmed').waitFor();
    await first.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Français' }).click();
    const sectionFr = page.getByRole('region', { name: 'Rendez-vous en attente de confirmation' });
    await sectionFr.waitFor();
    expect(await sectionFr.textContent()).toContain('mercredi 16 janvier 2030');
    await sectionFr.getByRole('button', { name: /Confirmer/ }).click();
    await toast(page, 'Rendez-vous confirmé !').waitFor();
    await sectionFr.waitFor({ state: 'detached' });
    const confirmed = page.locator('article').filter({ hasText: 'Technical Consultation' });
    expect(await confirmed.textContent()).toContain('Confirmé');
    await lookOnBoth(page, 'appointments-confirmed-fr');
    await close();
  });

  it('shows a phone what can be done on an appointment before its details', async () => {
    const proposed = await requestWithClient(ctx.practice, {
      clientEmail: client.email,
      title: 'Follow-up on the phone',
      location: 'Paris Office',
      ...parisSlot('2030-01-17', '10:00'),
    });
    const { page, api, close } = await signIn(ctx.browser, client, phone);
    await api('PATCH', '/api/me', { locale: 'en' }); // the test before left it in French
    await page.goto(appUrl(`/dashboard/appointments/${proposed.id}`));
    const confirm = page.getByRole('button', { name: 'Confirm appointment' });
    await confirm.waitFor();
    // On the first screen, without scrolling, and above the facts it is about.
    const button = (await confirm.boundingBox())!;
    expect(button.y + button.height).toBeLessThanOrEqual(phone.height);
    const facts = (await page.getByRole('heading', { name: 'When and where' }).boundingBox())!;
    expect(button.y).toBeLessThan(facts.y);
    await close();
  });

  it('shows staff the client’s requests to confirm, with who asked, and not what the practice proposed', async () => {
    const session = await signIn(ctx.browser, client);
    await book(session, { title: 'Knee pain', ...parisSlot('2030-01-18', '11:00') });
    // The client's own request waits for the practice, and says so.
    await session.page.goto(appUrl('/dashboard/appointments'));
    const theirs = session.page.locator('main article').filter({ hasText: 'Knee pain' });
    await theirs.getByText('Awaiting the practice').waitFor();
    await session.close();
    const { page } = ctx;
    await page.goto(appUrl('/dashboard/appointments'));
    const section = page.getByRole('region', { name: 'Requests waiting for confirmation' });
    const asked = section.getByRole('article').filter({ hasText: 'Knee pain' });
    await asked.waitFor();
    expect(await asked.textContent()).toContain('Jean Dupont');
    // Proposed by the practice, it waits for the client: listed below, not offered to staff to confirm.
    expect(await section.getByRole('article').count()).toBe(1);
    const proposed = page.locator('main article').filter({ hasText: 'Follow-up on the phone' });
    await proposed.waitFor();
    // Pending in the calendar's colour, not the teal of a confirmed appointment.
    expect(await proposed.getAttribute('class')).toContain('border-l-amber-400');
    await proposed.getByText('Awaiting the client').waitFor();
    expect(await asked.getByText('Awaiting', { exact: false }).count()).toBe(0);
    await lookOnBoth(page, 'appointments-requests-staff');
    // Its page says so too, beside the status.
    await proposed.getByRole('link', { name: 'Follow-up on the phone' }).click();
    await page.getByRole('heading', { level: 1, name: 'Follow-up on the phone' }).waitFor();
    await page.locator('main').getByText('Awaiting the client', { exact: true }).waitFor();
  });
});
