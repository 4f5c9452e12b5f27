/**
 * Measures how long the ALTCHA proof of work takes for a difficulty (default: the service's).
 * Run: `npx tsx src/platform/captcha/pow-benchmark.ts [maxNumber] [rounds]`.
 *
 * - "chromium": the widget's own SHA worker (node_modules/altcha/dist/workers/sha.js) in headless
 *   Chromium with 1, 2 and 4 workers, exactly as the widget drives it (interleaved counters, first wins).
 *   Skipped when no Chromium is installed (CHROMIUM_PATH, default /usr/bin/chromium).
 * - "node": altcha-lib's node:crypto solver on one thread — what a bot solving server-side would use.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChallenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { CAPTCHA_ALGORITHM, CAPTCHA_DEFAULT_MAX_NUMBER, counterFor } from './captcha.service.js';

const maxNumber = Number(process.argv[2] ?? CAPTCHA_DEFAULT_MAX_NUMBER);
const rounds = Number(process.argv[3] ?? 10);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newChallenge() {
  return createChallenge({
    algorithm: CAPTCHA_ALGORITHM,
    cost: 1,
    counter: counterFor(maxNumber),
    deriveKey,
    hmacSignatureSecret: 'benchmark',
  });
}

function report(name: string, totalMs: number, totalAttempts: number) {
  console.log(
    `${name}: maxNumber ${maxNumber}, ${rounds} rounds, mean ${Math.round(totalAttempts / rounds)} attempts, ` +
      `mean ${Math.round(totalMs / rounds)} ms per solve, ${Math.round(totalAttempts / (totalMs / 1000))} attempts/s`,
  );
}

async function measureNode() {
  let totalMs = 0;
  let totalAttempts = 0;
  for (let round = 0; round < rounds; round++) {
    const challenge = await newChallenge();
    const start = performance.now();
    const solution = await solveChallenge({ challenge, deriveKey });
    totalMs += performance.now() - start;
    totalAttempts += (solution?.counter ?? 0) + 1;
  }
  report('node:crypto, 1 thread', totalMs, totalAttempts);
}

async function measureChromium() {
  if (!existsSync(chromiumPath)) {
    console.log(`chromium: skipped (${chromiumPath} not found)`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const workerSource = readFileSync(path.join(root, 'node_modules/altcha/dist/workers/sha.js'), 'utf8');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.route('https://bench.invalid/**', (route) =>
      route.request().url().endsWith('/sha.js')
        ? route.fulfill({ contentType: 'text/javascript', body: workerSource })
        : route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
    );
    // A secure context (https), or crypto.subtle is missing — as on a real http:// page.
    await page.goto('https://bench.invalid/');
    for (const workers of [1, 2, 4]) {
      let totalMs = 0;
      let totalAttempts = 0;
      for (let round = 0; round < rounds; round++) {
        const challenge = await newChallenge();
        const result = await page.evaluate(
          async ({ challenge, workers }) => {
            const pool = Array.from({ length: workers }, () => new Worker('/sha.js'));
            const start = performance.now();
            const solution = await Promise.race(
              pool.map(
                (worker, index) =>
                  new Promise<{ counter: number } | null>((resolve, reject) => {
                    worker.onmessage = (message) =>
                      message.data?.error
                        ? reject(new Error(String(message.data.error)))
                        : resolve(message.data);
                    worker.postMessage({
                      type: 'work',
                      challenge,
                      counterStart: index,
                      counterStep: workers,
                    });
                  }),
              ),
            );
            const ms = performance.now() - start;
            for (const worker of pool) worker.terminate();
            return { ms, counter: solution?.counter ?? 0 };
          },
          { challenge, workers },
        );
        totalMs += result.ms;
        totalAttempts += result.counter + 1;
      }
      report(
        `chromium ${(await browser.version()).split('.')[0]}, widget SHA worker × ${workers}`,
        totalMs,
        totalAttempts,
      );
    }
  } finally {
    await browser.close();
  }
}

await measureChromium();
await measureNode();
