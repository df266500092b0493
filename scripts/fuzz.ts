/**
 * The longer fuzz run: `npm run fuzz -- [--count N] [--seed S] [--seconds T] [--max-huge CHARS] [--sources 0|1]`.
 * Same mutations and checks as test/unit/fuzz.test.ts, more documents and bigger strings, and (unless
 * `--sources 0`) scripts, Heat templates, playbooks and Terraform files with grammar-aware mutations; then the
 * CLI on a sample. Prints every distinct failure once, grouped by known issue, and
 * "fuzz: N documents" at the end. Exit 1 when a failure is not a known issue.
 */
import { fuzz, knownIssueOf, runCliOnSamples, KNOWN_ISSUES, CLI, extOf } from './fuzz-lib';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fuzz-lib';

const a = { count: 20_000, seed: Date.now() % 1_000_000, seconds: 600, maxHuge: 2_000_000, sources: 1 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const k = argv[i];
  const v = Number(argv[++i]);
  if (!Number.isFinite(v)) {
    console.error(`fuzz: ${k} needs a number\nusage: npm run fuzz -- [--count N] [--seed S] [--seconds T] [--max-huge CHARS] [--sources 0|1]`);
    process.exit(2);
  }
  if (k === '--count') a.count = v;
  else if (k === '--seed') a.seed = v;
  else if (k === '--seconds') a.seconds = v;
  else if (k === '--max-huge') a.maxHuge = v;
  else if (k === '--sources') a.sources = v;
  else {
    console.error(`fuzz: unknown argument ${k}`);
    process.exit(2);
  }
}

const t0 = Date.now();
const run = fuzz(a.seed, a.count, { sampleEvery: 100, limitMs: 1000, maxHuge: a.maxHuge, deadline: t0 + a.seconds * 1000, sources: a.sources !== 0 });
const groups = new Map<string, typeof run.failures>();
for (const f of run.failures) {
  const k = knownIssueOf(f) ?? `NEW ${f.kind}: ${f.problem.split('\n')[0].replace(/\d+ ms/, 'N ms').slice(0, 100)}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k)!.push(f);
}
const outDir = join(ROOT, 'test-results', 'fuzz');
let unknown = 0;
for (const [k, fs] of groups) {
  const known = KNOWN_ISSUES.find((x) => x.id === k);
  if (!known) unknown += fs.length;
  const smallest = [...fs].sort((x, y) => x.text.length - y.text.length)[0];
  console.log(`${known ? 'known' : 'NEW  '} ×${fs.length}  ${k}${known ? '' : ''}`);
  console.log(`        smallest: ${smallest.kind} from ${smallest.seed} by ${smallest.op}, ${smallest.text.length} chars: ${smallest.problem.split('\n')[0]}`);
  if (!known) {
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `fuzz-${a.seed}-${groups.size}-${fs.indexOf(smallest)}.${extOf(smallest.kind)}`);
    writeFileSync(file, smallest.text);
    console.log(`        written to ${file}\n        ${smallest.problem.split('\n').slice(1).join('\n        ')}`);
  }
}
if (existsSync(CLI)) {
  const r = runCliOnSamples(run.samples);
  console.log(`fuzz: CLI checked ${r.files} files in ${r.calls} calls: ${r.problems.length ? r.problems.length + ' problems' : 'all exited 0/1/2 without a stack trace'}`);
  for (const p of r.problems) console.log(`  ${p}`);
  unknown += r.problems.length;
} else console.log('fuzz: dist/cli.js is not built; CLI not checked (npm run build)');
console.log(`fuzz: seed ${a.seed}, ${((Date.now() - t0) / 1000).toFixed(0)} s, ${Object.entries(run.byKind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`fuzz: ${run.documents} documents, ${run.failures.length - (run.failures.length - [...groups].filter(([k]) => KNOWN_ISSUES.some((x) => x.id === k)).reduce((s, [, f]) => s + f.length, 0))} known-issue failures, ${unknown} new failures`);
if (unknown) process.exitCode = 1;
