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
  toast,
} from './dashboard-fixtures.ts';
import { logIn, type Person, signUp, uniquePerson } from './support.ts';

const baseUrl = inject('baseUrl');
const url = appUrl;

const browser = browserForFile();

/** Spec 001 flow 2: a client confirms the appointments the practice requested. */
describe.each([{ width: 1280 }, { width: 390 }])(
  'confirming requested appointments at $width px',
  ({ width }) => {
    let context: BrowserContext;
    let page: Page;
    const owner = uniquePerson('Olivia Owner');
    let client: Person;

    beforeAll(async () => {
      ({ context, page } = await newPage(browser(), width));
      await signUp(page, baseUrl, owner, `Quayside Clinic ${width}`);
      client = await addClient(page, baseUrl, 'Jean Dupont');
    });
    afterAll(async () => {
      await context?.close();
    });

    it('lets a client confirm what the practice proposed, in English then in French, until nothing waits', async () => {
      for (const [day, title] of [
        ['2030-01-15', 'Technical Consultation'],
        ['2030-01-16', 'Project review'],
      ] as const) {
        await requestWithClient(page, baseUrl, {
          clientEmail: client.email,
          title,
          description: 'Discuss project architecture',
          location: 'Paris Office',
          ...parisSlot(day, '10:00'),
        });
      }
      const session = await newPage(browser(), width);
      await logIn(session.page, baseUrl, client);
      const clientPage = session.page;
      await clientPage.goto(url('/dashboard/appointments'));
      const section = clientPage.getByRole('region', { name: 'Appointments waiting for your confirmation' });
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
      await capture(clientPage, 'appointments-pending-confirmation');
      expect(await checkA11y(clientPage)).toEqual([]);

      await first.getByRole('button', { name: /Confirm/ }).click();
      await toast(clientPage, 'Appointment confirmed').waitFor();
      await first.waitFor({ state: 'detached' });

      await clientPage.getByRole('button', { name: 'Français' }).click();
      const sectionFr = clientPage.getByRole('region', { name: 'Rendez-vous en attente de confirmation' });
      await sectionFr.waitFor();
      expect(await sectionFr.textContent()).toContain('mercredi 16 janvier 2030');
      await sectionFr.getByRole('button', { name: /Confirmer/ }).click();
      await toast(clientPage, 'Rendez-vous confirmé !').waitFor();
      await sectionFr.waitFor({ state: 'detached' });
      const confirmed = clientPage.locator('article').filter({ hasText: 'Technical Consultation' });
      expect(await confirmed.textContent()).toContain('Confirmé');
      await capture(clientPage, 'appointments-confirmed-fr');
      await session.context.close();
    });
  },
);
