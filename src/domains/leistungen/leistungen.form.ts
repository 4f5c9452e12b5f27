import { z } from 'zod';
import {
  asArray,
  checkbox,
  type FormResult,
  formValues,
  parseForm,
  validationMessages,
} from '../../platform/forms/forms.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import type { Leistung, LeistungInput } from './leistungen.repository.js';
import {
  englishLines,
  formatAmountInput,
  isLeikaKey,
  pairLines,
  parseEuroToCents,
  splitKeywords,
} from './leistungen.rules.js';
import type { Fee } from './leistungen.tables.js';

/** How many fee rows the admin form offers at most (empty rows are ignored). */
export const FEE_ROWS_MAX = 8;
/** Empty fee rows shown below the filled ones, at least this many rows in all. */
export const FEE_ROWS_MIN = 3;
export const DURATION_MAX = 600;

const optionalText = (max: number) => z.string('invalid').max(max, 'tooLong').default('');
const requiredText = (max: number) => z.string('required').min(1, 'required').max(max, 'tooLong');

const feeRowFields = Object.fromEntries(
  Array.from({ length: FEE_ROWS_MAX }, (_, row) => [
    [`fee${row}LabelDe`, optionalText(200)],
    [`fee${row}LabelEn`, optionalText(200)],
    [`fee${row}Amount`, optionalText(40)],
    [`fee${row}LegalBasis`, optionalText(300)],
  ]).flat(),
) as Record<string, ReturnType<typeof optionalText>>;

/** The single-field checks; the rules across fields follow in `parseLeistungForm`. */
const leistungFormSchema = z.object({
  nameDe: requiredText(200),
  nameEn: optionalText(200),
  shortDescriptionDe: requiredText(500),
  shortDescriptionEn: optionalText(500),
  descriptionDe: requiredText(20_000),
  descriptionEn: optionalText(20_000),
  documentsDe: optionalText(5_000),
  documentsEn: optionalText(5_000),
  ...feeRowFields,
  durationMinutes: requiredText(6)
    .regex(/^\d+$/, 'number')
    .refine((value) => Number(value) > 0, 'positive'),
  bookableOnline: z.unknown().optional(),
  walkIn: z.unknown().optional(),
  onlineApplication: z.unknown().optional(),
  hintsDe: optionalText(5_000),
  hintsEn: optionalText(5_000),
  keywords: optionalText(1_000),
  popularity: z.string('invalid').max(7, 'tooLong').regex(/^\d*$/, 'number').default(''),
  leikaKey: optionalText(40),
  locationIds: z.unknown().optional(),
});

/** Field order of the form, so the error summary lists problems from top to bottom. */
export const fieldOrder = [
  'nameDe',
  'nameEn',
  'shortDescriptionDe',
  'shortDescriptionEn',
  'descriptionDe',
  'descriptionEn',
  'documentsDe',
  'documentsEn',
  ...Array.from({ length: FEE_ROWS_MAX }, (_, row) => [
    `fee${row}LabelDe`,
    `fee${row}LabelEn`,
    `fee${row}Amount`,
    `fee${row}LegalBasis`,
  ]).flat(),
  'durationMinutes',
  'bookableOnline',
  'walkIn',
  'onlineApplication',
  'hintsDe',
  'hintsEn',
  'keywords',
  'popularity',
  'leikaKey',
  'locationIds',
];

/** Messages for the rules across fields (the staff area is German only). */
export const formMessages = {
  extraEnglishLines:
    'Zu einer englischen Zeile fehlt die deutsche Zeile an derselben Stelle. Jede englische Zeile übersetzt die deutsche Zeile mit derselben Nummer.',
  feeLabelRequired: 'Bitte geben Sie eine Bezeichnung für diese Gebühr ein.',
  feeAmountRequired: 'Bitte geben Sie den Betrag dieser Gebühr ein, zum Beispiel 37,00.',
  durationMax: `Bitte geben Sie höchstens ${DURATION_MAX} Minuten an.`,
  leikaKey: 'Der LeiKa-Schlüssel besteht aus genau 14 Ziffern, zum Beispiel 99008001015000.',
  locations: 'Bitte wählen Sie nur Standorte aus der Liste.',
} as const;

/** A textarea as sent, not trimmed as a whole: leading empty lines keep the line positions. */
function rawText(body: unknown, key: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : '';
}

function stringOf(values: Record<string, unknown>, key: string): string {
  const value = values[key];
  return typeof value === 'string' ? value : '';
}

function localized(de: string, en: string): LocalizedText {
  return en ? { de, en } : { de };
}

/**
 * Reads the admin form. Returns the service's data, or German field messages (and the submitted
 * values to show again). `activeLocationIds` are the locations staff may choose from.
 */
export function parseLeistungForm(
  body: unknown,
  activeLocationIds: ReadonlySet<string>,
): FormResult<LeistungInput> {
  const base = parseForm(leistungFormSchema, body, 'de');
  const values = formValues(body);
  const errors: Record<string, string> = base.ok ? {} : { ...base.errors };
  const fail = (field: string, message: string) => {
    if (!errors[field]) errors[field] = message;
  };
  const money = validationMessages('de')('money');

  const documents = pairLines(rawText(body, 'documentsDe'), rawText(body, 'documentsEn'));
  if (documents.orphans) fail('documentsEn', formMessages.extraEnglishLines);
  const hints = pairLines(rawText(body, 'hintsDe'), rawText(body, 'hintsEn'));
  if (hints.orphans) fail('hintsEn', formMessages.extraEnglishLines);

  const fees: Fee[] = [];
  for (let row = 0; row < FEE_ROWS_MAX; row++) {
    const labelDe = stringOf(values, `fee${row}LabelDe`);
    const labelEn = stringOf(values, `fee${row}LabelEn`);
    const amount = stringOf(values, `fee${row}Amount`);
    const legalBasis = stringOf(values, `fee${row}LegalBasis`);
    if (!labelDe && !labelEn && !amount && !legalBasis) continue;
    if (!labelDe) fail(`fee${row}LabelDe`, formMessages.feeLabelRequired);
    const amountCents = parseEuroToCents(amount);
    if (!amount) fail(`fee${row}Amount`, formMessages.feeAmountRequired);
    else if (amountCents === null) fail(`fee${row}Amount`, money);
    fees.push({ label: localized(labelDe, labelEn), amountCents: amountCents ?? 0, legalBasis });
  }

  const duration = Number(stringOf(values, 'durationMinutes'));
  if (Number.isInteger(duration) && duration > DURATION_MAX)
    fail('durationMinutes', formMessages.durationMax);

  const leikaKey = stringOf(values, 'leikaKey').replace(/\s+/g, '');
  if (leikaKey && !isLeikaKey(leikaKey)) fail('leikaKey', formMessages.leikaKey);

  const locationIds = [...new Set(asArray(values.locationIds))];
  if (locationIds.some((id) => !activeLocationIds.has(id))) fail('locationIds', formMessages.locations);

  if (!base.ok || Object.keys(errors).length > 0) {
    const rank = (field: string) => {
      const index = fieldOrder.indexOf(field);
      return index === -1 ? fieldOrder.length : index;
    };
    const ordered = Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
    return { ok: false, errors: ordered, values };
  }

  const data = base.data;
  return {
    ok: true,
    data: {
      name: localized(data.nameDe, data.nameEn),
      shortDescription: localized(data.shortDescriptionDe, data.shortDescriptionEn),
      description: localized(data.descriptionDe, data.descriptionEn),
      documents: documents.items,
      fees,
      durationMinutes: duration,
      bookableOnline: checkbox(data.bookableOnline),
      walkIn: checkbox(data.walkIn),
      onlineApplication: checkbox(data.onlineApplication),
      hints: hints.items,
      keywords: splitKeywords(data.keywords),
      popularity: data.popularity ? Number(data.popularity) : 0,
      leikaKey: leikaKey || null,
      locationIds,
    },
  };
}

/** The form's values for an existing service (or defaults for a new one). */
export function toFormValues(leistung?: Leistung, locationIds: string[] = []): Record<string, unknown> {
  if (!leistung) {
    return { durationMinutes: '15', bookableOnline: 'on', popularity: '0', locationIds };
  }
  const values: Record<string, unknown> = {
    nameDe: leistung.name.de,
    nameEn: leistung.name.en ?? '',
    shortDescriptionDe: leistung.shortDescription.de,
    shortDescriptionEn: leistung.shortDescription.en ?? '',
    descriptionDe: leistung.description.de,
    descriptionEn: leistung.description.en ?? '',
    documentsDe: leistung.documents.map((document) => document.de).join('\n'),
    documentsEn: englishLines(leistung.documents),
    durationMinutes: String(leistung.durationMinutes),
    bookableOnline: leistung.bookableOnline ? 'on' : undefined,
    walkIn: leistung.walkIn ? 'on' : undefined,
    onlineApplication: leistung.onlineApplication ? 'on' : undefined,
    hintsDe: leistung.hints.map((hint) => hint.de).join('\n'),
    hintsEn: englishLines(leistung.hints),
    keywords: leistung.keywords.join(', '),
    popularity: String(leistung.popularity),
    leikaKey: leistung.leikaKey ?? '',
    locationIds,
  };
  leistung.fees.forEach((fee, row) => {
    values[`fee${row}LabelDe`] = fee.label.de;
    values[`fee${row}LabelEn`] = fee.label.en ?? '';
    values[`fee${row}Amount`] = formatAmountInput(fee.amountCents);
    values[`fee${row}LegalBasis`] = fee.legalBasis;
  });
  return values;
}

/** How many fee rows to show: the filled ones plus one empty row, at least FEE_ROWS_MIN. */
export function feeRowCount(values: Record<string, unknown>): number {
  let last = -1;
  for (let row = 0; row < FEE_ROWS_MAX; row++) {
    const filled = ['LabelDe', 'LabelEn', 'Amount', 'LegalBasis'].some((part) =>
      stringOf(values, `fee${row}${part}`),
    );
    if (filled) last = row;
  }
  return Math.min(FEE_ROWS_MAX, Math.max(FEE_ROWS_MIN, last + 2));
}
