/**
 * The Node host (server/src/host/): the one program runner (argument list, no shell, explicit
 * environment, timeout, output cap, one result shape), private temporary directories, path facts
 * and hashes; and a missing hashes port is an error, never a different value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../../server/src/host';
import type { Hashes } from '../../server/src/ports';
import { defaultConnectionInfo, hexDigest, nfsMountPoint } from '../../server/src/libvirt/connectionInfo';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';
import { previewOf } from '../../server/src/features/preview';
import { simulateAttach } from '../../server/src/attach';
import { lab } from '../fixtures/attach/helpers';

const host = nodeHost();
/** Generous: a busy machine may be slow to start a process, but nothing here may hang. */
const WATCHDOG = { timeout: 60_000 };
const NODE = process.execPath;
const env = { PATH: host.searchPath, LANG: 'C' };
const opts = { timeoutMs: 30_000, maxOutputBytes: 1 << 20, env };

test('a program that exits 0: its output, no error', WATCHDOG, async () => {
  const r = await host.run(NODE, ['-e', 'process.stdout.write("out"); process.stderr.write("err")'], opts);
  assert.deepEqual(r, { exitCode: 0, signal: null, stdout: 'out', stderr: 'err', timedOut: false, error: null });
});

test('a non-zero exit: the status, stderr, error EXIT', WATCHDOG, async () => {
  const r = await host.run(NODE, ['-e', 'process.stderr.write("bad"); process.exit(3)'], opts);
  assert.equal(r.exitCode, 3);
  assert.equal(r.stderr, 'bad');
  assert.equal(r.timedOut, false);
  assert.equal(r.error?.code, 'EXIT');
});

test('a missing program: error ENOENT, no status', WATCHDOG, async () => {
  const r = await host.run('bdm-lab-no-such-program-4711', ['x'], opts);
  assert.equal(r.exitCode, null);
  assert.equal(r.error?.code, 'ENOENT');
  assert.equal(r.timedOut, false);
});

test('a program past its timeout is killed: timedOut, SIGTERM, error TIMEOUT', WATCHDOG, async () => {
  const r = await host.run(NODE, ['-e', 'setTimeout(() => {}, 60000)'], { ...opts, timeoutMs: 300 });
  assert.equal(r.timedOut, true);
  assert.equal(r.exitCode, null);
  assert.equal(r.signal, 'SIGTERM');
  assert.equal(r.error?.code, 'TIMEOUT');
});

test('output over the cap stops the program: error OUTPUT_LIMIT, not a timeout', WATCHDOG, async () => {
  const r = await host.run(NODE, ['-e', 'process.stdout.write("x".repeat(200000)); setTimeout(() => {}, 60000)'], { ...opts, maxOutputBytes: 1000 });
  assert.equal(r.error?.code, 'OUTPUT_LIMIT');
  assert.equal(r.timedOut, false);
  assert.ok(r.stdout.length <= 200000);
});

test('arguments reach the program as they are (no shell), with exactly the environment given', WATCHDOG, async () => {
  const args = ['$(id)', '; rm -rf x', '`y`', 'a b', '*'];
  const r = await host.run(NODE, ['-e', 'process.stdout.write(JSON.stringify({ argv: process.argv.slice(1), env: process.env }))', ...args], { ...opts, env: { PATH: '/usr/bin:/bin', LANG: 'C', BDM_LAB_X: '1' } });
  assert.equal(r.error, null, r.stderr);
  const seen = JSON.parse(r.stdout) as { argv: string[]; env: Record<string, string> };
  assert.deepEqual(seen.argv, args);
  assert.deepEqual(Object.keys(seen.env).sort(), ['BDM_LAB_X', 'LANG', 'PATH']);
  assert.equal(seen.env.LANG, 'C');
  // 'inherit' is the explicit way to hand over the process's own environment
  const inherited = await host.run(NODE, ['-e', 'process.stdout.write(process.env.PATH ?? "")'], { ...opts, env: 'inherit' });
  assert.equal(inherited.stdout, process.env.PATH ?? '');
});

test('temporary directories: private, files 0600, removed after use even when it throws', WATCHDOG, async () => {
  let dir = '';
  let file = '';
  const got = await host.temp.withDir('bdm-lab-host-test-', async (d) => {
    dir = d.path;
    file = await d.write('a.xml', '<x/>');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(file, join(dir, 'a.xml'));
    return 42;
  });
  assert.equal(got, 42);
  assert.ok(/bdm-lab-host-test-/.test(dir));
  assert.equal(existsSync(dir), false);
  await assert.rejects(host.temp.withDir('bdm-lab-host-test-', async (d) => {
    dir = d.path;
    await d.write('b', 'x');
    throw new Error('boom');
  }), /boom/);
  assert.equal(existsSync(dir), false);
});

test('path facts: kinds, links, realpath, error codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-host-fs-'));
  try {
    const f = join(dir, 'f');
    writeFileSync(f, '');
    symlinkSync(f, join(dir, 'l'));
    const fs = host.files;
    assert.deepEqual(fs.lstat(f), { ok: true, kind: 'file', links: 1 });
    assert.equal((fs.lstat(join(dir, 'l')) as { kind: string }).kind, 'symlink');
    assert.equal((fs.stat(join(dir, 'l')) as { kind: string }).kind, 'file');
    assert.equal((fs.stat(dir) as { kind: string }).kind, 'directory');
    assert.deepEqual(fs.lstat(join(dir, 'missing')), { ok: false, code: 'ENOENT' });
    assert.deepEqual(fs.realpath(join(dir, 'missing')), { ok: false, code: 'ENOENT' });
    const real = fs.realpath(join(dir, 'l'));
    assert.ok(real.ok && real.path.endsWith('/f'));
    assert.equal(fs.normalize('/a/./b/../c//d'), '/a/c/d');
    assert.equal(fs.join('/a', 'b'), '/a/b');
    assert.equal(fs.isAbsolute('/a'), true);
    assert.equal(fs.isAbsolute('a'), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('hashes: md5, sha1, sha256 of the UTF-8 bytes', () => {
  const h = host.hashes;
  assert.equal(hexDigest(h, 'md5', 'abc'), '900150983cd24fb0d6963f7d28e17f72');
  assert.equal(hexDigest(h, 'sha1', 'abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(hexDigest(h, 'sha256', 'abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(hexDigest(h, 'md5', 'é'), hexDigest(h, 'md5', '\u00e9'));
  assert.notEqual(hexDigest(h, 'md5', 'é'), hexDigest(h, 'md5', 'e'));
  assert.equal(nfsMountPoint(h, '192.168.1.10:/export/nova', '/mnt'), `/mnt/${hexDigest(h, 'md5', '192.168.1.10:/export/nova')}`);
});

test('a missing hashes port is a clear error, never a different value', () => {
  const none = undefined as unknown as Hashes;
  assert.throws(() => nfsMountPoint(none, 'x:/y'), /hashes port/);
  assert.throws(() => defaultConnectionInfo('nfs', 'v', {} as { hashes: Hashes }), /hashes port/);
  const ctx = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 } };
  const a = analyzeJson(JSON.stringify({ server: { name: 'r', flavorRef: '1', block_device_mapping_v2: [
    { source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 10, boot_index: 0 },
    { source_type: 'blank', destination_type: 'volume', volume_size: 1 },
  ] } }), ctx);
  assert.ok(a.valid, JSON.stringify(a.diagnostics.map((d) => d.code)));
  assert.throws(() => previewOf(a, ctx, null, none), /hashes port/);
  assert.ok(previewOf(a, ctx, null, host.hashes).disks.length > 0);
  const l = lab('iscsi');
  assert.throws(() => simulateAttach(l, { server_id: l.instances[0]!.uuid, volumeAttachment: { volumeId: l.volumes[0]!.id } }, {} as Parameters<typeof simulateAttach>[2]), /hashes port/);
});
