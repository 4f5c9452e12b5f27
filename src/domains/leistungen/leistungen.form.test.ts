import { describe, expect, it } from 'vitest';
import { feeRowCount, formMessages, parseLeistungForm, toFormValues } from './leistungen.form.js';
import type { Leistung } from './leistungen.repository.js';

const locations = new Set(['rathaus', 'nord']);

function validBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _csrf: 'token',
    nameDe: 'Hundesteuer anmelden',
    nameEn: 'Register a dog for tax',
    shortDescriptionDe: 'Hunde müssen angemeldet werden.',
    shortDescriptionEn: '',
    descriptionDe: 'Erster Absatz.\n\nZweiter Absatz.',
    descriptionEn: '',
    documentsDe: 'Personalausweis\nNachweis der Haftpflichtversicherung',
    documentsEn: 'Identity card',
    fee0LabelDe: 'Anmeldung',
    fee0LabelEn: 'Registration',
    fee0Amount: '12,50',
    fee0LegalBasis: 'Hundesteuersatzung',
    fee1LabelDe: '',
    fee1LabelEn: '',
    fee1Amount: '',
    fee1LegalBasis: '',
    durationMinutes: '10',
    bookableOnline: 'on',
    hintsDe: 'Die Steuermarke kommt per Post.',
    hintsEn: '',
    keywords: 'Hund, Steuer, dog',
    popularity: '5',
    leikaKey: '99 0080 0101 5000',
    locationIds: ['rathaus', 'nord'],
    ...overrides,
  };
}

describe('parseLeistungForm', () => {
  it('turns a valid form into the service data', () => {
    const result = parseLeistungForm(validBody(), locations);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toEqual({
      name: { de: 'Hundesteuer anmelden', en: 'Register a dog for tax' },
      shortDescription: { de: 'Hunde müssen angemeldet werden.' },
      description: { de: 'Erster Absatz.\n\nZweiter Absatz.' },
      documents: [
        { de: 'Personalausweis', en: 'Identity card' },
        { de: 'Nachweis der Haftpflichtversicherung' },
      ],
      fees: [
        {
          label: { de: 'Anmeldung', en: 'Registration' },
          amountCents: 1250,
          legalBasis: 'Hundesteuersatzung',
        },
      ],
      durationMinutes: 10,
      bookableOnline: true,
      walkIn: false,
      onlineApplication: false,
      hints: [{ de: 'Die Steuermarke kommt per Post.' }],
      keywords: ['Hund', 'Steuer', 'dog'],
      popularity: 5,
      leikaKey: '99008001015000',
      locationIds: ['rathaus', 'nord'],
    });
  });

  it('accepts a single location as a plain string and no fees at all', () => {
    const result = parseLeistungForm(
      validBody({
        locationIds: 'nord',
        fee0LabelDe: '',
        fee0LabelEn: '',
        fee0Amount: '',
        fee0LegalBasis: '',
      }),
      locations,
    );
    expect(result.ok && result.data.locationIds).toEqual(['nord']);
    expect(result.ok && result.data.fees).toEqual([]);
  });

  it('treats missing optional fields as empty', () => {
    const result = parseLeistungForm(
      { nameDe: 'Fundsachen', shortDescriptionDe: 'Verloren?', descriptionDe: 'Text', durationMinutes: '5' },
      locations,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({
      documents: [],
      fees: [],
      hints: [],
      keywords: [],
      popularity: 0,
      leikaKey: null,
      locationIds: [],
      bookableOnline: false,
    });
  });

  it('reports missing and malformed fields in German, in form order', () => {
    const result = parseLeistungForm(
      validBody({
        nameDe: '',
        durationMinutes: 'zehn',
        fee0Amount: '12 Euro 50',
        leikaKey: '123',
        popularity: 'viel',
      }),
      locations,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      nameDe: 'Bitte füllen Sie dieses Feld aus.',
      fee0Amount: 'Bitte geben Sie einen Betrag in Euro ein, zum Beispiel 37,00.',
      durationMinutes: 'Bitte geben Sie eine Zahl ein.',
      popularity: 'Bitte geben Sie eine Zahl ein.',
      leikaKey: formMessages.leikaKey,
    });
    expect(Object.keys(result.errors)).toEqual([
      'nameDe',
      'fee0Amount',
      'durationMinutes',
      'popularity',
      'leikaKey',
    ]);
    expect(result.values.nameDe).toBe('');
    expect(result.values.fee0Amount).toBe('12 Euro 50');
  });

  it('needs a label and an amount in every fee row that is used', () => {
    const result = parseLeistungForm(
      validBody({ fee1LegalBasis: 'AVerwGebO NRW', fee2Amount: '9' }),
      locations,
    );
    expect(!result.ok && result.errors).toEqual({
      fee1LabelDe: formMessages.feeLabelRequired,
      fee1Amount: formMessages.feeAmountRequired,
      fee2LabelDe: formMessages.feeLabelRequired,
    });
  });

  it('rejects English lines without a German partner, a zero or huge duration and unknown locations', () => {
    const result = parseLeistungForm(
      validBody({
        documentsEn: 'Identity card\nInsurance\nExtra',
        hintsEn: 'a\nb',
        durationMinutes: '0',
        locationIds: ['rathaus', 'mond'],
      }),
      locations,
    );
    expect(!result.ok && result.errors).toEqual({
      documentsEn: formMessages.extraEnglishLines,
      durationMinutes: 'Bitte geben Sie eine Zahl größer als 0 ein.',
      hintsEn: formMessages.extraEnglishLines,
      locationIds: formMessages.locations,
    });
    const tooLong = parseLeistungForm(validBody({ durationMinutes: '601' }), locations);
    expect(!tooLong.ok && tooLong.errors).toEqual({ durationMinutes: formMessages.durationMax });
  });

  it('limits text lengths', () => {
    const result = parseLeistungForm(validBody({ nameDe: 'x'.repeat(201) }), locations);
    expect(!result.ok && result.errors).toEqual({ nameDe: 'Der Text ist zu lang.' });
  });
});

describe('toFormValues', () => {
  const leistung: Leistung = {
    id: 'hundesteuer',
    leikaKey: null,
    name: { de: 'Hundesteuer', en: 'Dog tax' },
    shortDescription: { de: 'Kurz' },
    description: { de: 'Lang' },
    documents: [{ de: 'A' }, { de: 'B', en: 'B-en' }, { de: 'C' }],
    fees: [{ label: { de: 'Gebühr' }, amountCents: 4605, legalBasis: '§ 1' }],
    durationMinutes: 20,
    bookableOnline: false,
    walkIn: true,
    onlineApplication: false,
    hints: [],
    keywords: ['Hund', 'dog'],
    popularity: 3,
    searchText: 'hundesteuer',
    retiredAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  };

  it('round-trips through the form unchanged', () => {
    const values = toFormValues(leistung, ['nord']);
    expect(values.documentsEn).toBe('-\nB-en');
    expect(values.fee0Amount).toBe('46,05');
    const result = parseLeistungForm(values, locations);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { id: _id, searchText: _s, retiredAt: _r, createdAt: _c, updatedAt: _u, ...editable } = leistung;
    expect(result.data).toEqual({ ...editable, locationIds: ['nord'] });
  });

  it('offers defaults for a new service and enough fee rows', () => {
    expect(toFormValues()).toMatchObject({ durationMinutes: '15', bookableOnline: 'on' });
    expect(feeRowCount({})).toBe(3);
    expect(feeRowCount(toFormValues(leistung))).toBe(3);
    expect(feeRowCount({ fee4Amount: '1' })).toBe(6);
    expect(feeRowCount({ fee7Amount: '1' })).toBe(8);
  });
});
