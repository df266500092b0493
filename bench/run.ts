/**
 * Benchmarks (`npm run bench`, needs `npm run build` for the LSP figures). Never a test: it
 * measures, prints and writes bench/results.md; goals are reported as met or missed.
 *
 *   1. validation of payloads with 1 / 100 / 1 000 / 10 000 entries: analyzeJson vs JSON.parse
 *      vs vscode-json-languageservice validating the same text against Nova's strict 2.1
 *      schema (server/src/generated/variants.cjs), medians of several runs, in one process
 *   2. over LSP (dist/server.js --stdio): server start -> first diagnostics, keystroke ->
 *      published diagnostics on a 50-entry payload (raw, and minus the server's 200 ms debounce),
 *      hover on a 1 000-entry payload, the server's RSS after opening the 10 000-entry payload
 *   3. hooks: the XML preview of an accepted request, Simulate Attach of the slowest lab-host
 *      scenario (newton-emc-multipath), when those modules exist
 */
import { spawn, execSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as esbuild from 'esbuild';
import { defaultContext, type Context } from '../server/src/model/context';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// The domain as it ships: bundled with the build's own esbuild options (scripts/build.mjs).
const DOMAIN_DIR = mkdtempSync(join(tmpdir(), 'bdm-bench-'));
const DOMAIN_JS = join(DOMAIN_DIR, 'domain.cjs');
process.on('exit', () => rmSync(DOMAIN_DIR, { recursive: true, force: true }));
// the validators the bundle loads on first use sit next to it, as dist/lazy/ does next to dist/server.js
symlinkSync(existsSync(join(ROOT, 'dist', 'lazy')) ? join(ROOT, 'dist', 'lazy') : join(ROOT, 'server', 'src', 'generated', 'lazy'), join(DOMAIN_DIR, 'lazy'));
esbuild.buildSync({ entryPoints: [join(ROOT, 'bench', 'domain.ts')], outfile: DOMAIN_JS, bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], logLevel: 'warning' });
const domain = createRequire(import.meta.url)(DOMAIN_JS) as typeof import('./domain');
const { analyzeJson } = domain;
const DEBOUNCE_MS = 200;
const QUICK = process.argv.includes('--quick');

const ctx: Context = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, max_local_block_devices: -1 };

function payload(n: number): string {
  const entries = [];
  for (let i = 0; i < n; i++) {
    entries.push(i === 0
      ? { source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 10, boot_index: 0, delete_on_termination: true }
      : { source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1, device_name: `/dev/vd${i}`.slice(0, 12) });
  }
  return JSON.stringify({ server: { name: 'bench', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2) + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
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
const ms = (x: number) => (x < 1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x.toFixed(1));

interface Row { entries: number; bytes: number; ours: number; parse: number; service: number }

async function validationRows(): Promise<Row[]> {
  const { getLanguageService, TextDocument } = await import('vscode-json-languageservice');
  const variants = createRequire(import.meta.url)(join(ROOT, 'server', 'src', 'generated', 'variants.cjs')) as { server: Array<{ id: string; lo: number; hi: number; schema: unknown }> };
  const v21 = variants.server.find((v) => v.lo <= 1 && 1 <= v.hi);
  if (!v21) throw new Error('no 2.1 variant in server/src/generated/variants.cjs (npm run build)');
  const ls = getLanguageService({});
  ls.configure({ validate: true, allowComments: false, schemas: [{ uri: 'bdm://server-2.1.json', fileMatch: ['*.bench.json'], schema: v21.schema as object }] });
  const rows: Row[] = [];
  for (const n of [1, 100, 1000, 10000]) {
    const text = payload(n);
    const runs = QUICK ? 3 : n >= 10000 ? 15 : n >= 1000 ? 21 : 31;
    const a = analyzeJson(text, ctx);
    if (!a.valid) throw new Error(`benchmark payload with ${n} entries is not valid: ${a.verdict?.code}`);
    const doc = TextDocument.create(`file:///p${n}.bench.json`, 'json', 1, text);
    const svcDiag = await ls.doValidation(doc, ls.parseJSONDocument(doc));
    if (svcDiag.length) throw new Error(`the JSON service finds ${svcDiag.length} problems in the ${n}-entry payload: ${svcDiag[0].message}`);
    const ours: number[] = [], parse: number[] = [], service: number[] = [];
    // interleaved, so that a busy neighbour slows all three alike
    for (let i = 0; i < runs; i++) {
      ours.push(timeSync(() => analyzeJson(text, ctx)));
      parse.push(timeSync(() => JSON.parse(text)));
      const d = TextDocument.create(`file:///p${n}-${i}.bench.json`, 'json', 1, text);
      service.push(await timeAsync(async () => await ls.doValidation(d, ls.parseJSONDocument(d))));
    }
    rows.push({ entries: n, bytes: text.length, ours: median(ours), parse: median(parse), service: median(service) });
    console.log(`validation ${n} entries: bdm-lab ${ms(median(ours))} ms, JSON.parse ${ms(median(parse))} ms, JSON service ${ms(median(service))} ms`);
  }
  return rows;
}

interface LspFigures { startToFirst: number[]; keystroke: number[]; hover: number[]; rssMb: number; rssBaseMb: number }

async function lspFigures(): Promise<LspFigures | string> {
  const serverJs = join(ROOT, 'dist', 'server.js');
  if (!existsSync(serverJs)) return 'dist/server.js is not built (npm run build)';
  const rpcMod = (await import('vscode-jsonrpc/node.js')) as unknown as { default?: typeof import('vscode-jsonrpc/node.js') } & typeof import('vscode-jsonrpc/node.js');
  const rpc = rpcMod.default ?? rpcMod;
  const startOne = async () => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    const waiters: Array<{ uri: string; version: number; resolve: (t: number) => void }> = [];
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
      for (const w of [...waiters]) if (w.uri === p.uri && (p.version === undefined || p.version >= w.version)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(performance.now()); }
    });
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ flavor: { rootGb: 20, ephemeralGb: 0, swapMb: 0 }, maxLocalBlockDevices: -1 })));
    conn.onRequest('client/registerCapability', () => null);
    conn.onNotification('window/logMessage', () => {});
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } } });
    await conn.sendNotification('initialized', {});
    const published = (uri: string, version: number) => new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 60_000);
      waiters.push({ uri, version, resolve: (x) => { clearTimeout(t); resolve(x); } });
    });
    const open = (uri: string, text: string, version = 1) => conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version, text } });
    const change = (uri: string, version: number, text: string) => conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    const stop = async () => {
      try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* gone */ }
      conn.dispose();
      if (child.exitCode === null) child.kill();
    };
    return { t0, child, conn, published, open, change, stop };
  };

  // start -> first diagnostics (a fresh server each time)
  const startToFirst: number[] = [];
  for (let i = 0; i < (QUICK ? 2 : 5); i++) {
    const s = await startOne();
    const uri = 'file:///bench/first.bdm.json';
    const p = s.published(uri, 1);
    await s.open(uri, payload(3));
    startToFirst.push((await p) - s.t0);
    await s.stop();
  }

  const s = await startOne();
  // keystroke -> published diagnostics on 50 entries
  const uri = 'file:///bench/fifty.bdm.json';
  const base = payload(50);
  let p = s.published(uri, 1);
  await s.open(uri, base);
  await p;
  const keystroke: number[] = [];
  for (let v = 2; v < (QUICK ? 8 : 32); v++) {
    const text = base.replace('"name": "bench"', `"name": "bench${v}"`);
    p = s.published(uri, v);
    const t0 = performance.now();
    await s.change(uri, v, text);
    keystroke.push((await p) - t0);
  }
  // hover on 1 000 entries
  const huri = 'file:///bench/thousand.bdm.json';
  const htext = payload(1000);
  p = s.published(huri, 1);
  await s.open(huri, htext);
  await p;
  const lines = htext.split('\n');
  const line = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('"source_type"'));
  const hover: number[] = [];
  for (let i = 0; i < (QUICK ? 5 : 25); i++) {
    hover.push(await timeAsync(() => s.conn.sendRequest('textDocument/hover', { textDocument: { uri: huri }, position: { line, character: lines[line].indexOf('source_type') + 2 } })));
  }
  // RSS after opening 10 000 entries
  const rss = () => {
    const st = readFileSync(`/proc/${s.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(st)?.[1] ?? 0) / 1024;
  };
  const rssBaseMb = rss();
  const buri = 'file:///bench/tenthousand.bdm.json';
  p = s.published(buri, 1);
  await s.open(buri, payload(10000));
  await p;
  await new Promise((r) => setTimeout(r, 300));
  const rssMb = rss();
  await s.stop();
  return { startToFirst, keystroke, hover, rssMb, rssBaseMb };
}

/**
 * Hover at the last entry of a 2 000- and a 20 000-entry body, as the server answers the first
 * hover of a version: the preview (device names, <disk> XML, default lab host) plus the hover.
 * The peer is the same body at a tenth of the size, in the same run: linear growth shows ~10x.
 */
function hoverRows(): Array<{ entries: number; hover: number[]; judge: number[] }> {
  const { previewOf, hoverJson, entryPreviewMarkdown, loadLabHost, EMBEDDED_LAB_HOSTS } = domain;
  const l = loadLabHost(EMBEDDED_LAB_HOSTS['default'], 'default');
  const lab = l.ok ? l.labHost : null;
  const rows: Array<{ entries: number; hover: number[]; judge: number[] }> = [];
  for (const n of [2000, 20000]) {
    const text = payload(n);
    const at = text.lastIndexOf('"source_type"') + 3;
    const hover: number[] = [];
    const judge: number[] = [];
    for (let i = 0; i < (QUICK ? 2 : n >= 20000 ? 3 : 7); i++) {
      let a: ReturnType<typeof analyzeJson> | undefined;
      judge.push(timeSync(() => (a = analyzeJson(text, ctx))));
      hover.push(timeSync(() => {
        const p = previewOf(a!, ctx, lab);
        hoverJson(a!, text, at, ctx, (e) => entryPreviewMarkdown(p, e));
      }));
    }
    rows.push({ entries: n, hover, judge });
    console.log(`hover at the last of ${n} entries: ${ms(median(hover))} ms (judging the body: ${ms(median(judge))} ms)`);
  }
  return rows;
}

async function moreHooks(): Promise<{ bfv: number[] | string; preview1000: number[] | string; completion1000: number[] | string }> {
  const { simulateBoot, loadLabHost, EMBEDDED_LAB_HOSTS, previewOf, previewDocument, completeJson } = domain;
  const n = QUICK ? 5 : 31;
  // boot from volume: 50 blank volumes created by Cinder, polled, attached
  const l = loadLabHost(EMBEDDED_LAB_HOSTS['default'], 'default');
  let bfv: number[] | string = 'lab host default not loadable';
  if (l.ok) {
    const bdms = Array.from({ length: 50 }, (_, i) => ({ entry: i, source_type: 'blank' as const, destination_type: 'volume' as const, guest_format: null, boot_index: i === 0 ? 0 : -1, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: null, no_device: false, delete_on_termination: true, volume_type: null, tag: null }));
    bfv = [];
    for (let i = 0; i < n; i++) bfv.push(timeSync(() => simulateBoot(l.labHost, bdms)));
  }
  const text = payload(1000);
  const preview1000: number[] = [];
  const completion1000: number[] = [];
  const a = analyzeJson(text, ctx);
  const at = text.indexOf('"boot_index": -1', text.length >> 1) + 14;
  for (let i = 0; i < n; i++) {
    preview1000.push(timeSync(() => previewDocument(previewOf(analyzeJson(text, ctx), ctx, null))));
    completion1000.push(timeSync(() => completeJson(a, text, at, ctx)));
  }
  return { bfv, preview1000, completion1000 };
}

async function hooks(): Promise<{ preview: number[] | string; attach: number[] | string }> {
  let preview: number[] | string = 'server/src/features/preview.ts previewOf not found';
  let attach: number[] | string = 'server/src/attach simulateAttach or lab host newton-emc-multipath not found';
  try {
    const mod = domain as unknown as Record<string, unknown>;
    const previewOf = mod.previewOf as ((a: unknown, c: Context, lab: null) => unknown) | undefined;
    const previewDocument = mod.previewDocument as ((p: unknown) => string) | undefined;
    if (previewOf && previewDocument) {
      const text = payload(50);
      const times: number[] = [];
      for (let i = 0; i < (QUICK ? 5 : 31); i++) times.push(timeSync(() => previewDocument(previewOf(analyzeJson(text, ctx), ctx, null))));
      preview = times;
    }
  } catch (e) {
    preview = `XML preview failed: ${(e as Error).message}`;
  }
  try {
    const mod = domain as unknown as Record<string, unknown>;
    const simulateAttach = mod.simulateAttach as ((lab: unknown, req: unknown) => unknown) | undefined;
    const loadLabHost = mod.loadLabHost as ((t: string, f: string) => { ok: boolean; labHost?: { instances: Array<{ uuid: string }>; volumes: Array<{ id: string }> } }) | undefined;
    const file = join(ROOT, 'labhosts', 'newton-emc-multipath.labhost.json');
    if (simulateAttach && loadLabHost && existsSync(file)) {
      const l = loadLabHost(readFileSync(file, 'utf8'), file);
      if (l.ok && l.labHost) {
        const lab = l.labHost;
        const req = { server_id: lab.instances[0].uuid, volumeAttachment: { volumeId: lab.volumes[0].id } };
        const times: number[] = [];
        for (let i = 0; i < (QUICK ? 5 : 31); i++) times.push(timeSync(() => simulateAttach(lab, req)));
        attach = times;
      }
    }
  } catch (e) {
    attach = `Simulate Attach failed: ${(e as Error).message}`;
  }
  return { preview, attach };
}

function goal(ok: boolean, text: string): string {
  return `${ok ? 'met' : '**missed**'} (${text})`;
}

async function main() {
  const rows = await validationRows();
  const lsp = await lspFigures();
  const h = await hooks();
  const m = await moreHooks();
  const hv = hoverRows();

  const cpu = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let nproc = String(cpus().length);
  try { nproc = execSync('nproc', { encoding: 'utf8' }).trim(); } catch { /* keep os.cpus */ }
  let load = '';
  try { load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '); } catch { /* n/a */ }

  const out: string[] = [];
  out.push('# bdm-lab benchmarks', '');
  out.push(`Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}. Machine: ${nproc} CPUs (nproc), ${cpu}; Node ${process.version}; load average at the end ${load || 'n/a'} (the machine is shared, so absolute figures move; the ratios are measured in the same run, interleaved).`, '');
  out.push('## Validation of a server-create body (median per run, one process)', '');
  out.push('Payload: `block_device_mapping_v2` with N entries (one image->volume root, the rest volume->volume, each with a device_name, so every one of them also gets libvirt\'s "device name ignored" note), pretty-printed. bdm-lab = `analyzeJson` as shipped (bundled by esbuild like dist/server.js): parse + Nova\'s schema + every rule layer + driver classes + libvirt notes, positions computed only for what is read. JSON service = `vscode-json-languageservice` `parseJSONDocument` + `doValidation` against Nova\'s strict 2.1 request schema (`server/src/generated/variants.cjs`).', '');
  out.push('| entries | bytes | bdm-lab ms | JSON.parse ms | JSON service ms | bdm-lab / JSON service | bdm-lab / JSON.parse |');
  out.push('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) out.push(`| ${r.entries} | ${r.bytes} | ${ms(r.ours)} | ${ms(r.parse)} | ${ms(r.service)} | ${(r.ours / r.service).toFixed(2)}× | ${(r.ours / r.parse).toFixed(1)}× |`);
  const big = rows[rows.length - 1];
  out.push('', `Goals at 10 000 entries: ≤ 0.25× the JSON service: ${goal(big.ours / big.service <= 0.25, `${(big.ours / big.service).toFixed(2)}×`)}; ≤ 5× JSON.parse: ${goal(big.ours / big.parse <= 5, `${(big.ours / big.parse).toFixed(1)}×`)}.`, '');
  out.push('## Language server (dist/server.js over stdio)', '');
  if (typeof lsp === 'string') out.push(`Not measured: ${lsp}.`, '');
  else {
    const ks = lsp.keystroke;
    out.push('| measure | median | p95 | goal |', '|---|---:|---:|---|');
    out.push(`| server start -> first diagnostics (spawn to publish, 3-entry body, ${lsp.startToFirst.length} starts) | ${ms(median(lsp.startToFirst))} ms | ${ms(pct(lsp.startToFirst, 95))} ms | < 300 ms: ${goal(median(lsp.startToFirst) < 300, 'median')} |`);
    out.push(`| keystroke -> published diagnostics, 50 entries, raw (didChange sent to publish received, ${ks.length} edits) | ${ms(median(ks))} ms | ${ms(pct(ks, 95))} ms | — |`);
    out.push(`| same minus the server's ${DEBOUNCE_MS} ms debounce | ${ms(median(ks) - DEBOUNCE_MS)} ms | ${ms(pct(ks, 95) - DEBOUNCE_MS)} ms | p95 < 50 ms: ${goal(pct(ks, 95) - DEBOUNCE_MS < 50, 'after the debounce')} |`);
    out.push(`| hover on a 1 000-entry body (${lsp.hover.length} requests) | ${ms(median(lsp.hover))} ms | ${ms(pct(lsp.hover, 95))} ms | — |`);
    out.push(`| server RSS after opening the 10 000-entry body | ${lsp.rssMb.toFixed(0)} MB | | (${lsp.rssBaseMb.toFixed(0)} MB before it, with the 50- and 1 000-entry bodies open) |`);
    out.push('', `The server debounces diagnostics by ${DEBOUNCE_MS} ms after a change, so the raw keystroke figure includes that wait; the second row subtracts it.`, '');
  }
  out.push('## Hooks', '');
  const hookRow = (name: string, v: number[] | string, goalMs?: number) => (typeof v === 'string' ? `| ${name} | not measured: ${v} | | |` : `| ${name} | ${ms(median(v))} ms | ${ms(pct(v, 95))} ms | ${goalMs ? `< ${goalMs} ms: ${goal(median(v) < goalMs, 'median')}` : '—'} |`);
  out.push('| measure | median | p95 | goal |', '|---|---:|---:|---|');
  out.push(hookRow('XML preview of a 50-entry accepted body (analyzeJson + previewOf + previewDocument, no lab host)', h.preview));
  out.push(hookRow('Simulate Attach, newton-emc-multipath (dead portal, multipath fallback)', h.attach, 20));
  out.push(hookRow('Simulate boot from volume, 50 blank volumes (Cinder create, polling, attach each)', m.bfv, 20));
  out.push(hookRow('XML preview of a 1 000-entry body (analyzeJson + previewOf + previewDocument)', m.preview1000));
  out.push(hookRow('completion at a boot_index value in a 1 000-entry body (analysis cached)', m.completion1000));
  out.push('', '## Hover on large bodies', '');
  out.push('The first hover of a document version at the last entry: the preview (device names, `<disk>` XML, lab host `default`) plus the hover text; later hovers of the same version reuse the preview. Judging the body (analyzeJson) alongside, for scale.', '');
  out.push('| entries | hover median | hover p95 | judging median |', '|---:|---:|---:|---:|');
  for (const r of hv) out.push(`| ${r.entries} | ${ms(median(r.hover))} ms | ${ms(pct(r.hover, 95))} ms | ${ms(median(r.judge))} ms |`);
  if (hv.length === 2) out.push('', `20 000 / 2 000 entries: hover ${(median(hv[1].hover) / median(hv[0].hover)).toFixed(1)}x (linear: ~10x).`);
  out.push('');
  const md = out.join('\n');
  writeFileSync(join(ROOT, 'bench', 'results.md'), md);
  console.log('\n' + md);
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
