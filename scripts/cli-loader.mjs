// The built `bdm-lab` command (dist/cli.js) is a small loader: it evaluates the CLI bundle next to
// it (cli-main.cjs) with the V8 code cache the build made for it (cli-main.cache). Compiling the
// half-megabyte bundle is most of a short check's start-up; with the cache V8 reads the bytecode of
// the top level and of the functions a first check runs instead (measured on `check --format
// json`, CPU of the process, medians of interleaved runs: a 1-entry body 182 -> 160 ms, 10 000
// entries 437 -> 426 ms). The cache is made here, at build time, and shipped in dist/; nothing
// is ever written where the command runs. It is used only when it was made for this very bundle
// (a key both carry: the bundle's SHA-256) and V8 accepts it (the same V8 and flags); otherwise
// the bundle is compiled as usual. Used by scripts/build.mjs and bench/run.ts (the bench measures
// what ships).
//   node scripts/cli-loader.mjs produce DIR   (the build's child: a fresh process, V8's default flags)
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAZY_LIBVIRTXML } from './lazy-sources.mjs';

export const BUNDLE = 'cli-main.cjs';
export const CACHE = 'cli-main.cache';
// the language server the same way: dist/server.js is its loader, server-main.cjs its bundle
export const SERVER_BUNDLE = 'server-main.cjs';
export const SERVER_CACHE = 'server-main.cache';
// the bundle as a CommonJS module's function (written around it by finishCli)
const WRAP_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const WRAP_TAIL = '\n})';
const KEY_LINE = '//# bdm-lab-cache-key=';
// a chunk of lazy/ the sample check loads gets a code cache too (lazy/NAME.cache next to
// lazy/NAME.cjs; the key line at the end of the chunk ties them): Nova's schema validator, read
// by every check of a body (measured on `check --format json`, CPU of the process: the validator's
// load and first run 4.0 -> 2.1 ms)
const CHUNK_CACHE = (file) => file.replace(/\.cjs$/, '.cache');

/**
 * A loader's text: it evaluates `bundle` next to it with the code cache `cache`, then `start`
 * (the bundle's exports are in `exports`). `chunks`: the lazy chunks are compiled with their own
 * caches (the CLI's: they are made under its engine settings, which the server does not share).
 */
const loaderText = ({ what, bundle, cache, chunks: withChunks, start }) => `${what === 'command' ? '#!/usr/bin/env node\n' : ''}'use strict';
// The bdm-lab ${what}: evaluates the bundle next to it (${bundle}) with the V8 code cache the build
// made for it (${cache}), when it was made for this bundle and V8 accepts it; else the bundle is
// compiled as usual. Nothing is written here (scripts/cli-loader.mjs).
const { readFileSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');
const BUNDLE = join(__dirname, ${JSON.stringify(bundle)});
const CHUNK_CACHES = ${withChunks};
const KEY = /\\n\\/\\/# bdm-lab-cache-key=([0-9a-f]{64})\\n$/;
const CHUNK = /^\\.\\/lazy\\/[\\w-]+\\.cjs$/;
/** set by the build: every chunk of lazy/ is compiled here, and kept (chunks), for its cache to be made */
let producing = false;
const chunks = [];
/** what became of each chunk's code cache, by file name in lazy/: accepted, rejected (by V8), stale (made for another chunk), none */
const chunkCaches = {};

/**
 * The code cache made for a script's text (the key line at its end): the file holds that key, then
 * V8's data. state: 'none' (no file), 'stale' (made for another text), else 'found' (then
 * accepted or rejected once V8 compiles with it).
 */
function cacheOf(source, cacheFile) {
  let data;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return { cachedData: undefined, state: 'none' };
  }
  const key = KEY.exec(source.slice(-100));
  if (key && data.toString('latin1', 0, 65) === key[1] + '\\n') return { cachedData: data.subarray(65), state: 'found' };
  return { cachedData: undefined, state: 'stale' };
}

/**
 * The bundle's require. A chunk of lazy/ with a code cache made for it (lazy/NAME.cache whose key
 * is the chunk's key line) is compiled with that cache, as the bundle is, and registered as the
 * module it is (require.cache); V8 compiles it as usual when it refuses the cache (other flags: a
 * text of over 4 MB runs with the optimizing compiler). Anything else is required as usual.
 */
function bundleRequire(spec) {
  if (CHUNK_CACHES && typeof spec === 'string' && CHUNK.test(spec)) {
    const file = join(__dirname, spec);
    const known = require.cache[file];
    if (known) return known.exports;
    const m = loadChunk(file);
    if (m) return m.exports;
  }
  return require(spec);
}

/** a chunk compiled with its code cache as a CommonJS module; undefined when it has none made for it (then required as usual) */
function loadChunk(file) {
  const name = basename(file);
  const source = readFileSync(file, 'utf8');
  const { cachedData, state } = cacheOf(source, file.slice(0, -4) + '.cache');
  chunkCaches[name] = state;
  if (!cachedData && !producing) return undefined;
  const script = new vm.Script(${JSON.stringify(WRAP_HEAD)} + source + ${JSON.stringify(WRAP_TAIL)}, { filename: file, cachedData });
  if (cachedData) chunkCaches[name] = script.cachedDataRejected ? 'rejected' : 'accepted';
  const mod = new Module(file, module);
  mod.filename = file;
  require.cache[file] = mod;
  try {
    script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
  } catch (e) {
    delete require.cache[file];
    throw e;
  }
  mod.loaded = true;
  if (producing) {
    const key = KEY.exec(source.slice(-100));
    chunks.push({ file, script, key: key && key[1] });
  }
  return mod;
}

/**
 * The bundle's exports, what became of its code cache (accepted, rejected by V8, stale: made for
 * another bundle, or none) and the compiled script (the build makes the cache from it).
 */
function load(options) {
  producing = !!(options && options.produceChunks);
  // the bundle's one import of an ES module (libxml2, host/relaxng.ts) goes through this module's
  // import(): in a script evaluated from a code cache Node 20 loses the import callback
  globalThis[Symbol.for('bdm-lab.importModule')] = (spec) => import(spec);
  const source = readFileSync(BUNDLE, 'utf8');
  const { cachedData, state } = cacheOf(source, join(__dirname, ${JSON.stringify(cache)}));
  let cache = state;
  // (the build wrote the bundle as a module's function: no second copy of its text is made here)
  const script = new vm.Script(source, { filename: BUNDLE, cachedData });
  if (cachedData) cache = script.cachedDataRejected ? 'rejected' : 'accepted';
  const m = { exports: {} };
  script.runInThisContext().call(m.exports, m.exports, bundleRequire, m, BUNDLE, __dirname);
  return { exports: m.exports, cache, script, chunks, chunkCaches };
}

if (require.main === module) load().exports.${start};
else module.exports = { load };
`;

/** Two small bodies, one Nova takes and one it refuses: the functions a first check runs go into the cache. */
function sampleBodies() {
  const entry = (i, bootIndex) => ({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: bootIndex, device_name: `/dev/vd${'bcdefgh'[i]}` });
  const body = (entries) => JSON.stringify({ server: { name: 'cache', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2) + '\n';
  const root = { source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 10, boot_index: 0, delete_on_termination: true };
  return {
    'valid.json': body([root, entry(1, -1), entry(2, -1)]),
    'refused.json': body([root, entry(1, 'first'), entry(2, -1)]),
  };
}

/**
 * A libvirt domain for the command's sample check (not the server's): a file disk as Nova writes
 * one, a block disk written with file= and a SCSI name on virtio. Its check loads libvirt's XML
 * chunk (lazy/libvirtxml.cjs, 400 KB), whose code cache then comes from the functions it ran.
 */
const SAMPLE_DOMAIN = ['<domain type="kvm">', '  <name>cache</name>', '  <memory unit="MiB">512</memory>', '  <vcpu>1</vcpu>', '  <os>', '    <type arch="x86_64" machine="pc">hvm</type>', '  </os>', '  <devices>',
  '    <disk type="file" device="disk">', '      <driver name="qemu" type="qcow2" cache="none"/>', '      <source file="/var/lib/nova/instances/cache/disk"/>', '      <target dev="vda" bus="virtio"/>', '    </disk>',
  '    <disk type="block" device="disk">', '      <driver name="qemu" type="raw" cache="writeback" io="native"/>', '      <source file="/dev/sdb"/>', '      <target dev="sdb" bus="virtio"/>', '      <serial>0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01</serial>', '    </disk>',
  '  </devices>', '</domain>', ''].join('\n');

/**
 * Run in a fresh process by finishCli: evaluates the bundle in DIR, runs a check, writes the cache.
 * `chunks`: writes instead the caches of the chunks of lazy/ the check loads, made under the
 * engine settings the command has when it loads them (the check's own, tuneForInput: V8 takes a
 * cache only under the flags it was made with).
 */
async function produce(at, chunks) {
  const dir = resolve(at);
  const key = bundleKey(join(dir, BUNDLE));
  // compiled and run exactly as the command does: through the loader itself
  const loaded = createRequire(import.meta.url)(join(dir, 'cli.js')).load({ produceChunks: chunks });
  const { exports, script } = loaded;
  // the domain too when the build has libvirt's XML chunk (a build of the CLI alone, as a test makes, has not)
  const withXml = existsSync(join(dir, 'lazy', LAZY_LIBVIRTXML.out));
  const bodies = withXml ? { ...sampleBodies(), 'domain.xml': SAMPLE_DOMAIN } : sampleBodies();
  let out = '';
  const io = { stdout: (s) => { out += s; }, stderr: () => {}, readFile: (p) => bodies[basename(p)], cwd: '/' };
  if (chunks) {
    exports.tuneProcess();
    io.beforeJudge = exports.tuneForInput;
  }
  // (libvirt's schema is not checked: the build's sample needs no libxml2 and runs no program)
  const code = await exports.main(['check', '--format', 'json', '--no-libvirt-schema', ...Object.keys(bodies)], io);
  // exit status 1: the refused body and the domain; anything else means the check did not run as meant
  const files = code === 1 ? JSON.parse(out).files : [];
  // (and every rule ran: no finding says one could not)
  if (files.length !== Object.keys(bodies).length || /-INTERNAL"/.test(out) || (withXml && !files.some((f) => f.file === 'domain.xml' && f.diagnostics.length > 0))) throw new Error(`cli-loader: the sample check ended with ${code}`);
  if (!chunks) {
    writeCache(join(dir, CACHE), key, script);
    return;
  }
  for (const c of loaded.chunks) {
    if (c.key) writeCache(CHUNK_CACHE(c.file), c.key, c.script);
  }
}

/** a code cache file as the loader reads it (cacheOf): the key of the text it was made for, a line break, V8's data */
function writeCache(file, key, script) {
  writeFileSync(file, Buffer.concat([Buffer.from(`${key}\n`, 'latin1'), script.createCachedData()]));
}

/** The key line at the end of each chunk of DIR/lazy/ (a chunk's cache is taken only with the chunk it was made for); the chunks' old caches go. */
function keyChunks(dir) {
  const lazy = join(dir, 'lazy');
  if (!existsSync(lazy)) return;
  for (const f of readdirSync(lazy)) {
    const file = join(lazy, f);
    if (f.endsWith('.cache')) rmSync(file, { force: true });
    if (!f.endsWith('.cjs')) continue;
    let text = readFileSync(file, 'utf8');
    const at = text.lastIndexOf(`\n${KEY_LINE}`);
    if (at >= 0 && text.length - at <= 100) text = text.slice(0, at + 1);
    const body = text.endsWith('\n') ? text : `${text}\n`;
    writeFileSync(file, `${body}${KEY_LINE}${createHash('sha256').update(body).digest('hex')}\n`);
  }
}

/**
 * A built bundle rewritten as the CommonJS module function its loader calls, then its key line
 * (the SHA-256 of what comes before it, which a code cache must carry to be taken). Written so,
 * the loader compiles the file's text as it is: a concatenation there was one more copy of 800 KB.
 */
function wrapBundle(file) {
  const source = `${WRAP_HEAD}${readFileSync(file, 'utf8')}${WRAP_TAIL}\n`;
  writeFileSync(file, `${source}${KEY_LINE}${createHash('sha256').update(source).digest('hex')}\n`);
}

/** The key line's key of a bundle wrapBundle wrote (what its code cache is made for). */
function bundleKey(file) {
  const source = readFileSync(file, 'utf8');
  return source.slice(source.lastIndexOf(KEY_LINE) + KEY_LINE.length).trim();
}

/**
 * After the CLI bundle is built as DIR/cli-main.cjs: its key line, the loader DIR/cli.js, and the
 * code cache DIR/cli-main.cache (made in a child process: V8 accepts a cache only under the flags
 * it was made with, and the command starts with V8's defaults).
 */
export function finishCli(dir) {
  wrapBundle(join(dir, BUNDLE));
  writeFileSync(join(dir, 'cli.js'), loaderText({ what: 'command', bundle: BUNDLE, cache: CACHE, chunks: true, start: 'runAsProcess()' }));
  chmodSync(join(dir, 'cli.js'), 0o755);
  // the previous build's caches go first: the producer compiles the bundle afresh
  rmSync(join(dir, CACHE), { force: true });
  keyChunks(dir);
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), 'produce', dir], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } });
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), 'produce-chunks', dir], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } });
}

/**
 * After the server bundle is built as DIR/server-main.cjs: its key line, the loader DIR/server.js
 * (what the client starts), and the code cache DIR/server-main.cache, made in a child process that
 * runs the server through the loader as a client starts it: initialize, then a first check of the
 * sample bodies and a hover (measured by npm run bench: spawn → first diagnostics, CPU of the
 * server process). The server's lazy chunks are compiled as usual (their caches are the CLI's,
 * made under its engine settings).
 */
export function finishServer(dir) {
  wrapBundle(join(dir, SERVER_BUNDLE));
  writeFileSync(join(dir, 'server.js'), loaderText({ what: 'language server', bundle: SERVER_BUNDLE, cache: SERVER_CACHE, chunks: false, start: 'main()' }));
  rmSync(join(dir, SERVER_CACHE), { force: true });
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), 'produce-server', dir], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 120_000 });
}

/** Run in a fresh process by finishServer: the server through its loader over in-memory streams, a first check, then its cache. */
async function produceServer(at) {
  const dir = resolve(at);
  const key = bundleKey(join(dir, SERVER_BUNDLE));
  const req = createRequire(import.meta.url);
  const { PassThrough } = req('node:stream');
  const rpc = req('vscode-jsonrpc/node');
  const loaded = req(join(dir, 'server.js')).load();
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  loaded.exports.main({ input: toServer, output: fromServer });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(fromServer), new rpc.StreamMessageWriter(toServer));
  const published = new Map();
  let arrived = () => {};
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    published.set(p.uri, p.diagnostics.length);
    arrived();
  });
  // the client's side of the server's requests: default settings, capabilities taken
  conn.onRequest((method, params) => (method === 'workspace/configuration' ? params.items.map(() => ({})) : null));
  conn.onNotification(() => {});
  conn.listen();
  await conn.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } } });
  await conn.sendNotification('initialized', {});
  const bodies = sampleBodies();
  const uris = Object.keys(bodies).map((_, i) => `untitled:Untitled-${i + 1}`);
  Object.values(bodies).forEach((text, i) => conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uris[i], languageId: 'json', version: 1, text } }));
  const watchdog = setTimeout(() => {
    console.error('cli-loader: the server published no diagnostics for the sample bodies in 60 s');
    process.exit(1);
  }, 60_000);
  await new Promise((done) => {
    arrived = () => { if (uris.every((u) => published.has(u))) done(); };
    arrived();
  });
  clearTimeout(watchdog);
  // the refused body has its finding; anything else means the check did not run as meant
  if (!(published.get(uris[1]) > 0)) throw new Error('cli-loader: the server found nothing in the refused sample body');
  await conn.sendRequest('textDocument/hover', { textDocument: { uri: uris[0] }, position: { line: 3, character: 8 } });
  writeCache(join(dir, SERVER_CACHE), key, loaded.script);
  process.exit(0);
}

// (no top-level await: bench/run.ts imports this module through tsx as CommonJS)
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'produce-server') {
  produceServer(process.argv[3]).catch((e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  });
}
if (process.argv[1] === fileURLToPath(import.meta.url) && (process.argv[2] === 'produce' || process.argv[2] === 'produce-chunks')) {
  produce(process.argv[3], process.argv[2] === 'produce-chunks').catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
