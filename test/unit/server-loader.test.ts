/**
 * The built language server (scripts/cli-loader.mjs finishServer): dist/server.js, what the client
 * starts, evaluates the server bundle with the V8 code cache made at build time, only when the
 * cache was made for that bundle and V8 takes it. Over stdio the server publishes the same
 * diagnostics with the cache, without it and with a stale one, and writes no file next to itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist');
const dir = mkdtempSync(join(tmpdir(), 'bdm-server-loader-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const rpc = createRequire(join(ROOT, 'package.json'))('vscode-jsonrpc/node') as typeof import('vscode-jsonrpc/node');

/** A copy of the built server (the loader, the bundle, its cache, and what it loads next to it). */
function copyOfDist(name: string): string {
  if (!existsSync(join(DIST, 'server-main.cache'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const to = join(dir, name);
  for (const f of ['server.js', 'server-main.cjs', 'server-main.cache', 'worker.js', 'lazy', 'schemas', 'libvirt-schemas']) if (existsSync(join(DIST, f))) cpSync(join(DIST, f), join(to, f), { recursive: true });
  return to;
}

/** A fresh process with V8's default flags (no NODE_OPTIONS, no tsx): what became of the cache. */
function cacheState(at: string): string {
  return execFileSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(join(at, 'server.js'))}).load().cache)`], { env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8', timeout: 60_000 });
}

const BODY = readFileSync(join(ROOT, 'samples', 'workspace', 'broken.bdm.json'), 'utf8');

/** The diagnostics the server at `at`, started over stdio as a client starts it, publishes for the sample body (a watchdog of 60 s). */
async function diagnosticsOf(at: string): Promise<unknown> {
  const child = spawn(process.execPath, [join(at, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  try {
    const published = new Promise<{ diagnostics: unknown[] }>((done, fail) => {
      const t = setTimeout(() => fail(new Error(`no diagnostics from ${at} in 60 s`)), 60_000);
      conn.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: unknown[] }) => {
        clearTimeout(t);
        done(p);
      });
    });
    conn.onRequest((method: string, params: unknown) => (method === 'workspace/configuration' ? ((params as { items?: unknown[] }).items ?? []).map(() => ({})) : null));
    conn.listen();
    await conn.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'json', version: 1, text: BODY } });
    return (await published).diagnostics;
  } finally {
    conn.dispose();
    child.kill();
  }
}

test('dist/server.js: the code cache is taken when made for the bundle, refused when stale; the diagnostics are the same either way', { timeout: 300_000 }, async () => {
  const cached = copyOfDist('cached');
  const none = copyOfDist('none');
  unlinkSync(join(none, 'server-main.cache'));
  // the bundle changed after the cache was made (its key line no longer matches the cache's)
  const stale = copyOfDist('stale');
  appendFileSync(join(stale, 'server-main.cjs'), '//# bdm-lab-cache-key=' + '0'.repeat(64) + '\n');
  assert.equal(cacheState(cached), 'accepted');
  assert.equal(cacheState(none), 'none');
  assert.equal(cacheState(stale), 'stale');
  const before = readdirSync(cached).sort();
  const [a, b, c] = await Promise.all([diagnosticsOf(cached), diagnosticsOf(none), diagnosticsOf(stale)]);
  assert.ok(Array.isArray(a) && a.length > 0, 'the broken sample body has findings');
  assert.deepEqual(b, a, 'without a cache');
  assert.deepEqual(c, a, 'with a stale cache');
  assert.deepEqual(readdirSync(cached).sort(), before, 'the server wrote nothing next to itself');
});

test('the VSIX keeps the server bundle\'s code cache (.vscodeignore)', () => {
  assert.ok(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!dist/server-main.cache'));
});
