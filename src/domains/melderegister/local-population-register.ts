import { randomUUID } from 'node:crypto';
import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import { type CsvProblem, decodeUtf8, identityKey, readRegisterCsv } from './melderegister.csv.js';
import type { MelderegisterRepository } from './melderegister.repository.js';
import { familyNameKey, givenNamesStartWith, identify } from './melderegister.rules.js';
import type {
  IdentifyQuery,
  IdentifyResult,
  PopulationRegister,
  RegisterRecord,
} from './population-register.js';

export interface LocalRegisterOptions {
  /** Answer time of every call, like a remote register (BUERGERAMT_REGISTER_DELAY_MS). */
  delayMs: number;
  /** Share of identifications answered `unavailable` (0..1, BUERGERAMT_REGISTER_FAILURE_RATE), for tests. */
  failureRate: number;
  /** Random numbers in [0, 1) for the failure rate; tests pin it. */
  random?: () => number;
}

const sleep = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

/**
 * The population register kept in our own database (table `register_persons`). It behaves like the
 * remote system it stands in for: every call takes `delayMs`, and with `failureRate` an identification
 * fails as a remote one can (`{ kind: 'unavailable' }`). Reading and searching are not made to fail:
 * their callers (clerks, certificate issue) have no `unavailable` answer in the interface.
 */
export class LocalPopulationRegister implements PopulationRegister {
  private readonly random: () => number;

  constructor(
    private readonly repository: MelderegisterRepository,
    private readonly audit: AuditRepository,
    private readonly options: LocalRegisterOptions,
  ) {
    this.random = options.random ?? Math.random;
  }

  async identify(query: IdentifyQuery): Promise<IdentifyResult> {
    await sleep(this.options.delayMs);
    if (this.options.failureRate > 0 && this.random() < this.options.failureRate) {
      return { kind: 'unavailable', reason: 'Das Melderegister antwortet nicht (simulierter Ausfall).' };
    }
    try {
      const candidates = await this.repository.findByNameAndBirthDate(query.familyName, query.birthDate);
      const found = identify(query, candidates);
      return found
        ? { kind: 'match', personId: found.personId, informationBlock: found.informationBlock }
        : { kind: 'no-match' };
    } catch (error) {
      // A database failure is to the caller what a network failure is to a remote register.
      return { kind: 'unavailable', reason: (error as Error).message };
    }
  }

  async read(personId: string): Promise<RegisterRecord | undefined> {
    await sleep(this.options.delayMs);
    return this.repository.findById(personId);
  }

  async search(query: {
    familyName: string;
    birthDate: string;
    givenNames?: string;
  }): Promise<RegisterRecord[]> {
    await sleep(this.options.delayMs);
    const found = await this.repository.findByNameAndBirthDate(query.familyName, query.birthDate);
    const givenNames = query.givenNames?.trim();
    return givenNames ? found.filter((record) => givenNamesStartWith(record.givenNames, givenNames)) : found;
  }

  /**
   * Imports further residents from a CSV file (format: melderegister.csv.ts). All lines are checked
   * first, also against the register: a person already registered with the same identity data would
   * make identification ambiguous and is refused. Then all are inserted in one transaction, audited
   * with the number only (nothing personal in the audit log). Either all or none.
   */
  async importCsv(actor: Actor, bytes: Uint8Array): Promise<RegisterImportResult> {
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      return {
        ok: false,
        problems: [
          {
            row: 1,
            message:
              'Die Datei ist nicht UTF-8-codiert. Bitte speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.',
          },
        ],
      };
    }
    const read = readRegisterCsv(text);
    if (!read.ok) return read;
    return this.repository.transaction(async (tx) => {
      await this.repository.lockForImport(tx);
      const existing = await this.repository.findByFamilyNameKeys(
        tx,
        read.records.map(({ record }) => familyNameKey(record.familyName)),
      );
      const registered = new Set(existing.map(identityKey));
      const problems: CsvProblem[] = read.records
        .filter(({ record }) => registered.has(identityKey(record)))
        .map(({ row }) => ({
          row,
          message:
            'Diese Person ist mit denselben Angaben (Name, Vornamen, Geburtsdatum, Anschrift) bereits im Melderegister eingetragen.',
        }));
      if (problems.length > 0) return { ok: false as const, problems };
      const count = await this.repository.insertMany(
        tx,
        read.records.map(({ record }) => record),
      );
      await this.audit.record(tx, actor, {
        action: 'melderegister.import',
        entityType: 'melderegister',
        entityId: randomUUID(),
        after: { count },
      });
      return { ok: true as const, count };
    });
  }
}

export type RegisterImportResult = { ok: true; count: number } | { ok: false; problems: CsvProblem[] };
