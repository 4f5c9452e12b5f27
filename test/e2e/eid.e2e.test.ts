import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ANY, type EidTestApp, eidTestApp, HIGH } from '../../src/platform/eid/eid.test-support.js';
import {
  CHROMIUM,
  clickTo,
  type E2E,
  expectAccessible,
  freePort,
  h1,
  main,
  newContext,
  trackProblems,
} from './browser.js';

// The eID log-in in a real browser over HTTP: the portal, the dev IdP's pages (person, PIN, log-out)
// and the error pages, each checked with axe-core; no CSP violations along the redirects.
const FLOW_TIMEOUT = 180_000;

let t: EidTestApp;
let browser: Browser;
let baseUrl: string;
const pages: Page[] = [];

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  t = await eidTestApp({ BUERGERAMT_PUBLIC_URL: baseUrl });
  await t.app.listen({ port, host: '127.0.0.1' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
afterEach(async () => {
  for (const page of pages.splice(0)) await page.context().close();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function freshPage(javaScript = true) {
  // newContext remembers contexts without JavaScript, so that axe runs on a copy of their page.
  const context = await newContext({ browser, baseUrl } as E2E, { javaScript });
  const page = await context.newPage();
  pages.push(page);
  return { page, problems: trackProblems(page) };
}

/** From a protected page to the dev IdP's person picker. */
async function toPicker(page: Page, target: string) {
  await page.goto(target);
  await page.waitForURL(/\/dev-idp\/interaction\/[^/]+$/);
  await expect(h1(page)).resolves.toBe('Mit der Online-Ausweisfunktion anmelden');
}

async function choose(page: Page, name: string) {
  await main(page).getByLabel(name).check();
  await clickTo(page, main(page).getByRole('button', { name: 'Weiter' }), /\/pin$/);
}

describe('eID log-in in the browser', () => {
  test(
    'Erika: picker, PIN (wrong, then right), portal header, log-out at both; all pages accessible',
    async () => {
      const { page, problems } = await freshPage();
      await toPicker(page, ANY);
      await expectAccessible(page);

      await main(page).getByRole('button', { name: 'Weiter' }).click();
      await expect(main(page).getByText('Es gibt ein Problem').count()).resolves.toBe(1);
      await expect(
        main(page).getByText('Bitte wählen Sie eine der angebotenen Möglichkeiten.').count(),
      ).resolves.toBeGreaterThan(0);
      await expectAccessible(page);

      await choose(page, 'Erika Mustermann');
      await expect(h1(page)).resolves.toBe('PIN eingeben');
      await expectAccessible(page);
      await page.getByLabel('PIN (6 Ziffern)').fill('111111');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await expect(main(page).getByText('Verbleibende Versuche: 2').count()).resolves.toBe(1);
      await expectAccessible(page);
      await page.getByLabel('PIN (6 Ziffern)').fill('123456');
      await clickTo(page, page.getByRole('button', { name: 'Anmelden' }), (url) => url.pathname === ANY);
      await expect(page.getByRole('banner').getByText('Erika Mustermann').count()).resolves.toBe(1);
      await expectAccessible(page);

      await clickTo(
        page,
        page.getByRole('banner').getByRole('button', { name: 'Abmelden' }),
        /\/dev-idp\/session\/end/,
      );
      await expect(h1(page)).resolves.toBe('Abmelden');
      await expectAccessible(page);
      await clickTo(page, main(page).getByRole('button', { name: 'Abmelden' }), /\/portal\/abgemeldet$/);
      await expect(h1(page)).resolves.toBe('Sie sind abgemeldet');
      await expectAccessible(page);

      // The IdP forgot the citizen too: a new log-in asks for the person again.
      await toPicker(page, ANY);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'Tim (substantial) gets the explanation page; cancelling gives the problem page; both accessible',
    async () => {
      const { page, problems } = await freshPage();
      await toPicker(page, HIGH);
      await choose(page, 'Tim Wagner');
      await page.getByLabel('PIN (6 Ziffern)').fill('123456');
      await clickTo(page, page.getByRole('button', { name: 'Anmelden' }), (url) => url.pathname === HIGH);
      await expect(h1(page)).resolves.toBe('Anmeldung mit dem Personalausweis nötig');
      await expectAccessible(page);

      const other = await freshPage(false);
      await toPicker(other.page, HIGH);
      await expectAccessible(other.page);
      await clickTo(
        other.page,
        main(other.page).getByRole('button', { name: 'Anmeldung abbrechen' }),
        /\/portal\/anmelden\/rueckkehr/,
      );
      await expect(h1(other.page)).resolves.toBe('Anmeldung abgebrochen');
      await expectAccessible(other.page);
      expect([...problems, ...other.problems]).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
