import { createServer } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2E {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export interface StartOptions {
  /** The app's clock (default: the real time). */
  now?: () => Date;
  /** Extra environment for the app's configuration (captcha and rate limits are off unless set here). */
  env?: Record<string, string>;
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released again). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The app on a random port plus a headless Chromium (never a downloaded browser). The app's public URL
 * is that address, so links in its e-mails (confirmation, manage) lead back to the app under test.
 */
export async function startE2E(options: StartOptions = {}): Promise<E2E> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = await createTestApp({
    ...(options.now ? { now: options.now } : {}),
    env: { BUERGERAMT_PUBLIC_URL: baseUrl, ...options.env },
  });
  await app.app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    app,
    baseUrl,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

/** Contexts opened with JavaScript switched off: axe-core cannot run inside them (it is a script). */
const withoutJavaScript = new WeakSet<BrowserContext>();

export async function newContext(
  e2e: E2E,
  options: { javaScript?: boolean; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({
    baseURL: e2e.baseUrl,
    javaScriptEnabled: options.javaScript ?? true,
    locale: options.locale ?? 'de-DE',
  });
  if (options.javaScript === false) withoutJavaScript.add(context);
  return context;
}

/** axe-core on the current page: WCAG 2.1 A/AA rules must report no violations. */
export async function expectAccessible(page: Page): Promise<void> {
  if (withoutJavaScript.has(page.context())) return expectAccessibleWithoutJavaScript(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * axe-core is a script, so it hangs in a page without JavaScript. Instead the exact document that page
 * shows (`page.content()`) is served once more, at the same address, to a page with JavaScript in a
 * fresh context of the same size; style sheets and fonts load from the app as before, then axe runs there.
 */
async function expectAccessibleWithoutJavaScript(page: Page): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error('page without a browser');
  const url = page.url();
  const html = await page.content();
  const viewport = page.viewportSize();
  const context = await browser.newContext(viewport ? { viewport } : {});
  try {
    const copy = await context.newPage();
    await copy.route(
      (address) => address.href === url,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await copy.goto(url);
    await expectAccessible(copy);
  } finally {
    await context.close();
  }
}

/**
 * Collects what a user would not see but should not happen: failed sub-resources (CSS, fonts, images),
 * Content-Security-Policy violations and script errors. Assert with `expect(problems).toEqual([])`.
 */
export function trackProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400) {
      problems.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // A navigation cancels what the previous page still loads: not a problem of the page.
    if (!reason.includes('ERR_ABORTED')) problems.push(`failed ${request.url()}: ${reason}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** Opens a path and checks the HTTP status of the document (200 unless told otherwise). */
export async function visit(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(status);
}

export const demoAdmin = { username: 'admin', password: 'admin-demo-2026' } as const;

/** Logs in through the staff log-in form; ends on the dashboard. */
export async function logInAsAdmin(page: Page): Promise<void> {
  await visit(page, '/verwaltung/anmelden');
  await page.getByLabel('Benutzername', { exact: true }).fill(demoAdmin.username);
  await page.getByLabel('Passwort', { exact: true }).fill(demoAdmin.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(/\/verwaltung$/);
}

/**
 * One app and browser per test file (registered as hooks), fresh browser contexts per page session,
 * closed after each test. `freshPage` needs no `this`: `const { freshPage } = useE2E()` works.
 */
export function useE2E(options: StartOptions = {}) {
  let e2e: E2E | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    e2e = await startE2E(options);
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await e2e?.close();
  });
  const started = (): E2E => {
    if (!e2e) throw new Error('the app is not started yet');
    return e2e;
  };
  return {
    get e2e(): E2E {
      return started();
    },
    async freshPage(pageOptions: { javaScript?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
      const context = await newContext(started(), pageOptions);
      contexts.push(context);
      const page = await context.newPage();
      return { page, problems: trackProblems(page) };
    },
  };
}

export function h1(page: Page): Promise<string> {
  return page.getByRole('heading', { level: 1 }).innerText();
}

export function main(page: Page) {
  return page.getByRole('main');
}

/** Clicks and waits for the navigation it starts to reach a URL matching `url`. */
export async function clickTo(
  page: Page,
  target: ReturnType<Page['getByRole']>,
  url: RegExp | ((url: URL) => boolean),
): Promise<void> {
  await Promise.all([page.waitForURL(url), target.click()]);
}

/**
 * The demo outbox (/verwaltung/post, open in demo mode): opens the newest mail to `email` (the outbox
 * lists newest first). Ends on that mail's page.
 */
export async function openNewestMail(page: Page, email: string): Promise<void> {
  await visit(page, '/verwaltung/post');
  await expect(h1(page)).resolves.toBe('Postausgang');
  await expectAccessible(page);
  const row = main(page).getByRole('row').filter({ hasText: email }).first();
  await clickTo(page, row.getByRole('link'), /\/verwaltung\/post\/\d+$/);
  await expectAccessible(page);
}

/** The manage page of a booked appointment: its heading, and the booking code its address names. */
export async function expectManagePage(page: Page): Promise<string> {
  await expect(h1(page)).resolves.toBe('Ihr Termin');
  const code = await main(page).locator('.app-booking-code').innerText();
  expect(code).toMatch(/^[A-Z0-9-]{4,}$/);
  expect(new URL(page.url()).pathname).toBe(`/termine/verwalten/${code}`);
  return code;
}

/** The navigation that holds the language switch is named in the page's language. */
const languageSwitch = {
  English: { from: 'Sprache', lang: 'en' },
  Deutsch: { from: 'Language', lang: 'de' },
} as const;

/** The language switch in the header: the same page again, now in `language`. */
export async function switchLanguage(page: Page, language: keyof typeof languageSwitch): Promise<void> {
  const { from, lang } = languageSwitch[language];
  const path = new URL(page.url()).pathname;
  await clickTo(
    page,
    page.getByRole('navigation', { name: from }).getByRole('link', { name: language }),
    (url) => url.pathname === path,
  );
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
}

/** Clicks a form's submit button with invalid input: the form comes back with status 422. */
export async function submitInvalid(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
    button.click(),
  ]);
  expect(response.status()).toBe(422);
  await page.waitForLoadState();
}

/** The weekly opening-hours table is visible and shows `hours` in the row of `weekday`. */
export async function expectOpeningHours(
  page: Page,
  caption: string,
  weekday: string,
  hours: string,
): Promise<void> {
  const table = page.getByRole('table', { name: caption });
  await expect(table.isVisible()).resolves.toBe(true);
  const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: weekday, exact: true }) });
  await expect(row.count()).resolves.toBe(1);
  await expect(row.getByRole('cell').nth(1).innerText()).resolves.toBe(hours);
}

/**
 * The eID log-in at the demo identity provider, once the browser is on its way to the person picker:
 * picks `person` (the name as the picker shows it), enters `pin` and waits until the browser is back on
 * the portal. Both pages of the identity provider are checked with axe-core.
 */
export async function loginWithEid(page: Page, person: string, pin = '123456'): Promise<void> {
  await page.waitForURL(/\/dev-idp\/interaction\/[^/]+$/);
  await expect(h1(page)).resolves.toBe('Mit der Online-Ausweisfunktion anmelden');
  await expectAccessible(page);
  await main(page).getByRole('radio', { name: person, exact: true }).check();
  await clickTo(
    page,
    main(page).getByRole('button', { name: 'Weiter' }),
    /\/dev-idp\/interaction\/[^/]+\/pin$/,
  );
  await expect(h1(page)).resolves.toBe('PIN eingeben');
  await expectAccessible(page);
  await page.getByLabel('PIN (6 Ziffern)').fill(pin);
  await clickTo(
    page,
    main(page).getByRole('button', { name: 'Anmelden' }),
    (url) => !url.pathname.startsWith('/dev-idp/') && !url.pathname.startsWith('/portal/anmelden'),
  );
}
