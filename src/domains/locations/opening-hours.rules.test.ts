import { describe, expect, it } from 'vitest';
import { toIsoWithOffset } from '../../platform/time/berlin-time.js';
import {
  dayPlan,
  holidaysOf,
  openingStatus,
  type Schedule,
  type ScheduleException,
  upcomingDays,
  validateIntervals,
  validateWeekly,
  type WeeklyEntry,
} from './opening-hours.rules.js';

const weekdays = [1, 2, 3, 4, 5] as const;

/** Mon–Fri 08:00–12:00 and 14:00–18:00, NRW. */
function office(overrides: Partial<Schedule> = {}): Schedule {
  return {
    weekly: weekdays.flatMap((weekday) => [
      { weekday, opens: '08:00', closes: '12:00' },
      { weekday, opens: '14:00', closes: '18:00' },
    ]),
    exceptions: [],
    closedOnDec24: false,
    closedOnDec31: false,
    ...overrides,
  };
}

/** Open only on Sundays, across the DST switch hour. */
const sundayNights: Schedule = {
  weekly: [{ weekday: 7, opens: '01:00', closes: '04:00' }],
  exceptions: [],
  closedOnDec24: false,
  closedOnDec31: false,
};

const hours = (plan: ReturnType<typeof dayPlan>) => plan.intervals.map((i) => `${i.opens}-${i.closes}`);
const iso = (d: Date | null) => (d ? toIsoWithOffset(d) : null);
const realHours = (plan: ReturnType<typeof dayPlan>) =>
  plan.intervals.reduce((sum, i) => sum + (i.end.getTime() - i.start.getTime()), 0) / 3_600_000;

describe('holidaysOf', () => {
  it('lists NRW holidays with German and English names', () => {
    const byDate = new Map(holidaysOf(2027).map((h) => [h.date, h.name]));
    expect(byDate.get('2027-03-26')).toEqual({ de: 'Karfreitag', en: 'Good Friday' });
    expect(byDate.get('2027-03-29')).toEqual({ de: 'Ostermontag', en: 'Easter Monday' });
    expect(byDate.get('2027-05-27')?.de).toBe('Fronleichnam');
    expect(byDate.get('2027-10-03')?.de).toBe('Tag der Deutschen Einheit');
    expect(byDate.get('2027-11-01')).toEqual({ de: 'Allerheiligen', en: "All Saints' Day" });
    expect(byDate.has('2027-12-24')).toBe(false);
    expect(byDate.has('2027-10-31')).toBe(false); // Reformationstag is not a holiday in NRW
  });

  it('depends on the state', () => {
    const berlin = holidaysOf(2027, 'BE').map((h) => h.date);
    expect(berlin).toContain('2027-03-08');
    expect(berlin).not.toContain('2027-05-27');
    expect(() => holidaysOf(2027, 'XX')).toThrow();
  });
});

describe('dayPlan', () => {
  it('uses the weekly hours on an ordinary day', () => {
    const plan = dayPlan(office(), '2027-03-30');
    expect(hours(plan)).toEqual(['08:00-12:00', '14:00-18:00']);
    expect(plan.closed).toBeNull();
    expect(plan.special).toBeNull();
    expect(iso(plan.intervals[0]!.start)).toBe('2027-03-30T08:00:00+02:00');
    expect(iso(plan.intervals[1]!.end)).toBe('2027-03-30T18:00:00+02:00');
  });

  it('is closed on weekdays without hours', () => {
    expect(dayPlan(office(), '2027-03-27')).toEqual({
      date: '2027-03-27',
      intervals: [],
      closed: { kind: 'weekly' },
      special: null,
    });
  });

  it.each([
    ['2027-03-26', 'Karfreitag'],
    ['2027-03-29', 'Ostermontag'],
    ['2027-05-27', 'Fronleichnam'],
    ['2027-11-01', 'Allerheiligen'],
  ])('is closed on the NRW holiday %s (%s)', (date, name) => {
    const plan = dayPlan(office(), date);
    expect(plan.intervals).toEqual([]);
    expect(plan.closed).toMatchObject({ kind: 'holiday', name: { de: name } });
  });

  it('names the holiday even when the weekday has no hours anyway', () => {
    // 2027-10-03 is a Sunday.
    expect(dayPlan(office(), '2027-10-03').closed).toEqual({
      kind: 'holiday',
      name: { de: 'Tag der Deutschen Einheit', en: 'German Unity Day' },
    });
  });

  it('uses the configured state', () => {
    expect(dayPlan(office({ state: 'BE' }), '2027-05-27').closed).toBeNull();
    expect(dayPlan(office({ state: 'BE' }), '2027-03-08').closed).toMatchObject({ kind: 'holiday' });
  });

  it('closes on 24.12. and 31.12. only when configured', () => {
    // Both are Fridays in 2027.
    expect(hours(dayPlan(office(), '2027-12-24'))).toEqual(['08:00-12:00', '14:00-18:00']);
    expect(hours(dayPlan(office(), '2027-12-31'))).toEqual(['08:00-12:00', '14:00-18:00']);
    const flagged = office({ closedOnDec24: true, closedOnDec31: true });
    expect(dayPlan(flagged, '2027-12-24').closed).toEqual({ kind: 'dec24' });
    expect(dayPlan(flagged, '2027-12-31').closed).toEqual({ kind: 'dec31' });
    expect(dayPlan(office({ closedOnDec24: true }), '2027-12-31').closed).toBeNull();
  });

  it('applies a closed exception over a date range', () => {
    const reason = { de: 'Umzug', en: 'Moving' };
    const schedule = office({
      exceptions: [{ from: '2027-06-07', to: '2027-06-09', kind: 'closed', intervals: [], reason }],
    });
    expect(dayPlan(schedule, '2027-06-04').closed).toBeNull();
    for (const date of ['2027-06-07', '2027-06-08', '2027-06-09']) {
      expect(dayPlan(schedule, date)).toEqual({
        date,
        intervals: [],
        closed: { kind: 'exception', reason },
        special: null,
      });
    }
    expect(dayPlan(schedule, '2027-06-10').closed).toBeNull();
  });

  it('applies special hours replacing the weekly ones', () => {
    const reason = { de: 'Personalversammlung' };
    const schedule = office({
      exceptions: [
        {
          from: '2027-06-08',
          to: '2027-06-08',
          kind: 'hours',
          intervals: [{ opens: '10:00', closes: '13:00' }],
          reason,
        },
      ],
    });
    const plan = dayPlan(schedule, '2027-06-08');
    expect(hours(plan)).toEqual(['10:00-13:00']);
    expect(plan.closed).toBeNull();
    expect(plan.special).toEqual(reason);
  });

  it('treats special hours without intervals as closed for that reason', () => {
    const reason = { de: 'Sonderregelung' };
    const plan = dayPlan(
      office({
        exceptions: [{ from: '2027-06-08', to: '2027-06-08', kind: 'hours', intervals: [], reason }],
      }),
      '2027-06-08',
    );
    expect(plan.closed).toEqual({ kind: 'exception', reason });
    expect(plan.special).toEqual(reason);
  });

  it('lets the last matching exception win', () => {
    const closed: ScheduleException = {
      from: '2027-06-01',
      to: '2027-06-30',
      kind: 'closed',
      intervals: [],
      reason: { de: 'Renovierung' },
    };
    const open: ScheduleException = {
      from: '2027-06-15',
      to: '2027-06-15',
      kind: 'hours',
      intervals: [{ opens: '09:00', closes: '12:00' }],
      reason: { de: 'Notbetrieb' },
    };
    expect(hours(dayPlan(office({ exceptions: [closed, open] }), '2027-06-15'))).toEqual(['09:00-12:00']);
    expect(dayPlan(office({ exceptions: [open, closed] }), '2027-06-15').closed).toMatchObject({
      kind: 'exception',
      reason: { de: 'Renovierung' },
    });
    expect(hours(dayPlan(office({ exceptions: [closed, open] }), '2027-06-16'))).toEqual([]);
  });

  it('opens a holiday with a special-hours exception, and an exception beats the 24.12. flag', () => {
    const reason = { de: 'Wahl', en: 'Election' };
    const schedule = office({
      closedOnDec24: true,
      exceptions: [
        {
          from: '2027-11-01',
          to: '2027-11-01',
          kind: 'hours',
          intervals: [{ opens: '08:00', closes: '18:00' }],
          reason,
        },
        {
          from: '2027-12-24',
          to: '2027-12-24',
          kind: 'hours',
          intervals: [{ opens: '08:00', closes: '11:00' }],
          reason,
        },
      ],
    });
    expect(hours(dayPlan(schedule, '2027-11-01'))).toEqual(['08:00-18:00']);
    expect(dayPlan(schedule, '2027-11-01').special).toEqual(reason);
    expect(hours(dayPlan(schedule, '2027-12-24'))).toEqual(['08:00-11:00']);
  });

  it('sorts and merges overlapping or touching intervals', () => {
    const weekly: WeeklyEntry[] = [
      { weekday: 1, opens: '14:00', closes: '16:00' },
      { weekday: 1, opens: '08:00', closes: '10:00' },
      { weekday: 1, opens: '09:30', closes: '12:00' },
      { weekday: 1, opens: '16:00', closes: '17:00' },
      { weekday: 1, opens: '10:00', closes: '11:00' },
      { weekday: 1, opens: '18:00', closes: '17:00' }, // malformed, ignored
    ];
    expect(hours(dayPlan(office({ weekly }), '2027-06-07'))).toEqual(['08:00-12:00', '14:00-17:00']);
  });

  it('converts intervals on the spring DST day: 01:00–04:00 lasts 2 real hours', () => {
    const plan = dayPlan(sundayNights, '2027-03-28');
    expect(iso(plan.intervals[0]!.start)).toBe('2027-03-28T01:00:00+01:00');
    expect(iso(plan.intervals[0]!.end)).toBe('2027-03-28T04:00:00+02:00');
    expect(realHours(plan)).toBe(2);
  });

  it('converts intervals on the autumn DST day: 01:00–04:00 lasts 4 real hours', () => {
    const plan = dayPlan(sundayNights, '2027-10-31');
    expect(iso(plan.intervals[0]!.start)).toBe('2027-10-31T01:00:00+02:00');
    expect(iso(plan.intervals[0]!.end)).toBe('2027-10-31T04:00:00+01:00');
    expect(realHours(plan)).toBe(4);
  });

  it('counts only the real part of an interval touching the spring gap', () => {
    const plan = (opens: string, closes: string) =>
      dayPlan({ ...sundayNights, weekly: [{ weekday: 7, opens, closes }] }, '2027-03-28');
    expect(realHours(plan('01:00', '02:30'))).toBe(1);
    expect(iso(plan('02:30', '03:15').intervals[0]!.start)).toBe('2027-03-28T03:00:00+02:00');
    expect(realHours(plan('02:30', '03:15'))).toBe(0.25);
    expect(plan('02:00', '02:45').closed).toEqual({ kind: 'weekly' });
  });

  it('rejects a malformed date', () => {
    expect(() => dayPlan(office(), '2027-13-01')).toThrow(RangeError);
  });
});

describe('upcomingDays', () => {
  it('plans consecutive days', () => {
    const plans = upcomingDays(office(), '2027-03-26', 5);
    expect(plans.map((p) => p.date)).toEqual([
      '2027-03-26',
      '2027-03-27',
      '2027-03-28',
      '2027-03-29',
      '2027-03-30',
    ]);
    expect(plans.map((p) => p.closed?.kind ?? 'open')).toEqual([
      'holiday',
      'weekly',
      'weekly',
      'holiday',
      'open',
    ]);
    expect(upcomingDays(office(), '2027-03-26', 0)).toEqual([]);
  });
});

describe('openingStatus', () => {
  const at = (s: string) => new Date(s);

  it('is open inside an interval and reports the closing instant', () => {
    expect(openingStatus(office(), at('2027-06-08T10:00:00+02:00'))).toEqual({
      open: true,
      closesAt: at('2027-06-08T12:00:00+02:00'),
    });
  });

  it('is open at exactly the opening time and closed at exactly the closing time', () => {
    expect(openingStatus(office(), at('2027-06-08T08:00:00+02:00'))).toMatchObject({ open: true });
    expect(openingStatus(office(), at('2027-06-08T18:00:00+02:00'))).toEqual({
      open: false,
      opensAt: at('2027-06-09T08:00:00+02:00'),
    });
    expect(openingStatus(office(), at('2027-06-08T17:59:59.999+02:00'))).toMatchObject({ open: true });
  });

  it('reports the afternoon opening during the lunch break', () => {
    expect(openingStatus(office(), at('2027-06-08T13:00:00+02:00'))).toEqual({
      open: false,
      opensAt: at('2027-06-08T14:00:00+02:00'),
    });
    expect(openingStatus(office(), at('2027-06-08T12:00:00+02:00'))).toMatchObject({ open: false });
  });

  it('reports the same-day opening before opening time', () => {
    const status = openingStatus(office(), at('2027-06-08T06:30:00+02:00'));
    expect(status).toEqual({ open: false, opensAt: at('2027-06-08T08:00:00+02:00') });
  });

  it('skips the Easter weekend across the spring DST change (Ostermontag 2027-03-29 is a holiday)', () => {
    const status = openingStatus(office(), at('2027-03-27T20:00:00+01:00'));
    expect(status.open).toBe(false);
    if (!status.open) {
      expect(iso(status.opensAt)).toBe('2027-03-30T08:00:00+02:00');
      expect(status.opensAt?.toISOString()).toBe('2027-03-30T06:00:00.000Z');
    }
  });

  it('finds Monday 08:00 in summer time when Monday is open (spring DST change)', () => {
    const schedule = office({
      exceptions: [
        {
          from: '2027-03-29',
          to: '2027-03-29',
          kind: 'hours',
          intervals: [{ opens: '08:00', closes: '12:00' }],
          reason: { de: 'Sondersprechstunde' },
        },
      ],
    });
    const status = openingStatus(schedule, at('2027-03-27T20:00:00+01:00'));
    expect(status).toEqual({ open: false, opensAt: at('2027-03-29T06:00:00Z') });
    if (!status.open) expect(iso(status.opensAt)).toBe('2027-03-29T08:00:00+02:00');
  });

  it('skips Allerheiligen across the autumn DST change', () => {
    const status = openingStatus(office(), at('2027-10-30T20:00:00+02:00'));
    expect(status.open).toBe(false);
    if (!status.open) expect(iso(status.opensAt)).toBe('2027-11-02T08:00:00+01:00');
  });

  it('is open during the DST switch night for a Sunday-night schedule', () => {
    // 01:30 CET, shortly before the clocks jump; closes at 04:00 CEST = 02:00Z.
    expect(openingStatus(sundayNights, at('2027-03-28T00:30:00Z'))).toEqual({
      open: true,
      closesAt: at('2027-03-28T02:00:00Z'),
    });
    // Second pass through 02:30 in autumn (CET) is still inside 01:00–04:00.
    expect(openingStatus(sundayNights, at('2027-10-31T02:30:00+01:00'))).toEqual({
      open: true,
      closesAt: at('2027-10-31T03:00:00Z'),
    });
  });

  it('returns null when nothing opens within 60 days', () => {
    const closedForever = office({
      exceptions: [
        { from: '2027-01-01', to: '2027-12-31', kind: 'closed', intervals: [], reason: { de: 'Zu' } },
      ],
    });
    expect(openingStatus(closedForever, at('2027-06-08T10:00:00+02:00'))).toEqual({
      open: false,
      opensAt: null,
    });
    expect(openingStatus(office({ weekly: [] }), at('2027-06-08T10:00:00+02:00'))).toEqual({
      open: false,
      opensAt: null,
    });
  });

  it('looks exactly 60 days ahead', () => {
    const closedUntil = (to: string) =>
      office({
        exceptions: [{ from: '2027-01-01', to, kind: 'closed', intervals: [], reason: { de: 'Zu' } }],
      });
    // 2027-08-07 (Sat) is today + 60 days; make it the first open day with an exception.
    const lastDay = (to: string) => {
      const s = closedUntil(to);
      s.exceptions.push({
        from: '2027-08-07',
        to: '2027-08-07',
        kind: 'hours',
        intervals: [{ opens: '09:00', closes: '10:00' }],
        reason: { de: 'Aktion' },
      });
      return s;
    };
    expect(openingStatus(lastDay('2027-08-06'), at('2027-06-08T10:00:00+02:00'))).toEqual({
      open: false,
      opensAt: at('2027-08-07T09:00:00+02:00'),
    });
    expect(openingStatus(closedUntil('2027-08-08'), at('2027-06-08T10:00:00+02:00'))).toEqual({
      open: false,
      opensAt: null,
    });
  });
});

describe('validateWeekly', () => {
  it('accepts a valid week, including touching intervals', () => {
    expect(validateWeekly(office().weekly)).toEqual([]);
    expect(
      validateWeekly([
        { weekday: 1, opens: '08:00', closes: '12:00' },
        { weekday: 1, opens: '12:00', closes: '14:00' },
        { weekday: 2, opens: '09:00', closes: '13:00' },
      ]),
    ).toEqual([]);
  });

  it('flags bad formats', () => {
    expect(
      validateWeekly([
        { weekday: 1, opens: '8:00', closes: '12:00' },
        { weekday: 1, opens: '13:00', closes: '24:00' },
        { weekday: 8 as never, opens: '08:00', closes: '12:00' },
        { weekday: 2, opens: '08:00', closes: '12:61' },
      ]),
    ).toEqual([
      { index: 0, problem: 'format' },
      { index: 1, problem: 'format' },
      { index: 2, problem: 'format' },
      { index: 3, problem: 'format' },
    ]);
  });

  it('flags opens >= closes', () => {
    expect(
      validateWeekly([
        { weekday: 3, opens: '12:00', closes: '08:00' },
        { weekday: 3, opens: '12:00', closes: '12:00' },
      ]),
    ).toEqual([
      { index: 0, problem: 'order' },
      { index: 1, problem: 'order' },
    ]);
  });

  it('flags every entry in an overlap on the same weekday only', () => {
    expect(
      validateWeekly([
        { weekday: 1, opens: '08:00', closes: '12:00' },
        { weekday: 2, opens: '11:00', closes: '13:00' },
        { weekday: 1, opens: '11:59', closes: '13:00' },
        { weekday: 1, opens: '14:00', closes: '18:00' },
        { weekday: 1, opens: '09:00', closes: '10:00' },
      ]),
    ).toEqual([
      { index: 0, problem: 'overlap' },
      { index: 2, problem: 'overlap' },
      { index: 4, problem: 'overlap' },
    ]);
  });

  it('ignores malformed entries when looking for overlaps', () => {
    expect(
      validateWeekly([
        { weekday: 1, opens: '08:00', closes: '12:00' },
        { weekday: 1, opens: '13:00', closes: '09:00' },
      ]),
    ).toEqual([{ index: 1, problem: 'order' }]);
  });

  it('validates one day of exception intervals the same way', () => {
    expect(
      validateIntervals([
        { opens: '08:00', closes: '12:00' },
        { opens: '10:00', closes: '11:00' },
        { opens: 'x', closes: '11:00' },
      ]),
    ).toEqual([
      { index: 0, problem: 'overlap' },
      { index: 1, problem: 'overlap' },
      { index: 2, problem: 'format' },
    ]);
  });
});
