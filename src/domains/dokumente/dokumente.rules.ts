import type { DocumentStatus, DocumentType } from './dokumente.tables.js';

/**
 * Rules of ID-document tracking: serial numbers, the status machine, reminders, destruction and the
 * retention of personal data, and the parsing of a delivery list. Pure: no I/O, no clock.
 */

/**
 * Serial numbers of German ID documents have 9 characters from the ICAO alphabet the Bundesdruckerei
 * uses: digits and the consonants C F G H J K L M N P R T V W X Y Z (no vowels, no B D Q S, so nothing
 * can be misread). The first 4 identify the issuing authority.
 */
export const SERIAL_PATTERN = /^[0-9CFGHJKLMNPRTVWXYZ]{9}$/;

/** Upper case, spaces, dashes and dots removed, letter O read as digit 0 (serials never contain O). */
export function normaliseSerial(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s.\-_/]/g, '')
    .replace(/O/g, '0');
}

export function isWellFormedSerial(serial: string): boolean {
  return SERIAL_PATTERN.test(serial);
}

/** Status changes allowed; anything else is refused. */
const transitions: Record<DocumentStatus, DocumentStatus[]> = {
  in_bearbeitung: ['bereit_zur_abholung', 'in_direktversand', 'ungueltig'],
  bereit_zur_abholung: ['ausgehaendigt', 'ungueltig', 'vernichtet'],
  in_direktversand: ['direktversand_zugestellt', 'direktversand_fehlgeschlagen'],
  // A failed delivery comes back to the office (pickup), is sent again, or is invalidated.
  direktversand_fehlgeschlagen: ['bereit_zur_abholung', 'in_direktversand', 'ungueltig'],
  ausgehaendigt: [],
  direktversand_zugestellt: [],
  ungueltig: ['vernichtet'],
  vernichtet: [],
};

export function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return transitions[from].includes(to);
}

export function nextStatuses(from: DocumentStatus): DocumentStatus[] {
  return [...transitions[from]];
}

/** Statuses after which the document's personal data is no longer needed (retention starts). */
export const finalStatuses: readonly DocumentStatus[] = [
  'ausgehaendigt',
  'direktversand_zugestellt',
  'vernichtet',
];

export interface DocumentTimes {
  status: DocumentStatus;
  readyAt: Date | null;
  reminderSentAt: Date | null;
  statusChangedAt: Date;
  personalDataPurgedAt: Date | null;
}

export interface DocumentPeriods {
  reminderDays: number;
  destructionDays: number;
  retentionDays: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Ready for pickup for `reminderDays` and not yet reminded: the citizen gets a reminder. */
export function reminderDue(document: DocumentTimes, now: Date, periods: DocumentPeriods): boolean {
  return (
    document.status === 'bereit_zur_abholung' &&
    document.readyAt !== null &&
    document.reminderSentAt === null &&
    now.getTime() - document.readyAt.getTime() >= periods.reminderDays * DAY
  );
}

/** Not collected within `destructionDays` of being ready (or invalidated): it belongs on the destruction list. */
export function destructionDue(document: DocumentTimes, now: Date, periods: DocumentPeriods): boolean {
  if (document.status === 'ungueltig') return true;
  return (
    document.status === 'bereit_zur_abholung' &&
    document.readyAt !== null &&
    now.getTime() - document.readyAt.getTime() >= periods.destructionDays * DAY
  );
}

/** Final for `retentionDays` and personal data still present: it is deleted. */
export function purgeDue(document: DocumentTimes, now: Date, periods: DocumentPeriods): boolean {
  return (
    finalStatuses.includes(document.status) &&
    document.personalDataPurgedAt === null &&
    now.getTime() - document.statusChangedAt.getTime() >= periods.retentionDays * DAY
  );
}

/** How each scanned or listed number of a delivery is recognised. */
export type ScanResult =
  | { serial: string; kind: 'recognised'; documentId: string }
  | { serial: string; kind: 'unknown' }
  | { serial: string; kind: 'duplicate' }
  | { serial: string; kind: 'malformed' }
  /** Known, but its status cannot become "ready" (e.g. already handed over). */
  | { serial: string; kind: 'not_allowed'; status: DocumentStatus };

/**
 * Classifies the numbers of a delivery against the documents known (serial → id and status): each
 * number once; a repeat in the same delivery is a duplicate; only documents in production can arrive.
 */
export function classifyDelivery(
  inputs: string[],
  known: Map<string, { id: string; status: DocumentStatus }>,
): ScanResult[] {
  const seen = new Set<string>();
  return inputs.map((input) => {
    const serial = normaliseSerial(input);
    if (!isWellFormedSerial(serial)) return { serial, kind: 'malformed' };
    if (seen.has(serial)) return { serial, kind: 'duplicate' };
    seen.add(serial);
    const document = known.get(serial);
    if (!document) return { serial, kind: 'unknown' };
    if (!canTransition(document.status, 'bereit_zur_abholung')) {
      return { serial, kind: 'not_allowed', status: document.status };
    }
    return { serial, kind: 'recognised', documentId: document.id };
  });
}

export type CsvResult =
  | { ok: true; serials: string[] }
  | { ok: false; errors: Array<{ line: number; message: string }> };

/**
 * A delivery list as CSV: one serial number per line in the first column (separator `;` or `,`, as
 * spreadsheet programs in Germany write it), an optional header line naming the column
 * (Seriennummer/serial). Any broken line fails the whole list, so nothing is imported half.
 */
export function parseDeliveryCsv(text: string): CsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const serials: string[] = [];
  const errors: Array<{ line: number; message: string }> = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const first = (line.split(/[;,]/)[0] ?? '').trim().replace(/^"(.*)"$/, '$1');
    if (index === 0 && /seriennummer|serial/i.test(first)) return;
    const serial = normaliseSerial(first);
    if (!isWellFormedSerial(serial)) {
      errors.push({ line: index + 1, message: `„${first}“ ist keine gültige Seriennummer (9 Zeichen).` });
      return;
    }
    serials.push(serial);
  });
  if (errors.length > 0) return { ok: false, errors };
  if (serials.length === 0)
    return { ok: false, errors: [{ line: 1, message: 'Die Liste enthält keine Seriennummer.' }] };
  return { ok: true, serials };
}

export const documentTypeLabels: Record<DocumentType, { de: string; en: string }> = {
  personalausweis: { de: 'Personalausweis', en: 'ID card' },
  reisepass: { de: 'Reisepass', en: 'Passport' },
  kinderreisepass: { de: 'Kinderreisepass', en: "Children's passport" },
  eid_karte: { de: 'eID-Karte', en: 'eID card (EU citizens)' },
  vorlaeufiger_personalausweis: { de: 'Vorläufiger Personalausweis', en: 'Provisional ID card' },
};

export const statusLabels: Record<DocumentStatus, { de: string; en: string }> = {
  in_bearbeitung: { de: 'In Herstellung', en: 'In production' },
  bereit_zur_abholung: { de: 'Abholbereit', en: 'Ready for pickup' },
  ausgehaendigt: { de: 'Ausgehändigt', en: 'Handed over' },
  in_direktversand: { de: 'Im Direktversand', en: 'Sent by post' },
  direktversand_zugestellt: { de: 'Zugestellt', en: 'Delivered by post' },
  direktversand_fehlgeschlagen: { de: 'Zustellung fehlgeschlagen', en: 'Delivery by post failed' },
  ungueltig: { de: 'Ungültig', en: 'Invalidated' },
  vernichtet: { de: 'Vernichtet', en: 'Destroyed' },
};

/** The status as the public API names it (Munich's names, upper case). */
export const apiStatus = (status: DocumentStatus): string => status.toUpperCase();
