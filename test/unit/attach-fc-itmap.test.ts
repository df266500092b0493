/**
 * Issue 18, point 4: FC initiator_target_map pairs in the lab host. Upstream:
 * os_brick/initiator/connectors/fibre_channel.py `_add_targets_to_connection_properties`
 * (the map lower-cased, initiator_target_lun_map keeps known targets, a WARNING for unknown
 * ones) and os_brick/initiator/linuxfc.py `rescan_hosts` (only the HBAs the map names are
 * scanned); the by-path device exists only through a zoned pair (attach-flow.md d.3, e.7).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, lab } from '../fixtures/attach/helpers';

const FC_VOL = '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e21';
const HBA1 = '21000024ff3a5c10';
const HBA2 = '21000024ff3a5c11';

function twoHbas(map: unknown) {
  return lab('fc', (raw) => {
    raw.host.fc_hbas.push({ host: 6, pci: '0000:05:00.3', wwpn: HBA2, wwnn: '20000024ff3a5c11', port_state: 'Online' });
    raw.backends.array.initiator_target_map = map;
  });
}

test('default (true): every connector wwpn mapped to every target, as before', () => {
  const r = attach(lab('fc'), FC_VOL);
  assert.deepEqual((r.connectionInfo!.data as Record<string, unknown>).initiator_target_map, { [HBA1]: ['50060e801049cfd1', '50060e801049cfd2'] });
});

test('explicit pairs: Cinder returns them as given; os-brick finds the device through the zoned pair only', () => {
  const r = attach(twoHbas({ [HBA2]: ['50060E801049CFD2'] }), FC_VOL);
  assert.equal(r.outcome, 'attached');
  assert.deepEqual((r.connectionInfo!.data as Record<string, unknown>).initiator_target_map, { [HBA2]: ['50060E801049CFD2'] });
  assert.ok(has(r, 'DEBUG Using initiator target map to exclude HBAs: host6'));
  assert.ok(has(r, 'dd if=/dev/disk/by-path/pci-0000:05:00.3-fc-0x50060e801049cfd2-lun-1 of=/dev/null count=1'));
});

test('a map naming only an offline or absent HBA: no device, rescans of no HBA, NoFibreChannelVolumeDeviceFound', () => {
  const r = attach(twoHbas({ '2100000000000099': ['50060e801049cfd1'] }), FC_VOL);
  assert.equal(r.outcome, 'failed');
  assert.ok(has(r, 'DEBUG Using initiator target map to exclude HBAs: none'));
  assert.ok(has(r, 'rescan_hosts: no HBA to scan'));
  assert.match(r.error!, /NoFibreChannelVolumeDeviceFound: Unable to find a Fibre Channel volume device\./);
});

test('a target not in target_wwns is warned about and ignored', () => {
  const r = attach(twoHbas({ [HBA1]: ['50060e801049cfd1', '5006000000000bad'] }), FC_VOL);
  assert.ok(has(r, 'WARNING Driver returned an unknown targets in the initiator mapping 5006000000000bad'));
  assert.equal(r.outcome, 'attached');
});

test('false: no map in connection_info', () => {
  const r = attach(lab('fc', (raw) => { raw.backends.array.initiator_target_map = false; }), FC_VOL);
  assert.equal('initiator_target_map' in (r.connectionInfo!.data as Record<string, unknown>), false);
});

test('the schema accepts pairs and refuses a non-list target', () => {
  assert.throws(() => lab('fc', (raw) => { raw.backends.array.initiator_target_map = { [HBA1]: '50060e801049cfd1' }; }), /initiator_target_map/);
});
