import type { Executor } from '../../platform/db/database.js';
import type { CitizenIdentity } from '../../platform/eid/citizen.js';
import { NotFoundError } from '../../platform/errors/errors.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import { PaymentStartError, type StartPayment } from '../../platform/payment/payment.service.js';
import type { PaymentStatus } from '../../platform/payment/payment-provider.js';
import type { CaseRecord } from '../vorgaenge/case-handlers.js';
import type { CasesService } from '../vorgaenge/vorgaenge.service.js';
import type {
  Answers,
  NewCase,
  PageDefinition,
  ServiceDefinition,
  SubmitOutcome,
  UploadedFile,
} from './antraege.definition.js';
import { antraegeMessages } from './antraege.messages.js';
import { type AntraegeRepository, type Draft, isUuid, type StoredUpload } from './antraege.repository.js';
import {
  type ApplicationCheck,
  checkApplication,
  checkDefinition,
  checkPage,
  firstOpenPage,
  formatBytes,
  mayVisit,
  mergeAnswers,
  nextPage,
  readPageValues,
  SUMMARY,
  visibleFields,
  withFiles,
} from './antraege.rules.js';
import { checkUpload, isEmptyPart, isIncomingFile, typeList } from './antraege.uploads.js';

/** What the engine needs of the payment service (H2's PaymentService has it). */
export interface CasePayments {
  start(input: StartPayment): Promise<{ paymentId: string; redirectUrl: string }>;
  /** The latest attempt for a reference, and asking the provider about an open one. */
  findLatest(reference: string): Promise<{ id: string; status: PaymentStatus } | undefined>;
  confirm(paymentId: string): Promise<{ status: PaymentStatus }>;
  onSettled(
    purposeKind: string,
    handler: (
      payment: { id: string; reference: string; status: PaymentStatus },
      tx: Executor,
    ) => Promise<void>,
  ): void;
}

/** Payments of cases are registered under this purpose kind; the reference is the case id. */
export const CASE_PAYMENT = 'case';
/** Open drafts are kept this long after their last change. */
export const DRAFT_DAYS = 7;
/** A sent draft is kept this long, so that sending it again shows its case. */
export const SENT_DRAFT_HOURS = 24;
/** A case whose fee stays unpaid this long after its last change is closed; the citizen may apply again. */
export const UNPAID_DAYS = 14;

export const portalPath = '/portal';
export const servicePath = (key: string) => `/portal/antraege/${key}`;
export const pagePath = (key: string, pageId: string) => `/portal/antraege/${key}/${pageId}`;
export const casePath = (caseId: string) => `/mein-bereich/vorgaenge/${caseId}`;
/** Staff download of a file uploaded with a case. */
export const staffFilePath = (caseId: string, fileId: string) =>
  `/verwaltung/antraege/${caseId}/dateien/${fileId}`;

export interface AntraegeOptions {
  /** Global cap for one uploaded file (BUERGERAMT_UPLOAD_MAX_MB). */
  uploadMaxBytes: number;
}

/** Both languages of an engine message, for timeline entries (stored, shown in the case's language). */
function localized(key: Parameters<ReturnType<typeof antraegeMessages>>[0]): LocalizedText {
  return { de: antraegeMessages('de')(key), en: antraegeMessages('en')(key) };
}

/** The eID data kept with the case (no session parts, the subject is the case's own column). */
export function identityOf(citizen: CitizenIdentity): Record<string, unknown> {
  const { givenNames, familyName, birthDate, placeOfBirth, address, trustLevel } = citizen;
  return { givenNames, familyName, birthDate, placeOfBirth, address, trustLevel };
}

/** Thrown inside a submit when the draft was sent already (a second click): its case is shown. */
class AlreadySubmitted extends Error {
  constructor(readonly caseId: string | null) {
    super('draft already submitted');
  }
}

export interface DraftState {
  draft: Draft | undefined;
  /** The draft's answers with the uploaded files of the file fields. */
  answers: Answers;
  files: StoredUpload[];
}

export type SaveResult =
  | { ok: true; next: string }
  | { ok: false; errors: Record<string, string>; values: Answers; state: DraftState };

export type SubmitResult =
  | { kind: 'redirect'; url: string; flash?: string }
  | { kind: 'unavailable'; title: LocalizedText; message: LocalizedText }
  | { kind: 'payment-failed'; caseRecord: CaseRecord };

/**
 * The application engine: the registry of service definitions, drafts (one open draft per citizen and
 * service), uploads, the submit (idempotent: a draft becomes one case) and the fee payment of cases.
 */
export class AntraegeService {
  private readonly services = new Map<string, ServiceDefinition>();

  constructor(
    private readonly repo: AntraegeRepository,
    private readonly cases: CasesService,
    private readonly payments: CasePayments,
    private readonly options: AntraegeOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    payments.onSettled(CASE_PAYMENT, (payment, tx) => this.settle(payment, tx));
  }

  // ---- registry

  register(definition: ServiceDefinition): void {
    checkDefinition(definition);
    if (this.services.has(definition.key))
      throw new Error(`service "${definition.key}" is already registered`);
    this.services.set(definition.key, definition);
  }

  find(key: string): ServiceDefinition | undefined {
    return this.services.get(key);
  }

  get(key: string): ServiceDefinition {
    const definition = this.services.get(key);
    if (!definition) throw new NotFoundError('Diesen Online-Antrag gibt es nicht.');
    return definition;
  }

  list(): ServiceDefinition[] {
    return [...this.services.values()];
  }

  get uploadMaxBytes(): number {
    return this.options.uploadMaxBytes;
  }

  // ---- drafts

  async state(subject: string, definition: ServiceDefinition): Promise<DraftState> {
    const draft = await this.repo.openDraft(subject, definition.key);
    const files = draft ? await this.repo.uploadsOfDraft(draft.id) : [];
    return { draft, answers: withFiles(definition, draft?.answers ?? {}, files), files };
  }

  /** The case of the citizen's last sent application of this service, when there is no open draft. */
  async lastSentCase(subject: string, definition: ServiceDefinition): Promise<CaseRecord | undefined> {
    const sent = await this.repo.lastSubmitted(subject, definition.key);
    return sent?.caseId ? this.cases.findForSubject(subject, sent.caseId) : undefined;
  }

  /** Where the citizen belongs when a page is not open to them yet: the first page still to do. */
  resumePath(definition: ServiceDefinition, answers: Answers, lang: Lang): string {
    const open = firstOpenPage(definition, answers, lang);
    return open ? pagePath(definition.key, open.id) : pagePath(definition.key, SUMMARY);
  }

  /** All applicable pages validated: the answers, or the first page still to do. */
  check(definition: ServiceDefinition, answers: Answers, lang: Lang): ApplicationCheck {
    return checkApplication(definition, answers, lang);
  }

  mayVisit(definition: ServiceDefinition, answers: Answers, pageId: string, lang: Lang): boolean {
    return mayVisit(definition, answers, pageId, lang);
  }

  /**
   * Saves one page: stores its valid uploads (a file the citizen chose is kept even when another field
   * is wrong, as browsers cannot keep it), validates the page with its schema and, when valid, saves its
   * answers in the draft. Returns where to go next, or the messages with the values as posted.
   */
  async savePage(
    citizen: CitizenIdentity,
    definition: ServiceDefinition,
    page: PageDefinition,
    body: Record<string, unknown>,
    lang: Lang,
    backToSummary: boolean,
  ): Promise<SaveResult> {
    const t = antraegeMessages(lang);
    let draft = await this.repo.openDraft(citizen.subject, definition.key);
    const stored = draft?.answers ?? {};
    const fileErrors: Record<string, string> = {};
    for (const field of visibleFields(page, stored)) {
      if (field.kind !== 'file') continue;
      const part = body[field.name];
      if (!isIncomingFile(part) || isEmptyPart(part)) continue;
      const maxBytes = Math.min(field.maxBytes, this.options.uploadMaxBytes);
      const check = await checkUpload(part, field.accept, maxBytes);
      if (!check.ok) {
        fileErrors[field.name] =
          check.problem === 'type'
            ? t('fileType', { types: typeList(field.accept, t('or')) })
            : check.problem === 'size'
              ? t('fileSize', { max: formatBytes(maxBytes, lang) })
              : t('fileEmpty');
        continue;
      }
      draft ??= await this.repo.saveAnswers(
        citizen.subject,
        definition.key,
        stored,
        this.now(),
        this.expiry(),
      );
      const existing = (await this.repo.uploadsOfDraft(draft.id)).filter((file) => file.field === field.name);
      const maxFiles = field.maxFiles ?? 1;
      if (maxFiles === 1) {
        for (const file of existing) await this.repo.deleteUpload(draft.id, file.id);
      } else if (existing.length >= maxFiles) {
        fileErrors[field.name] = t('fileTooMany', { count: maxFiles });
        continue;
      }
      const { ok: _ok, ...upload } = check;
      await this.repo.insertUpload(draft.id, { ...upload, field: field.name, data: part.data }, this.now());
    }

    const files = draft ? await this.repo.uploadsOfDraft(draft.id) : [];
    const answers = withFiles(definition, stored, files);
    const values = readPageValues(page, body, answers);
    const check = checkPage(page, values, lang);
    const errors = { ...(check.ok ? {} : check.errors), ...fileErrors };
    if (Object.keys(errors).length > 0) {
      const ordered: Record<string, string> = {};
      for (const field of page.fields) {
        const message = errors[field.name];
        if (message) ordered[field.name] = message;
      }
      return { ok: false, errors: { ...ordered, ...errors }, values, state: { draft, answers, files } };
    }
    const merged = mergeAnswers(stored, page, check.ok ? check.data : values);
    await this.repo.saveAnswers(citizen.subject, definition.key, merged, this.now(), this.expiry());
    const withUploads = withFiles(definition, merged, files);
    if (backToSummary) return { ok: true, next: this.resumePath(definition, withUploads, lang) };
    const next = nextPage(definition, withUploads, page.id);
    return { ok: true, next: pagePath(definition.key, next ? next.id : SUMMARY) };
  }

  /** Removes an uploaded file from the citizen's open draft. */
  async removeUpload(subject: string, definition: ServiceDefinition, uploadId: string): Promise<boolean> {
    const draft = await this.repo.openDraft(subject, definition.key);
    if (!draft) return false;
    return this.repo.deleteUpload(draft.id, uploadId);
  }

  /** Drafts past their expiry, with their uploads (job). */
  purgeExpiredDrafts(): Promise<number> {
    return this.repo.purgeExpired(this.now());
  }

  /** The files uploaded with a case (staff pages, downloads). */
  filesOfCase(caseId: string): Promise<UploadedFile[]> {
    return this.repo.uploadsOfCase(caseId);
  }

  fileOfCase(caseId: string, fileId: string) {
    return this.repo.uploadContent(caseId, fileId);
  }

  // ---- submit

  /**
   * Sends the draft `draftId`: validates all applicable pages again, then lets the service decide (its
   * `submit`). A draft becomes at most one case; sending it again leads to that case.
   */
  async submit(
    citizen: CitizenIdentity,
    definition: ServiceDefinition,
    draftId: unknown,
    lang: Lang,
  ): Promise<SubmitResult> {
    const t = antraegeMessages(lang);
    const draft = isUuid(draftId)
      ? await this.repo.findDraft(draftId, citizen.subject, definition.key)
      : undefined;
    if (!draft) return { kind: 'redirect', url: servicePath(definition.key) };
    if (draft.submittedAt) {
      return { kind: 'redirect', url: draft.caseId ? casePath(draft.caseId) : servicePath(definition.key) };
    }
    const files = await this.repo.uploadsOfDraft(draft.id);
    const check = checkApplication(definition, withFiles(definition, draft.answers, files), lang);
    if (!check.complete) {
      // The same draft sent twice at once: the first may have become a case (and taken the draft's
      // files with it) since the draft was read; then this one leads to that case too.
      const again = await this.repo.findDraft(draft.id, citizen.subject, definition.key);
      if (again?.submittedAt && again.caseId) return { kind: 'redirect', url: casePath(again.caseId) };
      return { kind: 'redirect', url: pagePath(definition.key, check.page.id) };
    }

    let outcome: SubmitOutcome;
    try {
      outcome = await definition.submit({
        answers: check.answers,
        citizen,
        lang,
        files: files.map(({ field: _field, ...file }) => file),
        createCase: (newCase, work) =>
          this.createCase(definition, draft, citizen, lang, check.answers, newCase, work),
      });
    } catch (error) {
      if (!(error instanceof AlreadySubmitted)) throw error;
      return { kind: 'redirect', url: error.caseId ? casePath(error.caseId) : servicePath(definition.key) };
    }
    if (outcome.kind === 'unavailable') return outcome;
    const record = outcome.case;
    if (record.status === 'payment_pending' && definition.payment?.(check.answers)) {
      try {
        return { kind: 'redirect', url: await this.startPayment(record, lang) };
      } catch (error) {
        // The case is saved; the citizen starts the payment again from its page.
        if (error instanceof PaymentStartError) return { kind: 'payment-failed', caseRecord: record };
        throw error;
      }
    }
    const flash = outcome.message
      ? pick(outcome.message, lang)
      : t('submittedFlash', { number: record.number });
    return { kind: 'redirect', url: casePath(record.id), flash };
  }

  private createCase(
    definition: ServiceDefinition,
    draft: Draft,
    citizen: CitizenIdentity,
    lang: Lang,
    answers: Answers,
    newCase: NewCase,
    work?: (tx: Executor, created: CaseRecord) => Promise<CaseRecord>,
  ): Promise<CaseRecord> {
    return this.cases.transaction(async (tx) => {
      const locked = await this.repo.lockDraft(tx, draft.id);
      if (!locked) throw new AlreadySubmitted(null);
      if (locked.submittedAt) throw new AlreadySubmitted(locked.caseId);
      const created = await this.cases.create(tx, {
        serviceKey: definition.key,
        status: newCase.status,
        subject: citizen.subject,
        applicantName: `${citizen.givenNames} ${citizen.familyName}`,
        email: newCase.email,
        lang,
        answers,
        identity: identityOf(citizen),
        ...(newCase.data ? { data: newCase.data } : {}),
        reviewReason: newCase.reviewReason ?? null,
        timeline: newCase.timeline,
      });
      const result = work ? await work(tx, created) : created;
      const at = this.now();
      await this.repo.markSubmitted(
        tx,
        draft.id,
        created.id,
        at,
        new Date(at.getTime() + SENT_DRAFT_HOURS * 3_600_000),
      );
      return result;
    });
  }

  // ---- payment

  /** Starts a (new) payment attempt for a case waiting for its fee; returns the provider's page. */
  async startPayment(record: CaseRecord, lang: Lang): Promise<string> {
    const definition = this.get(record.serviceKey);
    const fee = definition.payment?.(record.answers);
    if (!fee) throw new NotFoundError('Für diesen Antrag ist keine Zahlung vorgesehen.');
    const { redirectUrl } = await this.payments.start({
      purposeKind: CASE_PAYMENT,
      reference: record.id,
      amountCents: fee.amountCents,
      purpose: `${fee.purpose} ${record.number}`,
      items: fee.items,
      lang,
      continueUrl: casePath(record.id),
    });
    return redirectUrl;
  }

  /**
   * A case's payment settled (inside the payment's transaction): paid → the case moves on as its service
   * says (default: to the clerks); failed or cancelled → a timeline entry only, the citizen can retry.
   */
  private async settle(payment: { reference: string; status: PaymentStatus }, tx: Executor): Promise<void> {
    const record = await this.cases.lock(tx, payment.reference);
    if (!record) return;
    if (payment.status === 'PAYED') {
      if (record.status !== 'payment_pending') {
        // An abandoned earlier attempt paid after all: the fee came twice; the clerks refund one.
        await this.cases.addEvent(tx, record.id, localized('paymentDuplicate'), null, true);
        return;
      }
      const move = this.services.get(record.serviceKey)?.paid?.(record) ?? {
        status: 'submitted' as const,
        timeline: localized('paymentReceived'),
      };
      await this.cases.transition(tx, record.id, move);
    } else if (payment.status === 'CANCELED' || payment.status === 'FAILED') {
      await this.cases.addEvent(
        tx,
        record.id,
        localized(payment.status === 'CANCELED' ? 'paymentCanceled' : 'paymentFailed'),
      );
    }
  }

  /**
   * Closes cases whose fee stayed unpaid for UNPAID_DAYS (a background job). A payment still open at the
   * provider is asked about first: one paid at the last moment moves its case on instead.
   */
  async closeUnpaid(): Promise<number> {
    const cutoff = this.now().getTime() - UNPAID_DAYS * 86_400_000;
    const waiting = (await this.cases.list({ status: 'payment_pending' })).filter(
      (record) => record.updatedAt.getTime() < cutoff,
    );
    let closed = 0;
    for (const record of waiting) {
      const latest = await this.payments.findLatest(record.id);
      if (latest?.status === 'INITIAL') {
        // Paid at the last moment: the case has moved on. Provider unreachable: wait for the next run.
        // Still open after two weeks: abandoned; should it be paid after all, the fee comes back as a
        // second payment (noted for a refund).
        const asked = await this.payments.confirm(latest.id).catch(() => undefined);
        if (!asked || asked.status === 'PAYED') continue;
      }
      const done = await this.cases.transaction(async (tx) => {
        const locked = await this.cases.lock(tx, record.id);
        if (locked?.status !== 'payment_pending') return false;
        await this.cases.transition(tx, record.id, {
          status: 'rejected',
          timeline: localized('unpaidClosed'),
        });
        return true;
      });
      if (done) closed += 1;
    }
    return closed;
  }

  private expiry(): Date {
    return new Date(this.now().getTime() + DRAFT_DAYS * 86_400_000);
  }
}
