import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { hashKey } from '../../platform/service-accounts/service-accounts.service.js';
import { serviceAccounts } from '../../platform/service-accounts/service-accounts.tables.js';
import { applicant } from './dokumente.test-support.js';

const clerk = { id: null, name: 'Test' };

describe('integration API for the register software', () => {
  let t: TestApp;
  let key: string;
  let revokedKey: string;
  const noScopeKey = `ba_${'N'.repeat(43)}`;

  const put = (serial: string, status: unknown, authorization?: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/documents/${serial}/status`,
      headers: authorization ? { authorization } : {},
      payload: { status },
    });

  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-12-03T09:00:00Z') });
    const admin = { id: null, name: 'Test-Admin' };
    ({ key } = await t.services.serviceAccounts.create(admin, {
      name: 'Fachverfahren',
      scopes: ['documents:write'],
    }));
    const revoked = await t.services.serviceAccounts.create(admin, {
      name: 'Alt',
      scopes: ['documents:write'],
    });
    revokedKey = revoked.key;
    await t.services.serviceAccounts.revoke(admin, revoked.account.id);
    // An account without any scope (the page never creates one; older accounts or future scopes may).
    await t.database.db.insert(serviceAccounts).values({
      name: 'Nur lesen',
      scopes: [],
      keyPrefix: noScopeKey.slice(0, 11),
      keyHash: hashKey(noScopeKey),
      createdBy: 'Test',
    });
    for (const serial of ['K9ZC1NT01', 'K9ZC1NT02', 'K9ZC1NT03', 'K9ZC1NT04']) {
      await t.services.dokumente.record(clerk, applicant(serial));
    }
  });
  afterAll(() => t.close());

  it('answers 401 without a key and with a wrong or revoked key (problem+json, WWW-Authenticate)', async () => {
    for (const authorization of [undefined, 'Bearer ba_wrong', `Bearer ${revokedKey}`, `Basic ${key}`]) {
      const response = await put('K9ZC1NT01', 'BEREIT_ZUR_ABHOLUNG', authorization);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="buergeramt"/);
      expect(response.json()).toMatchObject({ status: 401, instance: '/api/v1/documents/K9ZC1NT01/status' });
    }
    expect((await t.services.dokumente.publicStatus('K9ZC1NT01'))?.status).toBe('in_bearbeitung');
  });

  it('answers 403 when the account lacks the scope documents:write', async () => {
    const response = await put('K9ZC1NT01', 'BEREIT_ZUR_ABHOLUNG', `Bearer ${noScopeKey}`);
    expect(response.statusCode).toBe(403);
    expect(response.headers['www-authenticate']).toContain('insufficient_scope');
    expect(response.json().detail).toContain('documents:write');
  });

  it('answers 404 for an unknown or malformed serial number', async () => {
    expect((await put('K9ZC1NT99', 'BEREIT_ZUR_ABHOLUNG', `Bearer ${key}`)).statusCode).toBe(404);
    expect((await put('abc', 'BEREIT_ZUR_ABHOLUNG', `Bearer ${key}`)).statusCode).toBe(404);
  });

  it('answers 422 for a status it does not know', async () => {
    const response = await put('K9ZC1NT01', 'FERTIG', `Bearer ${key}`);
    expect(response.statusCode).toBe(422);
  });

  it('sets the status (upper- or lower-case names), recorded as the service account in history and audit', async () => {
    const response = await put('k9zc1nto1', 'BEREIT_ZUR_ABHOLUNG', `Bearer ${key}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      serialNumber: 'K9ZC1NT01',
      status: 'BEREIT_ZUR_ABHOLUNG',
      statusChangedAt: '2026-12-03T09:00:00.000Z',
    });
    const lower = await put('K9ZC1NT02', 'in_direktversand', `Bearer ${key}`);
    expect(lower.statusCode).toBe(200);
    expect(lower.json().status).toBe('IN_DIREKTVERSAND');

    const document = (await t.services.dokumente.findBySerial('K9ZC1NT01'))!;
    const events = await t.services.dokumente.events(document.id);
    expect(events.at(-1)).toMatchObject({
      fromStatus: 'in_bearbeitung',
      toStatus: 'bereit_zur_abholung',
      source: 'api',
      actorName: 'Dienstkonto Fachverfahren',
    });
    const [entry] = await t.services.audit.list({ entityType: 'document', entityId: document.id });
    expect(entry).toMatchObject({
      action: 'document.bereit_zur_abholung',
      actorName: 'Dienstkonto Fachverfahren',
    });
  });

  it('answers 409 for a status change the rules forbid, and changes nothing', async () => {
    const response = await put('K9ZC1NT03', 'AUSGEHAENDIGT', `Bearer ${key}`);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ status: 409, detail: expect.stringContaining('Ausgehändigt') });
    expect((await t.services.dokumente.publicStatus('K9ZC1NT03'))?.status).toBe('in_bearbeitung');
  });

  it('takes a delivery from a scanner app: each number classified, the recognised ones ready', async () => {
    const post = (payload: Record<string, unknown>, authorization?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/documents/deliveries',
        headers: authorization ? { authorization } : {},
        payload,
      });
    expect((await post({ serialNumbers: ['K9ZC1NT04'] })).statusCode).toBe(401);
    expect((await post({ serialNumbers: ['K9ZC1NT04'] }, `Bearer ${noScopeKey}`)).statusCode).toBe(403);
    expect((await post({ serialNumbers: [] }, `Bearer ${key}`)).statusCode).toBe(422);

    const response = await post(
      { serialNumbers: ['K9ZC1NT04', 'k9zc1nt04', 'K9ZC1NT98', 'XYZ', 'K9ZC1NT01'] },
      `Bearer ${key}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      updated: 1,
      results: [
        { serialNumber: 'K9ZC1NT04', result: 'recognised' },
        { serialNumber: 'K9ZC1NT04', result: 'duplicate' },
        { serialNumber: 'K9ZC1NT98', result: 'unknown' },
        { serialNumber: 'XYZ', result: 'malformed' },
        { serialNumber: 'K9ZC1NT01', result: 'not_allowed', status: 'BEREIT_ZUR_ABHOLUNG' },
      ],
    });
    expect((await t.services.dokumente.publicStatus('K9ZC1NT04'))?.status).toBe('bereit_zur_abholung');
  });

  it('is described in the OpenAPI document, with how to authenticate', async () => {
    const spec = (await t.app.inject('/api/docs/openapi.json')).json();
    const put = spec.paths['/api/v1/documents/{serialNumber}/status']?.put;
    expect(put).toBeDefined();
    expect(put.description).toContain('Authorization: Bearer');
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404', '409']));
    expect(spec.paths['/api/v1/documents/deliveries']?.post).toBeDefined();
  });
});
