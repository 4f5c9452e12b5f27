import { z } from 'zod';
import { asArray, checkbox, type FormResult, formValues, parseForm } from '../../platform/forms/forms.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { isValidDate } from '../../platform/time/berlin-time.js';
import { isLocationId, MAX_SERVICES, parseServiceIds, single } from './termine.form.js';
import { waitlistMessages } from './waitlist.messages.js';
import type { TimeOfDay } from './waitlist.service.js';

export const TIMES_OF_DAY: readonly TimeOfDay[] = ['vormittag', 'nachmittag'];

/** Location ids from `standort=a,b`, repeated `standorte=a&standorte=b` or both; unique. */
export function parseLocationIds(...values: unknown[]): string[] {
  const ids = values
    .flatMap((value) => asArray(value))
    .flatMap((part) => part.split(','))
    .map((id) => id.trim())
    .filter(isLocationId);
  return [...new Set(ids)];
}

export function parseTimesOfDay(value: unknown): TimeOfDay[] {
  const chosen = new Set(asArray(value));
  return TIMES_OF_DAY.filter((time) => chosen.has(time));
}

const joinSchema = z.object({
  name: z.string('required').min(1, 'required').max(200, 'tooLong'),
  email: z.string('required').min(1, 'required').max(254, 'tooLong').pipe(z.email('email')),
  von: z.string('required').min(1, 'required').refine(isValidDate, 'date'),
  bis: z.string('required').min(1, 'required').refine(isValidDate, 'date'),
  datenschutz: z.unknown().refine(checkbox, 'privacy'),
});

export interface JoinForm {
  name: string;
  email: string;
  serviceIds: string[];
  locationIds: string[];
  fromDate: string;
  toDate: string;
  timesOfDay: TimeOfDay[];
}

/** The join form; field errors are keyed by the form's field names (and ids): leistungen, standorte, … */
export function parseJoinForm(body: unknown, lang: Lang): FormResult<JoinForm> {
  const t = waitlistMessages(lang);
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const serviceIds = parseServiceIds(values.leistungen);
  const locationIds = parseLocationIds(values.standorte);
  const timesOfDay = parseTimesOfDay(values.tageszeiten);
  const parsed = parseForm(joinSchema, body, lang);
  const errors: Record<string, string> = {};
  // In the order the fields appear on the page (the error summary keeps it).
  if (serviceIds.length === 0) errors.leistungen = t('servicesRequired');
  else if (serviceIds.length > MAX_SERVICES) errors.leistungen = t('servicesInvalid');
  if (locationIds.length === 0) errors.standorte = t('locationsRequired');
  if (!parsed.ok) {
    if (parsed.errors.von) errors.von = parsed.errors.von;
    if (parsed.errors.bis) errors.bis = parsed.errors.bis;
  }
  if (timesOfDay.length === 0) errors.tageszeiten = t('timesRequired');
  if (!parsed.ok) {
    if (parsed.errors.name) errors.name = parsed.errors.name;
    if (parsed.errors.email) errors.email = parsed.errors.email;
    if (parsed.errors.datenschutz) errors.datenschutz = t('privacyRequired');
  }
  if (!parsed.ok || Object.keys(errors).length > 0) {
    return { ok: false, errors, values: formValues(body) };
  }
  return {
    ok: true,
    data: {
      name: parsed.data.name,
      email: parsed.data.email,
      serviceIds,
      locationIds,
      fromDate: parsed.data.von,
      toDate: parsed.data.bis,
      timesOfDay,
    },
  };
}

/** The service's ValidationError (keyed by its input names, German text) as the form's field errors. */
export function serviceFieldErrors(fieldErrors: Record<string, string>, lang: Lang): Record<string, string> {
  const t = waitlistMessages(lang);
  const errors: Record<string, string> = {};
  if (fieldErrors.serviceIds) errors.leistungen = t('servicesInvalid');
  if (fieldErrors.locationIds) {
    errors.standorte = /unbekannt/i.test(fieldErrors.locationIds)
      ? t('locationsUnknown')
      : t('locationsRequired');
  }
  if (fieldErrors.fromDate) errors.von = t('fromInvalid');
  if (fieldErrors.toDate) errors.bis = /180/.test(fieldErrors.toDate) ? t('toTooFar') : t('toBeforeFrom');
  if (fieldErrors.timesOfDay) errors.tageszeiten = t('timesRequired');
  for (const [key, message] of Object.entries(fieldErrors)) {
    if (!['serviceIds', 'locationIds', 'fromDate', 'toDate', 'timesOfDay'].includes(key)) {
      errors[key] = message;
    }
  }
  return errors;
}

/** The opaque token of a link (a base64url secret). */
export function linkToken(value: unknown): string {
  const token = single(value);
  return /^[\w-]{10,100}$/.test(token) ? token : '';
}
