import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Certificates to be e-mailed as PDF (a small outbox of its own): the PDF can only be made once the
 * certificate is committed, so the wish is written with the certificate, in its transaction, and
 * turned into an outbox e-mail with the PDF attached right after (citizen's submit) or by the job
 * `meldebescheinigung.mail` (clerk's approval). The row is deleted when the e-mail is queued.
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
  },
  (table) => [
    index('certificate_mails_created_idx').on(table.createdAt),
    index('certificate_mails_case_idx').on(table.caseId),
  ],
);
