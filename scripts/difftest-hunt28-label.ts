/**
 * Labels hunt 28's hand-written cases (Glance's own min_disk, min_ram and size of the boot image
 * against the flavor and the root volume; a legacy request's root volume that is not bootable:
 * test/unit/nova-hunt28.test.ts) with Nova's own answer and writes
 * test/fixtures/nova-hunt28/glance-min.json: each case's body as text, its context (the `_glance`
 * key gives Glance's image attributes, `_cinder` Cinder's volume attributes), a note, and the
 * oracle's output (`oracle`). The oracle is scripts/difftest-hunt28-glance-oracle.py: the
 * nova-oracle, unchanged, whose Glance and Cinder answer with those attributes. Its flavor has 1 vCPU and 512 MiB RAM (the contexts
 * say so too).
 *   node --import tsx scripts/difftest-hunt28-label.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './difftest-lib';
import { runGlanceOracle, type Cinder, type Glance, type GlanceContext } from './difftest-hunt28';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const IMG2 = 'b8e2f7a1-3c4d-4e5f-9a6b-7c8d9e0f1a2b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const VOL2 = 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b';
/** the volume the oracle's Cinder gives every snapshot */
const SNAP_VOLUME = 'a1b2c3d4-0000-4000-8000-00000000aaaa';

export interface Case28 { id: string; note: string; context: GlanceContext; payloadText: string }

const FLAVOR = { root_gb: 20, ephemeral_gb: 0, swap_mb: 0, vcpus: 1, memory_mb: 512 };
const ctx = (glance: Glance, extra: Partial<GlanceContext> & { flavor?: object } = {}): GlanceContext =>
  ({ microversion: '2.79', flavor: FLAVOR, max_local_block_devices: 3, zero_disk_flavor_allowed: false, ...extra, _glance: glance }) as GlanceContext;
const body = (server: object) => JSON.stringify({ server: { name: 'h28', flavorRef: '1', networks: 'none', ...server } }) + '\n';
const image = body({ imageRef: IMG });
const notBootable = (ids: string[], more: object = {}): Cinder => Object.fromEntries(ids.map((id) => [id, { bootable: false, ...more }]));
const cctx = (cinder: Cinder, extra: Partial<GlanceContext> = {}): GlanceContext => ctx({}, { ...extra, _cinder: cinder } as Partial<GlanceContext>);
const legacy = (...items: object[]) => body({ block_device_mapping: items });
const withRoot = (root: object, more: object = {}) => body({ imageRef: IMG, block_device_mapping_v2: [{ boot_index: 0, ...root }], ...more });
const vol = (more: object = {}) => ({ source_type: 'volume', destination_type: 'volume', uuid: VOL, ...more });

export const CASES28: Case28[] = [
  // _validate_flavor_image_nostatus with imageRef's Glance image: min_ram first
  { id: 'h28-ram-too-small', note: 'imageRef\'s image asks 1024 MiB, the flavor has 512: 400', context: ctx({ [IMG]: { min_ram: 1024 } }), payloadText: image },
  { id: 'h28-ram-equal', note: 'min_ram equal to the flavor\'s RAM: accepted (a control)', context: ctx({ [IMG]: { min_ram: 512 } }), payloadText: image },
  { id: 'h28-ram-before-zero-disk', note: 'the RAM check comes before the zero-disk flavor (403 otherwise)', context: ctx({ '*': { min_ram: 4096 } }, { flavor: { ...FLAVOR, root_gb: 0 } }), payloadText: image },
  { id: 'h28-ram-before-size', note: '... and before the image\'s size against the flavor', context: ctx({ '*': { min_ram: 513, size_gib: 40 } }), payloadText: image },
  { id: 'h28-ram-volume-root', note: 'imageRef beside a boot volume: Glance\'s min_ram still counts', context: ctx({ [IMG]: { min_ram: 1024 } }), payloadText: withRoot(vol()) },
  { id: 'h28-ram-unknown', note: 'a context without the flavor\'s memory_mb: Nova (512 MiB) refuses, bdm-lab cannot judge it', context: ctx({ [IMG]: { min_ram: 1024 } }, { flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 } }), payloadText: image },
  // min_disk against a local root of the flavor's size
  { id: 'h28-disk-flavor', note: 'min_disk 30 GiB on a 20 GiB flavor: 400 in bytes', context: ctx({ [IMG]: { min_disk: 30 } }), payloadText: image },
  { id: 'h28-disk-flavor-equal', note: 'min_disk equal to the flavor\'s disk: accepted (a control)', context: ctx({ [IMG]: { min_disk: 20 } }), payloadText: image },
  { id: 'h28-disk-size-first', note: 'an image larger than the flavor is refused for its size first', context: ctx({ [IMG]: { min_disk: 30, size_gib: 25 } }), payloadText: image },
  { id: 'h28-disk-zero-flavor', note: 'a zero-disk flavor is not compared: the policy answers (403)', context: ctx({ [IMG]: { min_disk: 30 } }, { flavor: { ...FLAVOR, root_gb: 0 } }), payloadText: image },
  { id: 'h28-disk-zero-flavor-allowed', note: '... and with the policy, accepted', context: ctx({ [IMG]: { min_disk: 30 } }, { flavor: { ...FLAVOR, root_gb: 0 }, zero_disk_flavor_allowed: true }), payloadText: image },
  { id: 'h28-disk-image-local-root', note: 'an image -> local root beside imageRef: the flavor\'s disk', context: ctx({ [IMG]: { min_disk: 21 } }), payloadText: withRoot({ source_type: 'image', destination_type: 'local', uuid: IMG }) },
  { id: 'h28-disk-volume-no-dest', note: 'a volume root without destination_type is not a volume root: the flavor\'s disk', context: ctx({ [IMG]: { min_disk: 30 } }), payloadText: withRoot({ source_type: 'volume', uuid: VOL }) },
  { id: 'h28-disk-other-image', note: 'only imageRef\'s image counts: another image with min_disk 99 is not Nova\'s boot image (a control)', context: ctx({ [IMG2]: { min_disk: 99 } }), payloadText: image },
  // min_disk against the root volume's requested size
  { id: 'h28-disk-volume-root', note: 'imageRef beside a boot volume asking 5 GiB, min_disk 30: 400', context: ctx({ [IMG]: { min_disk: 30 } }), payloadText: withRoot(vol({ volume_size: 5 })) },
  { id: 'h28-disk-volume-root-no-size', note: 'a boot volume without volume_size is not compared (a control)', context: ctx({ [IMG]: { min_disk: 30 } }), payloadText: withRoot(vol()) },
  { id: 'h28-disk-volume-root-big-flavor', note: 'a volume root is not bounded by the flavor: min_disk 30 on a 20 GiB flavor, volume 40 GiB', context: ctx({ [IMG]: { min_disk: 30, size_gib: 25 } }), payloadText: withRoot(vol({ volume_size: 40 })) },
  { id: 'h28-disk-snapshot-root', note: 'a snapshot root asking "5"', context: ctx({ [IMG]: { min_disk: 30 } }), payloadText: withRoot({ source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, volume_size: '5' }) },
  { id: 'h28-disk-image-volume-root', note: 'an image -> volume root of another image: imageRef\'s min_disk against its size', context: ctx({ [IMG]: { min_disk: 30 }, [IMG2]: { min_disk: 0 } }), payloadText: withRoot({ source_type: 'image', destination_type: 'volume', uuid: IMG2, volume_size: 10 }) },
  { id: 'h28-disk-image-volume-root-other', note: '... the root\'s own image\'s min_disk does not count with imageRef (a control)', context: ctx({ [IMG]: { min_disk: 0 }, [IMG2]: { min_disk: 50 } }), payloadText: withRoot({ source_type: 'image', destination_type: 'volume', uuid: IMG2, volume_size: 10 }) },
  // without imageRef: the root entry's image is the boot image
  { id: 'h28-disk-bdm-image', note: 'no imageRef, an image -> volume root: its image\'s min_disk against its volume_size', context: ctx({ [IMG2]: { min_disk: 15 } }), payloadText: body({ block_device_mapping_v2: [{ source_type: 'image', destination_type: 'volume', uuid: IMG2, boot_index: 0, volume_size: 10 }] }) },
  { id: 'h28-ram-bdm-image', note: '... and its min_ram against the flavor', context: ctx({ [IMG2]: { min_ram: 2048 } }), payloadText: body({ block_device_mapping_v2: [{ source_type: 'image', destination_type: 'volume', uuid: IMG2, boot_index: 0, volume_size: 10 }] }) },
  { id: 'h28-bdm-volume-control', note: 'no imageRef, a boot volume: Glance\'s attributes do not count (a control)', context: ctx({ '*': { min_disk: 99, min_ram: 4096 } }), payloadText: body({ block_device_mapping_v2: [vol({ boot_index: 0, volume_size: 5 })] }) },
  // legacy lists beside imageRef
  { id: 'h28-legacy-vda', note: 'a legacy /dev/vda volume of 5 GiB beside imageRef, min_disk 30', context: ctx({ [IMG]: { min_disk: 30 } }), payloadText: body({ imageRef: IMG, block_device_mapping: [{ device_name: '/dev/vda', volume_id: VOL, volume_size: 5 }] }) },
  { id: 'h28-legacy-vdb', note: 'a legacy /dev/vdb volume beside imageRef: the image is the local root (the flavor\'s disk)', context: ctx({ [IMG]: { min_disk: 30 } }), payloadText: body({ imageRef: IMG, block_device_mapping: [{ device_name: '/dev/vdb', volume_id: VOL, volume_size: 50 }] }) },
  // order with later checks
  { id: 'h28-disk-before-locals', note: 'before the local-device limit', context: ctx({ [IMG]: { min_disk: 30 } }, { max_local_block_devices: 0 }), payloadText: image },
  { id: 'h28-disk-after-networks', note: 'after the networks and the image lookup: a bad port list first', context: ctx({ [IMG]: { min_disk: 30 } }), payloadText: body({ imageRef: IMG, networks: [{ port: '9d1f1b7e-52c4-4d1e-a0b6-8a5b0d6c2e11' }, { port: '9d1f1b7e-52c4-4d1e-a0b6-8a5b0d6c2e11' }] }) },
  { id: 'h28-disk-max-count', note: 'two servers: refused once, as for one', context: ctx({ [IMG]: { min_disk: 21 } }), payloadText: body({ imageRef: IMG, max_count: 2 }) },
  // get_bdm_image_metadata on a legacy request (no imageRef): the first "...da" item with an id
  { id: 'h28-legacy-not-bootable', note: 'a legacy /dev/vda volume Cinder says is not bootable: 400', context: cctx(notBootable([VOL])), payloadText: legacy({ device_name: '/dev/vda', volume_id: VOL }) },
  { id: 'h28-legacy-not-bootable-sda', note: '"sda" is the root letter too', context: cctx(notBootable([VOL])), payloadText: legacy({ device_name: '/dev/vdb', volume_id: VOL2 }, { device_name: 'sda', volume_id: VOL }) },
  { id: 'h28-legacy-not-bootable-xvda', note: '... and "xvda", at 2.0', context: cctx(notBootable([VOL]), { microversion: '2.0' }), payloadText: JSON.stringify({ server: { name: 'h28', flavorRef: '1', block_device_mapping: [{ device_name: 'xvda', volume_id: VOL }] } }) + '\n' },
  { id: 'h28-legacy-snapshot-not-bootable', note: 'a legacy "vda" snapshot: its volume is the one asked, and named', context: cctx(notBootable([SNAP_VOLUME])), payloadText: legacy({ device_name: 'vda', snapshot_id: SNAP, volume_size: 20 }) },
  { id: 'h28-legacy-not-bootable-first', note: 'before the zero-disk flavor and the boot volume\'s min_disk', context: cctx(notBootable([VOL]), { flavor: { ...FLAVOR, root_gb: 0 }, libvirt: { image_properties: { min_disk: '30' } } } as Partial<GlanceContext>), payloadText: legacy({ device_name: 'xvda', volume_id: VOL }) },
  { id: 'h28-legacy-not-bootable-multiattach', note: '... and before a multiattach volume at 2.42', context: cctx(notBootable([VOL], { multiattach: true }), { microversion: '2.42' }), payloadText: legacy({ device_name: 'vda', volume_id: VOL }) },
  { id: 'h28-legacy-not-bootable-skip-no-id', note: 'a "vda" item without an id is passed over; the next "...da" item with one counts', context: cctx(notBootable([VOL])), payloadText: legacy({ device_name: '/dev/vda', virtual_name: 'ephemeral0' }, { device_name: '/dev/hda', volume_id: VOL }) },
  { id: 'h28-legacy-bootable-first', note: 'the first "...da" item with an id is the only one asked: a bootable vda before a non-bootable sda (a control)', context: cctx(notBootable([VOL2])), payloadText: legacy({ device_name: '/dev/vda', volume_id: VOL }, { device_name: '/dev/sda', volume_id: VOL2 }) },
  { id: 'h28-legacy-vdb-not-bootable', note: 'a non-bootable volume on vdb is not asked (a control: Nova answers something else or accepts)', context: cctx(notBootable([VOL2])), payloadText: legacy({ device_name: '/dev/vdb', volume_id: VOL2 }) },
  { id: 'h28-legacy-imageref-not-bootable', note: 'with imageRef the boot metadata is Glance\'s: the vda volume is not asked (a control)', context: cctx(notBootable([VOL])), payloadText: body({ imageRef: IMG, block_device_mapping: [{ device_name: '/dev/vdb', volume_id: VOL }] }) },
  { id: 'h28-v2-not-bootable', note: 'a v2 boot_index 0 volume (judged before this hunt too: a control)', context: cctx(notBootable([VOL])), payloadText: body({ block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }] }) },
];

function main() {
  const file = join(ROOT, 'test', 'fixtures', 'nova-hunt28', 'glance-min.json');
  mkdirSync(dirname(file), { recursive: true });
  const oracle = runGlanceOracle(CASES28);
  const out = CASES28.map((c) => {
    const o = oracle.get(c.id);
    if (!o) throw new Error(`no oracle answer for ${c.id}`);
    const { id: _id, microversion: _mv, ...rest } = o as unknown as Record<string, unknown>;
    return { ...c, oracle: rest };
  });
  writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
  console.log(`${out.length} cases labelled -> test/fixtures/nova-hunt28/glance-min.json`);
}

if (process.argv[1] && /difftest-hunt28-label/.test(process.argv[1])) main();
