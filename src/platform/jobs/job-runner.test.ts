import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JobRunner } from './job-runner.js';

function fakeLogger() {
  return { error: vi.fn(), debug: vi.fn() };
}

/** A promise the test resolves by hand. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('JobRunner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a task right after start, then every interval after the previous run ended', async () => {
    const runner = new JobRunner(fakeLogger());
    const task = vi.fn(async () => {});
    runner.every('mail', 1000, task);
    await vi.advanceTimersByTimeAsync(5000);
    expect(task).not.toHaveBeenCalled();

    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(task).toHaveBeenCalledTimes(5);
    await runner.stop();
  });

  it('never overlaps runs of the same task', async () => {
    const runner = new JobRunner(fakeLogger());
    let active = 0;
    let maxActive = 0;
    let calls = 0;
    runner.every('slow', 100, async () => {
      calls++;
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      active--;
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(3500);
    expect(maxActive).toBe(1);
    // runs at 0, 1100, 2200, 3300 (each 1000 ms long, then a 100 ms pause)
    expect(calls).toBe(4);
    // The fourth run is still going at 3500: stop() waits for it.
    const stopping = runner.stop();
    await vi.advanceTimersByTimeAsync(1000);
    await stopping;
    expect(active).toBe(0);
    expect(calls).toBe(4);
  });

  it('logs a failing task and keeps running it', async () => {
    const logger = fakeLogger();
    const runner = new JobRunner(logger);
    let calls = 0;
    runner.every('flaky', 1000, async () => {
      calls++;
      if (calls === 1) throw new Error('database unavailable');
    });
    runner.every('throws-synchronously', 1000, () => {
      throw new Error('sync failure');
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({
        job: 'flaky',
        err: expect.objectContaining({ message: 'database unavailable' }),
      }),
      'job failed',
    );
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ job: 'throws-synchronously' }),
      'job failed',
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    expect(logger.error).toHaveBeenCalledTimes(3);
    await runner.stop();
  });

  it('stop() cancels the timers and waits for running tasks', async () => {
    const runner = new JobRunner(fakeLogger());
    const gate = deferred();
    let finished = false;
    let calls = 0;
    runner.every('long', 10, async () => {
      calls++;
      await gate.promise;
      finished = true;
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);

    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
  });

  it('unrefs its timers so they never keep the process alive', () => {
    const runner = new JobRunner(fakeLogger());
    const unref = vi.fn();
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation((() => ({
      unref,
    })) as unknown as typeof setTimeout);
    try {
      runner.every('mail', 1000, async () => {});
      runner.start();
      expect(unref).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('runNow runs a job at once, or joins the run in progress', async () => {
    const runner = new JobRunner(fakeLogger());
    const gate = deferred();
    let calls = 0;
    runner.every('mail', 60_000, async () => {
      calls++;
      if (calls === 2) await gate.promise;
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);

    const first = runner.runNow('mail');
    const second = runner.runNow('mail');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    gate.resolve();
    await Promise.all([first, second]);
    expect(calls).toBe(2);
    // The regular schedule continues from the end of that run.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(3);
    await expect(runner.runNow('unknown')).rejects.toThrow("unknown job 'unknown'");
    await runner.stop();
  });

  it('rejects duplicate names and invalid intervals', () => {
    const runner = new JobRunner(fakeLogger());
    runner.every('mail', 1000, async () => {});
    expect(() => runner.every('mail', 1000, async () => {})).toThrow('already registered');
    expect(() => runner.every('other', 0, async () => {})).toThrow(RangeError);
  });
});
