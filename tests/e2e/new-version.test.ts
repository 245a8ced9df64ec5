import { describe, expect, it } from 'vitest';
import { appUrl, lookOnBoth, practiceForFile } from './fixtures.ts';

const ctx = practiceForFile('Lakeside Clinic');
const nav = () => ctx.page.getByRole('navigation', { name: 'Main navigation' });
/** The code file of the Payments page, which the Overview has not loaded yet. */
const paymentsCode = /\/assets\/payments-[\w-]+\.js$/;

describe('a page whose code cannot be loaded', () => {
  it('says Rendezvous was updated when the file is gone, and the reload opens the page', async () => {
    // A tab opened before an upgrade runs the old build: the code of a page it has not opened
    // yet is a file the new build no longer has. It is refused here as the upgraded server does.
    const { page } = ctx;
    await page.goto(appUrl('/dashboard'));
    await page.route(paymentsCode, (route) => route.fulfill({ status: 404, body: 'Not Found' }));

    await nav().getByRole('link', { name: 'Payments' }).click();

    await page.getByRole('heading', { level: 1, name: 'Rendezvous has been updated' }).waitFor();
    expect(page.url()).toBe(appUrl('/dashboard/payments'));
    expect(await page.getByText('Something went wrong').count()).toBe(0);
    await lookOnBoth(page, 'new-version');

    // The upgraded server has the new build's files: the reload opens the page it was going to.
    await page.unroute(paymentsCode);
    await page.getByRole('button', { name: 'Reload the page' }).click({ noWaitAfter: true });
    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    expect(page.url()).toBe(appUrl('/dashboard/payments'));
  });

  it('keeps "Something went wrong" for a page that fails for another reason', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/dashboard'));
    await page.route(paymentsCode, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("broken page");' }),
    );

    await nav().getByRole('link', { name: 'Payments' }).click();

    await page.getByRole('heading', { level: 1, name: 'Something went wrong' }).waitFor();
    expect(await page.getByText('Rendezvous has been updated').count()).toBe(0);
    await page.unroute(paymentsCode);
  });
});
