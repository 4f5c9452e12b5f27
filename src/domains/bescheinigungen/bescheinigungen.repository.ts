import { and, desc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { certificates } from './bescheinigungen.tables.js';

export type Certificate = typeof certificates.$inferSelect;
export type NewCertificate = typeof certificates.$inferInsert;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_RE.test(value);

export interface CertificateFilter {
  /** A normalised verification code (exact). */
  code?: string | undefined;
  /** Part of the case number (case-insensitive). */
  caseNumber?: string | undefined;
  limit?: number;
}

/** `%`, `_` and `\` typed into a search match themselves. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export class BescheinigungenRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(executor: Executor, values: NewCertificate): Promise<Certificate> {
    const [row] = await executor.insert(certificates).values(values).returning();
    return row!;
  }

  async findById(id: string, executor: Executor = this.db): Promise<Certificate | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await executor.select().from(certificates).where(eq(certificates.id, id));
    return row;
  }

  async findByCode(code: string): Promise<Certificate | undefined> {
    const [row] = await this.db.select().from(certificates).where(eq(certificates.verificationCode, code));
    return row;
  }

  /** Newest first; with both a code and a case number, either matches. */
  async list(filter: CertificateFilter = {}): Promise<Certificate[]> {
    const conditions: SQL[] = [];
    if (filter.code) conditions.push(eq(certificates.verificationCode, filter.code));
    if (filter.caseNumber) {
      conditions.push(ilike(certificates.caseNumber, `%${likeEscape(filter.caseNumber)}%`));
    }
    return this.db
      .select()
      .from(certificates)
      .where(conditions.length ? or(...conditions) : undefined)
      .orderBy(desc(certificates.issuedAt), desc(certificates.id))
      .limit(filter.limit ?? 200);
  }

  /** Locks the certificate for a change in `tx`. */
  async lock(tx: Executor, id: string): Promise<Certificate | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await tx.select().from(certificates).where(eq(certificates.id, id)).for('update');
    return row;
  }

  async revoke(
    tx: Executor,
    id: string,
    values: { at: Date; reason: string; by: string },
  ): Promise<Certificate | undefined> {
    const [row] = await tx
      .update(certificates)
      .set({ revokedAt: values.at, revokedReason: values.reason, revokedBy: values.by })
      .where(and(eq(certificates.id, id), isNull(certificates.revokedAt)))
      .returning();
    return row;
  }
}
