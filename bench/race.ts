/**
 * Benchmark (b) of the appointments issue: 100 free slots (online capacity 1), 1,000 concurrent
 * POST /api/v1/reservations over HTTP (10 per slot). Expects exactly 100 × 201, 900 × 409 and no other
 * status; prints holds and attempts per second against baselines measured in the same run: the same
 * 1,000-request burst against a bare Fastify route and, on PostgreSQL, pgbench's TPS (`pgbench -c 10
 * -T 10`, TPC-B-like, on the bench database).
 *
 *   npm run bench:race                                # PGlite in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:race
 *
 * Settings: BENCH_RACE_ROUNDS (1; each round uses its own 100 slots), BENCH_PGBENCH (on),
 * BENCH_NOW (fixed clock), BENCH_PROFILE=dir (CPU profile of the app).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type BenchEngine, loadAverage, machineLine } from './support/engine.js';
import { median, percentile } from './support/load.js';
import { runBench } from './support/run.js';
import { startServer } from './support/servers.js';

const SLOTS = 100;
const ATTEMPTS_PER_SLOT = 10;
const WARMUP_SLOTS = 10;
const rounds = Math.max(1, Math.min(Number(process.env.BENCH_RACE_ROUNDS ?? 1), 5));
const pgbenchOn = process.env.BENCH_PGBENCH !== 'off';
const run = promisify(execFile);

interface Burst {
  seconds: number;
  /** Seconds from the start of the burst to the last 201 answer. */
  lastCreated: number;
  statuses: Map<number, number>;
  latencies: number[];
}

/** Fires all requests at once (one connection each) and waits for every answer (60 s at most each). */
async function burst(url: string, bodies: object[]): Promise<Burst> {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`refusing to load ${url}: 127.0.0.1 only`);
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  const started = performance.now();
  let lastCreated = 0;
  await Promise.all(
    bodies.map(async (body) => {
      const sent = performance.now();
      let status: number;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0; // network error or timeout
      }
      latencies.push(performance.now() - sent);
      if (status === 201) lastCreated = performance.now() - started;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    seconds: (performance.now() - started) / 1000,
    lastCreated: lastCreated / 1000,
    statuses,
    latencies,
  };
}

const statusLine = (result: Burst) =>
  [...result.statuses]
    .sort((a, b) => a[0] - b[0])
    .map(([status, count]) => `${count} × ${status || 'network error'}`)
    .join(', ');

const latencyLine = (result: Burst) =>
  `p50 ${percentile(result.latencies, 50).toFixed(0)} ms, p99 ${percentile(result.latencies, 99).toFixed(0)} ms, ` +
  `max ${result.latencies.at(-1)?.toFixed(0)} ms`;

/** pgbench's TPS on the bench database: the database's own speed for short write transactions. */
async function pgbench(url: string): Promise<number> {
  await run('pgbench', ['-i', '-q', '-s', '1', url]);
  const { stdout } = await run('pgbench', ['-n', '-c', '10', '-j', '2', '-T', '10', url], {
    timeout: 60_000,
  });
  const match = stdout.match(/tps = ([\d.]+)/);
  if (!match) throw new Error(`no tps in pgbench output:\n${stdout}`);
  return Number(match[1]);
}

runBench(async (engine: BenchEngine) => {
  console.log(`bench:race on ${machineLine()}`);
  const [bare, app] = await Promise.all([
    startServer('bare'),
    startServer('race', {
      BENCH_DB_URL: engine.url,
      BENCH_RACE_SLOTS: String(WARMUP_SLOTS + rounds * SLOTS),
    }),
  ]);
  const starts = app.info.starts as string[];
  console.log(
    `engine ${engine.kind}${engine.name ? ` (${engine.name})` : ''}, pool ${app.info.poolSize}; ` +
      `${starts.length} slots of rathaus with online capacity 1 from ${starts[0]}`,
  );
  const reservation = (start: string) => ({
    locationId: 'rathaus',
    serviceIds: ['meldebescheinigung'],
    start,
  });
  const attempts = (slots: string[]) =>
    Array.from({ length: slots.length * ATTEMPTS_PER_SLOT }, (_, i) => reservation(slots[i % slots.length]!));

  // Warm-up (JIT, connection pool): 10 slots × 2 attempts, and two bursts at the bare route.
  const warmup = await burst(`${app.url}/api/v1/reservations`, [
    ...starts.slice(0, WARMUP_SLOTS).map(reservation),
    ...starts.slice(0, WARMUP_SLOTS).map(reservation),
  ]);
  console.log(`warm-up: ${statusLine(warmup)}`);
  const bareBody = Array.from({ length: SLOTS * ATTEMPTS_PER_SLOT }, () => reservation(starts[0]!));
  for (let i = 0; i < 2; i++) await burst(`${bare.url}/bare`, bareBody);

  const bareRuns: Burst[] = [];
  for (let i = 0; i < 3; i++) bareRuns.push(await burst(`${bare.url}/bare`, bareBody));
  const bareRate = median(bareRuns.map((result) => bareBody.length / result.seconds));
  console.log(
    `bare route: ${bareBody.length} concurrent POSTs, median of 3: ${bareRate.toFixed(0)} req/s ` +
      `(${latencyLine(bareRuns[0]!)}) [load ${loadAverage()}]`,
  );

  let tps: number | undefined;
  if (engine.url && pgbenchOn) {
    tps = await pgbench(engine.url);
    console.log(`pgbench -c 10 -j 2 -T 10 (scale 1): ${tps.toFixed(0)} TPS [load ${loadAverage()}]`);
  }

  let failed = false;
  const results = [];
  for (let round = 0; round < rounds; round++) {
    const slots = starts.slice(WARMUP_SLOTS + round * SLOTS, WARMUP_SLOTS + (round + 1) * SLOTS);
    const before = loadAverage();
    const result = await burst(`${app.url}/api/v1/reservations`, attempts(slots));
    const won = result.statuses.get(201) ?? 0;
    const lost = result.statuses.get(409) ?? 0;
    const ok = won === SLOTS && lost === SLOTS * (ATTEMPTS_PER_SLOT - 1) && result.statuses.size === 2;
    failed ||= !ok;
    const holdsPerSecond = won / result.seconds;
    const attemptsPerSecond = (won + lost) / result.seconds;
    const lastHold = result.lastCreated;
    results.push({ won, lost, seconds: result.seconds, lastHold, holdsPerSecond, attemptsPerSecond });
    console.log(
      `round ${round + 1}: ${statusLine(result)} in ${result.seconds.toFixed(2)} s ${ok ? 'OK' : 'UNEXPECTED'}; ` +
        `${holdsPerSecond.toFixed(1)} holds/s over the burst, ${(won / lastHold).toFixed(1)} until the last ` +
        `hold (after ${lastHold.toFixed(2)} s), ` +
        `${attemptsPerSecond.toFixed(1)} attempts/s; ` +
        `${latencyLine(result)} [load ${before} → ${loadAverage()}]`,
    );
  }
  const check = await app.verify();
  const expectedHolds = WARMUP_SLOTS + rounds * SLOTS;
  const consistent =
    check.takenInTargetSlots === expectedHolds &&
    check.heldAppointments === expectedHolds &&
    check.slotsOverCapacity === 0;
  failed ||= !consistent;
  console.log(
    `database: ${check.takenInTargetSlots} units taken, ${check.heldAppointments} held appointments, ` +
      `${check.slotsOverCapacity} slots over capacity (expected ${expectedHolds}, ${expectedHolds}, 0) ` +
      `${consistent ? 'OK' : 'INCONSISTENT'}`,
  );
  await Promise.all([bare.stop(), app.stop()]);

  const holds = median(results.map((result) => result.holdsPerSecond));
  const attemptRate = median(results.map((result) => result.attemptsPerSecond));
  console.log(
    `ratio attempts/s / bare route req/s (same 1,000-request burst) = ${((100 * attemptRate) / bareRate).toFixed(2)} %`,
  );
  if (tps !== undefined) {
    console.log(
      `ratio holds/s / pgbench TPS = ${((100 * holds) / tps).toFixed(1)} %; ` +
        `attempts/s / pgbench TPS = ${((100 * attemptRate) / tps).toFixed(1)} %`,
    );
  }
  console.log(
    `result ${JSON.stringify({ engine: engine.kind, rounds: results, bareRate, pgbenchTps: tps, check, load: loadAverage() })}`,
  );
  if (failed) {
    console.error('the race did not end with exactly 100 × 201 and 900 × 409 per round');
    process.exitCode = 1;
  }
});
