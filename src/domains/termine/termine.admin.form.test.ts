import { describe, expect, it } from 'vitest';
import { parseBookingForm, parseCancelForm, parseClosureForm, serviceIdsOf } from './termine.admin.form.js';
import { closureRange } from './termine.staff.service.js';

describe('booking form', () => {
  const valid = {
    _csrf: 'x',
    standort: 'rathaus',
    leistungen: ['personalausweis', 'meldebescheinigung'],
    tag: '04.12.2026',
    start: '2026-12-04T09:00:00+01:00',
    name: ' Kim Muster ',
    email: '',
    phone: '',
    note: '',
  };

  it('accepts a phone booking without e-mail and normalises the date', () => {
    const form = parseBookingForm(valid);
    expect(form).toEqual({
      ok: true,
      data: {
        standort: 'rathaus',
        leistungen: ['personalausweis', 'meldebescheinigung'],
        tag: '2026-12-04',
        start: new Date('2026-12-04T08:00:00Z'),
        name: 'Kim Muster',
        email: null,
        phone: null,
        note: null,
      },
    });
  });

  it('reports every problem in German, in form order, with the field label', () => {
    const form = parseBookingForm({ standort: 'rathaus', tag: '31.02.2026', start: 'morgen', email: 'x' });
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.errors.summary.map((entry) => entry.field)).toEqual([
      'leistungen',
      'tag',
      'start',
      'name',
      'email',
    ]);
    expect(form.errors.summary[0]!.message).toBe('Leistungen: Bitte wählen Sie mindestens eine Leistung.');
    expect(form.errors.fields.name).toBe('Bitte füllen Sie dieses Feld aus.');
    expect(form.values.email).toBe('x');
  });

  it('limits the number of services', () => {
    const form = parseBookingForm({ ...valid, leistungen: ['a', 'b', 'c', 'd', 'e', 'f'] });
    expect(form.ok).toBe(false);
  });

  it('reads service ids from repeated fields and lists, dropping junk', () => {
    expect(serviceIdsOf(['a,b', 'b', 'C!', ''])).toEqual(['a', 'b']);
    expect(serviceIdsOf(undefined)).toEqual([]);
  });
});

describe('cancel form', () => {
  it('requires a reason', () => {
    expect(parseCancelForm({ grund: '  ' }).ok).toBe(false);
    expect(parseCancelForm({ grund: 'krank' })).toEqual({ ok: true, data: { grund: 'krank' } });
  });
});

describe('closure form', () => {
  const today = '2026-12-03';
  it('takes a whole day when no times are given', () => {
    expect(parseClosureForm({ standort: 'rathaus', tag: '2026-12-03', grund: 'Streik' }, today)).toEqual({
      ok: true,
      data: { standort: 'rathaus', tag: '2026-12-03', von: null, bis: null, grund: 'Streik' },
    });
  });

  it('normalises times and refuses empty ranges and past days', () => {
    const ok = parseClosureForm(
      { standort: 'rathaus', tag: '4.12.2026', von: '9', bis: '930', grund: 'x' },
      today,
    );
    expect(ok.ok).toBe(false); // '9' is not a time
    const range = parseClosureForm(
      { standort: 'rathaus', tag: '4.12.2026', von: '9.00', bis: '0930', grund: 'x' },
      today,
    );
    expect(range.ok && range.data).toMatchObject({ tag: '2026-12-04', von: '09:00', bis: '09:30' });
    const reversed = parseClosureForm(
      { standort: 'rathaus', tag: today, von: '10:00', bis: '09:00', grund: 'x' },
      today,
    );
    expect(!reversed.ok && reversed.errors.fields.bis).toBe('„Bis“ muss nach „Von“ liegen.');
    const past = parseClosureForm({ standort: 'rathaus', tag: '2026-12-02', grund: 'x' }, today);
    expect(!past.ok && past.errors.fields.tag).toBe('Der Tag liegt in der Vergangenheit.');
  });

  it('turns a Berlin day and times into instants', () => {
    expect(closureRange('2026-12-04', null, null)).toEqual({
      from: new Date('2026-12-03T23:00:00Z'),
      to: new Date('2026-12-04T23:00:00Z'),
    });
    expect(closureRange('2026-12-04', '09:00', null).from).toEqual(new Date('2026-12-04T08:00:00Z'));
  });
});
