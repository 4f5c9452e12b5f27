import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import { errorsPlugin } from '../errors/errors.plugin.js';
import { rateLimitBuckets } from '../security/security.tables.js';
import { RateLimiter, rateLimitHook } from './rate-limit.js';

// A window boundary (multiple of 60 s) plus 15 s.
const WINDOW_START = new Date('2026-11-26T09:00:00Z');

describe('RateLimiter', () => {
  let database: DatabaseHandle;
  let current = new Date(WINDOW_START.getTime() + 15_000);
  const now = () => current;
  const limiter = (enabled = true) => new RateLimiter(database.db, { enabled }, now);

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    current = new Date(WINDOW_START.getTime() + 15_000);
    await database.db.delete(rateLimitBuckets);
  });

  it('allows `limit` hits per window, then denies with the seconds until the window ends', async () => {
    const rl = limiter();
    expect(await rl.hit('k', 3, 60)).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    expect(await rl.hit('k', 3, 60)).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    expect(await rl.hit('k', 3, 60)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    expect(await rl.hit('k', 3, 60)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 45 });
    current = new Date(WINDOW_START.getTime() + 59_500);
    expect(await rl.hit('k', 3, 60)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    // Other keys are counted apart.
    expect((await rl.hit('other', 3, 60)).allowed).toBe(true);
  });

  it('starts counting afresh in the next window', async () => {
    const rl = limiter();
    for (let i = 0; i < 4; i++) await rl.hit('k', 3, 60);
    expect((await rl.hit('k', 3, 60)).allowed).toBe(false);
    current = new Date(WINDOW_START.getTime() + 60_000);
    expect(await rl.hit('k', 3, 60)).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
  });

  it('shares the counts between instances (app nodes) on the same database', async () => {
    const nodeA = limiter();
    const nodeB = limiter();
    expect((await nodeA.hit('shared', 3, 60)).remaining).toBe(2);
    expect((await nodeB.hit('shared', 3, 60)).remaining).toBe(1);
    expect((await nodeA.hit('shared', 3, 60)).remaining).toBe(0);
    expect((await nodeB.hit('shared', 3, 60)).allowed).toBe(false);
  });

  it('counts concurrent hits exactly once each (one atomic upsert)', async () => {
    const rl = limiter();
    const results = await Promise.all(Array.from({ length: 12 }, () => rl.hit('burst', 5, 60)));
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
    const [row] = await database.db.select().from(rateLimitBuckets);
    expect(row?.count).toBe(12);
  });

  it('allows everything and stores nothing when switched off', async () => {
    const rl = limiter(false);
    expect(rl.enabled).toBe(false);
    for (let i = 0; i < 10; i++) expect((await rl.hit('k', 1, 60)).allowed).toBe(true);
    expect(await database.db.select().from(rateLimitBuckets)).toEqual([]);
  });

  it('cleanup deletes old windows only', async () => {
    const rl = limiter();
    await rl.hit('old', 3, 60);
    current = new Date(current.getTime() + 2 * 60 * 60_000);
    await rl.hit('new', 3, 60);
    expect(await rl.cleanup(60 * 60)).toBe(1);
    expect((await database.db.select().from(rateLimitBuckets)).map((row) => row.key)).toEqual(['new']);
  });

  describe('rateLimitHook', () => {
    let app: FastifyInstance;
    let enabled = true;

    beforeAll(async () => {
      app = Fastify({ logger: false });
      await app.register(errorsPlugin);
      const limited = new RateLimiter(database.db, { enabled: true }, now);
      const off = new RateLimiter(database.db, { enabled: false }, now);
      const hook = rateLimitHook(limited, { group: 'test', limit: 2, windowSeconds: 60 });
      const offHook = rateLimitHook(off, { group: 'test', limit: 2, windowSeconds: 60 });
      app.get(
        '/api/v1/thing',
        { preHandler: (request, reply) => (enabled ? hook : offHook).call(app, request, reply) },
        async () => ({ ok: true }),
      );
      app.get('/seite', { preHandler: hook }, async () => 'ok');
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
    });
    beforeEach(() => {
      enabled = true;
    });

    it('answers 429 problem+json with Retry-After under /api/', async () => {
      expect((await app.inject('/api/v1/thing')).statusCode).toBe(200);
      expect((await app.inject('/api/v1/thing?x=1')).statusCode).toBe(200);
      const denied = await app.inject('/api/v1/thing?x=2');
      expect(denied.statusCode).toBe(429);
      expect(denied.headers['retry-after']).toBe('45');
      expect(denied.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(denied.json()).toEqual({
        type: 'about:blank',
        title: 'Zu viele Anfragen',
        status: 429,
        detail: expect.stringContaining('45 Sekunden'),
        instance: '/api/v1/thing',
      });
    });

    it('lets the central error handler answer 429 for pages, with Retry-After', async () => {
      expect((await app.inject('/seite')).statusCode).toBe(200);
      // Same group and client for API and page routes: the count is shared.
      expect((await app.inject('/api/v1/thing')).statusCode).toBe(200);
      const denied = await app.inject('/seite');
      expect(denied.statusCode).toBe(429);
      expect(denied.headers['retry-after']).toBe('45');
      // No views plugin in this tiny app: the error handler falls back to plain text.
      expect(denied.body).toContain('Zu viele Anfragen');
    });

    it('keys on the client address', async () => {
      expect((await app.inject({ url: '/seite', remoteAddress: '203.0.113.9' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/seite', remoteAddress: '2001:db8:1:2::1' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/seite', remoteAddress: '2001:db8:1:2:ffff::7' })).statusCode).toBe(
        200,
      );
      // Third request from the same IPv6 /64.
      expect((await app.inject({ url: '/seite', remoteAddress: '2001:db8:1:2:aaaa::1' })).statusCode).toBe(
        429,
      );
    });

    it('does nothing when the limiter is switched off', async () => {
      enabled = false;
      for (let i = 0; i < 5; i++) expect((await app.inject('/api/v1/thing')).statusCode).toBe(200);
    });
  });
});
