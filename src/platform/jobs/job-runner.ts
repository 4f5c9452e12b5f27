/** The part of a pino / Fastify logger the runner uses (`app.log` fits). */
export interface JobLogger {
  error(object: object, message?: string): void;
  debug(object: object, message?: string): void;
}

interface Job {
  name: string;
  intervalMs: number;
  task: () => Promise<unknown>;
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
}

/**
 * Runs background tasks periodically inside the app process (e.g. delivering the mail outbox, expiring
 * unconfirmed appointments).
 *
 * - A task runs once right after `start()`, then `intervalMs` after the end of its previous run, so the
 *   same task never overlaps with itself (different tasks may run at the same time).
 * - A failing task is logged and runs again at its next turn; it never crashes the process.
 * - Timers are unref'd: they do not keep the process alive. `stop()` cancels the timers and waits for
 *   running tasks to finish (call it at shutdown before closing the database).
 *
 * There is no job state in memory worth keeping: everything a task works on lives in the database
 * (outbox rows with their status and next attempt, appointment statuses with their deadlines), and each
 * run simply looks for what is due. So jobs survive restarts by design — after a restart or crash the
 * next run picks up exactly where the last one stopped. With several app nodes every node runs the
 * tasks; the tasks themselves must be safe for that (e.g. `FOR UPDATE SKIP LOCKED`, conditional updates).
 */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private started = false;

  constructor(private readonly logger: JobLogger) {}

  every(name: string, intervalMs: number, task: () => Promise<unknown>): void {
    if (this.jobs.has(name)) throw new Error(`job '${name}' is already registered`);
    if (!(intervalMs > 0)) throw new RangeError(`job '${name}': interval must be positive`);
    const job: Job = { name, intervalMs, task, timer: undefined, running: undefined };
    this.jobs.set(name, job);
    if (this.started) this.schedule(job, 0);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs.values()) this.schedule(job, 0);
  }

  /** Runs a job now (e.g. right after queueing mail) unless it is running already; resolves when done. */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job '${name}'`);
    if (job.running) return job.running;
    if (job.timer) clearTimeout(job.timer);
    job.timer = undefined;
    await this.run(job);
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const job of this.jobs.values()) {
      if (job.timer) clearTimeout(job.timer);
      job.timer = undefined;
    }
    await Promise.all([...this.jobs.values()].map((job) => job.running));
  }

  private schedule(job: Job, delayMs: number): void {
    if (!this.started) return;
    if (job.timer) clearTimeout(job.timer);
    job.timer = setTimeout(() => {
      job.timer = undefined;
      // Still running (stop() then start() during a run): the run reschedules itself when it ends.
      if (!job.running) void this.run(job);
    }, delayMs);
    job.timer.unref();
  }

  private run(job: Job): Promise<void> {
    const started = Date.now();
    const running: Promise<void> = Promise.resolve()
      .then(job.task)
      .then(
        () => this.log('debug', { job: job.name, ms: Date.now() - started }, 'job finished'),
        (error: unknown) => this.log('error', { err: error, job: job.name }, 'job failed'),
      )
      .finally(() => {
        if (job.running === running) job.running = undefined;
        this.schedule(job, job.intervalMs);
      });
    job.running = running;
    return running;
  }

  private log(level: 'debug' | 'error', object: object, message: string): void {
    try {
      this.logger[level](object, message);
    } catch {
      // a broken logger must not stop the jobs
    }
  }
}
