import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../../test/support/smtp-server.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { LocalSmsSender } from '../../platform/sms/sms.js';
import { applicant } from './dokumente.test-support.js';

const clerk = { id: null, name: 'Test' };
const staff = { source: 'staff', actor: clerk } as const;
const DAY = 86_400_000;
const checklist = {
  identityChecked: true,
  pinLetterReceived: true,
  oldDocument: 'invalidated',
  authorisedPerson: false,
} as const;

/**
 * A fresh app for the tests of one describe block, on a clock that starts at `start` and that the tests
 * move (`clock.now = …`).
 */
function appOnClock(start: Date) {
  const clock = { now: start } as { now: Date; t: TestApp };
  beforeAll(async () => {
    clock.t = await createTestApp({ now: () => clock.now });
  });
  afterAll(() => clock.t.close());
  return clock;
}

describe('"ready for pickup" notification job', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let now: Date;
  let sender: LocalSmsSender;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    now = new Date('2026-12-03T09:00:00Z');
    t = await createTestApp({ now: () => now, env: { BUERGERAMT_SMTP_URL: smtp.url } });
    sender = t.services.sms.sender as LocalSmsSender;
  });
  afterAll(async () => {
    t.services.mail.close();
    await t.close();
    await smtp.close();
  });

  it('e-mails each consenting citizen in their language, deletes the contact, and sends only once', async () => {
    const { document: card } = await t.services.dokumente.record(
      clerk,
      applicant('K9ZCJ0H01', {
        contactEmail: 'erika@example.org',
        contactPhone: '0171 2345678',
        contactConsent: true,
        contactLang: 'en',
      }),
    );
    const { document: passport } = await t.services.dokumente.record(
      clerk,
      applicant('K9ZCJ0H02', {
        documentType: 'reisepass',
        contactEmail: 'max@example.org',
        contactConsent: true,
        contactLang: 'de',
      }),
    );
    const { document: silent } = await t.services.dokumente.record(clerk, applicant('K9ZCJ0H03'));
    // Not ready yet: nothing to announce.
    await t.services.dokumenteJobs.notifyReady();
    expect((await t.services.dokumente.get(card.id)).notifiedAt).toBeNull();

    await t.services.dokumente.receiveDelivery(staff, ['K9ZCJ0H01', 'K9ZCJ0H02', 'K9ZCJ0H03']);
    expect(await t.services.dokumenteJobs.notifyReady()).toBeGreaterThanOrEqual(2);
    await t.services.mail.deliverDue();

    const [english] = await smtp.to('erika@example.org');
    expect(english?.subject).toBe('Your ID card is ready for pickup');
    expect(english?.text).toContain('serial number K9ZCJ0H01');
    expect(english?.text).toContain('PIN letter');
    expect(english?.text).toContain('written authorisation');
    expect(english?.text).toContain('Markt'); // the pickup place's address
    expect(english?.text).toContain('/ausweisstatus?nummer=K9ZCJ0H01');
    expect(english?.text).toContain('Stadt Rheinfeld');
    expect(english?.headers.get('content-language')).toBe('en');
    // Nothing more personal than needed.
    expect(english?.text).not.toContain('Mustermann');
    expect(english?.text).not.toContain('1964');

    const [german] = await smtp.to('max@example.org');
    expect(german?.subject).toBe('Ihr Reisepass ist abholbereit');
    expect(german?.text).toContain('Seriennummer K9ZCJ0H02');
    expect(german?.text).toContain('bisheriges Dokument');
    expect(german?.text).not.toContain('PIN-Brief');

    for (const id of [card.id, passport.id]) {
      const document = await t.services.dokumente.get(id);
      expect(document).toMatchObject({ contactEmail: null, contactPhone: null, notifiedAt: now });
    }
    expect((await t.services.dokumente.get(silent.id)).notifiedAt).toBeNull();
    const [entry] = await t.services.audit.list({ entityType: 'document', entityId: card.id });
    expect(entry).toMatchObject({ action: 'document.notify', actorName: 'System' });
    expect(JSON.stringify(entry!.after)).not.toContain('erika@example.org');

    // A second run (another node, or after a restart) sends nothing.
    const count = smtp.received.length;
    expect(await t.services.dokumenteJobs.notifyReady()).toBe(0);
    await t.services.mail.deliverDue();
    expect(smtp.received.length).toBe(count);
  });

  it('sends the SMS through the sender when a phone number was given, and retries a failure later', async () => {
    // The SMS of the first test is queued; the provider is down once.
    sender.failNext(1);
    expect(await t.services.sms.deliverDue()).toMatchObject({ sent: 0, failed: 1 });
    expect(sender.sent.filter((sms) => sms.to === '+491712345678')).toEqual([]);
    now = new Date(now.getTime() + 61_000);
    expect(await t.services.sms.deliverDue()).toMatchObject({ sent: 1 });
    const [sms] = sender.sent.filter((message) => message.to === '+491712345678');
    expect(sms?.body).toContain('ID card (K9ZCJ0H01) is ready for pickup');
    expect(sms?.body).toContain('PIN letter');
    const [row] = (await t.services.sms.list()).filter((r) => r.recipient === '+491712345678');
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 2,
      kind: 'document.ready',
      providerId: sms?.providerId,
    });
  });

  it('announces a document whose citizen signs up after it became ready', async () => {
    const { document, signupCode } = await t.services.dokumente.record(clerk, applicant('K9ZCJ0H04'));
    await t.services.dokumente.receiveDelivery(staff, ['K9ZCJ0H04']);
    await t.services.dokumenteJobs.notifyReady();
    expect(
      await t.services.dokumente.signUp({
        serialNumber: 'K9ZCJ0H04',
        code: signupCode,
        email: 'late@example.org',
        lang: 'de',
      }),
    ).toBe(true);
    expect(await t.services.dokumenteJobs.notifyReady()).toBe(1);
    await t.services.mail.deliverDue();
    expect(await smtp.to('late@example.org')).toHaveLength(1);
    expect((await t.services.dokumente.get(document.id)).contactEmail).toBeNull();
  });
  it('queues one message per document even when several nodes run the job at the same time', async () => {
    const { document } = await t.services.dokumente.record(
      clerk,
      applicant('K9ZCJ0H05', {
        contactEmail: 'race@example.org',
        contactPhone: '+491719999999',
        contactConsent: true,
      }),
    );
    await t.services.dokumente.receiveDelivery(staff, ['K9ZCJ0H05']);
    const runs = await Promise.all([1, 2, 3].map(() => t.services.dokumenteJobs.notifyReady()));
    expect(runs.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(await t.services.mail.listFor('document.ready', document.id)).toHaveLength(1);
    expect((await t.services.sms.list()).filter((sms) => sms.recipient === '+491719999999')).toHaveLength(1);
  });
});

describe('reminder job', () => {
  const start = new Date('2026-12-03T09:00:00Z');
  const clock = appOnClock(start);

  it('marks documents uncollected after reminderDays; e-mails only where a contact is still present', async () => {
    const { t } = clock;
    const reminderDays = t.services.dokumente.periods.reminderDays;
    const { document: notified } = await t.services.dokumente.record(
      clerk,
      applicant('K9ZCR0M01', { contactEmail: 'a@example.org', contactConsent: true }),
    );
    const { document: withContact } = await t.services.dokumente.record(
      clerk,
      applicant('K9ZCR0M02', { contactEmail: 'b@example.org', contactConsent: true, contactLang: 'en' }),
    );
    const { document: collected } = await t.services.dokumente.record(clerk, applicant('K9ZCR0M03'));
    await t.services.dokumente.receiveDelivery(staff, ['K9ZCR0M01', 'K9ZCR0M03']);
    await t.services.dokumenteJobs.notifyReady(); // deletes the first one's contact
    await t.services.dokumente.receiveDelivery(staff, ['K9ZCR0M02']); // ready, not yet announced
    await t.services.dokumente.handOver(clerk, collected.id, checklist);

    clock.now = new Date(start.getTime() + (reminderDays - 1) * DAY);
    await t.services.dokumenteJobs.remindUncollected();
    expect((await t.services.dokumente.get(notified.id)).reminderSentAt).toBeNull();

    clock.now = new Date(start.getTime() + reminderDays * DAY);
    expect(await t.services.dokumenteJobs.remindUncollected()).toBeGreaterThanOrEqual(2);
    expect((await t.services.dokumente.get(notified.id)).reminderSentAt).toEqual(clock.now);
    expect((await t.services.dokumente.get(withContact.id)).reminderSentAt).toEqual(clock.now);
    expect((await t.services.dokumente.get(collected.id)).reminderSentAt).toBeNull();
    expect(await t.services.mail.listFor('document.reminder', notified.id)).toEqual([]);
    const [reminder] = await t.services.mail.listFor('document.reminder', withContact.id);
    expect(reminder).toMatchObject({ recipient: 'b@example.org', lang: 'en' });
    expect(reminder?.subject).toBe('Reminder: your ID card is ready for pickup');
    // The staff's list of uncollected documents shows both.
    const uncollected = (await t.services.dokumente.uncollected()).map((d) => d.id);
    expect(uncollected).toEqual(expect.arrayContaining([notified.id, withContact.id]));
    // Once only.
    expect(await t.services.dokumenteJobs.remindUncollected()).toBe(0);
  });
});

describe('retention: personal data deleted after retentionDays', () => {
  const start = new Date('2026-12-03T09:00:00Z');
  const clock = appOnClock(start);

  it('purges a document handed over 91 days ago, keeps one handed over 89 days ago and a ready one', async () => {
    const { t } = clock;
    expect(t.services.dokumente.periods.retentionDays).toBe(90);
    const record = async (serial: string) =>
      (
        await t.services.dokumente.record(
          clerk,
          applicant(serial, { contactPhone: '0171 2345678', contactConsent: true }),
        )
      ).document;
    const old = await record('K9ZCP0R91');
    const recent = await record('K9ZCP0R89');
    const ready = await record('K9ZCP0R00');
    await t.services.dokumente.receiveDelivery(staff, [
      old.serialNumber,
      recent.serialNumber,
      ready.serialNumber,
    ]);
    await t.services.dokumente.handOver(clerk, old.id, checklist);
    clock.now = new Date(start.getTime() + 2 * DAY);
    await t.services.dokumente.handOver(clerk, recent.id, checklist);

    // A day before the period ends: nothing yet.
    clock.now = new Date(start.getTime() + 89 * DAY);
    await t.services.dokumenteJobs.purgePersonalData();
    expect((await t.services.dokumente.get(old.id)).applicantName).toBe('Erika Mustermann');

    clock.now = new Date(start.getTime() + 91 * DAY);
    expect(await t.services.dokumenteJobs.purgePersonalData()).toBeGreaterThanOrEqual(1);
    const purged = await t.services.dokumente.get(old.id);
    expect(purged).toMatchObject({
      applicantName: null,
      applicantBirthDate: null,
      contactEmail: null,
      contactPhone: null,
      signupCodeHash: null,
      personalDataPurgedAt: clock.now,
      // What is not personal stays: serial, type, status.
      serialNumber: 'K9ZCP0R91',
      status: 'ausgehaendigt',
    });
    expect(await t.services.dokumente.get(recent.id)).toMatchObject({
      applicantName: 'Erika Mustermann',
      applicantBirthDate: '1964-08-12',
      personalDataPurgedAt: null,
    });
    expect(await t.services.dokumente.get(ready.id)).toMatchObject({
      applicantName: 'Erika Mustermann',
      personalDataPurgedAt: null,
    });

    const [entry] = await t.services.audit.list({ entityType: 'document', entityId: old.id });
    expect(entry).toMatchObject({ action: 'document.purge', actorName: 'System', actorId: null });
    expect(JSON.stringify(entry)).not.toContain('Mustermann');
    // Nothing twice.
    const second = await t.services.dokumenteJobs.purgePersonalData();
    expect(second).toBe(0);
    expect((await t.services.audit.list({ entityType: 'document', entityId: old.id }))[0]?.id).toBe(
      entry!.id,
    );
  });
});
