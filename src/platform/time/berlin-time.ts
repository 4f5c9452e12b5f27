import { DateTime } from 'luxon';

/**
 * Small, pure date/time helpers for the office's time zone. Calendar dates are 'YYYY-MM-DD' strings and
 * wall-clock times are 'HH:MM' strings, both meant in Europe/Berlin. Nothing here depends on the process
 * time zone: every conversion names the zone explicitly.
 */
export const TIME_ZONE = 'Europe/Berlin';

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** True for a real calendar date written as 'YYYY-MM-DD' (rejects e.g. '2027-02-30'). */
export function isValidDate(date: string): boolean {
  return DATE_RE.test(date) && DateTime.fromISO(date, { zone: TIME_ZONE }).isValid;
}

/** True for a wall-clock time '00:00'..'23:59'. */
export function isValidTime(time: string): boolean {
  return TIME_RE.test(time);
}

function dateTimeOf(instant: Date): DateTime {
  const dt = DateTime.fromJSDate(instant, { zone: TIME_ZONE });
  if (!dt.isValid) throw new RangeError('Invalid Date');
  return dt;
}

function localDay(date: string): DateTime {
  if (!isValidDate(date)) throw new RangeError(`Invalid date '${date}', expected YYYY-MM-DD`);
  return DateTime.fromISO(date, { zone: TIME_ZONE });
}

function localDateTime(date: string, time: string): DateTime {
  if (!isValidDate(date)) throw new RangeError(`Invalid date '${date}', expected YYYY-MM-DD`);
  if (!isValidTime(time)) throw new RangeError(`Invalid time '${time}', expected HH:MM`);
  return DateTime.fromISO(`${date}T${time}`, { zone: TIME_ZONE });
}

/** Berlin calendar date of an instant, 'YYYY-MM-DD'. */
export function berlinDateOf(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) return dateTimeOf(instant).toFormat('yyyy-MM-dd');
  return new Date(ms + offsetOfHour(Math.floor(ms / 3_600_000)) * 60_000).toISOString().slice(0, 10);
}

/** Berlin wall-clock time of an instant, 'HH:MM'. */
export function berlinTimeOf(instant: Date): string {
  return dateTimeOf(instant).toFormat('HH:mm');
}

/**
 * Instant of a Berlin wall-clock time. DST edge cases follow luxon:
 * - a time inside the spring gap (02:00–02:59 on the last Sunday of March) does not exist and is moved
 *   forward by the gap, e.g. 02:30 → 03:30+02:00;
 * - an ambiguous autumn time (02:00–02:59 on the last Sunday of October) resolves to the later
 *   occurrence, in standard time (+01:00).
 */
export function berlinInstant(date: string, time: string): Date {
  return localDateTime(date, time).toJSDate();
}

/**
 * Like {@link berlinInstant}, but a time inside the spring gap maps to the end of the gap (03:00+02:00),
 * the first real instant after it. Meant for interval boundaries, so that [opens, closes) covers exactly
 * the instants whose wall time lies inside it (e.g. 01:00–02:30 on that day lasts one real hour).
 */
export function berlinBoundaryInstant(date: string, time: string): Date {
  const dt = localDateTime(date, time);
  // Berlin's gap is always a full hour starting at a full hour, so the gap end is the shifted time's hour.
  return dt.toFormat('HH:mm') === time ? dt.toJSDate() : dt.startOf('hour').toJSDate();
}

/** Calendar arithmetic on 'YYYY-MM-DD' (n may be negative). */
export function addDays(date: string, n: number): string {
  return localDay(date).plus({ days: n }).toFormat('yyyy-MM-dd');
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): IsoWeekday {
  return localDay(date).weekday as IsoWeekday;
}

/** Monday of the ISO week containing `date`. */
export function startOfIsoWeek(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * Long human date: 'Montag, 29. März 2027' (de) / 'Monday, 29 March 2027' (en). German and English use
 * fixed patterns so the output does not change with the ICU version; other valid locales use Intl's
 * long format, anything unusable falls back to German.
 */
export function formatDate(date: string, lang: string): string {
  const day = localDay(date);
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  if (primary === 'en') return day.setLocale('en-GB').toFormat('cccc, d MMMM yyyy');
  if (primary !== 'de') {
    try {
      const [locale] = Intl.DateTimeFormat.supportedLocalesOf(lang);
      if (locale) return day.setLocale(locale).toLocaleString(DateTime.DATE_HUGE);
    } catch {
      // invalid language tag: fall through to German
    }
  }
  return day.setLocale('de-DE').toFormat('cccc, d. MMMM yyyy');
}

/** Berlin wall-clock time of an instant, 'HH:MM' (24-hour clock, as used in German and English UI). */
export function formatTime(instant: Date): string {
  return berlinTimeOf(instant);
}

/** ISO 8601 with the Berlin offset, e.g. '2027-03-29T08:00:00+02:00' (milliseconds only when non-zero). */
export function toIsoWithOffset(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid instant');
  if (ms % 1000 !== 0) return dateTimeOf(instant).toISO({ suppressMilliseconds: true })!;
  // Hot path (availability lists hundreds of slots): the offset only changes on the hour, so it is
  // looked up once per UTC hour and the string is assembled by hand.
  const offsetMinutes = offsetOfHour(Math.floor(ms / 3_600_000));
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const offsetCache = new Map<number, number>();
function offsetOfHour(utcHour: number): number {
  let offset = offsetCache.get(utcHour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(utcHour * 3_600_000, { zone: TIME_ZONE }).offset;
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(utcHour, offset);
  }
  return offset;
}
