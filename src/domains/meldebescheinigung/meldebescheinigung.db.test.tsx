import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/support/test-app.js';
import {
  type CitizenBrowser,
  citizenBrowser,
  pathOf,
  testIdentity,
} from '../antraege/antraege.test-browser.js';
import { SealUnavailableError } from '../bescheinigungen/bescheinigungen.keys.js';
import { certificates } from '../bescheinigungen/bescheinigungen.tables.js';
import { CASE_MAIL_KIND } from '../vorgaenge/vorgaenge.service.js';
import { CERTIFICATE_MAIL_KIND } from './meldebescheinigung.mails.js';

const base = '/portal/antraege/meldebescheinigung';

const draftIdOf = (html: string) => {
  const id = html.match(/name="entwurf" value="([^"]+)"/)?.[1];
  if (!id) throw new Error('no draft id on the summary page');
  return id;
};
const caseIdOf = (location: unknown) => {
  const match = String(location).match(/^\/mein-bereich\/vorgaenge\/([0-9a-f-]{36})$/);
  if (!match?.[1]) throw new Error(`not a case page: ${String(location)}`);
  return match[1];
};

/** Fills in the application up to the summary and returns the summary page. */
async function apply(
  browser: CitizenBrowser,
  answers: { art: string; angaben?: string[]; zweck?: string; zustellung: string; email?: string },
) {
  const start = await browser.get(base);
  expect(start.statusCode).toBe(303);
  expect(start.headers.location).toBe(`${base}/art`);
  const art = await browser.submit(`${base}/art`, { art: answers.art });
  expect(art.statusCode).toBe(303);
  if (answers.art === 'erweitert') {
    expect(art.headers.location).toBe(`${base}/angaben`);
    const angaben = await browser.submit(`${base}/angaben`, {
      angaben: answers.angaben ?? [],
      zweck: answers.zweck ?? '',
    });
    expect(angaben.statusCode).toBe(303);
  }
  const delivery = await browser.submit(`${base}/zustellung`, {
    zustellung: answers.zustellung,
    email: answers.email ?? '',
  });
  expect(delivery.statusCode).toBe(303);
  expect(delivery.headers.location).toBe(`${base}/zusammenfassung`);
  const summary = await browser.follow(delivery);
  expect(summary.statusCode).toBe(200);
  return summary;
}

async function send(browser: CitizenBrowser, summaryHtml: string) {
  return browser.submit(`${base}/zusammenfassung`, { entwurf: draftIdOf(summaryHtml) }, `${base}/absenden`);
}

describe('Meldebescheinigung online', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('is offered on the portal and linked from the catalogue', async () => {
    const portal = await t.app.inject({ method: 'GET', url: '/portal' });
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('Meldebescheinigung online beantragen');
    expect(portal.body).toContain(`href="${base}"`);
    const alias = await t.app.inject({ method: 'GET', url: '/portal/meldebescheinigung' });
    expect(alias.statusCode).toBe(303);
    expect(alias.headers.location).toBe(base);
    const unknown = await t.app.inject({ method: 'GET', url: '/portal/gibt-es-nicht' });
    expect(unknown.headers.location).toBe('/portal');
  });

  it('needs the eID at level "hoch"', async () => {
    const tim = await citizenBrowser(t, 'tim');
    const response = await tim.get(`${base}/art`);
    expect(response.statusCode).toBe(403);
  });

  it('issues the electronic certificate at once for Erika: case completed, PDF downloadable, e-mail with PDF', async () => {
    const startedAt = Date.now();
    const erika = await citizenBrowser(t, 'erika');
    const summary = await apply(erika, {
      art: 'einfach',
      zustellung: 'elektronisch',
      email: 'erika@example.org',
    });
    expect(summary.body).toContain('Schritt 3 von 3');
    expect(summary.body).toContain('Einfache Meldebescheinigung');
    expect(summary.body).toContain('Art der Bescheinigung ändern');
    expect(summary.body).toContain('Kostenlos.');
    expect(summary.body).toContain('Heidestraße 17, 41460 Neuss');

    const sent = await send(erika, summary.body);
    expect(sent.statusCode).toBe(303);
    const caseId = caseIdOf(sent.headers.location);
    const record = await t.services.vorgaenge.findById(caseId);
    expect(record).toMatchObject({
      status: 'completed',
      reviewReason: null,
      serviceKey: 'meldebescheinigung',
    });
    expect(record!.number).toMatch(/^MB-\d{4}-\d{6}$/);
    const certificateId = record!.data.certificateId as string;
    expect(certificateId).toMatch(/^[0-9a-f-]{36}$/);

    const certificate = await t.services.bescheinigungen.get(certificateId);
    expect(certificate.title).toBe('Meldebescheinigung');
    expect(certificate.fields).toEqual([
      { label: 'Familienname', value: 'Mustermann' },
      { label: 'Vornamen', value: 'Erika' },
      { label: 'Geburtsdatum', value: '12.08.1964' },
      { label: 'Anschrift (Hauptwohnung)', value: 'Heidestraße 17, 41460 Neuss' },
    ]);

    const casePage = await erika.follow(sent);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain('Ihre Meldebescheinigung ist fertig');
    const pdf = await erika.get(`/mein-bereich/vorgaenge/${caseId}/dateien/${certificateId}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const mails = await t.services.mail.listFor(CERTIFICATE_MAIL_KIND, caseId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      recipient: 'erika@example.org',
      subject: `Ihre Meldebescheinigung (${record!.number})`,
    });
    expect(mails[0]!.attachments[0]).toMatchObject({ contentType: 'application/pdf' });
    expect(Buffer.from(mails[0]!.attachments[0]!.content, 'base64').subarray(0, 5).toString('latin1')).toBe(
      '%PDF-',
    );
    // One e-mail only (the one with the PDF): the case finished at once sends no status e-mails.
    expect(await t.services.mail.listFor('case.status', caseId)).toEqual([]);
    // Issued by the system, not by a clerk: audited all the same, with ids only.
    const [issuedEntry, ...moreEntries] = await t.services.audit.list({
      entityType: 'certificate',
      entityId: certificateId,
    });
    expect(moreEntries).toEqual([]);
    expect(issuedEntry).toMatchObject({
      action: 'certificate.issue',
      actorId: null,
      actorName: 'System',
      after: {
        caseId,
        caseNumber: record!.number,
        kind: 'meldebescheinigung-einfach',
        personId: record!.data.personId,
        automatic: true,
      },
    });
    expect(JSON.stringify(issuedEntry)).not.toMatch(/Mustermann|Erika|Heidestraße|1964|erika@/);
    expect(Date.now() - startedAt).toBeLessThan(20_000);

    // The same draft sent again (back button, double click): the same case, no second one.
    const again = await erika.resubmit(summary.body, `${base}/absenden`, {
      entwurf: draftIdOf(summary.body),
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/mein-bereich/vorgaenge/${caseId}`);
    const cases = await t.services.vorgaenge.listForSubject(erika.identity.subject);
    expect(cases.filter((c) => c.serviceKey === 'meldebescheinigung')).toHaveLength(1);
    // Back on a step: no open draft any more, the page says the application was sent.
    const back = await erika.get(`${base}/zustellung`);
    expect(back.statusCode).toBe(303);
    const first = await erika.get(`${base}/art`);
    expect(first.body).toContain(`Diesen Antrag haben Sie bereits abgeschickt (Vorgang ${record!.number})`);
  });

  it("revoking Erika's certificate: noted on her case, e-mailed without the reason, the PDF marked revoked", async () => {
    const subject = testIdentity('erika').subject;
    const record = (await t.services.vorgaenge.listForSubject(subject)).find(
      (c) => c.serviceKey === 'meldebescheinigung',
    )!;
    const certificateId = record.data.certificateId as string;
    const casePath = `/mein-bereich/vorgaenge/${record.id}`;
    const erika = await citizenBrowser(t, 'erika');
    const before = await erika.get(casePath);
    expect(before.body).not.toContain('Widerrufen');

    const admin = await staffSession(t.app, 'admin');
    const revoked = await admin.post(`/verwaltung/bescheinigungen/${certificateId}/widerrufen`, {
      grund: 'Interner Vermerk: Verdacht auf Identitätsmissbrauch',
    });
    expect(revoked.statusCode).toBe(303);
    const revokedAt = (await t.services.bescheinigungen.get(certificateId)).revokedAt!;

    // The timeline says so, in both languages; the case stays completed.
    const events = await t.services.vorgaenge.timeline(record.id, { includeInternal: true });
    const entry = events.at(-1)!;
    expect(entry.internal).toBe(false);
    expect(entry.text.de).toMatch(
      /^Die Bescheinigung wurde am \d{1,2}\. \S+ \d{4} widerrufen und ist nicht mehr gültig\./,
    );
    expect(entry.text.en).toMatch(
      /^The certificate was revoked on \d{1,2} \S+ \d{4} and is no longer valid\./,
    );
    expect(JSON.stringify(events)).not.toContain('Identitätsmissbrauch');
    expect((await t.services.vorgaenge.findById(record.id))?.status).toBe('completed');

    // The address given in the application gets the e-mail (the case itself keeps none), without the reason.
    const mails = await t.services.mail.listFor(CASE_MAIL_KIND, record.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      recipient: 'erika@example.org',
      subject: `Ihr Antrag ${record.number}: Bescheinigung widerrufen`,
    });
    expect(mails[0]!.text).toContain('wurde am');
    expect(mails[0]!.text).not.toContain('Identitätsmissbrauch');

    // The case page no longer offers it as valid: marked, in German and English.
    const page = await erika.get(casePath);
    expect(page.body).toContain('Die Bescheinigung wurde am');
    expect(page.body).toContain('Widerrufen</span>');
    expect(page.body).toContain(`Meldebescheinigung-${record.number}.pdf, widerrufen)`);
    expect(page.body).toContain('Diese Bescheinigung wurde am');
    expect(page.body).toContain('widerrufen und ist nicht mehr gültig.');
    expect(page.body).not.toContain('Identitätsmissbrauch');
    const english = await (await citizenBrowser(t, 'erika', 'en')).get(casePath);
    expect(english.body).toContain('Revoked</span>');
    expect(english.body).toContain('This certificate was revoked on');
    expect(english.body).toContain('The certificate was revoked on');
    // The PDF itself still says "WIDERRUFEN" and stays downloadable; the staff page marks it too.
    expect((await erika.get(`${casePath}/dateien/${certificateId}`)).statusCode).toBe(200);
    const staffPage = await admin.get(`/verwaltung/vorgaenge/${record.id}`);
    expect(staffPage.body).toContain('Widerrufen</span></span> am');
    expect(revokedAt).toBeInstanceOf(Date);
  });

  it('certifies the chosen fields and the purpose on the extended certificate (no e-mail given)', async () => {
    const leyla = await citizenBrowser(t, 'leyla');
    const summary = await apply(leyla, {
      art: 'erweitert',
      angaben: ['staatsangehoerigkeit', 'geburtsort'],
      zweck: 'zur Vorlage bei der Familienkasse',
      zustellung: 'elektronisch',
    });
    expect(summary.body).toContain('Schritt 4 von 4');
    expect(summary.body).toContain('Geburtsort, Staatsangehörigkeit(en)');
    const sent = await send(leyla, summary.body);
    const caseId = caseIdOf(sent.headers.location);
    const record = await t.services.vorgaenge.findById(caseId);
    expect(record?.status).toBe('completed');
    const certificate = await t.services.bescheinigungen.get(record!.data.certificateId as string);
    expect(certificate.title).toBe('Erweiterte Meldebescheinigung');
    expect(certificate.purpose).toBe('zur Vorlage bei der Familienkasse');
    expect(certificate.fields.slice(1, 2)).toEqual([
      { label: 'Vornamen', value: 'Leyla Ayşe (Rufname: Leyla)' },
    ]);
    expect(certificate.fields.slice(-2)).toEqual([
      { label: 'Geburtsort', value: 'Düsseldorf' },
      { label: 'Staatsangehörigkeit(en)', value: 'deutsch, türkisch' },
    ]);
    expect(await t.services.mail.listFor(CERTIFICATE_MAIL_KIND, caseId)).toEqual([]);
  });

  it('answers a download whose data no longer match the seal with a 409 page in the citizen’s language', async () => {
    const record = (await t.services.vorgaenge.listForSubject(testIdentity('leyla').subject))[0]!;
    const certificateId = record.data.certificateId as string;
    await t.database.db
      .update(certificates)
      .set({ fields: sql`jsonb_set(${certificates.fields}, '{0,value}', '"Yilmaz"')` })
      .where(eq(certificates.id, certificateId));
    const url = `/mein-bereich/vorgaenge/${record.id}/dateien/${certificateId}`;
    const english = await (await citizenBrowser(t, 'leyla', 'en')).get(url);
    expect(english.statusCode).toBe(409);
    expect(english.body).toContain('<h1 class="kern-heading-x-large">Conflict</h1>');
    expect(english.body).toContain('The stored data of this certificate do not match its seal');
    expect(english.body).not.toContain('passen nicht');
    const german = await (await citizenBrowser(t, 'leyla', 'de')).get(url);
    expect(german.statusCode).toBe(409);
    expect(german.body).toContain('<h1 class="kern-heading-x-large">Konflikt</h1>');
    expect(german.body).toContain(
      'Die gespeicherten Daten dieser Bescheinigung passen nicht zu ihrem Siegel.',
    );
  });

  it('refuses invalid input with 422 and saves nothing; the back button shows the saved answers', async () => {
    const anna = await citizenBrowser(t, 'anna');
    const definition = t.services.antraege.get('meldebescheinigung');
    const emptyChoice = await anna.submit(`${base}/art`, {});
    expect(emptyChoice.statusCode).toBe(422);
    expect(emptyChoice.body).toContain('Bitte wählen Sie, ob Sie eine einfache oder eine erweiterte');
    expect((await t.services.antraege.state(anna.identity.subject, definition)).draft).toBeUndefined();

    expect((await anna.submit(`${base}/art`, { art: 'erweitert' })).headers.location).toBe(`${base}/angaben`);
    const noneChosen = await anna.submit(`${base}/angaben`, { zweck: 'x'.repeat(201) });
    expect(noneChosen.statusCode).toBe(422);
    expect(noneChosen.body).toContain('Bitte wählen Sie mindestens eine zusätzliche Angabe aus.');
    expect(noneChosen.body).toContain('Der Zweck darf höchstens 200 Zeichen lang sein.');
    expect(noneChosen.body).toContain('x'.repeat(201));
    expect((await t.services.antraege.state(anna.identity.subject, definition)).answers).toEqual({
      art: 'erweitert',
    });

    expect(
      (await anna.submit(`${base}/angaben`, { angaben: ['familienstand', 'einzugsdatum'], zweck: 'Bank' }))
        .statusCode,
    ).toBe(303);
    const paperWithoutMail = await anna.submit(`${base}/zustellung`, { zustellung: 'papier', email: '' });
    expect(paperWithoutMail.statusCode).toBe(422);
    expect(paperWithoutMail.body).toContain(
      'Für die Bescheinigung auf Papier brauchen wir Ihre E-Mail-Adresse.',
    );
    expect(paperWithoutMail.body).toContain('href="#email"');
    const badMail = await anna.submit(`${base}/zustellung`, { zustellung: 'elektronisch', email: 'kein-at' });
    expect(badMail.statusCode).toBe(422);
    expect(badMail.body).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(badMail.body).toContain('value="kein-at"');
    expect((await t.services.antraege.state(anna.identity.subject, definition)).answers).toEqual({
      art: 'erweitert',
      angaben: ['familienstand', 'einzugsdatum'],
      zweck: 'Bank',
    });

    // Back: every page shows what is saved.
    const art = await anna.get(`${base}/art`);
    expect(art.body).toMatch(/value="erweitert"\s+checked/);
    expect(art.body).toContain('Schritt 1 von 4');
    const angaben = await anna.get(`${base}/angaben`);
    expect(angaben.body).toMatch(/value="familienstand"\s+checked/);
    expect(angaben.body).toMatch(/value="einzugsdatum"\s+checked/);
    expect(angaben.body).not.toMatch(/value="religion"\s+checked/);
    expect(angaben.body).toContain('>Bank</textarea>');
    expect(angaben.body).toContain(`href="${base}/art"`);
    // A page further on than the answers allow leads back to the first open one.
    const summary = await anna.get(`${base}/zusammenfassung`);
    expect(summary.headers.location).toBe(`${base}/zustellung`);

    // Switching to the simple certificate skips the fields page (its answers no longer count).
    expect((await anna.submit(`${base}/art`, { art: 'einfach' })).headers.location).toBe(
      `${base}/zustellung`,
    );
    expect((await anna.get(`${base}/angaben`)).statusCode).toBe(303);
    const done = await anna.submit(`${base}/zustellung`, { zustellung: 'elektronisch', email: '' });
    const page = await anna.follow(done);
    expect(page.body).toContain('Schritt 3 von 3');
    expect(page.body).not.toContain('Zusätzliche Angaben');
  });

  it('speaks English', async () => {
    const dragan = await citizenBrowser(t, 'dragan', 'en');
    const page = await dragan.get(`${base}/art`);
    expect(page.body).toContain('Which certificate do you need?');
    expect(page.body).toContain('Step 1 of 3');
    const invalid = await dragan.submit(`${base}/art`, { art: 'gold' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Please choose whether you need a simple or an extended certificate.');
  });

  it('says in English that no certificate can be sealed now (503), keeping the draft', async () => {
    const dragan = await citizenBrowser(t, 'dragan', 'en');
    const summary = await apply(dragan, { art: 'einfach', zustellung: 'elektronisch' });
    const issue = vi
      .spyOn(t.services.bescheinigungen, 'issue')
      .mockRejectedValueOnce(new SealUnavailableError());
    try {
      const sent = await send(dragan, summary.body);
      expect(sent.statusCode).toBe(503);
      expect(sent.body).toContain(
        '<h1 class="kern-heading-x-large">Certificates are not available at the moment</h1>',
      );
      expect(sent.body).toContain('the electronic seal is not set up');
      expect(sent.body).not.toContain('Siegelschlüssel');
    } finally {
      issue.mockRestore();
    }
    expect(await t.services.vorgaenge.listForSubject(dragan.identity.subject)).toEqual([]);
  });

  it('sends Jonas (eID address differs) and Sabine (information block) to a clerk without naming the block', async () => {
    for (const [key, reason] of [
      ['jonas', 'mismatch'],
      ['sabine', 'information_block'],
    ] as const) {
      const browser = await citizenBrowser(t, key);
      const summary = await apply(browser, {
        art: 'einfach',
        zustellung: 'elektronisch',
        email: `${key}@example.org`,
      });
      const sent = await send(browser, summary.body);
      expect(sent.statusCode).toBe(303);
      const record = await t.services.vorgaenge.findById(caseIdOf(sent.headers.location));
      expect(record).toMatchObject({
        status: 'submitted',
        reviewReason: reason,
        email: `${key}@example.org`,
      });
      expect(record!.data.certificateId).toBeUndefined();
      const casePage = await browser.follow(sent);
      expect(casePage.body).toContain('Ihr Antrag wird von der Meldebehörde geprüft');
      expect(casePage.body).toContain('innerhalb von 3 Werktagen');
      expect(casePage.body).not.toMatch(/sperre/i);
    }
  });

  it('paper without a register match: the fee first, then to a clerk for the check', async () => {
    const lena = await citizenBrowser(t, 'lena');
    const summary = await apply(lena, { art: 'einfach', zustellung: 'papier', email: 'lena@example.org' });
    const sent = await send(lena, summary.body);
    const paymentPage = pathOf(sent.headers.location);
    expect(paymentPage).toMatch(/^\/testbezahlung\//);
    const [record] = await t.services.vorgaenge.listForSubject(lena.identity.subject);
    expect(record).toMatchObject({ status: 'payment_pending', reviewReason: 'mismatch' });
    await lena.follow(await lena.submit(paymentPage, { aktion: 'bezahlen' }));
    expect(await t.services.vorgaenge.findById(record!.id)).toMatchObject({
      status: 'submitted',
      reviewReason: 'mismatch',
    });
    const casePage = await lena.get(`/mein-bereich/vorgaenge/${record!.id}`);
    expect(casePage.body).toContain('Ihr Antrag wird von der Meldebehörde geprüft');
  });

  it('paper: payment_pending, paid online, then to the clerks; a cancelled payment can be retried', async () => {
    const karl = await citizenBrowser(t, 'karl-heinz');
    const summary = await apply(karl, { art: 'einfach', zustellung: 'papier', email: 'khm@example.org' });
    expect(summary.body).toContain('9,00');
    expect(summary.body).toContain('Antrag absenden und bezahlen');
    const sent = await send(karl, summary.body);
    expect(sent.statusCode).toBe(303);
    const paymentPage = pathOf(sent.headers.location);
    expect(paymentPage).toMatch(/^\/testbezahlung\//);
    const [record] = (await t.services.vorgaenge.listForSubject(karl.identity.subject)).filter(
      (c) => c.serviceKey === 'meldebescheinigung',
    );
    expect(record).toMatchObject({ status: 'payment_pending', reviewReason: 'paper' });
    expect(record!.data.personId).toBeTruthy();
    const payment = await t.services.payments.findLatest(record!.id);
    expect(payment).toMatchObject({
      amountCents: 900,
      items: [expect.objectContaining({ reference: 'MB-PAPIER' })],
    });

    // First attempt: cancelled. The case waits; the case page's button starts a new attempt.
    const cancelled = await karl.submit(paymentPage, { aktion: 'abbrechen' });
    await karl.follow(await karl.follow(cancelled));
    expect((await t.services.vorgaenge.findById(record!.id))?.status).toBe('payment_pending');
    const events = await t.services.vorgaenge.timeline(record!.id, { includeInternal: false });
    expect(events.map((event) => event.text.de).join(' ')).toContain('Die Zahlung wurde abgebrochen');

    const retry = await karl.submit(
      `/mein-bereich/vorgaenge/${record!.id}`,
      {},
      `/portal/antraege/zahlung/${record!.id}`,
    );
    expect(retry.statusCode).toBe(303);
    const secondPage = pathOf(retry.headers.location);
    expect(secondPage).toMatch(/^\/testbezahlung\//);
    expect(secondPage).not.toBe(paymentPage);

    const paid = await karl.submit(secondPage, { aktion: 'bezahlen' });
    const back = await karl.follow(paid);
    expect(pathOf(back.headers.location)).toBe(`/mein-bereich/vorgaenge/${record!.id}?zahlung=PAYED`);
    const after = await t.services.vorgaenge.findById(record!.id);
    expect(after).toMatchObject({ status: 'submitted', reviewReason: 'paper' });
    const texts = (await t.services.vorgaenge.timeline(record!.id, { includeInternal: false })).map(
      (e) => e.text.de,
    );
    expect(texts.at(-1)).toContain('Zahlung eingegangen');

    // Nothing left to pay; someone else cannot start a payment for this case.
    const paidAlready = await karl.submit(
      `/mein-bereich/vorgaenge/${record!.id}`,
      {},
      `/portal/antraege/zahlung/${record!.id}`,
    );
    expect(paidAlready.headers.location).toBe(`/mein-bereich/vorgaenge/${record!.id}`);
    const erika = await citizenBrowser(t, 'erika');
    const foreign = await erika.submit('/portal', {}, `/portal/antraege/zahlung/${record!.id}`);
    expect(foreign.statusCode).toBe(404);
  });

  it('lets a clerk check the register and approve: electronic → completed and e-mailed, paper → approved → completed', async () => {
    const jonas = await citizenBrowser(t, 'jonas');
    const jonasCase = (await t.services.vorgaenge.listForSubject(jonas.identity.subject))[0]!;
    const staff = await staffSession(t.app, 'sachbearbeitung');
    const path = `/verwaltung/vorgaenge/${jonasCase.id}`;
    expect((await staff.post(`${path}/uebernehmen`, {})).statusCode).toBe(303);
    const page = await staff.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Abgleich mit dem Melderegister');
    expect(page.body).toContain('Jonas Becker, geboren am 17.01.1998');
    expect(page.body).toContain('Abweichungen zum Online-Ausweis');
    expect(page.body).toContain(
      'Register „Niederstraße 30, 41460 Neuss“, Ausweis „Further Straße 102, 41462 Neuss“',
    );
    const check = page.body.match(/name="registerAbgleich" value="([^"]+)"/)?.[1];
    const personId = page.body.match(/name="personId" value="([^"]+)"/)?.[1];
    expect(check && personId).toBeTruthy();

    // The register look-up is audited: who, for which case, how many persons; nothing personal.
    const checks = await t.services.audit.list({ entityType: 'melderegister', entityId: jonasCase.id });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({
      action: 'melderegister.check',
      actorName: expect.stringMatching(/\S/),
      after: { caseId: jonasCase.id, results: 1 },
    });
    expect(checks[0]!.actorId).toBeTruthy();
    expect(JSON.stringify(checks[0])).not.toMatch(/Becker|1998|Niederstraße/);
    // A colleague who has not taken the case sees neither the check nor the approval (no look-up).
    const colleague = await staffSession(t.app, 'teamleitung');
    const colleaguePage = await colleague.get(path);
    expect(colleaguePage.body).not.toContain('Abgleich mit dem Melderegister');
    expect(colleaguePage.body).not.toContain('name="registerAbgleich"');
    expect(await t.services.audit.list({ entityType: 'melderegister', entityId: jonasCase.id })).toHaveLength(
      1,
    );

    const missing = await staff.post(`${path}/genehmigen`, { registerAbgleich: check! }, path);
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Bitte wählen Sie die Person im Melderegister aus');
    // The summary links to the person choice, and the choice is marked.
    expect(missing.body).toContain('href="#personId"');
    expect(missing.body).toContain('<fieldset class="kern-fieldset kern-fieldset--error" id="personId">');
    expect(missing.body).toContain('id="personId-error"');
    expect(missing.body).toMatch(/name="personId"[^>]*aria-invalid="true"/);
    const forged = await staff.post(
      `${path}/genehmigen`,
      { personId: personId!, registerAbgleich: 'x.y' },
      path,
    );
    expect(forged.statusCode).toBe(422);
    expect((await t.services.vorgaenge.findById(jonasCase.id))?.status).toBe('in_progress');

    const approved = await staff.post(
      `${path}/genehmigen`,
      { personId: personId!, registerAbgleich: check! },
      path,
    );
    expect(approved.statusCode).toBe(303);
    const done = await t.services.vorgaenge.findById(jonasCase.id);
    expect(done?.status).toBe('completed');
    const certificate = await t.services.bescheinigungen.get(done!.data.certificateId as string);
    expect(certificate.fields).toContainEqual({
      label: 'Anschrift (Hauptwohnung)',
      value: 'Niederstraße 30, 41460 Neuss',
    });
    expect(await t.services.certificateMails.deliver()).toBe(1);
    const mails = await t.services.mail.listFor(CERTIFICATE_MAIL_KIND, jonasCase.id);
    expect(mails.map((mail) => mail.recipient)).toEqual(['jonas@example.org']);
    const download = await jonas.get(`/mein-bereich/vorgaenge/${jonasCase.id}/dateien/${certificate.id}`);
    expect(download.statusCode).toBe(200);

    // Paper (Karl-Heinz, paid above): approved = issued for printing, then printed and posted.
    const karl = await citizenBrowser(t, 'karl-heinz');
    const paperCase = (await t.services.vorgaenge.listForSubject(karl.identity.subject))[0]!;
    const paperPath = `/verwaltung/vorgaenge/${paperCase.id}`;
    await staff.post(`${paperPath}/uebernehmen`, {});
    const paperPage = await staff.get(paperPath);
    const paperCheck = paperPage.body.match(/name="registerAbgleich" value="([^"]+)"/)?.[1];
    const paperPerson = paperPage.body.match(/name="personId" value="([^"]+)"/)?.[1];
    expect(paperPage.body).toContain('Stimmt mit den Daten aus dem Online-Ausweis überein.');
    const paperApproved = await staff.post(
      `${paperPath}/genehmigen`,
      { personId: paperPerson!, registerAbgleich: paperCheck! },
      paperPath,
    );
    expect(paperApproved.statusCode).toBe(303);
    expect((await t.services.vorgaenge.findById(paperCase.id))?.status).toBe('approved');
    const printable = (await t.services.vorgaenge.findById(paperCase.id))!.data.certificateId as string;
    const forPrinting = await staff.get(`/verwaltung/bescheinigungen/${printable}/pdf`);
    expect(forPrinting.statusCode).toBe(200);
    expect(forPrinting.headers['content-type']).toContain('application/pdf');
    expect((await staff.post(`${paperPath}/abschliessen`, {})).statusCode).toBe(303);
    expect((await t.services.vorgaenge.findById(paperCase.id))?.status).toBe('completed');
  });
});

describe('Meldebescheinigung when the register is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { BUERGERAMT_REGISTER_FAILURE_RATE: '1' } });
  });
  afterAll(async () => t.close());

  it('says so, keeps the draft and creates no case', async () => {
    const erika = await citizenBrowser(t, 'erika');
    const summary = await apply(erika, { art: 'einfach', zustellung: 'elektronisch' });
    const sent = await send(erika, summary.body);
    expect(sent.statusCode).toBe(503);
    expect(sent.body).toContain(
      'Das Melderegister ist gerade nicht erreichbar, bitte später erneut versuchen.',
    );
    expect(await t.services.vorgaenge.listForSubject(erika.identity.subject)).toEqual([]);
    const state = await t.services.antraege.state(
      erika.identity.subject,
      t.services.antraege.get('meldebescheinigung'),
    );
    expect(state.draft?.submittedAt).toBeNull();
    expect((await erika.get(`${base}/zusammenfassung`)).statusCode).toBe(200);
  });
});
