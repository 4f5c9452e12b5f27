import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/support/test-app.js';
import { hashKey } from './service-accounts.service.js';

const keyOnPage = (html: string) => html.match(/value="(ba_[A-Za-z0-9_-]{43})"/)?.[1];

describe('service accounts', () => {
  let t: TestApp;
  let now: Date;
  beforeAll(async () => {
    now = new Date('2026-12-01T09:00:00Z');
    t = await createTestApp({ now: () => now });
  });
  afterAll(() => t.close());

  const admin = { id: null, name: 'Test-Admin' };

  it('creates an account with a random key shown once; only its hash and prefix are stored, audited', async () => {
    const { account, key } = await t.services.serviceAccounts.create(admin, {
      name: '  Fachverfahren Meldewesen ',
      scopes: ['documents:write', 'documents:write'],
    });
    expect(key).toMatch(/^ba_[A-Za-z0-9_-]{43}$/);
    expect(account).toMatchObject({
      name: 'Fachverfahren Meldewesen',
      scopes: ['documents:write'],
      keyPrefix: key.slice(0, 11),
      keyHash: hashKey(key),
      createdBy: 'Test-Admin',
      revokedAt: null,
    });
    const second = await t.services.serviceAccounts.create(admin, {
      name: 'Zweites',
      scopes: ['documents:write'],
    });
    expect(second.key).not.toBe(key);
    const [entry] = await t.services.audit.list({ entityType: 'service_account', entityId: account.id });
    expect(entry).toMatchObject({ action: 'service_account.create', actorName: 'Test-Admin' });
    expect(JSON.stringify(entry!.after)).not.toContain(account.keyHash);
    expect(JSON.stringify(entry!.after)).not.toContain(key);
  });

  it('refuses a missing name and unknown scopes', async () => {
    await expect(t.services.serviceAccounts.create(admin, { name: ' ', scopes: [] })).rejects.toMatchObject({
      fieldErrors: { name: expect.any(String), scopes: expect.any(String) },
    });
    await expect(
      t.services.serviceAccounts.create(admin, { name: 'X', scopes: ['documents:write', 'admin'] }),
    ).rejects.toMatchObject({ fieldErrors: { scopes: expect.any(String) } });
  });

  it('authenticates a key, notes its use at most once a minute, and stops at revocation', async () => {
    const service = t.services.serviceAccounts;
    const { account, key } = await service.create(admin, { name: 'Scanner', scopes: ['documents:write'] });
    expect((await service.authenticate(key))?.id).toBe(account.id);
    const firstUse = new Date(now);
    const lastUsed = async () => (await service.list()).find((a) => a.id === account.id)!.lastUsedAt;
    expect(await lastUsed()).toEqual(firstUse);

    now = new Date(now.getTime() + 30_000);
    await service.authenticate(key);
    expect(await lastUsed()).toEqual(firstUse);
    now = new Date(now.getTime() + 31_000);
    await service.authenticate(key);
    expect(await lastUsed()).toEqual(now);

    // Wrong, altered, malformed and missing keys.
    expect(await service.authenticate(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
    expect(await service.authenticate(account.keyHash)).toBeUndefined();
    expect(await service.authenticate('')).toBeUndefined();
    expect(await service.authenticate(undefined)).toBeUndefined();

    const revoked = await service.revoke(admin, account.id);
    expect(revoked.revokedAt).toEqual(now);
    expect(await service.authenticate(key)).toBeUndefined();
    await expect(service.revoke(admin, account.id)).rejects.toMatchObject({ statusCode: 409 });
    await expect(service.revoke(admin, 'nope')).rejects.toMatchObject({ statusCode: 404 });
    const actions = (
      await t.services.audit.list({ entityType: 'service_account', entityId: account.id })
    ).map((entry) => entry.action);
    expect(actions).toEqual(['service_account.revoke', 'service_account.create']);
  });
});

describe('service accounts page (/verwaltung/dienstkonten)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is for admins only', async () => {
    const clerk = await staffSession(t.app, 'teamleitung');
    expect((await clerk.get('/verwaltung/dienstkonten')).statusCode).toBe(403);
    expect(
      (await clerk.post('/verwaltung/dienstkonten', { name: 'X', scopes: 'documents:write' })).statusCode,
    ).toBe(403);
    expect((await t.services.serviceAccounts.list()).length).toBe(0);
  });

  it('creates an account, shows its key once, lists it by prefix and revokes it', async () => {
    const s = await staffSession(t.app, 'admin');
    const empty = await s.get('/verwaltung/dienstkonten');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Dienstkonto anlegen');

    const created = await s.post('/verwaltung/dienstkonten', {
      name: 'Fachverfahren',
      scopes: 'documents:write',
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const key = keyOnPage(created.body);
    expect(key).toBeDefined();
    const account = await t.services.serviceAccounts.authenticate(key);
    expect(account).toMatchObject({ name: 'Fachverfahren', scopes: ['documents:write'] });

    const list = await s.get('/verwaltung/dienstkonten');
    expect(list.body).toContain('Fachverfahren');
    expect(list.body).toContain(`${key!.slice(0, 11)}…`);
    expect(list.body).not.toContain(key!);

    const revoked = await s.post(`/verwaltung/dienstkonten/${account!.id}/sperren`, {});
    expect(revoked.statusCode).toBe(303);
    expect(await t.services.serviceAccounts.authenticate(key)).toBeUndefined();
    const after = await s.get('/verwaltung/dienstkonten');
    expect(after.body).toContain('Gesperrt seit');

    const [entry] = await t.services.audit.list({ entityType: 'service_account', entityId: account!.id });
    expect(entry).toMatchObject({ action: 'service_account.revoke', actorId: expect.any(String) });
    const log = await s.get('/verwaltung/protokoll');
    expect(log.body).toContain('Dienstkonto gesperrt');
  });

  it('keeps the input and shows the problem when the form is incomplete; nothing is created', async () => {
    const s = await staffSession(t.app, 'admin');
    const before = (await t.services.serviceAccounts.list()).length;
    const response = await s.post('/verwaltung/dienstkonten', { name: 'Ohne Berechtigung' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Ohne Berechtigung');
    expect(response.body).toContain('href="#scopes"');
    const tampered = await s.post('/verwaltung/dienstkonten', { name: 'X', scopes: 'admin:all' });
    expect(tampered.statusCode).toBe(422);
    expect((await t.services.serviceAccounts.list()).length).toBe(before);
  });

  it('is in the staff navigation for admins', async () => {
    const s = await staffSession(t.app, 'admin');
    const dashboard = await s.get('/verwaltung');
    expect(dashboard.body).toContain('href="/verwaltung/dienstkonten"');
  });
});
