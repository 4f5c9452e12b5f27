import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import type { EarlyRoute } from '../../platform/api/early-answer.js';
import { langQuerySchema, problemSchema } from '../../platform/api/problem.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import { type RateLimitRule, rateLimitHook } from '../../platform/rate-limit/rate-limit.js';
import { toIsoWithOffset } from '../../platform/time/berlin-time.js';
import { apiStatus, isWellFormedSerial, normaliseSerial } from './dokumente.rules.js';
import type { DokumenteService, PublicStatus } from './dokumente.service.js';
import { documentStatuses, documentTypes } from './dokumente.tables.js';

/**
 * Per IP, shared by the status page and the API (one group), so neither is a way around the other.
 * Generous for a citizen checking a few times, far too low to walk through serial numbers.
 */
export const STATUS_RATE_LIMIT: RateLimitRule = { group: 'document-status', limit: 30, windowSeconds: 600 };

/** Longest input looked at; anything longer is malformed without being normalised. */
const MAX_INPUT = 100;

/**
 * Looked up for malformed input, so that unknown and malformed numbers do the same work (one indexed
 * lookup) and cannot be told apart by response time. Its result is thrown away.
 */
const PLACEHOLDER_SERIAL = '000000000';

export interface PublicLookup {
  /** The input normalised (upper case, no spaces, digit 0 for letter O), cut to 40 characters for echoing. */
  serial: string;
  /** undefined for unknown AND malformed numbers. */
  found: PublicStatus | undefined;
}

/**
 * The citizen's status query as the page and the API make it: always exactly one indexed lookup, whether
 * the number is well-formed or not; malformed numbers look up a placeholder and get undefined.
 */
export async function publicLookup(dokumente: DokumenteService, input: string): Promise<PublicLookup> {
  const { serial, key } = lookupKey(input);
  const found = await dokumente.publicStatus(key);
  return { serial: serial.slice(0, 40), found: key === PLACEHOLDER_SERIAL ? undefined : found };
}

/** The normalised input, and the serial actually looked up: itself, or the placeholder when malformed. */
function lookupKey(input: string): { serial: string; key: string } {
  const bounded = input.length <= MAX_INPUT;
  const serial = normaliseSerial(bounded ? input : input.slice(0, MAX_INPUT));
  return { serial, key: bounded && isWellFormedSerial(serial) ? serial : PLACEHOLDER_SERIAL };
}

const apiStatuses = documentStatuses.map(apiStatus) as [string, ...string[]];

const documentStatusSchema = z
  .object({
    status: z
      .enum(apiStatuses)
      .describe('Processing status (the names of Munich’s public status API), e.g. BEREIT_ZUR_ABHOLUNG'),
    documentType: z.enum(documentTypes),
    pickup: z
      .object({
        locationId: z.string(),
        name: z.string().describe('Name of the pickup place in the requested language'),
      })
      .describe('Where the document is collected; opening hours under /api/v1/locations/{id}'),
    updatedAt: z.string().describe('Last status change, ISO 8601 with the Europe/Berlin offset'),
  })
  .meta({ id: 'DocumentStatus' });

/**
 * The one answer for every number we cannot give a status for, unknown or malformed: the same body and
 * headers (no `instance`, which would echo the number), so the answer reveals nothing.
 */
const notFoundProblem = {
  type: 'about:blank',
  title: 'Nicht gefunden',
  status: 404,
  detail:
    'Zu dieser Seriennummer liegt keine Auskunft vor. Bitte die Nummer prüfen; neu beantragte Dokumente erscheinen erst nach einigen Tagen.',
} as const;

/** How long a node keeps a pickup place's name (names change rarely; a renamed place shows within this). */
const LOCATION_NAME_TTL_MS = 60_000;

/**
 * Pickup places' names per node, so a status answer costs one query (the document), not two. Monotonic
 * time, not the app's clock (pinned in tests and benchmarks). Unknown places are not kept.
 */
class LocationNames {
  private readonly names = new Map<string, { name: LocalizedText; until: number }>();
  constructor(private readonly services: Services) {}

  kept(id: string): LocalizedText | undefined {
    const cached = this.names.get(id);
    return cached && cached.until > performance.now() ? cached.name : undefined;
  }

  async get(id: string): Promise<LocalizedText | undefined> {
    const kept = this.kept(id);
    if (kept) return kept;
    const location = await this.services.locations.getForAdmin(id).catch(() => undefined);
    if (!location) return undefined;
    this.names.set(id, { name: location.name, until: performance.now() + LOCATION_NAME_TTL_MS });
    return location.name;
  }
}

const namesByServices = new WeakMap<Services, LocationNames>();
const locationNamesOf = (services: Services): LocationNames => {
  let names = namesByServices.get(services);
  if (!names) {
    names = new LocationNames(services);
    namesByServices.set(services, names);
  }
  return names;
};

/** The 200 body of a status answer (one place, so the route and the fast path answer alike). */
function statusBody(found: PublicStatus, name: LocalizedText | undefined, lang: 'de' | 'en' | undefined) {
  return {
    status: apiStatus(found.status),
    documentType: found.documentType,
    pickup: {
      locationId: found.pickup.locationId,
      name: name ? pick(name, lang ?? 'de') : found.pickup.locationId,
    },
    updatedAt: toIsoWithOffset(found.updatedAt),
  };
}

const STATUS_PATH = /^\/api\/v1\/document-status\/([^/?]{1,500})(?:\?lang=(de|en))?$/;

/**
 * The serialised 200 body per kept answer, language and place name: kept answers are replaced (never
 * changed) when a document changes, so a WeakMap forgets the old bodies with them.
 */
const bodies = new WeakMap<PublicStatus, Map<string, string>>();
function statusJson(found: PublicStatus, name: LocalizedText, lang: 'de' | 'en' | undefined): string {
  let byVariant = bodies.get(found);
  if (!byVariant) {
    byVariant = new Map();
    bodies.set(found, byVariant);
  }
  const variant = `${lang ?? ''}|${pick(name, lang ?? 'de')}`;
  let json = byVariant.get(variant);
  if (json === undefined) {
    json = JSON.stringify(statusBody(found, name, lang));
    byVariant.set(variant, json);
  }
  return json;
}

const notFoundJson = JSON.stringify(notFoundProblem);

/**
 * Status lookups answered early (see earlyAnswerHook): a status this node already knows, unknown ones
 * included, is answered at once, byte for byte as the route answers it. Anything not kept goes the
 * normal way, which keeps it for the next time.
 */
export function documentStatusEarly(services: Services): EarlyRoute {
  const names = locationNamesOf(services);
  return {
    prefix: '/api/v1/document-status/',
    limit: rateLimitHook(services.rateLimiter, STATUS_RATE_LIMIT),
    find: (request) => {
      const match = STATUS_PATH.exec(request.url);
      if (!match) return undefined;
      let input: string;
      try {
        input = decodeURIComponent(match[1]!);
      } catch {
        return undefined;
      }
      const { key } = lookupKey(input);
      const kept = services.dokumente.cachedPublicStatus(key);
      if (kept === undefined) return undefined;
      const found = key === PLACEHOLDER_SERIAL ? null : kept;
      if (!found) {
        return (reply) =>
          reply
            .status(404)
            .header('cache-control', 'no-store')
            .type('application/problem+json; charset=utf-8')
            .send(notFoundJson);
      }
      const name = names.kept(found.pickup.locationId);
      if (!name) return undefined;
      const json = statusJson(found, name, match[2] as 'de' | 'en' | undefined);
      return (reply) =>
        reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(json);
    },
  };
}

/** Public JSON API of ID documents under /api/v1: the status by serial number, nothing personal. */
export async function dokumenteApi(app: FastifyInstance, services: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const limit = rateLimitHook(services.rateLimiter, STATUS_RATE_LIMIT);
  const names = locationNamesOf(services);

  api.get(
    '/document-status/:serialNumber',
    {
      preHandler: limit,
      schema: {
        tags: ['Ausweisstatus'],
        summary: 'Status of an ID document by its serial number (nothing personal)',
        description:
          'The serial number is normalised (upper case, spaces removed, letter O read as digit 0). Unknown and malformed numbers get the same 404. Rate-limited per IP (shared with the status page).',
        params: z.object({
          serialNumber: z.string().describe('Serial number of the new document, 9 characters'),
        }),
        querystring: langQuerySchema,
        response: { 200: documentStatusSchema, 404: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { found } = await publicLookup(services.dokumente, request.params.serialNumber);
      if (!found) {
        return reply.status(404).type('application/problem+json; charset=utf-8').send(notFoundProblem);
      }
      return statusBody(found, await names.get(found.pickup.locationId), request.query.lang);
    },
  );
}
