import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import type { Executor } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import type { City } from '../city/city.repository.js';
import type { SealKeyState, SealKeys } from './bescheinigungen.keys.js';
import { renderCertificatePdf } from './bescheinigungen.pdf.js';
import type { BescheinigungenRepository, Certificate } from './bescheinigungen.repository.js';
import {
  cleanFields,
  cleanText,
  generateVerificationCode,
  normaliseVerificationCode,
} from './bescheinigungen.rules.js';
import { type SealedContent, sealContent, verifySeal } from './bescheinigungen.seal.js';
import type { CertificateIssuer, IssueCertificateInput, IssuedCertificate } from './certificate-issuer.js';

/** The answer of /pruefen. Unknown, malformed and tampered-with codes alike are 'unknown'. */
export type Verification =
  | { state: 'genuine'; certificate: Certificate }
  | { state: 'revoked'; certificate: Certificate; revokedAt: Date }
  | { state: 'unknown' };

/** The part of a pino / Fastify logger used here (`app.log` fits). */
export interface SealLogger {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/**
 * Told of every revocation inside its transaction (after the audit entry): the cases domain notes it on
 * the certificate's case and tells the citizen (wired in app.ts; this domain knows nothing of cases).
 */
export type RevocationHandler = (certificate: Certificate, tx: Executor) => Promise<void>;

/** Reads the city (letterhead, issuing authority), through a transaction when given. */
export interface CitySource {
  find(executor?: Executor): Promise<City | undefined>;
}

export interface CertificateListFilter {
  /** A verification code (any spelling) or part of a case number. */
  query?: string | undefined;
  limit?: number;
}

export const REVOKE_REASON_MAX = 500;

const sealedContentOf = (certificate: Certificate): SealedContent => ({
  verificationCode: certificate.verificationCode,
  kind: certificate.kind,
  title: certificate.title,
  fields: certificate.fields,
  purpose: certificate.purpose,
  caseNumber: certificate.caseNumber,
  issuedAt: certificate.issuedAt,
  issuer: certificate.issuer,
});

const consoleLogger: SealLogger = {
  warn: (object, message) => console.warn(message, object),
  error: (object, message) => console.error(message, object),
};

/**
 * Sealed certificates: issue (inside the caller's transaction), the PDF, public verification by code,
 * and for staff the list and revocation (audited).
 */
export class BescheinigungenService implements CertificateIssuer {
  private log: SealLogger = consoleLogger;
  private revoked: RevocationHandler | undefined;

  constructor(
    private readonly repo: BescheinigungenRepository,
    private readonly keys: SealKeys,
    private readonly city: CitySource,
    private readonly audit: AuditRepository,
    private readonly options: { publicUrl: string },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Logs go to the app's logger once it exists (wired in buildApp). */
  useLogger(log: SealLogger): void {
    this.log = log;
  }

  /** The handler told of each revocation, in its transaction (a failure rolls the revocation back). */
  onRevoked(handler: RevocationHandler): void {
    this.revoked = handler;
  }

  /** Readies the seal key at start-up (generates the demo key); 'unavailable' means nothing can be issued. */
  prepare(): Promise<SealKeyState> {
    return this.keys.prepare();
  }

  get sealState(): SealKeyState {
    return this.keys.state;
  }

  async issue(input: IssueCertificateInput, tx?: Executor): Promise<IssuedCertificate> {
    const title = cleanText(input.title);
    const kind = cleanText(input.kind);
    const caseNumber = cleanText(input.caseNumber);
    const fields = cleanFields(input.fields);
    const purpose = input.purpose === undefined ? null : cleanText(input.purpose) || null;
    const errors: Record<string, string> = {};
    if (!title) errors.title = 'Der Titel der Bescheinigung fehlt.';
    if (!kind) errors.kind = 'Die Art der Bescheinigung fehlt.';
    if (!caseNumber) errors.caseNumber = 'Die Vorgangsnummer fehlt.';
    if (!input.caseId) errors.caseId = 'Der Vorgang fehlt.';
    if (fields.length === 0 || fields.some((field) => !field.label)) {
      errors.fields = 'Die Bescheinigung braucht Angaben, jede mit Bezeichnung.';
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    // Without the caller's transaction the key is read (and cached) before opening ours: on PGlite a
    // query outside an open transaction waits for it.
    const key = await this.keys.signingKey(tx);
    const run = async (executor: Executor) => {
      const city = await this.city.find(executor);
      if (!city) throw new NotFoundError('Die Stadt ist noch nicht eingerichtet.');
      const content: SealedContent = {
        verificationCode: generateVerificationCode(),
        kind,
        title,
        fields,
        purpose,
        caseNumber,
        issuedAt: this.now(),
        issuer: city.authority,
      };
      const row = await this.repo.insert(executor, {
        ...content,
        caseId: input.caseId,
        subjectName: cleanText(input.subjectName),
        keyId: key.id,
        signature: sealContent(content, key.privateKey),
      });
      return { id: row.id, verificationCode: row.verificationCode, issuedAt: row.issuedAt };
    };
    return tx ? run(tx) : this.repo.transaction(run);
  }

  async get(id: string): Promise<Certificate> {
    const certificate = await this.repo.findById(id);
    if (!certificate) throw new NotFoundError('Diese Bescheinigung gibt es nicht.');
    return certificate;
  }

  async revokedAt(certificateId: string): Promise<Date | null> {
    return (await this.repo.findById(certificateId))?.revokedAt ?? null;
  }

  /** Whether the stored certificate still matches its seal (false: changed in the database). */
  async sealIntact(certificate: Certificate): Promise<boolean> {
    const publicKey = await this.keys.publicKey(certificate.keyId);
    return (
      publicKey !== undefined && verifySeal(sealedContentOf(certificate), certificate.signature, publicKey)
    );
  }

  async pdf(certificateId: string): Promise<Uint8Array> {
    const certificate = await this.get(certificateId);
    if (!(await this.sealIntact(certificate))) {
      this.log.error(
        { certificateId: certificate.id, keyId: certificate.keyId },
        'certificate: stored data do not match the seal (changed in the database?); PDF refused',
      );
      throw new ConflictError({
        de: 'Die gespeicherten Daten dieser Bescheinigung passen nicht zu ihrem Siegel. Bitte wenden Sie sich an den Betrieb.',
        en: 'The stored data of this certificate do not match its seal, so it cannot be downloaded. Please contact the citizen office.',
      });
    }
    const city = await this.city.find();
    if (!city) throw new NotFoundError('Die Stadt ist noch nicht eingerichtet.');
    return renderCertificatePdf(
      certificate,
      {
        cityName: city.name,
        authority: city.authority,
        street: city.street,
        postalCode: city.postalCode,
        town: city.town,
        phone: city.phone,
        email: city.email,
        website: city.website,
      },
      this.options.publicUrl,
    );
  }

  /** The public check of a typed or scanned code. */
  async verify(code: string): Promise<Verification> {
    const normalised = normaliseVerificationCode(code);
    if (!normalised) return { state: 'unknown' };
    const certificate = await this.repo.findByCode(normalised);
    if (!certificate) return { state: 'unknown' };
    if (!(await this.sealIntact(certificate))) {
      this.log.error(
        { certificateId: certificate.id, keyId: certificate.keyId },
        'certificate: stored data do not match the seal (changed in the database?); answered as unknown',
      );
      return { state: 'unknown' };
    }
    if (certificate.revokedAt) return { state: 'revoked', certificate, revokedAt: certificate.revokedAt };
    return { state: 'genuine', certificate };
  }

  /** Staff: newest first; the query matches a verification code (any spelling) or part of a case number. */
  list(filter: CertificateListFilter = {}): Promise<Certificate[]> {
    const query = filter.query?.trim().slice(0, 100);
    if (!query) return this.repo.list({ limit: filter.limit ?? 200 });
    return this.repo.list({
      code: normaliseVerificationCode(query),
      caseNumber: query,
      limit: filter.limit ?? 200,
    });
  }

  /**
   * Revokes with a reason (audited); an already revoked certificate is a conflict. The `onRevoked`
   * handler hears of it in the same transaction (the case's timeline and e-mail).
   */
  async revoke(id: string, reason: string, actor: Actor): Promise<Certificate> {
    const text = cleanText(reason, true);
    if (!text) throw new ValidationError({ grund: 'Bitte geben Sie einen Grund für den Widerruf an.' });
    if (text.length > REVOKE_REASON_MAX) {
      throw new ValidationError({
        grund: `Der Grund darf höchstens ${REVOKE_REASON_MAX} Zeichen lang sein.`,
      });
    }
    return this.repo.transaction(async (tx) => {
      const before = await this.repo.lock(tx, id);
      if (!before) throw new NotFoundError('Diese Bescheinigung gibt es nicht.');
      if (before.revokedAt) throw new ConflictError('Diese Bescheinigung ist bereits widerrufen.');
      const after = await this.repo.revoke(tx, id, { at: this.now(), reason: text, by: actor.name });
      if (!after) throw new ConflictError('Diese Bescheinigung ist bereits widerrufen.');
      await this.audit.record(tx, actor, {
        action: 'certificate.revoke',
        entityType: 'certificate',
        entityId: id,
        before: { revokedAt: null, verificationCode: before.verificationCode, caseNumber: before.caseNumber },
        after: { revokedAt: after.revokedAt, revokedReason: after.revokedReason, revokedBy: after.revokedBy },
      });
      await this.revoked?.(after, tx);
      return after;
    });
  }
}
