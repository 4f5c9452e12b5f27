import { describe, expect, it } from 'vitest';
import {
  addDays,
  berlinBoundaryInstant,
  berlinDateOf,
  berlinInstant,
  berlinTimeOf,
  formatDate,
  formatTime,
  isoWeekday,
  isValidDate,
  isValidTime,
  startOfIsoWeek,
  TIME_ZONE,
  toIsoWithOffset,
} from './berlin-time.js';

describe('berlin-time', () => {
  it('names the zone', () => {
    expect(TIME_ZONE).toBe('Europe/Berlin');
  });

  it('takes date and time of an instant in Berlin, not UTC', () => {
    const lateUtc = new Date('2027-03-28T23:30:00Z'); // 01:30 CEST on the 29th
    expect(berlinDateOf(lateUtc)).toBe('2027-03-29');
    expect(berlinTimeOf(lateUtc)).toBe('01:30');
    const winter = new Date('2027-12-31T23:05:00Z'); // 00:05 CET on New Year
    expect(berlinDateOf(winter)).toBe('2028-01-01');
    expect(formatTime(winter)).toBe('00:05');
  });

  it('converts wall time to instants in winter and summer time', () => {
    expect(berlinInstant('2027-01-15', '08:00').toISOString()).toBe('2027-01-15T07:00:00.000Z');
    expect(berlinInstant('2027-03-29', '08:00').toISOString()).toBe('2027-03-29T06:00:00.000Z');
  });

  it('moves a non-existent spring time forward like luxon', () => {
    expect(toIsoWithOffset(berlinInstant('2027-03-28', '02:30'))).toBe('2027-03-28T03:30:00+02:00');
    expect(toIsoWithOffset(berlinInstant('2027-03-28', '03:00'))).toBe('2027-03-28T03:00:00+02:00');
  });

  it('resolves an ambiguous autumn time to standard time', () => {
    expect(toIsoWithOffset(berlinInstant('2027-10-31', '02:30'))).toBe('2027-10-31T02:30:00+01:00');
  });

  it('maps a spring-gap boundary to the end of the gap', () => {
    expect(toIsoWithOffset(berlinBoundaryInstant('2027-03-28', '02:30'))).toBe('2027-03-28T03:00:00+02:00');
    expect(toIsoWithOffset(berlinBoundaryInstant('2027-03-28', '01:59'))).toBe('2027-03-28T01:59:00+01:00');
    expect(berlinBoundaryInstant('2027-03-29', '08:00')).toEqual(berlinInstant('2027-03-29', '08:00'));
  });

  it('rejects malformed input', () => {
    expect(() => berlinInstant('2027-02-30', '08:00')).toThrow(RangeError);
    expect(() => berlinInstant('2027-03-29', '8:00')).toThrow(RangeError);
    expect(() => berlinInstant('2027-03-29', '24:00')).toThrow(RangeError);
    expect(() => berlinDateOf(new Date(Number.NaN))).toThrow(RangeError);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2027-02-29')).toBe(false);
    expect(isValidDate('2027-3-1')).toBe(false);
    expect(isValidTime('23:59')).toBe(true);
    expect(isValidTime('12:60')).toBe(false);
  });

  it('does calendar arithmetic across month, year and DST boundaries', () => {
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28');
    expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
    expect(addDays('2027-10-31', 1)).toBe('2027-11-01');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-05-10', 0)).toBe('2027-05-10');
  });

  it('gives ISO weekdays', () => {
    expect(isoWeekday('2027-03-29')).toBe(1);
    expect(isoWeekday('2027-03-28')).toBe(7);
    expect(isoWeekday('2027-10-30')).toBe(6);
    expect(startOfIsoWeek('2027-03-28')).toBe('2027-03-22');
    expect(startOfIsoWeek('2027-03-29')).toBe('2027-03-29');
  });

  it('formats long dates in German and English', () => {
    expect(formatDate('2027-03-29', 'de')).toBe('Montag, 29. März 2027');
    expect(formatDate('2027-03-29', 'de-DE')).toBe('Montag, 29. März 2027');
    expect(formatDate('2027-03-29', 'en')).toBe('Monday, 29 March 2027');
    expect(formatDate('2027-03-29', 'en-US')).toBe('Monday, 29 March 2027');
    expect(formatDate('2027-03-29', 'not a locale!')).toBe('Montag, 29. März 2027');
    expect(formatDate('2027-03-29', 'tr')).toContain('2027');
  });

  it('writes ISO 8601 with the Berlin offset', () => {
    expect(toIsoWithOffset(new Date('2027-03-29T06:00:00Z'))).toBe('2027-03-29T08:00:00+02:00');
    expect(toIsoWithOffset(new Date('2027-11-02T07:00:00Z'))).toBe('2027-11-02T08:00:00+01:00');
  });
});
