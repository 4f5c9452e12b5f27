import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { auditLog } from './audit.tables.js';

export interface Actor {
  id: string | null;
  name: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * Writes go through the caller's transaction handle, so a change and its audit entry commit together.
 */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async record(executor: Pick<Database, 'insert'>, actor: Actor, entry: AuditEntry): Promise<void> {
    await executor.insert(auditLog).values({
      actorId: actor.id,
      actorName: actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }

  async list(filter: { entityType?: string; entityId?: string; limit?: number } = {}): Promise<AuditRow[]> {
    const conditions: SQL[] = [];
    if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
    if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
    return this.db
      .select()
      .from(auditLog)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(filter.limit ?? 200);
  }
}
