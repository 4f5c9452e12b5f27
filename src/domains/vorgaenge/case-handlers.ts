import type { VNode } from 'preact';
import type { AuditEntry } from '../../platform/audit/audit.repository.js';
import type { Executor } from '../../platform/db/database.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import type { StaffIdentity } from '../../platform/views/page-context.js';

/**
 * The contract between the cases domain (Vorgänge: numbers, timeline, /mein-bereich, the staff work
 * queue) and the services defined on the application engine. The cases domain knows nothing about a
 * particular service: what "approve" means for a case of service X is X's handler.
 */
export const caseStatuses = [
  /** Submitted, waiting for the online payment to be confirmed. */
  'payment_pending',
  /** Waiting for a clerk (mismatch, information block, paper order). */
  'submitted',
  /** A clerk has taken the case. */
  'in_progress',
  /** Approved; a paper document still has to be printed and sent. */
  'approved',
  /** Finished: document issued (and sent, for paper). */
  'completed',
  'rejected',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export interface CaseRecord {
  id: string;
  /** Human-readable number, e.g. "MB-2026-000042" (prefix per service). */
  number: string;
  serviceKey: string;
  status: CaseStatus;
  /** The eID subject (pseudonym) of the applicant; their cases are found by it at /mein-bereich. */
  subject: string;
  applicantName: string;
  email: string | null;
  lang: 'de' | 'en';
  /** The answers given in the application (engine field values), as submitted. */
  answers: Record<string, unknown>;
  /** The eID data at submission (CitizenIdentity without the session parts). */
  identity: Record<string, unknown>;
  /** Service-specific working data (e.g. the register person id, certificate id, payment id). */
  data: Record<string, unknown>;
  /** Why the case needs a clerk ("mismatch", "information_block", "paper"), if it does. */
  reviewReason: string | null;
  assignedTo: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A file of a case the citizen (and the clerk) may download. */
export interface CaseFile {
  id: string;
  label: LocalizedText;
  filename: string;
  /** The document was revoked then: still downloadable (it says so itself), but shown as not valid. */
  revokedAt?: Date | null;
}

/** What the staff panel gets besides the case: the approve form's state, and the clerk looking. */
export interface StaffPanelContext {
  /** Messages per field after a refused approval (ValidationError): the panel marks its fields. */
  errors?: Record<string, string> | undefined;
  /** The values of the refused approval, to keep the clerk's choice. */
  values?: Record<string, unknown> | undefined;
  /** The clerk looking at the case. */
  staff?: StaffIdentity | undefined;
  /**
   * Audits a look-up the panel makes for the clerk (e.g. the register search): ids and counts only.
   * Given when the route knows the clerk.
   */
  audit?(entry: AuditEntry): Promise<void>;
}

/** What a service lets a clerk do with its cases, and what the citizen may download. */
export interface CaseHandler {
  serviceKey: string;
  /** Name of the service for lists and e-mails. */
  title: LocalizedText;
  /** Prefix of case numbers ("MB"). */
  numberPrefix: string;
  /** Where a citizen starts an application for this service (listed under "Meine Anträge"); none: not listed. */
  startUrl?: string;
  /**
   * The clerk approves (after checking the register): the handler produces the result (e.g. issues the
   * certificate) inside `tx` and returns the next status ('completed', or 'approved' when something
   * physical is still to be done) with data to merge into the case and a timeline text.
   */
  approve(
    input: { case: CaseRecord; form: Record<string, string>; staff: StaffIdentity },
    tx: Executor,
  ): Promise<{ status: 'completed' | 'approved'; data?: Record<string, unknown>; timeline: LocalizedText }>;
  /** For 'approved' cases with something physical to do: the label of the finishing action ("Gedruckt und versandt"). */
  finishLabel?: string;
  /** Files the citizen may download from the case (e.g. the certificate PDF). */
  downloads?(caseRecord: CaseRecord): Promise<CaseFile[]>;
  download?(
    caseRecord: CaseRecord,
    id: string,
  ): Promise<{ body: Uint8Array; contentType: string } | undefined>;
  /**
   * Optional staff panel (register check etc.), rendered inside the approve form on the case page under
   * /verwaltung/vorgaenge/:id for the clerk who has taken the case.
   */
  staffPanel?(caseRecord: CaseRecord, context?: StaffPanelContext): Promise<VNode | null>;
  /**
   * The citizen's address for notices beyond the status e-mails (e.g. a revoked certificate) when the
   * case keeps none (`email` is empty for a case finished at once, whose only e-mail brought the PDF).
   */
  contactEmail?(caseRecord: CaseRecord): string | null;
}
