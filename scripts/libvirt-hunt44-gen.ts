/**
 * Seeded domains for round 44 of the libvirt hunt (scripts/libvirt-hunt44-check.ts): whole domains
 * as Nova's libvirt driver writes them, and calm: most documents are valid, and the rest have one
 * thing wrong (a budget of one doubtful choice, spent by a document in three, about), so bdm-lab's
 * refusals of valid domains show where the earlier rounds' generators, refused nine times in ten,
 * hid them. The parts are Nova's: <uuid>, <metadata> in Nova's namespace, <sysinfo> smbios with the
 * OpenStack entries, <os> with <smbios mode="sysinfo">, EFI by firmware= or by a loader and nvram,
 * <cputune> shares/pins, <numatune> with memnodes, <memoryBacking> hugepages per NUMA cell, the
 * <cpu> topology and cells; local qcow2 disks, rbd network disks with <auth>/<secret>, iSCSI network
 * disks, block (os-brick) volumes, an NVMe disk, the config drive as a cdrom (SATA on q35, IDE on
 * pc) or a disk, virtio-scsi disks; interfaces (bridge, ethernet, vhostuser), serial and console
 * with a log, the guest agent channel, spice/vnc graphics, video, tablet, memballoon with stats, rng
 * with a rate, and on pc now and then a device on a PCI bus libvirt must add a pci-bridge for. Same
 * seed, same documents.
 */
import { rng } from './prng.mjs';
import { Chooser } from './libvirt-gen-lib';

interface Ctx {
  g: Chooser;
  q35: boolean;
  vcpus: number;
  cells: number;
  memKiB: number;
  /** pc: next free slot per bus written */
  slot: Map<number, number>;
  scsi: boolean;
  letters: Map<string, number>;
  uuid: string;
  /** <os> has <boot dev=>: no per-device boot order then */
  osBoot: boolean;
  /** secure boot asked for: <smm> on */
  secure: boolean;
  /** q35: whether devices carry addresses, and the next bus one may name */
  q35Addresses: boolean;
  q35Bus: number;
}

const hex = (n: number, w = 2) => n.toString(16).padStart(w, '0');

function uuidOf(g: Chooser): string {
  const h = () => Math.floor(g.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])).toString(16);
  const part = (n: number) => Array.from({ length: n }, h).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

/**
 * A PCI address (Nova writes none; a domain kept from `virsh dumpxml` and edited has them). On pc:
 * bus 0 mostly, now and then a bus libvirt adds a pci-bridge for. On q35 (`pcie`: how the device
 * connects there): a PCI Express device on the next root port's bus at slot 0, a conventional one
 * on a bus of its own at slot 1 (libvirt adds a pcie-root-port and a pcie-to-pci-bridge for it).
 */
function pciAddr(c: Ctx, p: number, pcie = true): string {
  const { g } = c;
  if (!g.maybe(p)) return '';
  if (c.q35) {
    if (!c.q35Addresses) return '';
    const bus = c.q35Bus;
    c.q35Bus += pcie ? 1 : 2;
    let slot = pcie ? 0 : 1;
    if (g.bad(0.06)) slot = pcie ? 1 : 0;
    return `<address type="pci" domain="0x0000" bus="0x${hex(bus)}" slot="0x${hex(slot)}" function="0x0"/>`;
  }
  let bus = g.maybe(0.25) ? g.pick([1, 1, 2]) : 0;
  if (g.bad(0.05)) bus = g.pick([3, 0x1f, 0xff]);
  const next = c.slot.get(bus) ?? (bus === 0 ? 6 : 1);
  let slot = next;
  if (g.bad(0.04)) slot = g.pick([0, 1, 2, 0x20]);
  else c.slot.set(bus, next + 1);
  return `<address type="pci" domain="0x0000" bus="0x${hex(bus)}" slot="0x${hex(slot)}" function="0x0"/>`;
}

function target(c: Ctx, prefix: string, bus: string): string {
  const n = c.letters.get(prefix) ?? 0;
  c.letters.set(prefix, n + 1);
  let dev = `${prefix}${String.fromCharCode(97 + n)}`;
  if (c.g.bad(0.03)) dev = n ? `${prefix}${String.fromCharCode(96 + n)}` : `${prefix}`;
  return `<target dev="${dev}" bus="${bus}"/>`;
}

function driver(c: Ctx, type: string, extra = ''): string {
  const { g } = c;
  const cache = g.odd(['none', 'none', 'writeback', 'writethrough', 'directsync', 'unsafe'], ['off', 'default '], 0.02);
  const io = g.maybe(0.2) ? ` io="${g.odd(cache === 'none' || cache === 'directsync' ? ['native', 'threads'] : ['threads'], ['io_uring ', 'aio', 'native'], 0.03)}"` : '';
  const discard = g.maybe(0.25) ? ` discard="${g.odd(['unmap', 'ignore'], ['on'], 0.03)}"` : '';
  return `<driver name="qemu" type="${type}" cache="${cache}"${io}${discard}${extra}/>`;
}

function disks(c: Ctx, bootFromVolume: boolean): string {
  const { g, q35 } = c;
  const out: string[] = [];
  const vbus = () => (c.scsi && g.maybe(0.5) ? ['scsi', 'sd'] : ['virtio', 'vd']) as [string, string];
  const serial = () => `<serial>${g.odd([uuidOf(g)], ['', 'x'.repeat(30)], 0.02)}</serial>`;
  // the root disk
  if (!bootFromVolume) {
    const [bus, prefix] = vbus();
    const fmt = g.odd(['qcow2', 'qcow2', 'raw'], ['qcow', 'bogus'], 0.02);
    const back = fmt === 'qcow2' && g.maybe(0.2) ? `<backingStore type="file"><format type="raw"/><source file="/var/lib/nova/instances/_base/${'a'.repeat(40)}"/>${g.odd(['<backingStore/>'], ['<backingStore type="file"/>'], 0.02)}</backingStore>` : '';
    out.push(`<disk type="file" device="disk">${driver(c, fmt)}<source file="/var/lib/nova/instances/${c.uuid}/disk"/>${back}${target(c, prefix, bus)}${!c.osBoot && g.maybe(0.1) ? '<boot order="1"/>' : ''}${bus === 'virtio' ? pciAddr(c, 0.2) : ''}</disk>`);
    if (g.maybe(0.2)) out.push(`<disk type="file" device="disk">${driver(c, fmt)}<source file="/var/lib/nova/instances/${c.uuid}/disk.eph0"/>${target(c, prefix, bus)}</disk>`);
    if (g.maybe(0.08)) out.push(`<disk type="file" device="disk">${driver(c, 'raw')}<source file="/var/lib/nova/instances/${c.uuid}/disk.swap"/>${target(c, prefix, bus)}</disk>`);
  }
  const volumes = bootFromVolume ? g.pick([1, 1, 2, 3]) : g.pick([0, 0, 1, 2]);
  for (let i = 0; i < volumes; i++) {
    const kind = g.pick(['rbd', 'rbd', 'iscsi-net', 'block', 'block', 'nvme', 'nfs-file']);
    const [bus, prefix] = vbus();
    const lun = bus === 'scsi' && kind === 'block' && g.maybe(0.2);
    const device = lun ? 'lun' : 'disk';
    const boot = bootFromVolume && i === 0 && (!c.osBoot || g.bad(0.05)) && g.maybe(0.3) ? '<boot order="1"/>' : '';
    const addr = bus === 'virtio' ? pciAddr(c, 0.15) : '';
    const ro = g.maybe(0.05) ? '<readonly/>' : '';
    const share = g.maybe(0.05) ? '<shareable/>' : '';
    const iotune = g.maybe(0.12) ? `<iotune>${g.odd(['<total_bytes_sec>104857600</total_bytes_sec>', '<read_iops_sec>500</read_iops_sec><write_iops_sec>500</write_iops_sec>', '<total_iops_sec>1000</total_iops_sec><total_iops_sec_max>2000</total_iops_sec_max>'], ['<total_bytes_sec>1</total_bytes_sec><read_bytes_sec>1</read_bytes_sec>', '<total_iops_sec_max>2000</total_iops_sec_max>'], 0.04)}</iotune>` : '';
    if (kind === 'rbd') {
      const hosts = Array.from({ length: g.pick([1, 3]) }, (_, j) => `<host name="${g.odd([`192.168.1.${10 + j}`, `ceph-mon-${j}`], ['', '[::1]'], 0.02)}" port="${g.odd(['6789', '3300'], ['0', '70000'], 0.02)}"/>`).join('');
      const auth = g.maybe(0.85) ? `<auth username="${g.odd(['cinder', 'nova'], [''], 0.02)}"><secret type="${g.odd(['ceph'], ['iscsi', 'bogus'], 0.03)}" ${g.odd([`uuid="${uuidOf(g)}"`, 'usage="client.cinder secret"'], ['uuid="not-a-uuid"', ''], 0.03)}/></auth>` : '';
      const pool = g.odd(['volumes', 'vms'], [''], 0.02);
      const drv = driver(c, g.odd(['raw'], ['qcow2'], 0.01));
      const authFirst = g.maybe(0.5);
      out.push(`<disk type="network" device="${device === 'lun' ? 'disk' : device}">${drv}${authFirst ? auth : ''}<source protocol="rbd" name="${pool}/volume-${uuidOf(g)}">${hosts}${g.maybe(0.05) ? '<config file="/etc/ceph/ceph.conf"/>' : ''}</source>${authFirst ? '' : auth}${target(c, prefix, bus)}${serial()}${iotune}${ro}${share}${boot}${addr}</disk>`);
    } else if (kind === 'iscsi-net') {
      const auth = g.maybe(0.6) ? `<auth username="${g.odd(['user'], [''], 0.02)}"><secret type="${g.odd(['iscsi'], ['ceph'], 0.03)}" usage="${g.odd(['iqn-secret'], [''], 0.02)}"/></auth>` : '';
      out.push(`<disk type="network" device="${device}">${driver(c, 'raw')}<source protocol="iscsi" name="${g.odd(['iqn.2010-10.org.openstack:volume-' + uuidOf(g) + '/1', 'iqn.2010-10.org.openstack:volume-x/0'], ['iqn.2010-10.org.openstack:volume-x/x', 'iqn.2010-10.org.openstack:volume-x'], 0.03)}"><host name="192.168.2.5" port="${g.odd(['3260'], ['-1'], 0.02)}"/>${g.maybe(0.1) ? '<initiator><iqn name="iqn.1994-05.com.redhat:compute1"/></initiator>' : ''}</source>${auth}${target(c, prefix, bus)}${serial()}${iotune}${ro}${share}${boot}${addr}</disk>`);
    } else if (kind === 'block') {
      out.push(`<disk type="block" device="${device}">${driver(c, 'raw', g.maybe(0.3) ? '' : '')}<source dev="/dev/disk/by-path/ip-192.168.2.5:3260-iscsi-iqn.2010-10.org.openstack:volume-${i}-lun-${g.odd(['0', '1'], ['0'])}"/>${target(c, prefix, bus)}${lun && g.maybe(0.4) ? '' : serial()}${lun ? g.odd(['', '<shareable/>'], ['<blockio logical_block_size="512"/>'], 0.03) : iotune}${ro}${boot}${addr}</disk>`);
    } else if (kind === 'nvme') {
      out.push(`<disk type="nvme" device="disk">${driver(c, g.odd(['raw'], ['qcow2'], 0.03))}<source type="pci" managed="${g.odd(['yes', 'no'], ['on'], 0.02)}" namespace="${g.odd(['1', '2'], ['0'], 0.03)}"><address domain="0x0000" bus="0x${g.odd(['01', '3b'], ['100'], 0.02)}" slot="0x00" function="0x0"/></source>${target(c, prefix, bus)}${serial()}${boot}${addr}</disk>`);
    } else {
      out.push(`<disk type="file" device="disk">${driver(c, g.pick(['raw', 'qcow2']))}<source file="/var/lib/nova/mnt/${'f'.repeat(32)}/volume-${uuidOf(g)}"/>${target(c, prefix, bus)}${serial()}${iotune}${ro}${share}${boot}${addr}</disk>`);
    }
  }
  // the config drive
  if (g.maybe(0.45)) {
    const asDisk = g.maybe(0.2);
    const [bus, prefix] = asDisk ? (['virtio', 'vd'] as [string, string]) : g.odd([q35 ? ['sata', 'sd'] : ['ide', 'hd']] as Array<[string, string]>, [q35 ? ['ide', 'hd'] : ['sata', 'sd'], ['virtio', 'vd']] as Array<[string, string]>, 0.04);
    const dev = asDisk ? 'disk' : 'cdrom';
    const addr = bus === 'ide' && g.maybe(0.3) ? `<address type="drive" controller="0" bus="${g.odd(['0', '1'], ['2'], 0.03)}" target="0" unit="${g.odd(['0', '1'], ['2'], 0.03)}"/>` : bus === 'sata' && g.maybe(0.3) ? `<address type="drive" controller="0" bus="0" target="0" unit="${g.odd(['0', '1', '5'], ['6'], 0.03)}"/>` : '';
    out.push(`<disk type="file" device="${dev}">${driver(c, 'raw')}<source file="/var/lib/nova/instances/${c.uuid}/disk.config"/>${target(c, prefix, bus)}${dev === 'cdrom' ? g.odd(['<readonly/>', ''], [''], 0.01) : ''}${addr}</disk>`);
  }
  // a rescue or an ISO boot cdrom, empty, now and then
  if (g.maybe(0.06)) out.push(`<disk type="file" device="cdrom"><driver name="qemu" type="raw"/>${target(c, q35 ? 'sd' : 'hd', q35 ? 'sata' : 'ide')}<readonly/></disk>`);
  return out.join('');
}

function interfaces(c: Ctx): string {
  const { g } = c;
  const out: string[] = [];
  for (let i = 0; i < g.pick([0, 1, 1, 1, 2]); i++) {
    const mac = `<mac address="fa:16:3e:${hex(i + 1)}:${g.odd(['4a', '9c'], ['zz'], 0.01)}:0${i}"/>`;
    const model = `<model type="${g.odd(['virtio', 'virtio', 'e1000', 'rtl8139', 'e1000e'], ['virtio-net', 'bogus'], 0.02)}"/>`;
    const mtu = g.maybe(0.4) ? `<mtu size="${g.odd(['1450', '1500', '9000'], ['0', '-1'], 0.02)}"/>` : '';
    const queues = g.maybe(0.15) ? `<driver name="vhost" queues="${g.odd(['2', '4'], ['0'], 0.03)}"${g.maybe(0.3) ? ` rx_queue_size="${g.odd(['512', '1024'], ['100'], 0.03)}"` : ''}/>` : '';
    const conventional = /type="(e1000|rtl8139)"/.test(model);
    const addr = pciAddr(c, 0.2, !conventional);
    const tap = `<target dev="tap${hex(i)}${'e'.repeat(8)}"/>`;
    const kind = g.pick(['bridge', 'ethernet', 'ethernet', 'vhostuser', 'hostdev-sriov']);
    if (kind === 'bridge') out.push(`<interface type="bridge">${mac}${model}${queues}<source bridge="${g.odd(['qbr12345678-ab', 'br-int'], [''], 0.02)}"/>${g.maybe(0.3) ? '<virtualport type="openvswitch"><parameters interfaceid="' + uuidOf(g) + '"/></virtualport>' : ''}${tap}${mtu}${addr}</interface>`);
    else if (kind === 'ethernet') out.push(`<interface type="ethernet">${mac}${model}${queues}${tap}${mtu}${addr}</interface>`);
    else if (kind === 'vhostuser') out.push(`<interface type="vhostuser">${mac}<model type="${g.odd(['virtio'], ['e1000'], 0.04)}"/>${queues}<source type="unix" path="/var/run/openvswitch/vhu${i}" mode="${g.odd(['server', 'client'], ['bind'], 0.03)}"/>${mtu}${addr}</interface>`);
    else out.push(`<interface type="hostdev" managed="yes">${mac}<source><address type="pci" domain="0x0000" bus="0x${g.odd(['81', '3b'], ['zz'], 0.02)}" slot="0x10" function="0x${g.odd(['2', '4'], ['9'], 0.02)}"/></source>${g.maybe(0.4) ? `<vlan><tag id="${g.odd(['100', '4094'], ['4096'], 0.03)}"/></vlan>` : ''}${addr}</interface>`);
  }
  return out.join('');
}

function consoles(c: Ctx): string {
  const { g } = c;
  const out: string[] = [];
  const kind = g.pick(['pty-log', 'pty-log', 'file', 'tcp', 'none']);
  const log = `/var/lib/nova/instances/${c.uuid}/console.log`;
  if (kind === 'pty-log') out.push(`<serial type="pty"><log file="${g.odd([log], ['console.log', ''], 0.02)}" append="${g.odd(['off', 'on'], ['no'], 0.02)}"/>${g.maybe(0.3) ? `<target type="isa-serial" port="${g.odd(['0'], ['4', '-1'], 0.02)}"><model name="isa-serial"/></target>` : ''}</serial>`);
  else if (kind === 'file') out.push(`<serial type="file"><source path="${g.odd([log], [''], 0.02)}"/></serial>`);
  else if (kind === 'tcp') out.push(`<serial type="tcp"><source mode="bind" host="127.0.0.1" service="${g.odd(['10000', '10001'], ['0', '65536'], 0.03)}"/><protocol type="raw"/><target port="0"/></serial>`);
  if (kind !== 'none' && g.maybe(0.15)) out.push(`<serial type="pty"><target port="${g.odd(['1'], ['0'], 0.04)}"/></serial>`);
  if (kind !== 'none' || g.maybe(0.3)) out.push(`<console type="pty"><target type="${g.odd(['serial', 'serial', 'virtio'], ['sclp', 'bogus'], 0.03)}" port="0"/></console>`);
  if (g.maybe(0.5)) out.push(`<channel type="unix"><source mode="bind" path="/var/lib/libvirt/qemu/org.qemu.guest_agent.0.instance-${hex(c.slot.size + 1, 8)}.sock"/><target type="virtio" name="org.qemu.guest_agent.0"/>${g.maybe(0.1) ? `<address type="virtio-serial" controller="0" bus="0" port="${g.odd(['1', '2'], ['0'], 0.03)}"/>` : ''}</channel>`);
  return out.join('');
}

function devicesRest(c: Ctx): string {
  const { g, q35 } = c;
  const out: string[] = [];
  const gfx = g.pick(['vnc', 'vnc', 'spice', 'none']);
  if (gfx === 'vnc') out.push(`<graphics type="vnc" autoport="${g.odd(['yes'], ['no'], 0.02)}" listen="${g.odd(['0.0.0.0', '127.0.0.1', '::'], ['localhost:1', '300.0.0.1'], 0.02)}"${g.maybe(0.3) ? ` keymap="${g.odd(['en-us', 'de'], [''], 0.02)}"` : ''}${g.maybe(0.1) ? ` passwd="${g.odd(['secret'], ['x'.repeat(9)], 0.02)}"` : ''}/>`);
  if (gfx === 'spice') {
    out.push(`<graphics type="spice" autoport="yes" listen="${g.pick(['0.0.0.0', '127.0.0.1'])}">${g.maybe(0.3) ? `<image compression="${g.odd(['auto_glz', 'off', 'quic'], ['on'], 0.03)}"/>` : ''}${g.maybe(0.3) ? `<streaming mode="${g.odd(['filter', 'off', 'all'], ['on'], 0.03)}"/>` : ''}${g.maybe(0.2) ? `<playback compression="${g.odd(['on', 'off'], ['yes'], 0.03)}"/>` : ''}</graphics>`);
    if (g.maybe(0.6)) out.push(`<channel type="spicevmc"><target type="virtio" name="com.redhat.spice.0"/></channel>`);
  }
  if (gfx !== 'none' || g.maybe(0.3)) {
    const model = g.odd(gfx === 'spice' ? ['qxl', 'virtio'] : ['virtio', 'cirrus', 'vga', 'bochs'], ['xen', 'none', 'vbox'], 0.02);
    const mem = model === 'qxl' && g.maybe(0.4) ? ` ram="65536" vram="${g.odd(['65536', '131072'], ['1000'], 0.03)}" heads="1"` : model === 'virtio' && g.maybe(0.1) ? ` heads="${g.odd(['1', '2'], ['17'], 0.03)}"` : '';
    out.push(`<video><model type="${model}"${mem}/>${model === 'none' ? '' : pciAddr(c, 0.15, model === 'virtio' || model === 'bochs')}</video>`);
  }
  if (gfx !== 'none' && g.maybe(0.8)) out.push(`<input type="tablet" bus="${g.odd(['usb', 'usb', 'virtio'], ['ps2'], 0.03)}"/>`);
  if (g.maybe(0.1)) out.push(`<input type="keyboard" bus="${g.odd(['usb', 'ps2', 'virtio'], ['xen'], 0.03)}"/>`);
  if (g.maybe(0.35)) out.push(`<rng model="virtio"><backend model="random">${g.odd(['/dev/urandom', '/dev/random', '/dev/hwrng'], ['/dev/zero', 'urandom'], 0.03)}</backend>${g.maybe(0.5) ? `<rate ${g.odd(['period="1000" bytes="2048"', 'bytes="1024"'], ['period="1000" bytes="0"', 'period="0" bytes="1024"'], 0.03)}/>` : ''}${pciAddr(c, 0.15)}</rng>`);
  if (g.maybe(0.15)) out.push(`<watchdog model="${g.odd(['i6300esb', q35 ? 'i6300esb' : 'ib700'], ['itco', 'diag288'], 0.04)}" action="${g.odd(['reset', 'poweroff', 'pause', 'none'], ['bogus'], 0.02)}"/>`);
  if (g.maybe(0.08)) out.push(`<tpm model="${g.odd(['tpm-tis', 'tpm-crb'], ['tpm-spapr'], 0.04)}"><backend type="emulator" version="${g.odd(['2.0'], ['1.2'], 0.02)}"/></tpm>`);
  if (g.maybe(0.05)) out.push(`<hostdev mode="subsystem" type="mdev" model="${g.odd(['vfio-pci'], ['vfio-ccw', 'bogus'], 0.03)}" managed="no"><source><address uuid="${g.odd([uuidOf(g)], ['nope'], 0.03)}"/></source>${pciAddr(c, 0.2)}</hostdev>`);
  if (g.maybe(0.06)) out.push(`<hostdev mode="subsystem" type="pci" managed="yes"><source><address domain="0x0000" bus="0x81" slot="0x00" function="0x${g.odd(['0', '1'], ['8'], 0.03)}"/></source>${pciAddr(c, 0.2)}</hostdev>`);
  if (g.maybe(0.85)) out.push(`<memballoon model="${g.odd(['virtio', 'virtio', 'none'], ['virtio-transitional', 'xen'], 0.02)}">${g.maybe(0.7) ? `<stats period="${g.odd(['10', '5'], ['-1', '0'], 0.03)}"/>` : ''}${pciAddr(c, 0.15)}</memballoon>`);
  return out.join('');
}

function controllers(c: Ctx): string {
  const { g, q35 } = c;
  const out: string[] = [];
  if (c.scsi) out.push(`<controller type="scsi" index="0" model="${g.odd(['virtio-scsi', 'virtio-scsi'], ['lsilogic', 'vmpvscsi', 'bogus'], 0.02)}">${g.maybe(0.2) ? `<driver queues="${g.odd([String(c.vcpus)], ['0'], 0.03)}"/>` : ''}${pciAddr(c, 0.15)}</controller>`);
  if (g.maybe(0.4)) out.push(`<controller type="usb" index="0"${g.maybe(0.5) ? ` model="${g.odd(q35 ? ['qemu-xhci', 'nec-xhci'] : ['piix3-uhci', 'qemu-xhci', 'ich9-ehci1'], ['none', 'bogus'], 0.02)}"` : ''}/>`);
  if (q35 && !c.q35Addresses && g.maybe(0.5)) {
    out.push('<controller type="pci" index="0" model="pcie-root"/>');
    const ports = g.pick([1, 2, 4, 8, 16]);
    for (let i = 1; i <= ports; i++) out.push(`<controller type="pci" index="${i}" model="pcie-root-port"${g.maybe(0.1) ? `><target chassis="${g.odd([String(i)], ['0', '256'], 0.03)}" port="0x${hex(0x10 + i)}"/></controller>` : '/>'}`);
    if (g.maybe(0.1)) out.push(`<controller type="pci" index="${ports + 1}" model="${g.odd(['pcie-to-pci-bridge'], ['pci-bridge'], 0.05)}"/>`);
  } else if (!q35 && g.maybe(0.2)) out.push(`<controller type="pci" index="0" model="${g.odd(['pci-root'], ['pcie-root'], 0.03)}"/>`);
  if (!q35 && g.maybe(0.1)) out.push(`<controller type="pci" index="1" model="pci-bridge"${g.maybe(0.5) ? '' : ''}/>`);
  if (g.maybe(0.15)) out.push(`<controller type="virtio-serial" index="0"${g.maybe(0.4) ? ` ports="${g.odd(['4', '16'], ['0'], 0.03)}"` : ''}/>`);
  return out.join('');
}

function cpuNumaTune(c: Ctx): { cpu: string; numatune: string; cputune: string; memoryBacking: string; vcpu: string } {
  const { g } = c;
  const mode = g.odd(['host-model', 'host-passthrough', 'custom', 'host-model'], ['host', 'maximum '], 0.02);
  const model = mode === 'custom' ? `<model fallback="${g.odd(['forbid', 'allow'], ['bogus'], 0.02)}">${g.odd(['qemu64', 'Skylake-Client-IBRS', 'EPYC', 'Nehalem'], ['Skylake-Client-NOPE', 'cortex-a57'], 0.03)}</model>` : '';
  const feats = g.maybe(0.2) ? `<feature policy="${g.odd(['require', 'disable'], ['want'], 0.02)}" name="${g.odd(['ssbd', 'vmx', 'pcid'], ['not-a-flag'], 0.02)}"/>` : '';
  let sockets = c.vcpus;
  let cores = 1;
  let threads = 1;
  if (g.maybe(0.4) && c.vcpus % 2 === 0) {
    sockets = c.vcpus / 2;
    threads = 2;
  }
  if (g.bad(0.04)) cores = 2;
  const topo = g.maybe(0.8) ? `<topology sockets="${sockets}" ${g.maybe(0.2) ? 'dies="1" ' : ''}cores="${cores}" threads="${threads}"/>` : '';
  let numa = '';
  const pages = c.cells && g.maybe(0.5);
  if (c.cells) {
    const per = c.vcpus / c.cells;
    const mem = c.memKiB / c.cells;
    const cells = Array.from({ length: c.cells }, (_, i) => {
      let cpus = per === 1 ? String(i) : `${i * per}-${(i + 1) * per - 1}`;
      if (g.bad(0.04)) cpus = g.pick([`${c.vcpus}`, `0-${c.vcpus}`]);
      const m = g.bad(0.03) ? mem / 2 : mem;
      return `<cell id="${i}" cpus="${cpus}" memory="${m}" unit="KiB"${pages || g.maybe(0.2) ? ` memAccess="${g.odd(['shared', 'private'], ['bogus'], 0.02)}"` : ''}/>`;
    });
    numa = `<numa>${cells.join('')}</numa>`;
  }
  const cpu = `<cpu mode="${mode}"${mode === 'custom' ? ` match="${g.odd(['exact'], ['bogus'], 0.02)}"` : mode === 'host-model' ? ' match="exact"' : ''}>${model}${topo}${feats}${numa}</cpu>`;
  let numatune = '';
  if (c.cells && g.maybe(0.8)) {
    const nodeset = c.cells === 2 ? '0-1' : '0';
    const memnodes = Array.from({ length: c.cells }, (_, i) => `<memnode cellid="${g.odd([String(i)], [String(c.cells)], 0.03)}" mode="strict" nodeset="${g.odd([String(i % 2)], ['', '5-2'], 0.02)}"/>`).join('');
    numatune = `<numatune><memory mode="${g.odd(['strict', 'strict', 'interleave', 'preferred'], ['bogus'], 0.02)}" nodeset="${nodeset}"/>${g.maybe(0.85) ? memnodes : ''}</numatune>`;
  } else if (g.bad(0.02)) numatune = '<numatune><memnode cellid="0" mode="strict" nodeset="0"/></numatune>';
  let memoryBacking = '';
  if (pages) {
    const size = g.odd(['2048', '1048576'], ['4', '3000'], 0.03);
    memoryBacking = `<memoryBacking><hugepages><page size="${size}" unit="KiB" nodeset="${g.odd([c.cells === 2 ? '0-1' : '0'], [String(c.cells + 1)], 0.04)}"/></hugepages>${g.maybe(0.2) ? '<locked/>' : ''}${g.maybe(0.1) ? '<nosharepages/>' : ''}</memoryBacking>`;
  } else if (g.maybe(0.08)) memoryBacking = `<memoryBacking><source type="${g.odd(['file', 'memfd'], ['anonymous ', 'bogus'], 0.03)}"/><access mode="shared"/></memoryBacking>`;
  else if (g.maybe(0.05)) memoryBacking = '<memoryBacking><hugepages/></memoryBacking>';
  const pinned = g.maybe(0.35);
  const parts: string[] = [];
  if (g.maybe(0.8)) parts.push(`<shares>${g.odd([String(1024 * Math.max(1, c.vcpus / 2)), '1024', '2048'], ['0', '262145'], 0.03)}</shares>`);
  if (pinned) {
    for (let i = 0; i < c.vcpus; i++) parts.push(`<vcpupin vcpu="${g.odd([String(i)], [String(c.vcpus)], 0.02)}" cpuset="${g.odd([String(i + 2), `${2 + (i % 2)}`], ['', '1-0'], 0.02)}"/>`);
    parts.push(`<emulatorpin cpuset="${g.odd(['0-1', '0'], ['x'], 0.02)}"/>`);
    if (g.maybe(0.2)) parts.push(`<vcpusched vcpus="0" scheduler="fifo" priority="${g.odd(['1', '50'], ['100'], 0.03)}"/>`);
  }
  if (g.maybe(0.1)) parts.push(`<quota>${g.odd(['50000', '-1'], ['999'], 0.03)}</quota><period>100000</period>`);
  const cputune = parts.length ? `<cputune>${parts.join('')}</cputune>` : '';
  const vcpu = `<vcpu${pinned ? '' : g.maybe(0.2) ? ` cpuset="${g.odd(['0-3', '4-7,12-15'], ['^0'], 0.02)}"` : ''}>${c.vcpus}</vcpu>`;
  return { cpu, numatune, cputune, memoryBacking, vcpu };
}

function osPart(c: Ctx, machine: string): string {
  const { g } = c;
  const fw = g.pick(['bios', 'bios', 'bios', 'efi-auto', 'efi-loader']);
  const parts: string[] = [`<type${g.maybe(0.5) ? ' arch="x86_64"' : ''} machine="${machine}">hvm</type>`];
  let attr = '';
  if (fw === 'efi-auto') {
    attr = ` firmware="${g.odd(['efi'], ['uefi'], 0.02)}"`;
    if (g.maybe(0.3)) {
      const on = g.odd(['yes', 'no'], ['on'], 0.02);
      c.secure = on === 'yes';
      parts.push(`<firmware><feature enabled="${on}" name="secure-boot"/></firmware>`);
    }
  } else if (fw === 'efi-loader') {
    const secure = g.maybe(0.3) ? (c.q35 ? g.odd(['yes', 'no'], ['on'], 0.02) : g.odd(['no'], ['yes'], 0.04)) : '';
    c.secure = secure === 'yes';
    parts.push(`<loader readonly="${g.odd(['yes'], ['no'], 0.02)}"${secure ? ` secure="${secure}"` : ''} type="${g.odd(['pflash'], ['rom'], 0.02)}">${g.odd(['/usr/share/OVMF/OVMF_CODE.fd', '/usr/share/OVMF/OVMF_CODE.secboot.fd'], ['OVMF_CODE.fd'], 0.02)}</loader>`);
    if (g.maybe(0.8)) parts.push(`<nvram${g.maybe(0.6) ? ` template="${g.odd(['/usr/share/OVMF/OVMF_VARS.fd'], ['OVMF_VARS.fd'], 0.02)}"` : ''}>${g.odd([`/var/lib/libvirt/qemu/nvram/instance-${c.uuid.slice(0, 8)}_VARS.fd`], [''], 0.02)}</nvram>`);
  }
  c.osBoot = g.maybe(0.8);
  if (c.osBoot) parts.push(g.pick(['<boot dev="hd"/>', '<boot dev="hd"/>', '<boot dev="cdrom"/>', '<boot dev="hd"/><boot dev="cdrom"/>']));
  if (g.maybe(0.8)) parts.push(`<smbios mode="${g.odd(['sysinfo'], ['host', 'bogus'], 0.02)}"/>`);
  if (g.maybe(0.1)) parts.push(`<bootmenu enable="yes"${g.maybe(0.5) ? ` timeout="${g.odd(['3000'], ['70000'], 0.03)}"` : ''}/>`);
  return `<os${attr}>${parts.join('')}</os>`;
}

/** One document of seed s. */
export function hunt44Document(seed: number, name: string, faults = 1): string {
  const r = rng(seed);
  const g = new Chooser(r, rng(seed ^ 0x44)() < 0.35 ? 0 : faults, faults > 1 ? 0.1 : 0.05);
  const q35 = g.maybe(0.6);
  const machine = q35 ? g.pick(['q35', 'pc-q35-7.2', 'pc-q35-6.2', 'q35']) : g.pick(['pc', 'pc-i440fx-7.2', 'pc']);
  const vcpus = g.pick([1, 2, 2, 4, 4, 8]);
  const memKiB = g.pick([524288, 1048576, 2097152, 4194304, 8388608]);
  const cells = g.maybe(0.25) ? g.pick([1, 2].filter((n) => vcpus % n === 0)) : 0;
  const c: Ctx = { g, q35, vcpus, cells, memKiB, slot: new Map(), scsi: g.maybe(0.25), letters: new Map(), uuid: uuidOf(g), osBoot: false, secure: false, q35Addresses: q35 && g.maybe(0.3), q35Bus: 1 };
  const { cpu, numatune, cputune, memoryBacking, vcpu } = cpuNumaTune(c);
  const meta = `<metadata><nova:instance xmlns:nova="http://openstack.org/xmlns/libvirt/nova/1.1"><nova:package version="26.2.0"/><nova:name>vm-${seed % 1000}</nova:name><nova:flavor name="m1.small"><nova:memory>${memKiB / 1024}</nova:memory><nova:disk>20</nova:disk><nova:swap>0</nova:swap><nova:ephemeral>0</nova:ephemeral><nova:vcpus>${vcpus}</nova:vcpus></nova:flavor><nova:owner><nova:user uuid="${uuidOf(g)}">admin</nova:user><nova:project uuid="${uuidOf(g)}">admin</nova:project></nova:owner><nova:root type="image" uuid="${uuidOf(g)}"/></nova:instance></metadata>`;
  const sysinfo = `<sysinfo type="smbios"><system><entry name="manufacturer">OpenStack Foundation</entry><entry name="product">OpenStack Nova</entry><entry name="version">26.2.0</entry><entry name="serial">${c.uuid}</entry><entry name="uuid">${g.odd([c.uuid], [uuidOf(g)], 0.03)}</entry><entry name="family">Virtual Machine</entry></system></sysinfo>`;
  const os = osPart(c, machine);
  const features = `<features>${g.odd(['<acpi/>'], [''], 0.02)}<apic/>${g.maybe(0.3) ? '<vmcoreinfo state="on"/>' : ''}${c.secure ? g.odd(['<smm state="on"/>'], [''], 0.05) : g.maybe(0.1) ? `<smm state="${g.odd(['on'], ['yes'], 0.02)}"/>` : ''}${g.maybe(0.1) ? '<hyperv><relaxed state="on"/><vapic state="on"/><spinlocks state="on" retries="8191"/></hyperv>' : ''}${g.maybe(0.08) ? `<kvm><hidden state="${g.odd(['on'], ['yes'], 0.02)}"/></kvm>` : ''}</features>`;
  const clock = `<clock offset="${g.odd(['utc', 'utc', 'localtime'], ['UTC'], 0.02)}"><timer name="pit" tickpolicy="delay"/><timer name="rtc" tickpolicy="catchup"/><timer name="hpet" present="${g.odd(['no'], ['off'], 0.02)}"/>${g.maybe(0.1) ? '<timer name="hypervclock" present="yes"/>' : ''}</clock>`;
  const bootFromVolume = g.maybe(0.35);
  const head = [
    `<name>${name}</name>`, `<uuid>${c.uuid}</uuid>`, meta,
    `<memory${g.maybe(0.3) ? ' unit="KiB"' : ''}>${memKiB}</memory>`,
    g.maybe(0.2) ? `<currentMemory>${g.odd([String(memKiB)], [String(memKiB * 2)], 0.03)}</currentMemory>` : '',
    memoryBacking, numatune, vcpu, cputune, sysinfo, os, features, cpu, clock,
    g.maybe(0.3) ? `<on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>${g.odd(['destroy'], ['bogus'], 0.02)}</on_crash>` : '',
  ];
  const devs = [
    g.maybe(0.3) ? '<emulator>/usr/bin/qemu-system-x86_64</emulator>' : '',
    disks(c, bootFromVolume), controllers(c), interfaces(c), consoles(c), devicesRest(c),
  ];
  return `<domain type="${g.pick(['kvm', 'kvm', 'qemu'])}">${head.join('')}<devices>${devs.join('')}</devices></domain>\n`;
}

/** `faults`: the doubtful choices a document may make (2: two things wrong, for the order of libvirt's checks). */
export function hunt44Domains(seed: number, count: number, faults = 1): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`hunt44-${seed}-${i}`, hunt44Document(seed * 7919 + i, `bdm-lab-h44-${seed}-${i}`, faults)]);
  return out;
}
