import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-database.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { type EventBus, MAX_PAYLOAD_BYTES } from './event-bus.js';

/** The next payload on `channel`, or a failure after `ms`. */
function next(bus: EventBus, channel: string, ms = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no event on ${channel} within ${ms} ms`));
    }, ms);
    const off = bus.subscribe(channel, (payload) => {
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

describe('event bus', () => {
  let database: DatabaseHandle;
  /** On PostgreSQL a second node with its own pool and listening connection; on PGlite the same process. */
  let other: DatabaseHandle | undefined;

  beforeAll(async () => {
    database = await openTestDatabase();
    if (database.kind === 'postgres') {
      other = await openDatabase({
        kind: 'postgres',
        url: (database.pool as unknown as { options: { connectionString: string } }).options.connectionString,
        poolSize: 2,
      });
    }
  });
  afterAll(async () => {
    await other?.close();
    await database.close();
  });

  it('delivers a published event to every subscriber, the publishing node included', async () => {
    const receiver = (other ?? database).events;
    const here = next(database.events, 'test_calls');
    const there = next(receiver, 'test_calls');
    await Promise.all([database.events.ready(), receiver.ready()]);
    await database.events.publish('test_calls', '{"id":"t-1"}');
    expect(await here).toBe('{"id":"t-1"}');
    expect(await there).toBe('{"id":"t-1"}');
  });

  it('keeps channels apart and stops delivering after unsubscribe', async () => {
    const seen: string[] = [];
    const off = database.events.subscribe('test_a', (payload) => seen.push(`a:${payload}`));
    const b = next(database.events, 'test_b');
    await database.events.ready();
    await database.events.publish('test_b', '1');
    expect(await b).toBe('1');
    off();
    const a = next(database.events, 'test_a');
    await database.events.publish('test_a', '2');
    expect(await a).toBe('2');
    expect(seen).toEqual([]);
  });

  it('refuses payloads PostgreSQL could not carry and channel names that are not plain', async () => {
    await expect(database.events.publish('test_calls', 'x'.repeat(MAX_PAYLOAD_BYTES + 1))).rejects.toThrow(
      /exceeds/,
    );
    await expect(database.events.publish('Robert"); drop table x; --', '1')).rejects.toThrow(/invalid/);
  });

  it('reports a gap and listens again when the listening connection is lost (PostgreSQL)', async (context) => {
    if (!other || !database.pool) return context.skip();
    const bus = other.events;
    let gaps = 0;
    bus.onGap(() => {
      gaps += 1;
    });
    const first = next(bus, 'test_gap');
    await bus.ready();
    await database.events.publish('test_gap', 'before');
    expect(await first).toBe('before');
    // Kill the other node's listening connection as a network failure or a server restart would.
    const killed = await database.pool.query<{ count: number }>(
      `select count(pg_terminate_backend(pid))::int as count from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`,
    );
    expect(killed.rows[0]?.count).toBeGreaterThan(0);
    await expect.poll(() => gaps, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    await bus.ready();
    // Listening again: events arrive as before.
    const after = next(bus, 'test_gap', 5_000);
    await expect
      .poll(
        async () => {
          await database.events.publish('test_gap', 'after');
          return Promise.race([after, new Promise((resolve) => setTimeout(() => resolve('none'), 200))]);
        },
        { timeout: 5_000 },
      )
      .toBe('after');
  });
});
