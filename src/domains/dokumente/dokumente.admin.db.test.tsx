import type { LightMyRequestResponse } from 'fastify';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browserish,
  createTestApp,
  csrfTokenOf,
  staffSession,
  type TestApp,
} from '../../../test/support/test-app.js';
import { DokumenteRepository } from './dokumente.repository.js';

// Thursday 2026-11-26, 10:00 in Berlin (the day the demo data is seeded for); the lists move the clock on.
let clock = new Date('2026-11-26T09:00:00Z');
const DAY = 86_400_000;
const advance = (days: number) => {
  clock = new Date(clock.getTime() + days * DAY);
};

let t: TestApp;
let clerk: Browserish;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  clerk = await staffSession(t.app, 'sachbearbeitung');
});
afterAll(() => t?.close());

const BASE = '/verwaltung/dokumente';

/** Serial numbers of this test: authority code T999 (no demo data uses it), then 5 characters. */
const serial = (n: number) => `T999${String(n).padStart(5, '0')}`;

const fields = (overrides: Record<string, string> = {}) => ({
  documentType: 'personalausweis',
  serialNumber: serial(1),
  applicantName: 'Erika Mustermann',
  applicantBirthDate: '12.08.1984',
  locationId: 'rathaus',
  contactEmail: '',
  contactPhone: '',
  contactLang: 'de',
  ...overrides,
});

const repo = () => new DokumenteRepository(t.database.db);
const bySerial = (value: string) => repo().findBySerial(value);
const auditOf = async (id: string) =>
  (await t.services.audit.list({ entityType: 'document', entityId: id })).map((entry) => entry.action);
const documentCount = async () => (await t.services.dokumente.list({ query: 'T999', limit: 1000 })).length;

/** The sign-up code printed on an Abholschein. */
function codeOn(page: LightMyRequestResponse): string {
  const match = page.body.match(/class="dokumente-abholschein__code">([A-Z2-9]{4}-[A-Z2-9]{4})</);
  if (!match?.[1]) throw new Error('no sign-up code on the page');
  return match[1];
}

async function record(overrides: Record<string, string> = {}) {
  const page = await clerk.post(`${BASE}/neu`, fields(overrides));
  expect(page.statusCode, page.body.slice(0, 2000)).toBe(201);
  const document = await t.services.dokumente.findBySerial(overrides.serialNumber ?? serial(1));
  if (!document) throw new Error('not recorded');
  return { page, document };
}

/** Posts a CSV file to the upload form as a browser would (multipart, CSRF token from the page). */
async function uploadCsv(session: Browserish, csv: string, filename = 'lieferung.csv') {
  const form = await session.get(`${BASE}/lieferung`);
  const token = csrfTokenOf(form.body);
  const boundary = '----dokumente-test-boundary';
  const payload = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="_csrf"',
    '',
    token,
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${filename}"`,
    'Content-Type: text/csv',
    '',
    csv,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return t.app.inject({
    method: 'POST',
    url: `${BASE}/lieferung/datei`,
    headers: {
      cookie: session.jar.header(),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

describe('access', () => {
  it('sends visitors who are not logged in to the log-in page', async () => {
    for (const url of [BASE, `${BASE}/neu`, `${BASE}/lieferung`, `${BASE}/ausgabe`, `${BASE}/vernichtung`]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toMatch(/^\/verwaltung\/anmelden/);
    }
    const post = await t.app.inject({
      method: 'POST',
      url: `${BASE}/neu`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields()).toString(),
    });
    expect([303, 403]).toContain(post.statusCode);
    expect(await documentCount()).toBe(0);
  });

  it('is open to every role and in the staff navigation', async () => {
    for (const role of ['admin', 'teamleitung', 'sachbearbeitung'] as const) {
      const session = await staffSession(t.app, role);
      const page = await session.get(BASE);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('href="/verwaltung/dokumente"');
    }
  });
});

describe('recording an application', () => {
  it('answers invalid input with 422, the messages and the values kept, recording nothing', async () => {
    const response = await clerk.post(
      `${BASE}/neu`,
      fields({
        documentType: 'fuehrerschein',
        applicantName: '',
        applicantBirthDate: '31.02.1990',
        locationId: '',
      }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="error-summary"');
    for (const field of ['documentType', 'applicantName', 'applicantBirthDate', 'locationId']) {
      expect(response.body).toContain(`href="#${field}"`);
    }
    expect(response.body).toContain('value="31.02.1990"');
    expect(response.body).toContain(`value="${serial(1)}"`);
    expect(await documentCount()).toBe(0);
  });

  it('refuses a malformed serial number', async () => {
    const response = await clerk.post(`${BASE}/neu`, fields({ serialNumber: 'T99-ABC' }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#serialNumber"');
    expect(response.body).toContain('Die Seriennummer hat 9 Zeichen');
    expect(response.body).toContain('value="T99-ABC"');
    expect(await documentCount()).toBe(0);
  });

  it('refuses contact data without the consent', async () => {
    const response = await clerk.post(`${BASE}/neu`, fields({ contactEmail: 'erika@example.de' }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#contactConsent"');
    expect(response.body).toContain('Ohne Einwilligung');
    expect(response.body).toContain('value="erika@example.de"');
    expect(await documentCount()).toBe(0);
    // With another error in the form, the missing consent is named as well.
    const both = await clerk.post(
      `${BASE}/neu`,
      fields({ contactEmail: 'erika@example.de', applicantName: '' }),
    );
    expect(both.statusCode).toBe(422);
    expect(both.body).toContain('href="#contactConsent"');
    expect(both.body).toContain('href="#applicantName"');
  });

  it('records a valid application (letter O read as 0) and answers with the Abholschein', async () => {
    const typed = serial(1).replace(/0/g, 'o').replace(/^T999/, 't999 ');
    const { page, document } = await record({
      serialNumber: typed,
      contactEmail: 'erika@example.de',
      contactConsent: 'on',
    });
    expect(document.serialNumber).toBe(serial(1));
    expect(document.status).toBe('in_bearbeitung');
    expect(document.applicantBirthDate).toBe('1984-08-12');
    expect(document.contactEmail).toBe('erika@example.de');
    expect(document.contactConsentAt?.getTime()).toBe(clock.getTime());

    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<h1');
    expect(page.body).toContain('Abholschein');
    expect(page.body).toContain(serial(1));
    expect(page.body).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(page.body).toContain(`/ausweisstatus`);
    expect(page.body).toContain('/ausweisstatus/benachrichtigung');
    expect(page.body).toContain('/assets/dokumente/abholschein.css');
    expect(page.body).toContain('/assets/dokumente/abholschein.js');
    expect(page.body).not.toMatch(/<script>[^<]/);
    // The QR code leads to the status page with the number filled in (the address is printed below it).
    const statusUrl = page.body.match(/class="dokumente-abholschein__url">(https?:\/\/[^<]+)</)?.[1];
    expect(statusUrl).toMatch(new RegExp(`^https?://[^/]+/ausweisstatus\\?nummer=${serial(1)}$`));
    const svg = Buffer.from(page.body.match(/base64,([A-Za-z0-9+/=]+)"/)![1]!, 'base64').toString();
    expect(svg).toBe(
      await QRCode.toString(statusUrl!, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    );
    // The code works for the online sign-up; only its hash is stored.
    const code = codeOn(page);
    const stored = await bySerial(serial(1));
    expect(stored?.signupCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(
      await t.services.dokumente.signUp({ serialNumber: serial(1), code, email: 'e@example.de', lang: 'de' }),
    ).toBe(true);
    expect(await auditOf(document.id)).toEqual(['document.record']);
  });

  it('refuses a serial number already recorded, changing nothing', async () => {
    const before = await documentCount();
    const response = await clerk.post(`${BASE}/neu`, fields({ applicantName: 'Max Mustermann' }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Zu dieser Seriennummer gibt es schon einen Eintrag.');
    expect(await documentCount()).toBe(before);
    expect((await bySerial(serial(1)))?.applicantName).toBe('Erika Mustermann');
  });

  it('prints a new Abholschein with a new code; the old one stops working', async () => {
    const document = (await bySerial(serial(1)))!;
    const page = await clerk.post(`${BASE}/${document.id}/abholschein`, {});
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const code = codeOn(page);
    expect(page.body).toContain('der Code auf dem bisherigen gilt nicht mehr');
    const signUp = (value: string) =>
      t.services.dokumente.signUp({
        serialNumber: serial(1),
        code: value,
        email: 'e@example.de',
        lang: 'de',
      });
    expect(await signUp(code)).toBe(true);
    expect((await auditOf(document.id))[0]).toBe('document.signup-code');
    const again = await clerk.post(`${BASE}/${document.id}/abholschein`, {});
    expect(await signUp(code)).toBe(false);
    expect(await signUp(codeOn(again))).toBe(true);
  });
});

describe('details and status changes', () => {
  it('shows the document, its history and the allowed next statuses', async () => {
    const document = (await bySerial(serial(1)))!;
    const page = await clerk.get(`${BASE}/${document.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Erika Mustermann');
    expect(page.body).toContain('12.08.1984');
    expect(page.body).toContain('Verlauf');
    expect(page.body).toContain('name="to" value="bereit_zur_abholung"');
    expect(page.body).toContain('name="to" value="in_direktversand"');
    expect(page.body).not.toContain('value="ausgehaendigt"');
    expect((await clerk.get(`${BASE}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await clerk.get(`${BASE}/kein-eintrag`)).statusCode).toBe(404);
  });

  it('refuses a transition the status machine does not allow with 409, changing nothing', async () => {
    const { document } = await record({ serialNumber: serial(2), documentType: 'reisepass' });
    const refused = await clerk.post(`${BASE}/${document.id}/status`, { to: 'direktversand_zugestellt' });
    expect(refused.statusCode).toBe(409);
    const handover = await clerk.post(`${BASE}/${document.id}/status`, { to: 'ausgehaendigt' });
    expect(handover.statusCode).toBe(409);
    const nonsense = await clerk.post(`${BASE}/${document.id}/status`, { to: 'verloren' });
    expect(nonsense.statusCode).toBe(422);
    expect((await bySerial(serial(2)))?.status).toBe('in_bearbeitung');
    expect(await auditOf(document.id)).toEqual(['document.record']);
  });

  it('sends a document by post and records each step', async () => {
    const document = (await bySerial(serial(2)))!;
    const sent = await clerk.post(`${BASE}/${document.id}/status`, { to: 'in_direktversand' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${BASE}/${document.id}`);
    expect(
      (await clerk.post(`${BASE}/${document.id}/status`, { to: 'direktversand_fehlgeschlagen' })).statusCode,
    ).toBe(303);
    expect((await bySerial(serial(2)))?.status).toBe('direktversand_fehlgeschlagen');
    const events = await t.services.dokumente.events(document.id);
    expect(events.map((event) => event.toStatus)).toEqual([
      'in_bearbeitung',
      'in_direktversand',
      'direktversand_fehlgeschlagen',
    ]);
    expect(events.every((event) => event.actorName !== '' && event.source === 'staff')).toBe(true);
    expect(await auditOf(document.id)).toEqual([
      'document.direktversand_fehlgeschlagen',
      'document.in_direktversand',
      'document.record',
    ]);
    const page = await clerk.get(`${BASE}/${document.id}`);
    expect(page.body).toContain('Zustellung fehlgeschlagen');
  });
});

describe('delivery from the Bundesdruckerei', () => {
  it('classifies scanned numbers; only the recognised become ready', async () => {
    await record({ serialNumber: serial(3) });
    await record({ serialNumber: serial(4), documentType: 'kinderreisepass' });
    await record({ serialNumber: serial(5) });
    const scanned = [
      serial(3),
      serial(99),
      serial(3),
      serial(4).toLowerCase().replace(/0/g, 'O'),
      'kaputt',
      '',
    ].join('\r\n');
    const page = await clerk.post(`${BASE}/lieferung`, { serials: scanned });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2 Dokumente sind jetzt abholbereit.');
    expect(page.body).toContain('Unbekannt');
    expect(page.body).toContain('Doppelt gescannt');
    expect(page.body).toContain('Keine gültige Seriennummer');
    expect((await bySerial(serial(3)))?.status).toBe('bereit_zur_abholung');
    expect((await bySerial(serial(3)))?.readyAt?.getTime()).toBe(clock.getTime());
    expect((await bySerial(serial(4)))?.status).toBe('bereit_zur_abholung');
    expect((await bySerial(serial(5)))?.status).toBe('in_bearbeitung');
    const id = (await bySerial(serial(3)))!.id;
    expect((await auditOf(id))[0]).toBe('document.bereit_zur_abholung');

    const again = await clerk.post(`${BASE}/lieferung`, { serials: serial(3) });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('0 Dokumente sind jetzt abholbereit.');
    expect(again.body).toContain('Nicht möglich (Status: Abholbereit)');
  });

  it('answers an empty scan with 422', async () => {
    const page = await clerk.post(`${BASE}/lieferung`, { serials: ' \n ' });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('href="#serials"');
  });

  it('refuses a CSV list with a broken line as a whole, naming the line', async () => {
    const csv = `Seriennummer;Dokument\n${serial(5)};Personalausweis\n${serial(6)}X;Reisepass\n`;
    const page = await uploadCsv(clerk, csv);
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('id="error-summary"');
    expect(page.body).toContain('href="#file"');
    expect(page.body).toContain('Zeile 3');
    expect(page.body).toContain('nichts wurde geändert');
    expect((await bySerial(serial(5)))?.status).toBe('in_bearbeitung');
  });

  it('refuses an upload without a file', async () => {
    const page = await uploadCsv(clerk, '');
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Bitte wählen Sie eine CSV-Datei');
  });

  it('refuses an upload without the CSRF token', async () => {
    const boundary = 'b';
    const response = await t.app.inject({
      method: 'POST',
      url: `${BASE}/lieferung/datei`,
      headers: { cookie: clerk.jar.header(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${serial(5)}\r\n--${boundary}--\r\n`,
    });
    expect(response.statusCode).toBe(403);
    expect((await bySerial(serial(5)))?.status).toBe('in_bearbeitung');
  });

  it('refuses a file that is too large without changing anything', async () => {
    const page = await uploadCsv(clerk, `${serial(5)}\n`.repeat(60_000));
    expect(page.statusCode).toBe(413);
    expect((await bySerial(serial(5)))?.status).toBe('in_bearbeitung');
  });

  it('imports a correct CSV list', async () => {
    const page = await uploadCsv(
      clerk,
      `\uFEFFSeriennummer,Dokument\r\n"${serial(5)}",Personalausweis\r\n${serial(98)},x\r\n`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 Dokument ist jetzt abholbereit.');
    expect(page.body).toContain('Unbekannt');
    expect((await bySerial(serial(5)))?.status).toBe('bereit_zur_abholung');
  });
});

describe('handover at the desk', () => {
  it('finds the document by its scanned number and shows the applicant', async () => {
    const page = await clerk.get(
      `${BASE}/ausgabe?nummer=${encodeURIComponent(serial(3).replace(/0/g, 'O'))}`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Erika Mustermann');
    expect(page.body).toContain('12.08.1984');
    expect(page.body).toContain('name="pinLetterReceived"');
    expect(page.body).toContain('Ausgehändigt');
    expect((await clerk.get(`${BASE}/ausgabe?nummer=${serial(97)}`)).statusCode).toBe(404);
    expect((await clerk.get(`${BASE}/ausgabe?nummer=abc`)).statusCode).toBe(422);
    expect((await clerk.get(`${BASE}/ausgabe`)).statusCode).toBe(200);
  });

  it('refuses an incomplete checklist with 422, changing nothing', async () => {
    const document = (await bySerial(serial(3)))!;
    const response = await clerk.post(`${BASE}/${document.id}/ausgabe`, { authorisedPerson: 'on' });
    expect(response.statusCode).toBe(422);
    for (const field of ['identityChecked', 'pinLetterReceived', 'oldDocument']) {
      expect(response.body).toContain(`href="#${field}"`);
    }
    // The box ticked stays ticked.
    expect(response.body).toMatch(/name="authorisedPerson" value="on" checked/);
    const onlyPin = await clerk.post(`${BASE}/${document.id}/ausgabe`, {
      identityChecked: 'on',
      oldDocument: 'invalidated',
    });
    expect(onlyPin.statusCode).toBe(422);
    expect(onlyPin.body).toContain('PIN-Brief');
    expect((await bySerial(serial(3)))?.status).toBe('bereit_zur_abholung');
  });

  it('hands over with the checklist complete and deletes the contact data', async () => {
    await record({ serialNumber: serial(7), contactEmail: 'max@example.de', contactConsent: 'on' });
    await clerk.post(`${BASE}/lieferung`, { serials: serial(7) });
    const document = (await bySerial(serial(7)))!;
    expect(document.contactEmail).toBe('max@example.de');
    const response = await clerk.post(`${BASE}/${document.id}/ausgabe`, {
      identityChecked: 'on',
      pinLetterReceived: 'on',
      oldDocument: 'invalidated',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${BASE}/ausgabe`);
    const after = (await bySerial(serial(7)))!;
    expect(after.status).toBe('ausgehaendigt');
    expect(after.contactEmail).toBeNull();
    expect(after.handedOverAt?.getTime()).toBe(clock.getTime());
    expect(after.handover).toEqual({
      identityChecked: true,
      pinLetterReceived: true,
      oldDocument: 'invalidated',
      authorisedPerson: false,
    });
    expect((await auditOf(document.id))[0]).toBe('document.ausgehaendigt');
    const next = await clerk.get(`${BASE}/ausgabe`);
    expect(next.body).toContain(`Ausgehändigt: ${serial(7)}`);
    // Handed over: no second time.
    const twice = await clerk.post(`${BASE}/${document.id}/ausgabe`, {
      identityChecked: 'on',
      pinLetterReceived: 'on',
      oldDocument: 'invalidated',
    });
    expect(twice.statusCode).toBe(409);
    const page = await clerk.get(`${BASE}/ausgabe?nummer=${serial(7)}`);
    expect(page.body).toContain('kann nicht ausgehändigt werden');
  });

  it('needs no PIN letter for a passport', async () => {
    const document = (await bySerial(serial(4)))!;
    expect(document.documentType).toBe('kinderreisepass');
    const page = await clerk.get(`${BASE}/ausgabe?nummer=${serial(4)}`);
    expect(page.body).not.toContain('name="pinLetterReceived"');
    const response = await clerk.post(`${BASE}/${document.id}/ausgabe`, {
      identityChecked: 'on',
      oldDocument: 'none',
      authorisedPerson: 'on',
    });
    expect(response.statusCode).toBe(303);
    expect((await bySerial(serial(4)))?.status).toBe('ausgehaendigt');
  });
});

describe('overview and lists', () => {
  it('counts per status and finds by name or serial number', async () => {
    const page = await clerk.get(BASE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dokumente je Status');
    expect(page.body).toContain(serial(1));
    const byName = await clerk.get(`${BASE}?q=mustermann&status=bereit_zur_abholung`);
    expect(byName.body).toContain(serial(3));
    expect(byName.body).toContain(serial(5));
    expect(byName.body).not.toContain(serial(1));
    const bySerialTyped = await clerk.get(`${BASE}?q=${encodeURIComponent(serial(5).replace(/0/g, 'O'))}`);
    expect(bySerialTyped.body).toContain(`>${serial(5)}<`);
    const elsewhere = await clerk.get(`${BASE}?q=T999&standort=nord`);
    expect(elsewhere.body).toContain('Keine Dokumente gefunden.');
  });

  it('lists uncollected documents after the reminder period and destroys them after the legal one', async () => {
    const reminders = () => clerk.get(`${BASE}/erinnerungen`);
    const destruction = () => clerk.get(`${BASE}/vernichtung`);
    expect((await reminders()).body).not.toContain(serial(3));
    expect((await destruction()).body).not.toContain(serial(3));

    advance(t.services.dokumente.periods.reminderDays);
    clerk = await staffSession(t.app, 'sachbearbeitung');
    const early = await reminders();
    expect(early.statusCode).toBe(200);
    expect(early.body).toContain(serial(3));
    expect(early.body).toContain(serial(5));
    expect(early.body).not.toContain(serial(7));
    expect((await destruction()).body).not.toContain(serial(3));

    advance(t.services.dokumente.periods.destructionDays);
    clerk = await staffSession(t.app, 'sachbearbeitung');
    const list = await destruction();
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(serial(3));
    const document = (await bySerial(serial(3)))!;
    const destroyed = await clerk.post(`${BASE}/${document.id}/vernichten`, {});
    expect(destroyed.statusCode).toBe(303);
    expect(destroyed.headers.location).toBe(`${BASE}/vernichtung`);
    expect((await bySerial(serial(3)))?.status).toBe('vernichtet');
    expect((await destruction()).body).not.toContain(`>${serial(3)}<`);
    expect((await clerk.post(`${BASE}/${document.id}/vernichten`, {})).statusCode).toBe(409);
  });

  it('shows the changes in the audit log with readable labels', async () => {
    const admin = await staffSession(t.app, 'admin');
    const page = await admin.get('/verwaltung/protokoll');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ausweisantrag erfasst');
    expect(page.body).toContain('Ausweisdokument vernichtet');
    expect(page.body).toContain('Ausweisdokument ausgehändigt');
  });
});
