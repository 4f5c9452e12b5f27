import { z } from 'zod';
import { checkbox } from '../../platform/forms/forms.js';
import { isValidDate } from '../../platform/time/berlin-time.js';
import { hasPinLetter } from './dokumente.service.js';
import {
  type DocumentStatus,
  type DocumentType,
  documentStatuses,
  documentTypes,
} from './dokumente.tables.js';

/** Forms of the staff pages for ID documents (messages are codes from validationMessages). */

/** 'TT.MM.JJJJ' (also 'T.M.JJJJ') or 'JJJJ-MM-TT' → 'JJJJ-MM-TT'; anything else unchanged. */
export function normaliseDate(value: string): string {
  const german = value.trim().match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  if (german) return `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}`;
  return value.trim();
}

/**
 * A mobile number as typed ('0171 234 56 78', '+49 (171) 2345678', '0049…') in international form
 * ('+491712345678'); undefined when it cannot be one.
 */
export function normalisePhone(value: string): string | undefined {
  const compact = value.replace(/[\s()/.-]/g, '');
  const international = compact.startsWith('00')
    ? `+${compact.slice(2)}`
    : compact.startsWith('0')
      ? `+49${compact.slice(1)}`
      : compact;
  return /^\+[1-9]\d{6,14}$/.test(international) ? international : undefined;
}

export const NAME_MAX = 200;
/** A delivery has at most this many numbers (a Bundesdruckerei parcel holds far fewer). */
export const DELIVERY_MAX = 2000;
/** Largest delivery list accepted as a file. */
export const CSV_MAX_BYTES = 512 * 1024;

const required = () => z.string('required').min(1, 'required');
const optionalText = () => z.string().optional().default('');

/** Recording an application at the desk. The serial number is checked by the service (O read as 0). */
export const recordSchema = z
  .object({
    documentType: z.enum(documentTypes, { error: 'choice' }),
    serialNumber: required().max(40, 'tooLong'),
    applicantName: required().max(NAME_MAX, 'tooLong'),
    applicantBirthDate: required()
      .transform(normaliseDate)
      .refine((value) => isValidDate(value), 'date'),
    locationId: z.string('choice').min(1, 'choice').max(100, 'choice'),
    contactEmail: optionalText().pipe(z.union([z.literal(''), z.email('email').max(254, 'tooLong')])),
    contactPhone: optionalText().refine(
      (value) => value === '' || normalisePhone(value) !== undefined,
      'invalid',
    ),
    contactConsent: z.unknown().optional().transform(checkbox),
    contactLang: z.enum(['de', 'en'], { error: 'choice' }).optional().default('de'),
  })
  .transform((values) => ({
    ...values,
    contactEmail: values.contactEmail === '' ? null : values.contactEmail,
    contactPhone: values.contactPhone === '' ? null : (normalisePhone(values.contactPhone) ?? null),
  }));
export type RecordForm = z.infer<typeof recordSchema>;

/** The service refuses contact data without consent with this message; the form says the same. */
export const CONSENT_MESSAGE = 'Ohne Einwilligung dürfen wir die Kontaktdaten nicht speichern.';

/** Contact data given without the consent box ticked (checked with the other fields, before the service). */
export function consentMissing(values: Record<string, unknown>): boolean {
  const given = (key: string) => typeof values[key] === 'string' && (values[key] as string).trim() !== '';
  return (given('contactEmail') || given('contactPhone')) && !checkbox(values.contactConsent);
}

/** A status change from the detail page. Handing over goes through the checklist instead. */
export const statusSchema = z.object({
  to: z.enum(documentStatuses, { error: 'choice' }),
});

/** The numbers of a delivery as scanned: one per line (a scanner ends each with Enter). */
export const scanSchema = z.object({
  serials: required()
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .refine((lines) => lines.length > 0, 'required')
    .refine((lines) => lines.length <= DELIVERY_MAX, 'tooLong'),
});

/** The checklist at the desk. */
export const handoverSchema = z.object({
  identityChecked: z.unknown().optional().transform(checkbox),
  pinLetterReceived: z.unknown().optional().transform(checkbox),
  oldDocument: z.enum(['invalidated', 'returned', 'none'], { error: 'choice' }),
  authorisedPerson: z.unknown().optional().transform(checkbox),
});
export type HandoverForm = z.infer<typeof handoverSchema>;

/** What the service demands of the checklist, with its messages, to show them all at once. */
export function checklistErrors(type: DocumentType, values: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!checkbox(values.identityChecked)) errors.identityChecked = 'Bitte prüfen Sie die Identität.';
  if (hasPinLetter(type) && !checkbox(values.pinLetterReceived)) {
    errors.pinLetterReceived = 'Bitte lassen Sie sich den PIN-Brief zeigen.';
  }
  return errors;
}

/** Filters of the overview (query string). Anything unknown is ignored, not an error. */
export function overviewFilter(query: Record<string, unknown>): {
  q: string;
  status: DocumentStatus | undefined;
  standort: string | undefined;
} {
  const text = (key: string) => (typeof query[key] === 'string' ? (query[key] as string).trim() : '');
  const status = text('status');
  return {
    q: text('q').slice(0, 100),
    status: (documentStatuses as readonly string[]).includes(status) ? (status as DocumentStatus) : undefined,
    standort: text('standort').slice(0, 100) || undefined,
  };
}
