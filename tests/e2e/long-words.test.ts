import { describe, it } from 'vitest';
import {
  appUrl,
  lookOnBoth,
  type Person,
  parisSlot,
  practiceForFile,
  requestWithClient,
  signIn,
} from './fixtures.ts';

/**
 * What people type may hold a word wider than a phone: a double-barrelled surname, an address
 * or a link typed without spaces. Each page that shows one still fits the phone's width
 * (`look` fails on a sideways scroll), at desktop and phone widths.
 */
const longSurname = 'Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh';
const longPlace = `https://visio.example.com/cabinet/${'salle-de-consultation-'.repeat(4)}`;
let practitioner: Person & { id: string };
let client: Person;

const ctx = practiceForFile('Long Words Clinic', async (practice) => {
  practitioner = await practice.addPerson(`Dr Bartholomew ${longSurname}`, 'admin');
  client = await practice.addPerson(`Jean ${longSurname}`);
  await practice.api('POST', '/api/admin/products', {
    name: `Consultation ${longSurname}`,
    durationMinutes: 30,
    type: 'free',
  });
  await practice.api('POST', '/api/admin/assistants', {
    name: `Assistant ${longSurname}`,
    assigneeUserId: practitioner.id,
  });
  await requestWithClient(practice, {
    clientEmail: client.email,
    title: `Follow-up ${longSurname}`,
    location: longPlace,
    ...parisSlot('2030-01-15', '10:00'),
  });
});

describe('long words', () => {
  it('wrap inside the page for the practitioner', async () => {
    const { page, close } = await signIn(ctx.browser, practitioner);
    for (const [path, name] of [
      ['/dashboard', 'long-words-overview'],
      ['/admin/products', 'long-words-products'],
      ['/admin/assistants', 'long-words-assistants'],
      ['/admin/appointments', 'long-words-admin-appointments'],
    ] as const) {
      await page.goto(appUrl(path));
      await page.getByText(longSurname).first().waitFor();
      await lookOnBoth(page, name);
    }
    await close();
  });

  it('wrap inside the page for the client', async () => {
    const { page, close } = await signIn(ctx.browser, client);
    await page.goto(appUrl('/dashboard/appointments'));
    await page.getByText(longPlace).first().waitFor();
    await lookOnBoth(page, 'long-words-client-appointments');
    await close();
  });
});
