import { isIPv6 } from 'node:net';
import { lt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Database } from '../db/database.js';
import { AppError } from '../errors/errors.js';
import { rateLimitBuckets } from '../security/security.tables.js';

export interface RateLimitResult {
  allowed: boolean;
  /** Requests left in the current window (0 once the limit is reached). */
  remaining: number;
  /** Seconds until the current window ends; 0 when allowed. */
  retryAfterSeconds: number;
}

/** How long `cleanup()` keeps windows by default; must exceed the longest window in use. */
export const RATE_LIMIT_DEFAULT_RETAIN_SECONDS = 24 * 60 * 60;

/**
 * Fixed-window request counters in PostgreSQL, so every app node sees the same counts.
 *
 * One statement per hit: `insert … on conflict (key, window_start) do update set count = count + 1
 * returning count` — atomic under concurrency (the conflicting insert waits for the row lock), the same
 * on PostgreSQL 15 through 18 and PGlite. Windows are aligned to the epoch (window_start = now rounded
 * down to a multiple of the window), so all nodes agree on them without coordination. A fixed window lets
 * a client send up to 2 × limit around a window boundary; that is fine for abuse protection.
 *
 * Old windows stay until `cleanup()` (run it from the job runner).
 */
export class RateLimiter {
  constructor(
    private readonly db: Database,
    private readonly options: { enabled: boolean },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** false with BUERGERAMT_RATE_LIMIT=off (load tests only): every hit is allowed and nothing is stored. */
  get enabled(): boolean {
    return this.options.enabled;
  }

  /** Counts one request for `key` and says whether it is within `limit` per `windowSeconds`. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    if (!this.options.enabled) return { allowed: true, remaining: limit, retryAfterSeconds: 0 };
    if (!(Number.isInteger(windowSeconds) && windowSeconds > 0)) {
      throw new RangeError('windowSeconds must be a positive integer');
    }
    const nowMs = this.now().getTime();
    const windowMs = windowSeconds * 1000;
    const windowStartMs = Math.floor(nowMs / windowMs) * windowMs;
    const [row] = await this.db
      .insert(rateLimitBuckets)
      .values({ key, windowStart: new Date(windowStartMs), count: 1 })
      .onConflictDoUpdate({
        target: [rateLimitBuckets.key, rateLimitBuckets.windowStart],
        // Qualified: inside DO UPDATE a bare "count" could also mean excluded.count.
        set: { count: sql`${sql.identifier('rate_limit_buckets')}.${sql.identifier('count')} + 1` },
      })
      .returning({ count: rateLimitBuckets.count });
    const count = row?.count ?? 1;
    const allowed = count <= limit;
    return {
      allowed,
      remaining: Math.max(0, limit - count),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((windowStartMs + windowMs - nowMs) / 1000)),
    };
  }

  /** Deletes windows that started more than `retainSeconds` ago; returns how many. */
  async cleanup(retainSeconds = RATE_LIMIT_DEFAULT_RETAIN_SECONDS): Promise<number> {
    const before = new Date(this.now().getTime() - retainSeconds * 1000);
    const deleted = await this.db
      .delete(rateLimitBuckets)
      .where(lt(rateLimitBuckets.windowStart, before))
      .returning({ key: rateLimitBuckets.key });
    return deleted.length;
  }
}

/**
 * The part of the address that identifies one client: IPv4 as is (also when IPv4-mapped), IPv6 reduced
 * to its /64 network — one connection usually gets a whole /64, and rotating within it must not reset
 * the count.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const address = ip.split('%')[0]!;
  let groups: string[];
  if (address.includes('::')) {
    const [head = '', tail = ''] = address.split('::');
    const headGroups = head ? head.split(':') : [];
    const tailGroups = tail ? tail.split(':') : [];
    const zeros = Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0');
    groups = [...headGroups, ...zeros, ...tailGroups];
  } else {
    groups = address.split(':');
  }
  const network = groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return `${network.join(':')}::/64`;
}

/** 429 for pages: the central error handler renders it (the Retry-After header is set before). */
export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'Zu viele Anfragen',
      `Sie haben in kurzer Zeit zu viele Anfragen gesendet. Bitte warten Sie ${retryAfterSeconds} Sekunden und versuchen Sie es dann noch einmal.`,
    );
  }
}

export interface RateLimitRule {
  /** Name of the limited route group, part of the key (e.g. 'availability', 'reservation'). */
  group: string;
  limit: number;
  windowSeconds: number;
}

/**
 * A Fastify `preHandler` limiting each client (request.ip, IPv6 per /64) to `limit` requests per
 * `windowSeconds` in `group`. Over the limit: 429 with `Retry-After` — as application/problem+json
 * (RFC 9457) under /api/, else a TooManyRequestsError for the central error page. Does nothing when the
 * limiter is disabled. Behind a reverse proxy BUERGERAMT_TRUST_PROXY must be on, or every citizen
 * shares the proxy's address (and its limit).
 */
/** A per-IP limit as a preHandler (also called by the early answers). */
export type RateLimitHook = preHandlerAsyncHookHandler;

export function rateLimitHook(limiter: RateLimiter, rule: RateLimitRule): RateLimitHook {
  return async function rateLimit(request: FastifyRequest, reply: FastifyReply) {
    if (!limiter.enabled) return;
    const result = await limiter.hit(
      `${rule.group}:${clientKey(request.ip)}`,
      rule.limit,
      rule.windowSeconds,
    );
    if (result.allowed) return;
    reply.header('retry-after', String(result.retryAfterSeconds));
    if (!request.url.startsWith('/api/')) throw new TooManyRequestsError(result.retryAfterSeconds);
    return reply
      .status(429)
      .type('application/problem+json; charset=utf-8')
      .send({
        type: 'about:blank',
        title: 'Zu viele Anfragen',
        status: 429,
        detail: `Zu viele Anfragen in kurzer Zeit. Bitte nach ${result.retryAfterSeconds} Sekunden erneut versuchen.`,
        instance: request.url.split('?')[0],
      });
  };
}
