import { z } from 'zod';
import { asArray, checkbox, type FormResult, parseForm } from '../../platform/forms/forms.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import { addDays, isValidDate } from '../../platform/time/berlin-time.js';
import { termineMessages } from './termine.messages.js';

/** Services in one appointment at most (the JSON API has the same limit). */
export const MAX_SERVICES = 5;

/**
 * Days after the appointment when the citizen's contact data is deleted (shown in the privacy notice).
 * TODO(lead): should come from the configuration / the deletion job once it exists.
 */
export const PRIVACY_RETENTION_DAYS = 30;

const ID_RE = /^[a-z0-9][a-z0-9-]{0,99}$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const CODE_RE = /^[A-Z0-9]{3}-[A-Z0-9]{3}$/i;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Service ids from `leistungen=a,b`, repeated `leistungen=a&leistungen=b` (a GET form) or both; unique. */
export function parseServiceIds(value: unknown): string[] {
  const ids = asArray(value)
    .flatMap((part) => part.split(','))
    .map((id) => id.trim())
    .filter((id) => ID_RE.test(id));
  return [...new Set(ids)];
}

/** A single query value (the first one when repeated), trimmed; '' when missing. */
export function single(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, 200) : '';
}

export const isLocationId = (value: string): boolean => ID_RE.test(value);
export const isBookingCode = (value: string): boolean => CODE_RE.test(value);
export const isUuid = (value: string): boolean => UUID_RE.test(value);

/** 'YYYY-MM' → { year, month } or null. */
export function parseMonth(value: string): { year: number; month: number } | null {
  const match = MONTH_RE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return isValidDate(`${match[1]}-${match[2]}-01`) ? { year, month } : null;
}

export const monthOf = (date: string): string => date.slice(0, 7);
export const firstOfMonth = (month: string): string => `${month}-01`;

/** Last calendar day of a 'YYYY-MM' month. */
export function lastOfMonth(month: string): string {
  return addDays(firstOfMonth(shiftMonth(month, 1)), -1);
}

/** 'YYYY-MM' moved by n months. */
export function shiftMonth(month: string, n: number): string {
  const parsed = parseMonth(month);
  if (!parsed) throw new RangeError(`Invalid month '${month}'`);
  const index = parsed.year * 12 + (parsed.month - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** 'Dezember 2026' / 'December 2026'. */
export function formatMonth(month: string, lang: Lang): string {
  const parsed = parseMonth(month);
  if (!parsed) return month;
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(parsed.year, parsed.month - 1, 15));
}

/** '3. Dezember' / '3 December' of a 'YYYY-MM-DD' date. */
export function formatDayMonth(date: string, lang: Lang): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(Date.UTC(year, month - 1, day));
}

/** Shows enough of an address to recognise it: "kim@example.org" → "k***@example.org". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** The same document named by several services is listed once (compared in the reader's language). */
export function uniqueTexts(texts: LocalizedText[], lang: Lang): LocalizedText[] {
  const seen = new Set<string>();
  const result: LocalizedText[] = [];
  for (const text of texts) {
    const key = pick(text, lang).trim().toLocaleLowerCase(lang);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    result.push(text);
  }
  return result;
}

/** What the booking steps carry from page to page in the query string (and hidden fields). */
export interface FlowState {
  serviceIds: string[];
  locationId?: string | undefined;
  month?: string | undefined;
  day?: string | undefined;
  /** Moving an existing appointment: its code and manage token. */
  move?: { code: string; token: string } | undefined;
}

/** The URL of a booking step with the state as German query parameters. */
export function flowUrl(path: string, state: FlowState): string {
  const params = new URLSearchParams();
  if (state.serviceIds.length > 0) params.set('leistungen', state.serviceIds.join(','));
  if (state.locationId) params.set('standort', state.locationId);
  if (state.month) params.set('monat', state.month);
  if (state.day) params.set('tag', state.day);
  if (state.move) {
    params.set('verschieben', state.move.code);
    params.set('token', state.move.token);
  }
  const query = params.toString().replace(/%2C/g, ',');
  return query ? `${path}?${query}` : path;
}

/** The move parameters of a query or form, when both are present and well-formed. */
export function moveOf(source: Record<string, unknown>): FlowState['move'] {
  const code = single(source.verschieben).toUpperCase();
  const token = single(source.token);
  return isBookingCode(code) && /^[\w-]{10,100}$/.test(token) ? { code, token } : undefined;
}

// ---- POST /termine/reservieren

const reserveSchema = z.object({
  leistungen: z.string('required').min(1, 'required').max(1_000, 'tooLong'),
  standort: z.string('required').regex(ID_RE, 'choice'),
  start: z.iso.datetime({ offset: true, error: 'choice' }),
});

export interface ReserveInput {
  serviceIds: string[];
  locationId: string;
  start: Date;
  move: FlowState['move'];
}

export function parseReserveForm(
  body: unknown,
  lang: Lang,
): FormResult<ReserveInput> & { serviceIds: string[]; locationId: string } {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const serviceIds = parseServiceIds(values.leistungen).slice(0, MAX_SERVICES);
  const locationId = single(values.standort);
  const parsed = parseForm(reserveSchema, body, lang);
  if (!parsed.ok) return { ...parsed, serviceIds, locationId };
  if (serviceIds.length === 0) {
    return {
      ok: false,
      errors: { leistungen: termineMessages(lang)('servicesRequired') },
      values,
      serviceIds,
      locationId,
    };
  }
  return {
    ok: true,
    data: { serviceIds, locationId, start: new Date(parsed.data.start), move: moveOf(values) },
    serviceIds,
    locationId,
  };
}

// ---- GET/POST /termine/angaben/{id}

const detailsSchema = z.object({
  name: z.string('required').min(1, 'required').max(200, 'tooLong'),
  email: z.string('required').min(1, 'required').max(254, 'tooLong').pipe(z.email('email')),
  phone: z
    .string('invalid')
    .max(50, 'tooLong')
    .regex(/^[+\d\s()/-]*$/, 'invalid')
    .default(''),
  note: z.string('invalid').max(1_000, 'tooLong').default(''),
  datenschutz: z.unknown().refine(checkbox, 'privacy'),
});

export interface DetailsInput {
  name: string;
  email: string;
  phone: string | null;
  note: string | null;
}

/** The citizen's details; the privacy checkbox is required. */
export function parseDetailsForm(body: unknown, lang: Lang): FormResult<DetailsInput> {
  const parsed = parseForm(detailsSchema, body, lang);
  if (!parsed.ok) {
    if (parsed.errors.datenschutz) parsed.errors.datenschutz = termineMessages(lang)('privacyRequired');
    return parsed;
  }
  const { name, email, phone, note } = parsed.data;
  return { ok: true, data: { name, email, phone: phone || null, note: note || null } };
}

/** The cancel form: the token travels as a hidden field, the checkbox must be ticked. */
export function parseCancelForm(
  body: unknown,
  lang: Lang,
): { ok: true; token: string } | { ok: false; token: string; errors: Record<string, string> } {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const token = single(values.token);
  if (!checkbox(values.absagen)) {
    return { ok: false, token, errors: { absagen: termineMessages(lang)('cancelRequired') } };
  }
  return { ok: true, token };
}
