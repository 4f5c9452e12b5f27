import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/support/test-app.js';
import { actorOf } from '../../platform/audit/actor.js';
import type { Counter } from '../locations/locations.repository.js';
import { QueueRefusal } from './queue.service.js';

const BASE = '/verwaltung/warteschlange';

describe('queue settings /verwaltung/warteschlange', () => {
  let t: TestApp;
  /** Thursday 2026-12-03, 10:00 in Berlin: the Rathaus is open. */
  let now = new Date('2026-12-03T09:00:00Z');
  let counters: Counter[];
  const system = actorOf(null);
  const staffIssuer = { kind: 'staff' as const, actor: system, username: 'test' };

  const valid = {
    appointmentPrefix: 'a',
    walkInPrefix: 'O',
    walkInStopMinutesBeforeClose: '20',
    checkInEarliestMinutes: '45',
    lateToleranceMinutes: '10',
    lateRule: 'refuse',
    maxCalls: '2',
    recallAfterSeconds: '90',
  };

  beforeAll(async () => {
    t = await createTestApp({ now: () => now });
    counters = await t.services.locations.counters('rathaus');
  });
  afterAll(() => t.close());

  it('is for admins and team leads only', async () => {
    const clerk = await staffSession(t.app, 'sachbearbeitung');
    expect((await clerk.get(BASE)).statusCode).toBe(403);
    expect((await clerk.get(`${BASE}/rathaus`)).statusCode).toBe(403);
    const refused = await clerk.post(`${BASE}/rathaus`, valid);
    expect(refused.statusCode).toBe(403);
    expect(await t.services.queue.settings('rathaus')).toMatchObject({ maxCalls: 3 });
    expect((await clerk.get('/verwaltung')).body).not.toContain('href="/verwaltung/warteschlange"');

    const lead = await staffSession(t.app, 'teamleitung');
    const index = await lead.get(BASE);
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain(`href="${BASE}/rathaus"`);
    const page = await lead.get(`${BASE}/rathaus`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="kern-heading-x-large">Warteschlange: Bürgeramt im Rathaus</h1>');
    expect(page.body).toContain('name="appointmentPrefix"');
    expect(page.body).toContain('value="T"');
    expect(page.body).toContain('name="quota-ausweis-abholung"');
    expect(page.body).toContain(`name="counter-${counters[0]!.id}"`);
    const ids = [...page.body.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await lead.get(`${BASE}/gibt-es-nicht`)).statusCode).toBe(404);
  });

  it('saves the rules, audited, and the queue follows them', async () => {
    const admin = await staffSession(t.app, 'admin');
    const saved = await admin.post(`${BASE}/rathaus`, valid);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${BASE}/rathaus`);
    expect(await t.services.queue.settings('rathaus')).toEqual({
      prefixes: { appointment: 'A', walk_in: 'O' },
      walkInStopMinutesBeforeClose: 20,
      checkInEarliestMinutes: 45,
      lateToleranceMinutes: 10,
      lateRule: 'refuse',
      maxCalls: 2,
      recallAfterSeconds: 90,
    });
    const [entry] = await t.services.audit.list({ entityType: 'location', entityId: 'rathaus' });
    expect(entry).toMatchObject({ action: 'queue_settings.update', actorName: expect.any(String) });
    expect((entry!.before as { maxCalls: number }).maxCalls).toBe(3);
    expect((entry!.after as { maxCalls: number }).maxCalls).toBe(2);
    const page = await admin.get(`${BASE}/rathaus`);
    expect(page.body).toContain('Die Regeln wurden gespeichert.');
    expect(page.body).toContain('value="90"');

    const ticket = await t.services.queue.issueWalkIn(staffIssuer, {
      locationId: 'rathaus',
      serviceIds: ['ausweis-abholung'],
      lang: 'de',
    });
    expect(ticket.ticket.number).toBe('O 001');
    expect((await t.services.queue.callNext(system, counters[0]!.id))?.id).toBe(ticket.ticket.id);
    await t.services.queue.startService(system, ticket.ticket.id);
    await t.services.queue.finish(system, ticket.ticket.id);
  });

  it('refuses invalid rules with messages, keeps the values and changes nothing', async () => {
    const admin = await staffSession(t.app, 'admin');
    const before = await t.services.queue.settings('rathaus');
    const auditBefore = await t.services.audit.list({ entityType: 'location', entityId: 'rathaus' });
    const invalid = await admin.post(`${BASE}/rathaus`, {
      ...valid,
      appointmentPrefix: 'T1',
      walkInPrefix: '',
      maxCalls: '0',
      recallAfterSeconds: 'viel',
      lateRule: 'egal',
      checkInEarliestMinutes: '9999',
    });
    expect(invalid.statusCode).toBe(422);
    for (const field of [
      'appointmentPrefix',
      'walkInPrefix',
      'maxCalls',
      'recallAfterSeconds',
      'lateRule',
      'checkInEarliestMinutes',
    ]) {
      expect(invalid.body).toContain(`href="#${field}"`);
    }
    expect(invalid.body).toContain('value="viel"');
    expect(invalid.body).toContain('value="T1"');
    expect(invalid.body).toContain('Es gibt ein Problem');

    const same = await admin.post(`${BASE}/rathaus`, { ...valid, appointmentPrefix: 'w', walkInPrefix: 'W' });
    expect(same.statusCode).toBe(422);
    expect(same.body).toContain('müssen sich unterscheiden');

    expect(await t.services.queue.settings('rathaus')).toEqual(before);
    expect(await t.services.audit.list({ entityType: 'location', entityId: 'rathaus' })).toEqual(auditBefore);
  });

  it('limits walk-in tickets per service and day by the quota', async () => {
    const admin = await staffSession(t.app, 'admin');
    const invalid = await admin.post(`${BASE}/rathaus/kontingente`, {
      'quota-ausweis-abholung': '-1',
      'quota-meldebescheinigung': 'zwei',
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('href="#quota-ausweis-abholung"');
    expect(invalid.body).toContain('href="#quota-meldebescheinigung"');
    expect(invalid.body).toContain('value="zwei"');

    // Today one ticket for ausweis-abholung was drawn already (previous test): a quota of 2 allows one more.
    const saved = await admin.post(`${BASE}/rathaus/kontingente`, {
      'quota-ausweis-abholung': '2',
      'quota-meldebescheinigung': '',
    });
    expect(saved.statusCode).toBe(303);
    const [entry] = await t.services.audit.list({ entityType: 'location', entityId: 'rathaus' });
    expect(entry).toMatchObject({
      action: 'walk_in_quota.update',
      before: { 'ausweis-abholung': null },
      after: { 'ausweis-abholung': 2 },
    });
    const page = await admin.get(`${BASE}/rathaus`);
    expect(page.body).toMatch(/name="quota-ausweis-abholung" type="text" value="2"/);

    const draw = () =>
      t.services.queue.issueWalkIn(staffIssuer, {
        locationId: 'rathaus',
        serviceIds: ['ausweis-abholung'],
        lang: 'de',
      });
    await draw();
    const refused = await draw().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(QueueRefusal);
    expect((refused as QueueRefusal).code).toBe('quota_exhausted');
    // At the desk the clerk sees the refusal on the workstation.
    const clerk = await staffSession(t.app, 'sachbearbeitung');
    await clerk.post('/verwaltung/platz/oeffnen', { schalter: counters[5]!.id });
    const desk = await clerk.post('/verwaltung/platz/wartenummer', { leistung: 'ausweis-abholung' });
    expect(desk.statusCode).toBe(409);
    expect(desk.body).toContain('Die Wartenummern für diese Leistung sind für heute vergeben.');
    // Other services are not limited.
    await t.services.queue.issueWalkIn(staffIssuer, {
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      lang: 'de',
    });

    // Empty = unlimited again.
    expect(
      (await admin.post(`${BASE}/rathaus/kontingente`, { 'quota-ausweis-abholung': '' })).statusCode,
    ).toBe(303);
    await draw();
  });

  it('restricts what a counter calls to its services', async () => {
    const admin = await staffSession(t.app, 'admin');
    // Clear the queue of the earlier tests.
    for (const counter of counters) {
      while (await t.services.queue.callNext(system, counter.id)) {
        const current = await t.services.queue.currentAt(counter.id);
        await t.services.queue.startService(system, current!.id);
      }
    }
    const [first, second] = counters;
    const unknown = await admin.post(`${BASE}/rathaus/schalter`, {
      counters: [first!.id],
      [`counter-${first!.id}`]: ['meldebescheinigung', 'gibt-es-nicht'],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain(`href="#counter-${first!.id}"`);
    expect((await t.services.queueSettings.counters('rathaus'))[0]!.serviceIds).toEqual([]);

    const saved = await admin.post(`${BASE}/rathaus/schalter`, {
      counters: counters.map((counter) => counter.id),
      [`counter-${first!.id}`]: ['meldebescheinigung'],
    });
    expect(saved.statusCode).toBe(303);
    const skills = await t.services.queueSettings.counters('rathaus');
    expect(skills.find((c) => c.id === first!.id)!.serviceIds).toEqual(['meldebescheinigung']);
    expect(skills.find((c) => c.id === second!.id)!.serviceIds).toEqual([]);
    const audit = await t.services.audit.list({ entityType: 'counter', entityId: first!.id });
    expect(audit[0]).toMatchObject({
      action: 'counter_services.update',
      after: { serviceIds: ['meldebescheinigung'] },
    });
    // Only the changed counter was audited.
    expect(await t.services.audit.list({ entityType: 'counter', entityId: second!.id })).toEqual([]);
    const page = await admin.get(`${BASE}/rathaus`);
    expect(page.body).toMatch(
      new RegExp(
        `id="counter-${first!.id}-meldebescheinigung" name="counter-${first!.id}" value="meldebescheinigung" checked`,
      ),
    );

    // Schalter 1 no longer calls a walk-in for a pick-up; Schalter 2 (all services) does.
    const pickUp = await t.services.queue.issueWalkIn(staffIssuer, {
      locationId: 'rathaus',
      serviceIds: ['ausweis-abholung'],
      lang: 'de',
    });
    now = new Date(now.getTime() + 1000);
    const certificate = await t.services.queue.issueWalkIn(staffIssuer, {
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      lang: 'de',
    });
    const atFirst = await t.services.queue.queueFor(first!.id);
    expect(atFirst.waiting.map((state) => state.ticket.id)).toEqual([certificate.ticket.id]);
    expect((await t.services.queue.callNext(system, first!.id))?.id).toBe(certificate.ticket.id);
    expect((await t.services.queue.callNext(system, second!.id))?.id).toBe(pickUp.ticket.id);

    // No box ticked = all services again.
    await admin.post(`${BASE}/rathaus/schalter`, { counters: [first!.id] });
    expect((await t.services.queueSettings.counters('rathaus'))[0]!.serviceIds).toEqual([]);
  });
});
