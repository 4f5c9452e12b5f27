import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browserish,
  createTestApp,
  csrfTokenOf,
  staffSession,
  type TestApp,
} from '../../../test/support/test-app.js';
import { registerPersons } from '../../platform/db/schema.js';

let t: TestApp;
let admin: Browserish;
beforeAll(async () => {
  t = await createTestApp();
  admin = await staffSession(t.app, 'admin');
});
afterAll(() => t?.close());

const BASE = '/verwaltung/melderegister';
const HEADER =
  'Familienname;Vornamen;Geburtsdatum;Geburtsort;Staatsangehörigkeiten;Straße;Hausnummer;Postleitzahl;Ort;Einzugsdatum;Auskunftssperre';

const registerSize = async () => (await t.database.db.select({ n: count() }).from(registerPersons))[0]!.n;
const registerAudit = (action: string) => async () =>
  (await t.services.audit.list({ entityType: 'melderegister' })).filter((entry) => entry.action === action);
const imports = registerAudit('melderegister.import');
const searches = registerAudit('melderegister.search');

/** Posts a file to the import form as a browser would (multipart, CSRF token from the page). */
async function upload(session: Browserish, content: string | Buffer, options: { csrf?: boolean } = {}) {
  const page = await session.get(BASE);
  const token = csrfTokenOf(page.body);
  const boundary = '----melderegister-test';
  const head = (name: string, filename?: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n${filename ? 'Content-Type: text/csv\r\n' : ''}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(options.csrf === false ? '' : `${head('_csrf')}${token}\r\n`),
    Buffer.from(head('datei', 'einwohner.csv')),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `${BASE}/import`,
    headers: { cookie: session.jar.header(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

describe('access', () => {
  it('is for admin and teamleitung only', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: BASE });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/verwaltung\/anmelden/);
    const clerk = await staffSession(t.app, 'sachbearbeitung');
    expect((await clerk.get(BASE)).statusCode).toBe(403);
    const lead = await staffSession(t.app, 'teamleitung');
    const page = await lead.get(BASE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="kern-heading-x-large">Melderegister</h1>');
    expect(page.body).toContain('enctype="multipart/form-data"');
  });
});

describe('search', () => {
  it('finds Erika Mustermann by family name and date of birth, not her namesake', async () => {
    const page = await admin.get(`${BASE}?familienname=mustermann&geburtsdatum=12.08.1964`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 Person gefunden');
    expect(page.body).toContain('Heidestraße 17, 41460 Neuss');
    expect(page.body).not.toContain('Heidestraße 19');
    expect(page.body).toContain('value="mustermann"');
  });

  it('shows the information block and the doctoral degree', async () => {
    const sabine = await admin.get(`${BASE}?familienname=Sch%C3%A4fer&geburtsdatum=1979-06-21`);
    expect(sabine.body).toContain('Auskunftssperre</span></span>');
    const karl = await admin.get(
      `${BASE}?familienname=M%C3%BCller-L%C3%BCdenscheidt&geburtsdatum=30.11.1952`,
    );
    expect(karl.body).toContain('Dr. Karl-Heinz Wilhelm Müller-Lüdenscheidt');
  });

  it('says so when nobody is found', async () => {
    const page = await admin.get(`${BASE}?familienname=Niemand&geburtsdatum=01.01.1900`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('keine Person mit diesem Familiennamen und Geburtsdatum');
  });

  it('audits each search made: who, and how many were found; never what was searched for', async () => {
    const before = (await searches()).length;
    await admin.get(BASE);
    await admin.get(`${BASE}?familienname=Mustermann&geburtsdatum=31.02.1964`);
    expect(await searches()).toHaveLength(before);

    await admin.get(`${BASE}?familienname=mustermann&geburtsdatum=12.08.1964&vornamen=Erika`);
    await admin.get(`${BASE}?familienname=Niemand&geburtsdatum=01.01.1900`);
    const [none, one] = await searches();
    expect(await searches()).toHaveLength(before + 2);
    expect(one).toMatchObject({
      action: 'melderegister.search',
      actorName: 'Alex Admin',
      after: { results: 1 },
    });
    expect(one!.actorId).toBeTruthy();
    expect(none).toMatchObject({ after: { results: 0 } });
    for (const entry of [one, none]) {
      expect(JSON.stringify(entry)).not.toMatch(/mustermann|Erika|1964|Niemand|1900/i);
    }
  });

  it('asks for both fields and a real date', async () => {
    const page = await admin.get(`${BASE}?familienname=Mustermann&geburtsdatum=31.02.1964`);
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('id="error-summary"');
    expect(page.body).toContain('href="#geburtsdatum"');
    expect(page.body).toContain('Format TT.MM.JJJJ');
    const missing = await admin.get(`${BASE}?familienname=&geburtsdatum=12.08.1964`);
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Bitte geben Sie den Familiennamen ein.');
    expect(missing.body).toContain('value="12.08.1964"');
  });
});

describe('CSV import', () => {
  it('refuses a file with a broken row as a whole, naming row and field', async () => {
    const before = await registerSize();
    const csv = [
      HEADER,
      'Krause;Hans;03.02.1975;Neuss;deutsch;Markt;2;41460;Neuss;01.01.2000;nein',
      'Schulz;Eva;31.02.1990;Neuss;deutsch;Markt;3;41460;Neuss;01.01.2000;nein',
    ].join('\r\n');
    const page = await upload(admin, csv);
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('id="error-summary"');
    expect(page.body).toContain('href="#datei"');
    expect(page.body).toContain('Zeile 3, Spalte „Geburtsdatum“: „31.02.1990“ ist kein gültiges Datum');
    expect(page.body).toContain('Nichts wurde übernommen.');
    expect(await registerSize()).toBe(before);
    expect(await imports()).toEqual([]);
  });

  it('refuses a person who is registered already with the same data', async () => {
    const before = await registerSize();
    const csv = `${HEADER}\nMustermann;Erika;12.08.1964;Berlin;deutsch;Heidestr.;17;41460;Neuss;01.04.2015;nein\n`;
    const page = await upload(admin, csv);
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Zeile 2: Diese Person ist mit denselben Angaben');
    expect(await registerSize()).toBe(before);
  });

  it('refuses files that are not UTF-8, empty or too large', async () => {
    const latin1 = Buffer.from(
      `${HEADER}\nGro\u00df;A;01.01.1990;X;deutsch;S;1;41460;Neuss;01.01.2000;nein`,
      'latin1',
    );
    const notUtf8 = await upload(admin, latin1);
    expect(notUtf8.statusCode).toBe(422);
    expect(notUtf8.body).toContain('nicht UTF-8-codiert');
    const empty = await upload(admin, '');
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Bitte wählen Sie eine CSV-Datei aus.');
    const large = await upload(admin, `${HEADER}\n${'x'.repeat(2 * 1024 * 1024)}`);
    expect(large.statusCode).toBe(422);
    expect(large.body).toContain('Die Datei ist zu groß');
  });

  it('refuses an upload without CSRF token and a clerk without the role', async () => {
    const before = await registerSize();
    const csv = `${HEADER}\nKrause;Hans;03.02.1975;Neuss;deutsch;Markt;2;41460;Neuss;01.01.2000;nein`;
    expect((await upload(admin, csv, { csrf: false })).statusCode).toBe(403);
    const clerk = await staffSession(t.app, 'sachbearbeitung');
    const forbidden = await t.app.inject({
      method: 'POST',
      url: `${BASE}/import`,
      headers: { cookie: clerk.jar.header(), 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--\r\n',
    });
    expect(forbidden.statusCode).toBe(403);
    expect(await registerSize()).toBe(before);
  });

  it('imports a valid file in one go, audited with the count only', async () => {
    const before = await registerSize();
    const csv = `\uFEFF${HEADER}\r\nKrause;Hans Peter;03.02.1975;Neuss;deutsch;Markt;2;41460;Neuss;01.01.2000;nein\r\nÖztürk;Elif;1999-12-31;İzmir;"deutsch, türkisch";Krefelder Str.;7 b;41460;Neuss;2020-05-01;ja\r\n`;
    const response = await upload(admin, csv);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(BASE);
    admin.jar.store(response);
    const next = await admin.get(BASE);
    expect(next.body).toContain('2 Personen in das Melderegister übernommen.');
    expect(await registerSize()).toBe(before + 2);

    const entries = await imports();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'melderegister.import', actorName: expect.any(String) });
    expect(entries[0]!.after).toEqual({ count: 2 });
    expect(JSON.stringify(entries[0])).not.toMatch(/Krause|Öztürk|1975|Markt/);

    // The imported residents can be identified with their eID data ("Str." read as Straße).
    const elif = await t.services.register.identify({
      familyName: 'ÖZTÜRK',
      givenNames: 'Elif',
      birthDate: '1999-12-31',
      address: { street: 'Krefelder Straße', houseNumber: '7b', postalCode: '41460', city: 'Neuss' },
    });
    expect(elif).toMatchObject({ kind: 'match', informationBlock: true });
    const found = await admin.get(`${BASE}?familienname=Krause&geburtsdatum=03.02.1975`);
    expect(found.body).toContain('Hans Peter Krause');
  });
});
