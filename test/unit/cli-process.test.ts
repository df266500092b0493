/**
 * The CLI as a process (its source, run by tsx): what it does at the edges of the process that an
 * in-process test of main() does not see.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'server', 'src', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'bdm-cli-process-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** A body whose JSON report is far larger than a pipe's buffer (64 KiB on Linux). */
function bigBody(n: number): string {
  const entries = Array.from({ length: n }, (_, i) => ({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: i === 0 ? 0 : -1, device_name: `/dev/vd${i}` }));
  return JSON.stringify({ server: { name: 'big', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2);
}

test('a reader that goes away (`bdm-lab check --format json big.json | head -c 100`): the CLI ends quietly, by SIGPIPE as POSIX tools do', { timeout: 120_000 }, async () => {
  const file = join(dir, 'big.json');
  writeFileSync(file, bigBody(3000));
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'check', '--format', 'json', '--max-problems', '100000', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  // the watchdog: a hang fails the test instead of stalling the run
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 90_000);
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => { err += s; });
  let got = 0;
  child.stdout.on('data', (b: Buffer) => {
    got += b.length;
    // like `head -c 100`: the first bytes, then the read end is closed
    if (got >= 100) child.stdout.destroy();
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (c, s) => done([c, s])));
  clearTimeout(watchdog);
  assert.ok(got >= 100, 'the report started');
  assert.ok(signal === 'SIGPIPE' || code === 141, `ended by SIGPIPE (or status 141), got code ${code}, signal ${signal}`);
  assert.equal(err, '', 'nothing on stderr: no stack trace, no unhandled error');
});

test('the process tunes V8 to what it judges: TurboFan off for a few MB, on again past INTERPRETED_UP_TO', { timeout: 120_000 }, async () => {
  // a child of its own (natives syntax to ask V8); the flags never reach this test process
  const script = join(dir, 'opt.cjs');
  writeFileSync(script, [
    `const { tuneForInput } = require(${JSON.stringify(join(ROOT, 'server', 'src', 'cli', 'io.ts'))});`,
    'const optimized = (f) => { f(1); f(2); %PrepareFunctionForOptimization(f); f(3); %OptimizeFunctionOnNextCall(f); f(4); return (%GetOptimizationStatus(f) & 16) !== 0; };',
    'const out = [optimized(function a(x) { return x * 2; })];',
    'tuneForInput(2 * 1024 * 1024); out.push(optimized(function b(x) { return x * 2; }));',
    'tuneForInput(1024); out.push(optimized(function c(x) { return x * 2; }));',
    'tuneForInput(3 * 1024 * 1024); out.push(optimized(function d(x) { return x * 2; }));',
    'process.stdout.write(JSON.stringify(out));',
  ].join('\n'));
  const child = spawn(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 90_000);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { out += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { err += s; });
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  clearTimeout(watchdog);
  assert.equal(code, 0, err);
  // before: optimized; 2 MB then 1 KB judged: not; past 4 MB in all: optimized again
  assert.deepEqual(JSON.parse(out), [true, false, false, true]);
});

test('libvirt XML: the in-process schema check needs no program; --xmllint loads the host that runs one and agrees', { timeout: 120_000 }, async () => {
  const { cliRunner } = await import('./cli-run');
  const run = cliRunner({});
  const file = 'samples/workspace/libvirt/instance-iscsi-rbd.xml';
  const plain = await run(['check', '--format', 'json', file]);
  const second = await run(['check', '--format', 'json', '--xmllint', file]);
  assert.equal(plain.code, 0, plain.err);
  assert.equal(second.code, 0, second.err);
  // the two agree here, so the second opinion adds nothing
  assert.equal(second.out, plain.out);
});
