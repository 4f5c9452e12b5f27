import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../../test/support/smtp-server.js';
import { openTestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import { backoffMinutes, MAX_ATTEMPTS, type MailMessage, MailService } from './mail.service.js';
import { outbox } from './mail.tables.js';

/** A port nobody listens on. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const FROM = 'Bürgeramt Musterstadt <buergeramt@musterstadt.example>';
const smtpTestOptions = { ignoreTLS: true, secure: false, connectionTimeout: 5_000 };

const calendar = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//buergeramt//test//DE',
  'BEGIN:VEVENT',
  'UID:termin-42@musterstadt.example',
  'DTSTART:20270301T090000Z',
  'SUMMARY:Personalausweis beantragen',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    to: 'erika.mustermann@example.org',
    subject: 'Ihr Termin im Bürgeramt',
    text: 'Guten Tag,\n\nbitte bestätigen Sie Ihren Termin: https://buergeramt.example/termin/abc\n',
    lang: 'de',
    kind: 'appointment.confirm-link',
    reference: 'termin-42',
    ...overrides,
  };
}

describe('MailService', () => {
  let database: DatabaseHandle;
  let now: Date;
  const clock = () => now;
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
  const services: MailService[] = [];
  const mailService = (smtpUrl?: string) => {
    const service = new MailService(database.db, { smtpUrl, from: FROM, smtp: smtpTestOptions }, clock);
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    now = new Date('2027-03-01T08:00:00Z');
    await database.db.delete(outbox);
  });
  afterEach(() => {
    for (const service of services.splice(0)) service.close();
  });

  it('queues within the caller transaction: a rollback leaves nothing queued', async () => {
    const mail = mailService();
    await expect(
      database.db.transaction(async (tx) => {
        await mail.queue(tx, message());
        throw new Error('domain change failed');
      }),
    ).rejects.toThrow('domain change failed');
    expect(await mail.list(10)).toEqual([]);

    const id = await database.db.transaction((tx) => mail.queue(tx, message()));
    const row = await mail.findById(id);
    expect(row).toMatchObject({
      recipient: 'erika.mustermann@example.org',
      status: 'queued',
      attempts: 0,
      kind: 'appointment.confirm-link',
      reference: 'termin-42',
      lang: 'de',
    });
    expect(row?.createdAt).toEqual(now);
    expect(await mail.listFor('appointment.confirm-link', 'termin-42')).toHaveLength(1);
    expect(await mail.listFor('appointment.confirm-link', 'termin-43')).toHaveLength(0);
  });

  it('stores the mail (no SMTP configured) and does not pick it up again', async () => {
    const mail = mailService();
    const id = await mail.queue(database.db, message());
    expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 0, stored: 1 });
    expect(await mail.findById(id)).toMatchObject({ status: 'stored', sentAt: null, lastError: null });
    expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 0, stored: 0 });
    expect(mail.smtpConfigured).toBe(false);
  });

  it('sends over SMTP with subject, text and an attachment', async () => {
    const smtp = await startSmtpServer();
    try {
      const mail = mailService(smtp.url);
      const id = await mail.queue(
        database.db,
        message({
          subject: 'Terminbestätigung: Personalausweis – 1. März',
          attachments: [{ filename: 'termin.ics', contentType: 'text/calendar', content: calendar }],
        }),
      );
      expect(await mail.deliverDue()).toEqual({ sent: 1, failed: 0, stored: 0 });
      expect(await mail.findById(id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: now });

      expect(smtp.received).toHaveLength(1);
      const [delivery] = smtp.received;
      expect(delivery?.from).toBe('buergeramt@musterstadt.example');
      expect(delivery?.to).toEqual(['erika.mustermann@example.org']);
      const parsed = await simpleParser(delivery!.raw);
      expect(parsed.subject).toBe('Terminbestätigung: Personalausweis – 1. März');
      expect(parsed.text?.trim()).toBe(message().text.trim());
      expect(parsed.from?.text).toContain('buergeramt@musterstadt.example');
      expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
      expect(parsed.attachments).toHaveLength(1);
      expect(parsed.attachments[0]).toMatchObject({ filename: 'termin.ics', contentType: 'text/calendar' });
      expect(parsed.attachments[0]?.content.toString('utf8')).toBe(calendar);

      expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 0, stored: 0 });
    } finally {
      await smtp.close();
    }
  });

  it('keeps a rejected mail queued with a backoff and the error', async () => {
    const smtp = await startSmtpServer({ rejectRcpt: true });
    try {
      const mail = mailService(smtp.url);
      const id = await mail.queue(database.db, message());
      expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 1, stored: 0 });
      const row = await mail.findById(id);
      expect(row).toMatchObject({ status: 'queued', attempts: 1, sentAt: null });
      expect(row?.nextAttemptAt).toEqual(minutes(1));
      expect(row?.lastError).toContain('Mailbox unavailable');

      // Not due yet: nothing happens; one minute later the second attempt waits two minutes.
      expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 0, stored: 0 });
      now = minutes(1);
      expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 1, stored: 0 });
      expect(await mail.findById(id)).toMatchObject({ attempts: 2, nextAttemptAt: minutes(2) });
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts (server not reachable)`, async () => {
    const mail = mailService(`smtp://127.0.0.1:${await closedPort()}`);
    const id = await mail.queue(database.db, message());
    const waits: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 1, stored: 0 });
      const row = (await mail.findById(id))!;
      expect(row).toMatchObject({ status: 'queued', attempts: attempt });
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
      waits.push((row.nextAttemptAt.getTime() - now.getTime()) / 60_000);
      now = row.nextAttemptAt;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 1, stored: 0 });
    expect(await mail.findById(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });

    now = minutes(24 * 60);
    expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 0, stored: 0 });
  });

  it('delivers each mail once when several nodes run the job at the same time', async () => {
    const smtp = await startSmtpServer();
    try {
      const first = mailService(smtp.url);
      const second = mailService(smtp.url);
      for (let i = 0; i < 6; i++) {
        await first.queue(database.db, message({ to: `person${i}@example.org`, reference: `t${i}` }));
      }
      const results = await Promise.all([first.deliverDue(), second.deliverDue(), first.deliverDue()]);
      expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(6);
      expect(smtp.received.map((delivery) => delivery.to[0]).sort()).toEqual(
        [0, 1, 2, 3, 4, 5].map((i) => `person${i}@example.org`),
      );
      expect((await first.list()).every((row) => row.status === 'sent')).toBe(true);
    } finally {
      await smtp.close();
    }
  });

  it('deletes handled mails after the retention period, and never queued ones', async () => {
    const mail = mailService();
    await mail.queue(database.db, message({ to: 'old@example.org' }));
    await mail.deliverDue();
    // Still waiting for delivery (e.g. the SMTP server is away): kept whatever its age.
    await mail.queue(database.db, message({ to: 'queued@example.org' }));
    now = minutes(31 * 24 * 60);
    await mail.queue(database.db, message({ to: 'new@example.org' }));
    expect(await mail.purgeHandled(30)).toBe(1);
    const left = (await mail.list(10)).map((row) => row.recipient).sort();
    expect(left).toEqual(['new@example.org', 'queued@example.org']);
  });

  it('respects the limit and delivers the oldest due mail first', async () => {
    const mail = mailService();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await mail.queue(database.db, message({ reference: `r${i}` })));
    expect(await mail.deliverDue(2)).toEqual({ sent: 0, failed: 0, stored: 2 });
    expect((await mail.findById(ids[2]!))?.status).toBe('queued');
    expect((await mail.list()).map((row) => row.id)).toEqual([...ids].reverse());
  });
});

describe('backoffMinutes', () => {
  it('doubles from one minute up to an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(backoffMinutes)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});
