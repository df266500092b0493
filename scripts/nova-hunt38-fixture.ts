/**
 * Writes test/fixtures/nova-hunt38/cases.oracle.json: hunt 38's labelled slice. The cases of
 * scripts/nova-hunt38-gen.ts (seeds 3801 and 3802, 1500 each) that bdm-lab answered differently
 * from Nova before the hunt's fixes (their ids below), the first 40 cases of seed 3801 that Nova
 * accepts, and a few written here for the shapes the fixes are about; every one labelled by
 * scripts/nova-hunt38-label.py (python3-nova 26.2.2 with master's blockinfo, through the spawn pass
 * of test/fixtures/deploy/spawn_oracle.py).
 *   node --import tsx scripts/nova-hunt38-fixture.ts [FILE]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateHunt38Cases } from './nova-hunt38-gen';
import { labelHunt38 } from './nova-hunt38-check';
import { IMAGE, type XmlCase } from './xml-difftest-gen';

/** the cases bdm-lab's tree before the hunt (HEAD 5e271b9) answered differently from Nova */
const FOUND = ['h38-3801-162-162', 'h38-3801-176-176', 'h38-3801-553-553', 'h38-3801-812-812', 'h38-3801-874-874', 'h38-3801-953-953', 'h38-3801-976-976', 'h38-3801-1169-1169',
  'h38-3801-1215-1215', 'h38-3802-62-62', 'h38-3802-272-272', 'h38-3802-567-567', 'h38-3802-603-603', 'h38-3802-683-683', 'h38-3802-976-976', 'h38-3802-993-993',
  'h38-3802-1023-1023', 'h38-3802-1204-1204', 'h38-3802-1278-1278', 'h38-3802-1368-1368'];

type Obj = Record<string, unknown>;
const VOL = '5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c50';
const ISCSI = { driver_volume_type: 'iscsi', serial: VOL, data: { target_discovered: false, target_portal: '10.0.0.5:3260', target_iqn: `iqn.2010-10.org.openstack:volume-${VOL}`, target_lun: 1, volume_id: VOL, qos_specs: null, access_mode: 'rw', encrypted: false, cacheable: false, device_path: '/dev/sdb' } };
const ROOT = { boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'local' };
const VOLUME = { uuid: VOL, source_type: 'volume', destination_type: 'volume', boot_index: -1 };

/** a case written here: body entries (with imageRef), flavor, libvirt context, a nova.conf file */
function made(id: string, entries: Obj[] | null, flavor: XmlCase['flavor'], libvirt: Obj, ini?: string): XmlCase {
  const server: Obj = { name: id, flavorRef: '1', networks: 'none', imageRef: IMAGE };
  if (entries) server.block_device_mapping_v2 = entries;
  const volumes = { [VOL]: ISCSI, '*': ISCSI };
  const context: Obj = {
    microversion: '2.67', flavor, max_local_block_devices: -1, libvirt, nova_release: '26.2.2', instance: { uuid: '8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f' },
    volumes: Object.fromEntries(Object.entries(volumes).map(([k, ci]) => [k, { connection_info: ci }])),
  };
  return {
    ...(ini !== undefined ? { nova_conf_ini: ini, file_machine_type: true } : {}),
    id, body: { server }, flavor, libvirt, nova_conf: {}, volumes, encryption: {}, direct_io: true, max_local_block_devices: -1, context,
  };
}

const NO_EPH = { device_name: '/dev/vdb', no_device: true, source_type: 'blank', destination_type: 'local' };
const MADE: XmlCase[] = [
  // blockinfo.get_default_ephemeral_info: on lxc the default ephemeral's name is None, and
  // block_device.volume_in_mapping finds None among the unnamed volumes: no disk.local
  made('lxc-unnamed-volume-no-default-ephemeral', [NO_EPH, ROOT, VOLUME], { root_gb: 10, ephemeral_gb: 6, swap_mb: 0 }, { virt_type: 'lxc' }),
  made('lxc-no-volume-default-ephemeral', [NO_EPH, ROOT], { root_gb: 10, ephemeral_gb: 6, swap_mb: 0 }, { virt_type: 'lxc' }),
  made('kvm-volume-default-ephemeral', [NO_EPH, ROOT, VOLUME], { root_gb: 10, ephemeral_gb: 6, swap_mb: 0 }, { virt_type: 'kvm' }),
  made('lxc-prefix-volume-default-ephemeral', [NO_EPH, ROOT, VOLUME], { root_gb: 10, ephemeral_gb: 6, swap_mb: 0 }, { virt_type: 'lxc', disk_prefix: 'sd' }),
  // the flavor's swap when the request's swap is a no_device entry: an unnamed ephemeral hides it on lxc
  made('lxc-unnamed-ephemeral-no-flavor-swap', [ROOT, { source_type: 'blank', destination_type: 'local', volume_size: 6, boot_index: -1 }, { device_name: '/dev/vdc', no_device: true, source_type: 'blank', destination_type: 'local', guest_format: 'swap' }],
    { root_gb: 10, ephemeral_gb: 6, swap_mb: 512 }, { virt_type: 'lxc' }),
  made('kvm-ephemeral-flavor-swap', [ROOT, { source_type: 'blank', destination_type: 'local', volume_size: 6, boot_index: -1 }, { device_name: '/dev/vdc', no_device: true, source_type: 'blank', destination_type: 'local', guest_format: 'swap' }],
    { root_gb: 10, ephemeral_gb: 6, swap_mb: 512 }, { virt_type: 'kvm' }),
  // nova/virt/libvirt/utils.py get_default_machine_type: [libvirt]hw_machine_type's item for the arch
  made('nova-conf-q35-config-drive', null, { root_gb: 10, ephemeral_gb: 0, swap_mb: 0 }, { virt_type: 'kvm', config_drive: true }, '[libvirt]\nhw_machine_type = x86_64=q35\n'),
  made('nova-conf-q35-over-context-pc', null, { root_gb: 10, ephemeral_gb: 0, swap_mb: 0 }, { virt_type: 'kvm', machine_type: 'pc', config_drive: true }, '[libvirt]\nhw_machine_type = x86_64=q35\n'),
  made('nova-conf-guest-arch-item', null, { root_gb: 10, ephemeral_gb: 0, swap_mb: 0 }, { virt_type: 'kvm', config_drive: true, image_properties: { hw_architecture: 'i686' } }, '[libvirt]\nhw_machine_type = x86_64=pc,i686=pc-q35-6.2\n'),
  made('nova-conf-other-arch-only', null, { root_gb: 10, ephemeral_gb: 0, swap_mb: 0 }, { virt_type: 'kvm', config_drive: true }, '[libvirt]\nhw_machine_type = aarch64=virt,i686=q35\n'),
  made('nova-conf-empty-item-skipped', [ROOT, { ...VOLUME, device_type: 'cdrom' }], { root_gb: 10, ephemeral_gb: 0, swap_mb: 0 }, { virt_type: 'qemu' }, '[libvirt]\nhw_machine_type = x86_64=,x86_64=pc-q35-8.2\n'),
];

function main(): void {
  const file = process.argv[2] ?? join(__dirname, '..', 'test', 'fixtures', 'nova-hunt38', 'cases.oracle.json');
  const generated = [3801, 3802].flatMap((seed) => generateHunt38Cases(seed, 1500));
  const found = FOUND.map((id) => generated.find((c) => c.id === id)!);
  const slice = generated.filter((c) => c.id.startsWith('h38-3801-')).slice(0, 80);
  const cases = [...new Set([...found, ...slice, ...MADE])];
  const labels = labelHunt38(cases);
  const all = cases.map((c, i) => ({ c, l: labels[i]! }));
  const own = all.filter(({ c }) => FOUND.includes(c.id) || MADE.includes(c));
  const kept = [...own, ...all.filter((x) => !own.includes(x) && x.l.valid === true).slice(0, 40)];
  const lines = kept.map(({ c, l }) => JSON.stringify({ id: c.id, body: c.body, context: c.context, ...(c.nova_conf_ini !== undefined ? { nova_conf_ini: c.nova_conf_ini } : {}), found: FOUND.includes(c.id), label: l }));
  const about = JSON.stringify({ source: 'scripts/nova-hunt38-fixture.ts: cases of scripts/nova-hunt38-gen.ts (seeds 3801, 3802) and written there, labelled by scripts/nova-hunt38-label.py (python3-nova 26.2.2, master blockinfo, spawn_oracle.py)' });
  writeFileSync(file, `{"about": ${about},\n"cases": [\n${lines.join(',\n')}\n]}\n`);
  console.log(`${file}: ${kept.length} cases`);
}

main();
