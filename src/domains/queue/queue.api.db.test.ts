import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventStream } from '../../../test/support/event-stream.js';
import { createTestApp, secondNode, staffSession, type TestApp } from '../../../test/support/test-app.js';
import { actorOf } from '../../platform/audit/actor.js';

/** Thursday 2026-12-03, 10:00 in Berlin: the Rathaus is open. */
const now = () => new Date('2026-12-03T09:00:00Z');

/** Who registers the devices in these tests. */
const clerk = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'admin',
  displayName: 'Admin',
  role: 'admin',
} as const;

describe('queue API', () => {
  let t: TestApp;
  let cookie: string;
  let counterId: string;
  let baseUrl: string;
  let second: Awaited<ReturnType<typeof secondNode>>;

  beforeAll(async () => {
    t = await createTestApp({ now });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const session = await staffSession(t.app, 'sachbearbeitung');
    cookie = session.jar.header();
    counterId = (await t.services.locations.counters('rathaus'))[0]!.id;
    second = await secondNode(t, { now, listen: true });
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  const post = (url: string, payload: unknown, withCookie = true) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: withCookie ? { cookie } : {} });

  it('draws walk-in tickets only for a kiosk or a clerk, numbered per day', async () => {
    const anonymous = await post(
      '/api/v1/locations/rathaus/tickets',
      { serviceIds: ['ausweis-abholung'] },
      false,
    );
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');

    const first = await post('/api/v1/locations/rathaus/tickets', { serviceIds: ['ausweis-abholung'] });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ number: 'W 001', status: 'waiting', position: 1 });
    expect(first.json().ticketUrl).toMatch(/\/ticket\/[0-9a-f-]{36}\?k=[\w-]{20,}$/);
    const second_ = await post('/api/v1/locations/rathaus/tickets', { serviceIds: ['ausweis-abholung'] });
    expect(second_.json()).toMatchObject({ number: 'W 002', position: 2 });
    expect(second_.json().estimatedWaitMinutes).toBeGreaterThanOrEqual(0);

    const unknown = await post('/api/v1/locations/rathaus/tickets', { serviceIds: ['gibt-es-nicht'] });
    expect(unknown.statusCode).toBe(422);
    const invalid = await post('/api/v1/locations/rathaus/tickets', { serviceIds: [] });
    expect(invalid.statusCode).toBe(422);
    // Nothing was drawn by the refused requests: the next number follows on.
    const third = await post('/api/v1/locations/rathaus/tickets', { serviceIds: ['ausweis-abholung'] });
    expect(third.json().number).toBe('W 003');
    // Tickets drawn by a clerk are audited with the clerk's name.
    const audit = await t.services.audit.list({ entityType: 'ticket' });
    expect(audit.filter((entry) => entry.action === 'ticket.issue')).toHaveLength(3);
  });

  it('lets a registered kiosk draw tickets for its own location only; a display cannot', async () => {
    const enrolled = async (locationId: string, kind: 'kiosk' | 'display') => {
      const link = await t.services.devices.create(clerk, {
        locationId,
        kind,
        name: `${kind} ${locationId}`,
      });
      const code = new URL(link.url).searchParams.get('code')!;
      return (await t.services.devices.enrol(code)).credential;
    };
    const asDevice = (credential: string, locationId: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/locations/${locationId}/tickets`,
        payload: { serviceIds: ['ausweis-abholung'] },
        headers: { authorization: `Bearer ${credential}` },
      });
    const kiosk = await enrolled('rathaus', 'kiosk');
    const drawn = await asDevice(kiosk, 'rathaus');
    expect(drawn.statusCode).toBe(201);
    expect(drawn.json().number).toMatch(/^W \d{3}$/);
    const elsewhere = await asDevice(await enrolled('nord', 'kiosk'), 'rathaus');
    expect(elsewhere.statusCode).toBe(403);
    const display = await asDevice(await enrolled('rathaus', 'display'), 'rathaus');
    expect(display.statusCode).toBe(401);
    const forged = await asDevice(`${kiosk.slice(0, -2)}xx`, 'rathaus');
    expect(forged.statusCode).toBe(401);
  });

  it('checks in a booked appointment once; unknown codes are 404, repeats 409', async () => {
    const appointment = await t.services.termineStaff.book(actorOf(null), {
      locationId: 'rathaus',
      serviceIds: ['personalausweis'],
      start: new Date('2026-12-03T09:20:00Z'),
      name: 'Erika Mustermann',
      email: null,
      phone: null,
      note: null,
    });
    const code = appointment.code.toLowerCase().replace('-', ' ');
    const checkedIn = await post('/api/v1/locations/rathaus/check-ins', { code });
    expect(checkedIn.statusCode).toBe(201);
    expect(checkedIn.json()).toMatchObject({ number: 'T 001', status: 'waiting' });
    const again = await post('/api/v1/locations/rathaus/check-ins', { code: appointment.code });
    expect(again.statusCode).toBe(409);
    const unknown = await post('/api/v1/locations/rathaus/check-ins', { code: 'ZZZ-ZZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('calls the next person for a counter, and streams the call to displays within a second', async () => {
    const anonymous = await post(`/api/v1/counters/${counterId}/call-next`, {}, false);
    expect(anonymous.statusCode).toBe(401);

    const display = await eventStream(`${baseUrl}/api/v1/locations/rathaus/calls/stream`);
    expect(display.response.headers.get('content-type')).toContain('text/event-stream');
    expect(await display.next('snapshot')).toEqual([]);
    try {
      const startedAt = performance.now();
      const called = await post(`/api/v1/counters/${counterId}/call-next`, {});
      expect(called.statusCode).toBe(200);
      // The appointment at 10:20 is not due yet at 10:00: the walk-ins come first, in arrival order.
      expect(called.json()).toMatchObject({ number: 'W 001' });
      const event = (await display.next('call', 1_000)) as { number: string; counter: string };
      expect(performance.now() - startedAt).toBeLessThan(1_000);
      expect(event).toMatchObject({ number: 'W 001', counter: called.json().counter });
      expect(Object.keys(event).sort()).toEqual(['calledAt', 'counter', 'number']);

      // The called person has not come yet: the counter cannot call somebody else.
      const blocked = await post(`/api/v1/counters/${counterId}/call-next`, {});
      expect(blocked.statusCode).toBe(409);
    } finally {
      display.close();
    }
  });

  it('answers 204 when nobody waits for the counter', async () => {
    const counters = await t.services.locations.counters('rathaus');
    const free = counters[counters.length - 1]!.id;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await post(`/api/v1/counters/${free}/call-next`, {})).statusCode);
      const current = await t.services.queue.currentAt(free);
      if (current) {
        await t.services.queue.startService(actorOf(null), current.id);
      }
    }
    expect(statuses).toContain(204);
    expect(statuses.indexOf(204)).toBeGreaterThan(0);
  });

  it('describes the queue API in the OpenAPI document', async () => {
    const spec = (await t.app.inject('/api/docs/openapi.json')).json<{ paths: Record<string, object> }>();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/locations/{id}/tickets',
        '/api/v1/locations/{id}/check-ins',
        '/api/v1/counters/{id}/call-next',
        '/api/v1/locations/{id}/calls/stream',
      ]),
    );
  });

  it('carries calls made on one node to the displays connected to another (PostgreSQL)', async (context) => {
    if (!second) return context.skip();
    await post('/api/v1/locations/rathaus/tickets', { serviceIds: ['ausweis-abholung'] });
    const display = await eventStream(`${second.url}/api/v1/locations/rathaus/calls/stream`);
    try {
      await display.next('snapshot');
      await second.database.events.ready();
      const counter = (await t.services.locations.counters('rathaus'))[1]!.id;
      const startedAt = performance.now();
      const called = await post(`/api/v1/counters/${counter}/call-next`, {});
      expect(called.statusCode).toBe(200);
      const event = (await display.next('call', 1_000)) as { number: string };
      expect(event.number).toBe(called.json().number);
      expect(performance.now() - startedAt).toBeLessThan(1_000);
    } finally {
      display.close();
    }
  });
});
