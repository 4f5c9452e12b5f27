import jsQRModule, { type QRCode } from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  clickTo,
  expectAccessible,
  h1,
  main,
  openNewestMail,
  submitInvalid,
  switchLanguage,
  useE2E,
  visit,
} from './browser.js';

// axe-core takes a few seconds per page on a busy machine: the flow gets more time than one page.
const FLOW_TIMEOUT = 240_000;
// jsqr is a CommonJS bundle whose module object is the function itself (its types say default export).
type Decode = (data: Uint8ClampedArray, width: number, height: number) => QRCode | null;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as Decode;

/** Thursday 2026-12-03, 10:00 in Berlin: the Rathaus is open. */
const now = () => new Date('2026-12-03T09:00:00Z');

/** A new document (none of the demo serials in src/demo/documents.data.ts), and its applicant. */
const SERIAL = 'L01XP8R3W';
/** As a citizen types it from the pickup slip: lower case, with a space. */
const SERIAL_TYPED = 'l01x p8r3w';
/** Well formed, but no document has it. */
const UNKNOWN_SERIAL = 'L01XFFFFF';
const applicant = {
  name: 'Amelia Endtoend',
  birthDate: '17.05.1990',
  email: 'amelia.endtoend@example.org',
};
const rathaus = { de: 'Bürgeramt im Rathaus', en: 'Citizen office in the town hall' };

const text = (page: Page) => main(page).innerText();

/** Reads the QR code on the printed slip the way a phone camera would: from the rendered pixels. */
async function scanQr(page: Page): Promise<string> {
  const image = page.getByRole('img', { name: /QR-Code/ });
  const png = PNG.sync.read(await image.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code readable on the pickup slip');
  return code.data;
}

/** No name or date of birth of the applicant anywhere in a citizen's page or message. */
function expectNoPersonalData(content: string): void {
  expect(content).not.toContain('Amelia');
  expect(content).not.toContain('Endtoend');
  expect(content).not.toContain(applicant.birthDate);
  expect(content).not.toContain('1990');
}

describe('ID documents in the browser: application, delivery, status, e-mail, handover', () => {
  const env = useE2E({ now });
  const { freshPage } = env;

  /** The citizen types the number on the status page (label and button in the page's language). */
  async function queryStatus(page: Page, lang: 'de' | 'en'): Promise<void> {
    const label = lang === 'de' ? 'Seriennummer des neuen Dokuments' : 'Serial number of the new document';
    const button = lang === 'de' ? 'Status abfragen' : 'Check status';
    await page.getByLabel(label).fill(SERIAL_TYPED);
    await clickTo(page, page.getByRole('button', { name: button }), /nummer=/);
    // Normalised: the page answers for the number as printed.
    expect(await page.getByLabel(label).inputValue()).toBe(SERIAL);
    expect(await text(page)).toContain(lang === 'de' ? `Seriennummer ${SERIAL}` : `Serial number ${SERIAL}`);
  }

  it(
    'a clerk records an application and scans the delivery, the citizen sees "ready" and gets the e-mail, the clerk hands over',
    async () => {
      const { e2e } = env;

      // 1. The clerk logs in and records the application at the desk.
      const clerk = await freshPage();
      const desk = clerk.page;
      await visit(desk, '/verwaltung/anmelden?weiter=/verwaltung/dokumente');
      await desk.getByLabel('Benutzername', { exact: true }).fill('sachbearbeitung');
      await desk.getByLabel('Passwort', { exact: true }).fill('sachb-demo-2026');
      await clickTo(desk, desk.getByRole('button', { name: 'Anmelden' }), /\/verwaltung\/dokumente$/);
      await expect(h1(desk)).resolves.toBe('Ausweisdokumente');
      await expectAccessible(desk);

      await clickTo(
        desk,
        main(desk).getByRole('link', { name: 'Antrag erfassen' }).first(),
        /\/verwaltung\/dokumente\/neu$/,
      );
      await expect(h1(desk)).resolves.toBe('Antrag erfassen');
      await expectAccessible(desk);
      await desk.getByLabel('Dokument', { exact: true }).selectOption('personalausweis');
      await desk.getByLabel('Seriennummer des neuen Dokuments').fill(SERIAL);
      await desk.getByLabel('Name der antragstellenden Person').fill(applicant.name);
      await desk.getByLabel('Geburtsdatum').fill(applicant.birthDate);
      await desk.getByLabel('Abholort').selectOption('rathaus');
      await desk.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(applicant.email);
      await desk.getByLabel('Sprache der Nachricht').selectOption('en');
      await desk.getByLabel(/Die Person willigt ein/).check();
      const [recorded] = await Promise.all([
        desk.waitForResponse((response) => response.request().method() === 'POST'),
        desk.getByRole('button', { name: 'Speichern und Abholschein anzeigen' }).click(),
      ]);
      expect(recorded.status()).toBe(201);
      await desk.waitForLoadState();

      // The Abholschein: serial number, QR code to the status page, the sign-up code (shown only here).
      await expect(h1(desk)).resolves.toBe('Abholschein');
      const slip = await text(desk);
      expect(slip).toContain('Der Antrag ist erfasst.');
      expect(slip).toContain(`${rathaus.de}, Markt 2, 41460 Rheinfeld`);
      expect(slip).toContain('PIN-Brief');
      expect(await desk.locator('.dokumente-abholschein__serial').innerText()).toBe(SERIAL);
      expect(await desk.locator('.dokumente-abholschein__code').innerText()).toMatch(
        /^[0-9A-Z]{4}-[0-9A-Z]{4}$/,
      );
      expect(await scanQr(desk)).toBe(`${e2e.baseUrl}/ausweisstatus?nummer=${SERIAL}`);
      // The print button is there with JavaScript (it is hidden without).
      expect(await desk.getByRole('button', { name: 'Drucken' }).isVisible()).toBe(true);
      await expectAccessible(desk);
      const stored = await e2e.app.services.dokumente.findBySerial(SERIAL);
      expect(stored?.status).toBe('in_bearbeitung');
      expect(stored?.contactEmail).toBe(applicant.email);
      expect(stored?.contactLang).toBe('en');

      // 2. The Bundesdruckerei's parcel arrives: the clerk scans it (each number ends with Enter).
      await visit(desk, '/verwaltung/dokumente');
      await clickTo(
        desk,
        main(desk).getByRole('link', { name: 'Lieferung erfassen' }),
        /\/verwaltung\/dokumente\/lieferung$/,
      );
      await expect(h1(desk)).resolves.toBe('Lieferung der Bundesdruckerei');
      await expectAccessible(desk);
      const scanField = desk.getByLabel('Seriennummern, eine je Zeile');
      await scanField.pressSequentially(`${SERIAL}\n${UNKNOWN_SERIAL}\n`);
      await clickTo(
        desk,
        desk.getByRole('button', { name: 'Lieferung übernehmen' }),
        /\/verwaltung\/dokumente\/lieferung$/,
      );
      const delivery = await text(desk);
      expect(delivery).toContain('1 Dokument ist jetzt abholbereit.');
      expect(delivery).toContain('Erkannt: 1, unbekannt: 1');
      const scanned = desk.getByRole('table', { name: 'Gescannte Nummern' });
      const rowOf = (serial: string) => scanned.getByRole('row').filter({ hasText: serial });
      expect(await rowOf(SERIAL).innerText()).toContain('Erkannt: jetzt abholbereit');
      expect(await rowOf(UNKNOWN_SERIAL).innerText()).toContain('Unbekannt');
      await expectAccessible(desk);
      expect((await e2e.app.services.dokumente.findBySerial(SERIAL))?.status).toBe('bereit_zur_abholung');

      // 3. The citizen checks the status: in English with JavaScript …
      const citizen = await freshPage();
      await visit(citizen.page, '/ausweisstatus');
      await switchLanguage(citizen.page, 'English');
      await expect(h1(citizen.page)).resolves.toBe('Check the status of your ID document');
      await expectAccessible(citizen.page);
      await queryStatus(citizen.page, 'en');
      const ready = await text(citizen.page);
      expect(ready).toContain('Ready for pickup');
      expect(ready).toContain(`Pickup place: ${rathaus.en}`);
      expect(ready).toContain('Markt 2');
      expect(ready).toContain('What to bring for pickup');
      expectNoPersonalData(await citizen.page.locator('body').innerText());
      await expectAccessible(citizen.page);

      // … and in German without JavaScript.
      const offline = await freshPage({ javaScript: false });
      await visit(offline.page, '/ausweisstatus');
      await expect(h1(offline.page)).resolves.toBe('Ausweisstatus abfragen');
      await queryStatus(offline.page, 'de');
      const bereit = await text(offline.page);
      expect(bereit).toContain('Abholbereit');
      expect(bereit).toContain(`Abholort: ${rathaus.de}`);
      expectNoPersonalData(await offline.page.content());
      await expectAccessible(offline.page);

      // 4. The notification job (every minute in `npm start`) sends the e-mail in English.
      expect(await e2e.app.services.dokumenteJobs.notifyReady()).toBeGreaterThanOrEqual(1);
      const notified = await e2e.app.services.dokumente.findBySerial(SERIAL);
      expect(notified?.notifiedAt).not.toBeNull();
      expect(notified?.contactEmail).toBeNull();
      await openNewestMail(desk, applicant.email);
      await expect(h1(desk)).resolves.toBe('Your ID card is ready for pickup');
      const mail = await text(desk);
      expect(mail).toContain(`ID card, serial number ${SERIAL}`);
      expect(mail).toContain(`Pickup place:\n${rathaus.en}\nMarkt 2, 41460 Rheinfeld`);
      expect(mail).toContain('the PIN letter');
      expect(mail).toContain(`${e2e.baseUrl}/ausweisstatus?nummer=${SERIAL}`);
      expectNoPersonalData(await main(desk).locator('div[lang="en"]').innerText());

      // 5. The citizen comes to the desk: the clerk scans the number at the handover.
      await visit(desk, '/verwaltung/dokumente');
      await clickTo(
        desk,
        main(desk).getByRole('link', { name: 'Ausgabe am Schalter' }),
        /\/verwaltung\/dokumente\/ausgabe$/,
      );
      await expect(h1(desk)).resolves.toBe('Ausgabe am Schalter');
      await expectAccessible(desk);
      await desk.getByLabel('Seriennummer', { exact: true }).fill(SERIAL_TYPED);
      await clickTo(desk, main(desk).getByRole('button', { name: 'Suchen' }), /nummer=/);
      await expect(
        desk.getByRole('heading', { level: 2, name: `Personalausweis ${SERIAL}` }).isVisible(),
      ).resolves.toBe(true);
      const found = await text(desk);
      expect(found).toContain(applicant.name);
      expect(found).toContain(applicant.birthDate);
      expect(found).toContain('Abholbereit');
      await expectAccessible(desk);

      // The checklist incomplete (no PIN letter): the error summary, nothing changed.
      await desk.getByLabel(/Identität geprüft/).check();
      await desk.getByLabel('Entwertet und zurückgegeben').check();
      await submitInvalid(desk, desk.getByRole('button', { name: 'Ausgehändigt' }));
      expect(await desk.getByRole('alert').innerText()).toContain(
        'Bitte lassen Sie sich den PIN-Brief zeigen.',
      );
      expect(await desk.getByLabel(/Identität geprüft/).isChecked()).toBe(true);
      expect(await desk.getByLabel('Entwertet und zurückgegeben').isChecked()).toBe(true);
      await expectAccessible(desk);
      const unchanged = await e2e.app.services.dokumente.findBySerial(SERIAL);
      expect(unchanged?.status).toBe('bereit_zur_abholung');
      expect(unchanged?.handedOverAt).toBeNull();

      // Complete: handed over, back to the empty handover page for the next document.
      await desk.getByLabel('PIN-Brief liegt vor').check();
      await clickTo(
        desk,
        desk.getByRole('button', { name: 'Ausgehändigt' }),
        (url) => url.pathname === '/verwaltung/dokumente/ausgabe' && url.search === '',
      );
      expect(await desk.getByRole('status').innerText()).toContain(`Ausgehändigt: ${SERIAL}.`);
      await expectAccessible(desk);
      const handedOver = await e2e.app.services.dokumente.findBySerial(SERIAL);
      expect(handedOver?.status).toBe('ausgehaendigt');
      expect(handedOver?.handover).toMatchObject({
        identityChecked: true,
        pinLetterReceived: true,
        oldDocument: 'invalidated',
        authorisedPerson: false,
      });

      // The citizen's status page now says handed over (both sessions, reloaded).
      await citizen.page.reload();
      const done = await text(citizen.page);
      expect(done).toContain('Handed over');
      expect(done).not.toContain('Ready for pickup');
      expect(done).not.toContain('Pickup place');
      await expectAccessible(citizen.page);
      await offline.page.reload();
      expect(await text(offline.page)).toContain('Ausgehändigt');
      await expectAccessible(offline.page);

      for (const session of [clerk, citizen, offline]) expect(session.problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
