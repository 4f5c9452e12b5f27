import { describe, expect, it } from 'vitest';
import {
  canTransition,
  classifyDelivery,
  destructionDue,
  isWellFormedSerial,
  nextStatuses,
  normaliseSerial,
  parseDeliveryCsv,
  purgeDue,
  reminderDue,
} from './dokumente.rules.js';
import { type DocumentStatus, documentStatuses } from './dokumente.tables.js';

const periods = { reminderDays: 28, destructionDays: 90, retentionDays: 90 };
const DAY = 86_400_000;
const now = new Date('2026-12-03T09:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

describe('serial numbers', () => {
  it('normalises what people and scanners type: case, spaces, dashes, letter O', () => {
    expect(normaliseSerial(' l01x 6h7 2m ')).toBe('L01X6H72M');
    expect(normaliseSerial('LO1X-6H7.2M')).toBe('L01X6H72M');
    expect(normaliseSerial('loox00ooo')).toBe('L00X00000');
  });

  it('accepts 9 characters of the Bundesdruckerei alphabet only', () => {
    expect(isWellFormedSerial('L01X6H72M')).toBe(true);
    expect(isWellFormedSerial('T22000129')).toBe(true);
    expect(isWellFormedSerial('L01X6H72')).toBe(false); // 8
    expect(isWellFormedSerial('L01X6H72MM')).toBe(false); // 10
    expect(isWellFormedSerial('L01X6H72A')).toBe(false); // vowel
    expect(isWellFormedSerial('B01X6H72M')).toBe(false); // B is never used
    expect(isWellFormedSerial('l01x6h72m')).toBe(false); // not normalised
  });
});

describe('status machine', () => {
  const allowed: Array<[DocumentStatus, DocumentStatus]> = [
    ['in_bearbeitung', 'bereit_zur_abholung'],
    ['in_bearbeitung', 'in_direktversand'],
    ['in_bearbeitung', 'ungueltig'],
    ['bereit_zur_abholung', 'ausgehaendigt'],
    ['bereit_zur_abholung', 'ungueltig'],
    ['bereit_zur_abholung', 'vernichtet'],
    ['in_direktversand', 'direktversand_zugestellt'],
    ['in_direktversand', 'direktversand_fehlgeschlagen'],
    ['direktversand_fehlgeschlagen', 'bereit_zur_abholung'],
    ['direktversand_fehlgeschlagen', 'in_direktversand'],
    ['direktversand_fehlgeschlagen', 'ungueltig'],
    ['ungueltig', 'vernichtet'],
  ];

  it('allows exactly the listed transitions and forbids every other one', () => {
    const key = (from: string, to: string) => `${from}→${to}`;
    const expected = new Set(allowed.map(([from, to]) => key(from, to)));
    for (const from of documentStatuses) {
      for (const to of documentStatuses) {
        expect(canTransition(from, to), key(from, to)).toBe(expected.has(key(from, to)));
      }
    }
  });

  it('ends in handed over, delivered and destroyed', () => {
    expect(nextStatuses('ausgehaendigt')).toEqual([]);
    expect(nextStatuses('direktversand_zugestellt')).toEqual([]);
    expect(nextStatuses('vernichtet')).toEqual([]);
    // A handed-over document can never become ready or be handed over again.
    expect(canTransition('ausgehaendigt', 'bereit_zur_abholung')).toBe(false);
    expect(canTransition('ausgehaendigt', 'ausgehaendigt')).toBe(false);
  });
});

describe('periods', () => {
  const ready = (days: number) => ({
    status: 'bereit_zur_abholung' as const,
    readyAt: daysAgo(days),
    reminderSentAt: null,
    statusChangedAt: daysAgo(days),
    personalDataPurgedAt: null,
  });

  it('reminds once after the reminder period', () => {
    expect(reminderDue(ready(27), now, periods)).toBe(false);
    expect(reminderDue(ready(28), now, periods)).toBe(true);
    expect(reminderDue({ ...ready(40), reminderSentAt: daysAgo(5) }, now, periods)).toBe(false);
    expect(reminderDue({ ...ready(40), status: 'ausgehaendigt' }, now, periods)).toBe(false);
  });

  it('lists uncollected documents for destruction after the legal period, and invalidated ones at once', () => {
    expect(destructionDue(ready(89), now, periods)).toBe(false);
    expect(destructionDue(ready(90), now, periods)).toBe(true);
    expect(destructionDue({ ...ready(1), status: 'ungueltig' }, now, periods)).toBe(true);
    expect(destructionDue({ ...ready(200), status: 'ausgehaendigt' }, now, periods)).toBe(false);
  });

  it('deletes personal data after the retention period of a final status only', () => {
    const handedOver = (days: number) => ({
      ...ready(days + 10),
      status: 'ausgehaendigt' as const,
      statusChangedAt: daysAgo(days),
    });
    expect(purgeDue(handedOver(89), now, periods)).toBe(false);
    expect(purgeDue(handedOver(90), now, periods)).toBe(true);
    expect(purgeDue({ ...handedOver(200), personalDataPurgedAt: daysAgo(100) }, now, periods)).toBe(false);
    expect(purgeDue(ready(400), now, periods)).toBe(false);
    expect(purgeDue({ ...handedOver(95), status: 'direktversand_zugestellt' }, now, periods)).toBe(true);
    expect(purgeDue({ ...handedOver(95), status: 'vernichtet' }, now, periods)).toBe(true);
  });
});

describe('a delivery', () => {
  const known = new Map<string, { id: string; status: DocumentStatus }>([
    ['L01X6H72M', { id: 'a', status: 'in_bearbeitung' }],
    ['L01XC3RTV', { id: 'b', status: 'in_bearbeitung' }],
    ['L01XFFFF1', { id: 'c', status: 'ausgehaendigt' }],
  ]);

  it('recognises known numbers once, and names unknown, duplicate, malformed and not-allowed ones', () => {
    expect(
      classifyDelivery(['l01x 6h7 2m', 'L01X6H72M', 'T22000129', 'L01XFFFF1', 'xyz', 'L01XC3RTV'], known),
    ).toEqual([
      { serial: 'L01X6H72M', kind: 'recognised', documentId: 'a' },
      { serial: 'L01X6H72M', kind: 'duplicate' },
      { serial: 'T22000129', kind: 'unknown' },
      { serial: 'L01XFFFF1', kind: 'not_allowed', status: 'ausgehaendigt' },
      { serial: 'XYZ', kind: 'malformed' },
      { serial: 'L01XC3RTV', kind: 'recognised', documentId: 'b' },
    ]);
  });

  it('reads a CSV list (German separators, header, BOM, quotes, blank lines)', () => {
    expect(parseDeliveryCsv('\uFEFFSeriennummer;Typ\r\n"L01X6H72M";PA\r\n\r\nl01x c3r tv;PA\n')).toEqual({
      ok: true,
      serials: ['L01X6H72M', 'L01XC3RTV'],
    });
    expect(parseDeliveryCsv('L01X6H72M,PA\nT22000129,RP')).toEqual({
      ok: true,
      serials: ['L01X6H72M', 'T22000129'],
    });
  });

  it('refuses the whole list for one broken line, naming it', () => {
    const result = parseDeliveryCsv('Seriennummer\nL01X6H72M\nL01X6H7\nT22000129');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ line: 3, message: expect.stringContaining('L01X6H7') }]);
    expect(parseDeliveryCsv('\n\n').ok).toBe(false);
  });
});
