/**
 * Data-dependent rules (spec §4.5) judged against a lab host's Glance/Cinder inventory.
 * Nova's messages are the ones of nova/exception.py for these cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext, type Context } from '../../server/src/model/context';
import type { Inventory } from '../../server/src/model/inventory';

const INV: Inventory = {
  source: 'lab host "t"',
  images: [{ id: '70a599e0-31e7-49b7-b260-868f441e862b', size_gib: 3 }],
  volumes: [
    { id: 'aaaaaaaa-0000-4000-8000-000000000001', size: 10, status: 'available', bootable: true, multiattach: false },
    { id: 'aaaaaaaa-0000-4000-8000-000000000002', size: 10, status: 'in-use', bootable: true, multiattach: false },
    { id: 'aaaaaaaa-0000-4000-8000-000000000003', size: 10, status: 'available', bootable: false, multiattach: false },
    { id: 'aaaaaaaa-0000-4000-8000-000000000004', size: 10, status: 'in-use', bootable: true, multiattach: true },
  ],
  snapshots: [{ id: 'bbbbbbbb-0000-4000-8000-000000000001', size: 5, volume_id: 'aaaaaaaa-0000-4000-8000-000000000001' }],
};
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const ctx = (o: Partial<Context> = {}): Context => ({ ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, ...o });
const body = (bdms: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ server: { name: 's', flavorRef: '1', ...extra, block_device_mapping_v2: bdms } });
const vol = (id: string, bi: number | null = 0) => ({ source_type: 'volume', destination_type: 'volume', uuid: id, boot_index: bi });
const judge = (text: string, c = ctx(), inventory: Inventory | null = INV) => analyzeJson(text, c, { inventory: inventory ?? undefined });

test('with no inventory, ids are not judged (every id exists, as in the oracle)', () => {
  assert.equal(judge(body([vol('ffffffff-0000-4000-8000-000000000009')]), ctx(), null).valid, true);
});
test('BDM-COMPUTE-VOLUME-EXISTS: a volume Cinder does not have; an existing one passes', () => {
  const a = judge(body([vol('aaaaaaaa-0000-4000-8000-000000000001'), vol('ffffffff-0000-4000-8000-000000000009', 1)]));
  assert.equal(a.verdict?.code, 'BDM-COMPUTE-VOLUME-EXISTS');
  assert.equal(a.verdict?.message, 'Volume ffffffff-0000-4000-8000-000000000009 could not be found.');
  assert.equal(a.diagnostics[0].entry, 1);
  assert.equal(judge(body([vol('aaaaaaaa-0000-4000-8000-000000000001')])).valid, true);
});
test('BDM-COMPUTE-ROOT-VOLUME-EXISTS before the volume lookup: the root without imageRef', () => {
  const a = judge(body([vol('ffffffff-0000-4000-8000-000000000009')]));
  assert.equal(a.verdict?.code, 'BDM-COMPUTE-ROOT-VOLUME-EXISTS');
  assert.equal(a.verdict?.message, 'Block Device Mapping is Invalid: failed to get volume ffffffff-0000-4000-8000-000000000009.');
});
test('BDM-COMPUTE-ROOT-VOLUME-BOOTABLE: a root volume that is not bootable; a bootable one passes', () => {
  assert.equal(judge(body([vol('aaaaaaaa-0000-4000-8000-000000000003')])).verdict?.code, 'BDM-COMPUTE-ROOT-VOLUME-BOOTABLE');
  assert.equal(judge(body([vol('aaaaaaaa-0000-4000-8000-000000000001'), vol('aaaaaaaa-0000-4000-8000-000000000003', 1)])).valid, true);
});
test('BDM-COMPUTE-VOLUME-STATE: an in-use volume cannot be reserved', () => {
  const a = judge(body([vol('aaaaaaaa-0000-4000-8000-000000000001'), vol('aaaaaaaa-0000-4000-8000-000000000002', 1)]));
  assert.equal(a.verdict?.code, 'BDM-COMPUTE-VOLUME-STATE');
  assert.match(a.verdict!.message, /^Invalid volume: .*current status is in-use/);
});
test('BDM-COMPUTE-MULTIATTACH-MICROVERSION: multiattach below 2.60; at 2.60 an in-use multiattach volume passes', () => {
  const b = body([vol('aaaaaaaa-0000-4000-8000-000000000001'), vol('aaaaaaaa-0000-4000-8000-000000000004', 1)], { networks: 'none' });
  assert.equal(judge(b, ctx({ microversion: '2.59' })).verdict?.code, 'BDM-COMPUTE-MULTIATTACH-MICROVERSION');
  assert.equal(judge(b, ctx({ microversion: '2.60' })).valid, true);
});
test('BDM-COMPUTE-IMAGEREF-EXISTS and BDM-COMPUTE-BDM-IMAGE-EXISTS', () => {
  const root = { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 };
  assert.equal(judge(body([root], { imageRef: 'cccccccc-0000-4000-8000-000000000001' })).verdict?.code, 'BDM-COMPUTE-IMAGEREF-EXISTS');
  assert.equal(judge(body([root], { imageRef: IMG })).valid, true);
  const other = { source_type: 'image', destination_type: 'volume', uuid: 'cccccccc-0000-4000-8000-000000000001', volume_size: 5, boot_index: 1 };
  const a = judge(body([root, other], { imageRef: IMG }));
  assert.equal(a.verdict?.code, 'BDM-COMPUTE-BDM-IMAGE-EXISTS');
  assert.equal(a.verdict?.message, 'Block Device Mapping is Invalid: failed to get image cccccccc-0000-4000-8000-000000000001.');
});
test('BDM-COMPUTE-ROOT-IMAGE-EXISTS: an image→volume root whose image Glance does not have', () => {
  const a = judge(body([{ source_type: 'image', destination_type: 'volume', uuid: 'cccccccc-0000-4000-8000-000000000001', volume_size: 5, boot_index: 0 }]));
  assert.equal(a.verdict?.code, 'BDM-COMPUTE-ROOT-IMAGE-EXISTS');
});
test('BDM-COMPUTE-SNAPSHOT-EXISTS: a snapshot Cinder does not have; an existing one passes', () => {
  const snap = (id: string) => ({ source_type: 'snapshot', destination_type: 'volume', uuid: id, boot_index: 1 });
  assert.equal(judge(body([vol('aaaaaaaa-0000-4000-8000-000000000001'), snap('dddddddd-0000-4000-8000-000000000001')])).verdict?.code, 'BDM-COMPUTE-SNAPSHOT-EXISTS');
  assert.equal(judge(body([vol('aaaaaaaa-0000-4000-8000-000000000001'), snap('bbbbbbbb-0000-4000-8000-000000000001')])).valid, true);
});
test('BDM-COMPUTE-FLAVOR-DISK: the image is larger than the flavor root disk', () => {
  const root = { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 };
  const a = judge(body([root], { imageRef: IMG }), ctx({ flavor: { root_gb: 2, ephemeral_gb: 0, swap_mb: 0 } }));
  assert.equal(a.verdict?.code, 'BDM-COMPUTE-FLAVOR-DISK');
  assert.equal(a.verdict?.message, "Flavor's disk is too small for requested image. Flavor disk is 2147483648 bytes, image is 3221225472 bytes.");
  assert.equal(judge(body([root], { imageRef: IMG }), ctx({ flavor: { root_gb: 3, ephemeral_gb: 0, swap_mb: 0 } })).valid, true);
});
// Labelled by shared/tools/nova-oracle, whose Cinder has every volume (a snapshot's source too) at 10 GiB, like INV's first volume.
test('BDM-COMPUTE-FLAVOR-DISK without imageRef: a legacy "...da" volume or snapshot that is not the root gives the image metadata; the root is then the flavor\'s local disk', () => {
  const legacy = (e: Record<string, unknown>) => JSON.stringify({ server: { name: 's', flavorRef: '1', block_device_mapping: [e] } });
  const fl = (root_gb: number) => ctx({ flavor: { root_gb, ephemeral_gb: 0, swap_mb: 0 } });
  const sda = legacy({ device_name: '/dev/sda', volume_id: 'aaaaaaaa-0000-4000-8000-000000000001' });
  const a = judge(sda, fl(1));
  assert.equal(a.verdict?.code, 'BDM-COMPUTE-FLAVOR-DISK');
  assert.equal(a.verdict?.message, "Flavor's disk is too small for requested image. Flavor disk is 1073741824 bytes, image is 10737418240 bytes.");
  assert.equal(a.diagnostics[0].entry, 0);
  assert.equal(sda.slice(a.diagnostics[0].span.offset, a.diagnostics[0].span.offset + a.diagnostics[0].span.length), '"aaaaaaaa-0000-4000-8000-000000000001"');
  const snap = judge(legacy({ device_name: 'xvda', snapshot_id: 'bbbbbbbb-0000-4000-8000-000000000001' }), fl(5));
  assert.equal(snap.verdict?.message, "Flavor's disk is too small for requested image. Flavor disk is 5368709120 bytes, image is 10737418240 bytes.");
  // a flavor disk large enough: Nova's next refusal is the missing root
  assert.equal(judge(sda, fl(20)).verdict?.code, 'BDM-COMPUTE-BOOT-SEQUENCE');
  // vda is the root name: the root is the volume, whose size the flavor does not bound
  assert.equal(judge(legacy({ device_name: 'vda', volume_id: 'aaaaaaaa-0000-4000-8000-000000000001' }), fl(1)).valid, true);
});
test('BDM-COMPUTE-FLAVOR-DISK without imageRef, v2: the first boot_index 0 entry with an id gives the metadata; a root that is not a volume is the flavor\'s local disk', () => {
  const fl = (root_gb: number) => ctx({ flavor: { root_gb, ephemeral_gb: 0, swap_mb: 0 } });
  // an image root without destination_type: the lab host's image is 3 GiB
  const img = judge(body([{ source_type: 'image', uuid: IMG, boot_index: 0 }]), fl(2));
  assert.equal(img.verdict?.message, "Flavor's disk is too small for requested image. Flavor disk is 2147483648 bytes, image is 3221225472 bytes.");
  assert.equal(judge(body([{ source_type: 'image', uuid: IMG, boot_index: 0 }]), fl(3)).valid, true);
  // a snapshot->local root: the snapshot's source volume (10 GiB) is measured, not the snapshot (5 GiB)
  const snap = judge(body([{ source_type: 'snapshot', destination_type: 'local', uuid: 'bbbbbbbb-0000-4000-8000-000000000001', boot_index: 0 }]), fl(5));
  assert.equal(snap.verdict?.code, 'BDM-COMPUTE-FLAVOR-DISK');
  assert.equal(snap.verdict?.message, "Flavor's disk is too small for requested image. Flavor disk is 5368709120 bytes, image is 10737418240 bytes.");
  // the same snapshot as a volume root: the flavor does not bound it
  assert.equal(judge(body([{ source_type: 'snapshot', destination_type: 'volume', uuid: 'bbbbbbbb-0000-4000-8000-000000000001', boot_index: 0 }]), fl(5)).valid, true);
});
test('all data problems are reported together, Nova\'s first one first', () => {
  const a = judge(body([vol('aaaaaaaa-0000-4000-8000-000000000003'), vol('ffffffff-0000-4000-8000-000000000009', 1), vol('aaaaaaaa-0000-4000-8000-000000000002', 2)]));
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['BDM-COMPUTE-ROOT-VOLUME-BOOTABLE', 'BDM-COMPUTE-VOLUME-EXISTS', 'BDM-COMPUTE-VOLUME-STATE']);
});

test('a missing root volume is one diagnostic (get_bdm_image_metadata answers first); another missing volume is still said', () => {
  const missing = 'cccccccc-0000-4000-8000-000000000009';
  const other = 'cccccccc-0000-4000-8000-00000000000a';
  const one = analyzeJson(body([vol(missing)]), ctx(), { inventory: INV });
  assert.deepEqual(one.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['BDM-COMPUTE-ROOT-VOLUME-EXISTS']);
  const two = analyzeJson(body([vol(missing), vol(other, 1)]), ctx(), { inventory: INV });
  const errs = two.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errs.map((d) => [d.code, d.entry]), [['BDM-COMPUTE-ROOT-VOLUME-EXISTS', 0], ['BDM-COMPUTE-VOLUME-EXISTS', 1]]);
});
