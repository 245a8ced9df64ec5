import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const debianChromium = '/usr/bin/chromium';

/** Flags for a machine without network beyond localhost, a GPU or a large /dev/shm. */
const baseArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/**
 * @sparticuz/chromium's flags meant for serverless sandboxes that would make the browser unlike
 * the one people use: a single process (closing a page can take the browser down) and disabled
 * web security (fetches then go out without an Origin header, which the server's checks rely on).
 */
const serverlessOnlyArgs = new Set([
  '--single-process',
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
]);

/** Debian's Chromium when installed, else the build bundled by @sparticuz/chromium. */
export async function launchBrowser(): Promise<Browser> {
  let executablePath = debianChromium;
  let extraArgs: string[] = [];
  if (!existsSync(debianChromium)) {
    const sparticuz = (await import('@sparticuz/chromium')).default;
    executablePath = await sparticuz.executablePath();
    extraArgs = sparticuz.args.filter((arg) => !serverlessOnlyArgs.has(arg));
  }
  const args = [...new Set([...extraArgs, ...baseArgs])];
  return chromium.launch({ executablePath, args, headless: true });
}

export const screenshotDir = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/**
 * Saves a screenshot as test-results/screenshots/<name>-<width>.png: the whole page, or only
 * what is on screen (for overlays such as drawers and dialogs).
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = path.join(screenshotDir, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page; returns the serious and critical violations only. The source is
 * evaluated over the DevTools protocol, which the app's Content-Security-Policy does not block
 * (an inline <script> tag would be).
 */
export async function checkA11y(page: Page): Promise<A11yViolation[]> {
  // The callbacks run in the page; `globalThis` there is its window (this file is typed for Node).
  const isLoaded = await page.evaluate(() => 'axe' in globalThis);
  if (!isLoaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const inPage = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await inPage.run({ exclude: [] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
