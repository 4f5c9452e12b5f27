import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, secondNode, type TestApp } from '../../../test/support/test-app.js';

const now = () => new Date('2026-12-03T04:00:00Z');
const url =
  '/api/v1/availability?locationId=rathaus&serviceIds=personalausweis&from=2026-12-03&to=2026-12-03';
const start = '2026-12-03T10:00:00+01:00';

async function freeAt(app: FastifyInstance): Promise<number> {
  const response = await app.inject(url);
  expect(response.statusCode).toBe(200);
  // Exactly the documented shape: the cache's own bookkeeping (validUntil) stays inside.
  expect(Object.keys(response.json()).sort()).toEqual([
    'days',
    'durationMinutes',
    'locationId',
    'serviceIds',
  ]);
  const days = response.json().days as Array<{ slots: Array<{ start: string; free: number }> }>;
  return days[0]?.slots.find((slot) => slot.start === start)?.free ?? 0;
}

async function reserve(app: FastifyInstance): Promise<number> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/reservations',
    payload: { locationId: 'rathaus', serviceIds: ['personalausweis'], start },
  });
  return response.statusCode;
}

/**
 * The availability answer is cached per node; it must never offer capacity that a committed reservation
 * took, on this node or on another one.
 */
describe('availability cache', () => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof secondNode>>;

  beforeAll(async () => {
    t = await createTestApp({ now });
    second = await secondNode(t, { now });
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  it('answers a repeated question from the fast path with the same body and the API security headers', async () => {
    const first = await t.app.inject(url);
    const repeat = await t.app.inject(url);
    expect(repeat.statusCode).toBe(200);
    expect(repeat.body).toBe(first.body);
    expect(repeat.headers.etag).toBe(first.headers.etag);
    for (const response of [first, repeat]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    // A different spelling of the same question goes the normal way (validated) and gets the same answer.
    const reordered = await t.app.inject(
      '/api/v1/availability?serviceIds=personalausweis&locationId=rathaus&to=2026-12-03&from=2026-12-03',
    );
    expect(reordered.body).toBe(first.body);
    const invalid = await t.app.inject(
      '/api/v1/availability?locationId=rathaus&serviceIds=personalausweis&from=x&to=y',
    );
    expect(invalid.statusCode).toBe(422);
  });

  it('shows a reservation made on this node in the very next answer', async () => {
    const before = await freeAt(t.app);
    expect(before).toBeGreaterThan(1);
    expect(await freeAt(t.app)).toBe(before); // cached now
    expect(await reserve(t.app)).toBe(201);
    expect(await freeAt(t.app)).toBe(before - 1);
  });

  it('shows a reservation made on another node within a moment, long before the cache would expire', async (context) => {
    if (!second) return context.skip();
    await second.database.events.ready();
    const before = await freeAt(second.app); // cached on the second node
    const reservedAt = performance.now();
    expect(await reserve(t.app)).toBe(201);
    await expect.poll(() => freeAt(second!.app), { interval: 10, timeout: 900 }).toBe(before - 1);
    // The cache lives for a second: a change seen well before that came through LISTEN/NOTIFY.
    expect(performance.now() - reservedAt).toBeLessThan(900);
  });
});
