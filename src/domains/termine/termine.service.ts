import { createHash, randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import { addDays, berlinDateOf, isValidDate } from '../../platform/time/berlin-time.js';
import type { LeistungenService } from '../leistungen/leistungen.service.js';
import type { LocationsService } from '../locations/locations.service.js';
import { dayPlan } from '../locations/opening-hours.rules.js';
import {
  appointmentDuration,
  appointmentStarts,
  type BookingPolicy,
  bookingWindow,
  clockValidUntil,
  defaultPolicy,
  type Offer,
  slotsForDay,
  slotsNeeded,
} from './availability.rules.js';
import {
  type AppointmentContext,
  calendarFile,
  cancelMail,
  confirmLinkMail,
  finalMail,
  reminderMail,
} from './termine.mail.js';
import type { Appointment, Channel, TermineRepository } from './termine.repository.js';

type Executor = Parameters<Parameters<TermineRepository['transaction']>[0]>[0];

/** What the booking needs from the mail outbox (src/platform/mail). */
export interface Mailer {
  queue(
    executor: Executor,
    message: {
      to: string;
      subject: string;
      text: string;
      lang: string;
      kind: string;
      reference?: string;
      attachments?: Array<{ filename: string; contentType: string; content: string }>;
    },
  ): Promise<number>;
}

/** What the booking needs from the waiting list (waitlist.service.ts). */
export interface WaitlistHook {
  /** Offers the slots of a just-cancelled appointment to the first matching person; true if taken. */
  offerFreed(tx: Executor, cancelled: Appointment, now: Date): Promise<boolean>;
  /** A declined or expired offer: to the next matching person, else released to everybody. */
  passOn(tx: Executor, offer: Appointment, now: Date): Promise<void>;
}

export interface BookingLinks {
  publicUrl: string;
  /** The authority's name for mail signatures. */
  authority(): Promise<string>;
}

export interface ContactInput {
  name: string;
  email: string;
  phone?: string | null;
  note?: string | null;
  lang: string;
}

export interface AvailabilityQuery {
  locationId: string;
  serviceIds: string[];
  from: string;
  to: string;
  channel?: Channel;
}

export interface Availability {
  locationId: string;
  serviceIds: string[];
  durationMinutes: number;
  days: Array<{ date: string; slots: Offer[] }>;
  /** Until then the answer is right as far as the clock goes (see clockValidUntil); caches expire it then. */
  validUntil?: Date;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newBookingCode(): string {
  const pick = () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${pick()}${pick()}${pick()}-${pick()}${pick()}${pick()}`;
}
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Online appointments: availability from the opening hours and counters, holds that take capacity in
 * the database, double opt-in, cancellation with a freeze. The guarantee against double booking lives in
 * slot_capacity (conditional update + CHECK), not here.
 */
export class TermineService {
  private waitlist: WaitlistHook | undefined;

  /** The waiting list gets freed capacity first (set after construction: the two services know each other). */
  useWaitlist(waitlist: WaitlistHook): void {
    this.waitlist = waitlist;
  }

  constructor(
    private readonly repo: TermineRepository,
    private readonly leistungen: LeistungenService,
    private readonly locations: LocationsService,
    private readonly settings: Config['booking'],
    private readonly mailer: Mailer,
    private readonly links: BookingLinks,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async policy(locationId: string): Promise<BookingPolicy> {
    const row = await this.repo.policyRow(locationId);
    if (!row) return defaultPolicy;
    return {
      slotMinutes: row.slotMinutes,
      onlineSharePercent: row.onlineSharePercent,
      earliestDaysAhead: row.earliestDaysAhead,
      latestDaysAhead: row.latestDaysAhead,
      releaseTime: row.releaseTime,
      minLeadMinutes: row.minLeadMinutes,
    };
  }

  /** Services must exist, be offered at the location and (online) be bookable online. */
  async durationFor(locationId: string, serviceIds: string[], channel: Channel): Promise<number> {
    if (serviceIds.length === 0)
      throw new ValidationError({ serviceIds: 'Bitte wählen Sie mindestens eine Leistung.' });
    const durations: number[] = [];
    for (const serviceId of serviceIds) {
      const leistung = await this.leistungen.get(serviceId).catch(() => undefined);
      if (!leistung) throw new ValidationError({ serviceIds: `Die Leistung „${serviceId}“ gibt es nicht.` });
      if (channel === 'online' && !leistung.bookableOnline) {
        throw new ValidationError({ serviceIds: `„${leistung.name.de}“ kann nicht online gebucht werden.` });
      }
      const offeredAt = await this.leistungen.locationIdsOf(serviceId);
      if (!offeredAt.includes(locationId)) {
        throw new ValidationError({
          serviceIds: `„${leistung.name.de}“ wird an diesem Standort nicht angeboten.`,
        });
      }
      durations.push(leistung.durationMinutes);
    }
    return appointmentDuration(durations);
  }

  /** Writes the capacity rows of days in the booking window that have none yet (idempotent). */
  /**
   * The slots the opening hours allow now, with their capacity rows. Rows are written the first time a
   * day is asked for (idempotent across nodes). The current schedule and counters are applied on every
   * call: a closure or shorter hours entered later hide slots at once, longer hours add rows, and a
   * changed number of counters adjusts the capacity (never below what is taken).
   */
  private async currentSlots(locationId: string, fromDay: string, toDay: string, policy: BookingPolicy) {
    const schedule = await this.locations.schedule(locationId);
    const counters = (await this.locations.counters(locationId)).length;
    const expected = new Map<number, ReturnType<typeof slotsForDay>[number]>();
    for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
      for (const slot of slotsForDay(dayPlan(schedule, day), counters, policy))
        expected.set(slot.start.getTime(), slot);
    }
    let rows = await this.repo.slots(locationId, fromDay, toDay);
    const present = new Set(rows.map((row) => row.startsAt.getTime()));
    const missing = [...expected.values()].filter((slot) => !present.has(slot.start.getTime()));
    if (missing.length > 0) {
      await this.repo.insertSlots(
        missing.map((slot) => ({
          locationId,
          startsAt: slot.start,
          endsAt: slot.end,
          day: slot.day,
          onlineCapacity: slot.onlineCapacity,
          internalCapacity: slot.internalCapacity,
        })),
      );
      rows = await this.repo.slots(locationId, fromDay, toDay);
    }
    const current = [];
    for (const row of rows) {
      const slot = expected.get(row.startsAt.getTime());
      if (!slot) continue;
      if (slot.onlineCapacity !== row.onlineCapacity || slot.internalCapacity !== row.internalCapacity) {
        // The counters changed since the row was written.
        await this.repo.setCapacity(locationId, row.startsAt, slot.onlineCapacity, slot.internalCapacity);
        current.push({
          ...row,
          onlineCapacity: Math.max(slot.onlineCapacity, row.onlineTaken),
          internalCapacity: Math.max(slot.internalCapacity, row.internalTaken),
        });
      } else {
        current.push(row);
      }
    }
    return current;
  }

  /** See TermineRepository.capacityVersion. */
  capacityVersion(locationId: string): number {
    return this.repo.capacityVersion(locationId);
  }

  async availability(query: AvailabilityQuery): Promise<Availability> {
    const channel = query.channel ?? 'online';
    if (!isValidDate(query.from) || !isValidDate(query.to) || query.from > query.to) {
      throw new ValidationError({
        from: 'Bitte geben Sie einen gültigen Zeitraum an (from ≤ to, JJJJ-MM-TT).',
      });
    }
    await this.locations.get(query.locationId);
    const durationMinutes = await this.durationFor(query.locationId, query.serviceIds, channel);
    const policy = await this.policy(query.locationId);
    const now = this.now();
    const window = bookingWindow(now, policy);
    const firstDay = channel === 'internal' ? berlinDateOf(now) : window.firstDate;
    // Dates are 'YYYY-MM-DD' strings: compared as text, which Math.min/max cannot do.
    // biome-ignore lint/complexity/useMathMinMax: string comparison
    const from = query.from < firstDay ? firstDay : query.from;
    // biome-ignore lint/complexity/useMathMinMax: string comparison
    const to = query.to > window.lastDate ? window.lastDate : query.to;
    const empty = { locationId: query.locationId, serviceIds: query.serviceIds, durationMinutes, days: [] };
    if (from > to) return empty;
    const rows = await this.currentSlots(query.locationId, from, to, policy);
    const states = rows.map((row) => {
      const usable = !row.blocked && (!row.frozenUntil || row.frozenUntil <= now);
      const free =
        channel === 'online'
          ? row.onlineCapacity - row.onlineTaken
          : row.internalCapacity - row.internalTaken;
      return { start: row.startsAt, end: row.endsAt, free: usable ? free : 0 };
    });
    const offers = appointmentStarts(
      states,
      durationMinutes,
      policy.slotMinutes,
      now,
      channel === 'internal' ? { ...policy, minLeadMinutes: 0 } : policy,
    );
    const byDay = new Map<string, Offer[]>();
    for (const offer of offers) {
      const day = berlinDateOf(offer.start);
      byDay.set(day, [...(byDay.get(day) ?? []), offer]);
    }
    const frozen = rows.flatMap((row) => (row.frozenUntil && row.frozenUntil > now ? [row.frozenUntil] : []));
    return {
      ...empty,
      days: [...byDay].map(([date, slots]) => ({ date, slots })),
      validUntil: clockValidUntil(
        now,
        channel === 'internal' ? { ...policy, minLeadMinutes: 0 } : policy,
        offers[0]?.start,
        frozen,
      ),
    };
  }

  /** Holds capacity for `holdMinutes`; 409 when the time is no longer free. */
  async reserve(input: {
    locationId: string;
    serviceIds: string[];
    start: Date;
    channel?: Channel;
  }): Promise<Appointment> {
    const channel = input.channel ?? 'online';
    const day = berlinDateOf(input.start);
    const availability = await this.availability({ ...input, from: day, to: day, channel });
    const offer = availability.days[0]?.slots.find((slot) => slot.start.getTime() === input.start.getTime());
    if (!offer)
      throw new ConflictError('Dieser Termin ist leider nicht mehr frei. Bitte wählen Sie eine andere Zeit.');
    const policy = await this.policy(input.locationId);
    const starts = slotsNeeded(input.start, availability.durationMinutes, policy.slotMinutes);
    const now = this.now();
    return this.repo
      .transaction(async (tx) => {
        const taken = await this.repo.take(tx, input.locationId, starts, channel, now);
        if (taken !== starts.length) {
          throw new ConflictError(
            'Dieser Termin ist leider nicht mehr frei. Bitte wählen Sie eine andere Zeit.',
          );
        }
        return this.repo.insert(
          tx,
          {
            code: newBookingCode(),
            tokenHash: hashSecret(randomBytes(32).toString('base64url')),
            locationId: input.locationId,
            serviceIds: input.serviceIds,
            startsAt: offer.start,
            endsAt: offer.end,
            channel,
            status: 'held',
            holdUntil: new Date(now.getTime() + this.settings.holdMinutes * 60_000),
          },
          starts,
        );
      })
      .catch((error: unknown) => {
        // A concurrent writer may still push a row to its CHECK limit: that is a lost race, not a failure.
        if ((error as { code?: string; cause?: { code?: string } }).cause?.code === '23514') {
          throw new ConflictError(
            'Dieser Termin ist leider nicht mehr frei. Bitte wählen Sie eine andere Zeit.',
          );
        }
        throw error;
      });
  }

  async get(id: string): Promise<Appointment> {
    const appointment = await this.repo.findById(id);
    if (!appointment) throw new NotFoundError('Diese Reservierung gibt es nicht.');
    return appointment;
  }

  /**
   * Releases holds and unconfirmed bookings whose time ran out, and the capacity of cancelled
   * appointments whose freeze is over. Safe to run on several nodes (rows are claimed with SKIP LOCKED).
   */
  async expire(): Promise<number> {
    const now = this.now();
    return this.repo.transaction(async (tx) => {
      const due = await this.repo.dueForExpiry(tx, now);
      for (const appointment of due) {
        const expired = await this.repo.update(tx, appointment.id, { status: 'expired' });
        if (appointment.offerId && this.waitlist) await this.waitlist.passOn(tx, expired, now);
        else await this.repo.release(tx, appointment);
      }
      const thawed = await this.repo.frozenDue(
        tx,
        new Date(now.getTime() - this.settings.freezeMinutes * 60_000),
      );
      for (const appointment of thawed) await this.repo.release(tx, appointment);
      return due.length + thawed.length;
    });
  }

  async context(appointment: Appointment, executor?: Executor): Promise<AppointmentContext> {
    const parts = await this.repo.mailParts(
      executor ?? this.repo.reader,
      appointment.serviceIds,
      appointment.locationId,
    );
    return { appointment, ...parts };
  }

  private manageLink(appointment: Appointment, secret: string): string {
    return `${this.links.publicUrl}/termine/verwalten/${appointment.code}?token=${secret}`;
  }

  /**
   * Step two of the booking: the citizen's details for a held reservation. Sends the double-opt-in link;
   * only its click makes the appointment final. Limits per e-mail address are checked under an advisory
   * lock on the address, so two parallel requests cannot both slip under the limit.
   */
  async requestConfirmation(
    id: string,
    contact: ContactInput,
  ): Promise<{ appointment: Appointment; secret: string }> {
    const now = this.now();
    const secret = randomBytes(24).toString('base64url');
    const email = contact.email.trim();
    const appointment = await this.repo.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${email.toLowerCase()}))`);
      const held = await this.repo.lock(tx, id);
      if (!held) throw new NotFoundError('Diese Reservierung gibt es nicht.');
      if (held.status !== 'held' || !held.holdUntil || held.holdUntil <= now) {
        throw new ConflictError('Die Reservierung ist abgelaufen. Bitte wählen Sie den Termin noch einmal.');
      }
      const active = await this.repo.activeByEmail(tx, email, now);
      if (active.length >= this.settings.maxAppointmentsPerEmail) {
        throw new ConflictError(
          `Mit dieser E-Mail-Adresse sind bereits ${active.length} Termine gebucht. Bitte sagen Sie einen ab, bevor Sie einen neuen buchen.`,
        );
      }
      const sameService = active.find((other) =>
        other.serviceIds.some((serviceId) => held.serviceIds.includes(serviceId)),
      );
      if (sameService) {
        throw new ConflictError(
          'Für diese Leistung gibt es mit dieser E-Mail-Adresse schon einen Termin. Sie können ihn über den Link in Ihrer Bestätigung verschieben.',
        );
      }
      const updated = await this.repo.update(tx, id, {
        status: 'pending',
        name: contact.name.trim(),
        email,
        phone: contact.phone?.trim() || null,
        note: contact.note?.trim() || null,
        lang: contact.lang,
        tokenHash: hashSecret(secret),
        holdUntil: null,
        confirmUntil: new Date(now.getTime() + this.settings.confirmMinutes * 60_000),
      });
      const link = `${this.links.publicUrl}/termine/bestaetigen/${updated.id}?token=${secret}`;
      const mail = confirmLinkMail(await this.context(updated, tx), link, this.settings.confirmMinutes);
      await this.mailer.queue(tx, {
        to: email,
        ...mail,
        lang: contact.lang,
        kind: 'appointment.confirm-link',
        reference: updated.id,
      });
      return updated;
    });
    return { appointment, secret };
  }

  /** The click in the e-mail: makes the appointment final and sends the confirmation with a calendar file. */
  async confirm(id: string, secret: string): Promise<Appointment> {
    const now = this.now();
    return this.repo.transaction(async (tx) => {
      const pending = await this.repo.lock(tx, id);
      if (!pending || pending.tokenHash !== hashSecret(secret))
        throw new NotFoundError('Dieser Bestätigungslink ist ungültig.');
      if (pending.status === 'confirmed') return pending;
      if (pending.status !== 'pending' || !pending.confirmUntil || pending.confirmUntil <= now) {
        throw new ConflictError('Der Bestätigungslink ist abgelaufen. Bitte buchen Sie den Termin neu.');
      }
      const confirmed = await this.repo.update(tx, id, {
        status: 'confirmed',
        confirmedAt: now,
        confirmUntil: null,
      });
      await this.sendFinal(tx, await this.context(confirmed, tx), secret);
      return confirmed;
    });
  }

  async sendFinal(tx: Executor, context: AppointmentContext, secret: string): Promise<void> {
    const { appointment } = context;
    const manage = this.manageLink(appointment, secret);
    const mail = finalMail(context, manage);
    await this.mailer.queue(tx, {
      to: appointment.email!,
      ...mail,
      lang: appointment.lang,
      kind: 'appointment.confirmed',
      reference: appointment.id,
      attachments: [
        {
          filename: 'termin.ics',
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          content: calendarFile(context, manage),
        },
      ],
    });
  }

  /** The appointment behind a manage link; the same neutral 404 for a wrong code or token. */
  async findForCitizen(code: string, secret: string): Promise<Appointment> {
    const appointment = await this.repo.findByCode(code.toUpperCase());
    if (!appointment || appointment.tokenHash !== hashSecret(secret) || appointment.status === 'held') {
      throw new NotFoundError('Diesen Termin gibt es nicht, oder der Link ist ungültig.');
    }
    return appointment;
  }

  async calendarFor(appointment: Appointment, secret: string): Promise<string> {
    return calendarFile(await this.context(appointment), this.manageLink(appointment, secret));
  }

  /**
   * Cancels an appointment. Its capacity stays taken for the freeze time (against appointment trading;
   * the waiting list gets it first) and is released by `expire` afterwards. An office closure (`block`)
   * releases it at once and closes the slots for good.
   */
  async cancel(
    id: string,
    options: {
      reason: string | null;
      by: 'citizen' | 'staff';
      block?: boolean;
      notify?: boolean;
      /** Runs inside the cancellation's transaction, e.g. to write the audit entry atomically. */
      onCancelled?: (tx: Executor, before: Appointment, after: Appointment) => Promise<void>;
    },
  ): Promise<Appointment> {
    const now = this.now();
    return this.repo.transaction(async (tx) => {
      const appointment = await this.repo.lock(tx, id);
      if (!appointment) throw new NotFoundError('Diesen Termin gibt es nicht.');
      const cancelled = await this.cancelLocked(tx, appointment, options, now);
      await options.onCancelled?.(tx, appointment, cancelled);
      return cancelled;
    });
  }

  /**
   * For bookings made by staff: a new manage secret and the confirmation e-mail with the calendar file,
   * inside the caller's transaction.
   */
  async confirmByStaff(tx: Executor, appointment: Appointment): Promise<Appointment> {
    if (!appointment.email) return appointment;
    const secret = randomBytes(24).toString('base64url');
    const updated = await this.repo.update(tx, appointment.id, { tokenHash: hashSecret(secret) });
    await this.sendFinal(tx, await this.context(updated, tx), secret);
    return updated;
  }

  private async cancelLocked(
    tx: Executor,
    appointment: Appointment,
    options: { reason: string | null; block?: boolean; notify?: boolean },
    now: Date,
  ): Promise<Appointment> {
    if (!['held', 'pending', 'confirmed'].includes(appointment.status)) {
      throw new ConflictError('Dieser Termin ist nicht mehr aktiv.');
    }
    const cancelled = await this.repo.update(tx, appointment.id, {
      status: 'cancelled',
      cancelledAt: now,
      cancelReason: options.reason,
    });
    if (options.block) {
      await this.repo.release(tx, appointment, true);
    } else if (appointment.offerId && this.waitlist) {
      // A declined waiting-list offer goes to the next person waiting, else back to everybody.
      await this.waitlist.passOn(tx, cancelled, now);
    } else if (appointment.status === 'held') {
      await this.repo.release(tx, appointment);
    } else if (!(await this.waitlist?.offerFreed(tx, cancelled, now))) {
      if (this.settings.freezeMinutes === 0) await this.repo.release(tx, appointment);
    }
    if ((options.notify ?? true) && cancelled.email && appointment.status !== 'held') {
      const mail = cancelMail(
        await this.context(cancelled, tx),
        options.reason,
        `${this.links.publicUrl}/termine`,
      );
      await this.mailer.queue(tx, {
        to: cancelled.email,
        ...mail,
        lang: cancelled.lang,
        kind: 'appointment.cancelled',
        reference: appointment.id,
      });
    }
    return cancelled;
  }

  /**
   * Reminder e-mails a configurable time before the appointment (a job runs this; the sent mark makes
   * it exactly-once across restarts and nodes). The citizen's manage secret is stored only hashed, so
   * the reminder refers to the link in the confirmation e-mail and gives the location's phone number.
   */
  async remindDue(): Promise<number> {
    const now = this.now();
    const until = new Date(now.getTime() + this.settings.reminderHours * 3_600_000);
    return this.repo.transaction(async (tx) => {
      const due = await this.repo.dueForReminder(tx, now, until);
      for (const appointment of due) {
        if (appointment.email) {
          const context = await this.context(appointment, tx);
          const mail = reminderMail(context, context.location.phone ?? '115');
          await this.mailer.queue(tx, {
            to: appointment.email,
            ...mail,
            lang: appointment.lang,
            kind: 'appointment.reminder',
            reference: appointment.id,
          });
        }
        await this.repo.update(tx, appointment.id, { reminderSentAt: now });
      }
      return due.length;
    });
  }

  /**
   * Moving: the new time was held like any booking; this makes it final and cancels the old one in one
   * transaction, so the citizen never stands without an appointment. Name and e-mail stay (no resale),
   * and the link from the first e-mail keeps working.
   */
  async move(oldCode: string, secret: string, newHeldId: string): Promise<Appointment> {
    const old = await this.findForCitizen(oldCode, secret);
    const now = this.now();
    return this.repo.transaction(async (tx) => {
      const current = await this.repo.lock(tx, old.id);
      const next = await this.repo.lock(tx, newHeldId);
      if (current?.status !== 'confirmed')
        throw new ConflictError('Der bisherige Termin ist nicht mehr aktiv.');
      if (next?.status !== 'held' || !next.holdUntil || next.holdUntil <= now) {
        throw new ConflictError('Die neue Zeit ist nicht mehr reserviert. Bitte wählen Sie noch einmal.');
      }
      const moved = await this.repo.update(tx, next.id, {
        status: 'confirmed',
        confirmedAt: now,
        holdUntil: null,
        name: current.name,
        email: current.email,
        phone: current.phone,
        note: current.note,
        lang: current.lang,
        tokenHash: current.tokenHash,
        code: next.code,
        replacesId: current.id,
      });
      await this.cancelLocked(tx, current, { reason: 'Verschoben', notify: false }, now);
      await this.sendFinal(tx, await this.context(moved, tx), secret);
      return moved;
    });
  }
}
