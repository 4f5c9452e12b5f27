import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browserish, staffSession, type TestApp } from '../../../test/support/test-app.js';
import type { CaseRecord } from './case-handlers.js';
import { CASE_MAIL_KIND, reasonRequiredMessage } from './vorgaenge.service.js';
import {
  CITIZEN_HEADER,
  type CitizenKey,
  caseInput,
  createVorgaengeTestApp,
  erika,
  john,
} from './vorgaenge.test-support.js';

let t: TestApp;
let clerk: Browserish;
let colleague: Browserish;
beforeAll(async () => {
  t = await createVorgaengeTestApp({ now: () => new Date('2026-11-26T09:00:00Z') });
  clerk = await staffSession(t.app, 'sachbearbeitung');
  colleague = await staffSession(t.app, 'teamleitung');
});
afterAll(() => t?.close());

const STAFF = '/verwaltung/vorgaenge';

const create = (overrides: Parameters<typeof caseInput>[0] = {}): Promise<CaseRecord> =>
  t.services.vorgaenge.transaction((tx) => t.services.vorgaenge.create(tx, caseInput(overrides)));

const asCitizen = (url: string, who: CitizenKey, lang: 'de' | 'en' = 'de') =>
  t.app.inject({ method: 'GET', url, headers: { [CITIZEN_HEADER]: who, cookie: `lang=${lang}` } });

const auditActions = async (id: string) =>
  (await t.services.audit.list({ entityType: 'vorgang', entityId: id }))
    .map((entry) => entry.action)
    .reverse();
const mailsOf = (id: string) => t.services.mail.listFor(CASE_MAIL_KIND, id);
const statusOf = async (id: string) => (await t.services.vorgaenge.findById(id))?.status;

describe('the citizen area', () => {
  it('lists the cases of the logged-in citizen only, in their language', async () => {
    const own = await create();
    const other = await create({ subject: john.subject, applicantName: 'John Doe', lang: 'en' });

    const page = await asCitizen('/mein-bereich', 'erika');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<h1 class="kern-heading-x-large">Meine Anträge</h1>');
    expect(page.body).toContain('Erika Mustermann');
    expect(page.body).toContain(`href="/mein-bereich/vorgaenge/${own.id}">${own.number}</a>`);
    expect(page.body).not.toContain(other.number);
    expect(page.body).toContain('Testleistung');
    expect(page.body).toContain('Eingegangen');
    expect(page.body).toContain('href="/portal/antraege/test"');

    const english = await asCitizen('/mein-bereich', 'john', 'en');
    expect(english.body).toContain('My applications');
    expect(english.body).toContain(other.number);
    expect(english.body).not.toContain(own.number);
    expect(english.body).toContain('Test service');
    expect(english.body).toContain('Received');
  });

  it('sends visitors without eID log-in away', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/mein-bereich' });
    expect(page.statusCode).toBe(303);
    expect(page.body).not.toContain('Meine Anträge');
  });

  it('shows a case with status, next step and the timeline without internal notes', async () => {
    const record = await create();
    await t.services.vorgaenge.transaction((tx) =>
      t.services.vorgaenge.addEvent(tx, record.id, { de: 'Geheime Notiz' }, null, true),
    );
    const page = await asCitizen(`/mein-bereich/vorgaenge/${record.id}`, 'erika');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Antrag ${record.number}`);
    expect(page.body).toContain('Wie es weitergeht');
    expect(page.body).toContain('sieht sich Ihren Antrag an');
    expect(page.body).toContain('Antrag eingegangen.');
    expect(page.body).not.toContain('Geheime Notiz');
    expect(page.body).not.toContain('Jetzt bezahlen');

    const english = await asCitizen(`/mein-bereich/vorgaenge/${record.id}`, 'erika', 'en');
    expect(english.body).toContain(`Application ${record.number}`);
    expect(english.body).toContain('Application received.');
  });

  it('offers the payment while it is open and says how the payment went', async () => {
    const record = await create({ status: 'payment_pending' });
    const url = `/mein-bereich/vorgaenge/${record.id}`;
    const page = await asCitizen(url, 'erika');
    expect(page.body).toMatch(
      new RegExp(
        `<form method="post" action="/portal/antraege/zahlung/${record.id}"[^>]*><input type="hidden" name="_csrf"`,
      ),
    );
    expect(page.body).toContain('Jetzt bezahlen');
    expect(page.body).not.toContain('Zahlung hat nicht geklappt');

    expect((await asCitizen(`${url}?zahlung=FAILED`, 'erika')).body).toContain(
      'Die Zahlung hat nicht geklappt.',
    );
    expect((await asCitizen(`${url}?zahlung=CANCELED`, 'erika')).body).toContain(
      'Sie haben die Zahlung abgebrochen.',
    );
    expect((await asCitizen(`${url}?zahlung=PAYED`, 'erika', 'en')).body).toContain(
      'Thank you, your payment has arrived.',
    );
    const unknown = await asCitizen(`${url}?zahlung=<script>`, 'erika');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).not.toContain('kern-alert--');
  });

  it("answers another person's case, its files and unknown ids with the neutral 404 page", async () => {
    const record = await create();
    for (const url of [
      `/mein-bereich/vorgaenge/${record.id}`,
      `/mein-bereich/vorgaenge/${record.id}/dateien/bescheinigung`,
    ]) {
      const page = await asCitizen(url, 'john');
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain(record.number);
    }
    expect(
      (await asCitizen('/mein-bereich/vorgaenge/00000000-0000-4000-8000-000000000000', 'erika')).statusCode,
    ).toBe(404);
    expect((await asCitizen('/mein-bereich/vorgaenge/kein-vorgang', 'erika')).statusCode).toBe(404);
  });
});

describe('the staff work queue', () => {
  it('lists open cases oldest first and filters by status and service', async () => {
    const waiting = await create({ applicantName: 'Queue Wartend' });
    const unpaid = await create({ applicantName: 'Queue Unbezahlt', status: 'payment_pending' });
    const page = await clerk.get(STAFF);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Queue Wartend');
    expect(page.body).toContain('Daten weichen vom Melderegister ab');
    expect(page.body).not.toContain('Queue Unbezahlt');
    const all = (await clerk.get(STAFF)).body;
    const firstNumber = all.match(/TE-2026-\d{6}/)?.[0];
    const open = (await t.services.vorgaenge.list({ status: ['submitted', 'in_progress', 'approved'] }))[0];
    expect(firstNumber).toBe(open?.number);

    const unpaidOnly = await clerk.get(`${STAFF}?status=payment_pending&leistung=test`);
    expect(unpaidOnly.body).toContain('Queue Unbezahlt');
    expect(unpaidOnly.body).not.toContain('Queue Wartend');
    const otherService = await clerk.get(
      `${STAFF}?status=alle&leistung=meldebescheinigung-gibt-es-hier-nicht`,
    );
    expect(otherService.body).toContain('Keine Vorgänge gefunden.');
    expect(otherService.body).not.toContain(waiting.number);
    expect(otherService.body).not.toContain(unpaid.number);

    const navigation = await clerk.get('/verwaltung');
    expect(navigation.body).toContain('href="/verwaltung/vorgaenge"');
  });

  it('shows the applicant, the eID data, the answers and the panel of a taken case', async () => {
    const record = await create();
    const before = await clerk.get(`${STAFF}/${record.id}`);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Erika Mustermann');
    expect(before.body).toContain('Geburtsort');
    expect(before.body).toContain('12.08.1964');
    expect(before.body).toContain('Purpose');
    expect(before.body).toContain('Wohnungsbewerbung');
    expect(before.body).not.toContain(erika.subject);
    expect(before.body).toContain('Heidestraße 17, 41460 Neuss');
    // In the order the engine gave them (json keeps it; jsonb would sort the keys).
    const at = (text: string) => before.body.indexOf(`>${text}</dt>`);
    expect(at('Vornamen')).toBeGreaterThan(0);
    expect(at('Vornamen')).toBeLessThan(at('Familienname'));
    expect(at('Familienname')).toBeLessThan(at('Anschrift'));
    expect(at('Purpose')).toBeLessThan(at('Extended'));
    expect(at('Extended')).toBeLessThan(at('Delivery method'));
    expect(before.body).toContain('Übernehmen');
    expect(before.body).not.toContain('name="choice"');
    expect((await clerk.get(`${STAFF}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });
});

describe('the clerk at work', () => {
  it('takes and approves a case: audit, e-mails in the citizen language, download for the citizen', async () => {
    const record = await create({ lang: 'en' });
    const taken = await clerk.post(`${STAFF}/${record.id}/uebernehmen`, {});
    expect(taken.statusCode).toBe(303);
    expect(await statusOf(record.id)).toBe('in_progress');

    const page = await clerk.get(`${STAFF}/${record.id}`);
    // The handler's fields are inside the approve form.
    expect(page.body).toMatch(
      /action="\/verwaltung\/vorgaenge\/[^"]+\/genehmigen"[^>]*>(?:(?!<\/form>)[\s\S])*name="choice"/,
    );

    const missing = await clerk.post(`${STAFF}/${record.id}/genehmigen`, {});
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Bitte wählen Sie die Person im Melderegister aus.');
    expect(missing.body).toContain('id="error-summary"');
    expect(await statusOf(record.id)).toBe('in_progress');

    const approved = await clerk.post(`${STAFF}/${record.id}/genehmigen`, { choice: 'p1' });
    expect(approved.statusCode).toBe(303);
    expect(await statusOf(record.id)).toBe('completed');
    expect(await auditActions(record.id)).toEqual(['vorgang.take', 'vorgang.approve']);
    const mails = await mailsOf(record.id);
    expect(mails.map((mail) => [mail.lang, mail.subject])).toEqual([
      ['en', `Your application ${record.number}: Received`],
      ['en', `Your application ${record.number}: Being processed`],
      ['en', `Your application ${record.number}: Completed`],
    ]);

    const casePage = await asCitizen(`/mein-bereich/vorgaenge/${record.id}`, 'erika', 'en');
    expect(casePage.body).toContain(`href="/mein-bereich/vorgaenge/${record.id}/dateien/bescheinigung"`);
    expect(casePage.body).toContain('Certificate issued.');
    const file = await asCitizen(`/mein-bereich/vorgaenge/${record.id}/dateien/bescheinigung`, 'erika');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Meldebescheinigung _.pdf"; filename*=UTF-8''Meldebescheinigung%20%C3%96.pdf`,
    );
    expect(file.body).toBe(`%PDF-1.7 test ${record.number}`);
    expect(
      (await asCitizen(`/mein-bereich/vorgaenge/${record.id}/dateien/anderes`, 'erika')).statusCode,
    ).toBe(404);

    // The clerk gets the same file from the case page (a paper certificate is printed from there).
    const staffPage = await clerk.get(`${STAFF}/${record.id}`);
    expect(staffPage.body).toContain(`href="${STAFF}/${record.id}/dateien/bescheinigung"`);
    const staffFile = await clerk.get(`${STAFF}/${record.id}/dateien/bescheinigung`);
    expect(staffFile.statusCode).toBe(200);
    expect(staffFile.body).toBe(`%PDF-1.7 test ${record.number}`);
    expect((await clerk.get(`${STAFF}/${record.id}/dateien/anderes`)).statusCode).toBe(404);
  });

  it('lets a colleague take over a case, and approves for print, then finishes', async () => {
    const record = await create();
    await clerk.post(`${STAFF}/${record.id}/uebernehmen`, {});
    expect((await colleague.get(`${STAFF}/${record.id}`)).body).toContain('Bearbeitet von');
    await colleague.post(`${STAFF}/${record.id}/uebernehmen`, {});
    const handedOver = await t.services.vorgaenge.findById(record.id);
    const teamleitung = (await t.services.staff.list()).find((a) => a.username === 'teamleitung')!;
    expect(handedOver).toMatchObject({ status: 'in_progress', assignedTo: teamleitung.id });

    await colleague.post(`${STAFF}/${record.id}/genehmigen`, { choice: 'paper' });
    expect(await statusOf(record.id)).toBe('approved');
    const approvedPage = await colleague.get(`${STAFF}/${record.id}`);
    expect(approvedPage.body).toContain('Gedruckt und versandt');
    const finished = await colleague.post(`${STAFF}/${record.id}/abschliessen`, {});
    expect(finished.statusCode).toBe(303);
    expect(await statusOf(record.id)).toBe('completed');
    expect(await auditActions(record.id)).toEqual([
      'vorgang.take',
      'vorgang.take',
      'vorgang.approve',
      'vorgang.finish',
    ]);
    expect((await mailsOf(record.id)).map((mail) => [mail.lang, mail.subject.split(': ')[1]])).toEqual([
      ['de', 'Eingegangen'],
      ['de', 'In Bearbeitung'],
      ['de', 'Genehmigt'],
      ['de', 'Erledigt'],
    ]);
  });

  it('rejects only with a reason and shows the reason to the citizen', async () => {
    const record = await create();
    await clerk.post(`${STAFF}/${record.id}/uebernehmen`, {});
    const empty = await clerk.post(`${STAFF}/${record.id}/ablehnen`, { reason: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain(reasonRequiredMessage);
    expect(empty.body).toContain('href="#reason"');
    expect(empty.body).toContain('aria-invalid="true"');
    expect(await statusOf(record.id)).toBe('in_progress');

    const rejected = await clerk.post(`${STAFF}/${record.id}/ablehnen`, {
      reason: 'Sie sind nicht in Neuss gemeldet.',
    });
    expect(rejected.statusCode).toBe(303);
    expect(await statusOf(record.id)).toBe('rejected');
    expect(await auditActions(record.id)).toEqual(['vorgang.take', 'vorgang.reject']);
    const page = await asCitizen(`/mein-bereich/vorgaenge/${record.id}`, 'erika');
    expect(page.body).toContain('Sie sind nicht in Neuss gemeldet.');
    expect(page.body).toContain('Abgelehnt');
    const mails = await mailsOf(record.id);
    expect(mails.at(-1)?.subject).toBe(`Ihr Antrag ${record.number}: Abgelehnt`);
  });

  it('refuses a move the status does not allow with the 409 page, changing nothing', async () => {
    const record = await create();
    const finish = await clerk.post(`${STAFF}/${record.id}/abschliessen`, {});
    expect(finish.statusCode).toBe(409);
    expect(finish.body).toContain('Nur genehmigte Vorgänge können abgeschlossen werden');
    const approve = await clerk.post(`${STAFF}/${record.id}/genehmigen`, { choice: 'p1' });
    expect(approve.statusCode).toBe(409);
    expect(approve.body).toContain('Bitte übernehmen Sie den Vorgang');
    const rejectWaiting = await clerk.post(`${STAFF}/${record.id}/ablehnen`, { reason: 'Doppelt gestellt.' });
    expect(rejectWaiting.statusCode).toBe(409);
    expect(rejectWaiting.body).toContain('Bitte übernehmen Sie den Vorgang, bevor Sie ihn ablehnen.');
    expect(await statusOf(record.id)).toBe('submitted');
    await clerk.post(`${STAFF}/${record.id}/uebernehmen`, {});
    await clerk.post(`${STAFF}/${record.id}/ablehnen`, { reason: 'Doppelt gestellt.' });
    const takeRejected = await clerk.post(`${STAFF}/${record.id}/uebernehmen`, {});
    expect(takeRejected.statusCode).toBe(409);
    expect(takeRejected.body).toContain(
      'Ein Vorgang im Status „Abgelehnt“ kann nicht in den Status „In Bearbeitung“ wechseln.',
    );
    expect(await statusOf(record.id)).toBe('rejected');
    expect(await auditActions(record.id)).toEqual(['vorgang.take', 'vorgang.reject']);
  });

  it("shows the decisions only to the clerk who has taken the case; others get the 409 with the clerk's name", async () => {
    const record = await create();
    const path = `${STAFF}/${record.id}`;
    const waiting = await clerk.get(path);
    expect(waiting.body).toContain('Übernehmen');
    expect(waiting.body).not.toContain(`action="${path}/ablehnen"`);
    expect(waiting.body).not.toContain(`action="${path}/genehmigen"`);

    await clerk.post(`${path}/uebernehmen`, {});
    const own = await clerk.get(path);
    expect(own.body).toContain(`action="${path}/genehmigen"`);
    expect(own.body).toContain(`action="${path}/ablehnen"`);
    expect(own.body).toContain('name="choice"');
    expect(own.body).not.toContain(`action="${path}/uebernehmen"`);

    const other = await colleague.get(path);
    const clerkName = (await t.services.staff.list()).find(
      (a) => a.username === 'sachbearbeitung',
    )!.displayName;
    expect(other.body).toContain(`Bearbeitet von ${clerkName}.`);
    expect(other.body).toContain(`action="${path}/uebernehmen"`);
    expect(other.body).not.toContain(`action="${path}/genehmigen"`);
    expect(other.body).not.toContain(`action="${path}/ablehnen"`);
    expect(other.body).not.toContain('name="choice"');

    const message = `Diesen Vorgang bearbeitet ${clerkName}. Übernehmen Sie ihn zuerst.`;
    const approve = await colleague.post(`${path}/genehmigen`, { choice: 'p1' });
    expect(approve.statusCode).toBe(409);
    expect(approve.body).toContain(message);
    const reject = await colleague.post(`${path}/ablehnen`, { reason: 'Nicht zuständig.' });
    expect(reject.statusCode).toBe(409);
    expect(reject.body).toContain(message);
    expect(await statusOf(record.id)).toBe('in_progress');

    // Approved for print: the finishing button is the clerk's; a colleague takes it over first.
    await clerk.post(`${path}/genehmigen`, { choice: 'paper' });
    const approvedOther = await colleague.get(path);
    expect(approvedOther.body).not.toContain(`action="${path}/abschliessen"`);
    expect(approvedOther.body).toContain(`action="${path}/uebernehmen"`);
    expect((await colleague.post(`${path}/abschliessen`, {})).statusCode).toBe(409);
    expect((await colleague.post(`${path}/uebernehmen`, {})).statusCode).toBe(303);
    expect((await colleague.get(path)).body).toContain(`action="${path}/abschliessen"`);
    expect((await colleague.post(`${path}/abschliessen`, {})).statusCode).toBe(303);
    expect(await statusOf(record.id)).toBe('completed');
  });

  it('keeps internal notes for staff, audited', async () => {
    const record = await create();
    const empty = await clerk.post(`${STAFF}/${record.id}/notiz`, { note: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Bitte geben Sie einen Text für die Notiz ein.');
    const saved = await clerk.post(`${STAFF}/${record.id}/notiz`, {
      note: 'Bürgerin rief an, wartet auf Post.',
    });
    expect(saved.statusCode).toBe(303);
    expect((await clerk.get(`${STAFF}/${record.id}`)).body).toContain('Bürgerin rief an, wartet auf Post.');
    expect((await asCitizen(`/mein-bereich/vorgaenge/${record.id}`, 'erika')).body).not.toContain(
      'Bürgerin rief an',
    );
    expect(await auditActions(record.id)).toEqual(['vorgang.note']);
    expect(await mailsOf(record.id)).toHaveLength(1);
  });

  it('answers unknown cases with 404 on every action', async () => {
    for (const action of ['uebernehmen', 'genehmigen', 'abschliessen', 'ablehnen', 'notiz']) {
      const response = await clerk.post(`${STAFF}/00000000-0000-4000-8000-000000000000/${action}`, {
        reason: 'x',
        note: 'x',
      });
      expect(response.statusCode, action).toBe(404);
    }
  });
});
