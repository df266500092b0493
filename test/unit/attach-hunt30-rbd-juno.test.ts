/**
 * Hunt 30: RBD volumes on Juno (Nova and Cinder 2014.2) against later releases: the connection
 * data Cinder's RBD driver and volume manager send per release, what Juno's attach_volume adds
 * to it, an encrypted RBD volume, and the keys every backend's data gains later. Each test names
 * the upstream file and function it follows (openstack/nova and openstack/cinder at the tags
 * named; the compute node's Cinder is its series': Nova N with Cinder N - 5 from Liberty, Juno
 * with 2014.2). Expected values come from reading that code, not from the simulator.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, ISCSI_VOL, lab, texts } from '../fixtures/attach/helpers';
import type { Tweak } from './attach-lab-helpers';
import type { AttachResult } from '../../server/src/attach/types';

const RBD_VOL = '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e31';
const at = (profile: string, rel: string | null, more?: Tweak): Tweak => (raw) => {
  raw.profile = profile;
  if (rel !== null) raw.host.nova_release = rel;
  more?.(raw);
};
const legacy = { microversion: '2.1' };
const dataOf = (r: AttachResult) => (r.connectionInfo as { data: Record<string, unknown> }).data;
const savedDataOf = (r: AttachResult) => (JSON.parse(String(r.bdm!.connection_info)) as { data: Record<string, unknown> }).data;

test('Cinder 2014.2 cinder/volume/drivers/rbd.py initialize_connection sends name, hosts, ports and the cephx facts only, the manager adds qos_specs and access_mode; Juno\'s attach_volume (nova/virt/libvirt/driver.py 2014.2) caches the source path, None for a network disk, as data.device_path in the saved BDM', () => {
  const r = attach(lab('rbd', at('kilo_prefix', '2014.2')), RBD_VOL, legacy);
  assert.equal(r.outcome, 'attached', texts(r).join('\n'));
  const data = savedDataOf(r);
  assert.deepEqual(Object.keys(data), ['name', 'hosts', 'ports', 'auth_enabled', 'auth_username', 'secret_type', 'secret_uuid', 'qos_specs', 'access_mode', 'device_path']);
  assert.equal(data.device_path, null);
  assert.deepEqual(data.ports, ['6789', '6789', '6789']);
  // no discard in the data (rbd.py from 11.0.0, report_discard_supported from 8.0.0): no discard="unmap"
  assert.doesNotMatch(r.xml ?? '', /discard=/);
  assert.match(r.xml ?? '', /<disk type="network" device="disk">/);
});

test('Nova 2015.1.0 no longer caches conf.source_path in attach_volume: the Kilo BDM\'s rbd data has no device_path (Cinder 2015.1 sends the same keys as 2014.2)', () => {
  const r = attach(lab('rbd', at('kilo_prefix', '2015.1.0')), RBD_VOL, legacy);
  assert.equal(r.outcome, 'attached', texts(r).join('\n'));
  assert.deepEqual(Object.keys(savedDataOf(r)), ['name', 'hosts', 'ports', 'auth_enabled', 'auth_username', 'secret_type', 'secret_uuid', 'qos_specs', 'access_mode']);
});

test('the rbd data grows with Cinder: volume_id (7.0.0) and the manager\'s encrypted (7.0.0), cluster_name (9.0.0), discard and the keyring (11.0.0)', () => {
  const keys = (rel: string) => Object.keys(dataOf(attach(lab('rbd', at('ocata_legacy', rel)), RBD_VOL, legacy)));
  assert.deepEqual(keys('12.0.0'), ['name', 'hosts', 'ports', 'auth_enabled', 'auth_username', 'secret_type', 'secret_uuid', 'volume_id', 'qos_specs', 'access_mode', 'encrypted']);
  assert.deepEqual(keys('14.0.0'), ['name', 'hosts', 'ports', 'cluster_name', 'auth_enabled', 'auth_username', 'secret_type', 'secret_uuid', 'volume_id', 'qos_specs', 'access_mode', 'encrypted']);
  assert.deepEqual(keys('16.0.0'), ['name', 'hosts', 'ports', 'cluster_name', 'auth_enabled', 'auth_username', 'secret_type', 'secret_uuid', 'volume_id', 'discard', 'keyring', 'qos_specs', 'access_mode', 'encrypted']);
});

test('an encrypted RBD volume on Juno: Cinder 2014.2 puts no encrypted key in the rbd data, so get_encryption_metadata (nova/volume/encryptors/__init__.py) reads nothing and the volume is attached with no encryptor; 12.0.0 sees encrypted, builds its encryptor without a device_path and fails (VolumeEncryptionNotSupported)', () => {
  const enc: Tweak = (raw) => { raw.volumes[0].encrypted = true; };
  const juno = attach(lab('rbd', at('kilo_prefix', '2014.2', enc)), RBD_VOL, legacy);
  assert.equal(juno.outcome, 'attached', texts(juno).join('\n'));
  assert.ok(!juno.steps.some((s) => /\/encryption /.test(s.text)), 'no encryption metadata GET');
  assert.ok(juno.steps.some((s) => s.status === 'warn' && /no encrypted key/.test(s.text)));
  const liberty = attach(lab('rbd', at('ocata_legacy', '12.0.0', enc)), RBD_VOL, legacy);
  assert.equal(liberty.attachOutcome, 'failed');
  assert.match(liberty.error ?? '', /VolumeEncryptionNotSupported: Volume encryption is not supported for rbd volume 7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e31/);
});

test('cinder/volume/manager.py _parse_connection_options adds cacheable from 17.0.0 (Nova 22\'s series): an iSCSI volume\'s data on Nova 21.0.0 has none, on 22.0.0 it is false', () => {
  const keys = (rel: string) => Object.keys(dataOf(attach(lab('iscsi', at('queens_to_2024_2', rel)), ISCSI_VOL)));
  assert.ok(!keys('21.0.0').includes('cacheable'));
  assert.equal(dataOf(attach(lab('iscsi', at('queens_to_2024_2', '22.0.0')), ISCSI_VOL)).cacheable, false);
});

test('report_discard_supported (cinder/volume/manager.py, 8.0.0 on) needs Nova 13\'s series: a discard volume on Nova 12.0.0 gets no data.discard, on 13.0.0 it does', () => {
  const disc: Tweak = (raw) => { raw.volumes[0].discard = true; };
  assert.equal(dataOf(attach(lab('iscsi', at('ocata_legacy', '12.0.0', disc)), ISCSI_VOL, legacy)).discard, undefined);
  assert.equal(dataOf(attach(lab('iscsi', at('ocata_legacy', '13.0.0', disc)), ISCSI_VOL, legacy)).discard, true);
});
