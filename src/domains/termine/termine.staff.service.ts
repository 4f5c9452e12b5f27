import { and, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import { addDays, berlinDateOf, berlinInstant } from '../../platform/time/berlin-time.js';
import type { BookingPolicy } from './availability.rules.js';
import type { Appointment, Executor, TermineRepository } from './termine.repository.js';
import type { TermineService } from './termine.service.js';
import { appointments, bookingPolicies, slotCapacity } from './termine.tables.js';

const ENTITY = 'appointment';
const ACTIVE = ['held', 'pending', 'confirmed'] as const;

/** What the audit log keeps of an appointment: everything but the hash of the citizen's secret link. */
export function appointmentSnapshot(appointment: Appointment) {
  const { tokenHash: _tokenHash, ...rest } = appointment;
  return rest;
}

export const isActive = (appointment: Appointment): boolean =>
  (ACTIVE as readonly string[]).includes(appointment.status);

export interface StaffBookingInput {
  locationId: string;
  serviceIds: string[];
  start: Date;
  name: string;
  email: string | null;
  phone: string | null;
  note: string | null;
}

export interface ClosureInput {
  locationId: string;
  /** Berlin date 'YYYY-MM-DD'. */
  day: string;
  /** Berlin wall-clock times 'HH:MM'; null = start / end of the day. */
  from: string | null;
  to: string | null;
  reason: string;
  /**
   * A service offered at the location. With it the day's capacity rows are written first (if nobody
   * asked for the day yet), so that the closure can block them; without it only existing rows are blocked.
   */
  probeServiceId?: string;
}

export interface ClosureResult {
  cancelled: Appointment[];
  blockedSlots: number;
  from: Date;
  to: Date;
}

/** The instants [from, to) of a closure on a Berlin day; empty times mean the day's start or end. */
export function closureRange(day: string, from: string | null, to: string | null): { from: Date; to: Date } {
  return {
    from: berlinInstant(day, from ?? '00:00'),
    to: to ? berlinInstant(day, to) : berlinInstant(addDays(day, 1), '00:00'),
  };
}

/**
 * What staff do with appointments (/verwaltung/termine): day lists, bookings for callers from the internal
 * quota (final at once, no opt-in), cancellations, office closures and no-shows. Every change is audited.
 */
export class TermineStaffService {
  constructor(
    private readonly termine: TermineService,
    private readonly repo: TermineRepository,
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Today's Berlin date. */
  today(): string {
    return berlinDateOf(this.now());
  }

  currentTime(): Date {
    return this.now();
  }

  /** All appointments of a Berlin day at a location (active, cancelled, no-show), by start time. */
  dayList(locationId: string, day: string): Promise<Appointment[]> {
    return this.repo.dayList(locationId, {
      start: berlinInstant(day, '00:00'),
      end: berlinInstant(addDays(day, 1), '00:00'),
    });
  }

  async get(id: string): Promise<Appointment> {
    return this.termine.get(id);
  }

  /**
   * Books for a caller: holds the time in the internal quota, then makes it final in one audited
   * transaction. 409 when the time is no longer free. With an e-mail address the caller gets the
   * confirmation with the calendar file and a manage link, like an online booking.
   */
  async book(actor: Actor, input: StaffBookingInput): Promise<Appointment> {
    const held = await this.termine.reserve({
      locationId: input.locationId,
      serviceIds: input.serviceIds,
      start: input.start,
      channel: 'internal',
    });
    const now = this.now();
    try {
      return await this.repo.transaction(async (tx) => {
        const row = await this.repo.lock(tx, held.id);
        if (row?.status !== 'held') {
          throw new ConflictError('Die Reservierung ist abgelaufen. Bitte wählen Sie die Zeit noch einmal.');
        }
        const confirmed = await this.repo.update(tx, held.id, {
          status: 'confirmed',
          name: input.name,
          email: input.email,
          phone: input.phone,
          note: input.note,
          lang: 'de',
          holdUntil: null,
          confirmUntil: null,
          confirmedAt: now,
        });
        await this.audit.record(tx, actor, {
          action: 'appointment.book',
          entityType: ENTITY,
          entityId: confirmed.id,
          before: null,
          after: appointmentSnapshot(confirmed),
        });
        return this.termine.confirmByStaff(tx, confirmed);
      });
    } catch (error) {
      // Give the held capacity back at once instead of waiting for the hold to expire.
      await this.termine.cancel(held.id, { reason: null, by: 'staff', notify: false }).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Cancels one appointment with a reason; the citizen is told by e-mail (if an address is known).
   * The audit entry is written in the cancellation's own transaction.
   */
  async cancel(actor: Actor, id: string, reason: string): Promise<Appointment> {
    const before = await this.termine.get(id);
    if (!isActive(before)) throw new ConflictError('Dieser Termin ist nicht mehr aktiv.');
    return this.termine.cancel(id, {
      reason,
      by: 'staff',
      notify: true,
      onCancelled: this.auditCancel(actor),
    });
  }

  private auditCancel(actor: Actor) {
    return (tx: Executor, before: Appointment, after: Appointment) =>
      this.audit.record(tx, actor, {
        action: 'appointment.cancel',
        entityType: ENTITY,
        entityId: after.id,
        before: appointmentSnapshot(before),
        after: appointmentSnapshot(after),
      });
  }

  /**
   * Office closure: blocks every slot of the location in the range (never offered again, not to the
   * waiting list either), then cancels every active appointment overlapping it with `block: true`; each
   * citizen is told by e-mail. Only the part from now on counts: appointments that have begun stay as
   * they are. The closure itself and each cancellation are audited.
   */
  async closeRange(actor: Actor, input: ClosureInput): Promise<ClosureResult> {
    const range = closureRange(input.day, input.from, input.to);
    const now = this.now();
    // What has begun stays untouched: appointments already served are not cancelled afterwards.
    const from = new Date(Math.max(range.from.getTime(), now.getTime()));
    if (from >= range.to) throw new ConflictError('Der Zeitraum liegt in der Vergangenheit.');
    if (input.probeServiceId) {
      // Writes the day's capacity rows if they do not exist yet; a failure only means nothing to block.
      await this.termine
        .availability({
          locationId: input.locationId,
          serviceIds: [input.probeServiceId],
          from: input.day,
          to: input.day,
          channel: 'internal',
        })
        .catch(() => undefined);
    }
    const { affected, blockedSlots } = await this.repo.transaction(async (tx) => {
      const blocked = await this.repo.block(tx, input.locationId, from, range.to);
      const active = await tx
        .select()
        .from(appointments)
        .where(
          and(
            eq(appointments.locationId, input.locationId),
            inArray(appointments.status, [...ACTIVE]),
            lt(appointments.startsAt, range.to),
            gt(appointments.endsAt, range.from),
            gte(appointments.startsAt, now),
          ),
        );
      await this.audit.record(tx, actor, {
        action: 'appointment.close',
        entityType: 'location',
        entityId: input.locationId,
        before: null,
        after: {
          day: input.day,
          from: range.from.toISOString(),
          to: range.to.toISOString(),
          reason: input.reason,
          blockedSlots: blocked.length,
          appointmentIds: active.map((appointment) => appointment.id),
        },
      });
      return { affected: active, blockedSlots: blocked.length };
    });
    const cancelled: Appointment[] = [];
    for (const before of affected) {
      try {
        const after = await this.termine.cancel(before.id, {
          reason: input.reason,
          by: 'staff',
          block: true,
          notify: true,
          onCancelled: this.auditCancel(actor),
        });
        cancelled.push(after);
      } catch (error) {
        // Cancelled by someone else in the meantime: nothing left to do for this one.
        if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
      }
    }
    return { cancelled, blockedSlots, ...range };
  }

  /** A confirmed appointment whose start has passed and nobody came. */
  async markNoShow(actor: Actor, id: string): Promise<Appointment> {
    const now = this.now();
    return this.repo.transaction(async (tx) => {
      const before = await this.repo.lock(tx, id);
      if (!before) throw new NotFoundError('Diesen Termin gibt es nicht.');
      if (before.status !== 'confirmed') {
        throw new ConflictError('Nur bestätigte Termine können als „nicht erschienen“ markiert werden.');
      }
      if (before.startsAt > now) {
        throw new ConflictError('Der Termin hat noch nicht begonnen.');
      }
      const after = await this.repo.update(tx, id, { status: 'no_show' });
      await this.audit.record(tx, actor, {
        action: 'appointment.no_show',
        entityType: ENTITY,
        entityId: id,
        before: appointmentSnapshot(before),
        after: appointmentSnapshot(after),
      });
      return after;
    });
  }

  /** The booking rules of a location (a location without a row uses the defaults), audited. */
  async savePolicy(actor: Actor, locationId: string, policy: BookingPolicy): Promise<void> {
    const before = await this.termine.policy(locationId);
    await this.repo.transaction(async (tx) => {
      // Lead time, window and shares change what is offered: every node's cached answers go at commit.
      this.repo.changedAt(tx, locationId);
      if (policy.slotMinutes !== before.slotMinutes) {
        // Booked slots of the old grid would overlap the new grid's slots: only an empty future may change.
        const [booked] = await tx
          .select({ count: sql<number>`count(*)::int` })
          .from(slotCapacity)
          .where(
            and(
              eq(slotCapacity.locationId, locationId),
              gt(slotCapacity.endsAt, this.now()),
              sql`${slotCapacity.onlineTaken} + ${slotCapacity.internalTaken} > 0`,
            ),
          );
        if ((booked?.count ?? 0) > 0) {
          throw new ValidationError({
            slotMinutes:
              'Das Zeitraster kann nicht geändert werden, solange künftige Termine gebucht sind. Ändern Sie es, wenn keine Termine mehr offen sind, oder legen Sie dafür einen neuen Standort an.',
          });
        }
      }
      await tx
        .insert(bookingPolicies)
        .values({ locationId, ...policy })
        .onConflictDoUpdate({
          target: bookingPolicies.locationId,
          set: { ...policy, updatedAt: this.now() },
        });
      await this.audit.record(tx, actor, {
        action: 'booking_policy.update',
        entityType: 'location',
        entityId: locationId,
        before,
        after: policy,
      });
    });
  }
}
