import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import type { StaffIdentity } from '../../platform/views/page-context.js';
import { CASE_MAIL_KIND, type CasesService } from './vorgaenge.service.js';
import { caseInput, createVorgaengeTestApp, john, testHandler } from './vorgaenge.test-support.js';

// Thursday 2026-11-26, 10:00 in Berlin; moved on where a test needs another year.
let clock = new Date('2026-11-26T09:00:00Z');

let t: TestApp;
let cases: CasesService;
beforeAll(async () => {
  t = await createVorgaengeTestApp({ now: () => clock });
  cases = t.services.vorgaenge;
});
afterAll(() => t?.close());

const create = (overrides: Parameters<typeof caseInput>[0] = {}) =>
  cases.transaction((tx) => cases.create(tx, caseInput(overrides)));
const mailsOf = (id: string) => t.services.mail.listFor(CASE_MAIL_KIND, id);
const running = (number: string) => Number(number.split('-')[2]);

let clerk: StaffIdentity;
let colleague: StaffIdentity;
beforeAll(async () => {
  const accounts = await t.services.staff.list();
  const identity = (username: 'sachbearbeitung' | 'teamleitung'): StaffIdentity => {
    const account = accounts.find((a) => a.username === username)!;
    return { id: account.id, username, displayName: account.displayName, role: username };
  };
  clerk = identity('sachbearbeitung');
  colleague = identity('teamleitung');
});

describe('CasesService', () => {
  it('creates a case with a number, a timeline entry and an e-mail in the case language', async () => {
    const record = await create({ lang: 'en' });
    expect(record.number).toMatch(/^TE-2026-\d{6}$/);
    expect(record).toMatchObject({
      status: 'submitted',
      assignedTo: null,
      data: {},
      reviewReason: 'mismatch',
    });
    const timeline = await cases.timeline(record.id, { includeInternal: true });
    expect(timeline).toMatchObject([
      { status: 'submitted', text: { en: 'Application received.' }, actor: null },
    ]);
    const [mail, ...more] = await mailsOf(record.id);
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({ recipient: 'erika@example.org', lang: 'en', status: 'queued' });
    expect(mail!.subject).toBe(`Your application ${record.number}: Received`);
    expect(mail!.text).toContain('Service: Test service');
    expect(mail!.text).toContain(`/mein-bereich/vorgaenge/${record.id}`);
    // Nothing personal beyond the name: no date of birth, address or answers.
    expect(mail!.text).not.toMatch(/1964|Heidestraße|Wohnungsbewerbung/);
  });

  it('sends no e-mail without an address', async () => {
    const record = await create({ email: null });
    expect(await mailsOf(record.id)).toEqual([]);
  });

  it('gives 50 concurrent creates 50 distinct consecutive numbers', async () => {
    const created = await Promise.all(Array.from({ length: 50 }, () => create({ email: null })));
    const numbers = created.map((record) => running(record.number)).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers[49]! - numbers[0]!).toBe(49);
  });

  it('does not lose a number when a transaction rolls back, and starts again each year', async () => {
    const before = running((await create()).number);
    await expect(
      cases.transaction(async (tx) => {
        await cases.create(tx, caseInput());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(running((await create()).number)).toBe(before + 1);

    const saved = clock;
    clock = new Date('2026-12-31T23:30:00Z'); // already 2027 in Berlin
    try {
      expect((await create()).number).toBe('TE-2027-000001');
      expect((await create()).number).toBe('TE-2027-000002');
    } finally {
      clock = saved;
    }
  });

  it('moves a case only along allowed transitions, merging data and writing the timeline', async () => {
    const record = await create({ status: 'payment_pending', data: { paymentId: 'pay-1' } });
    await expect(
      cases.transaction((tx) =>
        cases.transition(tx, record.id, { status: 'approved', timeline: { de: 'x' } }),
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    const paid = await cases.transaction((tx) =>
      cases.transition(tx, record.id, {
        status: 'submitted',
        data: { paid: true },
        timeline: { de: 'Zahlung eingegangen.', en: 'Payment received.' },
      }),
    );
    expect(paid).toMatchObject({ status: 'submitted', data: { paymentId: 'pay-1', paid: true } });
    const timeline = await cases.timeline(record.id, { includeInternal: false });
    expect(timeline.map((event) => event.status)).toEqual(['payment_pending', 'submitted']);
    const mails = await mailsOf(record.id);
    expect(mails.map((mail) => mail.subject)).toEqual([
      `Ihr Antrag ${record.number}: Zahlung offen`,
      `Ihr Antrag ${record.number}: Eingegangen`,
    ]);
    await expect(
      cases.transaction((tx) => cases.transition(tx, '00000000-0000-4000-8000-000000000000', paidInput)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps internal notes out of the citizen timeline', async () => {
    const record = await create();
    await cases.transaction((tx) => cases.addEvent(tx, record.id, { de: 'Rückruf vereinbart' }, clerk, true));
    await cases.transaction((tx) =>
      cases.addEvent(tx, record.id, { de: 'Unterlagen angefordert', en: 'Documents requested' }),
    );
    const forCitizen = await cases.timeline(record.id, { includeInternal: false });
    const forStaff = await cases.timeline(record.id, { includeInternal: true });
    expect(forCitizen.map((event) => event.text.de)).toEqual([
      'Antrag eingegangen.',
      'Unterlagen angefordert',
    ]);
    expect(forStaff.find((event) => event.internal)).toMatchObject({
      text: { de: 'Rückruf vereinbart' },
      actor: clerk.displayName,
    });
  });

  it('finds a case for its own subject only', async () => {
    const record = await create();
    expect((await cases.findForSubject(record.subject, record.id))?.id).toBe(record.id);
    expect(await cases.findForSubject(john.subject, record.id)).toBeUndefined();
    expect(await cases.findForSubject(record.subject, 'not-a-uuid')).toBeUndefined();
    expect((await cases.listForSubject(john.subject)).some((c) => c.id === record.id)).toBe(false);
  });

  it('take, approve, reject and finish: status, assignment, audit and e-mail', async () => {
    const first = await create();
    const taken = await cases.take(first.id, clerk);
    expect(taken).toMatchObject({ status: 'in_progress', assignedTo: clerk.id });
    await expect(cases.approve(first.id, clerk, {})).rejects.toBeInstanceOf(ValidationError);
    expect((await cases.findById(first.id))?.status).toBe('in_progress');
    const approved = await cases.approve(first.id, clerk, { choice: 'paper' });
    expect(approved).toMatchObject({ status: 'approved', data: { personId: 'p1', paper: true } });
    await expect(cases.reject(first.id, clerk, 'zu spät')).rejects.toBeInstanceOf(ConflictError);
    const finished = await cases.finish(first.id, clerk);
    expect(finished.status).toBe('completed');
    const timeline = await cases.timeline(first.id, { includeInternal: false });
    expect(timeline.at(-1)).toMatchObject({ status: 'completed', actor: clerk.displayName });
    expect(timeline.at(-1)!.text.de).toContain('Gedruckt und versandt');
    const actions = (await t.services.audit.list({ entityType: 'vorgang', entityId: first.id }))
      .map((entry) => entry.action)
      .reverse();
    expect(actions).toEqual(['vorgang.take', 'vorgang.approve', 'vorgang.finish']);
    expect((await mailsOf(first.id)).map((mail) => mail.subject.split(': ')[1])).toEqual([
      'Eingegangen',
      'In Bearbeitung',
      'Genehmigt',
      'Erledigt',
    ]);

    const second = await create();
    await cases.take(second.id, clerk);
    await expect(cases.reject(second.id, clerk, '   ')).rejects.toBeInstanceOf(ValidationError);
    const rejected = await cases.reject(second.id, clerk, 'Keine Meldung in dieser Stadt.');
    expect(rejected.status).toBe('rejected');
    const mails = await mailsOf(second.id);
    // The reason is on the case page only, not in the e-mail.
    expect(mails.at(-1)!.text).not.toContain('Keine Meldung');
  });

  it('lets only the clerk who has taken a case approve, reject or finish it', async () => {
    const waiting = await create();
    // A waiting case is taken first, also to reject it.
    await expect(cases.reject(waiting.id, clerk, 'Doppelt gestellt.')).rejects.toThrow(
      'Bitte übernehmen Sie den Vorgang, bevor Sie ihn ablehnen.',
    );
    await expect(cases.approve(waiting.id, clerk, { choice: 'p1' })).rejects.toBeInstanceOf(ConflictError);

    await cases.take(waiting.id, clerk);
    const taken = `Diesen Vorgang bearbeitet ${clerk.displayName}. Übernehmen Sie ihn zuerst.`;
    await expect(cases.approve(waiting.id, colleague, { choice: 'p1' })).rejects.toThrow(taken);
    await expect(cases.approve(waiting.id, colleague, { choice: 'p1' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    // The conflict comes before the reason is looked at: the form is not on the colleague's page.
    await expect(cases.reject(waiting.id, colleague, '')).rejects.toThrow(taken);
    await expect(cases.reject(waiting.id, colleague, 'Nicht zuständig.')).rejects.toThrow(taken);
    expect(await cases.findById(waiting.id)).toMatchObject({ status: 'in_progress', assignedTo: clerk.id });

    // Approved for print by the clerk: finishing is theirs too, until a colleague takes it over.
    await cases.approve(waiting.id, clerk, { choice: 'paper' });
    await expect(cases.finish(waiting.id, colleague)).rejects.toThrow(taken);
    expect((await cases.findById(waiting.id))?.status).toBe('approved');
    const handedOver = await cases.take(waiting.id, colleague);
    expect(handedOver).toMatchObject({ status: 'approved', assignedTo: colleague.id });
    await expect(cases.finish(waiting.id, clerk)).rejects.toThrow(
      `Diesen Vorgang bearbeitet ${colleague.displayName}. Übernehmen Sie ihn zuerst.`,
    );
    expect((await cases.finish(waiting.id, colleague)).status).toBe('completed');
    const actions = (await t.services.audit.list({ entityType: 'vorgang', entityId: waiting.id }))
      .map((entry) => entry.action)
      .reverse();
    expect(actions).toEqual(['vorgang.take', 'vorgang.approve', 'vorgang.take', 'vorgang.finish']);
    const internal = await cases.timeline(waiting.id, { includeInternal: true });
    expect(internal.find((event) => event.internal)?.text.de).toBe(
      `Von ${colleague.displayName} übernommen.`,
    );
  });

  it('notes a revoked certificate on its case and tells the citizen, without the reason', async () => {
    const record = await create({ lang: 'en' });
    await cases.transaction((tx) =>
      cases.certificateRevoked(tx, {
        caseId: record.id,
        revokedAt: new Date('2026-12-03T09:00:00Z'),
        revokedBy: clerk.displayName,
      }),
    );
    const [event] = (await cases.timeline(record.id, { includeInternal: false })).slice(-1);
    expect(event).toMatchObject({ status: null, internal: false, actor: clerk.displayName });
    expect(event!.text).toEqual({
      de: 'Die Bescheinigung wurde am 3. Dezember 2026 widerrufen und ist nicht mehr gültig. Bei Fragen wenden Sie sich bitte an das Bürgeramt.',
      en: 'The certificate was revoked on 3 December 2026 and is no longer valid. If you have questions, please contact the citizen office.',
    });
    expect((await cases.findById(record.id))?.status).toBe('submitted');
    const mail = (await mailsOf(record.id)).at(-1)!;
    expect(mail.subject).toBe(`Your application ${record.number}: Certificate revoked`);
    expect(mail.text).toContain('was revoked on 3 December 2026 and is no longer valid');
    expect(mail.text).toContain('Please do not use the revoked certificate any more.');

    // A certificate without a case of ours (or with a malformed id) changes nothing.
    await cases.transaction((tx) =>
      cases.certificateRevoked(tx, { caseId: '00000000-0000-4000-8000-000000000000', revokedAt: null }),
    );
    await cases.transaction((tx) => cases.certificateRevoked(tx, { caseId: 'c-42', revokedAt: null }));
  });

  it('rolls back what the handler wrote when it refuses', async () => {
    const record = await create();
    await cases.take(record.id, clerk);
    await expect(cases.approve(record.id, clerk, { choice: 'boom' })).rejects.toBeInstanceOf(ValidationError);
    expect(await t.services.audit.list({ entityType: 'test' })).toEqual([]);
    expect((await cases.findById(record.id))?.status).toBe('in_progress');
  });

  it('refuses unknown services and double registrations', async () => {
    expect(() => cases.handler('unknown')).toThrow();
    expect(() => cases.registerHandler(testHandler(async () => {}))).toThrow(/already registered/);
    await expect(create({ serviceKey: 'unknown' })).rejects.toThrow();
  });
});

const paidInput = { status: 'submitted' as const, timeline: { de: 'x' } };
