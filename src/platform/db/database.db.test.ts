import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from './database.js';
import { isEmpty } from './database.js';
import { leistungen } from './schema.js';

describe('database (migrated and seeded template)', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('has the demo catalogue and the trigram extension', async () => {
    expect(await isEmpty(database.db)).toBe(false);
    const [row] = await database.db.select({ count: sql<number>`count(*)::int` }).from(leistungen);
    expect(row!.count).toBeGreaterThanOrEqual(20);
    const [similar] = await database.db
      .execute(sql`select similarity('personalausweis', 'persnalausweis') > 0.4 as ok`)
      .then((result) => (result as unknown as { rows: Array<{ ok: boolean }> }).rows);
    expect(similar!.ok).toBe(true);
  });

  it('reports readiness through ping', async () => {
    await expect(database.ping()).resolves.toBeUndefined();
  });
});
