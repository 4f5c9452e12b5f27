/**
 * Benchmark (a) of the appointments issue: throughput and latency of
 * GET /api/v1/availability?locationId=rathaus&serviceIds=personalausweis for a 30-day range with 60 % of
 * the online capacity booked, as a ratio to a bare Fastify route measured in the same run (before and
 * after the app's runs; the faster of the two is the baseline).
 * Goal: ≥ 50 % of the bare route's req/s with p99 ≤ 25 ms.
 *
 *   npm run bench:availability                       # PGlite in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:availability
 *
 * Each server runs in its own child process; autocannon runs here (so on 2 cores the server under test
 * and the load generator get one core each). Every request carries `accept-encoding: gzip, deflate, br`,
 * as every browser sends it; a second availability run without it shows the uncompressed answer
 * (BENCH_IDENTITY=off skips it). An optional run (BENCH_CEILING=on) measures the same app answering with a
 * ready-made copy of the response (`/api/v1/bench-cached-availability`, added by the benchmark only): the
 * ceiling an in-process response cache could reach (BENCH_CEILING=all adds the same for a one-day answer).
 * Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (100), BENCH_WARMUP_SECONDS (3), BENCH_CEILING (on|all|off),
 * BENCH_NOW (fixed clock), BENCH_PROFILE=dir (CPU profile of the app's process under load).
 */
import { get } from 'node:http';
import { type BenchEngine, loadAverage, machineLine } from './support/engine.js';
import { cannon, fasterBaseline, formatLoad, type LoadResult, percentOf } from './support/load.js';
import { runBench } from './support/run.js';
import { startServer } from './support/servers.js';

const seconds = Math.min(Number(process.env.BENCH_SECONDS ?? 10), 60);
const connections = Math.min(Number(process.env.BENCH_CONNECTIONS ?? 100), 1000);
const warmupSeconds = Math.min(Number(process.env.BENCH_WARMUP_SECONDS ?? 3), 30);
/** on: the cache ceiling for the 30-day answer; all: also for a one-day answer; off: neither. */
const ceiling = process.env.BENCH_CEILING ?? 'off';
const identity = process.env.BENCH_IDENTITY !== 'off';
/** What a browser sends; the app answers the 30-day range compressed. */
const browserHeaders = { 'accept-encoding': 'gzip, deflate, br' };
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 25;

/**
 * Waits until the server has worked off what a run left queued (autocannon stops counting at the end of
 * its duration, the server does not): /readyz answers within 50 ms, or 120 s have passed.
 */
async function drain(base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    const response = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(120_000) });
    await response.arrayBuffer();
    if (performance.now() - started < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function measure(
  label: string,
  url: string,
  headers: Record<string, string> | undefined = browserHeaders,
): Promise<LoadResult> {
  await drain(new URL(url).origin);
  if (warmupSeconds > 0) {
    await cannon(`${label} warm-up`, url, { connections: 10, seconds: warmupSeconds, headers });
  }
  const before = loadAverage();
  const result = await cannon(label, url, { connections, seconds, headers });
  console.log(`${formatLoad(result)}  [load ${before} → ${loadAverage()}]`);
  return result;
}

runBench(async (engine: BenchEngine) => {
  console.log(`bench:availability on ${machineLine()}`);
  const [bare, app] = await Promise.all([
    startServer('bare'),
    startServer('availability', { BENCH_DB_URL: engine.url }),
  ]);
  const info = app.info as {
    from: string;
    to: string;
    path: string;
    slots: number;
    capacity: number;
    taken: number;
    full: number;
    poolSize: number;
  };
  console.log(
    `engine ${engine.kind}${engine.name ? ` (${engine.name})` : ''}, pool ${info.poolSize}; ` +
      `rathaus ${info.from}..${info.to}: ${info.slots} slots, ${info.taken}/${info.capacity} online units ` +
      `booked (${((100 * info.taken) / info.capacity).toFixed(1)} %), ${info.full} slots full`,
  );
  // fetch decompresses; the raw request shows what travels.
  const probe = await fetch(`${app.url}${info.path}`, { headers: { 'accept-encoding': 'identity' } });
  const text = await probe.text();
  if (probe.status !== 200) throw new Error(`availability answered ${probe.status}: ${text}`);
  const body = JSON.parse(text) as { days: Array<{ slots: unknown[] }> };
  const offers = body.days.reduce((sum, day) => sum + day.slots.length, 0);
  const compressed = await new Promise<{ encoding: string; bytes: number }>((resolve, reject) => {
    get(`${app.url}${info.path}`, { headers: browserHeaders }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () => resolve({ encoding: String(response.headers['content-encoding']), bytes }));
    }).on('error', reject);
  });
  console.log(
    `GET ${info.path}\n  → 200, ${body.days.length} days, ${offers} offered starts, ${text.length} bytes ` +
      `(${compressed.bytes} bytes as ${compressed.encoding} for a browser)`,
  );
  console.log(`autocannon: ${connections} connections, ${seconds} s each (after ${warmupSeconds} s warm-up)`);

  const bareFirst = await measure('bare route', `${bare.url}/bare`);
  const availability = await measure('availability', `${app.url}${info.path}`);
  const uncompressed = identity
    ? await measure('uncompressed', `${app.url}${info.path}`, undefined)
    : undefined;
  const cached =
    ceiling !== 'off'
      ? await measure('cache ceiling', `${app.url}/api/v1/bench-cached-availability`)
      : undefined;
  const cachedDay =
    ceiling === 'all' ? await measure('ceiling 1 day', `${app.url}/api/v1/bench-cached-day`) : undefined;
  // The bare route once more (see fasterBaseline).
  const bareAgain = await measure('bare again', `${bare.url}/bare`);
  await Promise.all([bare.stop(), app.stop()]);
  const baseline = fasterBaseline(bareFirst, bareAgain);

  const ratio = availability.requestsPerSecond / baseline.requestsPerSecond;
  const met = ratio >= GOAL_RATIO && availability.p99 <= GOAL_P99_MS;
  console.log(
    `ratio availability / bare = ${percentOf(availability, baseline)} of req/s; p99 ${availability.p99.toFixed(1)} ms ` +
      `→ goal (≥ ${100 * GOAL_RATIO} %, p99 ≤ ${GOAL_P99_MS} ms) ${met ? 'MET' : 'MISSED'}`,
  );
  if (uncompressed) {
    console.log(
      `ratio availability without accept-encoding / bare = ${percentOf(uncompressed, baseline)} of req/s; ` +
        `p99 ${uncompressed.p99.toFixed(1)} ms (for comparison; browsers always accept gzip and br)`,
    );
  }
  if (cached) {
    console.log(
      `ratio cache ceiling / bare = ${percentOf(cached, baseline)} of req/s; p99 ${cached.p99.toFixed(1)} ms`,
    );
  }
  if (cachedDay) {
    console.log(
      `ratio cache ceiling of a one-day answer (${app.info.dayBytes} bytes) / bare = ` +
        `${percentOf(cachedDay, baseline)} of req/s; p99 ${cachedDay.p99.toFixed(1)} ms`,
    );
  }
  console.log(
    `result ${JSON.stringify({ engine: engine.kind, baseline, availability, uncompressed, cached, cachedDay, ratio, goalMet: met, load: loadAverage() })}`,
  );
  if (availability.non2xx > 0 || availability.errors > 0) {
    console.error('the availability route answered with errors');
    process.exitCode = 1;
  }
});
