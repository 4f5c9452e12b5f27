/**
 * Summarises a V8 CPU profile (from BENCH_PROFILE=dir npm run bench:…): self time per function and per
 * package/area, and the inclusive time of functions matching a filter.
 *
 *   npx tsx bench/profile-summary.ts bench-profile/CPU.*.cpuprofile [top=25] [filter]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, filter] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top] [filter]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfTime = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const total = [...selfTime.values()].reduce((sum, t) => sum + t, 0);

function area(url: string): string {
  if (!url) return '(native/V8)';
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node core';
  const source = url.match(/\/(src|bench|test)\/(.*)$/);
  return source ? `${source[1]}/${source[2]}` : url;
}

const label = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${area(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

const percent = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;

const functions = new Map<string, number>();
const areas = new Map<string, number>();
for (const [id, t] of selfTime) {
  const node = byId.get(id)!;
  functions.set(label(node), (functions.get(label(node)) ?? 0) + t);
  areas.set(area(node.callFrame.url), (areas.get(area(node.callFrame.url)) ?? 0) + t);
}
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${percent(t)}  ${name}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
print('self time by area', areas);
print('self time by function', functions);

// Inclusive time: a sample counts once for every distinct matching frame on its stack.
const inclusive = new Map<string, number>();
profile.samples.forEach((id, index) => {
  const seen = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
    const name = label(byId.get(current)!);
    if (filter && !name.includes(filter)) continue;
    if (!filter && !name.includes('/src/') && !name.includes(' src/')) continue;
    seen.add(name);
  }
  for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
print(`inclusive time of ${filter ? `frames matching "${filter}"` : 'src/ functions'}`, inclusive);
