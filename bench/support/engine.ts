import os from 'node:os';
import pg from 'pg';

/**
 * The database a benchmark runs on. PGlite (in memory, inside the app's process) by default; with
 * DATABASE_URL a fresh PostgreSQL database `buergeramt_bench_<time>` is created through the admin
 * connection (BENCH_PG_ADMIN_URL, else DATABASE_URL itself) and dropped again at the end.
 */
export interface BenchEngine {
  kind: 'pglite' | 'postgres';
  /** postgres:// URL of the fresh bench database; undefined on PGlite. */
  url: string | undefined;
  /** The bench database's name (PostgreSQL), for pgbench. */
  name: string | undefined;
  drop(): Promise<void>;
}

export async function benchEngine(): Promise<BenchEngine> {
  const configured = process.env.DATABASE_URL;
  if (!configured) return { kind: 'pglite', url: undefined, name: undefined, drop: async () => {} };
  const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? configured;
  const name = `buergeramt_bench_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    kind: 'postgres',
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Machine facts printed with every result: the numbers mean little without them. */
export function machineLine(): string {
  const [one, five, fifteen] = os.loadavg().map((value) => value.toFixed(2));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), Node ${process.version}, load average ${one} ${five} ${fifteen}`;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}
