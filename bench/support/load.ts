import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p975: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  /** Requests unanswered after autocannon's 10 s timeout. */
  timeouts: number;
  /** Answers by HTTP status code. */
  statusCodes: Record<string, number>;
}

/**
 * A fixed-duration autocannon run against 127.0.0.1 (the only host the benchmarks load). `paths`: every
 * connection sends these paths in turn (on url's origin) instead of url's own path.
 */
export async function cannon(
  label: string,
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string>; paths?: string[] },
): Promise<LoadResult> {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`refusing to load ${url}: 127.0.0.1 only`);
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.paths ? { requests: options.paths.map((path) => ({ method: 'GET', path })) } : {}),
  });
  return {
    label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]),
    ),
  };
}

export function formatLoad(result: LoadResult): string {
  return [
    result.label.padEnd(14),
    `${result.requestsPerSecond.toFixed(0).padStart(7)} req/s`,
    `p50 ${result.p50.toFixed(1).padStart(6)} ms`,
    `p97.5 ${result.p975.toFixed(1).padStart(6)} ms`,
    `p99 ${result.p99.toFixed(1).padStart(6)} ms`,
    `(${result.total} answers, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts > 10 s)`,
  ].join('  ');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** `part`'s requests per second as a percentage of `whole`'s, for the ratio lines. */
export const percentOf = (part: LoadResult, whole: LoadResult): string =>
  `${((100 * part.requestsPerSecond) / whole.requestsPerSecond).toFixed(1)} %`;

/**
 * The baseline of a run that measured the bare route before and after the app: the faster of the two.
 * A neighbour's burst during one of them would otherwise flatter the ratio; the faster is the stricter.
 */
export function fasterBaseline(first: LoadResult, again: LoadResult): LoadResult {
  const baseline = again.requestsPerSecond > first.requestsPerSecond ? again : first;
  console.log(
    `baseline: ${baseline.label} (${baseline.requestsPerSecond.toFixed(0)} req/s, the faster bare run)`,
  );
  return baseline;
}
