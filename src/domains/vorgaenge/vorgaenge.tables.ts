import {
  bigserial,
  boolean,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { caseStatuses } from './case-handlers.js';

/**
 * A case (Vorgang): one application of a citizen for one online service, from submission to the result.
 * The service's own meaning lives in `data` (see CaseHandler); the citizen finds their cases by `subject`
 * (the eID pseudonym).
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** "MB-2026-000042": prefix of the service, year, running number (see case_numbers). */
    number: text('number').notNull(),
    serviceKey: text('service_key').notNull(),
    status: text('status', { enum: caseStatuses }).notNull(),
    subject: text('subject').notNull(),
    applicantName: text('applicant_name').notNull(),
    email: text('email'),
    lang: text('lang', { enum: ['de', 'en'] }).notNull(),
    // json, not jsonb: the answers and the eID data keep their order for the clerk's page.
    answers: json('answers').$type<Record<string, unknown>>().notNull(),
    identity: json('identity').$type<Record<string, unknown>>().notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    reviewReason: text('review_reason'),
    /** Staff account id of the clerk working on it. */
    assignedTo: uuid('assigned_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('cases_number_idx').on(table.number),
    index('cases_subject_idx').on(table.subject, table.createdAt),
    index('cases_queue_idx').on(table.status, table.createdAt),
  ],
);

/** The timeline of a case: status changes and notes. Internal entries are shown to staff only. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The status the case moved to, when the entry is a status change. */
    status: text('status', { enum: caseStatuses }),
    text: jsonb('text').$type<LocalizedText>().notNull(),
    /** Display name of the clerk; null for the system or the citizen. */
    actor: text('actor'),
    internal: boolean('internal').notNull().default(false),
  },
  (table) => [index('case_events_case_idx').on(table.caseId, table.at)],
);

/** The last number given out per prefix and year; incremented atomically (INSERT … ON CONFLICT DO UPDATE). */
export const caseNumbers = pgTable(
  'case_numbers',
  {
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (table) => [primaryKey({ columns: [table.prefix, table.year] })],
);
