import { describe, expect, it } from 'vitest';
import { hoursText, statusText } from './locations.views.js';

// Saturday 27 March 2027, 20:00 in Berlin.
const now = new Date('2027-03-27T19:00:00Z');

describe('statusText', () => {
  it('says until when a location is open', () => {
    const status = { open: true as const, closesAt: new Date('2027-03-27T19:30:00Z') };
    expect(statusText(status, now, 'de')).toBe('Jetzt geöffnet bis 20:30');
    expect(statusText(status, now, 'en')).toBe('Open now until 20:30');
  });

  it('phrases the next opening relative to today (Berlin dates, across the DST change)', () => {
    const opensAt = (iso: string) => ({ open: false as const, opensAt: new Date(iso) });
    expect(statusText(opensAt('2027-03-27T21:00:00Z'), now, 'de')).toBe(
      'Geschlossen – öffnet heute um 22:00',
    );
    expect(statusText(opensAt('2027-03-28T07:00:00Z'), now, 'de')).toBe(
      'Geschlossen – öffnet morgen um 09:00',
    );
    expect(statusText(opensAt('2027-03-30T05:30:00Z'), now, 'de')).toBe(
      'Geschlossen – öffnet Dienstag um 07:30',
    );
    expect(statusText(opensAt('2027-03-30T05:30:00Z'), now, 'en')).toBe('Closed – opens Tuesday at 07:30');
    expect(statusText(opensAt('2027-04-12T06:00:00Z'), now, 'de')).toBe(
      'Geschlossen – öffnet am Montag, 12. April 2027 um 08:00',
    );
    expect(statusText({ open: false, opensAt: null }, now, 'de')).toBe('Derzeit geschlossen');
  });
});

describe('hoursText', () => {
  it('joins intervals or says closed', () => {
    const intervals = [
      { opens: '07:30', closes: '12:30' },
      { opens: '14:00', closes: '16:00' },
    ];
    expect(hoursText(intervals, 'de')).toBe('07:30–12:30 Uhr, 14:00–16:00 Uhr');
    expect(hoursText(intervals, 'en')).toBe('07:30–12:30, 14:00–16:00');
    expect(hoursText([], 'de')).toBe('geschlossen');
  });
});
