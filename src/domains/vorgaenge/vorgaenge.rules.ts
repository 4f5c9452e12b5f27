import { DateTime } from 'luxon';
import type { Lang } from '../../platform/i18n/i18n.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { TIME_ZONE } from '../../platform/time/berlin-time.js';
import type { CaseStatus } from './case-handlers.js';

/**
 * Which status may follow which. A case is paid (or needs no payment), waits for a clerk, is worked on,
 * and ends completed or rejected; a clerk may give a case back to the queue, and an approved case is
 * completed once the physical part (print, post) is done. A fee left unpaid closes the case (rejected).
 */
export const allowedTransitions: Record<CaseStatus, readonly CaseStatus[]> = {
  payment_pending: ['submitted', 'completed', 'rejected'],
  submitted: ['in_progress', 'rejected', 'completed'],
  in_progress: ['completed', 'approved', 'rejected', 'submitted'],
  approved: ['completed'],
  completed: [],
  rejected: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/** Cases waiting for the office (the default of the staff work queue). */
export const openStatuses: readonly CaseStatus[] = ['submitted', 'in_progress', 'approved'];

export function isFinal(status: CaseStatus): boolean {
  return allowedTransitions[status].length === 0;
}

/** Status names in plain words, for citizens (de/en) and staff (de). */
export const statusLabels: Record<CaseStatus, Required<LocalizedText>> = {
  payment_pending: { de: 'Zahlung offen', en: 'Payment pending' },
  submitted: { de: 'Eingegangen', en: 'Received' },
  in_progress: { de: 'In Bearbeitung', en: 'Being processed' },
  approved: { de: 'Genehmigt', en: 'Approved' },
  completed: { de: 'Erledigt', en: 'Completed' },
  rejected: { de: 'Abgelehnt', en: 'Rejected' },
};

export type BadgeKind = 'info' | 'success' | 'warning' | 'danger';

export const statusKinds: Record<CaseStatus, BadgeKind> = {
  payment_pending: 'warning',
  submitted: 'info',
  in_progress: 'info',
  approved: 'success',
  completed: 'success',
  rejected: 'danger',
};

/** What happens next, per status, in plain words (case page and e-mail). */
export const nextSteps: Record<CaseStatus, Required<LocalizedText>> = {
  payment_pending: {
    de: 'Bitte bezahlen Sie die Gebühr online. Erst wenn die Zahlung eingegangen ist, geht es mit Ihrem Antrag weiter.',
    en: 'Please pay the fee online. Your application goes ahead once the payment has arrived.',
  },
  submitted: {
    de: 'Eine Mitarbeiterin oder ein Mitarbeiter des Bürgeramts sieht sich Ihren Antrag an. Sie müssen nichts tun; wir schreiben Ihnen, sobald sich etwas ändert.',
    en: 'A member of staff at the citizen office will look at your application. You do not need to do anything; we will write to you as soon as something changes.',
  },
  in_progress: {
    de: 'Ihr Antrag wird gerade bearbeitet. Sie müssen nichts tun; wir schreiben Ihnen, sobald er erledigt ist.',
    en: 'Your application is being processed. You do not need to do anything; we will write to you when it is done.',
  },
  approved: {
    de: 'Ihr Antrag ist genehmigt. Wir erledigen jetzt den Rest (zum Beispiel Druck und Versand per Post) und schreiben Ihnen, wenn alles fertig ist.',
    en: 'Your application has been approved. We are now doing the rest (for example printing and sending by post) and will write to you when everything is done.',
  },
  completed: {
    de: 'Ihr Antrag ist erledigt. Gibt es ein Dokument zum Herunterladen, finden Sie es auf der Seite Ihres Antrags.',
    en: 'Your application is complete. If there is a document to download, you will find it on the page of your application.',
  },
  rejected: {
    de: 'Ihr Antrag wurde abgelehnt. Den Grund finden Sie auf der Seite Ihres Antrags. Bei Fragen wenden Sie sich bitte an das Bürgeramt.',
    en: 'Your application has been rejected. You will find the reason on the page of your application. If you have questions, please contact the citizen office.',
  },
};

/** Why a case needs a clerk, in plain German (staff pages). Unknown reasons are shown as stored. */
export const reviewReasonLabels: Record<string, string> = {
  mismatch: 'Daten weichen vom Melderegister ab',
  information_block: 'Auskunftssperre',
  paper: 'Papierbescheinigung',
};

export function reviewReasonText(reason: string | null): string | null {
  if (!reason) return null;
  return reviewReasonLabels[reason] ?? reason;
}

/** Why a status change is not possible, in German (ConflictError). */
export function transitionConflictMessage(from: CaseStatus, to: CaseStatus): string {
  return `Ein Vorgang im Status „${statusLabels[from].de}“ kann nicht in den Status „${statusLabels[to].de}“ wechseln.`;
}

/** Why a clerk may not decide a case they have not taken (ConflictError, German). */
export function takeFirstMessage(verb: 'genehmigen' | 'ablehnen' | 'abschließen'): string {
  return `Bitte übernehmen Sie den Vorgang, bevor Sie ihn ${verb}.`;
}

/** A case another clerk has taken: who, and what to do (ConflictError, German). */
export function takenByOtherMessage(name: string | undefined): string {
  return `Diesen Vorgang bearbeitet ${name ?? 'eine andere Mitarbeiterin oder ein anderer Mitarbeiter'}. Übernehmen Sie ihn zuerst.`;
}

/** "26. November 2026, 14:05" / "26 November 2026, 14:05" in Berlin time. */
export function dateTimeText(instant: Date, lang: Lang): string {
  const local = DateTime.fromJSDate(instant, { zone: TIME_ZONE });
  return lang === 'en'
    ? local.setLocale('en-GB').toFormat('d MMMM yyyy, HH:mm')
    : local.setLocale('de-DE').toFormat('d. MMMM yyyy, HH:mm');
}

/** "26. November 2026" / "26 November 2026" in Berlin time. */
export function dateText(instant: Date, lang: Lang): string {
  const local = DateTime.fromJSDate(instant, { zone: TIME_ZONE });
  return lang === 'en'
    ? local.setLocale('en-GB').toFormat('d MMMM yyyy')
    : local.setLocale('de-DE').toFormat('d. MMMM yyyy');
}

/**
 * What the citizen is told when the certificate of their case is revoked: the timeline entry and the
 * e-mail's parts. Without the reason (it stays with the office); they are sent to the citizen office.
 */
export function revocationTexts(revokedAt: Date): {
  timeline: Required<LocalizedText>;
  mail: { subject: Required<LocalizedText>; intro: Required<LocalizedText>; next: Required<LocalizedText> };
} {
  const de = dateText(revokedAt, 'de');
  const en = dateText(revokedAt, 'en');
  return {
    timeline: {
      de: `Die Bescheinigung wurde am ${de} widerrufen und ist nicht mehr gültig. Bei Fragen wenden Sie sich bitte an das Bürgeramt.`,
      en: `The certificate was revoked on ${en} and is no longer valid. If you have questions, please contact the citizen office.`,
    },
    mail: {
      subject: { de: 'Bescheinigung widerrufen', en: 'Certificate revoked' },
      intro: {
        de: `die Bescheinigung zu Ihrem Antrag wurde am ${de} widerrufen und ist nicht mehr gültig.`,
        en: `the certificate issued for your application was revoked on ${en} and is no longer valid.`,
      },
      next: {
        de: 'Bitte legen Sie die widerrufene Bescheinigung nicht mehr vor. Wenn Sie Fragen haben oder eine neue Bescheinigung brauchen, wenden Sie sich bitte an das Bürgeramt.',
        en: 'Please do not use the revoked certificate any more. If you have questions or need a new certificate, please contact the citizen office.',
      },
    },
  };
}

/** Case number prefixes: 2 to 6 capital letters or digits, starting with a letter. */
export function isValidPrefix(prefix: string): boolean {
  return /^[A-Z][A-Z0-9]{1,5}$/.test(prefix);
}

/** "MB-2026-000042". Six digits; beyond 999,999 cases a year the number simply gets longer. */
export function formatCaseNumber(prefix: string, year: number, running: number): string {
  return `${prefix}-${year}-${String(running).padStart(6, '0')}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed UUID (case and staff ids; anything else must not reach the database). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A value of an answer or of the eID data, readable for staff ("Ja"/"Nein", lists, nested objects). */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nein';
  if (typeof value === 'string') {
    const date = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    return date ? `${date[3]}.${date[2]}.${date[1]}` : value;
  }
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(displayValue).join(', ') : '–';
  if (typeof value === 'object') {
    const address = addressText(value as Record<string, unknown>);
    if (address) return address;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '–';
    return entries.map(([key, item]) => `${keyLabel(key)}: ${displayValue(item)}`).join('; ');
  }
  return String(value);
}

/** A postal address (street, house number, postal code, town) on one line, as written in Germany. */
function addressText(value: Record<string, unknown>): string | undefined {
  const { street, houseNumber, postalCode, city } = value;
  if (typeof street !== 'string' || typeof postalCode !== 'string' || typeof city !== 'string')
    return undefined;
  const house = typeof houseNumber === 'string' && houseNumber ? ` ${houseNumber}` : '';
  return `${street}${house}, ${postalCode} ${city}`;
}

/** Known keys in German; others are split from camelCase/snake_case ("placeOfBirth" → "place of birth"). */
const keyLabels: Record<string, string> = {
  givenNames: 'Vornamen',
  familyName: 'Familienname',
  birthDate: 'Geburtsdatum',
  placeOfBirth: 'Geburtsort',
  address: 'Anschrift',
  street: 'Straße',
  houseNumber: 'Hausnummer',
  postalCode: 'Postleitzahl',
  city: 'Ort',
  trustLevel: 'Vertrauensniveau',
  authTime: 'Angemeldet um',
  email: 'E-Mail',
  subject: 'Kennung',
};

export function keyLabel(key: string): string {
  const known = keyLabels[key];
  if (known) return known;
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-zäöü0-9])([A-ZÄÖÜ])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}
