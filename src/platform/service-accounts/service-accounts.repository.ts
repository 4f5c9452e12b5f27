import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { serviceAccounts } from './service-accounts.tables.js';

export type ServiceAccount = typeof serviceAccounts.$inferSelect;
export type NewServiceAccount = typeof serviceAccounts.$inferInsert;
export type Executor = Pick<Database, 'insert' | 'update' | 'select'>;

export class ServiceAccountsRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(tx: Executor, values: NewServiceAccount): Promise<ServiceAccount> {
    const [row] = await tx.insert(serviceAccounts).values(values).returning();
    return row!;
  }

  /** Newest first, revoked ones included. */
  list(): Promise<ServiceAccount[]> {
    return this.db.select().from(serviceAccounts).orderBy(desc(serviceAccounts.createdAt));
  }

  async lock(tx: Executor, id: string): Promise<ServiceAccount | undefined> {
    const [row] = await tx.select().from(serviceAccounts).where(eq(serviceAccounts.id, id)).for('update');
    return row;
  }

  async update(tx: Executor, id: string, values: Partial<NewServiceAccount>): Promise<ServiceAccount> {
    const [row] = await tx.update(serviceAccounts).set(values).where(eq(serviceAccounts.id, id)).returning();
    return row!;
  }

  /** By the key's SHA-256 (unique index). */
  async findByHash(keyHash: string): Promise<ServiceAccount | undefined> {
    const [row] = await this.db.select().from(serviceAccounts).where(eq(serviceAccounts.keyHash, keyHash));
    return row;
  }

  /** Sets `lastUsedAt` unless it was set after `notAfter` (one write per minute at most, across nodes). */
  async touch(id: string, at: Date, notAfter: Date): Promise<void> {
    await this.db
      .update(serviceAccounts)
      .set({ lastUsedAt: at })
      .where(
        and(
          eq(serviceAccounts.id, id),
          or(isNull(serviceAccounts.lastUsedAt), lt(serviceAccounts.lastUsedAt, notAfter)),
        ),
      );
  }
}
