/**
 * The built command loads each lazy bundle (scripts/lazy-sources.mjs) only when its work comes:
 * checking a JSON body loads no source, no libvirt XML and no simulator; an XML document loads
 * libvirt's XML bundle; `bdm-lab attach` loads the simulator (dist/lazy/simulator.cjs), and the input
 * errors the simulator throws (its own bundle's AttachInputError) are still the CLI's clean
 * exit 2, never a stack.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'bdm-lazy-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
// preloaded into the command: at exit, the files of dist/lazy/ the process required
const HOOK = join(dir, 'hook.cjs');
writeFileSync(HOOK, "process.on('exit', () => process.stderr.write('\\n@@lazy ' + JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('/lazy/')).map((f) => f.split('/lazy/')[1]).sort()) + '\\n'));\n");

function run(args: string[]): Promise<{ code: number | null; out: string; err: string; lazy: string[] }> {
  if (!existsSync(CLI)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  return new Promise((done) => {
    // the watchdog: a hang is killed and fails the comparisons
    execFile(process.execPath, ['-r', HOOK, CLI, ...args], { cwd: ROOT, timeout: 90_000, maxBuffer: 16 << 20, env: { ...process.env, NODE_OPTIONS: '' } }, (e, out, err) => {
      const m = /\n@@lazy (.*)\n/.exec(err);
      done({ code: e ? ((e as { code?: number }).code ?? null) : 0, out, err: err.replace(/\n@@lazy .*\n/, ''), lazy: m ? (JSON.parse(m[1]!) as string[]) : ['(no report)'] });
    });
  });
}

test('bdm-lab check of a JSON body loads no source, no libvirt XML and no simulator bundle', { timeout: 120_000 }, async () => {
  const r = await run(['check', '--format', 'json', 'samples/workspace/broken.bdm.json']);
  assert.equal(r.code, 1, r.err);
  assert.ok(JSON.parse(r.out), 'the JSON report');
  assert.deepEqual(r.lazy.filter((f) => !f.endsWith('.cjs') || f.startsWith('source-') || f === 'libvirtxml.cjs' || f === 'simulator.cjs'), [], r.lazy.join(' '));
});

test('bdm-lab check of libvirt XML loads libvirt\'s XML bundle and not the simulator', { timeout: 120_000 }, async () => {
  const r = await run(['check', '--no-libvirt-schema', 'samples/workspace/libvirt/broken-iscsi-disk.xml']);
  assert.equal(r.code, 1, r.err);
  assert.ok(r.lazy.includes('libvirtxml.cjs'), r.lazy.join(' '));
  assert.ok(!r.lazy.includes('simulator.cjs'), r.lazy.join(' '));
});

test('bdm-lab attach loads the simulator bundle and answers from it', { timeout: 120_000 }, async () => {
  const r = await run(['attach', '--lab', 'default', 'samples/workspace/attach.json']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^attach: ATTACHED/);
  assert.ok(r.lazy.includes('simulator.cjs'), r.lazy.join(' '));
});

test('an input error thrown inside the simulator bundle is the CLI\'s exit 2 with its message', { timeout: 120_000 }, async () => {
  const r = await run(['attach', '--lab', 'default', '--instance', 'no-such-instance', 'samples/workspace/attach.json']);
  assert.equal(r.code, 2, r.out + r.err);
  assert.match(r.err, /^bdm-lab attach: --instance no-such-instance: not on lab host "default"/);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack');
  assert.ok(r.lazy.includes('simulator.cjs'), r.lazy.join(' '));
});
