import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { locations } from '../locations/locations.tables.js';
import { devices } from './devices.tables.js';

export type DeviceRow = typeof devices.$inferSelect;
export type NewDeviceRow = typeof devices.$inferInsert;
/** A device with the name of its location (for pages and for the enrolment preview). */
export type DeviceWithLocation = DeviceRow & { locationName: LocalizedText };
export type Executor = Pick<Database, 'insert' | 'update' | 'select' | 'delete'>;

const withLocation = { device: devices, locationName: locations.name };

function flatten(row: { device: DeviceRow; locationName: LocalizedText }): DeviceWithLocation {
  return { ...row.device, locationName: row.locationName };
}

/** Storage of kiosks and call displays. */
export class DevicesRepository {
  constructor(private readonly db: Database) {}

  /** All devices, by location (in the locations' order), then kind and name. */
  async list(): Promise<DeviceWithLocation[]> {
    const rows = await this.db
      .select(withLocation)
      .from(devices)
      .innerJoin(locations, eq(devices.locationId, locations.id))
      .orderBy(asc(locations.sortOrder), asc(locations.id), asc(devices.kind), asc(devices.name));
    return rows.map(flatten);
  }

  async findById(id: string, executor: Executor = this.db): Promise<DeviceWithLocation | undefined> {
    const [row] = await executor
      .select(withLocation)
      .from(devices)
      .innerJoin(locations, eq(devices.locationId, locations.id))
      .where(eq(devices.id, id));
    return row ? flatten(row) : undefined;
  }

  /** The device row, locked until the end of the transaction (enrolment, reissue, revoke). */
  async lockById(tx: Executor, id: string): Promise<DeviceRow | undefined> {
    const [row] = await tx.select().from(devices).where(eq(devices.id, id)).for('update');
    return row;
  }

  /** The device whose open enrolment link has this hash, if any (revoked ones included). */
  async findByEnrolmentHash(
    hash: string,
    executor: Executor = this.db,
  ): Promise<DeviceWithLocation | undefined> {
    const [row] = await executor
      .select(withLocation)
      .from(devices)
      .innerJoin(locations, eq(devices.locationId, locations.id))
      .where(eq(devices.enrolmentHash, hash))
      .orderBy(sql`${devices.revokedAt} asc nulls first`, asc(devices.createdAt))
      .limit(1);
    return row ? flatten(row) : undefined;
  }

  async insert(tx: Executor, values: NewDeviceRow): Promise<DeviceRow> {
    const [created] = await tx.insert(devices).values(values).returning();
    return created!;
  }

  async update(
    tx: Executor,
    id: string,
    values: Partial<
      Pick<
        DeviceRow,
        'enrolmentHash' | 'enrolmentUntil' | 'credentialHash' | 'enrolledAt' | 'lastSeenAt' | 'revokedAt'
      >
    >,
  ): Promise<DeviceRow | undefined> {
    const [updated] = await tx.update(devices).set(values).where(eq(devices.id, id)).returning();
    return updated;
  }

  /** Records that the device was seen, unless that was already recorded after `unless`. */
  async touch(id: string, now: Date, unless: Date): Promise<void> {
    await this.db
      .update(devices)
      .set({ lastSeenAt: now })
      .where(and(eq(devices.id, id), or(isNull(devices.lastSeenAt), lt(devices.lastSeenAt, unless))));
  }

  /**
   * A location that is not retired (devices can only be registered there). With `lock`, its row stays
   * locked until the end of the transaction, which serialises concurrent set-ups of the demo devices.
   */
  async findActiveLocation(
    id: string,
    executor: Executor = this.db,
    lock = false,
  ): Promise<{ id: string; name: LocalizedText } | undefined> {
    const query = executor
      .select({ id: locations.id, name: locations.name })
      .from(locations)
      .where(and(eq(locations.id, id), isNull(locations.retiredAt)));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  }

  /** Locations that are not retired, in their display order (the choice in the registration form). */
  async activeLocations(): Promise<Array<{ id: string; name: LocalizedText }>> {
    return this.db
      .select({ id: locations.id, name: locations.name })
      .from(locations)
      .where(isNull(locations.retiredAt))
      .orderBy(asc(locations.sortOrder), asc(locations.id));
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
