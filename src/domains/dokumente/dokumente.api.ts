import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
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
  const bounded = input.length <= MAX_INPUT;
  const serial = normaliseSerial(bounded ? input : input.slice(0, MAX_INPUT));
  const wellFormed = bounded && isWellFormedSerial(serial);
  const found = await dokumente.publicStatus(wellFormed ? serial : PLACEHOLDER_SERIAL);
  return { serial: serial.slice(0, 40), found: wellFormed ? found : undefined };
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

/** Public JSON API of ID documents under /api/v1: the status by serial number, nothing personal. */
export async function dokumenteApi(app: FastifyInstance, services: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const limit = rateLimitHook(services.rateLimiter, STATUS_RATE_LIMIT);
  /**
   * Pickup places' names per node, so a status answer costs one query (the document), not two. Monotonic
   * time, not the app's clock (pinned in tests and benchmarks). Unknown places are not kept.
   */
  const locationNames = new Map<string, { name: LocalizedText; until: number }>();
  const locationName = async (id: string): Promise<LocalizedText | undefined> => {
    const cached = locationNames.get(id);
    if (cached && cached.until > performance.now()) return cached.name;
    const location = await services.locations.getForAdmin(id).catch(() => undefined);
    if (!location) return undefined;
    locationNames.set(id, { name: location.name, until: performance.now() + LOCATION_NAME_TTL_MS });
    return location.name;
  };

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
      const name = await locationName(found.pickup.locationId);
      return {
        status: apiStatus(found.status),
        documentType: found.documentType,
        pickup: {
          locationId: found.pickup.locationId,
          name: name ? pick(name, request.query.lang) : found.pickup.locationId,
        },
        updatedAt: toIsoWithOffset(found.updatedAt),
      };
    },
  );
}
