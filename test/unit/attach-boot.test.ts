/** Boot from volume (attach-flow.md b): creates, the poll loop, attach without the driver, spawn. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import type { NovaBdm } from '../../server/src/nova/types';
import { hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

function bdm(p: Partial<NovaBdm>): NovaBdm {
  return { entry: 0, source_type: 'image', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: 'dbbec6ed-017e-45b0-845d-45c73c718ac6', no_device: false, delete_on_termination: true, volume_type: null, tag: null, ...p };
}

test('image -> volume root: creating, downloading, available after polling every 3 s, then in-use before spawn', () => {
  const r = simulateBoot(lab('iscsi'), [bdm({})], { instanceUuid: '11111111-2222-4333-8444-555555555555', hashes });
  assert.equal(r.outcome, 'active');
  assert.equal(r.apiStatus, 202);
  const v = r.volumes[0]!;
  assert.deepEqual(v.statusSequence, ['creating', 'downloading', 'available', 'reserved', 'attaching', 'in-use']);
  assert.equal(v.deviceName, '/dev/vda');
  assert.equal(v.sourcePath, '/dev/sdb');
  assert.ok(r.steps.some((s) => s.text === 'INFO Booting with volume-backed-image dbbec6ed-017e-45b0-845d-45c73c718ac6 at /dev/vda'));
  const inUse = r.steps.findIndex((s) => s.text.includes('status in-use'));
  const connect = r.steps.findIndex((s) => s.text.includes('Trying to connect to iSCSI portal'));
  assert.ok(inUse >= 0 && connect > inUse, 'the volume is in-use before the host connects it');
  assert.equal(r.steps.filter((s) => /REQ: curl -g -i -X GET .*\/volumes\/[0-9a-f-]+ -H "User-Agent/.test(s.text)).length, 5);
  assert.match(v.xml!, /<target dev="vda" bus="virtio"\/>/);
});

test('blank + existing volume: existing one reserved by nova-api, blank named <uuid>-blank-vol', () => {
  const r = simulateBoot(lab('iscsi'), [
    bdm({ entry: 0, source_type: 'volume', uuid: ISCSI_VOL, boot_index: 0 }),
    bdm({ entry: 1, source_type: 'blank', uuid: null, boot_index: null, volume_size: 2 }),
  ], { instanceUuid: '11111111-2222-4333-8444-555555555555', hashes });
  assert.equal(r.outcome, 'active');
  assert.equal(r.volumes.length, 2);
  assert.equal(r.volumes[0]!.deviceName, '/dev/vda');
  assert.equal(r.volumes[1]!.deviceName, '/dev/vdb');
  assert.ok(r.steps.some((s) => s.text.includes('11111111-2222-4333-8444-555555555555-blank-vol')));
  assert.ok(r.steps.some((s) => s.text === `INFO Booting with volume ${ISCSI_VOL} at /dev/vda`));
  assert.ok(r.steps.some((s) => s.text === 'INFO Booting with blank volume at /dev/vdb'));
});

test('image volume stuck in downloading: VolumeNotCreated after 61 polls (~183 s), build aborted', () => {
  const l = lab('iscsi', (raw) => {
    raw.images[0].create_status_timeline = [{ status: 'creating', after_s: 0 }, { status: 'downloading', after_s: 1 }];
  });
  const r = simulateBoot(l, [bdm({})], { instanceUuid: '11111111-2222-4333-8444-555555555555', hashes });
  assert.equal(r.outcome, 'error');
  assert.match(r.error!, /^VolumeNotCreated: Volume [0-9a-f-]+ did not finish being created even after we waited 189 seconds or 61 attempts\. And its status is downloading\.$/);
  assert.ok(r.steps.some((s) => s.text.includes('BuildAbortException: Build of instance 11111111-2222-4333-8444-555555555555 aborted')));
  assert.ok(r.steps.some((s) => /DELETE .*\/volumes\//.test(s.text)), 'delete_on_termination deletes the stuck volume');
});

test('volume created in error: WARNING and VolumeNotCreated on the first attempt that sees it', () => {
  const l = lab('iscsi', (raw) => {
    raw.images[0].create_status_timeline = [{ status: 'creating', after_s: 0 }, { status: 'error', after_s: 4 }];
  });
  const r = simulateBoot(l, [bdm({})], { hashes });
  assert.equal(r.outcome, 'error');
  assert.ok(r.steps.some((s) => /finished being created but its status is error\./.test(s.text)));
  assert.match(r.error!, /or 3 attempts\. And its status is error\.$/);
});

test('legacy boot (ocata_legacy): os-reserve in nova-api, os-attach on compute', () => {
  const r = simulateBoot(lab('iscsi'), [bdm({ source_type: 'volume', uuid: ISCSI_VOL })], { profile: 'ocata_legacy', hashes });
  assert.equal(r.outcome, 'active');
  assert.deepEqual(r.volumes[0]!.statusSequence, ['available', 'attaching', 'in-use']);
  assert.match(r.volumes[0]!.sourcePath!, /^\/dev\/disk\/by-path\//);
});
