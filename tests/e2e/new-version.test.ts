import { describe, expect, it } from 'vitest';
import { appUrl, practiceForFile } from './fixtures.ts';

const ctx = practiceForFile('Lakeside Clinic');
const nav = () => ctx.page.getByRole('navigation', { name: 'Main navigation' });
const paymentsCode = /\/assets\/payments-[\w-]+\.js$/;

/**
 * A tab opened before an upgrade runs the old build: the code of a page it has not opened yet is
 * a file the new build no longer has. The file is refused here as the upgraded server refuses it.
 */
describe('a tab left open across an upgrade', () => {
  it('loads the new version at the page it was going to, instead of failing', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/dashboard'));
    await nav().getByRole('link', { name: 'Payments' }).waitFor();
    let refused = 0;
    await page.route(
      paymentsCode,
      async (route) => {
        refused += 1;
        await route.fulfill({ status: 404, body: 'Not Found' });
      },
      { times: 1 },
    );

    await nav().getByRole('link', { name: 'Payments' }).click();

    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    expect(refused).toBe(1);
    expect(page.url()).toBe(appUrl('/dashboard/payments'));
    expect(await page.getByText('Something went wrong').count()).toBe(0);
  });

  it('shows the error page, without reloading again and again, when the file stays missing', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/dashboard'));
    await nav().getByRole('link', { name: 'Payments' }).waitFor();
    await page.route(paymentsCode, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    let loads = 0;
    page.on('load', () => {
      loads += 1;
    });

    await nav().getByRole('link', { name: 'Payments' }).click();

    await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
    // The first test's reload was less than 30 s ago: no second one.
    expect(loads).toBe(0);
    await page.unroute(paymentsCode);
  });
});
