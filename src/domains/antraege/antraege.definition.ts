import { z } from 'zod';
import type { Executor } from '../../platform/db/database.js';
import type { CitizenIdentity, TrustLevel } from '../../platform/eid/citizen.js';
import type { ValidationCode } from '../../platform/forms/forms.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import type { PaymentItem } from '../../platform/payment/payment-provider.js';
import type { CaseRecord, CaseStatus } from '../vorgaenge/case-handlers.js';

/**
 * The declarative application engine: a service is described once (pages, fields, one zod schema per
 * page, summary, fee, what happens on submit); the engine gives it its pages under /portal/antraege/<key>,
 * drafts, uploads, the summary, the idempotent submit and the payment. See README, "Adding a service".
 */

/** The answers as stored: by field name, as the page schemas produced them. */
export type Answers = Record<string, unknown>;

/** The file types the engine accepts (recognised by their content). */
export const uploadTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type UploadType = (typeof uploadTypes)[number];

/** A stored upload as the answers (and the case) see it. */
export interface UploadedFile {
  id: string;
  filename: string;
  contentType: UploadType;
  size: number;
  sha256: string;
}

/** The schema entry of a file field: the uploaded files (add `.min(1, 'required')` for a required upload). */
export function uploadedFiles() {
  return z.array(
    z.object({
      id: z.string(),
      filename: z.string(),
      contentType: z.enum(uploadTypes),
      size: z.number().int().nonnegative(),
      sha256: z.string(),
    }),
  );
}

export interface ChoiceOption {
  value: string;
  label: LocalizedText;
  /** Plain-language explanation under the option. */
  hint?: LocalizedText;
}

interface FieldBase<A> {
  /** Form field name and key in the answers; unique within the service. */
  name: string;
  label: LocalizedText;
  hint?: LocalizedText;
  /** Marks the label "optional" (the schema decides what is really required). */
  optional?: boolean;
  /**
   * Shown only when this is true for the answers of the other pages (a page is posted at once, so a
   * field cannot depend on its own page). A hidden field sends nothing: its schema entry must allow that.
   */
  when?: (answers: Partial<A>) => boolean;
  /** The field's own words for validation codes, e.g. `{ required: { de: 'Bitte wählen Sie …' } }`. */
  messages?: Partial<Record<ValidationCode, LocalizedText>>;
}

export type FieldDefinition<A = Answers> = FieldBase<A> &
  (
    | { kind: 'radio'; options: ChoiceOption[] }
    /** A group of check boxes; the value is the list of checked option values. */
    | { kind: 'checkboxes'; options: ChoiceOption[] }
    | { kind: 'text'; autocomplete?: string; width?: 'short' | 'medium' }
    | { kind: 'email' }
    | { kind: 'textarea'; rows?: number }
    /**
     * A file upload: multipart POST, type checked by content (magic bytes), at most `maxBytes` (and the
     * global BUERGERAMT_UPLOAD_MAX_MB). The value is `UploadedFile[]` (schema: `uploadedFiles()`).
     */
    | { kind: 'file'; accept: UploadType[]; maxBytes: number; maxFiles?: number }
  );

export type FieldKind = FieldDefinition['kind'];

export interface PageDefinition<A = Answers> {
  /** URL segment: /portal/antraege/<service>/<id>. Not 'zusammenfassung', 'absenden' or 'dateien'. */
  id: string;
  title: LocalizedText;
  /** Plain-language explanation at the top of the page. */
  intro?: LocalizedText;
  fields: FieldDefinition<A>[];
  /**
   * The page's ONE schema: runtime validation of its fields and their TypeScript type. Messages are
   * `validationMessages` codes ('required', 'choice', 'tooLong', 'email', …); a field can reword them.
   */
  schema: z.ZodType<Partial<A>>;
  /** The page is part of the application only when this is true for the answers so far. */
  when?: (answers: Partial<A>) => boolean;
}

export interface SummaryContext {
  citizen: CitizenIdentity;
  lang: Lang;
}

/** One row of the summary; with `page` it gets an "Ändern" link to that page. */
export interface SummaryRow {
  label: LocalizedText;
  value: LocalizedText | string;
  page?: string;
}

export interface PaymentRequest {
  amountCents: number;
  /** Verwendungszweck; the engine appends the case number. */
  purpose: string;
  items: PaymentItem[];
}

/** What the service's submit puts into the new case (the engine adds service, applicant, answers, eID data). */
export interface NewCase {
  status: CaseStatus;
  /** Where the cases domain sends status e-mails; null: none. */
  email: string | null;
  data?: Record<string, unknown>;
  reviewReason?: string | null;
  timeline: LocalizedText;
}

export interface SubmitContext<A = Answers> {
  /** The answers of all applicable pages, validated again by their schemas. */
  answers: A;
  citizen: CitizenIdentity;
  lang: Lang;
  /** All files uploaded with the application. */
  files: UploadedFile[];
  /**
   * Creates the case and consumes the draft in ONE transaction; `work` runs in that transaction right
   * after the case exists (e.g. issue a certificate and move the case on) and returns the case as it then
   * is. Inside `work` use only `tx` (on PGlite any other query would wait forever).
   * When the draft was already sent (a second click), nothing is created: the engine shows that case.
   */
  createCase(
    case_: NewCase,
    work?: (tx: Executor, created: CaseRecord) => Promise<CaseRecord>,
  ): Promise<CaseRecord>;
}

export type SubmitOutcome =
  /** A case exists: the engine starts the payment when it is 'payment_pending', else shows the case. */
  | { kind: 'case'; case: CaseRecord; message?: LocalizedText }
  /** Nothing was created (e.g. a remote register is down); the draft stays and the citizen can retry. */
  | { kind: 'unavailable'; title: LocalizedText; message: LocalizedText };

export interface ServiceDefinition<A = Answers> {
  /** URL segment and the case's service key (its CaseHandler is registered under the same key). */
  key: string;
  title: LocalizedText;
  description: LocalizedText;
  /** Text of the link that starts the application (portal page); default "<title> online beantragen". */
  startLabel?: LocalizedText;
  requiredTrustLevel: TrustLevel;
  pages: PageDefinition<A>[];
  /** The rows of the summary page (file fields are added by the engine). */
  summary(answers: A, ctx: SummaryContext): SummaryRow[];
  /** What happens after sending and roughly when, in plain words (summary page). */
  nextSteps?(answers: A): LocalizedText[];
  /** The fee to pay online after sending; null or absent: free. */
  payment?(answers: A): PaymentRequest | null;
  /** The case's move once its fee is paid; default: to the clerks ('submitted'), "Zahlung eingegangen". */
  paid?(caseRecord: CaseRecord): {
    status: CaseStatus;
    data?: Record<string, unknown>;
    timeline: LocalizedText;
  };
  /** What happens on submit: usually `ctx.createCase(…)`. */
  submit(ctx: SubmitContext<A>): Promise<SubmitOutcome>;
}

/**
 * Types a service definition against its answers type and hands it to the engine. The engine calls
 * `summary`, `payment`, `paid` and `submit` only with answers its page schemas have validated, which is
 * what makes the cast sound.
 */
export function defineService<A>(definition: ServiceDefinition<A>): ServiceDefinition {
  return definition as unknown as ServiceDefinition;
}
