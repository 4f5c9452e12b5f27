import { createHash, randomInt } from 'node:crypto';
import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { LocationsService } from '../locations/locations.service.js';
import type { DokumenteRepository, Executor, IdDocument } from './dokumente.repository.js';
import {
  canTransition,
  classifyDelivery,
  type DocumentPeriods,
  isWellFormedSerial,
  normaliseSerial,
  parseDeliveryCsv,
  type ScanResult,
  statusLabels,
} from './dokumente.rules.js';
import type { DocumentStatus, DocumentType, HandoverChecklist } from './dokumente.tables.js';

/** Who changes a document: a clerk, the register software (service account) or a job. */
export type DocumentActor =
  | { source: 'staff'; actor: Actor }
  | { source: 'api'; actor: Actor }
  | { source: 'system'; actor: Actor };

export interface RecordInput {
  serialNumber: string;
  documentType: DocumentType;
  locationId: string;
  applicantName: string;
  applicantBirthDate: string;
  /** With the citizen's consent only. */
  contactEmail: string | null;
  contactPhone: string | null;
  contactConsent: boolean;
  contactLang: 'de' | 'en';
}

/** The public answer: never anything personal. */
export interface PublicStatus {
  status: DocumentStatus;
  documentType: DocumentType;
  pickup: { locationId: string };
  updatedAt: Date;
}

export interface DeliveryResult {
  results: ScanResult[];
  /** How many documents became ready. */
  updated: number;
}

/** Cards with a chip come with a PIN letter from the Bundesdruckerei; passports and provisional cards do not. */
export function hasPinLetter(type: DocumentType): boolean {
  return type === 'personalausweis' || type === 'eid_karte';
}

/** The short code on the Abholschein: 8 characters without look-alikes, shown as XXXX-XXXX. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newSignupCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Codes are compared case- and dash-insensitively; the serial salts the hash. */
export function signupCodeHash(serial: string, code: string): string {
  const compact = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHash('sha256').update(`${serial}:${compact}`).digest('hex');
}

/** Statuses in which the citizen can still sign up for the "ready" message (see `signUp`). */
const signupStatuses: readonly DocumentStatus[] = ['in_bearbeitung', 'bereit_zur_abholung'];

/**
 * What the audit log keeps of a document: nothing personal (the log outlives the retention period, so
 * name, date of birth and contact stay out of it) and no hash of the sign-up code.
 */
export function documentSnapshot(document: IdDocument) {
  const {
    signupCodeHash: _hash,
    applicantName: _name,
    applicantBirthDate: _birthDate,
    contactEmail,
    contactPhone,
    ...rest
  } = document;
  return { ...rest, contact: contactEmail || contactPhone ? 'vorhanden' : 'keine' };
}

/** Channel of status changes between nodes; the payload is the serial number (an ID, nothing personal). */
const DOCUMENT_CHANNEL = 'document_status';
/** Public answers kept per node; beyond it the cache starts afresh (enumeration cannot fill memory). */
const STATUS_CACHE_MAX = 50_000;

export class DokumenteService {
  /**
   * The public answer per serial number on this node, unknown numbers included: the status page and API
   * are read far more often than documents change. Every committed change drops its serial here and, via
   * the event bus, on every other node; `statusVersion` keeps a lookup that raced a change from storing
   * the old answer.
   */
  private readonly statusCache = new Map<string, PublicStatus | null>();
  private statusVersion = 0;
  private readonly pendingSerials = new WeakMap<object, Set<string>>();

  constructor(
    private readonly repo: DokumenteRepository,
    private readonly locations: LocationsService,
    private readonly audit: AuditRepository,
    readonly periods: DocumentPeriods,
    private readonly now: () => Date,
    private readonly bus?: EventBus,
  ) {
    bus?.subscribe(DOCUMENT_CHANNEL, (serial) => this.forget(serial));
    bus?.onGap(() => this.forget(undefined));
  }

  /** A status answer is no longer right: one serial, or all (undefined). */
  private forget(serial: string | undefined): void {
    this.statusVersion += 1;
    if (serial === undefined) this.statusCache.clear();
    else this.statusCache.delete(serial);
  }

  /** A transaction whose status changes drop their cached answers once committed, on every node. */
  private async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const serials = new Set<string>();
    const result = await this.repo.transaction((tx) => {
      this.pendingSerials.set(tx, serials);
      return work(tx);
    });
    for (const serial of serials) {
      this.forget(serial);
      this.bus?.publish(DOCUMENT_CHANNEL, serial).catch(() => {
        // A lost event: other nodes show the old status until the next change of that document.
      });
    }
    return result;
  }

  private changed(tx: Executor, serial: string): void {
    this.pendingSerials.get(tx)?.add(serial);
  }

  /** Records an application; returns the document and the sign-up code for its Abholschein (shown once). */
  async record(actor: Actor, input: RecordInput): Promise<{ document: IdDocument; signupCode: string }> {
    const serial = normaliseSerial(input.serialNumber);
    const errors: Record<string, string> = {};
    if (!isWellFormedSerial(serial)) {
      errors.serialNumber =
        'Die Seriennummer hat 9 Zeichen: Ziffern und die Buchstaben C, F–H, J–N, P, R, T, V–Z.';
    } else if (await this.repo.findBySerial(serial)) {
      errors.serialNumber = 'Zu dieser Seriennummer gibt es schon einen Eintrag.';
    }
    if ((input.contactEmail || input.contactPhone) && !input.contactConsent) {
      errors.contactConsent = 'Ohne Einwilligung dürfen wir die Kontaktdaten nicht speichern.';
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await this.locations.get(input.locationId).catch(() => {
      throw new ValidationError({ locationId: 'Bitte wählen Sie einen Abholort aus der Liste.' });
    });
    const now = this.now();
    const signupCode = newSignupCode();
    const consent = input.contactConsent && Boolean(input.contactEmail || input.contactPhone);
    const document = await this.transaction(async (tx) => {
      // A number looked up before it was recorded ("unknown") must not stay cached as unknown.
      this.changed(tx, serial);
      const created = await this.repo.insert(tx, {
        serialNumber: serial,
        documentType: input.documentType,
        locationId: input.locationId,
        applicantName: input.applicantName,
        applicantBirthDate: input.applicantBirthDate,
        contactEmail: consent ? input.contactEmail : null,
        contactPhone: consent ? input.contactPhone : null,
        contactConsentAt: consent ? now : null,
        contactLang: input.contactLang,
        signupCodeHash: signupCodeHash(serial, signupCode),
        appliedAt: now,
        statusChangedAt: now,
      });
      await this.repo.insertEvent(tx, {
        documentId: created.id,
        fromStatus: null,
        toStatus: created.status,
        at: now,
        actorName: actor.name,
        source: 'staff',
      });
      await this.audit.record(tx, actor, {
        action: 'document.record',
        entityType: 'document',
        entityId: created.id,
        after: documentSnapshot(created),
      });
      return created;
    }).catch((error: unknown) => {
      // Two clerks recording the same number at once: the unique index lets one through.
      if ((error as { code?: string; cause?: { code?: string } }).cause?.code === '23505') {
        throw new ValidationError({ serialNumber: 'Zu dieser Seriennummer gibt es schon einen Eintrag.' });
      }
      throw error;
    });
    return { document, signupCode };
  }

  async get(id: string): Promise<IdDocument> {
    const document = /^[0-9a-f-]{36}$/i.test(id) ? await this.repo.findById(id) : undefined;
    if (!document) throw new NotFoundError('Diesen Eintrag gibt es nicht.');
    return document;
  }

  /** For staff (desk, handover): by serial number as typed or scanned. */
  async findBySerial(input: string): Promise<IdDocument | undefined> {
    const serial = normaliseSerial(input);
    return isWellFormedSerial(serial) ? this.repo.findBySerial(serial) : undefined;
  }

  list = (filter: Parameters<DokumenteRepository['list']>[0] = {}) => this.repo.list(filter);
  events = (documentId: string) => this.repo.events(documentId);
  countByStatus = () => this.repo.countByStatus();

  /**
   * The citizen's status query: by serial number only, nothing personal. Unknown and malformed numbers
   * both give undefined (the caller answers them identically).
   */
  /** The kept answer for a normalised serial: the status, null for unknown, undefined if not kept. */
  cachedPublicStatus(serial: string): PublicStatus | null | undefined {
    return this.statusCache.get(serial);
  }

  async publicStatus(input: string): Promise<PublicStatus | undefined> {
    const serial = normaliseSerial(input);
    if (!isWellFormedSerial(serial)) return undefined;
    const cached = this.statusCache.get(serial);
    if (cached !== undefined) return cached ?? undefined;
    const version = this.statusVersion;
    const row = await this.repo.publicBySerial(serial);
    const answer: PublicStatus | null = row
      ? {
          status: row.status,
          documentType: row.documentType,
          pickup: { locationId: row.locationId },
          updatedAt: row.statusChangedAt,
        }
      : null;
    if (version === this.statusVersion) {
      if (this.statusCache.size >= STATUS_CACHE_MAX) this.statusCache.clear();
      this.statusCache.set(serial, answer);
    }
    return answer ?? undefined;
  }

  /** One status change, audited and recorded in the document's history, in one transaction. */
  async changeStatus(by: DocumentActor, id: string, to: DocumentStatus): Promise<IdDocument> {
    return this.transaction(async (tx) => {
      const document = await this.repo.lock(tx, id);
      if (!document) throw new NotFoundError('Diesen Eintrag gibt es nicht.');
      return this.applyStatus(tx, by, document, to);
    });
  }

  /** The register software pushes a status by serial number (service account). */
  async changeStatusBySerial(by: DocumentActor, input: string, to: DocumentStatus): Promise<IdDocument> {
    const serial = normaliseSerial(input);
    return this.transaction(async (tx) => {
      const [document] = isWellFormedSerial(serial) ? await this.repo.lockSerials(tx, [serial]) : [];
      if (!document) throw new NotFoundError('Zu dieser Seriennummer gibt es keinen Eintrag.');
      return this.applyStatus(tx, by, document, to);
    });
  }

  /**
   * A delivery from the Bundesdruckerei: every number is classified (recognised, unknown, duplicate,
   * malformed, not allowed); the recognised ones become ready in ONE transaction, so an error leaves
   * nothing half-done.
   */
  async receiveDelivery(by: DocumentActor, inputs: string[]): Promise<DeliveryResult> {
    const nonEmpty = inputs.map((input) => input.trim()).filter((input) => input !== '');
    if (nonEmpty.length === 0)
      throw new ValidationError({ serials: 'Bitte scannen oder tippen Sie mindestens eine Seriennummer.' });
    return this.transaction(async (tx) => {
      const serials = [...new Set(nonEmpty.map(normaliseSerial).filter(isWellFormedSerial))];
      const known = await this.repo.lockSerials(tx, serials);
      const results = classifyDelivery(
        nonEmpty,
        new Map(
          known.map((document) => [document.serialNumber, { id: document.id, status: document.status }]),
        ),
      );
      const byId = new Map(known.map((document) => [document.id, document]));
      let updated = 0;
      for (const result of results) {
        if (result.kind !== 'recognised') continue;
        await this.applyStatus(tx, by, byId.get(result.documentId)!, 'bereit_zur_abholung');
        updated += 1;
      }
      return { results, updated };
    });
  }

  /** The delivery list as CSV: a broken line refuses the whole list with the line named. */
  async receiveDeliveryCsv(by: DocumentActor, text: string): Promise<DeliveryResult> {
    const parsed = parseDeliveryCsv(text);
    if (!parsed.ok) {
      throw new ValidationError(
        {
          file: parsed.errors
            .slice(0, 5)
            .map((error) => `Zeile ${error.line}: ${error.message}`)
            .join(' '),
        },
        'Die Liste wurde nicht übernommen: nichts wurde geändert.',
      );
    }
    return this.receiveDelivery(by, parsed.serials);
  }

  /** Handover at the desk: only with the checklist complete; the contact data goes with it. */
  async handOver(actor: Actor, id: string, checklist: HandoverChecklist): Promise<IdDocument> {
    return this.transaction(async (tx) => {
      const document = await this.repo.lock(tx, id);
      if (!document) throw new NotFoundError('Diesen Eintrag gibt es nicht.');
      const errors: Record<string, string> = {};
      if (!checklist.identityChecked) errors.identityChecked = 'Bitte prüfen Sie die Identität.';
      if (!checklist.pinLetterReceived && hasPinLetter(document.documentType)) {
        errors.pinLetterReceived = 'Bitte lassen Sie sich den PIN-Brief zeigen.';
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      return this.applyStatus(tx, { source: 'staff', actor }, document, 'ausgehaendigt', {
        handover: checklist,
        handedOverAt: this.now(),
        contactEmail: null,
        contactPhone: null,
      });
    });
  }

  /**
   * Online sign-up for the "ready" message with the code from the Abholschein. A wrong code or an
   * unknown number give the same answer (false), so the form reveals nothing.
   */
  async signUp(input: {
    serialNumber: string;
    code: string;
    email: string;
    lang: 'de' | 'en';
  }): Promise<boolean> {
    const serial = normaliseSerial(input.serialNumber);
    if (!isWellFormedSerial(serial)) return false;
    const now = this.now();
    return this.transaction(async (tx) => {
      const [document] = await this.repo.lockSerials(tx, [serial]);
      if (!document?.signupCodeHash || document.signupCodeHash !== signupCodeHash(serial, input.code))
        return false;
      if (document.status !== 'in_bearbeitung' && document.status !== 'bereit_zur_abholung') return false;
      await this.repo.update(tx, document.id, {
        contactEmail: input.email,
        contactConsentAt: now,
        contactLang: input.lang,
        // A document already ready is announced by the next run of the notification job.
        notifiedAt: null,
      });
      return true;
    });
  }

  /**
   * A new Abholschein for a document still to be collected (the first one was lost, or the citizen wants
   * to sign up after all): a new sign-up code replaces the old one, which stops working. Audited; the
   * code itself is returned once and never stored.
   */
  async reissueSignupCode(actor: Actor, id: string): Promise<{ document: IdDocument; signupCode: string }> {
    return this.transaction(async (tx) => {
      const document = /^[0-9a-f-]{36}$/i.test(id) ? await this.repo.lock(tx, id) : undefined;
      if (!document) throw new NotFoundError('Diesen Eintrag gibt es nicht.');
      if (!signupStatuses.includes(document.status)) {
        throw new ConflictError(
          `Im Status „${statusLabels[document.status].de}“ gibt es keinen Abholschein mehr: das Dokument wird nicht mehr abgeholt.`,
        );
      }
      const signupCode = newSignupCode();
      const updated = await this.repo.update(tx, document.id, {
        signupCodeHash: signupCodeHash(document.serialNumber, signupCode),
      });
      await this.audit.record(tx, actor, {
        action: 'document.signup-code',
        entityType: 'document',
        entityId: document.id,
        after: { serialNumber: document.serialNumber },
      });
      return { document: updated, signupCode };
    });
  }

  /** Uncollected documents ready for longer than the reminder period. */
  uncollected(): Promise<IdDocument[]> {
    const since = new Date(this.now().getTime() - this.periods.reminderDays * 86_400_000);
    return this.repo.uncollected(since);
  }

  /** Documents to destroy: not collected within the legal period, or invalidated. */
  destructionList(): Promise<IdDocument[]> {
    const since = new Date(this.now().getTime() - this.periods.destructionDays * 86_400_000);
    return this.repo.destructionList(since);
  }

  private async applyStatus(
    tx: Executor,
    by: DocumentActor,
    document: IdDocument,
    to: DocumentStatus,
    extra: Partial<IdDocument> = {},
  ): Promise<IdDocument> {
    if (!canTransition(document.status, to)) {
      throw new ConflictError(
        `Der Status „${statusLabels[document.status].de}“ kann nicht zu „${statusLabels[to].de}“ wechseln.`,
      );
    }
    const now = this.now();
    this.changed(tx, document.serialNumber);
    const updated = await this.repo.update(tx, document.id, {
      ...extra,
      status: to,
      statusChangedAt: now,
      ...(to === 'bereit_zur_abholung' ? { readyAt: now, reminderSentAt: null } : {}),
    });
    await this.repo.insertEvent(tx, {
      documentId: document.id,
      fromStatus: document.status,
      toStatus: to,
      at: now,
      actorName: by.actor.name,
      source: by.source,
    });
    await this.audit.record(tx, by.actor, {
      action: `document.${to}`,
      entityType: 'document',
      entityId: document.id,
      before: { status: document.status },
      after: { status: to },
    });
    return updated;
  }
}
