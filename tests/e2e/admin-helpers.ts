import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { checkA11y, launchBrowser, screenshot } from '../support/browser.ts';
import { type Person, signUp, uniquePerson } from './support.ts';

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

export interface Practice {
  context: BrowserContext;
  page: Page;
  owner: Person;
  baseUrl: string;
  url: (path: string) => string;
  /** Calls the API with the owner's session cookie (and the Origin the server checks on writes). */
  api: <T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<T>;
}

/**
 * One practice for a whole test file, signed up through the real sign-up page in Paris time, in
 * English; the file switches the viewport between desktop and phone instead of signing up twice.
 */
export async function openPractice(
  browser: Browser,
  baseUrl: string,
  practiceName: string,
): Promise<Practice> {
  const context = await browser.newContext({
    viewport: desktop,
    locale: 'en-GB',
    timezoneId: 'Europe/Paris',
  });
  const page = await context.newPage();
  const owner = uniquePerson('Olivia Owner');
  await signUp(page, baseUrl, owner, practiceName);
  const url = (path: string) => new URL(path, baseUrl).toString();
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await page.request.fetch(url(path), {
      method,
      data: body,
      headers: { origin: baseUrl },
    });
    const text = await response.text();
    if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${text}`);
    return (text ? JSON.parse(text).data : undefined) as T;
  };
  return { context, page, owner, baseUrl, url, api };
}

export interface FileContext {
  readonly browser: Browser;
  readonly practice: Practice;
  readonly page: Page;
}

/**
 * The browser and the one practice of a test file, opened before its first test (then `seed`
 * runs) and closed after its last.
 */
export function practiceForFile(
  baseUrl: string,
  practiceName: string,
  seed?: (practice: Practice) => Promise<void>,
): FileContext {
  let browser: Browser | undefined;
  let practice: Practice | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    practice = await openPractice(browser, baseUrl, practiceName);
    await seed?.(practice);
  });
  afterAll(async () => {
    await practice?.context.close();
    await browser?.close();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The practice of this file is not open yet');
    return value;
  };
  return {
    get browser() {
      return opened(browser);
    },
    get practice() {
      return opened(practice);
    },
    get page() {
      return opened(practice).page;
    },
  };
}

export { thisMonth } from './fixtures.ts';

/** A screenshot of the page at its current width, and no serious or critical axe finding. */
export async function lookAt(page: Page, name: string, options?: { fullPage?: boolean }) {
  await screenshot(page, name, options);
  expect(await checkA11y(page)).toEqual([]);
}

/** No page shows raw values a person should never read. */
export async function expectNoRawText(page: Page) {
  const text = (await page.locator('body').innerText()) ?? '';
  expect(text).not.toMatch(/undefined|NaN|\[object Object\]|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text).not.toMatch(
    /\b(adminAppointments|adminDashboard|adminStats|products|assistants|availability)\.[a-zA-Z]/,
  );
}

/** How wide the page's content is: more than the viewport means a sideways scroll on a phone. */
export function pageWidth(page: Page): Promise<number> {
  // Runs in the page, where `globalThis` is the window (this file is typed for Node).
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
}

/** The text on the clipboard of the page's browser (the context must be granted clipboard-read). */
export function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
}

/** Today in Paris plus some days, `YYYY-MM-DD`. */
export function parisDay(offsetDays = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

/** A calendar date as the app writes it in English: "Wednesday 2 December 2026". */
export function longDay(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${date}T12:00:00Z`));
}
