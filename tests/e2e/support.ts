import type { Browser, Page } from 'playwright-core';

import type { Person } from './fixtures.ts';

export { type Person, uniquePerson } from './fixtures.ts';

export async function signUp(page: Page, baseUrl: string, owner: Person, practice: string) {
  await page.goto(new URL('/signup', baseUrl).toString());
  await page.locator('input[autocomplete="name"]').fill(owner.name);
  await page.locator('input[autocomplete="organization"]').fill(practice);
  await page.locator('input[type="email"]').fill(owner.email);
  await page.locator('input[type="password"]').fill(owner.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(new URL('/dashboard', baseUrl).toString());
}

export async function logIn(page: Page, baseUrl: string, person: Person) {
  await page.goto(new URL('/login', baseUrl).toString());
  await page.locator('input[type="email"]').fill(person.email);
  await page.locator('input[type="password"]').fill(person.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(new URL('/dashboard', baseUrl).toString());
}

export async function newPage(browser: Browser, width: number, height = 844) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
  return { context, page: await context.newPage() };
}
