import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  clickTo,
  expectAccessible,
  expectOpeningHours,
  h1,
  logInAsAdmin,
  main,
  submitInvalid,
  useE2E,
  visit,
} from './browser.js';

// axe-core takes a few seconds per page on a busy machine: the flows get more time than one page.
const FLOW_TIMEOUT = 180_000;
const MONDAY_CLOSES = 'Montag, Zeitraum 1: bis';

const { freshPage } = useE2E();

function staffNav(page: Page) {
  return page.getByRole('navigation', { name: 'Verwaltung', exact: true });
}

/** Follows the link `name` in the staff navigation to a URL matching `url`. */
function viaStaffNav(page: Page, name: string, url: RegExp): Promise<void> {
  return clickTo(page, staffNav(page).getByRole('link', { name }), url);
}

/** From the dashboard through the navigation to the weekly opening hours of the town hall. */
async function openRathausHours(page: Page): Promise<void> {
  await viaStaffNav(page, 'Standorte', /\/verwaltung\/standorte$/);
  await clickTo(
    page,
    main(page).getByRole('link', { name: 'Bürgeramt im Rathaus' }).first(),
    /\/verwaltung\/standorte\/rathaus$/,
  );
  await clickTo(
    page,
    main(page).getByRole('link', { name: 'Öffnungszeiten', exact: true }),
    /\/verwaltung\/standorte\/rathaus\/oeffnungszeiten$/,
  );
  await expect(h1(page)).resolves.toBe('Öffnungszeiten: Bürgeramt im Rathaus');
}

describe('the staff area', () => {
  test(
    'log-in page and dashboard are accessible; the log-in leads to the dashboard',
    async () => {
      const { page, problems } = await freshPage();
      await visit(page, '/verwaltung/anmelden');
      await expect(h1(page)).resolves.toBe('Anmelden');
      await expectAccessible(page);

      await logInAsAdmin(page);
      await expect(h1(page)).resolves.toBe('Guten Tag, Alex Admin');
      for (const area of ['Leistungen', 'Standorte', 'Benutzer', 'Inhalte', 'Rückmeldungen', 'Protokoll']) {
        await expect(staffNav(page).getByRole('link', { name: area }).isVisible(), area).resolves.toBe(true);
      }
      await expectAccessible(page);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'an admin changes Monday’s closing time; citizens and the audit log see it',
    async () => {
      const { page, problems } = await freshPage();
      await logInAsAdmin(page);
      await viaStaffNav(page, 'Standorte', /\/verwaltung\/standorte$/);
      await expectAccessible(page);
      await page.goBack();
      await openRathausHours(page);
      await expectAccessible(page);

      const closes = page.getByLabel(MONDAY_CLOSES, { exact: true });
      await expect(closes.inputValue()).resolves.toBe('12:30');
      await closes.fill('12:45');
      await clickTo(
        page,
        page.getByRole('button', { name: 'Öffnungszeiten speichern' }),
        /\/verwaltung\/standorte\/rathaus\/oeffnungszeiten$/,
      );
      await expect(page.getByRole('status').innerText()).resolves.toContain(
        'Die Öffnungszeiten wurden gespeichert.',
      );
      await expect(page.getByLabel(MONDAY_CLOSES, { exact: true }).inputValue()).resolves.toBe('12:45');
      // The other intervals are untouched.
      await expect(page.getByLabel('Montag, Zeitraum 1: von', { exact: true }).inputValue()).resolves.toBe(
        '07:30',
      );
      await expect(page.getByLabel('Montag, Zeitraum 2: bis', { exact: true }).inputValue()).resolves.toBe(
        '16:00',
      );
      await expectAccessible(page);

      // A citizen (no staff session) sees the new time on the location page.
      const citizen = await freshPage();
      await visit(citizen.page, '/standorte/rathaus');
      await expectOpeningHours(
        citizen.page,
        'Regelmäßige Öffnungszeiten',
        'Montag',
        '07:30–12:45 Uhr, 14:00–16:00 Uhr',
      );
      expect(citizen.problems).toEqual([]);

      // The audit log names who changed what.
      await viaStaffNav(page, 'Protokoll', /\/verwaltung\/protokoll$/);
      await expect(h1(page)).resolves.toBe('Protokoll');
      const entry = page
        .getByRole('row')
        .filter({ hasText: /location\.hours\.replace|Öffnungszeiten/ })
        .filter({ hasText: '12:45' });
      await expect(entry.count()).resolves.toBe(1);
      const text = await entry.innerText();
      expect(text).toContain('Alex Admin');
      expect(text).toMatch(/rathaus/i);
      expect(text).toContain('12:30');
      await expectAccessible(page);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'an invalid time shows the error summary, keeps the input and changes nothing',
    async () => {
      const { page, problems } = await freshPage();
      await logInAsAdmin(page);
      await openRathausHours(page);
      const before = await page.getByLabel(MONDAY_CLOSES, { exact: true }).inputValue();

      await page.getByLabel(MONDAY_CLOSES, { exact: true }).fill('25:99');
      await submitInvalid(page, page.getByRole('button', { name: 'Öffnungszeiten speichern' }));
      const summary = page.getByRole('alert');
      await expect(summary.innerText()).resolves.toContain('Es gibt ein Problem');
      const link = summary.getByRole('link').filter({ hasText: 'Montag, Zeitraum 1' });
      await expect(link.count()).resolves.toBe(1);
      await expect(page.getByLabel(MONDAY_CLOSES, { exact: true }).inputValue()).resolves.toBe('25:99');
      await expectAccessible(page);

      // The link in the summary leads to the field.
      await link.click();
      await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe(
        'd1_0_closes',
      );

      // Nothing was saved.
      await visit(page, '/verwaltung/standorte/rathaus/oeffnungszeiten');
      await expect(page.getByLabel(MONDAY_CLOSES, { exact: true }).inputValue()).resolves.toBe(before);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'the admin pages are accessible',
    async () => {
      const { page, problems } = await freshPage();
      await logInAsAdmin(page);

      await viaStaffNav(page, 'Leistungen', /\/verwaltung\/leistungen$/);
      await expect(h1(page)).resolves.toBe('Leistungen');
      await expectAccessible(page);

      await clickTo(
        page,
        main(page).getByRole('link', { name: 'Personalausweis beantragen', exact: true }),
        /\/verwaltung\/leistungen\/personalausweis$/,
      );
      await expect(h1(page)).resolves.toBe('Leistung bearbeiten: Personalausweis beantragen');
      await expect(page.getByLabel('Name (Deutsch)', { exact: true }).inputValue()).resolves.toBe(
        'Personalausweis beantragen',
      );
      await expectAccessible(page);

      const pages: Array<[string, string]> = [
        ['/verwaltung/standorte', 'Standorte'],
        ['/verwaltung/standorte/rathaus', 'Stammdaten: Bürgeramt im Rathaus'],
        ['/verwaltung/benutzer', 'Benutzer'],
        ['/verwaltung/inhalte', 'Inhalte und Stammdaten der Stadt'],
        ['/verwaltung/protokoll', 'Protokoll'],
        ['/verwaltung/vorgaenge', 'Vorgänge'],
        ['/verwaltung/bescheinigungen', 'Bescheinigungen'],
        ['/verwaltung/melderegister', 'Melderegister'],
        ['/verwaltung/melderegister?familienname=Mustermann&geburtsdatum=1964-08-12', 'Melderegister'],
      ];
      for (const [path, heading] of pages) {
        await visit(page, path);
        await expect(h1(page), path).resolves.toBe(heading);
        await expectAccessible(page);
      }
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
