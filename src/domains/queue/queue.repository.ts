import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { counters } from '../locations/locations.tables.js';
import type { QueueSettings } from './queue.rules.js';
import {
  counterServices,
  counterSessions,
  queueSettings,
  serviceTimes,
  ticketCalls,
  ticketNumbers,
  tickets,
  walkInQuotas,
} from './queue.tables.js';

export type Ticket = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
export type TicketCall = typeof ticketCalls.$inferSelect;
export type QueueSettingsRow = typeof queueSettings.$inferSelect;
export type Executor = Pick<Database, 'insert' | 'update' | 'select' | 'delete' | 'execute'>;

/** The queue rules as stored (one row per location). */
export function settingsFromRow(row: QueueSettingsRow): QueueSettings {
  return {
    prefixes: { appointment: row.appointmentPrefix, walk_in: row.walkInPrefix },
    walkInStopMinutesBeforeClose: row.walkInStopMinutesBeforeClose,
    checkInEarliestMinutes: row.checkInEarliestMinutes,
    lateToleranceMinutes: row.lateToleranceMinutes,
    lateRule: row.lateRule,
    maxCalls: row.maxCalls,
    recallAfterSeconds: row.recallAfterSeconds,
  };
}

export function settingsToRow(settings: QueueSettings) {
  return {
    appointmentPrefix: settings.prefixes.appointment,
    walkInPrefix: settings.prefixes.walk_in,
    walkInStopMinutesBeforeClose: settings.walkInStopMinutesBeforeClose,
    checkInEarliestMinutes: settings.checkInEarliestMinutes,
    lateToleranceMinutes: settings.lateToleranceMinutes,
    lateRule: settings.lateRule,
    maxCalls: settings.maxCalls,
    recallAfterSeconds: settings.recallAfterSeconds,
  };
}

export interface CounterWithSkills {
  id: string;
  name: string;
  /** The services it handles; empty = all. */
  serviceIds: string[];
}

/** Active counters of a location, by name, with the services each handles. */
export async function countersWithSkills(
  executor: Executor,
  locationId: string,
): Promise<CounterWithSkills[]> {
  const rows = await executor
    .select({ id: counters.id, name: counters.name, leistungId: counterServices.leistungId })
    .from(counters)
    .leftJoin(counterServices, eq(counterServices.counterId, counters.id))
    .where(and(eq(counters.locationId, locationId), sql`${counters.retiredAt} is null`))
    .orderBy(counters.name, counterServices.leistungId);
  const byId = new Map<string, CounterWithSkills>();
  for (const row of rows) {
    const counter = byId.get(row.id) ?? { id: row.id, name: row.name, serviceIds: [] };
    if (row.leistungId) counter.serviceIds.push(row.leistungId);
    byId.set(row.id, counter);
  }
  return [...byId.values()];
}

/** Statuses of tickets still in the building today. */
export const openStatuses = ['waiting', 'called', 'serving', 'parked'] as const;

export class QueueRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async settings(locationId: string): Promise<QueueSettingsRow | undefined> {
    const [row] = await this.db.select().from(queueSettings).where(eq(queueSettings.locationId, locationId));
    return row;
  }

  async quota(locationId: string, leistungId: string): Promise<number | undefined> {
    const [row] = await this.db
      .select({ dailyQuota: walkInQuotas.dailyQuota })
      .from(walkInQuotas)
      .where(and(eq(walkInQuotas.locationId, locationId), eq(walkInQuotas.leistungId, leistungId)));
    return row?.dailyQuota;
  }

  /** Walk-in tickets of the day that include `leistungId`. */
  async countWalkIns(tx: Executor, locationId: string, day: string, leistungId: string): Promise<number> {
    const [row] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(tickets)
      .where(
        and(
          eq(tickets.locationId, locationId),
          eq(tickets.day, day),
          eq(tickets.kind, 'walk_in'),
          sql`${tickets.serviceIds} @> ${JSON.stringify([leistungId])}::jsonb`,
        ),
      );
    return row?.count ?? 0;
  }

  /**
   * Serialises walk-in issuing per location and day, so the quota count and the insert cannot interleave
   * across nodes (a transaction-scoped advisory lock, released at commit).
   */
  async lockDay(tx: Executor, locationId: string, day: string): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`queue:${locationId}:${day}`}))`);
  }

  /** The next number for (location, day, prefix): one atomic upsert, safe under any concurrency. */
  async nextNumber(tx: Executor, locationId: string, day: string, prefix: string): Promise<number> {
    const [row] = await tx
      .insert(ticketNumbers)
      .values({ locationId, day, prefix, last: 1 })
      .onConflictDoUpdate({
        target: [ticketNumbers.locationId, ticketNumbers.day, ticketNumbers.prefix],
        set: { last: sql`${ticketNumbers.last} + 1` },
      })
      .returning({ last: ticketNumbers.last });
    return row!.last;
  }

  async insert(tx: Executor, values: NewTicket): Promise<Ticket> {
    const [row] = await tx.insert(tickets).values(values).returning();
    return row!;
  }

  async findById(id: string, executor: Executor = this.db): Promise<Ticket | undefined> {
    const [row] = await executor.select().from(tickets).where(eq(tickets.id, id));
    return row;
  }

  async findByAppointment(appointmentId: string): Promise<Ticket | undefined> {
    const [row] = await this.db.select().from(tickets).where(eq(tickets.appointmentId, appointmentId));
    return row;
  }

  async lock(tx: Executor, id: string): Promise<Ticket | undefined> {
    const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
    return row;
  }

  /** Tickets of the day still in the building (waiting, called, serving, parked). */
  async open(locationId: string, day: string, executor: Executor = this.db): Promise<Ticket[]> {
    return executor
      .select()
      .from(tickets)
      .where(
        and(
          eq(tickets.locationId, locationId),
          eq(tickets.day, day),
          inArray(tickets.status, [...openStatuses]),
        ),
      );
  }

  /** Every ticket of the day (the staff overview). */
  async ofDay(locationId: string, day: string): Promise<Ticket[]> {
    return this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.locationId, locationId), eq(tickets.day, day)))
      .orderBy(tickets.arrivedAt);
  }

  /**
   * Changes a ticket only if it is still in `expected` status: the conditional update is what keeps two
   * clerks from calling the same person.
   */
  async update(
    tx: Executor,
    id: string,
    expected: Ticket['status'][],
    values: Partial<NewTicket>,
  ): Promise<Ticket | undefined> {
    const [row] = await tx
      .update(tickets)
      .set(values)
      .where(and(eq(tickets.id, id), inArray(tickets.status, expected)))
      .returning();
    return row;
  }

  async insertCall(tx: Executor, values: typeof ticketCalls.$inferInsert): Promise<TicketCall> {
    const [row] = await tx.insert(ticketCalls).values(values).returning();
    return row!;
  }

  async findCall(id: number): Promise<TicketCall | undefined> {
    const [row] = await this.db.select().from(ticketCalls).where(eq(ticketCalls.id, id));
    return row;
  }

  async recentCalls(locationId: string, since: Date, limit: number): Promise<TicketCall[]> {
    return this.db
      .select()
      .from(ticketCalls)
      .where(and(eq(ticketCalls.locationId, locationId), gte(ticketCalls.calledAt, since)))
      .orderBy(desc(ticketCalls.calledAt), desc(ticketCalls.id))
      .limit(limit);
  }

  async insertServiceTime(tx: Executor, values: typeof serviceTimes.$inferInsert): Promise<void> {
    await tx.insert(serviceTimes).values(values);
  }

  /** The latest recorded service times of a location (the rolling average's window). */
  async serviceTimes(locationId: string, limit: number) {
    return this.db
      .select({ serviceIds: serviceTimes.serviceIds, minutes: serviceTimes.minutes })
      .from(serviceTimes)
      .where(eq(serviceTimes.locationId, locationId))
      .orderBy(desc(serviceTimes.finishedAt))
      .limit(limit);
  }

  counters(locationId: string): Promise<CounterWithSkills[]> {
    return countersWithSkills(this.db, locationId);
  }

  async counterById(id: string) {
    const [row] = await this.db.select().from(counters).where(eq(counters.id, id));
    return row;
  }

  /** Counters a clerk has opened and used recently (seen since `since`). */
  async openSessions(locationId: string, since: Date) {
    return this.db
      .select({ counterId: counterSessions.counterId, staffUserId: counterSessions.staffUserId })
      .from(counterSessions)
      .innerJoin(counters, eq(counters.id, counterSessions.counterId))
      .where(and(eq(counters.locationId, locationId), gte(counterSessions.lastSeenAt, since)));
  }

  async openSession(counterId: string, staffUserId: string, now: Date): Promise<void> {
    await this.db
      .insert(counterSessions)
      .values({ counterId, staffUserId, openedAt: now, lastSeenAt: now })
      .onConflictDoUpdate({
        target: counterSessions.counterId,
        set: { staffUserId, openedAt: now, lastSeenAt: now },
      });
  }

  async touchSession(counterId: string, now: Date): Promise<void> {
    await this.db
      .update(counterSessions)
      .set({ lastSeenAt: now })
      .where(eq(counterSessions.counterId, counterId));
  }

  /** Ends the clerk's own session at the counter; a colleague who took the counter over keeps theirs. */
  async closeSession(counterId: string, staffUserId: string): Promise<void> {
    await this.db
      .delete(counterSessions)
      .where(and(eq(counterSessions.counterId, counterId), eq(counterSessions.staffUserId, staffUserId)));
  }
}
