import { describe, expect, it } from 'vitest';
import {
  flowUrl,
  formatDayMonth,
  formatMonth,
  lastOfMonth,
  maskEmail,
  moveOf,
  parseCancelForm,
  parseDetailsForm,
  parseMonth,
  parseReserveForm,
  parseServiceIds,
  shiftMonth,
  uniqueTexts,
} from './termine.form.js';

describe('booking form helpers', () => {
  it('reads service ids from comma lists and repeated fields, unique and well-formed only', () => {
    expect(parseServiceIds('a,b')).toEqual(['a', 'b']);
    expect(parseServiceIds(['a', 'b,c', 'a'])).toEqual(['a', 'b', 'c']);
    expect(parseServiceIds(['<x>', 'Ab', ' ok '])).toEqual(['ok']);
    expect(parseServiceIds(undefined)).toEqual([]);
  });

  it('does month arithmetic across years', () => {
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('2026-12')).toEqual({ year: 2026, month: 12 });
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(lastOfMonth('2028-02')).toBe('2028-02-29');
    expect(formatMonth('2026-12', 'de')).toBe('Dezember 2026');
    expect(formatMonth('2026-12', 'en')).toBe('December 2026');
    expect(formatDayMonth('2026-12-03', 'de')).toBe('3. Dezember');
    expect(formatDayMonth('2026-12-03', 'en')).toBe('3 December');
  });

  it('masks e-mail addresses', () => {
    expect(maskEmail('kim@example.org')).toBe('k***@example.org');
    expect(maskEmail('nonsense')).toBe('***');
  });

  it('builds step URLs with German parameters and carries a move', () => {
    expect(
      flowUrl('/termine/kalender', { serviceIds: ['a', 'b'], locationId: 'rathaus', month: '2026-12' }),
    ).toBe('/termine/kalender?leistungen=a,b&standort=rathaus&monat=2026-12');
    const move = moveOf({ verschieben: 'abc-def', token: 'secret-token-123' });
    expect(move).toEqual({ code: 'ABC-DEF', token: 'secret-token-123' });
    expect(flowUrl('/termine', { serviceIds: [], move })).toBe(
      '/termine?verschieben=ABC-DEF&token=secret-token-123',
    );
    expect(moveOf({ verschieben: 'x', token: 'secret-token-123' })).toBeUndefined();
  });

  it('lists a document named by several services once', () => {
    const texts = uniqueTexts(
      [{ de: 'Personalausweis', en: 'ID card' }, { de: 'personalausweis ' }, { de: 'Foto' }],
      'de',
    );
    expect(texts.map((text) => text.de)).toEqual(['Personalausweis', 'Foto']);
  });

  it('validates the details with field messages and requires the privacy checkbox', () => {
    const bad = parseDetailsForm({ name: ' ', email: 'x@', phone: 'abc' }, 'de');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(Object.keys(bad.errors).sort()).toEqual(['datenschutz', 'email', 'name', 'phone']);
      expect(bad.errors.datenschutz).toContain('Datenschutzhinweis');
    }
    const good = parseDetailsForm(
      { name: 'Kim', email: 'kim@example.org', phone: '', note: '', datenschutz: 'on' },
      'en',
    );
    expect(good).toEqual({
      ok: true,
      data: { name: 'Kim', email: 'kim@example.org', phone: null, note: null },
    });
  });

  it('reads the reservation and cancel forms', () => {
    const reserve = parseReserveForm(
      { leistungen: 'a,b', standort: 'rathaus', start: '2026-12-03T09:00:00+01:00' },
      'de',
    );
    expect(reserve.ok && reserve.data.start.toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(parseReserveForm({ leistungen: 'a', standort: 'rathaus', start: 'morgen' }, 'de').ok).toBe(false);
    expect(parseCancelForm({ token: 't' }, 'de').ok).toBe(false);
    expect(parseCancelForm({ token: 't', absagen: 'on' }, 'de')).toEqual({ ok: true, token: 't' });
  });
});
