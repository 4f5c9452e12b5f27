import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Config } from '../config/config.js';
import { type EventBus, LocalEventBus, PostgresEventBus } from '../events/event-bus.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { templateFor } from './pglite-template.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The query builder shared by both engines; repositories depend on this type only. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A database or an open transaction: what repositories write through. */
export type Executor = Pick<Database, 'insert' | 'update' | 'select' | 'delete' | 'execute'>;

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../drizzle',
);

/** PGlite needs its extensions registered up front; the migrations create them. */
export const pgliteExtensions = { pg_trgm };

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** The raw PGlite instance (backups, test templates); undefined on PostgreSQL. */
  pglite?: PGlite;
  pool?: pg.Pool;
  /** Events between nodes: LISTEN/NOTIFY on PostgreSQL, in-process on PGlite (one process). */
  events: EventBus;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(
  config: Config['database'],
  options: { pgliteFromDump?: Blob; lock?: boolean } = {},
): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize });
    // An idle client that errors (e.g. the server restarted) must not crash the process.
    pool.on('error', () => {});
    const db = drizzlePg({ client: pool, schema }) as unknown as Database;
    const events = new PostgresEventBus({ pool, connectionString: config.url });
    return {
      db,
      kind: 'postgres',
      pool,
      events,
      ping: async () => {
        await pool.query('select 1');
      },
      close: async () => {
        await events.close();
        await pool.end();
      },
    };
  }

  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (config.dataDir !== 'memory://') {
    mkdirSync(config.dataDir, { recursive: true });
    if (options.lock !== false) lock = acquireDataDirLock(config.dataDir);
    dataDir = path.join(config.dataDir, 'pgdata');
  }
  try {
    const initialData = options.pgliteFromDump ?? (dataDir ? templateFor(dataDir) : undefined);
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      extensions: pgliteExtensions,
      ...(initialData ? { loadDataDir: initialData } : {}),
    });
    const db = drizzlePglite({ client: pglite, schema }) as unknown as Database;
    const events = new LocalEventBus();
    return {
      db,
      kind: 'pglite',
      pglite,
      events,
      ping: async () => {
        await pglite.query('select 1');
      },
      close: async () => {
        await events.close();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the engine-specific database type
    await migratePglite(handle.db as any, { migrationsFolder });
  } else {
    // Several app nodes may start at once: an advisory lock lets one migrate while the others wait.
    const client = await handle.pool!.connect();
    try {
      await client.query('select pg_advisory_lock(727274)');
      // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the engine-specific database type
      await migratePg(drizzlePg({ client, schema }) as any, { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock(727274)').catch(() => {});
      client.release();
    }
  }
}

export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(schema.city);
  return (row?.count ?? 0) === 0;
}
