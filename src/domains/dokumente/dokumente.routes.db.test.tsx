import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp, visitor } from '../../../test/support/test-app.js';
import { demoDocuments } from '../../demo/documents.data.js';
import { leistungen, leistungLocations } from '../leistungen/leistungen.tables.js';
import { isWellFormedSerial, statusLabels } from './dokumente.rules.js';
import type { DocumentStatus } from './dokumente.tables.js';

// Thursday 2026-12-03, 10:00 in Berlin: both offices have regular hours that week.
const clock = new Date('2026-12-03T09:00:00Z');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const get = (url: string, lang: 'de' | 'en' = 'de') =>
  t.app.inject({ method: 'GET', url, headers: { cookie: `lang=${lang}` } });
const status = (serial: string, lang: 'de' | 'en' = 'de') =>
  get(`/ausweisstatus?nummer=${encodeURIComponent(serial)}`, lang);

const demo = (state: DocumentStatus) =>
  demoDocuments.find((document) => document.history.at(-1)!.status === state)!;
const READY_RATHAUS = 'L01XR7T2M'; // Personalausweis, ready, town hall
const READY_PASSPORT = 'L01XH5J9V'; // Reisepass, ready, town hall
const READY_NORD = 'L01XN3W8P';
const IN_PRODUCTION = 'L01XC4F7K'; // code K7MQ-4XTA

const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The page with everything that echoes the input masked: the request URL (language switch) and the echo. */
function masked(response: LightMyRequestResponse, url: string, echo: string): string {
  return response.body
    .replaceAll(encodeURIComponent(url), '[URL]')
    .replaceAll(escapeHtml(url), '[URL]')
    .replaceAll(escapeHtml(echo), '[ECHO]');
}

describe('status page /ausweisstatus', () => {
  it('shows the form, one h1, German and English, without JavaScript', async () => {
    for (const lang of ['de', 'en'] as const) {
      const page = await get('/ausweisstatus', lang);
      expect(page.statusCode).toBe(200);
      expect(h1Count(page.body)).toBe(1);
      expect(page.body).toContain('<form method="get" action="/ausweisstatus"');
      expect(page.body).toContain('name="nummer"');
      expect(page.body).not.toContain('<script');
      expect(page.body).toContain(
        lang === 'de' ? 'Ausweisstatus abfragen' : 'Check the status of your ID document',
      );
      expect(page.body).toContain('href="/ausweisstatus/benachrichtigung"');
    }
  });

  it('answers directly from the QR code link and normalises the input (case, spaces, letter O)', async () => {
    for (const input of [READY_RATHAUS, 'l01xr7t2m', 'L01X R7T2M', ' lo1x r7t2m ', 'LO1X-R7T2M']) {
      const page = await status(input);
      expect(page.statusCode, input).toBe(200);
      expect(page.body, input).toContain('Abholbereit');
      expect(page.body, input).toContain(`value="${READY_RATHAUS}"`);
    }
  });

  it('shows every status with its text, in German and in English', async () => {
    const statuses = new Set(demoDocuments.map((document) => document.history.at(-1)!.status));
    expect(statuses.size).toBe(Object.keys(statusLabels).length);
    for (const document of demoDocuments) {
      const state = document.history.at(-1)!.status;
      for (const lang of ['de', 'en'] as const) {
        const page = await status(document.serialNumber, lang);
        expect(page.statusCode).toBe(200);
        expect(h1Count(page.body)).toBe(1);
        expect(page.body, `${document.serialNumber} ${lang}`).toContain(
          `<span class="kern-title">${escapeHtml(statusLabels[state][lang])}</span>`,
        );
      }
    }
  });

  it('shows the pickup place with its opening hours and what to bring for a ready document', async () => {
    const page = await status(READY_RATHAUS);
    expect(page.body).toContain('Abholort: Bürgeramt im Rathaus');
    expect(page.body).toContain('Markt 2');
    expect(page.body).toContain('Regelmäßige Öffnungszeiten');
    expect(page.body).toContain('07:30–12:30 Uhr');
    expect(page.body).toContain('href="/standorte/rathaus"');
    expect(page.body).toContain('Das bringen Sie zur Abholung mit');
    expect(page.body).toContain('PIN-Brief');
    expect(page.body).toContain('schriftliche, von Ihnen unterschriebene Vollmacht');
    // A passport comes without a PIN letter.
    const passport = await status(READY_PASSPORT);
    expect(passport.body).toContain('Das bringen Sie zur Abholung mit');
    expect(passport.body).not.toContain('PIN-Brief');
    const north = await status(READY_NORD, 'en');
    expect(north.body).toContain('Pickup place: Citizen office North');
    expect(north.body).toContain('08:00–12:00');
    expect(north.body).toContain('What to bring for pickup');
    // Handed over: no pickup information at all.
    const handedOver = await status(demo('ausgehaendigt').serialNumber);
    expect(handedOver.body).not.toContain('id="abholort"');
    expect(handedOver.body).not.toContain('Das bringen Sie zur Abholung mit');
  });

  it('links to the sign-up with the number filled in while the document is in production', async () => {
    const page = await status(IN_PRODUCTION);
    expect(page.body).toContain(`href="/ausweisstatus/benachrichtigung?nummer=${IN_PRODUCTION}"`);
  });

  it('answers unknown and malformed numbers identically (apart from the echoed input)', async () => {
    const unknownUrl = `/ausweisstatus?nummer=L01XFFFFF`;
    const malformedUrl = `/ausweisstatus?nummer=L01XFFFFA`; // A is not in the serial alphabet
    const unknown = await get(unknownUrl);
    const malformed = await get(malformedUrl);
    expect(unknown.statusCode).toBe(200);
    expect(malformed.statusCode).toBe(200);
    expect(unknown.body).toContain('Keine Auskunft zu dieser Nummer');
    const a = masked(unknown, unknownUrl, 'L01XFFFFF');
    const b = masked(malformed, malformedUrl, 'L01XFFFFA');
    expect(a).toBe(b);
    const { date: _d1, ...unknownHeaders } = unknown.headers;
    const { date: _d2, ...malformedHeaders } = malformed.headers;
    expect(malformedHeaders).toEqual(unknownHeaders);
    // Shorter, longer, strange: still the same page.
    for (const input of ['qq', 'hallo welt', '12345678', 'L01XR7T2MM', 'Z'.repeat(300)]) {
      const url = `/ausweisstatus?nummer=${encodeURIComponent(input)}`;
      const page = await get(url);
      expect(page.statusCode).toBe(200);
      const echo = input
        .toUpperCase()
        .replace(/[\s.\-_/]/g, '')
        .replace(/O/g, '0')
        .slice(0, 40);
      expect(masked(page, url, echo), input).toBe(a);
    }
    // The English page likewise.
    const unknownEn = await get(unknownUrl, 'en');
    const malformedEn = await get(malformedUrl, 'en');
    expect(unknownEn.body).toContain('No information for this number');
    expect(masked(malformedEn, malformedUrl, 'L01XFFFFA')).toBe(masked(unknownEn, unknownUrl, 'L01XFFFFF'));
  });

  it('does the same lookup for a malformed number as for an unknown one', async () => {
    const spy = vi.spyOn(t.services.dokumente, 'publicStatus');
    try {
      await status('L01XFFFFF');
      await status('not a serial number');
      expect(spy).toHaveBeenCalledTimes(2);
      for (const [argument] of spy.mock.calls) expect(isWellFormedSerial(argument)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('asks again for an empty number', async () => {
    const page = await status('   ');
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('href="#nummer"');
    expect(page.body).toContain('Bitte geben Sie die Seriennummer ein.');
  });

  it('never shows anything personal and is not cached', async () => {
    for (const document of demoDocuments) {
      for (const lang of ['de', 'en'] as const) {
        const page = await status(document.serialNumber, lang);
        expect(page.body).not.toContain(document.applicantName);
        for (const part of document.applicantName.split(' ')) expect(page.body).not.toContain(part);
        expect(page.body).not.toContain(document.applicantBirthDate);
        expect(page.body).not.toContain(document.applicantBirthDate.split('-').reverse().join('.'));
        if (document.contactEmail) expect(page.body).not.toContain(document.contactEmail);
        expect(page.body).not.toContain(document.signupCode);
        expect(page.headers['cache-control']).toBe('no-store');
        expect(page.headers['referrer-policy']).toBe('no-referrer');
      }
    }
  });
});

describe('booking a pickup appointment', () => {
  it('links to the booking calendar with the pickup service and the location chosen (demo catalogue)', async () => {
    const page = await status(READY_RATHAUS);
    const href = '/termine/kalender?leistungen=ausweis-abholung&amp;standort=rathaus';
    expect(page.body).toContain(`href="${href}"`);
    expect(page.body).toContain('Termin zur Abholung buchen');
    const calendar = await get(href.replace('&amp;', '&'));
    expect(calendar.statusCode).toBe(200);
    expect(calendar.body).toContain('Abholung eines Ausweisdokuments');
    expect((await status(READY_NORD)).body).toContain(
      'href="/termine/kalender?leistungen=ausweis-abholung&amp;standort=nord"',
    );
    // Only when the document is ready.
    expect((await status(IN_PRODUCTION)).body).not.toContain('/termine/kalender');
  });

  it('says no appointment is needed where pickup cannot be booked online', async () => {
    await t.database.db
      .update(leistungen)
      .set({ bookableOnline: false })
      .where(eq(leistungen.id, 'ausweis-abholung'));
    try {
      const page = await status(READY_RATHAUS);
      expect(page.body).toContain('Für die Abholung brauchen Sie keinen Termin');
      expect(page.body).toContain('href="/leistungen/ausweis-abholung"');
      expect(page.body).not.toContain('/termine/kalender');
    } finally {
      await t.database.db
        .update(leistungen)
        .set({ bookableOnline: true })
        .where(eq(leistungen.id, 'ausweis-abholung'));
    }
    // Not offered at the North office: no link there either.
    await t.database.db
      .delete(leistungLocations)
      .where(
        and(eq(leistungLocations.leistungId, 'ausweis-abholung'), eq(leistungLocations.locationId, 'nord')),
      );
    try {
      const north = await status(READY_NORD);
      expect(north.body).not.toContain('/termine/kalender');
      expect(north.body).toContain('Für die Abholung brauchen Sie keinen Termin');
    } finally {
      await t.database.db
        .insert(leistungLocations)
        .values({ leistungId: 'ausweis-abholung', locationId: 'nord' })
        .onConflictDoNothing();
    }
  });
});

describe('sign-up for the ready e-mail /ausweisstatus/benachrichtigung', () => {
  const SIGNUP = '/ausweisstatus/benachrichtigung';
  const stored = async (serial: string) =>
    (await t.services.dokumente.list({ query: serial })).find(
      (document) => document.serialNumber === serial,
    )!;

  it('shows the form with the number from the link, one h1, a CSRF token, German and English', async () => {
    const page = await get(`${SIGNUP}?nummer=${IN_PRODUCTION}`);
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain('name="_csrf"');
    expect(page.body).toContain(`value="${IN_PRODUCTION}"`);
    expect(page.body).toContain('name="einwilligung"');
    const english = await get(SIGNUP, 'en');
    expect(english.body).toContain('Notification when your document is ready');
    expect(english.body).toContain('Code from the pickup slip');
  });

  it('refuses a post without CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: SIGNUP,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `nummer=${IN_PRODUCTION}&code=K7MQ-4XTA&email=a%40example.org&einwilligung=on`,
    });
    expect(response.statusCode).toBe(403);
    expect((await stored(IN_PRODUCTION)).contactEmail).toBeNull();
  });

  it('shows missing fields and consent, keeps the input, stores nothing', async () => {
    const browser = visitor(t.app);
    const response = await browser.post(
      SIGNUP,
      { nummer: IN_PRODUCTION, code: '', email: 'kein-at' },
      SIGNUP,
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#code"');
    expect(response.body).toContain('href="#email"');
    expect(response.body).toContain('href="#einwilligung"');
    expect(response.body).toContain('Ohne Ihre Einwilligung können wir Sie nicht benachrichtigen.');
    expect(response.body).toContain('value="kein-at"');
    expect((await stored(IN_PRODUCTION)).contactEmail).toBeNull();
  });

  it('gives the same neutral answer for a wrong code and an unknown number, and stores nothing', async () => {
    const browser = visitor(t.app);
    const answers = [];
    for (const [nummer, code] of [
      [IN_PRODUCTION, 'AAAA-BBBB'],
      ['L01XFFFFF', 'K7MQ-4XTA'],
      ['quatsch', 'K7MQ-4XTA'],
    ] as const) {
      const response = await browser.post(
        SIGNUP,
        { nummer, code, email: 'falsch@example.org', einwilligung: 'on' },
        SIGNUP,
      );
      expect(response.statusCode).toBe(303);
      answers.push(response.headers.location);
    }
    expect(new Set(answers)).toEqual(new Set(['/ausweisstatus/benachrichtigung/gesendet']));
    expect((await stored(IN_PRODUCTION)).contactEmail).toBeNull();
    const sent = await browser.get('/ausweisstatus/benachrichtigung/gesendet');
    expect(sent.statusCode).toBe(200);
    expect(h1Count(sent.body)).toBe(1);
    expect(sent.body).toContain('Wenn die Seriennummer und der Code zu einem Dokument passen');
  });

  it('stores the e-mail with the right code (number and code as typed, in any case)', async () => {
    const browser = visitor(t.app);
    const response = await browser.post(
      SIGNUP,
      { nummer: 'lo1x c4f7k', code: 'k7mq4xta', email: 'erika@example.org', einwilligung: 'on' },
      SIGNUP,
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/ausweisstatus/benachrichtigung/gesendet');
    const document = await stored(IN_PRODUCTION);
    expect(document.contactEmail).toBe('erika@example.org');
    expect(document.contactConsentAt).not.toBeNull();
    expect(document.contactLang).toBe('de');
    // The status page still shows nothing personal.
    expect((await status(IN_PRODUCTION)).body).not.toContain('erika@example.org');
  });
});

describe('rate limits (per IP, shared between page and API)', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ now: () => clock, env: { BUERGERAMT_RATE_LIMIT: 'on' } });
  });
  afterAll(() => limited?.close());

  const from = (remoteAddress: string, url: string) =>
    limited.app.inject({ method: 'GET', url, remoteAddress });

  it('answers 429 on the page once the budget is used, and the API shares it', async () => {
    const ip = '203.0.113.7';
    // The empty form does not count.
    for (let i = 0; i < 5; i++) expect((await from(ip, '/ausweisstatus')).statusCode).toBe(200);
    for (let i = 0; i < 20; i++) {
      expect((await from(ip, `/ausweisstatus?nummer=L01XFFF${i}F`)).statusCode).toBe(200);
    }
    for (let i = 0; i < 10; i++) {
      expect((await from(ip, `/api/v1/document-status/L01XFFF${i}C`)).statusCode).toBe(404);
    }
    const page = await from(ip, `/ausweisstatus?nummer=${READY_RATHAUS}`);
    expect(page.statusCode).toBe(429);
    expect(page.headers['retry-after']).toBeDefined();
    expect(page.body).toContain('Zu viele Anfragen');
    const api = await from(ip, `/api/v1/document-status/${READY_RATHAUS}`);
    expect(api.statusCode).toBe(429);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ status: 429 });
    // Another client is not affected.
    expect((await from('203.0.113.8', `/ausweisstatus?nummer=${READY_RATHAUS}`)).statusCode).toBe(200);
    expect((await from('203.0.113.8', `/api/v1/document-status/${READY_RATHAUS}`)).statusCode).toBe(200);
  });

  it('limits sign-ups per IP', async () => {
    const browser = visitor(limited.app);
    const post = (code: string) =>
      browser.post(
        '/ausweisstatus/benachrichtigung',
        { nummer: IN_PRODUCTION, code, email: 'x@example.org', einwilligung: 'on' },
        '/ausweisstatus/benachrichtigung',
      );
    for (let i = 0; i < 10; i++) expect((await post(`AAAA-BBB${i}`)).statusCode).toBe(303);
    const refused = await post('K7MQ-4XTA');
    expect(refused.statusCode).toBe(429);
    const document = (await limited.services.dokumente.list({ query: IN_PRODUCTION }))[0]!;
    expect(document.contactEmail).toBeNull();
  });
});
