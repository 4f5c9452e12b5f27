import type { Executor } from '../../platform/db/database.js';

/**
 * What the application engine needs from the certificates domain: issue a sealed certificate and get
 * its PDF. Implemented by BescheinigungenService.
 */
export interface IssueCertificateInput {
  /** The case (Vorgang) this certificate answers. */
  caseId: string;
  caseNumber: string;
  /** e.g. 'meldebescheinigung-einfach' | 'meldebescheinigung-erweitert'. */
  kind: string;
  /** Title printed on the document, e.g. "Meldebescheinigung" / "Erweiterte Meldebescheinigung". */
  title: string;
  /** The certified data, in print order: label and value (German, as the document is German). */
  fields: Array<{ label: string; value: string }>;
  /** Optional purpose named by the citizen ("zur Vorlage bei …"). */
  purpose?: string;
  /** Whom the certificate is about (for staff lists; not shown at /pruefen beyond `fields`). */
  subjectName: string;
}

export interface IssuedCertificate {
  id: string;
  /** The verification code printed on the document and encoded in its QR code. */
  verificationCode: string;
  issuedAt: Date;
}

export interface CertificateIssuer {
  /** Seals and stores the certificate (inside the caller's transaction when given). */
  issue(input: IssueCertificateInput, tx?: Executor): Promise<IssuedCertificate>;
  /** The PDF of an issued certificate (made from the stored, sealed data, so it can be fetched again). */
  pdf(certificateId: string): Promise<Uint8Array>;
  /** When the certificate was revoked; null while it is valid (or when there is no such certificate). */
  revokedAt(certificateId: string): Promise<Date | null>;
}
