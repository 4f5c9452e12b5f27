import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** One certified item as printed on the document: label and value, in print order. */
export interface CertificateField {
  label: string;
  value: string;
}

/**
 * Sealed certificates (e.g. Meldebescheinigung). Everything the seal covers is stored as signed, so the
 * PDF can be made again at any time and /pruefen can show the certified data. Nothing is deleted; a
 * certificate that must no longer be used is revoked (revoked_at, reason, by whom).
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The case (Vorgang) this certificate answers; no foreign key, the cases domain owns its ids. */
    caseId: text('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    /** e.g. 'meldebescheinigung-einfach'. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    fields: jsonb('fields').$type<CertificateField[]>().notNull(),
    purpose: text('purpose'),
    /** Whom the certificate is about (staff lists only). Not sealed. */
    subjectName: text('subject_name').notNull(),
    /** 16 characters Crockford base32, stored normalised (no hyphens). */
    verificationCode: text('verification_code').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** The issuing authority's name at issue time (sealed: the city's name may change later). */
    issuer: text('issuer').notNull(),
    /** The signing key (signing_keys.id); old keys stay to verify old certificates. */
    keyId: text('key_id').notNull(),
    /** Ed25519 signature (base64url) over the canonical serialisation of the sealed content. */
    signature: text('signature').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    revokedBy: text('revoked_by'),
  },
  (table) => [
    uniqueIndex('certificates_verification_code_idx').on(table.verificationCode),
    index('certificates_case_idx').on(table.caseId),
    index('certificates_issued_idx').on(table.issuedAt),
  ],
);

/**
 * Public keys of every seal key ever used (old ones verify old certificates). The private key is stored
 * only for the key generated in demo mode; a configured key (BUERGERAMT_SEAL_KEY_FILE) stays in its file.
 */
export const signingKeys = pgTable('signing_keys', {
  /** 'demo' for the generated demo key, else 'ed25519-' + the first 16 hex digits of the key's SHA-256. */
  id: text('id').primaryKey(),
  algorithm: text('algorithm').notNull(),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
