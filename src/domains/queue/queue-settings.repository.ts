import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { counters } from '../locations/locations.tables.js';
import { type CounterWithSkills, countersWithSkills } from './queue.repository.js';
import { counterServices, queueSettings, walkInQuotas } from './queue.tables.js';

export type QueueSettingsRow = typeof queueSettings.$inferSelect;
export type QueueSettingsValues = Omit<QueueSettingsRow, 'locationId' | 'updatedAt'>;
export type Executor = Pick<Database, 'insert' | 'update' | 'select' | 'delete' | 'execute'>;

/** Storage of the queue settings per location: rules, daily walk-in quotas and counter skills. */
export class QueueSettingsRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async settings(locationId: string, executor: Executor = this.db): Promise<QueueSettingsRow | undefined> {
    const [row] = await executor.select().from(queueSettings).where(eq(queueSettings.locationId, locationId));
    return row;
  }

  async upsertSettings(
    tx: Executor,
    locationId: string,
    values: QueueSettingsValues,
    now: Date,
  ): Promise<QueueSettingsRow> {
    const [row] = await tx
      .insert(queueSettings)
      .values({ locationId, ...values, updatedAt: now })
      .onConflictDoUpdate({ target: queueSettings.locationId, set: { ...values, updatedAt: now } })
      .returning();
    return row!;
  }

  /** Daily walk-in quotas of a location by service (services without a row are unlimited). */
  async quotas(locationId: string, executor: Executor = this.db): Promise<Map<string, number>> {
    const rows = await executor
      .select({ leistungId: walkInQuotas.leistungId, dailyQuota: walkInQuotas.dailyQuota })
      .from(walkInQuotas)
      .where(eq(walkInQuotas.locationId, locationId));
    return new Map(rows.map((row) => [row.leistungId, row.dailyQuota]));
  }

  /** Sets (a number) or removes (null = unlimited) the quota of each given service. */
  async replaceQuotas(tx: Executor, locationId: string, quotas: Map<string, number | null>): Promise<void> {
    const ids = [...quotas.keys()];
    if (ids.length === 0) return;
    await tx
      .delete(walkInQuotas)
      .where(and(eq(walkInQuotas.locationId, locationId), inArray(walkInQuotas.leistungId, ids)));
    const rows = [...quotas]
      .filter((entry): entry is [string, number] => entry[1] !== null)
      .map(([leistungId, dailyQuota]) => ({ locationId, leistungId, dailyQuota }));
    if (rows.length > 0) await tx.insert(walkInQuotas).values(rows);
  }

  /** Active counters of a location, by name, with the services each handles (empty = all). */
  counters(locationId: string, executor: Executor = this.db): Promise<CounterWithSkills[]> {
    return countersWithSkills(executor, locationId);
  }

  /** Locks a location's counters for a change of their skills (two admins saving at once). */
  async lockCounters(tx: Executor, locationId: string): Promise<void> {
    await tx
      .select({ id: counters.id })
      .from(counters)
      .where(eq(counters.locationId, locationId))
      .for('update');
  }

  async replaceCounterServices(tx: Executor, counterId: string, leistungIds: string[]): Promise<void> {
    await tx.delete(counterServices).where(eq(counterServices.counterId, counterId));
    if (leistungIds.length > 0) {
      await tx.insert(counterServices).values(leistungIds.map((leistungId) => ({ counterId, leistungId })));
    }
  }
}
