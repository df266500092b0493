/**
 * Hunt 31: a volume's `<driver io>` and cache mode per Nova release. Facts from openstack/nova:
 * nova/virt/libvirt/volume/{nfs,iscsi,fibrechannel}.py get_config (io="native" from 13.0.0,
 * commit a4cba3d0 "use native AIO mode for cinder volumes"; 12.0.0 writes no io; quobyte.py sets
 * its own DRIVER_IO "native" in 12.0.0 as in 33.0.0), nova/virt/libvirt/driver.py `_set_cache_mode`
 * (a shareable disk forced to cache none from 17.0.0, commit baa8278c; io "native" turned "threads"
 * under a cache mode other than none/directsync from 22.0.0 and the backports 21.1.1, 20.4.1,
 * 19.3.2, commit af2405e1) and volume/volume.py get_config (<shareable/> from 17.0.0). Where the
 * expected XML is quoted whole it was written by Nova itself: the tag's nova/ tree (git archive)
 * running the volume driver's get_config and LibvirtDriver._set_cache_mode, then to_xml(), on this
 * machine's python3-nova 26.2.2 dependencies (test/fixtures/deploy/newer_nova.py). Nova 12 and 13
 * do not import there: their facts are read from the tags' source.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, hashes, lab, texts } from '../fixtures/attach/helpers';
import type { Tweak } from './attach-lab-helpers';
import { renderDiskXml, volumeDiskConfig } from '../../server/src/libvirt/diskXml';
import { profileOfMajor } from '../../server/src/libvirt/release';
import type { ConnectionInfo } from '../../server/src/libvirt/connectionInfo';

const V = '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e31';
const VD = { dev: 'vdb', bus: 'virtio', type: 'disk' };
const NFS = { export: '192.168.1.50:/srv/nfs/cinder', name: `volume-${V}`, options: null, format: 'raw', device_path: `/var/lib/nova/mnt/x/volume-${V}`, volume_id: V, qos_specs: null, access_mode: 'rw' };
const ISCSI = { target_portal: '10.0.0.5:3260', target_iqn: 'iqn.x', target_lun: 1, device_path: '/dev/sdb', volume_id: V, qos_specs: null, access_mode: 'rw' };

const xmlAt = (rel: string, ci: ConnectionInfo, cacheModes: Record<string, string>): string => {
  const [major, minor, patch] = rel.split('.').map(Number) as [number, number, number];
  return renderDiskXml(volumeDiskConfig(ci, VD, { profile: profileOfMajor(major), novaVersion: major, novaRelease: { major, minor, patch }, cacheModes }));
};
const nfsXml = (io: string) => `<disk type="file" device="disk">
  <driver name="qemu" type="raw" cache="writeback" io="${io}"/>
  <source file="/var/lib/nova/mnt/x/volume-${V}"/>
  <target dev="vdb" bus="virtio"/>
  <serial>${V}</serial>
</disk>
`;
const iscsiXml = (cache: string, io: string, shareable = false) => `<disk type="block" device="disk">
  <driver name="qemu" type="raw" cache="${cache}" io="${io}"/>
  <source dev="/dev/sdb"/>
  <target dev="vdb" bus="virtio"/>
  <serial>${V}</serial>
${shareable ? '  <shareable/>\n' : ''}</disk>
`;
const nfsCi = (): ConnectionInfo => ({ driver_volume_type: 'nfs', data: { ...NFS } as unknown as ConnectionInfo['data'], serial: V });
const iscsiCi = (multiattach = false): ConnectionInfo => ({ driver_volume_type: 'iscsi', data: { ...ISCSI }, serial: V, ...(multiattach ? { multiattach: true } : {}) });

test('Nova oracle, driver.py _set_cache_mode: io="native" with [libvirt]disk_cachemodes writeback stays native in 20.4.0 and 21.1.0, becomes threads in 20.4.1, 21.1.1 and 22.0.0 (commit af2405e1 and its backports)', () => {
  for (const rel of ['20.4.0', '21.1.0']) {
    assert.equal(xmlAt(rel, nfsCi(), { file: 'writeback' }), nfsXml('native'), `nfs ${rel}`);
    assert.equal(xmlAt(rel, iscsiCi(), { block: 'writeback' }), iscsiXml('writeback', 'native'), `iscsi ${rel}`);
  }
  for (const rel of ['20.4.1', '21.1.1', '22.0.0']) {
    assert.equal(xmlAt(rel, nfsCi(), { file: 'writeback' }), nfsXml('threads'), `nfs ${rel}`);
    assert.equal(xmlAt(rel, iscsiCi(), { block: 'writeback' }), iscsiXml('writeback', 'threads'), `iscsi ${rel}`);
  }
});

test('Nova oracle: a multiattach connection is written with <shareable/> and cache none from 17.0.0 (17.0.9); 16.1.7 writes neither and keeps the configured cache mode', () => {
  assert.equal(xmlAt('16.1.7', iscsiCi(true), { block: 'writeback' }), iscsiXml('writeback', 'native'));
  assert.equal(xmlAt('17.0.9', iscsiCi(true), { block: 'writeback' }), iscsiXml('none', 'native', true));
});

test('nova 12.0.0 volume/nfs.py, iscsi.py and fibrechannel.py get_config set no driver_io; 13.0.0 sets io="native" (commit a4cba3d0); quobyte.py has DRIVER_IO "native" in 12.0.0 already', () => {
  const driverOf = (xml: string) => /<driver [^>]*\/>/.exec(xml)?.[0];
  assert.equal(driverOf(xmlAt('12.0.0', nfsCi(), {})), '<driver name="qemu" type="raw" cache="none"/>');
  assert.equal(driverOf(xmlAt('13.0.0', nfsCi(), {})), '<driver name="qemu" type="raw" cache="none" io="native"/>');
  assert.equal(driverOf(xmlAt('12.0.0', iscsiCi(), {})), '<driver name="qemu" type="raw" cache="none"/>');
  const fc: ConnectionInfo = { driver_volume_type: 'fibre_channel', data: { target_wwn: ['50060e801049cfd1'], target_lun: 1, device_path: '/dev/sdc' }, serial: V };
  assert.equal(driverOf(xmlAt('12.0.0', fc, {})), '<driver name="qemu" type="raw" cache="none"/>');
  assert.equal(driverOf(xmlAt('13.0.0', fc, {})), '<driver name="qemu" type="raw" cache="none" io="native"/>');
  const quobyte: ConnectionInfo = { driver_volume_type: 'quobyte', data: { export: 'quobyte://h/v', name: 'volume-x' }, serial: V };
  const q = renderDiskXml(volumeDiskConfig(quobyte, VD, { profile: 'ocata_legacy', novaVersion: 12, hashes }));
  assert.match(q, /<driver name="qemu" type="raw" cache="none" io="native"\/>/);
});

const nfsAt = (profile: string, rel: string, more?: Tweak): Tweak => (raw) => {
  raw.profile = profile;
  raw.host.nova_release = rel;
  more?.(raw);
};
const NFS_VOL = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c41';

test('the NFS attach replay: no io on Nova 12.0.0, io="native" on 13.0.0 (volume/nfs.py get_config)', () => {
  const old = attach(lab('nfs', nfsAt('ocata_legacy', '12.0.0')), NFS_VOL, { microversion: '2.1' });
  assert.equal(old.outcome, 'attached', texts(old).join('\n'));
  assert.match(old.xml ?? '', /<driver name="qemu" type="raw" cache="none"\/>/);
  const mitaka = attach(lab('nfs', nfsAt('ocata_legacy', '13.0.0')), NFS_VOL, { microversion: '2.1' });
  assert.match(mitaka.xml ?? '', /<driver name="qemu" type="raw" cache="none" io="native"\/>/);
});

test('the NFS attach replay with [libvirt]disk_cachemodes file=writeback: 21.1.0 writes io="native", 21.1.1 io="threads" (driver.py _set_cache_mode)', () => {
  const wb: Tweak = (raw) => { raw.host.nova_conf = { libvirt: { disk_cachemodes: ['file=writeback'] } }; };
  const before = attach(lab('nfs', nfsAt('queens_to_2024_2', '21.1.0', wb)), NFS_VOL);
  assert.equal(before.outcome, 'attached', texts(before).join('\n'));
  assert.match(before.xml ?? '', /cache="writeback" io="native"/);
  const after = attach(lab('nfs', nfsAt('queens_to_2024_2', '21.1.1', wb)), NFS_VOL);
  assert.match(after.xml ?? '', /cache="writeback" io="threads"/);
});

test('Nova oracle, volume/volume.py get_config: 17.0.10 writes only the six read/write/total bytes and iops keys of qos_specs; 18.1.0 adds the *_max keys and size_iops_sec (commit 37aea888)', () => {
  const qos = { total_bytes_sec: '1000', read_iops_sec: 200, write_bytes_sec_max: '3000', size_iops_sec: '4096', total_iops_sec_max: '50', read_bytes_sec: '10', write_iops_sec: '20', read_bytes_sec_max: '30', write_bytes_sec: '40', total_bytes_sec_max: '60', read_iops_sec_max: '70', write_iops_sec_max: '80', total_iops_sec: '90', consumer: 'front-end' };
  const ci: ConnectionInfo = { driver_volume_type: 'iscsi', data: { ...ISCSI, qos_specs: qos }, serial: V };
  const base = ['    <read_bytes_sec>10</read_bytes_sec>', '    <read_iops_sec>200</read_iops_sec>', '    <write_bytes_sec>40</write_bytes_sec>', '    <write_iops_sec>20</write_iops_sec>', '    <total_bytes_sec>1000</total_bytes_sec>', '    <total_iops_sec>90</total_iops_sec>'];
  const more = ['    <read_bytes_sec_max>30</read_bytes_sec_max>', '    <write_bytes_sec_max>3000</write_bytes_sec_max>', '    <total_bytes_sec_max>60</total_bytes_sec_max>', '    <read_iops_sec_max>70</read_iops_sec_max>', '    <write_iops_sec_max>80</write_iops_sec_max>', '    <total_iops_sec_max>50</total_iops_sec_max>', '    <size_iops_sec>4096</size_iops_sec>'];
  const xml = (lines: string[]) => `<disk type="block" device="disk">
  <driver name="qemu" type="raw" cache="none" io="native"/>
  <source dev="/dev/sdb"/>
  <target dev="vdb" bus="virtio"/>
  <serial>${V}</serial>
  <iotune>
${lines.join('\n')}
  </iotune>
</disk>
`;
  assert.equal(xmlAt('17.0.10', ci, {}), xml(base));
  assert.equal(xmlAt('18.1.0', ci, {}), xml([...base, ...more]));
  assert.equal(xmlAt('22.0.0', ci, {}), xml([...base, ...more]));
});

test('volume/smbfs.py and vzstorage.py get_config: cache writethrough up to 19.x (19.3.2), writeback from 20.0.0 (nova commits 425f17e2, 44edfa04)', () => {
  for (const kind of ['smbfs', 'vzstorage']) {
    const ci: ConnectionInfo = { driver_volume_type: kind, data: { device_path: '/var/lib/nova/mnt/s/volume-1' }, serial: V };
    assert.match(xmlAt('19.3.2', ci, {}), /<driver name="qemu" type="raw" cache="writethrough"\/>/, kind);
    assert.match(xmlAt('20.0.0', ci, {}), /<driver name="qemu" type="raw" cache="writeback"\/>/, kind);
  }
});
