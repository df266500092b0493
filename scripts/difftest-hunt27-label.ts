/**
 * Labels hunt 27's hand-written cases (a boot volume's image metadata: min_ram / min_disk read as
 * integers by get_image_metadata_from_volume, then checked against the flavor's RAM, the root
 * volume's requested size or the flavor's disk: test/unit/nova-hunt27.test.ts) with Nova's own
 * answer (the nova-oracle) and prints them as JSON, each case with the oracle's output beside it
 * (`oracle`), to paste into the test. The oracle's Cinder gives every volume the context's image
 * properties as its volume_image_metadata; its flavor has 1 vCPU and 512 MiB RAM.
 *   node --import tsx scripts/difftest-hunt27-label.ts > /tmp/h27-labels.json
 */
import { runOracle } from './difftest-lib';
import type { DiffContext } from './difftest-gen';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';

type Props = Record<string, string>;
export interface Case27 { id: string; note: string; context: DiffContext & { libvirt?: object }; payloadText: string }

const FLAVOR = { root_gb: 20, ephemeral_gb: 0, swap_mb: 0, vcpus: 1, memory_mb: 512 };
const ctx = (props: Props, extra: Partial<DiffContext> & { flavor?: object } = {}): Case27['context'] =>
  ({ microversion: '2.79', flavor: FLAVOR, max_local_block_devices: 3, zero_disk_flavor_allowed: false, ...extra, libvirt: { image_properties: props } }) as Case27['context'];
const body = (server: object) => JSON.stringify({ server: { name: 'h27', flavorRef: '1', networks: 'none', ...server } }) + '\n';
const v2 = (...entries: object[]) => body({ block_device_mapping_v2: entries });
const vol = (more: object = {}) => ({ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0, ...more });
const snap = (more: object = {}) => ({ source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0, ...more });

export const CASES27: Case27[] = [
  // get_image_metadata_from_volume: int(val or 0) of min_ram, then min_disk
  { id: 'h27-int-min-disk-word', note: 'a boot volume whose min_disk is "x": int() raises, 500', context: ctx({ min_disk: 'x' }), payloadText: v2(vol()) },
  { id: 'h27-int-min-ram-float', note: 'a snapshot root whose volume has min_ram "1.5": 500', context: ctx({ min_ram: '1.5' }), payloadText: v2(snap()) },
  { id: 'h27-int-blank', note: 'min_disk of blanks only is not empty: int(" ") raises', context: ctx({ min_disk: '  ' }), payloadText: v2(vol()) },
  { id: 'h27-int-legacy', note: 'a legacy "vda" volume without imageRef: its metadata too', context: ctx({ min_ram: '0x10' }), payloadText: body({ block_device_mapping: [{ device_name: 'vda', volume_id: VOL }] }) },
  { id: 'h27-int-before-auto-disk', note: 'raised before auto_disk_config is read (get_bdm_image_metadata comes first)', context: ctx({ min_disk: 'x', auto_disk_config: 'disabled' }), payloadText: body({ 'OS-DCF:diskConfig': 'AUTO', block_device_mapping_v2: [vol()] }) },
  { id: 'h27-int-before-zero-disk', note: '... and long before the zero-disk flavor', context: ctx({ min_disk: 'x' }, { flavor: { ...FLAVOR, root_gb: 0 } }), payloadText: v2({ source_type: 'volume', uuid: VOL, boot_index: 0 }) },
  { id: 'h27-int-after-certs', note: 'after the trusted certificates check (a control: refused as before)', context: ctx({ min_disk: 'x' }, { microversion: '2.63' }), payloadText: body({ trusted_image_certificates: ['c1'], block_device_mapping_v2: [vol()] }) },
  { id: 'h27-int-imageref', note: 'with imageRef the metadata is Glance\'s: the property is ignored (a control)', context: ctx({ min_disk: 'x', min_ram: 'y' }), payloadText: body({ imageRef: IMG }) },
  { id: 'h27-int-empty', note: 'an empty min_disk is 0 (a control)', context: ctx({ min_disk: '', min_ram: '' }), payloadText: v2(vol({ volume_size: 1 })) },
  { id: 'h27-int-image-root', note: 'an image -> volume root: Glance\'s metadata, not the volume\'s (a control)', context: ctx({ min_disk: 'x' }), payloadText: v2({ source_type: 'image', destination_type: 'volume', uuid: IMG, boot_index: 0, volume_size: 1 }) },
  // _validate_flavor_image_nostatus: min_ram against the flavor's RAM
  { id: 'h27-mem-too-small', note: 'min_ram 1024 MiB on a 512 MiB flavor: 400', context: ctx({ min_ram: '1024' }), payloadText: v2(vol()) },
  { id: 'h27-mem-spelled', note: 'min_ram " 513 " (int() strips blanks): 400', context: ctx({ min_ram: ' 513 ' }), payloadText: v2(snap()) },
  { id: 'h27-mem-before-zero-disk', note: 'the RAM check comes before the zero-disk flavor', context: ctx({ min_ram: '1024' }, { flavor: { ...FLAVOR, root_gb: 0 } }), payloadText: v2({ source_type: 'volume', uuid: VOL, boot_index: 0 }) },
  { id: 'h27-mem-equal', note: 'min_ram equal to the flavor\'s RAM is accepted (a control)', context: ctx({ min_ram: '512' }), payloadText: v2(vol()) },
  { id: 'h27-mem-unknown', note: 'a context without the flavor\'s memory_mb: Nova (512 MiB) refuses, bdm-lab cannot judge it', context: ctx({ min_ram: '1024' }, { flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 } }), payloadText: v2(vol()) },
  // min_disk against the root volume's requested size
  { id: 'h27-vol-min-disk', note: 'a volume root asking 5 GiB, min_disk 30: 400 in bytes', context: ctx({ min_disk: '30' }), payloadText: v2(vol({ volume_size: 5 })) },
  { id: 'h27-vol-min-disk-snapshot', note: 'a snapshot root asking "20", min_disk 30', context: ctx({ min_disk: '30' }), payloadText: v2(snap({ volume_size: '20' })) },
  { id: 'h27-vol-min-disk-digits', note: 'min_disk in Arabic-Indic digits (int() reads them: 10) against 5 GiB', context: ctx({ min_disk: '\u0661\u0660' }), payloadText: v2(vol({ volume_size: 5 })) },
  { id: 'h27-vol-min-disk-huge', note: 'a min_disk past 2^64: Nova prints the exact product', context: ctx({ min_disk: '99999999999999999999' }), payloadText: v2(vol({ volume_size: 1 })) },
  { id: 'h27-vol-min-disk-legacy', note: 'a legacy "/dev/vda" volume with volume_size 1, min_disk 2', context: ctx({ min_disk: '2' }), payloadText: body({ block_device_mapping: [{ device_name: '/dev/vda', volume_id: VOL, volume_size: 1 }] }) },
  { id: 'h27-vol-min-disk-no-size', note: 'no volume_size in the request: not compared (a control)', context: ctx({ min_disk: '30' }), payloadText: v2(vol()) },
  { id: 'h27-vol-min-disk-fits', note: 'volume_size equal to min_disk is accepted (a control)', context: ctx({ min_disk: '30' }), payloadText: v2(vol({ volume_size: 30 })) },
  { id: 'h27-vol-min-disk-before-locals', note: 'before the local-device limit (a later check)', context: ctx({ min_disk: '30' }, { max_local_block_devices: 0 }), payloadText: v2(vol({ volume_size: 5 }), { source_type: 'blank', destination_type: 'local', volume_size: 1, boot_index: -1 }) },
  // a root that is not a volume: the flavor's disk against min_disk
  { id: 'h27-flavor-min-disk', note: 'a v2 volume root without destination_type is not a volume root: the flavor\'s 20 GiB against min_disk 256', context: ctx({ min_disk: '256' }), payloadText: v2({ source_type: 'volume', uuid: VOL, boot_index: 0 }) },
  { id: 'h27-flavor-min-disk-legacy', note: 'a legacy "/dev/sda" volume: no root (vda assumed), refused before the boot sequence', context: ctx({ min_disk: '512' }), payloadText: body({ block_device_mapping: [{ device_name: '/dev/sda', volume_id: VOL, volume_size: 1 }] }) },
  { id: 'h27-flavor-min-disk-zero', note: 'a zero-disk flavor: the policy answers instead (403, as before)', context: ctx({ min_disk: '256' }, { flavor: { ...FLAVOR, root_gb: 0 } }), payloadText: v2({ source_type: 'volume', uuid: VOL, boot_index: 0 }) },
  { id: 'h27-flavor-min-disk-fits', note: 'min_disk 20 on a 20 GiB flavor is accepted (a control)', context: ctx({ min_disk: '20' }), payloadText: v2({ source_type: 'volume', uuid: VOL, boot_index: 0 }) },
  // Python 3.11's limit of 4300 digits between int and str
  { id: 'h27-digits-int', note: 'a min_ram of 4301 digits: int() refuses it (ValueError, 500)', context: ctx({ min_ram: '1'.repeat(4301) }), payloadText: v2(vol()) },
  { id: 'h27-digits-int-underscores', note: '4300 digits with underscores between them are read (then too much RAM: 400)', context: ctx({ min_ram: '1_'.repeat(4299) + '1' }), payloadText: v2(vol()) },
  { id: 'h27-digits-volume-message', note: 'a min_disk of 4292 digits is read, but in bytes it has 4301: writing Nova\'s message raises (500)', context: ctx({ min_disk: '1'.repeat(4292) }), payloadText: v2(vol({ volume_size: 1 })) },
  { id: 'h27-digits-flavor-message', note: '... the flavor\'s message too', context: ctx({ min_disk: '1'.repeat(4292) }), payloadText: v2({ source_type: 'volume', uuid: VOL, boot_index: 0 }) },
  { id: 'h27-digits-printable', note: '4291 digits: 4300 in bytes, still written (400)', context: ctx({ min_disk: '1'.repeat(4291) }), payloadText: v2(vol({ volume_size: 1 })) },
];

function main() {
  const oracle = runOracle(CASES27);
  const out = CASES27.map((c) => {
    const o = oracle.get(c.id);
    if (!o) throw new Error(`no oracle answer for ${c.id}`);
    const { id: _id, microversion: _mv, libvirt: _lv, schema_path: _sp, nova_message_contains: _nc, ...rest } = o as unknown as Record<string, unknown>;
    return { ...c, oracle: rest };
  });
  console.log(JSON.stringify(out, null, 1));
}

if (process.argv[1] && /difftest-hunt27-label/.test(process.argv[1])) main();
