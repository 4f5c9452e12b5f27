import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';
import { CataloguePage, DetailPage, type OfferedAt } from './leistungen.views.js';

/** The longest search query we look at; longer input is cut (nobody types more). */
const MAX_QUERY_LENGTH = 100;

function queryOf(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, MAX_QUERY_LENGTH) : '';
}

/** Citizen pages of the service catalogue: A–Z list with search, and one page per service. */
export async function leistungenRoutes(app: FastifyInstance, services: Services) {
  app.get<{ Querystring: { q?: string | string[] } }>('/leistungen', async (request, reply) => {
    const ctx = request.pageContext();
    const query = queryOf(request.query.q);
    if (query) {
      const results = await services.leistungen.search(query);
      return reply.page(<CataloguePage ctx={ctx} query={query} results={results} services={[]} />);
    }
    const all = await services.leistungen.list();
    return reply.page(<CataloguePage ctx={ctx} query="" results={null} services={all} />);
  });

  app.get<{ Params: { id: string } }>('/leistungen/:id', async (request, reply) => {
    const ctx = request.pageContext();
    const leistung = await services.leistungen.get(request.params.id);
    const [locationIds, activeLocations] = await Promise.all([
      services.leistungen.locationIdsOf(leistung.id),
      services.locations.list(),
    ]);
    const byId = new Map(activeLocations.map((location) => [location.id, location]));
    const offeredAt = locationIds
      .map((id) => byId.get(id))
      .filter((location): location is NonNullable<typeof location> => location !== undefined)
      .map((location): OfferedAt => ({ id: location.id, name: location.name }));
    return reply.page(<DetailPage ctx={ctx} leistung={leistung} locations={offeredAt} />);
  });
}
