import {
  addDays,
  berlinBoundaryInstant,
  berlinDateOf,
  isoWeekday,
  isValidDate,
  isValidTime,
} from '../../platform/time/berlin-time.js';
import type { DayPlan } from '../locations/opening-hours.rules.js';

/**
 * Availability rules for online appointments (ZMS-style): the slot grid of a day, the capacity split
 * between the online and the internal quota, the booking window with a staggered release of the newest
 * day, and which appointment starts can be offered. Pure: no I/O, no clock (`now` is always passed in).
 * All calendar dates are Berlin dates; all slot arithmetic is on real instants, so DST days are correct.
 */

export interface BookingPolicy {
  /** Slot grid in minutes. */
  slotMinutes: number;
  /** Share of the counters bookable online; the rest is the internal (phone/staff) quota. */
  onlineSharePercent: number;
  /** 0 = today is bookable. */
  earliestDaysAhead: number;
  latestDaysAhead: number;
  /** 'HH:MM' Berlin: the newest day (today + latestDaysAhead) becomes bookable at this time of day. */
  releaseTime: string;
  /** Slots must start at least this long after `now`. */
  minLeadMinutes: number;
}

export const defaultPolicy: BookingPolicy = {
  slotMinutes: 10,
  onlineSharePercent: 75,
  earliestDaysAhead: 0,
  latestDaysAhead: 60,
  releaseTime: '08:00',
  minLeadMinutes: 60,
};

export interface SlotCapacity {
  start: Date;
  end: Date; // exclusive
  day: string; // Berlin date 'YYYY-MM-DD'
  onlineCapacity: number;
  internalCapacity: number;
}

/** A slot as seen by one channel: `free` is what is left of that channel's quota (frozen/blocked = 0). */
export interface SlotState {
  start: Date;
  end: Date;
  free: number;
}

/** A bookable appointment start; `end` is the end of its last slot, `free` the minimum over its slots. */
export interface Offer {
  start: Date;
  end: Date;
  free: number;
}

const MINUTE = 60_000;

function requirePositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

function requireNonNegativeInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Splits the counters of a slot into the online and the internal quota: online = floor(counters ×
 * share / 100), but at least 1 when there are counters and the share is positive; internal = the rest.
 */
export function splitCapacity(
  counters: number,
  onlineSharePercent: number,
): { online: number; internal: number } {
  requireNonNegativeInteger(counters, 'counters');
  if (!Number.isFinite(onlineSharePercent) || onlineSharePercent < 0 || onlineSharePercent > 100) {
    throw new RangeError(`onlineSharePercent must be within 0..100, got ${onlineSharePercent}`);
  }
  let online = Math.floor((counters * onlineSharePercent) / 100);
  if (online === 0 && counters > 0 && onlineSharePercent > 0) online = 1;
  return { online, internal: counters - online };
}

/**
 * The slot grid of a day: within each opening interval, slots of `policy.slotMinutes` real minutes
 * starting at the opening instant; the last slot ends at or before the closing instant (a remainder
 * shorter than a slot is not offered). None when the day is closed or there are no counters.
 */
export function slotsForDay(plan: DayPlan, counters: number, policy: BookingPolicy): SlotCapacity[] {
  requirePositiveInteger(policy.slotMinutes, 'slotMinutes');
  const { online, internal } = splitCapacity(counters, policy.onlineSharePercent);
  if (counters === 0) return [];
  const step = policy.slotMinutes * MINUTE;
  const slots: SlotCapacity[] = [];
  for (const interval of plan.intervals) {
    const closes = interval.end.getTime();
    for (let t = interval.start.getTime(); t + step <= closes; t += step) {
      slots.push({
        start: new Date(t),
        end: new Date(t + step),
        day: plan.date,
        onlineCapacity: online,
        internalCapacity: internal,
      });
    }
  }
  return slots;
}

/**
 * The Berlin dates bookable at `now`: from today + earliestDaysAhead to today + latestDaysAhead, where
 * the newest day only counts from its release time on (before it, the window ends a day earlier).
 * The release instant of a time inside the spring DST gap is the end of the gap; an ambiguous autumn
 * time means its later occurrence (standard time). The window is empty
 * when firstDate > lastDate (possible only when earliestDaysAhead === latestDaysAhead, before release).
 */
export function bookingWindow(now: Date, policy: BookingPolicy): { firstDate: string; lastDate: string } {
  requireNonNegativeInteger(policy.earliestDaysAhead, 'earliestDaysAhead');
  requireNonNegativeInteger(policy.latestDaysAhead, 'latestDaysAhead');
  if (policy.latestDaysAhead < policy.earliestDaysAhead) {
    throw new RangeError('latestDaysAhead must not be before earliestDaysAhead');
  }
  if (!isValidTime(policy.releaseTime)) {
    throw new RangeError(`Invalid releaseTime '${policy.releaseTime}', expected HH:MM`);
  }
  const today = berlinDateOf(now);
  // Compared as instants, not wall-clock text, so the repeated autumn hour cannot "un-release" a day.
  const released = now.getTime() >= berlinBoundaryInstant(today, policy.releaseTime).getTime();
  return {
    firstDate: addDays(today, policy.earliestDaysAhead),
    lastDate: addDays(today, policy.latestDaysAhead - (released ? 0 : 1)),
  };
}

/**
 * Until when an availability answer computed at `now` stays right as far as the clock is concerned (its
 * capacity can change any time; that is the caches' version check): the next Berlin midnight (the
 * booking window moves), today's release time if still ahead (the newest day opens), the moment the
 * first offered start falls inside the lead time, and the end of the first freeze still running.
 */
export function clockValidUntil(
  now: Date,
  policy: Pick<BookingPolicy, 'releaseTime' | 'minLeadMinutes'>,
  firstOfferStart: Date | undefined,
  frozenUntils: Date[],
): Date {
  const today = berlinDateOf(now);
  const t = now.getTime();
  const candidates = [berlinBoundaryInstant(addDays(today, 1), '00:00').getTime()];
  const release = berlinBoundaryInstant(today, policy.releaseTime).getTime();
  if (release > t) candidates.push(release);
  if (firstOfferStart) candidates.push(firstOfferStart.getTime() - policy.minLeadMinutes * MINUTE);
  for (const until of frozenUntils) if (until.getTime() > t) candidates.push(until.getTime());
  return new Date(Math.max(t, Math.min(...candidates)));
}

/** Number of slots an appointment of `durationMinutes` occupies (rounded up). */
export function slotCount(durationMinutes: number, slotMinutes: number): number {
  requirePositiveInteger(durationMinutes, 'durationMinutes');
  requirePositiveInteger(slotMinutes, 'slotMinutes');
  return Math.ceil(durationMinutes / slotMinutes);
}

/** Duration of an appointment for several services: the sum of their durations in minutes. */
export function appointmentDuration(durations: number[]): number {
  if (durations.length === 0) throw new RangeError('An appointment needs at least one service');
  for (const duration of durations) requirePositiveInteger(duration, 'duration');
  return durations.reduce((sum, d) => sum + d, 0);
}

/**
 * Appointment starts that can be offered: every slot that begins a run of slotCount(duration) directly
 * consecutive slots (each starting exactly where the previous one ends, so no lunch break or other gap)
 * that all have free >= 1, and that starts at least minLeadMinutes after `now`. Sorted by start.
 * Only the lead time is applied here; restricting to the booking window is the caller's choice of slots.
 */
export function appointmentStarts(
  slots: SlotState[],
  durationMinutes: number,
  slotMinutes: number,
  now: Date,
  policy: BookingPolicy,
): Offer[] {
  const needed = slotCount(durationMinutes, slotMinutes);
  requireNonNegativeInteger(policy.minLeadMinutes, 'minLeadMinutes');
  const earliest = now.getTime() + policy.minLeadMinutes * MINUTE;
  const sorted = [...slots].sort((a, b) => a.start.getTime() - b.start.getTime());
  const offers: Offer[] = [];
  for (let i = 0; i + needed <= sorted.length; i++) {
    const first = sorted[i]!;
    if (first.start.getTime() < earliest) continue;
    let free = first.free;
    let ok = free >= 1;
    for (let j = i + 1; ok && j < i + needed; j++) {
      const slot = sorted[j]!;
      ok = slot.start.getTime() === sorted[j - 1]!.end.getTime() && slot.free >= 1;
      free = Math.min(free, slot.free);
    }
    if (ok) offers.push({ start: first.start, end: sorted[i + needed - 1]!.end, free });
  }
  return offers;
}

/** Start instants of the slots an appointment at `start` occupies (for the reservation transaction). */
export function slotsNeeded(start: Date, durationMinutes: number, slotMinutes: number): Date[] {
  const count = slotCount(durationMinutes, slotMinutes);
  return Array.from({ length: count }, (_, k) => new Date(start.getTime() + k * slotMinutes * MINUTE));
}

/** Berlin dates that have at least one offer, sorted and unique. */
export function daysWithOffers(offers: Offer[]): string[] {
  return [...new Set(offers.map((offer) => berlinDateOf(offer.start)))].sort();
}

/**
 * Calendar of a month (1 = January) for the month page: weeks from Monday to Sunday, each day as
 * 'YYYY-MM-DD', with null before the first and after the last day of the month.
 */
export function monthGrid(year: number, month: number): Array<Array<string | null>> {
  const first = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !isValidDate(first)) {
    throw new RangeError(`Invalid month ${year}-${month}`);
  }
  const prefix = first.slice(0, 7);
  const weeks: Array<Array<string | null>> = [];
  let week: Array<string | null> = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  for (let date = first; date.startsWith(prefix); date = addDays(date, 1)) {
    week.push(date);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}
