import { and, asc, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import type { UploadedFile, UploadType } from './antraege.definition.js';
import { applicationDrafts, applicationUploads } from './antraege.tables.js';

export type Draft = typeof applicationDrafts.$inferSelect;
export type StoredUpload = UploadedFile & { field: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs and forms: anything that is not a UUID must not reach the database. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const uploadColumns = {
  id: applicationUploads.id,
  field: applicationUploads.field,
  filename: applicationUploads.filename,
  contentType: applicationUploads.contentType,
  size: applicationUploads.size,
  sha256: applicationUploads.sha256,
};

const asStored = (row: { contentType: string } & Omit<StoredUpload, 'contentType'>): StoredUpload => ({
  ...row,
  contentType: row.contentType as UploadType,
});

/** The drafts of one citizen for one service. */
const draftsOf = (subject: string, serviceKey: string) => [
  eq(applicationDrafts.subject, subject),
  eq(applicationDrafts.serviceKey, serviceKey),
];

export class AntraegeRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // ---- drafts

  async openDraft(subject: string, serviceKey: string): Promise<Draft | undefined> {
    const [row] = await this.db
      .select()
      .from(applicationDrafts)
      .where(and(...draftsOf(subject, serviceKey), isNull(applicationDrafts.submittedAt)));
    return row;
  }

  /** The citizen's most recently sent draft of this service (to point at its case). */
  async lastSubmitted(subject: string, serviceKey: string): Promise<Draft | undefined> {
    const [row] = await this.db
      .select()
      .from(applicationDrafts)
      .where(and(...draftsOf(subject, serviceKey), isNotNull(applicationDrafts.submittedAt)))
      .orderBy(desc(applicationDrafts.submittedAt))
      .limit(1);
    return row;
  }

  async findDraft(id: string, subject: string, serviceKey: string): Promise<Draft | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db
      .select()
      .from(applicationDrafts)
      .where(and(eq(applicationDrafts.id, id), ...draftsOf(subject, serviceKey)));
    return row;
  }

  /** Creates the open draft or replaces its answers (one open draft per citizen and service). */
  async saveAnswers(
    subject: string,
    serviceKey: string,
    answers: Record<string, unknown>,
    at: Date,
    expiresAt: Date,
  ): Promise<Draft> {
    const [row] = await this.db
      .insert(applicationDrafts)
      .values({ subject, serviceKey, answers, createdAt: at, updatedAt: at, expiresAt })
      .onConflictDoUpdate({
        target: [applicationDrafts.subject, applicationDrafts.serviceKey],
        targetWhere: sql`${applicationDrafts.submittedAt} is null`,
        set: { answers, updatedAt: at, expiresAt },
      })
      .returning();
    if (!row) throw new Error('draft upsert returned no row');
    return row;
  }

  /** The draft, locked until the end of `tx` (the submit of the same draft twice waits here). */
  async lockDraft(tx: Executor, id: string): Promise<Draft | undefined> {
    const [row] = await tx.select().from(applicationDrafts).where(eq(applicationDrafts.id, id)).for('update');
    return row;
  }

  /** The draft became a case: it is kept (closed) until `expiresAt` so a second submit finds the case. */
  async markSubmitted(tx: Executor, id: string, caseId: string, at: Date, expiresAt: Date): Promise<void> {
    await tx
      .update(applicationDrafts)
      .set({ caseId, submittedAt: at, updatedAt: at, expiresAt })
      .where(eq(applicationDrafts.id, id));
    await tx
      .update(applicationUploads)
      .set({ caseId, draftId: null })
      .where(eq(applicationUploads.draftId, id));
  }

  /** Deletes drafts past their expiry (their uploads go with them); returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    const removed = await this.db
      .delete(applicationDrafts)
      .where(lt(applicationDrafts.expiresAt, now))
      .returning({ id: applicationDrafts.id });
    return removed.length;
  }

  // ---- uploads

  async uploadsOfDraft(draftId: string): Promise<StoredUpload[]> {
    const rows = await this.db
      .select(uploadColumns)
      .from(applicationUploads)
      .where(eq(applicationUploads.draftId, draftId))
      .orderBy(asc(applicationUploads.createdAt), asc(applicationUploads.id));
    return rows.map(asStored);
  }

  async uploadsOfCase(caseId: string): Promise<StoredUpload[]> {
    if (!isUuid(caseId)) return [];
    const rows = await this.db
      .select(uploadColumns)
      .from(applicationUploads)
      .where(eq(applicationUploads.caseId, caseId))
      .orderBy(asc(applicationUploads.createdAt), asc(applicationUploads.id));
    return rows.map(asStored);
  }

  /** The content of a file of a case (for staff and the case's own pages). */
  async uploadContent(caseId: string, id: string): Promise<{ file: StoredUpload; data: Buffer } | undefined> {
    if (!isUuid(caseId) || !isUuid(id)) return undefined;
    const [row] = await this.db
      .select({ ...uploadColumns, data: applicationUploads.data })
      .from(applicationUploads)
      .where(and(eq(applicationUploads.id, id), eq(applicationUploads.caseId, caseId)));
    if (!row) return undefined;
    const { data, ...file } = row;
    return { file: asStored(file), data };
  }

  async insertUpload(
    draftId: string,
    upload: Omit<StoredUpload, 'id'> & { data: Buffer },
    at: Date,
  ): Promise<StoredUpload> {
    const [row] = await this.db
      .insert(applicationUploads)
      .values({ draftId, ...upload, createdAt: at })
      .returning(uploadColumns);
    if (!row) throw new Error('upload insert returned no row');
    return asStored(row);
  }

  async deleteUpload(draftId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const removed = await this.db
      .delete(applicationUploads)
      .where(and(eq(applicationUploads.id, id), eq(applicationUploads.draftId, draftId)))
      .returning({ id: applicationUploads.id });
    return removed.length > 0;
  }
}
