import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { city, leistungen, locations } from '../../platform/db/schema.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import {
  type AppointmentStatus,
  appointmentSlots,
  appointments,
  bookingPolicies,
  slotCapacity,
} from './termine.tables.js';

export type Appointment = typeof appointments.$inferSelect;
export type NewAppointment = typeof appointments.$inferInsert;
export type SlotRow = typeof slotCapacity.$inferSelect;
export type Channel = 'online' | 'internal';
export type Executor = Pick<Database, 'insert' | 'update' | 'select' | 'delete' | 'execute'>;

const activeStatuses: AppointmentStatus[] = ['held', 'pending', 'confirmed'];

/** Channel of capacity changes between nodes; the payload is `<node>:<locationId>`. */
const CAPACITY_CHANNEL = 'capacity_changed';

export class TermineRepository {
  private readonly versions = new Map<string, number>();
  /** Raised when changes may have been missed (event connection lost): every version moves on. */
  private generation = 0;
  /** Locations whose capacity a running transaction changed; they count as changed once it commits. */
  private readonly touched = new WeakMap<object, Set<string>>();
  private readonly node = randomUUID();

  constructor(
    private readonly db: Database,
    private readonly events?: EventBus,
  ) {
    events?.subscribe(CAPACITY_CHANNEL, (payload) => {
      const separator = payload.indexOf(':');
      if (payload.slice(0, separator) !== this.node) this.bump(payload.slice(separator + 1));
    });
    events?.onGap(() => {
      this.generation += 1;
    });
  }

  /**
   * A number per location that grows with every committed write to its capacity, on this node or (through
   * the event bus) on any other: read caches compare it to know their copy is outdated.
   */
  capacityVersion(locationId: string): number {
    return this.generation + (this.versions.get(locationId) ?? 0);
  }

  private bump(locationId: string): void {
    this.versions.set(locationId, (this.versions.get(locationId) ?? 0) + 1);
  }

  /** For changes outside the slot rows that alter what is offered (booking rules): counts at commit. */
  changedAt(tx: Executor, locationId: string): void {
    this.touch(tx, locationId);
  }

  /** Marks a location's capacity as changed: at commit of `tx`, or at once outside a transaction. */
  private touch(tx: Executor | undefined, locationId: string): void {
    const pending = tx ? this.touched.get(tx) : undefined;
    if (pending) pending.add(locationId);
    else this.changed([locationId]);
  }

  private changed(locationIds: Iterable<string>): void {
    for (const locationId of locationIds) {
      this.bump(locationId);
      this.events?.publish(CAPACITY_CHANNEL, `${this.node}:${locationId}`).catch(() => {
        // The other nodes' caches expire within a second anyway; a lost event costs freshness only.
      });
    }
  }

  /** The plain database handle, for reads outside a transaction. */
  get reader(): Executor {
    return this.db;
  }

  /** Capacity changed inside `work` counts as changed after the commit, so no cache keeps the old state. */
  async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const touched = new Set<string>();
    const result = await this.db.transaction((tx) => {
      this.touched.set(tx, touched);
      return work(tx);
    });
    this.changed(touched);
    return result;
  }

  async policyRow(locationId: string) {
    const [row] = await this.db
      .select()
      .from(bookingPolicies)
      .where(eq(bookingPolicies.locationId, locationId));
    return row;
  }

  /**
   * New capacity after the counters changed; never below what is already taken (the CHECK constraint
   * would refuse it), so existing appointments stay valid.
   */
  async setCapacity(locationId: string, startsAt: Date, online: number, internal: number): Promise<void> {
    await this.db
      .update(slotCapacity)
      .set({
        onlineCapacity: sql`greatest(${online}, ${slotCapacity.onlineTaken})`,
        internalCapacity: sql`greatest(${internal}, ${slotCapacity.internalTaken})`,
      })
      .where(and(eq(slotCapacity.locationId, locationId), eq(slotCapacity.startsAt, startsAt)));
    this.touch(undefined, locationId);
  }

  /** Idempotent: several nodes may materialise the same day at once. */
  async insertSlots(rows: Array<typeof slotCapacity.$inferInsert>): Promise<void> {
    if (rows.length === 0) return;
    await this.db.insert(slotCapacity).values(rows).onConflictDoNothing();
    this.changed(new Set(rows.map((row) => row.locationId)));
  }

  async slots(locationId: string, fromDay: string, toDay: string): Promise<SlotRow[]> {
    return this.db
      .select()
      .from(slotCapacity)
      .where(
        and(
          eq(slotCapacity.locationId, locationId),
          gte(slotCapacity.day, fromDay),
          lte(slotCapacity.day, toDay),
        ),
      )
      .orderBy(asc(slotCapacity.startsAt));
  }

  /**
   * Takes one unit of capacity in each slot, or nothing. The conditional UPDATE waits for concurrent
   * writers of the same rows and re-checks the condition afterwards; the CHECK constraints on the table
   * are the last line of defence. Rows are locked in time order, so two multi-slot bookings cannot
   * deadlock each other.
   */
  async take(tx: Executor, locationId: string, starts: Date[], channel: Channel, now: Date): Promise<number> {
    this.touch(tx, locationId);
    const startList = starts.map((start) => start.toISOString());
    await tx.execute(sql`
      select 1 from ${slotCapacity}
      where ${slotCapacity.locationId} = ${locationId}
        and ${slotCapacity.startsAt} in (${sql.join(
          startList.map((start) => sql`${start}::timestamptz`),
          sql`, `,
        )})
      order by ${slotCapacity.startsAt}
      for update`);
    const taken = channel === 'online' ? slotCapacity.onlineTaken : slotCapacity.internalTaken;
    const capacity = channel === 'online' ? slotCapacity.onlineCapacity : slotCapacity.internalCapacity;
    const updated = await tx
      .update(slotCapacity)
      .set(channel === 'online' ? { onlineTaken: sql`${taken} + 1` } : { internalTaken: sql`${taken} + 1` })
      .where(
        and(
          eq(slotCapacity.locationId, locationId),
          inArray(slotCapacity.startsAt, starts),
          lt(taken, capacity),
          eq(slotCapacity.blocked, false),
          or(isNull(slotCapacity.frozenUntil), lte(slotCapacity.frozenUntil, now)),
        ),
      )
      .returning({ startsAt: slotCapacity.startsAt });
    return updated.length;
  }

  /** Closes the slots overlapping [from, to) for good (office closure); returns the blocked slots. */
  async block(tx: Executor, locationId: string, from: Date, to: Date): Promise<Array<{ startsAt: Date }>> {
    this.touch(tx, locationId);
    return tx
      .update(slotCapacity)
      .set({ blocked: true })
      .where(
        and(
          eq(slotCapacity.locationId, locationId),
          lt(slotCapacity.startsAt, to),
          gt(slotCapacity.endsAt, from),
        ),
      )
      .returning({ startsAt: slotCapacity.startsAt });
  }

  /** Gives back the appointment's capacity; `block` closes the slots for good (office closure). */
  async release(tx: Executor, appointment: Appointment, block = false): Promise<void> {
    this.touch(tx, appointment.locationId);
    const slotRows = await tx
      .select({ startsAt: appointmentSlots.startsAt })
      .from(appointmentSlots)
      .where(eq(appointmentSlots.appointmentId, appointment.id));
    if (slotRows.length === 0) return;
    const taken = appointment.channel === 'online' ? slotCapacity.onlineTaken : slotCapacity.internalTaken;
    await tx
      .update(slotCapacity)
      .set({
        ...(appointment.channel === 'online'
          ? { onlineTaken: sql`${taken} - 1` }
          : { internalTaken: sql`${taken} - 1` }),
        ...(block ? { blocked: true } : {}),
      })
      .where(
        and(
          eq(slotCapacity.locationId, appointment.locationId),
          inArray(
            slotCapacity.startsAt,
            slotRows.map((row) => row.startsAt),
          ),
        ),
      );
    await tx.delete(appointmentSlots).where(eq(appointmentSlots.appointmentId, appointment.id));
  }

  async insert(tx: Executor, appointment: NewAppointment, starts: Date[]): Promise<Appointment> {
    const [row] = await tx.insert(appointments).values(appointment).returning();
    await tx
      .insert(appointmentSlots)
      .values(
        starts.map((startsAt) => ({ appointmentId: row!.id, locationId: appointment.locationId, startsAt })),
      );
    return row!;
  }

  async findById(id: string, executor: Executor = this.db): Promise<Appointment | undefined> {
    const [row] = await executor.select().from(appointments).where(eq(appointments.id, id));
    return row;
  }

  async findByCode(code: string): Promise<Appointment | undefined> {
    const [row] = await this.db.select().from(appointments).where(eq(appointments.code, code));
    return row;
  }

  /** Locks the appointment row for a state change. */
  async lock(tx: Executor, id: string): Promise<Appointment | undefined> {
    const [row] = await tx.select().from(appointments).where(eq(appointments.id, id)).for('update');
    return row;
  }

  async update(tx: Executor, id: string, values: Partial<Appointment>): Promise<Appointment> {
    const [row] = await tx.update(appointments).set(values).where(eq(appointments.id, id)).returning();
    return row!;
  }

  async activeByEmail(tx: Executor, email: string, now: Date): Promise<Appointment[]> {
    return tx
      .select()
      .from(appointments)
      .where(
        and(
          eq(sql`lower(${appointments.email})`, email.toLowerCase()),
          inArray(appointments.status, ['pending', 'confirmed']),
          gte(appointments.endsAt, now),
        ),
      );
  }

  /** Holds and unconfirmed bookings whose time ran out, locked for the caller's transaction. */
  async dueForExpiry(tx: Executor, now: Date, limit = 200): Promise<Appointment[]> {
    return tx
      .select()
      .from(appointments)
      .where(
        or(
          and(eq(appointments.status, 'held'), lt(appointments.holdUntil, now)),
          and(eq(appointments.status, 'pending'), lt(appointments.confirmUntil, now)),
        ),
      )
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  async slotStartsOf(executor: Executor, appointmentId: string): Promise<Date[]> {
    const rows = await executor
      .select({ startsAt: appointmentSlots.startsAt })
      .from(appointmentSlots)
      .where(eq(appointmentSlots.appointmentId, appointmentId))
      .orderBy(asc(appointmentSlots.startsAt));
    return rows.map((row) => row.startsAt);
  }

  /** Hands taken capacity from one appointment to another without giving it free in between. */
  async transferSlots(tx: Executor, fromId: string, toId: string, starts: Date[]): Promise<void> {
    await tx
      .update(appointmentSlots)
      .set({ appointmentId: toId })
      .where(and(eq(appointmentSlots.appointmentId, fromId), inArray(appointmentSlots.startsAt, starts)));
  }

  async insertBare(tx: Executor, appointment: NewAppointment): Promise<Appointment> {
    const [row] = await tx.insert(appointments).values(appointment).returning();
    return row!;
  }

  async policyRowTx(tx: Executor, locationId: string) {
    const [row] = await tx.select().from(bookingPolicies).where(eq(bookingPolicies.locationId, locationId));
    return row;
  }

  /** Confirmed appointments starting before `until` that have had no reminder yet, claimed for the caller. */
  async dueForReminder(tx: Executor, now: Date, until: Date, limit = 100): Promise<Appointment[]> {
    return tx
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.status, 'confirmed'),
          isNull(appointments.reminderSentAt),
          gte(appointments.startsAt, now),
          lt(appointments.startsAt, until),
        ),
      )
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /** Cancelled appointments whose freeze has run out and that still occupy capacity. */
  async frozenDue(tx: Executor, cutoff: Date, limit = 200): Promise<Appointment[]> {
    return tx
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.status, 'cancelled'),
          lt(appointments.cancelledAt, cutoff),
          sql`exists (select 1 from ${appointmentSlots} where ${appointmentSlots.appointmentId} = ${appointments.id})`,
        ),
      )
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /** Names and documents for e-mails, read through the caller's transaction (PGlite has one connection). */
  async mailParts(executor: Executor, serviceIds: string[], locationId: string) {
    const services = await executor
      .select({
        id: leistungen.id,
        name: leistungen.name,
        documents: leistungen.documents,
        durationMinutes: leistungen.durationMinutes,
      })
      .from(leistungen)
      .where(inArray(leistungen.id, serviceIds));
    const [location] = await executor
      .select({
        name: locations.name,
        street: locations.street,
        postalCode: locations.postalCode,
        town: locations.town,
        phone: locations.phone,
      })
      .from(locations)
      .where(eq(locations.id, locationId));
    const [authority] = await executor.select({ authority: city.authority, phone: city.phone }).from(city);
    const ordered = serviceIds
      .map((id) => services.find((service) => service.id === id))
      .filter((service) => service !== undefined);
    return {
      services: ordered,
      location: { ...location!, phone: location?.phone ?? authority?.phone ?? null },
      authority: authority?.authority ?? '',
    };
  }

  async dayList(locationId: string, day: { start: Date; end: Date }): Promise<Appointment[]> {
    return this.db
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.locationId, locationId),
          gte(appointments.startsAt, day.start),
          lt(appointments.startsAt, day.end),
          inArray(appointments.status, [...activeStatuses, 'cancelled', 'no_show']),
        ),
      )
      .orderBy(asc(appointments.startsAt));
  }
}
