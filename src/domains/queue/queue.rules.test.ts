import { describe, expect, it } from 'vitest';
import { berlinInstant, formatTime } from '../../platform/time/berlin-time.js';
import {
  type CheckInDecision,
  type CounterSkills,
  canServe,
  canTransition,
  checkInDecision,
  defaultQueueSettings,
  type EstimateInput,
  estimateWaits,
  formatTicketNumber,
  nextFor,
  type QueueSettings,
  type QueueTicket,
  queueOrder,
  recallDecision,
  type TicketStatus,
  walkInDecision,
} from './queue.rules.js';

// 2026-03-02 is a Monday.
const DAY = '2026-03-02';
const at = (time: string, date = DAY) => berlinInstant(date, time);
const settings = (overrides: Partial<QueueSettings> = {}): QueueSettings => ({
  ...defaultQueueSettings,
  ...overrides,
});
const addMinutes = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000);
const addSeconds = (instant: Date, seconds: number) => new Date(instant.getTime() + seconds * 1000);

function walkIn(id: string, arrived: string, overrides: Partial<QueueTicket> = {}): QueueTicket {
  return {
    id,
    kind: 'walk_in',
    status: 'waiting',
    serviceIds: ['anmeldung'],
    arrivedAt: at(arrived),
    priority: false,
    callCount: 0,
    ...overrides,
  };
}

function appointment(
  id: string,
  start: string,
  arrived: string,
  overrides: Partial<QueueTicket> = {},
): QueueTicket {
  return walkIn(id, arrived, { kind: 'appointment', appointmentAt: at(start), ...overrides });
}

const ids = (tickets: Array<{ id: string }>) => tickets.map((t) => t.id);

describe('defaultQueueSettings', () => {
  it('has the documented defaults', () => {
    expect(defaultQueueSettings).toEqual({
      prefixes: { appointment: 'T', walk_in: 'W' },
      walkInStopMinutesBeforeClose: 30,
      checkInEarliestMinutes: 60,
      lateToleranceMinutes: 15,
      lateRule: 'walk_in',
      maxCalls: 3,
      recallAfterSeconds: 60,
    });
  });
});

describe('formatTicketNumber', () => {
  it('writes the prefix, a space and at least three digits', () => {
    expect(formatTicketNumber('T', 7)).toBe('T 007');
    expect(formatTicketNumber('W', 42)).toBe('W 042');
    expect(formatTicketNumber('W', 123)).toBe('W 123');
    expect(formatTicketNumber('T', 0)).toBe('T 000');
  });

  it('keeps all digits of larger numbers', () => {
    expect(formatTicketNumber('T', 1234)).toBe('T 1234');
    expect(formatTicketNumber('W', 100_000)).toBe('W 100000');
  });

  it('uses the prefixes of the settings as given', () => {
    const { prefixes } = defaultQueueSettings;
    expect(formatTicketNumber(prefixes.appointment, 5)).toBe('T 005');
    expect(formatTicketNumber(prefixes.walk_in, 5)).toBe('W 005');
    expect(formatTicketNumber('KFZ', 9)).toBe('KFZ 009');
  });

  it('rejects numbers that are not whole and non-negative', () => {
    expect(() => formatTicketNumber('T', -1)).toThrow(RangeError);
    expect(() => formatTicketNumber('T', 1.5)).toThrow(RangeError);
    expect(() => formatTicketNumber('T', Number.NaN)).toThrow(RangeError);
    expect(() => formatTicketNumber('T', Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('walkInDecision', () => {
  const closesAt = at('15:00');
  const decide = (overrides: Partial<Parameters<typeof walkInDecision>[0]> = {}) =>
    walkInDecision({
      now: at('10:00'),
      allowsWalkIn: true,
      closesAt,
      issuedToday: 0,
      quota: undefined,
      settings: defaultQueueSettings,
      ...overrides,
    });

  it('gives a ticket during opening hours', () => {
    expect(decide()).toEqual({ ok: true });
    expect(decide({ quota: 20, issuedToday: 19 })).toEqual({ ok: true });
  });

  it('refuses a service that is by appointment only, whatever else holds', () => {
    expect(decide({ allowsWalkIn: false })).toEqual({ ok: false, reason: 'not_walk_in' });
    expect(decide({ allowsWalkIn: false, closesAt: undefined })).toEqual({
      ok: false,
      reason: 'not_walk_in',
    });
  });

  it('refuses when the office is closed', () => {
    expect(decide({ closesAt: undefined })).toEqual({ ok: false, reason: 'closed' });
    expect(decide({ now: at('15:00') })).toEqual({ ok: false, reason: 'closed' });
    expect(decide({ now: at('18:00') })).toEqual({ ok: false, reason: 'closed' });
  });

  it('stops walk-in tickets 30 minutes before closing', () => {
    expect(decide({ now: at('14:29') })).toEqual({ ok: true });
    expect(decide({ now: addSeconds(at('14:30'), -1) })).toEqual({ ok: true });
    expect(decide({ now: at('14:30') })).toEqual({ ok: false, reason: 'too_late' });
    expect(decide({ now: at('14:59') })).toEqual({ ok: false, reason: 'too_late' });
  });

  it('honours another cut-off', () => {
    expect(decide({ now: at('14:20'), settings: settings({ walkInStopMinutesBeforeClose: 45 }) })).toEqual({
      ok: false,
      reason: 'too_late',
    });
    expect(decide({ now: at('14:59'), settings: settings({ walkInStopMinutesBeforeClose: 0 }) })).toEqual({
      ok: true,
    });
  });

  it('refuses when the daily quota of the service is used up', () => {
    expect(decide({ quota: 20, issuedToday: 20 })).toEqual({ ok: false, reason: 'quota_exhausted' });
    expect(decide({ quota: 20, issuedToday: 25 })).toEqual({ ok: false, reason: 'quota_exhausted' });
    expect(decide({ quota: 0, issuedToday: 0 })).toEqual({ ok: false, reason: 'quota_exhausted' });
  });

  it('has no limit without a quota', () => {
    expect(decide({ quota: undefined, issuedToday: 10_000 })).toEqual({ ok: true });
  });

  it('names the cut-off before the quota', () => {
    expect(decide({ now: at('14:45'), quota: 5, issuedToday: 5 })).toEqual({ ok: false, reason: 'too_late' });
  });
});

describe('checkInDecision', () => {
  const checkIn = (now: Date, appointmentAt: Date, overrides: Partial<QueueSettings> = {}): CheckInDecision =>
    checkInDecision({ now, appointmentAt, settings: settings(overrides) });
  const start = at('10:00');

  it('checks in early with the minutes until the start', () => {
    expect(checkIn(at('09:30'), start)).toEqual({ ok: true, kind: 'appointment', early: 30 });
    expect(checkIn(at('09:59'), start)).toEqual({ ok: true, kind: 'appointment', early: 1 });
    // Part of a minute counts as a minute, so `early` is never 0.
    expect(checkIn(addSeconds(start, -20), start)).toEqual({ ok: true, kind: 'appointment', early: 1 });
    expect(checkIn(addSeconds(at('09:30'), -30), start)).toEqual({
      ok: true,
      kind: 'appointment',
      early: 31,
    });
  });

  it('allows check-in exactly at the earliest moment, not a second before', () => {
    expect(checkIn(at('09:00'), start)).toEqual({ ok: true, kind: 'appointment', early: 60 });
    expect(checkIn(addSeconds(at('09:00'), -1), start)).toEqual({ ok: false, reason: 'too_early' });
    expect(checkIn(at('07:30'), start)).toEqual({ ok: false, reason: 'too_early' });
    expect(checkIn(at('09:30'), start, { checkInEarliestMinutes: 15 })).toEqual({
      ok: false,
      reason: 'too_early',
    });
  });

  it('checks in on time without `early`', () => {
    expect(checkIn(start, start)).toEqual({ ok: true, kind: 'appointment' });
  });

  it('keeps the appointment within the late tolerance', () => {
    expect(checkIn(at('10:01'), start)).toEqual({ ok: true, kind: 'appointment' });
    expect(checkIn(at('10:15'), start)).toEqual({ ok: true, kind: 'appointment' });
    expect(checkIn(at('10:15'), start, { lateRule: 'refuse' })).toEqual({ ok: true, kind: 'appointment' });
  });

  it('queues a late arrival beyond the tolerance as a walk-in (rule walk_in)', () => {
    expect(checkIn(addSeconds(at('10:15'), 1), start)).toEqual({
      ok: true,
      kind: 'walk_in',
      lateMinutes: 15,
    });
    expect(checkIn(at('10:16'), start)).toEqual({ ok: true, kind: 'walk_in', lateMinutes: 16 });
    expect(checkIn(at('11:40'), start)).toEqual({ ok: true, kind: 'walk_in', lateMinutes: 100 });
    expect(checkIn(at('10:06'), start, { lateToleranceMinutes: 5 })).toEqual({
      ok: true,
      kind: 'walk_in',
      lateMinutes: 6,
    });
  });

  it('refuses a late arrival beyond the tolerance (rule refuse)', () => {
    expect(checkIn(at('10:16'), start, { lateRule: 'refuse' })).toEqual({ ok: false, reason: 'too_late' });
    expect(checkIn(at('14:00'), start, { lateRule: 'refuse' })).toEqual({ ok: false, reason: 'too_late' });
  });

  it('refuses an appointment on another day', () => {
    expect(checkIn(at('10:00', '2026-03-03'), start)).toEqual({ ok: false, reason: 'not_today' });
    expect(checkIn(at('09:50', '2026-03-01'), start)).toEqual({ ok: false, reason: 'not_today' });
    // Yesterday's appointment, whatever the late rule.
    expect(checkIn(at('08:00', '2026-03-03'), at('14:00'), { lateRule: 'walk_in' })).toEqual({
      ok: false,
      reason: 'not_today',
    });
  });

  it('compares Berlin dates, not UTC dates', () => {
    // 23:50 Berlin on 28 March (22:50 UTC) vs 00:20 Berlin on 29 March (23:20 UTC, same UTC date).
    expect(checkIn(at('23:50', '2026-03-28'), at('00:20', '2026-03-29'))).toEqual({
      ok: false,
      reason: 'not_today',
    });
    // 00:30 Berlin on 2 March is 23:30 UTC on 1 March: the same Berlin day as a 00:50 appointment.
    expect(checkIn(at('00:30'), at('00:50'))).toEqual({ ok: true, kind: 'appointment', early: 20 });
  });

  describe('on the spring DST day 2026-03-29 (02:00 CET → 03:00 CEST)', () => {
    const SPRING = '2026-03-29';

    it('counts real minutes across the gap when early', () => {
      // 01:55 CET → 03:10 CEST is 15 real minutes (75 on the wall clock).
      expect(checkIn(at('01:55', SPRING), at('03:10', SPRING))).toEqual({
        ok: true,
        kind: 'appointment',
        early: 15,
      });
      expect(checkIn(at('01:59', SPRING), at('03:00', SPRING))).toEqual({
        ok: true,
        kind: 'appointment',
        early: 1,
      });
      // 59 real minutes: allowed, although the wall clock shows 1 h 59 min.
      expect(checkIn(at('01:31', SPRING), at('03:30', SPRING))).toEqual({
        ok: true,
        kind: 'appointment',
        early: 59,
      });
      expect(checkIn(at('01:29', SPRING), at('03:30', SPRING))).toEqual({ ok: false, reason: 'too_early' });
    });

    it('counts real minutes across the gap when late', () => {
      // 01:50 CET → 03:04 CEST is 14 real minutes late (74 on the wall clock): within the tolerance.
      expect(checkIn(at('03:04', SPRING), at('01:50', SPRING))).toEqual({ ok: true, kind: 'appointment' });
      expect(checkIn(at('03:20', SPRING), at('01:50', SPRING))).toEqual({
        ok: true,
        kind: 'walk_in',
        lateMinutes: 30,
      });
      expect(checkIn(at('03:20', SPRING), at('01:50', SPRING), { lateRule: 'refuse' })).toEqual({
        ok: false,
        reason: 'too_late',
      });
    });

    it('checks in a normal office-hours appointment on that day', () => {
      expect(checkIn(at('09:40', SPRING), at('10:00', SPRING))).toEqual({
        ok: true,
        kind: 'appointment',
        early: 20,
      });
    });
  });

  describe('on the autumn DST day 2026-10-25 (03:00 CEST → 02:00 CET)', () => {
    const AUTUMN = '2026-10-25';
    const cest = (hhmm: string) => new Date(`${AUTUMN}T${hhmm}:00+02:00`);
    const cet = (hhmm: string) => new Date(`${AUTUMN}T${hhmm}:00+01:00`);

    it('resolves a wall time in the repeated hour to the later occurrence', () => {
      expect(at('02:30', AUTUMN).toISOString()).toBe(cet('02:30').toISOString());
    });

    it('counts real minutes in the repeated hour', () => {
      // 02:40 CEST is 50 real minutes before 02:30 CET, although the wall clock says 10 minutes late.
      expect(checkIn(cest('02:40'), at('02:30', AUTUMN))).toEqual({
        ok: true,
        kind: 'appointment',
        early: 50,
      });
      // 02:05 CEST → 03:00 CET is 115 real minutes.
      expect(checkIn(cest('02:05'), at('03:00', AUTUMN))).toEqual({ ok: false, reason: 'too_early' });
      // 02:10 CEST → 02:20 CET is 70 real minutes late (10 on the wall clock).
      expect(checkIn(cet('02:20'), cest('02:10'))).toEqual({ ok: true, kind: 'walk_in', lateMinutes: 70 });
      expect(checkIn(cet('02:20'), cest('02:10'), { lateRule: 'refuse' })).toEqual({
        ok: false,
        reason: 'too_late',
      });
      // 02:50 CEST → 02:05 CET is 15 real minutes late: still within the tolerance.
      expect(checkIn(cet('02:05'), cest('02:50'))).toEqual({ ok: true, kind: 'appointment' });
    });

    it('checks in a normal office-hours appointment on that day', () => {
      expect(checkIn(at('09:45', AUTUMN), at('10:00', AUTUMN))).toEqual({
        ok: true,
        kind: 'appointment',
        early: 15,
      });
      expect(checkIn(at('10:20', AUTUMN), at('10:00', AUTUMN))).toEqual({
        ok: true,
        kind: 'walk_in',
        lateMinutes: 20,
      });
    });
  });
});

describe('queueOrder', () => {
  const now = at('10:00');

  it('calls priority tickets first, by arrival, whatever their kind', () => {
    const tickets = [
      walkIn('w1', '09:00'),
      walkIn('p2', '09:40', { priority: true }),
      appointment('t1', '09:30', '09:20'),
      appointment('p1', '10:30', '09:35', { priority: true }),
    ];
    expect(ids(queueOrder(tickets, now))).toEqual(['p1', 'p2', 't1', 'w1']);
  });

  it('calls due appointments by appointment time before walk-ins', () => {
    const tickets = [
      walkIn('w1', '08:30'),
      appointment('t950', '09:50', '09:30'),
      appointment('t1000', '10:00', '09:10'),
      appointment('t940', '09:40', '09:45'), // late, within the tolerance
    ];
    expect(ids(queueOrder(tickets, now))).toEqual(['t940', 't950', 't1000', 'w1']);
  });

  it('calls walk-ins by arrival, late arrivals queued as walk-ins among them', () => {
    const tickets = [
      walkIn('w3', '09:50'),
      walkIn('w1', '09:10'),
      walkIn('late', '09:40', { serviceIds: ['reisepass'] }), // checked in late: kind walk_in
      walkIn('w2', '09:20'),
    ];
    expect(ids(queueOrder(tickets, now))).toEqual(['w1', 'w2', 'late', 'w3']);
  });

  it('calls appointments not yet due last, by appointment time', () => {
    const tickets = [
      appointment('t1030', '10:30', '09:35'),
      appointment('t1010', '10:10', '09:55'),
      walkIn('w1', '09:58'),
    ];
    expect(ids(queueOrder(tickets, now))).toEqual(['w1', 't1010', 't1030']);
    // Ten minutes later the 10:10 appointment is due and goes ahead of the walk-in.
    expect(ids(queueOrder(tickets, at('10:10')))).toEqual(['t1010', 'w1', 't1030']);
  });

  it('puts everything together in the four groups', () => {
    const tickets = [
      appointment('early', '10:20', '09:40'),
      walkIn('w2', '09:30'),
      appointment('due', '09:50', '09:45'),
      walkIn('prio', '09:55', { priority: true }),
      walkIn('w1', '09:05'),
    ];
    expect(ids(queueOrder(tickets, now))).toEqual(['prio', 'due', 'w1', 'w2', 'early']);
  });

  it('breaks ties by arrival, then by id, independent of the input order', () => {
    const tickets = [
      appointment('tb', '09:50', '09:40'),
      appointment('ta', '09:50', '09:40'),
      appointment('tc', '09:50', '09:30'),
      walkIn('wb', '09:20'),
      walkIn('wa', '09:20'),
      walkIn('pb', '09:00', { priority: true }),
      walkIn('pa', '09:00', { priority: true }),
    ];
    const expected = ['pa', 'pb', 'tc', 'ta', 'tb', 'wa', 'wb'];
    expect(ids(queueOrder(tickets, now))).toEqual(expected);
    expect(ids(queueOrder([...tickets].reverse(), now))).toEqual(expected);
  });

  it('leaves out tickets that are not waiting', () => {
    const others: TicketStatus[] = ['called', 'serving', 'parked', 'done', 'no_show', 'cancelled'];
    const tickets = [
      walkIn('w1', '09:00'),
      ...others.map((status, i) => walkIn(`x-${status}`, `08:0${i}`, { status })),
      walkIn('w2', '09:30'),
    ];
    expect(ids(queueOrder(tickets, now))).toEqual(['w1', 'w2']);
  });

  it('keeps the arrival time of a transferred ticket', () => {
    // Served from 09:20 and sent back to the queue for another counter: still ahead of later arrivals.
    const tickets = [walkIn('w2', '09:30'), walkIn('moved', '09:00', { counterId: 'c2', callCount: 1 })];
    expect(ids(queueOrder(tickets, now))).toEqual(['moved', 'w2']);
  });

  it('does not change its input', () => {
    const tickets = [walkIn('w2', '09:30'), walkIn('w1', '09:00')];
    queueOrder(tickets, now);
    expect(ids(tickets)).toEqual(['w2', 'w1']);
  });

  it('returns nothing for an empty queue', () => {
    expect(queueOrder([], now)).toEqual([]);
  });
});

describe('canServe', () => {
  const all: CounterSkills = { id: 'c1', serviceIds: [] };
  const melde: CounterSkills = { id: 'c2', serviceIds: ['anmeldung', 'meldebescheinigung'] };

  it('lets a counter without a list serve every service', () => {
    expect(canServe(all, walkIn('w', '09:00', { serviceIds: ['reisepass', 'anmeldung'] }))).toBe(true);
  });

  it('needs all of the ticket services among the counter services', () => {
    expect(canServe(melde, walkIn('w', '09:00', { serviceIds: ['anmeldung'] }))).toBe(true);
    expect(canServe(melde, walkIn('w', '09:00', { serviceIds: ['meldebescheinigung', 'anmeldung'] }))).toBe(
      true,
    );
    expect(canServe(melde, walkIn('w', '09:00', { serviceIds: ['anmeldung', 'reisepass'] }))).toBe(false);
    expect(canServe(melde, walkIn('w', '09:00', { serviceIds: ['reisepass'] }))).toBe(false);
  });

  it('lets any counter serve a ticket without services', () => {
    expect(canServe(melde, walkIn('w', '09:00', { serviceIds: [] }))).toBe(true);
  });

  it('serves a transferred ticket only at its counter', () => {
    const moved = walkIn('w', '09:00', { serviceIds: ['anmeldung'], counterId: 'c2' });
    expect(canServe(melde, moved)).toBe(true);
    expect(canServe(all, moved)).toBe(false);
  });

  it('still needs the skills at the counter a ticket was transferred to', () => {
    const moved = walkIn('w', '09:00', { serviceIds: ['reisepass'], counterId: 'c2' });
    expect(canServe(melde, moved)).toBe(false);
  });
});

describe('nextFor', () => {
  const now = at('10:00');
  const pass: CounterSkills = { id: 'c1', serviceIds: ['reisepass'] };
  const melde: CounterSkills = { id: 'c2', serviceIds: ['anmeldung'] };
  const tickets = [
    walkIn('w1', '09:00', { serviceIds: ['reisepass'] }),
    walkIn('w2', '09:10'),
    walkIn('w3', '09:20', { serviceIds: ['reisepass'] }),
  ];

  it('gives the first ticket in the order the counter can serve', () => {
    expect(nextFor(pass, tickets, now)?.id).toBe('w1');
    expect(nextFor(melde, tickets, now)?.id).toBe('w2');
    expect(nextFor({ id: 'c3', serviceIds: [] }, tickets, now)?.id).toBe('w1');
  });

  it('gives nothing when the counter can serve nobody', () => {
    expect(nextFor({ id: 'c4', serviceIds: ['kfz'] }, tickets, now)).toBeUndefined();
    expect(nextFor(melde, [], now)).toBeUndefined();
    expect(nextFor(melde, [walkIn('w', '09:00', { status: 'called' })], now)).toBeUndefined();
  });

  it('takes a ticket transferred to this counter in its place, and others skip it', () => {
    const withMoved = [...tickets, walkIn('moved', '08:30', { counterId: 'c2' })];
    expect(nextFor(melde, withMoved, now)?.id).toBe('moved');
    expect(nextFor({ id: 'c3', serviceIds: [] }, withMoved, now)?.id).toBe('w1');
  });

  it('calls an early appointment only when nobody else waits', () => {
    const early = appointment('t', '10:30', '09:40');
    expect(nextFor(melde, [early, walkIn('w', '09:59')], now)?.id).toBe('w');
    expect(nextFor(melde, [early], now)?.id).toBe('t');
  });
});

describe('recallDecision', () => {
  const calledAt = at('10:00');
  const called = (callCount: number, overrides: Partial<QueueTicket> = {}) =>
    walkIn('w', '09:30', { status: 'called', callCount, lastCalledAt: calledAt, ...overrides });

  it('waits until the recall interval has passed', () => {
    expect(recallDecision(called(1), calledAt, defaultQueueSettings)).toEqual({
      action: 'wait',
      seconds: 60,
    });
    expect(recallDecision(called(1), addSeconds(calledAt, 30), defaultQueueSettings)).toEqual({
      action: 'wait',
      seconds: 30,
    });
    expect(recallDecision(called(1), new Date(calledAt.getTime() + 59_500), defaultQueueSettings)).toEqual({
      action: 'wait',
      seconds: 1,
    });
  });

  it('recalls once the interval has passed', () => {
    expect(recallDecision(called(1), addSeconds(calledAt, 60), defaultQueueSettings)).toEqual({
      action: 'recall',
    });
    expect(recallDecision(called(2), addSeconds(calledAt, 600), defaultQueueSettings)).toEqual({
      action: 'recall',
    });
  });

  it('honours another interval', () => {
    const s = settings({ recallAfterSeconds: 180 });
    expect(recallDecision(called(1), addSeconds(calledAt, 120), s)).toEqual({ action: 'wait', seconds: 60 });
    expect(recallDecision(called(1), addSeconds(calledAt, 180), s)).toEqual({ action: 'recall' });
  });

  it('makes a no-show after maxCalls unanswered calls, once the last call had its time', () => {
    expect(recallDecision(called(3), addSeconds(calledAt, 10), defaultQueueSettings)).toEqual({
      action: 'wait',
      seconds: 50,
    });
    expect(recallDecision(called(3), addSeconds(calledAt, 60), defaultQueueSettings)).toEqual({
      action: 'no_show',
    });
    expect(recallDecision(called(4), addSeconds(calledAt, 60), defaultQueueSettings)).toEqual({
      action: 'no_show',
    });
  });

  it('honours another maxCalls', () => {
    expect(recallDecision(called(1), addSeconds(calledAt, 60), settings({ maxCalls: 1 }))).toEqual({
      action: 'no_show',
    });
    expect(recallDecision(called(3), addSeconds(calledAt, 60), settings({ maxCalls: 5 }))).toEqual({
      action: 'recall',
    });
  });

  it('recalls at once when no previous call time is known', () => {
    expect(recallDecision(called(1, { lastCalledAt: undefined }), calledAt, defaultQueueSettings)).toEqual({
      action: 'recall',
    });
  });
});

describe('canTransition', () => {
  const statuses: TicketStatus[] = ['waiting', 'called', 'serving', 'parked', 'done', 'no_show', 'cancelled'];
  const allowed: Record<TicketStatus, TicketStatus[]> = {
    waiting: ['called', 'parked', 'cancelled'],
    called: ['serving', 'waiting', 'no_show', 'called'],
    serving: ['done', 'parked', 'waiting'],
    parked: ['waiting'],
    done: [],
    no_show: [],
    cancelled: [],
  };

  it.each(statuses.flatMap((from) => allowed[from].map((to) => [from, to] as const)))(
    'allows %s → %s',
    (from, to) => {
      expect(canTransition(from, to)).toBe(true);
    },
  );

  it('refuses every other pair', () => {
    for (const from of statuses) {
      for (const to of statuses) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed[from].includes(to));
      }
    }
  });

  it('refuses some transitions explicitly', () => {
    expect(canTransition('waiting', 'serving')).toBe(false); // must be called first
    expect(canTransition('waiting', 'done')).toBe(false);
    expect(canTransition('waiting', 'waiting')).toBe(false);
    expect(canTransition('called', 'done')).toBe(false);
    expect(canTransition('called', 'parked')).toBe(false);
    expect(canTransition('serving', 'no_show')).toBe(false);
    expect(canTransition('serving', 'serving')).toBe(false);
    expect(canTransition('parked', 'called')).toBe(false); // taken back into the queue first
    expect(canTransition('parked', 'done')).toBe(false);
    expect(canTransition('done', 'waiting')).toBe(false);
    expect(canTransition('no_show', 'waiting')).toBe(false);
    expect(canTransition('cancelled', 'waiting')).toBe(false);
  });
});

describe('estimateWaits', () => {
  const now = at('10:00');
  const estimate = (overrides: Partial<EstimateInput>) =>
    estimateWaits({
      now,
      tickets: [],
      counters: [{ id: 'c1', serviceIds: [] }],
      averageMinutes: {},
      configuredMinutes: { anmeldung: 10, reisepass: 20, meldebescheinigung: 5 },
      ...overrides,
    });
  const minutes = (result: ReturnType<typeof estimateWaits>) =>
    Object.fromEntries([...result].map(([id, e]) => [id, e.minutes]));
  const ahead = (result: ReturnType<typeof estimateWaits>) =>
    Object.fromEntries([...result].map(([id, e]) => [id, e.ahead]));

  it('with one counter: each ticket waits for the services ahead of it', () => {
    const result = estimate({
      tickets: [
        walkIn('w3', '09:50', { serviceIds: ['meldebescheinigung'] }),
        walkIn('w1', '09:30'),
        walkIn('w2', '09:40', { serviceIds: ['reisepass'] }),
      ],
    });
    expect(minutes(result)).toEqual({ w1: 0, w2: 10, w3: 30 });
    expect(ahead(result)).toEqual({ w1: 0, w2: 1, w3: 2 });
  });

  it('with two counters: the next free counter takes the next ticket', () => {
    const result = estimate({
      counters: [
        { id: 'c1', serviceIds: [] },
        { id: 'c2', serviceIds: [] },
      ],
      tickets: [
        walkIn('w1', '09:10', { serviceIds: ['reisepass'] }),
        walkIn('w2', '09:20'),
        walkIn('w3', '09:30'),
        walkIn('w4', '09:40'),
        walkIn('w5', '09:50'),
      ],
    });
    // c1: w1 0–20, w4 20–30; c2: w2 0–10, w3 10–20, w5 20–30.
    expect(minutes(result)).toEqual({ w1: 0, w2: 0, w3: 10, w4: 20, w5: 20 });
    expect(ahead(result)).toEqual({ w1: 0, w2: 1, w3: 2, w4: 3, w5: 4 });
  });

  it('lets skills restrict which counter takes a ticket', () => {
    const result = estimate({
      counters: [
        { id: 'pass', serviceIds: ['reisepass'] },
        { id: 'melde', serviceIds: ['anmeldung', 'meldebescheinigung'] },
      ],
      tickets: [
        walkIn('p1', '09:10', { serviceIds: ['reisepass'] }),
        walkIn('p2', '09:20', { serviceIds: ['reisepass'] }),
        walkIn('a1', '09:30'),
        walkIn('a2', '09:40'),
      ],
    });
    // The idle registration counter cannot help with passports.
    expect(minutes(result)).toEqual({ p1: 0, a1: 0, a2: 10, p2: 20 });
  });

  it('gives no minutes for a ticket no open counter can serve', () => {
    const result = estimate({
      counters: [{ id: 'melde', serviceIds: ['anmeldung'] }],
      tickets: [
        walkIn('kfz', '09:00', { serviceIds: ['kfz-ummeldung'] }),
        walkIn('moved', '09:05', { counterId: 'c9' }), // transferred to a counter that is closed now
        walkIn('w1', '09:10'),
        walkIn('w2', '09:20'),
      ],
    });
    expect(result.get('kfz')).toEqual({ ahead: 0, minutes: undefined });
    expect(result.get('moved')).toEqual({ ahead: 1, minutes: undefined });
    expect(result.get('w1')).toEqual({ ahead: 0, minutes: 0 });
    expect(result.get('w2')).toEqual({ ahead: 1, minutes: 10 });
  });

  it('gives no minutes to anybody without open counters', () => {
    const result = estimate({ counters: [], tickets: [walkIn('w1', '09:10'), walkIn('w2', '09:20')] });
    expect(result.get('w1')).toEqual({ ahead: 0, minutes: undefined });
    expect(result.get('w2')).toEqual({ ahead: 1, minutes: undefined });
  });

  it('counts a transferred ticket only at its counter', () => {
    const result = estimate({
      counters: [
        { id: 'c1', serviceIds: [] },
        { id: 'c2', serviceIds: [] },
      ],
      tickets: [walkIn('moved', '09:00', { counterId: 'c1' }), walkIn('w1', '09:10'), walkIn('w2', '09:20')],
    });
    // c1: moved 0–10, then w2; c2: w1 0–10.
    expect(minutes(result)).toEqual({ moved: 0, w1: 0, w2: 10 });
  });

  it('prefers the rolling averages and falls back to the configured minutes', () => {
    const tickets = [
      walkIn('w1', '09:10'),
      walkIn('w2', '09:20', { serviceIds: ['reisepass'] }),
      walkIn('w3', '09:30'),
    ];
    expect(minutes(estimate({ tickets }))).toEqual({ w1: 0, w2: 10, w3: 30 });
    expect(minutes(estimate({ tickets, averageMinutes: { anmeldung: 6 } }))).toEqual({
      w1: 0,
      w2: 6,
      w3: 26,
    });
    expect(minutes(estimate({ tickets, averageMinutes: { anmeldung: 6, reisepass: 25 } }))).toEqual({
      w1: 0,
      w2: 6,
      w3: 31,
    });
  });

  it('ignores unusable averages', () => {
    const tickets = [walkIn('w1', '09:10'), walkIn('w2', '09:20')];
    expect(minutes(estimate({ tickets, averageMinutes: { anmeldung: 0 } }))).toEqual({ w1: 0, w2: 10 });
    expect(minutes(estimate({ tickets, averageMinutes: { anmeldung: Number.NaN } }))).toEqual({
      w1: 0,
      w2: 10,
    });
  });

  it('sums the services of a ticket', () => {
    const result = estimate({
      tickets: [
        walkIn('both', '09:10', { serviceIds: ['anmeldung', 'meldebescheinigung'] }),
        walkIn('w2', '09:20'),
      ],
      averageMinutes: { meldebescheinigung: 3 },
    });
    expect(minutes(result)).toEqual({ both: 0, w2: 13 });
  });

  it('rounds to whole minutes', () => {
    const tickets = [walkIn('w1', '09:10'), walkIn('w2', '09:20'), walkIn('w3', '09:30')];
    expect(minutes(estimate({ tickets, averageMinutes: { anmeldung: 7.4 } }))).toEqual({
      w1: 0,
      w2: 7,
      w3: 15,
    });
  });

  it('counts the remaining time of tickets in service', () => {
    const tickets = [walkIn('w1', '09:50'), walkIn('w2', '09:55')];
    const result = estimate({
      counters: [
        { id: 'c1', serviceIds: [] },
        { id: 'c2', serviceIds: [] },
      ],
      tickets,
      inService: [
        { counterId: 'c1', serviceIds: ['reisepass'], startedAt: at('09:45') }, // 5 min left
        { counterId: 'c2', serviceIds: ['anmeldung'], startedAt: at('09:52') }, // 2 min left
      ],
    });
    expect(minutes(result)).toEqual({ w1: 2, w2: 5 });
  });

  it('takes a service that runs over as ending now', () => {
    const result = estimate({
      tickets: [walkIn('w1', '09:50')],
      inService: [{ counterId: 'c1', serviceIds: ['anmeldung'], startedAt: at('09:30') }],
    });
    expect(minutes(result)).toEqual({ w1: 0 });
  });

  it('ignores service at a counter that is not open', () => {
    const result = estimate({
      tickets: [walkIn('w1', '09:50')],
      inService: [{ counterId: 'c9', serviceIds: ['reisepass'], startedAt: at('09:55') }],
    });
    expect(minutes(result)).toEqual({ w1: 0 });
  });

  it('lets appointments become due during the simulated wait', () => {
    const result = estimate({
      tickets: [
        walkIn('w1', '09:40'),
        appointment('t', '10:05', '09:45'), // early at 10:00, due when the counter is free at 10:10
        walkIn('w2', '09:50'),
      ],
      inService: [{ counterId: 'c1', serviceIds: ['anmeldung'], startedAt: at('10:00') }],
    });
    expect(minutes(result)).toEqual({ t: 10, w1: 20, w2: 30 });
    expect(ahead(result)).toEqual({ t: 0, w1: 1, w2: 2 });
  });

  it('leaves out tickets that are not waiting', () => {
    const result = estimate({
      tickets: [
        walkIn('w1', '09:10'),
        walkIn('c', '09:00', { status: 'called' }),
        walkIn('p', '09:05', { status: 'parked' }),
      ],
    });
    expect([...result.keys()]).toEqual(['w1']);
    expect(estimate({ tickets: [] }).size).toBe(0);
  });

  it('never gives a negative wait', () => {
    const result = estimate({
      now,
      tickets: [walkIn('w1', '10:30')], // arrival after now (clock skew) does not matter
      inService: [{ counterId: 'c1', serviceIds: ['anmeldung'], startedAt: at('10:20') }],
    });
    expect(result.get('w1')?.minutes).toBeGreaterThanOrEqual(0);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Replay of recorded days: a deterministic synthetic office day, simulated as it really happens, compared
// with what estimateWaits promised each citizen at the moment the ticket was drawn.
// ---------------------------------------------------------------------------------------------------------

/** mulberry32: a small, fast, seeded PRNG (deterministic across platforms). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ServiceProfile {
  /** True mean service minutes (unknown to the office). */
  mean: number;
  /** What the administration configured. */
  configured: number;
  /** Relative frequency. */
  weight: number;
}

const SERVICES: Record<string, ServiceProfile> = {
  personalausweis: { mean: 16, configured: 15, weight: 30 },
  reisepass: { mean: 19, configured: 20, weight: 12 },
  anmeldung: { mean: 9, configured: 10, weight: 30 },
  meldebescheinigung: { mean: 4, configured: 5, weight: 15 },
  fuehrungszeugnis: { mean: 6, configured: 5, weight: 13 },
};
const CONFIGURED = Object.fromEntries(Object.entries(SERVICES).map(([id, s]) => [id, s.configured]));
const REPLAY_COUNTERS: CounterSkills[] = [
  { id: 'A', serviceIds: [] },
  { id: 'B', serviceIds: [] },
  { id: 'C', serviceIds: ['anmeldung', 'meldebescheinigung', 'fuehrungszeugnis'] },
];

interface Arrival {
  ticket: QueueTicket;
  /** True service minutes (drawn now, revealed only when the service ends). */
  trueMinutes: number;
}

function drawService(random: () => number): string {
  const total = Object.values(SERVICES).reduce((sum, s) => sum + s.weight, 0);
  let r = random() * total;
  for (const [id, s] of Object.entries(SERVICES)) {
    r -= s.weight;
    if (r < 0) return id;
  }
  return 'anmeldung';
}

/** Log-normal factor with mean 1 (Box–Muller). */
function spread(random: () => number, sigma: number): number {
  const u = 1 - random();
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.exp(sigma * z - (sigma * sigma) / 2);
}

/** The arrivals of one synthetic day 07:30–15:00: booked appointments and walk-ins (a morning peak). */
function syntheticDay(date: string, seed: number): Arrival[] {
  const random = prng(seed);
  const opens = berlinInstant(date, '07:30');
  const closesAt = berlinInstant(date, '15:00');
  const arrivals: Arrival[] = [];
  const draw = (serviceIds: string[]) =>
    serviceIds.reduce((sum, id) => sum + SERVICES[id]!.mean * spread(random, 0.4), 0);
  const services = () => {
    const first = drawService(random);
    if (random() < 0.15) {
      const second = drawService(random);
      if (second !== first) return [first, second];
    }
    return [first];
  };

  // Appointments on a 10-minute grid, two places per slot; some booked places stay empty, some citizens
  // do not come, most come a little early, some late.
  let n = 0;
  for (let start = opens; start.getTime() < closesAt.getTime() - 20 * 60_000; start = addMinutes(start, 10)) {
    for (let place = 0; place < 2; place++) {
      if (random() > 0.55 || random() > 0.85) continue;
      const ids = services();
      const offset = random() < 0.8 ? -random() * 20 : random() * 25;
      let arrivedAt = addMinutes(start, offset);
      if (arrivedAt.getTime() < opens.getTime()) arrivedAt = opens;
      const decision = checkInDecision({
        now: arrivedAt,
        appointmentAt: start,
        settings: defaultQueueSettings,
      });
      if (!decision.ok) continue;
      n += 1;
      arrivals.push({
        ticket: {
          id: `T${String(n).padStart(3, '0')}`,
          kind: decision.kind,
          status: 'waiting',
          serviceIds: ids,
          ...(decision.kind === 'appointment' ? { appointmentAt: start } : {}),
          arrivedAt,
          priority: false,
          callCount: 0,
        },
        trueMinutes: draw(ids),
      });
    }
  }

  // Walk-ins: a Poisson process, 10 an hour until 10:00, then 5 an hour; the walk-in rules decide.
  const issued = new Map<string, number>();
  let t = opens.getTime();
  let w = 0;
  for (;;) {
    const rate = t < berlinInstant(date, '10:30').getTime() ? 15 : 8;
    t += (-Math.log(1 - random()) / rate) * 3_600_000;
    const now = new Date(t);
    const serviceId = drawService(random);
    const decision = walkInDecision({
      now,
      allowsWalkIn: serviceId !== 'reisepass',
      closesAt,
      issuedToday: issued.get(serviceId) ?? 0,
      quota: serviceId === 'personalausweis' ? 15 : undefined,
      settings: defaultQueueSettings,
    });
    if (!decision.ok) {
      if (decision.reason === 'closed' || decision.reason === 'too_late') break;
      continue;
    }
    issued.set(serviceId, (issued.get(serviceId) ?? 0) + 1);
    w += 1;
    arrivals.push({
      ticket: {
        id: `W${String(w).padStart(3, '0')}`,
        kind: 'walk_in',
        status: 'waiting',
        serviceIds: [serviceId],
        arrivedAt: now,
        priority: random() < 0.05,
        callCount: 0,
      },
      trueMinutes: draw([serviceId]),
    });
  }
  return arrivals.sort((a, b) => a.ticket.arrivedAt.getTime() - b.ticket.arrivedAt.getTime());
}

interface Observation {
  id: string;
  estimated: number;
  /** A naive rule of thumb for comparison: place in the queue × configured mean minutes / counters. */
  naive: number;
  real: number;
}

/** Configured minutes averaged over the service mix. */
const MEAN_CONFIGURED =
  Object.values(SERVICES).reduce((sum, s) => sum + s.configured * s.weight, 0) /
  Object.values(SERVICES).reduce((sum, s) => sum + s.weight, 0);

/**
 * Replays a day: counters call nextFor as soon as they are free; at every arrival the estimate is taken
 * with the information the office has at that moment (waiting tickets, who is being served since when, and
 * rolling averages of the last 20 finished services per service).
 */
function replayDay(arrivals: Arrival[]): Observation[] {
  const waiting: QueueTicket[] = [];
  const truth = new Map(arrivals.map((a) => [a.ticket.id, a.trueMinutes]));
  const counters = REPLAY_COUNTERS.map((skills) => ({
    skills,
    busy: undefined as undefined | { ticket: QueueTicket; startedAt: Date; endsAt: number },
  }));
  const recorded = new Map<string, number[]>();
  const estimates = new Map<string, number>();
  const naive = new Map<string, number>();
  const started = new Map<string, Date>();

  const averages = () => {
    const result: Record<string, number> = {};
    for (const [id, times] of recorded) {
      const last = times.slice(-20);
      result[id] = last.reduce((a, b) => a + b, 0) / last.length;
    }
    return result;
  };
  const record = (ticket: QueueTicket, minutes: number) => {
    // A multi-service ticket's time is split by the configured shares.
    const total = ticket.serviceIds.reduce((sum, id) => sum + CONFIGURED[id]!, 0);
    for (const id of ticket.serviceIds) {
      const times = recorded.get(id) ?? [];
      times.push((minutes * CONFIGURED[id]!) / total);
      recorded.set(id, times);
    }
  };
  const dispatch = (now: Date) => {
    for (const counter of counters) {
      if (counter.busy) continue;
      const ticket = nextFor(counter.skills, waiting, now);
      if (!ticket) continue;
      waiting.splice(waiting.indexOf(ticket), 1);
      started.set(ticket.id, now);
      counter.busy = { ticket, startedAt: now, endsAt: now.getTime() + truth.get(ticket.id)! * 60_000 };
    }
  };

  let next = 0;
  for (;;) {
    const nextArrival = arrivals[next]?.ticket.arrivedAt.getTime() ?? Number.POSITIVE_INFINITY;
    const nextEnd = Math.min(...counters.map((c) => c.busy?.endsAt ?? Number.POSITIVE_INFINITY));
    const t = Math.min(nextArrival, nextEnd);
    if (t === Number.POSITIVE_INFINITY) break;
    const now = new Date(t);
    for (const counter of counters) {
      if (counter.busy && counter.busy.endsAt <= t) {
        record(counter.busy.ticket, (t - counter.busy.startedAt.getTime()) / 60_000);
        counter.busy = undefined;
      }
    }
    while (next < arrivals.length && arrivals[next]!.ticket.arrivedAt.getTime() <= t) {
      const { ticket } = arrivals[next]!;
      next += 1;
      waiting.push(ticket);
      const estimate = estimateWaits({
        now,
        tickets: waiting,
        counters: REPLAY_COUNTERS,
        averageMinutes: averages(),
        configuredMinutes: CONFIGURED,
        inService: counters.flatMap((c) =>
          c.busy
            ? [{ counterId: c.skills.id, serviceIds: c.busy.ticket.serviceIds, startedAt: c.busy.startedAt }]
            : [],
        ),
      }).get(ticket.id);
      if (estimate?.minutes === undefined) throw new Error(`no estimate for ${ticket.id}`);
      estimates.set(ticket.id, estimate.minutes);
      const place = queueOrder(waiting, now).indexOf(ticket);
      naive.set(ticket.id, (place * MEAN_CONFIGURED) / REPLAY_COUNTERS.length);
    }
    dispatch(now);
  }

  return arrivals.map(({ ticket }) => ({
    id: ticket.id,
    estimated: estimates.get(ticket.id)!,
    naive: naive.get(ticket.id)!,
    real: (started.get(ticket.id)!.getTime() - ticket.arrivedAt.getTime()) / 60_000,
  }));
}

describe('the estimate', () => {
  it("the estimate's error on recorded days", () => {
    const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    const all: Observation[] = [];
    const lines: string[] = [];
    for (const [i, date] of days.entries()) {
      const arrivals = syntheticDay(date, 20260302 + i);
      const observations = replayDay(arrivals);
      // Everybody who came was served, and nobody before arriving.
      expect(observations).toHaveLength(arrivals.length);
      for (const o of observations) expect(o.real).toBeGreaterThanOrEqual(0);
      all.push(...observations);
      const last = arrivals.at(-1)!.ticket.arrivedAt;
      lines.push(
        `  ${date}: ${observations.length} tickets (last drawn ${formatTime(last)}), ` +
          `mean real wait ${mean(observations.map((o) => o.real)).toFixed(1)} min, ` +
          `MAE ${mean(observations.map((o) => Math.abs(o.estimated - o.real))).toFixed(1)} min`,
      );
    }

    const errors = all.map((o) => o.estimated - o.real);
    const meanAbsoluteError = mean(errors.map(Math.abs));
    const bias = mean(errors);
    const within10 = errors.filter((e) => Math.abs(e) <= 10).length / errors.length;
    const naiveError = mean(all.map((o) => Math.abs(o.naive - o.real)));
    const meanRealWait = mean(all.map((o) => o.real));
    const maxRealWait = Math.max(...all.map((o) => o.real));
    console.log(
      [
        `Wait estimate on ${days.length} recorded days (${all.length} tickets, 3 counters):`,
        ...lines,
        `  mean real wait ${meanRealWait.toFixed(1)} min (max ${maxRealWait.toFixed(0)} min)`,
        `  mean absolute error ${meanAbsoluteError.toFixed(2)} min, bias ${bias.toFixed(2)} min`,
        `  within ±10 min: ${(within10 * 100).toFixed(1)} %`,
        `  (rule of thumb "place × ${MEAN_CONFIGURED.toFixed(1)} min / 3": mean absolute error ${naiveError.toFixed(2)} min)`,
      ].join('\n'),
    );

    // The days are busy enough for the estimate to matter…
    expect(all.length).toBeGreaterThan(300);
    expect(meanRealWait).toBeGreaterThan(8);
    expect(maxRealWait).toBeGreaterThan(45);
    // …and the estimate is useful: close to reality, not far off on average, better than a rule of thumb.
    expect(meanAbsoluteError).toBeLessThan(6);
    expect(within10).toBeGreaterThan(0.8);
    expect(Math.abs(bias)).toBeLessThan(5);
    expect(meanAbsoluteError).toBeLessThan(naiveError);
  });
});

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
