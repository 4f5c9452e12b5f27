import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** What a computation gives the cache: the JSON body, and optionally until when it is right. */
export interface Cacheable {
  body: unknown;
  validUntil?: Date | undefined;
}

/** One finished answer: the JSON text and, made on first demand, its compressed forms. */
interface Entry {
  version: number;
  expires: number;
  json: string;
  etag: string;
  gzip?: Buffer;
  br?: Buffer;
}

export interface JsonCacheOptions {
  /** How long an answer may be served without asking its version source again (covers the clock). */
  ttlMs: number;
  /** The longest lifetime an answer's own `validUntil` may give it. */
  maxTtlMs?: number;
  /** At most this many answers are kept; beyond it the cache starts afresh. */
  maxEntries?: number;
  now?: () => number;
}

/** Compression pays only for answers larger than a few packets. */
const COMPRESS_MIN_BYTES = 1_400;

function accepts(header: string | undefined, coding: 'br' | 'gzip'): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== coding) continue;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * A per-node cache of finished JSON answers for hot read paths (a release storm asks the same question
 * thousands of times a second). An answer is valid while its source's version is unchanged and its
 * lifetime has not run out; concurrent misses share one computation; the compressed forms are made once
 * per answer, and an ETag lets polling clients get a 304.
 */
export class JsonCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly now: () => number;

  constructor(private readonly options: JsonCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The answer for `key` at `version`: from the cache, or computed once by `compute`. An answer that
   * knows when the clock changes it gives `validUntil`: its lifetime then ends there (at most `maxTtlMs`)
   * instead of after `ttlMs`.
   */
  async get(key: string, version: number, compute: () => Promise<Cacheable>): Promise<Entry> {
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.version === version && cached.expires > now) return cached;
    const flightKey = `${version}|${key}`;
    let flight = this.inflight.get(flightKey);
    if (!flight) {
      flight = compute()
        .then(({ body, validUntil }) => {
          const json = JSON.stringify(body);
          const hash = createHash('sha1').update(json).digest('base64url').slice(0, 20);
          const at = this.now();
          const expires =
            validUntil === undefined
              ? at + this.options.ttlMs
              : Math.min(validUntil.getTime(), at + (this.options.maxTtlMs ?? this.options.ttlMs));
          const entry: Entry = { version, expires, json, etag: `"${hash}"` };
          if (this.entries.size >= (this.options.maxEntries ?? 5_000)) this.entries.clear();
          this.entries.set(key, entry);
          return entry;
        })
        .finally(() => this.inflight.delete(flightKey));
      this.inflight.set(flightKey, flight);
    }
    return flight;
  }

  /** The answer for `key` if it is there and still valid at `version`; never computes. */
  peek(key: string, version: number): Entry | undefined {
    const cached = this.entries.get(key);
    return cached && cached.version === version && cached.expires > this.now() ? cached : undefined;
  }

  /** Sends an entry: 304 when the client has it, else compressed as the client accepts. */
  send(request: FastifyRequest, reply: FastifyReply, entry: Entry): FastifyReply {
    reply.header('etag', entry.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === entry.etag)) {
      return reply.code(304).send();
    }
    reply.type('application/json; charset=utf-8');
    if (entry.json.length >= COMPRESS_MIN_BYTES) {
      const acceptEncoding = request.headers['accept-encoding'];
      if (accepts(acceptEncoding, 'br')) {
        entry.br ??= brotliCompressSync(entry.json, {
          // Quality 5 compresses 50 KB of JSON in about a millisecond, nearly as small as 11.
          params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
        });
        return reply.header('content-encoding', 'br').send(entry.br);
      }
      if (accepts(acceptEncoding, 'gzip')) {
        entry.gzip ??= gzipSync(entry.json);
        return reply.header('content-encoding', 'gzip').send(entry.gzip);
      }
    }
    // A ready string goes out as it is: Fastify serialises only non-string payloads.
    return reply.send(entry.json as never);
  }
}
