import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { langQuerySchema, problemSchema } from '../../platform/api/problem.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import { toIsoWithOffset } from '../../platform/time/berlin-time.js';
import type { LocationSummary, LocationsService } from './locations.service.js';
import type { DayPlan } from './opening-hours.rules.js';

const hhmm = z.string().regex(/^\d{2}:\d{2}$/);

const openingHoursEntrySchema = z
  .object({
    weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday … 7 = Sunday'),
    opens: hhmm.describe('Opening time, HH:MM, Europe/Berlin wall time'),
    closes: hhmm.describe('Closing time (exclusive), HH:MM, Europe/Berlin wall time'),
  })
  .meta({ id: 'OpeningHoursEntry' });

export const locationSchema = z
  .object({
    id: z.string(),
    name: z.string().describe('In the requested language'),
    address: z.object({ street: z.string(), postalCode: z.string(), town: z.string() }),
    counters: z.number().int().min(0).describe('Number of active counters'),
    openingHours: z
      .array(openingHoursEntrySchema)
      .describe('Regular weekly opening hours, several intervals per day'),
  })
  .meta({ id: 'Location' });

const upcomingDaySchema = z
  .object({
    date: z.string().describe('Calendar date in Europe/Berlin, YYYY-MM-DD'),
    intervals: z
      .array(
        z.object({
          start: z.string().describe('ISO 8601 with the Europe/Berlin offset'),
          end: z.string().describe('ISO 8601 with the Europe/Berlin offset, exclusive'),
        }),
      )
      .describe('Opening intervals of the day; empty when closed'),
    closed: z
      .object({
        kind: z.enum(['holiday', 'exception', 'dec24', 'dec31', 'weekly']),
        name: z.string().optional().describe('Name of the holiday or reason of the closure'),
      })
      .nullable()
      .describe('Why the office is closed that day; null when it is open'),
  })
  .meta({ id: 'LocationDay' });

export const locationDetailSchema = locationSchema
  .extend({
    upcoming: z
      .array(upcomingDaySchema)
      .describe('The next 14 days from today (Europe/Berlin), holidays and closures applied'),
  })
  .meta({ id: 'LocationDetail' });

function toApi(summary: LocationSummary, lang: Lang): z.infer<typeof locationSchema> {
  const { location } = summary;
  return {
    id: location.id,
    name: pick(location.name, lang),
    address: { street: location.street, postalCode: location.postalCode, town: location.town },
    counters: summary.counters,
    openingHours: summary.weekly.map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
  };
}

function dayToApi(plan: DayPlan, lang: Lang): z.infer<typeof upcomingDaySchema> {
  const intervals = plan.intervals.map((interval) => ({
    start: toIsoWithOffset(interval.start),
    end: toIsoWithOffset(interval.end),
  }));
  const closed = plan.closed;
  if (!closed || intervals.length > 0) return { date: plan.date, intervals, closed: null };
  const name =
    closed.kind === 'holiday'
      ? pick(closed.name as LocalizedText, lang)
      : closed.kind === 'exception'
        ? pick(closed.reason as LocalizedText, lang)
        : undefined;
  return {
    date: plan.date,
    intervals,
    closed: name === undefined ? { kind: closed.kind } : { kind: closed.kind, name },
  };
}

/** Public JSON API of the locations, mounted under /api/v1. */
export async function locationsApi(app: FastifyInstance, { locations }: { locations: LocationsService }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/locations',
    {
      schema: {
        tags: ['Standorte'],
        summary: 'Alle Standorte mit Adresse, Schaltern und regelmäßigen Öffnungszeiten',
        querystring: langQuerySchema,
        response: { 200: z.array(locationSchema), 422: problemSchema },
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      reply.header('content-language', lang);
      return (await locations.summaries()).map((summary) => toApi(summary, lang));
    },
  );

  api.get(
    '/locations/:id',
    {
      schema: {
        tags: ['Standorte'],
        summary: 'Ein Standort mit den konkreten Öffnungszeiten der nächsten 14 Tage',
        params: z.object({ id: z.string().max(100).describe('Location id, e.g. "rathaus"') }),
        querystring: langQuerySchema,
        response: { 200: locationDetailSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      const detail = await locations.detail(request.params.id);
      reply.header('content-language', lang);
      return { ...toApi(detail, lang), upcoming: detail.days.map((plan) => dayToApi(plan, lang)) };
    },
  );
}
