import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { setDeviceCookie } from './device-auth.js';
import { type Device, ENROLMENT_PATH, EnrolmentError } from './devices.service.js';
import { EnrolFailedPage, EnrolPage } from './devices.views.js';

/** Where an enrolled browser goes: the kiosk or the call display of its location. */
export function homeOf(device: Pick<Device, 'kind' | 'locationId'>): string {
  const base = device.kind === 'kiosk' ? '/kiosk' : '/anzeige';
  return `${base}/${encodeURIComponent(device.locationId)}`;
}

function codeOf(source: unknown): string | undefined {
  const code = (source as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function failed(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof EnrolmentError)) throw error;
  return reply.status(error.statusCode).page(<EnrolFailedPage ctx={request.pageContext()} error={error} />);
}

/** The public enrolment page: a link from the admin turns this browser into a kiosk or call display. */
export async function devicesRoutes(app: FastifyInstance, services: Services) {
  const { devices } = services;

  // GET only shows what would happen; link previews and prefetching cannot use the code up.
  app.get<{ Querystring: { code?: string } }>(ENROLMENT_PATH, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const code = codeOf(request.query);
    try {
      const device = await devices.preview(code);
      return reply.page(<EnrolPage ctx={request.pageContext()} device={device} code={code ?? ''} />);
    } catch (error) {
      return failed(request, reply, error);
    }
  });

  app.post(ENROLMENT_PATH, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      const { device, credential } = await devices.enrol(codeOf(request.body));
      setDeviceCookie(reply, credential);
      return reply.redirect(homeOf(device), 303);
    } catch (error) {
      return failed(request, reply, error);
    }
  });
}
