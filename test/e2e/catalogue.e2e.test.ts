import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type E2E, expectAccessible, newContext, startE2E, trackProblems, visit } from './browser.js';

// axe-core takes a few seconds per page on a busy machine: the flows get more time than one page.
const FLOW_TIMEOUT = 180_000;

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e?.close();
});

/**
 * The citizen's way through the catalogue: start page → search with a typo → service → its location →
 * all locations. Works the same with and without JavaScript (plain links and a GET form).
 */
async function catalogueFlow(page: Page): Promise<void> {
  await visit(page, '/');
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Bürgeramt Rheinfeld');
  await expectAccessible(page);

  // Search from the start page, with a typo.
  await page.getByLabel('Leistung suchen').fill('Persnalausweis');
  await page.getByRole('main').getByRole('button', { name: 'Suchen' }).click();
  await page.waitForURL(/\/leistungen\?q=Persnalausweis/);
  const results = page.getByRole('main');
  await expect(
    results.getByRole('heading', { name: /Suchergebnisse für „Persnalausweis“/ }).count(),
  ).resolves.toBe(1);
  const hit = results.getByRole('link', { name: 'Personalausweis beantragen', exact: true });
  await expect(hit.count()).resolves.toBeGreaterThan(0);
  await expectAccessible(page);

  // The service: documents and fees.
  await hit.first().click();
  await page.waitForURL(/\/leistungen\/personalausweis$/);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
    'Personalausweis beantragen',
  );
  await expect(
    page.getByRole('heading', { level: 2, name: 'Das bringen Sie mit' }).isVisible(),
  ).resolves.toBe(true);
  await expect(
    page
      .getByText('Bisheriger Personalausweis, Reisepass oder Kinderreisepass (auch wenn abgelaufen)')
      .isVisible(),
  ).resolves.toBe(true);
  const fees = page.getByRole('table', { name: 'Gebühren für „Personalausweis beantragen“' });
  await expect(fees.isVisible()).resolves.toBe(true);
  const adultFee = fees.getByRole('row').filter({ hasText: 'Personalausweis ab 24 Jahren' });
  await expect(adultFee.innerText()).resolves.toMatch(/46,00\s€/);
  await expectAccessible(page);

  // A location where the service is offered.
  await page.getByRole('main').getByRole('link', { name: 'Bürgeramt im Rathaus' }).first().click();
  await page.waitForURL(/\/standorte\/rathaus$/);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Bürgeramt im Rathaus');
  await expectOpeningHours(page, 'Regelmäßige Öffnungszeiten', 'Montag', '07:30–12:30 Uhr, 14:00–16:00 Uhr');
  await expectAccessible(page);

  // All locations, via the main navigation.
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Standorte' })
    .click();
  await page.waitForURL(/\/standorte$/);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Standorte');
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: 'Bürgeramt im Rathaus' }).count()).resolves.toBeGreaterThan(0);
  await expect(main.getByRole('link', { name: 'Bürgerbüro Nord' }).count()).resolves.toBeGreaterThan(0);
  await expectAccessible(page);

  // The other location, from the list.
  await main.getByRole('link', { name: 'Bürgerbüro Nord' }).first().click();
  await page.waitForURL(/\/standorte\/nord$/);
  await expectOpeningHours(page, 'Regelmäßige Öffnungszeiten', 'Dienstag', 'geschlossen');
  await expectAccessible(page);
}

/** The weekly opening-hours table is visible and shows `hours` in the row of `weekday`. */
async function expectOpeningHours(
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

describe('the service catalogue', () => {
  test(
    'start page → search with a typo → service → location → all locations, accessible throughout',
    async () => {
      const context = await newContext(e2e);
      const page = await context.newPage();
      const problems = trackProblems(page);
      try {
        await catalogueFlow(page);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
    FLOW_TIMEOUT,
  );

  test(
    'the same flow without JavaScript',
    async () => {
      const context = await newContext(e2e, { javaScript: false });
      const page = await context.newPage();
      const problems = trackProblems(page);
      try {
        await catalogueFlow(page);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
    FLOW_TIMEOUT,
  );

  test(
    'the language switch in the header turns the site English',
    async () => {
      const context = await newContext(e2e);
      const page = await context.newPage();
      try {
        await visit(page, '/standorte/rathaus');
        await page
          .getByRole('navigation', { name: 'Sprache' })
          .getByRole('link', { name: 'English' })
          .click();
        await page.waitForURL(/\/standorte\/rathaus$/);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
        await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
          'Citizen office in the town hall',
        );
        await expect(
          page.getByRole('heading', { level: 2, name: 'Opening hours', exact: true }).isVisible(),
        ).resolves.toBe(true);
        await expectOpeningHours(page, 'Regular opening hours', 'Monday', '07:30–12:30, 14:00–16:00');
        await expectAccessible(page);

        // The choice sticks: the start page is English too, and the switch leads back to German.
        await visit(page, '/');
        await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
          'Citizen office Rheinfeld',
        );
        await expect(page.getByLabel('Search for a service').isVisible()).resolves.toBe(true);
        await expectAccessible(page);
        await page
          .getByRole('navigation', { name: 'Language' })
          .getByRole('link', { name: 'Deutsch' })
          .click();
        await page.waitForURL((url) => url.pathname === '/');
        await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
          'Bürgeramt Rheinfeld',
        );
      } finally {
        await context.close();
      }
    },
    FLOW_TIMEOUT,
  );
});
