import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { counters, locationExceptions, locations, openingHours } from './locations.tables.js';

export type Location = typeof locations.$inferSelect;
export type NewLocation = typeof locations.$inferInsert;
/** The master data an admin edits (everything but the id and the bookkeeping columns). */
export type LocationValues = Omit<NewLocation, 'id' | 'retiredAt' | 'createdAt' | 'updatedAt'>;
export type OpeningHoursRow = typeof openingHours.$inferSelect;
export type LocationException = typeof locationExceptions.$inferSelect;
export type NewLocationException = Omit<typeof locationExceptions.$inferInsert, 'id' | 'createdAt'>;
export type Counter = typeof counters.$inferSelect;
export interface WeeklyHoursEntry {
  weekday: number;
  opens: string;
  closes: string;
}

export type Executor = Pick<Database, 'insert' | 'update' | 'select' | 'delete'>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids of exceptions and counters are UUIDs; anything else cannot exist (and must not reach PostgreSQL). */
export const isUuid = (value: string): boolean => UUID_RE.test(value);

/** Storage of locations, their weekly hours, exceptions (closures, special hours) and counters. */
export class LocationsRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // ---- locations

  async list({ includeRetired = false }: { includeRetired?: boolean } = {}): Promise<Location[]> {
    return this.db
      .select()
      .from(locations)
      .where(includeRetired ? undefined : isNull(locations.retiredAt))
      .orderBy(asc(locations.sortOrder), sql`${locations.name}->>'de'`, asc(locations.id));
  }

  async findById(id: string, executor: Executor = this.db): Promise<Location | undefined> {
    const [row] = await executor.select().from(locations).where(eq(locations.id, id));
    return row;
  }

  /** Locks the row until the transaction ends, so concurrent changes are serialised (audit before/after stay exact). */
  async findForUpdate(executor: Executor, id: string): Promise<Location | undefined> {
    const [row] = await executor.select().from(locations).where(eq(locations.id, id)).for('update');
    return row;
  }

  /** Inserts a location; undefined when the id is taken. */
  async insert(executor: Executor, values: NewLocation): Promise<Location | undefined> {
    const [row] = await executor
      .insert(locations)
      .values(values)
      .onConflictDoNothing({ target: locations.id })
      .returning();
    return row;
  }

  async update(
    executor: Executor,
    id: string,
    values: Partial<LocationValues>,
  ): Promise<Location | undefined> {
    const [row] = await executor
      .update(locations)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(locations.id, id))
      .returning();
    return row;
  }

  async retire(executor: Executor, id: string, at: Date): Promise<Location | undefined> {
    const [row] = await executor
      .update(locations)
      .set({ retiredAt: at, updatedAt: at })
      .where(and(eq(locations.id, id), isNull(locations.retiredAt)))
      .returning();
    return row;
  }

  // ---- weekly opening hours

  async weeklyHours(locationId: string, executor: Executor = this.db): Promise<OpeningHoursRow[]> {
    return executor
      .select()
      .from(openingHours)
      .where(eq(openingHours.locationId, locationId))
      .orderBy(asc(openingHours.weekday), asc(openingHours.opens));
  }

  async weeklyHoursOf(locationIds: string[]): Promise<OpeningHoursRow[]> {
    if (locationIds.length === 0) return [];
    return this.db
      .select()
      .from(openingHours)
      .where(inArray(openingHours.locationId, locationIds))
      .orderBy(asc(openingHours.locationId), asc(openingHours.weekday), asc(openingHours.opens));
  }

  /** Replaces all weekly hours of a location (call inside a transaction). */
  async replaceWeeklyHours(
    executor: Executor,
    locationId: string,
    entries: WeeklyHoursEntry[],
  ): Promise<OpeningHoursRow[]> {
    await executor.delete(openingHours).where(eq(openingHours.locationId, locationId));
    if (entries.length === 0) return [];
    return executor
      .insert(openingHours)
      .values(
        entries.map((entry) => ({
          locationId,
          weekday: entry.weekday,
          opens: entry.opens,
          closes: entry.closes,
        })),
      )
      .returning();
  }

  // ---- exceptions (closures and special hours)

  /** Exceptions of a location, oldest first (later entries win in the rules); `endingFrom` keeps those still relevant. */
  async exceptions(
    locationId: string,
    { endingFrom }: { endingFrom?: string } = {},
    executor: Executor = this.db,
  ): Promise<LocationException[]> {
    return executor
      .select()
      .from(locationExceptions)
      .where(
        and(
          eq(locationExceptions.locationId, locationId),
          endingFrom ? gte(locationExceptions.toDate, endingFrom) : undefined,
        ),
      )
      .orderBy(asc(locationExceptions.createdAt), asc(locationExceptions.fromDate));
  }

  /** Exceptions of several locations that end on or after `endingFrom`, oldest first. */
  async exceptionsOf(locationIds: string[], endingFrom: string): Promise<LocationException[]> {
    if (locationIds.length === 0) return [];
    return this.db
      .select()
      .from(locationExceptions)
      .where(
        and(inArray(locationExceptions.locationId, locationIds), gte(locationExceptions.toDate, endingFrom)),
      )
      .orderBy(asc(locationExceptions.createdAt), asc(locationExceptions.fromDate));
  }

  async findException(
    locationId: string,
    exceptionId: string,
    executor: Executor = this.db,
  ): Promise<LocationException | undefined> {
    if (!isUuid(exceptionId)) return undefined;
    const [row] = await executor
      .select()
      .from(locationExceptions)
      .where(and(eq(locationExceptions.id, exceptionId), eq(locationExceptions.locationId, locationId)));
    return row;
  }

  async insertException(executor: Executor, values: NewLocationException): Promise<LocationException> {
    const [row] = await executor.insert(locationExceptions).values(values).returning();
    return row!;
  }

  /** Exceptions are configuration, so they may be deleted (the caller audits it). */
  async deleteException(
    executor: Executor,
    locationId: string,
    exceptionId: string,
  ): Promise<LocationException | undefined> {
    if (!isUuid(exceptionId)) return undefined;
    const [row] = await executor
      .delete(locationExceptions)
      .where(and(eq(locationExceptions.id, exceptionId), eq(locationExceptions.locationId, locationId)))
      .returning();
    return row;
  }

  // ---- counters (Schalter)

  async counters(
    locationId: string,
    { includeRetired = false }: { includeRetired?: boolean } = {},
    executor: Executor = this.db,
  ): Promise<Counter[]> {
    return executor
      .select()
      .from(counters)
      .where(
        and(eq(counters.locationId, locationId), includeRetired ? undefined : isNull(counters.retiredAt)),
      )
      .orderBy(asc(counters.retiredAt), asc(counters.createdAt), asc(counters.name));
  }

  /** Number of active counters per location. */
  async activeCounterCounts(locationIds: string[]): Promise<Map<string, number>> {
    if (locationIds.length === 0) return new Map();
    const rows = await this.db
      .select({ locationId: counters.locationId, count: sql<number>`count(*)::int` })
      .from(counters)
      .where(and(inArray(counters.locationId, locationIds), isNull(counters.retiredAt)))
      .groupBy(counters.locationId);
    return new Map(rows.map((row) => [row.locationId, Number(row.count)]));
  }

  async findCounter(
    locationId: string,
    counterId: string,
    executor: Executor = this.db,
  ): Promise<Counter | undefined> {
    if (!isUuid(counterId)) return undefined;
    const [row] = await executor
      .select()
      .from(counters)
      .where(and(eq(counters.id, counterId), eq(counters.locationId, locationId)));
    return row;
  }

  async insertCounter(executor: Executor, locationId: string, name: string): Promise<Counter> {
    const [row] = await executor.insert(counters).values({ locationId, name }).returning();
    return row!;
  }

  async renameCounter(
    executor: Executor,
    locationId: string,
    counterId: string,
    name: string,
  ): Promise<Counter | undefined> {
    if (!isUuid(counterId)) return undefined;
    const [row] = await executor
      .update(counters)
      .set({ name })
      .where(and(eq(counters.id, counterId), eq(counters.locationId, locationId)))
      .returning();
    return row;
  }

  async retireCounter(
    executor: Executor,
    locationId: string,
    counterId: string,
    at: Date,
  ): Promise<Counter | undefined> {
    if (!isUuid(counterId)) return undefined;
    const [row] = await executor
      .update(counters)
      .set({ retiredAt: at })
      .where(and(eq(counters.id, counterId), eq(counters.locationId, locationId), isNull(counters.retiredAt)))
      .returning();
    return row;
  }
}
