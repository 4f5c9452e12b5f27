import { describe, expect, it } from 'vitest';
import {
  germanDate,
  normalizeDate,
  normalizeTime,
  parseExceptionForm,
  parseWeeklyForm,
  weeklyLabel,
  weeklyToValues,
} from './locations.forms.js';

describe('normalizeTime / normalizeDate', () => {
  it('accepts common ways of writing times', () => {
    expect(normalizeTime('8:00')).toBe('08:00');
    expect(normalizeTime('08.30')).toBe('08:30');
    expect(normalizeTime('0745')).toBe('07:45');
    expect(normalizeTime(' 12:30 ')).toBe('12:30');
    expect(normalizeTime('25:00')).toBe('25:00'); // unchanged, rejected later
    expect(normalizeTime('mittags')).toBe('mittags');
  });

  it('accepts German and ISO dates', () => {
    expect(normalizeDate('24.12.2027')).toBe('2027-12-24');
    expect(normalizeDate('1.4.2027')).toBe('2027-04-01');
    expect(normalizeDate('2027-04-01')).toBe('2027-04-01');
    expect(germanDate('2027-04-01')).toBe('01.04.2027');
  });
});

describe('parseWeeklyForm', () => {
  it('reads intervals per weekday; both fields empty means no interval', () => {
    const result = parseWeeklyForm({
      d1_0_opens: '7:30',
      d1_0_closes: '12:30',
      d1_1_opens: '14:00',
      d1_1_closes: '16:00',
      d1_2_opens: '',
      d1_2_closes: '',
      d6_0_opens: '09:00',
      d6_0_closes: '12:00',
    });
    expect(result).toEqual({
      ok: true,
      entries: [
        { weekday: 1, opens: '07:30', closes: '12:30' },
        { weekday: 1, opens: '14:00', closes: '16:00' },
        { weekday: 6, opens: '09:00', closes: '12:00' },
      ],
    });
  });

  it('gives field messages and a summary with context for each problem', () => {
    const result = parseWeeklyForm({
      d1_0_opens: '08:00',
      d1_0_closes: '07:00', // ends before it starts
      d2_0_opens: '25:00', // no such time
      d2_0_closes: '12:00',
      d3_0_opens: '08:00', // end missing
      d4_0_opens: '08:00',
      d4_0_closes: '12:00',
      d4_1_opens: '11:00', // overlaps the first
      d4_1_closes: '13:00',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.fields).toEqual({
      d1_0_closes: 'Das Ende muss nach dem Beginn liegen.',
      d2_0_opens: 'Bitte geben Sie eine Uhrzeit im Format HH:MM ein, zum Beispiel 08:30.',
      d3_0_closes: 'Bitte geben Sie auch das Ende an (oder lassen Sie beide Felder leer).',
      d4_0_opens: 'Der Zeitraum überschneidet sich mit einem anderen Zeitraum desselben Tages.',
      d4_1_opens: 'Der Zeitraum überschneidet sich mit einem anderen Zeitraum desselben Tages.',
    });
    expect(result.errors.summary.map((entry) => entry.field)).toEqual([
      'd1_0_closes',
      'd2_0_opens',
      'd3_0_closes',
      'd4_0_opens',
      'd4_1_opens',
    ]);
    expect(result.errors.summary[0]!.message).toBe(
      'Montag, Zeitraum 1: Das Ende muss nach dem Beginn liegen.',
    );
    expect(result.errors.summary[1]!.message).toContain('Dienstag, Zeitraum 1, von:');
  });

  it('accepts touching intervals and an empty week', () => {
    expect(
      parseWeeklyForm({
        d5_0_opens: '08:00',
        d5_0_closes: '12:00',
        d5_1_opens: '12:00',
        d5_1_closes: '14:00',
      }).ok,
    ).toBe(true);
    expect(parseWeeklyForm({})).toEqual({ ok: true, entries: [] });
  });

  it('round-trips stored hours into form values', () => {
    const values = weeklyToValues([
      { weekday: 2, opens: '14:00', closes: '18:00' },
      { weekday: 2, opens: '07:30', closes: '12:30' },
    ]);
    expect(values).toEqual({
      d2_0_opens: '07:30',
      d2_0_closes: '12:30',
      d2_1_opens: '14:00',
      d2_1_closes: '18:00',
    });
    expect(weeklyLabel(1, 0, 'closes')).toBe('Montag, Zeitraum 1: bis');
  });
});

describe('parseExceptionForm', () => {
  const today = '2027-03-27';

  it('reads a one-day closure (empty end date)', () => {
    expect(
      parseExceptionForm({ from: '07.04.2027', to: '', kind: 'closed', reason_de: 'Umbau' }, today),
    ).toEqual({
      ok: true,
      input: { from: '2027-04-07', to: '2027-04-07', kind: 'closed', intervals: [], reason: { de: 'Umbau' } },
    });
  });

  it('reads special hours, ignoring empty interval rows', () => {
    const result = parseExceptionForm(
      {
        from: '2027-04-07',
        to: '2027-04-08',
        kind: 'hours',
        i0_opens: '',
        i0_closes: '',
        i1_opens: '9:00',
        i1_closes: '11:00',
        reason_de: 'Kurz',
        reason_en: 'Short',
      },
      today,
    );
    expect(result).toEqual({
      ok: true,
      input: {
        from: '2027-04-07',
        to: '2027-04-08',
        kind: 'hours',
        intervals: [{ opens: '09:00', closes: '11:00' }],
        reason: { de: 'Kurz', en: 'Short' },
      },
    });
  });

  it('reports problems on the right fields', () => {
    const result = parseExceptionForm(
      {
        from: '10.04.2027',
        to: '08.04.2027',
        kind: 'hours',
        i1_opens: '12:00',
        i1_closes: '10:00',
        reason_de: '',
      },
      today,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors.fields).sort()).toEqual(['i1_closes', 'reason_de', 'to']);
    expect(result.errors.fields.to).toBe('Das Ende darf nicht vor dem Beginn liegen.');
  });

  it('needs an interval for special hours, a valid date and a date not in the past', () => {
    const noHours = parseExceptionForm({ from: '2027-04-07', kind: 'hours', reason_de: 'x' }, today);
    expect(noHours.ok || Object.keys(noHours.errors.fields)).toEqual(['i0_opens']);
    const badDate = parseExceptionForm({ from: '31.02.2027', kind: 'closed', reason_de: 'x' }, today);
    expect(badDate.ok || Object.keys(badDate.errors.fields)).toEqual(['from']);
    const past = parseExceptionForm({ from: '01.03.2027', kind: 'closed', reason_de: 'x' }, today);
    expect(past.ok || past.errors.fields).toEqual({ to: 'Der Zeitraum liegt in der Vergangenheit.' });
  });
});
