import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/database.js';
import { leistungen, locations } from '../../platform/db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import { addDays, berlinDateOf, berlinTimeOf, isValidDate } from '../../platform/time/berlin-time.js';
import { defaultPolicy, slotCount } from './availability.rules.js';
import { offerMail, waitlistOptInMail } from './termine.mail.js';
import type { Appointment, TermineRepository } from './termine.repository.js';
import {
  type BookingLinks,
  hashSecret,
  type Mailer,
  newBookingCode,
  type TermineService,
  type WaitlistHook,
} from './termine.service.js';
import { appointments, waitlistEntries } from './termine.tables.js';

type Executor = Parameters<Parameters<TermineRepository['transaction']>[0]>[0];
export type WaitlistEntry = typeof waitlistEntries.$inferSelect;
export type TimeOfDay = 'vormittag' | 'nachmittag';

export interface JoinInput {
  name: string;
  email: string;
  lang: string;
  serviceIds: string[];
  locationIds: string[];
  fromDate: string;
  toDate: string;
  timesOfDay: TimeOfDay[];
}

/** Morning is before 12:00 Berlin time. */
export function timeOfDay(instant: Date): TimeOfDay {
  return berlinTimeOf(instant) < '12:00' ? 'vormittag' : 'nachmittag';
}

/** Whether a freed appointment time suits a waiting-list entry (pure). */
export function matches(
  entry: Pick<WaitlistEntry, 'locationIds' | 'fromDate' | 'toDate' | 'timesOfDay'>,
  locationId: string,
  start: Date,
): boolean {
  const day = berlinDateOf(start);
  return (
    entry.locationIds.includes(locationId) &&
    entry.fromDate <= day &&
    day <= entry.toDate &&
    entry.timesOfDay.includes(timeOfDay(start))
  );
}

/**
 * Terminagent (waiting list). Entries are served in order of their opt-in. A cancelled appointment's
 * capacity is handed to the first matching entry as an offer (a hold of `offerHours`) without passing
 * through the public pool; decline or timeout hands it to the next, and finally back to everybody.
 */
export class WaitlistService implements WaitlistHook {
  constructor(
    private readonly db: Database,
    private readonly repo: TermineRepository,
    private readonly termine: TermineService,
    private readonly mailer: Mailer,
    private readonly settings: Config['booking'],
    private readonly links: BookingLinks,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private leaveLink(entry: WaitlistEntry, secret: string): string {
    return `${this.links.publicUrl}/termine/warteliste/${entry.id}/abmelden?token=${secret}`;
  }

  async join(input: JoinInput): Promise<{ entry: WaitlistEntry; secret: string }> {
    const errors: Record<string, string> = {};
    const today = berlinDateOf(this.now());
    if (!isValidDate(input.fromDate) || input.fromDate < today)
      errors.fromDate = 'Bitte ein Datum ab heute angeben.';
    if (!isValidDate(input.toDate) || input.toDate < input.fromDate)
      errors.toDate = 'Das Ende muss nach dem Anfang liegen.';
    else if (input.toDate > addDays(today, 180)) errors.toDate = 'Bitte höchstens 180 Tage im Voraus.';
    if (input.timesOfDay.length === 0) errors.timesOfDay = 'Bitte wählen Sie mindestens eine Tageszeit.';
    if (input.locationIds.length === 0) errors.locationIds = 'Bitte wählen Sie mindestens einen Standort.';
    const services = input.serviceIds.length
      ? await this.db.select().from(leistungen).where(inArray(leistungen.id, input.serviceIds))
      : [];
    if (
      services.length !== input.serviceIds.length ||
      services.length === 0 ||
      services.some((s) => !s.bookableOnline || s.retiredAt)
    ) {
      errors.serviceIds = 'Bitte wählen Sie online buchbare Leistungen.';
    }
    const knownLocations = input.locationIds.length
      ? await this.db
          .select({ id: locations.id })
          .from(locations)
          .where(inArray(locations.id, input.locationIds))
      : [];
    if (knownLocations.length !== input.locationIds.length) errors.locationIds = 'Unbekannter Standort.';
    if (Object.keys(errors).length) throw new ValidationError(errors);

    const secret = randomBytes(24).toString('base64url');
    const now = this.now();
    return this.repo.transaction(async (tx) => {
      const [entry] = await tx
        .insert(waitlistEntries)
        .values({
          tokenHash: hashSecret(secret),
          name: input.name.trim(),
          email: input.email.trim(),
          lang: input.lang,
          serviceIds: input.serviceIds,
          locationIds: input.locationIds,
          fromDate: input.fromDate,
          toDate: input.toDate,
          timesOfDay: input.timesOfDay,
          status: 'pending',
          optInUntil: new Date(now.getTime() + this.settings.confirmMinutes * 60_000),
        })
        .returning();
      const authority = (await this.repo.mailParts(tx, [], input.locationIds[0]!)).authority;
      const mail = waitlistOptInMail(
        { ...input, services: services.map((service) => service.name), authority },
        `${this.links.publicUrl}/termine/warteliste/${entry!.id}/bestaetigen?token=${secret}`,
        this.leaveLink(entry!, secret),
      );
      await this.mailer.queue(tx, {
        to: entry!.email,
        ...mail,
        lang: input.lang,
        kind: 'waitlist.opt-in',
        reference: entry!.id,
      });
      return { entry: entry!, secret };
    });
  }

  /** How long an offer is held for the person it goes to. */
  get offerHours(): number {
    return this.settings.offerHours;
  }

  /** The entry behind a link: its own secret, or the secret of an offer made to it (offer e-mails). */
  private async entryWithSecret(id: string, secret: string): Promise<WaitlistEntry> {
    const [entry] = await this.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, id));
    if (!entry) throw new NotFoundError('Dieser Link ist ungültig.');
    if (entry.tokenHash === hashSecret(secret)) return entry;
    const [offer] = await this.db
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(eq(appointments.offerId, id), eq(appointments.tokenHash, hashSecret(secret))));
    if (!offer) throw new NotFoundError('Dieser Link ist ungültig.');
    return entry;
  }

  async activate(id: string, secret: string): Promise<WaitlistEntry> {
    const entry = await this.entryWithSecret(id, secret);
    if (entry.status !== 'pending') return entry;
    if (entry.optInUntil && entry.optInUntil <= this.now()) {
      throw new ConflictError('Der Bestätigungslink ist abgelaufen. Bitte melden Sie sich noch einmal an.');
    }
    const [updated] = await this.db
      .update(waitlistEntries)
      .set({ status: 'active', activatedAt: this.now() })
      .where(eq(waitlistEntries.id, id))
      .returning();
    return updated!;
  }

  /** One click from any e-mail: leaves the list (an open offer goes to the next person). */
  async leave(id: string, secret: string): Promise<WaitlistEntry> {
    const entry = await this.entryWithSecret(id, secret);
    if (entry.status === 'left' || entry.status === 'booked') return entry;
    const openOffers = await this.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.offerId, id), eq(appointments.status, 'held')));
    for (const offer of openOffers) {
      await this.termine.cancel(offer.id, {
        reason: 'Von der Warteliste abgemeldet',
        by: 'citizen',
        notify: false,
      });
    }
    const [updated] = await this.db
      .update(waitlistEntries)
      .set({ status: 'left', leftAt: this.now() })
      .where(eq(waitlistEntries.id, id))
      .returning();
    return updated!;
  }

  async findOffer(id: string, secret: string): Promise<Appointment> {
    const offer = await this.repo.findById(id);
    if (!offer?.offerId || offer.tokenHash !== hashSecret(secret))
      throw new NotFoundError('Dieses Angebot gibt es nicht.');
    return offer;
  }

  async accept(id: string, secret: string): Promise<Appointment> {
    const now = this.now();
    return this.repo.transaction(async (tx) => {
      const offer = await this.repo.lock(tx, id);
      if (!offer?.offerId || offer.tokenHash !== hashSecret(secret))
        throw new NotFoundError('Dieses Angebot gibt es nicht.');
      if (offer.status === 'confirmed') return offer;
      if (offer.status !== 'held' || !offer.holdUntil || offer.holdUntil <= now) {
        throw new ConflictError(
          'Das Angebot ist abgelaufen. Sie bleiben auf der Warteliste, wenn Sie sich nicht abgemeldet haben.',
        );
      }
      const confirmed = await this.repo.update(tx, id, {
        status: 'confirmed',
        confirmedAt: now,
        holdUntil: null,
      });
      await tx.update(waitlistEntries).set({ status: 'booked' }).where(eq(waitlistEntries.id, offer.offerId));
      await this.termine.sendFinal(tx, await this.termine.context(confirmed, tx), secret);
      return confirmed;
    });
  }

  async decline(id: string, secret: string): Promise<void> {
    const offer = await this.findOffer(id, secret);
    if (offer.status !== 'held') return;
    await this.termine.cancel(id, { reason: 'Angebot abgelehnt', by: 'citizen', notify: false });
  }

  /** Slots needed by an entry's services at a location, read through the transaction. */
  private async slotsNeededFor(tx: Executor, entry: WaitlistEntry, locationId: string): Promise<number> {
    const rows = await tx
      .select({ durationMinutes: leistungen.durationMinutes })
      .from(leistungen)
      .where(inArray(leistungen.id, entry.serviceIds));
    const policy = await this.repo.policyRowTx(tx, locationId);
    const total = rows.reduce((sum, row) => sum + row.durationMinutes, 0);
    return slotCount(total, policy?.slotMinutes ?? defaultPolicy.slotMinutes);
  }

  /** Hands (part of) `source`'s capacity to the first matching active entry; true if one took it. */
  private async offerTo(
    tx: Executor,
    source: Appointment,
    now: Date,
    excludeEntryId: string | null,
  ): Promise<boolean> {
    const starts = await this.repo.slotStartsOf(tx, source.id);
    if (starts.length === 0) return false;
    const day = berlinDateOf(starts[0]!);
    const candidates = await tx
      .select()
      .from(waitlistEntries)
      .where(
        and(
          eq(waitlistEntries.status, 'active'),
          lte(waitlistEntries.fromDate, day),
          gte(waitlistEntries.toDate, day),
          excludeEntryId ? ne(waitlistEntries.id, excludeEntryId) : undefined,
        ),
      )
      .orderBy(asc(waitlistEntries.activatedAt))
      .for('update', { skipLocked: true });
    for (const entry of candidates) {
      if (!matches(entry, source.locationId, starts[0]!)) continue;
      const needed = await this.slotsNeededFor(tx, entry, source.locationId);
      if (needed > starts.length) continue;
      const secret = randomBytes(24).toString('base64url');
      const slotMinutes =
        (await this.repo.policyRowTx(tx, source.locationId))?.slotMinutes ?? defaultPolicy.slotMinutes;
      const offer = await this.repo.insertBare(tx, {
        code: newBookingCode(),
        tokenHash: hashSecret(secret),
        locationId: source.locationId,
        serviceIds: entry.serviceIds,
        startsAt: starts[0]!,
        endsAt: new Date(starts[0]!.getTime() + needed * slotMinutes * 60_000),
        channel: source.channel,
        status: 'held',
        holdUntil: new Date(now.getTime() + this.settings.offerHours * 3_600_000),
        name: entry.name,
        email: entry.email,
        lang: entry.lang,
        offerId: entry.id,
      });
      await this.repo.transferSlots(tx, source.id, offer.id, starts.slice(0, needed));
      await this.announce(tx, entry, offer, secret);
      return true;
    }
    return false;
  }

  /** Marks the entry as having an offer and sends the offer e-mail (accept/decline link, leave link). */
  private async announce(
    tx: Executor,
    entry: WaitlistEntry,
    offer: Appointment,
    secret: string,
  ): Promise<void> {
    await tx.update(waitlistEntries).set({ status: 'offered' }).where(eq(waitlistEntries.id, entry.id));
    const mail = offerMail(
      await this.termine.context(offer, tx),
      `${this.links.publicUrl}/termine/angebot/${offer.id}?token=${secret}`,
      `${this.links.publicUrl}/termine/warteliste/${entry.id}/abmelden?token=${secret}`,
    );
    await this.mailer.queue(tx, {
      to: entry.email,
      ...mail,
      lang: entry.lang,
      kind: 'waitlist.offer',
      reference: offer.id,
    });
  }

  /**
   * Capacity that became free without a cancellation (an expired hold, a newly released day, more
   * counters): a job offers it to the waiting entries, oldest registration first. Each entry gets the
   * first free time that fits its locations, dates and times of day.
   */
  async offerFreeCapacity(limit = 50): Promise<number> {
    const now = this.now();
    const today = berlinDateOf(now);
    const entries = await this.db
      .select()
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.status, 'active'), gte(waitlistEntries.toDate, today)))
      .orderBy(asc(waitlistEntries.activatedAt))
      .limit(limit);
    let offered = 0;
    for (const entry of entries) {
      for (const locationId of entry.locationIds) {
        // biome-ignore lint/complexity/useMathMinMax: 'YYYY-MM-DD' strings compare as text
        const from = entry.fromDate > today ? entry.fromDate : today;
        const availability = await this.termine
          .availability({ locationId, serviceIds: entry.serviceIds, from, to: entry.toDate })
          .catch(() => undefined);
        const slot = availability?.days
          .flatMap((day) => day.slots)
          .find((candidate) => entry.timesOfDay.includes(timeOfDay(candidate.start)));
        if (!slot) continue;
        const held = await this.termine
          .reserve({ locationId, serviceIds: entry.serviceIds, start: slot.start })
          .catch((error: unknown) => {
            if (error instanceof ConflictError) return undefined;
            throw error;
          });
        if (!held) continue;
        const secret = randomBytes(24).toString('base64url');
        const made = await this.repo.transaction(async (tx) => {
          const [current] = await tx
            .select()
            .from(waitlistEntries)
            .where(eq(waitlistEntries.id, entry.id))
            .for('update');
          if (current?.status !== 'active') return false;
          const offer = await this.repo.update(tx, held.id, {
            tokenHash: hashSecret(secret),
            holdUntil: new Date(now.getTime() + this.settings.offerHours * 3_600_000),
            name: entry.name,
            email: entry.email,
            lang: entry.lang,
            offerId: entry.id,
          });
          await this.announce(tx, entry, offer, secret);
          return true;
        });
        if (!made) {
          // Someone else served this entry meanwhile: give the time back.
          await this.termine.cancel(held.id, { reason: null, by: 'citizen', notify: false });
          break;
        }
        offered++;
        break;
      }
    }
    return offered;
  }

  offerFreed(tx: Executor, cancelled: Appointment, now: Date): Promise<boolean> {
    return this.offerTo(tx, cancelled, now, null);
  }

  async passOn(tx: Executor, offer: Appointment, now: Date): Promise<void> {
    // Declined: the person keeps waiting for another time; timed out: off the list (they do not answer).
    const nextStatus = offer.status === 'expired' ? 'expired' : 'active';
    if (offer.offerId) {
      await tx
        .update(waitlistEntries)
        .set({ status: nextStatus })
        .where(eq(waitlistEntries.id, offer.offerId));
    }
    await this.offerTo(tx, offer, now, offer.offerId);
    // What the next person does not need (everything, if nobody matches) goes back to everybody.
    await this.repo.release(tx, offer);
  }

  /** Pending opt-ins that were never confirmed. */
  async expirePending(): Promise<void> {
    await this.db
      .update(waitlistEntries)
      .set({ status: 'expired' })
      .where(and(eq(waitlistEntries.status, 'pending'), lte(waitlistEntries.optInUntil, this.now())));
  }
}
