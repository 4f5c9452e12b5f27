import { actorOf } from '../../platform/audit/actor.js';
import type { Actor, AuditEntry, AuditRepository } from '../../platform/audit/audit.repository.js';
import type { Executor } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import type { MailService } from '../../platform/mail/mail.service.js';
import { berlinDateOf } from '../../platform/time/berlin-time.js';
import type { StaffIdentity } from '../../platform/views/page-context.js';
import type { CaseHandler, CaseRecord, CaseStatus } from './case-handlers.js';
import { type CaseMailNotice, caseMail } from './vorgaenge.mail.js';
import type { CaseEvent, CaseFilter, VorgaengeRepository } from './vorgaenge.repository.js';
import {
  canTransition,
  formatCaseNumber,
  isValidPrefix,
  revocationTexts,
  statusLabels,
  takeFirstMessage,
  takenByOtherMessage,
  transitionConflictMessage,
} from './vorgaenge.rules.js';

export interface CaseLinks {
  /** Where citizens reach the site (config.publicUrl): the e-mails link to the case page there. */
  publicUrl: string;
  /** The authority's name for the e-mail's signature, read through the open transaction. */
  authority(executor: Executor): Promise<string>;
}

/** A new case: the case record's fields it is given (data, review reason optional) and its first timeline text. */
export type CreateCaseInput = Pick<
  CaseRecord,
  'serviceKey' | 'status' | 'subject' | 'applicantName' | 'email' | 'lang' | 'answers' | 'identity'
> &
  Partial<Pick<CaseRecord, 'data' | 'reviewReason'>> & { timeline: LocalizedText };

export interface TransitionInput {
  status: CaseStatus;
  data?: Record<string, unknown>;
  timeline: LocalizedText;
  actor?: StaffIdentity | null;
}

export const CASE_ENTITY = 'vorgang';
export const CASE_MAIL_KIND = 'case.status';
export const REASON_MAX = 2000;
export const NOTE_MAX = 4000;
export const reasonRequiredMessage = 'Bitte geben Sie einen Grund für die Ablehnung an.';
export const reasonTooLongMessage = `Der Grund darf höchstens ${REASON_MAX} Zeichen lang sein.`;
export const noteRequiredMessage = 'Bitte geben Sie einen Text für die Notiz ein.';
export const noteTooLongMessage = `Die Notiz darf höchstens ${NOTE_MAX} Zeichen lang sein.`;

const caseNotFound = () => new NotFoundError('Diesen Vorgang gibt es nicht.');

/** What the cases domain needs to know of a revoked certificate (see `certificateRevoked`). */
export interface RevokedDocument {
  caseId: string;
  revokedAt: Date | null;
  /** Who revoked it (staff display name), for the staff view of the timeline. */
  revokedBy?: string | null;
}

/** What the audit log keeps of a case before and after a change. */
const snapshot = (record: CaseRecord) => ({
  number: record.number,
  status: record.status,
  assignedTo: record.assignedTo,
});

/**
 * Cases (Vorgänge) of the online services: numbers, status, timeline, the citizen's e-mails, and the
 * clerk's actions. What a case means for its service is the service's CaseHandler (registered at start).
 *
 * Every status change (and the creation) writes a timeline entry and, when the citizen gave an e-mail
 * address, queues an e-mail in the case's language, all in the caller's transaction. Clerks' actions
 * are audited in the same transaction.
 *
 * Inside a transaction, only the transaction handle may be used (on PGlite a query on the database
 * itself would wait for the open transaction forever).
 */
export class CasesService {
  private readonly handlers = new Map<string, CaseHandler>();

  constructor(
    private readonly repo: VorgaengeRepository,
    private readonly audit: AuditRepository,
    private readonly mail: MailService,
    private readonly links: CaseLinks,
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---- handlers

  registerHandler(handler: CaseHandler): void {
    if (this.handlers.has(handler.serviceKey)) {
      throw new Error(`case handler for "${handler.serviceKey}" is already registered`);
    }
    if (!isValidPrefix(handler.numberPrefix)) {
      throw new Error(`invalid case number prefix "${handler.numberPrefix}" (2-6 capital letters/digits)`);
    }
    const samePrefix = [...this.handlers.values()].find((h) => h.numberPrefix === handler.numberPrefix);
    if (samePrefix) {
      throw new Error(
        `case number prefix "${handler.numberPrefix}" is already used by "${samePrefix.serviceKey}"`,
      );
    }
    this.handlers.set(handler.serviceKey, handler);
  }

  handler(serviceKey: string): CaseHandler {
    const handler = this.handlers.get(serviceKey);
    if (!handler) throw new Error(`no case handler registered for "${serviceKey}"`);
    return handler;
  }

  /** All registered handlers (the services citizens can apply for, the staff filter). */
  registeredHandlers(): CaseHandler[] {
    return [...this.handlers.values()];
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.repo.transaction(work);
  }

  // ---- the engine's side

  async create(tx: Executor, input: CreateCaseInput): Promise<CaseRecord> {
    const handler = this.handler(input.serviceKey);
    const at = this.now();
    const year = Number(berlinDateOf(at).slice(0, 4));
    const running = await this.repo.nextNumber(tx, handler.numberPrefix, year);
    const record = await this.repo.insert(tx, {
      number: formatCaseNumber(handler.numberPrefix, year, running),
      serviceKey: input.serviceKey,
      status: input.status,
      subject: input.subject,
      applicantName: input.applicantName,
      email: input.email || null,
      lang: input.lang,
      answers: input.answers,
      identity: input.identity,
      data: input.data ?? {},
      reviewReason: input.reviewReason ?? null,
      assignedTo: null,
      createdAt: at,
      updatedAt: at,
    });
    await this.repo.insertEvent(tx, {
      caseId: record.id,
      at,
      status: input.status,
      text: input.timeline,
      actor: null,
      internal: false,
    });
    await this.notify(tx, record, true);
    return record;
  }

  /**
   * Moves a case to another status (allowed moves: vorgaenge.rules.ts), merges `data`, writes the
   * timeline entry and queues the citizen's e-mail. Taking a case assigns it to the clerk; giving it
   * back to the queue unassigns it.
   */
  async transition(tx: Executor, caseId: string, input: TransitionInput): Promise<CaseRecord> {
    const current = await this.repo.lock(tx, caseId);
    if (!current) throw caseNotFound();
    if (!canTransition(current.status, input.status)) {
      throw new ConflictError(transitionConflictMessage(current.status, input.status));
    }
    const at = this.now();
    const assignedTo =
      input.status === 'submitted'
        ? null
        : input.status === 'in_progress' && input.actor
          ? input.actor.id
          : current.assignedTo;
    const updated = await this.repo.update(tx, current.id, {
      status: input.status,
      data: { ...current.data, ...input.data },
      assignedTo,
      updatedAt: at,
    });
    await this.repo.insertEvent(tx, {
      caseId: current.id,
      at,
      status: input.status,
      text: input.timeline,
      actor: input.actor?.displayName ?? null,
      internal: false,
    });
    await this.notify(tx, updated, false);
    return updated;
  }

  /** A timeline entry without a status change (internal: for staff only). No e-mail. */
  async addEvent(
    tx: Executor,
    caseId: string,
    text: LocalizedText,
    actor: StaffIdentity | null = null,
    internal = false,
  ): Promise<void> {
    const current = await this.repo.lock(tx, caseId);
    if (!current) throw caseNotFound();
    await this.repo.insertEvent(tx, {
      caseId: current.id,
      at: this.now(),
      status: null,
      text,
      actor: actor?.displayName ?? null,
      internal,
    });
  }

  // ---- reading

  findById(id: string): Promise<CaseRecord | undefined> {
    return this.repo.findById(id);
  }

  /** The case, locked until the end of `tx` (for services that move a case inside their own transaction). */
  lock(tx: Executor, id: string): Promise<CaseRecord | undefined> {
    return this.repo.lock(tx, id);
  }

  /** A citizen's cases, newest first. */
  listForSubject(subject: string): Promise<CaseRecord[]> {
    return this.repo.listForSubject(subject);
  }

  /** The case if it belongs to `subject`; undefined otherwise (also when it does not exist). */
  async findForSubject(subject: string, id: string): Promise<CaseRecord | undefined> {
    const record = await this.repo.findById(id);
    return record && record.subject === subject ? record : undefined;
  }

  /** Oldest first; internal notes only for staff. */
  timeline(caseId: string, options: { includeInternal: boolean }): Promise<CaseEvent[]> {
    return this.repo.events(caseId, options.includeInternal);
  }

  // ---- staff

  /** The work queue, oldest first. */
  list(filter: Omit<CaseFilter, 'limit'> = {}): Promise<CaseRecord[]> {
    return this.repo.list(filter);
  }

  /**
   * A clerk takes a case: a waiting case goes "in progress" (the citizen is told); a case another clerk
   * works on (in progress, or approved and still to be finished) is handed over to this one (an internal
   * note, no e-mail). Taking one's own case again changes nothing.
   */
  async take(id: string, staff: StaffIdentity): Promise<CaseRecord> {
    return this.repo.transaction(async (tx) => {
      const current = await this.repo.lock(tx, id);
      if (!current) throw caseNotFound();
      const handOver = current.status === 'in_progress' || current.status === 'approved';
      if (handOver && current.assignedTo === staff.id) return current;
      let updated: CaseRecord;
      if (handOver) {
        updated = await this.repo.update(tx, current.id, { assignedTo: staff.id, updatedAt: this.now() });
        await this.addEvent(tx, current.id, { de: `Von ${staff.displayName} übernommen.` }, staff, true);
      } else {
        updated = await this.transition(tx, current.id, {
          status: 'in_progress',
          timeline: {
            de: 'Eine Mitarbeiterin oder ein Mitarbeiter bearbeitet Ihren Antrag.',
            en: 'A member of staff is processing your application.',
          },
          actor: staff,
        });
      }
      await this.audit.record(tx, actorOf(staff), {
        action: 'vorgang.take',
        entityType: CASE_ENTITY,
        entityId: current.id,
        before: snapshot(current),
        after: snapshot(updated),
      });
      return updated;
    });
  }

  /**
   * The clerk approves: the service's handler produces the result in the same transaction (it may throw
   * a ValidationError for its panel's fields: then nothing is changed), then the case moves on.
   */
  async approve(id: string, staff: StaffIdentity, form: Record<string, string>): Promise<CaseRecord> {
    return this.repo.transaction(async (tx) => {
      const current = await this.repo.lock(tx, id);
      if (!current) throw caseNotFound();
      if (current.status === 'submitted') {
        throw new ConflictError(takeFirstMessage('genehmigen'));
      }
      if (current.status !== 'in_progress') {
        throw new ConflictError(transitionConflictMessage(current.status, 'approved'));
      }
      await this.requireAssigned(tx, current, staff, 'genehmigen');
      const result = await this.handler(current.serviceKey).approve({ case: current, form, staff }, tx);
      const updated = await this.transition(tx, current.id, {
        status: result.status,
        ...(result.data ? { data: result.data } : {}),
        timeline: result.timeline,
        actor: staff,
      });
      await this.audit.record(tx, actorOf(staff), {
        action: 'vorgang.approve',
        entityType: CASE_ENTITY,
        entityId: current.id,
        before: snapshot(current),
        after: { ...snapshot(updated), data: result.data ?? {} },
      });
      return updated;
    });
  }

  /**
   * The clerk who has taken the case rejects it with a reason (shown to the citizen on the case page,
   * not in the e-mail). A waiting case is taken first, like one to approve.
   */
  async reject(id: string, staff: StaffIdentity, reason: string): Promise<CaseRecord> {
    const text = reason.trim();
    return this.repo.transaction(async (tx) => {
      const current = await this.repo.lock(tx, id);
      if (!current) throw caseNotFound();
      if (!canTransition(current.status, 'rejected')) {
        throw new ConflictError(transitionConflictMessage(current.status, 'rejected'));
      }
      await this.requireAssigned(tx, current, staff, 'ablehnen');
      // Checked after the case: the form is only on the page of the clerk who has taken it.
      if (!text) throw new ValidationError({ reason: reasonRequiredMessage });
      if (text.length > REASON_MAX) throw new ValidationError({ reason: reasonTooLongMessage });
      const updated = await this.transition(tx, current.id, {
        status: 'rejected',
        timeline: {
          de: `Ihr Antrag wurde abgelehnt. Begründung: ${text}`,
          en: `Your application has been rejected. Reason (as written by the office): ${text}`,
        },
        actor: staff,
      });
      await this.audit.record(tx, actorOf(staff), {
        action: 'vorgang.reject',
        entityType: CASE_ENTITY,
        entityId: current.id,
        before: snapshot(current),
        after: { ...snapshot(updated), reason: text },
      });
      return updated;
    });
  }

  /** The physical part of an approved case is done (e.g. printed and posted): the case is completed. */
  async finish(id: string, staff: StaffIdentity): Promise<CaseRecord> {
    return this.repo.transaction(async (tx) => {
      const current = await this.repo.lock(tx, id);
      if (!current) throw caseNotFound();
      // The engine may complete a waiting case itself; a clerk finishes only what was approved.
      if (current.status !== 'approved') {
        throw new ConflictError(
          `Nur genehmigte Vorgänge können abgeschlossen werden; dieser Vorgang ist „${statusLabels[current.status].de}“.`,
        );
      }
      await this.requireAssigned(tx, current, staff, 'abschließen');
      const label = this.handler(current.serviceKey).finishLabel ?? 'Abgeschlossen';
      const updated = await this.transition(tx, current.id, {
        status: 'completed',
        timeline: {
          de: `${label}. Ihr Antrag ist erledigt.`,
          en: 'The office has done the last steps; your application is complete.',
        },
        actor: staff,
      });
      await this.audit.record(tx, actorOf(staff), {
        action: 'vorgang.finish',
        entityType: CASE_ENTITY,
        entityId: current.id,
        before: snapshot(current),
        after: snapshot(updated),
      });
      return updated;
    });
  }

  /** An internal note of a clerk (staff only; the citizen sees nothing of it). */
  async note(id: string, staff: StaffIdentity, text: string): Promise<void> {
    const note = text.trim();
    if (!note) throw new ValidationError({ note: noteRequiredMessage });
    if (note.length > NOTE_MAX) throw new ValidationError({ note: noteTooLongMessage });
    await this.repo.transaction(async (tx) => {
      const current = await this.repo.lock(tx, id);
      if (!current) throw caseNotFound();
      await this.addEvent(tx, current.id, { de: note }, staff, true);
      await this.audit.record(tx, actorOf(staff), {
        action: 'vorgang.note',
        entityType: CASE_ENTITY,
        entityId: current.id,
        after: { note },
      });
    });
  }

  /**
   * Only the clerk who has taken a case decides it (approve, reject, finish): a waiting case is taken
   * first, one another clerk works on is taken over first (the "Übernehmen" button).
   */
  private async requireAssigned(
    tx: Executor,
    current: CaseRecord,
    staff: StaffIdentity,
    verb: 'genehmigen' | 'ablehnen' | 'abschließen',
  ): Promise<void> {
    if (current.assignedTo === staff.id) return;
    if (!current.assignedTo) throw new ConflictError(takeFirstMessage(verb));
    throw new ConflictError(takenByOtherMessage(await this.repo.staffName(tx, current.assignedTo)));
  }

  /**
   * Audits what is not a change of a case: a clerk's look-up for it (the register check on its page) or
   * what the system did on the citizen's behalf. In `tx` when given, else in a transaction of its own.
   */
  async audited(actor: Actor, entry: AuditEntry, tx?: Executor): Promise<void> {
    if (tx) return this.audit.record(tx, actor, entry);
    await this.repo.transaction((own) => this.audit.record(own, actor, entry));
  }

  /**
   * A certificate issued for a case was revoked (the certificates domain calls this in the revocation's
   * transaction; wired in app.ts). The citizen's timeline says so and they get an e-mail. The reason is
   * not passed on: the revocation form tells staff it stays with the office and the audit log, so it may
   * name things not meant for the citizen; the texts send them to the citizen office instead. A
   * certificate without a case of ours is left alone.
   */
  async certificateRevoked(tx: Executor, document: RevokedDocument): Promise<void> {
    const current = await this.repo.lock(tx, document.caseId);
    if (!current) return;
    const texts = revocationTexts(document.revokedAt ?? this.now());
    await this.repo.insertEvent(tx, {
      caseId: current.id,
      at: this.now(),
      status: null,
      text: texts.timeline,
      actor: document.revokedBy ?? null,
      internal: false,
    });
    // A case finished at once has no address for status e-mails; its service may still know one.
    const to = current.email ?? this.handlers.get(current.serviceKey)?.contactEmail?.(current) ?? null;
    await this.notify(tx, current, false, { to, notice: texts.mail });
  }

  // ---- e-mail

  private async notify(
    tx: Executor,
    record: CaseRecord,
    created: boolean,
    special?: { to: string | null; notice: CaseMailNotice },
  ): Promise<void> {
    const to = special ? special.to : record.email;
    if (!to) return;
    const handler = this.handlers.get(record.serviceKey);
    const message = caseMail({
      caseRecord: record,
      status: record.status,
      serviceTitle: handler?.title ?? { de: record.serviceKey },
      publicUrl: this.links.publicUrl,
      authority: await this.links.authority(tx),
      created,
      ...(special ? { notice: special.notice } : {}),
    });
    await this.mail.queue(tx, {
      to,
      ...message,
      lang: record.lang,
      kind: CASE_MAIL_KIND,
      reference: record.id,
    });
  }
}
