import { describe, expect, it } from 'vitest';
import { berlinInstant, formatTime, toIsoWithOffset } from '../../platform/time/berlin-time.js';
import { dayPlan, type Schedule } from '../locations/opening-hours.rules.js';
import {
  appointmentDuration,
  appointmentStarts,
  type BookingPolicy,
  bookingWindow,
  clockValidUntil,
  daysWithOffers,
  defaultPolicy,
  monthGrid,
  type SlotState,
  slotCount,
  slotsForDay,
  slotsNeeded,
  splitCapacity,
} from './availability.rules.js';

const weekdays = [1, 2, 3, 4, 5] as const;

/** Mon–Fri 07:30–12:30 and 13:30–15:00 (lunch break), open Sunday 01:00–05:00 across the DST switch. */
const schedule: Schedule = {
  weekly: [
    ...weekdays.flatMap((weekday) => [
      { weekday, opens: '07:30', closes: '12:30' },
      { weekday, opens: '13:30', closes: '15:00' },
    ]),
    { weekday: 7, opens: '01:00', closes: '05:00' },
  ],
  exceptions: [
    {
      from: '2027-03-03',
      to: '2027-03-03',
      kind: 'closed',
      intervals: [],
      reason: { de: 'Betriebsausflug' },
    },
  ],
  closedOnDec24: true,
  closedOnDec31: false,
};

const policy = (overrides: Partial<BookingPolicy> = {}): BookingPolicy => ({
  ...defaultPolicy,
  ...overrides,
});
const at = (date: string, time: string) => berlinInstant(date, time);
const times = (items: Array<{ start: Date }>) => items.map((s) => formatTime(s.start));

/** Channel view of a day's slots, all with `free` capacity unless overridden by wall time. */
function states(date: string, free = 1, overrides: Record<string, number> = {}): SlotState[] {
  return slotsForDay(dayPlan(schedule, date), 6, defaultPolicy).map((s) => ({
    start: s.start,
    end: s.end,
    free: overrides[formatTime(s.start)] ?? free,
  }));
}

// 2027-03-01 is a Monday.
const MONDAY = '2027-03-01';
const EARLY = at('2027-02-28', '12:00'); // the day before: no lead-time effect on MONDAY

describe('defaultPolicy', () => {
  it('has the ZMS-like defaults', () => {
    expect(defaultPolicy).toEqual({
      slotMinutes: 10,
      onlineSharePercent: 75,
      earliestDaysAhead: 0,
      latestDaysAhead: 60,
      releaseTime: '08:00',
      minLeadMinutes: 60,
    });
  });
});

describe('splitCapacity', () => {
  it('splits counters into online and internal quota', () => {
    expect(splitCapacity(6, 75)).toEqual({ online: 4, internal: 2 });
    expect(splitCapacity(4, 75)).toEqual({ online: 3, internal: 1 });
    expect(splitCapacity(4, 100)).toEqual({ online: 4, internal: 0 });
    expect(splitCapacity(4, 0)).toEqual({ online: 0, internal: 4 });
  });

  it('keeps at least one online place when there are counters and a positive share', () => {
    expect(splitCapacity(1, 75)).toEqual({ online: 1, internal: 0 });
    expect(splitCapacity(3, 10)).toEqual({ online: 1, internal: 2 });
  });

  it('gives nothing without counters', () => {
    expect(splitCapacity(0, 75)).toEqual({ online: 0, internal: 0 });
  });

  it('rejects nonsense', () => {
    expect(() => splitCapacity(-1, 75)).toThrow(RangeError);
    expect(() => splitCapacity(1.5, 75)).toThrow(RangeError);
    expect(() => splitCapacity(2, 101)).toThrow(RangeError);
    expect(() => splitCapacity(2, -1)).toThrow(RangeError);
  });
});

describe('slotsForDay', () => {
  it('builds a 10-minute grid from each opening time, ending by closing time', () => {
    const slots = slotsForDay(dayPlan(schedule, MONDAY), 6, defaultPolicy);
    const morning = slots.filter((s) => s.end.getTime() <= at(MONDAY, '12:30').getTime());
    expect(morning).toHaveLength(30); // 07:30–12:30
    expect(toIsoWithOffset(morning[0]!.start)).toBe('2027-03-01T07:30:00+01:00');
    expect(formatTime(morning[1]!.start)).toBe('07:40');
    expect(formatTime(morning.at(-1)!.start)).toBe('12:20');
    expect(formatTime(morning.at(-1)!.end)).toBe('12:30');
    const afternoon = slots.slice(30);
    expect(afternoon).toHaveLength(9); // 13:30–15:00
    expect(formatTime(afternoon[0]!.start)).toBe('13:30');
    expect(formatTime(afternoon.at(-1)!.end)).toBe('15:00');
    for (const slot of slots) {
      expect(slot.day).toBe(MONDAY);
      expect(slot.onlineCapacity).toBe(4);
      expect(slot.internalCapacity).toBe(2);
      expect(slot.end.getTime() - slot.start.getTime()).toBe(10 * 60_000);
    }
  });

  it('drops a remainder shorter than a slot and honours other grids', () => {
    const plan = dayPlan(
      {
        ...schedule,
        exceptions: [
          {
            from: MONDAY,
            to: MONDAY,
            kind: 'hours',
            intervals: [{ opens: '08:00', closes: '08:25' }],
            reason: { de: 'Kurz' },
          },
        ],
      },
      MONDAY,
    );
    expect(times(slotsForDay(plan, 2, defaultPolicy))).toEqual(['08:00', '08:10']);
    expect(times(slotsForDay(plan, 2, policy({ slotMinutes: 15 })))).toEqual(['08:00']);
    expect(slotsForDay(plan, 2, policy({ slotMinutes: 30 }))).toEqual([]);
  });

  it('gives none on a public holiday, a closure, Dec 24 and a day without hours', () => {
    expect(slotsForDay(dayPlan(schedule, '2027-03-26'), 6, defaultPolicy)).toEqual([]); // Good Friday
    expect(slotsForDay(dayPlan(schedule, '2027-03-03'), 6, defaultPolicy)).toEqual([]); // closure
    expect(slotsForDay(dayPlan(schedule, '2027-12-24'), 6, defaultPolicy)).toEqual([]);
    expect(slotsForDay(dayPlan(schedule, '2027-03-06'), 6, defaultPolicy)).toEqual([]); // Saturday
  });

  it('gives none without counters and rejects a bad grid', () => {
    expect(slotsForDay(dayPlan(schedule, MONDAY), 0, defaultPolicy)).toEqual([]);
    expect(() => slotsForDay(dayPlan(schedule, MONDAY), 2, policy({ slotMinutes: 0 }))).toThrow(RangeError);
  });

  function assertRealTenMinuteSlots(slots: Array<{ start: Date; end: Date }>) {
    for (const [i, slot] of slots.entries()) {
      expect(slot.end.getTime() - slot.start.getTime()).toBe(10 * 60_000);
      if (i > 0) expect(slot.start.getTime()).toBe(slots[i - 1]!.end.getTime());
    }
  }

  it('has 3 real hours (18 slots) on the spring DST Sunday', () => {
    const slots = slotsForDay(dayPlan(schedule, '2027-03-28'), 1, defaultPolicy);
    expect(slots).toHaveLength(18);
    assertRealTenMinuteSlots(slots);
    expect(toIsoWithOffset(slots[0]!.start)).toBe('2027-03-28T01:00:00+01:00');
    expect(toIsoWithOffset(slots[5]!.start)).toBe('2027-03-28T01:50:00+01:00');
    expect(toIsoWithOffset(slots[6]!.start)).toBe('2027-03-28T03:00:00+02:00');
    expect(toIsoWithOffset(slots.at(-1)!.end)).toBe('2027-03-28T05:00:00+02:00');
    expect(slots.every((s) => s.day === '2027-03-28')).toBe(true);
  });

  it('has 5 real hours (30 slots) on the autumn DST Sunday', () => {
    const slots = slotsForDay(dayPlan(schedule, '2027-10-31'), 1, defaultPolicy);
    expect(slots).toHaveLength(30);
    assertRealTenMinuteSlots(slots);
    expect(toIsoWithOffset(slots[0]!.start)).toBe('2027-10-31T01:00:00+02:00');
    expect(toIsoWithOffset(slots[6]!.start)).toBe('2027-10-31T02:00:00+02:00');
    expect(toIsoWithOffset(slots[12]!.start)).toBe('2027-10-31T02:00:00+01:00');
    expect(toIsoWithOffset(slots[18]!.start)).toBe('2027-10-31T03:00:00+01:00');
    expect(toIsoWithOffset(slots.at(-1)!.end)).toBe('2027-10-31T05:00:00+01:00');
  });
});

describe('bookingWindow', () => {
  it('releases the newest day at the release time, not at midnight', () => {
    expect(bookingWindow(at(MONDAY, '07:59'), defaultPolicy)).toEqual({
      firstDate: MONDAY,
      lastDate: '2027-04-29',
    });
    expect(bookingWindow(at(MONDAY, '08:00'), defaultPolicy)).toEqual({
      firstDate: MONDAY,
      lastDate: '2027-04-30',
    });
    expect(bookingWindow(at(MONDAY, '00:00'), defaultPolicy).lastDate).toBe('2027-04-29');
    expect(bookingWindow(at(MONDAY, '23:59'), defaultPolicy).lastDate).toBe('2027-04-30');
  });

  it('uses the Berlin date and time, not UTC', () => {
    // 23:30 UTC on 1 March is 00:30 on 2 March in Berlin.
    expect(bookingWindow(new Date('2027-03-01T23:30:00Z'), defaultPolicy)).toEqual({
      firstDate: '2027-03-02',
      lastDate: '2027-04-30',
    });
    // 07:30 UTC is 08:30 in Berlin (winter): already released.
    expect(bookingWindow(new Date('2027-03-01T07:30:00Z'), defaultPolicy).lastDate).toBe('2027-04-30');
  });

  it('applies the release time in local time on DST days', () => {
    // Spring: 08:00 Berlin is 06:00 UTC.
    expect(bookingWindow(new Date('2027-03-28T05:59:00Z'), defaultPolicy).lastDate).toBe('2027-05-26');
    expect(bookingWindow(new Date('2027-03-28T06:00:00Z'), defaultPolicy).lastDate).toBe('2027-05-27');
    // Autumn: 08:00 Berlin is 07:00 UTC.
    expect(bookingWindow(new Date('2027-10-31T06:59:00Z'), defaultPolicy).lastDate).toBe('2027-12-29');
    expect(bookingWindow(new Date('2027-10-31T07:00:00Z'), defaultPolicy).lastDate).toBe('2027-12-30');
  });

  it('treats a release time inside the spring gap as the end of the gap', () => {
    const p = policy({ releaseTime: '02:30' });
    expect(bookingWindow(new Date('2027-03-28T00:59:00Z'), p).lastDate).toBe('2027-05-26'); // 01:59 CET
    expect(bookingWindow(new Date('2027-03-28T01:00:00Z'), p).lastDate).toBe('2027-05-27'); // 03:00 CEST
  });

  it('releases at the later occurrence of an ambiguous autumn time, and never withdraws it', () => {
    const p = policy({ releaseTime: '02:30' });
    const released = (iso: string) => bookingWindow(new Date(iso), p).lastDate === '2027-12-30';
    expect(released('2027-10-31T00:29:00Z')).toBe(false); // 02:29 CEST
    expect(released('2027-10-31T00:30:00Z')).toBe(false); // 02:30 CEST, first pass
    expect(released('2027-10-31T01:10:00Z')).toBe(false); // 02:10 CET, second pass
    expect(released('2027-10-31T01:30:00Z')).toBe(true); // 02:30 CET
    expect(released('2027-10-31T01:40:00Z')).toBe(true); // 02:40 CET
  });

  it('honours earliestDaysAhead and can be empty before release', () => {
    expect(bookingWindow(at(MONDAY, '09:00'), policy({ earliestDaysAhead: 1, latestDaysAhead: 14 }))).toEqual(
      { firstDate: '2027-03-02', lastDate: '2027-03-15' },
    );
    const sameDay = policy({ earliestDaysAhead: 0, latestDaysAhead: 0 });
    expect(bookingWindow(at(MONDAY, '07:00'), sameDay)).toEqual({
      firstDate: MONDAY,
      lastDate: '2027-02-28',
    });
    expect(bookingWindow(at(MONDAY, '08:00'), sameDay)).toEqual({ firstDate: MONDAY, lastDate: MONDAY });
  });

  it('rejects an inconsistent policy', () => {
    const now = at(MONDAY, '09:00');
    expect(() => bookingWindow(now, policy({ releaseTime: '8:00' }))).toThrow(RangeError);
    expect(() => bookingWindow(now, policy({ earliestDaysAhead: 5, latestDaysAhead: 2 }))).toThrow(
      RangeError,
    );
    expect(() => bookingWindow(now, policy({ earliestDaysAhead: -1 }))).toThrow(RangeError);
  });
});

describe('slotCount and appointmentDuration', () => {
  it('rounds up to whole slots', () => {
    expect(slotCount(10, 10)).toBe(1);
    expect(slotCount(11, 10)).toBe(2);
    expect(slotCount(25, 10)).toBe(3);
    expect(slotCount(5, 10)).toBe(1);
    expect(slotCount(30, 15)).toBe(2);
    expect(() => slotCount(0, 10)).toThrow(RangeError);
    expect(() => slotCount(10, 0)).toThrow(RangeError);
  });

  it('sums the services: 15 + 10 = 25 minutes = 3 slots', () => {
    expect(appointmentDuration([15, 10])).toBe(25);
    expect(slotCount(appointmentDuration([15, 10]), 10)).toBe(3);
    expect(appointmentDuration([20])).toBe(20);
  });

  it('rejects no services or non-positive durations', () => {
    expect(() => appointmentDuration([])).toThrow(RangeError);
    expect(() => appointmentDuration([15, 0])).toThrow(RangeError);
    expect(() => appointmentDuration([-5])).toThrow(RangeError);
    expect(() => appointmentDuration([Number.NaN])).toThrow(RangeError);
  });
});

describe('appointmentStarts', () => {
  it('offers every free slot for a one-slot appointment, sorted by start', () => {
    const offers = appointmentStarts(states(MONDAY).reverse(), 10, 10, EARLY, defaultPolicy);
    expect(offers).toHaveLength(39);
    expect(times(offers).slice(0, 2)).toEqual(['07:30', '07:40']);
    expect(formatTime(offers[0]!.end)).toBe('07:40');
  });

  it('needs consecutive slots: no appointment across the lunch break', () => {
    const offers = appointmentStarts(states(MONDAY), 20, 10, EARLY, defaultPolicy);
    const starts = times(offers);
    expect(starts).toContain('12:10');
    expect(starts).not.toContain('12:20'); // would need 12:30–12:40, which is the lunch break
    expect(starts).toContain('13:30');
    const lastMorning = offers.find((o) => formatTime(o.start) === '12:10')!;
    expect(formatTime(lastMorning.end)).toBe('12:30');
  });

  it('reserves whole slots and finds the last possible start before closing', () => {
    const offers = appointmentStarts(states(MONDAY), appointmentDuration([15, 10]), 10, EARLY, defaultPolicy);
    const last = offers.at(-1)!;
    expect(formatTime(last.start)).toBe('14:30');
    expect(formatTime(last.end)).toBe('15:00'); // 3 slots, not start + 25 min
    expect(times(offers)).not.toContain('14:40');
    expect(times(offers.filter((o) => o.end <= at(MONDAY, '12:30'))).at(-1)).toBe('12:00');
  });

  it('skips runs containing a full slot and reports the minimum free places', () => {
    const slots = states(MONDAY, 3, { '08:00': 0, '08:20': 1 });
    const offers = appointmentStarts(slots, 20, 10, EARLY, defaultPolicy);
    const byStart = new Map(offers.map((o) => [formatTime(o.start), o.free]));
    expect(byStart.get('07:40')).toBe(3);
    expect(byStart.has('07:50')).toBe(false); // 07:50 + 08:00 (full)
    expect(byStart.has('08:00')).toBe(false);
    expect(byStart.get('08:10')).toBe(1); // 08:10 + 08:20 (1 free)
    expect(byStart.get('08:20')).toBe(1);
    expect(byStart.get('08:30')).toBe(3);
  });

  it('applies the minimum lead time on the same day', () => {
    const slots = states(MONDAY);
    expect(times(appointmentStarts(slots, 10, 10, at(MONDAY, '09:05'), defaultPolicy))[0]).toBe('10:10');
    expect(times(appointmentStarts(slots, 10, 10, at(MONDAY, '09:00'), defaultPolicy))[0]).toBe('10:00');
    expect(
      times(appointmentStarts(slots, 10, 10, at(MONDAY, '09:05'), policy({ minLeadMinutes: 0 })))[0],
    ).toBe('09:10');
    // After the last start minus the lead time, nothing is left that day.
    expect(appointmentStarts(slots, 10, 10, at(MONDAY, '14:00'), defaultPolicy)).toEqual([]);
  });

  it('handles the DST days on real instants', () => {
    const slots = slotsForDay(dayPlan(schedule, '2027-03-28'), 1, defaultPolicy).map((s) => ({
      start: s.start,
      end: s.end,
      free: 1,
    }));
    const offers = appointmentStarts(slots, 30, 10, at('2027-03-27', '12:00'), defaultPolicy);
    // 01:40 + 01:50 + 03:00 are consecutive in real time (the wall-clock hour 02:xx does not exist).
    const across = offers.find((o) => toIsoWithOffset(o.start) === '2027-03-28T01:40:00+01:00')!;
    expect(toIsoWithOffset(across.end)).toBe('2027-03-28T03:10:00+02:00');
    expect(offers).toHaveLength(16);
  });

  it('offers nothing when there are fewer slots than needed', () => {
    expect(appointmentStarts(states(MONDAY).slice(0, 2), 30, 10, EARLY, defaultPolicy)).toEqual([]);
    expect(appointmentStarts([], 10, 10, EARLY, defaultPolicy)).toEqual([]);
  });
});

describe('slotsNeeded', () => {
  it('lists the slot starts an appointment occupies', () => {
    const start = at(MONDAY, '09:00');
    expect(slotsNeeded(start, 25, 10).map(formatTime)).toEqual(['09:00', '09:10', '09:20']);
    expect(slotsNeeded(start, 10, 10).map(formatTime)).toEqual(['09:00']);
    expect(slotsNeeded(start, 30, 15).map(formatTime)).toEqual(['09:00', '09:15']);
  });

  it('steps in real time across the DST switch', () => {
    const needed = slotsNeeded(at('2027-03-28', '01:50'), 20, 10).map(toIsoWithOffset);
    expect(needed).toEqual(['2027-03-28T01:50:00+01:00', '2027-03-28T03:00:00+02:00']);
  });

  it('matches the offers of appointmentStarts', () => {
    const slots = states(MONDAY);
    const [offer] = appointmentStarts(slots, 25, 10, EARLY, defaultPolicy);
    const needed = slotsNeeded(offer!.start, 25, 10);
    expect(needed.map(formatTime)).toEqual(['07:30', '07:40', '07:50']);
    expect(needed.at(-1)!.getTime() + 10 * 60_000).toBe(offer!.end.getTime());
  });
});

describe('daysWithOffers', () => {
  it('lists the Berlin dates having offers, sorted and unique', () => {
    const offers = [
      ...appointmentStarts(states('2027-03-02'), 10, 10, EARLY, defaultPolicy),
      ...appointmentStarts(states(MONDAY), 10, 10, EARLY, defaultPolicy),
    ];
    expect(daysWithOffers(offers)).toEqual([MONDAY, '2027-03-02']);
    expect(daysWithOffers([])).toEqual([]);
  });

  it('uses the Berlin date of the start, not UTC', () => {
    // 00:30 Berlin on 2 March is still 1 March in UTC.
    const start = at('2027-03-02', '00:30');
    expect(daysWithOffers([{ start, end: new Date(start.getTime() + 600_000), free: 1 }])).toEqual([
      '2027-03-02',
    ]);
  });
});

describe('monthGrid', () => {
  it('fills February 2027 (starting on a Monday) with exactly four weeks', () => {
    const grid = monthGrid(2027, 2);
    expect(grid).toHaveLength(4);
    expect(grid[0]).toEqual([
      '2027-02-01',
      '2027-02-02',
      '2027-02-03',
      '2027-02-04',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
    ]);
    expect(grid[3]![6]).toBe('2027-02-28');
    expect(grid.flat().filter((d) => d !== null)).toHaveLength(28);
  });

  it('pads a month starting on a Sunday (August 2027) to six weeks', () => {
    const grid = monthGrid(2027, 8);
    expect(grid).toHaveLength(6);
    expect(grid[0]).toEqual([null, null, null, null, null, null, '2027-08-01']);
    expect(grid[1]![0]).toBe('2027-08-02');
    expect(grid[5]).toEqual(['2027-08-30', '2027-08-31', null, null, null, null, null]);
    expect(grid.every((week) => week.length === 7)).toBe(true);
  });

  it('knows leap years and DST months', () => {
    expect(monthGrid(2028, 2).flat().filter(Boolean).at(-1)).toBe('2028-02-29');
    expect(monthGrid(2027, 3).flat().filter(Boolean)).toHaveLength(31);
    expect(monthGrid(2027, 10).flat().filter(Boolean)).toHaveLength(31);
  });

  it('rejects an invalid month', () => {
    expect(() => monthGrid(2027, 0)).toThrow(RangeError);
    expect(() => monthGrid(2027, 13)).toThrow(RangeError);
    expect(() => monthGrid(2027.5, 1)).toThrow(RangeError);
  });
});

describe('clockValidUntil', () => {
  const policy = { releaseTime: '08:00', minLeadMinutes: 60 };
  const at = (iso: string) => new Date(iso);

  it('ends at the next Berlin midnight when nothing else comes first', () => {
    expect(clockValidUntil(at('2026-12-03T20:00:00Z'), policy, undefined, [])).toEqual(
      at('2026-12-03T23:00:00Z'),
    );
    // The spring DST day: midnight after 29 March 2026 is 22:00 UTC.
    expect(clockValidUntil(at('2026-03-29T12:00:00Z'), policy, undefined, [])).toEqual(
      at('2026-03-29T22:00:00Z'),
    );
  });

  it("ends at today's release time while it is still ahead", () => {
    expect(clockValidUntil(at('2026-12-03T05:00:00Z'), policy, undefined, [])).toEqual(
      at('2026-12-03T07:00:00Z'),
    );
  });

  it('ends when the first offered start falls inside the lead time', () => {
    expect(clockValidUntil(at('2026-12-03T08:00:00Z'), policy, at('2026-12-03T09:30:00Z'), [])).toEqual(
      at('2026-12-03T08:30:00Z'),
    );
  });

  it('ends when a running freeze ends, and ignores freezes already over', () => {
    expect(
      clockValidUntil(at('2026-12-03T08:00:00Z'), policy, undefined, [
        at('2026-12-03T07:00:00Z'),
        at('2026-12-03T08:20:00Z'),
      ]),
    ).toEqual(at('2026-12-03T08:20:00Z'));
  });

  it('is never before now', () => {
    const now = at('2026-12-03T09:00:00Z');
    expect(clockValidUntil(now, policy, at('2026-12-03T09:30:00Z'), [])).toEqual(now);
  });
});
