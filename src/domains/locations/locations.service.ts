import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { addDays, berlinDateOf, isValidDate } from '../../platform/time/berlin-time.js';
import type {
  Counter,
  Executor,
  Location,
  LocationException,
  LocationsRepository,
  LocationValues,
  OpeningHoursRow,
} from './locations.repository.js';
import {
  type DayPlan,
  type OpeningStatus,
  openingStatus,
  type Schedule,
  type TimeInterval,
  upcomingDays,
  validateIntervals,
  validateWeekly,
  type WeeklyEntry,
} from './opening-hours.rules.js';

/** A location with what lists show about it: weekly hours, active counters and open/closed at `checkedAt`. */
export interface LocationSummary {
  location: Location;
  weekly: WeeklyEntry[];
  counters: number;
  status: OpeningStatus;
  /** The instant the status was computed for ("now"); views phrase "today"/"tomorrow" relative to it. */
  checkedAt: Date;
}

/** Something citizens should know about the coming weeks: a holiday, a closure or special hours. */
export type Notice =
  | { kind: 'holiday'; from: string; to: string; name: LocalizedText }
  | { kind: 'dec24' | 'dec31'; from: string; to: string }
  | { kind: 'closed'; from: string; to: string; reason: LocalizedText }
  | { kind: 'hours'; from: string; to: string; intervals: TimeInterval[]; reason: LocalizedText };

export interface LocationDetail extends LocationSummary {
  today: string;
  /** Concrete plans for the next {@link DETAIL_DAYS} days, starting today (Berlin). */
  days: DayPlan[];
  /** Holidays, closures and special hours in the next {@link NOTICE_DAYS} days, by start date. */
  notices: Notice[];
}

export interface ExceptionInput {
  from: string;
  to: string;
  kind: 'closed' | 'hours';
  intervals: TimeInterval[];
  reason: LocalizedText;
}

export const DETAIL_DAYS = 14;
export const NOTICE_DAYS = 60;
/** Longest closure or special-hours period one entry may cover. */
export const MAX_EXCEPTION_DAYS = 366;
export const MAX_WEEKLY_INTERVALS = 3;
export const MAX_EXCEPTION_INTERVALS = 2;
export const LOCATION_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Path segments of the staff pages that cannot be location ids. */
const RESERVED_IDS = ['neu'];

function toWeekly(rows: OpeningHoursRow[]): WeeklyEntry[] {
  return rows.map((row) => ({
    weekday: row.weekday as WeeklyEntry['weekday'],
    opens: row.opens,
    closes: row.closes,
  }));
}

function toSchedule(location: Location, weekly: WeeklyEntry[], exceptions: LocationException[]): Schedule {
  return {
    weekly,
    exceptions: exceptions.map((e) => ({
      from: e.fromDate,
      to: e.toDate,
      kind: e.kind,
      intervals: e.intervals,
      reason: e.reason,
    })),
    closedOnDec24: location.closedOnDec24,
    closedOnDec31: location.closedOnDec31,
  };
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const sameText = (a: string, b: string) =>
  a.trim().toLocaleLowerCase('de') === b.trim().toLocaleLowerCase('de');

/**
 * Locations (Standorte): reading for citizens and the API, and every admin change (validated, audited in
 * the same transaction as the change). Times are computed for Europe/Berlin from the injected clock.
 */
export class LocationsService {
  constructor(
    private readonly repo: LocationsRepository,
    private readonly audit: AuditRepository,
    private readonly now: () => Date,
  ) {}

  /** Today's date in Berlin, from the service's clock. */
  today(): string {
    return berlinDateOf(this.now());
  }

  // ---- reading

  /** Active locations, in display order. */
  list(): Promise<Location[]> {
    return this.repo.list();
  }

  /** All locations including retired ones, for the staff area. */
  listAll(): Promise<Location[]> {
    return this.repo.list({ includeRetired: true });
  }

  /** All locations including retired ones with their number of active counters (staff list). */
  async listForAdmin(): Promise<Array<{ location: Location; counters: number }>> {
    const all = await this.repo.list({ includeRetired: true });
    const counts = await this.repo.activeCounterCounts(all.map((location) => location.id));
    return all.map((location) => ({ location, counters: counts.get(location.id) ?? 0 }));
  }

  /** An active location; unknown and retired ones are 404 (citizen pages and API). */
  async get(id: string): Promise<Location> {
    const location = await this.repo.findById(id);
    if (!location || location.retiredAt) throw new NotFoundError('Diesen Standort gibt es nicht.');
    return location;
  }

  /** Any location including retired ones (staff area); 404 only when unknown. */
  async getForAdmin(id: string): Promise<Location> {
    const location = await this.repo.findById(id);
    if (!location) throw new NotFoundError('Diesen Standort gibt es nicht.');
    return location;
  }

  async weekly(id: string): Promise<WeeklyEntry[]> {
    await this.getForAdmin(id);
    return toWeekly(await this.repo.weeklyHours(id));
  }

  /** The schedule of an active location for the rules: weekly hours and the exceptions ending today or later. */
  async schedule(id: string): Promise<Schedule> {
    const location = await this.get(id);
    const [weekly, exceptions] = await Promise.all([
      this.repo.weeklyHours(id),
      this.repo.exceptions(id, { endingFrom: this.today() }),
    ]);
    return toSchedule(location, toWeekly(weekly), exceptions);
  }

  /** Open or closed now (the injected clock). */
  async status(id: string): Promise<OpeningStatus> {
    return openingStatus(await this.schedule(id), this.now());
  }

  /** Day plans for `days` days starting today (Berlin), holidays and exceptions applied. */
  async upcoming(id: string, days: number): Promise<DayPlan[]> {
    return upcomingDays(await this.schedule(id), this.today(), days);
  }

  /** Active locations with hours, counters and current status (citizen list, start page, API). */
  async summaries(): Promise<LocationSummary[]> {
    const now = this.now();
    const today = berlinDateOf(now);
    const all = await this.repo.list();
    const ids = all.map((location) => location.id);
    const [weeklyRows, exceptionRows, counterCounts] = await Promise.all([
      this.repo.weeklyHoursOf(ids),
      this.repo.exceptionsOf(ids, today),
      this.repo.activeCounterCounts(ids),
    ]);
    const weeklyBy = groupBy(weeklyRows, (row) => row.locationId);
    const exceptionsBy = groupBy(exceptionRows, (row) => row.locationId);
    return all.map((location) => {
      const weekly = toWeekly(weeklyBy.get(location.id) ?? []);
      const schedule = toSchedule(location, weekly, exceptionsBy.get(location.id) ?? []);
      return {
        location,
        weekly,
        counters: counterCounts.get(location.id) ?? 0,
        status: openingStatus(schedule, now),
        checkedAt: now,
      };
    });
  }

  /** The start page's overview: the same as {@link summaries}. */
  overview(): Promise<LocationSummary[]> {
    return this.summaries();
  }

  /** Everything the detail page and the API show about one active location. */
  async detail(id: string): Promise<LocationDetail> {
    const now = this.now();
    const today = berlinDateOf(now);
    const location = await this.get(id);
    const [weeklyRows, exceptionRows, counterCounts] = await Promise.all([
      this.repo.weeklyHours(id),
      this.repo.exceptions(id, { endingFrom: today }),
      this.repo.activeCounterCounts([id]),
    ]);
    const weekly = toWeekly(weeklyRows);
    const schedule = toSchedule(location, weekly, exceptionRows);
    const plans = upcomingDays(schedule, today, Math.max(DETAIL_DAYS, NOTICE_DAYS));
    return {
      location,
      weekly,
      counters: counterCounts.get(id) ?? 0,
      status: openingStatus(schedule, now),
      checkedAt: now,
      today,
      days: plans.slice(0, DETAIL_DAYS),
      notices: noticesOf(plans.slice(0, NOTICE_DAYS), exceptionRows),
    };
  }

  counters(id: string, options: { includeRetired?: boolean } = {}): Promise<Counter[]> {
    return this.repo.counters(id, options);
  }

  /** Exceptions of a location, by start date; `upcomingOnly` keeps those ending today or later. */
  async exceptions(
    id: string,
    { upcomingOnly = false }: { upcomingOnly?: boolean } = {},
  ): Promise<LocationException[]> {
    const rows = await this.repo.exceptions(id, upcomingOnly ? { endingFrom: this.today() } : {});
    return rows.sort((a, b) => a.fromDate.localeCompare(b.fromDate) || a.toDate.localeCompare(b.toDate));
  }

  // ---- admin changes (each in one transaction with its audit entry)

  async create(actor: Actor, id: string, values: LocationValues): Promise<Location> {
    if (!LOCATION_ID_RE.test(id) || id.length > 40) {
      throw new ValidationError({
        id: 'Die Kennung darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.',
      });
    }
    if (RESERVED_IDS.includes(id)) throw new ValidationError({ id: 'Diese Kennung ist reserviert.' });
    checkMasterData(values);
    return this.repo.transaction(async (tx) => {
      // Retired locations keep their id: ids are never reused.
      const after = await this.repo.insert(tx, { ...values, id });
      if (!after) throw new ValidationError({ id: 'Diese Kennung ist bereits vergeben.' });
      await this.audit.record(tx, actor, {
        action: 'location.create',
        entityType: 'location',
        entityId: id,
        after,
      });
      return after;
    });
  }

  async update(actor: Actor, id: string, values: LocationValues): Promise<Location> {
    checkMasterData(values);
    return this.repo.transaction(async (tx) => {
      const before = await this.activeForChange(tx, id);
      const after = (await this.repo.update(tx, id, values))!;
      await this.audit.record(tx, actor, {
        action: 'location.update',
        entityType: 'location',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async retire(actor: Actor, id: string): Promise<Location> {
    return this.repo.transaction(async (tx) => {
      const before = await this.activeForChange(tx, id);
      const after = (await this.repo.retire(tx, id, this.now()))!;
      await this.audit.record(tx, actor, {
        action: 'location.retire',
        entityType: 'location',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Replaces the weekly opening hours (validated with the rules: format, order, no overlaps). */
  async replaceWeeklyHours(actor: Actor, id: string, entries: WeeklyEntry[]): Promise<WeeklyEntry[]> {
    const problems = validateWeekly(entries);
    if (problems.length > 0) {
      throw new ValidationError({
        hours:
          'Die Öffnungszeiten sind ungültig: Uhrzeiten im Format HH:MM, Ende nach Beginn, ohne Überschneidungen.',
      });
    }
    const perDay = groupBy(entries, (entry) => entry.weekday);
    if ([...perDay.values()].some((list) => list.length > MAX_WEEKLY_INTERVALS)) {
      throw new ValidationError({
        hours: `Pro Wochentag sind höchstens ${MAX_WEEKLY_INTERVALS} Zeiträume möglich.`,
      });
    }
    const sorted = [...entries].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens));
    return this.repo.transaction(async (tx) => {
      await this.activeForChange(tx, id);
      const before = toWeekly(await this.repo.weeklyHours(id, tx));
      const after = toWeekly(await this.repo.replaceWeeklyHours(tx, id, sorted));
      await this.audit.record(tx, actor, {
        action: 'location.hours.replace',
        entityType: 'location',
        entityId: id,
        before: { weekly: before },
        after: { weekly: after },
      });
      return after;
    });
  }

  async addException(actor: Actor, id: string, input: ExceptionInput): Promise<LocationException> {
    const errors = exceptionErrors(input, this.today());
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return this.repo.transaction(async (tx) => {
      await this.activeForChange(tx, id);
      const after = await this.repo.insertException(tx, {
        locationId: id,
        fromDate: input.from,
        toDate: input.to,
        kind: input.kind,
        intervals:
          input.kind === 'hours' ? input.intervals.map(({ opens, closes }) => ({ opens, closes })) : [],
        reason: input.reason,
      });
      await this.audit.record(tx, actor, {
        action: 'location.exception.create',
        entityType: 'location',
        entityId: id,
        after,
      });
      return after;
    });
  }

  async deleteException(actor: Actor, id: string, exceptionId: string): Promise<void> {
    await this.repo.transaction(async (tx) => {
      await this.activeForChange(tx, id);
      const before = await this.repo.deleteException(tx, id, exceptionId);
      if (!before) throw new NotFoundError('Diese Schließung oder Sonderöffnung gibt es nicht.');
      await this.audit.record(tx, actor, {
        action: 'location.exception.delete',
        entityType: 'location',
        entityId: id,
        before,
      });
    });
  }

  async addCounter(actor: Actor, id: string, name: string): Promise<Counter> {
    const clean = checkCounterName(name);
    return this.repo.transaction(async (tx) => {
      await this.activeForChange(tx, id);
      await this.checkCounterNameFree(tx, id, clean);
      const after = await this.repo.insertCounter(tx, id, clean);
      await this.audit.record(tx, actor, {
        action: 'location.counter.create',
        entityType: 'location',
        entityId: id,
        after,
      });
      return after;
    });
  }

  async renameCounter(actor: Actor, id: string, counterId: string, name: string): Promise<Counter> {
    const clean = checkCounterName(name);
    return this.repo.transaction(async (tx) => {
      await this.activeForChange(tx, id);
      const before = await this.repo.findCounter(id, counterId, tx);
      if (!before) throw new NotFoundError('Diesen Schalter gibt es nicht.');
      if (before.retiredAt) throw new ConflictError('Dieser Schalter ist stillgelegt.');
      await this.checkCounterNameFree(tx, id, clean, counterId);
      const after = (await this.repo.renameCounter(tx, id, counterId, clean))!;
      await this.audit.record(tx, actor, {
        action: 'location.counter.rename',
        entityType: 'location',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async retireCounter(actor: Actor, id: string, counterId: string): Promise<Counter> {
    return this.repo.transaction(async (tx) => {
      await this.activeForChange(tx, id);
      const before = await this.repo.findCounter(id, counterId, tx);
      if (!before) throw new NotFoundError('Diesen Schalter gibt es nicht.');
      const after = await this.repo.retireCounter(tx, id, counterId, this.now());
      if (!after) throw new ConflictError('Dieser Schalter ist bereits stillgelegt.');
      await this.audit.record(tx, actor, {
        action: 'location.counter.retire',
        entityType: 'location',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** The location, locked for the rest of the transaction; 404 when unknown, 409 when retired. */
  private async activeForChange(tx: Executor, id: string): Promise<Location> {
    const location = await this.repo.findForUpdate(tx, id);
    if (!location) throw new NotFoundError('Diesen Standort gibt es nicht.');
    if (location.retiredAt)
      throw new ConflictError('Dieser Standort ist stillgelegt und kann nicht mehr geändert werden.');
    return location;
  }

  private async checkCounterNameFree(
    tx: Executor,
    id: string,
    name: string,
    exceptCounterId?: string,
  ): Promise<void> {
    const active = await this.repo.counters(id, {}, tx);
    if (active.some((counter) => counter.id !== exceptCounterId && sameText(counter.name, name))) {
      throw new ValidationError({
        name: 'Einen aktiven Schalter mit diesem Namen gibt es an diesem Standort schon.',
      });
    }
  }
}

function checkMasterData(values: LocationValues): void {
  const errors: Record<string, string> = {};
  if (!values.name?.de?.trim()) errors.name_de = 'Bitte geben Sie den Namen an.';
  if (!values.street?.trim()) errors.street = 'Bitte geben Sie Straße und Hausnummer an.';
  if (!/^\d{5}$/.test(values.postalCode ?? ''))
    errors.postalCode = 'Bitte geben Sie eine fünfstellige Postleitzahl an.';
  if (!values.town?.trim()) errors.town = 'Bitte geben Sie den Ort an.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

function checkCounterName(name: string): string {
  const clean = name.trim();
  if (!clean) throw new ValidationError({ name: 'Bitte geben Sie einen Namen für den Schalter an.' });
  if (clean.length > 60) throw new ValidationError({ name: 'Der Name ist zu lang (höchstens 60 Zeichen).' });
  return clean;
}

/**
 * Problems of a closure / special-hours entry, keyed by the admin form's field names (German).
 * Empty when valid. `today` is the Berlin date; entries ending in the past are refused.
 */
export function exceptionErrors(input: ExceptionInput, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const fromOk = isValidDate(input.from);
  const toOk = isValidDate(input.to);
  if (!fromOk) errors.from = 'Bitte geben Sie ein gültiges Datum ein, zum Beispiel 24.12.2027.';
  if (!toOk) errors.to = 'Bitte geben Sie ein gültiges Datum ein, zum Beispiel 24.12.2027.';
  if (fromOk && toOk) {
    if (input.to < input.from) errors.to = 'Das Ende darf nicht vor dem Beginn liegen.';
    else if (input.to < today) errors.to = 'Der Zeitraum liegt in der Vergangenheit.';
    else if (addDays(input.from, MAX_EXCEPTION_DAYS - 1) < input.to) {
      errors.to = `Ein Eintrag darf höchstens ${MAX_EXCEPTION_DAYS} Tage umfassen.`;
    }
  }
  if (input.kind !== 'closed' && input.kind !== 'hours') {
    errors.kind = 'Bitte wählen Sie „Geschlossen“ oder „Besondere Öffnungszeiten“.';
  } else if (input.kind === 'hours') {
    if (input.intervals.length === 0) {
      errors.i0_opens = 'Bitte geben Sie für besondere Öffnungszeiten mindestens einen Zeitraum an.';
    } else if (input.intervals.length > MAX_EXCEPTION_INTERVALS) {
      errors.i0_opens = `Es sind höchstens ${MAX_EXCEPTION_INTERVALS} Zeiträume möglich.`;
    } else {
      for (const { index, problem } of validateIntervals(input.intervals)) {
        if (problem === 'format')
          errors[`i${index}_opens`] = 'Bitte geben Sie Uhrzeiten im Format HH:MM ein.';
        else if (problem === 'order') errors[`i${index}_closes`] = 'Das Ende muss nach dem Beginn liegen.';
        else errors[`i${index}_opens`] = 'Die Zeiträume dürfen sich nicht überschneiden.';
      }
    }
  }
  if (!input.reason?.de?.trim())
    errors.reason_de = 'Bitte geben Sie einen Grund an, er wird den Bürgerinnen und Bürgern angezeigt.';
  return errors;
}

/** Holidays (from the plans) and exceptions overlapping the planned window, by start date. */
function noticesOf(plans: DayPlan[], exceptions: LocationException[]): Notice[] {
  const first = plans[0]?.date;
  const last = plans.at(-1)?.date;
  if (!first || !last) return [];
  const notices: Notice[] = [];
  for (const plan of plans) {
    const closed = plan.closed;
    if (closed?.kind === 'holiday')
      notices.push({ kind: 'holiday', from: plan.date, to: plan.date, name: closed.name });
    else if (closed?.kind === 'dec24' || closed?.kind === 'dec31') {
      notices.push({ kind: closed.kind, from: plan.date, to: plan.date });
    }
  }
  for (const e of exceptions) {
    if (e.toDate < first || e.fromDate > last) continue;
    if (e.kind === 'closed')
      notices.push({ kind: 'closed', from: e.fromDate, to: e.toDate, reason: e.reason });
    else
      notices.push({
        kind: 'hours',
        from: e.fromDate,
        to: e.toDate,
        intervals: e.intervals,
        reason: e.reason,
      });
  }
  return notices.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}
