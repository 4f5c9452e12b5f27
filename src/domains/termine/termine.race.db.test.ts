import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-database.js';
import { createServices } from '../../app.js';
import { loadConfig } from '../../platform/config/config.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { openDatabase } from '../../platform/db/database.js';
import { ConflictError } from '../../platform/errors/errors.js';
import type { TermineService } from './termine.service.js';

// Thursday 2026-12-03, 05:00 Berlin: the whole day is bookable (lead time 60 minutes).
const now = () => new Date('2026-12-03T04:00:00Z');
const config = loadConfig({ BUERGERAMT_DEMO: 'on', LOG_LEVEL: 'silent' });

function termineOf(database: DatabaseHandle): TermineService {
  return createServices({ config, database, cookieSecret: 'x'.repeat(32), now }).termine;
}

async function race(services: TermineService[], attempts: number, start: Date) {
  const results = await Promise.allSettled(
    Array.from({ length: attempts }, (_, index) =>
      services[index % services.length]!.reserve({
        locationId: 'rathaus',
        serviceIds: ['meldebescheinigung'],
        start,
      }),
    ),
  );
  const won = results.filter((result) => result.status === 'fulfilled').length;
  const lost = results.filter(
    (result) => result.status === 'rejected' && result.reason instanceof ConflictError,
  ).length;
  const other = results.filter(
    (result) => result.status === 'rejected' && !(result.reason instanceof ConflictError),
  );
  return { won, lost, other: other.map((result) => (result as PromiseRejectedResult).reason) };
}

describe('booking race: 200 parallel reservations for one slot', () => {
  let database: DatabaseHandle;
  let second: DatabaseHandle | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await second?.close();
    await database.close();
  });

  it('gives exactly the free capacity to the first comers and a clean conflict to everybody else', async () => {
    const termine = termineOf(database);
    const day = await termine.availability({
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      from: '2026-12-03',
      to: '2026-12-03',
    });
    const slot = day.days[0]!.slots.find(
      (offer) => offer.start.toISOString() === '2026-12-03T08:00:00.000Z',
    )!;
    expect(slot.free).toBeGreaterThan(0);

    // On PostgreSQL a second app instance with its own connection pool competes as well.
    const services = [termine];
    if (database.kind === 'postgres') {
      second = await openDatabase({
        kind: 'postgres',
        url: (database.pool as unknown as { options: { connectionString: string } }).options.connectionString,
        poolSize: 10,
      });
      services.push(termineOf(second));
    }
    const result = await race(services, 200, slot.start);
    expect(result.other).toEqual([]);
    expect(result.won).toBe(slot.free);
    expect(result.lost).toBe(200 - slot.free);

    const after = await termine.availability({
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      from: '2026-12-03',
      to: '2026-12-03',
    });
    expect(
      after.days[0]!.slots.find((offer) => offer.start.getTime() === slot.start.getTime()),
    ).toBeUndefined();
  });
});
