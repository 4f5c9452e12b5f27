import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQRModule, { type QRCode } from 'jsqr';
import type { Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  clickTo,
  expectAccessible,
  h1,
  logInAsAdmin,
  loginWithEid,
  main,
  openNewestMail,
  submitInvalid,
  useE2E,
  visit,
} from './browser.js';

// The online Meldebescheinigung in Chromium (issue 6, point 8): eID log-in at the dev identity provider,
// the application, the sealed PDF (read with poppler, its QR code decoded from the pixels), /pruefen,
// the paper version with a failed and a retried payment, the cases a clerk finishes, the refused
// SUBSTANTIELL log-in, the log-out, and the electronic flow once more without JavaScript.
const FLOW_TIMEOUT = 240_000;
const run = promisify(execFile);
// jsqr is a CommonJS bundle whose module object is the function itself (its types say default export).
type Decode = (data: Uint8ClampedArray, width: number, height: number) => QRCode | null;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as Decode;

const CASE_NUMBER = /MB-\d{4}-\d{6}/;
const CASE_PAGE = /\/mein-bereich\/vorgaenge\/[0-9a-f-]{36}(\?.*)?$/;
const STAFF_CASE = /\/verwaltung\/vorgaenge\/[0-9a-f-]{36}$/;
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SIMPLE = 'Einfache Meldebescheinigung';
const EXTENDED = 'Erweiterte Meldebescheinigung';
const ELECTRONIC = 'Elektronisch (kostenlos)';
const PAPER = 'Auf Papier per Post (9,00 Euro)';
const IN_REVIEW = 'Ihr Antrag wird von der Meldebehörde geprüft';
const CLERK_LOOKS = 'Eine Mitarbeiterin oder ein Mitarbeiter des Bürgeramts sieht sich Ihren Antrag an';

const env = useE2E();
const { freshPage } = env;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'buergeramt-portal-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const squash = (value: string) => value.replace(/\s+/g, ' ').trim();
const text = async (page: Page) => squash(await main(page).innerText());
const button = (page: Page, name: string) => main(page).getByRole('button', { name, exact: true });

/** A form whose answer is the same address again (post/redirect/get): waits for the new document. */
async function submitSame(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.click()]);
}

/** From the portal to the first question of the Meldebescheinigung, with the eID log-in on the way. */
async function startApplication(page: Page, person: string): Promise<void> {
  await visit(page, '/portal');
  await expect(h1(page)).resolves.toBe('Serviceportal');
  await expectAccessible(page);
  await main(page).getByRole('link', { name: 'Meldebescheinigung online beantragen' }).click();
  await loginWithEid(page, person);
  await page.waitForURL(/\/portal\/antraege\/meldebescheinigung\/art$/);
  await expect(h1(page)).resolves.toBe('Welche Meldebescheinigung brauchen Sie?');
  await expect(page.getByRole('banner').getByText(person).count()).resolves.toBe(1);
  await expectAccessible(page);
}

interface Order {
  art: typeof SIMPLE | typeof EXTENDED;
  angaben?: string[];
  zweck?: string;
  zustellung: typeof ELECTRONIC | typeof PAPER;
  email?: string;
}

/** The steps from the first question to the summary ("Angaben prüfen und absenden"). */
async function fillIn(page: Page, order: Order): Promise<void> {
  const next = button(page, 'Weiter');
  await main(page).getByRole('radio', { name: order.art, exact: true }).check();
  if (order.angaben) {
    await clickTo(page, next, /\/meldebescheinigung\/angaben$/);
    await expect(h1(page)).resolves.toBe('Welche Angaben sollen zusätzlich darauf stehen?');
    await expectAccessible(page);
    for (const label of order.angaben) {
      await main(page).getByRole('checkbox', { name: label, exact: true }).check();
    }
    if (order.zweck) await main(page).getByLabel('Zweck').fill(order.zweck);
  }
  await clickTo(page, next, /\/meldebescheinigung\/zustellung$/);
  await expect(h1(page)).resolves.toBe('Wie möchten Sie die Bescheinigung erhalten?');
  await expectAccessible(page);
  await main(page).getByRole('radio', { name: order.zustellung, exact: true }).check();
  if (order.zustellung === PAPER && !order.email) throw new Error('the paper certificate needs an e-mail');
  if (order.zustellung === PAPER) {
    // Without the e-mail address the form comes back with the message at the field.
    await submitInvalid(page, next);
    await expect(text(page)).resolves.toContain(
      'Für die Bescheinigung auf Papier brauchen wir Ihre E-Mail-Adresse.',
    );
    await expectAccessible(page);
  }
  if (order.email) await main(page).getByLabel('E-Mail-Adresse').fill(order.email);
  await clickTo(page, next, /\/meldebescheinigung\/zusammenfassung$/);
  await expect(h1(page)).resolves.toBe('Angaben prüfen und absenden');
  await expect(text(page)).resolves.toContain(order.art);
  await expectAccessible(page);
}

/** Sends the application from the summary; ends on the case page. Returns the case number. */
async function send(page: Page): Promise<string> {
  await clickTo(page, button(page, 'Antrag absenden'), CASE_PAGE);
  const number = (await h1(page)).match(CASE_NUMBER)?.[0];
  if (!number) throw new Error(`no case number on ${page.url()}`);
  await expect(text(page)).resolves.toContain(number);
  await expectAccessible(page);
  return number;
}

/** Downloads the certificate from the case page; its text as poppler's pdftotext reads it. */
async function downloadCertificate(page: Page, number: string): Promise<{ file: string; pdfText: string }> {
  const name = `Meldebescheinigung-${number}.pdf`;
  const link = main(page).getByRole('link', { name: `Meldebescheinigung (PDF) (${name})` });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe(name);
  const file = join(dir, name);
  await download.saveAs(file);
  expect((await readFile(file)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return { file, pdfText: squash(stdout) };
}

/** The QR code of page 1 as a phone camera reads it: rendered with pdftoppm, decoded from the pixels. */
async function scanQr(file: string): Promise<string> {
  const prefix = file.replace(/\.pdf$/, '-seite1');
  await run('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  const png = PNG.sync.read(await readFile(`${prefix}.png`));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error(`no QR code readable on page 1 of ${file}`);
  return code.data;
}

/** Opens the QR code's address: genuine, with `expected` data; one character changed: rejected. */
async function verifyAtPruefen(page: Page, qr: string, expected: string[]): Promise<void> {
  const url = new URL(qr);
  expect(url.origin).toBe(env.e2e.baseUrl);
  expect(url.pathname).toBe('/pruefen');
  const code = url.searchParams.get('code') ?? '';
  expect(code.replace(/-/g, '')).toMatch(/^[0-9A-Z]{16}$/);
  await visit(page, qr);
  await expect(h1(page)).resolves.toBe('Bescheinigung prüfen');
  await expect(main(page).getByText('Echt', { exact: true }).count()).resolves.toBe(1);
  const genuine = await text(page);
  expect(genuine).toContain('ist unverändert');
  for (const value of expected) expect(genuine).toContain(value);
  await expectAccessible(page);

  const last = code.at(-1) ?? '0';
  const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(last) + 1) % CODE_ALPHABET.length];
  await visit(page, `/pruefen?code=${encodeURIComponent(`${code.slice(0, -1)}${other}`)}`);
  const rejected = await text(page);
  expect(rejected).toContain('Nicht echt oder unbekannt');
  expect(rejected).not.toContain(expected[0]);
  await expectAccessible(page);
}

/** The case's status on the citizen's case page. */
async function expectStatus(page: Page, status: string): Promise<void> {
  const value = main(page)
    .getByRole('definition')
    .filter({ hasText: new RegExp(`^\\s*${status}\\s*$`) });
  await expect(value.count()).resolves.toBe(1);
}

/**
 * A clerk finds the case in the work queue (with the reason it needs one), takes it, chooses the
 * person in the register (after checking `panel` texts), approves it, and — for paper — marks it done.
 */
async function clerkFinishes(
  page: Page,
  number: string,
  step: { reason: string; person: RegExp; panel?: string[]; finish?: string },
): Promise<void> {
  await visit(page, '/verwaltung/vorgaenge');
  await expect(h1(page)).resolves.toBe('Vorgänge');
  await expectAccessible(page);
  const row = main(page).getByRole('row').filter({ hasText: number });
  await expect(row.innerText()).resolves.toContain(step.reason);
  await clickTo(page, row.getByRole('link', { name: number }), STAFF_CASE);
  await expect(h1(page)).resolves.toBe(`Vorgang ${number}`);
  await expectAccessible(page);
  await submitSame(page, button(page, 'Übernehmen'));
  const person = main(page).getByRole('radio', { name: step.person });
  await person.check();
  const panel = await text(page);
  for (const value of step.panel ?? []) expect(panel).toContain(value);
  await expectAccessible(page);
  await submitSame(page, button(page, 'Genehmigen'));
  if (step.finish) {
    await expect(text(page)).resolves.toContain('Der Vorgang ist genehmigt.');
    await submitSame(page, button(page, step.finish));
  }
  await expect(text(page)).resolves.toContain('Der Vorgang ist abgeschlossen.');
  await expectAccessible(page);
}

/** Log-in, a simple electronic certificate, the PDF read back, its QR code verified at /pruefen. */
async function electronicFlow(
  page: Page,
  person: { name: string; email: string; expected: string[] },
): Promise<{ number: string; seconds: number }> {
  const started = Date.now();
  await startApplication(page, person.name);
  await fillIn(page, { art: SIMPLE, zustellung: ELECTRONIC, email: person.email });
  const summary = await text(page);
  expect(summary).toContain(person.name);
  expect(summary).toContain('Kostenlos.');
  const number = await send(page);
  await expect(text(page)).resolves.toContain(`Ihre Meldebescheinigung ist fertig (Vorgang ${number})`);
  await expectStatus(page, 'Erledigt');
  const { file, pdfText } = await downloadCertificate(page, number);
  const seconds = (Date.now() - started) / 1000;

  expect(pdfText).toContain('Meldebescheinigung');
  expect(pdfText).toContain(number);
  for (const value of person.expected) expect(pdfText).toContain(value);
  const qr = await scanQr(file);
  expect(pdfText.replace(/\s/g, '')).toContain(qr.replace(/\s/g, ''));
  await verifyAtPruefen(page, qr, [...person.expected, number]);

  // The e-mail with the PDF attached.
  await openNewestMail(page, person.email);
  await expect(text(page)).resolves.toContain(`Ihre Meldebescheinigung (${number})`);
  const attachment = main(page).getByRole('link', { name: `Meldebescheinigung-${number}.pdf herunterladen` });
  await expect(attachment.count()).resolves.toBe(1);
  return { number, seconds };
}

/** Sends a simple electronic application that a clerk has to check; the citizen's pages say so. */
async function applyForReview(page: Page, name: string): Promise<string> {
  await startApplication(page, name);
  await fillIn(page, { art: SIMPLE, zustellung: ELECTRONIC });
  const number = await send(page);
  await expectStatus(page, 'Eingegangen');
  const content = await text(page);
  expect(content).toContain(`Ihr Antrag ist eingegangen. Ihre Vorgangsnummer: ${number}.`);
  expect(content).toContain(IN_REVIEW);
  expect(content).toContain(CLERK_LOOKS);
  expect(content).not.toMatch(/Auskunftssperre|Sperre|information block/i);
  await expect(
    main(page)
      .getByRole('link', { name: /\.pdf\)$/ })
      .count(),
  ).resolves.toBe(0);

  await visit(page, '/mein-bereich');
  await expect(h1(page)).resolves.toBe('Meine Anträge');
  const row = main(page).getByRole('row').filter({ hasText: number });
  await expect(row.innerText()).resolves.toContain('Eingegangen');
  await expect(text(page)).resolves.not.toMatch(/Auskunftssperre|Sperre/i);
  await expectAccessible(page);
  return number;
}

/** Back on the citizen's case page after the clerk: completed, with the certificate to download. */
async function openFinishedCase(page: Page, number: string): Promise<string> {
  await visit(page, '/mein-bereich');
  await clickTo(page, main(page).getByRole('link', { name: number }), CASE_PAGE);
  await expectStatus(page, 'Erledigt');
  await expectAccessible(page);
  return (await downloadCertificate(page, number)).pdfText;
}

describe('the online Meldebescheinigung in the browser', () => {
  test(
    'Erika: log-in, electronic certificate, PDF text and QR code, /pruefen genuine and tampered, e-mail',
    async () => {
      const { page, problems } = await freshPage();
      const { seconds } = await electronicFlow(page, {
        name: 'Erika Mustermann',
        email: 'erika.mustermann@example.org',
        expected: ['Mustermann', 'Erika', '12.08.1964', 'Heidestraße 17, 41460 Neuss'],
      });
      // From the start of the log-in to the PDF on disk (axe checks included).
      expect(seconds).toBeLessThan(60);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'Leyla: extended certificate with place of birth and nationality',
    async () => {
      const { page, problems } = await freshPage();
      await startApplication(page, 'Leyla Ayşe Yılmaz');
      await fillIn(page, {
        art: EXTENDED,
        angaben: ['Geburtsort', 'Staatsangehörigkeit(en)'],
        zweck: 'zur Vorlage bei der Familienkasse',
        zustellung: ELECTRONIC,
      });
      await expect(text(page)).resolves.toContain('Geburtsort, Staatsangehörigkeit(en)');
      const number = await send(page);
      const { pdfText } = await downloadCertificate(page, number);
      expect(pdfText).toContain('Erweiterte Meldebescheinigung');
      expect(pdfText).toContain('Yılmaz');
      expect(pdfText).toContain('Leyla Ayşe');
      expect(pdfText).toContain('Geburtsort Düsseldorf');
      expect(pdfText).toContain('deutsch, türkisch');
      expect(pdfText).toContain('zur Vorlage bei der Familienkasse');
      expect(pdfText).not.toContain('Familienstand');
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'Anna: paper by post, a failed payment, retry and pay; a clerk approves, prints and sends',
    async () => {
      const { page, problems } = await freshPage();
      await startApplication(page, 'Anna Maria Nowak');
      await fillIn(page, { art: SIMPLE, zustellung: PAPER, email: 'anna.nowak@example.org' });
      await expect(text(page)).resolves.toContain('9,00');
      const pay = /\/testbezahlung\/[^/?]+$/;
      await clickTo(page, button(page, 'Antrag absenden und bezahlen'), pay);
      await expect(h1(page)).resolves.toBe('Testbezahlung');
      await expect(text(page)).resolves.toContain('9,00 €');
      await expectAccessible(page);

      await clickTo(page, button(page, 'Zahlung fehlschlagen lassen'), /zahlung=FAILED$/);
      const number = (await h1(page)).match(CASE_NUMBER)?.[0] ?? '';
      const failed = await text(page);
      expect(failed).toContain('Die Zahlung hat nicht geklappt.');
      expect(failed).toContain('Bitte versuchen Sie es noch einmal.');
      await expectStatus(page, 'Zahlung offen');
      await expectAccessible(page);

      await clickTo(page, button(page, 'Jetzt bezahlen'), pay);
      await expectAccessible(page);
      await clickTo(page, button(page, 'Bezahlen'), /zahlung=PAYED$/);
      await expect(text(page)).resolves.toContain('Vielen Dank, Ihre Zahlung ist eingegangen.');
      await expectStatus(page, 'Eingegangen');
      await expect(text(page)).resolves.toContain(CLERK_LOOKS);
      await expectAccessible(page);

      const staff = await freshPage();
      await logInAsAdmin(staff.page);
      await clerkFinishes(staff.page, number, {
        reason: 'Papierbescheinigung',
        person: /Nowak, geboren am 28\.02\.1985$/,
        finish: 'Gedruckt und versandt',
      });

      await visit(page, '/mein-bereich');
      const row = main(page).getByRole('row').filter({ hasText: number });
      await expect(row.innerText()).resolves.toContain('Erledigt');
      await expectAccessible(page);
      expect([...problems, ...staff.problems]).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'Jonas (mismatch) and Sabine (information block) wait for a clerk, who finishes both',
    async () => {
      const jonas = await freshPage();
      const sabine = await freshPage();
      const jonasCase = await applyForReview(jonas.page, 'Jonas Becker');
      const sabineCase = await applyForReview(sabine.page, 'Sabine Schäfer');

      const staff = await freshPage();
      await logInAsAdmin(staff.page);
      await clerkFinishes(staff.page, jonasCase, {
        reason: 'Daten weichen vom Melderegister ab',
        person: /^Jonas Becker, geboren am 17\.01\.1998$/,
        panel: ['Hauptwohnung: Niederstraße 30, 41460 Neuss', 'Abweichungen zum Online-Ausweis'],
      });
      await clerkFinishes(staff.page, sabineCase, {
        reason: 'Auskunftssperre',
        person: /^Sabine Schäfer, geboren am 21\.06\.1979$/,
      });

      const jonasPdf = await openFinishedCase(jonas.page, jonasCase);
      expect(jonasPdf).toContain('Becker');
      expect(jonasPdf).toContain('Niederstraße 30, 41460 Neuss');
      expect(jonasPdf).not.toContain('Further Straße');
      const sabinePdf = await openFinishedCase(sabine.page, sabineCase);
      expect(sabinePdf).toContain('Schäfer');
      expect(sabinePdf).toContain('Jülicher Landstraße 8, 41464 Neuss');
      expect([...jonas.problems, ...sabine.problems, ...staff.problems]).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'Tim logs in at level SUBSTANTIELL and is refused with the explanation page',
    async () => {
      const { page, problems } = await freshPage();
      await visit(page, '/portal');
      await main(page).getByRole('link', { name: 'Meldebescheinigung online beantragen' }).click();
      await loginWithEid(page, 'Tim Wagner');
      expect(new URL(page.url()).pathname).toBe('/portal/antraege/meldebescheinigung');
      expect((await page.reload())?.status()).toBe(403);
      await expect(h1(page)).resolves.toBe('Anmeldung mit dem Personalausweis nötig');
      const content = await text(page);
      expect(content).toContain('mit dem Vertrauensniveau „substanziell“ angemeldet');
      expect(content).toContain('verlangt das Vertrauensniveau „hoch“');
      await expect(button(page, 'Abmelden und mit dem Personalausweis neu anmelden').count()).resolves.toBe(
        1,
      );
      await expectAccessible(page);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'log-out ends the portal session and the session at the identity provider',
    async () => {
      const { page, problems } = await freshPage();
      await visit(page, '/mein-bereich');
      await loginWithEid(page, 'Dragan Đorđević');
      await expect(h1(page)).resolves.toBe('Meine Anträge');
      await expectAccessible(page);
      const session = (await page.context().cookies()).filter((cookie) => cookie.name === 'citizen_session');
      expect(session).toHaveLength(1);

      const banner = page.getByRole('banner');
      await clickTo(page, banner.getByRole('button', { name: 'Abmelden' }), /\/dev-idp\/session\/end/);
      await expect(h1(page)).resolves.toBe('Abmelden');
      await expectAccessible(page);
      await clickTo(page, button(page, 'Abmelden'), /\/portal\/abgemeldet(\?.*)?$/);
      await expect(h1(page)).resolves.toBe('Sie sind abgemeldet');
      await expectAccessible(page);

      // The old session cookie no longer opens the citizen's area, and the identity provider asks
      // for the person again (no silent log-in).
      await page.context().addCookies(session);
      await visit(page, '/mein-bereich');
      await page.waitForURL(/\/dev-idp\/interaction\/[^/]+$/);
      await expect(h1(page)).resolves.toBe('Mit der Online-Ausweisfunktion anmelden');
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'without JavaScript: Karl-Heinz gets his electronic certificate, verified at /pruefen',
    async () => {
      const { page, problems } = await freshPage({ javaScript: false });
      await electronicFlow(page, {
        name: 'Karl-Heinz Wilhelm Müller-Lüdenscheidt',
        email: 'karl-heinz@example.org',
        expected: ['Müller-Lüdenscheidt', 'Dr.', 'Am Obertor 3, 41460 Neuss'],
      });
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
