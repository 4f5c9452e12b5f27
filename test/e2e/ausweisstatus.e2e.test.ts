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

const FLOW_TIMEOUT = 180_000;

const harness = useE2E();
const { freshPage } = harness;

describe('ID-document status without JavaScript', () => {
  test(
    'query by typing the number, every kind of answer accessible, German and English',
    async () => {
      const { page, problems } = await freshPage({ javaScript: false });
      await visit(page, '/ausweisstatus');
      await expect(h1(page)).resolves.toBe('Ausweisstatus abfragen');
      await expectAccessible(page);

      // Typed in lower case with a space and the letter O: found all the same.
      await page.getByLabel('Seriennummer des neuen Dokuments').fill('lo1x r7t2m');
      await clickTo(page, page.getByRole('button', { name: 'Status abfragen' }), /nummer=/);
      await expect(main(page).innerText()).resolves.toContain('Abholbereit');
      await expect(main(page).innerText()).resolves.toContain('Das bringen Sie zur Abholung mit');
      await expect(
        page.getByRole('table', { name: 'Regelmäßige Öffnungszeiten: Bürgeramt im Rathaus' }).isVisible(),
      ).resolves.toBe(true);
      await expectAccessible(page);

      // Unknown: the neutral answer.
      await page.getByLabel('Seriennummer des neuen Dokuments').fill('L01XFFFFF');
      await clickTo(page, page.getByRole('button', { name: 'Status abfragen' }), /nummer=L01XFFFFF/);
      await expect(main(page).innerText()).resolves.toContain('Keine Auskunft zu dieser Nummer');
      await expectAccessible(page);

      // Empty: the error summary.
      await page.getByLabel('Seriennummer des neuen Dokuments').fill('');
      await clickTo(page, page.getByRole('button', { name: 'Status abfragen' }), /nummer=$/);
      await expect(page.getByRole('alert').innerText()).resolves.toContain(
        'Bitte geben Sie die Seriennummer ein.',
      );
      await expectAccessible(page);

      // The QR code's link, in English, for the other statuses.
      for (const serial of ['L01XC4F7K', 'L01XW9P4H', 'L01XJ4X7R', 'L01XM8Y3C']) {
        await visit(page, `/ausweisstatus?nummer=${serial}`);
        await expectAccessible(page);
      }
      await switchLanguage(page, 'English');
      await expect(h1(page)).resolves.toBe('Check the status of your ID document');
      await expect(main(page).innerText()).resolves.toContain('Sent by post');
      await expectAccessible(page);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'sign up for the ready e-mail with the code from the pickup slip',
    async () => {
      const { page, problems } = await freshPage({ javaScript: false });
      await visit(page, '/ausweisstatus?nummer=L01XC4F7K');
      await clickTo(
        page,
        main(page).getByRole('link', { name: 'Benachrichtigung einrichten' }),
        /\/ausweisstatus\/benachrichtigung\?nummer=L01XC4F7K$/,
      );
      await expect(page.getByLabel('Seriennummer des neuen Dokuments').inputValue()).resolves.toBe(
        'L01XC4F7K',
      );
      await expectAccessible(page);

      await submitInvalid(page, page.getByRole('button', { name: 'Benachrichtigung einrichten' }));
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Es gibt ein Problem');
      await expectAccessible(page);

      await page.getByLabel('Code vom Abholschein').fill('K7MQ-4XTA');
      await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill('e2e@example.org');
      await page.getByLabel('Ich willige ein').check();
      await clickTo(
        page,
        page.getByRole('button', { name: 'Benachrichtigung einrichten' }),
        /\/ausweisstatus\/benachrichtigung\/gesendet$/,
      );
      await expect(h1(page)).resolves.toBe('Vielen Dank');
      await expectAccessible(page);
      const stored = await harness.e2e.app.services.dokumente.findBySerial('L01XC4F7K');
      expect(stored?.contactEmail).toBe('e2e@example.org');
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
