/**
 * The XML of *this* deployment (issue 17): the compute node's nova.conf, the host's O_DIRECT
 * support, the flavor's quota:disk_* extra specs, the instance uuid and the Nova release, read
 * from the context. Local disks are compared byte for byte with
 * test/fixtures/deploy/local-disks.oracle.json, labelled by local_disks_oracle.py (Nova 26.2.2's
 * own imagebackend.libvirt_info, disk_cachemode and _set_cache_mode); the release mapping by
 * Nova's version numbers; everything absent keeps the output of before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { domainDisks, localDiskQos, parseCacheModes } from '../../server/src/libvirt/domainDisks';
import { computeDiskInfo } from '../../server/src/libvirt/naming';
import { novaMajor, parseRelease, profileOfMajor } from '../../server/src/libvirt/release';
import { defaultContext, type Context, type NovaConf } from '../../server/src/model/context';
import { mergeContext, parseContextText } from '../../server/src/model/contextLoad';
import type { NovaBdm } from '../../server/src/nova/types';
import { nodeHashes as hashes } from '../../server/src/host';
import { analyzeJson } from '../../server/src/analyze';
import { entryPreviewOf, previewOf } from '../../server/src/features/preview';
import { FIXTURES, novaXmlCases } from '../fixtures/xml/cases';
import { renderDiskXml, volumeDiskConfig } from '../../server/src/libvirt/diskXml';
import { parseNovaConfIni, refusalCandidates } from '../../server/src/model/novaConfIni';
import { compareXmlCase } from '../../scripts/xml-difftest';
import { cliRunner } from './cli-run';

interface OracleCase {
  id: string;
  conf: NovaConf;
  direct_io?: boolean;
  extra_specs?: Record<string, string>;
  uuid: string;
  monitors: Array<[string, string]>;
  xml: Record<string, string>;
}

const ORACLE: OracleCase[] = JSON.parse(readFileSync(join(__dirname, '../fixtures/deploy/local-disks.oracle.json'), 'utf8'));

function bdm(p: Partial<NovaBdm>): NovaBdm {
  return {
    entry: 0, source_type: 'image', destination_type: 'local', guest_format: null, boot_index: 0, device_name: null,
    disk_bus: null, device_type: null, volume_size: null, uuid: 'img', no_device: false, delete_on_termination: false,
    volume_type: null, tag: null, ...p,
  };
}

/** An image root, the flavor's ephemeral and swap, a config drive: the oracle's four local disks. */
function localDisks(ctx: Context, uuid: string) {
  ctx.flavor = { root_gb: 20, ephemeral_gb: 5, swap_mb: 512, ...(ctx.flavor?.extra_specs ? { extra_specs: ctx.flavor.extra_specs } : {}) };
  ctx.libvirt.config_drive = true;
  const bdms = [
    bdm({}),
    bdm({ entry: null, implicit: 'flavor-ephemeral', source_type: 'blank', boot_index: -1, volume_size: 5, uuid: null }),
    bdm({ entry: null, implicit: 'flavor-swap', source_type: 'blank', guest_format: 'swap', boot_index: -1, volume_size: 512, uuid: null }),
  ];
  const info = computeDiskInfo(bdms, ctx, { imageRef: 'img' });
  return domainDisks(bdms, info, ctx, { instanceUuid: uuid, hashes });
}

test("local disks per nova.conf: the same bytes as Nova 26.2.2's image backend", async (t) => {
  assert.ok(ORACLE.length >= 16);
  for (const c of ORACLE) {
    await t.test(c.id, () => {
      const ctx = defaultContext();
      ctx.nova_conf = c.conf;
      ctx.compute_host = { ...(c.direct_io === false ? { instances_path_direct_io: false } : {}), ceph_monitors: c.monitors.map(([name, port]) => ({ name, port })) };
      if (c.extra_specs) ctx.flavor = { root_gb: 20, ephemeral_gb: 5, swap_mb: 512, extra_specs: c.extra_specs };
      const disks = localDisks(ctx, c.uuid);
      assert.deepEqual(disks.map((d) => d.key), Object.keys(c.xml));
      for (const d of disks) assert.equal(d.xml, c.xml[d.key], `${c.id} ${d.key}`);
    });
  }
});

test('without the new keys the local disks are what they were (qcow2, cache none, the fixed uuid path)', () => {
  const ctx = defaultContext();
  const disks = localDisks(ctx, ORACLE[0]!.uuid);
  for (const d of disks) assert.equal(d.xml, ORACLE.find((c) => c.id === 'defaults')!.xml[d.key]);
});

test('LVM without a volume group and rbd auth halves fail the spawn: an entry with the error, no XML', () => {
  const ctx = defaultContext();
  ctx.nova_conf = { libvirt: { images_type: 'lvm' } };
  const lvm = localDisks(ctx, ORACLE[0]!.uuid);
  assert.equal(lvm[0]!.xml, '');
  assert.match(lvm[0]!.error!, /images_volume_group/);
  assert.notEqual(lvm[3]!.xml, '', 'the config drive stays a flat file');
  for (const libvirt of [{ images_type: 'rbd' as const, rbd_user: 'nova' }, { images_type: 'rbd' as const, rbd_secret_uuid: '457eb676-33da-42ec-9a8c-9293d545c337' }]) {
    const c2 = defaultContext();
    c2.nova_conf = { libvirt };
    const disks = localDisks(c2, ORACLE[0]!.uuid);
    assert.ok(disks.every((d) => d.xml === '' && /rbd_/.test(d.error!)), JSON.stringify(libvirt));
  }
});

test('disk_cachemodes is read as Nova reads it (split at the first "=", invalid modes skipped, "default" kept)', () => {
  // nova/virt/libvirt/driver.py LibvirtDriver.__init__ and VALID_DISK_CACHEMODES
  assert.deepEqual(parseCacheModes(['file=directsync', 'block=bogus', 'network=writeback', 'file=default', 'nothing']), { file: 'default', network: 'writeback' });
  assert.equal(parseCacheModes(undefined), undefined);
  // imagebackend.Image.disk_qos: only the six quota:disk_* keys, nothing else
  assert.deepEqual(localDiskQos({ 'quota:disk_total_bytes_sec': '5', 'quota:disk_total_bytes_sec_max': '9', 'quota:vif_inbound_average': '1', disk_read_iops_sec: '3' }), { total_bytes_sec: '5' });
  assert.equal(localDiskQos({ 'hw:cpu_policy': 'dedicated' }), undefined);
});

test('disk_cachemodes and flavor quotas: volumes take the cache mode of their source type, not the flavor quota', () => {
  const ctx = defaultContext();
  ctx.nova_conf = { libvirt: { disk_cachemodes: ['block=writeback'] } };
  ctx.flavor = { root_gb: 0, ephemeral_gb: 0, swap_mb: 0, extra_specs: { 'quota:disk_read_iops_sec': '100' } };
  const bdms = [bdm({ source_type: 'volume', destination_type: 'volume', uuid: '5b1a7a32-1c1f-4e5a-9d8f-6e0a1b2c3d4e' })];
  const info = computeDiskInfo(bdms, ctx, { imageRef: null });
  const [vol] = domainDisks(bdms, info, ctx, { instanceUuid: ORACLE[0]!.uuid, hashes });
  // the iSCSI volume is a block disk: cache writeback, and io=native falls back to threads
  assert.match(vol!.xml, /<driver name="qemu" type="raw" cache="writeback" io="threads"\/>/);
  assert.doesNotMatch(vol!.xml, /iotune/);
});

test('volume_use_multipath: the built-in iSCSI stand-in is the multipath one', () => {
  const ctx = defaultContext();
  ctx.nova_conf = { libvirt: { volume_use_multipath: true } };
  const bdms = [bdm({ source_type: 'volume', destination_type: 'volume', uuid: '5b1a7a32-1c1f-4e5a-9d8f-6e0a1b2c3d4e' })];
  const info = computeDiskInfo(bdms, ctx, { imageRef: null });
  const [vol] = domainDisks(bdms, info, ctx, { instanceUuid: ORACLE[0]!.uuid, hashes });
  assert.match(vol!.connectionSource!, /multipath/i);
});

test('Nova versions map onto the release profiles', () => {
  // Liberty = 12.0.0, Queens = 17.0.0, Zed = 26.x, then 2023.1 = 27 ... 2024.2 = 30, 2025.1 = 31;
  // before Liberty the date versions (2015.1 Kilo = 11, 2014.2 Juno = 10, 2012.1 Essex = 5).
  assert.deepEqual(['26.2.2', '2023.1', '2023.2', '2024.1', '2024.2', '2025.1', '2026.1', '2015.1', '2014.2', '2012.1', '17.0.0', '12'].map(novaMajor), [26, 27, 28, 29, 30, 31, 33, 11, 10, 5, 17, 12]);
  for (const bad of ['2015.2', '2020.1', '2023.3', 'zed', '', '1.2.3.4']) assert.equal(novaMajor(bad), null, bad);
  assert.deepEqual([31, 30, 17, 16, 12, 11].map(profileOfMajor), ['modern', 'queens_to_2024_2', 'queens_to_2024_2', 'ocata_legacy', 'ocata_legacy', 'kilo_prefix']);
  assert.deepEqual(parseRelease('26.2.2'), { profile: 'queens_to_2024_2', novaVersion: 26 });
  assert.deepEqual(parseRelease('ocata_legacy'), { profile: 'ocata_legacy' });
  assert.equal(parseRelease('nope'), null);
});

test('nova_release decides the release differences: Nova 26 writes no <alias>, 29 does', () => {
  const ctx = defaultContext();
  const bdms = [bdm({ source_type: 'volume', destination_type: 'volume', uuid: '5b1a7a32-1c1f-4e5a-9d8f-6e0a1b2c3d4e' })];
  const info = computeDiskInfo(bdms, ctx, { imageRef: null });
  const xmlAt = (release: string | undefined) => {
    ctx.nova_release = release ?? null;
    return domainDisks(bdms, info, ctx, { instanceUuid: ORACLE[0]!.uuid, hashes })[0]!.xml;
  };
  const newest = xmlAt(undefined);
  assert.match(newest, /<alias name="ua-5b1a7a32/);
  assert.doesNotMatch(xmlAt('26.2.2'), /<alias/);
  assert.doesNotMatch(xmlAt('queens_to_2024_2'), /<alias/);
  assert.match(xmlAt('2024.1'), /<alias/);
  assert.equal(xmlAt('modern'), newest);
});

test("nova_release 26.2.2 gives the bytes of Nova 26.2.2's volume drivers (the fixture labelled by nova_volume_xml.py)", () => {
  const cases = novaXmlCases().filter((c) => c.nova_error === null);
  assert.ok(cases.length > 10, String(FIXTURES));
  const rel = parseRelease('26.2.2')!;
  for (const c of cases) {
    const { unit, ...di } = c.disk_info;
    const got = renderDiskXml(volumeDiskConfig(c.connection_info, di, { profile: rel.profile, novaVersion: rel.novaVersion, scsiUnit: unit }));
    assert.equal(got, c.nova_xml, c.id);
  }
});

test('the context file takes nova_conf, compute_host, nova_release, instance and flavor extra_specs; unknown keys are refused', () => {
  const text = JSON.stringify({
    nova_conf: { DEFAULT: { preallocate_images: 'space', force_config_drive: true, config_drive_format: 'vfat' }, libvirt: { images_type: 'rbd', virt_type: 'qemu', disk_cachemodes: ['network=writeback'] } },
    compute_host: { instances_path_direct_io: false, ceph_monitors: [{ name: 'mon1', port: '6789' }] },
    nova_release: '2023.1',
    instance: { uuid: '8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f' },
    flavor: { root_gb: 1, ephemeral_gb: 0, swap_mb: 0, extra_specs: { 'quota:disk_read_iops_sec': '10' } },
  });
  const r = parseContextText(text);
  assert.deepEqual(r.problems, []);
  const { context, sources } = mergeContext([{ source: 'file', context: r.context }]);
  assert.equal(context.libvirt.virt_type, 'qemu', 'nova.conf virt_type reaches the naming');
  assert.equal(context.libvirt.config_drive, true, 'force_config_drive');
  assert.equal(sources.nova_conf, 'file');
  for (const bad of [{ nova_conf: { libvirt: { images_typo: 'rbd' } } }, { nova_conf: { libvirt: { images_type: 'zfs' } } }, { nova_release: 'zed!' }, { nova_release: '2020.1' }, { nova_release: '2015.2' }, { instance: { uuid: 'x' } }]) {
    assert.notDeepEqual(parseContextText(JSON.stringify(bad)).problems, [], JSON.stringify(bad));
  }
  for (const good of ['26.2.2', '2023.1', '2024.2.1', '2015.1', '12', 'kilo_prefix']) {
    assert.deepEqual(parseContextText(JSON.stringify({ nova_release: good })).problems, [], good);
    assert.ok(parseRelease(good), good);
  }
  // the same layer's libvirt object wins over nova.conf's spelling
  const both = mergeContext([{ source: 'file', context: { libvirt: { virt_type: 'kvm' }, nova_conf: { libvirt: { virt_type: 'qemu' } } } }]);
  assert.equal(both.context.libvirt.virt_type, 'kvm');
});

test('the preview follows the context: instance uuid in the paths, vfat config drive is a disk, rbd root', () => {
  const body = JSON.stringify({ server: { name: 's', imageRef: '70a599e0-31e7-49b7-b260-868f441e862b', flavorRef: '1', networks: 'none',
    block_device_mapping_v2: [{ boot_index: 0, uuid: '70a599e0-31e7-49b7-b260-868f441e862b', source_type: 'image', destination_type: 'local' }] } });
  const { context } = mergeContext([{ source: 'file', context: {
    microversion: '2.37',
    flavor: { root_gb: 1, ephemeral_gb: 0, swap_mb: 0 },
    instance: { uuid: '8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f' },
    nova_conf: { DEFAULT: { force_config_drive: true, config_drive_format: 'vfat' } },
  } }]);
  const a = analyzeJson(body, context, { forced: true });
  assert.ok(a.valid, JSON.stringify(a.diagnostics.map((d) => d.code)));
  const p = previewOf(a, context, null, hashes);
  assert.deepEqual(p.disks.map((d) => d.key), ['disk', 'disk.config']);
  assert.match(p.disks[0]!.xml, /instances\/8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f\/disk"/);
  assert.match(p.disks[1]!.xml, /<disk type="file" device="disk">[\s\S]*<target dev="vdb" bus="virtio"\/>/);
  const rbd: Context = { ...context, nova_conf: { libvirt: { images_type: 'rbd', images_rbd_pool: 'vms' } } };
  const p2 = previewOf(analyzeJson(body, rbd, { forced: true }), rbd, null, hashes);
  assert.match(p2.disks[0]!.xml, /<source protocol="rbd" name="vms\/8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f_disk"\/>/);
});

/** a reader's conf without the refusals it carries for the preview (test/unit/libvirt-nova-conf-refusal.test.ts) */
function optionsOf(conf: NovaConf): NovaConf {
  const { refusals: _r, ...options } = conf;
  return options;
}

test('nova.conf as operators write it: sections, comments, repeated keys, lists; the rest named in notes', () => {
  const r = parseNovaConfIni([
    '# compute node', '[DEFAULT]', 'debug = true', 'preallocate_images=space', '; a comment', 'force_config_drive = True',
    '[libvirt]', 'images_type = rbd', 'disk_cachemodes = network=writeback, block=none', 'hw_disk_discard = bogus',
    'images_type: lvm', 'volume_use_multipath = no', 'disk_prefix =', '', '   continued', '[cinder]', 'os_region_name = r1', 'stray',
  ].join('\r\n'));
  assert.deepEqual(optionsOf(r.conf), {
    DEFAULT: { preallocate_images: 'space', force_config_drive: true },
    libvirt: { images_type: 'lvm', disk_cachemodes: ['network=writeback', 'block=none'], volume_use_multipath: false, disk_prefix: null },
  });
  assert.deepEqual(r.notes, [
    'line 10: [libvirt]hw_disk_discard = "bogus": oslo.config refuses it in Nova 12 and later (ConfigFileValueError: Valid values are [ignore, unmap], but found \'bogus\'): nova-compute does not start with it, so the preview writes no XML',
    'line 15: a continuation line with no value before it: oslo.config refuses the file here (ConfigFileParseError: nova-compute does not start, so the preview writes no XML); the line is ignored',
    'line 18: not a "key = value" line: oslo.config refuses the file here (ConfigFileParseError: nova-compute does not start, so the preview writes no XML); the line is ignored',
    'not modelled by bdm-lab (no effect on the XML here): [DEFAULT]debug, [cinder]os_region_name',
  ]);
  // oslo.config stops at the first line it cannot parse; the value it refuses is kept for the preview too
  assert.deepEqual(refusalCandidates(r.conf).map((c) => [c.line, c.error]), [[10, 'ConfigFileValueError'], [15, 'ConfigFileParseError']]);
  assert.deepEqual(parseNovaConfIni('').conf, {});
});

test('nova.conf read as oslo.config reads it: section names in any case but DEFAULT, the name as written between the brackets, quotes, continuation lines, no inline comments', () => {
  const conf = (lines: string[]) => {
    const r = parseNovaConfIni(lines.join('\n'));
    return { conf: optionsOf(r.conf), notes: r.notes };
  };
  assert.deepEqual(conf(['[Libvirt]', 'images_type = raw']).conf, { libvirt: { images_type: 'raw' } });
  assert.deepEqual(conf(['[default]', 'use_cow_images = false']).conf, {}, '[default] is a group of its own, not DEFAULT');
  assert.deepEqual(conf(['[ libvirt ]', 'images_type = raw']).conf, {}, 'the blanks are part of the name');
  assert.deepEqual(conf(['[libvirt]', 'images_type = "raw"', "disk_cachemodes = 'file=unsafe'", 'disk_prefix = "']).conf, { libvirt: { images_type: 'raw', disk_cachemodes: ['file=unsafe'], disk_prefix: null } });
  assert.deepEqual(conf(['[libvirt]', 'disk_cachemodes = file=writeback,', '\tnetwork=unsafe,', '  block=none', '', '  stray']).conf, { libvirt: { disk_cachemodes: ['file=writeback', 'network=unsafe', 'block=none'] } });
  // an indented comment continues the value; a comment at the start of a line ends it
  const indented = conf(['[libvirt]', 'images_type = raw', '  # a note', 'hw_disk_discard = unmap', '# a note', '  more']);
  assert.deepEqual(indented.conf, { libvirt: { hw_disk_discard: 'unmap' } });
  assert.match(indented.notes[0]!, /^line 2: \[libvirt\]images_type = "raw\\n# a note": oslo.config refuses it/);
  assert.match(indented.notes[1]!, /^line 6: a continuation line with no value before it/);
  assert.match(conf(['[libvirt]', 'images_type = raw # files']).notes[0]!, /images_type = "raw # files": oslo.config refuses it .*ConfigFileValueError/);
  assert.match(conf(['[libvirt', 'images_type = raw']).notes[0]!, /^line 1: a section header that does not end with "\]"/);
  assert.match(conf(['[libvirt]', 'instances_path = $state_path/x', 'disk_prefix = $x']).notes[0]!, /refers to another option/);
});

test('nova.conf in the spellings oslo.config reads its own way: the <disk> XML is the XML Nova 26.2.2 writes with that file (labelled by the XML oracle)', () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'deploy', 'nova-conf-spellings.oracle.json'), 'utf8')) as { cases: Array<Parameters<typeof compareXmlCase>[0] & { id: string; label: Parameters<typeof compareXmlCase>[1] }> };
  assert.ok(fixture.cases.length >= 12);
  for (const c of fixture.cases) {
    assert.ok(c.label.nova_xml?.length, `${c.id}: Nova writes disks`);
    assert.deepEqual(compareXmlCase(c, c.label), { kind: 'agree', exact: true }, c.id);
  }
});

test('bdm-lab xml --nova-conf/--release/--instance: over the context file, notes on stderr, bad values a usage error', async () => {
  const body = JSON.stringify({ server: { name: 's', imageRef: '70a599e0-31e7-49b7-b260-868f441e862b', flavorRef: '1',
    block_device_mapping_v2: [{ boot_index: 0, uuid: '70a599e0-31e7-49b7-b260-868f441e862b', source_type: 'image', destination_type: 'local' },
      { uuid: '5b1a7a32-1c1f-4e5a-9d8f-6e0a1b2c3d4e', source_type: 'volume', destination_type: 'volume' }] } });
  const run = cliRunner({
    'body.json': body,
    'nova.conf': '[DEFAULT]\nuse_cow_images = false\ndebug = true\n[libvirt]\ndisk_cachemodes = file=directsync\n',
    'ctx.json': JSON.stringify({ nova_conf: { libvirt: { images_type: 'qcow2' } }, nova_release: 'modern' }),
  });
  const plain = await run(['xml', 'body.json']);
  assert.equal(plain.code, 0, plain.err);
  assert.match(plain.out, /type="qcow2" cache="none"/);
  assert.match(plain.out, /<alias name="ua-5b1a7a32/);
  const r = await run(['xml', '--context', 'ctx.json', '--nova-conf', 'nova.conf', '--release', '26.2.2', '--instance', '8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f', 'body.json']);
  assert.equal(r.code, 0, r.err);
  // the context file's images_type qcow2 stays (nova.conf says nothing of it); its cache mode is nova.conf's
  assert.match(r.out, /<driver name="qemu" type="qcow2" cache="directsync"\/>\n  <source file="\/var\/lib\/nova\/instances\/8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f\/disk"\/>/);
  assert.doesNotMatch(r.out, /<alias/, '--release 26.2.2 wins over the file\'s modern');
  assert.match(r.err, /nova\.conf: not modelled by bdm-lab \(no effect on the XML here\): \[DEFAULT\]debug/);
  for (const bad of [['--release', 'zedd'], ['--instance', 'nope']]) {
    const u = await run(['xml', ...bad, 'body.json']);
    assert.equal(u.code, 2);
    assert.match(u.err, new RegExp(`^bdm-lab: ${bad[0]} must be`));
  }
  const missing = await run(['xml', '--nova-conf', 'no/such/nova.conf', 'body.json']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read nova\.conf no\/such\/nova\.conf: ENOENT/);
});

test("rbd volumes without their own secret take nova.conf's rbd_user/rbd_secret_uuid (nova/virt/libvirt/volume/net.py _set_auth_config_rbd)", () => {
  const ctx = defaultContext();
  ctx.nova_conf = { libvirt: { rbd_user: 'nova', rbd_secret_uuid: '11111111-2222-4333-8444-555555555555' } };
  const bdms = [bdm({ source_type: 'volume', destination_type: 'volume', uuid: '5b1a7a32-1c1f-4e5a-9d8f-6e0a1b2c3d4e' })];
  const info = computeDiskInfo(bdms, ctx, { imageRef: null });
  const ci = (auth: Record<string, unknown>) => ({
    connectionInfo: { driver_volume_type: 'rbd', data: { name: 'volumes/volume-5b1a', hosts: ['10.0.0.11'], ports: ['6789'], secret_type: 'ceph', ...auth } },
    source: 'test',
  });
  const xmlWith = (auth: Record<string, unknown>) => domainDisks(bdms, info, ctx, { instanceUuid: ORACLE[0]!.uuid, hashes, connectionInfoFor: () => ci(auth) })[0]!.xml;
  // auth disabled: Nova's configured secret stands in
  assert.match(xmlWith({ auth_enabled: false }), /<auth username="nova">\n    <secret type="ceph" uuid="11111111-2222-4333-8444-555555555555"\/>/);
  // auth enabled with a null secret: the configured user and secret
  assert.match(xmlWith({ auth_enabled: true, auth_username: 'cinder', secret_uuid: null }), /<auth username="nova">/);
  // the volume's own secret wins
  assert.match(xmlWith({ auth_enabled: true, auth_username: 'cinder', secret_uuid: '457eb676-33da-42ec-9a8c-9293d545c337' }), /<auth username="cinder">\n    <secret type="ceph" uuid="457eb676/);
  // without nova.conf: no auth when the volume has none (today's output)
  ctx.nova_conf = {};
  assert.doesNotMatch(xmlWith({ auth_enabled: false }), /<auth/);
});

test('virt_type lxc: the root is a <filesystem type="mount"> of rootfs; no ephemeral, swap or config drive disk; a root volume is not a <disk>', () => {
  // nova/virt/libvirt/driver.py _get_guest_storage_config (mount_rootfs, get_bdms_to_connect(..., exclude_root_mapping));
  // the bytes are Nova 26.2.2's LibvirtConfigGuestFilesys(source_type mount, source_dir .../rootfs).to_xml()
  const uuid = ORACLE[0]!.uuid;
  const fs = `<filesystem type="mount">\n  <source dir="/var/lib/nova/instances/${uuid}/rootfs"/>\n  <target dir="/"/>\n</filesystem>\n`;
  const ctx = defaultContext();
  ctx.libvirt.virt_type = 'lxc';
  const disks = localDisks(ctx, uuid);
  assert.deepEqual(disks.map((d) => [d.key, d.xml, d.bdmIndex]), [['rootfs', fs, 0]]);
  const c2 = defaultContext();
  c2.libvirt.virt_type = 'lxc';
  const bdms = [bdm({ source_type: 'volume', destination_type: 'volume', uuid: 'aaaaaaaa-1c1f-4e5a-9d8f-6e0a1b2c3d4e' }),
    bdm({ entry: 1, boot_index: null, source_type: 'volume', destination_type: 'volume', uuid: '5b1a7a32-1c1f-4e5a-9d8f-6e0a1b2c3d4e' })];
  const info = computeDiskInfo(bdms, c2, { imageRef: null });
  const bfv = domainDisks(bdms, info, c2, { instanceUuid: uuid, hashes });
  assert.equal(bfv[0]!.xml, fs);
  assert.equal(bfv.length, 2);
  assert.equal(bfv[1]!.bdmIndex, 1);
  // the other volume names no device: Nova builds its config but cannot write it, and the spawn
  // fails (Nova 26.2.2's TypeError; the lxc cases of test/fixtures/deploy/xml-difftest.oracle.json)
  assert.equal(bfv[1]!.xml, '');
  assert.match(bfv[1]!.error!, /^TypeError: Argument must be bytes or unicode, got 'NoneType'/);
  assert.equal(bfv[1]!.late, true);
});

test("the body's config_drive gives the instance disk.config as Nova's compute API reads it (strict booleans), and a hover after the edit sees the change", () => {
  const ctx: Context = { ...defaultContext(), microversion: '2.67', flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 } };
  const body = (cd: unknown) => JSON.stringify({ server: { name: 's', flavorRef: '1', imageRef: '70a599e0-31e7-49b7-b260-868f441e862b', networks: 'none', ...(cd === undefined ? {} : { config_drive: cd }),
    block_device_mapping_v2: [{ boot_index: 0, uuid: '70a599e0-31e7-49b7-b260-868f441e862b', source_type: 'image', destination_type: 'local' }] } });
  const keys = (cd: unknown) => {
    const a = analyzeJson(body(cd), ctx, { forced: true });
    assert.ok(a.valid, String(cd));
    return previewOf(a, ctx, null, hashes).disks.map((d) => d.key);
  };
  // (Nova 26.2.2, scripts/xml_difftest_oracle.py: <disk type="file" device="cdrom"> .../disk.config, hda on ide)
  for (const yes of [true, 'true', 'True', 'yes', '1', 'on']) assert.deepEqual(keys(yes), ['disk', 'disk.config'], String(yes));
  for (const no of [false, 'false', 'No', 'off', '0', undefined]) assert.deepEqual(keys(no), ['disk'], String(no));
  const p = previewOf(analyzeJson(body(true), ctx, { forced: true }), ctx, null, hashes);
  assert.match(p.disks[1]!.xml, /<disk type="file" device="cdrom">[\s\S]*\/disk\.config"\/>\s*<target dev="hda" bus="ide"\/>/);
  // an entry's hover keeps what the entries share from the version before: not when config_drive changed
  const kept: { ground?: never; previous?: never } = {};
  const before = analyzeJson(body(false), ctx, { forced: true });
  entryPreviewOf(before, ctx, null, hashes, 0, kept);
  const after = analyzeJson(body(true), ctx, { forced: true });
  const k2: Record<string, unknown> = { previous: (kept as Record<string, unknown>).ground };
  const one = entryPreviewOf(after, ctx, null, hashes, 0, k2);
  assert.equal((k2.ground as { context: Context }).context.libvirt.config_drive, true);
  assert.ok(one);
});
