import { and, asc, desc, eq, inArray, isNull, like, notInArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { locations } from '../locations/locations.tables.js';
import { normalizeSearch } from './leistungen.rules.js';
import { leistungen, leistungLocations } from './leistungen.tables.js';

export type Leistung = typeof leistungen.$inferSelect;

/** What staff edit about a service (the id, search text and timestamps are maintained by the service). */
export interface LeistungInput {
  name: Leistung['name'];
  shortDescription: Leistung['shortDescription'];
  description: Leistung['description'];
  documents: Leistung['documents'];
  fees: Leistung['fees'];
  durationMinutes: number;
  bookableOnline: boolean;
  walkIn: boolean;
  onlineApplication: boolean;
  hints: Leistung['hints'];
  keywords: string[];
  popularity: number;
  leikaKey: string | null;
  locationIds: string[];
}

export type LeistungValues = Omit<LeistungInput, 'locationIds'> & { searchText: string };

/** A query handle: the database itself or a transaction. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete'>;

/** Word similarity (typos inside a longer text) and plain similarity thresholds for the catalogue search. */
export const WORD_SIMILARITY_THRESHOLD = 0.4;
export const SIMILARITY_THRESHOLD = 0.3;

const byGermanName = sql`${leistungen.name}->>'de'`;

export class LeistungenRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx));
  }

  async list({ includeRetired = false }: { includeRetired?: boolean } = {}): Promise<Leistung[]> {
    return this.db
      .select()
      .from(leistungen)
      .where(includeRetired ? undefined : isNull(leistungen.retiredAt))
      .orderBy(asc(byGermanName), asc(leistungen.id));
  }

  async findById(id: string, executor: Executor = this.db): Promise<Leistung | undefined> {
    const [row] = await executor.select().from(leistungen).where(eq(leistungen.id, id));
    return row;
  }

  /** Reads a service and locks its row until the transaction ends (concurrent edits queue up). */
  async findForUpdate(executor: Executor, id: string): Promise<Leistung | undefined> {
    const [row] = await executor.select().from(leistungen).where(eq(leistungen.id, id)).for('update');
    return row;
  }

  /**
   * Typo-tolerant search over the active services, best match first. The query is normalised like
   * `search_text` ("Führungszeugnis" = "fuehrungszeugnis"); trigram word similarity absorbs typos
   * ("Persnalausweis"), a plain substring match finds parts of words ("pass" in "Reisepass").
   */
  async search(query: string, limit = 50): Promise<Leistung[]> {
    const normalized = normalizeSearch(query).slice(0, 100);
    if (!normalized) return [];
    const q = sql`${normalized}::text`;
    const wordScore = sql`word_similarity(${q}, ${leistungen.searchText})`;
    const score = sql`greatest(${wordScore}, similarity(${q}, ${leistungen.searchText}))`;
    const substring = sql`strpos(${leistungen.searchText}, ${q}) > 0`;
    return this.db
      .select()
      .from(leistungen)
      .where(
        and(
          isNull(leistungen.retiredAt),
          or(
            substring,
            sql`${wordScore} >= ${WORD_SIMILARITY_THRESHOLD}`,
            sql`similarity(${q}, ${leistungen.searchText}) >= ${SIMILARITY_THRESHOLD}`,
          ),
        ),
      )
      .orderBy(
        desc(sql`${score} + case when ${substring} then 0.5 else 0 end`),
        desc(leistungen.popularity),
        asc(byGermanName),
      )
      .limit(limit);
  }

  async listPopular(n: number): Promise<Leistung[]> {
    return this.db
      .select()
      .from(leistungen)
      .where(isNull(leistungen.retiredAt))
      .orderBy(desc(leistungen.popularity), asc(byGermanName))
      .limit(n);
  }

  /** The active locations offering a service, in the locations' display order. */
  async locationIdsOf(id: string, executor: Executor = this.db): Promise<string[]> {
    const map = await this.locationIdsByLeistung([id], executor);
    return map.get(id) ?? [];
  }

  /** Active locations per service, for many services in one query (all services when `ids` is omitted). */
  async locationIdsByLeistung(ids?: string[], executor: Executor = this.db): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (ids && ids.length === 0) return map;
    const rows = await executor
      .select({ leistungId: leistungLocations.leistungId, locationId: leistungLocations.locationId })
      .from(leistungLocations)
      .innerJoin(locations, eq(locations.id, leistungLocations.locationId))
      .where(and(isNull(locations.retiredAt), ids ? inArray(leistungLocations.leistungId, ids) : undefined))
      .orderBy(asc(locations.sortOrder), asc(locations.id));
    for (const row of rows) {
      const list = map.get(row.leistungId);
      if (list) list.push(row.locationId);
      else map.set(row.leistungId, [row.locationId]);
    }
    return map;
  }

  /** Ids in use that start with `prefix` (retired services included: ids are never reused). */
  async idsStartingWith(prefix: string, executor: Executor = this.db): Promise<Set<string>> {
    const escaped = prefix.replace(/[\\%_]/g, (char) => `\\${char}`);
    const rows = await executor
      .select({ id: leistungen.id })
      .from(leistungen)
      .where(like(leistungen.id, `${escaped}%`));
    return new Set(rows.map((row) => row.id));
  }

  /** Inserts a service; undefined when the id is taken (so the caller can pick the next one). */
  async insert(executor: Executor, id: string, values: LeistungValues): Promise<Leistung | undefined> {
    const [row] = await executor
      .insert(leistungen)
      .values({ id, ...values })
      .onConflictDoNothing({ target: leistungen.id })
      .returning();
    return row;
  }

  async update(executor: Executor, id: string, values: LeistungValues): Promise<Leistung | undefined> {
    const [row] = await executor
      .update(leistungen)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(leistungen.id, id))
      .returning();
    return row;
  }

  /**
   * Sets the active locations offering a service; returns the ones linked now. Ids of unknown or retired
   * locations are ignored, and links to retired locations stay as they are (staff cannot see them).
   */
  async setLocations(executor: Executor, id: string, locationIds: string[]): Promise<string[]> {
    const valid =
      locationIds.length === 0
        ? []
        : (
            await executor
              .select({ id: locations.id })
              .from(locations)
              .where(and(inArray(locations.id, locationIds), isNull(locations.retiredAt)))
          ).map((location) => location.id);
    const activeLocations = executor
      .select({ id: locations.id })
      .from(locations)
      .where(isNull(locations.retiredAt));
    await executor
      .delete(leistungLocations)
      .where(
        and(
          eq(leistungLocations.leistungId, id),
          inArray(leistungLocations.locationId, activeLocations),
          valid.length > 0 ? notInArray(leistungLocations.locationId, valid) : undefined,
        ),
      );
    if (valid.length > 0) {
      await executor
        .insert(leistungLocations)
        .values(valid.map((locationId) => ({ leistungId: id, locationId })))
        .onConflictDoNothing();
    }
    return this.locationIdsOf(id, executor);
  }

  /** Marks a service as retired (nothing is deleted); undefined when it does not exist or is retired already. */
  async retire(executor: Executor, id: string, at: Date = new Date()): Promise<Leistung | undefined> {
    const [row] = await executor
      .update(leistungen)
      .set({ retiredAt: at, updatedAt: at })
      .where(and(eq(leistungen.id, id), isNull(leistungen.retiredAt)))
      .returning();
    return row;
  }
}
