import { describe, expect, it } from 'vitest';
import {
  buildSearchText,
  englishLines,
  formatAmountInput,
  formatDuration,
  formatEuro,
  groupByLetter,
  indexLetter,
  isLeikaKey,
  normalizeSearch,
  pairLines,
  parseEuroToCents,
  slugify,
  splitKeywords,
  splitLines,
  uniqueSlug,
} from './leistungen.rules.js';

const NBSP = '\u00a0';

describe('normalizeSearch', () => {
  it('writes umlauts and ß out, so both spellings meet', () => {
    expect(normalizeSearch('Führungszeugnis')).toBe('fuehrungszeugnis');
    expect(normalizeSearch('fuehrungszeugnis')).toBe('fuehrungszeugnis');
    expect(normalizeSearch('FÜHRUNGSZEUGNIS')).toBe('fuehrungszeugnis');
    expect(normalizeSearch('Straße')).toBe('strasse');
  });

  it('drops other accents and punctuation and collapses spaces', () => {
    expect(normalizeSearch('  Café –  Anmeldung (Wohnsitz)! ')).toBe('cafe anmeldung wohnsitz');
    expect(normalizeSearch('e-ID-Karte')).toBe('e id karte');
    expect(normalizeSearch('?!')).toBe('');
  });

  it('builds the search text from names in all languages, keywords and the short description', () => {
    const text = buildSearchText({
      name: { de: 'Führungszeugnis beantragen', en: 'Certificate of good conduct' },
      shortDescription: { de: 'Für Beruf und Ehrenamt.' },
      keywords: ['Polizeiliches Führungszeugnis'],
    });
    expect(text).toBe(
      'fuehrungszeugnis beantragen certificate of good conduct polizeiliches fuehrungszeugnis fuer beruf und ehrenamt',
    );
  });
});

describe('slug ids', () => {
  it('makes a readable id from the German name', () => {
    expect(slugify('Führungszeugnis beantragen')).toBe('fuehrungszeugnis-beantragen');
    expect(slugify('Anmeldung / Ummeldung')).toBe('anmeldung-ummeldung');
    expect(slugify('!!!')).toBe('leistung');
  });

  it('keeps ids short without a trailing hyphen', () => {
    const slug = slugify('Ein sehr langer Name für eine Leistung, die niemand so nennen würde, wirklich');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('picks the next free id and avoids reserved route names', () => {
    expect(uniqueSlug('reisepass', new Set())).toBe('reisepass');
    expect(uniqueSlug('reisepass', new Set(['reisepass']))).toBe('reisepass-2');
    expect(uniqueSlug('reisepass', new Set(['reisepass', 'reisepass-2']))).toBe('reisepass-3');
    expect(uniqueSlug('neu', new Set())).toBe('neu-2');
  });
});

describe('money', () => {
  it('formats euros for the language', () => {
    expect(formatEuro(3700, 'de')).toBe(`37,00${NBSP}€`);
    expect(formatEuro(3700, 'en')).toBe('€37.00');
    expect(formatEuro(2760, 'de')).toBe(`27,60${NBSP}€`);
    expect(formatEuro(0, 'en')).toBe('€0.00');
    expect(formatEuro(123456, 'de')).toBe(`1.234,56${NBSP}€`);
  });

  it('reads amounts as staff type them', () => {
    expect(parseEuroToCents('37,00')).toBe(3700);
    expect(parseEuroToCents('37')).toBe(3700);
    expect(parseEuroToCents('37,5')).toBe(3750);
    expect(parseEuroToCents('37.50')).toBe(3750);
    expect(parseEuroToCents('27,60 €')).toBe(2760);
    expect(parseEuroToCents('€ 9')).toBe(900);
    expect(parseEuroToCents('13 EUR')).toBe(1300);
    expect(parseEuroToCents('1.234,56')).toBe(123456);
    expect(parseEuroToCents('0')).toBe(0);
  });

  it('rejects what is not an amount', () => {
    for (const input of ['', 'abc', '-5', '37,001', '3,7,0', '12e3', '1.23.4', '12 Euro 50', '1 2']) {
      expect(parseEuroToCents(input), input).toBeNull();
    }
  });

  it('shows cents in the form the way it reads them back', () => {
    expect(formatAmountInput(3700)).toBe('37,00');
    expect(formatAmountInput(2760)).toBe('27,60');
    expect(parseEuroToCents(formatAmountInput(4605))).toBe(4605);
  });
});

describe('lines and keywords', () => {
  it('splits textarea lines, dropping empty ones', () => {
    expect(splitLines('Ausweis\r\n\n  Foto  \n')).toEqual(['Ausweis', 'Foto']);
  });

  it('pairs German and English lines by position', () => {
    expect(pairLines('Ausweis\nFoto\nUrkunde', 'ID card\n\nCertificate')).toEqual({
      items: [{ de: 'Ausweis', en: 'ID card' }, { de: 'Foto' }, { de: 'Urkunde', en: 'Certificate' }],
      orphans: false,
    });
    expect(pairLines('', '')).toEqual({ items: [], orphans: false });
  });

  it('reads "-" as a missing translation and writes it for gaps', () => {
    expect(pairLines('Ausweis\nFoto', '-\nPhoto').items).toEqual([
      { de: 'Ausweis' },
      { de: 'Foto', en: 'Photo' },
    ]);
    expect(englishLines([{ de: 'A' }, { de: 'B', en: 'B-en' }, { de: 'C' }])).toBe('-\nB-en');
    expect(englishLines([{ de: 'A' }])).toBe('');
  });

  it('reports English lines without a German partner', () => {
    expect(pairLines('Ausweis', 'ID card\nPhoto').orphans).toBe(true);
    expect(pairLines('Ausweis\n\nFoto', 'ID card\nextra\nPhoto').orphans).toBe(true);
  });

  it('splits keywords at commas, without blanks and duplicates', () => {
    expect(splitKeywords('Perso, Ausweis,, perso ,ID card')).toEqual(['Perso', 'Ausweis', 'ID card']);
    expect(splitKeywords('')).toEqual([]);
  });
});

describe('presentation helpers', () => {
  it('phrases durations', () => {
    expect(formatDuration(15, 'de')).toBe('etwa 15 Minuten');
    expect(formatDuration(60, 'de')).toBe('etwa 1 Stunde');
    expect(formatDuration(90, 'de')).toBe('etwa 1 Stunde 30 Minuten');
    expect(formatDuration(1, 'en')).toBe('about 1 minute');
    expect(formatDuration(120, 'en')).toBe('about 2 hours');
  });

  it('files services under their first letter, umlauts with their base letter', () => {
    expect(indexLetter('Änderung')).toBe('A');
    expect(indexLetter('Übermittlungssperre')).toBe('U');
    expect(indexLetter('115')).toBe('0–9');
    const groups = groupByLetter(
      ['Reisepass', 'Abmeldung', 'Übermittlungssperre', 'Anmeldung', 'Umzug'],
      (x) => x,
      'de',
    );
    expect(groups).toEqual([
      { letter: 'A', items: ['Abmeldung', 'Anmeldung'] },
      { letter: 'R', items: ['Reisepass'] },
      { letter: 'U', items: ['Übermittlungssperre', 'Umzug'] },
    ]);
  });

  it('checks LeiKa keys', () => {
    expect(isLeikaKey('99008001015000')).toBe(true);
    expect(isLeikaKey('9900800101500')).toBe(false);
    expect(isLeikaKey('9900800101500a')).toBe(false);
  });
});
