import { describe, expect, it } from 'vitest';
import { appUrl, desktop, look, phone, practiceForFile, signIn, uniquePerson } from './fixtures.ts';

const client = uniquePerson('Carl Client');

const ctx = practiceForFile('Quayside Clinic');

const row = (text: string) =>
  ctx.page
    .getByRole('list', { name: 'People of the practice' })
    .getByRole('listitem')
    .filter({ hasText: text });

describe('the practice’s people', () => {
  it('lists the owner with an Owner badge on the Organization page', async () => {
    await ctx.page.goto(appUrl('/admin/users'));
    await ctx.page.getByRole('heading', { level: 1, name: 'Organization' }).waitFor();
    await row(ctx.practice.owner.email).waitFor();
    expect(await row(ctx.practice.owner.email).innerText()).toContain('Owner');
    expect(
      await row(ctx.practice.owner.email)
        .getByRole('button', { name: /^Actions for/ })
        .count(),
    ).toBe(0);
    await look(ctx.page, 'members');
  });

  it('shows what is missing at each field of the Add person dialog', async () => {
    await ctx.page.getByRole('button', { name: 'Add person' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Add a person' });
    await dialog.waitFor();
    expect(await ctx.page.locator(':focus').getAttribute('autocomplete')).toBe('off');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await dialog.getByText('Enter a name.').waitFor();
    await dialog.getByText('Enter a valid email address.').waitFor();
    await dialog.getByText('Use at least 8 characters.').waitFor();
    await look(ctx.page, 'add-person-errors', { fullPage: false });
  });

  it('adds a client, says so in a toast and shows them in the list', async () => {
    const dialog = ctx.page.getByRole('dialog', { name: 'Add a person' });
    await dialog.getByLabel('Full name').fill(client.name);
    await dialog.getByLabel('Email').fill(client.email);
    await dialog.getByLabel('Temporary password').fill(client.password);
    await dialog.getByLabel('Phone (optional)').fill('+33 6 12 34 56 78');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await ctx.page.getByText(`${client.name} was added.`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await row(client.email).waitFor();
    expect(await row(client.email).innerText()).toContain('Client');
    expect(await ctx.page.getByRole('button', { name: 'Everyone 2' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('refuses a second person with the same email at the email field', async () => {
    await ctx.page.getByRole('button', { name: 'Add person' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Add a person' });
    await dialog.getByLabel('Full name').fill('Carl Again');
    await dialog.getByLabel('Email').fill(client.email);
    await dialog.getByLabel('Temporary password').fill('another password 1');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await dialog.getByText('An account with this email already exists.').waitFor();
    await ctx.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await ctx.page.locator(':focus').textContent()).toBe('Add person');
  });

  it('narrows the list to the team or the clients, and by name or email', async () => {
    await ctx.practice.api('POST', '/api/admin/users', {
      name: 'Alice Admin',
      email: `alice.${Date.now()}@example.com`,
      password: 'a calm practice 42',
      role: 'admin',
    });
    await ctx.page.reload();
    await row('Alice Admin').waitFor();
    await ctx.page.getByRole('button', { name: 'Clients 1' }).click();
    await row('Alice Admin').waitFor({ state: 'detached' });
    expect(await row(client.email).count()).toBe(1);
    await ctx.page.getByRole('button', { name: 'Team 2' }).click();
    await row('Alice Admin').waitFor();
    expect(await row(client.email).count()).toBe(0);
    await ctx.page.getByRole('button', { name: 'Everyone 3' }).click();
    await ctx.page.getByLabel('Search people').fill('alice');
    await row(client.email).waitFor({ state: 'detached' });
    expect(await row('Alice Admin').count()).toBe(1);
    await ctx.page.getByLabel('Search people').fill('');
    await look(ctx.page, 'members-with-client');
  });

  it('stacks each person in one row on a phone, with their whole email and their role', async () => {
    await ctx.page.setViewportSize(phone);
    await row(client.email).waitFor();
    await look(ctx.page, 'members-with-client');
    // The test emails are long (name, timestamp, counter): wrapped, never cut with an ellipsis.
    const email = row(client.email).getByText(client.email);
    expect(await email.evaluate((line) => line.scrollWidth <= line.clientWidth)).toBe(true);
    const roles = row(client.email).getByText('Client', { exact: true });
    expect(await roles.locator('visible=true').count()).toBe(1);
    await ctx.page.setViewportSize(desktop);
  });

  it('corrects a client’s phone number from their menu', async () => {
    await row(client.email)
      .getByRole('button', { name: `Actions for ${client.name}` })
      .click();
    await ctx.page.getByRole('menuitem', { name: 'Edit details…' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: `Details of ${client.name}` });
    expect(await dialog.getByLabel('Phone (optional)').inputValue()).toBe('+33 6 12 34 56 78');
    await dialog.getByLabel('Full name').fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Enter a name.').waitFor();
    await dialog.getByLabel('Full name').fill(client.name);
    await dialog.getByLabel('Phone (optional)').fill('+33 7 00 11 22 33');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await ctx.page.getByText(`${client.name} was saved.`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await row(client.email).filter({ hasText: '+33 7 00 11 22 33' }).waitFor();
  });

  it('gives a client who lost their password a new one, signing out the old sessions', async () => {
    const before = await signIn(ctx.browser, client);
    await row(client.email)
      .getByRole('button', { name: `Actions for ${client.name}` })
      .click();
    await ctx.page.getByRole('menuitem', { name: 'Set a new password…' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: `A new password for ${client.name}` });
    await dialog.getByLabel('New password').fill('short');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await dialog.getByText('Use at least 8 characters.').waitFor();
    await look(ctx.page, 'member-password', { fullPage: false });
    await dialog.getByLabel('New password').fill('told by phone 2030');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await ctx.page.getByText(`${client.name} has a new password.`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect((await before.page.request.get(appUrl('/api/me'))).status()).toBe(401);
    await before.close();
    client.password = 'told by phone 2030';
  });

  it('keeps a client out of administration with a friendly page and no admin links', async () => {
    for (const viewport of [desktop, phone]) {
      const session = await signIn(ctx.browser, client, viewport);
      await session.page.goto(appUrl('/dashboard'));
      await session.page.getByRole('heading', { level: 1 }).waitFor();
      expect(await session.page.getByText('Administration', { exact: true }).count()).toBe(0);
      await session.page.goto(appUrl('/admin/users'));
      await session.page
        .getByRole('heading', { level: 1, name: 'This area is for administrators' })
        .waitFor();
      expect(await session.page.getByText(ctx.practice.owner.email).count()).toBe(0);
      await look(session.page, 'not-allowed');
      await session.close();
    }
  });

  it('says which voice assistant keeps a person in the practice', async () => {
    const people = await ctx.practice.api<{ id: string; name: string }[]>('GET', '/api/admin/users');
    const alice = people.find((p) => p.name === 'Alice Admin')!;
    const line = await ctx.practice.api<{ id: string }>('POST', '/api/admin/assistants', {
      name: 'Alice line',
      assigneeUserId: alice.id,
    });
    await row('Alice Admin').getByRole('button', { name: 'Actions for Alice Admin' }).click();
    await ctx.page.getByRole('menuitem', { name: 'Remove from the practice…' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Remove this person?' });
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    // Said in the dialog, where it is read (a toast would sit behind the backdrop).
    const refusal =
      'The voice assistant Alice line books for Alice Admin. On the Assistants page, give it another practitioner';
    await dialog.getByRole('alert').getByText(refusal, { exact: false }).waitFor();
    await look(ctx.page, 'members-remove-refused', { fullPage: false });
    await ctx.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await row('Alice Admin').count()).toBe(1);
    await ctx.practice.api('DELETE', `/api/admin/assistants/${line.id}`);
  });

  it('removes a person from the practice after asking', async () => {
    await row('Alice Admin').getByRole('button', { name: 'Actions for Alice Admin' }).click();
    await ctx.page.getByRole('menuitem', { name: 'Remove from the practice…' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Remove this person?' });
    await dialog.getByText('Their appointments stay, under the name they were booked with.').waitFor();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await ctx.page.getByText('Alice Admin no longer belongs to the practice.').waitFor();
    await row('Alice Admin').waitFor({ state: 'detached' });
    expect(await ctx.page.getByRole('button', { name: 'Everyone 2' }).count()).toBe(1);
  });
});
