/**
 * The seeded generator of the deployment-XML differential campaign (scripts/xml-difftest.ts):
 * server-create bodies with the deployment around them, as an operator's cloud varies them.
 * Image, volume, snapshot, image->volume and blank roots; ephemerals and swap against the
 * flavor's; several volumes, each with its own connection_info (iSCSI single and multipath, iSER,
 * RBD with and without auth, one or no monitor, IPv6 and named hosts, NFS raw and qcow2, Fibre
 * Channel, Quobyte, local), front-end QoS (every key Nova tunes, and some it does not), read-only,
 * discard, block sizes, multiattach, cacheable, native LUKS; device_type/disk_bus choices, volumes
 * all on one bus (ide, sata, scsi, usb, fdc), boot indexes past the root, named ephemerals and
 * swap; the body's config_drive; the image's hw_disk_bus, hw_cdrom_bus, hw_scsi_model, disk_format,
 * hw_machine_type, hw_architecture, img_config_drive and properties that change no disk;
 * nova.conf ([DEFAULT] use_cow_images, preallocate_images, config_drive_format,
 * force_config_drive, instances_path; [libvirt] virt_type, images_type with its options,
 * images_rbd_ceph_conf, rbd_user/rbd_secret_uuid alone or paired, hw_disk_discard,
 * disk_cachemodes, volume_use_multipath; in a nova.conf file also options that change no disk);
 * the flavor's quota:disk_* and other extra specs; the host's O_DIRECT support.
 * Deterministic per (seed, count): the project's one PRNG (scripts/prng.mjs, through Gen).
 *
 * Each case carries what the oracle (scripts/xml_difftest_oracle.py, through spawn_oracle.py)
 * takes and the bdm-lab context that says the same (`context`).
 */
import { Gen } from './difftest-gen';

type Obj = Record<string, unknown>;

export const IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b';
export const INSTANCE = '8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f';
/** what spawn_oracle.py's stubbed `ceph mon dump` answers */
export const MONS = [{ name: '10.0.0.11', port: '6789' }, { name: '10.0.0.12', port: '6789' }];
// the first six as spawn_oracle.py names its volumes; more for a server with many
const VOLS = Array.from({ length: 40 }, (_, i) => (i < 6 ? `5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5${i}` : `5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b${(0x4c00 + i).toString(16)}`));
const BLANK = VOLS[5]!;
const SNAP = '6e4d3c2b-9e8f-4a7b-8c6d-0e1f2a3b4c53';
const SECRET = '457eb676-33da-42ec-9a8c-9293d545c337';
const CONF_SECRET = '11111111-2222-4333-8444-555555555555';
const NFS_EXPORT = '192.168.1.50:/srv/nfs/cinder';

export interface XmlCase {
  id: string;
  body: { server: Obj };
  flavor: { root_gb: number; ephemeral_gb: number; swap_mb: number; extra_specs?: Record<string, string> };
  libvirt: Obj;
  nova_conf: { DEFAULT?: Obj; libvirt?: Obj };
  /** connection_info by the id the entry names; `*` for volumes Nova creates (blank sources) */
  volumes: Record<string, Obj>;
  /**
   * volume id -> its volume type's encryption (provider, control location) and the uuid libvirt
   * gives the LUKS secret when Nova creates one (the oracle decides which with Nova's own
   * _allow_native_luksv1)
   */
  encryption: Record<string, { provider: string; control_location?: string; secret_uuid: string }>;
  direct_io: boolean;
  max_local_block_devices: number;
  /** the bdm-lab context that says all of the above */
  context: Obj;
  /**
   * nova_conf as an operator's nova.conf (then `nova_conf` is {} for the oracle, which reads this
   * file with oslo.config, and bdm-lab gets it through `bdm-lab xml --nova-conf`); else absent
   */
  nova_conf_ini?: string;
}

class XmlGen extends Gen {
  private n = 0;
  /** a server with many volumes: no odd connection_info, so that its spawn mostly succeeds */
  private clean = false;
  /** a server whose volumes all ask for one bus (its names run out: ide's four, fdc's two) */
  private bus: string | null = null;

  connectionInfo(id: string, ordinal: number): { ci: Obj; encryption?: XmlCase['encryption'][string] } {
    const kind = this.w<string>([[5, 'iscsi'], [3, 'iscsi_mp'], [1, 'iser'], [4, 'rbd'], [3, 'nfs'], [3, 'fibre_channel'], [1, 'local'],
      [0.5, 'scaleio'], [0.5, 'storpool'], [0.5, 'nvmeof'], [0.3, 'lightos'], [0.5, 'smbfs'], [0.3, 'vzstorage'], [0.3, 'gpfs'], [0.4, 'quobyte']]);
    const common: Obj = { volume_id: id, qos_specs: null, access_mode: 'rw', encrypted: false, cacheable: false };
    const iqn = `iqn.2010-10.org.openstack:volume-${id}`;
    const sd = `/dev/sd${'bcdefghijklmnop'[ordinal % 15]}`;
    let driver = kind;
    let data: Obj;
    switch (kind) {
      case 'iscsi':
      case 'iser':
        data = { target_discovered: false, target_portal: '10.0.0.5:3260', target_iqn: iqn, target_lun: 1, auth_method: 'CHAP', auth_username: 'u', auth_password: 'p', ...common, device_path: sd };
        break;
      case 'iscsi_mp':
        driver = 'iscsi';
        data = { target_discovered: false, target_portals: ['10.0.0.5:3260', '10.0.1.5:3260'], target_iqns: [iqn, iqn], target_luns: [1, 1], target_portal: '10.0.0.5:3260', target_iqn: iqn, target_lun: 1, ...common, device_path: `/dev/dm-${ordinal}` };
        break;
      case 'rbd': {
        const auth = this.clean ? 'own' : this.w<string>([[3, 'own'], [1, 'none'], [1, 'null-secret'], [0.5, 'off-with-user']]);
        // hosts as Cinder's RBD driver lists the monitors: three, one, none (librbd reads ceph.conf), IPv6
        const hosts = this.w<string[]>([[6, ['10.0.0.11', '10.0.0.12', '10.0.0.13']], [1, ['10.0.0.11']], [0.5, []], [0.5, ['fd00::11', 'fd00::12']], [0.5, ['mon-a.ceph.example']]]);
        const ports = this.chance(0.2) ? ['6789', null] : this.chance(0.1) ? ['3300'] : hosts.map(() => '6789');
        data = {
          name: this.chance(0.1) ? `volumes-ssd/volume-${id}` : `volumes/volume-${id}`, hosts, ports, cluster_name: this.chance(0.1) ? 'ceph-b' : 'ceph',
          auth_enabled: auth !== 'none' && auth !== 'off-with-user', auth_username: auth === 'none' ? null : 'cinder', secret_type: 'ceph', secret_uuid: auth === 'own' ? SECRET : null, ...common,
        };
        if (this.chance(0.1)) data.keyring = null;
        if (this.chance(0.1)) data.volume_id = id;
        break;
      }
      case 'nfs':
        // the mount point's name is the md5 of the export in Nova; any name does for the XML
        data = { export: NFS_EXPORT, name: `volume-${id}`, options: '-o vers=4.1', ...(this.chance(0.8) ? { format: this.pick(['raw', 'qcow2']) } : {}), ...common, device_path: `/var/lib/nova/mnt/4fb9ca785deee3f957a4c6baf7966055/volume-${id}` };
        break;
      case 'fibre_channel':
        data = { target_discovered: false, target_wwn: ['50060e801049cfd1'], target_lun: 2, ...common, device_path: `/dev/disk/by-id/dm-uuid-mpath-3600a0b8${ordinal}`, multipath_id: `3600a0b8${ordinal}` };
        break;
      case 'smbfs':
      case 'vzstorage':
      case 'gpfs':
      case 'quobyte':
        data = { export: '//192.168.1.60/cinder', name: `volume-${id}`, ...(this.chance(0.7) ? { format: this.pick(['raw', 'qcow2', 'vhdx']) } : {}), ...common, device_path: `/var/lib/nova/mnt/0123456789abcdef0123456789abcdef/volume-${id}` };
        break;
      case 'scaleio':
      case 'storpool':
      case 'nvmeof':
      case 'lightos':
        data = { ...common, device_path: `/dev/${kind === 'scaleio' ? 'scinia' : kind === 'storpool' ? 'storpool/os--volume' : 'nvme0n'}${ordinal + 1}` };
        break;
      default:
        data = { ...common, device_path: `/dev/vg/lv${ordinal}` };
    }
    // what a driver or an old connection leaves odd, now and then (Nova decides what becomes of it)
    if (!this.clean && this.chance(0.04)) {
      const odd = this.w<string>([[1, 'no-device-path'], [1, 'null-format'], [1, 'empty-format'], [1, 'bad-access-mode'], [1, 'qos-list'], [1, 'blocksize-number'],
        [1, 'no-secret-type'], [1, 'no-auth-enabled'], [1, 'discard-string'], [1, 'null-blocksize'], [1, 'unknown-type']]);
      if (odd === 'no-device-path') delete data.device_path;
      else if (odd === 'null-format') data.format = null;
      else if (odd === 'empty-format') data.format = '';
      else if (odd === 'bad-access-mode') data.access_mode = 'rx';
      else if (odd === 'qos-list') data.qos_specs = ['total_iops_sec'];
      else if (odd === 'blocksize-number') data.logical_block_size = 512;
      else if (odd === 'no-secret-type') delete data.secret_type;
      else if (odd === 'no-auth-enabled') delete data.auth_enabled;
      else if (odd === 'discard-string') data.discard = 'true';
      else if (odd === 'null-blocksize') data.physical_block_size = null;
      else driver = 'sheepdog';
    }
    const ci: Obj = { driver_volume_type: driver, data, serial: id };
    if (this.chance(0.25)) data.qos_specs = this.qos();
    if (this.chance(0.15)) data.access_mode = 'ro';
    if (this.chance(0.25)) data.discard = this.chance(0.8);
    if (this.chance(0.2)) {
      if (this.chance(0.7)) data.logical_block_size = this.pick(['512', '4096']);
      data.physical_block_size = this.pick(['512', '4096']);
    }
    if (this.chance(0.15)) ci.multiattach = true;
    if (this.chance(0.08)) data.cacheable = true;
    let encryption: XmlCase['encryption'][string] | undefined;
    if (this.chance(0.12)) {
      data.encrypted = true;
      const provider = this.w<string>([[6, 'luks'], [1, 'luks2'], [1, 'plain'], [1, 'nova.volume.encryptors.luks.LuksEncryptor'], [1, 'os_brick.encryptors.luks.LuksEncryptor'],
        [1, 'LuksEncryptor'], [0.5, 'nova.volume.encryptors.cryptsetup.CryptsetupEncryptor'], [0.5, 'NoOpEncryptor'], [0.5, 'nova.volume.encryptors.nop.NoopEncryptor'], [0.5, 'LUKS']]);
      encryption = { provider, ...(this.chance(0.3) ? { control_location: this.pick(['front-end', 'back-end']) } : {}), secret_uuid: `c0ffee${ordinal.toString(16).padStart(2, '0')}-1d2a-4b5c-9e8f-0a1b2c3d4e5f` };
    }
    return { ci, encryption };
  }

  /** QoS specs as Cinder hands a front-end consumer's to Nova (consumer dropped, per-GB keys resolved) */
  qos(): Obj {
    const keys = ['total_bytes_sec', 'read_bytes_sec', 'write_bytes_sec', 'total_iops_sec', 'read_iops_sec', 'write_iops_sec',
      'total_bytes_sec_max', 'read_iops_sec_max', 'write_bytes_sec_max', 'size_iops_sec', 'bogus',
      'read_bytes_sec_max', 'write_iops_sec_max', 'total_iops_sec_max', 'total_iops_sec_max_length', 'read_iops_sec_per_gb'];
    const out: Obj = {};
    for (const k of keys) if (this.chance(0.25)) out[k] = this.chance(0.5) ? String(100 * (1 + this.int(50))) : 100 * (1 + this.int(50));
    if (Object.keys(out).length === 0) out.total_iops_sec = '500';
    return out;
  }

  novaConf(virt: string): { DEFAULT?: Obj; libvirt?: Obj } {
    const d: Obj = {};
    const l: Obj = {};
    if (this.chance(0.2)) d.use_cow_images = false;
    if (this.chance(0.25)) d.preallocate_images = this.pick(['space', 'none']);
    if (this.chance(0.2)) d.config_drive_format = this.pick(['vfat', 'iso9660']);
    if (this.chance(0.1)) d.force_config_drive = true;
    if (this.chance(0.1)) d.instances_path = this.pick(['/srv/nova/instances', '/var/lib/nova/instances/']);
    if (this.chance(0.3)) l.virt_type = virt;
    const images = this.w<string>([[6, 'unset'], [1, 'default'], [2, 'qcow2'], [2, 'raw'], [1, 'flat'], [2, 'lvm'], [2, 'rbd'], [virt === 'parallels' ? 3 : 0.3, 'ploop']]);
    if (images !== 'unset') l.images_type = images;
    if (images === 'lvm') {
      l.images_volume_group = 'nova-vg';
      if (this.chance(0.3)) l.sparse_logical_volumes = true;
    }
    if (images === 'rbd') {
      if (this.chance(0.6)) l.images_rbd_pool = 'vms';
      if (this.chance(0.7)) {
        l.rbd_user = 'nova';
        l.rbd_secret_uuid = CONF_SECRET;
      }
    } else if (this.chance(0.15)) {
      // the RBD volumes' auth fallback
      l.rbd_user = 'nova';
      l.rbd_secret_uuid = CONF_SECRET;
    }
    if (this.chance(0.25)) l.hw_disk_discard = this.pick(['unmap', 'ignore']);
    if (this.chance(0.35)) {
      const modes = ['none', 'writethrough', 'writeback', 'directsync', 'unsafe', 'default', 'bogus'];
      l.disk_cachemodes = ['file', 'block', 'network', 'mount'].filter(() => this.chance(0.45)).map((t) => `${t}=${this.pick(modes)}`);
      // what an operator mistypes: a second '=', an unknown source type, no mode (an item without
      // '=' the context's schema refuses, where Nova only warns)
      if (this.chance(0.15)) (l.disk_cachemodes as string[]).push(this.pick(['block=writeback=1', 'nfs=writeback', 'block=']));
    }
    if (this.chance(0.2)) l.volume_use_multipath = true;
    if (images === 'rbd' && this.chance(0.3)) l.images_rbd_ceph_conf = this.pick(['/etc/ceph/ceph.conf', '/etc/ceph/ceph-b.conf', '']);
    // half a pair: an rbd_user without a secret, a secret without a user
    if (!l.rbd_user && this.chance(0.08)) {
      if (this.chance(0.5)) l.rbd_user = 'nova';
      else l.rbd_secret_uuid = CONF_SECRET;
    }
    return { ...(Object.keys(d).length ? { DEFAULT: d } : {}), ...(Object.keys(l).length ? { libvirt: l } : {}) };
  }

  /** nova_conf written as operators write nova.conf: oslo.config's spellings of booleans and lists, comments, other options */
  ini(conf: { DEFAULT?: Obj; libvirt?: Obj }): string {
    const lines: string[] = ['# nova.conf of the compute node'];
    for (const section of ['DEFAULT', 'libvirt'] as const) {
      const opts = conf[section];
      if (!opts) continue;
      lines.push(`[${section}]`);
      if (this.chance(0.3)) lines.push(section === 'DEFAULT' ? 'debug = true' : 'cpu_mode = host-model');
      if (this.chance(0.25)) {
        lines.push(...(section === 'DEFAULT'
          ? this.some(['default_ephemeral_format = ext4', 'state_path = /var/lib/nova', 'compute_driver = libvirt.LibvirtDriver', 'mkisofs_cmd = genisoimage', 'config_drive_skip_versions = 1.0 2007-01-19'])
          : this.some(['nfs_mount_point_base = /var/lib/nova/mnt', 'use_virtio_for_bridges = false', 'cpu_models = Haswell', 'iscsi_iface = default', 'num_pcie_ports = 8', 'hw_machine_type = aarch64=virt', 'inject_partition = -2', 'images_rbd_glance_store_name = ceph'])));
      }
      for (const [k, v] of Object.entries(opts)) {
        const text = typeof v === 'boolean' ? this.pick(v ? ['True', 'true', '1', 'yes', 'on', 'TRUE'] : ['False', 'false', '0', 'no', 'off', 'FALSE'])
          : Array.isArray(v) ? v.join(this.pick([',', ', ', ' , '])) : String(v);
        // an earlier value the operator left above the one in force (oslo.config: the last wins)
        if (this.chance(0.08)) lines.push(`${k} = ${typeof v === 'boolean' ? String(!v) : Array.isArray(v) ? 'file=unsafe' : k === 'images_type' ? 'qcow2' : String(v)}`);
        lines.push(`${k}${this.pick([' = ', '=', ' =  ', ': '])}${text}${this.chance(0.05) ? '  ' : ''}`);
        if (this.chance(0.05)) lines.push(this.pick(['', '#' + k + ' = x', '; an old note']));
      }
    }
    return lines.join('\n') + '\n';
  }

  /** each of `items`, with chance one in two, at least one */
  some(items: string[]): string[] {
    const out = items.filter(() => this.chance(0.5));
    return out.length ? out : [this.pick(items)];
  }

  imageProperties(): Record<string, string> {
    const p: Record<string, string> = {};
    if (this.chance(0.45)) p.hw_disk_bus = this.w([[4, 'virtio'], [4, 'scsi'], [1, 'ide'], [2, 'sata'], [1, 'usb'], [0.3, 'fdc'], [0.2, 'lxc'], [0.2, 'xen']]);
    if (this.chance(0.3)) p.hw_cdrom_bus = this.w([[2, 'ide'], [2, 'sata'], [2, 'scsi'], [1, 'usb'], [0.3, 'virtio']]);
    if (this.chance(0.35)) p.hw_scsi_model = this.w([[4, 'virtio-scsi'], [1, 'lsilogic'], [0.3, 'buslogic'], [0.3, 'lsisas1068']]);
    if (this.chance(0.12)) p.disk_format = this.w([[2, 'iso'], [1, 'raw'], [1, 'qcow2'], [0.3, 'vmdk']]);
    if (this.chance(0.05)) p.hw_floppy_bus = this.pick(['fdc', 'usb']);
    // the properties real images carry that change a default bus, and some that do not
    if (this.chance(0.12)) p.hw_machine_type = this.pick(['q35', 'pc', 'pc-q35-6.2', 'pc-i440fx-6.2', 'virt']);
    if (this.chance(0.06)) p.hw_architecture = this.pick(['x86_64', 'aarch64', 'ppc64le', 's390x', 'i686']);
    if (this.chance(0.08)) p.hw_firmware_type = this.pick(['uefi', 'bios']);
    if (this.chance(0.05)) p.img_config_drive = this.pick(['mandatory', 'optional']);
    if (this.chance(0.06)) p.hw_qemu_guest_agent = 'yes';
    if (this.chance(0.05)) p.hw_rescue_bus = this.pick(['usb', 'virtio', 'scsi']);
    if (this.chance(0.05)) p.hw_video_model = 'virtio';
    if (this.chance(0.04)) p.os_type = this.pick(['linux', 'windows']);
    if (this.chance(0.06)) p.root_device_name = this.pick(['/dev/sda', '/dev/vda', '/dev/hda']);
    return p;
  }

  volumeEntry(uuid: string): Obj {
    const e: Obj = { uuid, source_type: 'volume', destination_type: 'volume' };
    if (this.bus) e.disk_bus = this.bus;
    else if (this.chance(0.3)) e.disk_bus = this.w([[3, 'virtio'], [3, 'scsi'], [1, 'ide'], [2, 'sata'], [1, 'usb'], [0.2, 'fdc']]);
    if (this.chance(0.15)) e.device_type = this.w([[3, 'disk'], [2, 'cdrom'], [1, 'lun'], [0.3, 'floppy']]);
    if (e.device_type === 'lun' && this.chance(0.9)) e.disk_bus = 'scsi';
    if (this.chance(0.4)) e.boot_index = -1;
    // a boot order past the root (Nova's spawn writes no <boot order> on the disk for it; gaps the API refuses)
    else if (this.chance(0.12)) e.boot_index = this.w<unknown>([[4, 1], [2, 2], [1, 3], [0.5, '1']]);
    if (this.chance(0.1)) e.delete_on_termination = true;
    if (this.chance(0.1)) e.device_name = this.pick(['/dev/vdb', '/dev/vdz', '/dev/sdc', '/dev/hdb', 'vdd']);
    return e;
  }

  case(seed: number, index: number): XmlCase {
    const virt = this.w<string>([[12, 'kvm'], [3, 'qemu'], [1, 'lxc'], [1, 'parallels']]);
    const flavor: XmlCase['flavor'] = {
      root_gb: this.w([[4, 20], [1, 10]]),
      ephemeral_gb: this.w([[3, 0], [2, 5], [1, 10]]),
      swap_mb: this.w([[3, 0], [2, 512], [1, 1024]]),
    };
    if (this.chance(0.2)) {
      const spec: Record<string, string> = {};
      for (const k of ['disk_read_bytes_sec', 'disk_write_iops_sec', 'disk_total_iops_sec', 'disk_total_bytes_sec', 'disk_read_iops_sec', 'disk_write_bytes_sec', 'disk_total_iops_sec_max', 'disk_size_iops_sec']) {
        if (this.chance(0.4)) spec[`quota:${k}`] = String(100 * (1 + this.int(20)));
      }
      if (this.chance(0.3)) spec['hw:cpu_policy'] = 'dedicated';
      if (this.chance(0.2)) spec['quota:cpu_shares'] = '1024';
      if (this.chance(0.15)) spec['hw:mem_page_size'] = 'large';
      if (this.chance(0.1)) spec['quota:vif_inbound_average'] = '1000';
      flavor.extra_specs = spec;
    }
    const entries: Obj[] = [];
    const server: Obj = { name: `s${index}`, flavorRef: '1', networks: 'none', block_device_mapping_v2: entries };
    // the body's own config drive (the API's strict boolean, in its spellings; one it refuses)
    if (this.chance(0.12)) server.config_drive = this.w<unknown>([[4, true], [2, false], [1, 'true'], [1, 'True'], [1, 'yes'], [1, '1'], [1, 'off'], [1, 'No'], [0.3, 'T'], [0.2, 1]]);
    const volumeIds: string[] = [];
    let vol = 0;
    // image-only: imageRef and no block_device_mapping_v2 (the flavor's disks; with v2 entries Nova
    // adds no image root of its own, so a list without a boot index 0 is refused)
    const root = this.w<string>([[5, 'image-entry'], [1.5, 'image-only'], [4, 'volume'], [1, 'snapshot'], [1, 'image-volume'], [0.5, 'blank']]);
    if (root === 'image-entry' || root === 'image-only') {
      server.imageRef = IMAGE;
      if (root === 'image-entry') {
        const e: Obj = { boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'local' };
        if (this.chance(0.15)) e.disk_bus = this.pick(['virtio', 'scsi', 'sata', 'ide', 'usb']);
        if (this.chance(0.08)) e.device_type = this.pick(['disk', 'cdrom']);
        entries.push(e);
      }
    } else if (root === 'volume') {
      const id = VOLS[vol++]!;
      volumeIds.push(id);
      entries.push({ ...this.volumeEntry(id), boot_index: 0 });
      flavor.root_gb = this.pick([0, flavor.root_gb]);
    } else if (root === 'snapshot') {
      volumeIds.push(SNAP);
      entries.push({ boot_index: 0, uuid: SNAP, source_type: 'snapshot', destination_type: 'volume', volume_size: 10 });
    } else if (root === 'image-volume') {
      volumeIds.push(IMAGE);
      entries.push({ boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'volume', volume_size: 10 });
    } else {
      volumeIds.push('*');
      entries.push({ boot_index: 0, source_type: 'blank', destination_type: 'volume', volume_size: 1 });
    }
    // local disks against the flavor: one ephemeral or two halves, a swap
    if (flavor.ephemeral_gb > 0 && this.chance(0.35)) {
      const halves = this.chance(0.4) && flavor.ephemeral_gb >= 2;
      const sizes = halves ? [Math.floor(flavor.ephemeral_gb / 2), Math.floor(flavor.ephemeral_gb / 2)] : [flavor.ephemeral_gb];
      for (const size of sizes) {
        const e: Obj = { source_type: 'blank', destination_type: 'local', volume_size: size, boot_index: -1 };
        if (this.chance(0.3)) e.guest_format = this.pick(['ext4', 'vfat']);
        if (this.chance(0.2)) e.disk_bus = this.pick(['virtio', 'scsi', 'sata']);
        if (this.chance(0.05)) e.device_type = this.pick(['cdrom', 'floppy']);
        if (this.chance(0.08)) e.device_name = this.pick(['/dev/vdb', '/dev/vdc', '/dev/sdb', 'vdd', '/dev/hdb']);
        entries.push(e);
      }
    }
    if (flavor.swap_mb > 0 && this.chance(0.3)) {
      const e: Obj = { source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: this.chance(0.1) ? flavor.swap_mb / 2 : flavor.swap_mb, boot_index: -1 };
      if (this.chance(0.1)) e.device_name = this.pick(['/dev/vdc', '/dev/vdz', '/dev/sdc']);
      if (this.chance(0.1)) e.disk_bus = this.pick(['virtio', 'scsi', 'sata', 'ide']);
      entries.push(e);
    }
    // now and then a server with many volumes (device names past z, SCSI units past 7)
    const many = this.chance(0.04);
    this.clean = many;
    this.bus = !many && this.chance(0.06) ? this.w([[3, 'ide'], [2, 'sata'], [2, 'scsi'], [1, 'usb'], [1, 'fdc']]) : null;
    const more = root === 'image-only' ? 0 : many ? 10 + this.int(25) : this.bus ? 3 + this.int(4) : this.w([[2, 0], [3, 1], [3, 2], [2, 3], [1, 4]]);
    for (let i = 0; i < more; i++) {
      if (this.chance(0.1)) {
        volumeIds.push('*');
        entries.push({ source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 });
        continue;
      }
      if (vol === 5) vol++; // VOLS[5] is the blank volumes' (`*`)
      const id = VOLS[vol++]!;
      volumeIds.push(id);
      entries.push(this.volumeEntry(id));
    }
    if (root === 'image-only') {
      entries.length = 0;
      delete server.block_device_mapping_v2;
    }
    const volumes: Record<string, Obj> = {};
    const encryption: XmlCase['encryption'] = {};
    volumeIds.forEach((id, ordinal) => {
      if (volumes[id]) return;
      // Nova keeps the volume id as the serial; a blank volume's (`*`) is one the case makes up
      const { ci, encryption: enc } = this.connectionInfo(id === '*' ? BLANK : id, ordinal);
      volumes[id] = ci;
      if (enc && id !== '*') encryption[id] = enc;
    });
    if (Object.keys(volumes).length === 0 || this.chance(0.5)) volumes['*'] ??= this.connectionInfo(BLANK, 9).ci;

    const libvirt: Obj = { virt_type: virt };
    if (this.chance(0.1)) libvirt.arch = this.pick(['aarch64', 'ppc64le', 's390x']);
    if (this.chance(0.25)) libvirt.machine_type = libvirt.arch === 'aarch64' ? 'virt' : 'q35';
    // (an LXC host names its disks only with a prefix: more often there)
    if (this.chance(virt === 'lxc' ? 0.3 : 0.05)) libvirt.disk_prefix = this.pick(['sd', 'vd', 'hd']);
    const props = this.imageProperties();
    if (Object.keys(props).length) libvirt.image_properties = props;
    if (this.chance(0.25)) libvirt.config_drive = true;
    const novaConf = this.novaConf(virt);
    const directIo = !this.chance(0.1);
    const maxLocal = this.w([[3, -1], [1, 3]]);

    const context: Obj = {
      microversion: '2.67',
      flavor,
      max_local_block_devices: maxLocal,
      libvirt,
      nova_release: '26.2.2',
      instance: { uuid: INSTANCE },
      volumes: Object.fromEntries(Object.entries(volumes).map(([k, ci]) => [k, {
        connection_info: ci,
        ...(encryption[k] ? { encryption: encryption[k] } : {}),
      }])),
    };
    // a nova.conf file now and then (not with instances_path: the oracle's spawn pass sets its own);
    // then the oracle reads the file and bdm-lab gets it as `xml --nova-conf` does
    const ini = Object.keys(novaConf).length && !(novaConf.DEFAULT as Obj | undefined)?.instances_path && this.chance(0.3) ? this.ini(novaConf) : undefined;
    if (Object.keys(novaConf).length && !ini) context.nova_conf = novaConf;
    const host: Obj = {};
    if ((novaConf.libvirt as Obj | undefined)?.images_type === 'rbd') host.ceph_monitors = MONS;
    if (!directIo) host.instances_path_direct_io = false;
    if (Object.keys(host).length) context.compute_host = host;
    return {
      ...(ini ? { nova_conf_ini: ini } : {}),
      id: `xml-${seed}-${index}-${this.n++}`,
      body: { server },
      flavor,
      libvirt,
      nova_conf: ini ? {} : novaConf,
      volumes,
      encryption,
      direct_io: directIo,
      max_local_block_devices: maxLocal,
      context,
    };
  }
}

/** `count` cases for `seed`: the same cases per (seed, count) on every machine. */
export function generateXmlCases(seed: number, count: number): XmlCase[] {
  const g = new XmlGen(seed);
  return Array.from({ length: count }, (_, i) => g.case(seed, i));
}
