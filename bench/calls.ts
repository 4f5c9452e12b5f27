/**
 * Benchmark 10 of the queue issue: 1,000 connected event-stream clients (call displays and phone tickets)
 * and 100 calls. Measures the time from "call next" to every client receiving the event belonging to that
 * call (p50, p99, max over all deliveries; the last client per call), and the memory per connection.
 * Goal: p99 ≤ 200 ms on one node; p99 ≤ 300 ms on two nodes with PostgreSQL.
 *
 *   npm run bench:calls                                  # PGlite, one app node
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:calls   # two app nodes
 *
 * Processes: the servers run in child processes (bench/support/server-child.ts), the clients here. First
 * the baseline: a bare Fastify event-stream route (`bare-sse`) that writes one event to every connected
 * response per call (Node's fan-out ceiling on this machine), with the same clients and the same pacing;
 * then the app (`queue`): on PostgreSQL a leader node (migrates, seeds, draws the tickets, takes the calls)
 * and a follower node on the same database; the clients are split evenly across both, so half of them get
 * the calls via LISTEN/NOTIFY from the other node.
 *
 * Clients (node:http, one connection each): half call displays
 * (GET /api/v1/locations/rathaus/calls/stream: `event: snapshot`, then `event: call` {number,…}), half
 * phone tickets (GET /ticket/:id/events?k=<secret>: `event: ticket` {number,status,ahead,…}), each phone
 * on its own waiting ticket behind the ones that are called. A delivery counts when a display receives
 * the `call` event with the called number, or a phone the first `ticket` event whose `ahead` is lower
 * than before the call (events that move nothing, e.g. a changed estimate, are ignored). Latency =
 * receive time here − t0, t0 taken in the server immediately before QueueService.callNext (both
 * performance.timeOrigin + performance.now(), one machine clock). Each call: free the counter (the called
 * person comes: startService) in a separate step, wait until the phones' updates for that have settled
 * (≥ 150 ms), then call; wait until every client has its event or 2 s have passed (a miss).
 *
 * Settings: BENCH_CLIENTS (1000), BENCH_CALLS (100), BENCH_WARMUP_CALLS (10), BENCH_PHONES (auto|off;
 * auto: phones only when the app has the phone stream route), BENCH_NODES (1 on PGlite, 2 on PostgreSQL),
 * BENCH_NOW (2026-12-03T09:00:00Z, Thursday 10:00 in Berlin), BENCH_PROFILE=dir (CPU profiles of the app
 * nodes during the calls).
 */
import { type ClientRequest, request } from 'node:http';
import { type BenchEngine, loadAverage, machineLine } from './support/engine.js';
import { percentile } from './support/load.js';
import type { NodeMemory } from './support/protocol.js';
import { runBench } from './support/run.js';
import { type BenchServer, startServer } from './support/servers.js';

const clamp = (value: number, min: number, max: number) =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : min;
const CLIENTS = clamp(Number(process.env.BENCH_CLIENTS ?? 1000), 2, 4000);
const CALLS = clamp(Number(process.env.BENCH_CALLS ?? 100), 1, 300);
const WARMUP_CALLS = clamp(Number(process.env.BENCH_WARMUP_CALLS ?? 10), 0, 50);
const phonesWanted = process.env.BENCH_PHONES !== 'off';
/** A client without its event this long after t0 is a miss. */
const DEADLINE_MS = 2_000;
/** After freeing the counter: time for the phones' update of that change before the call. */
const SETTLE_MS = 150;
/** …and no phone event for this long (at most SETTLE_MAX_MS in all). */
const QUIET_MS = 100;
const SETTLE_MAX_MS = 1_500;
const CONNECT_BATCH = 50;
const CONNECT_TIMEOUT_MS = 120_000;
const GOAL_ONE_NODE_MS = 200;
const GOAL_TWO_NODES_MS = 300;
const BENCH_NOW = process.env.BENCH_NOW ?? '2026-12-03T09:00:00Z';

const wallClock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Kind = 'display' | 'phone';
/** The newest phone event seen (settling before a call). */
let lastPhoneEvent = 0;

/** One event-stream connection and what it received for the call in progress. */
class StreamClient {
  connected = false;
  failed: string | undefined;
  /** The phone's `ahead` from its latest event. */
  ahead = Number.NaN;
  private buffer = '';
  private request: ClientRequest | undefined;
  private onConnected: (() => void) | undefined;
  // The call in progress:
  private armed = false;
  private aheadBefore = Number.NaN;
  private expect: string | undefined;
  private readonly calls = new Map<string, number>();
  hit: number | undefined;
  /** Phone events during a call that did not move the ticket up. */
  stale = 0;

  constructor(
    readonly kind: Kind,
    readonly node: number,
    private readonly url: string,
  ) {}

  open(): Promise<void> {
    if (new URL(this.url).hostname !== '127.0.0.1') throw new Error(`refusing ${this.url}: 127.0.0.1 only`);
    return new Promise<void>((resolve) => {
      this.onConnected = resolve;
      const req = request(this.url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          this.fail(`status ${res.statusCode}`);
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.onData(chunk));
        res.on('end', () => this.fail('stream ended'));
      });
      req.on('error', (error) => this.fail(error.message));
      req.end();
      this.request = req;
    });
  }

  close(): void {
    this.request?.destroy();
  }

  arm(): void {
    this.armed = true;
    this.hit = undefined;
    this.expect = undefined;
    this.calls.clear();
    this.aheadBefore = this.ahead;
    this.stale = 0;
  }

  /** The called number is known (the server's answer): a display may have its event already. */
  expectCall(number: string): void {
    this.expect = number;
    if (this.hit === undefined) this.hit = this.calls.get(number);
  }

  disarm(): void {
    this.armed = false;
  }

  private fail(reason: string): void {
    if (this.failed === undefined && !this.closing()) this.failed = reason;
    this.onConnected?.();
    this.onConnected = undefined;
  }

  private closing(): boolean {
    return this.request?.destroyed === true;
  }

  private onData(chunk: string): void {
    const received = wallClock();
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\n\n'); end !== -1; end = this.buffer.indexOf('\n\n')) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.onFrame(frame, received);
    }
  }

  private onFrame(frame: string, received: number): void {
    let event: string | undefined;
    let data: string | undefined;
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data = line.slice(6);
    }
    if (event === 'snapshot') {
      this.markConnected();
    } else if (event === 'call' && data !== undefined) {
      if (!this.armed) return;
      const number = (JSON.parse(data) as { number: string }).number;
      if (this.hit === undefined && number === this.expect) this.hit = received;
      else this.calls.set(number, received);
    } else if (event === 'ticket' && data !== undefined) {
      const ahead = (JSON.parse(data) as { ahead: number }).ahead;
      lastPhoneEvent = received;
      if (this.armed) {
        if (this.hit === undefined && ahead < this.aheadBefore) this.hit = received;
        else this.stale += 1;
      }
      this.ahead = ahead;
      this.markConnected();
    }
  }

  private markConnected(): void {
    if (this.connected) return;
    this.connected = true;
    this.onConnected?.();
    this.onConnected = undefined;
  }
}

interface Node {
  server: BenchServer;
  label: string;
}

interface CallResult {
  number: string;
  t0: number;
  callMs: number;
  /** Per client: receive − t0, Infinity for a miss. */
  latencies: number[];
}

interface RunResult {
  label: string;
  clients: StreamClient[];
  calls: CallResult[];
  memoryBefore: NodeMemory[];
  memoryAfter: NodeMemory[];
  connectSeconds: number;
  /** Per app node: durations of the service calls during the measured calls. */
  timings: Array<Record<string, number[]>>;
}

/** Opens the clients in batches; every one must be connected (first event received) in time. */
async function connectAll(clients: StreamClient[]): Promise<void> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  for (let i = 0; i < clients.length; i += CONNECT_BATCH) {
    const batch = clients.slice(i, i + CONNECT_BATCH);
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`not all clients connected within ${CONNECT_TIMEOUT_MS / 1000} s`);
    await Promise.race([Promise.all(batch.map((client) => client.open())), sleep(left)]);
  }
  const failed = clients.filter((client) => client.failed !== undefined || !client.connected);
  if (failed.length > 0) {
    throw new Error(`${failed.length} clients did not connect (first: ${failed[0]?.failed ?? 'timeout'})`);
  }
}

/** Waits until the phones have been quiet for QUIET_MS (at least SETTLE_MS, at most SETTLE_MAX_MS). */
async function settle(): Promise<void> {
  const started = wallClock();
  await sleep(SETTLE_MS);
  while (wallClock() - lastPhoneEvent < QUIET_MS && wallClock() - started < SETTLE_MAX_MS) await sleep(20);
}

/** One call: free the counter, settle, call on the leader, collect every client's event. */
async function call(leader: BenchServer, counterId: string, clients: StreamClient[]): Promise<CallResult> {
  await leader.ask({ type: 'free', counterId }, 'freed');
  await settle();
  for (const client of clients) client.arm();
  const answer = await leader.ask({ type: 'call', counterId }, 'called');
  if (answer.number === null) throw new Error('nobody left to call: draw more tickets (BENCH_CALL_TICKETS)');
  for (const client of clients) if (client.kind === 'display') client.expectCall(answer.number);
  const deadline = answer.t0 + DEADLINE_MS;
  while (wallClock() < deadline && clients.some((client) => client.hit === undefined)) await sleep(5);
  const latencies = clients.map((client) =>
    client.hit === undefined ? Number.POSITIVE_INFINITY : client.hit - answer.t0,
  );
  for (const client of clients) client.disarm();
  return { number: answer.number, t0: answer.t0, callMs: answer.ms, latencies };
}

async function memoryOf(nodes: Node[]): Promise<NodeMemory[]> {
  const answers = [];
  for (const node of nodes) answers.push((await node.server.ask({ type: 'memory' }, 'memory')).memory);
  return answers;
}

async function run(
  label: string,
  nodes: Node[],
  counters: string[],
  makeClients: () => StreamClient[],
  app: boolean,
): Promise<RunResult> {
  const memoryBefore = await memoryOf(nodes);
  const clients = makeClients();
  const connectStarted = performance.now();
  await connectAll(clients);
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  await sleep(500);
  const memoryAfter = await memoryOf(nodes);
  const loadBefore = loadAverage();
  const leader = nodes[0]!.server;
  if (app) for (const node of nodes) await node.server.ask({ type: 'profile' }, 'profiling');
  let index = 0;
  for (let i = 0; i < WARMUP_CALLS; i++) await call(leader, counters[index++ % counters.length]!, clients);
  const askTimings = async () => {
    const answers: Array<Record<string, number[]>> = [];
    for (const node of nodes) answers.push((await node.server.ask({ type: 'timings' }, 'timings')).timings);
    return answers;
  };
  if (app) await askTimings();
  const calls: CallResult[] = [];
  for (let i = 0; i < CALLS; i++)
    calls.push(await call(leader, counters[index++ % counters.length]!, clients));
  const timings = app ? await askTimings() : [];
  console.log(
    `${label}: ${clients.length} clients connected in ${connectSeconds.toFixed(1)} s, ` +
      `${WARMUP_CALLS} warm-up + ${CALLS} calls [load ${loadBefore} → ${loadAverage()}]`,
  );
  const broken = clients.filter((client) => client.failed !== undefined);
  if (broken.length > 0) console.log(`  ${broken.length} connections broke (first: ${broken[0]?.failed})`);
  for (const client of clients) client.close();
  return { label, clients, calls, memoryBefore, memoryAfter, connectSeconds, timings };
}

interface Summary {
  deliveries: number;
  misses: number;
  p50: number;
  p99: number;
  max: number;
  min: number;
}

function summarise(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const finite = sorted.filter(Number.isFinite);
  return {
    deliveries: sorted.length,
    misses: sorted.length - finite.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    min: sorted[0] ?? Number.NaN,
  };
}

const ms = (value: number) =>
  Number.isFinite(value) ? `${value.toFixed(1)} ms` : `> ${(DEADLINE_MS / 1000).toFixed(0)} s`;

function deliveries(result: RunResult, select: (client: StreamClient) => boolean): number[] {
  const chosen = result.clients.flatMap((client, index) => (select(client) ? [index] : []));
  return result.calls.flatMap((c) => chosen.map((index) => c.latencies[index]!));
}

function line(label: string, summary: Summary): string {
  return (
    `  ${label.padEnd(34)} p50 ${ms(summary.p50).padStart(9)}  p99 ${ms(summary.p99).padStart(9)}  ` +
    `max ${ms(summary.max).padStart(9)}  (${summary.deliveries} deliveries, ${summary.misses} misses, ` +
    `min ${ms(summary.min)})`
  );
}

function report(result: RunResult, nodes: number) {
  const all = summarise(deliveries(result, () => true));
  const lastPerCall = summarise(result.calls.map((c) => Math.max(...c.latencies)));
  console.log(`${result.label}:`);
  console.log(line('every client, every call', all));
  console.log(line('last client per call', lastPerCall));
  const byKind: Record<string, Summary> = {};
  for (const kind of ['display', 'phone'] as const) {
    if (!result.clients.some((client) => client.kind === kind)) continue;
    byKind[kind] = summarise(deliveries(result, (client) => client.kind === kind));
    console.log(line(`${kind}s`, byKind[kind]));
  }
  const byNode: Record<string, Summary> = {};
  if (nodes > 1) {
    byNode.same = summarise(deliveries(result, (client) => client.node === 0));
    byNode.other = summarise(deliveries(result, (client) => client.node !== 0));
    console.log(line('clients on the calling node', byNode.same));
    console.log(line('clients on the other node', byNode.other));
    for (const kind of ['display', 'phone'] as const) {
      if (!result.clients.some((client) => client.kind === kind)) continue;
      const other = summarise(deliveries(result, (client) => client.node !== 0 && client.kind === kind));
      byNode[`other ${kind}s`] = other;
      console.log(line(`${kind}s on the other node`, other));
    }
  }
  const callMs = summarise(result.calls.map((c) => c.callMs));
  console.log(
    `  server side of the call (callNext / the writes): p50 ${ms(callMs.p50)}, p99 ${ms(callMs.p99)}`,
  );
  const stale = result.clients.reduce((sum, client) => sum + client.stale, 0);
  if (stale > 0) console.log(`  phone events during calls that moved nothing (ignored): ${stale}`);
  const memory = result.memoryAfter.map((after, index) => {
    const before = result.memoryBefore[index]!;
    const count = after.streams.displays + after.streams.phones;
    const perHeap = (after.heapUsed + after.external - before.heapUsed - before.external) / count;
    const perRss = (after.rss - before.rss) / count;
    console.log(
      `  memory node ${index + 1}: ${after.streams.displays} displays + ${after.streams.phones} phones; ` +
        `heapUsed+external +${(perHeap / 1024).toFixed(1)} KB, rss +${(perRss / 1024).toFixed(1)} KB per connection ` +
        `(rss ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MB)`,
    );
    return { connections: count, heapPlusExternalPerConnection: perHeap, rssPerConnection: perRss };
  });
  const timings = result.timings.map((byName, index) => {
    const parts = Object.entries(byName).map(([name, values]) => {
      const summary = summarise(values);
      return { name, count: values.length, p50: summary.p50, p99: summary.p99, max: summary.max };
    });
    if (parts.length > 0) {
      console.log(
        `  node ${index + 1} during the calls: ${parts
          .map((p) => `${p.name} ${p.count}× p50 ${p.p50.toFixed(1)} / p99 ${p.p99.toFixed(1)} ms`)
          .join('; ')}`,
      );
    }
    return parts;
  });
  return {
    all,
    lastPerCall,
    byKind,
    byNode,
    callMs,
    stale,
    memory,
    timings,
    connectSeconds: result.connectSeconds,
  };
}

/** Does the app have the phone ticket stream yet? (It is written alongside this benchmark.) */
async function phoneRoute(base: string, ticket: { id: string; secret: string }): Promise<boolean> {
  const url = `${base}/ticket/${ticket.id}/events?k=${encodeURIComponent(ticket.secret)}`;
  return new Promise<boolean>((resolve) => {
    const req = request(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      resolve(res.statusCode === 200 && String(res.headers['content-type']).startsWith('text/event-stream'));
      req.destroy();
    });
    req.on('error', () => resolve(false));
    req.setTimeout(10_000, () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

runBench(async (engine: BenchEngine) => {
  console.log(`bench:calls on ${machineLine()}`);
  const nodeCount = clamp(Number(process.env.BENCH_NODES ?? (engine.kind === 'postgres' ? 2 : 1)), 1, 2);
  if (nodeCount > 1 && engine.kind !== 'postgres')
    throw new Error('two nodes need PostgreSQL (DATABASE_URL)');
  const env = { BENCH_NOW, BENCH_CLOCK_ANCHOR: String(Date.now()) };

  // Baseline: bare event-stream route, same clients, same pacing.
  const bareServer = await startServer('bare-sse', env);
  const bareNodes = [{ server: bareServer, label: 'bare-sse' }];
  const displayCount = phonesWanted ? Math.ceil(CLIENTS / 2) : CLIENTS;
  const bare = await run(
    'bare-sse (baseline)',
    bareNodes,
    ['bare'],
    () =>
      Array.from(
        { length: CLIENTS },
        (_, i) =>
          new StreamClient(
            i % 2 === 0 || !phonesWanted ? 'display' : 'phone',
            0,
            `${bareServer.url}/sse${i % 2 === 0 || !phonesWanted ? '' : '?kind=phone'}`,
          ),
      ),
    false,
  );
  await bareServer.stop();

  // The app: the leader seeds and draws the tickets; a follower opens the same database.
  const phoneCount = CLIENTS - displayCount;
  const leader = await startServer('queue', {
    ...env,
    BENCH_DB_URL: engine.url,
    BENCH_ROLE: 'leader',
    BENCH_CALL_TICKETS: String(WARMUP_CALLS + CALLS + 5),
    BENCH_PHONE_TICKETS: String(Math.max(phoneCount, 1)),
  });
  const nodes: Node[] = [{ server: leader, label: 'leader' }];
  if (nodeCount > 1) {
    nodes.push({
      server: await startServer('queue', { ...env, BENCH_DB_URL: engine.url, BENCH_ROLE: 'follower' }),
      label: 'follower',
    });
  }
  const info = leader.info as {
    counters: string[];
    callTickets: string[];
    phoneTickets: Array<{ id: string; secret: string; number: string }>;
    drawSeconds: number;
    boardMs: number;
  };
  console.log(
    `engine ${engine.kind}${engine.name ? ` (${engine.name})` : ''}, ${nodeCount} app node(s); ` +
      `${info.callTickets.length} + ${info.phoneTickets.length} walk-in tickets drawn at rathaus in ` +
      `${info.drawSeconds.toFixed(1)} s; one QueueService.board() with them open: ${info.boardMs.toFixed(0)} ms; ` +
      `${info.counters.length} counters`,
  );
  const phones = phonesWanted && (await phoneRoute(leader.url, info.phoneTickets[0]!));
  if (phonesWanted && !phones) {
    console.log('the app has no phone ticket stream (GET /ticket/:id/events) yet: all clients are displays');
  }
  let phone = 0;
  const appClients = () =>
    Array.from({ length: CLIENTS }, (_, i) => {
      const kind: Kind = i % 2 === 1 && phones ? 'phone' : 'display';
      const node = Math.floor(i / 2) % nodeCount;
      const base = nodes[node]!.server.url;
      if (kind === 'display') {
        return new StreamClient(kind, node, `${base}/api/v1/locations/rathaus/calls/stream`);
      }
      const ticket = info.phoneTickets[phone++]!;
      const url = `${base}/ticket/${ticket.id}/events?k=${encodeURIComponent(ticket.secret)}`;
      return new StreamClient(kind, node, url);
    });
  const app = await run(`app, ${nodeCount} node(s), ${engine.kind}`, nodes, info.counters, appClients, true);
  await Promise.all(nodes.map((node) => node.server.stop()));

  const bareSummary = report(bare, 1);
  const appSummary = report(app, nodeCount);
  const goal = nodeCount > 1 ? GOAL_TWO_NODES_MS : GOAL_ONE_NODE_MS;
  const ratio = (a: number, b: number) => (Number.isFinite(a) ? `${(a / b).toFixed(1)} ×` : '∞');
  console.log(
    `ratio app / bare-sse: p50 ${ratio(appSummary.all.p50, bareSummary.all.p50)}, ` +
      `p99 ${ratio(appSummary.all.p99, bareSummary.all.p99)}`,
  );
  const met = appSummary.all.p99 <= goal && appSummary.all.misses === 0;
  console.log(
    `goal p99 ≤ ${goal} ms (${nodeCount} node(s)): ${met ? 'met' : 'MISSED'} ` +
      `(p99 ${ms(appSummary.all.p99)}, ${appSummary.all.misses} misses)`,
  );
  console.log(
    `result ${JSON.stringify({
      engine: engine.kind,
      nodes: nodeCount,
      clients: CLIENTS,
      phones: phones ? phoneCount : 0,
      calls: CALLS,
      bare: bareSummary,
      app: appSummary,
      goal,
      met,
      load: loadAverage(),
    })}`,
  );
});
