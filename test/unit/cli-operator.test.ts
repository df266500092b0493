/**
 * The CLI as an operator meets it (issue 16 item 8, issue 18's exit status): --microversion,
 * `xml` on a refused body or on libvirt XML, an unknown lab-host name, a lab host with one volume,
 * a mistyped --detach-at, and a detach that never happens or leaves the volume stuck.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliRunner } from './cli-run';

const files: Record<string, string> = {
  'vt.json': '{"server": {"name": "a", "flavorRef": "1", "networks": "none", "block_device_mapping_v2": [{"boot_index": 0, "uuid": "70a599e0-31e7-49b7-b260-868f441e862b", "source_type": "image", "destination_type": "volume", "volume_size": 10, "volume_type": "lvmdriver-1"}]}}',
  'ctx-232.json': '{"microversion": "2.32"}',
};
const run = cliRunner(files);

test('--microversion judges at that microversion, over the context file; a malformed one is a usage error', async () => {
  const at21 = await run(['check', 'vt.json']);
  assert.equal(at21.code, 1);
  assert.match(at21.out, /BDM-SCHEMA-VOLUME-TYPE-MICROVERSION/);
  const at267 = await run(['check', '--microversion', '2.67', 'vt.json']);
  assert.equal(at267.code, 0, at267.out);
  const over = await run(['check', '--context', 'ctx-232.json', '--microversion', '2.67', 'vt.json']);
  assert.equal(over.code, 0, 'the flag wins over the context file');
  const x = await run(['xml', '--microversion', '2.67', 'vt.json']);
  assert.equal(x.code, 0, x.err);
  assert.match(x.out, /<disk type=/);
  for (const bad of ['2.x', '3.1', '2.', '2.01']) {
    const r = await run(['check', '--microversion', bad, 'vt.json']);
    assert.equal(r.code, 2, bad);
    assert.match(r.err, /--microversion must be 2\.N/);
  }
});

test('xml on libvirt XML says what it is and what to run instead', async () => {
  const r = await run(['xml', 'samples/workspace/libvirt/rbd-volume-disk.xml']);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /is libvirt XML, not a Nova request body/);
  assert.match(r.err, /bdm-lab check samples\/workspace\/libvirt\/rbd-volume-disk\.xml/);
  assert.doesNotMatch(r.err, /Nova cannot parse/);
});

test('an unknown lab-host name lists the embedded ones; a missing *.labhost.json file still says ENOENT', async () => {
  const r = await run(['attach', '--lab', 'nosuchlab']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--lab nosuchlab: no embedded lab host of that name and no such file; the embedded lab hosts are default, iscsi, .*newton-emc-multipath/);
  const c = await run(['check', '--lab', 'defualt', 'vt.json']);
  assert.equal(c.code, 2);
  assert.match(c.err, /the embedded lab hosts are default/);
  const f = await run(['attach', '--lab', 'nowhere/x.labhost.json']);
  assert.equal(f.code, 2);
  assert.match(f.err, /ENOENT/);
});

test('a lab host with one volume needs no --volume; with several, the error lists them', async () => {
  const one = await run(['attach', '--lab', 'newton-emc-multipath', '--format', 'json']);
  assert.equal(one.code, 0, one.err);
  assert.equal(JSON.parse(one.out).outcome, 'attached');
  const many = await run(['attach', '--lab', 'default']);
  assert.equal(many.code, 2);
  assert.match(many.err, /give --volume ID .* lab host "default" has the volumes [0-9a-f-]{36}, /);
});

test('--instance that is not on the lab host is named as the option, not as "$" of the request file', async () => {
  const r = await run(['attach', '--lab', 'default', '--instance', 'nope', 'samples/workspace/attach.json']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--instance nope: not on lab host "default" \(instances: [0-9a-f-]{36}/);
  assert.doesNotMatch(r.err, /\$:/);
});

test('--detach-at takes only a status the attach passes through', async () => {
  const r = await run(['attach', '--lab', 'default', '--detach-at', 'in-uze', 'samples/workspace/attach.json']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--detach-at must be a volume status the attach passes through: reserved, attaching, in-use \(got "in-uze"\)/);
});

test('the flow the user asked for decides the exit status: a stuck detach or a detach never sent is 1', async () => {
  // The seed's race: kilo compute reads a BDM without connection_info; the volume stays detaching.
  const stuck = await run(['attach', '--lab', 'default', '--profile', 'kilo_prefix', '--detach-at', 'in-use', 'samples/workspace/attach.json']);
  assert.equal(stuck.code, 1, stuck.err);
  assert.match(stuck.err, /the detach did not finish: the volume is left "detaching"/);
  // Kilo-era Cinder never shows "reserved": the detach is never sent, and that is said.
  const never = await run(['attach', '--lab', 'default', '--profile', 'kilo_prefix', '--detach-at', 'reserved', 'samples/workspace/attach.json']);
  assert.equal(never.code, 1);
  assert.match(never.err, /no detach was sent: the volume never reached status "reserved" \(statuses: available -> attaching -> in-use\)/);
  // A clean attach-then-detach on a modern profile ends 0.
  const clean = await run(['attach', '--lab', 'default', '--detach-at', 'in-use', 'samples/workspace/attach.json']);
  assert.equal(clean.code, 0, clean.err);
  assert.equal(clean.err, '');
});

// Issue 16: a file's $bdm modeline gives it its own context in the CLI too (as in the editor),
// over --microversion/--context; a bad modeline or an unreadable context= is that file's error.
test('check: a $bdm modeline sets the file\'s microversion and context; a bad one is its error', async () => {
  const body = '{"server": {"name": "s", "flavorRef": "1", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b", "block_device_mapping_v2": [{"boot_index": 0, "uuid": "70a599e0-31e7-49b7-b260-868f441e862b", "source_type": "image", "destination_type": "local", "tag": "root"}]}}';
  const run = cliRunner({
    'm/at232.jsonc': `// $bdm microversion=2.32\n${body}`,
    'm/plain.jsonc': body,
    'm/ctx.jsonc': `/* $bdm context=envs/q.json */\n${body}`,
    'm/envs/q.json': '{"microversion": "2.32", "flavor": {"root_gb": 20, "ephemeral_gb": 0, "swap_mb": 0}}',
    'm/bad.jsonc': `// $bdm microversion=two\n${body}`,
    'm/missing.jsonc': `// $bdm context=nope.json\n${body}`,
  });
  const r = await run(['check', '--format', 'json', '--microversion', '2.1', 'm/at232.jsonc', 'm/plain.jsonc', 'm/ctx.jsonc', 'm/bad.jsonc', 'm/missing.jsonc']);
  const files = JSON.parse(r.out).files as Array<{ file: string; valid: boolean; diagnostics: Array<{ code: string }>; error?: { code: string; message: string } }>;
  const by = (f: string) => files.find((x) => x.file === f)!;
  assert.equal(by('m/at232.jsonc').valid, true, JSON.stringify(by('m/at232.jsonc').diagnostics.map((d) => d.code)));
  assert.equal(by('m/plain.jsonc').valid, false);
  assert.ok(by('m/plain.jsonc').diagnostics.some((d) => d.code === 'BDM-SCHEMA-TAG-MICROVERSION'));
  assert.equal(by('m/ctx.jsonc').valid, true);
  assert.ok(!by('m/ctx.jsonc').diagnostics.some((d) => d.code === 'BDM-CONTEXT-FLAVOR-UNKNOWN'), 'the flavor of the context= file');
  assert.equal(by('m/bad.jsonc').error!.code, 'ECONTEXT');
  assert.match(by('m/bad.jsonc').error!.message, /m\/bad\.jsonc:1: \$bdm line 1: microversion=two is not 2\.N/);
  assert.equal(by('m/missing.jsonc').error!.code, 'ECONTEXT');
  assert.match(r.err, /m\/missing\.jsonc: cannot read context file .*nope\.json/);
  assert.equal(r.code, 2);
});
