import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { CertificateIssuer } from '../bescheinigungen/certificate-issuer.js';
import {
  CERTIFICATE_MAIL_KIND,
  type CertificateMailLogger,
  CertificateMails,
  defaultCertificateMailRetry,
  retryDelayMs,
} from './meldebescheinigung.mails.js';
import { certificateMails } from './meldebescheinigung.tables.js';

const start = new Date('2026-11-26T09:00:00Z');
let clock = start;
const at = (ms: number) => new Date(start.getTime() + ms);
const MINUTE = 60_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

/** Certificates whose PDF cannot be made (e.g. the data no longer match the seal). */
const broken = new Set<string>();
const pdfCalls: string[] = [];
const issuer: CertificateIssuer = {
  issue: () => Promise.reject(new Error('not used')),
  revokedAt: async () => null,
  async pdf(id) {
    pdfCalls.push(id);
    if (broken.has(id)) throw new Error('seal mismatch');
    return new TextEncoder().encode('%PDF-1.7 test');
  },
};

function mailsWith(log: CertificateMailLogger) {
  const mails = new CertificateMails(
    t.database.db,
    issuer,
    t.services.mail,
    { publicUrl: 'http://localhost:3000', authority: async () => 'Bürgeramt Test' },
    () => clock,
    { maxAttempts: 3, baseDelayMs: MINUTE, maxDelayMs: 10 * MINUTE },
  );
  mails.useLogger(log);
  return mails;
}

async function request(mails: CertificateMails, options: { broken?: boolean } = {}) {
  const caseId = randomUUID();
  const certificateId = randomUUID();
  if (options.broken) broken.add(certificateId);
  await t.database.db.transaction((tx) =>
    mails.request(tx, {
      caseId,
      caseNumber: `MB-2026-${caseId.slice(0, 6)}`,
      certificateId,
      recipient: 'person@example.org',
      applicantName: 'Test Person',
      lang: 'de',
    }),
  );
  return { caseId, certificateId };
}

describe('certificate e-mails whose PDF keeps failing', () => {
  it('back off, give up after the last attempt with a log line, and never block newer e-mails', async () => {
    const log = { warn: vi.fn(), error: vi.fn() };
    const mails = mailsWith(log);
    // 50 failing ones first (the oldest), then one that works.
    clock = at(-10 * MINUTE);
    const failing = [];
    for (let i = 0; i < 50; i++) failing.push(await request(mails, { broken: true }));
    clock = start;
    const good = await request(mails);

    // The first run takes the 50 due earliest: all fail, each waits a minute now.
    expect(await mails.deliver()).toBe(0);
    expect(log.warn).toHaveBeenCalledTimes(50);
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ certificateId: failing[0]!.certificateId, attempts: 1 }),
      expect.stringContaining('tried again later'),
    );
    // So the next run (at once) reaches the good one.
    expect(await mails.deliver()).toBe(1);
    expect(await t.services.mail.listFor(CERTIFICATE_MAIL_KIND, good.caseId)).toHaveLength(1);

    // Not before their time: nothing is tried a second early.
    pdfCalls.length = 0;
    clock = at(MINUTE - 1000);
    expect(await mails.deliver()).toBe(0);
    expect(pdfCalls).toEqual([]);
    clock = at(MINUTE);
    await mails.deliver();
    expect(pdfCalls).toHaveLength(50);
    const [row] = await t.database.db
      .select()
      .from(certificateMails)
      .where(eq(certificateMails.certificateId, failing[0]!.certificateId));
    expect(row).toMatchObject({ attempts: 2, gaveUpAt: null });
    expect(row!.nextAttemptAt.toISOString()).toBe(at(3 * MINUTE).toISOString());

    // The third and last attempt: given up, logged as an error (ids, no address), kept for the operators.
    clock = at(3 * MINUTE);
    await mails.deliver();
    expect(log.error).toHaveBeenCalledTimes(50);
    const [context, message] = log.error.mock.calls[0]!;
    expect(message).toContain('given up');
    expect(context).toMatchObject({ attempts: 3, reason: 'seal mismatch' });
    expect(JSON.stringify(context)).not.toContain('person@example.org');
    const given = await t.database.db
      .select()
      .from(certificateMails)
      .where(eq(certificateMails.certificateId, failing[0]!.certificateId));
    expect(given[0]!.gaveUpAt?.toISOString()).toBe(at(3 * MINUTE).toISOString());

    pdfCalls.length = 0;
    clock = at(30 * 24 * 60 * MINUTE);
    expect(await mails.deliver()).toBe(0);
    expect(pdfCalls).toEqual([]);
    // A case's own delivery (right after the submit) does not retry a given-up row either.
    expect(await mails.deliver(failing[1]!.caseId)).toBe(0);
    expect(pdfCalls).toEqual([]);
    clock = start;
  });

  it('waits twice as long after each failure, up to the maximum', () => {
    const retry = defaultCertificateMailRetry;
    expect([1, 2, 3, 4].map((failures) => retryDelayMs(failures, retry) / MINUTE)).toEqual([1, 2, 4, 8]);
    expect(retryDelayMs(9, retry)).toBe(256 * MINUTE);
    expect(retryDelayMs(10, retry)).toBe(retry.maxDelayMs);
    expect(retryDelayMs(1000, retry)).toBe(retry.maxDelayMs);
  });
});
