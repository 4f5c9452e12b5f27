import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, secondNode, type TestApp } from '../../../test/support/test-app.js';
import { actorOf } from '../../platform/audit/actor.js';
import type { DokumenteService } from './dokumente.service.js';
import { applicant } from './dokumente.test-support.js';

const clerk = actorOf(null);
const staff = { source: 'staff', actor: clerk } as const;

describe('ID documents service', () => {
  let t: TestApp;
  let dokumente: DokumenteService;
  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-12-03T09:00:00Z') });
    dokumente = t.services.dokumente;
  });
  afterAll(() => t.close());

  it('records each serial number once, even when two clerks record it at the same moment', async () => {
    const results = await Promise.allSettled([
      dokumente.record(clerk, applicant('K9ZC4FTR7')),
      dokumente.record(clerk, applicant('k9zc 4ftr7')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.fieldErrors.serialNumber).toContain('schon');
    expect((await dokumente.list({ query: 'K9ZC4FTR7' })).length).toBe(1);
    // The audit log outlives the retention period: nothing personal goes into it.
    const entries = await t.services.audit.list({ entityType: 'document' });
    expect(entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(entries)).not.toMatch(/Mustermann|1964-08-12/);
  });

  it('makes a delivery ready in one transaction: a failure leaves every document as it was', async () => {
    await dokumente.record(clerk, applicant('K9ZCN4M2P'));
    await dokumente.record(clerk, applicant('K9ZCN4M3P'));
    // A failing audit write in the middle of the delivery (the second document) rolls back the first.
    const audit = t.services.audit as unknown as { record: (...args: unknown[]) => Promise<void> };
    const original = audit.record.bind(audit);
    let calls = 0;
    audit.record = async (...args: unknown[]) => {
      calls += 1;
      if (calls === 2) throw new Error('disk full');
      return original(...args);
    };
    try {
      await expect(dokumente.receiveDelivery(staff, ['K9ZCN4M2P', 'K9ZCN4M3P'])).rejects.toThrow('disk full');
    } finally {
      audit.record = original;
    }
    expect((await dokumente.publicStatus('K9ZCN4M2P'))?.status).toBe('in_bearbeitung');
    expect((await dokumente.publicStatus('K9ZCN4M3P'))?.status).toBe('in_bearbeitung');
    const done = await dokumente.receiveDelivery(staff, ['K9ZCN4M2P', 'K9ZCN4M3P']);
    expect(done.updated).toBe(2);
    expect((await dokumente.publicStatus('K9ZCN4M3P'))?.status).toBe('bereit_zur_abholung');
  });

  it('hands over only with the checklist complete (PIN letter for ID cards, not for passports)', async () => {
    const { document: card } = await dokumente.record(clerk, applicant('K9ZCP7W2X'));
    const { document: passport } = await dokumente.record(
      clerk,
      applicant('K9ZCP7W3X', { documentType: 'reisepass' }),
    );
    await dokumente.receiveDelivery(staff, [card.serialNumber, passport.serialNumber]);
    const withoutPin = {
      identityChecked: true,
      pinLetterReceived: false,
      oldDocument: 'returned',
      authorisedPerson: false,
    } as const;
    await expect(dokumente.handOver(clerk, card.id, withoutPin)).rejects.toMatchObject({
      fieldErrors: { pinLetterReceived: expect.any(String) },
    });
    expect((await dokumente.get(card.id)).status).toBe('bereit_zur_abholung');
    await expect(dokumente.handOver(clerk, passport.id, withoutPin)).resolves.toMatchObject({
      status: 'ausgehaendigt',
    });
    await expect(
      dokumente.handOver(clerk, passport.id, { ...withoutPin, pinLetterReceived: true }),
    ).rejects.toMatchObject({ statusCode: 409 });
  });

  it('signs up for the ready message only with the code from the Abholschein', async () => {
    const { document, signupCode } = await dokumente.record(clerk, applicant('K9ZCR5T8V'));
    expect(signupCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const wrong = await dokumente.signUp({
      serialNumber: document.serialNumber,
      code: 'AAAA-AAAA',
      email: 'x@example.org',
      lang: 'en',
    });
    expect(wrong).toBe(false);
    expect((await dokumente.get(document.id)).contactEmail).toBeNull();
    const unknown = await dokumente.signUp({
      serialNumber: 'K9ZCR5T9V',
      code: signupCode,
      email: 'x@example.org',
      lang: 'en',
    });
    expect(unknown).toBe(false);
    const right = await dokumente.signUp({
      serialNumber: document.serialNumber.toLowerCase(),
      code: signupCode.toLowerCase().replace('-', ''),
      email: 'erika@example.org',
      lang: 'en',
    });
    expect(right).toBe(true);
    const stored = await dokumente.get(document.id);
    expect(stored).toMatchObject({ contactEmail: 'erika@example.org', contactLang: 'en' });
    expect(stored.contactConsentAt).not.toBeNull();
  });

  it('answers the public status with nothing personal, and unknown and malformed numbers alike', async () => {
    await dokumente.record(clerk, applicant('K9ZCW3X4Y'));
    const known = await dokumente.publicStatus('k9zc w3x4y');
    expect(known).toEqual({
      status: 'in_bearbeitung',
      documentType: 'personalausweis',
      pickup: { locationId: 'rathaus' },
      updatedAt: expect.any(Date),
    });
    expect(JSON.stringify(known)).not.toContain('Mustermann');
    expect(await dokumente.publicStatus('K9ZCW3X4Z')).toBeUndefined();
    expect(await dokumente.publicStatus('not a number')).toBeUndefined();
  });

  it('takes status changes from the register software by serial number, within the status rules', async () => {
    const api = { source: 'api', actor: { id: null, name: 'Melderegister' } } as const;
    await dokumente.record(clerk, applicant('K9ZCX2Y3Z'));
    await expect(dokumente.changeStatusBySerial(api, 'K9ZCX2Y3Z', 'in_direktversand')).resolves.toMatchObject(
      {
        status: 'in_direktversand',
      },
    );
    await expect(dokumente.changeStatusBySerial(api, 'K9ZCX2Y3Z', 'ausgehaendigt')).rejects.toMatchObject({
      statusCode: 409,
    });
    await expect(dokumente.changeStatusBySerial(api, 'K9ZCX2Y4Z', 'in_direktversand')).rejects.toMatchObject({
      statusCode: 404,
    });
    const document = (await dokumente.list({ query: 'K9ZCX2Y3Z' }))[0]!;
    const history = await dokumente.events(document.id);
    expect(history.map((event) => [event.toStatus, event.source, event.actorName])).toEqual([
      ['in_bearbeitung', 'staff', 'System'],
      ['in_direktversand', 'api', 'Melderegister'],
    ]);
  });
});

describe('the public status answers kept per node', () => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof secondNode>>;
  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-12-03T09:00:00Z') });
    second = await secondNode(t);
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  it('never keep an old answer: unknown until recorded, then each status as it changes, on every node', async () => {
    const dokumente = t.services.dokumente;
    const serial = 'K9ZCY4Z5C';
    expect(await dokumente.publicStatus(serial)).toBeUndefined();
    expect(await dokumente.publicStatus(serial)).toBeUndefined(); // kept as unknown
    const other = second?.app;
    const remote = async () =>
      other ? (await other.inject(`/api/v1/document-status/${serial}`)).statusCode : undefined;
    if (other) expect(await remote()).toBe(404);

    await dokumente.record(actorOf(null), applicant(serial));
    expect((await dokumente.publicStatus(serial))?.status).toBe('in_bearbeitung');
    if (other) await expect.poll(remote, { interval: 20, timeout: 1_000 }).toBe(200);

    await dokumente.receiveDelivery({ source: 'staff', actor: actorOf(null) }, [serial]);
    expect((await dokumente.publicStatus(serial))?.status).toBe('bereit_zur_abholung');
    if (other) {
      await expect
        .poll(async () => (await other.inject(`/api/v1/document-status/${serial}`)).json().status, {
          interval: 20,
          timeout: 1_000,
        })
        .toBe('BEREIT_ZUR_ABHOLUNG');
    }
  });
});
