import { z } from 'zod';
import { asArray, formValues, parseForm } from '../../platform/forms/forms.js';
import { isValidDate, isValidTime } from '../../platform/time/berlin-time.js';

/** Forms of the staff pages for appointments (German only). */

export type FormValues = Record<string, unknown>;
export interface FormErrors {
  /** Message under each field, keyed by the field's id. */
  fields: Record<string, string>;
  /** Entries for the error summary, in form order, with the field's label as context. */
  summary: Array<{ field: string; message: string }>;
}

export const noErrors: FormErrors = { fields: {}, summary: [] };

/** Services in one appointment at most (the citizen pages and the JSON API have the same limit). */
export const MAX_SERVICES = 5;

const ID_RE = /^[a-z0-9][a-z0-9-]{0,99}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const isId = (value: string): boolean => ID_RE.test(value);
export const isUuid = (value: string): boolean => UUID_RE.test(value);

export const str = (values: FormValues, key: string): string => {
  const value = values[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, 2000) : '';
};

/** Service ids from repeated fields (`leistungen=a&leistungen=b`) or a list (`leistungen=a,b`); unique. */
export function serviceIdsOf(value: unknown): string[] {
  const ids = asArray(value)
    .flatMap((part) => part.split(','))
    .map((id) => id.trim())
    .filter(isId);
  return [...new Set(ids)];
}

/** 'TT.MM.JJJJ' (also 'T.M.JJJJ') or 'JJJJ-MM-TT' → 'JJJJ-MM-TT'; anything else unchanged. */
export function normalizeDate(value: string): string {
  const trimmed = value.trim();
  const german = trimmed.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  if (german) return `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}`;
  return trimmed;
}

/** '8:00', '08.00', '0800' → '08:00'; anything else unchanged. */
export function normalizeTime(value: string): string {
  const trimmed = value.trim();
  const match = trimmed.match(/^(\d{1,2})[:.]?(\d{2})$/);
  if (!match) return trimmed;
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

/** A field that must be filled in; a missing field counts as empty. */
const required = () => z.string('required').min(1, 'required');

const dateField = required()
  .transform(normalizeDate)
  .refine((value) => isValidDate(value), 'date');

const optionalTime = z
  .string()
  .optional()
  .default('')
  .transform(normalizeTime)
  .refine((value) => value === '' || isValidTime(value), 'time');

const optionalText = (max: number) => z.string().max(max, 'tooLong').optional().default('');

/** Labels of all fields, for the error summary ("Label: message"). */
export const LABELS: Record<string, string> = {
  standort: 'Standort',
  leistungen: 'Leistungen',
  tag: 'Tag',
  start: 'Uhrzeit',
  name: 'Name',
  email: 'E-Mail-Adresse',
  phone: 'Telefonnummer',
  note: 'Hinweis',
  grund: 'Grund',
  von: 'Von',
  bis: 'Bis',
};

/** Field errors (keyed by field name) → messages per field and the summary with labels. */
export function toFormErrors(fieldErrors: Record<string, string>): FormErrors {
  const errors: FormErrors = { fields: {}, summary: [] };
  for (const [field, message] of Object.entries(fieldErrors)) {
    if (errors.fields[field]) continue;
    errors.fields[field] = message;
    const label = LABELS[field];
    errors.summary.push({ field, message: label ? `${label}: ${message}` : message });
  }
  return errors;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FormErrors; values: FormValues };

// ---- booking for a caller

export interface BookingForm {
  standort: string;
  leistungen: string[];
  tag: string;
  start: Date;
  name: string;
  email: string | null;
  phone: string | null;
  note: string | null;
}

const bookingSchema = z.object({
  standort: required().regex(ID_RE, 'choice'),
  tag: dateField,
  start: z.string('choice').regex(ISO_INSTANT_RE, 'choice'),
  name: required().max(200, 'tooLong'),
  email: z
    .union([z.literal(''), z.email('email').max(254, 'tooLong')])
    .optional()
    .default(''),
  phone: optionalText(50),
  note: optionalText(1000),
});

export function parseBookingForm(body: unknown): Parsed<BookingForm> {
  const values = formValues(body);
  const leistungen = serviceIdsOf(values.leistungen);
  const form = parseForm(bookingSchema, { ...values, leistungen: undefined }, 'de');
  const fieldErrors: Record<string, string> = {};
  if (leistungen.length === 0) fieldErrors.leistungen = 'Bitte wählen Sie mindestens eine Leistung.';
  else if (leistungen.length > MAX_SERVICES)
    fieldErrors.leistungen = `Bitte wählen Sie höchstens ${MAX_SERVICES} Leistungen.`;
  if (!form.ok) Object.assign(fieldErrors, form.errors);
  if (!form.ok || Object.keys(fieldErrors).length > 0) {
    return { ok: false, errors: toFormErrors(ordered(fieldErrors)), values: { ...values, leistungen } };
  }
  const data = form.data;
  return {
    ok: true,
    data: {
      standort: data.standort,
      leistungen,
      tag: data.tag,
      start: new Date(data.start),
      name: data.name,
      email: data.email || null,
      phone: data.phone || null,
      note: data.note || null,
    },
  };
}

// ---- cancelling one appointment

const cancelSchema = z.object({
  grund: required().max(500, 'tooLong'),
});

export function parseCancelForm(body: unknown): Parsed<{ grund: string }> {
  const form = parseForm(cancelSchema, body, 'de');
  if (!form.ok) return { ok: false, errors: toFormErrors(form.errors), values: form.values };
  return { ok: true, data: form.data };
}

// ---- closing a day or a time range

export interface ClosureForm {
  standort: string;
  tag: string;
  von: string | null;
  bis: string | null;
  grund: string;
}

const closureSchema = z.object({
  standort: required().regex(ID_RE, 'choice'),
  tag: dateField,
  von: optionalTime,
  bis: optionalTime,
  grund: required().max(500, 'tooLong'),
});

/** `today` is the Berlin date: a closure cannot lie in the past. */
export function parseClosureForm(body: unknown, today: string): Parsed<ClosureForm> {
  const form = parseForm(closureSchema, body, 'de');
  if (!form.ok) return { ok: false, errors: toFormErrors(ordered(form.errors)), values: form.values };
  const { standort, tag, von, bis, grund } = form.data;
  const fieldErrors: Record<string, string> = {};
  if (tag < today) fieldErrors.tag = 'Der Tag liegt in der Vergangenheit.';
  if (von && bis && von >= bis) fieldErrors.bis = '„Bis“ muss nach „Von“ liegen.';
  if (Object.keys(fieldErrors).length > 0) {
    return { ok: false, errors: toFormErrors(ordered(fieldErrors)), values: formValues(body) };
  }
  return { ok: true, data: { standort, tag, von: von || null, bis: bis || null, grund } };
}

const FIELD_ORDER = Object.keys(LABELS);

/** Errors in the order the fields appear on the pages. */
function ordered(errors: Record<string, string>): Record<string, string> {
  const rank = (field: string) => {
    const index = FIELD_ORDER.indexOf(field);
    return index === -1 ? FIELD_ORDER.length : index;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}
