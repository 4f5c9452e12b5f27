import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/support/test-app.js';
import { openTestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import { LocalSmsSender, SMS_MAX_ATTEMPTS, SmsRejectedError, SmsService } from './sms.js';
import { smsOutbox } from './sms.tables.js';

describe('SmsService', () => {
  let database: DatabaseHandle;
  let now: Date;
  let sender: LocalSmsSender;
  let sms: SmsService;
  const row = async (id: number) =>
    (await database.db.select().from(smsOutbox).where(eq(smsOutbox.id, id)))[0]!;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    now = new Date('2027-03-01T08:00:00Z');
    await database.db.delete(smsOutbox);
    sender = new LocalSmsSender();
    sms = new SmsService(database.db, sender, () => now);
  });

  it('queues within the caller’s transaction: a rollback leaves no SMS', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await sms.queue(tx, { to: '0171 2345678', body: 'Hallo', kind: 'test' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await sms.list()).toEqual([]);
    const id = await database.db.transaction((tx) =>
      sms.queue(tx, { to: '0171 2345678', body: 'Hallo', kind: 'test' }),
    );
    expect(await row(id)).toMatchObject({ recipient: '+491712345678', status: 'queued', attempts: 0 });
  });

  it('hands due messages to the sender and records the provider’s id', async () => {
    const id = await sms.queue(database.db, {
      to: '+491712345678',
      body: 'Ihr Ausweis ist da.',
      kind: 'test',
    });
    expect(await sms.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(sender.sent).toHaveLength(1);
    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      providerId: sender.sent[0]!.providerId,
      sentAt: now,
    });
    // Nothing is sent twice.
    expect(await sms.deliverDue()).toEqual({ sent: 0, failed: 0 });
  });

  it('retries a temporary failure later with back-off', async () => {
    const id = await sms.queue(database.db, { to: '+491712345678', body: 'x', kind: 'test' });
    sender.failNext(1);
    expect(await sms.deliverDue()).toEqual({ sent: 0, failed: 1 });
    expect(await row(id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: expect.stringContaining('nicht erreichbar'),
      nextAttemptAt: new Date(now.getTime() + 60_000),
    });
    expect(await sms.deliverDue()).toEqual({ sent: 0, failed: 0 });
    now = new Date(now.getTime() + 61_000);
    expect(await sms.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('gives up at once on a refused number, and after the last attempt otherwise', async () => {
    const refused = await sms.queue(database.db, { to: '12345', body: 'x', kind: 'test' });
    expect(await sms.deliverDue()).toEqual({ sent: 0, failed: 1 });
    expect(await row(refused)).toMatchObject({ status: 'failed', attempts: 1 });

    const id = await sms.queue(database.db, { to: '+491712345678', body: 'x', kind: 'test' });
    sender.failNext(SMS_MAX_ATTEMPTS);
    for (let attempt = 1; attempt <= SMS_MAX_ATTEMPTS; attempt++) {
      await sms.deliverDue();
      now = new Date(now.getTime() + 61 * 60_000);
    }
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: SMS_MAX_ATTEMPTS });
    expect(sender.sent).toEqual([]);
    // A rejection thrown by a provider adapter is final too.
    const custom = new SmsService(
      database.db,
      {
        label: 'Test',
        delivers: true,
        send: async () => {
          throw new SmsRejectedError('blocked');
        },
      },
      () => now,
    );
    const blocked = await custom.queue(database.db, { to: '+491712345678', body: 'x', kind: 'test' });
    await custom.deliverDue();
    expect(await row(blocked)).toMatchObject({ status: 'failed', lastError: 'blocked' });
  });

  it('deletes sent and failed messages after the retention period, never queued ones', async () => {
    const sent = await sms.queue(database.db, { to: '+491712345678', body: 'a', kind: 'test' });
    await sms.deliverDue();
    sender.failNext(1);
    const queued = await sms.queue(database.db, { to: '+491712345679', body: 'b', kind: 'test' });
    await sms.deliverDue();
    now = new Date(now.getTime() + 89 * 86_400_000);
    expect(await sms.purgeFinished(90)).toBe(0);
    now = new Date(now.getTime() + 2 * 86_400_000);
    expect(await sms.purgeFinished(90)).toBe(1);
    const left = (await sms.list()).map((r) => r.id);
    expect(left).toEqual([queued]);
    expect(left).not.toContain(sent);
  });
});

describe('SMS page', () => {
  let demo: TestApp;
  let live: TestApp;
  beforeAll(async () => {
    [demo, live] = await Promise.all([
      createTestApp(),
      createTestApp({
        env: { BUERGERAMT_DEMO: 'off', BUERGERAMT_COOKIE_SECRET: 'test-secret-test-secret-test-secret-0123' },
      }),
    ]);
    for (const t of [demo, live]) {
      await t.services.sms.queue(t.database.db, {
        to: '0171 2345678',
        body: 'Stadt Rheinfeld: Ihr Personalausweis ist abholbereit.',
        kind: 'document.ready',
      });
      await t.services.sms.deliverDue();
    }
  });
  afterAll(async () => {
    await Promise.all([demo.close(), live.close()]);
  });

  it('lists stored SMS to anyone in demo mode', async () => {
    const response = await demo.app.inject('/verwaltung/sms');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('+491712345678');
    expect(response.body).toContain('Ihr Personalausweis ist abholbereit.');
    expect(response.body).toContain('nur gespeichert');
    expect(response.body).toContain('<h1');
  });

  it('is for admins only outside demo mode', async () => {
    const anonymous = await live.app.inject('/verwaltung/sms');
    expect([302, 303, 401, 403]).toContain(anonymous.statusCode);
    expect(anonymous.body).not.toContain('+491712345678');
    const clerk = await staffSession(live.app, 'sachbearbeitung');
    expect((await clerk.get('/verwaltung/sms')).statusCode).toBe(403);
    const admin = await staffSession(live.app, 'admin');
    const page = await admin.get('/verwaltung/sms');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('+491712345678');
  });
});
