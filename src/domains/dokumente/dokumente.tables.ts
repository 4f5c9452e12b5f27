import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { locations } from '../locations/locations.tables.js';

export const documentTypes = [
  'personalausweis',
  'reisepass',
  'kinderreisepass',
  'eid_karte',
  'vorlaeufiger_personalausweis',
] as const;
export type DocumentType = (typeof documentTypes)[number];

/**
 * Statuses as used in Germany (Munich's public status API names them IN_BEARBEITUNG,
 * BEREIT_ZUR_ABHOLUNG, AUSGEHAENDIGT, IN_DIREKTVERSAND, DIREKTVERSAND_ZUGESTELLT,
 * DIREKTVERSAND_FEHLGESCHLAGEN), plus invalidated and destroyed.
 */
export const documentStatuses = [
  'in_bearbeitung',
  'bereit_zur_abholung',
  'ausgehaendigt',
  'in_direktversand',
  'direktversand_zugestellt',
  'direktversand_fehlgeschlagen',
  'ungueltig',
  'vernichtet',
] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/** Checklist confirmed at the desk when a document is handed over. */
export interface HandoverChecklist {
  identityChecked: boolean;
  pinLetterReceived: boolean;
  oldDocument: 'invalidated' | 'returned' | 'none';
  /** Collected by an authorised person (written authorisation checked). */
  authorisedPerson: boolean;
}

/**
 * An applied-for ID document, tracked from the application to handover. The applicant's name and date
 * of birth are for the desk only and are deleted after the retention period; the contact for the
 * "ready" notification is deleted once it is sent.
 */
export const idDocuments = pgTable(
  'id_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Serial number of the new document, normalised (upper case, no spaces, digit 0 for letter O). */
    serialNumber: text('serial_number').notNull(),
    documentType: text('document_type', { enum: documentTypes }).notNull(),
    status: text('status', { enum: documentStatuses }).notNull().default('in_bearbeitung'),
    /** Pickup location. */
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    applicantName: text('applicant_name'),
    applicantBirthDate: text('applicant_birth_date'),
    /** Contact for the "ready" notification, only with consent; deleted once sent. */
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    contactConsentAt: timestamp('contact_consent_at', { withTimezone: true }),
    contactLang: text('contact_lang').notNull().default('de'),
    /** SHA-256 of the short code on the Abholschein with which the citizen signs up online. */
    signupCodeHash: text('signup_code_hash'),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
    handover: jsonb('handover').$type<HandoverChecklist>(),
    personalDataPurgedAt: timestamp('personal_data_purged_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('id_documents_serial_idx').on(table.serialNumber),
    index('id_documents_status_idx').on(table.status, table.statusChangedAt),
    index('id_documents_location_idx').on(table.locationId, table.status),
  ],
);

/** Every status change, by whom (staff, the register software's service account, or the system). */
export const idDocumentEvents = pgTable(
  'id_document_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => idDocuments.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorName: text('actor_name').notNull(),
    source: text('source', { enum: ['staff', 'api', 'system'] }).notNull(),
  },
  (table) => [index('id_document_events_document_idx').on(table.documentId, table.at)],
);
