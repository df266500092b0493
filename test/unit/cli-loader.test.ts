/**
 * The built command (scripts/cli-loader.mjs): dist/cli.js evaluates the CLI bundle with the V8
 * code cache made at build time, only when the cache was made for that bundle and V8 takes it,
 * and answers the same with it, without it and with a stale one. It never writes a file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist');
const dir = mkdtempSync(join(tmpdir(), 'bdm-cli-loader-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** A copy of the built command (the loader, the bundle, its cache and what it loads next to it). */
function copyOfDist(name: string): string {
  if (!existsSync(join(DIST, 'cli-main.cache'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const to = join(dir, name);
  for (const f of ['cli.js', 'cli-main.cjs', 'cli-main.cache', 'lazy', 'libvirt-schemas']) if (existsSync(join(DIST, f))) cpSync(join(DIST, f), join(to, f), { recursive: true });
  return to;
}

/** A fresh process with V8's default flags (no NODE_OPTIONS, no tsx): what became of the cache. */
function cacheState(at: string): string {
  return execFileSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(join(at, 'cli.js'))}).load().cache)`], { env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8', timeout: 60_000 });
}

function check(at: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    // the watchdog: a hang is killed and fails the comparisons
    execFile(process.execPath, [join(at, 'cli.js'), 'check', ...args], { cwd: ROOT, timeout: 90_000, maxBuffer: 64 << 20, env: { ...process.env, NODE_OPTIONS: '' } }, (e, out, err) => {
      done({ code: e ? ((e as { code?: number }).code ?? null) : 0, out, err });
    });
  });
}

const FILES = [['--format', 'json', 'samples/workspace/broken.bdm.json'], ['--format', 'sarif', 'samples/workspace/broken.bdm.json'], ['samples/workspace/libvirt/broken-iscsi-disk.xml']];

test('dist/cli.js: the code cache is taken when made for the bundle, refused when stale; the answers are the same either way', { timeout: 300_000 }, async () => {
  const cached = copyOfDist('cached');
  const none = copyOfDist('none');
  unlinkSync(join(none, 'cli-main.cache'));
  // the bundle changed after the cache was made (its key line no longer matches the cache's)
  const stale = copyOfDist('stale');
  appendFileSync(join(stale, 'cli-main.cjs'), '//# bdm-lab-cache-key=' + '0'.repeat(64) + '\n');
  assert.equal(cacheState(cached), 'accepted');
  assert.equal(cacheState(none), 'none');
  assert.equal(cacheState(stale), 'stale');
  const before = readdirSync(cached).sort();
  for (const args of FILES) {
    const [a, b, c] = await Promise.all([check(cached, args), check(none, args), check(stale, args)]);
    assert.equal(a.code, 1, a.err);
    assert.deepEqual(b, a, `without a cache: ${args.join(' ')}`);
    assert.deepEqual(c, a, `with a stale cache: ${args.join(' ')}`);
  }
  // libvirt's schema was checked in-process (the engine is an ES module the loader imports for the bundle)
  const xml = await check(cached, FILES[2]!);
  assert.match(xml.out, /LIBVIRT-SCHEMA: .*libxml2: /);
  assert.deepEqual(readdirSync(cached).sort(), before, 'the command wrote nothing next to itself');
});
