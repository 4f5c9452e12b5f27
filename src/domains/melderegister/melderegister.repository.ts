import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { familyNameKey, normaliseText } from './melderegister.rules.js';
import { type RegisterPersonDetails, registerPersons } from './melderegister.tables.js';
import type { RegisterRecord } from './population-register.js';

export type RegisterPersonRow = typeof registerPersons.$inferSelect;
/** A register entry before it has an id. */
export type NewRegisterRecord = Omit<RegisterRecord, 'personId'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function recordOf(row: RegisterPersonRow): RegisterRecord {
  return {
    personId: row.id,
    familyName: row.familyName,
    givenNames: row.givenNames,
    birthDate: row.birthDate,
    informationBlock: row.informationBlock,
    ...row.details,
  };
}

export function rowOf(record: NewRegisterRecord): typeof registerPersons.$inferInsert {
  const { familyName, givenNames, birthDate, informationBlock, ...details } = record;
  const kept: RegisterPersonDetails = details;
  return {
    familyName: normaliseText(familyName),
    familyNameKey: familyNameKey(familyName),
    givenNames: normaliseText(givenNames),
    birthDate: birthDate.trim(),
    informationBlock,
    details: kept,
  };
}

/** Storage of the local population register. */
export class MelderegisterRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Inserts the entries (in chunks, through `executor`, e.g. an import's transaction). */
  async insertMany(executor: Executor, records: NewRegisterRecord[]): Promise<number> {
    for (let start = 0; start < records.length; start += 500) {
      await executor.insert(registerPersons).values(records.slice(start, start + 500).map(rowOf));
    }
    return records.length;
  }

  async findById(id: string): Promise<RegisterRecord | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db.select().from(registerPersons).where(eq(registerPersons.id, id));
    return row ? recordOf(row) : undefined;
  }

  /** Everyone with this family name (compared as the identity rule compares it) and date of birth. */
  async findByNameAndBirthDate(
    familyName: string,
    birthDate: string,
    executor: Executor = this.db,
  ): Promise<RegisterRecord[]> {
    const rows = await executor
      .select()
      .from(registerPersons)
      .where(
        and(
          eq(registerPersons.familyNameKey, familyNameKey(familyName)),
          eq(registerPersons.birthDate, birthDate.trim()),
        ),
      )
      .orderBy(asc(registerPersons.givenNames), asc(registerPersons.createdAt));
    return rows.map(recordOf);
  }

  /** Blocks other writers (another import) until `tx` ends; readers go on. */
  async lockForImport(tx: Executor): Promise<void> {
    await tx.execute(sql`lock table register_persons in share row exclusive mode`);
  }

  /** Everyone whose family name key is among `keys` (e.g. to find duplicates of an import). */
  async findByFamilyNameKeys(executor: Executor, keys: string[]): Promise<RegisterRecord[]> {
    const found: RegisterRecord[] = [];
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += 500) {
      const rows = await executor
        .select()
        .from(registerPersons)
        .where(inArray(registerPersons.familyNameKey, unique.slice(start, start + 500)));
      found.push(...rows.map(recordOf));
    }
    return found;
  }
}
