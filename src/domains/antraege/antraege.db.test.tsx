import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/support/test-app.js';
import { AntraegeRepository } from './antraege.repository.js';
import { type CitizenBrowser, citizenBrowser } from './antraege.test-browser.js';
import { JPEG, PDF, PNG, registerTestService, TEST_FILE_MAX, TEST_SERVICE } from './antraege.test-support.js';

const base = `/portal/antraege/${TEST_SERVICE}`;

/** A PNG (by its magic bytes) of `size` bytes. */
const bigPng = (size: number) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length, 1)]);

async function toUploadPage(browser: CitizenBrowser) {
  const chosen = await browser.submit(`${base}/wahl`, { weg: 'a' });
  expect(chosen.statusCode).toBe(303);
  expect(chosen.headers.location).toBe(`${base}/nachweis`);
}

describe('the engine with a test-only service: uploads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    registerTestService(t);
  });
  afterAll(async () => t.close());

  it('sends a visitor without eID log-in to the log-in and back', async () => {
    const response = await t.app.inject({ method: 'GET', url: `${base}/wahl` });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/portal/anmelden?weiter=${encodeURIComponent(`${base}/wahl`)}`);
  });

  it('accepts a PNG named .pdf as a PNG, shows it in the summary and hands it to the case', async () => {
    const browser = await citizenBrowser(t, 'erika');
    await toUploadPage(browser);
    const page = await browser.get(`${base}/nachweis`);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('Schritt 2 von 3');
    expect(page.body).toContain('Erlaubt: PDF oder PNG, höchstens 1 MB.');

    const uploaded = await browser.upload(`${base}/nachweis`, {}, [
      { name: 'nachweis', filename: 'scan.pdf', contentType: 'application/pdf', data: PNG },
    ]);
    expect(uploaded.statusCode).toBe(303);
    expect(uploaded.headers.location).toBe(`${base}/zusammenfassung`);
    const summary = await browser.follow(uploaded);
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toContain('scan.pdf (PNG, 70 B)');

    const draftId = summary.body.match(/name="entwurf" value="([^"]+)"/)?.[1];
    const sent = await browser.submit(`${base}/zusammenfassung`, { entwurf: draftId! }, `${base}/absenden`);
    expect(sent.statusCode).toBe(303);
    const caseId = sent.headers.location!.toString().split('/').pop()!;
    const record = await t.services.vorgaenge.findById(caseId);
    expect(record).toMatchObject({ serviceKey: TEST_SERVICE, status: 'submitted', answers: { weg: 'a' } });
    expect(record!.answers.nachweis).toEqual([
      expect.objectContaining({ filename: 'scan.pdf', contentType: 'image/png', size: PNG.length }),
    ]);
    const files = await t.services.antraege.filesOfCase(caseId);
    expect(files.map((file) => [file.filename, file.contentType])).toEqual([['scan.pdf', 'image/png']]);
    const stored = await t.services.antraege.fileOfCase(caseId, files[0]!.id);
    expect(stored?.data.equals(PNG)).toBe(true);
    // Clerks can open it; the citizen's session is no staff log-in.
    const fileUrl = `/verwaltung/antraege/${caseId}/dateien/${files[0]!.id}`;
    const staff = await staffSession(t.app, 'sachbearbeitung');
    const download = await staff.get(fileUrl);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toContain('scan.pdf');
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect((await browser.get(fileUrl)).statusCode).toBe(303);
    expect((await staff.get(`/verwaltung/antraege/${caseId}/dateien/${caseId}`)).statusCode).toBe(404);
  });

  it('refuses a text file named .pdf, a JPEG where only PDF and PNG are allowed, and a file too large', async () => {
    const browser = await citizenBrowser(t, 'leyla');
    await toUploadPage(browser);
    const text = await browser.upload(`${base}/nachweis`, {}, [
      {
        name: 'nachweis',
        filename: 'brief.pdf',
        contentType: 'application/pdf',
        data: Buffer.from('Nur Text.\n'),
      },
    ]);
    expect(text.statusCode).toBe(422);
    expect(text.body).toContain('Es gibt ein Problem');
    expect(text.body).toContain('Die Datei ist kein PDF oder PNG.');
    expect(text.body).toContain('href="#nachweis"');

    const jpeg = await browser.upload(`${base}/nachweis`, {}, [
      { name: 'nachweis', filename: 'foto.jpg', contentType: 'image/jpeg', data: JPEG },
    ]);
    expect(jpeg.statusCode).toBe(422);
    expect(jpeg.body).toContain('Die Datei ist kein PDF oder PNG.');

    const large = await browser.upload(`${base}/nachweis`, {}, [
      { name: 'nachweis', filename: 'gross.png', contentType: 'image/png', data: bigPng(TEST_FILE_MAX + 1) },
    ]);
    expect(large.statusCode).toBe(422);
    expect(large.body).toContain('Die Datei ist größer als 1 MB.');

    // Nothing was stored, and without a file the required upload is missing.
    const state = await t.services.antraege.state(
      browser.identity.subject,
      t.services.antraege.get(TEST_SERVICE),
    );
    expect(state.files).toEqual([]);
    const none = await browser.upload(`${base}/nachweis`, {}, []);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Bitte laden Sie einen Nachweis hoch.');
  });

  it('speaks English when the citizen does', async () => {
    const browser = await citizenBrowser(t, 'anna', 'en');
    await toUploadPage(browser);
    const text = await browser.upload(`${base}/nachweis`, {}, [
      { name: 'nachweis', filename: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('plain') },
    ]);
    expect(text.statusCode).toBe(422);
    expect(text.body).toContain('There is a problem');
    expect(text.body).toContain('The file is not a PDF or PNG.');
    const large = await browser.upload(`${base}/nachweis`, {}, [
      { name: 'nachweis', filename: 'big.png', contentType: 'image/png', data: bigPng(TEST_FILE_MAX + 10) },
    ]);
    expect(large.body).toContain('The file is larger than 1 MB.');
  });

  it('keeps a valid file when another field of the page is wrong, replaces it and lets the citizen remove it', async () => {
    const browser = await citizenBrowser(t, 'karl-heinz');
    const chosen = await browser.submit(`${base}/wahl`, { weg: 'b' });
    expect(chosen.headers.location).toBe(`${base}/extra`);
    expect((await browser.submit(`${base}/extra`, { notiz: 'Hallo', themen: ['x', 'z'] })).statusCode).toBe(
      303,
    );
    const wrong = await browser.upload(`${base}/nachweis`, { kommentar: 'k'.repeat(51) }, [
      { name: 'nachweis', filename: 'erste.pdf', contentType: 'application/pdf', data: PDF },
    ]);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Der Text ist zu lang.');
    expect(wrong.body).toContain('erste.pdf (PDF,');

    const replaced = await browser.upload(`${base}/nachweis`, { kommentar: 'ok' }, [
      { name: 'nachweis', filename: 'zweite.png', contentType: 'image/png', data: PNG },
    ]);
    expect(replaced.statusCode).toBe(303);
    const definition = t.services.antraege.get(TEST_SERVICE);
    const state = await t.services.antraege.state(browser.identity.subject, definition);
    expect(state.files.map((file) => file.filename)).toEqual(['zweite.png']);
    expect(state.answers).toMatchObject({ weg: 'b', notiz: 'Hallo', themen: ['x', 'z'], kommentar: 'ok' });

    const removeUrl = `${base}/nachweis/dateien/${state.files[0]!.id}/entfernen`;
    const confirm = await browser.get(removeUrl);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('zweite.png');
    const removed = await browser.submit(removeUrl, {});
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`${base}/nachweis`);
    expect((await t.services.antraege.state(browser.identity.subject, definition)).files).toEqual([]);
    // Without the required file the summary is not reachable yet.
    const summary = await browser.get(`${base}/zusammenfassung`);
    expect(summary.statusCode).toBe(303);
    expect(summary.headers.location).toBe(`${base}/nachweis`);
    // Someone else's file cannot be removed.
    const other = await citizenBrowser(t, 'dragan');
    expect((await other.get(removeUrl)).statusCode).toBe(404);
  });
});

describe('the engine with a test-only service: submit and drafts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    registerTestService(t);
  });
  afterAll(async () => t.close());

  it('turns a draft sent twice at the same moment into one case', async () => {
    const browser = await citizenBrowser(t, 'erika');
    await toUploadPage(browser);
    await browser.upload(`${base}/nachweis`, {}, [
      { name: 'nachweis', filename: 'a.png', contentType: 'image/png', data: PNG },
    ]);
    const summary = await browser.get(`${base}/zusammenfassung`);
    const entwurf = summary.body.match(/name="entwurf" value="([^"]+)"/)![1]!;
    const [first, second] = await Promise.all([
      browser.resubmit(summary.body, `${base}/absenden`, { entwurf }),
      browser.resubmit(summary.body, `${base}/absenden`, { entwurf }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    const cases = await t.services.vorgaenge.listForSubject(browser.identity.subject);
    expect(cases.filter((c) => c.serviceKey === TEST_SERVICE)).toHaveLength(1);
    // Another citizen cannot send this draft.
    const other = await citizenBrowser(t, 'leyla');
    const foreign = await other.submit(`${base}/wahl`, { entwurf }, `${base}/absenden`);
    expect(foreign.headers.location).toBe(base);
  });

  it('purges expired drafts with their uploads, but keeps the files of cases', async () => {
    const browser = await citizenBrowser(t, 'anna');
    await toUploadPage(browser);
    await browser.upload(`${base}/nachweis`, {}, [
      { name: 'nachweis', filename: 'b.png', contentType: 'image/png', data: PNG },
    ]);
    const definition = t.services.antraege.get(TEST_SERVICE);
    expect((await t.services.antraege.state(browser.identity.subject, definition)).files).toHaveLength(1);
    const sentCase = (await t.services.vorgaenge.listForSubject('bpk2-erika-mustermann-7f3a'))[0]!;
    const repository = new AntraegeRepository(t.database.db);
    expect(await repository.purgeExpired(new Date())).toBe(0);
    expect(await repository.purgeExpired(new Date(Date.now() + 8 * 86_400_000))).toBeGreaterThanOrEqual(2);
    const state = await t.services.antraege.state(browser.identity.subject, definition);
    expect(state.draft).toBeUndefined();
    expect(state.files).toEqual([]);
    expect(await t.services.antraege.filesOfCase(sentCase.id)).toHaveLength(1);
  });
});

describe('the global upload cap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { BUERGERAMT_UPLOAD_MAX_MB: '1' } });
    registerTestService(t);
  });
  afterAll(async () => t.close());

  it('refuses a file above BUERGERAMT_UPLOAD_MAX_MB without reading it all', async () => {
    const browser = await citizenBrowser(t, 'erika');
    await toUploadPage(browser);
    const response = await browser.upload(`${base}/nachweis`, {}, [
      { name: 'nachweis', filename: 'riesig.png', contentType: 'image/png', data: bigPng(3 * 1024 * 1024) },
    ]);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Die Datei ist größer als 1 MB.');
  });
});

/** A multipart body of `chunks` × 1 MB (one file part), handed over only as the server reads it. */
function lazyMultipart(chunks: number) {
  const boundary = '----buergeramtlazy';
  let pulled = 0;
  let sent = 0;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="nachweis"; filename="gross.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const stream = new Readable({
    read() {
      if (sent === 0) this.push(head);
      if (sent < chunks) {
        sent++;
        pulled++;
        this.push(Buffer.alloc(1024 * 1024, 1));
      } else if (sent === chunks) {
        sent++;
        this.push(Buffer.from(`\r\n--${boundary}--\r\n`));
        this.push(null);
      }
    },
  });
  return { stream, boundary, pulled: () => pulled };
}

describe('multipart bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    registerTestService(t);
  });
  afterAll(async () => t.close());

  it('refuses an anonymous multipart POST before reading its body (steps, sending, payment)', async () => {
    for (const url of [
      `${base}/nachweis`,
      `${base}/absenden`,
      '/portal/antraege/zahlung/00000000-0000-4000-8000-000000000000',
    ]) {
      const body = lazyMultipart(30);
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': `multipart/form-data; boundary=${body.boundary}` },
        payload: body.stream,
      });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location, url).toMatch(/^\/portal\/anmelden/);
      // Far less than the 30 MB sent was read (the stream's buffer at most).
      expect(body.pulled(), url).toBeLessThan(5);
    }
  });

  it('answers more files than the page has file fields with a clear error, storing nothing', async () => {
    const browser = await citizenBrowser(t, 'erika');
    await toUploadPage(browser);
    const png = { name: 'nachweis', filename: 'a.png', contentType: 'image/png', data: PNG };
    const response = await browser.upload(`${base}/nachweis`, {}, [png, { ...png, filename: 'b.png' }]);
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('Zu viele Dateien');
    expect(response.body).toContain('je Feld eine Datei');
    expect(response.body).toContain(`href="${base}/nachweis"`);
    const state = await t.services.antraege.state(
      browser.identity.subject,
      t.services.antraege.get(TEST_SERVICE),
    );
    expect(state.files).toEqual([]);
    // No files at all where a page has no file field, e.g. the first step.
    const onChoice = await browser.upload(`${base}/wahl`, { weg: 'a' }, [png]);
    expect(onChoice.statusCode).toBe(413);
    expect(onChoice.body).toContain('Hier können keine Dateien hochgeladen werden');
    // One file per field still works.
    const one = await browser.upload(`${base}/nachweis`, {}, [png]);
    expect(one.statusCode).toBe(303);
  });
});
