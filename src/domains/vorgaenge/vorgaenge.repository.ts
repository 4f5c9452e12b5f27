import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { staffUsers } from '../staff/staff.tables.js';
import type { CaseRecord, CaseStatus } from './case-handlers.js';
import { isUuid } from './vorgaenge.rules.js';
import { caseEvents, caseNumbers, cases } from './vorgaenge.tables.js';

export type CaseRow = typeof cases.$inferSelect;
export type NewCase = typeof cases.$inferInsert;
export type CaseEvent = typeof caseEvents.$inferSelect;
export type NewCaseEvent = typeof caseEvents.$inferInsert;

export interface CaseFilter {
  serviceKey?: string | undefined;
  status?: CaseStatus | readonly CaseStatus[] | undefined;
  assignedTo?: string | undefined;
  limit?: number;
}

export const toRecord = (row: CaseRow): CaseRecord => ({ ...row });

export class VorgaengeRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * The next running number for `prefix` in `year`, atomically: the first case of a year inserts the row,
   * every further one increments it under the row lock (concurrent callers wait for each other's
   * transaction, so numbers are neither repeated nor, as long as nothing rolls back, skipped).
   */
  async nextNumber(tx: Executor, prefix: string, year: number): Promise<number> {
    const [row] = await tx
      .insert(caseNumbers)
      .values({ prefix, year, last: 1 })
      .onConflictDoUpdate({
        target: [caseNumbers.prefix, caseNumbers.year],
        set: { last: sql`${caseNumbers.last} + 1` },
      })
      .returning({ last: caseNumbers.last });
    if (!row) throw new Error('case number allocation returned no row');
    return row.last;
  }

  async insert(tx: Executor, values: NewCase): Promise<CaseRecord> {
    const [row] = await tx.insert(cases).values(values).returning();
    return toRecord(row!);
  }

  async findById(id: string, executor: Executor = this.db): Promise<CaseRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await executor.select().from(cases).where(eq(cases.id, id));
    return row ? toRecord(row) : undefined;
  }

  /** The case, locked for a change in `tx`. */
  async lock(tx: Executor, id: string): Promise<CaseRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
    return row ? toRecord(row) : undefined;
  }

  async update(tx: Executor, id: string, values: Partial<NewCase>): Promise<CaseRecord> {
    const [row] = await tx.update(cases).set(values).where(eq(cases.id, id)).returning();
    return toRecord(row!);
  }

  /** A citizen's cases, newest first. */
  async listForSubject(subject: string): Promise<CaseRecord[]> {
    const rows = await this.db
      .select()
      .from(cases)
      .where(eq(cases.subject, subject))
      .orderBy(desc(cases.createdAt), desc(cases.number));
    return rows.map(toRecord);
  }

  /** The work queue: oldest first. */
  async list(filter: CaseFilter = {}): Promise<CaseRecord[]> {
    const conditions: SQL[] = [];
    if (filter.serviceKey) conditions.push(eq(cases.serviceKey, filter.serviceKey));
    if (typeof filter.status === 'string') conditions.push(eq(cases.status, filter.status));
    else if (filter.status) conditions.push(inArray(cases.status, [...filter.status]));
    if (filter.assignedTo) {
      if (!isUuid(filter.assignedTo)) return [];
      conditions.push(eq(cases.assignedTo, filter.assignedTo));
    }
    const rows = await this.db
      .select()
      .from(cases)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(asc(cases.createdAt), asc(cases.number))
      .limit(filter.limit ?? 500);
    return rows.map(toRecord);
  }

  /** The display name of a member of staff (the clerk a case is assigned to), read through `executor`. */
  async staffName(executor: Executor, staffId: string): Promise<string | undefined> {
    if (!isUuid(staffId)) return undefined;
    const [row] = await executor
      .select({ name: staffUsers.displayName })
      .from(staffUsers)
      .where(eq(staffUsers.id, staffId));
    return row?.name;
  }

  async insertEvent(tx: Executor, values: NewCaseEvent): Promise<CaseEvent> {
    const [row] = await tx.insert(caseEvents).values(values).returning();
    return row!;
  }

  /** The timeline, oldest first. */
  async events(caseId: string, includeInternal: boolean): Promise<CaseEvent[]> {
    if (!isUuid(caseId)) return [];
    return this.db
      .select()
      .from(caseEvents)
      .where(
        includeInternal
          ? eq(caseEvents.caseId, caseId)
          : and(eq(caseEvents.caseId, caseId), eq(caseEvents.internal, false)),
      )
      .orderBy(asc(caseEvents.at), asc(caseEvents.id));
  }
}
