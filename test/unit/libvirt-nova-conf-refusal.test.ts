/**
 * A nova.conf oslo.config refuses: a value its option's type does not take (ConfigFileValueError)
 * or a line its parser cannot read (ConfigFileParseError). nova-compute does not start with it, so
 * the preview, the hover and `bdm-lab xml` write no XML and say why at the file's line. Labels:
 * test/fixtures/deploy/nova-conf-refusals.oracle.json, written by nova_conf_refusals_oracle.py
 * (oslo.config itself over python3-nova 26.2.2's options, or a release tag's nova/conf/*.py).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { confRefusal, parseNovaConfIni, pyInt, pyRepr } from '../../server/src/model/novaConfIni';
import { releaseMajors } from '../../server/src/libvirt/release';
import { defaultContext, type Context } from '../../server/src/model/context';
import { mergeContext } from '../../server/src/model/contextLoad';
import { analyzeJson } from '../../server/src/analyze';
import { entryPreviewMarkdown, entryPreviewOf, previewDocument, previewOf, spawnError } from '../../server/src/features/preview';
import { nodeHashes as hashes } from '../../server/src/host';
import { cliRunner } from './cli-run';

interface Label {
  id: string;
  release: string;
  start_error: string | null;
  options?: Record<string, { value?: unknown; error?: string }>;
}
const FIXTURE = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'deploy', 'nova-conf-refusals.oracle.json'), 'utf8')) as {
  cases: Array<{ id: string; ini: string; nova_release: string; label: Label }>;
};

const BODY = JSON.stringify({ server: { name: 's', imageRef: '70a599e0-31e7-49b7-b260-868f441e862b', flavorRef: '1',
  block_device_mapping_v2: [{ boot_index: 0, uuid: '70a599e0-31e7-49b7-b260-868f441e862b', source_type: 'image', destination_type: 'local' },
    { uuid: '5b1a7a32-1c1f-4e5a-9d8f-6e0a1b2c3d4e', source_type: 'volume', destination_type: 'volume' }] } });

/** the context a nova.conf file gives (as `bdm-lab xml --nova-conf` layers it) at a Nova release */
function contextOf(ini: string, release: string | null = null, over: Parameters<typeof mergeContext>[0] = []): Context {
  return mergeContext([...over, { source: 'cli', context: { nova_conf: parseNovaConfIni(ini).conf, ...(release !== null ? { nova_release: release } : {}) } }]).context;
}

test('what oslo.config refuses in a nova.conf, release by release, as oslo.config itself does (nova-conf-refusals.oracle.json)', () => {
  assert.ok(FIXTURE.cases.length >= 40);
  let refusedCases = 0;
  for (const c of FIXTURE.cases) {
    const r = confRefusal(parseNovaConfIni(c.ini).conf, releaseMajors(c.nova_release));
    const l = c.label;
    if (l.start_error === null) {
      assert.equal(r, null, `${c.id}: oslo.config takes the file (${l.release})`);
      continue;
    }
    refusedCases++;
    assert.ok(r, `${c.id}: oslo.config refuses it (${l.release}): ${l.start_error}`);
    assert.equal(r.refusal.error, l.start_error.split(':')[0], c.id);
    if (r.refusal.error === 'ConfigFileParseError') {
      // oslo.config's words after its "at FILE:LINE, "
      assert.equal(r.refusal.reason, l.start_error.replace(/^.*?at nova\.conf:\d+, /, ''), c.id);
      continue;
    }
    const errors = Object.entries(l.options ?? {}).filter(([, v]) => v.error !== undefined);
    assert.equal(r.refusal.reason, l.options?.[`${r.refusal.group}.${r.refusal.name}`]?.error, `${c.id}: oslo.config's words`);
    assert.equal(1 + r.more, errors.length, `${c.id}: every option oslo.config refuses is counted`);
    assert.ok(l.start_error.includes(`Value for option ${errors.map(([k]) => k.split('.')[1]).find((n) => l.start_error!.includes(`option ${n} `))} `), c.id);
  }
  assert.ok(refusedCases >= 25);
});

test('the release decides what oslo.config refuses: xen/uml until Victoria (22), flat images from Newton (14), no choices before Liberty (12), min=0 of the retries from Ocata/Train', () => {
  const refused = (ini: string, release: string | null) => confRefusal(parseNovaConfIni(ini).conf, releaseMajors(release))?.refusal.reason ?? null;
  // labelled above by oslo.config over victoria-eol / wallaby-eol's nova/conf/libvirt.py
  assert.equal(refused('[libvirt]\nvirt_type = xen\n', '22.1.0'), null);
  assert.equal(refused('[libvirt]\nvirt_type = xen\n', 'wallaby'), "Valid values are [kvm, lxc, qemu, parallels], but found 'xen'");
  assert.equal(refused('[libvirt]\nvirt_type = xen\n', null), "Valid values are [kvm, lxc, qemu, parallels], but found 'xen'", 'no release: the newest');
  // a profile spanning releases that disagree refuses nothing it cannot be sure of
  assert.equal(refused('[libvirt]\nvirt_type = xen\n', 'queens_to_2024_2'), null);
  assert.equal(refused('[libvirt]\nvirt_type = bogus\n', 'queens_to_2024_2'), "Valid values are [kvm, lxc, qemu, parallels], but found 'bogus'");
  assert.equal(refused('[libvirt]\nvirt_type = bogus\n', 'ocata'), "Valid values are [kvm, lxc, qemu, uml, xen, parallels], but found 'bogus'");
  // mitaka-eol's nova/conf/libvirt.py: images_type choices raw, qcow2, lvm, rbd, ploop, default (flat came with Newton)
  assert.equal(refused('[libvirt]\nimages_type = flat\n', 'mitaka'), "Valid values are [raw, qcow2, lvm, rbd, ploop, default], but found 'flat'");
  // 2015.1.4 (Kilo): nova/virt/libvirt/driver.py's virt_type and images_type are StrOpts without choices
  assert.equal(refused('[libvirt]\nvirt_type = bogus\nimages_type = bogus\n', 'kilo'), null);
  assert.equal(refused('[DEFAULT]\nuse_cow_images = maybe\n', 'kilo'), "Unexpected boolean value 'maybe'", 'a BoolOpt at every release');
  assert.equal(refused('[DEFAULT]\nblock_device_allocate_retries = -1\n', '19.0.0'), null);
  assert.equal(refused('[DEFAULT]\nblock_device_allocate_retries = -1\n', 'train'), 'Should be greater than or equal to 0');
});

test("Python's int() and repr() as oslo.config's Integer type and messages use them", () => {
  assert.equal(pyInt(' +1_0 '), 10n);
  assert.equal(pyInt('\u0663'), 3n, 'an Arabic-Indic three');
  assert.equal(pyInt('-\uff17'), -7n, 'a fullwidth seven');
  for (const bad of ['1__0', '_1', '1_', '0x10', '3.5', '', '+', '1 0']) assert.equal(pyInt(bad), null, bad);
  assert.equal(pyRepr('true\nfalse'), "'true\\nfalse'");
  assert.equal(pyRepr('"kvm'), `'"kvm'`);
  assert.equal(pyRepr("it's"), `"it's"`);
  assert.equal(pyRepr(`it's "x"`), `'it\\'s "x"'`);
});

test('a refused nova.conf: the preview and the hover write no XML and no names, and say why at the line', () => {
  const ctx = contextOf('[DEFAULT]\nuse_cow_images = false\n\n[libvirt]\nimages_type = raw\nvirt_type = KVM\n');
  const a = analyzeJson(BODY, ctx, { forced: true });
  assert.ok(a.valid, 'the API accepts the body: nova-compute is what does not start');
  const p = previewOf(a, ctx, null, hashes);
  assert.deepEqual(p.disks, []);
  assert.ok(p.novaConfError);
  assert.deepEqual({ ...p.novaConfError, message: undefined }, {
    line: 6, error: 'ConfigFileValueError', section: 'libvirt', option: 'virt_type', group: 'libvirt', name: 'virt_type', value: 'KVM',
    reason: "Valid values are [kvm, lxc, qemu, parallels], but found 'KVM'", more: 0, message: undefined,
  });
  assert.equal(p.novaConfError.message, `nova.conf line 6: [libvirt]virt_type = "KVM": oslo.config refuses the value (ConfigFileValueError: Valid values are [kvm, lxc, qemu, parallels], but found 'KVM'): nova-compute does not start with it, so Nova writes no XML`);
  assert.deepEqual(p.entries.map((e) => [e.driverClass, e.deviceName, e.bus, e.xml]), [['DriverImageBlockDevice', null, null, null], ['DriverVolumeBlockDevice', null, null, null]]);
  assert.equal(p.rootDeviceName, null);
  assert.equal(spawnError(p), p.novaConfError.message);
  assert.doesNotMatch(previewDocument(p), /<disk type/);
  assert.match(previewDocument(p), /No XML: nova\.conf line 6: \[libvirt\]virt_type = "KVM"/);
  const one = entryPreviewOf(a, ctx, null, hashes, 1);
  assert.ok(one);
  const md = entryPreviewMarkdown(one, 1)!;
  assert.doesNotMatch(md, /```xml|libvirt: `/);
  assert.match(md, /⚠ nova\.conf line 6: \[libvirt\]virt_type = "KVM": oslo\.config refuses the value \(ConfigFileValueError: Valid values are \[kvm, lxc, qemu, parallels\], but found 'KVM'\)/);
  // the same body with a nova.conf oslo.config takes writes its disks
  const fine = contextOf('[DEFAULT]\nuse_cow_images = false\n\n[libvirt]\nimages_type = raw\nvirt_type = kvm\n');
  const q = previewOf(analyzeJson(BODY, fine, { forced: true }), fine, null, hashes);
  assert.equal(q.novaConfError, null);
  assert.equal(q.disks.length, 2);
  assert.match(q.disks[0]!.xml, /type="raw"/);
});

test('a stronger context layer that sets the refused option replaces the file\'s value; one that sets other options does not', () => {
  const bad = '[libvirt]\nimages_type = Raw\n';
  const over = (nova_conf: object) => [{ source: 'cli' as const, context: { nova_conf } }];
  assert.equal(confRefusal(contextOf(bad, null, over({ libvirt: { images_type: 'qcow2' } })).nova_conf, releaseMajors(null)), null);
  assert.equal(confRefusal(contextOf(bad, null, over({ libvirt: { hw_disk_discard: 'unmap' } })).nova_conf, releaseMajors(null))?.refusal.value, 'Raw');
  // xen, kept for the releases that take it: refused at the newest unless a stronger layer replaced it
  assert.equal(confRefusal(contextOf('[libvirt]\nvirt_type = xen\n').nova_conf, releaseMajors(null))?.refusal.value, 'xen');
  assert.equal(confRefusal(contextOf('[libvirt]\nvirt_type = xen\n', null, over({ libvirt: { virt_type: 'qemu' } })).nova_conf, releaseMajors(null)), null);
  // a file oslo.config cannot parse is refused before any of its values is read
  const both = confRefusal(parseNovaConfIni('[DEFAULT]\nuse_cow_images = maybe\n[libvirt]\nstray\n').conf, releaseMajors(null));
  assert.deepEqual([both?.refusal.error, both?.refusal.line, both?.refusal.reason, both?.more], ['ConfigFileParseError', 4, "No ':' or '=' found in assignment: 'stray'", 0]);
  // a bad disk_cachemodes entry is no refusal: a ListOpt of plain strings (the driver drops the mode)
  assert.equal(confRefusal(parseNovaConfIni('[libvirt]\ndisk_cachemodes = file=bogus\n').conf, releaseMajors(null)), null);
});

test('bdm-lab xml with a nova.conf oslo.config refuses: exit 1, no XML, the file, line, option, value and oslo.config\'s words on stderr; --format json extends its shape with novaConfError', async () => {
  const run = cliRunner({
    'body.json': BODY,
    'bad.conf': '[DEFAULT]\nforce_config_drive = maybe\n[libvirt]\nimages_type = raw\nnum_volume_scan_tries = 2.5\n',
    'ctx.json': JSON.stringify({ nova_conf: 'compute/nova.conf' }),
    'compute/nova.conf': '[libvirt]\nhw_disk_discard =\n',
  });
  const r = await run(['xml', '--nova-conf', 'bad.conf', 'body.json']);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /^bdm-lab xml: body\.json: no XML: bad\.conf:2: \[DEFAULT\]force_config_drive = "maybe": oslo\.config refuses the value \(ConfigFileValueError: Unexpected boolean value 'maybe'\): nova-compute does not start with it, so Nova writes no XML \(and 1 more refused value\)$/m);
  assert.match(r.err, /bad\.conf: line 5: \[libvirt\]num_volume_scan_tries = "2\.5": oslo\.config refuses it \(ConfigFileValueError: invalid literal for int\(\) with base 10: '2\.5'\)/);
  const j = await run(['xml', '--format', 'json', '--nova-conf', 'bad.conf', 'body.json']);
  assert.equal(j.code, 1);
  const out = JSON.parse(j.out) as Record<string, unknown> & { entries: Array<Record<string, unknown>>; novaConfError: Record<string, unknown> };
  assert.deepEqual(Object.keys(out), ['entries', 'implicit', 'rootDeviceName', 'bootDevOrder', 'buildError', 'spawnError', 'novaConfError']);
  assert.deepEqual(out.entries.map((e) => [e.index, e.driverClass, e.deviceName, e.xml]), [[0, 'DriverImageBlockDevice', null, null], [1, 'DriverVolumeBlockDevice', null, null]]);
  assert.deepEqual([out.novaConfError.file, out.novaConfError.line, out.novaConfError.option, out.novaConfError.value, out.novaConfError.reason], ['bad.conf', 2, 'force_config_drive', 'maybe', "Unexpected boolean value 'maybe'"]);
  // the nova.conf a context file names is read the same way, and named by its path
  const c = await run(['xml', '--context', 'ctx.json', 'body.json']);
  assert.equal(c.code, 1);
  assert.match(c.err, /no XML: compute\/nova\.conf:2: \[libvirt\]hw_disk_discard = "": oslo\.config refuses the value \(ConfigFileValueError: Valid values are \[ignore, unmap\], but found ''\)/);
  const old = await run(['xml', '--nova-conf', 'bad.conf', '--release', 'victoria', 'body.json']);
  assert.equal(old.code, 1, 'force_config_drive = maybe is refused at every release');
  const xen = cliRunner({ 'body.json': BODY, 'xen.conf': '[libvirt]\nvirt_type = xen\nimages_type = raw\n' });
  const wallaby = await xen(['xml', '--nova-conf', 'xen.conf', '--release', 'wallaby', 'body.json']);
  assert.equal(wallaby.code, 1);
  assert.match(wallaby.err, /no XML: xen\.conf:2: \[libvirt\]virt_type = "xen"/);
  // Victoria takes xen: nova.conf is no refusal there (the naming then says what it makes of xen)
  const victoria = await xen(['xml', '--nova-conf', 'xen.conf', '--release', 'victoria', '--format', 'json', 'body.json']);
  assert.equal((JSON.parse(victoria.out) as { novaConfError: unknown }).novaConfError, null);
});

test('hovering an entry with a refused nova.conf in the context (the LSP path: the conf travels in the context)', () => {
  const ctx: Context = { ...defaultContext(), ...contextOf('[libvirt]\nsparse_logical_volumes = sometimes\n') };
  const a = analyzeJson(BODY, ctx, { forced: true });
  const p = entryPreviewOf(a, ctx, null, hashes, 0);
  assert.equal(p?.entries[0]?.xml, null);
  assert.match(p?.entries[0]?.error ?? '', /\[libvirt\]sparse_logical_volumes = "sometimes": oslo\.config refuses the value \(ConfigFileValueError: Unexpected boolean value 'sometimes'\)/);
});
