import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Challenge, createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { captchaUsed } from '../security/security.tables.js';

/**
 * Difficulty of the ALTCHA proof of work (v2, SHA-256, cost 1, "deterministic" mode).
 *
 * The server picks a secret counter c uniformly in [maxNumber/2, maxNumber] and publishes the first
 * 16 bytes of SHA-256(salt ‖ nonce ‖ c); the browser tries counters from 0 upwards (interleaved over
 * its Web Workers) until it finds that prefix. Expected work is therefore ~0.75 × maxNumber hashes
 * (worst case maxNumber); the lower bound of maxNumber/2 keeps the wait predictable (no "lucky" 10 ms
 * solves that make the widget flicker, no 3 × average outliers either).
 *
 * Budget: ~2 s on a low-end phone. The widget hashes with `crypto.subtle.digest`, one call per attempt,
 * so the per-call overhead dominates, not SHA-256 itself, and more workers barely help. ALTCHA's
 * published benchmark (altcha.org/docs/complexity) has a Samsung Galaxy A14 (2023, low-end Android) at
 * ~40 000 attempts/s. 2 s × 40 000/s ≈ 80 000 attempts ⇒ maxNumber 100 000: mean 75 000 attempts,
 * ≈ 1.9 s on the A14 class, worst case 100 000 ≈ 2.5 s; older/slower phones may need twice that.
 *
 * Measured on this machine (AMD EPYC, 2 cores; `npx tsx src/platform/captcha/pow-benchmark.ts 100000 20`,
 * 20 challenges each): the widget's own SHA worker in headless Chromium 156 — 1 worker: mean 1.7 s,
 * 2 workers: 2.2 s, 4 workers: 2.0 s (36 000–42 000 attempts/s, i.e. this server core is about as fast
 * as the A14 here); node:crypto on one thread (a bot solving server-side): 0.15 s (470 000 attempts/s).
 * The real widget in that Chromium under the app's CSP (2 workers): solve 2.1–2.8 s for counters of
 * 50 000–82 000, 2.7–3.6 s from focusing the form to "verified" (challenge fetch, worker start-up).
 * With `auto="onfocus"` that runs while the citizen types; lower maxNumber if it ever shows.
 *
 * So for a bot the proof of work costs ~0.15 CPU-seconds per submission: a cost multiplier, not a wall.
 * The rate limits (src/platform/rate-limit) are what actually cap abuse per IP.
 * Note: crypto.subtle exists only in secure contexts — the widget works on https:// and on localhost.
 */
export const CAPTCHA_DEFAULT_MAX_NUMBER = 100_000;
export const CAPTCHA_DEFAULT_EXPIRES_MINUTES = 20;
export const CAPTCHA_ALGORITHM = 'SHA-256';

/** The form field the widget writes its payload into, and the one carrying the no-JavaScript token. */
export const CAPTCHA_FIELD = 'captcha';
export const CAPTCHA_FALLBACK_FIELD = 'captcha_fallback';

const FALLBACK_PREFIX = 'nojs1.';
/** Marks stored signatures by kind, so an ALTCHA signature and a fallback nonce can never collide. */
const ALTCHA_KEY_PREFIX = 'altcha:';
const FALLBACK_KEY_PREFIX = 'nojs:';
const MAX_PAYLOAD_LENGTH = 8 * 1024;
const CLEANUP_INTERVAL_MS = 10 * 60 * 1000;

/** A secret counter in [⌈maxNumber/2⌉, maxNumber] (see the difficulty note above). */
export function counterFor(maxNumber: number): number {
  return randomInt(maxNumber, Math.ceil(maxNumber / 2));
}

export interface CaptchaOptions {
  /** false (BUERGERAMT_CAPTCHA=off, load tests only): `verify` accepts everything. */
  enabled: boolean;
  /** Secret the challenges and fallback tokens are signed with (e.g. the cookie secret); sub-keys are derived. */
  hmacKey: string;
  /** Difficulty, see CAPTCHA_DEFAULT_MAX_NUMBER. */
  maxNumber?: number;
  /** How long a challenge may be solved and submitted. */
  expiresMinutes?: number;
  /** Accept the no-JavaScript fallback token (default true); switch off when under attack. */
  allowFallback?: boolean;
  /** Minimum time between rendering the form and submitting it with the fallback token. */
  fallbackMinSeconds?: number;
  /** Maximum age of a fallback token. */
  fallbackMaxMinutes?: number;
}

const payloadSchema = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.literal(CAPTCHA_ALGORITHM),
      nonce: z.string().regex(/^[0-9a-f]{2,128}$/),
      salt: z.string().regex(/^[0-9a-f]{2,128}$/),
      cost: z.number().int().positive().max(1_000),
      keyLength: z.number().int().positive().max(64),
      keyPrefix: z.string().max(128),
      expiresAt: z.number().positive(),
    }),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  solution: z.object({
    counter: z.number().int().min(0),
    derivedKey: z.string().max(256),
  }),
});

/**
 * Bot resistance for the booking forms: an ALTCHA proof of work (widget: captcha.widget.tsx, challenge
 * route: captcha.routes.ts) and, for browsers without JavaScript, a signed one-time form token that is
 * accepted only after a minimum fill time.
 *
 * Both are single-use: the challenge signature (or the token's nonce) goes into `captcha_used` with its
 * expiry; the primary key makes a second use fail, atomically and across all app nodes.
 *
 * The no-JavaScript fallback is the weak link, by design — accessibility comes first. A bot that reads
 * the form gets a token for free and only has to wait `fallbackMinSeconds` (in parallel, as often as it
 * likes) before posting it once. It keeps out naive bots that post instantly or replay one captured
 * form, nothing more; per-IP rate limits on rendering and submitting the form are what bound a
 * determined one. `allowFallback: false` turns the fallback off when it is abused.
 */
export class CaptchaService {
  private readonly maxNumber: number;
  private readonly expiresMinutes: number;
  private readonly allowFallback: boolean;
  private readonly fallbackMinMs: number;
  private readonly fallbackMaxMs: number;
  private readonly signatureSecret: string;
  private readonly keySignatureSecret: string;
  private readonly fallbackSecret: Buffer;
  private lastCleanup = 0;

  constructor(
    private readonly db: Database,
    private readonly options: CaptchaOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (!options.hmacKey) throw new Error('CaptchaService: hmacKey must not be empty');
    this.maxNumber = options.maxNumber ?? CAPTCHA_DEFAULT_MAX_NUMBER;
    if (!Number.isInteger(this.maxNumber) || this.maxNumber < 2 || this.maxNumber > 0xffffffff) {
      throw new Error('CaptchaService: maxNumber must be an integer from 2 to 2^32 - 1');
    }
    this.expiresMinutes = options.expiresMinutes ?? CAPTCHA_DEFAULT_EXPIRES_MINUTES;
    this.allowFallback = options.allowFallback ?? true;
    this.fallbackMinMs = (options.fallbackMinSeconds ?? 8) * 1000;
    this.fallbackMaxMs = (options.fallbackMaxMinutes ?? 60) * 60 * 1000;
    // One secret in, independent keys out: a leak or misuse of one purpose does not forge another.
    const derive = (purpose: string) => createHmac('sha256', options.hmacKey).update(`captcha:${purpose}`);
    this.signatureSecret = derive('altcha-signature').digest('hex');
    this.keySignatureSecret = derive('altcha-key-signature').digest('hex');
    this.fallbackSecret = derive('nojs-token').digest();
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  /** A fresh ALTCHA challenge (JSON for the widget). Works when disabled, too, so pages never break. */
  async challenge(): Promise<Challenge> {
    return createChallenge({
      algorithm: CAPTCHA_ALGORITHM,
      cost: 1,
      counter: counterFor(this.maxNumber),
      deriveKey,
      expiresAt: new Date(this.now().getTime() + this.expiresMinutes * 60_000),
      hmacSignatureSecret: this.signatureSecret,
      // Signs the expected key, so verifying is two HMACs instead of re-deriving.
      hmacKeySignatureSecret: this.keySignatureSecret,
    });
  }

  /**
   * true if `payload` is a valid, unexpired, unused ALTCHA payload or no-JavaScript token (recognised by
   * its `nojs1.` prefix); otherwise tries `fallbackToken` (the `captcha_fallback` form field). Marks what
   * it accepted as used. Always true when the captcha is switched off.
   */
  async verify(payload: string | undefined, fallbackToken?: string): Promise<boolean> {
    if (!this.options.enabled) return true;
    await this.cleanupOccasionally();
    if (payload) {
      const ok = payload.startsWith(FALLBACK_PREFIX)
        ? await this.verifyFallback(payload)
        : await this.verifyAltcha(payload);
      if (ok) return true;
    }
    return fallbackToken ? this.verifyFallback(fallbackToken) : false;
  }

  /** A signed token for the form, for browsers without JavaScript (field `captcha_fallback`). */
  fallbackChallenge(): string {
    const body = `${this.now().getTime().toString(36)}.${randomBytes(12).toString('hex')}`;
    return `${FALLBACK_PREFIX}${body}.${this.mac(body)}`;
  }

  /**
   * true if `token` was issued by this installation at least `fallbackMinSeconds` and at most
   * `fallbackMaxMinutes` ago and has not been used yet (then it is used up).
   */
  async verifyFallback(token: string | undefined): Promise<boolean> {
    if (!this.options.enabled) return true;
    if (!this.allowFallback || !token || token.length > 200 || !token.startsWith(FALLBACK_PREFIX))
      return false;
    const parts = token.slice(FALLBACK_PREFIX.length).split('.');
    if (parts.length !== 3) return false;
    const [issued36, nonce, mac] = parts as [string, string, string];
    if (!/^[0-9a-z]{1,12}$/.test(issued36) || !/^[0-9a-f]{24}$/.test(nonce)) return false;
    const expected = Buffer.from(this.mac(`${issued36}.${nonce}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    const issuedAt = Number.parseInt(issued36, 36);
    const age = this.now().getTime() - issuedAt;
    if (age < this.fallbackMinMs || age > this.fallbackMaxMs) return false;
    return this.markUsed(`${FALLBACK_KEY_PREFIX}${nonce}`, new Date(issuedAt + this.fallbackMaxMs));
  }

  /** Deletes the replay records of expired challenges and tokens (also done now and then by `verify`). */
  async cleanup(): Promise<number> {
    this.lastCleanup = this.now().getTime();
    const deleted = await this.db
      .delete(captchaUsed)
      .where(lt(captchaUsed.expiresAt, this.now()))
      .returning({ signature: captchaUsed.signature });
    return deleted.length;
  }

  private async verifyAltcha(raw: string): Promise<boolean> {
    if (raw.length > MAX_PAYLOAD_LENGTH) return false;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
    } catch {
      return false;
    }
    const parsed = payloadSchema.safeParse(decoded);
    if (!parsed.success) return false;
    const { challenge, solution } = parsed.data;
    const expiresAt = challenge.parameters.expiresAt;
    // altcha-lib checks the expiry against the system clock; this checks it against ours (tests pin it).
    if (expiresAt * 1000 <= this.now().getTime()) return false;
    try {
      const result = await verifySolution({
        // The schema let every parameter through unchanged (looseObject): the signature covers them all.
        challenge: challenge as unknown as Challenge,
        solution,
        deriveKey,
        hmacSignatureSecret: this.signatureSecret,
        hmacKeySignatureSecret: this.keySignatureSecret,
      });
      if (!result.verified) return false;
    } catch {
      return false;
    }
    return this.markUsed(`${ALTCHA_KEY_PREFIX}${challenge.signature}`, new Date(expiresAt * 1000));
  }

  /** Records a one-time proof; false if it was recorded before (replay). Atomic across nodes. */
  private async markUsed(signature: string, expiresAt: Date): Promise<boolean> {
    const inserted = await this.db
      .insert(captchaUsed)
      .values({ signature, expiresAt })
      .onConflictDoNothing({ target: captchaUsed.signature })
      .returning({ signature: captchaUsed.signature });
    return inserted.length === 1;
  }

  private async cleanupOccasionally(): Promise<void> {
    if (this.now().getTime() - this.lastCleanup < CLEANUP_INTERVAL_MS) return;
    try {
      await this.cleanup();
    } catch {
      // Housekeeping only: a failed cleanup must not fail a booking; the next one retries.
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.fallbackSecret).update(body).digest('base64url');
  }
}
