import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.ts';
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

export interface Slot {
  startTime: string;
  endTime: string;
}

/** A slot in the practice's zone (Paris): `2030-01-15`, `10:00`, for `minutes`. */
export function parisSlot(day: string, time: string, minutes = 60): Slot {
  // Paris is UTC+1 in winter and UTC+2 in summer; the tests' fixed days are in January.
  const start = new Date(`${day}T${time}:00+01:00`);
  return {
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + minutes * 60_000).toISOString(),
  };
}

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

/** Closes the toasts on screen, as a person taps their ×, when one covers the next button on a phone. */
export async function dismissToasts(page: Page) {
  const open = page.locator('[data-sonner-toast][data-removed="false"] [data-close-button]');
  while ((await open.count()) > 0) {
    // A toast may leave on its own between counting and clicking: that is what we want anyway.
    await open
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
  }
  await page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached' });
}
