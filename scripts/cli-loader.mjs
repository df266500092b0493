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
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUNDLE = 'cli-main.cjs';
export const CACHE = 'cli-main.cache';
// the bundle as a CommonJS module's function (written around it by finishCli)
const WRAP_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const WRAP_TAIL = '\n})';
const KEY_LINE = '//# bdm-lab-cache-key=';

const LOADER = `#!/usr/bin/env node
'use strict';
// The bdm-lab command: evaluates the bundle next to it (${BUNDLE}) with the V8 code cache the build
// made for it (${CACHE}), when it was made for this bundle and V8 accepts it; else the bundle is
// compiled as usual. Nothing is written here (scripts/cli-loader.mjs).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const vm = require('node:vm');
const BUNDLE = join(__dirname, ${JSON.stringify(BUNDLE)});
const KEY = /\\n\\/\\/# bdm-lab-cache-key=([0-9a-f]{64})\\n$/;

/**
 * The bundle's exports, what became of its code cache (accepted, rejected by V8, stale: made for
 * another bundle, or none) and the compiled script (the build makes the cache from it).
 */
function load() {
  // the bundle's one import of an ES module (libxml2, host/relaxng.ts) goes through this module's
  // import(): in a script evaluated from a code cache Node 20 loses the import callback
  globalThis[Symbol.for('bdm-lab.importModule')] = (spec) => import(spec);
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  let cache = 'none';
  try {
    const data = readFileSync(join(__dirname, ${JSON.stringify(CACHE)}));
    const key = KEY.exec(source.slice(-100));
    if (key && data.toString('latin1', 0, 65) === key[1] + '\\n') cachedData = data.subarray(65);
    else cache = 'stale';
  } catch {
    // no cache: compiled as usual
  }
  // (the build wrote the bundle as a module's function: no second copy of its text is made here)
  const script = new vm.Script(source, { filename: BUNDLE, cachedData });
  if (cachedData) cache = script.cachedDataRejected ? 'rejected' : 'accepted';
  const m = { exports: {} };
  script.runInThisContext().call(m.exports, m.exports, require, m, BUNDLE, __dirname);
  return { exports: m.exports, cache, script };
}

if (require.main === module) load().exports.runAsProcess();
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

/** Run in a fresh process by finishCli: evaluates the bundle in DIR, runs a check, writes the cache. */
async function produce(at) {
  const dir = resolve(at);
  const source = readFileSync(join(dir, BUNDLE), 'utf8');
  const key = source.slice(source.lastIndexOf(KEY_LINE) + KEY_LINE.length).trim();
  // compiled and run exactly as the command does: through the loader itself
  const { exports, script } = createRequire(import.meta.url)(join(dir, 'cli.js')).load();
  const bodies = sampleBodies();
  let out = '';
  const io = { stdout: (s) => { out += s; }, stderr: () => {}, readFile: (p) => bodies[basename(p)], cwd: '/' };
  const code = await exports.main(['check', '--format', 'json', ...Object.keys(bodies)], io);
  // exit status 1: the refused body; anything else means the check did not run as meant
  if (code !== 1 || JSON.parse(out).files.length !== 2) throw new Error(`cli-loader: the sample check ended with ${code}`);
  writeFileSync(join(dir, CACHE), Buffer.concat([Buffer.from(`${key}\n`, 'latin1'), script.createCachedData()]));
}

/**
 * After the CLI bundle is built as DIR/cli-main.cjs: its key line, the loader DIR/cli.js, and the
 * code cache DIR/cli-main.cache (made in a child process: V8 accepts a cache only under the flags
 * it was made with, and the command starts with V8's defaults).
 */
export function finishCli(dir) {
  const file = join(dir, BUNDLE);
  // the bundle as the CommonJS module function the loader calls, written so (the loader then
  // compiles the file's text as it is: a concatenation there was one more copy of 800 KB)
  const source = `${WRAP_HEAD}${readFileSync(file, 'utf8')}${WRAP_TAIL}\n`;
  const key = createHash('sha256').update(source).digest('hex');
  writeFileSync(file, `${source}${KEY_LINE}${key}\n`);
  writeFileSync(join(dir, 'cli.js'), LOADER);
  chmodSync(join(dir, 'cli.js'), 0o755);
  // the previous build's cache goes first: the producer compiles the bundle afresh
  rmSync(join(dir, CACHE), { force: true });
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), 'produce', dir], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } });
}

// (no top-level await: bench/run.ts imports this module through tsx as CommonJS)
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'produce') {
  produce(process.argv[3]).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
