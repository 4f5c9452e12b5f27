import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { type Cacheable, JsonCache } from './json-cache.js';

const big = { items: Array.from({ length: 200 }, (_, i) => ({ start: `2026-12-03T08:${i}`, free: i })) };

function appWith(cache: JsonCache, version: () => number, compute: () => Promise<Cacheable>) {
  const app = Fastify();
  app.get('/x', async (request, reply) =>
    cache.send(request, reply, await cache.get('x', version(), compute)),
  );
  return app;
}

describe('JsonCache', () => {
  it('computes once per version and lifetime, and again after either changes', async () => {
    let clock = 0;
    let calls = 0;
    const cache = new JsonCache({ ttlMs: 1_000, now: () => clock });
    const compute = async () => ({ body: { call: ++calls } });
    expect((await cache.get('k', 1, compute)).json).toBe('{"call":1}');
    expect((await cache.get('k', 1, compute)).json).toBe('{"call":1}');
    expect((await cache.get('k', 2, compute)).json).toBe('{"call":2}');
    clock = 999;
    expect((await cache.get('k', 2, compute)).json).toBe('{"call":2}');
    clock = 1_001;
    expect((await cache.get('k', 2, compute)).json).toBe('{"call":3}');
    expect((await cache.get('other', 2, compute)).json).toBe('{"call":4}');
  });

  it('keeps an answer until its own validUntil (at most maxTtlMs) instead of ttlMs', async () => {
    let clock = 0;
    let calls = 0;
    const cache = new JsonCache({ ttlMs: 1_000, maxTtlMs: 60_000, now: () => clock });
    const until = (ms: number) => async () => ({ body: { call: ++calls }, validUntil: new Date(ms) });
    await cache.get('a', 1, until(30_000));
    clock = 29_999;
    expect((await cache.get('a', 1, until(30_000))).json).toBe('{"call":1}');
    clock = 30_000;
    expect((await cache.get('a', 1, until(500_000))).json).toBe('{"call":2}');
    clock = 90_001; // capped at 60 s after it was computed
    expect((await cache.get('a', 1, until(500_000))).json).toBe('{"call":3}');
    // A version change ends it at once, whatever validUntil says.
    expect((await cache.get('a', 2, until(500_000))).json).toBe('{"call":4}');
  });

  it('lets concurrent misses share one computation', async () => {
    let calls = 0;
    const cache = new JsonCache({ ttlMs: 1_000 });
    const compute = async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { body: { ok: true } };
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', 1, compute)));
    expect(calls).toBe(1);
    expect(new Set(answers.map((answer) => answer.json))).toEqual(new Set(['{"ok":true}']));
  });

  it('does not keep a failed computation', async () => {
    let fail = true;
    const cache = new JsonCache({ ttlMs: 1_000 });
    const compute = async () => {
      if (fail) throw new Error('database away');
      return { body: { ok: true } };
    };
    await expect(cache.get('k', 1, compute)).rejects.toThrow('database away');
    fail = false;
    expect((await cache.get('k', 1, compute)).json).toBe('{"ok":true}');
  });

  it('sends brotli or gzip as the client accepts, plain JSON otherwise, and 304 for a known ETag', async () => {
    let version = 1;
    const app = appWith(
      new JsonCache({ ttlMs: 60_000 }),
      () => version,
      async () => ({ body: { ...big, version } }),
    );
    const plain = await app.inject('/x');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.json()).toEqual({ ...big, version: 1 });

    const br = await app.inject({ url: '/x', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual({ ...big, version: 1 });

    const gzip = await app.inject({ url: '/x', headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual({ ...big, version: 1 });

    const none = await app.inject({ url: '/x', headers: { 'accept-encoding': 'identity' } });
    expect(none.headers['content-encoding']).toBeUndefined();

    const etag = plain.headers.etag as string;
    expect(br.headers.etag).toBe(etag);
    const notModified = await app.inject({ url: '/x', headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');

    version = 2;
    const changed = await app.inject({ url: '/x', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().version).toBe(2);
  });

  it('sends a small answer uncompressed', async () => {
    const app = appWith(
      new JsonCache({ ttlMs: 60_000 }),
      () => 1,
      async () => ({ body: { ok: true } }),
    );
    const response = await app.inject({ url: '/x', headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe('{"ok":true}');
  });
});
