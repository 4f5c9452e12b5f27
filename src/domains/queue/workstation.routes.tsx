import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import type { Actor } from '../../platform/audit/audit.repository.js';
import { NotFoundError } from '../../platform/errors/errors.js';
import { formValues, validationMessages } from '../../platform/forms/forms.js';
import { pick } from '../../platform/i18n/localized-text.js';
import { formatTime } from '../../platform/time/berlin-time.js';
import type { SummaryError } from '../../platform/views/kern.js';
import type { Leistung } from '../leistungen/leistungen.repository.js';
import { queueAdminRoutes } from './queue.admin.routes.js';
import type { Ticket } from './queue.repository.js';
import { QueueRefusal } from './queue.service.js';
import {
  ChooseCounterPage,
  type CurrentTicket,
  type QueueRow,
  REFRESH_SECONDS,
  WORKSTATION,
  WorkstationPage,
} from './workstation.views.js';

/** The signed cookie that remembers the clerk's counter on this browser: `<counterId>:<staffUserId>`. */
export const WORKSTATION_COOKIE = 'workstation';
const cookieOptions = {
  path: '/verwaltung',
  httpOnly: true,
  sameSite: 'lax',
  secure: 'auto',
  signed: true,
  // A working day; the clerk chooses again the next morning.
  maxAge: 14 * 3600,
} as const;

const t = validationMessages('de');
const MINUTE = 60_000;

interface Station {
  counter: { id: string; name: string; locationId: string };
  location: { id: string; name: string };
  actor: Actor;
  username: string;
}

/** What an action answers: a message for the next page, or errors shown on the workstation (422). */
type Outcome = { flash: string } | { errors: SummaryError[] };

interface ActionSpec {
  /** Where the error summary points to when the service refuses (an id on the page). */
  field: (values: Record<string, unknown>) => string;
  /** The submitted values to keep when the page is shown again, keyed by the fields' ids. */
  keep?: (values: Record<string, unknown>) => Record<string, string>;
  run: (station: Station, values: Record<string, unknown>) => Promise<Outcome>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The clerk's workstation under /verwaltung/platz (any logged-in staff): choose a counter, call the next
 * person, recall, mark no-shows, serve, finish, park, transfer, give priority, take notes, draw walk-in
 * tickets and check in appointments at the desk. Every action is a POST form (post/redirect/get); the
 * queue service audits each change. The queue settings (/verwaltung/warteschlange) are registered here too.
 */
export async function workstationRoutes(app: FastifyInstance, services: Services) {
  await queueAdminRoutes(app, services);
  const { queue } = services;
  const anyStaff = { preHandler: app.requireStaff() };

  /** The counter remembered for the logged-in clerk, if it still exists. */
  const stationOf = async (request: FastifyRequest): Promise<Station | undefined> => {
    const staff = request.staff;
    const raw = request.cookies[WORKSTATION_COOKIE];
    if (!staff || !raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return undefined;
    const [counterId = '', staffId] = unsigned.value.split(':');
    if (staffId !== staff.id) return undefined;
    try {
      const counter = await queue.counter(counterId);
      const location = await services.locations.get(counter.locationId);
      return {
        counter: { id: counter.id, name: counter.name, locationId: counter.locationId },
        location: { id: location.id, name: location.name.de },
        actor: actorOf(staff),
        username: staff.username,
      };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };

  const serviceNames = (ids: string[], byId: Map<string, Leistung>) =>
    ids.map((id) => byId.get(id)?.name.de ?? id);

  const renderStation = async (
    request: FastifyRequest,
    reply: FastifyReply,
    station: Station,
    options: { errors?: SummaryError[]; values?: Record<string, string>; refresh?: boolean } = {},
  ) => {
    const now = services.queueSettings.now();
    const locationId = station.location.id;
    const [current, forCounter, board, settings, all, offered, walkIns] = await Promise.all([
      queue.currentAt(station.counter.id),
      queue.queueFor(station.counter.id),
      queue.board(locationId),
      queue.settings(locationId),
      services.leistungen.list({ includeRetired: true }),
      services.queueSettings.servicesAt(locationId),
      queue.walkInServices(locationId),
    ]);
    const byId = new Map(all.map((leistung) => [leistung.id, leistung]));
    const minutesSince = (instant: Date) =>
      Math.max(0, Math.floor((now.getTime() - instant.getTime()) / MINUTE));
    const row = (ticket: Ticket, estimate: number | undefined): QueueRow => ({
      id: ticket.id,
      number: ticket.number,
      services: serviceNames(ticket.serviceIds, byId).join(', '),
      kind: ticket.kind,
      arrivedAt: formatTime(ticket.arrivedAt),
      waitingMinutes: minutesSince(ticket.arrivedAt),
      estimate,
      priority: ticket.priority,
      priorityReason: ticket.priorityReason,
    });
    let currentView: CurrentTicket | undefined;
    if (current && (current.status === 'called' || current.status === 'serving')) {
      const appointment = current.appointmentId
        ? await services.termine.get(current.appointmentId).catch(() => undefined)
        : undefined;
      currentView = {
        id: current.id,
        number: current.number,
        status: current.status,
        kind: current.kind,
        services: current.serviceIds.map((id) => ({
          name: byId.get(id)?.name.de ?? id,
          documents: (byId.get(id)?.documents ?? []).map((document) => pick(document, 'de')),
        })),
        arrivedAt: formatTime(current.arrivedAt),
        waitedMinutes: Math.max(
          0,
          Math.floor(((current.lastCalledAt ?? now).getTime() - current.arrivedAt.getTime()) / MINUTE),
        ),
        callCount: current.callCount,
        maxCalls: settings.maxCalls,
        priority: current.priority,
        priorityReason: current.priorityReason,
        note: current.note,
        ...(appointment
          ? {
              appointment: {
                name: appointment.name,
                time: formatTime(appointment.startsAt),
                code: appointment.code,
              },
            }
          : {}),
      };
    }
    const refresh = options.refresh ?? false;
    if (refresh) reply.header('refresh', `${REFRESH_SECONDS}; url=${WORKSTATION}`);
    reply.header('cache-control', 'no-store');
    return reply.page(
      <WorkstationPage
        ctx={request.pageContext()}
        location={station.location}
        counter={{
          id: station.counter.id,
          name: station.counter.name,
          serviceNames: serviceNames(forCounter.counter.serviceIds, byId),
        }}
        current={currentView}
        queue={forCounter.waiting.map((state) => row(state.ticket, state.estimatedWaitMinutes))}
        parked={board.order
          .filter((state) => state.ticket.status === 'parked')
          .map((state) => row(state.ticket, undefined))}
        services={offered.map((leistung) => ({ value: leistung.id, label: leistung.name.de }))}
        walkInServices={walkIns.map((leistung) => ({ value: leistung.id, label: leistung.name.de }))}
        counters={board.counters.map((counter) => ({
          value: counter.id,
          label: counter.id === station.counter.id ? `${counter.name} (dieser Schalter)` : counter.name,
        }))}
        refresh={refresh}
        errors={options.errors ?? []}
        values={options.values ?? {}}
      />,
    );
  };

  const renderChoice = async (
    request: FastifyRequest,
    reply: FastifyReply,
    locationId: string | undefined,
    errors: SummaryError[] = [],
  ) => {
    const locations = await services.locations.list();
    const location = locationId ? await services.locations.get(locationId) : undefined;
    const counters = location ? await services.locations.counters(location.id) : [];
    reply.header('cache-control', 'no-store');
    return reply.page(
      <ChooseCounterPage
        ctx={request.pageContext()}
        locations={locations.map((l) => ({ value: l.id, label: l.name.de }))}
        {...(location ? { location: { value: location.id, label: location.name.de } } : {})}
        counters={counters.map((counter) => ({ value: counter.id, label: counter.name }))}
        errors={errors}
      />,
    );
  };

  app.get<{ Querystring: { standort?: string; aktualisieren?: string } }>(
    WORKSTATION,
    anyStaff,
    async (request, reply) => {
      const station = await stationOf(request);
      if (!station) {
        const wanted = typeof request.query.standort === 'string' ? request.query.standort : '';
        return renderChoice(request, reply, wanted || undefined);
      }
      await queue.touchCounter(station.counter.id);
      return renderStation(request, reply, station, { refresh: request.query.aktualisieren !== 'nein' });
    },
  );

  app.post(`${WORKSTATION}/oeffnen`, anyStaff, async (request, reply) => {
    const staff = request.staff!;
    const counterId = text(formValues(request.body).schalter);
    const counter = await queue.counter(counterId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    const location = counter
      ? await services.locations.get(counter.locationId).catch(() => undefined)
      : undefined;
    if (!counter || !location) {
      reply.status(422);
      return renderChoice(request, reply, undefined, [{ field: 'schalter', message: t('choice') }]);
    }
    await queue.openCounter(counter.id, staff.id);
    reply.setCookie(WORKSTATION_COOKIE, `${counter.id}:${staff.id}`, cookieOptions);
    return reply.redirectWithFlash(WORKSTATION, `${counter.name} in ${location.name.de} ist geöffnet.`);
  });

  app.post(`${WORKSTATION}/verlassen`, anyStaff, async (request, reply) => {
    const station = await stationOf(request);
    if (station) await queue.closeCounter(station.counter.id, request.staff!.id);
    reply.clearCookie(WORKSTATION_COOKIE, { path: cookieOptions.path });
    return reply.redirectWithFlash(
      WORKSTATION,
      station ? `Sie haben ${station.counter.name} verlassen.` : 'Sie haben den Platz verlassen.',
    );
  });

  /** A ticket of the clerk's location, named by a form (404 for any other). */
  const ticketAt = async (station: Station, id: unknown): Promise<Ticket> => {
    const ticket = await queue.findById(text(id));
    if (ticket.locationId !== station.location.id)
      throw new NotFoundError('Diese Wartenummer gibt es nicht.');
    return ticket;
  };

  const action = (path: string, spec: ActionSpec) => {
    app.post(`${WORKSTATION}/${path}`, anyStaff, async (request, reply) => {
      const station = await stationOf(request);
      if (!station)
        return reply.redirectWithFlash(WORKSTATION, 'Bitte wählen Sie zuerst Ihren Arbeitsplatz.');
      const values = formValues(request.body);
      const keep = spec.keep?.(values) ?? {};
      try {
        const outcome = await spec.run(station, values);
        if ('flash' in outcome) return reply.redirectWithFlash(WORKSTATION, outcome.flash);
        reply.status(422);
        return renderStation(request, reply, station, { errors: outcome.errors, values: keep });
      } catch (error) {
        if (!(error instanceof QueueRefusal)) throw error;
        // Nothing was changed; the clerk sees why on the same screen (an unknown booking code is bad input).
        reply.status(error.statusCode === 404 ? 422 : error.statusCode);
        return renderStation(request, reply, station, {
          errors: [{ field: spec.field(values), message: error.userMessage }],
          values: keep,
        });
      }
    });
  };

  action('aufrufen', {
    field: () => 'aktuell',
    run: async (station) => {
      const called = await queue.callNext(station.actor, station.counter.id);
      return { flash: called ? `${called.number} ist aufgerufen.` : 'Niemand wartet.' };
    },
  });

  action('erneut', {
    field: () => 'aktuell',
    run: async (station, values) => {
      const ticket = await ticketAt(station, values.ticket);
      const { ticket: after, noShow } = await queue.recall(station.actor, ticket.id);
      return {
        flash: noShow
          ? `${after.number} hat sich nach ${after.callCount} Aufrufen nicht gemeldet und ist als nicht erschienen vermerkt.`
          : `${after.number} ist erneut aufgerufen (${after.callCount}. Aufruf).`,
      };
    },
  });

  action('nicht-erschienen', {
    field: () => 'aktuell',
    run: async (station, values) => {
      const ticket = await queue.noShow(station.actor, (await ticketAt(station, values.ticket)).id);
      return { flash: `${ticket.number} ist als nicht erschienen vermerkt.` };
    },
  });

  action('beginnen', {
    field: () => 'aktuell',
    run: async (station, values) => {
      const ticket = await queue.startService(station.actor, (await ticketAt(station, values.ticket)).id);
      return { flash: `Bedienung von ${ticket.number} begonnen.` };
    },
  });

  action('abschliessen', {
    field: () => 'aktuell',
    run: async (station, values) => {
      const ticket = await queue.finish(station.actor, (await ticketAt(station, values.ticket)).id);
      return { flash: `${ticket.number} ist abgeschlossen.` };
    },
  });

  action('parken', {
    field: () => 'aktuell',
    run: async (station, values) => {
      const ticket = await queue.park(station.actor, (await ticketAt(station, values.ticket)).id);
      return { flash: `${ticket.number} ist geparkt.` };
    },
  });

  action('zurueckholen', {
    field: () => 'geparkt',
    run: async (station, values) => {
      const ticket = await queue.unpark(station.actor, (await ticketAt(station, values.ticket)).id);
      return { flash: `${ticket.number} wartet wieder (nach Ankunftszeit eingereiht).` };
    },
  });

  action('weiterleiten', {
    field: () => 'transfer-leistung',
    keep: (values) => ({
      'transfer-leistung': text(values.leistung),
      'transfer-schalter': text(values.schalter),
    }),
    run: async (station, values) => {
      const ticket = await ticketAt(station, values.ticket);
      const serviceId = text(values.leistung);
      const counterId = text(values.schalter);
      if (!serviceId && !counterId) {
        return {
          errors: [
            { field: 'transfer-leistung', message: 'Bitte wählen Sie eine Leistung oder einen Schalter.' },
          ],
        };
      }
      const counters = await services.locations.counters(station.location.id);
      const counter = counters.find((c) => c.id === counterId);
      if (counterId && !counter) return { errors: [{ field: 'transfer-schalter', message: t('choice') }] };
      const after = await queue.transfer(station.actor, ticket.id, {
        ...(serviceId ? { serviceIds: [serviceId] } : {}),
        ...(counter ? { counterId: counter.id } : {}),
      });
      return { flash: `${after.number} ist weitergeleitet${counter ? ` an ${counter.name}` : ''}.` };
    },
  });

  action('vorrang', {
    field: (values) => (values.von === 'warteschlange' ? 'warteschlange-ticket' : 'aktuell'),
    keep: (values): Record<string, string> =>
      values.von === 'warteschlange'
        ? { 'warteschlange-ticket': text(values.ticket), 'warteschlange-grund': text(values.grund) }
        : { 'vorrang-grund': text(values.grund) },
    run: async (station, values) => {
      const fromQueue = values.von === 'warteschlange';
      const reasonField = fromQueue ? 'warteschlange-grund' : 'vorrang-grund';
      if (fromQueue && !text(values.ticket)) {
        return { errors: [{ field: 'warteschlange-ticket', message: t('choice') }] };
      }
      const ticket = await ticketAt(station, values.ticket);
      const priority = values.vorrang !== 'nein';
      const reason = text(values.grund);
      if (priority && !reason) return { errors: [{ field: reasonField, message: t('required') }] };
      if (reason.length > 200) return { errors: [{ field: reasonField, message: t('tooLong') }] };
      const after = await queue.setPriority(station.actor, ticket.id, priority, priority ? reason : null);
      return {
        flash: priority
          ? `${after.number} hat Vorrang (${reason}).`
          : `${after.number} hat keinen Vorrang mehr.`,
      };
    },
  });

  action('notiz', {
    field: () => 'notiz',
    keep: (values) => ({ notiz: text(values.notiz) }),
    run: async (station, values) => {
      const ticket = await ticketAt(station, values.ticket);
      const note = text(values.notiz);
      if (note.length > 500) return { errors: [{ field: 'notiz', message: t('tooLong') }] };
      const after = await queue.setNote(station.actor, ticket.id, note || null);
      return { flash: note ? `Notiz zu ${after.number} gespeichert.` : `Notiz zu ${after.number} gelöscht.` };
    },
  });

  action('wartenummer', {
    field: () => 'walkin-leistung',
    keep: (values) => ({ 'walkin-leistung': text(values.leistung) }),
    run: async (station, values) => {
      const serviceId = text(values.leistung);
      if (!serviceId) return { errors: [{ field: 'walkin-leistung', message: t('choice') }] };
      const issued = await queue.issueWalkIn(
        { kind: 'staff', actor: station.actor, username: station.username },
        { locationId: station.location.id, serviceIds: [serviceId], lang: 'de' },
      );
      const name = (await services.leistungen.get(serviceId).catch(() => undefined))?.name.de ?? serviceId;
      return { flash: `Wartenummer ${issued.ticket.number} gezogen (${name}).${waitText(issued)}` };
    },
  });

  action('einchecken', {
    field: () => 'code',
    keep: (values) => ({ code: text(values.code) }),
    run: async (station, values) => {
      const code = text(values.code);
      if (!code) return { errors: [{ field: 'code', message: t('required') }] };
      if (code.length > 20) return { errors: [{ field: 'code', message: t('tooLong') }] };
      const issued = await queue.checkIn(
        { kind: 'staff', actor: station.actor, username: station.username },
        { locationId: station.location.id, code },
      );
      const timing =
        issued.lateMinutes !== undefined
          ? ` ${issued.lateMinutes} Minuten zu spät: eingereiht wie ohne Termin.`
          : issued.earlyMinutes
            ? ` Der Termin beginnt in ${issued.earlyMinutes} Minuten.`
            : '';
      return {
        flash: `Termin eingecheckt: Wartenummer ${issued.ticket.number}.${timing}${waitText(issued)}`,
      };
    },
  });
}

function waitText(state: { ahead: number; estimatedWaitMinutes: number | undefined }): string {
  const ahead = state.ahead === 1 ? '1 Person' : `${state.ahead} Personen`;
  const estimate =
    state.estimatedWaitMinutes === undefined
      ? ''
      : `, geschätzte Wartezeit ${state.estimatedWaitMinutes} Min.`;
  return ` Davor: ${ahead}${estimate}.`;
}
