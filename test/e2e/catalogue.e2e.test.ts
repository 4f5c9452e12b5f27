import { describe, expect, test } from 'vitest';
import {
  clickTo,
  expectAccessible,
  expectOpeningHours,
  h1,
  main,
  switchLanguage,
  useE2E,
  visit,
} from './browser.js';

// axe-core takes a few seconds per page on a busy machine: the flows get more time than one page.
const FLOW_TIMEOUT = 180_000;

const { freshPage } = useE2E();

/**
 * The citizen's way through the catalogue: start page → search with a typo → service → its location →
 * all locations. Works the same with and without JavaScript (plain links and a GET form).
 */
async function catalogueFlow(options: { javaScript?: boolean } = {}): Promise<void> {
  const { page, problems } = await freshPage(options);
  await visit(page, '/');
  await expect(h1(page)).resolves.toBe('Bürgeramt Rheinfeld');
  await expectAccessible(page);

  // Search from the start page, with a typo.
  await page.getByLabel('Leistung suchen').fill('Persnalausweis');
  await clickTo(page, main(page).getByRole('button', { name: 'Suchen' }), /\/leistungen\?q=Persnalausweis/);
  await expect(
    main(page)
      .getByRole('heading', { name: /Suchergebnisse für „Persnalausweis“/ })
      .count(),
  ).resolves.toBe(1);
  const hit = main(page).getByRole('link', { name: 'Personalausweis beantragen', exact: true });
  await expect(hit.count()).resolves.toBeGreaterThan(0);
  await expectAccessible(page);

  // The service: documents and fees.
  await clickTo(page, hit.first(), /\/leistungen\/personalausweis$/);
  await expect(h1(page)).resolves.toBe('Personalausweis beantragen');
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
  await clickTo(
    page,
    main(page).getByRole('link', { name: 'Bürgeramt im Rathaus' }).first(),
    /\/standorte\/rathaus$/,
  );
  await expect(h1(page)).resolves.toBe('Bürgeramt im Rathaus');
  await expectOpeningHours(page, 'Regelmäßige Öffnungszeiten', 'Montag', '07:30–12:30 Uhr, 14:00–16:00 Uhr');
  await expectAccessible(page);

  // All locations, via the main navigation.
  await clickTo(
    page,
    page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Standorte' }),
    /\/standorte$/,
  );
  await expect(h1(page)).resolves.toBe('Standorte');
  await expect(
    main(page).getByRole('link', { name: 'Bürgeramt im Rathaus' }).count(),
  ).resolves.toBeGreaterThan(0);
  await expect(main(page).getByRole('link', { name: 'Bürgerbüro Nord' }).count()).resolves.toBeGreaterThan(0);
  await expectAccessible(page);

  // The other location, from the list.
  await clickTo(
    page,
    main(page).getByRole('link', { name: 'Bürgerbüro Nord' }).first(),
    /\/standorte\/nord$/,
  );
  await expectOpeningHours(page, 'Regelmäßige Öffnungszeiten', 'Dienstag', 'geschlossen');
  await expectAccessible(page);
  expect(problems).toEqual([]);
}

describe('the service catalogue', () => {
  test(
    'start page → search with a typo → service → location → all locations, accessible throughout',
    () => catalogueFlow(),
    FLOW_TIMEOUT,
  );

  test('the same flow without JavaScript', () => catalogueFlow({ javaScript: false }), FLOW_TIMEOUT);

  test(
    'the language switch in the header turns the site English',
    async () => {
      const { page } = await freshPage();
      await visit(page, '/standorte/rathaus');
      await switchLanguage(page, 'English');
      await expect(h1(page)).resolves.toBe('Citizen office in the town hall');
      await expect(
        page.getByRole('heading', { level: 2, name: 'Opening hours', exact: true }).isVisible(),
      ).resolves.toBe(true);
      await expectOpeningHours(page, 'Regular opening hours', 'Monday', '07:30–12:30, 14:00–16:00');
      await expectAccessible(page);

      // The choice sticks: the start page is English too, and the switch leads back to German.
      await visit(page, '/');
      await expect(h1(page)).resolves.toBe('Citizen office Rheinfeld');
      await expect(page.getByLabel('Search for a service').isVisible()).resolves.toBe(true);
      await expectAccessible(page);
      await switchLanguage(page, 'Deutsch');
      await expect(h1(page)).resolves.toBe('Bürgeramt Rheinfeld');
    },
    FLOW_TIMEOUT,
  );
});
