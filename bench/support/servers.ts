import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { ChildMessage, ParentMessage } from './protocol.js';

export type ServerMode = 'bare' | 'bare-sse' | 'availability' | 'race' | 'queue' | 'documents';
type Reply<T extends ChildMessage['type']> = Extract<ChildMessage, { type: T }>;

export interface BenchServer {
  url: string;
  info: Record<string, unknown>;
  /** Asks the server what the run left in its database (race). */
  verify(): Promise<Record<string, unknown>>;
  /** Sends a message and waits for the child's answer of type `reply` (one question at a time). */
  ask<T extends ChildMessage['type']>(message: ParentMessage, reply: T): Promise<Reply<T>>;
  stop(): Promise<void>;
}

const script = new URL('./server-child.ts', import.meta.url);
const started = new Set<ChildProcess>();

/** Ends the servers still running (on an error or Ctrl-C in the benchmark). */
export function killServers(): void {
  for (const child of started) child.kill('SIGKILL');
  started.clear();
}

/**
 * Starts one server in a child process (same Node and tsx loader as the benchmark). With BENCH_PROFILE=dir
 * the app servers (not the bare one) write a V8 CPU profile of the time between 'ready' and 'stop' (the
 * load, without start-up, migrations and seeding) there.
 */
export function startServer(
  mode: ServerMode,
  env: Record<string, string | undefined> = {},
): Promise<BenchServer> {
  const profileDir = process.env.BENCH_PROFILE;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const child = fork(script, [mode], {
    env: {
      ...process.env,
      BENCH_PROFILE: mode === 'bare' || mode === 'bare-sse' ? '' : (profileDir ?? ''),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  started.add(child);
  const waitFor = <T extends ChildMessage['type']>(type: T) =>
    new Promise<Reply<T>>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type === 'error') {
          child.off('message', onMessage);
          child.off('exit', onExit);
          reject(new Error(`${mode} server: ${message.message}`));
          return;
        }
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Reply<T>);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new Error(`${mode} server exited with ${code} before '${type}'`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return waitFor('ready').then((ready) => ({
    url: `http://127.0.0.1:${ready.port}`,
    info: ready.info,
    verify: async () => {
      const answer = waitFor('verified');
      child.send({ type: 'verify' });
      return (await answer).info;
    },
    ask: async (message, reply) => {
      const answer = waitFor(reply);
      child.send(message);
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          started.delete(child);
          resolve();
        });
        child.send({ type: 'stop' });
      }),
  }));
}
