/** `bdm-lab check` and `bdm-lab xml`: the JSON contract, SARIF, exit codes 0/1/2, no stack traces. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cliRunner, ROOT } from './cli-run';
import { RULE_BY_ID } from '../../server/src/rules/table';
import { ruleById } from '../../server/src/libvirtxml';

const files: Record<string, string> = {
  'ok.json': '{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "volume", "destination_type": "volume", "uuid": "5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e", "boot_index": 0}]}}',
  'bad.json': '{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "blank", "destination_type": "volume", "boot_index": 0}]}}',
  'broken.json': '{"server": {"name": ',
  'ctx.json': '{"microversion": "2.32", "flavor": {"root_gb": 20, "ephemeral_gb": 0, "swap_mb": 0}}',
  'badctx.json': '{"microversion": "2.67", "flavour": {}}',
  'baduuid.json': '{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "volume", "destination_type": "volume", "uuid": "a b", "boot_index": 0}]}}',
  'cr-attach.json': '{\r "volumeAttachment": {\r\n  "volumeId": 12,\r x',
};
const run = cliRunner(files);

test('check --format json keeps the contract: files[].file/valid/diagnostics/entries with code, severity, message, entry, path, range, novaStatus', async () => {
  const r = await run(['check', '--format', 'json', 'ok.json', 'bad.json']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j), ['files']);
  assert.deepEqual(j.files.map((f: { file: string; valid: boolean }) => [f.file, f.valid]), [['ok.json', true], ['bad.json', false]]);
  const d = j.files[1].diagnostics[0];
  assert.deepEqual(Object.keys(d).slice(0, 7), ['code', 'severity', 'message', 'entry', 'path', 'range', 'novaStatus'], 'the contract keys, in order');
  assert.deepEqual(Object.keys(d).slice(7).filter((k) => !['novaMessage', 'summary'].includes(k)), [], 'only documented extensions after them');
  assert.equal(typeof d.novaMessage, 'string');
  assert.ok(d.message.startsWith(d.novaMessage), 'message = Nova\'s words, then the explanation');
  assert.equal(d.code, 'BDM-COMPUTE-BLANK-VOLUME-SIZE');
  assert.equal(d.entry, 0);
  assert.equal(d.novaStatus, 400);
  assert.deepEqual(Object.keys(d.range), ['start', 'end']);
  assert.deepEqual(j.files[0].entries, [{ index: 0, driverClass: 'DriverVolumeBlockDevice' }]);
});
test('check exits 0 when Nova accepts every file, and reads --context', async () => {
  const r = await run(['check', '--context', 'ctx.json', 'ok.json']);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /ok\.json: valid/);
});
test('check exits 2 for unparseable input, an unreadable file, a bad context and usage errors, without a stack trace', async () => {
  for (const args of [['check', 'broken.json'], ['check', 'missing-file.json'], ['check', '--context', 'badctx.json', 'ok.json'], ['check'], ['check', '--format', 'yaml', 'ok.json'], ['frobnicate']]) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.ok(r.err.startsWith('bdm-lab'), `${args.join(' ')}: ${r.err}`);
    assert.doesNotMatch(r.err, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
  }
  const ctx = await run(['check', '--context', 'badctx.json', 'ok.json']);
  assert.match(ctx.err, /badctx\.json:1:\d+: invalid context: flavour: unknown key "flavour"/);
});
test('check --format sarif gives SARIF 2.1.0 with rule ids and regions', async () => {
  const r = await run(['check', '--format', 'sarif', 'bad.json']);
  const s = JSON.parse(r.out);
  assert.equal(s.version, '2.1.0');
  assert.equal(s.runs[0].results[0].ruleId, 'BDM-COMPUTE-BLANK-VOLUME-SIZE');
  assert.equal(s.runs[0].results[0].level, 'error');
  assert.ok(s.runs[0].results[0].locations[0].physicalLocation.region.startLine >= 1);
});
test('check --format sarif fills tool.driver.rules from the rule tables (Nova and libvirt XML) and gives each result its ruleIndex', async () => {
  const r = await run(['check', '--format', 'sarif', '--no-libvirt-schema', 'bad.json', 'broken.json', 'test/fixtures/libvirtxml/invalid-bus-value.xml']);
  const run0 = JSON.parse(r.out).runs[0];
  const rules: Array<{ id: string; shortDescription?: { text: string }; fullDescription?: { text: string }; properties?: Record<string, unknown> }> = run0.tool.driver.rules;
  assert.deepEqual(rules.map((x) => x.id), [...new Set(run0.results.map((x: { ruleId: string }) => x.ruleId))], 'one descriptor per rule with results, in order of first result');
  for (const res of run0.results) assert.equal(rules[res.ruleIndex]!.id, res.ruleId);
  const blank = rules.find((x) => x.id === 'BDM-COMPUTE-BLANK-VOLUME-SIZE')!;
  const row = RULE_BY_ID.get('BDM-COMPUTE-BLANK-VOLUME-SIZE')!;
  const { help: blankHelp, ...blankRest } = blank as typeof blank & { help: { text: string; markdown: string } };
  assert.deepEqual(blankRest, { id: row.id, name: 'BdmComputeBlankVolumeSize', shortDescription: { text: row.nova }, fullDescription: { text: row.explain }, helpUri: `https://opendev.org/openstack/nova/src/branch/master/${row.upstream.split(' ')[0]}`, properties: { httpStatus: row.http, upstream: row.upstream } });
  assert.ok(blankHelp.text.startsWith(`Nova answers HTTP 400: ${row.nova}`), blankHelp.text);
  assert.ok(blankHelp.text.includes(row.explain) && blankHelp.text.endsWith(`Upstream: ${row.upstream}`), blankHelp.text);
  assert.match(blankHelp.markdown, /Upstream: \[`nova\/compute\/api\.py[^`]*`\]\(https:\/\/opendev\.org\/openstack\/nova\/src\/branch\/master\/nova\/compute\/api\.py\)/);
  const syntax = rules.find((x) => x.id === 'BDM-JSON-SYNTAX')!;
  assert.equal(syntax.properties!.httpStatus, 400);
  const bus = rules.find((x) => x.id === 'LIBVIRT-DISK-BUS-VALUE')!;
  const xmlRow = ruleById('LIBVIRT-DISK-BUS-VALUE')!;
  const { help: busHelp, helpUri: busUri, ...busRest } = bus as typeof bus & { help: { text: string }; helpUri?: string };
  assert.deepEqual(busRest, { id: xmlRow.id, name: 'LibvirtDiskBusValue', shortDescription: { text: xmlRow.message }, fullDescription: { text: xmlRow.fact }, properties: { httpStatus: null, upstream: xmlRow.upstream } });
  assert.ok(busHelp.text.includes(xmlRow.fact));
  if (/^libvirt (src|docs)\//.test(xmlRow.upstream)) assert.match(busUri!, /^https:\/\/gitlab\.com\/libvirt\/libvirt\/-\/blob\/master\/(src|docs)\//);
  // Relative file names are against %SRCROOT%, the working directory.
  const loc = run0.results[0].locations[0].physicalLocation.artifactLocation;
  assert.deepEqual(loc, { uri: 'bad.json', uriBaseId: '%SRCROOT%' });
  assert.match(run0.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/\/.*\/$/);
  // a Nova row whose template is only a placeholder ({detail}) is described by its id
  const u = JSON.parse((await run(['check', '--format', 'sarif', 'baduuid.json'])).out).runs[0].tool.driver.rules;
  assert.equal(RULE_BY_ID.get('BDM-SCHEMA-UUID')!.nova, '{detail}');
  assert.deepEqual(u.find((x: { id: string }) => x.id === 'BDM-SCHEMA-UUID')?.shortDescription, { text: 'BDM-SCHEMA-UUID' });
});
test('check on libvirt XML uses the same contract; libvirt\'s own schema has the last word where installed', async () => {
  const r = await run(['check', '--format', 'json', 'samples/workspace/libvirt/broken-iscsi-disk.xml', 'samples/workspace/libvirt/instance-iscsi-rbd.xml']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out);
  assert.equal(j.files[0].valid, false);
  assert.ok(j.files[0].diagnostics.some((d: { code: string }) => d.code === 'LIBVIRT-DISK-SOURCE-ATTR'));
  assert.equal(j.files[1].valid, true);
  let haveValidator = false;
  try { execFileSync('sh', ['-c', 'command -v virt-xml-validate'], { stdio: 'ignore' }); haveValidator = true; } catch { /* absent */ }
  if (haveValidator || process.env.CI) {
    // a memory unit libvirt does not know: only libvirt's schema sees it
    const text = readFileSync(resolve(ROOT, 'samples/workspace/libvirt/instance-iscsi-rbd.xml'), 'utf8').replace(/<memory unit='KiB'>|<memory unit="KiB">/, '<memory unit="XB">');
    assert.notEqual(text, readFileSync(resolve(ROOT, 'samples/workspace/libvirt/instance-iscsi-rbd.xml'), 'utf8'), 'the sample has a <memory unit="KiB">');
    files['mem.xml'] = text;
    const m = await run(['check', '--format', 'json', 'mem.xml']);
    assert.equal(m.code, 1, m.out + m.err);
    assert.ok(JSON.parse(m.out).files[0].diagnostics.some((d: { code: string }) => d.code === 'LIBVIRT-SCHEMA'));
    const n = await run(['check', '--no-libvirt-schema', 'mem.xml']);
    assert.equal(n.code, 0);
  }
});
test('xml --format json gives entries with device names and the implicit flavor disks; a refused payload exits 1', async () => {
  files['ctx2.json'] = '{"flavor": {"root_gb": 20, "ephemeral_gb": 1, "swap_mb": 512}}';
  const r = await run(['xml', '--context', 'ctx2.json', '--format', 'json', 'samples/workspace/boot-from-volume.bdm.json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(j.entries.map((e: { index: number; driverClass: string; deviceName: string; bus: string; bootIndex: string }) => [e.index, e.driverClass, e.deviceName, e.bus, e.bootIndex]), [
    [0, 'DriverVolImageBlockDevice', '/dev/vda', 'virtio', '1'],
    [1, 'DriverVolumeBlockDevice', '/dev/vdd', 'virtio', '2'],
  ]);
  assert.deepEqual(j.implicit.map((e: { driverClass: string; deviceName: string }) => [e.driverClass, e.deviceName]), [['DriverEphemeralBlockDevice', '/dev/vdb'], ['DriverSwapBlockDevice', '/dev/vdc']]);
  assert.match(j.entries[0].xml, /^<disk type="block" device="disk">/);
  const x = await run(['xml', 'samples/workspace/boot-from-volume.bdm.json']);
  assert.match(x.out, /<target dev="vda" bus="virtio"\/>/);
  const bad = await run(['xml', '--format', 'json', 'bad.json']);
  assert.equal(bad.code, 1);
  assert.equal(JSON.parse(bad.out).files[0].diagnostics[0].code, 'BDM-COMPUTE-BLANK-VOLUME-SIZE');
  // In XML format a refused body prints no XML and no JSON: why, as check says it, on stderr.
  const badXml = await run(['xml', 'bad.json']);
  assert.equal(badXml.code, 1);
  assert.equal(badXml.out, '');
  assert.match(badXml.err, /^bdm-lab xml: bad\.json: no XML: Nova would refuse this body \(HTTP 400, BDM-COMPUTE-BLANK-VOLUME-SIZE\)/);
  assert.match(badXml.err, /bad\.json:\d+:\d+: error BDM-COMPUTE-BLANK-VOLUME-SIZE \(HTTP 400\)/);
  void existsSync;
});

test('attach: a JSON syntax error is placed at line:column as the editor counts (a lone CR ends a line, CRLF once)', async () => {
  const r = await run(['attach', '--lab', 'default', 'cr-attach.json']);
  assert.equal(r.code, 2);
  assert.match(r.err, /cr-attach\.json:4:2: \$: JSON syntax error/);
});
