/**
 * Fuzzing the judges: valid seeds (request bodies, volumeAttachment bodies, lab-host files,
 * libvirt XML) are mutated (truncation, insertion, deletion, duplication, type swaps, deep
 * nesting, huge strings, unicode, duplicated keys) and every result must be judged without an
 * exception, within a time limit, with every diagnostic range inside the document.
 * Used by test/unit/fuzz.test.ts (fixed seed) and scripts/fuzz.ts (`npm run fuzz`, longer).
 */
import { readFileSync, readdirSync, existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeJson } from '../server/src/analyze';
import { analyzeLibvirtXml } from '../server/src/libvirtxml';
import { defaultContext, type Context } from '../server/src/model/context';
import { loadLabHost } from '../server/src/attach';
import { rng } from './difftest-gen';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export type DocKind = 'json' | 'attach' | 'labhost' | 'xml';
export interface Seed {
  name: string;
  kind: DocKind;
  text: string;
}

function readDir(dir: string, re: RegExp): Array<{ name: string; text: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Valid documents of every kind from the repository (samples, fixtures, lab hosts). */
export function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  for (const f of readDir(join(ROOT, 'samples', 'workspace'), /\.json$/)) seeds.push({ name: f.name, kind: f.text.includes('volumeAttachment') ? 'attach' : 'json', text: f.text });
  // a handful of generated bodies Nova accepts (labelled corpus)
  const corpusFile = join(ROOT, 'test', 'fixtures', 'difftest', 'corpus.json');
  if (existsSync(corpusFile)) {
    const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as { cases: Array<{ id: string; kind: string; payloadText: string; oracle: { valid: boolean } }> };
    const ok = corpus.cases.filter((c) => c.oracle.valid);
    for (const c of ok.filter((x) => x.kind === 'server').slice(0, 12)) seeds.push({ name: c.id, kind: 'json', text: c.payloadText });
    for (const c of ok.filter((x) => x.kind === 'attach').slice(0, 4)) seeds.push({ name: c.id, kind: 'attach', text: c.payloadText });
  }
  for (const f of readDir(join(ROOT, 'labhosts'), /\.labhost\.json$/)) seeds.push({ name: f.name, kind: 'labhost', text: f.text });
  for (const f of readDir(join(ROOT, 'samples', 'workspace', 'libvirt'), /\.xml$/)) seeds.push({ name: f.name, kind: 'xml', text: f.text });
  for (const f of readDir(join(ROOT, 'test', 'fixtures', 'libvirtxml'), /^(valid|parser).*\.xml$/).slice(0, 10)) seeds.push({ name: f.name, kind: 'xml', text: f.text });
  return seeds;
}

/**
 * Defects the fuzzer finds today, recognised by their symptom: reported (and counted) but not
 * failing, so that a NEW kind of failure stands out. Each one has a fixed reproducer in
 * test/unit/fuzz.test.ts (a todo test) that starts passing once it is fixed.
 */
export const KNOWN_ISSUES: Array<{ id: string; reason: string; matches: (f: FuzzFailure) => boolean }> = [];

export function knownIssueOf(f: FuzzFailure): string | null {
  return KNOWN_ISSUES.find((k) => k.matches(f))?.id ?? null;
}

const JSON_BITS = ['{', '}', '[', ']', ',', ':', '"', '\\', 'null', 'true', '1e309', '-0', '0.0', '1e0', '"\\u0000"', '"\\ud800"', '"\ud83d\udca5"', '/*', '//', '\u2028', '\ufeff', '"boot_index": "0",', '"source_type": "image",', '"no_device": "false",', '"volume_size": 10.0,', '"block_device_mapping_v2": [', '"server": {', '"volumeAttachment": ', 'NaN', '\t\r\n'];
const XML_BITS = ['<', '>', '/>', '</disk>', '<disk type="file" device="disk">', '&amp;', '&lol;', '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<!DOCTYPE d [<!ENTITY a "aaaa">]>', '"', "'", '=', 'dev="vdb"', 'bus="virtio"', '\u0000', '\ud83d\udca5', '\ud800', '<target/>', '<source/>', '&#0;', '&#x110000;'];
const TYPE_SWAPS: unknown[] = [null, true, false, 0, -1, 1.5, 1e21, '', 'x', '0', [], {}, [null], { a: 1 }, 'é\u0301', '\ud83d\udca5'.repeat(10)];

export class Mutator {
  readonly r: () => number;
  /** longest string the huge-string mutation inserts (characters of its pattern) */
  readonly maxHuge: number;
  constructor(seed: number, maxHuge = 400_000) {
    this.r = rng(seed);
    this.maxHuge = maxHuge;
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  /** one mutated document from a seed; returns the mutation's name too */
  mutate(seed: Seed): { op: string; text: string } {
    const t = seed.text;
    const xml = seed.kind === 'xml';
    const ops = ['truncate', 'insert', 'delete', 'duplicate', 'swap-type', 'deep-nest', 'huge-string', 'unicode', 'dup-key', 'many-entries', 'multi'];
    const op = this.pick(ops);
    switch (op) {
      case 'truncate':
        return { op, text: t.slice(0, this.int(t.length + 1)) };
      case 'insert': {
        const at = this.int(t.length + 1);
        return { op, text: t.slice(0, at) + this.pick(xml ? XML_BITS : JSON_BITS) + t.slice(at) };
      }
      case 'delete': {
        const at = this.int(t.length + 1);
        return { op, text: t.slice(0, at) + t.slice(at + 1 + this.int(40)) };
      }
      case 'duplicate': {
        const at = this.int(t.length + 1);
        const len = 1 + this.int(200);
        return { op, text: t.slice(0, at + len) + t.slice(at, at + len) + t.slice(at + len) };
      }
      case 'swap-type':
        if (xml) return { op, text: this.xmlAttrSwap(t) };
        return { op, text: this.jsonTypeSwap(t) };
      case 'deep-nest': {
        const depth = 500 + this.int(20000);
        const at = this.int(t.length + 1);
        const open = xml ? '<a>'.repeat(depth) : this.pick(['[', '{"a":', '[{"b":']).repeat(depth);
        const close = this.r() < 0.5 ? '' : xml ? '</a>'.repeat(depth) : ']'.repeat(depth);
        return { op, text: t.slice(0, at) + open + close + t.slice(at) };
      }
      case 'huge-string': {
        const unit = this.pick(['a', 'é', '\ud83d\udca5', '\\"', '/dev/vd', '0']);
        const s = unit.repeat(Math.ceil((1_000 + this.int(this.maxHuge)) / unit.length));
        if (xml) return { op, text: t.replace(/="[^"]*"/, `="${s}"`) };
        return { op, text: t.replace(/"[^"]*"(\s*[,}\]])/, `"${s}"$1`) };
      }
      case 'unicode': {
        const chars = ['\u0000', '\u001f', '\u00a0', '\u200b', '\u202e', '\ud800', '\udfff', '\ufffe', '\uffff', '\ud83d\udca5', 'ǅ', 'İ', '\u0301'];
        let out = t;
        for (let i = 0, n = 1 + this.int(8); i < n; i++) {
          const at = this.int(out.length + 1);
          out = out.slice(0, at) + this.pick(chars) + out.slice(at);
        }
        return { op, text: out };
      }
      case 'many-entries': {
        // thousands of copies of one (possibly broken) entry: work per entry must stay linear
        const m = /"block_device_mapping(?:_v2)?"\s*:\s*\[\s*(\{[^{}]*\})/.exec(t);
        if (!m || xml) return { op, text: t + t };
        const entry = this.r() < 0.5 ? m[1] : this.jsonTypeSwap(m[1]);
        const n = 500 + this.int(3_500);
        const at = m.index + m[0].length;
        return { op, text: t.slice(0, at) + (',' + entry).repeat(n) + t.slice(at) };
      }
      case 'dup-key': {
        // repeat one "key": value line (JSON) or one attribute (XML)
        const lines = t.split('\n');
        const cand = lines.map((l, i) => [l, i] as const).filter(([l]) => (xml ? /\s\w+="[^"]*"/.test(l) : /^\s*"[^"]+"\s*:/.test(l)));
        if (!cand.length) return { op, text: t + t };
        const [l, i] = this.pick(cand);
        if (xml) {
          const m = /\s\w+="[^"]*"/.exec(l)!;
          lines[i] = l.slice(0, m.index) + m[0] + m[0] + l.slice(m.index);
        } else lines.splice(i, 0, l.trimEnd().endsWith(',') ? l : l + ',');
        return { op, text: lines.join('\n') };
      }
      default: {
        let cur: Seed = seed;
        for (let i = 0, n = 2 + this.int(4); i < n; i++) {
          const m = this.mutate(cur);
          if (m.op === 'multi') continue;
          cur = { ...seed, text: m.text.length > 2_000_000 ? m.text.slice(0, 2_000_000) : m.text };
        }
        return { op, text: cur.text };
      }
    }
  }

  jsonTypeSwap(t: string): string {
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      return t.replace(/:\s*("[^"]*"|-?\d[\d.eE+-]*|true|false|null)/, `: ${JSON.stringify(this.pick(TYPE_SWAPS))}`);
    }
    const paths: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
    const walk = (x: unknown) => {
      if (Array.isArray(x)) {
        x.forEach((y, i) => {
          paths.push({ parent: x, key: i });
          walk(y);
        });
      } else if (x && typeof x === 'object') {
        for (const [k, y] of Object.entries(x)) {
          paths.push({ parent: x as Record<string, unknown>, key: k });
          walk(y);
        }
      }
    };
    walk(v);
    for (let i = 0, n = 1 + this.int(3); i < n && paths.length; i++) {
      const p = this.pick(paths);
      (p.parent as Record<string | number, unknown>)[p.key] = structuredClone(this.pick(TYPE_SWAPS));
    }
    return JSON.stringify(v, null, this.r() < 0.5 ? 2 : undefined);
  }

  xmlAttrSwap(t: string): string {
    const attrs = [...t.matchAll(/(\w+)="([^"]*)"/g)];
    if (!attrs.length) return t;
    const m = this.pick(attrs);
    const v = this.pick(['', '-1', '0', '99999999999999999999', 'yes', 'no', 'virtio', 'file', 'disk', 'network', 'a b', '&amp;', '\ud83d\udca5']);
    return t.slice(0, m.index!) + `${m[1]}="${v}"` + t.slice(m.index! + m[0].length);
  }
}

export interface FuzzFailure {
  seed: string;
  op: string;
  kind: DocKind;
  problem: string;
  text: string;
}

const CONTEXTS: Context[] = [
  { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 5, swap_mb: 512 } },
  { ...defaultContext(), microversion: '2.67', flavor: { root_gb: 0, ephemeral_gb: 0, swap_mb: 0 }, cinder_volume_types: [{ id: 'a', name: 'b' }] },
  { ...defaultContext(), microversion: '2.0' },
];

function spanProblems(spans: Array<{ offset: number; length: number }>, len: number, what: string): string | null {
  for (const s of spans) {
    if (!Number.isInteger(s.offset) || !Number.isInteger(s.length) || s.offset < 0 || s.length < 0 || s.offset + s.length > len) {
      return `${what} range ${JSON.stringify(s)} outside the document (length ${len})`;
    }
  }
  return null;
}

/**
 * Judges one document the way its kind is judged; returns a problem or null. `limitMs` (none by
 * default) reports a slow document as a problem: `npm run fuzz` uses it, tests do not (a test
 * on a busy machine must not depend on wall time; hangs are caught by fuzzInChild's watchdog).
 */
export function checkDocument(kind: DocKind, text: string, i: number, limitMs = Infinity): string | null {
  const t0 = performance.now();
  try {
    if (kind === 'json' || kind === 'attach') {
      const a = analyzeJson(text, CONTEXTS[i % CONTEXTS.length], { forced: i % 2 === 0, allowComments: i % 3 === 0 });
      const bad = spanProblems(a.diagnostics.flatMap((d) => [d.span, ...d.related.map((r) => r.span)]), text.length, 'diagnostic') ?? spanProblems(a.entries.map((e) => e.span), text.length, 'entry');
      if (bad) return bad;
      if (!a.valid && !a.verdict) return 'invalid without a verdict';
    } else if (kind === 'xml') {
      const x = analyzeLibvirtXml(text);
      const bad = spanProblems(x.problems.map((p) => p.span), text.length, 'problem');
      if (bad) return bad;
    } else {
      const l = loadLabHost(text, 'fuzz.labhost.json');
      if (!l.ok) {
        const bad = spanProblems(l.errors.map((e) => ({ offset: e.offset, length: e.length })), text.length, 'lab-host error');
        if (bad) return bad;
      }
    }
  } catch (e) {
    return `threw ${(e as Error)?.name}: ${(e as Error)?.message?.slice(0, 200)}\n${String((e as Error)?.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  }
  const ms = performance.now() - t0;
  if (ms > limitMs) return `took ${ms.toFixed(0)} ms (limit ${limitMs} ms)`;
  return null;
}

export interface FuzzRun {
  documents: number;
  byKind: Record<DocKind, number>;
  failures: FuzzFailure[];
  samples: Array<{ kind: DocKind; text: string }>;
}

/** Mutates every seed in turn until `count` documents were judged. Keeps `sampleEvery`-th document for the CLI check. */
export interface FuzzOptions { sampleEvery?: number; limitMs?: number; deadline?: number; maxHuge?: number; progress?: (line: string) => void }

export function fuzz(seed: number, count: number, opts: FuzzOptions = {}): FuzzRun {
  const seeds = loadSeeds();
  const m = new Mutator(seed, opts.maxHuge);
  const run: FuzzRun = { documents: 0, byKind: { json: 0, attach: 0, labhost: 0, xml: 0 }, failures: [], samples: [] };
  for (let i = 0; i < count; i++) {
    if (opts.deadline && Date.now() > opts.deadline) break;
    const s = seeds[i % seeds.length];
    const { op, text } = m.mutate(s);
    run.documents++;
    run.byKind[s.kind]++;
    opts.progress?.(`document ${i}: ${s.kind} from ${s.name} by ${op}, ${text.length} chars`);
    const problem = checkDocument(s.kind, text, i, opts.limitMs);
    if (problem) run.failures.push({ seed: s.name, op, kind: s.kind, problem, text });
    if (opts.sampleEvery && i % opts.sampleEvery === 0 && s.kind !== 'labhost' && text.length < 300_000) run.samples.push({ kind: s.kind, text });
    else if (problem && s.kind !== 'labhost' && text.length < 300_000 && run.samples.length < 200) run.samples.push({ kind: s.kind, text });
  }
  return run;
}

/**
 * fuzz() in a child process (scripts/fuzz-child.ts) killed after `watchdogMs`: a document that
 * hangs the judge (synchronous code no in-process timer can interrupt) fails the caller with the
 * document it was on, instead of hanging the test run.
 */
export function fuzzInChild(seed: number, count: number, opts: Omit<FuzzOptions, 'progress' | 'deadline'>, watchdogMs: number): Promise<FuzzRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-fuzz-child-'));
  const out = join(dir, 'run.json');
  return new Promise<FuzzRun>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'fuzz-child.ts'), JSON.stringify({ seed, count, opts }), out], { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
    let tail = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (tail = (tail + d).slice(-2000)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), watchdogMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      try {
        if (signal === 'SIGKILL') reject(new Error(`hang: the fuzz run was killed after ${watchdogMs / 1000} s, on ${tail.trimEnd().split('\n').at(-1) || 'its start'}`));
        else if (code !== 0) reject(new Error(`the fuzz child exited ${code ?? signal}: ${stderr}`));
        else resolve(JSON.parse(readFileSync(out, 'utf8')) as FuzzRun);
      } catch (e) {
        reject(e as Error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

export const CLI = join(ROOT, 'dist', 'cli.js');

/**
 * Writes documents to a temp dir and runs `dist/cli.js check` on them, a few files per call.
 * Every call must exit 0, 1 or 2 and print no stack trace. Returns the problems and the number of files.
 */
export function runCliOnSamples(samples: Array<{ kind: DocKind; text: string }>, perCall = 6): { problems: string[]; files: number; calls: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-fuzz-cli-'));
  const problems: string[] = [];
  let calls = 0;
  try {
    const files = samples.map((s, i) => {
      const f = join(dir, `doc${i}.${s.kind === 'xml' ? 'xml' : 'json'}`);
      writeFileSync(f, s.text);
      return f;
    });
    for (let i = 0; i < files.length; i += perCall) {
      const batch = files.slice(i, i + perCall);
      calls++;
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', i % 2 ? 'json' : 'text', ...batch], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
      const where = batch.map((f) => f.slice(dir.length + 1)).join(' ');
      if (r.error) problems.push(`${where}: ${r.error.message}`);
      else if (r.status === null) problems.push(`${where}: killed by ${r.signal}`);
      else if (![0, 1, 2].includes(r.status)) problems.push(`${where}: exit ${r.status}: ${r.stderr.slice(0, 400)}`);
      if (/^\s+at .+:\d+:\d+\)?$/m.test(r.stderr ?? '') || /\b(TypeError|RangeError|ReferenceError|SyntaxError): /.test(r.stderr ?? '')) problems.push(`${where}: stack trace on stderr: ${r.stderr.slice(0, 600)}`);
    }
    return { problems, files: files.length, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
