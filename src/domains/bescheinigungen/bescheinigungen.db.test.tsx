import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import jsQRModule, { type QRCode } from 'jsqr';
import { PDFDocument, PDFName, type PDFString } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { AuditRepository } from '../../platform/audit/audit.repository.js';
import { CityRepository } from '../city/city.repository.js';
import { DEMO_KEY_ID, SealKeys, SealUnavailableError } from './bescheinigungen.keys.js';
import { BescheinigungenRepository } from './bescheinigungen.repository.js';
import { formatVerificationCode, verificationUrl } from './bescheinigungen.rules.js';
import { generateSealKeyPair, keyIdOf, parseSealPrivateKey } from './bescheinigungen.seal.js';
import { BescheinigungenService, type SealLogger } from './bescheinigungen.service.js';
import { certificates, signingKeys } from './bescheinigungen.tables.js';
import type { IssueCertificateInput } from './certificate-issuer.js';

const run = promisify(execFile);

// jsqr is CommonJS: its function is module.exports under Node and .default for the type checker.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => QRCode | null;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as Decode;

// Thursday 2026-12-03, 10:15 in Berlin.
const clock = new Date('2026-12-03T09:15:00.250Z');
const PUBLIC_URL = 'http://localhost:3000';

const input: IssueCertificateInput = {
  caseId: 'c0ffee00-0000-4000-8000-000000000001',
  caseNumber: 'MB-2026-000042',
  kind: 'meldebescheinigung-einfach',
  title: 'Meldebescheinigung',
  fields: [
    { label: 'Familienname', value: 'Yılmaz' },
    { label: 'Vornamen', value: 'Ayşe Đorđević' },
    { label: 'Geburtsname', value: 'Müller-Lüdenscheidt' },
    { label: 'Geburtsdatum', value: '17.05.1990' },
    { label: 'Anschrift', value: 'Rheinstraße 12\n41460 Rheinfeld' },
  ],
  purpose: 'Hausverwaltung Beispiel GmbH',
  subjectName: 'Ayşe Yılmaz',
};

let t: TestApp;
const directory = mkdtempSync(path.join(os.tmpdir(), 'bescheinigungen-'));
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
  rmSync(directory, { recursive: true, force: true });
});

const service = () => t.services.bescheinigungen;
const page = (code: string, lang: 'de' | 'en' = 'de') =>
  t.app.inject({
    method: 'GET',
    url: `/pruefen?code=${encodeURIComponent(code)}`,
    headers: { cookie: `lang=${lang}` },
  });
const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
const alertTitle = (html: string) =>
  html.match(
    /kern-alert--\w+"[^>]*>\s*<div class="kern-alert__header">.*?<span class="kern-title">([^<]*)<\/span>/s,
  )?.[1];

async function pdfFile(bytes: Uint8Array, name: string): Promise<string> {
  const file = path.join(directory, `${name}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout;
}

/** The QR codes found on page 1, rendered at 150 dpi. */
async function qrOf(file: string): Promise<string | undefined> {
  const prefix = path.join(directory, path.basename(file, '.pdf'));
  await run('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  const png = PNG.sync.read(readFileSync(`${prefix}.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe('seal key', () => {
  it('is generated at first start in demo mode and kept in signing_keys', async () => {
    expect(service().sealState).toBe('generated');
    const rows = await t.database.db.select().from(signingKeys);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: DEMO_KEY_ID, algorithm: 'Ed25519' });
    expect(rows[0]!.privateKey).toContain('BEGIN PRIVATE KEY');
    expect(rows[0]!.publicKey).toContain('BEGIN PUBLIC KEY');
  });

  it('is the same for every node: a second instance uses the key stored by the first', async () => {
    const stored = (
      await t.database.db.select().from(signingKeys).where(eq(signingKeys.id, DEMO_KEY_ID))
    )[0]!;
    const others = [1, 2, 3].map(() => new SealKeys(t.database.db, { privateKeyPem: undefined, demo: true }));
    const keys = await Promise.all(others.map((keys) => keys.signingKey()));
    for (const key of keys) {
      expect(key.id).toBe(DEMO_KEY_ID);
      expect(keyIdOf(key.privateKey)).toBe(keyIdOf(parseSealPrivateKey(stored.privateKey!)));
    }
    expect(await t.database.db.select().from(signingKeys)).toHaveLength(1);
  });
});

describe('issue and PDF', () => {
  let issued: Awaited<ReturnType<BescheinigungenService['issue']>>;
  let file: string;
  let bytes: Uint8Array;

  beforeAll(async () => {
    issued = await service().issue(input);
    bytes = await service().pdf(issued.id);
    file = await pdfFile(bytes, 'issued');
  });

  it('stores the sealed data', async () => {
    expect(issued.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(issued.issuedAt.toISOString()).toBe(clock.toISOString());
    const stored = await service().get(issued.id);
    expect(stored).toMatchObject({
      caseId: input.caseId,
      caseNumber: 'MB-2026-000042',
      title: 'Meldebescheinigung',
      fields: input.fields,
      purpose: 'Hausverwaltung Beispiel GmbH',
      subjectName: 'Ayşe Yılmaz',
      issuer: 'Stadt Rheinfeld – Bürgeramt',
      keyId: DEMO_KEY_ID,
      revokedAt: null,
    });
    expect(await service().sealIntact(stored)).toBe(true);
  });

  it('prints names, title, case number, code and the verification address (pdftotext finds them)', async () => {
    const text = await pdfText(file);
    for (const expected of [
      'Yılmaz',
      'Ayşe Đorđević',
      'Müller-Lüdenscheidt',
      'Rheinstraße 12',
      '41460 Rheinfeld',
      'Meldebescheinigung',
      'Es wird bescheinigt, dass',
      'MB-2026-000042',
      formatVerificationCode(issued.verificationCode),
      'Zur Vorlage bei: Hausverwaltung Beispiel GmbH',
      'Rheinfeld, 03.12.2026',
      'Stadt Rheinfeld – Bürgeramt',
      'Markt 2 · 41460 Rheinfeld',
      'ohne Unterschrift gültig',
      verificationUrl(PUBLIC_URL, issued.verificationCode),
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('carries a QR code with the /pruefen link and the code', async () => {
    expect(await qrOf(file)).toBe(
      `${PUBLIC_URL}/pruefen?code=${formatVerificationCode(issued.verificationCode)}`,
    );
  });

  it('is A4 with title, language, author and the title shown in the viewer; fonts embedded as subsets', async () => {
    const document = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(document.getTitle()).toBe('Meldebescheinigung');
    expect(document.getAuthor()).toBe('Stadt Rheinfeld – Bürgeramt');
    expect(document.getSubject()).toBe('Meldebescheinigung, Vorgang MB-2026-000042');
    expect(document.getCreator()).toContain('buergeramt');
    expect(document.getProducer()).toContain('buergeramt');
    expect(document.getCreationDate()?.toISOString()).toBe('2026-12-03T09:15:00.000Z');
    expect((document.catalog.lookup(PDFName.of('Lang')) as PDFString).decodeText()).toBe('de-DE');
    expect(document.catalog.getViewerPreferences()?.getDisplayDocTitle()).toBe(true);
    const { width, height } = document.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    const { stdout } = await run('pdffonts', [file]);
    // Embedded (emb = yes) and only the glyphs used: the whole of DejaVu Sans alone is over 700 KB.
    expect(stdout).toMatch(/DejaVuSans-\d+\s+CID TrueType\s+Identity-H\s+yes/);
    expect(stdout).toMatch(/DejaVuSans-Bold-\d+\s+CID TrueType\s+Identity-H\s+yes/);
    expect(bytes.length).toBeLessThan(100_000);
    const info = await run('pdfinfo', [file]);
    expect(info.stdout).toMatch(/Title:\s+Meldebescheinigung/);
  });

  it('is made again from the stored data, the same every time', async () => {
    const again = await pdfText(await pdfFile(await service().pdf(issued.id), 'again'));
    expect(again).toBe(await pdfText(file));
  });

  it('flows onto a second page when there are many data, the QR code still readable', async () => {
    const many = await service().issue({
      ...input,
      kind: 'meldebescheinigung-erweitert',
      title: 'Erweiterte Meldebescheinigung',
      fields: Array.from({ length: 40 }, (_, index) => ({
        label: `Frühere Anschrift ${index + 1}`,
        value: `Sehr lange Straßenbezeichnung am Rheinufer ${index + 1}\n41460 Rheinfeld`,
      })),
      purpose: undefined,
    });
    const manyFile = await pdfFile(await service().pdf(many.id), 'many');
    const document = await PDFDocument.load(readFileSync(manyFile));
    expect(document.getPageCount()).toBeGreaterThan(1);
    const text = await pdfText(manyFile);
    expect(text).toContain('Frühere Anschrift 40');
    expect(text).toContain(`Seite 1 von ${document.getPageCount()}`);
    expect(text).not.toContain('Zur Vorlage bei');
    // The QR code is on the last page.
    const last = path.join(directory, 'many-last');
    await run('pdftoppm', [
      '-png',
      '-r',
      '150',
      '-f',
      `${document.getPageCount()}`,
      '-singlefile',
      manyFile,
      last,
    ]);
    const png = PNG.sync.read(readFileSync(`${last}.png`));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(
      verificationUrl(PUBLIC_URL, many.verificationCode),
    );
  });

  it('issues inside the caller’s transaction: rolled back with it', async () => {
    const before = (await t.database.db.select().from(certificates)).length;
    let id = '';
    await expect(
      t.database.db.transaction(async (tx) => {
        id = (await service().issue({ ...input, caseNumber: 'MB-2026-000099' }, tx)).id;
        throw new Error('the case handler failed');
      }),
    ).rejects.toThrow('the case handler failed');
    expect(id).not.toBe('');
    expect((await t.database.db.select().from(certificates)).length).toBe(before);
    const committed = await t.database.db.transaction((tx) =>
      service().issue({ ...input, caseNumber: 'MB-2026-000100' }, tx),
    );
    expect((await service().verify(committed.verificationCode)).state).toBe('genuine');
  });

  it('rejects a certificate without data', async () => {
    await expect(service().issue({ ...input, fields: [] })).rejects.toMatchObject({
      statusCode: 422,
      fieldErrors: { fields: expect.any(String) },
    });
    await expect(service().issue({ ...input, title: '  ' })).rejects.toMatchObject({ statusCode: 422 });
  });
});

describe('/pruefen', () => {
  it('shows the form, German and English, without JavaScript and without a result', async () => {
    for (const lang of ['de', 'en'] as const) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/pruefen',
        headers: { cookie: `lang=${lang}` },
      });
      expect(response.statusCode).toBe(200);
      expect(h1Count(response.body)).toBe(1);
      expect(response.body).toContain('<form method="get" action="/pruefen"');
      expect(response.body).toContain('name="code"');
      expect(response.body).not.toContain('<script');
      expect(response.body).toContain(lang === 'de' ? 'Bescheinigung prüfen' : 'Verify a certificate');
      expect(response.body).not.toContain('id="ergebnis"');
    }
  });

  it('answers "Echt" with the certified data, straight from the QR link, in German and English', async () => {
    const issued = await service().issue(input);
    const code = formatVerificationCode(issued.verificationCode);
    const response = await page(code);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(alertTitle(response.body)).toBe('Echt');
    for (const expected of [
      'Yılmaz',
      'Ayşe Đorđević',
      'Müller-Lüdenscheidt',
      'Meldebescheinigung',
      'MB-2026-000042',
      'Stadt Rheinfeld – Bürgeramt',
      'Donnerstag, 3. Dezember 2026',
      'Hausverwaltung Beispiel GmbH',
      code,
    ]) {
      expect(response.body, expected).toContain(expected);
    }
    expect(response.body).toContain(
      '<th scope="row" class="kern-table__header"><span lang="de">Familienname</span></th>',
    );
    expect(response.body).toContain('<span lang="de">Rheinstraße 12<br/>41460 Rheinfeld</span>');
    expect(h1Count(response.body)).toBe(1);
    const english = await page(code, 'en');
    expect(alertTitle(english.body)).toBe('Genuine');
    expect(english.body).toContain('Thursday, 3 December 2026');
    expect(english.body).toContain('Yılmaz');
    // Typed by hand: lower case, spaces, letter O for zero.
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect(alertTitle((await page(typed)).body)).toBe('Echt');
  });

  it('answers a code with one character changed, a malformed and an unknown code alike: neutral', async () => {
    const issued = await service().issue(input);
    const code = issued.verificationCode;
    const changed = `${code.slice(0, 5)}${code[5] === 'A' ? 'B' : 'A'}${code.slice(6)}`;
    for (const attempt of [changed, 'ABCD', '<script>alert(1)</script>', 'Z'.repeat(16)]) {
      const response = await page(attempt);
      expect(response.statusCode, attempt).toBe(200);
      expect(alertTitle(response.body), attempt).toBe('Nicht echt oder unbekannt');
      expect(response.body).not.toContain('Yılmaz');
      expect(response.body).not.toContain('<script>alert');
    }
    expect(alertTitle((await page(changed, 'en')).body)).toBe('Not genuine or unknown');
  });

  it('asks for the code when the field is empty (422, error summary, field message)', async () => {
    const response = await page('   ');
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="error-summary"');
    expect(response.body).toContain('href="#code"');
    expect(response.body).toContain('id="code-error"');
    expect(response.body).toContain('Bitte geben Sie den Prüfcode von der Bescheinigung ein.');
    expect(response.body).toContain('aria-invalid="true"');
  });

  it('shows a revoked certificate as "Widerrufen am …" with its data struck through', async () => {
    const issued = await service().issue(input);
    await service().revoke(issued.id, 'Falsche Anschrift bescheinigt', { id: null, name: 'Test' });
    const response = await page(issued.verificationCode);
    expect(response.statusCode).toBe(200);
    expect(alertTitle(response.body)).toBe('Widerrufen am Donnerstag, 3. Dezember 2026');
    expect(response.body).toContain('<s lang="de">Yılmaz</s>');
    expect(response.body).toContain('Bescheinigte Angaben (widerrufen, nicht mehr gültig)');
    expect(response.body).not.toContain('Falsche Anschrift');
    expect((await service().verify(issued.verificationCode)).state).toBe('revoked');
    // Its PDF can still be fetched, marked as revoked.
    const text = await pdfText(await pdfFile(await service().pdf(issued.id), 'revoked'));
    expect(text).toContain('WIDERRUFEN am 03.12.2026: Diese Bescheinigung ist nicht mehr gültig.');
    expect(text).toContain('Yılmaz');
  });

  it('answers "not genuine" when the stored data were changed in the database, and logs it', async () => {
    const issued = await service().issue(input);
    expect((await service().verify(issued.verificationCode)).state).toBe('genuine');
    const log: SealLogger = { warn: vi.fn(), error: vi.fn() };
    service().useLogger(log);
    try {
      await t.database.db
        .update(certificates)
        .set({ fields: sql`jsonb_set(${certificates.fields}, '{0,value}', '"Yilmaz"')` })
        .where(eq(certificates.id, issued.id));
      const stored = await service().get(issued.id);
      expect(stored.fields[0]).toEqual({ label: 'Familienname', value: 'Yilmaz' });
      expect(await service().verify(issued.verificationCode)).toEqual({ state: 'unknown' });
      expect(log.error).toHaveBeenCalledWith(
        expect.objectContaining({ certificateId: issued.id }),
        expect.stringContaining('do not match the seal'),
      );
      const response = await page(issued.verificationCode);
      expect(alertTitle(response.body)).toBe('Nicht echt oder unbekannt');
      expect(response.body).not.toContain('Yilmaz');
      await expect(service().pdf(issued.id)).rejects.toMatchObject({ statusCode: 409 });

      // The issue date is sealed too.
      const other = await service().issue(input);
      await t.database.db
        .update(certificates)
        .set({ issuedAt: new Date(clock.getTime() - 86_400_000) })
        .where(eq(certificates.id, other.id));
      expect((await service().verify(other.verificationCode)).state).toBe('unknown');
    } finally {
      service().useLogger({ warn: () => {}, error: () => {} });
    }
  });
});

describe('key rotation and missing key', () => {
  const serviceWith = (options: { privateKeyPem: string | undefined; demo: boolean }) =>
    new BescheinigungenService(
      new BescheinigungenRepository(t.database.db),
      new SealKeys(t.database.db, options),
      new CityRepository(t.database.db),
      new AuditRepository(t.database.db),
      { publicUrl: PUBLIC_URL },
      () => clock,
    );

  it('signs with a configured key and still verifies certificates sealed with the old one', async () => {
    const old = await service().issue(input);
    const { privateKeyPem } = generateSealKeyPair();
    const configured = serviceWith({ privateKeyPem, demo: false });
    expect(await configured.prepare()).toBe('configured');
    const fresh = await configured.issue(input);
    const keyId = keyIdOf(parseSealPrivateKey(privateKeyPem));
    expect((await configured.get(fresh.id)).keyId).toBe(keyId);
    const stored = (await t.database.db.select().from(signingKeys).where(eq(signingKeys.id, keyId)))[0]!;
    expect(stored.privateKey).toBeNull(); // a configured key stays in its file
    expect((await configured.verify(old.verificationCode)).state).toBe('genuine');
    expect((await configured.verify(fresh.verificationCode)).state).toBe('genuine');
    expect((await service().verify(fresh.verificationCode)).state).toBe('genuine');
    expect(await pdfText(await pdfFile(await service().pdf(fresh.id), 'rotated'))).toContain('Yılmaz');
  });

  it('outside demo mode without a key: nothing can be issued, verification still works', async () => {
    const existing = await service().issue(input);
    const without = serviceWith({ privateKeyPem: undefined, demo: false });
    expect(await without.prepare()).toBe('unavailable');
    await expect(without.issue(input)).rejects.toBeInstanceOf(SealUnavailableError);
    await expect(without.issue(input)).rejects.toMatchObject({
      statusCode: 503,
      userMessage: expect.stringContaining('BUERGERAMT_SEAL_KEY_FILE'),
    });
    expect((await without.verify(existing.verificationCode)).state).toBe('genuine');
  });
});

describe('/pruefen rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ now: () => clock, env: { BUERGERAMT_RATE_LIMIT: 'on' } });
  });
  afterAll(() => limited?.close());

  it('limits checks per IP (the empty form does not count)', async () => {
    const get = (url: string) => limited.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.7' });
    for (let index = 0; index < 5; index++) expect((await get('/pruefen')).statusCode).toBe(200);
    for (let index = 0; index < 30; index++) {
      expect((await get(`/pruefen?code=ABCD-${index}`)).statusCode).toBe(200);
    }
    const blocked = await get('/pruefen?code=ABCD');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect((await get('/pruefen')).statusCode).toBe(200);
    const other = await limited.app.inject({
      method: 'GET',
      url: '/pruefen?code=ABCD',
      remoteAddress: '203.0.113.8',
    });
    expect(other.statusCode).toBe(200);
  });
});
