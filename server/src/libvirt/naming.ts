/**
 * libvirt device names, buses and boot order for a server's BDMs, as Nova's libvirt driver
 * assigns them on the compute node (shared/spec/nova-bdm-rules.md §8; behaviour of
 * nova/virt/libvirt/blockinfo.py, the compute manager's default device names and the driver's
 * device-name reset). Pure and deterministic.
 *
 * Nova runs the mapping twice: once when it (re)assigns device names before the build, and
 * again at spawn with the names it stored. Both passes are modelled because the second one
 * sees the names of the first (that is where user-supplied names stop mattering).
 */
import { machineTypeFor, type Context } from '../model/context';
import { driverClassOf, isSwap, isEphemeral, type NovaBdm } from '../nova/types';
import { imagePropsAsNova } from './imageProps';
import { atLeastPoint } from './diskXml';
import { contextRelease } from './release';

export interface DiskInfo {
  /** target dev without /dev/; '' when the bus has no prefix (lxc) */
  dev: string;
  bus: string;
  /** disk | cdrom | floppy | lun */
  type: string;
  /** libvirt boot index: Nova boot_index + 1, as a string; root is always "1" */
  bootIndex?: string;
  /** the BDM guest_format, e.g. "swap" on a blank volume */
  format?: string;
}

export interface MappingEntry extends DiskInfo {
  /** 'disk' (image root), 'disk.local', 'disk.eph<N>', 'disk.swap', 'disk.config' or '/dev/<dev>' */
  key: string;
  /** index into the input BDM array, or null for disks without a BDM */
  bdm: number | null;
}

export interface DiskInfoResult {
  /** Nova's disk mapping in its insertion order, without the 'root' alias */
  mapping: MappingEntry[];
  /** the root disk as Nova's mapping['root'] holds it */
  root: DiskInfo | null;
  /** instance root_device_name, e.g. '/dev/vda' */
  rootDeviceName: string | null;
  /** `<os><boot dev=.../>` list: hd, cdrom, fd */
  bootDevOrder: string[];
  /** aligned with the input: the disk each BDM became, or null */
  perBdm: Array<DiskInfo | null>;
  /** the default buses Nova picked for disks and cdroms */
  diskBus: string | null;
  cdromBus: string | null;
  /** set when nova-compute would fail the build while naming the disks */
  buildError: string | null;
  /**
   * set when the names are Nova's but libvirt refuses the domain Nova writes with them (a root
   * device_name such as "dev/vda" becomes `<target dev="dev/vda">`): the spawn fails at define
   */
  defineError?: string | null;
  /** the image properties the instance boots with (bootImageProperties) */
  imageProperties?: Record<string, string>;
}

export interface NamingOptions {
  imageRef: string | null;
  /**
   * instance root_device_name set by the API; absent = the root_device_name property of the
   * image properties the instance boots with (bootImageProperties)
   */
  rootDeviceName?: string | null;
  /** `[DEFAULT]config_drive_format` (default iso9660) */
  configDriveFormat?: 'iso9660' | 'vfat';
  /** `[compute]max_disk_devices_to_attach` (default -1 = unlimited) */
  maxDiskDevicesToAttach?: number;
  /** run Nova's second naming pass even where it cannot differ from the first (Namer.secondPassSame): tests compare the two */
  bothPasses?: boolean;
}

export const SUPPORTED_BUSES: Record<string, string[]> = {
  qemu: ['virtio', 'scsi', 'ide', 'usb', 'fdc', 'sata'],
  kvm: ['virtio', 'scsi', 'ide', 'usb', 'fdc', 'sata'],
  lxc: ['lxc'],
  parallels: ['ide', 'scsi'],
  xen: ['xen', 'ide'],
  uml: ['uml'],
};
const DEVICE_TYPES = ['disk', 'cdrom', 'floppy', 'lun'];
const BOOT_DEV: Record<string, string> = { disk: 'hd', cdrom: 'cdrom', floppy: 'fd', lun: 'hd' };
const SCSI_CDROM_ARCHES = new Set(['ppc', 'ppc64', 'ppcle', 'ppc64le', 's390', 's390x', 'aarch64']);

/** Whether the context's Nova release puts a q35 machine's cdroms on SATA (20.0.0, and 19.0.2 in Stein). */
function q35CdromOnSata(ctx: Context): boolean {
  const r = contextRelease(ctx);
  return r.major >= 20 || (r.major === 19 && atLeastPoint(r, 19, 0, 2));
}

/**
 * Which root BDMs an ISO image makes a cdrom of (blockinfo.get_root_info; a root without a BDM is
 * always one): 'all' from 31.0.0 and the backports 30.1.0, 29.2.1, 28.3.1 (nova commit 96a5c21f,
 * bug 2054446); 'none' from 26.0.0 (commit 5df97016 made the image a root BDM, whose device_type
 * decides) until then; 'image' before 26.0.0, where an image-to-local root counted as no BDM.
 */
function isoRootBdms(ctx: Context): 'all' | 'none' | 'image' {
  const r = contextRelease(ctx);
  if (r.major < 26) return 'image';
  const fixedIn: Record<number, readonly [number, number]> = { 28: [3, 1], 29: [2, 1], 30: [1, 0] };
  const fix = fixedIn[r.major];
  return r.major >= 31 || (fix !== undefined && atLeastPoint(r, r.major, fix[0], fix[1])) ? 'all' : 'none';
}

/**
 * Before Nova 30.0.0 the boot order knows no lun (blockinfo.BOOT_DEV_FOR_TYPE; commit 2f0c340d,
 * bug 2065084): a lun disk with a boot index fails the spawn in get_boot_order, which the driver
 * calls (driver._conf_non_lxc) for a guest other than lxc booting without a kernel of its own
 * (the image's kernel_id; "nokernel" is none).
 */
function lunBootFails(ctx: Context, props: Record<string, string>): boolean {
  const kernel = props.kernel_id !== undefined && props.kernel_id !== 'nokernel';
  return contextRelease(ctx).major < 30 && ctx.libvirt.virt_type !== 'lxc' && !kernel;
}

/** Raised where nova-compute would raise; the message is "<Nova exception class>: <Nova's message>". */
class BuildError extends Error {}

/** 0 -> a, 25 -> z, 26 -> aa, 701 -> zz, 702 -> aaa */
export function deviceLetters(index: number): string {
  let out = '';
  let i = index;
  while (i >= 0) {
    out = String.fromCharCode(97 + (i % 26)) + out;
    i = Math.floor(i / 26) - 1;
  }
  return out;
}

const stripDev = (n: string | null | undefined): string | null => (n ? (n.startsWith('/dev/') ? n.slice(5) : n) : null);

/** A driver BDM's name without /dev/, kept with the name it came from (the second pass asks again). */
function devOf(b: DriverBdm): string | null {
  if (b.device_name !== null && b.device_name === b.named) return b.dev;
  const dev = stripDev(b.device_name);
  b.named = b.device_name;
  b.dev = dev;
  return dev;
}

/** The fields of a driver BDM that naming reads and writes (Nova mutates them: update_bdm). */
interface DriverBdm {
  index: number;
  kind: 'image' | 'eph' | 'swap' | 'vol';
  device_name: string | null;
  disk_bus: string | null;
  device_type: string | null;
  guest_format: string | null;
  boot_index: number | null;
  swapSize: number;
  /** the device_name `dev` was read from (see devOf) */
  named: string | null;
  dev: string | null;
}

/** A disk of Nova's mapping: its info (an object of its own) and the BDM it is for. */
interface Slot {
  info: DiskInfo;
  bdm: number | null;
}

/**
 * Nova's mapping dict (its keys in insertion order; setting a key again replaces its value in
 * place), kept so that thousands of volumes cost no hash-table entry each: the keys set before the
 * volumes, the volumes in a list, the keys set after them. A volume's key is `/dev/<its name>` and
 * one run of the mapping gives every disk a name no disk of it has (the free-name search skips the
 * names taken), so no two volumes share a key, except on a bus with no prefix (lxc), where every
 * unnamed volume's name is empty and its key `/dev/`: that key is kept once, the last value in the
 * first place, as the dict does. Keys other than the volumes' never start with `/dev/`.
 */
class Mapping {
  private readonly head = new Map<string, Slot>();
  private readonly volKeys: string[] = [];
  private readonly vols: Slot[] = [];
  private tail: Map<string, Slot> | undefined = undefined;
  /** where the volume with the empty name is, -1 when there is none */
  private emptyAt = -1;

  /** a key that is not a volume's: before the first volume, else after the last */
  set(key: string, slot: Slot): void {
    if (this.vols.length === 0) this.head.set(key, slot);
    else if (this.head.has(key)) this.head.set(key, slot);
    else (this.tail ??= new Map()).set(key, slot);
  }
  /** a volume's disk, under `/dev/<dev>` (or the name it was given, the same text) */
  addVolume(key: string, slot: Slot): void {
    if (slot.info.dev === '') {
      if (this.emptyAt >= 0) { this.vols[this.emptyAt] = slot; return; }
      this.emptyAt = this.vols.length;
    }
    this.volKeys.push(key);
    this.vols.push(slot);
  }
  get(key: string): Slot | undefined {
    const h = this.head.get(key) ?? this.tail?.get(key);
    if (h !== undefined || !key.startsWith('/dev/')) return h;
    const i = this.volKeys.indexOf(key);
    return i < 0 ? undefined : this.vols[i];
  }
  /** every slot in the dict's order, with its key */
  forEach(fn: (slot: Slot, key: string) => void): void {
    this.head.forEach(fn);
    for (let i = 0; i < this.vols.length; i++) fn(this.vols[i]!, this.volKeys[i]!);
    this.tail?.forEach(fn);
  }
  /** every slot's name, in the dict's order */
  devs(): string[] {
    const out: string[] = [];
    this.forEach((slot) => out.push(slot.info.dev));
    return out;
  }
  /** whether every slot satisfies `ok` */
  every(ok: (slot: Slot) => boolean): boolean {
    for (const slot of this.head.values()) if (!ok(slot)) return false;
    for (let i = 0; i < this.vols.length; i++) if (!ok(this.vols[i]!)) return false;
    if (this.tail) for (const slot of this.tail.values()) if (!ok(slot)) return false;
    return true;
  }
}

class Namer {
  private readonly virt: string;
  private readonly props: Record<string, string>;
  private readonly prefixOverride: string | null;
  private readonly maxDev: number;

  constructor(private readonly ctx: Context, private readonly opts: NamingOptions, props: Record<string, string>) {
    this.virt = ctx.libvirt.virt_type;
    this.props = props;
    this.prefixOverride = ctx.libvirt.disk_prefix || null;
    this.maxDev = opts.maxDiskDevicesToAttach ?? -1;
  }

  busValid(bus: string | null): boolean {
    const list = SUPPORTED_BUSES[this.virt];
    if (!list) throw new BuildError(`UnsupportedVirtType: Virtualization type '${this.virt}' is not supported by this compute driver`);
    return bus !== null && list.includes(bus);
  }

  /** isoRootBdms of the context, once asked */
  private isoRoots: 'all' | 'none' | 'image' | undefined = undefined;

  /** busForType's answers so far (the namer's image properties and host do not change) */
  private readonly busOfType = new Map<string, string | null>();

  /** bus for a device type: image property first, then the hypervisor default; null when there is none (lun) */
  busForType(type: string): string | null {
    let bus = this.busOfType.get(type);
    if (bus === undefined) {
      bus = this.busForTypeUncached(type);
      this.busOfType.set(type, bus);
    }
    return bus;
  }

  private busForTypeUncached(type: string): string | null {
    // Nova looks up `hw_lun_bus`, an image property that does not exist, and crashes.
    if (type === 'lun') throw new BuildError("AttributeError: ImageMetaProps object has no attribute 'hw_lun_bus'");
    const prop = this.props[`hw_${type}_bus`];
    if (prop !== undefined && prop !== null) {
      if (!this.busValid(prop)) throw new BuildError(`UnsupportedHardware: Requested hardware '${prop}' is not supported by the '${this.virt}' virt driver`);
      return prop;
    }
    if (this.virt === 'kvm' || this.virt === 'qemu') {
      if (type === 'cdrom') {
        const arch = this.props.hw_architecture ?? this.ctx.libvirt.arch;
        if (SCSI_CDROM_ARCHES.has(arch)) return 'scsi';
        // a q35 machine has no IDE bus: its cdroms are on SATA from Nova 20.0.0 and 19.0.2 (nova
        // commit 527c452a, backported to Stein); before, a cdrom is IDE whatever the machine
        if (!q35CdromOnSata(this.ctx)) return 'ide';
        // (a guest arch other than the host's: nova.conf's hw_machine_type item for it, else Nova's default)
        const machine = this.props.hw_machine_type ?? (arch === this.ctx.libvirt.arch ? this.ctx.libvirt.machine_type : machineTypeFor(this.ctx.nova_conf?.libvirt?.hw_machine_type, arch));
        return machine && machine.includes('q35') ? 'sata' : 'ide';
      }
      if (type === 'disk') return 'virtio';
      if (type === 'floppy') return 'fdc';
      return null;
    }
    if (this.virt === 'lxc') return 'lxc';
    if (this.virt === 'parallels') return type === 'cdrom' ? 'ide' : type === 'disk' ? 'scsi' : null;
    throw new BuildError(`UnsupportedVirtType: Virtualization type '${this.virt}' is not supported by this compute driver`);
  }

  busForDev(dev: string): string {
    if (dev.startsWith('hd')) return 'ide';
    if (dev.startsWith('sd')) return 'scsi';
    if (dev.startsWith('vd')) return 'virtio';
    if (dev.startsWith('fd')) return 'fdc';
    throw new BuildError(`InternalError: Unable to determine disk bus for '${dev.slice(0, 1)}'`);
  }

  prefix(bus: string | null): string | null {
    if (this.prefixOverride) return this.prefixOverride;
    switch (bus) {
      case 'ide': return 'hd';
      case 'virtio': return 'vd';
      case 'scsi': case 'usb': case 'sata': return 'sd';
      case 'fdc': return 'fd';
      case 'lxc': return null;
      default: throw new BuildError(`InternalError: Unable to determine disk prefix for ${bus ?? 'None'}`);
    }
  }

  /** first free name on the bus; ide holds 4 devices, other buses max_disk_devices_to_attach */
  findDev(used: Iterable<string>, bus: string | null, hint?: Hint): string {
    const pre = this.prefix(bus);
    if (pre === null) return '';
    const taken = used instanceof Set ? (used as Set<string>) : new Set(used);
    const max = bus === 'ide' ? 4 : this.maxDev < 0 ? null : this.maxDev;
    // Names only get added while a mapping is built, so the first free index never goes
    // down: a hint lets a long run of volumes skip the names it already handed out.
    for (let i = hint?.from(pre) ?? 0; ; i++) {
      if (max !== null && i >= max) {
        throw new BuildError(`TooManyDiskDevices: The maximum allowed number of disk devices (${max}) to attach to a single instance has been exceeded.`);
      }
      const dev = devName(pre, i);
      if (!taken.has(dev)) {
        hint?.found(pre, i);
        return dev;
      }
    }
  }

  infoFromBdm(b: DriverBdm, mapping: Mapping, diskBus: string | null, assigned: string[], running?: { taken: Taken; hint: Hint }): DiskInfo {
    let name = devOf(b);
    const type = b.device_type && DEVICE_TYPES.includes(b.device_type) ? b.device_type : 'disk';
    let bus = b.disk_bus || diskBus;
    if (!this.busValid(bus)) bus = name ? this.busForDev(name) : this.busForType(type);
    if (!name) name = running ? this.findDev(running.taken.set(), bus, running.hint) : this.findDev([...assigned, ...devs(mapping)], bus);
    const info: DiskInfo = { dev: name, bus: bus ?? 'None', type };
    if (b.guest_format) info.format = b.guest_format;
    if (b.boot_index !== null && b.boot_index >= 0) info.bootIndex = String(b.boot_index + 1);
    return info;
  }

  rootInfo(root: DriverBdm | null, diskBus: string | null, cdromBus: string | null, rootName: string | null): DiskInfo {
    const isoRoots = this.props.disk_format === 'iso' ? (this.isoRoots ??= isoRootBdms(this.ctx)) : 'none';
    const iso = this.props.disk_format === 'iso' && (!root || isoRoots === 'all' || (isoRoots === 'image' && root.kind === 'image'));
    const bus = iso ? cdromBus : diskBus;
    const type = iso ? 'cdrom' : 'disk';
    if (!root) {
      const dev = rootName ? stripDev(rootName)! : this.findDev([], bus);
      return { bus: bus ?? 'None', type, dev, bootIndex: '1' };
    }
    const copy = { ...root };
    if (iso) {
      copy.disk_bus = cdromBus;
      copy.device_type = 'cdrom';
    }
    if (!copy.device_name && rootName) copy.device_name = rootName;
    return this.infoFromBdm(copy, new Mapping(), diskBus, []);
  }

  /**
   * Whether Nova's second pass (spawn) maps every disk as the first did, so that running it is
   * not needed. It is so when nothing in the first pass's choices read the names it had not given
   * yet: no ephemeral or swap BDM, no disk of the flavor's (their places are checked against the
   * names already given: inUse, pre), no config drive; and every disk the first pass mapped has a
   * name and a bus the driver takes. Each disk of the second pass then reads back its own name,
   * bus and type (update_bdm stored them) and gets the same info; none looks for a free name.
   */
  secondPassSame(mapping: Mapping, lists: { ephs: readonly DriverBdm[]; swap: DriverBdm | null }): boolean {
    if (lists.ephs.length > 0 || lists.swap !== null) return false;
    const flavor = this.ctx.flavor;
    if (flavor && (flavor.ephemeral_gb > 0 || flavor.swap_mb > 0)) return false;
    if (this.ctx.libvirt.config_drive || this.props.img_config_drive === 'mandatory') return false;
    return mapping.every((slot) => !!slot.info.dev && this.busValid(slot.info.bus));
  }

  /** One run of Nova's disk mapping over the driver BDMs (which it updates in place). */
  diskMapping(image: DriverBdm[], ephs: DriverBdm[], swap: DriverBdm | null, vols: DriverBdm[], rootName: string | null): { mapping: Mapping; root: DiskInfo; diskBus: string | null; cdromBus: string | null } {
    const diskBus = this.busForType('disk');
    const cdromBus = this.busForType('cdrom');
    const mapping = new Mapping();
    // the names given before this run, read only when a disk has none (never in the second pass)
    let given: string[] | undefined;
    const pre = (): string[] => {
      if (given) return given;
      given = [];
      // (index loops: a for-of makes a result object per item until the optimizing compiler runs)
      for (const list of [image, ephs, swap ? [swap] : [], vols]) {
        for (let i = 0; i < list.length; i++) {
          const n = devOf(list[i]);
          if (n) given.push(n);
        }
      }
      return given;
    };

    const rootBdm = image[0] ?? vols.find((v) => v.boot_index === 0) ?? null;
    const root = this.rootInfo(rootBdm, diskBus, cdromBus, stripDev(rootName));
    mapping.set('root', { info: { ...root }, bdm: rootBdm?.index ?? null });
    if (rootBdm) update(rootBdm, root);
    if (image.length > 0 || !rootBdm) mapping.set('disk', { info: { ...root }, bdm: rootBdm?.index ?? null });

    // Nova skips an implicit disk when its name is already a volume, ephemeral or usable swap name.
    // A disk with no name (a bus without a prefix: lxc) has None there, as a volume or ephemeral
    // without a name has (block_device.volume_in_mapping compares None with None); a usable swap
    // has a name.
    const inUse = (dev: string): boolean =>
      (dev === '' ? vols.some((v) => stripDev(v.device_name) === null) || ephs.some((e) => stripDev(e.device_name) === null) : false) ||
      vols.some((v) => stripDev(v.device_name) === dev) ||
      (!!swap && !!swap.device_name && swap.swapSize > 0 && stripDev(swap.device_name) === dev) ||
      ephs.some((e) => stripDev(e.device_name) === dev);

    const flavor = this.ctx.flavor;
    if (flavor && flavor.ephemeral_gb > 0 && ephs.length === 0) {
      const dev = this.findDev(devs(mapping), diskBus);
      if (!inUse(dev)) mapping.set('disk.local', { info: { dev, bus: diskBus ?? 'None', type: 'disk' }, bdm: null });
    }
    // As for the volumes below: [...pre, ...devs(mapping)] kept as one growing set.
    const ephRunning = { taken: new Taken(pre, mapping), hint: new Hint() };
    ephs.forEach((e, i) => {
      const info = this.infoFromBdm(e, mapping, diskBus, NO_NAMES, ephRunning);
      mapping.set(`disk.eph${i}`, { info, bdm: e.index });
      ephRunning.taken.add(info.dev);
      update(e, info);
    });
    if (swap && swap.swapSize > 0) {
      const info = this.infoFromBdm(swap, mapping, diskBus, []);
      mapping.set('disk.swap', { info, bdm: swap.index });
      update(swap, info);
    } else if (flavor && flavor.swap_mb > 0) {
      const dev = this.findDev([...pre(), ...devs(mapping)], diskBus);
      if (!inUse(dev)) mapping.set('disk.swap', { info: { dev, bus: diskBus ?? 'None', type: 'disk' }, bdm: null });
    }
    // The same names as asking infoFromBdm with [...pre, ...devs(mapping)] each time, kept as
    // one growing set so that thousands of volumes stay linear: the ephemerals' set already
    // holds them all but the swap's, added since.
    const swapInfo = mapping.get('disk.swap');
    if (swapInfo) ephRunning.taken.add(swapInfo.info.dev);
    const running = { taken: ephRunning.taken, hint: new Hint() };
    for (let i = 0; i < vols.length; i++) {
      const v = vols[i];
      const info = this.infoFromBdm(v, mapping, null, NO_NAMES, running);
      // the volume's own name when it is this one (the second pass): one string, hashed once
      const name = v.device_name;
      const key = name && name.length === info.dev.length + 5 && name.startsWith('/dev/') && name.endsWith(info.dev) ? name : `/dev/${info.dev}`;
      mapping.addVolume(key, { info, bdm: v.index });
      running.taken.add(info.dev);
      update(v, info, key);
    }
    const mandatory = this.props.img_config_drive === 'mandatory';
    if (this.ctx.libvirt.config_drive || mandatory) {
      const type = (this.opts.configDriveFormat ?? 'iso9660') === 'iso9660' ? 'cdrom' : 'disk';
      const bus = this.busForType(type);
      mapping.set('disk.config', { info: { dev: this.findDev(devs(mapping), bus), bus: bus ?? 'None', type }, bdm: null });
    }
    return { mapping, root, diskBus, cdromBus };
  }
}

/**
 * The names taken in one run of the mapping, `[...pre, ...devs(mapping)]`, as one growing set
 * (every disk's name is added as it is named): made when a free name is first looked for, from
 * the names given and the mapping so far, so that a run whose disks all have names (Nova's
 * second pass) never makes it.
 */
class Taken {
  private made: Set<string> | undefined = undefined;
  constructor(private readonly pre: () => readonly string[], private readonly mapping: Mapping) {}
  add(dev: string): void {
    this.made?.add(dev);
  }
  set(): Set<string> {
    return (this.made ??= takenSet(this.pre(), this.mapping));
  }
}

/**
 * Where findDev's search for a free name on a prefix starts: the index of the last name it gave
 * there (a run of volumes is mostly on one bus: its prefix and index are two fields, the others a map).
 */
class Hint {
  private pre: string | null = null;
  private at = 0;
  private others: Map<string, number> | undefined = undefined;
  from(pre: string): number {
    return pre === this.pre ? this.at : (this.others?.get(pre) ?? 0);
  }
  found(pre: string, i: number): void {
    if (this.pre !== null && pre !== this.pre) (this.others ??= new Map()).set(this.pre, this.at);
    this.pre = pre;
    this.at = i;
  }
}

/** (infoFromBdm's names taken when a running set is given: that set has them) */
const NO_NAMES: string[] = [];

/** Device names by prefix and index, written once: the same strings (hashed once) for every body. */
const DEV_NAMES = new Map<string, string[]>();
function devName(pre: string, i: number): string {
  let names = DEV_NAMES.get(pre);
  if (!names) {
    // a few prefixes (the buses' and a configured one or two) and the first names of each
    if (DEV_NAMES.size >= 16 || pre.length > 8) return pre + deviceLetters(i);
    DEV_NAMES.set(pre, (names = []));
  }
  if (i >= 4096) return pre + deviceLetters(i);
  return (names[i] ??= pre + deviceLetters(i));
}

/** The names given so far and the mapping's: `new Set([...pre, ...devs(mapping)])` without the copies. */
function takenSet(pre: readonly string[], m: Mapping): Set<string> {
  const out = new Set<string>(pre);
  m.forEach((slot) => out.add(slot.info.dev));
  return out;
}

function devs(m: Mapping): string[] {
  return m.devs();
}

/** Nova's update_bdm: keep an existing name, take the computed bus and type. */
function update(b: DriverBdm, info: DiskInfo, devPath?: string): void {
  if (!b.device_name && info.dev) {
    b.device_name = devPath ?? `/dev/${info.dev}`;
    b.named = b.device_name;
    b.dev = info.dev;
  } else if (!b.device_name) b.device_name = null;
  b.disk_bus = info.bus;
  b.device_type = info.type;
}

/** Split into Nova's driver lists: image roots, ephemerals, the swap, volumes grouped by class. */
function driverLists(bdms: NovaBdm[]): { image: DriverBdm[]; ephs: DriverBdm[]; swap: DriverBdm | null; vols: DriverBdm[] } {
  const mk = (b: NovaBdm, index: number, kind: DriverBdm['kind']): DriverBdm => ({
    index,
    kind,
    device_name: b.device_name,
    disk_bus: b.disk_bus,
    // swap entries carry neither device_type, guest_format nor boot_index; ephemerals no boot_index
    device_type: kind === 'swap' ? null : b.device_type,
    guest_format: kind === 'swap' ? null : b.guest_format,
    boot_index: kind === 'vol' ? b.boot_index : kind === 'image' ? 0 : null,
    swapSize: kind === 'swap' ? (b.volume_size ?? 0) : 0,
    named: null,
    dev: null,
  });
  const image: DriverBdm[] = [];
  const ephs: DriverBdm[] = [];
  const swaps: DriverBdm[] = [];
  const groups: DriverBdm[][] = [[], [], [], []];
  const group = { volume: 0, snapshot: 1, image: 2, blank: 3 } as const;
  bdms.forEach((b, i) => {
    const cls = driverClassOf(b);
    if (!cls) return;
    if (cls === 'DriverImageBlockDevice') image.push(mk(b, i, 'image'));
    else if (isSwap(b)) swaps.push(mk(b, i, 'swap'));
    else if (isEphemeral(b)) ephs.push(mk(b, i, 'eph'));
    else groups[group[b.source_type as keyof typeof group]]!.push(mk(b, i, 'vol'));
  });
  // the groups one after the other (Array.prototype.flat takes its slow generic path here)
  const vols: DriverBdm[] = [];
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k];
    for (let i = 0; i < g.length; i++) vols.push(g[i]);
  }
  return { image, ephs, swap: swaps.length > 0 ? swaps[swaps.length - 1]! : null, vols };
}

/**
 * The libvirt disk mapping nova-compute builds for these BDMs (the API-accepted list,
 * implicit flavor disks included).
 */
export function computeDiskInfo(bdms: NovaBdm[], ctx: Context, opts: NamingOptions): DiskInfoResult {
  const r = nameDisks(bdms, ctx, opts);
  if (r.buildError !== null) return { ...emptyInfo(bdms, r.props), buildError: r.buildError };
  if (!r.final) return emptyInfo(bdms, r.props);
  const props = r.props;
  const mapping: MappingEntry[] = [];
  const perBdm: Array<DiskInfo | null> = bdms.map(() => null);
  r.final.mapping.forEach((v, key) => {
    if (key === 'root') return;
    // key and bdm first, then the info's fields in their order
    mapping.push(Object.assign({ key, bdm: v.bdm }, v.info));
    // each slot's info is an object of its own (the root's is copied into 'root' and 'disk')
    if (v.bdm !== null) perBdm[v.bdm] = v.info;
  });
  return {
    mapping,
    root: r.final.mapping.get('root')!.info,
    rootDeviceName: r.rootName,
    bootDevOrder: bootOrder(mapping),
    perBdm,
    diskBus: r.final.diskBus,
    cdromBus: r.final.cdromBus,
    buildError: null,
    defineError: lxcVolumeError(ctx, bdms, mapping) ?? defineError(mapping, props),
    imageProperties: props,
  };
}

/** What the libvirt notes read of computeDiskInfo's result. */
export type DiskNames = Pick<DiskInfoResult, 'perBdm' | 'buildError' | 'defineError'>;

/**
 * computeDiskInfo's disk per BDM, build error and define error, the same, without the parts
 * nobody reads for notes (the mapping as a list of copies, the boot order): the notes judge
 * every accepted body, the preview only the one shown.
 */
export function computeDiskNames(bdms: NovaBdm[], ctx: Context, opts: NamingOptions): DiskNames {
  const r = nameDisks(bdms, ctx, opts);
  const perBdm: Array<DiskInfo | null> = new Array(bdms.length).fill(null);
  if (r.buildError !== null || !r.final) return { perBdm, buildError: r.buildError, defineError: null };
  let bad: DiskInfo | undefined;
  // the mapping as a list of copies only where it is read (an LXC guest's volumes)
  const entries: MappingEntry[] | null = ctx.libvirt.virt_type === 'lxc' ? [] : null;
  // forEach, not for…of: no [key, value] pair is made per slot (a body names thousands)
  const props = r.props;
  r.final.mapping.forEach((v, key) => {
    if (key === 'root') return;
    if (v.bdm !== null) perBdm[v.bdm] = v.info;
    if (bad === undefined && badDiskName(v.info, props)) bad = v.info;
    entries?.push({ key, bdm: v.bdm, ...v.info });
  });
  return { perBdm, buildError: null, defineError: (entries && lxcVolumeError(ctx, bdms, entries)) ?? (bad ? defineMessage(bad) : null) };
}

/**
 * An LXC guest names no disk (the lxc bus has no device prefix), and a volume other than the root
 * (which is mounted, get_bdms_to_connect) becomes a <disk> whose target dev is None: writing it
 * raises in Nova's config class (lxml takes no None attribute), so the build fails.
 */
function lxcVolumeError(ctx: Context, bdms: readonly NovaBdm[], mapping: readonly MappingEntry[]): string | null {
  if (ctx.libvirt.virt_type !== 'lxc') return null;
  // Nova connects every volume BDM but the root (driver.get_block_device_info's mapping, not the
  // disk mapping: there all the unnamed volumes share one key, so a mapping entry may stand for
  // the root volume while another volume still fails)
  if (mapping.length === 0) return null;
  // with a [libvirt]disk_prefix the lxc bus names its disks, and the volumes are written
  const named = new Set(mapping.filter((m) => m.bdm !== null && m.dev !== '').map((m) => m.bdm));
  const vol = bdms.some((b, i) => VOLUME_CLASSES.has(driverClassOf(b) ?? '') && b.boot_index !== 0 && !named.has(i));
  return vol ? "TypeError: Argument must be bytes or unicode, got 'NoneType' (Nova writes the volume's <disk> with no target dev: an LXC guest names no disk)" : null;
}

const VOLUME_CLASSES = new Set(['DriverVolumeBlockDevice', 'DriverVolSnapshotBlockDevice', 'DriverVolImageBlockDevice', 'DriverVolBlankBlockDevice']);

function emptyInfo(bdms: readonly NovaBdm[], props: Record<string, string>): DiskInfoResult {
  return { mapping: [], root: null, rootDeviceName: null, bootDevOrder: [], perBdm: bdms.map(() => null), diskBus: null, cdromBus: null, buildError: null, defineError: null, imageProperties: props };
}

/**
 * Nova's two naming passes over the BDMs: `final` is the second pass's mapping (undefined when
 * no BDM is the root: nothing is named), `buildError` where nova-compute would fail instead.
 */
function nameDisks(bdms: NovaBdm[], ctx: Context, opts: NamingOptions): { props: Record<string, string>; rootName: string | null; final?: ReturnType<Namer['diskMapping']>; buildError: string | null } {
  const props = bootImageProperties(bdms, ctx, opts.imageRef);
  const namer = new Namer(ctx, opts, props);
  try {
    // Pass 1 (compute manager + driver): pick the root name, forget every other name, name all.
    // The compute manager takes the root from every BDM, a "no device" one or one no driver
    // class handles included; its fields decide the root name even though it becomes no disk.
    const rootIdx = bdms.findIndex((b) => b.boot_index === 0);
    if (rootIdx < 0) return { props, rootName: null, buildError: null };
    const lists = driverLists(bdms);
    const all = [...lists.image, ...lists.ephs, ...(lists.swap ? [lists.swap] : []), ...lists.vols];
    let rootName = bdms[rootIdx]!.device_name || opts.rootDeviceName || props.root_device_name || null;
    if (!rootName) {
      const r0 = bdms[rootIdx]!;
      const rb = all.find((b) => b.index === rootIdx)
        ?? { index: rootIdx, kind: 'vol' as const, device_name: null, disk_bus: r0.disk_bus, device_type: r0.device_type, guest_format: r0.guest_format, boot_index: 0, swapSize: 0, named: null, dev: null };
      const diskBus = namer.busForType('disk');
      const cdromBus = namer.busForType('cdrom');
      // prepend_dev keeps an empty name empty: a bus without a prefix (lxc) leaves no root name
      const dev = namer.rootInfo(rb ? { ...rb, device_name: null } : null, diskBus, cdromBus, null).dev;
      rootName = dev ? `/dev/${dev}` : null;
    } else if (!rootName.startsWith('/dev/')) {
      rootName = `/dev/${rootName}`;
    }
    for (let i = 0; i < all.length; i++) all[i].device_name = null;
    const first = namer.diskMapping(lists.image, lists.ephs, lists.swap, lists.vols, rootName);
    // Pass 2 (spawn): the same mapping over the names pass 1 stored; run only when it can differ.
    const final = !opts.bothPasses && namer.secondPassSame(first.mapping, lists) ? first : namer.diskMapping(lists.image, lists.ephs, lists.swap, lists.vols, rootName);
    if (lunBootFails(ctx, props) && !final.mapping.every((slot) => slot.info.type !== 'lun' || slot.info.bootIndex === undefined)) {
      return { props, rootName: null, buildError: "KeyError: 'lun' (this Nova release's boot order has no device for a lun disk with a boot index)" };
    }
    return { props, rootName, final, buildError: null };
  } catch (e) {
    if (e instanceof BuildError) return { props, rootName: null, buildError: e.message };
    throw e;
  }
}

/**
 * The image properties the instance boots with, as the compute API picks its image metadata
 * (nova/compute/api.py `_create_instance`, nova/block_device.py `get_bdm_image_metadata`): the
 * Glance image when imageRef is given; else the boot entry's: an image source reads the image,
 * a volume its `volume_image_metadata` less the image attributes, a snapshot its volume's, a blank volume nothing;
 * but ids the root entry carries beside its uuid (NovaBdm.boot_meta) are what Nova reads. The
 * context's `volumes[id].volume_image_metadata` (or `volumes["*"]`) says what a volume carries;
 * without it a volume carries the context's image properties (a volume made from that image).
 * The properties come back as Nova's ImageMetaProps holds them (imagePropsAsNova).
 */
export function bootImageProperties(bdms: readonly NovaBdm[], ctx: Context, imageRef: string | null): Record<string, string> {
  return imagePropsAsNova(bootImagePropertiesAsGiven(bdms, ctx, imageRef));
}

function bootImagePropertiesAsGiven(bdms: readonly NovaBdm[], ctx: Context, imageRef: string | null): Record<string, string> {
  const image = ctx.libvirt.image_properties ?? {};
  if (imageRef) return image;
  const root = bdms.find((b) => b.boot_index === 0);
  if (!root) return {};
  // the root's own image_id / snapshot_id / volume_id, when they say otherwise than its source_type
  const meta = root.boot_meta;
  const from = meta !== undefined ? (meta ? meta.from : null) : root.source_type === 'volume' || root.source_type === 'snapshot' ? 'volume' : root.source_type === 'image' ? 'image' : null;
  const id = meta ? meta.id : root.uuid;
  if (from === 'volume') {
    const own = id ? ctx.volumes?.[id]?.volume_image_metadata : undefined;
    return volumeImageProperties(own ?? ctx.volumes?.['*']?.volume_image_metadata ?? image);
  }
  return from === 'image' ? image : {};
}

/**
 * The image attributes Cinder keeps beside a volume's image properties: Nova takes them out of
 * the properties and keeps none but min_ram/min_disk (nova/block_device.py
 * `get_image_metadata_from_volume`), so a volume made from an ISO image boots as a disk.
 */
const VOLUME_IMAGE_ATTRIBUTES = ['image_id', 'image_name', 'size', 'checksum', 'container_format', 'disk_format', 'min_ram', 'min_disk'];

function volumeImageProperties(meta: Record<string, string>): Record<string, string> {
  const out = { ...meta };
  for (const k of VOLUME_IMAGE_ATTRIBUTES) delete out[k];
  return out;
}

/** libvirt's disk-name parser (virDiskNameToIndex): a known prefix, letters, optional digits. */
const LIBVIRT_DISK_NAME = /^(fd|hd|vd|sd|xvd|ubd)[a-z]+[0-9]*$/;

/**
 * A target dev libvirt cannot parse on a disk without an `<address>`: defining the domain fails
 * (libvirt's virDomainDiskDefAssignAddress; checked with libvirt 9.0). Nova writes an address
 * only for scsi disks behind a virtio-scsi controller. LXC roots have no dev.
 */
function defineError(mapping: MappingEntry[], props: Record<string, string>): string | null {
  const bad = mapping.find((m) => badDiskName(m, props));
  return bad ? defineMessage(bad) : null;
}

/** A disk whose target dev libvirt refuses (see defineError). */
function badDiskName(d: DiskInfo, props: Record<string, string>): boolean {
  return d.dev !== '' && !LIBVIRT_DISK_NAME.test(d.dev) && !(props.hw_scsi_model === 'virtio-scsi' && d.bus === 'scsi');
}

function defineMessage(bad: DiskInfo): string {
  return `libvirtError: XML error: Unknown disk name '${bad.dev}' and no address specified (libvirt refuses the domain Nova writes: <target dev="${bad.dev}">)`;
}

/** Device kinds ordered by boot index (compared as strings, as Nova does), de-duplicated. */
function bootOrder(mapping: MappingEntry[]): string[] {
  const bootable = mapping.filter((m) => m.bootIndex !== undefined);
  const sorted = [...bootable].sort((a, b) => (a.bootIndex! < b.bootIndex! ? -1 : a.bootIndex! > b.bootIndex! ? 1 : 0));
  const out: string[] = [];
  for (const m of sorted) {
    const d = BOOT_DEV[m.type] ?? 'hd';
    if (!out.includes(d)) out.push(d);
  }
  return out;
}
