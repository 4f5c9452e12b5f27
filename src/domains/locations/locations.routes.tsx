import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';
import { LocationDetailPage, LocationsListPage, type OfferedService } from './locations.views.js';

/** The services offered at a location (active ones, by German name), from the service catalogue. */
async function offeredAt(services: Services, locationId: string): Promise<OfferedService[]> {
  const [all, locationsByService] = await Promise.all([
    services.leistungen.list(),
    services.leistungen.locationIdsByLeistung(),
  ]);
  return all
    .filter((leistung) => locationsByService.get(leistung.id)?.includes(locationId))
    .map((leistung) => ({ id: leistung.id, name: leistung.name }));
}

/** Citizen pages: the list of locations and one location with its hours, closures and services. */
export async function locationsRoutes(app: FastifyInstance, services: Services) {
  app.get('/standorte', async (request, reply) => {
    const ctx = request.pageContext();
    return reply.page(<LocationsListPage ctx={ctx} locations={await services.locations.summaries()} />);
  });

  app.get<{ Params: { id: string } }>('/standorte/:id', async (request, reply) => {
    const ctx = request.pageContext();
    const detail = await services.locations.detail(request.params.id);
    const offered = await offeredAt(services, detail.location.id);
    return reply.page(<LocationDetailPage ctx={ctx} detail={detail} services={offered} />);
  });
}
