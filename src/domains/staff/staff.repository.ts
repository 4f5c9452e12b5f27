import { and, asc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.tables.js';
import type { Database } from '../../platform/db/database.js';
import { type StaffRole, staffSessions, staffUsers } from './staff.tables.js';

export type StaffUser = typeof staffUsers.$inferSelect;
export type NewStaffUser = typeof staffUsers.$inferInsert;
type Executor = Pick<Database, 'insert' | 'update' | 'select' | 'delete'>;

export class StaffRepository {
  constructor(private readonly db: Database) {}

  async findById(id: string, executor: Executor = this.db): Promise<StaffUser | undefined> {
    const [user] = await executor.select().from(staffUsers).where(eq(staffUsers.id, id));
    return user;
  }

  async findByUsername(username: string, executor: Executor = this.db): Promise<StaffUser | undefined> {
    const [user] = await executor
      .select()
      .from(staffUsers)
      .where(eq(staffUsers.username, username.toLowerCase()));
    return user;
  }

  async list(): Promise<StaffUser[]> {
    return this.db.select().from(staffUsers).orderBy(asc(staffUsers.retiredAt), asc(staffUsers.username));
  }

  async insert(executor: Executor, user: NewStaffUser): Promise<StaffUser> {
    const [created] = await executor
      .insert(staffUsers)
      .values({ ...user, username: user.username.toLowerCase() })
      .returning();
    return created!;
  }

  async update(
    executor: Executor,
    id: string,
    values: Partial<
      Pick<
        StaffUser,
        'displayName' | 'email' | 'role' | 'passwordHash' | 'retiredAt' | 'failedLogins' | 'lockedUntil'
      >
    >,
  ): Promise<StaffUser | undefined> {
    const [updated] = await executor
      .update(staffUsers)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(staffUsers.id, id))
      .returning();
    return updated;
  }

  /**
   * Counts a failed log-in atomically and locks the account when the limit is reached. A lock that has
   * run out starts a fresh count (otherwise one typo after the lock would lock the account again).
   */
  async registerFailure(
    id: string,
    maxFailures: number,
    lockUntil: Date,
    now: Date,
  ): Promise<StaffUser | undefined> {
    const expired = sql`(${staffUsers.lockedUntil} is not null and ${staffUsers.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
    const count = sql`(case when ${expired} then 1 else ${staffUsers.failedLogins} + 1 end)`;
    const [updated] = await this.db
      .update(staffUsers)
      .set({
        failedLogins: sql`${count}`,
        lockedUntil: sql`case when ${count} >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz when ${expired} then null else ${staffUsers.lockedUntil} end`,
      })
      .where(eq(staffUsers.id, id))
      .returning();
    return updated;
  }

  async registerSuccess(id: string, now: Date): Promise<void> {
    await this.db
      .update(staffUsers)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(staffUsers.id, id));
  }

  /**
   * The ids of all active admins, locked for the rest of the transaction, so that two concurrent
   * demotions or retirements cannot both pass the "last admin" check.
   */
  async lockActiveAdmins(executor: Executor): Promise<string[]> {
    const rows = await executor
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'admin' satisfies StaffRole), isNull(staffUsers.retiredAt)))
      .for('update');
    return rows.map((row) => row.id);
  }

  /** Entity types present in the audit log (for the log's filter). */
  async auditEntityTypes(): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ entityType: auditLog.entityType })
      .from(auditLog)
      .orderBy(asc(auditLog.entityType));
    return rows.map((row) => row.entityType);
  }

  async countActiveAdmins(executor: Executor = this.db): Promise<number> {
    const [row] = await executor
      .select({ count: sql<number>`count(*)::int` })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'admin' satisfies StaffRole), isNull(staffUsers.retiredAt)));
    return row?.count ?? 0;
  }

  async createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.db.insert(staffSessions).values({ tokenHash, userId, expiresAt });
  }

  /** The session's user, if the session exists, has not expired and the user is not retired. */
  async findSessionUser(tokenHash: string, now: Date): Promise<StaffUser | undefined> {
    const [row] = await this.db
      .select({ user: staffUsers })
      .from(staffSessions)
      .innerJoin(staffUsers, eq(staffSessions.userId, staffUsers.id))
      .where(
        and(
          eq(staffSessions.tokenHash, tokenHash),
          gt(staffSessions.expiresAt, now),
          isNull(staffUsers.retiredAt),
        ),
      );
    return row?.user;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash));
  }

  async deleteSessionsOf(executor: Executor, userId: string): Promise<void> {
    await executor.delete(staffSessions).where(eq(staffSessions.userId, userId));
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.db.delete(staffSessions).where(lt(staffSessions.expiresAt, now));
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
