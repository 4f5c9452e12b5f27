import { type BenchEngine, benchEngine } from './engine.js';
import { killServers } from './servers.js';

/**
 * Runs a benchmark on a fresh engine and always cleans up: the server processes are ended and the
 * PostgreSQL bench database is dropped, also on an error or Ctrl-C.
 */
export function runBench(main: (engine: BenchEngine) => Promise<void>): void {
  let engine: BenchEngine | undefined;
  const cleanUp = async () => {
    killServers();
    await engine?.drop();
  };
  process.once('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });
  (async () => {
    engine = await benchEngine();
    await main(engine);
  })()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(cleanUp);
}
