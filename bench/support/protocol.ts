/** Messages between a benchmark and its server processes (server-child.ts). */

/** What `process.memoryUsage()` reports, plus the event streams a node holds open. */
export interface NodeMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  streams: { displays: number; phones: number };
}

export type ChildMessage =
  | { type: 'ready'; port: number; info: Record<string, unknown> }
  | { type: 'verified'; info: Record<string, unknown> }
  /** Answer to 'free': the ticket that was called at the counter and is now being served, if any. */
  | { type: 'freed'; started: string | null }
  /**
   * Answer to 'call': the number called (null: nobody waiting), `t0` = performance.timeOrigin +
   * performance.now() taken immediately before callNext (the same clock as the parent's receive times),
   * `ms` = how long callNext took.
   */
  | { type: 'called'; number: string | null; t0: number; ms: number }
  | { type: 'memory'; memory: NodeMemory }
  /** Durations (ms) of the wrapped service calls since the last 'timings' question, by name. */
  | { type: 'timings'; timings: Record<string, number[]> }
  /** Answer to 'profile': whether a CPU profile is being taken now (BENCH_PROFILE set). */
  | { type: 'profiling'; on: boolean }
  /** A question failed in the child (the benchmark stops). */
  | { type: 'error'; message: string };

export type ParentMessage =
  | { type: 'verify' }
  | { type: 'stop' }
  /** Queue: start serving the ticket called at the counter, so that the next call is allowed. */
  | { type: 'free'; counterId: string }
  /** Queue: "call next" at the counter; bare-sse: one event to every connected client. */
  | { type: 'call'; counterId: string }
  /** Memory after a full garbage collection. */
  | { type: 'memory' }
  /** Queue: the durations recorded since the last question (and start afresh). */
  | { type: 'timings' }
  /** Queue: start the CPU profile now (BENCH_PROFILE; written on 'stop'), so it covers the calls only. */
  | { type: 'profile' };
