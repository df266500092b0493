/**
 * Issue 18, point 4: the instance uuid of a boot from volume comes from the lab host
 * (`boot_instance_uuid`). Upstream: nova/compute/api.py `_validate_bdm` reserves an existing
 * volume with `check_attach_and_reserve_volume` for the instance being created, and
 * nova/virt/block_device.py `_create_volume` names a blank volume `<instance uuid>-blank-vol`;
 * cinder/volume/api.py `_attachment_reserve` accepts a second reservation for the same
 * instance (attach-flow.md b, a.1 A8).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import type { NovaBdm } from '../../server/src/nova/types';
import { hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const BOOT = '0f1e2d3c-4b5a-4968-8776-655443322110';

function bdm(p: Partial<NovaBdm>): NovaBdm {
  return { entry: 0, source_type: 'blank', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: null, no_device: false, delete_on_termination: true, volume_type: null, tag: null, ...p };
}

test('the lab host\'s boot_instance_uuid names the instance, the blank volume and the attachment', () => {
  const r = simulateBoot(lab('iscsi', (raw) => { raw.boot_instance_uuid = BOOT; }), [bdm({})], { hashes });
  assert.equal(r.outcome, 'active');
  assert.equal(r.instanceUuid, BOOT);
  assert.ok(r.steps.some((s) => s.text.includes(`${BOOT}-blank-vol`)));
  assert.ok(r.steps.some((s) => s.text.includes(`"instance_uuid":"${BOOT}"`)));
});

test('absent: the same derived uuid as before; a caller\'s uuid wins over the lab host\'s', () => {
  const a = simulateBoot(lab('iscsi'), [bdm({})], { hashes });
  const b = simulateBoot(lab('iscsi'), [bdm({})], { hashes });
  assert.equal(a.instanceUuid, b.instanceUuid);
  assert.notEqual(a.instanceUuid, BOOT);
  const c = simulateBoot(lab('iscsi', (raw) => { raw.boot_instance_uuid = BOOT; }), [bdm({})], { instanceUuid: '11111111-2222-4333-8444-555555555555', hashes });
  assert.equal(c.instanceUuid, '11111111-2222-4333-8444-555555555555');
});

test('a volume Cinder already reserved for that instance boots (same-instance reservation); for another instance it is refused', () => {
  const tweak = (raw: { boot_instance_uuid?: string; volumes: Array<Record<string, unknown>> }) => {
    raw.boot_instance_uuid = BOOT;
    raw.volumes[0]!.status = 'reserved';
    raw.volumes[0]!.attachments = [{ id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', instance_uuid: BOOT, attach_status: 'reserved', nova_bdm: false }];
  };
  const ok = simulateBoot(lab('iscsi', tweak), [bdm({ source_type: 'volume', uuid: ISCSI_VOL })], { hashes });
  assert.equal(ok.outcome, 'active', ok.error ?? '');
  assert.equal(ok.volumes[0]!.volumeStatus, 'in-use');
  const other = simulateBoot(lab('iscsi', (raw) => { tweak(raw); raw.boot_instance_uuid = '99999999-2222-4333-8444-555555555555'; }), [bdm({ source_type: 'volume', uuid: ISCSI_VOL })], { hashes });
  assert.equal(other.outcome, 'error');
  assert.match(other.error!, /status must be available or downloading to reserve, but the current status is reserved/);
});

test('schema: boot_instance_uuid must be a non-empty string', () => {
  assert.throws(() => lab('iscsi', (raw) => { raw.boot_instance_uuid = ''; }), /boot_instance_uuid/);
});
