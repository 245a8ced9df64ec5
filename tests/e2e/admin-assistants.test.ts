import { describe, expect, inject, it } from 'vitest';
import { appUrl, desktop, look, phone, practiceForFile, readClipboard } from './fixtures.ts';

const baseUrl = inject('baseUrl');

let apiKey = '';

const ctx = practiceForFile('Seaview Dental', async (p) => {
  await p.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
});

/** What the assistant's own API answers to this key. */
async function statusWithKey(key: string) {
  const response = await ctx.page.request.get(appUrl('/api/assistant/products'), {
    headers: { authorization: `Bearer ${key}` },
  });
  return response.status();
}

const row = (name: string) =>
  ctx.page
    .getByRole('list', { name: 'Assistants of the practice' })
    .getByRole('listitem')
    .filter({ hasText: name });

describe('the assistants and API keys page', () => {
  it('explains what an assistant is before there is one', async () => {
    await ctx.page.goto(appUrl('/admin/assistants'));
    await ctx.page.getByRole('heading', { level: 1, name: 'Assistants & API keys' }).waitFor();
    await ctx.page.getByText('No assistant yet.').waitFor();
    await look(ctx.page, 'admin-assistants-empty');
  });

  it('asks for a name, then shows the new key once with a copy button and a clear warning', async () => {
    await ctx.page.getByRole('button', { name: 'New assistant' }).first().click();
    const dialog = ctx.page.getByRole('dialog', { name: 'New assistant' });
    await dialog.getByRole('button', { name: 'Create and show the key' }).click();
    await dialog.getByText('Enter a name.').waitFor();
    await dialog.getByLabel('Name').fill('Reception phone line');
    await dialog.getByRole('button', { name: 'Create and show the key' }).click();

    const keyDialog = ctx.page.getByRole('dialog', { name: 'API key of Reception phone line' });
    await keyDialog.waitFor();
    await keyDialog.getByText('you will not see it again').waitFor();
    apiKey = await keyDialog.getByLabel('API key').inputValue();
    expect(apiKey).toMatch(/^rdv_live_[A-Za-z0-9_-]{20,}$/);
    await keyDialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await ctx.page.getByText('The key is in your clipboard.').waitFor();
    await keyDialog.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    expect(await readClipboard(ctx.page)).toBe(apiKey);
    // Where its phone line's AI is to call, and what it may call there.
    await keyDialog.getByText(appUrl('/api/assistant'), { exact: true }).waitFor();
    const docs = keyDialog.getByRole('link', { name: /^What it can call/ });
    expect(await docs.getAttribute('href')).toBe('/api/docs#/voice%20assistant');
    await look(ctx.page, 'admin-assistant-key', { fullPage: false });
    expect(await statusWithKey(apiKey)).toBe(200);
  });

  it('lists the assistant by its key prefix only, never the key itself', async () => {
    await ctx.page.getByRole('button', { name: 'I have copied it' }).click();
    await row('Reception phone line').waitFor();
    const text = await row('Reception phone line').innerText();
    expect(text).toContain('Active');
    expect(text).toContain(`${apiKey.slice(0, 15)}…`);
    expect(text).toContain('Books for the practice owner');
    expect(text).toContain('Never used');
    await ctx.page.reload();
    await row('Reception phone line').waitFor();
    expect(await ctx.page.locator('body').innerText()).not.toContain(apiKey);
    expect(await ctx.page.locator('body').innerHTML()).not.toContain(apiKey);
    await look(ctx.page, 'admin-assistants');
  });

  it('names the assistant on the appointments it books', async () => {
    for (const dayOfWeek of [1, 2, 3, 4, 5]) {
      await ctx.practice.api('POST', '/api/admin/availability/slots', {
        dayOfWeek,
        startTime: '09:00',
        endTime: '12:00',
        duration: 30,
      });
    }
    const authorization = `Bearer ${apiKey}`;
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const free = await ctx.page.request.get(
      appUrl(`/api/assistant/availability?startDate=${from}&endDate=${to}`),
      { headers: { authorization } },
    );
    const [slot] = (await free.json()).data.slots as { startTime: string }[];
    const booked = await ctx.page.request.post(appUrl('/api/assistant/appointments'), {
      headers: { authorization, 'idempotency-key': 'call-1' },
      data: {
        startTime: slot!.startTime,
        attendeeName: 'Jean Caller',
        phone: '+33612345678',
        email: 'jean.caller@example.com',
      },
    });
    expect(booked.status(), await booked.text()).toBe(201);
    const { id } = (await booked.json()).data as { id: string };
    await ctx.page.goto(appUrl(`/dashboard/appointments/${id}`));
    await ctx.page.getByText('By Reception phone line, the voice assistant').waitFor();
    await ctx.page.locator('main ol').getByText('By Reception phone line (voice assistant)').waitFor();
    await ctx.page.goto(appUrl('/admin/assistants'));
  });

  it('gives the line to another practitioner, its key working on', async () => {
    const second = await ctx.practice.addPerson('Dr Second', 'admin');
    await ctx.page.reload();
    await row('Reception phone line').getByRole('button', { name: 'Edit Reception phone line' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Edit Reception phone line' });
    await dialog.getByLabel('Name').fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Enter a name.').waitFor();
    await dialog.getByLabel('Name').fill('Reception phone line');
    await dialog.getByLabel('Books for').selectOption(second.id);
    await look(ctx.page, 'admin-assistant-edit', { fullPage: false });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await ctx.page.getByText('Reception phone line was saved.').waitFor();
    await expect.poll(() => row('Reception phone line').innerText()).toContain('Dr Second');
    expect(await statusWithKey(apiKey)).toBe(200);
  });

  it('revokes a key after asking, and the assistant is refused from then on', async () => {
    await ctx.page.getByRole('button', { name: 'Revoke the key of Reception phone line' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Revoke this key?' });
    await dialog.getByText('stops working at once').waitFor();
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await ctx.page.getByText('The key of “Reception phone line” is revoked.').waitFor();
    await expect.poll(() => row('Reception phone line').innerText()).toContain('Revoked');
    expect(
      await ctx.page.getByRole('button', { name: 'Revoke the key of Reception phone line' }).count(),
    ).toBe(0);
    expect(await statusWithKey(apiKey)).toBe(401);
  });

  it('fits a phone screen', async () => {
    await ctx.page.setViewportSize(phone);
    await row('Reception phone line').waitFor();
    await look(ctx.page, 'admin-assistants');
    await ctx.page.setViewportSize(desktop);
  });
});
