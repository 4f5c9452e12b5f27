/**
 * One server of a benchmark, in its own process (forked by servers.ts): the load generator runs in the
 * parent, so on a 2-core machine the server under test gets one core and autocannon/fetch the other.
 *
 *   bare          a bare Fastify app: GET and POST /bare → {"ok":true} (the baseline)
 *   availability  the real app (buildApp) on a migrated, demo-seeded database with 60 % of rathaus'
 *                 online capacity booked for the next 30 days
 *   race          the real app with `BENCH_RACE_SLOTS` free slots of online capacity 1
 *
 * The database (PGlite in memory, or the PostgreSQL bench database in BENCH_DB_URL) is opened here: PGlite
 * lives inside the process that uses it. Messages: → {type:'ready', port, info}; ← {type:'verify'} →
 * {type:'verified', info}; ← {type:'stop'} → exits (so --cpu-prof can write its profile).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { seedDemo } from '../../src/demo/seed.js';
import { appointments, bookingPolicies, slotCapacity } from '../../src/domains/termine/termine.tables.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../../src/platform/db/database.js';
import { addDays, berlinDateOf, toIsoWithOffset } from '../../src/platform/time/berlin-time.js';
import type { ChildMessage, ParentMessage } from './protocol.js';

type Mode = 'bare' | 'availability' | 'race';

const mode = process.argv[2] as Mode;
const benchNow = new Date(process.env.BENCH_NOW ?? '2026-11-26T05:00:00Z');
const now = () => benchNow;
/** Race mode: reports what the race left in the database (set up by realApp). */
let verify: () => Promise<Record<string, unknown>> = async () => ({});

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** Small deterministic PRNG (mulberry32), so every run books the same 60 %. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function bare(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ ok: true }));
  app.post('/bare', async () => ({ ok: true }));
  return app;
}

async function realApp(): Promise<{
  app: FastifyInstance;
  database: DatabaseHandle;
  info: Record<string, unknown>;
}> {
  const url = process.env.BENCH_DB_URL;
  const config = loadConfig({
    ...(url ? { DATABASE_URL: url } : {}),
    BUERGERAMT_DEMO: 'on',
    BUERGERAMT_CAPTCHA: 'off',
    BUERGERAMT_RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
  });
  const database = await openDatabase(
    config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dataDir: 'memory://' },
  );
  await migrateDatabase(database);
  await seedDemo(database.db, { staff: false, today: benchNow });
  const { app, services } = await buildApp({
    config,
    database,
    cookieSecret: 'bench-secret-bench-secret-bench-secret-0',
    logger: false,
    now,
  });
  const db = database.db;
  const today = berlinDateOf(benchNow);
  const poolSize = config.database.kind === 'postgres' ? config.database.poolSize : 1;

  if (mode === 'availability') {
    const from = today;
    const to = addDays(today, 30);
    // Materialise the slot rows of the range (through the app's own service, so its cache is warm too).
    await services.termine.availability({ locationId: 'rathaus', serviceIds: ['personalausweis'], from, to });
    const rows = await db
      .select()
      .from(slotCapacity)
      .where(
        and(eq(slotCapacity.locationId, 'rathaus'), gte(slotCapacity.day, from), lte(slotCapacity.day, to)),
      )
      .orderBy(asc(slotCapacity.startsAt));
    // Book 60 % of all online capacity units, spread at random over the slots (some full, some empty).
    const units = rows.flatMap((row, index) => Array.from({ length: row.onlineCapacity }, () => index));
    const next = random(42);
    for (let i = units.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [units[i], units[j]] = [units[j]!, units[i]!];
    }
    const taken = new Array<number>(rows.length).fill(0);
    for (const index of units.slice(0, Math.round(units.length * 0.6))) taken[index]! += 1;
    await db.execute(sql`
      update slot_capacity as s set online_taken = v.taken
      from (values ${sql.join(
        rows.map((row, index) => sql`(${row.startsAt.toISOString()}::timestamptz, ${taken[index]}::int)`),
        sql`, `,
      )}) as v(starts_at, taken)
      where s.location_id = 'rathaus' and s.starts_at = v.starts_at`);
    const [sums] = await db
      .select({
        capacity: sql<number>`sum(${slotCapacity.onlineCapacity})::int`,
        taken: sql<number>`sum(${slotCapacity.onlineTaken})::int`,
        full: sql<number>`count(*) filter (where ${slotCapacity.onlineTaken} = ${slotCapacity.onlineCapacity})::int`,
      })
      .from(slotCapacity)
      .where(
        and(eq(slotCapacity.locationId, 'rathaus'), gte(slotCapacity.day, from), lte(slotCapacity.day, to)),
      );
    // The ceiling of an in-process response cache: the same app (all its hooks) sending the response of
    // one real call as a ready-made JSON string. Only for the benchmark; not part of the app.
    const path = `/api/v1/availability?locationId=rathaus&serviceIds=personalausweis&from=${from}&to=${to}`;
    // `/api/v1/bench-cached-day`: the same for a one-day range (the size of a day view's answer).
    const dayPath = `/api/v1/availability?locationId=rathaus&serviceIds=personalausweis&from=${addDays(from, 1)}&to=${addDays(from, 1)}`;
    const cached = { range: '', day: '' };
    app.get('/api/v1/bench-cached-availability', async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(cached.range),
    );
    app.get('/api/v1/bench-cached-day', async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(cached.day),
    );
    cached.range = (await app.inject(path)).body;
    cached.day = (await app.inject(dayPath)).body;
    return {
      app,
      database,
      info: {
        from,
        to,
        path,
        dayBytes: cached.day.length,
        slots: rows.length,
        ...sums,
        engine: database.kind,
        poolSize,
      },
    };
  }

  // race: `count` slots with online capacity 1 (a 5-minute service needs one 10-minute slot). Capacity
  // follows the counters and the location's booking rules, so the rules say "1 % online" (at least 1).
  const count = Number(process.env.BENCH_RACE_SLOTS ?? 100);
  await db.insert(bookingPolicies).values({ locationId: 'rathaus', onlineSharePercent: 1 });
  const from = addDays(today, 1);
  const to = addDays(today, 21);
  const offered = await services.termine.availability({
    locationId: 'rathaus',
    serviceIds: ['meldebescheinigung'],
    from,
    to,
  });
  const starts = offered.days.flatMap((day) => day.slots.map((slot) => slot.start)).slice(0, count);
  if (starts.length < count) throw new Error(`only ${starts.length} free slots in ${from}..${to}`);
  verify = async () => {
    const [slots] = await db
      .select({
        taken: sql<number>`coalesce(sum(${slotCapacity.onlineTaken}), 0)::int`,
        over: sql<number>`count(*) filter (where ${slotCapacity.onlineTaken} > ${slotCapacity.onlineCapacity})::int`,
      })
      .from(slotCapacity)
      .where(and(eq(slotCapacity.locationId, 'rathaus'), inArray(slotCapacity.startsAt, starts)));
    const [held] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(appointments)
      .where(eq(appointments.status, 'held'));
    return {
      takenInTargetSlots: slots?.taken,
      slotsOverCapacity: slots?.over,
      heldAppointments: held?.count,
    };
  };
  return {
    app,
    database,
    info: { starts: starts.map(toIsoWithOffset), engine: database.kind, poolSize },
  };
}

/** BENCH_PROFILE=dir: a CPU profile of the load only; returns the function that writes it. */
async function startProfiler(): Promise<(() => Promise<void>) | undefined> {
  const directory = process.env.BENCH_PROFILE;
  if (!directory) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    const file = path.join(directory, `${mode}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`CPU profile of the load: ${file}`);
  };
}

async function main(): Promise<void> {
  const { app, database, info } =
    mode === 'bare' ? { app: await bare(), database: undefined, info: {} } : await realApp();
  await app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const profiler = await startProfiler();
  process.on('message', async (message: ParentMessage) => {
    if (message.type === 'verify') {
      send({ type: 'verified', info: await verify() });
    } else if (message.type === 'stop') {
      await profiler?.();
      await app.close();
      await database?.close();
      process.exit(0);
    }
  });
  // The parent going away (crash, Ctrl-C) must not leave the server behind.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port, info });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
