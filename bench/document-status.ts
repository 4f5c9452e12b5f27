/**
 * Benchmark 10 of the ID-document issue: throughput and latency of the public status lookup
 * GET /api/v1/document-status/{serialNumber} on a demo database with 10,000 more documents, as a ratio to a
 * bare Fastify route measured in the same run. Goal: ≥ 50 % of the bare route's req/s with p99 ≤ 20 ms.
 *
 *   npm run bench:document-status                    # PGlite in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:document-status
 *
 * Runs (each in turn, the servers in their own processes, autocannon here): `bare route`, `known` (one known
 * serial, always the same: 200), `mix` (every connection cycles through BENCH_MIX_SIZE known and as many
 * unknown well-formed serials, interleaved: half 200, half the neutral 404), and `app /healthz` (the same app
 * answering GET /healthz: its global hooks without a database query or a zod schema – the app's own
 * ceiling; BENCH_HEALTHZ=off skips it), then `bare again`. The ratios are taken against the faster of the two
 * bare runs (on a shared machine a neighbour's burst can halve one of them; the faster is the stricter
 * baseline). The per-IP rate limit is off
 * (BUERGERAMT_RATE_LIMIT=off), as in every benchmark: it would answer 429 after 30 requests.
 * Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (100), BENCH_WARMUP_SECONDS (3), BENCH_DOCUMENTS (10,000),
 * BENCH_MIX_SIZE (100), BENCH_NOW (fixed clock), BENCH_PROFILE=dir (CPU profile of the app under load).
 */
import { type BenchEngine, loadAverage, machineLine } from './support/engine.js';
import { cannon, fasterBaseline, formatLoad, type LoadResult, percentOf } from './support/load.js';
import { runBench } from './support/run.js';
import { startServer } from './support/servers.js';

const seconds = Math.min(Number(process.env.BENCH_SECONDS ?? 10), 60);
const connections = Math.min(Number(process.env.BENCH_CONNECTIONS ?? 100), 1000);
const warmupSeconds = Math.min(Number(process.env.BENCH_WARMUP_SECONDS ?? 3), 30);
const healthz = process.env.BENCH_HEALTHZ !== 'off';
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 20;

const statusPath = (serial: string) => `/api/v1/document-status/${encodeURIComponent(serial)}`;

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

async function measure(label: string, url: string, paths?: string[]): Promise<LoadResult> {
  await drain(new URL(url).origin);
  const options = paths ? { paths } : {};
  if (warmupSeconds > 0) {
    await cannon(`${label} warm-up`, url, { connections: 10, seconds: warmupSeconds, ...options });
  }
  const before = loadAverage();
  const result = await cannon(label, url, { connections, seconds, ...options });
  console.log(
    `${formatLoad(result)}  statuses ${JSON.stringify(result.statusCodes)}  [load ${before} → ${loadAverage()}]`,
  );
  return result;
}

/** Status codes other than the expected ones, and network errors / timeouts. */
function unexpected(result: LoadResult, expected: string[]): number {
  const other = Object.entries(result.statusCodes)
    .filter(([code]) => !expected.includes(code))
    .reduce((sum, [, count]) => sum + count, 0);
  return other + result.errors + result.timeouts;
}

runBench(async (engine: BenchEngine) => {
  console.log(`bench:document-status on ${machineLine()}`);
  const [bare, app] = await Promise.all([
    startServer('bare'),
    startServer('documents', { BENCH_DB_URL: engine.url }),
  ]);
  const info = app.info as {
    documents: number;
    inserted: number;
    insertSeconds: number;
    poolSize: number;
    knownSerial: string;
    known: string[];
    unknown: string[];
  };
  console.log(
    `engine ${engine.kind}${engine.name ? ` (${engine.name})` : ''}, pool ${info.poolSize}; ` +
      `id_documents: ${info.documents} rows (${info.inserted} bulk-inserted in ${info.insertSeconds.toFixed(1)} s)`,
  );

  // What the routes answer, checked before the load.
  const knownProbe = await fetch(`${app.url}${statusPath(info.knownSerial)}`);
  const knownBody = await knownProbe.text();
  if (knownProbe.status !== 200) throw new Error(`known serial answered ${knownProbe.status}: ${knownBody}`);
  const notFound = new Set<string>();
  for (const serial of info.unknown.slice(0, 5)) {
    const response = await fetch(`${app.url}${statusPath(serial)}`);
    if (response.status !== 404) throw new Error(`unknown serial ${serial} answered ${response.status}`);
    notFound.add(await response.text());
  }
  for (const serial of info.known) {
    const response = await fetch(`${app.url}${statusPath(serial)}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`known serial ${serial} answered ${response.status}`);
  }
  if (notFound.size !== 1) throw new Error('unknown serials got different 404 bodies');
  console.log(
    `GET ${statusPath(info.knownSerial)} → 200, ${knownBody.length} bytes: ${knownBody}\n` +
      `unknown serials → 404, ${[...notFound][0]?.length} bytes (identical)`,
  );
  // The mix: known and unknown alternating, so every connection sends both in equal shares.
  const mixPaths = info.known.flatMap((serial, i) => [statusPath(serial), statusPath(info.unknown[i]!)]);
  console.log(
    `mix: ${info.known.length} known + ${info.unknown.length} unknown serials, cycled by every connection`,
  );
  console.log(`autocannon: ${connections} connections, ${seconds} s each (after ${warmupSeconds} s warm-up)`);

  const bareFirst = await measure('bare route', `${bare.url}/bare`);
  const known = await measure('known', `${app.url}${statusPath(info.knownSerial)}`);
  const mix = await measure('mix', app.url, mixPaths);
  const ceiling = healthz ? await measure('app /healthz', `${app.url}/healthz`) : undefined;
  const bareAgain = await measure('bare again', `${bare.url}/bare`);
  await Promise.all([bare.stop(), app.stop()]);
  const baseline = fasterBaseline(bareFirst, bareAgain);

  const verdict = (result: LoadResult) => {
    const ratio = result.requestsPerSecond / baseline.requestsPerSecond;
    const met = ratio >= GOAL_RATIO && result.p99 <= GOAL_P99_MS;
    console.log(
      `ratio ${result.label} / bare = ${percentOf(result, baseline)} of req/s; p99 ${result.p99.toFixed(1)} ms ` +
        `→ goal (≥ ${100 * GOAL_RATIO} %, p99 ≤ ${GOAL_P99_MS} ms) ${met ? 'MET' : 'MISSED'}`,
    );
    return { ratio, met };
  };
  const knownVerdict = verdict(known);
  const mixVerdict = verdict(mix);
  const goalMet = knownVerdict.met && mixVerdict.met;
  if (ceiling) {
    console.log(
      `ratio app /healthz / bare = ${percentOf(ceiling, baseline)} of req/s; p99 ${ceiling.p99.toFixed(1)} ms ` +
        '(the app without the lookup: its ceiling for any route)',
    );
  }
  console.log(`goal ${goalMet ? 'MET' : 'MISSED'} (both runs must meet it)`);
  console.log(
    `result ${JSON.stringify({
      engine: engine.kind,
      documents: info.documents,
      bare: [bareFirst, bareAgain],
      baseline: baseline.label,
      known,
      mix,
      ceiling,
      knownRatio: knownVerdict.ratio,
      mixRatio: mixVerdict.ratio,
      goalMet,
      load: loadAverage(),
    })}`,
  );
  const bad =
    unexpected(known, ['200']) +
    unexpected(mix, ['200', '404']) +
    (ceiling ? unexpected(ceiling, ['200']) : 0) +
    unexpected(bareFirst, ['200']) +
    unexpected(bareAgain, ['200']);
  if (bad > 0) {
    console.error(`${bad} unexpected answers (other status codes, errors or timeouts)`);
    process.exitCode = 1;
  }
});
