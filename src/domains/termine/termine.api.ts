import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EarlyRoute } from '../../platform/api/early-answer.js';
import { type Cacheable, JsonCache } from '../../platform/api/json-cache.js';
import { problemSchema } from '../../platform/api/problem.js';
import { isLang } from '../../platform/i18n/i18n.js';
import type { RateLimitHook } from '../../platform/rate-limit/rate-limit.js';
import { toIsoWithOffset } from '../../platform/time/berlin-time.js';
import type { Appointment } from './termine.repository.js';
import type { TermineService } from './termine.service.js';

/** Verifies the proof of work of a reservation (ALTCHA); wired by app.ts. */
export type CaptchaCheck = (payload: string | undefined) => Promise<boolean>;
export type { RateLimitHook };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

const slotSchema = z.object({
  start: z.string().describe('ISO 8601 with offset (Europe/Berlin)'),
  end: z.string().describe('ISO 8601 with offset (Europe/Berlin)'),
  free: z.number().int().min(1).describe('Remaining online capacity'),
});

const availabilitySchema = z
  .object({
    locationId: z.string(),
    serviceIds: z.array(z.string()),
    durationMinutes: z.number().int(),
    days: z
      .array(z.object({ date: z.string(), slots: z.array(slotSchema) }))
      .describe('Only dates with a free slot'),
  })
  .meta({ id: 'Availability' });

const reservationSchema = z
  .object({ id: z.string(), start: z.string(), end: z.string(), holdUntil: z.string() })
  .meta({ id: 'Reservation' });

const appointmentSchema = z
  .object({
    code: z.string(),
    status: z.enum(['pending', 'confirmed', 'cancelled', 'expired', 'no_show']),
    locationId: z.string(),
    serviceIds: z.array(z.string()),
    start: z.string(),
    end: z.string(),
    name: z.string().nullable(),
  })
  .meta({ id: 'Appointment' });

function toAppointment(appointment: Appointment): z.infer<typeof appointmentSchema> {
  return {
    code: appointment.code,
    status: appointment.status as z.infer<typeof appointmentSchema>['status'],
    locationId: appointment.locationId,
    serviceIds: appointment.serviceIds,
    start: toIsoWithOffset(appointment.startsAt),
    end: toIsoWithOffset(appointment.endsAt),
    name: appointment.name,
  };
}

function tokenOf(request: FastifyRequest, query: { token?: string | undefined }): string {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  return query.token ?? '';
}

export interface TermineApiOptions {
  termine: TermineService;
  captcha: CaptchaCheck;
  availabilityLimit: RateLimitHook;
  reservationLimit: RateLimitHook;
  /** This node's availability answers (shared with the fast path registered in app.ts). */
  availability: AvailabilityAnswers;
}

/**
 * Without a validUntil an answer lives a second; with one, until then but at most 10 s: changes of
 * opening hours and closures made in another domain reach the answer within that time (a reservation
 * re-checks in the database in any case).
 */
const AVAILABILITY_TTL_MS = 1_000;
const AVAILABILITY_MAX_TTL_MS = 10_000;

/**
 * The availability answers of this node. Release storms are this read path: the finished answer is
 * cached per query and dropped as soon as any node commits a change to the location's capacity (its
 * version, carried between nodes by the event bus) or the clock changes it (validUntil). A reservation
 * re-checks in the database in any case.
 */
export class AvailabilityAnswers {
  private readonly cache: JsonCache;
  /** Raw request URLs already answered → their cache key and location (for the fast path). */
  private readonly urls = new Map<string, { key: string; locationId: string }>();

  constructor(
    private readonly termine: TermineService,
    now: () => Date,
  ) {
    this.cache = new JsonCache({
      ttlMs: AVAILABILITY_TTL_MS,
      maxTtlMs: AVAILABILITY_MAX_TTL_MS,
      now: () => now().getTime(),
    });
  }

  async get(url: string, query: { locationId: string; serviceIds: string; from: string; to: string }) {
    const { locationId, serviceIds, from, to } = query;
    const key = `${locationId}|${serviceIds}|${from}|${to}`;
    const entry = await this.cache.get(key, this.termine.capacityVersion(locationId), () =>
      this.compute(locationId, serviceIds, from, to),
    );
    if (this.urls.size >= 5_000) this.urls.clear();
    this.urls.set(url, { key, locationId });
    return entry;
  }

  send(request: FastifyRequest, reply: FastifyReply, entry: Parameters<JsonCache['send']>[2]) {
    return this.cache.send(request, reply, entry);
  }

  /**
   * An onRequest hook to register before all others: a URL answered before whose answer is still valid
   * is served at once, after the same rate limit, without the page machinery (cookies, language, page
   * context, validation: the identical URL was validated when it was answered first). Everything else
   * goes the normal way.
   */
  /** Repeated questions answered early (see earlyAnswerHook): the kept answer, while still valid. */
  early(limit: RateLimitHook): EarlyRoute {
    return {
      prefix: '/api/v1/availability?',
      limit,
      find: (request) => {
        const known = this.urls.get(request.url);
        if (!known) return undefined;
        const entry = this.cache.peek(known.key, this.termine.capacityVersion(known.locationId));
        return entry && ((reply) => this.cache.send(request, reply, entry));
      },
    };
  }

  private async compute(
    locationId: string,
    serviceIds: string,
    from: string,
    to: string,
  ): Promise<Cacheable> {
    const { validUntil, ...answer } = await this.termine.availability({
      locationId,
      serviceIds: serviceIds.split(','),
      from,
      to,
    });
    return {
      validUntil,
      body: {
        ...answer,
        days: answer.days.map((day) => ({
          date: day.date,
          slots: day.slots.map((slot) => ({
            start: toIsoWithOffset(slot.start),
            end: toIsoWithOffset(slot.end),
            free: slot.free,
          })),
        })),
      },
    };
  }
}

/** Booking API under /api/v1: availability, reservations (hold), double opt-in, manage by code. */
export async function termineApi(app: FastifyInstance, options: TermineApiOptions) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { termine, availability } = options;

  api.get(
    '/availability',
    {
      preHandler: options.availabilityLimit,
      schema: {
        tags: ['Termine'],
        summary: 'Free appointment times for one or more services at a location',
        querystring: z.object({
          locationId: z.string().min(1),
          serviceIds: z
            .string()
            .min(1)
            .describe('Comma-separated service ids; the duration is the sum of theirs'),
          from: isoDate,
          to: isoDate,
        }),
        response: { 200: availabilitySchema, 404: problemSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const entry = await availability.get(request.url, request.query);
      return availability.send(request, reply, entry);
    },
  );

  api.post(
    '/reservations',
    {
      preHandler: options.reservationLimit,
      schema: {
        tags: ['Termine'],
        summary: 'Hold a time while the citizen fills in the form (proof of work required)',
        body: z.object({
          locationId: z.string().min(1),
          serviceIds: z.array(z.string().min(1)).min(1).max(5),
          start: z.iso.datetime({ offset: true }),
          captcha: z
            .string()
            .optional()
            .describe('ALTCHA payload (required unless the captcha is switched off)'),
        }),
        response: { 201: reservationSchema, 409: problemSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      if (!(await options.captcha(request.body.captcha))) {
        return reply
          .status(422)
          .type('application/problem+json')
          .send({
            type: 'about:blank',
            title: 'Ungültige Eingabe',
            status: 422,
            detail: 'Die Sicherheitsprüfung (captcha) fehlt oder ist ungültig.',
            errors: [{ field: 'captcha', message: 'Die Sicherheitsprüfung fehlt oder ist ungültig.' }],
          });
      }
      const held = await termine.reserve({
        locationId: request.body.locationId,
        serviceIds: request.body.serviceIds,
        start: new Date(request.body.start),
      });
      return reply.status(201).send({
        id: held.id,
        start: toIsoWithOffset(held.startsAt),
        end: toIsoWithOffset(held.endsAt),
        holdUntil: toIsoWithOffset(held.holdUntil!),
      });
    },
  );

  api.post(
    '/reservations/:id/confirm',
    {
      preHandler: options.reservationLimit,
      schema: {
        tags: ['Termine'],
        summary: 'Give the contact details; sends the e-mail whose link makes the appointment final',
        params: z.object({ id: z.uuid() }),
        body: z.object({
          name: z.string().trim().min(2).max(200),
          email: z.email().max(320),
          phone: z.string().max(40).optional(),
          note: z.string().max(1000).optional(),
          lang: z.string().optional(),
        }),
        response: {
          202: z.object({ status: z.literal('pending'), confirmUntil: z.string() }),
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const lang = isLang(request.body.lang) ? request.body.lang : request.lang;
      const { appointment } = await termine.requestConfirmation(request.params.id, { ...request.body, lang });
      return reply
        .status(202)
        .send({ status: 'pending' as const, confirmUntil: toIsoWithOffset(appointment.confirmUntil!) });
    },
  );

  api.get(
    '/appointments/:code',
    {
      schema: {
        tags: ['Termine'],
        summary: 'An appointment, with the secret token from the e-mail (?token= or Bearer)',
        params: z.object({ code: z.string().min(3).max(20) }),
        querystring: z.object({ token: z.string().optional() }),
        response: { 200: appointmentSchema, 404: problemSchema },
      },
    },
    async (request) =>
      toAppointment(await termine.findForCitizen(request.params.code, tokenOf(request, request.query))),
  );

  api.delete(
    '/appointments/:code',
    {
      schema: {
        tags: ['Termine'],
        summary: 'Cancel an appointment (token from the e-mail)',
        params: z.object({ code: z.string().min(3).max(20) }),
        querystring: z.object({ token: z.string().optional() }),
        response: { 200: appointmentSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request) => {
      const appointment = await termine.findForCitizen(request.params.code, tokenOf(request, request.query));
      return toAppointment(await termine.cancel(appointment.id, { reason: null, by: 'citizen' }));
    },
  );
}
