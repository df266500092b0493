/**
 * Benchmarks (`npm run bench`; `npm run bench -- --quick` for a small run; `--full-peer` also runs
 * the JSON service on 100 000 invalid entries, minutes; `--only lsp,hooks` runs only those parts
 * of validation, processes, lsp and hooks, and writes nothing; `--only xml`: the libvirt XML rows
 * of processes). Never a test: it
 * measures against peers in the same run, prints, and writes bench/results.md; goals (issue 15)
 * are reported as met or missed. Needs `npm run build` first (the generated validators).
 *
 *   1. validation in one process, interleaved: analyzeJson on default settings (no flavor, no
 *      context) and with a full context, valid and invalid bodies, 1 / 100 / 1 000 / 10 000 /
 *      100 000 entries, against JSON.parse and vscode-json-languageservice (schema only, Nova's
 *      2.1 schema); growth exponents fitted for N >= 100
 *   2. whole processes, CPU time: `bdm-lab check` vs the JSON service as a process vs a bare
 *      `node`; libvirt XML (1 000 and 2 000 disks) vs virt-xml-validate and xmllint
 *   3. the language server over stdio (production bundles): spawn -> first diagnostics CPU vs a
 *      bare node, keystroke -> published diagnostics (each edit a ranged change, as VS Code sends
 *      it to a server that syncs incrementally), hover and completion p50/p95
 *   4. hooks: previews, Simulate Attach and boot from volume
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { execSync } from 'node:child_process';
import * as esbuild from 'esbuild';
// @ts-expect-error a plain ES module of the build scripts (no types)
import { lazySources, lazySourceEntries, lazyLibvirtXml, LAZY_LIBVIRTXML, lazyAttach, LAZY_ATTACH } from '../scripts/lazy-sources.mjs';
import { lazyDomainSchema, TABLE_ENTRY, TABLE_CHUNK } from '../scripts/libvirt-domain-catalog.mjs';
import { BUNDLE as CLI_BUNDLE, SERVER_BUNDLE, finishCli, finishServer } from '../scripts/cli-loader.mjs';
import { libxml2WasmFile } from '../scripts/libxml2-wasm.mjs';
import { defaultContext, type Context } from '../server/src/model/context';
import { fullCollection, youngCollection, growthExponent, HAVE_PROC, jsonServiceScript, median, pct, processCpuMs, runProcess, type ProcessRun, threadsCpuBetweenMs, threadsCpuNs, which } from './peers';
import { domainXml, type XmlGrowth } from './libvirtXml';
import { WORKER_MIN_CHARS, WORKER_YOUNG_GENERATION_MB } from '../server/src/lsp/documentWorker';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.argv.includes('--quick');
const DEBOUNCE_MS = 200;
const SIZES = QUICK ? [1, 100, 1000] : [1, 100, 1000, 10000, 100000];
// The JSON service grows quadratically with the errors of an invalid body (one run of 100 000
// invalid entries took 331 s): measured there, in-process or as a process, only with --full-peer.
const FULL_PEER = process.argv.includes('--full-peer');
// `--only validation,shapes,processes,lsp,hooks`: run those parts and print them; results.md is written only by a whole run
const ONLY = (() => {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? new Set((process.argv[i + 1] ?? '').split(',')) : null;
})();
const part = (name: string) => !ONLY || ONLY.has(name);

/**
 * `--young-rows` (internal): the validation table's rows of documents the language server judges
 * in its worker (WORKER_MIN_CHARS and up), run in a process whose young generation is that
 * worker's (started so by the parent run) and printed as JSON; the parent's bundles are reused.
 */
const YOUNG_CHILD = process.argv.includes('--young-rows');
const YOUNG_MARK = '@@young-rows ';
// Everything as it ships: the production bundles (scripts/build.mjs --production), built here.
const REUSED_WORK = YOUNG_CHILD ? process.env.BDM_BENCH_WORK : undefined;
if (YOUNG_CHILD && !REUSED_WORK) throw new Error('--young-rows is started by the bench itself (BDM_BENCH_WORK)');
const WORK = REUSED_WORK ?? mkdtempSync(join(tmpdir(), 'bdm-bench-'));
if (!REUSED_WORK) process.on('exit', () => rmSync(WORK, { recursive: true, force: true }));
const GENERATED_LAZY = join(ROOT, 'server', 'src', 'generated', 'lazy');
if (!existsSync(GENERATED_LAZY)) throw new Error('server/src/generated/lazy is missing: run npm run build first');
const common: esbuild.BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning', mainFields: ['module', 'main'] };
if (!REUSED_WORK) esbuild.buildSync({ ...common, entryPoints: readdirSync(GENERATED_LAZY).filter((f) => f.endsWith('.cjs')).map((f) => join(GENERATED_LAZY, f)), outdir: join(WORK, 'lazy'), outExtension: { '.js': '.cjs' } });
// the sources bundled apart, as scripts/build.mjs does (esbuild plugins need the async build)
if (!REUSED_WORK) for (const { entry, out } of lazySourceEntries()) esbuild.buildSync({ ...common, entryPoints: [entry], outfile: join(WORK, 'lazy', out) });
// (awaited at the start of main: the bench runs as CommonJS, without a top-level await)
const bundles = REUSED_WORK ? Promise.resolve([]) : Promise.all([
  esbuild.build({ ...common, entryPoints: [join(ROOT, 'server', 'src', 'server.ts')], outfile: join(WORK, SERVER_BUNDLE), metafile: true, plugins: [lazySources, lazyLibvirtXml, lazyAttach] }),
  esbuild.build({ ...common, entryPoints: [join(ROOT, 'server', 'src', 'lsp', 'workerThread.ts')], outfile: join(WORK, 'worker.js'), plugins: [lazySources, lazyLibvirtXml, lazyAttach] }),
  esbuild.build({ ...common, entryPoints: [join(ROOT, 'server', 'src', 'cli.ts')], outfile: join(WORK, CLI_BUNDLE), plugins: [lazySources, lazyLibvirtXml, lazyAttach] }),
  // libvirt's schema engine (libxml2 as WebAssembly) next to the CLI, as it ships, its binary in a
  // file of its own (scripts/libxml2-wasm.mjs): without it the CLI falls back to xmllint
  esbuild.build({ ...common, format: 'esm', entryPoints: [join(ROOT, 'node_modules', 'libxml2-wasm', 'lib', 'index.mjs')], outfile: join(WORK, 'lazy', 'libxml2.mjs'), plugins: [libxml2WasmFile(join(WORK, 'lazy'))] }),
  // libvirt's XML domain, and its schema table in a chunk of its own, as scripts/build.mjs makes them
  esbuild.build({ ...common, entryPoints: [LAZY_LIBVIRTXML.entry], outfile: join(WORK, 'lazy', LAZY_LIBVIRTXML.out), plugins: [lazyDomainSchema('.')] }),
  esbuild.build({ ...common, stdin: TABLE_ENTRY, outfile: join(WORK, 'lazy', TABLE_CHUNK) }),
  // the attach simulator, as scripts/build.mjs makes it
  esbuild.build({ ...common, entryPoints: [LAZY_ATTACH.entry], outfile: join(WORK, 'lazy', LAZY_ATTACH.out) }),
]).then((r) => {
  // the command and the server as they ship: the loaders and the bundles' code caches (scripts/cli-loader.mjs)
  finishCli(WORK);
  finishServer(WORK);
  return r;
});
if (!REUSED_WORK) esbuild.buildSync({ ...common, minify: false, entryPoints: [join(ROOT, 'bench', 'domain.ts')], outfile: join(WORK, 'domain.cjs') });
// the server's loader (what the client starts) and its bundle
const SERVER_JS = join(WORK, 'server.js');
const SERVER_MAIN = join(WORK, SERVER_BUNDLE);
const CLI_JS = join(WORK, 'cli.js');
const domain = createRequire(import.meta.url)(join(WORK, 'domain.cjs')) as typeof import('./domain');
// The domain refuses bodies over MAX_ENTRIES (100 000) unjudged; the benchmark judges every size.
const JUDGE_ALL = { maxEntries: Number.MAX_SAFE_INTEGER };
/**
 * Judging as every consumer does it: the analysis, then each diagnostic's message and place read
 * (the language server and the CLI write them all; they are worked out when first read). The JSON
 * service's diagnostics come with theirs, so the comparison is like for like.
 */
let sink = 0;
const analyzeJson = (text: string, ctx: Context) => {
  const a = domain.analyzeJson(text, ctx, JUDGE_ALL);
  for (const d of a.diagnostics) {
    sink += d.message.length + d.span.offset + d.span.length;
    for (const r of d.related) sink += r.message.length + r.span.offset;
  }
  return a;
};
process.on('exit', () => { if (sink < 0) console.log(sink); });

const UUID = '70a599e0-31e7-49b7-b260-868f441e862b';
const DEFAULT_CTX: Context = defaultContext();
const FULL_CTX: Context = {
  ...defaultContext(),
  microversion: '2.32',
  flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 },
  max_local_block_devices: -1,
  cinder_volume_types: [{ id: 'a26887c6-c47b-4654-abb5-000000000001', name: 'fast' }],
};

/** N entries: one image->volume root, the rest volume->volume with a device_name; invalid: every entry breaks the schema (boot_index "first"). */
function payload(n: number, invalid = false): string {
  const entries = [];
  for (let i = 0; i < n; i++) {
    const e: Record<string, unknown> = i === 0
      ? { source_type: 'image', destination_type: 'volume', uuid: UUID, volume_size: 10, boot_index: 0, delete_on_termination: true }
      : { source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1, device_name: `/dev/vd${i}`.slice(0, 12) };
    if (invalid) e.boot_index = 'first';
    entries.push(e);
  }
  return JSON.stringify({ server: { name: 'bench', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2) + '\n';
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
function timeSync(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
const ms = (x: number) => (x < 0.1 ? x.toFixed(4) : x < 1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x.toFixed(1));
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
function goal(ok: boolean, text: string): string {
  return `${ok ? 'met' : '**missed**'} (${text})`;
}

// ---------------------------------------------------------------------------------------------
// 1. validation in one process

interface Row { entries: number; body: 'valid' | 'invalid'; bytes: number; warm: number; dflt: number; ctx: number; parse: number; service: number }

const v21Schema = (): object => {
  const variants = createRequire(import.meta.url)(join(ROOT, 'server', 'src', 'generated', 'variants.cjs')) as { server: Array<{ lo: number; hi: number; schema: object }> };
  const v = variants.server.find((x) => x.lo <= 1 && 1 <= x.hi);
  if (!v) throw new Error('no 2.1 variant in server/src/generated/variants.cjs (npm run build)');
  return v.schema;
};

async function jsonService() {
  const { getLanguageService, TextDocument } = await import('vscode-json-languageservice');
  const ls = getLanguageService({});
  ls.configure({ validate: true, allowComments: false, schemas: [{ uri: 'bdm://server-2.1.json', fileMatch: ['*.bench.json'], schema: v21Schema() }] });
  return { ls, TextDocument };
}

/**
 * Warm-up before a row is timed: the same number of untimed runs of the row's body for every peer,
 * interleaved (one run of each per round, as the timed runs), for about WARM_MS per peer (the
 * rounds' total over the four peers) or at most WARM_ROUNDS rounds. Without it the small rows,
 * timed first, would compare mostly cold (interpreted) code of both sides. The time is the rule,
 * the count only a ceiling: at 1 entry a round takes some 30 µs, and a ceiling of 2 000 rounds
 * (until 2026-12-04) stopped the warm-up after about 60 ms, with both sides' code still being
 * optimised (bdm-lab's 1-entry run took 11.5 µs there and 4.3 µs after 20 000 rounds; the JSON
 * service's 14.8 and 11.7 µs).
 */
const WARM_MS = 200;
const WARM_ROUNDS = 50_000;

/** The JSON service's parse and validation of a text, timed (each text a new document). */
async function serviceTimer(): Promise<(text: string) => Promise<number>> {
  const { ls, TextDocument } = await jsonService();
  let docs = 0;
  return async (text: string) => {
    const d = TextDocument.create(`file:///p${docs++}.bench.json`, 'json', 1, text);
    return await timeAsync(async () => await ls.doValidation(d, ls.parseJSONDocument(d)));
  };
}

async function validationRows(sizes = SIZES): Promise<Row[]> {
  const service = await serviceTimer();
  const rows: Row[] = [];
  for (const n of sizes) {
    for (const body of ['valid', 'invalid'] as const) {
      const text = payload(n, body === 'invalid');
      // 100 000 entries: three runs of each, no warm-up (a second or more each; the smaller sizes
      // warmed the JIT); one run alone moved JSON.parse's time by half from one bench to the next
      const runs = QUICK ? (n >= 1000 ? 3 : n >= 100 ? 31 : 101) : n >= 100000 ? 3 : n >= 10000 ? 7 : n >= 1000 ? 15 : n >= 100 ? 51 : 201;
      const check = analyzeJson(text, FULL_CTX);
      if ((body === 'valid') !== check.valid) throw new Error(`the ${body} ${n}-entry payload is judged ${check.valid ? 'valid' : 'invalid'}: ${check.verdict?.code}`);
      const withService = !(body === 'invalid' && n >= 100000 && !FULL_PEER);
      const dflt: number[] = [], ctx: number[] = [], parse: number[] = [], svc: number[] = [];
      let warm = 0;
      fullCollection();
      if (n < 100000) {
        for (let spent = 0; warm < WARM_ROUNDS && spent < 4 * WARM_MS; warm++) {
          spent += timeSync(() => analyzeJson(text, DEFAULT_CTX)) + timeSync(() => analyzeJson(text, FULL_CTX)) + timeSync(() => JSON.parse(text));
          spent += await service(text);
        }
      }
      // interleaved, so that a busy neighbour slows all four alike
      for (let i = 0; i < runs; i++) {
        dflt.push(timeSync(() => analyzeJson(text, DEFAULT_CTX)));
        ctx.push(timeSync(() => analyzeJson(text, FULL_CTX)));
        parse.push(timeSync(() => JSON.parse(text)));
        if (withService) svc.push(await service(text));
      }
      const row: Row = { entries: n, body, bytes: text.length, warm, dflt: median(dflt), ctx: median(ctx), parse: median(parse), service: svc.length ? median(svc) : NaN };
      rows.push(row);
      console.log(`validation ${n} ${body} (${warm} warm-up rounds, ${runs} timed): default ${ms(row.dflt)} ms, context ${ms(row.ctx)} ms, JSON.parse ${ms(row.parse)} ms, JSON service ${ms(row.service)} ms`);
    }
  }
  return rows;
}

/**
 * Bodies of other shapes than the table's two: what an operator's broken body often holds. Each
 * is N entries (one image→volume root, then the shape's entry), pretty-printed as `payload` is.
 */
const SHAPES: Array<{ what: string; text: (n: number) => string }> = (() => {
  const id = (i: number) => `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`;
  const root = { source_type: 'image', destination_type: 'volume', uuid: UUID, volume_size: 10, boot_index: 0 };
  const body = (n: number, entry: (i: number) => object, list = 'block_device_mapping_v2', first: object | null = root) =>
    JSON.stringify({ server: { name: 'bench', flavorRef: '1', imageRef: UUID, [list]: [...(first ? [first] : []), ...Array.from({ length: n - (first ? 1 : 0) }, (_, k) => entry(k + 1))] } }, null, 2) + '\n';
  const vol = (i: number) => ({ source_type: 'volume', destination_type: 'volume', uuid: id(i) });
  return [
    { what: 'the table\'s valid body', text: (n) => payload(n) },
    { what: 'the table\'s invalid body (`boot_index: "first"`)', text: (n) => payload(n, true) },
    { what: 'the valid body on one line', text: (n) => JSON.stringify(JSON.parse(payload(n))) },
    { what: '`volume_size: 1.5` in every entry (a float)', text: (n) => body(n, (i) => ({ ...vol(i), volume_size: 1.5 })) },
    { what: 'an unknown key in every entry (`bootindex`)', text: (n) => body(n, (i) => ({ ...vol(i), bootindex: 1 })) },
    { what: 'a `tag` in every entry at 2.1 (a later microversion\'s key)', text: (n) => body(n, (i) => ({ ...vol(i), tag: `t${i}` })) },
    { what: 'every field null', text: (n) => body(n, () => ({ source_type: null, destination_type: null, uuid: null, boot_index: null, device_name: null, volume_size: null })) },
    { what: 'no `uuid` in any volume entry', text: (n) => body(n, () => ({ source_type: 'volume', destination_type: 'volume' })) },
    { what: 'image→local entries, each with a boot_index', text: (n) => body(n, (i) => ({ source_type: 'image', destination_type: 'local', uuid: id(i), boot_index: i })) },
    { what: 'device names and buses of five kinds', text: (n) => body(n, (i) => ({ ...vol(i), device_name: `${['sda', 'hdb', 'xvdc', 'vdd', '/dev/sdz'][i % 5]}${i}`, disk_bus: ['scsi', 'ide', 'xen', 'virtio', 'usb'][i % 5], device_type: ['disk', 'cdrom', 'lun', 'floppy'][i % 4] })) },
    { what: 'the legacy `block_device_mapping` list', text: (n) => body(n, (i) => ({ device_name: `vd${i}`, volume_id: id(i), delete_on_termination: '1' }), 'block_device_mapping', null) },
  ];
})();

interface ShapeRow { what: string; bytes: number; diagnostics: number; valid: boolean; dflt: number; parse: number; service: number }

/** Each shape at SHAPE_ENTRIES entries: bdm-lab on default settings, JSON.parse and the JSON service, interleaved. */
const SHAPE_ENTRIES = QUICK ? 500 : 2000;
async function shapeRows(): Promise<ShapeRow[]> {
  const service = await serviceTimer();
  const rows: ShapeRow[] = [];
  for (const shape of SHAPES) {
    const text = shape.text(SHAPE_ENTRIES);
    const a = analyzeJson(text, DEFAULT_CTX);
    fullCollection();
    for (let spent = 0, k = 0; k < WARM_ROUNDS && spent < 3 * WARM_MS / 2; k++) spent += timeSync(() => analyzeJson(text, DEFAULT_CTX)) + timeSync(() => JSON.parse(text)) + await service(text);
    const dflt: number[] = [], parse: number[] = [], svc: number[] = [];
    for (let i = 0; i < (QUICK ? 5 : 15); i++) {
      dflt.push(timeSync(() => analyzeJson(text, DEFAULT_CTX)));
      parse.push(timeSync(() => JSON.parse(text)));
      svc.push(await service(text));
    }
    const row = { what: shape.what, bytes: text.length, diagnostics: a.diagnostics.length, valid: a.valid, dflt: median(dflt), parse: median(parse), service: median(svc) };
    rows.push(row);
    console.log(`shape ${row.what}: default ${ms(row.dflt)} ms, JSON.parse ${ms(row.parse)} ms, JSON service ${ms(row.service)} ms (${ratio(row.dflt, row.service)})`);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 2. whole processes

interface ProcRow { what: string; cpuMs: number; peakKb: number | null; faults: number | null; note?: string }

function procMedian(what: string, cmd: string, args: string[], reps: number, note?: string): ProcRow {
  const runs = Array.from({ length: reps }, () => runProcess(cmd, args));
  const faults = runs.flatMap((r) => (r.minorFaults === null ? [] : [r.minorFaults]));
  return { what, cpuMs: median(runs.map((r) => r.cpuMs)), peakKb: runs.at(-1)?.peakKb ?? null, faults: faults.length ? median(faults) : null, note };
}

/** procMedian of several commands, their runs interleaved (one run of each in turn). */
function procMedians(cmds: Array<[what: string, cmd: string, args: string[]]>, reps: number): ProcRow[] {
  const runs = cmds.map(() => [] as ProcessRun[]);
  for (let i = 0; i < reps; i++) cmds.forEach(([, cmd, args], k) => runs[k]!.push(runProcess(cmd, args)));
  return cmds.map(([what], k) => {
    const rs = runs[k]!;
    const faults = rs.flatMap((r) => (r.minorFaults === null ? [] : [r.minorFaults]));
    return { what, cpuMs: reps >= 7 ? middleMean(rs.map((r) => r.cpuMs)) : median(rs.map((r) => r.cpuMs)), peakKb: rs.at(-1)?.peakKb ?? null, faults: faults.length ? median(faults) : null };
  });
}

/**
 * The mean of the middle of the runs (the fastest and slowest fifth each left out): a process's
 * CPU time is read in clock ticks of 10 ms, so the median of a few runs of 200 ms moves a whole
 * tick from run to run, while the mean of the middle ones keeps the fractions.
 */
function middleMean(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const cut = Math.floor(s.length / 5);
  const mid = s.slice(cut, s.length - cut);
  return mid.reduce((a, b) => a + b, 0) / mid.length;
}

/**
 * What a page touched for the first time costs on this machine (a virtual machine may make each
 * such page fault dear): CPU of a node that fills MB fresh megabytes, less a bare node's, per 4 KiB
 * page; medians of interleaved runs. Memory a process touches is then part of its CPU time.
 */
function firstTouchUs(reps: number): { mb: number; us: number } | null {
  if (!HAVE_PROC) return null;
  const mb = 64;
  const fill = `const b = Buffer.allocUnsafeSlow(${mb} * 1048576); for (let i = 0; i < b.length; i += 4096) b[i] = 1;`;
  const touched: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < reps; i++) {
    touched.push(runProcess(process.execPath, ['-e', fill]).cpuMs);
    bare.push(runProcess(process.execPath, ['-e', '0']).cpuMs);
  }
  return { mb, us: ((median(touched) - median(bare)) * 1000) / (mb * 256) };
}

function processRows(): { json: ProcRow[]; xml: ProcRow[]; xmlGrowth: XmlGrowth[]; touch: { mb: number; us: number } | null } {
  const reps = QUICK ? 3 : 5;
  const node = process.execPath;
  const dir = join(WORK, 'files');
  mkdirSync(dir);
  const schemaFile = join(dir, 'schema.json');
  writeFileSync(schemaFile, JSON.stringify(v21Schema()));
  const svc = join(dir, 'json-service.cjs');
  writeFileSync(svc, jsonServiceScript(ROOT));
  const json: ProcRow[] = [];
  json.push(procMedian('bare `node -e 0`', node, ['-e', '0'], reps));
  // `--only xml`: the libvirt XML rows alone
  for (const n of !part('processes') ? [] : QUICK ? [1000] : [10000, 50000, 100000]) {
    for (const invalid of [false, true]) {
      if (n > 10000 && !invalid) continue;
      const f = join(dir, `p${n}${invalid ? '-invalid' : ''}.json`);
      writeFileSync(f, payload(n, invalid));
      const label = `${n} entries, ${invalid ? 'invalid' : 'valid'}${n > domain.MAX_ENTRIES ? ' (over MAX_ENTRIES: the CLI refuses it unjudged, BDM-LIMIT-ENTRIES)' : ''}`;
      // the 10 000-entry rows are the goal's: more runs, a run of each in turn (the machine's pace
      // drifts; two blocks of runs one after the other would compare two different moments)
      const r = n >= 100000 ? 1 : n === 10000 && !QUICK ? 11 : reps;
      // over 5 MB (the CLI's default --max-file-size) the file size limit is lifted
      const big = n > 10000 ? ['--max-file-size', String(1 << 30)] : [];
      const cli = `\`bdm-lab check --format json${big.length ? ' --max-file-size 1073741824' : ''}\`, default settings, ${label}`;
      const cliArgs = [CLI_JS, 'check', '--format', 'json', ...big, f];
      if (invalid && n > 10000 && !FULL_PEER) {
        json.push(procMedian(cli, node, cliArgs, r));
        continue;
      }
      json.push(...procMedians([[cli, node, cliArgs], [`JSON service as a process (schema only), ${label}`, node, [svc, schemaFile, f]]], r));
    }
  }
  const xml: ProcRow[] = [];
  let bareRow: ProcRow | undefined;
  const vxv = which('virt-xml-validate');
  const xmllint = which('xmllint');
  // 10 disks: the CLI's start-up and fixed costs, so that what the disks cost shows apart
  for (const disks of [10, 1000, 2000]) {
    const f = join(dir, `domain-${disks}.xml`);
    writeFileSync(f, domainXml(disks));
    // (a run of each in turn, a bare node with them: the goal compares them with each other)
    const cmds: Array<[string, string, string[]]> = [
      [`\`bdm-lab check --no-libvirt-schema\`, ${disks} disks`, node, [CLI_JS, 'check', '--no-libvirt-schema', f]],
      [`\`bdm-lab check\` (libvirt's schema too, in-process: libxml2 as WebAssembly), ${disks} disks`, node, [CLI_JS, 'check', f]],
    ];
    if (vxv) cmds.push([`virt-xml-validate, ${disks} disks`, vxv, [f]]);
    if (xmllint) cmds.push([`xmllint --noout (well-formedness only), ${disks} disks`, xmllint, ['--noout', f]]);
    if (disks === 1000) cmds.push(['bare `node -e 0`', node, ['-e', '0']]);
    const rows = procMedians(cmds, disks === 1000 && !QUICK ? 11 : reps);
    xml.push(...rows.filter((r) => !r.what.startsWith('bare')));
    bareRow = rows.find((r) => r.what.startsWith('bare')) ?? bareRow;
  }
  xml.push(bareRow ?? procMedian('bare `node -e 0`', node, ['-e', '0'], reps));
  // growth in one process, interleaved (the libvirt XML check of the shipped bundle), in every
  // dimension a hostile document has: a process of its own (bench/xmlGrowthChild.ts), whose heap
  // holds none of the validation part's garbage
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'xmlGrowthChild.ts'), join(WORK, 'domain.cjs'), String(QUICK ? 5 : 9)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`the libvirt XML growth process failed: ${child.stderr}`);
  const growth = JSON.parse(child.stdout) as XmlGrowth[];
  // the check alone of the 1 000-disk domain in this (warm) process
  const d1000 = domainXml(1000);
  const warm = Array.from({ length: QUICK ? 5 : 15 }, () => timeSync(() => domain.analyzeLibvirtXml(d1000)));
  growth.unshift({ what: 'in-process check of the 1 000-disk domain (warm)', n: 1000, ratio: NaN, msN: median(warm) });
  return { json, xml, xmlGrowth: growth, touch: firstTouchUs(reps) };
}

// ---------------------------------------------------------------------------------------------
// 3. the language server over stdio

interface LspFigures {
  startCpu: number[];
  bareCpu: number[];
  /** wall: until the client has read and parsed the publish; server: until its first byte reached the client */
  keystroke: Record<number, { wall: number[]; server: number[]; cpu: number[]; warmCpu: number[] }>;
  /** a hover on an entry as the first request after each keystroke's diagnostics */
  hoverAfterEdit: Record<number, number[]>;
  hover: number[];
  completion: number[];
  serviceHover: number[];
  serviceCompletion: number[];
  rssMb: number;
}

async function lspFigures(): Promise<LspFigures | string> {
  if (!HAVE_PROC) return '/proc is not available (CPU times of processes)';
  const rpcMod = (await import('vscode-jsonrpc/node.js')) as unknown as { default?: typeof import('vscode-jsonrpc/node.js') } & typeof import('vscode-jsonrpc/node.js');
  const rpc = rpcMod.default ?? rpcMod;
  const startOne = async () => {
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    // when the server's answer starts to arrive: the first chunk of a publishDiagnostics message
    // (its method is in its first hundred bytes; a chunk that splits it is not seen, and the
    // figure is then the parsed message's, never less)
    const seen = { publishStart: 0, threads: null as Map<string, number> | null };
    child.stdout.prependListener('data', (chunk: Buffer) => {
      if (!seen.publishStart && chunk.includes('"method":"textDocument/publishDiagnostics"')) seen.publishStart = performance.now();
    });
    const waiters: Array<{ uri: string; version: number; resolve: (t: number) => void }> = [];
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
      const cpu = processCpuMs(child.pid!);
      seen.threads = threadsCpuNs(child.pid!);
      for (const w of [...waiters]) if (w.uri === p.uri && (p.version === undefined || p.version >= w.version)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(cpu); }
    });
    // default settings: no flavor, no context (what a user who set nothing gets)
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    conn.onRequest('client/registerCapability', () => null);
    conn.onNotification('window/logMessage', () => {});
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } } });
    await conn.sendNotification('initialized', {});
    /** resolves with the server's CPU time (ms) when the diagnostics of that version arrive */
    const published = (uri: string, version: number) => new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 120_000);
      waiters.push({ uri, version, resolve: (x) => { clearTimeout(t); resolve(x); } });
    });
    const open = (uri: string, text: string) => conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    // a keystroke as an editor sends it to a server that syncs incrementally (VS Code does): the replaced range and its new text
    const change = (uri: string, version: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string) =>
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    const stop = async () => {
      try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* gone */ }
      conn.dispose();
      if (child.exitCode === null) child.kill();
    };
    return { child, conn, published, open, change, stop, seen };
  };
  const bareOnce = () => new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', 'process.stdout.write("r"); setTimeout(() => {}, 60000)'], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', () => { const c = processCpuMs(child.pid!); child.kill(); resolve(c); });
    child.on('error', reject);
  });

  // spawn -> first diagnostics, CPU of the server process; a bare node up to its first output
  const startCpu: number[] = [];
  const bareCpu: number[] = [];
  for (let i = 0; i < (QUICK ? 3 : 7); i++) {
    bareCpu.push(await bareOnce());
    const s = await startOne();
    const uri = 'file:///bench/first.bdm.json';
    const p = s.published(uri, 1);
    await s.open(uri, payload(3));
    startCpu.push(await p);
    await s.stop();
  }

  const s = await startOne();
  const keystroke: Record<number, { wall: number[]; server: number[]; cpu: number[]; warmCpu: number[] }> = {};
  const hoverAfterEdit: Record<number, number[]> = {};
  for (const n of QUICK ? [1000] : [1000, 10000]) {
    const uri = `file:///bench/k${n}.bdm.json`;
    const base = payload(n);
    let p = s.published(uri, 1);
    await s.open(uri, base);
    await p;
    const wall: number[] = [], server: number[] = [], cpu: number[] = [];
    // each version's text is the body with the server's name "bench<v>": the edit replaces the previous name's letters
    const nameLine = base.split('\n').findIndex((l) => l.includes('"name": "bench"'));
    const nameAt = base.split('\n')[nameLine].indexOf('"bench"') + 1;
    // the first edits of a server started moments before (V8 is still compiling the code they
    // run), then as many again on the same server, warmed by them
    const fresh = QUICK ? 5 : n >= 10000 ? 15 : 25;
    const warmCpu: number[] = [];
    for (let v = 2; v < 2 + 2 * fresh; v++) {
      const before = v === 2 ? 'bench' : `bench${v - 1}`;
      const range = { start: { line: nameLine, character: nameAt }, end: { line: nameLine, character: nameAt + before.length } };
      p = s.published(uri, v);
      const c0 = processCpuMs(s.child.pid!);
      const th0 = threadsCpuNs(s.child.pid!);
      const t0 = performance.now();
      s.seen.publishStart = 0;
      await s.change(uri, v, range, `bench${v}`);
      const c1 = await p;
      const t1 = performance.now();
      // each thread's nanoseconds where the kernel gives them, else the process's clock ticks
      const used = th0 && s.seen.threads ? threadsCpuBetweenMs(th0, s.seen.threads) : c1 - c0;
      if (v >= 2 + fresh) { warmCpu.push(used); continue; }
      wall.push(t1 - t0 - DEBOUNCE_MS);
      server.push((s.seen.publishStart || t1) - t0 - DEBOUNCE_MS);
      cpu.push(used);
    }
    keystroke[n] = { wall, server, cpu, warmCpu };
    // a hover on an entry mid-document right after each keystroke's diagnostics (what a person
    // does: type, then point at an entry): the first request on each new version
    const lines = base.split('\n');
    const hl = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('"source_type"'));
    // the entry's `{` (source_type is each entry's first key): the hover on the entry itself
    const at = { line: hl - 1, character: lines[hl - 1].indexOf('{') };
    const after: number[] = [];
    const first = 2 + 2 * fresh;
    // 41 at 1 000 entries: of 21 samples the p95 would be the slowest one alone
    for (let v = first; v < first + (QUICK ? 5 : n >= 10000 ? 9 : 41); v++) {
      const range = { start: { line: nameLine, character: nameAt }, end: { line: nameLine, character: nameAt + `bench${v - 1}`.length } };
      p = s.published(uri, v);
      await s.change(uri, v, range, `bench${v}`);
      await p;
      // the measuring process's own garbage (the publish it just read) collected first, untimed:
      // a pause of this process is not the server's time
      youngCollection();
      const t0 = performance.now();
      const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: at }) as { contents?: { value?: string } } | null;
      after.push(performance.now() - t0);
      // a hover that says nothing would be fast for nothing: it must be the entry's, with its <disk>
      if (!/Entry #\d+[\s\S]*<disk/.test(h?.contents?.value ?? '')) throw new Error(`the hover after an edit is not the entry's: ${JSON.stringify(h).slice(0, 200)}`);
    }
    hoverAfterEdit[n] = after;
  }
  // hover and completion on 1 000 entries, mid-document
  const huri = 'file:///bench/k1000.bdm.json';
  const htext = payload(1000).replace('"name": "bench"', '"name": "bench26"');
  const lines = htext.split('\n');
  const hline = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('"source_type"'));
  const cline = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('"boot_index": -1'));
  const hpos = { line: hline, character: lines[hline].indexOf('source_type') + 2 };
  const cpos = { line: cline, character: lines[cline].indexOf('-1') };
  const hover: number[] = [], completion: number[] = [];
  // 101 of each: the p95 is then the fifth slowest, not the second (one pause of a shared machine moved it by half)
  for (let i = 0; i < (QUICK ? 5 : 101); i++) {
    youngCollection();
    hover.push(await timeAsync(() => s.conn.sendRequest('textDocument/hover', { textDocument: { uri: huri }, position: hpos })));
    youngCollection();
    completion.push(await timeAsync(() => s.conn.sendRequest('textDocument/completion', { textDocument: { uri: huri }, position: cpos })));
  }
  const rssMb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${s.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  await s.stop();

  // the JSON service's hover and completion on the same text, in this process
  const { ls, TextDocument } = await jsonService();
  const doc = TextDocument.create('file:///h.bench.json', 'json', 1, htext);
  const parsed = ls.parseJSONDocument(doc);
  await ls.doValidation(doc, parsed);
  const serviceHover: number[] = [], serviceCompletion: number[] = [];
  for (let i = 0; i < (QUICK ? 5 : 101); i++) {
    serviceHover.push(await timeAsync(async () => await ls.doHover(doc, hpos, parsed)));
    serviceCompletion.push(await timeAsync(async () => await ls.doComplete(doc, cpos, parsed)));
  }
  return { startCpu, bareCpu, keystroke, hoverAfterEdit, hover, completion, serviceHover, serviceCompletion, rssMb };
}

// ---------------------------------------------------------------------------------------------
// 4. hooks

function hooks(): Array<[string, number[] | string, number?]> {
  const { previewOf, previewDocument, simulateAttach, simulateBoot, loadLabHost, EMBEDDED_LAB_HOSTS, nodeHashes } = domain;
  const n = QUICK ? 5 : 31;
  const out: Array<[string, number[] | string, number?]> = [];
  // each row starts on a collected heap, as the validation rows do: the garbage the bench's
  // earlier parts left (100 000-entry bodies, the language server's answers) is not a hook's time
  const timed = (f: () => unknown): number[] => {
    fullCollection();
    return Array.from({ length: n }, () => timeSync(f));
  };
  const p50 = payload(50);
  out.push(['XML preview of a 50-entry accepted body (analyzeJson + previewOf + previewDocument, no lab host)', timed(() => previewDocument(previewOf(analyzeJson(p50, FULL_CTX), FULL_CTX, null, nodeHashes)))]);
  const p1000 = payload(1000);
  out.push(['XML preview of a 1 000-entry body', timed(() => previewDocument(previewOf(analyzeJson(p1000, FULL_CTX), FULL_CTX, null, nodeHashes)))]);
  const file = join(ROOT, 'labhosts', 'newton-emc-multipath.labhost.json');
  const l = existsSync(file) ? loadLabHost(readFileSync(file, 'utf8'), file) : null;
  if (l?.ok) {
    const lab = l.labHost;
    const req = { server_id: lab.instances[0].uuid, volumeAttachment: { volumeId: lab.volumes[0].id } };
    out.push(['Simulate Attach, newton-emc-multipath (dead portal, multipath fallback)', timed(() => simulateAttach(lab, req as never, { hashes: nodeHashes })), 20]);
  } else out.push(['Simulate Attach, newton-emc-multipath', 'lab host not loadable']);
  const d = loadLabHost(EMBEDDED_LAB_HOSTS['default'], 'default');
  if (d.ok) {
    const bdms = Array.from({ length: 50 }, (_, i) => ({ entry: i, source_type: 'blank' as const, destination_type: 'volume' as const, guest_format: null, boot_index: i === 0 ? 0 : -1, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: null, no_device: false, delete_on_termination: true, volume_type: null, tag: null }));
    out.push(['Simulate boot from volume, 50 blank volumes', timed(() => simulateBoot(d.labHost, bdms, { hashes: nodeHashes })), 20]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const [serverBuild] = await bundles;
  const bundleKb = (statSync(SERVER_MAIN).size + statSync(SERVER_JS).size) / 1024;
  const out = serverBuild.metafile!.outputs[Object.keys(serverBuild.metafile!.outputs)[0]];
  const generatedKb = Object.entries(out.inputs).filter(([k]) => k.includes('generated/')).reduce((a, [, v]) => a + v.bytesInOutput, 0) / 1024;
  const lazyFiles = readdirSync(join(WORK, 'lazy'));
  const lazyKb = lazyFiles.filter((f) => /\.[cm]js$/.test(f)).map((f) => statSync(join(WORK, 'lazy', f)).size / 1024);
  const wasmKb = lazyFiles.filter((f) => f.endsWith('.wasm')).map((f) => statSync(join(WORK, 'lazy', f)).size / 1024);
  console.log(`server bundle ${bundleKb.toFixed(0)} KB (generated code in it ${generatedKb.toFixed(0)} KB), largest lazy validator ${Math.max(...lazyKb).toFixed(0)} KB`);

  const rows = part('validation') ? await validationRows() : [];
  const young = part('validation') ? youngRows(rows) : [];
  for (const r of young) console.log(`validation ${r.entries} ${r.body}, the worker's young generation: default ${ms(r.dflt)} ms, context ${ms(r.ctx)} ms, JSON.parse ${ms(r.parse)} ms, JSON service ${ms(r.service)} ms`);
  const shapes = part('shapes') ? await shapeRows() : [];
  const procs = part('processes') || ONLY?.has('xml') ? processRows() : { json: [], xml: [], xmlGrowth: [] as XmlGrowth[], touch: null };
  for (const r of [...procs.json, ...procs.xml]) console.log(`process ${r.what}: ${r.cpuMs.toFixed(0)} ms CPU${r.peakKb ? `, ${(r.peakKb / 1024).toFixed(0)} MB peak` : ''}`);
  for (const g of procs.xmlGrowth) console.log(`libvirt XML ${g.what}, N = ${g.n}: ${ms(g.msN)} ms${Number.isNaN(g.ratio) ? '' : `, growth ${g.ratio.toFixed(2)}`}`);
  const lsp = part('lsp') ? await lspFigures() : 'not run (--only)';
  const hk = part('hooks') ? hooks() : [];

  const cpu = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let nproc = String(cpus().length);
  try { nproc = execSync('nproc', { encoding: 'utf8' }).trim(); } catch { /* keep os.cpus */ }
  let load = '';
  try { load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '); } catch { /* n/a */ }

  const md: string[] = [];
  md.push('# bdm-lab benchmarks', '');
  md.push(`Written by \`npm run bench${QUICK ? ' -- --quick' : ''}\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}. Machine: ${nproc} CPUs (nproc), ${cpu}; Node ${process.version}; load average at the end ${load || 'n/a'}. The machine may be shared, so absolute figures move; every comparison is with a peer measured in the same run (interleaved in one process, or as processes by CPU time). All bdm-lab code is the production bundle (minified, as packaged).`, '');

  md.push('## Start-up and bundle', '');
  md.push(`Server bundle (production; the loader the client starts and the bundle it evaluates): **${bundleKb.toFixed(0)} KB**, generated code in it ${generatedKb.toFixed(0)} KB (the context file's validator, the variant index); beside it the V8 code cache the build makes for it (scripts/cli-loader.mjs), ${(statSync(join(WORK, 'server-main.cache')).size / 1024).toFixed(0)} KB, read at start-up instead of compiling the functions a first check runs; what it loads on first use (Nova's schema variants, the other sources' parsers, libvirt's XML, libxml2) is ${lazyKb.length} modules of ${Math.min(...lazyKb).toFixed(0)}–${Math.max(...lazyKb).toFixed(0)} KB${wasmKb.length ? ` and libxml2's WebAssembly binary (${wasmKb.map((k) => k.toFixed(0)).join(', ')} KB)` : ''}. Goal ≤ 700 KB: ${goal(bundleKb <= 700, `${bundleKb.toFixed(0)} KB`)}.`, '');
  if (typeof lsp !== 'string') {
    const above = median(lsp.startCpu) - median(lsp.bareCpu);
    md.push(`Spawn → first diagnostics (a 3-entry body, default settings), CPU of the server process: median ${ms(median(lsp.startCpu))} ms; a bare \`node\` up to its first output: ${ms(median(lsp.bareCpu))} ms; above a bare node: ${ms(above)} ms (${ratio(median(lsp.startCpu), median(lsp.bareCpu))}). Goal ≤ 150 ms above a bare node: ${goal(above <= 150, `${ms(above)} ms`)}. CPU times come from /proc in clock ticks (10 ms).`, '');
  }

  md.push('## Validation of a server-create body (one process, medians, interleaved)', '');
  md.push('Payload: `block_device_mapping_v2` with N entries (one image→volume root, the rest volume→volume with a device_name), pretty-printed; invalid: every entry has `boot_index: "first"`. bdm-lab = `analyzeJson` (parse, Nova\'s schema, every rule layer, driver classes, libvirt notes), then every diagnostic\'s message and place read as the language server and the CLI read them (the JSON service\'s come made), on **default settings** (no flavor, no context) and with a **full context** (microversion 2.32, flavor, unlimited local devices, Cinder volume types). JSON service = `vscode-json-languageservice` `parseJSONDocument` + `doValidation` against Nova\'s 2.1 request schema (schema only).' + ` Before a row is timed, the process's heap is collected in full (an earlier row's garbage is not collected in this row's time), then every peer gets the same warm-up: untimed runs of the row's body, interleaved (one run of each peer per round, as the timed runs are), for about ${WARM_MS} ms per peer (the rounds' total over the four peers) or at most ${WARM_ROUNDS} rounds; not at 100 000 entries, where the smaller rows have warmed the code. Each figure is the median of single timed runs (three at 100 000 entries) (the rounds of warm-up per row in its column).`, '');
  md.push('| entries | body | bytes | warm-up rounds | default ms | context ms | JSON.parse ms | JSON service ms | default / service | context / service | default / JSON.parse | context / JSON.parse |');
  md.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const na = 'not run (--full-peer)';
  for (const r of rows) md.push(`| ${r.entries} | ${r.body} | ${r.bytes} | ${r.warm} | ${ms(r.dflt)} | ${ms(r.ctx)} | ${ms(r.parse)} | ${Number.isNaN(r.service) ? na : ms(r.service)} | ${Number.isNaN(r.service) ? '—' : ratio(r.dflt, r.service)} | ${Number.isNaN(r.service) ? '—' : ratio(r.ctx, r.service)} | ${(r.dflt / r.parse).toFixed(1)}× | ${(r.ctx / r.parse).toFixed(1)}× |`);
  if (rows.some((r) => Number.isNaN(r.service))) md.push('', 'The JSON service is not run on 100 000 invalid entries unless `--full-peer` is given: its time grows with the square of the errors there (one run took 331 s on this machine).');
  md.push('', 'Growth exponents (least squares of log time over log N, N ≥ 100; 1 = linear):', '');
  md.push('| body | default | context | JSON.parse | JSON service |', '|---|---:|---:|---:|---:|');
  for (const body of ['valid', 'invalid'] as const) {
    const rs = rows.filter((r) => r.body === body && r.entries >= 100);
    const e = (k: 'dflt' | 'ctx' | 'parse' | 'service') => growthExponent(rs.filter((r) => !Number.isNaN(r[k])).map((r) => [r.entries, r[k]]));
    const f = (x: number | null) => (x === null ? '—' : x.toFixed(2));
    md.push(`| ${body} | ${f(e('dflt'))} | ${f(e('ctx'))} | ${f(e('parse'))} | ${f(e('service'))} |`);
  }
  md.push('', `Goals: ${validationGoals(rows)}.`, '');
  if (young.length) {
    md.push('### The same bodies as the editor judges them', '');
    md.push(`The language server judges a document of ${WORKER_MIN_CHARS.toLocaleString('en')} characters or more (here the 1 000-entry bodies and up) in its worker thread, whose young generation is ${WORKER_YOUNG_GENERATION_MB} MB (semi-spaces of ${WORKER_YOUNG_GENERATION_MB / 3} MB, where Node's default is 16 MB: the analysis of a big body then outgrows the young generation, and its survivors are copied and promoted). Those rows again, in a process started with \`--max-semi-space-size=${WORKER_YOUNG_GENERATION_MB / 3}\`: both peers run there, warmed up and interleaved as above. The smaller rows are the table's (the server judges those on its main thread, with Node's default).`, '');
    md.push('| entries | body | default ms | context ms | JSON.parse ms | JSON service ms | default / service | context / service | default / JSON.parse | context / JSON.parse |');
    md.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of young) md.push(`| ${r.entries} | ${r.body} | ${ms(r.dflt)} | ${ms(r.ctx)} | ${ms(r.parse)} | ${Number.isNaN(r.service) ? na : ms(r.service)} | ${Number.isNaN(r.service) ? '—' : ratio(r.dflt, r.service)} | ${Number.isNaN(r.service) ? '—' : ratio(r.ctx, r.service)} | ${(r.dflt / r.parse).toFixed(1)}× | ${(r.ctx / r.parse).toFixed(1)}× |`);
    // as the editor runs: the table's small rows, these for the rest
    const editor = [...rows.filter((r) => !young.some((y) => y.entries === r.entries && y.body === r.body)), ...young];
    md.push('', `As the editor judges them (the table's rows below ${WORKER_MIN_CHARS.toLocaleString('en')} characters, these above): ${validationGoals(editor)}.`, '');
  }

  if (shapes.length) {
    md.push(`### Bodies of other shapes, ${SHAPE_ENTRIES} entries each (default settings)`, '');
    md.push('What an operator\'s body often holds besides the table\'s two: one image→volume root, then the shape\'s entry. Same peers, interleaved; medians of single runs after a warm-up as above.', '');
    md.push('| body | bytes | bdm-lab: valid, diagnostics | default ms | JSON.parse ms | JSON service ms | default / service | default / JSON.parse |', '|---|---:|---|---:|---:|---:|---:|---:|');
    for (const r of shapes) md.push(`| ${r.what} | ${r.bytes} | ${r.valid ? 'valid' : 'refused'}, ${r.diagnostics} | ${ms(r.dflt)} | ${ms(r.parse)} | ${ms(r.service)} | ${ratio(r.dflt, r.service)} | ${(r.dflt / r.parse).toFixed(1)}× |`);
    const worst = shapes.reduce((w, r) => (r.dflt / r.service > w.dflt / w.service ? r : w));
    md.push('', `Goal ≤ 0.25× the JSON service: ${goal(shapes.every((r) => r.dflt / r.service <= 0.25), `met by ${shapes.filter((r) => r.dflt / r.service <= 0.25).length} of ${shapes.length} shapes; worst ${ratio(worst.dflt, worst.service)}, ${worst.what}`)}.`, '');
  }

  md.push('## Whole processes (CPU time, user + system, median)', '', 'The 10 000-entry rows and the 1 000-disk rows (with the bare node beside them) are 11 runs of each, in turn; their CPU ms is the mean of the middle seven (CPU time comes in clock ticks of 10 ms: the median of runs of 200 ms moves a whole tick from run to run), the other rows the median of 5.', '');
  if (procs.touch) md.push(`On this machine a page a process touches for the first time costs about ${procs.touch.us.toFixed(1)} µs of its CPU time (a node filling ${procs.touch.mb} fresh MB, less a bare node, per 4 KiB page; medians of interleaved runs): the memory a process touches is part of its time, hence the column of minor page faults (median).`, '');
  md.push('| process | CPU ms | peak RSS | minor page faults |', '|---|---:|---:|---:|');
  const faults = (r: ProcRow) => (r.faults === null ? '—' : String(r.faults));
  for (const r of procs.json) md.push(`| ${r.what} | ${r.cpuMs.toFixed(0)} | ${r.peakKb ? `${(r.peakKb / 1024).toFixed(0)} MB` : '—'} | ${faults(r)} |`);
  const cli10k = procs.json.find((r) => r.what.startsWith('`bdm-lab') && r.what.includes('10000 entries, valid'));
  const svc10k = procs.json.find((r) => r.what.startsWith('JSON service') && r.what.includes('10000 entries, valid'));
  const cli100kBad = procs.json.find((r) => r.what.startsWith('`bdm-lab') && r.what.includes('100000 entries, invalid'));
  if (cli10k && svc10k) md.push('', `Goal: \`bdm-lab check\` on 10 000 entries, default settings, ≤ 0.5× the JSON service as a process: ${goal(cli10k.cpuMs / svc10k.cpuMs <= 0.5, ratio(cli10k.cpuMs, svc10k.cpuMs))}.`);
  if (cli100kBad?.peakKb) md.push(`Goal: 100 000 invalid entries ≤ 300 MB peak in the CLI (judged: MAX_ENTRIES is ${domain.MAX_ENTRIES}): ${goal(cli100kBad.peakKb / 1024 <= 300, `${(cli100kBad.peakKb / 1024).toFixed(0)} MB`)}.`);
  md.push('', '### libvirt XML', '');
  md.push('A domain with N file-backed virtio disks (valid for libvirt\'s schema).', '');
  md.push('| process | CPU ms | peak RSS | minor page faults |', '|---|---:|---:|---:|');
  for (const r of procs.xml) md.push(`| ${r.what} | ${r.cpuMs.toFixed(0)} | ${r.peakKb ? `${(r.peakKb / 1024).toFixed(0)} MB` : '—'} | ${faults(r)} |`);
  const x1000 = procs.xml.find((r) => r.what.includes('--no-libvirt-schema') && r.what.includes('1000 disks'));
  const v1000 = procs.xml.find((r) => r.what.startsWith('virt-xml-validate') && r.what.includes('1000 disks'));
  const bareX = procs.xml.find((r) => r.what.startsWith('bare'));
  if (x1000 && v1000) md.push('', `Goal: 1 000 disks ≤ 1× virt-xml-validate as a process: ${goal(x1000.cpuMs <= v1000.cpuMs, `${ratio(x1000.cpuMs, v1000.cpuMs)}${bareX ? `; a bare node alone is ${ratio(bareX.cpuMs, v1000.cpuMs)}` : ''}`)}.`);
  const x10 = procs.xml.find((r) => r.what.includes('--no-libvirt-schema') && r.what.includes(' 10 disks'));
  if (x1000 && x10 && bareX) md.push('', `Of the 1 000-disk check: ${(x1000.cpuMs - bareX.cpuMs).toFixed(0)} ms above a bare node, of which ${(x10.cpuMs - bareX.cpuMs).toFixed(0)} ms the CLI's start-up with a 10-disk domain and ${(x1000.cpuMs - x10.cpuMs).toFixed(0)} ms the other 990 disks (checked once, by code V8 has not compiled yet).`);
  const warmX = procs.xmlGrowth.find((g) => Number.isNaN(g.ratio));
  if (warmX) md.push('', `The same check in a warm process (analyzeLibvirtXml, median): ${ms(warmX.msN)} ms.`);
  md.push('', 'Growth of the libvirt XML check in a process of its own (a fresh heap; time at 2N over time at N, medians of interleaved samples of about 50 ms each; linear ≈ 2):', '');
  for (const g of procs.xmlGrowth) if (!Number.isNaN(g.ratio)) md.push(`- ${g.what}, N = ${g.n} (${ms(g.msN)} ms): ${g.ratio.toFixed(2)} ${g.ratio < 3 ? '(linear)' : '(**superlinear**)'}`);
  md.push('');

  md.push('## Language server (production bundle over stdio, default settings)', '');
  if (typeof lsp === 'string') md.push(`Not measured: ${lsp}.`, '');
  else {
    md.push('| measure | p50 | p95 | peer p50 | peer p95 | goal |', '|---|---:|---:|---:|---:|---|');
    for (const [n, k] of Object.entries(lsp.keystroke)) {
      const lim = Number(n) >= 10000 ? 150 : 20;
      md.push(`| keystroke → published diagnostics, ${n} entries: wall minus the ${DEBOUNCE_MS} ms debounce (${k.wall.length} edits) | ${ms(median(k.wall))} ms | ${ms(pct(k.wall, 95))} ms | | | p95 ≤ ${lim} ms: ${goal(pct(k.wall, 95) <= lim, 'wall')} |`);
      md.push(`| same, server time: until the publish's first byte reaches the client (the client's reading and parsing of the message excluded) | ${ms(median(k.server))} ms | ${ms(pct(k.server, 95))} ms | | | p95 ≤ ${lim} ms: ${goal(pct(k.server, 95) <= lim, 'server time')} |`);
      md.push(`| same, server CPU between the change and the publish (all its threads: main, document worker, V8's compiler and collector helpers), these first ${k.cpu.length} edits of a fresh server | ${ms(median(k.cpu))} ms | ${ms(pct(k.cpu, 95))} ms | | | ${goal(pct(k.cpu, 95) <= lim, 'CPU, fresh server')} |`);
      if (k.warmCpu.length) md.push(`| same CPU, the next ${k.warmCpu.length} edits (the server warmed by the first ${k.cpu.length}) | ${ms(median(k.warmCpu))} ms | ${ms(pct(k.warmCpu, 95))} ms | | | ${goal(pct(k.warmCpu, 95) <= lim, 'CPU, warmed')} |`);
    }
    md.push(`| hover on a 1 000-entry body (${lsp.hover.length} requests; peer: the JSON service's doHover in-process) | ${ms(median(lsp.hover))} ms | ${ms(pct(lsp.hover, 95))} ms | ${ms(median(lsp.serviceHover))} ms | ${ms(pct(lsp.serviceHover, 95))} ms | p95 ≤ 5 ms: ${goal(pct(lsp.hover, 95) <= 5, 'round trip')} |`);
    for (const [n, h] of Object.entries(lsp.hoverAfterEdit)) {
      md.push(`| hover on an entry right after each keystroke's diagnostics, ${n} entries (${h.length} edits; the first request on each version) | ${ms(median(h))} ms | ${ms(pct(h, 95))} ms | | | ${Number(n) <= 1000 ? `p95 ≤ 5 ms: ${goal(pct(h, 95) <= 5, 'round trip')}` : '—'} |`);
    }
    md.push(`| completion in a 1 000-entry body (peer: doComplete) | ${ms(median(lsp.completion))} ms | ${ms(pct(lsp.completion, 95))} ms | ${ms(median(lsp.serviceCompletion))} ms | ${ms(pct(lsp.serviceCompletion, 95))} ms | p95 ≤ 5 ms: ${goal(pct(lsp.completion, 95) <= 5, 'round trip')} |`);
    md.push(`| spawn → first diagnostics, server CPU (peer: bare node) | ${ms(median(lsp.startCpu))} ms | ${ms(pct(lsp.startCpu, 95))} ms | ${ms(median(lsp.bareCpu))} ms | ${ms(pct(lsp.bareCpu, 95))} ms | ≤ 150 ms above the peer |`);
    md.push('', 'A keystroke\'s server CPU is the sum of the CPU time each of the server\'s threads used between the change and the arrival of its publish, read in nanoseconds from /proc (each thread\'s schedstat), where the kernel gives them (else the process\'s clock ticks of 10 ms). It counts V8\'s helper threads: in a server started moments before, they are still optimising the code the edits run (in a probe of 60 edits at 1 000 entries, V8\'s helper threads used most of the first 20 edits\' CPU and almost none after); hence the two rows, a fresh server\'s first edits and the next ones.');
    md.push('', `Hover and completion times are round trips over stdio (the server's own time is less); before each timed request the bench process collects its own young generation, untimed (a collection of the measuring process during a request is not the server's time: in one run three of the 41 hovers after an edit each overlapped one of 5–10 ms); not its whole heap, whose sweeping would then go on beside the server while it answers (bench/peers.ts youngCollection). Server RSS with the 1 000- and 10 000-entry bodies open: ${lsp.rssMb.toFixed(0)} MB.`, '');
  }

  md.push('## Hooks', '');
  md.push(`Each row: ${QUICK ? 5 : 31} runs in the bench process, from the first (no warm-up: the first run compiles what it calls, as a user's first click does), after a full collection of the process's heap.`, '');
  md.push('| measure | median | p95 | goal |', '|---|---:|---:|---|');
  for (const [name, v, lim] of hk) md.push(typeof v === 'string' ? `| ${name} | not measured: ${v} | | |` : `| ${name} | ${ms(median(v))} ms | ${ms(pct(v, 95))} ms | ${lim ? `< ${lim} ms: ${goal(median(v) < lim, 'median')}` : '—'} |`);
  md.push('');
  const text = md.join('\n');
  if (!ONLY) writeFileSync(join(ROOT, 'bench', 'results.md'), text);
  console.log('\n' + text);
}

/** The validation goals met or missed by a set of rows: ratio to the service at every size, growth (N ≥ 100), ratio to JSON.parse from 1 000 entries. */
function validationGoals(rows: Row[]): string {
  // (a run of other parts only, `--only processes`: nothing measured, nothing met or missed)
  if (rows.length === 0) return 'not measured (--only)';
  const worstService = Math.max(...rows.filter((r) => !Number.isNaN(r.service)).map((r) => Math.max(r.dflt, r.ctx) / r.service));
  const big = rows.filter((r) => r.entries >= 1000);
  const worstParse = big.length ? Math.max(...big.map((r) => Math.max(r.dflt, r.ctx) / r.parse)) : NaN;
  const worstExp = Math.max(...(['valid', 'invalid'] as const).flatMap((body) => {
    const rs = rows.filter((r) => r.body === body && r.entries >= 100);
    return (['dflt', 'ctx'] as const).map((k) => growthExponent(rs.map((r) => [r.entries, r[k]])) ?? 0);
  }));
  return `≤ 0.25× the JSON service at every size: ${goal(worstService <= 0.25, `worst ${worstService.toFixed(2)}×`)}; growth exponent ≤ 1.05: ${goal(worstExp <= 1.05, `worst ${worstExp.toFixed(2)}`)}; ≤ 5× JSON.parse from 1 000 entries: ${goal(worstParse <= 5, `worst ${worstParse.toFixed(1)}×`)}`;
}

/**
 * The rows of documents the language server judges in its worker, again in a process with that
 * worker's young generation (V8's semi-spaces a third of WORKER_YOUNG_GENERATION_MB, where
 * Node's default is 16 MB): both peers run there, interleaved as in the table.
 */
function youngRows(table: Row[]): Row[] {
  if (!table.some((r) => r.bytes >= WORKER_MIN_CHARS)) return [];
  const semi = WORKER_YOUNG_GENERATION_MB / 3;
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-semi-space-size=${semi}`, fileURLToPath(import.meta.url), '--young-rows', ...(QUICK ? ['--quick'] : []), ...(FULL_PEER ? ['--full-peer'] : [])], {
    encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, BDM_BENCH_WORK: WORK },
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(YOUNG_MARK));
  if (child.status !== 0 || !line) throw new Error(`the young-generation rows failed (${child.status}): ${child.stderr.slice(-2000)}`);
  // (JSON writes a peer not run, NaN, as null)
  return (JSON.parse(line.slice(YOUNG_MARK.length)) as Array<Omit<Row, 'service'> & { service: number | null }>).map((r) => ({ ...r, service: r.service ?? NaN }));
}

if (YOUNG_CHILD) {
  // every size, as in the table (its small rows warm the code as they do there); the worker's reported
  validationRows(SIZES).then((rows) => {
    process.stdout.write(`${YOUNG_MARK}${JSON.stringify(rows.filter((r) => r.bytes >= WORKER_MIN_CHARS))}\n`);
  }, (e) => {
    console.error(`bench --young-rows: ${(e as Error).stack ?? e}`);
    process.exit(1);
  });
} else main().catch((e) => {
  console.error(`bench: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
