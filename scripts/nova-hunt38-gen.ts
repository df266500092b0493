/**
 * Hunt 38's seeded generator of deployment cases (names, buses and the spawn's `<disk>` XML), for
 * the cases scripts/xml-difftest-gen.ts and the names difftests drew little or never: several
 * ephemerals each with its own disk_bus / device_type / device_name hint, swap on other buses and
 * device types, local image roots as cdrom or on odd buses, volumes as cdrom, floppy and lun on
 * every bus (valid for the hypervisor or not), device_name hints Nova keeps or replaces on every
 * entry kind, legacy `block_device_mapping` bodies, image properties on every host architecture
 * and machine type (hw_disk_bus, hw_cdrom_bus, hw_floppy_bus, hw_machine_type with versions,
 * hw_scsi_model, disk_format iso, root_device_name), a disk_prefix on kvm/qemu/parallels/lxc,
 * config drives with both formats, and many disks on one bus. Connection infos are plain (iSCSI,
 * RBD, NFS, FC); the volumes are not the point here.
 *   node --import tsx scripts/nova-hunt38-gen.ts SEED COUNT > cases.json
 * Deterministic per (seed, count): scripts/prng.mjs through Gen.
 */
import { Gen } from './difftest-gen';
import type { XmlCase } from './xml-difftest-gen';
import { IMAGE, INSTANCE, MONS } from './xml-difftest-gen';

type Obj = Record<string, unknown>;

// the first six as spawn_oracle.py names its volumes (index 5 is the blank volumes' stand-in)
const VOLS = Array.from({ length: 40 }, (_, i) => (i < 6 ? `5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5${i}` : `5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b${(0x4c00 + i).toString(16)}`));
const BLANK = VOLS[5]!;
const SNAP = '6e4d3c2b-9e8f-4a7b-8c6d-0e1f2a3b4c53';
const SECRET = '457eb676-33da-42ec-9a8c-9293d545c337';

const BUSES: Array<[number, string]> = [[4, 'virtio'], [3, 'scsi'], [2, 'ide'], [2, 'sata'], [2, 'usb'], [1, 'fdc'], [0.4, 'lxc'], [0.3, 'xen'], [0.3, 'uml']];
const DEVICE_TYPES: Array<[number, string]> = [[4, 'disk'], [2, 'cdrom'], [1, 'floppy'], [1, 'lun']];
const HINTS = ['/dev/vdb', '/dev/vdc', '/dev/vdz', '/dev/sdb', '/dev/sdc', '/dev/hda', '/dev/hdb', '/dev/xvdb', '/dev/fda', 'vdd', 'sdd', 'hdc', '/dev/vdaa', '/dev/sdb1', '/dev/ubdb'];

class Hunt38Gen extends Gen {
  private n = 0;

  connectionInfo(id: string, ordinal: number): Obj {
    const kind = this.w<string>([[4, 'iscsi'], [3, 'rbd'], [2, 'nfs'], [2, 'fibre_channel']]);
    const common: Obj = { volume_id: id, qos_specs: null, access_mode: this.chance(0.1) ? 'ro' : 'rw', encrypted: false, cacheable: false };
    let data: Obj;
    if (kind === 'iscsi') data = { target_discovered: false, target_portal: '10.0.0.5:3260', target_iqn: `iqn.2010-10.org.openstack:volume-${id}`, target_lun: 1, ...common, device_path: `/dev/sd${'bcdefghijklmnop'[ordinal % 15]}` };
    else if (kind === 'rbd') data = { name: `volumes/volume-${id}`, hosts: ['10.0.0.11', '10.0.0.12'], ports: ['6789', '6789'], cluster_name: 'ceph', auth_enabled: true, auth_username: 'cinder', secret_type: 'ceph', secret_uuid: SECRET, ...common };
    else if (kind === 'nfs') data = { export: '192.168.1.50:/srv/nfs/cinder', name: `volume-${id}`, format: this.pick(['raw', 'qcow2']), ...common, device_path: `/var/lib/nova/mnt/4fb9ca785deee3f957a4c6baf7966055/volume-${id}` };
    else data = { target_discovered: false, target_wwn: ['50060e801049cfd1'], target_lun: 2, ...common, device_path: `/dev/disk/by-id/dm-uuid-mpath-3600a0b8${ordinal}`, multipath_id: `3600a0b8${ordinal}` };
    if (this.chance(0.15)) data.discard = true;
    return { driver_volume_type: kind, data, serial: id };
  }

  /** disk_bus / device_type / device_name on an entry, each now and then */
  dress(e: Obj, p: { bus: number; type: number; hint: number }, bus: string | null): void {
    if (bus) e.disk_bus = bus;
    else if (this.chance(p.bus)) e.disk_bus = this.w(BUSES);
    if (this.chance(p.type)) e.device_type = this.w(DEVICE_TYPES);
    if (e.device_type === 'lun' && this.chance(0.6)) e.disk_bus = 'scsi';
    if (e.device_type === 'floppy' && this.chance(0.5)) e.disk_bus = 'fdc';
    if (this.chance(p.hint)) e.device_name = this.pick(HINTS);
  }

  imageProperties(arch: string): Record<string, string> {
    const p: Record<string, string> = {};
    if (this.chance(0.4)) p.hw_disk_bus = this.w(BUSES);
    // values Nova's image-meta fields do not take, or take in another spelling
    if (this.chance(0.04)) p[this.pick(['hw_disk_bus', 'hw_cdrom_bus', 'hw_floppy_bus', 'hw_scsi_model', 'hw_machine_type', 'hw_architecture'])] = this.pick(['VIRTIO', 'nvme', 'bogus', '', 'Scsi', 'x86-64', 'AMD64']);
    if (this.chance(0.35)) p.hw_cdrom_bus = this.w([[2, 'ide'], [2, 'sata'], [2, 'scsi'], [1, 'usb'], [1, 'virtio'], [0.3, 'fdc']]);
    if (this.chance(0.15)) p.hw_floppy_bus = this.pick(['fdc', 'usb', 'scsi', 'virtio']);
    if (this.chance(0.3)) p.hw_scsi_model = this.w([[4, 'virtio-scsi'], [1, 'lsilogic'], [0.5, 'lsisas1068']]);
    if (this.chance(0.2)) p.disk_format = this.w([[3, 'iso'], [1, 'raw'], [1, 'qcow2']]);
    if (this.chance(0.3)) {
      p.hw_machine_type = this.pick(arch === 'aarch64' ? ['virt', 'virt-6.2', 'virt-4.0'] : arch === 's390x' ? ['s390-ccw-virtio', 's390-ccw-virtio-6.2']
        : arch.startsWith('ppc') ? ['pseries', 'pseries-6.2'] : ['q35', 'pc', 'pc-q35-6.2', 'pc-i440fx-6.2', 'pc-q35-2.11', 'pc-i440fx-2.11', 'pc-q35-rhel8.4.0', 'Q35', 'pc-q35', 'microvm']);
    }
    if (this.chance(0.12)) p.hw_architecture = this.pick(['x86_64', 'aarch64', 'ppc64le', 's390x', 'i686', 'armv7l', 'ppc64']);
    if (this.chance(0.06)) p.root_device_name = this.pick(['/dev/sda', '/dev/vda', '/dev/hda', '/dev/xvda']);
    if (this.chance(0.05)) p.img_config_drive = this.pick(['mandatory', 'optional']);
    if (this.chance(0.05)) p.hw_firmware_type = this.pick(['uefi', 'bios']);
    return p;
  }

  case(seed: number, index: number): XmlCase {
    const virt = this.w<string>([[8, 'kvm'], [4, 'qemu'], [1.5, 'lxc'], [1.5, 'parallels']]);
    const arch = this.w<string>([[8, 'x86_64'], [2, 'aarch64'], [1, 'ppc64le'], [1, 's390x'], [0.5, 'i686'], [0.5, 'armv7l'], [0.3, 'ppc64']]);
    const flavor: XmlCase['flavor'] = {
      root_gb: this.w([[4, 20], [1, 10], [0.5, 0]]),
      ephemeral_gb: this.w([[2, 0], [2, 6], [1, 12], [1, 3]]),
      swap_mb: this.w([[2, 0], [2, 512], [1, 1024]]),
    };
    const entries: Obj[] = [];
    const server: Obj = { name: `h${index}`, flavorRef: '1', networks: 'none' };
    const legacy = this.chance(0.1);
    if (this.chance(0.15)) server.config_drive = this.pick([true, false, 'true']);
    const volumeIds: string[] = [];
    let vol = 0;
    const nextVol = () => {
      if (vol === 5) vol++;
      return VOLS[vol++]!;
    };
    // one bus for every extra disk, now and then (names run out, SCSI units count)
    const oneBus = this.chance(0.1) ? this.w<string>([[2, 'scsi'], [2, 'sata'], [1, 'ide'], [1, 'usb'], [1, 'virtio']]) : null;

    if (legacy) {
      // block_device_mapping (v1): device_name is the key; an image root through imageRef
      server.imageRef = this.chance(0.8) ? IMAGE : '';
      const list: Obj[] = [];
      const k = 1 + this.int(3);
      for (let i = 0; i < k; i++) {
        const name = this.pick(['vda', '/dev/vda', 'vdb', '/dev/vdb', '/dev/sdb', 'sdc', '/dev/hdb', '/dev/vdc', 'xvdb']);
        const kind = this.w<string>([[5, 'volume'], [1, 'snapshot'], [1.5, 'virtual'], [0.7, 'no_device']]);
        let e: Obj;
        if (kind === 'volume') {
          const id = nextVol();
          volumeIds.push(id);
          e = { volume_id: id, device_name: name };
          if (this.chance(0.2)) e.volume_size = this.pick([1, 10, '5']);
        } else if (kind === 'snapshot') {
          volumeIds.push(SNAP);
          e = { snapshot_id: SNAP, device_name: name, volume_size: this.pick([10, null]) };
          if (e.volume_size === null) delete e.volume_size;
        } else if (kind === 'virtual') {
          e = { device_name: name, virtual_name: this.pick(['ephemeral0', 'ephemeral1', 'swap', 'swap', 'ephemeral0']) };
        } else e = { device_name: name, no_device: this.pick([true, 'true', 1]) };
        if (this.chance(0.2)) e.delete_on_termination = this.pick([true, false]);
        list.push(e);
      }
      server.block_device_mapping = list;
    } else {
      server.block_device_mapping_v2 = entries;
      const root = this.w<string>([[5, 'image-entry'], [2, 'image-only'], [3, 'volume'], [1, 'snapshot'], [1, 'image-volume'], [0.5, 'blank']]);
      if (root === 'image-entry' || root === 'image-only') {
        server.imageRef = IMAGE;
        if (root === 'image-entry') {
          const e: Obj = { boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'local' };
          this.dress(e, { bus: 0.35, type: 0.25, hint: 0.25 }, null);
          entries.push(e);
        }
      } else if (root === 'volume' || root === 'snapshot' || root === 'image-volume' || root === 'blank') {
        const e: Obj = { boot_index: 0, destination_type: 'volume' };
        if (root === 'volume') {
          const id = nextVol();
          volumeIds.push(id);
          Object.assign(e, { uuid: id, source_type: 'volume' });
        } else if (root === 'snapshot') {
          volumeIds.push(SNAP);
          Object.assign(e, { uuid: SNAP, source_type: 'snapshot', volume_size: 10 });
        } else if (root === 'image-volume') {
          volumeIds.push(IMAGE);
          Object.assign(e, { uuid: IMAGE, source_type: 'image', volume_size: 10 });
        } else {
          volumeIds.push('*');
          Object.assign(e, { source_type: 'blank', volume_size: 1 });
        }
        this.dress(e, { bus: 0.35, type: 0.25, hint: 0.3 }, null);
        entries.push(e);
        if (this.chance(0.5)) flavor.root_gb = 0;
      }
      // several ephemerals against the flavor's ephemeral_gb: one, two, three, sizes that add up or not
      if (flavor.ephemeral_gb > 0 && this.chance(0.55)) {
        const k = this.w([[2, 1], [3, 2], [2, 3], [0.5, 4]]);
        const each = Math.max(1, Math.floor(flavor.ephemeral_gb / k));
        for (let i = 0; i < k; i++) {
          const e: Obj = { source_type: 'blank', destination_type: 'local', volume_size: this.chance(0.08) ? each + 1 : each, boot_index: this.chance(0.8) ? -1 : this.pick([null, '-1', 1, 2]) };
          if (e.boot_index === null) delete e.boot_index;
          if (this.chance(0.3)) e.guest_format = this.pick(['ext4', 'vfat', 'xfs', 'ext3']);
          this.dress(e, { bus: 0.35, type: 0.2, hint: 0.35 }, oneBus);
          entries.push(e);
        }
      }
      if (flavor.swap_mb > 0 && this.chance(0.45)) {
        const e: Obj = { source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: this.chance(0.15) ? flavor.swap_mb / 2 : this.chance(0.05) ? 0 : flavor.swap_mb, boot_index: this.chance(0.9) ? -1 : this.pick([1, null]) };
        if (e.boot_index === null) delete e.boot_index;
        this.dress(e, { bus: 0.35, type: 0.15, hint: 0.35 }, oneBus);
        entries.push(e);
      }
      if (root !== 'image-only') {
        const more = oneBus ? 2 + this.int(6) : this.w([[3, 0], [3, 1], [2, 2], [1, 3]]);
        for (let i = 0; i < more; i++) {
          if (this.chance(0.1)) {
            volumeIds.push('*');
            const e: Obj = { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 };
            this.dress(e, { bus: 0.3, type: 0.2, hint: 0.25 }, oneBus);
            entries.push(e);
            continue;
          }
          const id = nextVol();
          volumeIds.push(id);
          const e: Obj = { uuid: id, source_type: 'volume', destination_type: 'volume' };
          if (this.chance(0.4)) e.boot_index = -1;
          else if (this.chance(0.15)) e.boot_index = 1 + i;
          this.dress(e, { bus: 0.4, type: 0.3, hint: 0.3 }, oneBus);
          entries.push(e);
        }
        // an entry that takes a name away (no_device), now and then over a flavor disk's usual name
        if (this.chance(0.12)) {
          const e: Obj = { device_name: this.pick(['/dev/vdb', '/dev/vdc', 'vdb', '/dev/sdb', '/dev/vdd']), no_device: true };
          if (this.chance(0.5)) Object.assign(e, { source_type: 'blank', destination_type: 'local' });
          if (this.chance(0.35)) Object.assign(e, { source_type: 'blank', destination_type: 'local', guest_format: 'swap' });
          if (this.chance(0.3)) e.boot_index = -1;
          entries.splice(this.int(entries.length + 1), 0, e);
        }
        if (this.chance(0.1)) for (const e of entries) if (this.chance(0.5)) e.tag = this.pick(['data', 'root', 'eph']);
      } else {
        entries.length = 0;
        delete server.block_device_mapping_v2;
      }
    }

    const volumes: Record<string, Obj> = {};
    volumeIds.forEach((id, ordinal) => {
      volumes[id] ??= this.connectionInfo(id === '*' ? BLANK : id, ordinal);
    });
    volumes['*'] ??= this.connectionInfo(BLANK, 9);

    const libvirt: Obj = { virt_type: virt };
    if (arch !== 'x86_64' || this.chance(0.1)) libvirt.arch = arch;
    if (this.chance(0.4)) {
      libvirt.machine_type = arch === 'aarch64' || arch === 'armv7l' ? this.pick(['virt', 'virt-6.2'])
        : arch === 's390x' ? 's390-ccw-virtio' : arch.startsWith('ppc') ? 'pseries' : this.pick(['q35', 'pc', 'pc-q35-6.2', 'pc-i440fx-6.2', 'q35']);
    }
    if (this.chance(virt === 'lxc' ? 0.4 : 0.15)) libvirt.disk_prefix = this.pick(['sd', 'vd', 'hd', 'xvd', 'ubd']);
    const props = this.imageProperties(arch);
    if (Object.keys(props).length) libvirt.image_properties = props;
    if (this.chance(0.3)) libvirt.config_drive = true;
    const nova: { DEFAULT?: Obj; libvirt?: Obj } = {};
    if (this.chance(0.3)) nova.DEFAULT = { config_drive_format: this.pick(['vfat', 'iso9660']) };
    if (this.chance(0.06)) nova.DEFAULT = { ...nova.DEFAULT, force_config_drive: true };
    if (this.chance(0.15)) nova.libvirt = { images_type: this.pick(['qcow2', 'raw', 'lvm', 'rbd']) };
    if (nova.libvirt?.images_type === 'lvm') nova.libvirt.images_volume_group = 'nova-vg';
    if (nova.libvirt?.images_type === 'rbd') Object.assign(nova.libvirt, { images_rbd_pool: 'vms', rbd_user: 'nova', rbd_secret_uuid: '11111111-2222-4333-8444-555555555555' });
    const maxLocal = this.w([[4, -1], [1, 3], [0.5, 2]]);
    const context: Obj = {
      microversion: '2.67',
      flavor,
      max_local_block_devices: maxLocal,
      libvirt,
      nova_release: '26.2.2',
      instance: { uuid: INSTANCE },
      volumes: Object.fromEntries(Object.entries(volumes).map(([k, ci]) => [k, { connection_info: ci }])),
    };
    // now and then the options as a nova.conf file, with [libvirt]hw_machine_type (a list of
    // arch=machine type) in place of the context's machine type
    let ini: string | undefined;
    if (this.chance(0.25)) {
      delete libvirt.machine_type;
      const lines = ['[DEFAULT]', ...Object.entries(nova.DEFAULT ?? {}).map(([k, v]) => `${k} = ${String(v)}`), '[libvirt]', ...Object.entries(nova.libvirt ?? {}).map(([k, v]) => `${k} = ${String(v)}`)];
      lines.push(`hw_machine_type = ${this.pick(['x86_64=q35', 'x86_64=pc-q35-6.2,i686=q35', 'aarch64=virt,x86_64=q35', 'x86_64=pc', 'x86_64=', 'i686=q35', 'x86_64=q35, aarch64=virt-6.2', 'X86_64=q35', 'x86_64=pc-i440fx-6.2,x86_64=q35', 'ppc64le=pseries,x86_64=pc-q35-rhel8.4.0', 'i686=pc,x86_64=microvm', 'aarch64=q35'])}`);
      ini = lines.join('\n') + '\n';
    }
    if (Object.keys(nova).length && !ini) context.nova_conf = nova;
    if (nova.libvirt?.images_type === 'rbd') context.compute_host = { ceph_monitors: MONS };
    return {
      ...(ini ? { nova_conf_ini: ini, file_machine_type: true } : {}),
      id: `h38-${seed}-${index}-${this.n++}`,
      body: { server },
      flavor,
      libvirt,
      nova_conf: ini ? {} : nova,
      volumes,
      encryption: {},
      direct_io: true,
      max_local_block_devices: maxLocal,
      context,
    };
  }
}

/** `count` cases for `seed`, the same on every machine. */
export function generateHunt38Cases(seed: number, count: number): XmlCase[] {
  const g = new Hunt38Gen(seed);
  return Array.from({ length: count }, (_, i) => g.case(seed, i));
}

if (require.main === module) {
  const [seed, count] = process.argv.slice(2).map(Number);
  process.stdout.write(JSON.stringify(generateHunt38Cases(seed ?? 3801, count ?? 100), null, 1) + '\n');
}
