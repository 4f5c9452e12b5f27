import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { langQuerySchema, problemSchema } from '../../platform/api/problem.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { pick } from '../../platform/i18n/localized-text.js';
import type { Leistung } from './leistungen.repository.js';
import type { LeistungenService } from './leistungen.service.js';

const feeSchema = z
  .object({
    label: z.string().describe('What the fee is for'),
    amountCents: z.number().int().min(0).describe('Amount in euro cents'),
  })
  .meta({ id: 'ServiceFee' });

export const serviceSchema = z
  .object({
    id: z.string().describe('Stable, readable id (also used in /leistungen/{id})'),
    name: z.string(),
    description: z.string().describe('Short description (one or two sentences)'),
    durationMinutes: z.number().int().min(1).describe('Typical time at the counter'),
    bookableOnline: z.boolean().describe('Appointments can be booked online'),
    walkIn: z.boolean().describe('Citizens may come without an appointment'),
    onlineApplication: z.boolean().describe('The service can be applied for online'),
    fees: z.array(feeSchema),
    documents: z.array(z.string()).describe('What to bring'),
    locationIds: z
      .array(z.string())
      .describe('Ids of the active locations offering the service (see /locations)'),
  })
  .meta({ id: 'Service' });

type ServiceDto = z.infer<typeof serviceSchema>;

function toApi(leistung: Leistung, locationIds: string[], lang: Lang): ServiceDto {
  return {
    id: leistung.id,
    name: pick(leistung.name, lang),
    description: pick(leistung.shortDescription, lang),
    durationMinutes: leistung.durationMinutes,
    bookableOnline: leistung.bookableOnline,
    walkIn: leistung.walkIn,
    onlineApplication: leistung.onlineApplication,
    fees: leistung.fees.map((fee) => ({ label: pick(fee.label, lang), amountCents: fee.amountCents })),
    documents: leistung.documents.map((document) => pick(document, lang)),
    locationIds,
  };
}

/** Public JSON API of the service catalogue, mounted under /api/v1. */
export async function leistungenApi(app: FastifyInstance, { leistungen }: { leistungen: LeistungenService }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/services',
    {
      schema: {
        tags: ['Leistungen'],
        summary: 'Alle aktiven Leistungen mit Gebühren, Unterlagen und Standorten',
        querystring: langQuerySchema,
        response: { 200: z.array(serviceSchema), 422: problemSchema },
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      const [all, locationMap] = await Promise.all([leistungen.list(), leistungen.locationIdsByLeistung()]);
      reply.header('content-language', lang);
      return all.map((leistung) => toApi(leistung, locationMap.get(leistung.id) ?? [], lang));
    },
  );

  api.get(
    '/services/:id',
    {
      schema: {
        tags: ['Leistungen'],
        summary: 'Eine Leistung',
        params: z.object({ id: z.string().max(100).describe('Id of the service') }),
        querystring: langQuerySchema,
        response: { 200: serviceSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      const leistung = await leistungen.get(request.params.id);
      const locationIds = await leistungen.locationIdsOf(leistung.id);
      reply.header('content-language', lang);
      return toApi(leistung, locationIds, lang);
    },
  );
}
