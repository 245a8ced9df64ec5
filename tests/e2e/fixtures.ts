import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { en } from '../../src/web/i18n/locales/en.ts';
import { checkA11y, launchBrowser, screenshot } from '../support/browser.ts';
import { emulatorControl } from '../support/emulator-control.ts';

/**
 * What every browser test file stands on: one Chromium and one practice for the whole file,
 * set up through the real API (sign-up, people, appointments) so the pages under test show what
 * a person would have made, without going through pages that other files test. Flows run at
 * desktop width; `look` takes the screenshots and the checks at the width the page has, and
 * `lookOnPhone` does the same at phone width for the screen in front of the test.
 */

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };
/** The narrowest phone in use (an iPhone SE or mini), narrower than `phone`. */
export const smallPhone = { width: 375, height: 812 };
type Viewport = typeof desktop;

export interface Person {
  name: string;
  email: string;
  password: string;
}

let counter = 0;

/** A person no earlier test has used: the server's database lives for the whole run. */
export function uniquePerson(name: string): Person {
  counter += 1;
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '.');
  return { name, email: `${slug}.${Date.now()}.${counter}@example.com`, password: 'a calm practice 42' };
}

/** An address of the app under test. */
export function appUrl(path: string): string {
  return new URL(path, inject('baseUrl')).toString();
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A browser context signed in as someone, with their page and the API under their session. */
export interface Session {
  context: BrowserContext;
  page: Page;
  person: Person;
  /** Calls the API with this person's session cookie (and the Origin the server checks on writes). */
  api: <T = unknown>(method: Method, path: string, body?: unknown) => Promise<T>;
  close: () => Promise<void>;
}

/** A fresh context in the practice's zone (Europe/Paris) and British English. */
export async function newContext(browser: Browser, viewport: Viewport = desktop) {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/Paris' });
  return { context, page: await context.newPage() };
}

async function session(context: BrowserContext, page: Page, person: Person): Promise<Session> {
  const baseUrl = inject('baseUrl');
  const api = async <T>(method: Method, path: string, body?: unknown): Promise<T> => {
    const response = await page.request.fetch(appUrl(path), {
      method,
      data: body,
      headers: { origin: baseUrl },
    });
    const text = await response.text();
    if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${text}`);
    return (text ? JSON.parse(text).data : undefined) as T;
  };
  return { context, page, person, api, close: () => context.close() };
}

/** Signs someone in through the API (the login page is the subject of auth.test.ts), page blank. */
export async function signIn(browser: Browser, person: Person, viewport: Viewport = desktop) {
  const { context, page } = await newContext(browser, viewport);
  const signedIn = await session(context, page, person);
  await signedIn.api('POST', '/api/auth/sign-in/email', { email: person.email, password: person.password });
  return signedIn;
}

export interface Practice extends Session {
  owner: Person;
  name: string;
  /** Adds a client (or admin) to the practice; their user id comes back with them. */
  addPerson: (name: string, role?: 'client' | 'admin') => Promise<Person & { id: string }>;
}

/** Signs up a practice (owner and tenant, in Paris) through POST /api/signup. */
export async function openPractice(browser: Browser, name: string): Promise<Practice> {
  const { context, page } = await newContext(browser);
  const owner = uniquePerson('Olivia Owner');
  const signedUp = await session(context, page, owner);
  await signedUp.api('POST', '/api/signup', {
    name: owner.name,
    email: owner.email,
    password: owner.password,
    organizationName: name,
    timezone: 'Europe/Paris',
  });
  const addPerson = async (personName: string, role: 'client' | 'admin' = 'client') => {
    const person = uniquePerson(personName);
    const { id } = await signedUp.api<{ id: string }>('POST', '/api/admin/users', { ...person, role });
    return { ...person, id };
  };
  return { ...signedUp, owner, name, addPerson };
}

export interface FileContext {
  readonly browser: Browser;
  readonly practice: Practice;
  /** The owner's page. */
  readonly page: Page;
}

/**
 * The browser and the one practice of a test file, opened before its first test (then `seed`
 * runs, with the browser for other people's sessions) and closed after its last.
 */
export function practiceForFile(
  name: string,
  seed?: (practice: Practice, browser: Browser) => Promise<void>,
): FileContext {
  let browser: Browser | undefined;
  let practice: Practice | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    practice = await openPractice(browser, name);
    await seed?.(practice, browser);
  });
  afterAll(async () => {
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

/** One Chromium for a test file that needs no practice (sign-up, languages). */
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

// ---- Appointments, made through the API ----

export interface Slot {
  startTime: string;
  endTime: string;
}

/** A slot in the practice's zone (Paris): `2030-01-15`, `10:00`, for `minutes` (days in winter). */
export function parisSlot(day: string, time: string, minutes = 60): Slot {
  // Paris is UTC+1 in winter and UTC+2 in summer; the tests' fixed days are in January.
  const start = new Date(`${day}T${time}:00+01:00`);
  return {
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + minutes * 60_000).toISOString(),
  };
}

/** A day of the current month (Paris), at a UTC hour that is the same day in Paris all year. */
export function thisMonth(day: number, hourUtc: number, minutes = 60): Slot {
  const parisMonth = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
  }).format(new Date());
  const start = new Date(
    `${parisMonth}-${String(day).padStart(2, '0')}T${String(hourUtc).padStart(2, '0')}:00:00Z`,
  );
  return {
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + minutes * 60_000).toISOString(),
  };
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

/** Staff or a client book through POST /api/appointments. */
export function book(as: Session, body: Record<string, unknown>): Promise<{ id: string }> {
  return as.api('POST', '/api/appointments', body);
}

/** Staff propose an appointment to a client: spec 001 flow 1 (pending until the client confirms). */
export function requestWithClient(
  as: Session,
  body: { clientEmail: string; title: string } & Slot & Record<string, unknown>,
): Promise<{ id: string }> {
  return as.api('POST', '/api/admin/appointments', { action: 'create', ...body });
}

/** Changes an appointment through PUT /api/appointments/:id (status, isPaid…). */
export async function updateAppointment(as: Session, id: string, change: Record<string, unknown>) {
  await as.api('PUT', `/api/appointments/${id}`, change);
}

// ---- What a person sees ----

/** The toasts on screen (sonner), for assertions on what a person is told. */
export function toast(page: Page, text: string | RegExp) {
  return page.locator('[data-sonner-toast]').filter({ hasText: text });
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

/** How wide the page's content is: more than the viewport means a sideways scroll on a phone. */
export function pageWidth(page: Page): Promise<number> {
  // Runs in the page, where `globalThis` is the window (this file is typed for Node).
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
}

/** A translation key shown as such (`adminStats.revenue`): i18next prints the key it lacks. */
const untranslatedKey = new RegExp(
  `(?<![\\w@/.-])(${Object.keys(en).join('|')})\\.[a-z][a-zA-Z]*(\\.[a-zA-Z_]+)*(?![\\w/-])`,
);

/** No page shows raw values a person should never read: `undefined`, ISO timestamps, i18n keys. */
export async function expectNoRawText(page: Page) {
  const text = (await page.locator('body').innerText()) ?? '';
  expect(text).not.toMatch(/undefined|NaN|\[object Object\]|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text).not.toMatch(untranslatedKey);
}

/**
 * Looks at the page as it is, at its current width: a screenshot in test-results/screenshots
 * (the whole page from the top, or what is on screen for dialogs), no serious or critical axe
 * finding, no raw text, and no sideways scroll.
 */
export async function look(page: Page, name: string, { fullPage = true } = {}) {
  if (fullPage)
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0),
    );
  await screenshot(page, name, { fullPage });
  expect(await checkA11y(page)).toEqual([]);
  await expectNoRawText(page);
  expect(await pageWidth(page)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

/** The next frames drawn: what a resize re-rendered is on screen. */
function nextPaint(page: Page) {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const raf = (globalThis as unknown as { requestAnimationFrame: (f: () => void) => void })
          .requestAnimationFrame;
        raf(() => raf(resolve));
      }),
  );
}

/** `look` on the narrowest phone in use, then back to the size before. */
export async function lookOnSmallPhone(page: Page, name: string) {
  const before = page.viewportSize() ?? desktop;
  await page.setViewportSize(smallPhone);
  await nextPaint(page);
  await look(page, name);
  await page.setViewportSize(before);
  await nextPaint(page);
}

/**
 * `look` at the current width, then on a phone (the same page, narrowed, as a person turning to
 * their phone would see it), then back to the width it had. `ready` is what to wait for on the
 * phone when the layout changes there (cards instead of a table).
 */
export async function lookOnBoth(
  page: Page,
  name: string,
  { fullPage = true, ready }: { fullPage?: boolean; ready?: () => ReturnType<Page['locator']> } = {},
) {
  const before = page.viewportSize() ?? desktop;
  await look(page, name, { fullPage });
  await page.setViewportSize(phone);
  await nextPaint(page);
  await ready?.().waitFor();
  await look(page, name, { fullPage });
  await page.setViewportSize(before);
  await nextPaint(page);
}

/** Calls an emulator's control API under /__emulator/. */
export function emulator(url: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  return emulatorControl(url, method, path, body);
}

/** The text on the clipboard of the page's browser (the context must be granted clipboard-read). */
export function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
}
