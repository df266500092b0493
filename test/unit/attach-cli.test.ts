/** The CLI contract: JSON keys, exit codes, determinism, redaction, real-libvirt argument safety. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAttachCli, type CliIo } from '../../server/src/cli/attach';
import { realAttach } from '../../server/src/attach/virsh';
import { nodeHost } from '../../server/src/host';
import type { RunProgram } from '../../server/src/ports';
import { ran } from '../fixtures/host';
import { attach, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const ROOT = resolve(__dirname, '../..');

async function cli(args: string[], extra: Partial<CliIo> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAttachCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), readFile: (p) => readFileSync(p, 'utf8'), cwd: ROOT, ...extra });
  return { code, out, err };
}

const KEYS = ['outcome', 'attachOutcome', 'apiStatus', 'error', 'volumeStatus', 'attachStatus', 'statusSequence', 'deviceName', 'sourcePath', 'libvirtFlags', 'xml', 'connectionInfo', 'bdm', 'durationS', 'steps'];

test('JSON contract: exactly the documented keys, steps with actor/at/durationS/text/status', async () => {
  const r = await cli(['attach', '--lab', 'iscsi', '--volume', ISCSI_VOL, '--format', 'json']);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j), KEYS);
  assert.deepEqual(Object.keys(j.steps[0]), ['actor', 'at', 'durationS', 'text', 'status']);
  for (const s of j.steps) assert.ok(['ok', 'info', 'warn', 'error', 'skipped'].includes(s.status), JSON.stringify(s));
  assert.equal(j.durationS, 4.4);
  assert.equal(j.libvirtFlags, 3);
});

test('race output adds "detach"; a request array adds "others"', async () => {
  const race = JSON.parse((await cli(['attach', '--lab', 'iscsi', '--volume', ISCSI_VOL, '--profile', 'kilo_prefix', '--detach-at', 'in-use', '--format', 'json'])).out);
  assert.deepEqual(Object.keys(race), [...KEYS, 'detach']);
  assert.equal(race.detach.apiStatus, 202);
  // The flow's outcome (attach, then the requested detach) beside the attach's own.
  assert.equal(race.outcome, 'stuck');
  assert.equal(race.attachOutcome, 'attached');
  const many = await cli(['attach', '--lab', 'default', '--context', 'test/fixtures/attach/context-2.60.json', '--format', 'json', 'test/fixtures/attach/two-attaches.json']);
  assert.equal(many.code, 0, many.err);
  const j = JSON.parse(many.out);
  assert.deepEqual(Object.keys(j), [...KEYS, 'others']);
  assert.equal(j.others.length, 1);
  assert.equal(j.others[0].outcome, 'attached');
});

test('exit 1 when the simulated attach fails, 2 on bad input with file and place', async () => {
  assert.equal((await cli(['--lab', 'iscsi', '--volume', '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02'])).code, 1);
  const unknownVol = await cli(['--lab', 'iscsi', '--volume', 'nope']);
  assert.equal(unknownVol.code, 2);
  assert.match(unknownVol.err, /--volume nope: not on lab host "iscsi"/);
  const unknownInst = await cli(['--lab', 'iscsi', '--volume', ISCSI_VOL, '--instance', 'x']);
  assert.equal(unknownInst.code, 2);
  const bad = await cli(['--lab', 'test/fixtures/attach/bad-volume.labhost.json', '--volume', 'v1']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /test\/fixtures\/attach\/bad-volume\.labhost\.json:4:27: \$\.volumes\[0\]\.size: must be integer/);
  assert.doesNotMatch(bad.err, /    at /);
  const missing = await cli(['--lab', 'no/such.labhost.json', '--volume', 'v1']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no\/such\.labhost\.json: cannot read the lab host: ENOENT/);
  assert.equal((await cli(['--lab', 'iscsi'])).code, 2);
  assert.equal((await cli(['--lab', 'iscsi', '--volume', ISCSI_VOL, '--detach-after', '1', '--detach-at', 'in-use'])).code, 2);
  assert.equal((await cli(['--lab', 'iscsi', '--volume', ISCSI_VOL, '--profile', 'grizzly'])).code, 2);
  assert.equal((await cli(['--lab', 'iscsi', '--volume', ISCSI_VOL, '--bogus'])).code, 2);
});

test('request file errors name the file and the JSON path', async () => {
  const files: Record<string, string> = { [resolve(ROOT, 'req.json')]: '[{"server_id": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01",\n  "volumeAttachment": {"volumeId": "nope"}}]' };
  const r = await cli(['--lab', 'iscsi', 'req.json'], { readFile: (p) => files[p] ?? readFileSync(p, 'utf8') });
  assert.equal(r.code, 2);
  assert.match(r.err, /req\.json:2:36: \$\[0\]\.volumeAttachment\.volumeId: volume nope is not on lab host "iscsi"/);
});

test('determinism: the same input gives byte-identical JSON', async () => {
  for (const args of [
    ['--lab', 'newton-emc-multipath', '--volume', 'e8f58c95-3f8a-40dc-861d-163ce68fcdaf'],
    ['--lab', 'default', '--context', 'test/fixtures/attach/context-2.60.json', 'test/fixtures/attach/two-attaches.json'],
    ['--lab', 'iscsi', '--volume', ISCSI_VOL, '--profile', 'kilo_prefix', '--detach-at', 'in-use'],
  ]) {
    const a = await cli([...args, '--format', 'json']);
    const b = await cli([...args, '--format', 'json']);
    assert.equal(a.out, b.out);
    assert.ok(a.out.length > 1000);
  }
});

test('redaction: CHAP password, token and keyring hidden everywhere unless --show-secrets', async () => {
  const hidden = await cli(['--lab', 'iscsi', '--volume', ISCSI_VOL, '--format', 'json']);
  const shown = await cli(['--lab', 'iscsi', '--volume', ISCSI_VOL, '--format', 'json', '--show-secrets']);
  const pw = JSON.parse(shown.out).connectionInfo.data.auth_password as string;
  assert.equal(pw.length, 16);
  assert.ok(!hidden.out.includes(pw));
  assert.ok(shown.out.includes(pw));
  assert.equal(JSON.parse(hidden.out).connectionInfo.data.auth_password, '***');
  assert.match(hidden.out, /X-Auth-Token: \*\*\*/);
  assert.doesNotMatch(hidden.out, /gAAAAAB/);
  assert.match(shown.out, /X-Auth-Token: gAAAAAB/);
  // keyring: only legacy releases send it; it must vanish from data, the BDM JSON and the logs
  const l = lab('rbd');
  const key = 'AQBLABlabLABlabLABlabLABlabLABlabLABlab0==';
  const r = attach(l, '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e31', { profile: 'ocata_legacy' });
  assert.ok(!JSON.stringify(r).includes(key));
  assert.equal((r.connectionInfo as any).data.keyring, '***');
  const s = attach(l, '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e31', { profile: 'ocata_legacy', showSecrets: true });
  assert.ok(JSON.stringify(s).includes(key));
});

test('text format: summary, XML and timeline', async () => {
  const r = await cli(['--lab', 'iscsi', '--volume', ISCSI_VOL]);
  assert.match(r.out, /^attach: ATTACHED \(client saw HTTP 200\) in 4\.4 s simulated/);
  assert.match(r.out, /\n +3\.800s \+0\.5s +libvirtd +virDomainAttachDeviceFlags/);
});

test('virsh: a domain name and path with shell metacharacters reach virsh as single arguments, as named options', async () => {
  const calls: Array<{ file: string; args: string[] }> = [];
  const exec: RunProgram = async (file, args) => {
    calls.push({ file, args: [...args] });
    return ran({ code: 0, stdout: args.includes('domblklist') ? ' Type   Device   Target   Source\n file   disk   vdb   /tmp/x; rm -rf $(echo).raw\n' : 'Device attached successfully\n', stderr: '' });
  };
  const domain = 'vm; rm -rf $(id) `x` | y && z';
  const xml = '<disk type="file" device="disk">\n  <source file="/tmp/x; rm -rf $(echo).raw"/>\n</disk>\n';
  const plan = { uri: 'qemu:///system', domain, sourcePath: '/tmp/x; rm -rf $(echo).raw', xml, flags: 3, argv: [] };
  const r = await realAttach(plan, 1.5, { ...nodeHost(), run: exec });
  assert.equal(r.ok, true);
  assert.equal(calls.length, 2);
  assert.equal(calls[0]!.file, 'virsh');
  assert.deepEqual(calls[0]!.args.slice(0, 5), ['-c', 'qemu:///system', 'attach-device', '--domain', domain]);
  assert.equal(calls[0]!.args[5], '--file');
  assert.match(calls[0]!.args[6]!, /bdm-lab-virsh-[^/]+\/disk\.xml$/);
  assert.deepEqual(calls[0]!.args.slice(7), ['--live', '--config']);
  assert.deepEqual(calls[1]!.args, ['-c', 'qemu:///system', 'domblklist', '--domain', domain, '--details']);
  assert.ok(r.steps.every((s) => s.actor === 'libvirtd (real)' && s.at === 1.5));
});

test('virsh flags follow attachDeviceFlags: 2 = --config only; a failure is reported', async () => {
  const exec: RunProgram = async (_f, args) => ran({ code: 1, stdout: '', stderr: `error: failed to get domain '${args[4]}'` });
  const xml = '<disk type="file" device="disk"><source file="/var/tmp/v.raw"/></disk>\n';
  const r = await realAttach({ uri: 'qemu:///system', domain: 'gone', sourcePath: '/var/tmp/v.raw', xml, flags: 2, argv: [] }, 0, { ...nodeHost(), run: exec });
  assert.equal(r.ok, false);
  assert.equal(r.error, "error: failed to get domain 'gone'");
  assert.ok(r.steps[0]!.text.endsWith('--config'));
});

test('--real-libvirt refuses a volume that is not on the file backend', async () => {
  const files: Record<string, string> = {};
  const raw = JSON.parse(readFileSync(resolve(ROOT, 'labhosts/iscsi.labhost.json'), 'utf8'));
  raw.libvirt = { uri: 'qemu:///system', domain: 'vm1' };
  files[resolve(ROOT, 'x.labhost.json')] = JSON.stringify(raw);
  let called = false;
  const r = await cli(['--lab', 'x.labhost.json', '--volume', ISCSI_VOL, '--real-libvirt'], {
    readFile: (p) => files[p] ?? readFileSync(p, 'utf8'),
    exec: async () => {
      called = true;
      return ran({ code: 0, stdout: '', stderr: '' });
    },
  });
  assert.equal(r.code, 2);
  assert.match(r.err, /only volumes on a "file" backend/);
  assert.equal(called, false);
});

test('--real-libvirt with a file volume: virsh runs after the simulation and its answer joins the timeline', async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'bdm-lab-real-')));
  const img = join(dir, 'v1.raw');
  writeFileSync(img, '');
  const lab = {
    name: 'real', profile: 'modern', microversion: '2.79', libvirt: { uri: 'qemu:///system', domain: 'bdm-lab-test', allowed_paths: [dir] },
    volumes: [{ id: 'f0f0f0f0-0000-4000-8000-000000000001', size: 1, backend: 'file', path: img }],
    instances: [{ uuid: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01' }],
  };
  const files: Record<string, string> = { [resolve(ROOT, 'real.labhost.json')]: JSON.stringify(lab) };
  const calls: string[][] = [];
  const r = await cli(['--lab', 'real.labhost.json', '--volume', 'f0f0f0f0-0000-4000-8000-000000000001', '--real-libvirt', '--format', 'json'], {
    readFile: (p) => files[p] ?? readFileSync(p, 'utf8'),
    exec: async (_f, args) => {
      calls.push([...args]);
      return ran({ code: 0, stdout: args[2] === 'domblklist' ? `file disk vdb ${img}\n` : 'Device attached successfully\n', stderr: '' });
    },
  });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.match(j.xml, /<disk type="file" device="disk">/);
  assert.ok(j.xml.includes(`<source file="${img}"/>`), j.xml);
  assert.equal(calls.length, 2);
  assert.deepEqual(calls[0]!.slice(0, 7).map((a, i) => (i === 6 ? 'FILE' : a)), ['-c', 'qemu:///system', 'attach-device', '--domain', 'bdm-lab-test', '--file', 'FILE']);
  assert.ok(j.steps.some((s: any) => s.actor === 'libvirtd (real)' && /Device attached successfully/.test(s.text)));
});

test('--volume replaces the volumeId of a single request file', async () => {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readFile: (p) => readFileSync(resolve(ROOT, p), 'utf8'), cwd: ROOT };
  const code = await runAttachCli(['--lab', 'newton-emc-multipath', '--volume', 'e8f58c95-3f8a-40dc-861d-163ce68fcdaf', '--format', 'json', 'samples/workspace/attach.json'], io);
  assert.equal(code, 0, err);
  const r = JSON.parse(out);
  assert.equal(r.outcome, 'attached');
  assert.ok(r.steps.some((s: { text: string }) => s.text.includes('e8f58c95-3f8a-40dc-861d-163ce68fcdaf')));
});
