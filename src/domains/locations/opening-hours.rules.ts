import { getHolidays } from 'feiertagejs';
import {
  addDays,
  berlinBoundaryInstant,
  berlinDateOf,
  isoWeekday,
  isValidDate,
  isValidTime,
} from '../../platform/time/berlin-time.js';

/**
 * Opening-hours rules of a location: which hours apply on a given Berlin calendar date, and whether the
 * office is open at an instant. Pure: no I/O, no clock (`now` is always passed in).
 *
 * Precedence per date: exception (the last matching one in the array wins) > public holiday >
 * 24.12./31.12. flags > weekly hours. A 'hours' exception on a holiday opens the office (explicit wins).
 */

export interface TimeInterval {
  opens: string; // 'HH:MM' Berlin wall time, opens < closes
  closes: string;
}
export interface WeeklyEntry {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO weekday; several entries per weekday allowed
  opens: string;
  closes: string;
}
export interface LocalizedText {
  de: string;
  en?: string;
}
export interface ScheduleException {
  from: string; // 'YYYY-MM-DD' inclusive, Berlin dates
  to: string;
  kind: 'closed' | 'hours'; // closed all day, or special hours replacing the weekly ones
  intervals: TimeInterval[]; // used when kind === 'hours'
  reason: LocalizedText;
}
export interface Schedule {
  weekly: WeeklyEntry[];
  exceptions: ScheduleException[];
  closedOnDec24: boolean; // 24.12. is not a public holiday in NRW; configurable per location
  closedOnDec31: boolean;
  state?: string; // feiertagejs region code, default 'NW'
}
export type ClosedReason =
  | { kind: 'holiday'; name: LocalizedText }
  | { kind: 'exception'; reason: LocalizedText }
  | { kind: 'dec24' }
  | { kind: 'dec31' }
  | { kind: 'weekly' }; // simply no hours that weekday
export interface PlannedInterval {
  opens: string;
  closes: string;
  start: Date;
  end: Date; // exclusive
}
export interface DayPlan {
  date: string; // 'YYYY-MM-DD'
  intervals: PlannedInterval[]; // sorted, overlapping or touching ones merged
  closed: ClosedReason | null; // set when intervals is empty
  special: LocalizedText | null; // reason text when a kind 'hours' exception applied
}
export type OpeningStatus = { open: true; closesAt: Date } | { open: false; opensAt: Date | null };

export const DEFAULT_STATE = 'NW';
/** How far ahead openingStatus looks for the next opening. */
export const LOOKAHEAD_DAYS = 60;

type Region = Parameters<typeof getHolidays>[1];

// Holidays depend only on (state, year); cached because openingStatus may plan up to 61 days per call.
const holidayCache = new Map<string, Map<string, LocalizedText>>();

function holidayMap(year: number, state: string): Map<string, LocalizedText> {
  const key = `${state}:${year}`;
  let map = holidayCache.get(key);
  if (!map) {
    map = new Map();
    for (const holiday of getHolidays(year, state as Region)) {
      // feiertagejs dates are noon UTC, which is the same calendar day in Berlin.
      map.set(berlinDateOf(holiday.date), {
        de: holiday.translate('de') ?? holiday.name,
        en: holiday.translate('en') ?? holiday.name,
      });
    }
    holidayCache.set(key, map);
  }
  return map;
}

/** Public holidays of a year in a federal state (feiertagejs region code, default 'NW'), by date. */
export function holidaysOf(
  year: number,
  state: string = DEFAULT_STATE,
): Array<{ date: string; name: LocalizedText }> {
  return [...holidayMap(year, state)].map(([date, name]) => ({ date, name: { ...name } }));
}

function holidayOn(date: string, state: string): LocalizedText | undefined {
  return holidayMap(Number(date.slice(0, 4)), state).get(date);
}

function isWellFormed(interval: TimeInterval): boolean {
  return isValidTime(interval.opens) && isValidTime(interval.closes) && interval.opens < interval.closes;
}

function planIntervals(date: string, intervals: TimeInterval[]): PlannedInterval[] {
  // Data is validated on write (validateWeekly/validateIntervals); skip anything malformed defensively.
  // 'HH:MM' strings compare correctly as text.
  const sorted = intervals
    .filter(isWellFormed)
    .sort((a, b) => (a.opens < b.opens ? -1 : a.opens > b.opens ? 1 : 0));
  const merged: TimeInterval[] = [];
  for (const { opens, closes } of sorted) {
    const last = merged.at(-1);
    if (last && opens <= last.closes) {
      if (closes > last.closes) last.closes = closes;
    } else {
      merged.push({ opens, closes });
    }
  }
  const planned: PlannedInterval[] = [];
  for (const { opens, closes } of merged) {
    const start = berlinBoundaryInstant(date, opens);
    const end = berlinBoundaryInstant(date, closes);
    // An interval lying entirely in the spring DST gap has no real instants.
    if (start < end) planned.push({ opens, closes, start, end });
  }
  return planned;
}

function closedDay(date: string, closed: ClosedReason): DayPlan {
  return { date, intervals: [], closed, special: null };
}

/** Which hours apply on a Berlin calendar date, and why the office is closed if it is. */
export function dayPlan(schedule: Schedule, date: string): DayPlan {
  if (!isValidDate(date)) throw new RangeError(`Invalid date '${date}', expected YYYY-MM-DD`);

  const exception = schedule.exceptions.findLast((e) => e.from <= date && date <= e.to);
  if (exception) {
    const closed: ClosedReason = { kind: 'exception', reason: exception.reason };
    if (exception.kind === 'closed') return closedDay(date, closed);
    const intervals = planIntervals(date, exception.intervals);
    return { date, intervals, closed: intervals.length > 0 ? null : closed, special: exception.reason };
  }

  const holiday = holidayOn(date, schedule.state ?? DEFAULT_STATE);
  if (holiday) return closedDay(date, { kind: 'holiday', name: { ...holiday } });

  const monthDay = date.slice(5);
  if (monthDay === '12-24' && schedule.closedOnDec24) return closedDay(date, { kind: 'dec24' });
  if (monthDay === '12-31' && schedule.closedOnDec31) return closedDay(date, { kind: 'dec31' });

  const weekday = isoWeekday(date);
  const intervals = planIntervals(
    date,
    schedule.weekly.filter((entry) => entry.weekday === weekday),
  );
  return { date, intervals, closed: intervals.length > 0 ? null : { kind: 'weekly' }, special: null };
}

/** Plans for `days` consecutive dates starting at `fromDate`. */
export function upcomingDays(schedule: Schedule, fromDate: string, days: number): DayPlan[] {
  const plans: DayPlan[] = [];
  for (let i = 0; i < days; i++) plans.push(dayPlan(schedule, addDays(fromDate, i)));
  return plans;
}

/**
 * Open or closed at `now`. Intervals are half-open: at exactly the closing time the office is closed.
 * When closed, `opensAt` is the next opening within {@link LOOKAHEAD_DAYS} days after today, else null.
 */
export function openingStatus(schedule: Schedule, now: Date): OpeningStatus {
  const today = berlinDateOf(now);
  const t = now.getTime();
  for (let i = 0; i <= LOOKAHEAD_DAYS; i++) {
    for (const interval of dayPlan(schedule, addDays(today, i)).intervals) {
      if (i === 0 && interval.start.getTime() <= t && t < interval.end.getTime()) {
        return { open: true, closesAt: interval.end };
      }
      if (interval.start.getTime() > t) return { open: false, opensAt: interval.start };
    }
  }
  return { open: false, opensAt: null };
}

export type IntervalProblem = 'format' | 'order' | 'overlap';

/**
 * Problems in a list of intervals of one day, for admin forms: bad 'HH:MM' ('format'), opens >= closes
 * ('order'), or overlapping another interval ('overlap', reported on every entry involved; touching
 * intervals such as 08:00–12:00 and 12:00–14:00 are fine). At most one problem per index, in that order.
 */
export function validateIntervals(
  intervals: TimeInterval[],
): Array<{ index: number; problem: IntervalProblem }> {
  return validateWeekly(intervals.map((interval) => ({ ...interval, weekday: 1 as const })));
}

/** Like {@link validateIntervals}, with overlaps checked per weekday; a bad weekday counts as 'format'. */
export function validateWeekly(entries: WeeklyEntry[]): Array<{ index: number; problem: IntervalProblem }> {
  const problems = new Map<number, IntervalProblem>();
  const ok: number[] = [];
  entries.forEach((entry, index) => {
    if (
      !Number.isInteger(entry.weekday) ||
      entry.weekday < 1 ||
      entry.weekday > 7 ||
      !isValidTime(entry.opens) ||
      !isValidTime(entry.closes)
    ) {
      problems.set(index, 'format');
    } else if (entry.opens >= entry.closes) {
      problems.set(index, 'order');
    } else {
      ok.push(index);
    }
  });
  for (const [n, i] of ok.entries()) {
    for (const j of ok.slice(n + 1)) {
      const a = entries[i]!;
      const b = entries[j]!;
      if (a.weekday === b.weekday && a.opens < b.closes && b.opens < a.closes) {
        problems.set(i, 'overlap');
        problems.set(j, 'overlap');
      }
    }
  }
  return [...problems].sort(([a], [b]) => a - b).map(([index, problem]) => ({ index, problem }));
}
