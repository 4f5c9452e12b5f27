import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { NotFoundError } from '../../platform/errors/errors.js';
import { formValues } from '../../platform/forms/forms.js';
import { isLang, type Lang } from '../../platform/i18n/i18n.js';
import { pick } from '../../platform/i18n/localized-text.js';
import { formatDate } from '../../platform/time/berlin-time.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { DeviceKind } from '../devices/devices.tables.js';
import type { Location } from '../locations/locations.repository.js';
import { DISPLAY_HISTORY, DisplayPage } from './display.views.js';
import { type KioskErrors, KioskStartPage, KioskTicketPage } from './kiosk.views.js';
import { ticketUrl } from './queue.api.js';
import { queueMessages, refusalMessages } from './queue.messages.js';
import type { TicketCall } from './queue.repository.js';
import { type IssuedTicket, type Issuer, QueueRefusal } from './queue.service.js';
import { toCallMessage } from './queue.streams.js';
import { DeviceOnlyPage } from './queue.views.js';
import { PhoneTicketPage, TicketNotFoundPage } from './ticket.views.js';

/** Longer input is no booking code (they look like "K7M-4QX"; scanners may add a prefix). */
const CODE_MAX_LENGTH = 40;

type LocationParams = { Params: { locationId: string }; Querystring: { lang?: string } };

/**
 * `publicUrl`: the address phones reach the site at (config.publicUrl), for the QR code on the ticket.
 * Without it the kiosk request's own origin is used (right when the kiosk uses the public address).
 */
export type QueueRoutesOptions = Services & { publicUrl?: string };

/** Pages with a ticket's secret or a kiosk's state are never cached, nor passed on as referrer. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

/** The kiosk and the phone keep a chosen language in the URL or form (a kiosk serves many people). */
function useLang(request: FastifyRequest, ...choices: unknown[]): void {
  const chosen = choices.find(isLang);
  if (chosen) request.lang = chosen;
}

/** Recalls repeat a number: each number once, at its latest call. */
function latestPerNumber(calls: TicketCall[]): TicketCall[] {
  const seen = new Set<string>();
  return calls.filter((call) => !seen.has(call.number) && seen.add(call.number));
}

async function qrCodeOf(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Citizen pages of the queue: the kiosk, the phone ticket and the call display. */
export async function queueRoutes(app: FastifyInstance, services: QueueRoutesOptions) {
  const { queue, devices, queueStreams } = services;

  /** A registered device of this kind at this location, or a clerk logged in on this browser. */
  async function issuerAt(
    request: FastifyRequest,
    locationId: string,
    kind: DeviceKind,
  ): Promise<Issuer | undefined> {
    const device = await devices.deviceFromRequest(request);
    if (device && device.kind === kind && device.locationId === locationId) {
      return { kind: 'device', deviceId: device.id, locationId: device.locationId };
    }
    const staff = await app.identifyStaff(request);
    if (staff) return { kind: 'staff', actor: actorOf(staff), username: staff.username };
    return undefined;
  }

  async function serviceNames(ids: string[], lang: Lang): Promise<string[]> {
    const all = await services.leistungen.list({ includeRetired: true });
    const byId = new Map(all.map((leistung) => [leistung.id, leistung]));
    return ids.map((id) => pick(byId.get(id)?.name, lang) || id);
  }

  async function refusalText(
    error: QueueRefusal,
    lang: Lang,
    locationId: string,
    action: 'checkIn' | 'walkIn',
  ): Promise<string> {
    if (error.code === 'too_late' && action === 'checkIn') return queueMessages(lang)('checkInTooLate');
    const minutes =
      error.code === 'too_early' ? (await queue.settings(locationId)).checkInEarliestMinutes : undefined;
    return refusalMessages(lang)(error.code, minutes === undefined ? undefined : { minutes });
  }

  async function startScreen(
    reply: FastifyReply,
    ctx: PageContext,
    location: Location,
    status: number,
    errors: KioskErrors = {},
    code = '',
  ): Promise<FastifyReply> {
    const walkIn = await queue.walkInServices(location.id);
    return reply
      .status(status)
      .page(<KioskStartPage ctx={ctx} location={location} services={walkIn} errors={errors} code={code} />);
  }

  async function ticketPage(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    location: Location,
    issued: IssuedTicket,
  ): Promise<FastifyReply> {
    const publicUrl = services.publicUrl ?? `${request.protocol}://${request.host}`;
    const [names, qrCode] = await Promise.all([
      serviceNames(issued.ticket.serviceIds, ctx.lang),
      qrCodeOf(ticketUrl(publicUrl, issued)),
    ]);
    // 201 with the page itself: a redirect would put the phone link's secret into the kiosk's history.
    return reply
      .status(201)
      .page(
        <KioskTicketPage
          ctx={ctx}
          location={location}
          issued={issued}
          serviceNames={names}
          qrCode={qrCode}
        />,
      );
  }

  /** The location and who is asking; answers 403 with an explanation for anybody else. */
  async function kioskRequest(request: FastifyRequest<LocationParams>, reply: FastifyReply, lang?: unknown) {
    useLang(request, lang, request.query.lang);
    noStore(reply);
    const location = await queue.location(request.params.locationId);
    const issuer = await issuerAt(request, location.id, 'kiosk');
    const ctx = request.pageContext();
    if (!issuer) {
      reply.status(403).page(<DeviceOnlyPage ctx={ctx} kind="kiosk" />);
      return undefined;
    }
    return { location, issuer, ctx };
  }

  // ---- Kiosk

  app.get<LocationParams>('/kiosk/:locationId', async (request, reply) => {
    const kiosk = await kioskRequest(request, reply);
    if (!kiosk) return reply;
    return startScreen(reply, kiosk.ctx, kiosk.location, 200);
  });

  app.post<LocationParams>('/kiosk/:locationId/einchecken', async (request, reply) => {
    const body = formValues(request.body);
    const kiosk = await kioskRequest(request, reply, body.lang);
    if (!kiosk) return reply;
    const { location, issuer, ctx } = kiosk;
    const t = queueMessages(ctx.lang);
    const code = typeof body.code === 'string' ? body.code : '';
    if (!code) return startScreen(reply, ctx, location, 422, { code: t('codeRequired') });
    if (code.length > CODE_MAX_LENGTH) {
      return startScreen(reply, ctx, location, 422, { code: t('codeTooLong') }, code);
    }
    try {
      const issued = await queue.checkIn(issuer, { locationId: location.id, code, lang: ctx.lang });
      return await ticketPage(request, reply, ctx, location, issued);
    } catch (error) {
      if (!(error instanceof QueueRefusal)) throw error;
      const message = await refusalText(error, ctx.lang, location.id, 'checkIn');
      return startScreen(reply, ctx, location, error.statusCode, { code: message }, code);
    }
  });

  app.post<LocationParams>('/kiosk/:locationId/wartenummer', async (request, reply) => {
    const body = formValues(request.body);
    const kiosk = await kioskRequest(request, reply, body.lang);
    if (!kiosk) return reply;
    const { location, issuer, ctx } = kiosk;
    const serviceId = typeof body.serviceId === 'string' ? body.serviceId : '';
    if (!serviceId) {
      return startScreen(reply, ctx, location, 422, { services: queueMessages(ctx.lang)('serviceRequired') });
    }
    try {
      const issued = await queue.issueWalkIn(issuer, {
        locationId: location.id,
        serviceIds: [serviceId],
        lang: ctx.lang,
      });
      return await ticketPage(request, reply, ctx, location, issued);
    } catch (error) {
      if (!(error instanceof QueueRefusal)) throw error;
      const message = await refusalText(error, ctx.lang, location.id, 'walkIn');
      return startScreen(reply, ctx, location, error.statusCode, { services: message });
    }
  });

  // ---- Phone ticket

  type TicketRoute = { Params: { id: string }; Querystring: { k?: string; lang?: string } };

  app.get<TicketRoute>('/ticket/:id', async (request, reply) => {
    noStore(reply);
    const { k, lang } = request.query;
    let ticket: Awaited<ReturnType<typeof queue.findBySecret>>;
    try {
      ticket = await queue.findBySecret(request.params.id, typeof k === 'string' ? k : '');
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      useLang(request, lang);
      return reply.status(404).page(<TicketNotFoundPage ctx={request.pageContext()} />);
    }
    // The language chosen here, else the one chosen on the site, else the one chosen at the kiosk.
    useLang(request, lang, request.cookies.lang, ticket.lang);
    const ctx = request.pageContext();
    const [state, location, names] = await Promise.all([
      queue.stateOf(ticket),
      queue.location(ticket.locationId),
      serviceNames(ticket.serviceIds, ctx.lang),
    ]);
    const secret = encodeURIComponent(String(k));
    const path = `/ticket/${ticket.id}?k=${secret}`;
    return reply.page(
      <PhoneTicketPage
        ctx={ctx}
        state={state}
        locationName={pick(location.name, ctx.lang)}
        date={formatDate(ticket.day, ctx.lang)}
        serviceNames={names}
        path={path}
        streamUrl={`/ticket/${ticket.id}/events?k=${secret}`}
      />,
    );
  });

  /** The ticket's server-sent events (see QueueStreams.attachTicket); a wrong secret is a 404. */
  app.get<TicketRoute>('/ticket/:id/events', async (request, reply) => {
    const { k } = request.query;
    const ticket = await queue.findBySecret(request.params.id, typeof k === 'string' ? k : '');
    await queueStreams.attachTicket(request, reply, await queue.stateOf(ticket));
    return reply;
  });

  // ---- Call display

  app.get<LocationParams>('/anzeige/:locationId', async (request, reply) => {
    useLang(request, request.query.lang);
    noStore(reply);
    const location = await queue.location(request.params.locationId);
    const viewer = await issuerAt(request, location.id, 'display');
    const ctx = request.pageContext();
    if (!viewer) return reply.status(403).page(<DeviceOnlyPage ctx={ctx} kind="display" />);
    const calls = latestPerNumber(await queue.recentCalls(location.id, 2 * (DISPLAY_HISTORY + 1)))
      .slice(0, DISPLAY_HISTORY + 1)
      .map(toCallMessage);
    return reply.page(
      <DisplayPage
        ctx={ctx}
        locationName={pick(location.name, ctx.lang)}
        calls={calls}
        streamUrl={`/api/v1/locations/${encodeURIComponent(location.id)}/calls/stream`}
      />,
    );
  });
}
