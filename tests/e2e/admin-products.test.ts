import { describe, expect, it } from 'vitest';
import { appUrl, desktop, look, phone, practiceForFile } from './fixtures.ts';

const ctx = practiceForFile('Harbour Physio');

const card = (name: string) =>
  ctx.page.getByRole('listitem').filter({ has: ctx.page.getByRole('heading', { name }) });

describe('the products page', () => {
  it('invites the practice to add its first product', async () => {
    await ctx.page.goto(appUrl('/admin/products'));
    await ctx.page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await ctx.page.getByText('No products yet.').waitFor();
    await look(ctx.page, 'admin-products-empty');
  });

  it('says at each field what is missing or wrong in the product form', async () => {
    await ctx.page.getByRole('button', { name: 'New product' }).first().click();
    const dialog = ctx.page.getByRole('dialog', { name: 'New product' });
    await dialog.waitFor();
    expect(await ctx.page.locator(':focus').getAttribute('placeholder')).toBe('First consultation');
    await dialog.getByLabel('Duration (minutes)').fill('2');
    await dialog.getByLabel('Paid').check();
    await dialog.getByLabel('Amount').fill('abc');
    await dialog.getByRole('button', { name: 'Create product' }).click();
    await dialog.getByText('Enter a name.').waitFor();
    await dialog.getByText('Enter a whole number of minutes between 5 and 1440.').waitFor();
    await dialog.getByText('Enter a price above zero, such as 50 or 49.90.').waitFor();
    await look(ctx.page, 'admin-product-form-errors', { fullPage: false });
  });

  it('creates a paid product and shows it with its duration and price', async () => {
    const dialog = ctx.page.getByRole('dialog', { name: 'New product' });
    await dialog.getByLabel('Name').fill('First consultation');
    await dialog.getByLabel('Description (optional)').fill('A full assessment and a treatment plan.');
    await dialog.getByLabel('Duration (minutes)').fill('45');
    await dialog.getByLabel('Amount').fill('60,50');
    await dialog.getByRole('button', { name: 'Create product' }).click();
    await ctx.page.getByText('“First consultation” was created.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const text = await card('First consultation').innerText();
    expect(text).toContain('45 minutes');
    expect(text).toContain('€60.50');
    expect(text).toContain('Bookable');
    expect(text).toContain('A full assessment and a treatment plan.');
  });

  it('edits a product and hides it from booking from its menu', async () => {
    await ctx.practice.api('POST', '/api/admin/products', { name: 'Follow-up call', durationMinutes: 90 });
    await ctx.page.reload();
    await card('Follow-up call').waitFor();
    expect(await card('Follow-up call').innerText()).toContain('1 h 30');
    expect(await card('Follow-up call').innerText()).toContain('Free');

    await ctx.page.getByRole('button', { name: 'Actions for First consultation' }).click();
    await ctx.page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Edit product' });
    expect(await dialog.getByLabel('Amount').inputValue()).toBe('60.50');
    await dialog.getByLabel('Name').fill('First visit');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await ctx.page.getByText('“First visit” was saved.').waitFor();
    await card('First visit').waitFor();

    await ctx.page.getByRole('button', { name: 'Actions for Follow-up call' }).click();
    await ctx.page.getByRole('menuitem', { name: 'Hide from booking' }).click();
    await ctx.page.getByText('“Follow-up call” is hidden from booking.').waitFor();
    await expect.poll(() => card('Follow-up call').innerText()).toContain('Hidden');
    await look(ctx.page, 'admin-products');
  });

  it('shows the products one under the other on a phone', async () => {
    await ctx.page.setViewportSize(phone);
    await card('First visit').waitFor();
    await look(ctx.page, 'admin-products');
    await ctx.page.setViewportSize(desktop);
  });

  it('deletes a product only after asking', async () => {
    await ctx.page.getByRole('button', { name: 'Actions for Follow-up call' }).click();
    await ctx.page.getByRole('menuitem', { name: 'Delete…' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Delete this product?' });
    await dialog.waitFor();
    expect(await ctx.page.locator(':focus').textContent()).toBe('Keep it');
    await dialog.getByRole('button', { name: 'Delete product' }).click();
    await ctx.page.getByText('“Follow-up call” was deleted.').waitFor();
    await card('Follow-up call').waitFor({ state: 'detached' });
    expect(await card('First visit').count()).toBe(1);
  });
});
