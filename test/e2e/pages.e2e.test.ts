import { describe, expect, test } from 'vitest';
import {
  clickTo,
  expectAccessible,
  h1,
  main,
  submitInvalid,
  switchLanguage,
  useE2E,
  visit,
} from './browser.js';

// axe-core takes a few seconds per page on a busy machine: the flows get more time than one page.
const FLOW_TIMEOUT = 180_000;

const { freshPage } = useE2E();

describe('legal pages, API docs and errors', () => {
  test(
    'imprint, privacy and accessibility statement are accessible and linked from the footer',
    async () => {
      const { page, problems } = await freshPage();
      await visit(page, '/');
      const legal = page.getByRole('navigation', { name: 'Rechtliches' });
      const pages: Array<[string, string, string]> = [
        ['Impressum', '/impressum', 'Impressum'],
        ['Datenschutz', '/datenschutz', 'Datenschutzerklärung'],
        ['Barrierefreiheit', '/barrierefreiheit', 'Erklärung zur Barrierefreiheit'],
      ];
      for (const [link, path, heading] of pages) {
        await expect(legal.getByRole('link', { name: link, exact: true }).getAttribute('href')).resolves.toBe(
          path,
        );
        await visit(page, path);
        await expect(h1(page), path).resolves.toBe(heading);
        // The city's text is there, not just the heading.
        expect((await main(page).innerText()).length, path).toBeGreaterThan(200);
        await expectAccessible(page);
      }
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'the barrier report: empty → error summary, valid → thank you',
    async () => {
      const { page, problems } = await freshPage();
      await visit(page, '/barrierefreiheit');
      await clickTo(
        page,
        main(page).getByRole('link', { name: 'Barriere melden' }),
        /\/barrierefreiheit\/rueckmeldung$/,
      );
      await expect(h1(page)).resolves.toBe('Barriere melden');
      await expectAccessible(page);

      // Empty: the error summary at the top, the message on the field, status 422.
      await submitInvalid(page, page.getByRole('button', { name: 'Nachricht senden' }));
      const summary = page.getByRole('alert');
      await expect(summary.innerText()).resolves.toContain('Es gibt ein Problem');
      await expect(summary.getByRole('link').count()).resolves.toBeGreaterThan(0);
      const message = page.getByLabel('Ihre Nachricht');
      await expect(message.getAttribute('aria-invalid')).resolves.toBe('true');
      await expectAccessible(page);

      // Valid: redirected to the accessibility statement with a thank-you message.
      await message.fill('Die Tabelle der Öffnungszeiten ist mit dem Screenreader schwer zu lesen.');
      await page.getByLabel('Ihre E-Mail-Adresse').fill('test@example.org');
      await clickTo(page, page.getByRole('button', { name: 'Nachricht senden' }), /\/barrierefreiheit$/);
      await expect(page.getByRole('status').innerText()).resolves.toContain(
        'Vielen Dank. Ihre Nachricht ist bei uns eingegangen.',
      );
      await expectAccessible(page);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'the barrier report works without JavaScript',
    async () => {
      const { page, problems } = await freshPage({ javaScript: false });
      await visit(page, '/barrierefreiheit/rueckmeldung');
      await clickTo(
        page,
        page.getByRole('button', { name: 'Nachricht senden' }),
        /\/barrierefreiheit\/rueckmeldung$/,
      );
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Es gibt ein Problem');
      await expectAccessible(page);
      await page.getByLabel('Ihre Nachricht').fill('Der Kontrast im Fußbereich ist zu gering.');
      await clickTo(page, page.getByRole('button', { name: 'Nachricht senden' }), /\/barrierefreiheit$/);
      await expect(page.getByRole('status').innerText()).resolves.toContain('Vielen Dank.');
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'the API documentation is accessible',
    async () => {
      const { page, problems } = await freshPage();
      await visit(page, '/api/docs');
      await expect(h1(page)).resolves.toBe('Bürgeramt API');
      await expect(main(page).innerText()).resolves.toContain('/api/v1/services');
      await expectAccessible(page);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'a page that does not exist: 404, accessible, in German and English',
    async () => {
      const { page, problems } = await freshPage();
      await visit(page, '/gibt-es-nicht', 404);
      await expect(h1(page)).resolves.toBe('Nicht gefunden');
      await expect(main(page).getByRole('link', { name: 'Zur Startseite' }).isVisible()).resolves.toBe(true);
      await expectAccessible(page);

      await visit(page, '/leistungen/gibt-es-nicht', 404);
      await expect(h1(page)).resolves.toBe('Nicht gefunden');

      await switchLanguage(page, 'English');
      await expect(h1(page)).resolves.toBe('Not found');
      await expectAccessible(page);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
