/**
 * One server of a benchmark, in its own process (forked by servers.ts): the load generator runs in the
 * parent, so on a 2-core machine the server under test gets one core and autocannon/fetch the other.
 *
 *   bare          a bare Fastify app: GET and POST /bare → {"ok":true} (the baseline)
 *   availability  the real app (buildApp) on a migrated, demo-seeded database with 60 % of rathaus'
 *                 online capacity booked for the next 30 days
 *   race          the real app with `BENCH_RACE_SLOTS` free slots of online capacity 1
 *   documents     the real app on a demo-seeded database with `BENCH_DOCUMENTS` (10,000) more ID documents
 *                 (one bulk insert); info: a known serial, and known and unknown serials for a mix
 *   bare-sse      a bare Fastify app with one event-stream route (GET /sse, ?kind=phone for a phone-like
 *                 stream); on {type:'call'} it writes one event to every connected response (baseline)
 *   queue         the real app with `BENCH_CALL_TICKETS` + `BENCH_PHONE_TICKETS` walk-in tickets drawn at
 *                 rathaus (BENCH_ROLE=leader, default: migrates and seeds); BENCH_ROLE=follower opens the
 *                 same PostgreSQL database without seeding (a second app node, events via LISTEN/NOTIFY)
 *
 * The database (PGlite in memory, or the PostgreSQL bench database in BENCH_DB_URL) is opened here: PGlite
 * lives inside the process that uses it. Messages: → {type:'ready', port, info}; ← {type:'verify'} →
 * {type:'verified', info}; ← {type:'stop'} → exits (so --cpu-prof can write its profile); queue and
 * bare-sse: ← {type:'free'|'call'|'memory'} → {type:'freed'|'called'|'memory'} (see protocol.ts).
 */
import { writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp, type Services } from '../../src/app.js';
import { demoDocuments } from '../../src/demo/documents.data.js';
import { seedDemo } from '../../src/demo/seed.js';
import {
  documentStatuses,
  documentTypes,
  idDocuments,
} from '../../src/domains/dokumente/dokumente.tables.js';
import { openEventStream } from '../../src/domains/queue/queue.streams.js';
import { appointments, bookingPolicies, slotCapacity } from '../../src/domains/termine/termine.tables.js';
import { actorOf } from '../../src/platform/audit/actor.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../../src/platform/db/database.js';
import { addDays, berlinDateOf, toIsoWithOffset } from '../../src/platform/time/berlin-time.js';
import type { ChildMessage, NodeMemory, ParentMessage } from './protocol.js';

type Mode = 'bare' | 'bare-sse' | 'availability' | 'race' | 'queue' | 'documents';

const mode = process.argv[2] as Mode;
const benchNow = new Date(process.env.BENCH_NOW ?? '2026-11-26T05:00:00Z');
/**
 * The app's clock. Fixed at BENCH_NOW, except in queue mode: there it starts at BENCH_NOW at the wall-clock
 * instant BENCH_CLOCK_ANCHOR (ms, the same for every node of a run) and runs on in real time, so tickets
 * drawn one after the other have distinct arrival times and are called in the order they were drawn.
 */
const anchor = Number(process.env.BENCH_CLOCK_ANCHOR ?? Date.now());
const now = mode === 'queue' ? () => new Date(benchNow.getTime() + (Date.now() - anchor)) : () => benchNow;
/** The same clock as the parent's receive times (all processes run on one machine). */
const wallClock = () => performance.timeOrigin + performance.now();
/** Queue and bare-sse modes: answers to 'free', 'call' and 'memory'. */
type Handler = (message: ParentMessage) => Promise<ChildMessage | undefined>;
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

/** Memory after a full collection (v8 flag set at run time; --expose-gc cannot go into NODE_OPTIONS). */
function memory(streams: NodeMemory['streams']): NodeMemory {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers, streams };
}

/**
 * bare-sse: the fan-out ceiling of Node on this machine. GET /sse answers like the app's streams
 * (hijacked response, same headers, `retry`, then `event: snapshot`); GET /sse?kind=phone sends
 * `event: ticket` with the client's own `ahead` instead. On {type:'call'} one call event goes to every
 * display (one prepared frame) and a ticket event with its `ahead` reduced by one to every phone.
 */
async function bareSse(): Promise<{ app: FastifyInstance; handle: Handler }> {
  const app = Fastify({ logger: false });
  const displays = new Set<ServerResponse>();
  const phones = new Map<ServerResponse, { number: string; ahead: number }>();
  let calls = 0;
  app.get<{ Querystring: { kind?: string } }>('/sse', async (request, reply) => {
    // The same stream set-up as the app's (headers, retry, socket options): only the fan-out differs.
    const raw = openEventStream(request, reply);
    if (request.query.kind === 'phone') {
      const state = { number: `W ${String(phones.size + 1).padStart(3, '0')}`, ahead: 1_000 };
      phones.set(raw, state);
      raw.on('close', () => phones.delete(raw));
      raw.write(`event: ticket\ndata: ${JSON.stringify(phoneMessage(state))}\n\n`);
    } else {
      displays.add(raw);
      raw.on('close', () => displays.delete(raw));
      raw.write('event: snapshot\ndata: []\n\n');
    }
    return reply;
  });
  const phoneMessage = (state: { number: string; ahead: number }) => ({
    number: state.number,
    status: 'waiting',
    ahead: state.ahead,
    estimatedWaitMinutes: state.ahead * 2,
    counter: null,
  });
  const handle: Handler = async (message) => {
    if (message.type === 'free') return { type: 'freed', started: null };
    if (message.type === 'memory') {
      return { type: 'memory', memory: memory({ displays: displays.size, phones: phones.size }) };
    }
    if (message.type !== 'call') return undefined;
    const t0 = wallClock();
    calls += 1;
    const number = `B ${String(calls).padStart(3, '0')}`;
    const data = { number, counter: 'Schalter 1', calledAt: now().toISOString() };
    const text = `id: ${calls}\nevent: call\ndata: ${JSON.stringify(data)}\n\n`;
    for (const raw of displays) raw.write(text);
    for (const [raw, state] of phones) {
      state.ahead -= 1;
      raw.write(`event: ticket\ndata: ${JSON.stringify(phoneMessage(state))}\n\n`);
    }
    return { type: 'called', number, t0, ms: wallClock() - t0 };
  };
  return { app, handle };
}

/**
 * queue: the real app. The leader migrates, seeds and draws BENCH_CALL_TICKETS walk-in tickets (the ones
 * the benchmark calls, in this order) and then BENCH_PHONE_TICKETS more (the phones: they wait behind the
 * called ones during the whole run, and every call moves them up by one). A follower (PostgreSQL) opens
 * the same database as a second node.
 */
async function queueApp(): Promise<{
  app: FastifyInstance;
  database: DatabaseHandle;
  info: Record<string, unknown>;
  handle: Handler;
}> {
  const role = process.env.BENCH_ROLE === 'follower' ? 'follower' : 'leader';
  const { app, services, database } = await openApp(role === 'leader');
  const queue = services.queue;
  const actor = actorOf(null);
  // Where the time goes: the service calls the streams and the calls make, timed here (src/ unchanged).
  const timings: Record<string, number[]> = {};
  const timed = <K extends 'board' | 'findCall' | 'callNext' | 'recentCalls' | 'stateOf'>(name: K) => {
    const original = queue[name].bind(queue) as (...args: unknown[]) => Promise<unknown>;
    (queue as unknown as Record<K, unknown>)[name] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        const list = timings[name] ?? [];
        list.push(performance.now() - started);
        timings[name] = list;
      }
    };
  };
  for (const name of ['board', 'findCall', 'callNext', 'recentCalls', 'stateOf'] as const) timed(name);
  const handle: Handler = async (message) => {
    if (message.type === 'memory') {
      return { type: 'memory', memory: memory(services.queueStreams.size) };
    }
    if (message.type === 'timings') {
      const copy = { ...timings };
      for (const name of Object.keys(timings)) delete timings[name];
      return { type: 'timings', timings: copy };
    }
    if (message.type === 'free' || message.type === 'call') {
      // callNext refuses while the counter's ticket is 'called' (the person has not come yet): serving
      // it first is what a clerk does; callNext then finishes it itself.
      const current = await queue.currentAt(message.counterId);
      const started = current?.status === 'called' ? current : undefined;
      if (started) await queue.startService(actor, started.id);
      if (message.type === 'free') return { type: 'freed', started: started?.number ?? null };
      const t0 = wallClock();
      const ticket = await queue.callNext(actor, message.counterId);
      return { type: 'called', number: ticket?.number ?? null, t0, ms: wallClock() - t0 };
    }
    return undefined;
  };
  const counters = (await services.locations.counters('rathaus')).map((counter) => counter.id);
  const info: Record<string, unknown> = { role, engine: database.kind, counters };
  if (role === 'leader') {
    const draw = async (count: number) => {
      const tickets: Array<{ id: string; secret: string; number: string }> = [];
      let last = 0;
      for (let i = 0; i < count; i++) {
        // Distinct arrival times (ms): the queue order is the drawing order.
        while (Date.now() <= last) await new Promise((resolve) => setTimeout(resolve, 1));
        last = Date.now();
        const issued = await queue.issueWalkIn(
          { kind: 'staff', actor, username: 'bench' },
          { locationId: 'rathaus', serviceIds: ['ausweis-abholung'], lang: 'de' },
        );
        tickets.push({ id: issued.ticket.id, secret: issued.secret, number: issued.ticket.number });
      }
      return tickets;
    };
    const started = performance.now();
    info.callTickets = (await draw(Number(process.env.BENCH_CALL_TICKETS ?? 110))).map((t) => t.number);
    info.phoneTickets = await draw(Number(process.env.BENCH_PHONE_TICKETS ?? 500));
    info.drawSeconds = (performance.now() - started) / 1000;
    const board = performance.now();
    await queue.board('rathaus');
    info.boardMs = performance.now() - board;
  }
  await database.events.ready();
  return { app, database, info, handle };
}

/** The real app on the bench database (BENCH_DB_URL, else PGlite in memory); `seed`: migrate and seed. */
async function openApp(seed: boolean): Promise<{
  app: FastifyInstance;
  services: Services;
  database: DatabaseHandle;
  poolSize: number;
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
  if (seed) {
    await migrateDatabase(database);
    await seedDemo(database.db, { staff: false, today: benchNow });
  }
  const { app, services } = await buildApp({
    config,
    database,
    cookieSecret: 'bench-secret-bench-secret-bench-secret-0',
    logger: false,
    now,
  });
  const poolSize = config.database.kind === 'postgres' ? config.database.poolSize : 1;
  return { app, services, database, poolSize };
}

async function realApp(): Promise<{
  app: FastifyInstance;
  database: DatabaseHandle;
  info: Record<string, unknown>;
}> {
  const { app, services, database, poolSize } = await openApp(true);
  const db = database.db;
  const today = berlinDateOf(benchNow);

  if (mode === 'documents') return { app, database, info: await documents(database, poolSize) };

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

/** The alphabet of ID-document serial numbers (dokumente.rules.ts SERIAL_PATTERN). */
const SERIAL_ALPHABET = '0123456789CFGHJKLMNPRTVWXYZ';

/**
 * documents: `BENCH_DOCUMENTS` (default 10,000) more ID documents next to the demo ones, with one bulk
 * insert per 1,000 rows: serials from a handful of authority codes + 5 random characters (seeded PRNG,
 * unique, none of the demo serials), every type and status, both demo locations, applied 0–90 days before
 * BENCH_NOW. Returns a known demo serial and, for the mix, `BENCH_MIX_SIZE` (100) known serials (demo and
 * bulk) and as many well-formed unknown ones.
 */
async function documents(database: DatabaseHandle, poolSize: number): Promise<Record<string, unknown>> {
  const db = database.db;
  const count = Math.min(Number(process.env.BENCH_DOCUMENTS ?? 10_000), 200_000);
  const mixSize = Math.min(Number(process.env.BENCH_MIX_SIZE ?? 100), 1_000);
  const next = random(7);
  const pickFrom = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const authorities = ['L01X', 'L02C', 'T22F', 'M7H0', 'K3NP', '9RZW'];
  const taken = new Set(demoDocuments.map((document) => document.serialNumber));
  const serial = () => {
    for (;;) {
      let value = pickFrom(authorities);
      for (let i = 0; i < 5; i++) value += pickFrom([...SERIAL_ALPHABET]);
      if (!taken.has(value)) {
        taken.add(value);
        return value;
      }
    }
  };
  const day = 24 * 60 * 60 * 1000;
  const rows = Array.from({ length: count }, () => {
    const appliedAt = new Date(benchNow.getTime() - Math.floor(next() * 90 * day));
    const statusChangedAt = new Date(
      Math.min(benchNow.getTime(), appliedAt.getTime() + Math.floor(next() * 30 * day)),
    );
    return {
      serialNumber: serial(),
      documentType: pickFrom(documentTypes),
      status: pickFrom(documentStatuses),
      locationId: next() < 0.8 ? 'rathaus' : 'nord',
      appliedAt,
      statusChangedAt,
    };
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 1_000) {
    await db.insert(idDocuments).values(rows.slice(i, i + 1_000));
  }
  await db.execute(sql`analyze id_documents`);
  const insertSeconds = (performance.now() - started) / 1000;
  const [stored] = await db.select({ count: sql<number>`count(*)::int` }).from(idDocuments);
  // Known: every demo document, then bulk ones spread over the table; unknown: well-formed, never stored.
  const bulkKnown = Math.max(0, mixSize - demoDocuments.length);
  const known = [
    ...demoDocuments.map((document) => document.serialNumber).slice(0, mixSize),
    ...Array.from(
      { length: Math.min(bulkKnown, rows.length) },
      (_, i) => rows[Math.floor((i * rows.length) / bulkKnown)]!.serialNumber,
    ),
  ];
  const unknown = Array.from({ length: known.length }, serial);
  return {
    engine: database.kind,
    poolSize,
    documents: stored?.count,
    inserted: count,
    insertSeconds,
    knownSerial: 'L01XR7T2M',
    known,
    unknown,
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
    const role = process.env.BENCH_ROLE ? `-${process.env.BENCH_ROLE}` : '';
    const file = path.join(directory, `${mode}${role}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`CPU profile of the load: ${file}`);
  };
}

async function main(): Promise<void> {
  const { app, database, info, handle } =
    mode === 'bare'
      ? { app: await bare(), database: undefined, info: {}, handle: undefined }
      : mode === 'bare-sse'
        ? { ...(await bareSse()), database: undefined, info: {} }
        : mode === 'queue'
          ? await queueApp()
          : { ...(await realApp()), handle: undefined };
  await app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // Queue nodes start their profile on request (after the clients have connected): the calls only.
  let profiler = mode === 'queue' ? undefined : await startProfiler();
  process.on('message', async (message: ParentMessage) => {
    if (message.type === 'verify') {
      send({ type: 'verified', info: await verify() });
    } else if (message.type === 'stop') {
      await profiler?.();
      await app.close();
      await database?.close();
      process.exit(0);
    } else if (message.type === 'profile') {
      profiler ??= await startProfiler();
      send({ type: 'profiling', on: profiler !== undefined });
    } else if (handle) {
      try {
        const answer = await handle(message);
        if (answer) send(answer);
      } catch (error) {
        send({
          type: 'error',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
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
