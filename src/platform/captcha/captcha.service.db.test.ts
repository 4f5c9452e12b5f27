import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import { captchaUsed } from '../security/security.tables.js';
import { captchaRoutes } from './captcha.routes.js';
import { type CaptchaOptions, CaptchaService } from './captcha.service.js';

const HMAC_KEY = 'test-secret-test-secret-test-secret';

/** What the widget posts: base64 of {challenge, solution}. */
async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('not solved');
  return encode({
    challenge: { parameters: challenge.parameters, signature: challenge.signature },
    solution: { counter: solution.counter, derivedKey: solution.derivedKey, time: solution.time },
  });
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64');
}

function decode(payload: string): {
  challenge: Challenge;
  solution: { counter: number; derivedKey: string };
} {
  return JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
}

describe('CaptchaService', () => {
  let database: DatabaseHandle;
  // altcha-lib also checks the expiry against the system clock, so the pinned clock starts at real time.
  let current = new Date();
  const now = () => current;
  const service = (options: Partial<CaptchaOptions> = {}) =>
    new CaptchaService(database.db, { enabled: true, hmacKey: HMAC_KEY, maxNumber: 2_000, ...options }, now);

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    current = new Date();
    await database.db.delete(captchaUsed);
  });

  describe('ALTCHA proof of work', () => {
    it('issues a signed SHA-256 challenge with a key signature and an expiry', async () => {
      const challenge = await service().challenge();
      expect(challenge.parameters.algorithm).toBe('SHA-256');
      expect(challenge.parameters.cost).toBe(1);
      expect(challenge.parameters.keySignature).toMatch(/^[0-9a-f]{64}$/);
      expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
      expect(challenge.parameters.expiresAt).toBe(Math.floor(current.getTime() / 1000) + 20 * 60);
    });

    it('needs between maxNumber/2 and maxNumber attempts', async () => {
      const captcha = service({ maxNumber: 1_000 });
      for (let i = 0; i < 5; i++) {
        const solution = await solveChallenge({ challenge: await captcha.challenge(), deriveKey });
        expect(solution!.counter).toBeGreaterThanOrEqual(500);
        expect(solution!.counter).toBeLessThanOrEqual(1_000);
      }
    });

    it('accepts a solved challenge once; a replay is rejected', async () => {
      const captcha = service();
      const payload = await solve(await captcha.challenge());
      expect(await captcha.verify(payload)).toBe(true);
      expect(await captcha.verify(payload)).toBe(false);
      // Another node (another instance, same database) rejects it as well.
      expect(await service().verify(payload)).toBe(false);
    });

    it('rejects tampered payloads', async () => {
      const captcha = service();
      const payload = await solve(await captcha.challenge());
      const original = decode(payload);

      const wrongKey = structuredClone(original);
      wrongKey.solution.derivedKey = `${wrongKey.solution.derivedKey.slice(0, -2)}00`;
      if (wrongKey.solution.derivedKey === original.solution.derivedKey)
        wrongKey.solution.derivedKey = 'ff'.repeat(32);
      expect(await captcha.verify(encode(wrongKey))).toBe(false);

      const longerExpiry = structuredClone(original);
      longerExpiry.challenge.parameters.expiresAt = (longerExpiry.challenge.parameters.expiresAt ?? 0) + 3600;
      expect(await captcha.verify(encode(longerExpiry))).toBe(false);

      const easierPrefix = structuredClone(original);
      easierPrefix.challenge.parameters.keyPrefix = '00';
      expect(await captcha.verify(encode(easierPrefix))).toBe(false);

      const otherSignature = structuredClone(original);
      otherSignature.challenge.signature = 'a'.repeat(64);
      expect(await captcha.verify(encode(otherSignature))).toBe(false);

      // Signed with another installation's key.
      const foreign = new CaptchaService(
        database.db,
        { enabled: true, hmacKey: 'another-secret', maxNumber: 2_000 },
        now,
      );
      expect(await captcha.verify(await solve(await foreign.challenge()))).toBe(false);

      // None of the failures used the challenge up.
      expect(await captcha.verify(payload)).toBe(true);
    });

    it('rejects garbage and missing payloads', async () => {
      const captcha = service();
      for (const payload of [
        undefined,
        '',
        'not base64 !',
        encode({}),
        encode({ challenge: 1, solution: 2 }),
        'x'.repeat(10_000),
      ]) {
        expect(await captcha.verify(payload)).toBe(false);
      }
    });

    it('rejects a solution after the challenge expired (pinned clock)', async () => {
      const captcha = service({ expiresMinutes: 5 });
      const payload = await solve(await captcha.challenge());
      current = new Date(current.getTime() + 5 * 60_000 + 1_000);
      expect(await captcha.verify(payload)).toBe(false);
    });

    it('accepts everything when switched off, and still issues challenges', async () => {
      const captcha = service({ enabled: false });
      expect(captcha.enabled).toBe(false);
      expect(await captcha.verify(undefined)).toBe(true);
      expect(await captcha.verify('garbage')).toBe(true);
      const payload = await solve(await captcha.challenge());
      expect(await captcha.verify(payload)).toBe(true);
      expect(await captcha.verify(payload)).toBe(true);
      expect(await database.db.select().from(captchaUsed)).toEqual([]);
    });

    it('cleans up the replay records of expired challenges', async () => {
      const captcha = service({ expiresMinutes: 5 });
      expect(await captcha.verify(await solve(await captcha.challenge()))).toBe(true);
      expect(await captcha.cleanup()).toBe(0);
      current = new Date(current.getTime() + 6 * 60_000);
      expect(await captcha.cleanup()).toBe(1);
      expect(await database.db.select().from(captchaUsed)).toEqual([]);
    });
  });

  describe('no-JavaScript fallback token', () => {
    it('is accepted only after the minimum fill time, and only once', async () => {
      const captcha = service();
      const token = captcha.fallbackChallenge();
      expect(token).toMatch(/^nojs1\./);
      const issued = current.getTime();
      expect(await captcha.verifyFallback(token)).toBe(false);
      current = new Date(issued + 7_999);
      expect(await captcha.verify(undefined, token)).toBe(false);
      current = new Date(issued + 8_000);
      expect(await captcha.verify(undefined, token)).toBe(true);
      expect(await captcha.verify(undefined, token)).toBe(false);
      expect(await service().verifyFallback(token)).toBe(false);
    });

    it('is accepted in the captcha field itself and as a fallback for a failed ALTCHA payload', async () => {
      const captcha = service();
      const first = captcha.fallbackChallenge();
      const second = captcha.fallbackChallenge();
      current = new Date(current.getTime() + 10_000);
      expect(await captcha.verify(first)).toBe(true);
      expect(await captcha.verify('not-a-payload', second)).toBe(true);
    });

    it('rejects tampered, foreign, too old and disallowed tokens', async () => {
      const captcha = service({ fallbackMaxMinutes: 30 });
      const token = captcha.fallbackChallenge();
      const foreign = new CaptchaService(
        database.db,
        { enabled: true, hmacKey: 'another-secret' },
        now,
      ).fallbackChallenge();
      const [prefix, issued, nonce, mac] = token.split('.') as [string, string, string, string];
      const earlier = `${prefix}.${(Number.parseInt(issued, 36) - 60_000).toString(36)}.${nonce}.${mac}`;
      current = new Date(current.getTime() + 10_000);
      expect(await captcha.verifyFallback(earlier)).toBe(false);
      expect(await captcha.verifyFallback(foreign)).toBe(false);
      expect(await captcha.verifyFallback(`${token}x`)).toBe(false);
      expect(await captcha.verifyFallback('nojs1.a.b.c')).toBe(false);
      expect(await service({ allowFallback: false }).verifyFallback(token)).toBe(false);

      current = new Date(current.getTime() + 30 * 60_000);
      expect(await captcha.verifyFallback(token)).toBe(false);
    });

    it('custom minimum fill time', async () => {
      const captcha = service({ fallbackMinSeconds: 3 });
      const token = captcha.fallbackChallenge();
      current = new Date(current.getTime() + 3_000);
      expect(await captcha.verifyFallback(token)).toBe(true);
    });
  });

  describe('GET /api/v1/captcha/challenge', () => {
    it('returns a fresh, uncacheable challenge the widget can solve', async () => {
      const captcha = service();
      const app = Fastify({ logger: false });
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      await app.register(async (api) => api.register(captchaRoutes, { captcha }), { prefix: '/api/v1' });
      try {
        const response = await app.inject({ method: 'GET', url: '/api/v1/captcha/challenge' });
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        const challenge = response.json() as Challenge;
        expect(Object.keys(challenge.parameters).sort()).toEqual(
          [
            'algorithm',
            'cost',
            'expiresAt',
            'keyLength',
            'keyPrefix',
            'keySignature',
            'nonce',
            'salt',
          ].sort(),
        );
        expect(await captcha.verify(await solve(challenge))).toBe(true);

        const again = await app.inject({ method: 'GET', url: '/api/v1/captcha/challenge' });
        expect(again.json().parameters.nonce).not.toBe(challenge.parameters.nonce);
      } finally {
        await app.close();
      }
    });
  });
});
