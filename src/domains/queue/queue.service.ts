import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import { AppError, NotFoundError } from '../../platform/errors/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { berlinDateOf } from '../../platform/time/berlin-time.js';
import type { Leistung } from '../leistungen/leistungen.repository.js';
import type { LeistungenService } from '../leistungen/leistungen.service.js';
import type { LocationsService } from '../locations/locations.service.js';
import { openingStatus } from '../locations/opening-hours.rules.js';
import type { TermineRepository } from '../termine/termine.repository.js';
import {
  type Executor,
  type NewTicket,
  type QueueRepository,
  settingsFromRow,
  type Ticket,
  type TicketCall,
} from './queue.repository.js';
import {
  type CheckInDecision,
  type CounterSkills,
  canServe,
  canTransition,
  checkInDecision,
  defaultQueueSettings,
  estimateWaits,
  formatTicketNumber,
  nextFor,
  type QueueSettings,
  type QueueTicket,
  queueOrder,
  recallDecision,
  type TicketStatus,
  type WalkInDecision,
  walkInDecision,
} from './queue.rules.js';
import { ticketStatuses } from './queue.tables.js';

/** Channel of queue events between nodes; payloads carry IDs only (see QueueEvent). */
export const QUEUE_CHANNEL = 'queue_events';

/** `call`: a ticket was called (display, phone); `change`: positions may have moved (phones, staff). */
export type QueueEvent =
  | { type: 'call'; locationId: string; callId: number }
  | { type: 'change'; locationId: string };

export type RefusalCode =
  | Exclude<WalkInDecision, { ok: true }>['reason']
  | Exclude<CheckInDecision, { ok: true }>['reason']
  | 'unknown_code'
  | 'wrong_location'
  | 'not_confirmed'
  | 'already_checked_in'
  | 'device_required'
  | 'unknown_service'
  | 'nobody_called'
  | 'still_called'
  | 'wait_before_recall'
  | 'not_allowed'
  | 'cannot_serve';

/** An expected refusal of a queue action; `code` selects the citizen's text in their language. */
export class QueueRefusal extends AppError {
  constructor(
    readonly code: RefusalCode,
    statusCode: number,
    userMessage: string,
  ) {
    super(statusCode, statusCode === 404 ? 'Nicht gefunden' : 'Nicht möglich', userMessage);
  }
}

const germanRefusals: Record<RefusalCode, string> = {
  not_walk_in: 'Für diese Leistung gibt es keine Wartenummer ohne Termin.',
  closed: 'Der Standort ist gerade geschlossen.',
  too_late: 'Für heute werden keine Wartenummern mehr ausgegeben.',
  quota_exhausted: 'Die Wartenummern für diese Leistung sind für heute vergeben.',
  too_early: 'Sie sind zu früh. Bitte checken Sie näher an Ihrem Termin ein.',
  not_today: 'Ihr Termin ist nicht heute.',
  unknown_code: 'Zu diesem Buchungscode gibt es keinen Termin.',
  wrong_location: 'Ihr Termin ist an einem anderen Standort.',
  not_confirmed: 'Dieser Termin ist nicht (mehr) gültig.',
  already_checked_in: 'Dieser Termin ist bereits eingecheckt.',
  device_required: 'Wartenummern gibt es nur am Kiosk im Bürgeramt oder bei den Mitarbeitenden.',
  unknown_service: 'Diese Leistung gibt es an diesem Standort nicht.',
  nobody_called: 'An diesem Schalter ist niemand aufgerufen.',
  still_called:
    'Die aufgerufene Person ist noch nicht da: erneut aufrufen oder als nicht erschienen markieren.',
  wait_before_recall: 'Ein erneuter Aufruf ist erst nach einer kurzen Wartezeit möglich.',
  not_allowed: 'Diese Aktion ist für die Wartenummer in ihrem Zustand nicht möglich.',
  cannot_serve: 'Dieser Schalter bearbeitet die Leistung nicht.',
};

function refuse(code: RefusalCode, statusCode = 409): never {
  throw new QueueRefusal(code, statusCode, germanRefusals[code]);
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Tickets as the rules see them. */
export function toQueueTicket(ticket: Ticket): QueueTicket {
  return {
    id: ticket.id,
    kind: ticket.kind,
    status: ticket.status,
    serviceIds: ticket.serviceIds,
    ...(ticket.appointmentAt ? { appointmentAt: ticket.appointmentAt } : {}),
    arrivedAt: ticket.arrivedAt,
    priority: ticket.priority,
    ...(ticket.counterId ? { counterId: ticket.counterId } : {}),
    callCount: ticket.callCount,
    number: ticket.number,
    ...(ticket.lastCalledAt ? { lastCalledAt: ticket.lastCalledAt } : {}),
  };
}

/** A ticket with its place in the queue, as shown on the ticket, the phone and the staff screen. */
export interface TicketState {
  ticket: Ticket;
  /** People ahead (waiting tickets called before this one); 0 when it is next or no longer waiting. */
  ahead: number;
  /** Estimated minutes until the call; undefined when no open counter serves it or it is not waiting. */
  estimatedWaitMinutes: number | undefined;
  /** The counter that called it (status called/serving). */
  counterName: string | undefined;
}

export interface IssuedTicket extends TicketState {
  /** The secret of the phone link; only returned here. */
  secret: string;
  /** Minutes until the appointment when the citizen is early. */
  earlyMinutes?: number;
  /** Minutes late beyond the tolerance (queued as a walk-in). */
  lateMinutes?: number;
}

/** Who acts: a registered device (kiosk) or a clerk. */
export type Issuer =
  | { kind: 'device'; deviceId: string; locationId: string }
  | { kind: 'staff'; actor: Actor; username: string };

/** Open counters: sessions seen within this time count for the estimate. */
const SESSION_FRESH_MS = 15 * 60_000;
/** Service times that feed the rolling average. */
const AVERAGE_WINDOW = 200;

/** The day's open tickets of a location with positions and estimates (see QueueService.board). */
export interface Board {
  order: TicketState[];
  states: Map<string, TicketState>;
  counters: Array<CounterSkills & { name: string }>;
}

/** A board is recomputed at least this often, as the estimates depend on the time. */
const BOARD_TTL_MS = 5_000;

export class QueueService {
  private readonly boards = new Map<string, { version: number; at: number; board: Board }>();
  private readonly boardVersions = new Map<string, number>();

  constructor(
    private readonly repo: QueueRepository,
    private readonly termine: TermineRepository,
    private readonly leistungen: LeistungenService,
    private readonly locations: LocationsService,
    private readonly audit: AuditRepository,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {
    // Registered first, so boards are outdated before any stream reads them for the same event.
    events.subscribe(QUEUE_CHANNEL, (payload) => {
      try {
        const locationId = (JSON.parse(payload) as Partial<QueueEvent>).locationId;
        if (typeof locationId === 'string') this.invalidateBoard(locationId);
      } catch {
        // Not ours to crash on; subscribers below ignore it too.
      }
    });
    events.onGap(() => {
      for (const locationId of [...this.boards.keys()]) this.invalidateBoard(locationId);
    });
  }

  async settings(locationId: string): Promise<QueueSettings> {
    const row = await this.repo.settings(locationId);
    return row ? settingsFromRow(row) : defaultQueueSettings;
  }

  /** An active location (404 otherwise). */
  location(id: string) {
    return this.locations.get(id);
  }

  /** Services a walk-in ticket can be drawn for at this location (the kiosk's choice). */
  async walkInServices(locationId: string): Promise<Leistung[]> {
    const [all, byLeistung] = await Promise.all([
      this.leistungen.list(),
      this.leistungen.locationIdsByLeistung(),
    ]);
    return all.filter((leistung) => leistung.walkIn && byLeistung.get(leistung.id)?.includes(locationId));
  }

  /** Draws a walk-in ticket (kiosk or clerk) after the quota and opening-hour rules. */
  async issueWalkIn(
    issuer: Issuer,
    input: { locationId: string; serviceIds: string[]; lang: string },
  ): Promise<IssuedTicket> {
    const now = this.now();
    checkIssuer(issuer, input.locationId);
    const location = await this.locations.get(input.locationId);
    const services = await this.servicesAt(location.id, input.serviceIds);
    const settings = await this.settings(location.id);
    const status = openingStatus(await this.locations.schedule(location.id), now);
    const closesAt = status.open ? status.closesAt : undefined;
    const day = berlinDateOf(now);
    const quotas = new Map(
      await Promise.all(services.map(async (s) => [s.id, await this.repo.quota(location.id, s.id)] as const)),
    );
    const secret = randomBytes(18).toString('base64url');
    const ticket = await this.repo.transaction(async (tx) => {
      await this.repo.lockDay(tx, location.id, day);
      for (const service of services) {
        const decision = walkInDecision({
          now,
          allowsWalkIn: service.walkIn,
          closesAt,
          issuedToday: await this.repo.countWalkIns(tx, location.id, day, service.id),
          quota: quotas.get(service.id),
          settings,
        });
        if (!decision.ok) refuse(decision.reason);
      }
      return this.insertTicket(tx, issuer, 'ticket.issue', settings.prefixes.walk_in, secret, {
        locationId: location.id,
        day,
        kind: 'walk_in',
        serviceIds: services.map((s) => s.id),
        arrivedAt: now,
        lang: input.lang,
      });
    });
    await this.publish({ type: 'change', locationId: location.id });
    return { ...(await this.stateOf(ticket)), secret };
  }

  /** Checks in a booked appointment by its code: the citizen gets a ticket of kind appointment. */
  async checkIn(
    issuer: Issuer,
    input: { locationId: string; code: string; lang?: string },
  ): Promise<IssuedTicket> {
    const now = this.now();
    checkIssuer(issuer, input.locationId);
    const code = normaliseCode(input.code);
    const appointment = code ? await this.termine.findByCode(code) : undefined;
    if (!appointment) refuse('unknown_code', 404);
    if (appointment.locationId !== input.locationId) refuse('wrong_location');
    if (appointment.status !== 'confirmed') refuse('not_confirmed');
    if (await this.repo.findByAppointment(appointment.id)) refuse('already_checked_in');
    const settings = await this.settings(input.locationId);
    const decision = checkInDecision({ now, appointmentAt: appointment.startsAt, settings });
    if (!decision.ok) refuse(decision.reason);
    const kind = decision.kind;
    const secret = randomBytes(18).toString('base64url');
    const day = berlinDateOf(now);
    const ticket = await this.repo.transaction((tx) =>
      this.insertTicket(tx, issuer, 'ticket.check-in', settings.prefixes[kind], secret, {
        locationId: input.locationId,
        day,
        kind,
        serviceIds: appointment.serviceIds,
        appointmentId: appointment.id,
        ...(kind === 'appointment' ? { appointmentAt: appointment.startsAt } : {}),
        arrivedAt: now,
        lang: input.lang ?? appointment.lang,
      }).catch((error: unknown) => {
        // Two check-ins at once: the unique index on the appointment lets only one through.
        if (isUniqueViolation(error)) refuse('already_checked_in');
        throw error;
      }),
    );
    await this.publish({ type: 'change', locationId: input.locationId });
    return {
      ...(await this.stateOf(ticket)),
      secret,
      ...(decision.kind === 'appointment' && decision.early ? { earlyMinutes: decision.early } : {}),
      ...(decision.kind === 'walk_in' ? { lateMinutes: decision.lateMinutes } : {}),
    };
  }

  /** Numbers and stores a new ticket; a clerk's action is audited (a kiosk's is not: no person acts). */
  private async insertTicket(
    tx: Executor,
    issuer: Issuer,
    action: 'ticket.issue' | 'ticket.check-in',
    prefix: string,
    secret: string,
    values: Omit<NewTicket, 'number' | 'secretHash' | 'issuedBy'>,
  ): Promise<Ticket> {
    const number = await this.repo.nextNumber(tx, values.locationId, values.day, prefix);
    const created = await this.repo.insert(tx, {
      ...values,
      number: formatTicketNumber(prefix, number),
      secretHash: sha256(secret),
      issuedBy: issuerName(issuer),
    });
    if (issuer.kind === 'staff') {
      await this.audit.record(tx, issuer.actor, {
        action,
        entityType: 'ticket',
        entityId: created.id,
        after: snapshot(created),
      });
    }
    return created;
  }

  /** The ticket behind a phone link; a wrong secret is the same as an unknown ticket. */
  async findBySecret(id: string, secret: string): Promise<Ticket> {
    const ticket = isUuid(id) ? await this.repo.findById(id) : undefined;
    if (!ticket || !safeEqual(ticket.secretHash, sha256(secret))) throw new NotFoundError();
    return ticket;
  }

  async findById(id: string): Promise<Ticket> {
    const ticket = isUuid(id) ? await this.repo.findById(id) : undefined;
    if (!ticket) throw new NotFoundError('Diese Wartenummer gibt es nicht.');
    return ticket;
  }

  /** Position, estimate and counter of one ticket. */
  async stateOf(ticket: Ticket): Promise<TicketState> {
    const board = await this.board(ticket.locationId);
    return (
      board.states.get(ticket.id) ?? {
        ticket,
        ahead: 0,
        estimatedWaitMinutes: undefined,
        counterName: undefined,
      }
    );
  }

  /**
   * The day's open tickets of a location with their positions and estimates, in calling order, and the
   * counters. One read serves every phone and screen of the location.
   */
  async board(locationId: string): Promise<Board> {
    // Phones and screens of a location share one board per node until the next queue event (or, since
    // the estimates move with the clock, a few seconds): a reconnect storm costs one computation.
    const now = this.now();
    const cached = this.boards.get(locationId);
    if (
      cached &&
      cached.version === this.boardVersion(locationId) &&
      now.getTime() - cached.at < BOARD_TTL_MS
    ) {
      return cached.board;
    }
    const version = this.boardVersion(locationId);
    const board = await this.computeBoard(locationId, now);
    if (version === this.boardVersion(locationId))
      this.boards.set(locationId, { version, at: now.getTime(), board });
    return board;
  }

  private boardVersion(locationId: string): number {
    return this.boardVersions.get(locationId) ?? 0;
  }

  /** Any change at a location (here or, through the event bus, on another node) outdates its board. */
  private invalidateBoard(locationId: string): void {
    this.boardVersions.set(locationId, this.boardVersion(locationId) + 1);
    this.boards.delete(locationId);
  }

  private async computeBoard(locationId: string, now: Date): Promise<Board> {
    const day = berlinDateOf(now);
    const [open, counters, sessions, times, leistungen] = await Promise.all([
      this.repo.open(locationId, day),
      this.repo.counters(locationId),
      this.repo.openSessions(locationId, new Date(now.getTime() - SESSION_FRESH_MS)),
      this.repo.serviceTimes(locationId, AVERAGE_WINDOW),
      this.leistungen.list({ includeRetired: true }),
    ]);
    const configuredMinutes = Object.fromEntries(leistungen.map((l) => [l.id, l.durationMinutes]));
    const openIds = new Set(sessions.map((s) => s.counterId));
    // Before anybody has opened a counter (morning), every counter of the location is assumed to open.
    const serving = openIds.size > 0 ? counters.filter((c) => openIds.has(c.id)) : counters;
    const inService = open
      .filter((t) => t.status === 'serving' && t.calledCounterId && t.servingStartedAt)
      .map((t) => ({
        counterId: t.calledCounterId!,
        serviceIds: t.serviceIds,
        startedAt: t.servingStartedAt!,
      }));
    const estimates = estimateWaits({
      now,
      tickets: open.filter((t) => t.status === 'waiting').map(toQueueTicket),
      counters: serving,
      averageMinutes: averageMinutes(times, configuredMinutes),
      configuredMinutes,
      inService,
    });
    const counterNames = new Map(counters.map((c) => [c.id, c.name]));
    const states = new Map<string, TicketState>();
    for (const ticket of open) {
      const estimate = estimates.get(ticket.id);
      states.set(ticket.id, {
        ticket,
        ahead: estimate?.ahead ?? 0,
        estimatedWaitMinutes: ticket.status === 'waiting' ? estimate?.minutes : undefined,
        counterName: ticket.calledCounterId ? counterNames.get(ticket.calledCounterId) : undefined,
      });
    }
    const waitingOrder = queueOrderOf(open, now).map((t) => states.get(t.id)!);
    const others = open.filter((t) => t.status !== 'waiting').map((t) => states.get(t.id)!);
    return { order: [...others, ...waitingOrder], states, counters };
  }

  /** Ticket states of one counter's queue: the ones it may call, in order. */
  async queueFor(
    counterId: string,
  ): Promise<{ counter: CounterSkills & { name: string }; waiting: TicketState[] }> {
    const counter = await this.counter(counterId);
    const board = await this.board(counter.locationId);
    const skills = board.counters.find((c) => c.id === counter.id) ?? { ...counter, serviceIds: [] };
    const now = this.now();
    const waiting = queueOrderOf(
      board.order.filter((s) => s.ticket.status === 'waiting').map((s) => s.ticket),
      now,
    )
      .filter((t) => canServe(skills, toQueueTicket(t)))
      .map((t) => board.states.get(t.id)!);
    return { counter: skills, waiting };
  }

  async counter(counterId: string) {
    const counter = isUuid(counterId) ? await this.repo.counterById(counterId) : undefined;
    if (!counter || counter.retiredAt) throw new NotFoundError('Diesen Schalter gibt es nicht.');
    return counter;
  }

  /** The ticket currently called or served at a counter, if any. */
  async currentAt(counterId: string): Promise<Ticket | undefined> {
    const counter = await this.counter(counterId);
    const open = await this.repo.open(counter.locationId, berlinDateOf(this.now()));
    return open.find(
      (t) => t.calledCounterId === counter.id && (t.status === 'called' || t.status === 'serving'),
    );
  }

  /**
   * "Nächste Person aufrufen": finishes the person served at this counter (service time recorded),
   * then calls the first waiting ticket the counter can serve. Two clerks never get the same ticket:
   * the status change is conditional and a lost race tries the next one.
   */
  async callNext(actor: Actor, counterId: string): Promise<Ticket | undefined> {
    const counter = await this.counter(counterId);
    const [skills, firstRead] = await Promise.all([
      this.repo
        .counters(counter.locationId)
        .then((all) => all.find((c) => c.id === counter.id) ?? { id: counter.id, serviceIds: [] }),
      this.repo.open(counter.locationId, berlinDateOf(this.now())),
    ]);
    let open = firstRead;
    const current = open.find(
      (t) => t.calledCounterId === counter.id && (t.status === 'called' || t.status === 'serving'),
    );
    if (current?.status === 'called') refuse('still_called');
    if (current?.status === 'serving') {
      await this.finish(actor, current.id);
      open = open.filter((t) => t.id !== current.id);
    }
    for (let attempt = 0; attempt < 20; attempt++) {
      const now = this.now();
      // After a lost race (a colleague called the same person) the queue is read again.
      if (attempt > 0) open = await this.repo.open(counter.locationId, berlinDateOf(now));
      const next = nextFor(skills, open.filter((t) => t.status === 'waiting').map(toQueueTicket), now);
      if (!next) return undefined;
      const called = await this.repo.transaction(async (tx) => {
        const updated = await this.repo.update(tx, next.id, ['waiting'], {
          status: 'called',
          calledCounterId: counter.id,
          callCount: 1,
          lastCalledAt: now,
        });
        if (!updated) return undefined;
        const call = await this.repo.insertCall(tx, {
          ticketId: updated.id,
          locationId: counter.locationId,
          counterId: counter.id,
          number: updated.number,
          counterName: counter.name,
          calledAt: now,
        });
        await this.audit.record(tx, actor, {
          action: 'ticket.call',
          entityType: 'ticket',
          entityId: updated.id,
          after: { counter: counter.name, number: updated.number },
        });
        return { updated, call };
      });
      if (called) {
        await this.publishCall(called.call);
        return called.updated;
      }
    }
    return undefined;
  }

  /** Calls the ticket again; after `maxCalls` unanswered calls it becomes a no-show instead. */
  async recall(actor: Actor, ticketId: string): Promise<{ ticket: Ticket; noShow: boolean }> {
    const ticket = await this.findById(ticketId);
    if (ticket.status !== 'called' || !ticket.calledCounterId) refuse('nobody_called');
    const settings = await this.settings(ticket.locationId);
    const now = this.now();
    const decision = recallDecision(toQueueTicket(ticket), now, settings);
    if (decision.action === 'wait') refuse('wait_before_recall');
    if (decision.action === 'no_show') {
      return { ticket: await this.transition(actor, ticketId, 'no_show', {}), noShow: true };
    }
    const counter = await this.counter(ticket.calledCounterId);
    const result = await this.repo.transaction(async (tx) => {
      const updated = await this.repo.update(tx, ticket.id, ['called'], {
        callCount: ticket.callCount + 1,
        lastCalledAt: now,
      });
      if (!updated) refuse('not_allowed');
      const call = await this.repo.insertCall(tx, {
        ticketId: updated.id,
        locationId: updated.locationId,
        counterId: counter.id,
        number: updated.number,
        counterName: counter.name,
        calledAt: now,
      });
      await this.audit.record(tx, actor, {
        action: 'ticket.recall',
        entityType: 'ticket',
        entityId: updated.id,
        after: { counter: counter.name, number: updated.number, calls: updated.callCount },
      });
      return { updated, call };
    });
    await this.publishCall(result.call);
    return { ticket: result.updated, noShow: false };
  }

  noShow(actor: Actor, ticketId: string): Promise<Ticket> {
    return this.transition(actor, ticketId, 'no_show', {});
  }

  startService(actor: Actor, ticketId: string): Promise<Ticket> {
    return this.transition(actor, ticketId, 'serving', { servingStartedAt: this.now() });
  }

  /** Finishes service; the service time (from start, or from the call) feeds the estimate. */
  async finish(actor: Actor, ticketId: string): Promise<Ticket> {
    const now = this.now();
    return this.transition(actor, ticketId, 'done', { finishedAt: now }, async (tx, ticket) => {
      const started = ticket.servingStartedAt ?? ticket.lastCalledAt;
      if (!started) return;
      await this.repo.insertServiceTime(tx, {
        locationId: ticket.locationId,
        serviceIds: ticket.serviceIds,
        minutes: Math.max(1, Math.round((now.getTime() - started.getTime()) / 60_000)),
        finishedAt: now,
      });
    });
  }

  /** Parks a ticket (the citizen fetches a document); taking it back keeps its place by arrival. */
  park(actor: Actor, ticketId: string): Promise<Ticket> {
    return this.transition(actor, ticketId, 'parked', { calledCounterId: null, servingStartedAt: null });
  }

  unpark(actor: Actor, ticketId: string): Promise<Ticket> {
    return this.transition(actor, ticketId, 'waiting', { callCount: 0, lastCalledAt: null });
  }

  /** Sends a ticket to other services and/or one counter; its arrival time (its waiting time) is kept. */
  async transfer(
    actor: Actor,
    ticketId: string,
    target: { serviceIds?: string[]; counterId?: string | null },
  ): Promise<Ticket> {
    const ticket = await this.findById(ticketId);
    const serviceIds = target.serviceIds?.length
      ? (await this.servicesAt(ticket.locationId, target.serviceIds)).map((s) => s.id)
      : ticket.serviceIds;
    let counterId: string | null = null;
    if (target.counterId) {
      const counter = await this.counter(target.counterId);
      if (counter.locationId !== ticket.locationId) throw new NotFoundError('Diesen Schalter gibt es nicht.');
      counterId = counter.id;
    }
    return this.transition(actor, ticketId, 'waiting', {
      serviceIds,
      counterId,
      calledCounterId: null,
      servingStartedAt: null,
      callCount: 0,
      lastCalledAt: null,
    });
  }

  async setPriority(
    actor: Actor,
    ticketId: string,
    priority: boolean,
    reason: string | null,
  ): Promise<Ticket> {
    return this.edit(actor, ticketId, 'ticket.priority', {
      priority,
      priorityReason: priority ? reason : null,
    });
  }

  async setNote(actor: Actor, ticketId: string, note: string | null): Promise<Ticket> {
    return this.edit(actor, ticketId, 'ticket.note', { note });
  }

  /** The last calls of a location today (the display's history). */
  async recentCalls(locationId: string, limit = 6): Promise<TicketCall[]> {
    const now = this.now();
    const startOfDay = new Date(now.getTime() - 16 * 3_600_000);
    const calls = await this.repo.recentCalls(locationId, startOfDay, limit);
    return calls.filter((call) => berlinDateOf(call.calledAt) === berlinDateOf(now));
  }

  findCall(id: number): Promise<TicketCall | undefined> {
    return this.repo.findCall(id);
  }

  async openCounter(counterId: string, staffUserId: string): Promise<void> {
    await this.counter(counterId);
    await this.repo.openSession(counterId, staffUserId, this.now());
    const counter = await this.counter(counterId);
    await this.publish({ type: 'change', locationId: counter.locationId });
  }

  async touchCounter(counterId: string): Promise<void> {
    await this.repo.touchSession(counterId, this.now());
  }

  async closeCounter(counterId: string, staffUserId: string): Promise<void> {
    const counter = await this.counter(counterId);
    await this.repo.closeSession(counterId, staffUserId);
    await this.publish({ type: 'change', locationId: counter.locationId });
  }

  /** Everything of the day (staff overview). */
  ofDay(locationId: string): Promise<Ticket[]> {
    return this.repo.ofDay(locationId, berlinDateOf(this.now()));
  }

  subscribe(handler: (event: QueueEvent) => void): () => void {
    return this.events.subscribe(QUEUE_CHANNEL, (payload) => {
      try {
        handler(JSON.parse(payload) as QueueEvent);
      } catch {
        // A malformed event is ignored: listeners must never crash the node.
      }
    });
  }

  /** Called when events may have been lost (listening connection re-opened). */
  onGap(handler: () => void): () => void {
    return this.events.onGap(handler);
  }

  private async transition(
    actor: Actor,
    ticketId: string,
    to: TicketStatus,
    values: Partial<Ticket>,
    inside?: (
      tx: Parameters<Parameters<QueueRepository['transaction']>[0]>[0],
      ticket: Ticket,
    ) => Promise<void>,
  ): Promise<Ticket> {
    const ticket = await this.findById(ticketId);
    const allowed = ticketStatuses.filter((from) => canTransition(from, to));
    if (!allowed.includes(ticket.status)) refuse('not_allowed');
    return this.write(actor, ticket, `ticket.${to}`, allowed, { ...values, status: to }, inside);
  }

  /** Changes a ticket still open (priority, note) without moving it. */
  private async edit(
    actor: Actor,
    ticketId: string,
    action: string,
    values: Partial<Ticket>,
  ): Promise<Ticket> {
    return this.write(actor, await this.findById(ticketId), action, [...openStatusList], values);
  }

  /**
   * One audited change of a ticket, only if it is still in one of `expected` (the conditional update is
   * what keeps two clerks from acting on the same person), then the event for screens and phones.
   */
  private async write(
    actor: Actor,
    ticket: Ticket,
    action: string,
    expected: TicketStatus[],
    values: Partial<Ticket>,
    inside?: (tx: Executor, ticket: Ticket) => Promise<void>,
  ): Promise<Ticket> {
    const updated = await this.repo.transaction(async (tx) => {
      const row = await this.repo.update(tx, ticket.id, expected, values);
      if (!row) refuse('not_allowed');
      await inside?.(tx, ticket);
      await this.audit.record(tx, actor, {
        action,
        entityType: 'ticket',
        entityId: row.id,
        before: snapshot(ticket),
        after: snapshot(row),
      });
      return row;
    });
    await this.publish({ type: 'change', locationId: updated.locationId });
    return updated;
  }

  private async servicesAt(locationId: string, serviceIds: string[]): Promise<Leistung[]> {
    const unique = [...new Set(serviceIds)];
    if (unique.length === 0) refuse('unknown_service', 422);
    const byLeistung = await this.leistungen.locationIdsByLeistung(unique);
    const services: Leistung[] = [];
    for (const id of unique) {
      if (!byLeistung.get(id)?.includes(locationId)) refuse('unknown_service', 422);
      services.push(await this.leistungen.get(id));
    }
    return services;
  }

  private async publishCall(call: TicketCall): Promise<void> {
    await this.publish({ type: 'call', locationId: call.locationId, callId: call.id });
  }

  private async publish(event: QueueEvent): Promise<void> {
    // At once on this node: the caller may read the board right after its change.
    this.invalidateBoard(event.locationId);
    await this.events.publish(QUEUE_CHANNEL, JSON.stringify(event)).catch(() => {
      // Screens reconnect and phones reload; a lost event delays an update, it loses no data.
    });
  }
}

const openStatusList = ['waiting', 'called', 'serving', 'parked'] as const;

/** A kiosk acts for its own location only. */
function checkIssuer(issuer: Issuer, locationId: string): void {
  if (issuer.kind === 'device' && issuer.locationId !== locationId) refuse('device_required', 403);
}

function issuerName(issuer: Issuer): string {
  return issuer.kind === 'device' ? `device:${issuer.deviceId}` : `staff:${issuer.username}`;
}

/** What the audit log keeps of a ticket: everything but the hash of the phone link's secret. */
function snapshot(ticket: Ticket) {
  const { secretHash: _secretHash, ...rest } = ticket;
  return rest;
}

function queueOrderOf(tickets: Ticket[], now: Date): Ticket[] {
  const byId = new Map(tickets.map((t) => [t.id, t]));
  return queueOrder(tickets.map(toQueueTicket), now).map((t) => byId.get(t.id)!);
}

/** Booking codes look like "K7M-4QX"; scanners and people add spaces, lower case or drop the dash. */
export function normaliseCode(raw: string): string {
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.length === 6 ? `${compact.slice(0, 3)}-${compact.slice(3)}` : compact;
}

/**
 * The rolling average minutes per service from recorded service times: a ticket's minutes count for
 * each of its services in proportion to their configured durations.
 */
export function averageMinutes(
  times: Array<{ serviceIds: string[]; minutes: number }>,
  configured: Record<string, number>,
): Record<string, number> {
  const sums: Record<string, { minutes: number; count: number }> = {};
  for (const time of times) {
    const total = time.serviceIds.reduce((sum, id) => sum + (configured[id] ?? 1), 0) || 1;
    for (const id of time.serviceIds) {
      const share = (configured[id] ?? 1) / total;
      const entry = sums[id] ?? { minutes: 0, count: 0 };
      sums[id] = entry;
      entry.minutes += time.minutes * share;
      entry.count += 1;
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([id, s]) => [id, s.minutes / s.count]));
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } }).code ??
    (error as { cause?: { code?: string } }).cause?.code;
  return code === '23505';
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
