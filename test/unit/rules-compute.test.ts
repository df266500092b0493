/**
 * Compute API layer (spec §4.4, §6), driver classes (§4.7) and the virt/libvirt notes (§8):
 * a positive and a near-miss negative per rule id, labelled by Nova's own code
 * (test/fixtures/oracle/rules/compute.json). Flavor rules run with a flavor in the context.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesFile, server, bfv, imgRoot, volRoot, vol, snapVol, imgVol, blankVol, eph, swap, ctxOf, VOL, SNAP, IMG, type CtxOverrides, type Judged } from './rules-helpers';
import { previewOf } from '../../server/src/features/preview';
import { nodeHashes } from '../../server/src/host';

const { expectRule, expectNot, expectValid, finish } = rulesFile('compute');
const flavor = (root_gb: number, ephemeral_gb = 0, swap_mb = 0) => ({ flavor: { root_gb, ephemeral_gb, swap_mb } });

test('BDM-COMPUTE-ROOT-DEVNAME-CONFLICT: imageRef and a volume named vda', () => {
  expectRule(server([imgRoot(), vol(1, { device_name: 'vda' })]), {}, 'BDM-COMPUTE-ROOT-DEVNAME-CONFLICT', { entry: 1, range: '"vda"' });
});
test('BDM-COMPUTE-ROOT-DEVNAME-CONFLICT: /dev/vda on a blank volume', () => {
  expectRule(server([imgRoot(), blankVol({ device_name: '/dev/vda' })]), {}, 'BDM-COMPUTE-ROOT-DEVNAME-CONFLICT', { entry: 1 });
});
test('BDM-COMPUTE-ROOT-DEVNAME-CONFLICT negative: no imageRef, the root volume named vda', () => {
  expectValid(bfv([volRoot({ device_name: 'vda' })]), {}, { not: ['BDM-COMPUTE-ROOT-DEVNAME-CONFLICT'] });
});
test('BDM-COMPUTE-ROOT-DEVNAME-CONFLICT negative: the local image root itself named vda', () => {
  expectValid(server([imgRoot({ device_name: 'vda' }), vol(1, { device_name: 'vdb' })]), {}, { not: ['BDM-COMPUTE-ROOT-DEVNAME-CONFLICT'] });
});

test('BDM-COMPUTE-TRUSTED-CERTS-BFV: trusted image certificates on a volume-backed server (2.63)', () => {
  expectRule(bfv([volRoot()], { trusted_image_certificates: ['cert-1'], networks: 'none' }), { microversion: '2.63' }, 'BDM-COMPUTE-TRUSTED-CERTS-BFV', { entry: null });
});
test('BDM-COMPUTE-TRUSTED-CERTS-BFV: before the root volume\'s checks (an image→volume root, imageRef "")', () => {
  expectRule(bfv([imgVol({ boot_index: 0 })], { imageRef: '', trusted_image_certificates: ['a', 'b'], networks: 'auto' }), { microversion: '2.95' }, 'BDM-COMPUTE-TRUSTED-CERTS-BFV', { entry: null });
});
test('BDM-COMPUTE-TRUSTED-CERTS-BFV negative: with imageRef the image is verified; null certificates ask nothing', () => {
  expectNot(server([imgRoot()], { trusted_image_certificates: ['cert-1'], networks: 'none' }), { microversion: '2.63' }, 'BDM-COMPUTE-TRUSTED-CERTS-BFV');
  expectNot(bfv([volRoot()], { trusted_image_certificates: null, networks: 'none' }), { microversion: '2.63' }, 'BDM-COMPUTE-TRUSTED-CERTS-BFV');
});
test('BDM-COMPUTE-TRUSTED-CERTS-BFV negative: the legacy 2.0 endpoint strips the key before the controller reads it', () => {
  expectValid(bfv([volRoot()], { imageRef: '', trusted_image_certificates: ['cert'] }), { microversion: '2.0' }, { not: ['BDM-COMPUTE-TRUSTED-CERTS-BFV'] });
});
test('BDM-COMPUTE-TRUSTED-CERTS-BFV negative: two instances with one hostname are refused first (API.create)', () => {
  expectNot(bfv([imgVol({ boot_index: 0 })], { trusted_image_certificates: ['c'], networks: 'none', max_count: 2, hostname: 'web1' }), { microversion: '2.90' }, 'BDM-COMPUTE-TRUSTED-CERTS-BFV');
});
test('BDM-COMPUTE-MULTI-INSTANCE-VOLUME: max_count 2 with an existing volume', () => {
  expectRule(server([imgRoot(), vol(1)], { max_count: 2 }), {}, 'BDM-COMPUTE-MULTI-INSTANCE-VOLUME');
});
test('BDM-COMPUTE-MULTI-INSTANCE-VOLUME: min_count 2', () => {
  expectRule(bfv([volRoot()], { min_count: 2 }), {}, 'BDM-COMPUTE-MULTI-INSTANCE-VOLUME');
});
test('BDM-COMPUTE-MULTI-INSTANCE-VOLUME negative: snapshot, image and blank volumes are per server', () => {
  expectValid(bfv([imgVol({ boot_index: 0 }), snapVol(), blankVol()], { max_count: 3 }), {}, { not: ['BDM-COMPUTE-MULTI-INSTANCE-VOLUME'] });
});

test('BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS: the flavor ephemeral and swap are added', () => {
  const j = expectRule(server([imgRoot()]), flavor(20, 5, 512), 'BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS');
  assert.deepEqual(j.oracle!.implicit_driver_classes, ['DriverEphemeralBlockDevice', 'DriverSwapBlockDevice']);
  assert.deepEqual(j.a.novaBdms!.filter((b) => b.implicit).map((b) => b.implicit), ['flavor-ephemeral', 'flavor-swap']);
});
test('BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS negative: the request has its own ephemeral and swap', () => {
  const j = expectNot(server([imgRoot(), eph({ volume_size: 5 }), swap({ volume_size: 512 })]), flavor(20, 5, 512), 'BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS');
  assert.deepEqual(j.oracle!.implicit_driver_classes ?? [], []);
});

test('BDM-COMPUTE-DEVICE-TYPE: "DISK" is an HTTP 500', () => {
  expectRule(bfv([volRoot({ device_type: 'DISK' })]), {}, 'BDM-COMPUTE-DEVICE-TYPE', { entry: 0, status: 500 });
});
test('BDM-COMPUTE-DEVICE-TYPE: "" is an HTTP 500 too', () => {
  expectRule(bfv([volRoot({ device_type: '' })]), {}, 'BDM-COMPUTE-DEVICE-TYPE', { entry: 0 });
});
test('BDM-COMPUTE-DEVICE-TYPE negative: cdrom', () => {
  expectValid(bfv([volRoot({ device_type: 'cdrom' })]), {}, { not: ['BDM-COMPUTE-DEVICE-TYPE'] });
});

test('BDM-COMPUTE-ZERO-DISK-FLAVOR: root_gb 0 with a local image root', () => {
  expectRule(server([imgRoot()]), flavor(0), 'BDM-COMPUTE-ZERO-DISK-FLAVOR', { status: 403 });
});
test('BDM-COMPUTE-ZERO-DISK-FLAVOR: root_gb 0 and a plain image boot (no entries)', () => {
  expectRule(server(undefined), flavor(0), 'BDM-COMPUTE-ZERO-DISK-FLAVOR');
});
test('BDM-COMPUTE-ZERO-DISK-FLAVOR negative: the caller holds the policy', () => {
  expectValid(server([imgRoot()]), { ...flavor(0), zero_disk_flavor_allowed: true }, { not: ['BDM-COMPUTE-ZERO-DISK-FLAVOR'] });
});
test('BDM-COMPUTE-ZERO-DISK-FLAVOR negative: volume-backed root', () => {
  expectValid(server([imgVol({ boot_index: 0 })]), flavor(0), { not: ['BDM-COMPUTE-ZERO-DISK-FLAVOR'] });
});

test('BDM-COMPUTE-ZERO-DISK-FLAVOR negative: no imageRef, a blank->local root (Nova accepts it; the spec wording suggests 403)', () => {
  expectValid(bfv([{ source_type: 'blank', destination_type: 'local', boot_index: 0 }]), flavor(0), { not: ['BDM-COMPUTE-ZERO-DISK-FLAVOR'] });
});

// Without a lab host a volume (a snapshot's source volume too) is taken at 10 GiB, the size the oracle's Cinder has.
test('BDM-COMPUTE-FLAVOR-DISK without imageRef: a v2 root that is not a volume (snapshot->local, "-00" reads as 0) takes its image metadata from the volume; the flavor\'s 1 GiB disk is smaller than its 10 GiB', () => {
  const root = { source_type: 'snapshot', destination_type: 'local', uuid: SNAP, boot_index: '-00' };
  const j = expectRule(bfv([vol(1, { boot_index: -1 }), root]), flavor(1), 'BDM-COMPUTE-FLAVOR-DISK', { entry: 1 });
  assert.equal(j.a.verdict?.message, "Flavor's disk is too small for requested image. Flavor disk is 1073741824 bytes, image is 10737418240 bytes.");
});
test('BDM-COMPUTE-FLAVOR-DISK without imageRef: a volume root without destination_type is no volume root either; Nova checks the flavor before the boot sequence (two roots)', () => {
  expectRule(bfv([{ source_type: 'volume', uuid: VOL[0], boot_index: 0 }, volRoot()]), flavor(9), 'BDM-COMPUTE-FLAVOR-DISK', { entry: 0 });
});
test('BDM-COMPUTE-FLAVOR-DISK without imageRef: a legacy "...da" volume not named as the root (vda) gives the metadata; the root is the flavor\'s local disk', () => {
  const body = { server: { name: 's', flavorRef: '1', block_device_mapping: [{ device_name: 'sda', volume_id: VOL[0] }] } };
  expectRule(body, flavor(1), 'BDM-COMPUTE-FLAVOR-DISK', { entry: 0 });
});
test('BDM-COMPUTE-FLAVOR-DISK negative: a flavor disk of 10 GiB holds the volume; a volume->volume root is not bounded by the flavor', () => {
  const root = { source_type: 'snapshot', destination_type: 'local', uuid: SNAP, boot_index: 0 };
  expectValid(bfv([root]), flavor(10), { not: ['BDM-COMPUTE-FLAVOR-DISK'] });
  expectValid(bfv([volRoot()]), flavor(1), { not: ['BDM-COMPUTE-FLAVOR-DISK'] });
  // the image's metadata (the oracle's Glance: 1 GiB) fits any flavor disk
  expectValid(bfv([{ source_type: 'image', uuid: VOL[2], boot_index: 0 }]), flavor(1), { not: ['BDM-COMPUTE-FLAVOR-DISK'] });
});

test('BDM-COMPUTE-BOOT-SEQUENCE: duplicate boot_index 0', () => {
  expectRule(bfv([volRoot(), vol(1, { boot_index: 0 })]), {}, 'BDM-COMPUTE-BOOT-SEQUENCE');
});
test('BDM-COMPUTE-BOOT-SEQUENCE: a gap (0, 2)', () => {
  expectRule(bfv([volRoot(), vol(1, { boot_index: 2 })]), {}, 'BDM-COMPUTE-BOOT-SEQUENCE');
});
test('BDM-COMPUTE-BOOT-SEQUENCE: nothing bootable', () => {
  expectRule(bfv([volRoot({ boot_index: -1 })]), {}, 'BDM-COMPUTE-BOOT-SEQUENCE');
});
test('BDM-COMPUTE-BOOT-SEQUENCE negative: 0 and "1" mix int and string', () => {
  expectValid(bfv([volRoot(), vol(1, { boot_index: '1' }), vol(2, { boot_index: -5 })]), {}, { not: ['BDM-COMPUTE-BOOT-SEQUENCE'] });
});

const TYPES = { microversion: '2.67', cinder_volume_types: [{ id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' }] };
test('BDM-COMPUTE-VOLUME-TYPE-EXISTS: an unknown type', () => {
  expectRule(server([imgRoot(), blankVol({ volume_type: 'ceph' })]), TYPES, 'BDM-COMPUTE-VOLUME-TYPE-EXISTS', { entry: 1, range: '"ceph"' });
});
test('BDM-COMPUTE-VOLUME-TYPE-EXISTS negative: by name and by id', () => {
  expectValid(server([imgRoot(), blankVol({ volume_type: 'lvmdriver-1' }), blankVol({ volume_type: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11' })]), TYPES, { not: ['BDM-COMPUTE-VOLUME-TYPE-EXISTS'] });
});
test('BDM-COMPUTE-VOLUME-TYPE-EXISTS negative: a type given by id is stored by its name, the first of Cinder\'s list that matches (a name equal to another type\'s id loses to that type when listed after it)', () => {
  // the stored values were read from Nova's BlockDeviceMapping objects (the oracle's compute API
  // run, nova/compute/api.py _check_requested_volume_type); the fixture keeps Nova's verdict
  const ssd = { id: 'b0e1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d', name: 'ssd' };
  const byId = { id: 'c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f', name: ssd.id };
  const cases: Array<[Array<{ id: string; name: string }>, string, string]> = [
    [TYPES.cinder_volume_types, '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', 'lvmdriver-1'],
    [TYPES.cinder_volume_types, 'lvmdriver-1', 'lvmdriver-1'],
    [[ssd, byId], ssd.id, 'ssd'],
    [[byId, ssd], ssd.id, ssd.id],
  ];
  for (const [types, given, stored] of cases) {
    const j = expectValid(server([imgRoot(), blankVol({ volume_type: given })]), { microversion: '2.67', cinder_volume_types: types }, { not: ['BDM-COMPUTE-VOLUME-TYPE-EXISTS'] });
    assert.equal(j.a.novaBdms?.[1].volume_type, stored);
  }
});
test('BDM-COMPUTE-VOLUME-TYPE-EXISTS negative: types unknown in the context are not checked', () => {
  expectNot(server([imgRoot(), blankVol({ volume_type: 'ceph' })]), { microversion: '2.67' }, 'BDM-COMPUTE-VOLUME-TYPE-EXISTS');
});

test('BDM-COMPUTE-IMAGE-VOLUME-SIZE: image->volume without size', () => {
  expectRule(bfv([imgVol({ boot_index: 0, volume_size: undefined })]), {}, 'BDM-COMPUTE-IMAGE-VOLUME-SIZE', { entry: 0 });
});
test('BDM-COMPUTE-IMAGE-VOLUME-SIZE negative: with volume_size "10"', () => {
  expectValid(bfv([imgVol({ boot_index: 0, volume_size: '10' })]), {}, { not: ['BDM-COMPUTE-IMAGE-VOLUME-SIZE'] });
});

test('BDM-COMPUTE-BLANK-VOLUME-SIZE: blank->volume without size', () => {
  expectRule(server([imgRoot(), blankVol({ volume_size: undefined })]), {}, 'BDM-COMPUTE-BLANK-VOLUME-SIZE', { entry: 1 });
});
test('BDM-COMPUTE-BLANK-VOLUME-SIZE: guest_format swap does not make a blank volume swap', () => {
  expectRule(server([imgRoot(), blankVol({ volume_size: undefined, guest_format: 'swap' })]), {}, 'BDM-COMPUTE-BLANK-VOLUME-SIZE', { entry: 1 });
});
test('BDM-COMPUTE-BLANK-VOLUME-SIZE negative: snapshot->volume needs no size', () => {
  expectValid(server([imgRoot(), snapVol()]), {}, { not: ['BDM-COMPUTE-BLANK-VOLUME-SIZE', 'BDM-COMPUTE-IMAGE-VOLUME-SIZE'] });
});

test('BDM-COMPUTE-DISK-BUS: "VIRTIO" (case-sensitive)', () => {
  expectRule(bfv([volRoot({ disk_bus: 'VIRTIO' })]), {}, 'BDM-COMPUTE-DISK-BUS', { entry: 0, range: '"VIRTIO"' });
});
test('BDM-COMPUTE-DISK-BUS: "nvme"', () => {
  expectRule(bfv([volRoot({ disk_bus: 'nvme' })]), {}, 'BDM-COMPUTE-DISK-BUS', { entry: 0 });
});
test('BDM-COMPUTE-DISK-BUS negative: "" skips the check, "scsi" is known', () => {
  expectValid(bfv([volRoot({ disk_bus: '' }), vol(1, { disk_bus: 'scsi' })]), {}, { not: ['BDM-COMPUTE-DISK-BUS'] });
});

test('BDM-COMPUTE-EPHEMERAL-SIZE: two size-less ephemerals each count the whole flavor', () => {
  expectRule(server([imgRoot(), eph(), eph()]), flavor(20, 10), 'BDM-COMPUTE-EPHEMERAL-SIZE');
});
test('BDM-COMPUTE-EPHEMERAL-SIZE: one ephemeral larger than the flavor', () => {
  expectRule(server([imgRoot(), eph({ volume_size: 11 })]), flavor(20, 10), 'BDM-COMPUTE-EPHEMERAL-SIZE');
});
test('BDM-COMPUTE-EPHEMERAL-SIZE negative: 5 + 5 = 10', () => {
  expectValid(server([imgRoot(), eph({ volume_size: 5 }), eph({ volume_size: 5 })]), flavor(20, 10), { not: ['BDM-COMPUTE-EPHEMERAL-SIZE'] });
});
test('BDM-COMPUTE-EPHEMERAL-SIZE negative: size-less ephemeral on an ephemeral-0 flavor', () => {
  expectNot(server([imgRoot(), eph()]), flavor(20, 0), 'BDM-COMPUTE-EPHEMERAL-SIZE');
});

test('BDM-COMPUTE-SWAP-COUNT: two swaps', () => {
  expectRule(server([imgRoot(), swap({ volume_size: 100 }), swap({ volume_size: 100 })]), flavor(20, 0, 512), 'BDM-COMPUTE-SWAP-COUNT');
});
test('BDM-COMPUTE-SWAP-COUNT: checked without a flavor too', () => {
  expectRule(server([imgRoot(), swap(), swap()]), {}, 'BDM-COMPUTE-SWAP-COUNT');
});
test('BDM-COMPUTE-SWAP-COUNT negative: one swap and one ephemeral', () => {
  expectValid(server([imgRoot(), swap({ volume_size: 100 }), eph()]), flavor(20, 0, 512), { not: ['BDM-COMPUTE-SWAP-COUNT'] });
});

test('BDM-COMPUTE-SWAP-SIZE: 1024 MiB on a 512 MiB flavor', () => {
  expectRule(server([imgRoot(), swap({ volume_size: 1024 })]), flavor(20, 0, 512), 'BDM-COMPUTE-SWAP-SIZE');
});
test('BDM-COMPUTE-SWAP-SIZE: 1 on a swap-0 flavor', () => {
  expectRule(server([imgRoot(), swap({ volume_size: 1 })]), flavor(20), 'BDM-COMPUTE-SWAP-SIZE');
});
test('BDM-COMPUTE-SWAP-SIZE negative: 512 MiB on a 512 MiB flavor (sizes are MiB)', () => {
  expectValid(server([imgRoot(), swap({ volume_size: 512 })]), flavor(20, 0, 512), { not: ['BDM-COMPUTE-SWAP-SIZE'] });
});
test('BDM-COMPUTE-SWAP-SIZE negative: a size-less swap on a swap-0 flavor', () => {
  expectValid(server([imgRoot(), swap()]), flavor(20), { not: ['BDM-COMPUTE-SWAP-SIZE'] });
});

test('BDM-COMPUTE-LOCALS-LIMIT: image root + 3 ephemerals = 4 > 3', () => {
  expectRule(server([imgRoot(), eph({ volume_size: 1 }), eph({ volume_size: 1 }), eph({ volume_size: 1 })]), flavor(20, 10), 'BDM-COMPUTE-LOCALS-LIMIT');
});
test('BDM-COMPUTE-LOCALS-LIMIT: the flavor ephemeral and swap count', () => {
  expectRule(server([imgRoot(), { source_type: 'volume', destination_type: 'local', uuid: VOL[1] }]), flavor(20, 5, 512), 'BDM-COMPUTE-LOCALS-LIMIT');
});
test('BDM-COMPUTE-LOCALS-LIMIT: max_local_block_devices 0 forbids a local root', () => {
  expectRule(server([imgRoot()]), { max_local_block_devices: 0 }, 'BDM-COMPUTE-LOCALS-LIMIT');
});
test('BDM-COMPUTE-LOCALS-LIMIT negative: 3 locals', () => {
  expectValid(server([imgRoot(), eph({ volume_size: 1 }), swap({ volume_size: 1 })]), flavor(20, 10, 10), { not: ['BDM-COMPUTE-LOCALS-LIMIT'] });
});
test('BDM-COMPUTE-LOCALS-LIMIT negative: negative limit = unlimited', () => {
  expectValid(server([imgRoot(), eph({ volume_size: 1 }), eph({ volume_size: 1 }), eph({ volume_size: 1 })]), { ...flavor(20, 10), max_local_block_devices: -1 }, { not: ['BDM-COMPUTE-LOCALS-LIMIT'] });
});

test('BDM-CONTEXT-FLAVOR-UNKNOWN: without a flavor the flavor rules are skipped (one note)', () => {
  expectRule(server([imgRoot(), eph()]), {}, 'BDM-CONTEXT-FLAVOR-UNKNOWN', { entry: null, range: '"flavorRef"' });
});
test('BDM-CONTEXT-FLAVOR-UNKNOWN negative: a flavor in the context', () => {
  expectNot(server([imgRoot(), eph()]), flavor(20, 5), 'BDM-CONTEXT-FLAVOR-UNKNOWN');
});

// ---- driver classes (spec §4.7), through entries[i].driverClass; the oracle builds each class on Nova's BDM objects
test('driver classes for every source/destination pair', () => {
  const j = expectValid(server([
    imgRoot(),
    vol(1),
    snapVol(),
    imgVol(),
    blankVol(),
    swap({ volume_size: 100 }),
    eph({ volume_size: 1, guest_format: 'ext4' }),
    { source_type: 'blank', destination_type: 'volume', volume_size: 1, guest_format: 'swap' },
  ]), { ...flavor(20, 10, 512), max_local_block_devices: -1 });
  const want = ['DriverImageBlockDevice', 'DriverVolumeBlockDevice', 'DriverVolSnapshotBlockDevice', 'DriverVolImageBlockDevice', 'DriverVolBlankBlockDevice', 'DriverSwapBlockDevice', 'DriverEphemeralBlockDevice', 'DriverVolBlankBlockDevice'];
  assert.deepEqual(j.oracle!.driver_classes, want);
  assert.deepEqual(j.a.entries.map((e) => e.driverClass), want);
});
test('driver classes: volume->local, snapshot->local, destination omitted and no_device map to none', () => {
  const j = expectValid(server([
    imgRoot(),
    { source_type: 'volume', destination_type: 'local', uuid: VOL[1] },
    { source_type: 'snapshot', destination_type: 'local', uuid: SNAP },
    { source_type: 'blank', volume_size: 1 },
    { source_type: 'volume', uuid: VOL[2] },
    { no_device: true, device_name: 'vdc' },
  ]), { max_local_block_devices: -1 });
  assert.deepEqual(j.oracle!.driver_classes, ['DriverImageBlockDevice', null, null, null, null, null]);
  assert.deepEqual(j.a.entries.map((e) => e.driverClass), ['DriverImageBlockDevice', null, null, null, null, null]);
});

test('BDM-VIRT-NO-CLASS: volume->local is accepted but yields no disk', () => {
  const j = expectRule(server([imgRoot(), { source_type: 'volume', destination_type: 'local', uuid: VOL[1] }]), {}, 'BDM-VIRT-NO-CLASS', { entry: 1 });
  assert.equal(j.oracle!.driver_classes![1], null);
});
test('BDM-VIRT-NO-CLASS: destination omitted', () => {
  expectRule(bfv([volRoot(), { source_type: 'volume', uuid: VOL[1] }]), {}, 'BDM-VIRT-NO-CLASS', { entry: 1 });
});
test('BDM-VIRT-NO-CLASS negative: volume->volume', () => {
  expectNot(bfv([volRoot(), vol(1)]), {}, 'BDM-VIRT-NO-CLASS');
});

// ---- libvirt (spec §8): Nova accepts these; the oracle runs the libvirt driver's naming
test('BDM-LIBVIRT-DEVICE-NAMES-IGNORED: a non-root volume named /dev/vdz is renamed', () => {
  const j = expectRule(server([imgRoot(), vol(1, { device_name: '/dev/vdz' })]), {}, 'BDM-LIBVIRT-DEVICE-NAMES-IGNORED', { entry: 1, range: '"/dev/vdz"' });
  assert.deepEqual(j.oracle!.libvirt!.device_names, ['/dev/vda', '/dev/vdb']);
});
test('BDM-LIBVIRT-DEVICE-NAMES-IGNORED negative: no device_name given', () => {
  expectNot(server([imgRoot(), vol(1)]), {}, 'BDM-LIBVIRT-DEVICE-NAMES-IGNORED');
});

// The root's image metadata (get_bdm_image_metadata) comes from the ids the root entry carries:
// a v2 entry may hold image_id / volume_id / snapshot_id beside its uuid, and those pick the bus.
/** bdm-lab's root device name and boot order agree with the ones Nova's libvirt driver gave */
function rootAsNova(j: Judged, ctx: CtxOverrides, root: string, boot: string[]) {
  assert.equal(j.oracle!.libvirt!.root_device_name, root);
  assert.deepEqual(j.oracle!.libvirt!.boot_dev_order, boot);
  const p = previewOf(j.a, ctxOf(ctx), null, nodeHashes);
  assert.equal(p.rootDeviceName, root);
  assert.deepEqual(p.bootDevOrder, boot);
}
const scsiImage: CtxOverrides = { libvirt: { image_properties: { hw_disk_bus: 'scsi' } } };
const isoImage: CtxOverrides = { libvirt: { image_properties: { disk_format: 'iso' } } };
test('boot metadata: a blank root volume carrying volume_id boots with that volume\'s image properties', () => {
  rootAsNova(expectValid(bfv([blankVol({ boot_index: 0, volume_id: VOL[1] })]), scsiImage), scsiImage, '/dev/sda', ['hd']);
});
test('boot metadata negative: a blank root volume without an id has no image properties', () => {
  rootAsNova(expectValid(bfv([blankVol({ boot_index: 0 })]), scsiImage), scsiImage, '/dev/vda', ['hd']);
});
test('boot metadata: image_id on a volume root reads the image (an ISO: the root is a cdrom)', () => {
  rootAsNova(expectValid(bfv([volRoot({ image_id: IMG })]), isoImage), isoImage, '/dev/hda', ['cdrom']);
});
test('boot metadata negative: a volume root reads the volume, which keeps no disk_format', () => {
  rootAsNova(expectValid(bfv([volRoot()]), isoImage), isoImage, '/dev/vda', ['hd']);
});

test('BDM-LIBVIRT-MAX-DEVICES: five volumes on the ide bus (ide takes 4)', () => {
  const j = expectRule(bfv([volRoot({ disk_bus: 'ide' }), vol(1, { disk_bus: 'ide' }), vol(2, { disk_bus: 'ide' }), vol(3, { disk_bus: 'ide' }), snapVol({ disk_bus: 'ide' })]), {}, 'BDM-LIBVIRT-MAX-DEVICES');
  assert.ok(j.oracle!.libvirt!.build_error, 'Nova fails the build on the compute node');
});
test('BDM-LIBVIRT-MAX-DEVICES negative: four on ide', () => {
  const j = expectNot(bfv([volRoot({ disk_bus: 'ide' }), vol(1, { disk_bus: 'ide' }), vol(2, { disk_bus: 'ide' }), vol(3, { disk_bus: 'ide' })]), {}, 'BDM-LIBVIRT-MAX-DEVICES');
  assert.equal(j.oracle!.libvirt!.build_error, undefined);
});

test('BDM-LIBVIRT-SUPPORTED-BUSES: disk_bus xen on kvm is replaced', () => {
  expectRule(bfv([volRoot(), vol(1, { disk_bus: 'xen' })]), {}, 'BDM-LIBVIRT-SUPPORTED-BUSES', { entry: 1, range: '"xen"' });
});
test('BDM-LIBVIRT-SUPPORTED-BUSES: virtio on parallels is replaced', () => {
  expectRule(bfv([volRoot(), vol(1, { disk_bus: 'virtio' })]), { libvirt: { virt_type: 'parallels' } }, 'BDM-LIBVIRT-SUPPORTED-BUSES', { entry: 1 });
});
test('BDM-LIBVIRT-SUPPORTED-BUSES negative: sata on kvm', () => {
  expectNot(bfv([volRoot(), vol(1, { disk_bus: 'sata' })]), {}, 'BDM-LIBVIRT-SUPPORTED-BUSES');
});

test('BDM-LIBVIRT-DEVICE-TYPE: fs is handled as a disk', () => {
  expectRule(bfv([volRoot(), vol(1, { device_type: 'fs' })]), {}, 'BDM-LIBVIRT-DEVICE-TYPE', { entry: 1 });
});
test('BDM-LIBVIRT-DEVICE-TYPE negative: floppy is known', () => {
  expectNot(bfv([volRoot(), vol(1, { device_type: 'floppy' })]), {}, 'BDM-LIBVIRT-DEVICE-TYPE');
});

test('BDM-LIBVIRT-LUN-NEEDS-BUS: lun without disk_bus', () => {
  const j = expectRule(bfv([volRoot(), vol(1, { device_type: 'lun' })]), {}, 'BDM-LIBVIRT-LUN-NEEDS-BUS', { entry: 1 });
  assert.ok(j.oracle!.libvirt!.build_error, 'Nova fails the build on the compute node');
});
test('BDM-LIBVIRT-LUN-NEEDS-BUS negative: lun on scsi', () => {
  const j = expectNot(bfv([volRoot(), vol(1, { device_type: 'lun', disk_bus: 'scsi' })]), {}, 'BDM-LIBVIRT-LUN-NEEDS-BUS');
  assert.equal(j.oracle!.libvirt!.build_error, undefined);
});

test('BDM-LIBVIRT-BUILD-ERROR: image property hw_disk_bus xen on kvm fails the build', () => {
  const j = expectRule(server([imgRoot()]), { libvirt: { image_properties: { hw_disk_bus: 'xen' } } }, 'BDM-LIBVIRT-BUILD-ERROR');
  assert.ok(j.oracle!.libvirt!.build_error);
});
test('BDM-LIBVIRT-BUILD-ERROR negative: hw_disk_bus scsi', () => {
  const j = expectNot(server([imgRoot()]), { libvirt: { image_properties: { hw_disk_bus: 'scsi' } } }, 'BDM-LIBVIRT-BUILD-ERROR');
  assert.equal(j.oracle!.libvirt!.build_error, undefined);
});

// metadata at 2.0: an object whose keys all fall outside the key pattern is left whole by the soft
// schema check, and the compute API's own checks (_check_metadata_properties_quota) judge it. The
// oracle stubs that check (a quota check needing the database): for these bodies it answers what
// happens next without it (a ValueError when the Instance object takes a value that is not a string,
// else 202), so the refusals carry no oracle label; the near misses do.
const V20 = { microversion: '2.0' };
const MD_STUB = 'the oracle stubs compute.api._check_metadata_properties_quota, which makes this refusal';
const md = (metadata: unknown, extra: Record<string, unknown> = {}) => server(undefined, { metadata, ...extra });
test('BDM-COMPUTE-METADATA-NOT-STRING: at 2.0 a value that is not a string under keys the pattern does not take', () => {
  expectRule(md({ 'é': {} }), V20, 'BDM-COMPUTE-METADATA-NOT-STRING', { entry: null, path: 'server.metadata.é', range: '{}', noOracle: MD_STUB });
  const j = expectRule(`{"server":{"name":"s","flavorRef":"1","imageRef":"${IMG}","metadata":{"é":"x","ü":[1.0,true,null,"a"]}}}`, V20, 'BDM-COMPUTE-METADATA-NOT-STRING', { range: '[1.0,true,null,"a"]', noOracle: MD_STUB });
  assert.equal(j.a.verdict?.message, "Invalid metadata: [1.0, True, None, 'a'] is not a string or unicode");
  const n = expectRule(md({ '': 5, 'é': {} }), V20, 'BDM-COMPUTE-METADATA-NOT-STRING', { noOracle: MD_STUB });
  assert.equal(n.a.verdict?.message, 'Invalid metadata: 5 is not a string or unicode');
});
test('BDM-COMPUTE-METADATA-NOT-STRING: after the compute API\'s device type, before the zero-disk flavor', () => {
  expectRule(bfv([volRoot({ device_type: 'DISK' })], { metadata: { 'é': {} } }), V20, 'BDM-COMPUTE-DEVICE-TYPE', { id: 'metadata-after-device-type' });
  expectRule(md({ 'é': 1 }), { ...V20, ...flavor(0) }, 'BDM-COMPUTE-METADATA-NOT-STRING', { noOracle: MD_STUB });
});
test('BDM-COMPUTE-METADATA-NOT-STRING negative: string values, a key the pattern takes beside (the schema), after 2.0 (the schema)', () => {
  expectValid(md({ 'é': 'x', 'ü': '' }), V20, { not: ['BDM-COMPUTE-METADATA-NOT-STRING'] });
  expectValid(md({}), V20, { not: ['BDM-COMPUTE-METADATA-NOT-STRING'] });
  expectNot(md({ 'é': {}, a: 'b' }), V20, 'BDM-COMPUTE-METADATA-NOT-STRING');
  expectNot(md({ a: {} }), V20, 'BDM-COMPUTE-METADATA-NOT-STRING');
  expectNot(md({ 'é': {} }), { microversion: '2.1' }, 'BDM-COMPUTE-METADATA-NOT-STRING');
});
test('BDM-COMPUTE-METADATA-EMPTY-KEY: at 2.0 an empty key, after the values before it', () => {
  expectRule(md({ '': 'x' }), V20, 'BDM-COMPUTE-METADATA-EMPTY-KEY', { entry: null, path: 'server.metadata.', range: '""', noOracle: MD_STUB });
  expectRule(md({ 'é': 'x', '': 'y', 'ü': 1 }), V20, 'BDM-COMPUTE-METADATA-EMPTY-KEY', { noOracle: MD_STUB });
});
test('BDM-COMPUTE-METADATA-EMPTY-KEY negative: beside a key the pattern takes (the schema), after 2.0 (the schema)', () => {
  expectNot(md({ '': 'x', a: 'b' }), V20, 'BDM-COMPUTE-METADATA-EMPTY-KEY');
  expectNot(md({ '': 'x' }), { microversion: '2.1' }, 'BDM-COMPUTE-METADATA-EMPTY-KEY');
});
test('BDM-COMPUTE-METADATA-SIZE: at 2.0 a key or a value over 255 characters (HTTP 500)', () => {
  expectRule(md({ ['é'.repeat(256)]: 'x' }), V20, 'BDM-COMPUTE-METADATA-SIZE', { entry: null, status: 500, range: JSON.stringify('é'.repeat(256)), noOracle: MD_STUB });
  expectRule(md({ 'é': 'x'.repeat(256) }), V20, 'BDM-COMPUTE-METADATA-SIZE', { range: JSON.stringify('x'.repeat(256)), noOracle: MD_STUB });
});
test('BDM-COMPUTE-METADATA-SIZE negative: 255 characters (astral ones count once, as Python counts them)', () => {
  expectValid(md({ ['é'.repeat(255)]: 'x'.repeat(255) }), V20, { not: ['BDM-COMPUTE-METADATA-SIZE'] });
  expectValid(md({ ['\u{1F600}'.repeat(255)]: '\u{1F600}'.repeat(255) }), V20, { not: ['BDM-COMPUTE-METADATA-SIZE'] });
});

const imageProps = (props: Record<string, string>, o: CtxOverrides = {}): CtxOverrides => ({ ...o, libvirt: { image_properties: props } });
test('BDM-COMPUTE-IMAGE-METADATA: an image property its ImageMeta field refuses, before the zero-disk flavor', () => {
  expectRule(server([imgRoot()]), imageProps({ hw_disk_bus: 'sd' }, flavor(0)), 'BDM-COMPUTE-IMAGE-METADATA', { entry: null, path: 'server.imageRef' });
  expectRule(bfv([volRoot()]), imageProps({ hw_scsi_model: 'virtio' }), 'BDM-COMPUTE-IMAGE-METADATA', { entry: 0 });
});
test('BDM-COMPUTE-IMAGE-METADATA negative: a blank root carries no image metadata; aliases and case Nova folds', () => {
  expectNot(bfv([blankVol({ boot_index: 0 })]), imageProps({ hw_disk_bus: 'sd' }), 'BDM-COMPUTE-IMAGE-METADATA');
  expectValid(server([imgRoot()]), imageProps({ hw_scsi_model: 'VIRTIO-SCSI', os_type: 'Linux' }), { not: ['BDM-COMPUTE-IMAGE-METADATA'] });
});
test('BDM-COMPUTE-IMAGE-MAPPINGS: a non-empty mappings string (HTTP 500)', () => {
  expectRule(server([imgRoot()]), imageProps({ mappings: '[]' }), 'BDM-COMPUTE-IMAGE-MAPPINGS', { entry: null, status: 500 });
});
test('BDM-COMPUTE-IMAGE-MAPPINGS negative: an empty mappings string is the ImageMeta field\'s refusal', () => {
  expectNot(server([imgRoot()]), imageProps({ mappings: '' }), 'BDM-COMPUTE-IMAGE-MAPPINGS');
});

// hunt 26: what the compute API reads of the boot image's properties beyond their types
test('BDM-COMPUTE-AUTO-DISK-CONFIG: OS-DCF:diskConfig AUTO with an image whose auto_disk_config is disabled, first of the image checks', () => {
  expectRule(server(undefined, { 'OS-DCF:diskConfig': 'AUTO' }), imageProps({ auto_disk_config: 'disabled', hw_disk_bus: 'sd' }), 'BDM-COMPUTE-AUTO-DISK-CONFIG', { entry: null, path: 'server.OS-DCF:diskConfig' });
  expectRule(bfv([volRoot()], { 'OS-DCF:diskConfig': 'AUTO' }), imageProps({ auto_disk_config: ' Disabled ' }), 'BDM-COMPUTE-AUTO-DISK-CONFIG', { entry: null });
});
test('BDM-COMPUTE-AUTO-DISK-CONFIG negative: MANUAL, or a blank root without image metadata', () => {
  expectNot(server(undefined, { 'OS-DCF:diskConfig': 'MANUAL' }), imageProps({ auto_disk_config: 'disabled' }), 'BDM-COMPUTE-AUTO-DISK-CONFIG');
  expectNot(bfv([blankVol({ boot_index: 0 })], { 'OS-DCF:diskConfig': 'AUTO' }), imageProps({ auto_disk_config: 'disabled' }), 'BDM-COMPUTE-AUTO-DISK-CONFIG');
});
test('BDM-COMPUTE-IMAGE-NUMA-CPUS: a hw_numa_cpus.N list Nova cannot parse (HTTP 500)', () => {
  expectRule(server(undefined), imageProps({ 'hw_numa_cpus.0': '1-0' }), 'BDM-COMPUTE-IMAGE-NUMA-CPUS', { entry: null, status: 500 });
});
test('BDM-COMPUTE-IMAGE-NUMA-CPUS negative: exclusions and empty items parse; a cell after a missing index is never read', () => {
  expectNot(server(undefined), imageProps({ 'hw_numa_cpus.0': '0-1,^1,,' }), 'BDM-COMPUTE-IMAGE-NUMA-CPUS');
  expectNot(server(undefined), imageProps({ 'hw_numa_cpus.1': 'x' }), 'BDM-COMPUTE-IMAGE-NUMA-CPUS');
});
test('BDM-COMPUTE-IMAGE-NUMA: the image\'s CPU and NUMA properties do not go together, before the zero-disk flavor', () => {
  expectRule(server([imgRoot()]), imageProps({ hw_cpu_policy: 'mixed' }, flavor(0)), 'BDM-COMPUTE-IMAGE-NUMA', { entry: null, path: 'server.imageRef' });
  expectRule(bfv([volRoot()]), imageProps({ hw_numa_nodes: '0' }, flavor(20)), 'BDM-COMPUTE-IMAGE-NUMA', { entry: 0 });
  expectRule(server(undefined), imageProps({ hw_cpu_thread_policy: 'isolate' }, flavor(20)), 'BDM-COMPUTE-IMAGE-NUMA');
});
test('BDM-COMPUTE-IMAGE-NUMA negative: dedicated with a thread policy, one node', () => {
  expectNot(server(undefined), imageProps({ hw_cpu_policy: 'dedicated', hw_cpu_thread_policy: 'isolate', hw_numa_nodes: '1' }, flavor(20)), 'BDM-COMPUTE-IMAGE-NUMA');
});
test('BDM-COMPUTE-IMAGE-LOCKED-MEMORY: locked memory without a page size (HTTP 403)', () => {
  expectRule(server(undefined), imageProps({ hw_locked_memory: 'true' }, flavor(20)), 'BDM-COMPUTE-IMAGE-LOCKED-MEMORY', { entry: null });
});
test('BDM-COMPUTE-IMAGE-LOCKED-MEMORY negative: hw_locked_memory false', () => {
  expectNot(server(undefined), imageProps({ hw_locked_memory: 'false' }, flavor(20)), 'BDM-COMPUTE-IMAGE-LOCKED-MEMORY');
});
test('BDM-COMPUTE-IMAGE-ENCRYPTED: an imageRef image uploaded from an encrypted volume, before the zero-disk flavor', () => {
  expectRule(server(undefined), imageProps({ cinder_encryption_key_id: 'k' }, flavor(0)), 'BDM-COMPUTE-IMAGE-ENCRYPTED', { entry: null, path: 'server.imageRef' });
});
test('BDM-COMPUTE-IMAGE-ENCRYPTED negative: a boot volume with the key id is booted', () => {
  expectNot(bfv([volRoot()]), imageProps({ cinder_encryption_key_id: 'k' }), 'BDM-COMPUTE-IMAGE-ENCRYPTED');
});
test('BDM-COMPUTE-IMAGE-MEM-ENCRYPTION-VOLUME: memory encryption on a boot volume (HTTP 500)', () => {
  expectRule(bfv([volRoot()]), imageProps({ hw_mem_encryption: 'true', hw_firmware_type: 'uefi' }, flavor(20)), 'BDM-COMPUTE-IMAGE-MEM-ENCRYPTION-VOLUME', { entry: 0, status: 500 });
});
test('BDM-COMPUTE-IMAGE-MEM-ENCRYPTION-VOLUME negative: an image with UEFI asking for it', () => {
  expectNot(server(undefined), imageProps({ hw_mem_encryption: 'true', hw_firmware_type: 'uefi' }, flavor(20)), 'BDM-COMPUTE-IMAGE-MEM-ENCRYPTION-VOLUME');
});
test('BDM-COMPUTE-IMAGE-CPU-TOPOLOGY: the image\'s vCPU topology beyond its limits, after the zero-disk flavor and before the local-device limit', () => {
  expectRule(server(undefined), imageProps({ hw_cpu_threads: '3', hw_cpu_max_threads: '2' }, flavor(20)), 'BDM-COMPUTE-IMAGE-CPU-TOPOLOGY', { entry: null });
  expectRule(server([imgRoot(), eph({ volume_size: 1 }), eph({ volume_size: 1 }), eph({ volume_size: 1 })]), imageProps({ hw_cpu_sockets: '70000' }, flavor(20, 5)), 'BDM-COMPUTE-IMAGE-CPU-TOPOLOGY', { entry: null });
});
test('BDM-COMPUTE-IMAGE-CPU-TOPOLOGY negative: within the limits', () => {
  expectNot(server(undefined), imageProps({ hw_cpu_sockets: '2', hw_cpu_max_sockets: '2' }, flavor(20)), 'BDM-COMPUTE-IMAGE-CPU-TOPOLOGY');
});

// hunt 27: a boot volume's image metadata, min_ram and min_disk (test/unit/nova-hunt27.test.ts); the oracle's flavor has 512 MiB
const ram512 = (props: Record<string, string>, root_gb = 20): CtxOverrides => imageProps(props, { flavor: { root_gb, ephemeral_gb: 0, swap_mb: 0, vcpus: 1, memory_mb: 512 } });
test('BDM-COMPUTE-VOLUME-IMAGE-INT: a boot volume whose min_disk int() refuses (HTTP 500), before auto_disk_config', () => {
  expectRule(bfv([volRoot()], { 'OS-DCF:diskConfig': 'AUTO' }), ram512({ min_disk: 'x', auto_disk_config: 'disabled' }), 'BDM-COMPUTE-VOLUME-IMAGE-INT', { entry: 0, status: 500 });
});
test('BDM-COMPUTE-VOLUME-IMAGE-INT negative: with imageRef the metadata is Glance\'s; an empty min_ram is 0', () => {
  expectNot(server(undefined), ram512({ min_disk: 'x' }), 'BDM-COMPUTE-VOLUME-IMAGE-INT');
  expectNot(bfv([volRoot()]), ram512({ min_ram: '' }), 'BDM-COMPUTE-VOLUME-IMAGE-INT');
});
test('BDM-COMPUTE-FLAVOR-MEMORY: the boot volume\'s min_ram above the flavor\'s memory_mb, before the zero-disk flavor', () => {
  expectRule(bfv([{ source_type: 'volume', uuid: VOL[0], boot_index: 0 }]), ram512({ min_ram: '1024' }, 0), 'BDM-COMPUTE-FLAVOR-MEMORY', { entry: 0 });
});
test('BDM-COMPUTE-FLAVOR-MEMORY negative: min_ram equal to the flavor\'s memory', () => {
  expectNot(bfv([volRoot()]), ram512({ min_ram: '512' }), 'BDM-COMPUTE-FLAVOR-MEMORY');
});
test('BDM-COMPUTE-FLAVOR-MIN-DISK: a root that is not a volume (no destination_type): the flavor\'s disk against the volume\'s min_disk', () => {
  expectRule(bfv([{ source_type: 'volume', uuid: VOL[0], boot_index: 0 }]), ram512({ min_disk: '256' }), 'BDM-COMPUTE-FLAVOR-MIN-DISK', { entry: 0 });
});
test('BDM-COMPUTE-FLAVOR-MIN-DISK negative: a volume root is not bounded by the flavor; min_disk equal to the flavor\'s disk', () => {
  expectNot(bfv([volRoot()]), ram512({ min_disk: '256' }), 'BDM-COMPUTE-FLAVOR-MIN-DISK');
  expectNot(bfv([{ source_type: 'volume', uuid: VOL[0], boot_index: 0 }]), ram512({ min_disk: '20' }), 'BDM-COMPUTE-FLAVOR-MIN-DISK');
});
test('BDM-COMPUTE-MIN-DISK-UNPRINTABLE: a min_disk whose size in bytes has more than 4300 digits (HTTP 500)', () => {
  expectRule(bfv([volRoot({ volume_size: 1 })]), ram512({ min_disk: '1'.repeat(4292) }), 'BDM-COMPUTE-MIN-DISK-UNPRINTABLE', { entry: 0, status: 500 });
});
test('BDM-COMPUTE-MIN-DISK-UNPRINTABLE negative: 4300 digits in bytes are written; a root without volume_size is not compared', () => {
  expectNot(bfv([volRoot({ volume_size: 1 })]), ram512({ min_disk: '1'.repeat(4291) }), 'BDM-COMPUTE-MIN-DISK-UNPRINTABLE');
  expectNot(bfv([volRoot()]), ram512({ min_disk: '1'.repeat(4292) }), 'BDM-COMPUTE-MIN-DISK-UNPRINTABLE');
});

const NO_EXTRA_SPECS = 'the nova-oracle builds its flavor without extra specs: Nova\'s answer with them (the oracle given the context\'s extra specs) is in test/fixtures/nova-hunt26/flavor-extra-specs.json';
const specs = (extra_specs: Record<string, string>) => ({ flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0, extra_specs } });
test('BDM-COMPUTE-IMAGE-LOCKED-MEMORY-CONFLICT: the flavor\'s locked memory against the image\'s (HTTP 500; h26f-locked-conflict)', () => {
  expectRule(server(undefined), imageProps({ hw_locked_memory: 'false' }, specs({ 'hw:locked_memory': 'true' })), 'BDM-COMPUTE-IMAGE-LOCKED-MEMORY-CONFLICT', { entry: null, status: 500, noOracle: NO_EXTRA_SPECS });
});
test('BDM-COMPUTE-IMAGE-LOCKED-MEMORY-CONFLICT negative: both the same', () => {
  expectNot(server(undefined), imageProps({ hw_locked_memory: 'true', hw_mem_page_size: 'large' }, specs({ 'hw:locked_memory': 'yes', 'hw:mem_page_size': 'any' })), 'BDM-COMPUTE-IMAGE-LOCKED-MEMORY-CONFLICT', { noOracle: NO_EXTRA_SPECS });
});
test('BDM-COMPUTE-NUMA-EMPTY-THREAD-POLICY: an empty flavor thread policy written into the NUMA cells (HTTP 500; h26f-thread-policy-empty-topology)', () => {
  expectRule(server(undefined), specs({ 'hw:cpu_thread_policy': '', 'hw:mem_page_size': 'any' }), 'BDM-COMPUTE-NUMA-EMPTY-THREAD-POLICY', { entry: null, status: 500, noOracle: NO_EXTRA_SPECS });
});
test('BDM-COMPUTE-NUMA-EMPTY-THREAD-POLICY negative: no NUMA topology (h26f-thread-policy-empty-alone)', () => {
  expectNot(server(undefined), specs({ 'hw:cpu_thread_policy': '' }), 'BDM-COMPUTE-NUMA-EMPTY-THREAD-POLICY', { noOracle: NO_EXTRA_SPECS });
});

test('compute.json fixture is in step with these cases', () => finish());
