import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { ValidationError } from '../../platform/errors/errors.js';
import { parseForm } from '../../platform/forms/forms.js';
import { DEVICES_PATH, DeviceListPage, EnrolmentLinkPage } from './devices.admin.views.js';
import { newDeviceSchema } from './devices.form.js';

type IdParams = { Params: { id: string } };

function actor(request: FastifyRequest) {
  // requireStaff ran before every handler here, so there is a staff member.
  return request.staff!;
}

/** The enrolment link is on the page: no cache may keep it. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

/** Kiosks and call displays (admin only): register, new enrolment link, revoke. */
export async function devicesAdminRoutes(app: FastifyInstance, services: Services) {
  const { devices } = services;
  const adminOnly = { preHandler: app.requireStaff('admin') };

  async function listPage(
    request: FastifyRequest,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) {
    const [list, locations] = await Promise.all([devices.list(), devices.locations()]);
    return (
      <DeviceListPage
        ctx={request.pageContext()}
        devices={list}
        locations={locations}
        values={values}
        errors={errors}
      />
    );
  }

  app.get(DEVICES_PATH, adminOnly, async (request, reply) => {
    return reply.page(await listPage(request));
  });

  app.post(DEVICES_PATH, adminOnly, async (request, reply) => {
    const form = parseForm(newDeviceSchema, request.body, 'de');
    if (!form.ok) return reply.status(422).page(await listPage(request, form.values, form.errors));
    try {
      const link = await devices.create(actor(request), form.data);
      return noStore(reply).page(
        <EnrolmentLinkPage ctx={request.pageContext()} link={link} reissued={false} />,
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.status(422).page(await listPage(request, form.data, error.fieldErrors));
    }
  });

  app.post<IdParams>(`${DEVICES_PATH}/:id/anmeldelink`, adminOnly, async (request, reply) => {
    const link = await devices.reissue(actor(request), request.params.id);
    return noStore(reply).page(<EnrolmentLinkPage ctx={request.pageContext()} link={link} reissued />);
  });

  app.post<IdParams>(`${DEVICES_PATH}/:id/sperren`, adminOnly, async (request, reply) => {
    const device = await devices.revoke(actor(request), request.params.id);
    return reply.redirectWithFlash(
      DEVICES_PATH,
      `Das Gerät „${device.name}“ wurde gesperrt. Es kann sich nicht mehr anmelden.`,
    );
  });
}
