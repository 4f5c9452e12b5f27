import { sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Binary content (PostgreSQL bytea): node-postgres gives a Buffer, PGlite a Uint8Array; both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
  toDriver: (value) => value,
});

/**
 * An application in progress: the answers of one citizen (eID subject) for one online service, saved
 * step by step. At most one open draft per citizen and service. Sending it creates a case: the draft is
 * then marked submitted with the case's id (a second "send" finds the case) and purged a day later.
 * Open drafts expire after a few days without a change (purged by a job, uploads with them).
 */
export const applicationDrafts = pgTable(
  'application_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subject: text('subject').notNull(),
    serviceKey: text('service_key').notNull(),
    /** The answers by field name (file fields are not here: see application_uploads). */
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    /** The case this draft became (no foreign key: the cases domain owns its ids). */
    caseId: uuid('case_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('application_drafts_open_idx')
      .on(table.subject, table.serviceKey)
      .where(sql`${table.submittedAt} is null`),
    index('application_drafts_expires_idx').on(table.expiresAt),
  ],
);

/**
 * A file uploaded with an application (PDF, JPEG or PNG, checked by its content). It belongs to a draft
 * while the citizen fills in the form, and to the case once the application is sent.
 */
export const applicationUploads = pgTable(
  'application_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id').references(() => applicationDrafts.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id'),
    /** The engine field it was uploaded for. */
    field: text('field').notNull(),
    /** The name the citizen's file had (cleaned: no path, no control characters). */
    filename: text('filename').notNull(),
    /** The type found in the content (magic bytes), not the one the browser claimed. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('application_uploads_draft_idx').on(table.draftId),
    index('application_uploads_case_idx').on(table.caseId),
  ],
);
