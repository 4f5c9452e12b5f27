/**
 * Rules of the queue on site (Wartemanagement): ticket numbers, walk-in quota and cut-off, check-in of
 * appointments (early/late), the order in which tickets are called, recall and no-show, park and transfer,
 * and the waiting-time estimate. Pure: no I/O, no clock (`now` is always passed in).
 */

import { berlinDateOf } from '../../platform/time/berlin-time.js';

const MINUTE = 60_000;

export type TicketKind = 'appointment' | 'walk_in';
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'parked' | 'done' | 'no_show' | 'cancelled';

export interface QueueSettings {
  /** Number prefix per kind, e.g. 'T' for appointments and 'W' for walk-ins. */
  prefixes: Record<TicketKind, string>;
  /** No walk-in tickets this many minutes before the office closes. */
  walkInStopMinutesBeforeClose: number;
  /** An appointment can be checked in at most this many minutes before its start. */
  checkInEarliestMinutes: number;
  /** A late arrival within this many minutes after the start keeps its appointment priority. */
  lateToleranceMinutes: number;
  /** Beyond the tolerance: 'walk_in' = queued like a walk-in arriving now; 'refuse' = told to book again. */
  lateRule: 'walk_in' | 'refuse';
  /** Unanswered calls after which a ticket becomes a no-show. */
  maxCalls: number;
  /** A recall is possible this many seconds after the previous call at the earliest. */
  recallAfterSeconds: number;
}

export const defaultQueueSettings: QueueSettings = {
  prefixes: { appointment: 'T', walk_in: 'W' },
  walkInStopMinutesBeforeClose: 30,
  checkInEarliestMinutes: 60,
  lateToleranceMinutes: 15,
  lateRule: 'walk_in',
  maxCalls: 3,
  recallAfterSeconds: 60,
};

/** What the rules need to know about one ticket. */
export interface QueueTicket {
  id: string;
  kind: TicketKind;
  status: TicketStatus;
  serviceIds: string[];
  /** Appointment start (kind 'appointment'); undefined for walk-ins. */
  appointmentAt?: Date;
  /** When the citizen arrived (drew the ticket / checked in); kept when transferred. */
  arrivedAt: Date;
  priority: boolean;
  /** Transferred to a specific counter: only that counter may call it. */
  counterId?: string;
  callCount: number;
  /** As drawn, e.g. 'W 017': breaks ties between tickets drawn in the same millisecond. */
  number?: string;
  lastCalledAt?: Date;
}

/** A counter as the order rule sees it: the services it handles (empty = all). */
export interface CounterSkills {
  id: string;
  serviceIds: string[];
}

/** `'T 007'`: prefix, a space, the number with at least three digits. */
export function formatTicketNumber(prefix: string, number: number): string {
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new RangeError(`Invalid ticket number ${number}, expected a whole number >= 0`);
  }
  return `${prefix} ${String(number).padStart(3, '0')}`;
}

export type WalkInDecision =
  | { ok: true }
  | { ok: false; reason: 'not_walk_in' | 'closed' | 'too_late' | 'quota_exhausted' };

/**
 * May a walk-in ticket for `service` be drawn now? `closesAt` is today's closing instant of the location
 * (undefined = closed today / now outside opening hours), `issuedToday` how many walk-in tickets for this
 * service were drawn today, `quota` the daily quota (undefined = unlimited).
 */
export function walkInDecision(input: {
  now: Date;
  allowsWalkIn: boolean;
  closesAt: Date | undefined;
  issuedToday: number;
  quota: number | undefined;
  settings: QueueSettings;
}): WalkInDecision {
  const { now, allowsWalkIn, closesAt, issuedToday, quota, settings } = input;
  if (!allowsWalkIn) return { ok: false, reason: 'not_walk_in' };
  if (closesAt === undefined || now.getTime() >= closesAt.getTime()) return { ok: false, reason: 'closed' };
  const stop = closesAt.getTime() - settings.walkInStopMinutesBeforeClose * MINUTE;
  if (now.getTime() >= stop) return { ok: false, reason: 'too_late' };
  if (quota !== undefined && issuedToday >= quota) return { ok: false, reason: 'quota_exhausted' };
  return { ok: true };
}

export type CheckInDecision =
  /** On time or within the tolerance: queued as an appointment; `early` = minutes until its start (> 0). */
  | { ok: true; kind: 'appointment'; early?: number }
  /** Late beyond the tolerance and the rule is 'walk_in': queued like a walk-in arriving now. */
  | { ok: true; kind: 'walk_in'; lateMinutes: number }
  | { ok: false; reason: 'too_early' | 'too_late' | 'not_today' };

/** Check-in of an appointment starting at `appointmentAt` (Berlin dates compared for 'not_today'). */
export function checkInDecision(input: {
  now: Date;
  appointmentAt: Date;
  settings: QueueSettings;
}): CheckInDecision {
  const { now, appointmentAt, settings } = input;
  if (berlinDateOf(now) !== berlinDateOf(appointmentAt)) return { ok: false, reason: 'not_today' };
  // Real elapsed time (instants), so a DST switch between now and the start is counted correctly.
  const untilStart = appointmentAt.getTime() - now.getTime();
  if (untilStart > settings.checkInEarliestMinutes * MINUTE) return { ok: false, reason: 'too_early' };
  if (untilStart > 0) return { ok: true, kind: 'appointment', early: Math.ceil(untilStart / MINUTE) };
  const late = -untilStart;
  if (late <= settings.lateToleranceMinutes * MINUTE) return { ok: true, kind: 'appointment' };
  if (settings.lateRule === 'refuse') return { ok: false, reason: 'too_late' };
  return { ok: true, kind: 'walk_in', lateMinutes: Math.floor(late / MINUTE) };
}

/**
 * The order in which waiting tickets are called (status 'waiting' only; others are left out):
 * 1. priority tickets (by arrival),
 * 2. appointments whose time has come (appointmentAt <= now), by appointment time,
 * 3. walk-ins (and late arrivals queued as walk-ins), by arrival,
 * 4. appointments not yet due, by appointment time (called early only when nobody else waits).
 * Ties by arrival, then by number (drawn in order), then id, so the order is total and stable.
 */
export function queueOrder(tickets: QueueTicket[], now: Date): QueueTicket[] {
  const t = now.getTime();
  return tickets
    .filter((ticket) => ticket.status === 'waiting')
    .map((ticket) => ({ ticket, ...orderKey(ticket, t) }))
    .sort(
      (a, b) =>
        a.group - b.group ||
        a.at - b.at ||
        a.ticket.arrivedAt.getTime() - b.ticket.arrivedAt.getTime() ||
        compareIds(a.ticket.number ?? '', b.ticket.number ?? '') ||
        compareIds(a.ticket.id, b.ticket.id),
    )
    .map((entry) => entry.ticket);
}

/** Group (1–4 of the order rule, here 0–3) and the instant the ticket is ordered by within its group. */
function orderKey(ticket: QueueTicket, now: number): { group: number; at: number } {
  const arrived = ticket.arrivedAt.getTime();
  if (ticket.priority) return { group: 0, at: arrived };
  // An 'appointment' without a start cannot be placed by its time: it queues like a walk-in.
  if (ticket.kind === 'appointment' && ticket.appointmentAt !== undefined) {
    const start = ticket.appointmentAt.getTime();
    return start <= now ? { group: 1, at: start } : { group: 3, at: start };
  }
  return { group: 2, at: arrived };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Can `counter` serve `ticket`? All of the ticket's services must be among the counter's (empty = all), and a
 * ticket transferred to a counter can only be called there. */
export function canServe(counter: CounterSkills, ticket: QueueTicket): boolean {
  if (ticket.counterId !== undefined && ticket.counterId !== counter.id) return false;
  if (counter.serviceIds.length === 0) return true;
  return ticket.serviceIds.every((id) => counter.serviceIds.includes(id));
}

/** The next ticket `counter` should call (the first in queueOrder it can serve), or undefined. */
export function nextFor(counter: CounterSkills, tickets: QueueTicket[], now: Date): QueueTicket | undefined {
  return queueOrder(tickets, now).find((ticket) => canServe(counter, ticket));
}

export type RecallDecision =
  | { action: 'recall' }
  | { action: 'no_show' }
  | { action: 'wait'; seconds: number };

/**
 * A called ticket did not come: recall it (if `recallAfterSeconds` have passed since the last call), or,
 * when it has been called `maxCalls` times already, it becomes a no-show.
 */
export function recallDecision(ticket: QueueTicket, now: Date, settings: QueueSettings): RecallDecision {
  // Every call, the last one included, gives the citizen `recallAfterSeconds` to come to the counter:
  // only then is the ticket called again or, after `maxCalls` calls, marked as a no-show.
  if (ticket.lastCalledAt !== undefined) {
    const due = ticket.lastCalledAt.getTime() + settings.recallAfterSeconds * 1000;
    const left = due - now.getTime();
    if (left > 0) return { action: 'wait', seconds: Math.ceil(left / 1000) };
  }
  return ticket.callCount >= settings.maxCalls ? { action: 'no_show' } : { action: 'recall' };
}

/**
 * Allowed status transitions (anything else is refused): waiting → called | parked | cancelled;
 * called → serving | waiting (back to the queue) | no_show | called (recall); serving → done | parked |
 * waiting (transfer); parked → waiting (taken back, keeps its arrival time).
 */
export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  waiting: ['called', 'parked', 'cancelled'],
  called: ['serving', 'waiting', 'no_show', 'called'],
  serving: ['done', 'parked', 'waiting'],
  parked: ['waiting'],
  done: [],
  no_show: [],
  cancelled: [],
};

export interface EstimateInput {
  now: Date;
  /** Waiting tickets (any order; the rule orders them). */
  tickets: QueueTicket[];
  /** Counters serving now (a clerk is at the workstation), with their skills. */
  counters: CounterSkills[];
  /** Rolling average service minutes per service id (from recorded service times). */
  averageMinutes: Record<string, number>;
  /** Configured duration per service id, the fallback when no average is known. */
  configuredMinutes: Record<string, number>;
  /** Tickets being served now: their service ids and when service started, so remaining time is counted. */
  inService?: Array<{ counterId: string; serviceIds: string[]; startedAt: Date }>;
}

/**
 * Estimated wait in whole minutes for every waiting ticket (id → minutes, ≥ 0), and the number of people
 * ahead. A simulation: counters take the next ticket they can serve (nextFor) as soon as they are free;
 * a ticket's service time is the sum of its services' average minutes (fallback: configured). A ticket
 * no open counter can serve gets `undefined` minutes.
 */
export function estimateWaits(
  input: EstimateInput,
): Map<string, { ahead: number; minutes: number | undefined }> {
  const { now, counters, averageMinutes, configuredMinutes } = input;
  const start = now.getTime();
  const order = queueOrder(input.tickets, now);
  const serviceMs = (serviceIds: string[]) =>
    serviceMinutes(serviceIds, averageMinutes, configuredMinutes) * MINUTE;

  // When each open counter is free: now, or when the ticket it serves is expected to be done.
  const free = new Map<string, { counter: CounterSkills; at: number; index: number }>();
  for (const [index, counter] of counters.entries()) {
    if (!free.has(counter.id)) free.set(counter.id, { counter, at: start, index });
  }
  for (const service of input.inService ?? []) {
    const slot = free.get(service.counterId);
    if (slot === undefined) continue;
    const done = service.startedAt.getTime() + serviceMs(service.serviceIds);
    slot.at = Math.max(slot.at, done);
  }

  // Replay the calls: the counter that is free first calls its next ticket at that moment. The replay's
  // clock only moves forward, and the order changes only when an appointment becomes due, so the queue is
  // sorted again only then (not once per call: that made phone updates slow with hundreds waiting).
  const result = new Map<string, { ahead: number; minutes: number | undefined }>();
  const taken = new Set<string>();
  let current = order;
  const nextDue = (t: number) =>
    current.reduce((soonest, ticket) => {
      const at = ticket.kind === 'appointment' ? ticket.appointmentAt?.getTime() : undefined;
      return at !== undefined && at > t && at < soonest && !taken.has(ticket.id) ? at : soonest;
    }, Number.POSITIVE_INFINITY);
  let reorderAt = nextDue(start);
  let called = 0;
  const pool = [...free.values()];
  while (called < order.length && pool.length > 0) {
    pool.sort((a, b) => a.at - b.at || a.index - b.index);
    const slot = pool[0]!;
    if (slot.at >= reorderAt) {
      current = queueOrder(
        current.filter((t) => !taken.has(t.id)),
        new Date(slot.at),
      );
      reorderAt = nextDue(slot.at);
    }
    const ticket = current.find((t) => !taken.has(t.id) && canServe(slot.counter, t));
    if (ticket === undefined) {
      // Nothing left this counter may serve; no ticket arrives in the simulation, so it stays idle.
      pool.shift();
      continue;
    }
    result.set(ticket.id, { ahead: called, minutes: Math.round((slot.at - start) / MINUTE) });
    called += 1;
    taken.add(ticket.id);
    slot.at += serviceMs(ticket.serviceIds);
  }

  // Tickets no open counter can serve: no time can be given; `ahead` is their place in the queue.
  for (const [index, ticket] of order.entries()) {
    if (!result.has(ticket.id)) result.set(ticket.id, { ahead: index, minutes: undefined });
  }
  return result;
}

/** Service minutes assumed when neither an average nor a configured duration is known. */
const UNKNOWN_SERVICE_MINUTES = 10;

/** Expected service minutes of a ticket: the sum over its services (average, else configured, else a default). */
function serviceMinutes(
  serviceIds: string[],
  averageMinutes: Record<string, number>,
  configuredMinutes: Record<string, number>,
): number {
  if (serviceIds.length === 0) return UNKNOWN_SERVICE_MINUTES;
  let sum = 0;
  for (const id of serviceIds) {
    const average = Object.hasOwn(averageMinutes, id) ? averageMinutes[id] : undefined;
    const configured = Object.hasOwn(configuredMinutes, id) ? configuredMinutes[id] : undefined;
    sum += usable(average) ?? usable(configured) ?? UNKNOWN_SERVICE_MINUTES;
  }
  return sum;
}

function usable(minutes: number | undefined): number | undefined {
  return minutes !== undefined && Number.isFinite(minutes) && minutes > 0 ? minutes : undefined;
}
