import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Certificates to be e-mailed as PDF (a small outbox of its own): the PDF can only be made once the
 * certificate is committed, so the wish is written with the certificate, in its transaction, and
 * turned into an outbox e-mail with the PDF attached right after (citizen's submit) or by the job
 * `meldebescheinigung.mail` (clerk's approval). The row is deleted when the e-mail is queued.
 *
 * A PDF that cannot be made is tried again later, each time after a longer pause (`next_attempt_at`);
 * after the last attempt the row is kept with `gave_up_at` set (and a log line), out of the job's way.
 */
export const certificateMails = pgTable(
  'certificate_mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    certificateId: uuid('certificate_id').notNull(),
    recipient: text('recipient').notNull(),
    applicantName: text('applicant_name').notNull(),
    lang: text('lang', { enum: ['de', 'en'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Failed attempts so far. */
    attempts: integer('attempts').notNull().default(0),
    /** Not tried before this time (the job takes the rows due, earliest first). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set after the last failed attempt: the e-mail is not tried any more. */
    gaveUpAt: timestamp('gave_up_at', { withTimezone: true }),
  },
  (table) => [
    index('certificate_mails_created_idx').on(table.createdAt),
    index('certificate_mails_case_idx').on(table.caseId),
    index('certificate_mails_due_idx').on(table.nextAttemptAt),
  ],
);
