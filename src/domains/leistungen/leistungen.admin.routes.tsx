import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import {
  ADMIN_BASE,
  AdminFormPage,
  AdminListPage,
  type LocationChoice,
  RetireConfirmPage,
} from './leistungen.admin.views.js';
import { parseLeistungForm, toFormValues } from './leistungen.form.js';
import type { Leistung } from './leistungen.repository.js';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** Staff pages of the service catalogue (admins only): list, create, edit, retire; every change audited. */
export async function leistungenAdminRoutes(app: FastifyInstance, services: Services) {
  const adminOnly = { preHandler: app.requireStaff('admin') };

  const activeLocations = async (): Promise<LocationChoice[]> =>
    (await services.locations.list()).map((location) => ({ id: location.id, name: location.name }));

  /** Re-renders the form with the messages and the submitted values (422: nothing was changed). */
  const invalid = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values: Record<string, unknown>; errors: Record<string, string> },
    locations: LocationChoice[],
    leistung?: Leistung,
  ) =>
    reply
      .status(422)
      .page(
        <AdminFormPage
          ctx={request.pageContext()}
          leistung={leistung}
          values={form.values}
          errors={form.errors}
          locations={locations}
        />,
      );

  app.get(ADMIN_BASE, adminOnly, async (request, reply) => {
    const all = await services.leistungen.list({ includeRetired: true });
    return reply.page(<AdminListPage ctx={request.pageContext()} services={all} />);
  });

  app.get(`${ADMIN_BASE}/neu`, adminOnly, async (request, reply) => {
    const locations = await activeLocations();
    return reply.page(
      <AdminFormPage ctx={request.pageContext()} values={toFormValues()} locations={locations} />,
    );
  });

  app.post(`${ADMIN_BASE}/neu`, adminOnly, async (request, reply) => {
    const locations = await activeLocations();
    const form = parseLeistungForm(request.body, new Set(locations.map((location) => location.id)));
    if (!form.ok) return invalid(request, reply, form, locations);
    const created = await services.leistungen.create(actorOf(request.staff), form.data);
    return reply.redirectWithFlash(ADMIN_BASE, `Die Leistung „${created.name.de}“ wurde angelegt.`);
  });

  app.get(`${ADMIN_BASE}/:id`, adminOnly, async (request: IdRequest, reply) => {
    const leistung = await services.leistungen.getForStaff(request.params.id);
    const [locations, locationIds] = await Promise.all([
      activeLocations(),
      services.leistungen.locationIdsOf(leistung.id),
    ]);
    return reply.page(
      <AdminFormPage
        ctx={request.pageContext()}
        leistung={leistung}
        values={toFormValues(leistung, locationIds)}
        locations={locations}
      />,
    );
  });

  app.post(`${ADMIN_BASE}/:id`, adminOnly, async (request: IdRequest, reply) => {
    const leistung = await services.leistungen.getForStaff(request.params.id);
    const locations = await activeLocations();
    const form = parseLeistungForm(request.body, new Set(locations.map((location) => location.id)));
    if (!form.ok) return invalid(request, reply, form, locations, leistung);
    const updated = await services.leistungen.update(actorOf(request.staff), leistung.id, form.data);
    return reply.redirectWithFlash(ADMIN_BASE, `Die Leistung „${updated.name.de}“ wurde gespeichert.`);
  });

  app.get(`${ADMIN_BASE}/:id/stilllegen`, adminOnly, async (request: IdRequest, reply) => {
    const leistung = await services.leistungen.getForStaff(request.params.id);
    return reply.page(<RetireConfirmPage ctx={request.pageContext()} leistung={leistung} />);
  });

  app.post(`${ADMIN_BASE}/:id/stilllegen`, adminOnly, async (request: IdRequest, reply) => {
    const retired = await services.leistungen.retire(actorOf(request.staff), request.params.id);
    return reply.redirectWithFlash(ADMIN_BASE, `Die Leistung „${retired.name.de}“ wurde stillgelegt.`);
  });
}
