import { readFileSync } from 'node:fs';

/**
 * `tsx bench/lib/profile-summary.ts <file.cpuprofile> [top]`: where a V8 CPU profile spent its time,
 * by function (self time) and by package or source folder, to read a `--profile` run quickly. Idle
 * time is left out of the percentages.
 */
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

const [file, topArg, skipArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top] [skip seconds]');
const top = Number(topArg ?? 30);
/** Seconds at the start to leave out (start-up: module loading, migrations). */
const skipUs = Number(skipArg ?? 0) * 1e6;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
let elapsed = 0;
profile.samples.forEach((id, index) => {
  elapsed += profile.timeDeltas[index] ?? 0;
  if (elapsed >= skipUs) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
for (const [id] of self) if (byId.get(id)!.callFrame.functionName === '(idle)') self.delete(id);
const total = [...self.values()].reduce((a, b) => a + b, 0);

const area = (url: string): string => {
  if (!url) return '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const source = /\/work\/[^/]+\/((?:bot\/src|shared\/src|bench)\/[^/]+)/.exec(url);
  if (source) return source[1]!;
  return url.startsWith('node:') ? url : url.split('/').slice(-2).join('/');
};

const sum = (key: (node: ProfileNode) => string) => {
  const totals = new Map<string, number>();
  for (const [id, time] of self) {
    const node = byId.get(id)!;
    totals.set(key(node), (totals.get(key(node)) ?? 0) + time);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
};
const pct = (time: number) => `${((time / total) * 100).toFixed(1).padStart(5)}%`;

console.log(`total ${(total / 1000).toFixed(0)} ms sampled\n\nby area (self time):`);
for (const [name, time] of sum((node) => area(node.callFrame.url))) console.log(`${pct(time)}  ${name}`);
console.log('\nby function (self time):');
for (const [name, time] of sum(
  (node) =>
    `${node.callFrame.functionName || '(anonymous)'} ${area(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`,
))
  console.log(`${pct(time)}  ${name}`);

// Inclusive time of the product's own functions (bot/src, shared/src): a sample counts once for every
// distinct function on its stack.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map<string, number>();
for (const [id, time] of self) {
  const seen = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
    const node = byId.get(current)!;
    const url = node.callFrame.url;
    if (
      !/\/(bot|shared)\/src\//.test(url) &&
      !/node_modules\/(botbuilder[^/]*|botframework-connector|drizzle-orm|pg|pino|fastify)\//.test(url)
    )
      continue;
    const name = `${node.callFrame.functionName || '(anonymous)'} ${url.replace(/.*\/work\/[^/]+\//, '').replace(/.*node_modules\//, '')}:${node.callFrame.lineNumber + 1}`;
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + time);
  }
}
console.log('\nby function (inclusive, product code and main libraries):');
for (const [name, time] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${pct(time)}  ${name}`);
