/**
 * Issue 13, point 3: the real libvirt step. What may reach virsh (URI, domain, source path),
 * the exact argv, and that a refused plan never runs anything. On the code before the fix a
 * lab host could make virsh run a program (`test+ext:///default?command=…`), attach
 * /dev/sda or ../../etc/shadow, and pass a domain that virsh reads as an option.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAttachCli, type CliIo } from '../../server/src/cli/attach';
import { loadLabHost } from '../../server/src/attach/input/labhost';
import { checkDomainName, checkLibvirtUri, DEFAULT_LIBVIRT_URIS } from '../../server/src/attach/libvirtUri';
import { checkSourcePath, planRealAttach as planWith, realAttach } from '../../server/src/attach/virsh';
import { nodeHost } from '../../server/src/host';
import type { RunProgram } from '../../server/src/ports';
import { ran } from '../fixtures/host';

const host = nodeHost();
const fs = host.files;
/** planRealAttach on this host's file system */
const planRealAttach = (input: Parameters<typeof planWith>[0]) => planWith(input, fs);

const ROOT = resolve(__dirname, '../..');
const work = realpathSync(mkdtempSync(join(tmpdir(), 'bdm-lab-real-')));
const allowed = join(work, 'volumes');
const outside = join(work, 'outside');
mkdirSync(allowed);
mkdirSync(outside);
const good = join(allowed, 'volume-1.raw');
writeFileSync(good, '');
writeFileSync(join(outside, 'secret.raw'), 'secret');
writeFileSync(join(outside, 'other.raw'), 'other');
symlinkSync('/etc/hostname', join(allowed, 'to-etc.raw'));
symlinkSync('/dev/null', join(allowed, 'to-dev.raw'));
symlinkSync(good, join(allowed, 'to-good.raw'));
symlinkSync(outside, join(allowed, 'linked-dir'));
linkSync(join(outside, 'secret.raw'), join(allowed, 'hardlink.raw'));
mkdirSync(join(allowed, 'a-directory.raw'));
after(() => rmSync(work, { recursive: true, force: true }));

test('libvirt URIs: the three defaults pass, exactly', () => {
  for (const u of DEFAULT_LIBVIRT_URIS) assert.deepEqual(checkLibvirtUri(u), { ok: true }, u);
  assert.deepEqual([...DEFAULT_LIBVIRT_URIS], ['qemu:///system', 'qemu:///session', 'test:///default']);
});

test('libvirt URIs: hostile forms are refused, also when a setting names them', () => {
  const hostile = [
    'test+ext:///default?command=/path/prog',
    'TEST+EXT:///default?command=/path/prog',
    'test+EXT:///default?command=/path/prog',
    'qemu+ext://host/system',
    'qemu+ext:///system',
    'Qemu:///system',
    'QEMU:///SYSTEM',
    'qemu:///system ',
    ' qemu:///system',
    'qemu:///system\n',
    'qemu:///system\r\n-c',
    'qemu:///system\u0000',
    'qemu:///sys\u202etem',
    'qemu:///system\t',
    'qemu:///system?%63ommand=/bin/sh',
    'qemu:///system?COMMAND=/bin/sh',
    'qemu:///system?Command=/bin/sh',
    'qemu%2Bext:///system',
    'qemu+unix:///system?socket=/tmp/evil.sock',
    'qemu+ssh://host/system?command=/tmp/prog',
    'qemu+ssh://host/system?netcat=/tmp/prog',
    'qemu+ssh://host/system?keyfile=/root/.ssh/id_rsa',
    'qemu+ssh://host/system?known_hosts=/tmp/kh',
    'qemu+tls://host/system?no_verify=1',
    'qemu+tls://host/system?pkipath=/tmp/pki',
    'qemu+libssh2://host/system?sshauth=privkey&keyfile=/x',
    'qemu+ssh://host/system?mode=direct&command=/x',
    'qemu:///system?',
    'qemu:///system#x',
    'qemu:///system;id',
    'qemu:///system$(id)',
    'qemu:///system`id`',
    "qemu:///system'",
    '-c',
    '--connect=qemu:///system',
    '-qemu:///system',
    'test:///etc/passwd',
    'test:///default/../../etc/shadow',
    'qemu://' + 'a'.repeat(300) + '/system',
    '',
    'system',
  ];
  for (const u of hostile) {
    const r = checkLibvirtUri(u, [u]);
    const plain = checkLibvirtUri(u);
    assert.equal(plain.ok, false, JSON.stringify(u));
    // A setting naming a form that runs programs or hides characters does not make it pass.
    if (!/^(test:\/\/\/etc\/passwd|test:\/\/\/default\/\.\.\/\.\.\/etc\/shadow)$/.test(u)) assert.equal(r.ok, false, `setting: ${JSON.stringify(u)}`);
    if (!r.ok) assert.doesNotMatch(r.reason, /[\u0000-\u001f\u202e]/, 'the reason escapes control characters');
  }
  assert.equal(checkLibvirtUri(undefined).ok, false);
  assert.equal(checkLibvirtUri(5 as unknown as string).ok, false);
  const ext = checkLibvirtUri('test+ext:///default?command=/path/prog', ['test+ext:///default?command=/path/prog']);
  assert.ok(!ext.ok && /ext/.test(ext.reason));
});

test('libvirt URIs: another URI only when named exactly', () => {
  assert.equal(checkLibvirtUri('qemu+ssh://root@lab1/system').ok, false);
  assert.deepEqual(checkLibvirtUri('qemu+ssh://root@lab1/system', ['qemu+ssh://root@lab1/system']), { ok: true });
  assert.equal(checkLibvirtUri('qemu+ssh://root@lab1/system/', ['qemu+ssh://root@lab1/system']).ok, false);
  assert.equal(checkLibvirtUri('qemu+ssh://root@lab2/system', ['qemu+ssh://root@lab1/system']).ok, false);
  assert.deepEqual(checkLibvirtUri('qemu+tls://[fd00::1]:16514/system?mode=direct', ['qemu+tls://[fd00::1]:16514/system?mode=direct']), { ok: true });
  assert.deepEqual(checkLibvirtUri('test:///etc/passwd', ['test:///etc/passwd']), { ok: true }, 'the user named it: allowed (a local file the user chose)');
  const r = checkLibvirtUri('qemu+ssh://root@lab1/system', [5, null, 'qemu+ssh://root@lab1/system '] as unknown as string[]);
  assert.equal(r.ok, false);
});

test('domain names: refused when they start with "-", carry control or invisible characters, or are too long', () => {
  for (const ok of ['instance-00000001', 'bdm-lab-live-123', 'vm with spaces', 'vm;$(id)', '6695eb01-f6a4-8304-79aa-97f2502e193f', 'ünï']) assert.deepEqual(checkDomainName(ok), { ok: true }, ok);
  for (const bad of ['--live', '-c', '--', '-', '', 'a\nb', 'a\u0007', 'a\u001b[2J', 'a\u009b', 'x'.repeat(201), 'a/b', ' x', 'x ', '\u202eevil', 'a\u200bb']) {
    const r = checkDomainName(bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
  }
  assert.equal(checkDomainName(undefined).ok, false);
});

test('source paths: canonical regular files inside allowed_paths only', () => {
  assert.deepEqual(checkSourcePath(good, [allowed], fs), { ok: true });
  assert.deepEqual(checkSourcePath(good, [outside, `${allowed}/`], fs), { ok: true }, 'a trailing slash on the allowed dir is fine');
  const refused: Array<[string, readonly string[], RegExp]> = [
    ['/dev/sda', [allowed, '/dev'], /devices/],
    ['/dev/null', ['/'], /devices/],
    ['../../etc/shadow', [allowed], /absolute/],
    [`${allowed}/../../etc/shadow`, [allowed], /canonical/],
    [`${allowed}/./volume-1.raw`, [allowed], /canonical/],
    [`${allowed}//volume-1.raw`, [allowed], /canonical/],
    ['/etc/shadow', ['/etc', '/'], /system/],
    [join(allowed, 'to-etc.raw'), [allowed], /symbolic link/],
    [join(allowed, 'to-dev.raw'), [allowed], /symbolic link/],
    [join(allowed, 'to-good.raw'), [allowed], /symbolic link/],
    [join(allowed, 'linked-dir', 'other.raw'), [allowed], /symbolic link/],
    [join(allowed, 'hardlink.raw'), [allowed], /hard links/],
    [join(allowed, 'a-directory.raw'), [allowed], /not a regular file/],
    [join(allowed, 'missing.raw'), [allowed], /does not exist/],
    [join(outside, 'other.raw'), [allowed], /not inside/],
    [good, [], /allowed_paths/],
    [good, ['/'], /not inside/],
    [good, ['relative/dir'], /not inside/],
    [allowed, [allowed], /not a regular file/],
    [`${good}\n`, [allowed], /control/],
  ];
  for (const [p, dirs, why] of refused) {
    const r = checkSourcePath(p, dirs, fs);
    assert.equal(r.ok, false, p);
    if (!r.ok) assert.match(r.reason, why, `${p}: ${r.reason}`);
  }
  // The allowed directory itself may be reached through a symbolic link.
  const viaLink = join(work, 'volumes-link');
  symlinkSync(allowed, viaLink);
  assert.deepEqual(checkSourcePath(good, [viaLink], fs), { ok: true });
});

test('lab hosts: libvirt.allowed_paths defaults to none and takes absolute directories only', () => {
  const lab = (libvirt: unknown) => JSON.stringify({ name: 'l', volumes: [], instances: [{ uuid: 'u' }], libvirt });
  const none = loadLabHost(lab({ uri: 'qemu:///system', domain: 'vm' }), 'a.labhost.json');
  assert.ok(none.ok);
  assert.deepEqual(none.labHost.libvirt, { uri: 'qemu:///system', domain: 'vm', allowed_paths: [] });
  const some = loadLabHost(lab({ uri: 'qemu:///system', domain: 'vm', allowed_paths: ['/srv/lab'] }), 'b.labhost.json');
  assert.ok(some.ok && some.labHost.libvirt?.allowed_paths[0] === '/srv/lab');
  const rel = loadLabHost(lab({ uri: 'qemu:///system', domain: 'vm', allowed_paths: ['srv/lab'] }), 'c.labhost.json');
  assert.ok(!rel.ok && rel.errors.some((e) => e.path === '$.libvirt.allowed_paths[0]'), JSON.stringify(rel));
});

const disk = (path: string) => `<disk type="file" device="disk">\n  <driver name="qemu" type="raw" cache="none" io="native"/>\n  <source file="${path.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"/>\n  <target dev="vdb" bus="virtio"/>\n</disk>\n`;

test('planRealAttach: the plan carries URI, domain, path, XML and the exact argv', () => {
  const p = planRealAttach({ libvirt: { uri: 'qemu:///system', domain: 'vm1', allowed_paths: [allowed] }, xml: disk(good), flags: 3 });
  assert.ok(p.ok, p.ok ? '' : p.reason);
  assert.deepEqual({ ...p.plan }, { uri: 'qemu:///system', domain: 'vm1', sourcePath: good, xml: disk(good), flags: 3, argv: ['-c', 'qemu:///system', 'attach-device', '--domain', 'vm1', '--file', 'FILE', '--live', '--config'] });
});

test('planRealAttach: refusals name the reason and keep what was asked for', () => {
  const lib = (over: Partial<{ uri: string; domain: string; allowed_paths: string[] }>) => ({ uri: 'qemu:///system', domain: 'vm1', allowed_paths: [allowed], ...over });
  const cases: Array<[ReturnType<typeof planRealAttach>, RegExp]> = [
    [planRealAttach({ libvirt: lib({ uri: 'test+ext:///default?command=/bin/sh' }), xml: disk(good), flags: 3 }), /ext/],
    [planRealAttach({ libvirt: lib({ domain: '--live' }), xml: disk(good), flags: 3 }), /starts with "-"/],
    [planRealAttach({ libvirt: lib({}), xml: disk('/dev/sda'), flags: 3 }), /devices/],
    [planRealAttach({ libvirt: lib({}), xml: disk('../../etc/shadow'), flags: 3 }), /absolute/],
    [planRealAttach({ libvirt: lib({ allowed_paths: [] }), xml: disk(good), flags: 3 }), /libvirt\.allowed_paths/],
    [planRealAttach({ libvirt: lib({}), xml: '<disk type="block" device="disk"><source dev="/dev/sda"/></disk>', flags: 3 }), /type="file"/],
    [planRealAttach({ libvirt: lib({}), xml: `<disk type="file" device="disk"><source file="${good}"><seclabel relabel="no"/></source><backingStore type="file"><source file="/etc/shadow"/></backingStore></disk>`, flags: 3 }), /exactly one <source>/],
    [planRealAttach({ libvirt: lib({}), xml: `<!DOCTYPE disk [<!ENTITY x SYSTEM "file:///etc/shadow">]><disk type="file" device="disk"><source file="${good}"/></disk>`, flags: 3 }), /DOCTYPE/],
    [planRealAttach({ libvirt: lib({}), xml: null, flags: null }), /did not succeed/],
    [planRealAttach({ libvirt: undefined, xml: disk(good), flags: 3 }), /names no libvirt/],
  ];
  for (const [r, why] of cases) {
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, why);
  }
  const r = cases[2]![0];
  assert.ok(!r.ok && r.plan.uri === 'qemu:///system' && r.plan.domain === 'vm1' && r.plan.sourcePath === '/dev/sda' && r.plan.xml === disk('/dev/sda'));
});

test('realAttach refuses a hand-made hostile plan without running anything', async () => {
  let calls = 0;
  const exec: RunProgram = async () => { calls++; return ran({ code: 0, stdout: '', stderr: '' }); };
  const base = { uri: 'qemu:///system', domain: 'vm1', sourcePath: good, xml: disk(good), flags: 3, argv: [] };
  for (const plan of [
    { ...base, uri: 'test+ext:///default?command=/bin/sh' },
    { ...base, domain: '--live' },
    { ...base, sourcePath: '/var/tmp/other.raw' },
    { ...base, xml: '<disk type="block"><source dev="/dev/sda"/></disk>' },
  ]) {
    const r = await realAttach(plan, 0, { ...host, run: exec });
    assert.equal(r.ok, false);
    assert.match(r.steps[0]!.text, /^not run: /);
  }
  assert.equal(calls, 0);
});

/** A lab host with one file-backed volume whose path and libvirt section the test chooses. */
function labFiles(libvirt: Record<string, unknown>, path: string): Record<string, string> {
  const lab = {
    name: 'real', profile: 'modern', microversion: '2.79', libvirt,
    volumes: [{ id: 'f0f0f0f0-0000-4000-8000-000000000001', size: 1, backend: 'file', path }],
    instances: [{ uuid: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01' }],
  };
  return { [resolve(ROOT, 'real.labhost.json')]: JSON.stringify(lab) };
}

async function cli(args: string[], files: Record<string, string>) {
  let out = '';
  let err = '';
  const calls: string[][] = [];
  const io: CliIo = {
    stdout: (s) => { out += s; },
    stderr: (s) => { err += s; },
    readFile: (p) => files[p] ?? readFileSync(p, 'utf8'),
    cwd: ROOT,
    exec: async (file, a) => {
      calls.push([file, ...a]);
      return ran({ code: 0, stdout: a[2] === 'domblklist' ? 'file disk vdb x\n' : 'Device attached successfully\n', stderr: '' });
    },
  };
  const code = await runAttachCli(['attach', '--lab', 'real.labhost.json', '--volume', 'f0f0f0f0-0000-4000-8000-000000000001', '--real-libvirt', '--format', 'json', ...args], io);
  return { code, out, err, calls };
}

test('bdm-lab attach --real-libvirt: hostile lab hosts are refused before virsh runs (exit 2)', async () => {
  const cases: Array<[Record<string, unknown>, string, RegExp, string[]]> = [
    [{ uri: 'test+ext:///default?command=/tmp/prog', domain: 'vm1', allowed_paths: [allowed] }, good, /ext/, []],
    [{ uri: 'test+ext:///default?command=/tmp/prog', domain: 'vm1', allowed_paths: [allowed] }, good, /ext/, ['--allow-libvirt-uri', 'test+ext:///default?command=/tmp/prog']],
    [{ uri: 'qemu+ssh://lab1/system', domain: 'vm1', allowed_paths: [allowed] }, good, /bdmLab\.libvirtUris/, []],
    [{ uri: 'qemu:///system', domain: '--live', allowed_paths: [allowed] }, good, /starts with "-"/, []],
    [{ uri: 'qemu:///system', domain: '-c', allowed_paths: [allowed] }, good, /starts with "-"/, []],
    [{ uri: 'qemu:///system', domain: 'vm1', allowed_paths: [allowed] }, '/dev/sda', /devices/, []],
    [{ uri: 'qemu:///system', domain: 'vm1', allowed_paths: [allowed] }, '../../etc/shadow', /absolute/, []],
    [{ uri: 'qemu:///system', domain: 'vm1', allowed_paths: [allowed] }, join(allowed, 'to-etc.raw'), /symbolic link/, []],
    [{ uri: 'qemu:///system', domain: 'vm1' }, good, /libvirt\.allowed_paths/, []],
  ];
  for (const [libvirt, path, why, extra] of cases) {
    const r = await cli(extra, labFiles(libvirt, path));
    assert.equal(r.code, 2, `${JSON.stringify(libvirt)} ${path}: ${r.err}`);
    assert.match(r.err, why);
    assert.deepEqual(r.calls, [], 'virsh must not run');
  }
});

test('bdm-lab attach --real-libvirt: a good plan runs virsh with named options; --allow-libvirt-uri admits one more URI', async () => {
  const r = await cli([], labFiles({ uri: 'qemu:///system', domain: 'vm1', allowed_paths: [allowed] }, good));
  assert.equal(r.code, 0, r.err);
  assert.equal(r.calls.length, 2);
  assert.deepEqual(r.calls[0]!.slice(0, 7), ['virsh', '-c', 'qemu:///system', 'attach-device', '--domain', 'vm1', '--file']);
  assert.match(r.calls[0]![7]!, /bdm-lab-virsh-[^/]+\/disk\.xml$/);
  assert.deepEqual(r.calls[1], ['virsh', '-c', 'qemu:///system', 'domblklist', '--domain', 'vm1', '--details']);
  const s = await cli(['--allow-libvirt-uri', 'qemu+ssh://root@lab1/system'], labFiles({ uri: 'qemu+ssh://root@lab1/system', domain: 'vm1', allowed_paths: [allowed] }, good));
  assert.equal(s.code, 0, s.err);
  assert.equal(s.calls[0]![2], 'qemu+ssh://root@lab1/system');
});

const virsh = spawnSync('sh', ['-c', 'command -v virsh'], { encoding: 'utf8' }).status === 0;

test('real virsh on the test driver: the named options reach the driver (which cannot attach), and an ext URI never runs its program', { skip: virsh ? false : 'virsh not installed (libvirt-clients)', timeout: 60_000 }, async () => {
  const p = planRealAttach({ libvirt: { uri: 'test:///default', domain: 'test', allowed_paths: [allowed] }, xml: disk(good), flags: 1 });
  assert.ok(p.ok);
  const r = await realAttach(p.plan, 0, host);
  // The test driver has a domain "test" but no attach-device: the arguments parsed, the call reached the driver.
  assert.equal(r.ok, false);
  assert.match(r.error ?? '', /not supported|virDomainAttachDeviceFlags/);
  assert.doesNotMatch(r.error ?? '', /failed to get domain|unknown option|expected syntax/);
  // A program behind an ext URI: refused before virsh, so the marker never appears.
  const marker = join(work, 'EXT-RAN');
  const prog = join(work, 'prog.sh');
  writeFileSync(prog, `#!/bin/sh\ntouch '${marker}'\n`);
  chmodSync(prog, 0o755);
  const r2 = await cli(['--allow-libvirt-uri', `test+ext:///default?command=${prog}`], labFiles({ uri: `test+ext:///default?command=${prog}`, domain: 'test', allowed_paths: [allowed] }, good));
  assert.equal(r2.code, 2);
  await realAttach({ ...p.plan, uri: `test+ext:///default?command=${prog}` }, 0, host, 20_000, [`test+ext:///default?command=${prog}`]);
  assert.equal(existsSync(marker), false, 'the ext transport ran the program');
});
