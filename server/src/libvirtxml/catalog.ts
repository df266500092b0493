/**
 * A catalogue of libvirt's <disk> subtree: element names, their attributes,
 * the values libvirt accepts, and one line of description each (our words).
 * It feeds hover, completion, the enumerated-value rules and the unknown-name
 * rule. Names and value lists are facts taken from libvirt 9.0's domain schema
 * and docs/formatdomain.rst; nothing here is copied from those files.
 *
 * `closed: true` means the element's full set of attribute and child names is
 * listed, so anything else is a name libvirt's schema does not know. Elements
 * we only describe (mirror, backingStore, seclabel, ...) stay open.
 */

export interface AttributeInfo {
  description: string;
  /** Allowed values; absent when the value is free-form (a path, a number, a UUID). */
  values?: readonly string[];
  /** The values are suggestions for completion only; libvirt's schema accepts others. */
  suggestOnly?: boolean;
  /** One line per value, for completion details. */
  valueDocs?: Readonly<Record<string, string>>;
  /**
   * When the attribute is newer than libvirt 9.0 (the release bdm-lab is checked against), the
   * release that added it, in words ("added in libvirt 9.5"): libvirt 9.0's schema refuses it
   * (LIBVIRT-XML-NEWER-THAN-9).
   */
  since?: string;
}

export interface ElementInfo {
  description: string;
  attributes: Readonly<Record<string, AttributeInfo>>;
  children: readonly string[];
  closed: boolean;
  /** Where the element may appear (parent element names). */
  parents: readonly string[];
  /** Children that a libvirt release newer than 9.0 added, by name, with that release in words (libvirt 9.0's schema refuses them). */
  newerChildren?: Readonly<Record<string, string>>;
}

const ON_OFF = ['on', 'off'] as const;
const YES_NO = ['yes', 'no'] as const;

export const DISK_TYPES = ['file', 'block', 'dir', 'network', 'volume', 'nvme', 'vhostuser'] as const;
export const DISK_DEVICES = ['disk', 'cdrom', 'floppy', 'lun'] as const;
export const DISK_BUSES = ['ide', 'fdc', 'scsi', 'virtio', 'xen', 'usb', 'uml', 'sata', 'sd'] as const;
export const NETWORK_PROTOCOLS = ['nbd', 'rbd', 'sheepdog', 'gluster', 'iscsi', 'http', 'https', 'ftp', 'ftps', 'tftp', 'vxhs', 'nfs'] as const;
export const DRIVER_FORMATS = [
  'raw', 'qcow2', 'qcow', 'qed', 'vmdk', 'vpc', 'vhd', 'vdi', 'luks', 'iso', 'dir', 'bochs', 'cloop', 'dmg', 'fat', 'ploop', 'cow', 'aio',
] as const;

export const IOTUNE_CHILDREN = [
  'total_bytes_sec', 'read_bytes_sec', 'write_bytes_sec', 'total_iops_sec', 'read_iops_sec', 'write_iops_sec',
  'total_bytes_sec_max', 'read_bytes_sec_max', 'write_bytes_sec_max', 'total_iops_sec_max', 'read_iops_sec_max', 'write_iops_sec_max',
  'size_iops_sec', 'group_name',
  'total_bytes_sec_max_length', 'read_bytes_sec_max_length', 'write_bytes_sec_max_length',
  'total_iops_sec_max_length', 'read_iops_sec_max_length', 'write_iops_sec_max_length',
] as const;

function leaf(description: string, parents: readonly string[]): ElementInfo {
  return { description, attributes: {}, children: [], closed: true, parents };
}

const iotuneLeaves: Record<string, ElementInfo> = Object.fromEntries(
  IOTUNE_CHILDREN.map((name) => [
    name,
    leaf(
      name === 'group_name'
        ? 'Name of a throttling group: disks sharing it share one set of limits.'
        : name.endsWith('_max_length')
          ? `Seconds the burst limit ${name.replace('_length', '')} may be sustained.`
          : name.endsWith('_max')
            ? `Burst limit for ${name.replace('_max', '').replace(/_/g, ' ')}.`
            : name === 'size_iops_sec'
              ? 'Bytes counted as one I/O operation by the IOPS limits.'
              : `Limit of ${name.replace(/_/g, ' ').replace(' sec', ' per second')}; 0 means no limit.`,
      ['iotune'],
    ),
  ]),
);

export const CATALOG: Readonly<Record<string, ElementInfo>> = {
  disk: {
    description: 'One guest block device: where its data lives (source), how QEMU opens it (driver) and how the guest sees it (target).',
    closed: true,
    parents: ['devices'],
    attributes: {
      type: {
        description: 'Kind of backing storage; decides which <source> attributes apply.',
        values: DISK_TYPES,
        valueDocs: {
          file: 'A host file: <source file="/path"/>.',
          block: 'A host block device: <source dev="/dev/..."/> (Nova uses it for iSCSI and FC volumes).',
          dir: 'A host directory exposed as a FAT image: <source dir="/path"/>.',
          network: 'Storage reached over the network by QEMU: <source protocol=... name=...> with <host> children.',
          volume: 'A volume of a libvirt storage pool: <source pool=... volume=.../>.',
          nvme: 'A host NVMe namespace driven by QEMU through VFIO.',
          vhostuser: 'A vhost-user-blk backend reached through a UNIX socket.',
        },
      },
      device: {
        description: 'How the guest sees it; default disk.',
        values: DISK_DEVICES,
        valueDocs: {
          disk: 'A hard disk (the default).',
          cdrom: 'A read-only optical drive with removable media.',
          floppy: 'A floppy drive; only on the fdc bus.',
          lun: 'A SCSI LUN passed through, SCSI commands included (block, network or volume sources only).',
        },
      },
      model: { description: 'virtio device variant (transitional or not).', values: ['virtio', 'virtio-transitional', 'virtio-non-transitional'] },
      snapshot: { description: 'Default snapshot mode for this disk.', values: ['no', 'internal', 'external', 'manual'] },
      rawio: { description: 'lun only: let the guest issue raw SCSI commands (needs CAP_SYS_RAWIO).', values: YES_NO },
      sgio: { description: 'lun only: whether SG_IO commands are filtered.', values: ['filtered', 'unfiltered'] },
    },
    children: [
      'driver', 'source', 'target', 'auth', 'boot', 'readonly', 'shareable', 'transient', 'serial', 'wwn', 'vendor', 'product',
      'encryption', 'iotune', 'alias', 'address', 'geometry', 'blockio', 'backingStore', 'mirror', 'backenddomain', 'acpi', 'privateData',
    ],
  },
  driver: {
    description: 'How the hypervisor opens the image: format, host cache mode, I/O engine, discard.',
    closed: true,
    parents: ['disk'],
    attributes: {
      name: { description: 'Hypervisor driver; QEMU accepts only "qemu".', values: ['qemu'], suggestOnly: true },
      type: { description: 'Image format of the source (raw, qcow2, ...).', values: DRIVER_FORMATS },
      cache: {
        description: 'Host page-cache mode.',
        values: ['default', 'none', 'writeback', 'writethrough', 'directsync', 'unsafe'],
        valueDocs: {
          default: 'Let the hypervisor choose (QEMU: writeback).',
          none: 'Bypass the host page cache (O_DIRECT); guest write cache on. Required for live migration with shared storage.',
          writeback: 'Host page cache on; guest sees a write cache.',
          writethrough: 'Host page cache on, every write flushed; guest sees no write cache.',
          directsync: 'O_DIRECT and every write flushed.',
          unsafe: 'Like writeback but flushes ignored: data loss on host crash.',
        },
      },
      io: {
        description: 'Asynchronous I/O engine.',
        values: ['threads', 'native', 'io_uring'],
        valueDocs: {
          threads: 'A pool of worker threads (QEMU default).',
          native: 'Linux AIO; QEMU needs O_DIRECT, i.e. cache none or directsync.',
          io_uring: 'Linux io_uring.',
        },
      },
      discard: { description: 'What a guest discard/TRIM request does.', values: ['unmap', 'ignore'] },
      detect_zeroes: { description: 'Detect writes of zeroes and turn them into zero-writes or discards.', values: ['off', 'on', 'unmap'] },
      error_policy: { description: 'What to do on a write error.', values: ['stop', 'report', 'ignore', 'enospace'] },
      rerror_policy: { description: 'What to do on a read error.', values: ['stop', 'report', 'ignore'] },
      ioeventfd: { description: 'virtio: handle guest notifications in a separate thread.', values: ON_OFF },
      event_idx: { description: 'virtio: the event-index feature for fewer interrupts.', values: ON_OFF },
      copy_on_read: { description: 'Copy data read from a backing file into the top image.', values: ON_OFF },
      iothread: { description: 'Number of the <iothread> that serves this disk.' },
      queues: { description: 'virtio-blk: number of request queues.' },
      queue_size: { description: 'virtio-blk: size of each queue.' },
      iommu: { description: 'virtio: use the emulated IOMMU.', values: ON_OFF },
      ats: { description: 'virtio: Address Translation Services.', values: ON_OFF },
      packed: { description: 'virtio: packed virtqueue layout.', values: ON_OFF },
      page_per_vq: { description: 'virtio: one notification page per queue.', values: ON_OFF },
      discard_no_unref: { description: 'qcow2: keep clusters allocated on discard (libvirt 9.5 and later).', values: ON_OFF, since: 'added in libvirt 9.5' },
    },
    children: ['metadata_cache', 'iothreads'],
    newerChildren: { iothreads: 'added in libvirt 10.0' },
  },
  source: {
    description: 'Where the data lives; which attributes apply depends on <disk type>.',
    closed: false, // type-specific extras (nvme, vhostuser, http cookies, ...) are not all listed
    parents: ['disk', 'backingStore', 'mirror'],
    attributes: {
      file: { description: 'type="file": absolute path of the host file.' },
      dev: { description: 'type="block": path of the host block device.' },
      dir: { description: 'type="dir": absolute path of the host directory.' },
      protocol: { description: 'type="network": the network storage protocol.', values: NETWORK_PROTOCOLS },
      name: { description: 'type="network": image or volume name (rbd: pool/image, iscsi: IQN/LUN).' },
      pool: { description: 'type="volume": storage pool name.' },
      volume: { description: 'type="volume": volume name inside the pool.' },
      mode: { description: 'type="volume" with an iSCSI pool: use the host device or let QEMU connect.', values: ['host', 'direct'] },
      startupPolicy: { description: 'What to do if the source is missing at start (not for network disks).', values: ['mandatory', 'requisite', 'optional'] },
      index: { description: 'Index of this source in the backing chain (output only).' },
      query: { description: 'http/https: query string.' },
      tls: { description: 'nbd/vxhs: use TLS.', values: YES_NO },
      type: { description: 'nvme: "pci"; vhostuser: "unix".', values: ['pci', 'unix'], suggestOnly: true },
      path: { description: 'vhostuser: path of the UNIX socket.' },
      managed: { description: 'nvme: let libvirt bind the PCI device to vfio.', values: YES_NO },
      namespace: { description: 'nvme: namespace number.' },
    },
    children: ['host', 'auth', 'encryption', 'reservations', 'seclabel', 'slices', 'snapshot', 'config', 'initiator', 'cookies',
      'readahead', 'timeout', 'ssl', 'identity', 'address', 'reconnect', 'privateData', 'dataStore'],
  },
  host: {
    description: 'A server of a network disk (an rbd monitor, an iSCSI portal, ...); repeatable.',
    closed: true,
    parents: ['source'],
    attributes: {
      name: { description: 'Host name or IP address.' },
      port: { description: 'TCP port (rbd 6789, iscsi 3260, nbd 10809).' },
      transport: { description: 'Transport to the host.', values: ['tcp', 'unix', 'rdma'] },
      socket: { description: 'transport="unix": path of the socket.' },
    },
    children: [],
  },
  auth: {
    description: 'Credentials for a network disk: a user name and a libvirt secret.',
    closed: true,
    parents: ['disk', 'source'],
    attributes: { username: { description: 'User name presented to the storage (rbd: the cephx user without "client.").' } },
    children: ['secret'],
  },
  secret: {
    description: 'Reference to a libvirt secret, by uuid or usage (exactly one).',
    closed: true,
    parents: ['auth', 'encryption'],
    attributes: {
      type: {
        description: 'Secret kind: ceph for rbd, iscsi for iSCSI CHAP, passphrase inside <encryption>.',
        values: ['ceph', 'iscsi', 'passphrase'],
      },
      uuid: { description: 'UUID of the libvirt secret.' },
      usage: { description: 'Usage name of the libvirt secret (instead of uuid).' },
    },
    children: [],
  },
  target: {
    description: 'How the guest sees the disk: a device name hint and the bus.',
    closed: true,
    parents: ['disk'],
    attributes: {
      dev: { description: 'Device name (vda, sdb, hdc, ...). Only an ordering hint: the guest may name it differently.' },
      bus: {
        description: 'Bus or controller type emulated for the guest.',
        values: DISK_BUSES,
        valueDocs: {
          virtio: 'Paravirtual virtio-blk (vd*).',
          scsi: 'On a SCSI controller, usually virtio-scsi (sd*).',
          sata: 'On the q35 AHCI controller (sd*).',
          ide: 'Emulated IDE; machine type pc only (hd*).',
          usb: 'USB mass storage (sd*).',
          fdc: 'Floppy controller; floppy devices only (fd*).',
          xen: 'Xen paravirtual disk (xvd*).',
          sd: 'SD card.',
          uml: 'User-mode Linux (obsolete).',
        },
      },
      tray: { description: 'cdrom/floppy: tray position.', values: ['open', 'closed'] },
      removable: { description: 'usb/scsi disk: report removable media.', values: ON_OFF },
      rotation_rate: { description: 'Reported rotation rate; 1 means solid-state.' },
    },
    children: [],
  },
  serial: leaf('Serial number shown to the guest; Nova puts the Cinder volume id here (letters, digits, _ . + - and space only).', ['disk']),
  wwn: leaf('World Wide Name for an ide or scsi disk (16 hex digits).', ['disk']),
  vendor: leaf('SCSI vendor string (up to 8 printable characters).', ['disk']),
  product: leaf('SCSI product string (up to 16 printable characters).', ['disk']),
  boot: {
    description: 'Per-device boot order; cannot be combined with <os><boot dev=.../>.',
    closed: true,
    parents: ['disk'],
    attributes: {
      order: { description: 'Position in the boot order (1 first); unique across the domain.' },
      loadparm: { description: 's390: boot menu selection.' },
    },
    children: [],
  },
  address: {
    description: 'Where the device sits on its bus; usually filled in by libvirt.',
    closed: true,
    parents: ['disk', 'source'],
    attributes: {
      type: {
        description: 'Address kind: pci for virtio disks, drive for ide/scsi/sata/fdc disks.',
        values: ['pci', 'drive', 'virtio-serial', 'ccid', 'usb', 'spapr-vio', 'ccw', 'isa', 'virtio-mmio', 'dimm', 'unassigned'],
      },
      domain: { description: 'pci: PCI domain (0x0000).' },
      bus: { description: 'pci: bus number; drive: bus of the controller.' },
      slot: { description: 'pci: slot (0x00-0x1f).' },
      function: { description: 'pci: function (0x0-0x7).' },
      multifunction: { description: 'pci: mark the slot multifunction.', values: ON_OFF },
      uid: { description: 'zpci: user-defined identifier.' },
      controller: { description: 'drive: index of the controller.' },
      target: { description: 'drive: SCSI target.' },
      unit: { description: 'drive: unit on the bus (SCSI LUN, IDE master/slave).' },
      cssid: { description: 'ccw: channel subsystem id.' },
      ssid: { description: 'ccw: subchannel set id.' },
      devno: { description: 'ccw: device number.' },
      port: { description: 'usb: port path.' },
      iobase: { description: 'isa: I/O base.' },
      irq: { description: 'isa: interrupt.' },
      reg: { description: 'spapr-vio: register.' },
    },
    children: ['zpci'],
  },
  readonly: leaf('The guest cannot write to the disk.', ['disk']),
  shareable: leaf('Several guests may use the disk at once (Nova: multiattach); no host cache, no image locking conflicts.', ['disk']),
  transient: {
    description: 'Changes are thrown away when the guest stops.',
    closed: true,
    parents: ['disk'],
    attributes: { shareBacking: { description: 'Let several guests share the backing image.', values: YES_NO } },
    children: [],
  },
  iotune: {
    description: 'I/O throttling for this disk (Nova: Cinder qos_specs or flavor quota:disk_* keys).',
    closed: true,
    parents: ['disk'],
    attributes: {},
    children: IOTUNE_CHILDREN,
  },
  ...iotuneLeaves,
  blockio: {
    description: 'Block sizes reported to the guest.',
    closed: true,
    parents: ['disk'],
    attributes: {
      logical_block_size: { description: 'Logical block size in bytes (512, 4096).' },
      physical_block_size: { description: 'Physical block size in bytes.' },
      discard_granularity: { description: 'Discard granularity in bytes (a libvirt release after 9.0).', since: 'added in a later release' },
    },
    children: [],
  },
  alias: {
    description: 'Device alias; user aliases start with "ua-" (Nova: ua-<volume id>).',
    closed: true,
    parents: ['disk'],
    attributes: { name: { description: 'The alias name.' } },
    children: [],
  },
  encryption: {
    description: 'The source is encrypted; QEMU decrypts it with a libvirt secret.',
    closed: true,
    parents: ['disk', 'source'],
    attributes: {
      format: { description: 'Encryption format.', values: ['default', 'qcow', 'luks', 'luks2'] },
      engine: { description: 'Who decrypts: QEMU or librbd.', values: ['qemu', 'librbd'] },
    },
    children: ['secret', 'cipher', 'ivgen'],
  },
  geometry: {
    description: 'Override of the BIOS disk geometry.',
    closed: true,
    parents: ['disk'],
    attributes: {
      cyls: { description: 'Cylinders.' },
      heads: { description: 'Heads.' },
      secs: { description: 'Sectors per track.' },
      trans: { description: 'BIOS translation.', values: ['auto', 'none', 'lba'] },
    },
    children: [],
  },
};

export function elementInfo(name: string): ElementInfo | undefined {
  return Object.prototype.hasOwnProperty.call(CATALOG, name) ? CATALOG[name] : undefined;
}
