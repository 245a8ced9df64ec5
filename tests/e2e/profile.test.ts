import { describe, expect, it } from 'vitest';
import {
  appUrl,
  dismissToasts,
  lookOnBoth,
  phone as phoneViewport,
  practiceForFile,
  signIn,
  toast,
} from './fixtures.ts';

const ctx = practiceForFile('Harbour Physio');

describe('the profile page', () => {
  it('shows the account and refuses an empty name at its field', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/dashboard/profile'));
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(ctx.practice.owner.email);
    await page.getByLabel('Full name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Enter your name.').waitFor();
    await lookOnBoth(page, 'profile');
  });

  it('makes a private calendar subscription address, shown once, that calendar apps can read', async () => {
    const { page } = ctx;
    await page.getByLabel('Full name').fill(ctx.practice.owner.name);
    await page.getByRole('button', { name: 'Create my private address' }).click();
    await toast(page, 'Your calendar address is ready').waitFor();
    const address = await page.getByLabel('Your private address').inputValue();
    expect(address).toMatch(/\/api\/calendar-feed\/.+\.ics$/);
    const feed = await page.request.get(address);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await dismissToasts(page);
    await lookOnBoth(page, 'profile-calendar-feed');

    await page.getByRole('button', { name: 'Turn off' }).click();
    await page
      .getByRole('dialog', { name: 'Turn off your calendar subscription?' })
      .getByRole('button', { name: 'Turn off' })
      .click();
    await toast(page, 'Calendar subscription turned off').waitFor();
    expect((await page.request.get(address)).status()).toBe(404);
    await page.getByRole('button', { name: 'Create my private address' }).waitFor();
  });

  it('changes the password, given the current one, and signs out the other devices', async () => {
    const { page } = ctx;
    const owner = ctx.practice.owner;
    const phone = await signIn(ctx.browser, owner, phoneViewport);
    await dismissToasts(page);
    const newPassword = 'a fresh calm password';
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill('a fresh calm passwort');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The two new passwords differ.').waitFor();
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('This is not your current password.').waitFor();
    expect(await page.locator(':focus').getAttribute('autocomplete')).toBe('current-password');
    await lookOnBoth(page, 'profile-password-errors', { fullPage: false });

    await page.getByLabel('Current password').fill(owner.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await toast(page, 'Your password was changed. Your other devices are signed out.').waitFor();
    expect(await page.getByLabel('Current password').inputValue()).toBe('');
    // This browser stays signed in; the phone is signed out, and the new password opens.
    expect((await page.request.get(appUrl('/api/me'))).status()).toBe(200);
    expect((await phone.page.request.get(appUrl('/api/me'))).status()).toBe(401);
    owner.password = newPassword;
    const again = await signIn(ctx.browser, owner);
    expect((await again.page.request.get(appUrl('/api/me'))).status()).toBe(200);
    await Promise.all([phone.close(), again.close()]);
    await dismissToasts(page);
  });

  it('saves the name, phone and language, and the interface follows in French', async () => {
    const { page } = ctx;
    await page.getByLabel('Full name').fill('Olivia Martin');
    await page.getByLabel('Phone (optional)').fill('+33 6 12 34 56 78');
    await page.getByRole('radio', { name: 'Français' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'Votre profil a été enregistré.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Profil' }).waitFor();
    // Another visit reads the saved profile back from the server.
    await page.reload();
    expect(await page.getByLabel('Nom complet').inputValue()).toBe('Olivia Martin');
    expect(await page.getByLabel('Téléphone (facultatif)').inputValue()).toBe('+33 6 12 34 56 78');
    expect(await page.getByRole('radio', { name: 'Français' }).isChecked()).toBe(true);
    await lookOnBoth(page, 'profile-fr');
  });
});
