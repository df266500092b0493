/**
 * <disk> XML: byte-for-byte against Nova 26.2.2's own volume drivers (fixture labelled by
 * test/fixtures/xml/nova_volume_xml.py), against the examples of attach-flow.md f.3, and
 * modern golden files; plus connection_info defaults, redaction and whole-guest disk lists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { defaultConnectionInfo, redactConnectionInfo, type ConnectionInfo } from '../../server/src/libvirt/connectionInfo';
import { DiskConfigError, renderDiskXml, volumeDiskConfig } from '../../server/src/libvirt/diskXml';
import { domainDisks } from '../../server/src/libvirt/domainDisks';
import { computeDiskInfo } from '../../server/src/libvirt/naming';
import { defaultContext } from '../../server/src/model/context';
import type { NovaBdm } from '../../server/src/nova/types';
import { FIXTURES, GOLDEN, VID, novaXmlCases, ours26, oursModern } from '../fixtures/xml/cases';
import { nodeHashes as hashes } from '../../server/src/host';

const VD = { dev: 'vdb', bus: 'virtio', type: 'disk' };
const wellFormed = (xml: string) => assert.equal(XMLValidator.validate(xml), true, xml);

test("Nova 26.2.2's volume drivers: same bytes or same refusal", async (t) => {
  const cases = novaXmlCases();
  let same = 0;
  for (const c of cases) {
    await t.test(c.id, () => {
      if (c.nova_error !== null) {
        assert.throws(() => ours26(c), (e: unknown) => e instanceof DiskConfigError && c.nova_error!.endsWith(e.message));
      } else {
        const xml = ours26(c);
        assert.equal(xml, c.nova_xml);
        wellFormed(xml);
      }
      same++;
    });
  }
  assert.equal(same, cases.length);
});

// attach-flow.md f.3, copied from the spec (the RBD one with its <vid> placeholder filled in).
const SPEC_ISCSI = `<disk type="block" device="disk">
  <driver name="qemu" type="raw" cache="none" io="native"/>
  <alias name="ua-0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01"/>
  <source dev="/dev/sdb"/>
  <target dev="vdb" bus="virtio"/>
  <serial>0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01</serial>
</disk>
`;
const SPEC_RBD = `<disk type="network" device="disk">
  <driver name="qemu" type="raw" cache="none" discard="unmap"/>
  <alias name="ua-<vid>"/>
  <source protocol="rbd" name="volumes/volume-<vid>">
    <host name="10.0.0.11" port="6789"/>
    <host name="10.0.0.12" port="6789"/>
    <host name="10.0.0.13" port="6789"/>
  </source>
  <auth username="cinder">
    <secret type="ceph" uuid="457eb676-33da-42ec-9a8c-9293d545c337"/>
  </auth>
  <target dev="vdb" bus="virtio"/>
  <serial><vid></serial>
</disk>
`.replaceAll('<vid>', VID);

test('f.3 examples byte for byte (modern, default backends)', () => {
  assert.equal(renderDiskXml(volumeDiskConfig(defaultConnectionInfo('iscsi', VID, { hashes }), VD)), SPEC_ISCSI);
  assert.equal(renderDiskXml(volumeDiskConfig(defaultConnectionInfo('rbd', VID, { hashes }), VD)), SPEC_RBD);
});

test('modern golden files = Nova 26.2.2 output plus the Nova 29 alias line', () => {
  const byId = new Map(novaXmlCases().map((c) => [c.id, c]));
  for (const g of GOLDEN) {
    const c = byId.get(g.from)!;
    const path = join(FIXTURES, 'xml', g.file);
    const xml = oursModern(c);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, xml);
    assert.equal(xml, readFileSync(path, 'utf8'), g.file);
    const lines = c.nova_xml!.split('\n');
    lines.splice(2, 0, `  <alias name="ua-${VID}"/>`);
    assert.equal(xml, lines.join('\n'), `${g.file} vs Nova 26.2.2 + alias`);
    wellFormed(xml);
  }
});

test('escaping follows lxml: & < > everywhere, " in attributes, apostrophes literal', () => {
  const ci: ConnectionInfo = { driver_volume_type: 'iscsi', serial: `a<b&c"d'e>`, data: { device_path: '/dev/x"&<', volume_id: `i'd&"` } };
  const xml = renderDiskXml(volumeDiskConfig(ci, VD));
  assert.match(xml, /<serial>a&lt;b&amp;c"d'e&gt;<\/serial>/);
  assert.match(xml, /<source dev="\/dev\/x&quot;&amp;&lt;"\/>/);
  assert.match(xml, /<alias name="ua-i'd&amp;&quot;"\/>/);
  wellFormed(xml);
});

test('release differences: alias from 29, lun serial until 29, lun blockio until 32, aio option', () => {
  const ci = defaultConnectionInfo('iscsi', VID, { hashes });
  ci.data.logical_block_size = '512';
  ci.data.physical_block_size = '4096';
  const lun = { dev: 'sda', bus: 'scsi', type: 'lun' };
  const at = (v: number, di = VD, extra = {}) => volumeDiskConfig(ci, di, { novaVersion: v, ...extra });
  assert.equal(at(28).alias, undefined);
  assert.equal(at(29).alias, `ua-${VID}`);
  assert.equal(volumeDiskConfig(ci, VD, { profile: 'ocata_legacy' }).alias, undefined);
  assert.equal(at(29, lun).serial, VID);
  assert.equal(at(30, lun).serial, undefined);
  assert.ok(at(32, lun).blockio);
  assert.equal(at(33, lun).blockio, undefined);
  assert.ok(at(33).blockio);
  assert.equal(at(33, VD, { useDefaultAioModeForVolumes: true }).driver?.io, undefined);
  assert.equal(at(32, VD, { useDefaultAioModeForVolumes: true }).driver?.io, 'native');
});

test('cache modes: disk_cachemodes per source type, io native degrades to threads, shareable forces none', () => {
  const ci = defaultConnectionInfo('iscsi', VID, { hashes });
  const wb = volumeDiskConfig(ci, VD, { cacheModes: { block: 'writeback' } });
  assert.deepEqual([wb.driver?.cache, wb.driver?.io], ['writeback', 'threads']);
  const ds = volumeDiskConfig(ci, VD, { cacheModes: { block: 'directsync' } });
  assert.deepEqual([ds.driver?.cache, ds.driver?.io], ['directsync', 'native']);
  assert.equal(volumeDiskConfig(ci, VD, { cacheModes: { block: 'bogus' } }).driver?.cache, 'none');
  assert.equal(volumeDiskConfig(ci, VD, { cacheModes: { file: 'writeback' } }).driver?.cache, 'none');
  const shared = volumeDiskConfig({ ...ci, multiattach: true }, VD, { cacheModes: { block: 'writeback' } });
  assert.deepEqual([shared.driver?.cache, shared.shareable], ['none', true]);
});

test('RBD auth falls back to Nova rbd_user/rbd_secret_uuid', () => {
  const ci = defaultConnectionInfo('rbd', VID, { hashes });
  ci.data.secret_uuid = null;
  // auth_enabled with a null secret and no nova.conf pair: Nova still writes <auth>, with None in
  // it, and the spawn fails (Nova 26.2.2's TypeError; test/fixtures/deploy/xml-difftest.oracle.json)
  assert.throws(() => volumeDiskConfig(ci, VD), (e: unknown) => e instanceof DiskConfigError && e.code === 'rbd-auth-incomplete' && /TypeError/.test(e.message));
  delete (ci.data as Record<string, unknown>).secret_type;
  assert.throws(() => volumeDiskConfig(ci, VD), (e: unknown) => e instanceof DiskConfigError && e.code === 'rbd-auth-key-missing' && /KeyError: 'secret_type'/.test(e.message));
  ci.data.secret_type = 'ceph';
  assert.deepEqual(volumeDiskConfig(ci, VD, { rbdUser: 'nova', rbdSecretUuid: 'u-1' }).auth, { username: 'nova', secretType: 'ceph', secretUuid: 'u-1' });
  const off = defaultConnectionInfo('rbd', VID, { hashes });
  off.data.auth_enabled = false;
  assert.equal(volumeDiskConfig(off, VD).auth, undefined);
  assert.equal(volumeDiskConfig(off, VD, { rbdUser: 'nova', rbdSecretUuid: 'u-2' }).auth?.secretUuid, 'u-2');
});

test('refusals: integer block size, unknown driver type, missing device_path', () => {
  const ci = defaultConnectionInfo('iscsi', VID, { hashes });
  ci.data.logical_block_size = 512 as unknown as string;
  assert.throws(() => volumeDiskConfig(ci, VD), (e: unknown) => e instanceof DiskConfigError && e.code === 'blockio-not-string');
  assert.throws(() => volumeDiskConfig({ driver_volume_type: 'vmdk', data: {} }, VD), /Volume driver not found/);
  assert.throws(() => volumeDiskConfig({ driver_volume_type: 'iscsi', data: {} }, VD), (e: unknown) => e instanceof DiskConfigError && e.code === 'missing-device-path');
});

test('default connection_info shapes follow d.2-d.5 key order', () => {
  const iscsi = defaultConnectionInfo('iscsi', VID, { hashes });
  assert.deepEqual(Object.keys(iscsi), ['driver_volume_type', 'data', 'status', 'instance', 'attached_at', 'detached_at', 'volume_id', 'serial']);
  assert.deepEqual(Object.keys(iscsi.data), ['target_discovered', 'target_portal', 'target_iqn', 'target_lun', 'volume_id', 'auth_method', 'auth_username', 'auth_password', 'encrypted', 'qos_specs', 'access_mode', 'cacheable', 'enforce_multipath', 'device_path']);
  assert.equal(iscsi.data.auth_username?.length, 20);
  assert.equal(iscsi.data.auth_password?.length, 16);
  const mp = defaultConnectionInfo('iscsi_multipath', VID, { hashes });
  assert.deepEqual(Object.keys(mp.data).slice(0, 5), ['target_discovered', 'target_portals', 'target_iqns', 'target_luns', 'target_portal']);
  assert.deepEqual(Object.keys(defaultConnectionInfo('rbd', VID, { hashes }).data).slice(-6), ['discard', 'qos_specs', 'access_mode', 'encrypted', 'cacheable', 'enforce_multipath']);
  assert.equal(defaultConnectionInfo('nfs', VID, { hashes }).data.device_path, `/var/lib/nova/mnt/4fb9ca785deee3f957a4c6baf7966055/volume-${VID}`);
  assert.equal(defaultConnectionInfo('iscsi', VID, { hashes, ordinal: 2 }).data.device_path, '/dev/sdd');
  assert.deepEqual(defaultConnectionInfo('iscsi', VID, { hashes }), defaultConnectionInfo('iscsi', VID, { hashes }), 'deterministic');
});

test('redaction replaces every secret, deep, and keeps secret_uuid', () => {
  const ci = defaultConnectionInfo('rbd', VID, { hashes });
  ci.data.keyring = '[client.cinder]\nkey = AQ==';
  ci.data.discovery_auth_password = 'dp';
  ci.connector = { nested: [{ auth_token: 't', secret: 's', password: 'p' }] };
  const r = redactConnectionInfo(ci);
  assert.equal(r.data.keyring, '***');
  assert.equal(r.data.discovery_auth_password, '***');
  assert.deepEqual(r.connector, { nested: [{ auth_token: '***', secret: '***', password: '***' }] });
  assert.equal(r.data.secret_uuid, '457eb676-33da-42ec-9a8c-9293d545c337');
  assert.equal(ci.data.keyring, '[client.cinder]\nkey = AQ==', 'input untouched');
  assert.equal(redactConnectionInfo(defaultConnectionInfo('iscsi', VID, { hashes })).data.auth_password, '***');
});

// ---- whole guest (f.5) ----

const UUID = 'd6c5b1a2-8f57-4c0e-9b8e-3c1f2a4b5c6d';
function bdm(p: Partial<NovaBdm>): NovaBdm {
  return {
    entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: null, device_name: null,
    disk_bus: null, device_type: null, volume_size: null, uuid: VID, no_device: false, delete_on_termination: false,
    volume_type: null, tag: null, ...p,
  };
}

test('image boot: disk, eph, swap, config drive, then volumes; local disks are qcow2 files without serial', () => {
  const ctx = defaultContext();
  ctx.flavor = { root_gb: 20, ephemeral_gb: 5, swap_mb: 512 };
  ctx.libvirt.config_drive = true;
  const bdms = [
    bdm({ source_type: 'image', destination_type: 'local', boot_index: 0, uuid: 'img' }),
    bdm({ entry: 1 }),
    bdm({ entry: 2, source_type: 'blank', volume_size: 1, uuid: null }),
    bdm({ entry: null, implicit: 'flavor-ephemeral', source_type: 'blank', destination_type: 'local', boot_index: -1, device_type: 'disk', volume_size: 5, uuid: null }),
    bdm({ entry: null, implicit: 'flavor-swap', source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1, volume_size: 512, uuid: null }),
  ];
  const info = computeDiskInfo(bdms, ctx, { imageRef: 'img' });
  const disks = domainDisks(bdms, info, ctx, { instanceUuid: UUID, hashes });
  assert.deepEqual(disks.map((d) => d.key), ['disk', 'disk.eph0', 'disk.swap', 'disk.config', '/dev/vdd', '/dev/vde']);
  assert.equal(disks[0]!.xml, `<disk type="file" device="disk">
  <driver name="qemu" type="qcow2" cache="none"/>
  <source file="/var/lib/nova/instances/${UUID}/disk"/>
  <target dev="vda" bus="virtio"/>
</disk>
`);
  assert.match(disks[3]!.xml, /device="cdrom"[\s\S]*type="raw"[\s\S]*disk\.config"\/>[\s\S]*dev="hda" bus="ide"/);
  assert.equal(disks[4]!.connectionSource, 'built-in default iSCSI backend');
  assert.match(disks[4]!.xml, /<source dev="\/dev\/sdb"\/>/);
  assert.match(disks[5]!.xml, /<source dev="\/dev\/sdc"\/>/, 'second default volume gets its own device');
  assert.deepEqual(disks.map((d) => d.bdmIndex), [0, 3, 4, null, 1, 2]);
});

test('boot from volume with virtio-scsi: root volume unit 0, others count from 1; caller connection_info wins', () => {
  const ctx = defaultContext();
  ctx.libvirt.image_properties = { hw_disk_bus: 'scsi', hw_scsi_model: 'virtio-scsi' };
  ctx.flavor = { root_gb: 0, ephemeral_gb: 1, swap_mb: 0 };
  const bdms = [
    bdm({ boot_index: 0 }),
    bdm({ entry: 1, uuid: 'v2' }),
    bdm({ entry: null, implicit: 'flavor-ephemeral', source_type: 'blank', destination_type: 'local', boot_index: -1, volume_size: 1, uuid: null }),
  ];
  const info = computeDiskInfo(bdms, ctx, { imageRef: null });
  const rbd = defaultConnectionInfo('rbd', 'v2', { hashes });
  const disks = domainDisks(bdms, info, ctx, {
    instanceUuid: UUID,
    hashes,
    connectionInfoFor: (_b, i) => (i === 1 ? { connectionInfo: rbd, source: 'scenario file' } : null),
  });
  assert.deepEqual(disks.map((d) => [d.key, d.config.target.dev, d.config.address?.unit]), [
    ['disk.eph0', 'sdb', '1'],
    ['/dev/sda', 'sda', '0'],
    ['/dev/sdc', 'sdc', '2'],
  ]);
  assert.equal(disks[2]!.connectionSource, 'scenario file');
  assert.equal(disks[2]!.config.sourceType, 'network');
});

test('a connection_info Nova would refuse gives an entry with the error, not an exception', () => {
  const ctx = defaultContext();
  const bdms = [bdm({ source_type: 'image', destination_type: 'local', boot_index: 0, uuid: 'img' }), bdm({ entry: 1 })];
  const info = computeDiskInfo(bdms, ctx, { imageRef: 'img' });
  const bad = defaultConnectionInfo('iscsi', VID, { hashes });
  bad.data.access_mode = 'xx';
  const disks = domainDisks(bdms, info, ctx, { instanceUuid: UUID, hashes, connectionInfoFor: () => ({ connectionInfo: bad, source: 'test' }) });
  assert.equal(disks[1]!.error, 'Invalid volume access mode: xx');
  assert.equal(disks[1]!.xml, '');
});

test('every generated XML is well-formed (fast-xml-parser)', async () => {
  const { guestDiskSets } = await import('../fixtures/xml/cases');
  let n = 0;
  for (const set of guestDiskSets()) for (const x of set.xml) { wellFormed(x); n++; }
  assert.ok(n > 300, `${n} disks`);
});

test("quobyte: Nova's driver ignores device_path: <mount point base>/<md5 of the share>/<name>, a quobyte:// prefix dropped, format raw by default", () => {
  const data = { export: '//192.168.1.60/cinder', name: `volume-${VID}`, device_path: '/elsewhere/x', access_mode: 'rw', qos_specs: null };
  const xml = renderDiskXml(volumeDiskConfig({ driver_volume_type: 'quobyte', serial: VID, data } as ConnectionInfo, VD, { profile: 'queens_to_2024_2', hashes }));
  // Nova 26.2.2 (scripts/xml_difftest_oracle.py, state_path /var/lib/nova) writes this share's mount under 6ab76732...
  assert.match(xml, /<disk type="file" device="disk">\n  <driver name="qemu" type="raw" cache="none" io="native"\/>\n  <source file="\/var\/lib\/nova\/mnt\/6ab767329b6c1e55c34f3a32233496a6\/volume-[0-9a-f-]+"\/>/);
  const prefixed = renderDiskXml(volumeDiskConfig({ driver_volume_type: 'quobyte', serial: VID, data: { ...data, export: 'quobyte:////192.168.1.60/cinder', format: 'qcow2' } } as ConnectionInfo, VD, { profile: 'queens_to_2024_2', hashes }));
  assert.match(prefixed, /type="qcow2"[\s\S]*\/mnt\/6ab767329b6c1e55c34f3a32233496a6\//);
  const { name: _n, ...noName } = data;
  assert.throws(() => volumeDiskConfig({ driver_volume_type: 'quobyte', serial: VID, data: noName } as ConnectionInfo, VD, { hashes }), (e: unknown) => e instanceof DiskConfigError && /KeyError: 'name'/.test(e.message));
});

test('rbd without auth_enabled and with nova.conf rbd_secret_uuid: the secret type is the volume\'s own data.secret_type (a KeyError without one)', () => {
  const data = { name: `volumes/volume-${VID}`, hosts: ['10.0.0.11'], ports: ['6789'], auth_enabled: false, auth_username: 'cinder', secret_uuid: null, secret_type: 'ceph', access_mode: 'rw' };
  const opts = { profile: 'queens_to_2024_2' as const, rbdUser: 'nova', rbdSecretUuid: '11111111-2222-4333-8444-555555555555' };
  const xml = renderDiskXml(volumeDiskConfig({ driver_volume_type: 'rbd', serial: VID, data } as ConnectionInfo, VD, opts));
  assert.match(xml, /<auth username="nova">\n    <secret type="ceph" uuid="11111111-2222-4333-8444-555555555555"\/>/);
  const { secret_type: _s, ...noType } = data;
  assert.throws(() => volumeDiskConfig({ driver_volume_type: 'rbd', serial: VID, data: noType } as ConnectionInfo, VD, opts), (e: unknown) => e instanceof DiskConfigError && e.code === 'rbd-auth-key-missing' && /KeyError: 'secret_type'/.test(e.message));
});
