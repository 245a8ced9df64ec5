import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.ts';
import type { Slot } from './fixtures.ts';
import { type Person, uniquePerson } from './support.ts';

/**
 * Set-ups for the dashboard's browser tests, done through the real API with the signed-in
 * page's own cookies (page.request), so the pages under test read what a person would have made.
 */

/** An address of the app under test. */
export function appUrl(path: string): string {
  return new URL(path, inject('baseUrl')).toString();
}

/** One Chromium for the test file: launched before its tests, closed after them. */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser starts in beforeAll');
    return browser;
  };
}

/** A browser page in the practice's zone (Europe/Paris) and British English, at this width. */
export async function newPage(
  browser: Browser,
  width: number,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width, height: width < 640 ? 844 : 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Paris',
  });
  return { context, page: await context.newPage() };
}

async function ok<T>(response: Awaited<ReturnType<Page['request']['get']>>): Promise<T> {
  const text = await response.text();
  if (!response.ok()) throw new Error(`${response.url()}: ${response.status()} ${text}`);
  return text ? (JSON.parse(text).data as T) : (undefined as T);
}

/** The owner (signed in on `page`) adds a client to the practice; their user id comes back too. */
export async function addClient(page: Page, baseUrl: string, name: string): Promise<Person & { id: string }> {
  const person = uniquePerson(name);
  const created = await ok<{ id: string }>(
    await page.request.post(new URL('/api/admin/users', baseUrl).toString(), {
      data: { ...person, role: 'client' },
    }),
  );
  return { ...person, id: created.id };
}

export { dismissToasts, parisSlot, type Slot } from './fixtures.ts';

/** Staff (signed in on `page`) propose an appointment to a client: spec 001 flow 1 through the API. */
export async function requestWithClient(
  page: Page,
  baseUrl: string,
  body: { clientEmail: string; title: string } & Slot & Record<string, unknown>,
): Promise<{ id: string }> {
  return ok(
    await page.request.post(new URL('/api/admin/appointments', baseUrl).toString(), {
      data: { action: 'create', ...body },
    }),
  );
}

/** Staff (or a client, for themselves) book through POST /api/appointments. */
export async function book(
  page: Page,
  baseUrl: string,
  body: Record<string, unknown>,
): Promise<{ id: string }> {
  return ok(await page.request.post(new URL('/api/appointments', baseUrl).toString(), { data: body }));
}

/** Changes an appointment's status through PUT /api/appointments/:id. */
export async function setStatus(page: Page, baseUrl: string, id: string, status: string): Promise<void> {
  await ok(
    await page.request.put(new URL(`/api/appointments/${id}`, baseUrl).toString(), { data: { status } }),
  );
}

/** Calls an emulator's control API under /__emulator/. */
export async function emulator(url: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  const response = await fetch(`${url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The toasts on screen (sonner), for assertions on what a person is told. */
export function toast(page: Page, text: string | RegExp) {
  return page.locator('[data-sonner-toast]').filter({ hasText: text });
}

/**
 * A whole-page screenshot taken from the top, so the sticky header sits where a person sees it
 * (a page scrolled to a field would draw it in the middle); dialogs are taken as on screen.
 */
export async function capture(page: Page, name: string, { fullPage = true } = {}) {
  if (fullPage)
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0),
    );
  return screenshot(page, name, { fullPage });
}
