import { z } from 'zod';
import { isValidDate, isValidTime } from '../../platform/time/berlin-time.js';
import {
  type ExceptionInput,
  exceptionErrors,
  MAX_EXCEPTION_INTERVALS,
  MAX_WEEKLY_INTERVALS,
} from './locations.service.js';
import { validateIntervals, validateWeekly, type WeeklyEntry } from './opening-hours.rules.js';

/** Forms of the staff pages for locations (German only). */

export type FormValues = Record<string, unknown>;
export interface FormErrors {
  /** Message under each field, keyed by the field's id. */
  fields: Record<string, string>;
  /** Entries for the error summary, in form order, with enough context to stand alone. */
  summary: Array<{ field: string; message: string }>;
}

export const WEEKDAYS_DE = [
  'Montag',
  'Dienstag',
  'Mittwoch',
  'Donnerstag',
  'Freitag',
  'Samstag',
  'Sonntag',
] as const;

export const str = (values: FormValues, key: string): string => {
  const value = values[key];
  return typeof value === 'string' ? value.trim() : '';
};

/** '8:00', '08.00', '0800' → '08:00'; anything else is returned unchanged (and fails validation later). */
export function normalizeTime(value: string): string {
  const trimmed = value.trim();
  const match = trimmed.match(/^(\d{1,2})[:.]?(\d{2})$/);
  if (!match) return trimmed;
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

/** 'TT.MM.JJJJ' (also 'T.M.JJJJ') or 'JJJJ-MM-TT' → 'JJJJ-MM-TT'; anything else is returned unchanged. */
export function normalizeDate(value: string): string {
  const trimmed = value.trim();
  const german = trimmed.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  if (german) return `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}`;
  return trimmed;
}

/** 'JJJJ-MM-TT' → 'TT.MM.JJJJ' for form fields and staff tables. */
export function germanDate(date: string): string {
  const match = date.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : date;
}

export const weeklyField = (weekday: number, index: number, part: 'opens' | 'closes') =>
  `d${weekday}_${index}_${part}`;
export const weeklyLabel = (weekday: number, index: number, part: 'opens' | 'closes') =>
  `${WEEKDAYS_DE[weekday - 1]}, Zeitraum ${index + 1}: ${part === 'opens' ? 'von' : 'bis'}`;

/** The weekly hours as form values (d1_0_opens …), for the edit form. */
export function weeklyToValues(weekly: WeeklyEntry[]): FormValues {
  const values: FormValues = {};
  const seen = new Map<number, number>();
  for (const entry of [...weekly].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))) {
    const index = seen.get(entry.weekday) ?? 0;
    seen.set(entry.weekday, index + 1);
    if (index >= MAX_WEEKLY_INTERVALS) continue;
    values[weeklyField(entry.weekday, index, 'opens')] = entry.opens;
    values[weeklyField(entry.weekday, index, 'closes')] = entry.closes;
  }
  return values;
}

function addError(errors: FormErrors, field: string, message: string, context: string): void {
  if (errors.fields[field]) return;
  errors.fields[field] = message;
  errors.summary.push({ field, message: `${context}: ${message}` });
}

function sortSummary(errors: FormErrors, order: string[]): void {
  errors.summary.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

const MSG = {
  time: 'Bitte geben Sie eine Uhrzeit im Format HH:MM ein, zum Beispiel 08:30.',
  missingOpens: 'Bitte geben Sie auch den Beginn an (oder lassen Sie beide Felder leer).',
  missingCloses: 'Bitte geben Sie auch das Ende an (oder lassen Sie beide Felder leer).',
  order: 'Das Ende muss nach dem Beginn liegen.',
  overlap: 'Der Zeitraum überschneidet sich mit einem anderen Zeitraum desselben Tages.',
};

/**
 * Reads the weekly-hours form: per weekday up to {@link MAX_WEEKLY_INTERVALS} intervals in fields
 * `d{weekday}_{index}_opens|closes`; both empty = no interval. Checks format, order and overlaps.
 */
export function parseWeeklyForm(
  values: FormValues,
): { ok: true; entries: WeeklyEntry[] } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = { fields: {}, summary: [] };
  const entries: WeeklyEntry[] = [];
  const fieldsOf: Array<{ weekday: number; index: number }> = [];
  const order: string[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let index = 0; index < MAX_WEEKLY_INTERVALS; index++) {
      const opensField = weeklyField(weekday, index, 'opens');
      const closesField = weeklyField(weekday, index, 'closes');
      order.push(opensField, closesField);
      const context = `${WEEKDAYS_DE[weekday - 1]}, Zeitraum ${index + 1}`;
      const opens = normalizeTime(str(values, opensField));
      const closes = normalizeTime(str(values, closesField));
      if (!opens && !closes) continue;
      let valid = true;
      if (!opens) {
        addError(errors, opensField, MSG.missingOpens, context);
        valid = false;
      } else if (!isValidTime(opens)) {
        addError(errors, opensField, MSG.time, `${context}, von`);
        valid = false;
      }
      if (!closes) {
        addError(errors, closesField, MSG.missingCloses, context);
        valid = false;
      } else if (!isValidTime(closes)) {
        addError(errors, closesField, MSG.time, `${context}, bis`);
        valid = false;
      }
      if (valid) {
        entries.push({ weekday: weekday as WeeklyEntry['weekday'], opens, closes });
        fieldsOf.push({ weekday, index });
      }
    }
  }
  for (const { index, problem } of validateWeekly(entries)) {
    const at = fieldsOf[index]!;
    const context = `${WEEKDAYS_DE[at.weekday - 1]}, Zeitraum ${at.index + 1}`;
    if (problem === 'order')
      addError(errors, weeklyField(at.weekday, at.index, 'closes'), MSG.order, context);
    else if (problem === 'overlap')
      addError(errors, weeklyField(at.weekday, at.index, 'opens'), MSG.overlap, context);
    else addError(errors, weeklyField(at.weekday, at.index, 'opens'), MSG.time, context);
  }
  if (errors.summary.length > 0) {
    sortSummary(errors, order);
    return { ok: false, errors };
  }
  return { ok: true, entries };
}

export const exceptionIntervalField = (index: number, part: 'opens' | 'closes') => `i${index}_${part}`;
export const exceptionIntervalLabel = (index: number, part: 'opens' | 'closes') =>
  `Besondere Öffnungszeit, Zeitraum ${index + 1}: ${part === 'opens' ? 'von' : 'bis'}`;

const EXCEPTION_LABELS: Record<string, string> = {
  from: 'Von (Datum)',
  to: 'Bis (Datum)',
  kind: 'Art',
  reason_de: 'Grund (Deutsch)',
  reason_en: 'Grund (Englisch)',
  i0_opens: 'Zeitraum 1, von',
  i0_closes: 'Zeitraum 1, bis',
  i1_opens: 'Zeitraum 2, von',
  i1_closes: 'Zeitraum 2, bis',
};
const EXCEPTION_ORDER = [
  'from',
  'to',
  'kind',
  'i0_opens',
  'i0_closes',
  'i1_opens',
  'i1_closes',
  'reason_de',
  'reason_en',
];

/** Reads the closure / special-hours form; dates as TT.MM.JJJJ or JJJJ-MM-TT, an empty end = one day. */
export function parseExceptionForm(
  values: FormValues,
  today: string,
): { ok: true; input: ExceptionInput } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = { fields: {}, summary: [] };
  const from = normalizeDate(str(values, 'from'));
  const to = normalizeDate(str(values, 'to')) || from;
  const kindValue = str(values, 'kind');
  const kind = kindValue === 'hours' ? 'hours' : 'closed';
  if (kindValue !== 'hours' && kindValue !== 'closed')
    addError(errors, 'kind', 'Bitte wählen Sie die Art aus.', 'Art');
  if (!from)
    addError(
      errors,
      'from',
      'Bitte geben Sie das Datum ein, ab dem der Eintrag gilt.',
      EXCEPTION_LABELS.from!,
    );
  else if (!isValidDate(from)) {
    addError(
      errors,
      'from',
      'Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein.',
      EXCEPTION_LABELS.from!,
    );
  }
  if (str(values, 'to') && !isValidDate(to)) {
    addError(
      errors,
      'to',
      'Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein.',
      EXCEPTION_LABELS.to!,
    );
  }
  const intervals: ExceptionInput['intervals'] = [];
  const indexes: number[] = [];
  let intervalErrors = false;
  if (kind === 'hours') {
    for (let index = 0; index < MAX_EXCEPTION_INTERVALS; index++) {
      const opensField = exceptionIntervalField(index, 'opens');
      const closesField = exceptionIntervalField(index, 'closes');
      const opens = normalizeTime(str(values, opensField));
      const closes = normalizeTime(str(values, closesField));
      if (!opens && !closes) continue;
      let valid = true;
      if (!opens) {
        addError(errors, opensField, MSG.missingOpens, EXCEPTION_LABELS[opensField]!);
        valid = false;
      } else if (!isValidTime(opens)) {
        addError(errors, opensField, MSG.time, EXCEPTION_LABELS[opensField]!);
        valid = false;
      }
      if (!closes) {
        addError(errors, closesField, MSG.missingCloses, EXCEPTION_LABELS[closesField]!);
        valid = false;
      } else if (!isValidTime(closes)) {
        addError(errors, closesField, MSG.time, EXCEPTION_LABELS[closesField]!);
        valid = false;
      }
      if (valid) {
        intervals.push({ opens, closes });
        indexes.push(index);
      } else {
        intervalErrors = true;
      }
    }
    for (const { index, problem } of validateIntervals(intervals)) {
      const at = indexes[index]!;
      intervalErrors = true;
      if (problem === 'order') {
        const field = exceptionIntervalField(at, 'closes');
        addError(errors, field, MSG.order, EXCEPTION_LABELS[field]!);
      } else {
        const field = exceptionIntervalField(at, 'opens');
        addError(
          errors,
          field,
          problem === 'overlap' ? 'Die Zeiträume dürfen sich nicht überschneiden.' : MSG.time,
          EXCEPTION_LABELS[field]!,
        );
      }
    }
  }
  const reasonDe = str(values, 'reason_de');
  const reasonEn = str(values, 'reason_en');
  if (reasonDe.length > 200)
    addError(
      errors,
      'reason_de',
      'Der Text ist zu lang (höchstens 200 Zeichen).',
      EXCEPTION_LABELS.reason_de!,
    );
  if (reasonEn.length > 200)
    addError(
      errors,
      'reason_en',
      'Der Text ist zu lang (höchstens 200 Zeichen).',
      EXCEPTION_LABELS.reason_en!,
    );
  const input: ExceptionInput = {
    from,
    to,
    kind,
    intervals,
    reason: reasonEn ? { de: reasonDe, en: reasonEn } : { de: reasonDe },
  };
  // The remaining rules (date range, reason, at least one interval) come from the service's check.
  for (const [field, message] of Object.entries(exceptionErrors(input, today))) {
    if ((field === 'from' || field === 'to') && (errors.fields.from || errors.fields.to)) continue;
    if (field.startsWith('i') && intervalErrors) continue;
    addError(errors, field, message, EXCEPTION_LABELS[field] ?? field);
  }
  if (errors.summary.length > 0) {
    sortSummary(errors, EXCEPTION_ORDER);
    return { ok: false, errors };
  }
  return { ok: true, input };
}

const requiredText = (max: number) => z.string('required').trim().min(1, 'required').max(max, 'tooLong');
const optionalText = (max: number) => z.string().trim().max(max, 'tooLong').optional().default('');

/** Master data of a location; `id` only when creating one. */
export const masterDataSchema = z.object({
  name_de: requiredText(120),
  name_en: optionalText(120),
  street: requiredText(200),
  postalCode: z
    .string('required')
    .trim()
    .regex(/^\d{5}$/, 'invalid'),
  town: requiredText(120),
  phone: optionalText(60),
  email: z
    .union([z.literal(''), z.email('email').max(320, 'tooLong')])
    .optional()
    .default(''),
  directions_de: optionalText(5000),
  directions_en: optionalText(5000),
  accessibility_de: optionalText(5000),
  accessibility_en: optionalText(5000),
  closedOnDec24: z.literal('on').optional(),
  closedOnDec31: z.literal('on').optional(),
  sortOrder: z
    .string()
    .trim()
    .regex(/^\d{0,4}$/, 'number')
    .optional()
    .default(''),
});
export const newLocationSchema = masterDataSchema.extend({
  id: z
    .string('required')
    .trim()
    .min(1, 'required')
    .max(40, 'tooLong')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug'),
});

/** Field-specific texts where the generic validation message would be vague. */
export const masterDataMessages: Record<string, string> = {
  postalCode: 'Bitte geben Sie eine fünfstellige Postleitzahl ein.',
  sortOrder: 'Bitte geben Sie eine ganze Zahl von 0 bis 9999 ein.',
};

export const MASTER_DATA_LABELS: Record<string, string> = {
  id: 'Kennung',
  name_de: 'Name (Deutsch)',
  name_en: 'Name (Englisch)',
  street: 'Straße und Hausnummer',
  postalCode: 'Postleitzahl',
  town: 'Ort',
  phone: 'Telefon',
  email: 'E-Mail',
  directions_de: 'Anfahrt (Deutsch)',
  directions_en: 'Anfahrt (Englisch)',
  accessibility_de: 'Barrierefreiheit (Deutsch)',
  accessibility_en: 'Barrierefreiheit (Englisch)',
  closedOnDec24: 'Am 24. Dezember geschlossen',
  closedOnDec31: 'Am 31. Dezember geschlossen',
  sortOrder: 'Reihenfolge',
};

/** Field errors (from parseForm or a ValidationError) → field messages and a summary in form order. */
export function masterDataErrors(fieldErrors: Record<string, string>): FormErrors {
  const errors: FormErrors = { fields: {}, summary: [] };
  const order = Object.keys(MASTER_DATA_LABELS);
  for (const [field, message] of Object.entries(fieldErrors)) {
    addError(errors, field, masterDataMessages[field] ?? message, MASTER_DATA_LABELS[field] ?? field);
  }
  sortSummary(errors, order);
  return errors;
}

/** Errors keyed by field (e.g. a ValidationError's) → FormErrors, with labels for the summary. */
export function toFormErrors(
  fieldErrors: Record<string, string>,
  labels: Record<string, string>,
): FormErrors {
  const errors: FormErrors = { fields: {}, summary: [] };
  for (const [field, message] of Object.entries(fieldErrors))
    addError(errors, field, message, labels[field] ?? field);
  return errors;
}
