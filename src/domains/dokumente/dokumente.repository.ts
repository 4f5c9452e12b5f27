import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { type DocumentStatus, idDocumentEvents, idDocuments } from './dokumente.tables.js';

export type IdDocument = typeof idDocuments.$inferSelect;
export type NewIdDocument = typeof idDocuments.$inferInsert;
export type IdDocumentEvent = typeof idDocumentEvents.$inferSelect;
export type { Executor } from '../../platform/db/database.js';

import type { Executor } from '../../platform/db/database.js';

export interface DocumentFilter {
  status?: DocumentStatus | undefined;
  locationId?: string | undefined;
  /** Part of the serial number or of the applicant's name. */
  query?: string | undefined;
  limit?: number;
}

export class DokumenteRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(tx: Executor, values: NewIdDocument): Promise<IdDocument> {
    const [row] = await tx.insert(idDocuments).values(values).returning();
    return row!;
  }

  async findById(id: string, executor: Executor = this.db): Promise<IdDocument | undefined> {
    const [row] = await executor.select().from(idDocuments).where(eq(idDocuments.id, id));
    return row;
  }

  async findBySerial(serial: string, executor: Executor = this.db): Promise<IdDocument | undefined> {
    const [row] = await executor.select().from(idDocuments).where(eq(idDocuments.serialNumber, serial));
    return row;
  }

  /** Only what the public status answer needs, by serial number: one index lookup. */
  async publicBySerial(serial: string) {
    const [row] = await this.db
      .select({
        status: idDocuments.status,
        documentType: idDocuments.documentType,
        locationId: idDocuments.locationId,
        statusChangedAt: idDocuments.statusChangedAt,
      })
      .from(idDocuments)
      .where(eq(idDocuments.serialNumber, serial));
    return row;
  }

  /** Known documents among `serials` with their status, locked for a change in `tx`. */
  async lockSerials(tx: Executor, serials: string[]): Promise<IdDocument[]> {
    if (serials.length === 0) return [];
    return tx
      .select()
      .from(idDocuments)
      .where(inArray(idDocuments.serialNumber, serials))
      .orderBy(asc(idDocuments.serialNumber))
      .for('update');
  }

  async lock(tx: Executor, id: string): Promise<IdDocument | undefined> {
    const [row] = await tx.select().from(idDocuments).where(eq(idDocuments.id, id)).for('update');
    return row;
  }

  async update(tx: Executor, id: string, values: Partial<NewIdDocument>): Promise<IdDocument> {
    const [row] = await tx.update(idDocuments).set(values).where(eq(idDocuments.id, id)).returning();
    return row!;
  }

  async insertEvent(tx: Executor, values: typeof idDocumentEvents.$inferInsert): Promise<void> {
    await tx.insert(idDocumentEvents).values(values);
  }

  async events(documentId: string): Promise<IdDocumentEvent[]> {
    return this.db
      .select()
      .from(idDocumentEvents)
      .where(eq(idDocumentEvents.documentId, documentId))
      .orderBy(asc(idDocumentEvents.at), asc(idDocumentEvents.id));
  }

  async list(filter: DocumentFilter = {}): Promise<IdDocument[]> {
    const conditions: SQL[] = [];
    if (filter.status) conditions.push(eq(idDocuments.status, filter.status));
    if (filter.locationId) conditions.push(eq(idDocuments.locationId, filter.locationId));
    if (filter.query) {
      const pattern = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(ilike(idDocuments.serialNumber, pattern), ilike(idDocuments.applicantName, pattern))!,
      );
    }
    return this.db
      .select()
      .from(idDocuments)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(idDocuments.statusChangedAt))
      .limit(filter.limit ?? 200);
  }

  /** Ready documents whose "ready" message is due (contact with consent, not yet notified), claimed. */
  async claimReadyToNotify(tx: Executor, limit: number): Promise<IdDocument[]> {
    return tx
      .select()
      .from(idDocuments)
      .where(
        and(
          eq(idDocuments.status, 'bereit_zur_abholung'),
          isNull(idDocuments.notifiedAt),
          isNotNull(idDocuments.contactConsentAt),
          or(isNotNull(idDocuments.contactEmail), isNotNull(idDocuments.contactPhone)),
        ),
      )
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /** Ready since before `readySince` and not yet reminded, claimed. */
  async claimReminders(tx: Executor, readySince: Date, limit: number): Promise<IdDocument[]> {
    return tx
      .select()
      .from(idDocuments)
      .where(
        and(
          eq(idDocuments.status, 'bereit_zur_abholung'),
          isNull(idDocuments.reminderSentAt),
          lte(idDocuments.readyAt, readySince),
        ),
      )
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /** Final documents unchanged since before `changedBefore` whose personal data is still there, claimed. */
  async claimPurge(tx: Executor, statuses: readonly DocumentStatus[], changedBefore: Date, limit: number) {
    return tx
      .select()
      .from(idDocuments)
      .where(
        and(
          inArray(idDocuments.status, [...statuses]),
          isNull(idDocuments.personalDataPurgedAt),
          lte(idDocuments.statusChangedAt, changedBefore),
        ),
      )
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /** Ready since before `readySince` (not collected) or invalidated: the destruction list. */
  async destructionList(readySince: Date): Promise<IdDocument[]> {
    return this.db
      .select()
      .from(idDocuments)
      .where(
        or(
          and(eq(idDocuments.status, 'bereit_zur_abholung'), lte(idDocuments.readyAt, readySince)),
          eq(idDocuments.status, 'ungueltig'),
        ),
      )
      .orderBy(asc(idDocuments.readyAt));
  }

  /** Ready documents not collected yet, oldest first (the reminder list). */
  async uncollected(readySince: Date): Promise<IdDocument[]> {
    return this.db
      .select()
      .from(idDocuments)
      .where(and(eq(idDocuments.status, 'bereit_zur_abholung'), lte(idDocuments.readyAt, readySince)))
      .orderBy(asc(idDocuments.readyAt));
  }

  async countByStatus(): Promise<Array<{ status: DocumentStatus; count: number }>> {
    return this.db
      .select({ status: idDocuments.status, count: sql<number>`count(*)::int` })
      .from(idDocuments)
      .groupBy(idDocuments.status);
  }
}
