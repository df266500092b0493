/**
 * Issue 17, per volume: the context's `volumes` entries (image metadata, connection details)
 * and a lab host's volumes in the `<disk>` XML; device names libvirt cannot take.
 * - volume-disks.oracle.json: Nova 26.2.2's LibvirtDriver._get_volume_config + to_xml for each
 *   context entry (volume_disks_oracle.py in test/fixtures/deploy);
 * - image-metadata.oracle.json: nova-oracle's device names for boot-from-volume roots (its
 *   Cinder stub gives a volume the context's image properties, a blank root none);
 * - the define error of `<target dev="dev/vda">`: libvirt 9.0 (`virsh -c test:///default
 *   define`) answers "XML error: Unknown disk name 'dev/vda' and no address specified".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeJson } from '../../server/src/analyze';
import { previewOf } from '../../server/src/features/preview';
import { nodeHashes as hashes } from '../../server/src/host';
import { mergeContext, parseContextText, type PartialContext } from '../../server/src/model/contextLoad';
import type { Context, VolumeDetails } from '../../server/src/model/context';
import { frontEndQos } from '../../server/src/libvirt/volumeDetails';
import { loadLabHost } from '../../server/src/attach';
import { cliRunner } from './cli-run';

interface VolumeCase { id: string; details: VolumeDetails; cachemodes?: string[]; disk_info: { dev: string; bus: string }; volume_id: string; nova_xml: string | null; nova_error: string | null }
const VOLUME_CASES: VolumeCase[] = JSON.parse(readFileSync(join(__dirname, '../fixtures/deploy/volume-disks.oracle.json'), 'utf8'));
interface NamingCase { id: string; body: unknown; oracle_context: { libvirt: { image_properties?: Record<string, string> } }; libvirt: { root_device_name: string; device_names: string[] } }
const NAMING: { cases: NamingCase[] } = JSON.parse(readFileSync(join(__dirname, '../fixtures/deploy/image-metadata.oracle.json'), 'utf8'));

const IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b';

function ctxOf(partial: PartialContext): Context {
  const text = JSON.stringify(partial);
  assert.deepEqual(parseContextText(text).problems, [], text);
  return mergeContext([{ source: 'file', context: parseContextText(text).context }]).context;
}

function preview(body: unknown, ctx: Context, lab: Parameters<typeof previewOf>[2] = null) {
  const a = analyzeJson(JSON.stringify(body), ctx, { forced: true });
  assert.ok(a.valid, JSON.stringify(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)));
  return { a, p: previewOf(a, ctx, lab, hashes) };
}

/** An image root and the volume: on scsi (virtio-scsi) the root is unit 0 and the volume unit 1, as in the oracle's case. */
function volumeBody(volumeId: string) {
  return { server: { name: 's', imageRef: IMAGE, flavorRef: '1', networks: 'none', block_device_mapping_v2: [
    { boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'local' },
    { uuid: volumeId, source_type: 'volume', destination_type: 'volume' },
  ] } };
}

/** The same entries labelled by the volume drivers of newer releases (volume_disks_oracle.py DIR VERSION). */
const RELEASE_VOLUME_CASES: Array<[string, VolumeCase[]]> = [
  ['26.2.2', VOLUME_CASES],
  ...['29.4.0', '33.0.2'].map((v) => [v, JSON.parse(readFileSync(join(__dirname, `../fixtures/deploy/volume-disks-${v}.oracle.json`), 'utf8'))] as [string, VolumeCase[]]),
];

test("context volumes: each entry's <disk> is the bytes of Nova's _get_volume_config (26.2.2, 29.4.0, 33.0.2) for the connection_info Cinder fills", async (t) => {
  assert.ok(VOLUME_CASES.length >= 15);
  for (const [release, cases] of RELEASE_VOLUME_CASES) {
    for (const c of cases) {
      await t.test(`${release} ${c.id}`, () => {
        const scsi = c.disk_info.bus === 'scsi';
        const ctx = ctxOf({
          microversion: '2.37',
          nova_release: release,
          volumes: { [c.volume_id]: c.details },
          ...(c.cachemodes ? { nova_conf: { libvirt: { disk_cachemodes: c.cachemodes } } } : {}),
          ...(scsi ? { libvirt: { image_properties: { hw_disk_bus: 'scsi', hw_scsi_model: 'virtio-scsi' } } } : {}),
        });
        const { p } = preview(volumeBody(c.volume_id), ctx);
        const disk = p.disks.find((d) => d.bdmIndex === 1)!;
        assert.equal(disk.config.target.dev, c.disk_info.dev);
        if (c.nova_error) {
          assert.equal(disk.xml, '');
          assert.ok(c.nova_error.endsWith(disk.error!), `${disk.error} vs ${c.nova_error}`);
        } else {
          assert.equal(disk.xml, c.nova_xml);
          assert.match(disk.connectionSource!, new RegExp(`^context volumes\\["${c.volume_id}"\\]`));
        }
      });
    }
  }
});

test('context volumes["*"] applies to every volume, an entry of its own over it; without volumes the stand-ins are unchanged', () => {
  const v1 = '5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5d';
  const body = volumeBody(v1);
  const plain = preview(body, ctxOf({ microversion: '2.37' })).p.disks[1]!;
  assert.equal(plain.connectionSource, 'built-in default iSCSI backend');
  assert.doesNotMatch(plain.xml, /discard|blockio|readonly/);
  const star = preview(body, ctxOf({ microversion: '2.37', volumes: { '*': { discard: true, access_mode: 'ro' } } })).p.disks[1]!;
  assert.match(star.xml, /discard="unmap"[\s\S]*<readonly\/>/);
  assert.match(star.connectionSource!, /volumes\["\*"\]/);
  const own = preview(body, ctxOf({ microversion: '2.37', volumes: { '*': { discard: true, access_mode: 'ro' }, [v1]: { access_mode: 'rw', backend: 'rbd' } } })).p.disks[1]!;
  assert.match(own.xml, /<disk type="network"[\s\S]*discard="unmap"/);
  assert.doesNotMatch(own.xml, /readonly/);
  // a natively encrypted volume without a secret uuid gets a stable stand-in (libvirt makes the real one)
  const enc = preview(body, ctxOf({ microversion: '2.37', volumes: { [v1]: { encryption: { provider: 'luks' } } } })).p.disks[1]!;
  assert.match(enc.xml, /<encryption format="luks">\n {4}<secret type="passphrase" uuid="[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}"\/>/);
  assert.equal(enc.xml, preview(body, ctxOf({ microversion: '2.37', volumes: { [v1]: { encryption: { provider: 'luks' } } } })).p.disks[1]!.xml);
});

test('front-end QoS as Cinder passes it: back-end specs none, per-GB keys times the size within their bounds', () => {
  assert.equal(frontEndQos({ total_iops_sec: '5' }, 1), null, 'consumer defaults to back-end');
  assert.deepEqual(frontEndQos({ consumer: 'both', read_iops_sec_per_gb: '10', read_iops_sec_max: '50' }, 10), { read_iops_sec: 50, read_iops_sec_max: '50' });
  assert.deepEqual(frontEndQos({ consumer: 'front-end', write_bytes_sec_per_gb: 3, write_bytes_sec_per_gb_min: 100 }, 2), { write_bytes_sec: 100 });
});

test("the context's volumes are checked: unknown keys, a bad secret uuid, a block size that is not a number", () => {
  for (const bad of [{ volumes: { x: { discrd: true } } }, { volumes: { x: { encryption: { secret_uuid: 'nope' } } } }, { volumes: { x: { logical_block_size: 512 } } }, { volumes: { x: { backend: 'zfs' } } }]) {
    assert.notDeepEqual(parseContextText(JSON.stringify(bad)).problems, [], JSON.stringify(bad));
  }
});

test("the image properties a boot from volume reads: the boot volume's volume_image_metadata, nothing for a blank root (labelled by nova-oracle)", () => {
  const byId = new Map(NAMING.cases.map((c) => [c.id, c]));
  const names = (c: NamingCase, ctx: PartialContext) => {
    const { p } = preview(c.body, ctxOf({ microversion: '2.67', ...ctx }));
    return { root: p.rootDeviceName, names: p.entries.map((e) => e.deviceName) };
  };
  const expect = (id: string) => ({ root: byId.get(id)!.libvirt.root_device_name, names: byId.get(id)!.libvirt.device_names });
  const scsi = { hw_disk_bus: 'scsi' };
  // the oracle's own setting: every volume carries the context's image properties, a blank root none
  for (const c of NAMING.cases) assert.deepEqual(names(c, { libvirt: c.oracle_context.libvirt }), expect(c.id), c.id);
  const vol = byId.get('volume-root-no-metadata')!;
  const volId = (vol.body as { server: { block_device_mapping_v2: Array<{ uuid: string }> } }).server.block_device_mapping_v2[0]!.uuid;
  // a volume that carries no image metadata: the context's image properties do not name its root
  assert.deepEqual(names(vol, { libvirt: { image_properties: scsi }, volumes: { [volId]: { volume_image_metadata: {} } } }), expect('volume-root-no-metadata'));
  assert.deepEqual(names(vol, { libvirt: { image_properties: scsi }, volumes: { '*': { volume_image_metadata: {} } } }), expect('volume-root-no-metadata'));
  // the volume's own metadata, with no image properties in the context
  assert.deepEqual(names(byId.get('volume-root-scsi-metadata')!, { volumes: { [volId]: { volume_image_metadata: scsi } } }), expect('volume-root-scsi-metadata'));
  const snap = byId.get('snapshot-root-scsi-metadata')!;
  const snapId = (snap.body as { server: { block_device_mapping_v2: Array<{ uuid: string }> } }).server.block_device_mapping_v2[0]!.uuid;
  assert.deepEqual(names(snap, { volumes: { [snapId]: { volume_image_metadata: scsi } } }), expect('snapshot-root-scsi-metadata'));
  // imageRef given, or an image source: Glance's image, whatever the volume carries
  assert.deepEqual(names(byId.get('volume-root-with-imageref')!, { libvirt: { image_properties: scsi }, volumes: { '*': { volume_image_metadata: {} } } }), expect('volume-root-with-imageref'));
  assert.deepEqual(names(byId.get('image-to-volume-root')!, { libvirt: { image_properties: scsi }, volumes: { '*': { volume_image_metadata: {} } } }), expect('image-to-volume-root'));
});

test('a root device_name without /dev/ is written as Nova writes it, and the spawn fails at define (a build-error note); another entry is renamed', () => {
  const byId = new Map(NAMING.cases.map((c) => [c.id, c]));
  const root = byId.get('root-device-name-without-dev')!;
  const { a, p } = preview(root.body, ctxOf({ microversion: '2.67' }));
  assert.equal(p.rootDeviceName, root.libvirt.root_device_name);
  assert.match(p.disks[0]!.xml, /<target dev="dev\/vda" bus="virtio"\/>/);
  assert.match(p.buildError!, /^libvirtError: XML error: Unknown disk name 'dev\/vda' and no address specified/);
  const note = a.diagnostics.find((d) => d.code === 'BDM-LIBVIRT-BUILD-ERROR');
  assert.ok(note, JSON.stringify(a.diagnostics.map((d) => d.code)));
  assert.match(note.message, /Unknown disk name 'dev\/vda'/);
  const other = byId.get('other-device-name-without-dev')!;
  const o = preview(other.body, ctxOf({ microversion: '2.67' }));
  assert.deepEqual(o.p.entries.map((e) => e.deviceName), other.libvirt.device_names);
  assert.equal(o.p.buildError, null);
  assert.ok(!o.a.diagnostics.some((d) => d.code === 'BDM-LIBVIRT-BUILD-ERROR'));
});

test('a lab host volume: block sizes, discard, QoS, read-only, multiattach and native LUKS reach the preview through its boot', () => {
  const id = '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e99';
  const lab = loadLabHost(JSON.stringify({
    name: 'details', profile: 'modern', microversion: '2.79',
    volumes: [{ id, size: 10, backend: 'iscsi', logical_block_size: '512', physical_block_size: '4096', discard: true, readonly: true, multiattach: true,
      qos_specs: { consumer: 'front-end', total_iops_sec_per_gb: '10' }, encryption: { provider: 'luks' } }],
    instances: [],
  }), 'details.labhost.json');
  assert.ok(lab.ok, JSON.stringify(lab));
  const ctx = ctxOf({ microversion: '2.79' });
  const { p } = preview(volumeBody(id), ctx, lab.ok ? lab.labHost : null);
  const disk = p.disks[1]!;
  assert.equal(disk.connectionSource, 'lab host "details"');
  assert.match(disk.xml, /discard="unmap"/);
  assert.match(disk.xml, /<total_iops_sec>100<\/total_iops_sec>/);
  assert.match(disk.xml, /<blockio logical_block_size="512" physical_block_size="4096"\/>\n {2}<readonly\/>\n {2}<shareable\/>/);
  assert.match(disk.xml, /<encryption format="luks">/);
});

test('bdm-lab xml --context with volumes: the volume details in the XML', async () => {
  const v1 = '5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5d';
  const run = cliRunner({
    'body.json': JSON.stringify(volumeBody(v1)),
    'ctx.json': JSON.stringify({ microversion: '2.37', nova_release: '26.2.2', volumes: { [v1]: { logical_block_size: '512', physical_block_size: '4096' } } }),
  });
  const r = await run(['xml', '--context', 'ctx.json', 'body.json']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /<blockio logical_block_size="512" physical_block_size="4096"\/>/);
  assert.doesNotMatch(r.out, /<alias/, 'Nova 26 writes no alias');
});

test("a lab host's host.nova_conf takes the context's sections: the XML of the preview and of the attach engine follow them, the context's own keys win", async () => {
  const { simulateBoot } = await import('../../server/src/attach');
  const id = '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e98';
  const labText = (novaConf: unknown) => JSON.stringify({ name: 'sections', profile: 'modern', microversion: '2.79', host: { nova_conf: novaConf }, volumes: [{ id, size: 1, backend: 'iscsi' }], instances: [] });
  const r = loadLabHost(labText({
    DEFAULT: { preallocate_images: 'space', block_device_allocate_retries: 7 },
    libvirt: { disk_cachemodes: ['block=writeback'], volume_use_multipath: true, num_volume_scan_tries: 2 },
    cinder: { cross_az_attach: false },
    compute: { max_disk_devices_to_attach: 9 },
  }), 'sections.labhost.json');
  assert.ok(r.ok, JSON.stringify(r));
  const lab = r.ok ? r.labHost : null!;
  assert.deepEqual(
    [lab.host.nova_conf.num_volume_scan_tries, lab.host.nova_conf.block_device_allocate_retries, lab.host.nova_conf.cross_az_attach, lab.host.nova_conf.max_disk_devices_to_attach, lab.host.multipath_enabled],
    [2, 7, false, 9, true],
  );
  const ctx = ctxOf({ microversion: '2.79', flavor: { root_gb: 1, ephemeral_gb: 0, swap_mb: 0 } });
  const { a, p } = preview(volumeBody(id), ctx, lab);
  assert.match(p.disks[0]!.xml, /<driver name="qemu" type="qcow2" cache="none" io="native"\/>/, 'preallocate_images=space on the image root');
  assert.match(p.disks[1]!.xml, /cache="writeback" io="threads"/, 'block=writeback on the volume');
  const boot = simulateBoot(lab, a.novaBdms!, { instanceUuid: '8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f', hashes });
  assert.match(boot.volumes[0]!.xml!, /cache="writeback" io="threads"/, "the attach engine's own XML");
  // the context's nova_conf wins key by key
  const own = ctxOf({ microversion: '2.79', nova_conf: { libvirt: { disk_cachemodes: ['block=directsync'] } } });
  assert.match(preview(volumeBody(id), own, lab).p.disks[1]!.xml, /cache="directsync" io="native"/);
  // the flat keys of before are read as they were
  const flat = loadLabHost(labText({ num_volume_scan_tries: 3, cross_az_attach: false }), 'flat.labhost.json');
  assert.ok(flat.ok && flat.labHost.host.nova_conf.num_volume_scan_tries === 3 && !flat.labHost.host.nova_conf.cross_az_attach && !flat.labHost.host.nova_conf.sections);
  assert.ok(!loadLabHost(labText({ libvirt: { images_typo: 'rbd' } }), 'bad.labhost.json').ok, 'unknown keys are refused');
});

test('nova_release takes the series names, mapped as the version numbers are (zed = 26, antelope = 2023.1, caracal = 2024.1, gazpacho = 2026.1)', async () => {
  const { SERIES, novaMajor, parseRelease } = await import('../../server/src/libvirt/release');
  for (const [name, version] of [['essex', '2012.1'], ['juno', '2014.2'], ['kilo', '2015.1'], ['antelope', '2023.1'], ['bobcat', '2023.2'], ['caracal', '2024.1'], ['dalmatian', '2024.2'], ['epoxy', '2025.1'], ['flamingo', '2025.2'], ['gazpacho', '2026.1']] as const) {
    assert.equal(SERIES[name], novaMajor(version), name);
    assert.deepEqual(parseRelease(name), parseRelease(version), name);
  }
  assert.deepEqual(parseRelease('Zed'), { profile: 'queens_to_2024_2', novaVersion: 26 });
  assert.equal(parseRelease('constructor'), null);
  for (const good of ['zed', 'Caracal', 'gazpacho']) assert.deepEqual(parseContextText(JSON.stringify({ nova_release: good })).problems, [], good);
  assert.notDeepEqual(parseContextText(JSON.stringify({ nova_release: 'zedd' })).problems, []);
  // Nova 26 (zed) writes no <alias>, caracal (29) does
  const v1 = '5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5d';
  const xmlAt = (release: string) => preview(volumeBody(v1), ctxOf({ microversion: '2.37', nova_release: release })).p.disks[1]!.xml;
  assert.doesNotMatch(xmlAt('zed'), /<alias/);
  assert.match(xmlAt('caracal'), /<alias name="ua-5d3c2b1a/);
});

test('a context file\'s "nova_conf" may be a path to the nova.conf, relative to the context file (bdm-lab xml)', async () => {
  const v1 = '5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5d';
  const run = cliRunner({
    'body.json': JSON.stringify(volumeBody(v1)),
    'deploy/ctx.json': JSON.stringify({ microversion: '2.37', nova_conf: 'compute/nova.conf' }),
    'deploy/compute/nova.conf': '[libvirt]\ndisk_cachemodes = block=writeback\nimages_type = flat\ncpu_mode = host-model\n',
    'deploy/bad.json': JSON.stringify({ nova_conf: 'missing.conf' }),
  });
  const r = await run(['xml', '--context', 'deploy/ctx.json', 'body.json']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /<driver name="qemu" type="raw" cache="none"\/>\n {2}<source file=/, 'images_type flat on the image root');
  assert.match(r.out, /cache="writeback" io="threads"/, 'block=writeback on the volume');
  assert.match(r.err, /deploy\/compute\/nova\.conf: .*\[libvirt\]cpu_mode/);
  const bad = await run(['xml', '--context', 'deploy/bad.json', 'body.json']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /cannot read nova\.conf deploy\/missing\.conf/);
  assert.notDeepEqual(parseContextText(JSON.stringify({ nova_conf: '/etc/passwd' })).problems, [], 'only *.conf paths');
});

interface SpawnCase { id: string; body: unknown; context: PartialContext; device_names: string[]; nova_xml: string[] | null; nova_error: string | null }
const SPAWN: SpawnCase[] = JSON.parse(readFileSync(join(__dirname, '../fixtures/deploy/spawn.oracle.json'), 'utf8'));

test("whole spawns: every <disk> bdm-lab writes is the bytes of Nova 26.2.2's _get_guest_storage_config (spawn.oracle.json)", async (t) => {
  assert.ok(SPAWN.length >= 8);
  let disks = 0;
  for (const c of SPAWN) {
    await t.test(c.id, () => {
      assert.equal(c.nova_error, null);
      const { p } = preview(c.body, ctxOf(c.context));
      assert.deepEqual(p.entries.map((e) => e.deviceName), c.device_names);
      assert.equal(p.buildError, null);
      assert.deepEqual(p.disks.map((d) => d.xml), c.nova_xml);
      disks += c.nova_xml!.length;
    });
  }
  assert.ok(disks >= 30, String(disks));
});

test("the spawns' and the volume entries' XML pass bdm-lab's libvirt checks and libvirt's own schema (xmllint, when installed)", async () => {
  const { analyzeLibvirtXml } = await import('../../server/src/libvirtxml');
  const { execFileSync } = await import('node:child_process');
  const { existsSync, mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const docs = SPAWN.map((c) => [c.id, c.nova_xml!.join('')] as const);
  docs.push(['volume entries', VOLUME_CASES.filter((c) => c.nova_xml).map((c) => c.nova_xml!.replace(/<target dev="vdb"/, `<target dev="vd${'bcdefghijklmnopqrstuvwxyz'[VOLUME_CASES.indexOf(c)]}"`)).join('')]);
  const rng = '/usr/share/libvirt/schemas/domain.rng';
  const xmllint = existsSync(rng) && existsSync('/usr/bin/xmllint');
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-spawn-xml-'));
  try {
    for (const [id, disks] of docs) {
      const doc = `<domain type="kvm"><name>t</name><memory>1024</memory><os><type>hvm</type></os><devices>\n${disks}</devices></domain>\n`;
      const a = analyzeLibvirtXml(doc);
      assert.deepEqual(a.problems.filter((p) => p.severity === 'error').map((p) => `${p.id}: ${p.message}`), [], id);
      if (!xmllint) continue;
      const file = join(dir, 'd.xml');
      writeFileSync(file, doc);
      execFileSync('/usr/bin/xmllint', ['--noout', '--relaxng', rng, file], { stdio: 'pipe' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("newer releases: nova_release's profile and version give the bytes of the volume drivers of Nova 27 to 33 (release-volume-xml.json)", async () => {
  const { renderDiskXml, volumeDiskConfig } = await import('../../server/src/libvirt/diskXml');
  const { parseRelease } = await import('../../server/src/libvirt/release');
  const { novaXmlCases } = await import('../fixtures/xml/cases');
  const doc: { releases: Array<{ version: string; cases: Array<{ id: string; nova_xml: string | null; nova_error: string | null }> }> } =
    JSON.parse(readFileSync(join(__dirname, '../fixtures/deploy/release-volume-xml.json'), 'utf8'));
  const inputs = new Map(novaXmlCases().map((c) => [c.id, c]));
  assert.deepEqual(doc.releases.map((r) => r.version.split('.')[0]), ['27', '28', '29', '30', '31', '32', '33']);
  let same = 0;
  for (const r of doc.releases) {
    const rel = parseRelease(r.version)!;
    for (const c of r.cases) {
      const input = inputs.get(c.id)!;
      const { unit, ...di } = input.disk_info;
      const render = () => renderDiskXml(volumeDiskConfig(input.connection_info, di, { profile: rel.profile, novaVersion: rel.novaVersion, scsiUnit: unit }));
      if (c.nova_error) assert.throws(render, (e: Error) => c.nova_error!.endsWith(e.message), `${r.version} ${c.id}`);
      else assert.equal(render(), c.nova_xml, `${r.version} ${c.id}`);
      same++;
    }
  }
  assert.equal(same, 7 * 23);
  // what changed on the way: <alias> from 29, no <serial> on a lun from 30
  const lun = (v: string) => doc.releases.find((r) => r.version.startsWith(v))!.cases.find((c) => c.id === 'lun-scsi')!.nova_xml!;
  assert.ok(!lun('28').includes('<alias') && lun('29').includes('<alias') && lun('29').includes('<serial>') && !lun('30').includes('<serial>'));
});

test("local disks: Nova 33.0.2's image backend writes the same bytes as 26.2.2's for every nova.conf case, and nova_release leaves them as they are", () => {
  type Local = { id: string; xml: Record<string, string> };
  const at = (file: string): Local[] => JSON.parse(readFileSync(join(__dirname, `../fixtures/deploy/${file}`), 'utf8'));
  const old = at('local-disks.oracle.json');
  const newer = at('local-disks-33.0.2.oracle.json');
  assert.equal(newer.length, old.length);
  newer.forEach((c, i) => assert.deepEqual(c.xml, old[i]!.xml, c.id));
  // the product's local disks do not depend on the release (the 26.2.2 bytes are asserted in libvirt-deployment.test.ts)
  const body = { server: { name: 's', imageRef: IMAGE, flavorRef: '1', networks: 'none', block_device_mapping_v2: [{ boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'local' }] } };
  const xml = (release?: string) => preview(body, ctxOf({ microversion: '2.37', flavor: { root_gb: 1, ephemeral_gb: 1, swap_mb: 1 }, ...(release ? { nova_release: release } : {}) })).p.disks.map((d) => d.xml);
  assert.deepEqual(xml('33.0.2'), xml('26.2.2'));
  assert.deepEqual(xml(), xml('26.2.2'));
});

test('disk_cachemodes: an item without "=" is skipped, as Nova does (a warning in its log), and the context around it is kept', () => {
  // Nova's driver splits each item at its first "=" and skips one whose mode is not valid; an
  // item with no "=" has the empty mode. The context file keeps everything else it says.
  const v = '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02';
  const ctx = ctxOf({ microversion: '2.37', nova_conf: { libvirt: { disk_cachemodes: ['writeback', 'block=directsync'] } } });
  assert.equal(ctx.microversion, '2.37', 'the rest of the context is read');
  assert.match(preview(volumeBody(v), ctx).p.disks[1]!.xml, /cache="directsync" io="native"/, 'the valid item applies');
  const skipped = ctxOf({ microversion: '2.37', nova_conf: { libvirt: { disk_cachemodes: ['writeback'] } } });
  assert.equal(preview(volumeBody(v), skipped).p.disks[1]!.xml.match(/cache="(\w+)"/)?.[1], preview(volumeBody(v), ctxOf({ microversion: '2.37' })).p.disks[1]!.xml.match(/cache="(\w+)"/)?.[1], 'an item without "=" changes nothing');
});
