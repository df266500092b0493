/**
 * Seeded qemu domains for round 42 of the libvirt hunt (scripts/libvirt-hunt42-check.ts): whole
 * domains as operators and Nova write them, rather than one part at a time. Machine types as
 * written (pc, q35, and the versioned names pc-i440fx-7.2 / pc-q35-7.2 Nova stores), <memory>,
 * <currentMemory> and <maxMemory> in every unit, <vcpu> with current and cpuset, <cpu> modes with a
 * topology against the vCPUs and NUMA cells against the memory, <memoryBacking>, <os> firmware,
 * loader, nvram, boot menu and smbios against <sysinfo>, <features>, <clock> with its timers, the
 * <on_*> events and <pm>; devices beyond disks: a PCI controller tree (pcie-root-ports with
 * chassis and ports, bridges, indexes left to libvirt), USB, SCSI, SATA, IDE and virtio-serial
 * controllers with their ports, interfaces, graphics and video, serial/console/channel,
 * input, sound, watchdog, rng, memballoon, hostdev and filesystem, with PCI addresses handed out
 * per controller (now and then one twice, on a bus that is missing, or in a reserved slot). Each part has ordinary values and
 * doubtful ones from a small budget per document (the shared Chooser, scripts/libvirt-gen-lib.ts),
 * so most documents stay near the line. Same seed, same documents.
 */
import { rng } from './prng.mjs';
import { Chooser } from './libvirt-gen-lib';

interface Ctx {
  g: Chooser;
  q35: boolean;
  /** PCI buses a device may sit on (bus number -> next free slot; root-port buses take slot 0 only) */
  buses: Map<number, { next: number; max: number }>;
  used: string[];
  usbNone: boolean;
  shared: boolean;
}

const UNITS: Array<[string, number]> = [['KiB', 1], ['k', 1], ['MiB', 1024], ['M', 1024], ['GiB', 1024 * 1024], ['G', 1024 * 1024], ['b', 1 / 1024], ['bytes', 1 / 1024]];

/** `kib` written in one of libvirt's units (whole numbers only) */
function amount(g: Chooser, tag: string, kib: number, extra = ''): string {
  const fits = UNITS.filter(([, f]) => Number.isInteger(kib / f));
  const [unit, f] = g.pick(fits);
  const written = g.maybe(0.2) ? '' : ` unit="${unit}"`;
  const value = written ? kib / f : kib;
  return `<${tag}${written}${extra}>${value}</${tag}>`;
}

function pciAddr(c: Ctx, p: number): string {
  const { g } = c;
  if (!g.maybe(p)) return '';
  if (g.bad(0.08)) {
    const odd = g.pick([
      c.used.length ? c.used[c.used.length - 1]! : 'bus="0x00" slot="0x02"',
      'bus="0x00" slot="0x00"',
      c.q35 ? 'bus="0x00" slot="0x1f"' : 'bus="0x00" slot="0x01"',
      'bus="0x09" slot="0x00"',
      'bus="0x00" slot="0x20"',
      'bus="0x00" slot="0x0c" function="0x8"',
      c.q35 ? 'bus="0x01" slot="0x01"' : 'bus="0x00" slot="0x1e" multifunction="maybe"',
    ]);
    return `<address type="pci" domain="0x0000" ${odd}${/function=/.test(odd) ? '' : ' function="0x0"'}/>`;
  }
  for (const [bus, b] of c.buses) {
    if (b.next > b.max) continue;
    const at = `bus="0x${bus.toString(16).padStart(2, '0')}" slot="0x${(b.next++).toString(16).padStart(2, '0')}"`;
    c.used.push(at);
    return `<address type="pci" domain="0x0000" ${at} function="0x0"/>`;
  }
  return '';
}

function controllers(c: Ctx): string {
  const { g, q35 } = c;
  const out: string[] = [];
  if (q35) {
    if (g.maybe(0.7)) out.push(g.odd(['<controller type="pci" index="0" model="pcie-root"/>'], ['<controller type="pci" index="0" model="pci-root"/>', '<controller type="pci" index="1" model="pcie-root"/>']));
    const ports = g.pick([0, 2, 4, 8, 12]);
    const indexed = g.maybe(0.6);
    for (let i = 1; i <= ports; i++) {
      const idx = indexed ? ` index="${g.odd([String(i)], [String(i - 1), '0', String(i + 40)], 0.05)}"` : '';
      const tgt = g.maybe(0.4) ? `<target chassis="${g.odd([String(i)], ['0', '256'], 0.05)}" port="0x${(0x10 + i - 1).toString(16)}"/>` : '';
      const addr = g.maybe(0.3) ? `<address type="pci" domain="0x0000" bus="0x00" slot="0x0${2 + Math.floor((i - 1) / 8)}" function="0x${((i - 1) % 8).toString(16)}"${(i - 1) % 8 === 0 ? g.odd([' multifunction="on"'], [''], 0.1) : ''}/>` : '';
      out.push(`<controller type="pci"${idx} model="${g.odd(['pcie-root-port'], ['pci-bridge', 'pcie-switch-downstream-port'], 0.04)}">${g.maybe(0.3) ? '<model name="pcie-root-port"/>' : ''}${tgt}${addr}</controller>`);
      if (indexed && !/index="(0|[4-9]\d)"/.test(out[out.length - 1]!)) c.buses.set(i, { next: 0, max: 0 });
    }
    if (g.maybe(0.15)) out.push(g.odd([`<controller type="pci" model="pcie-to-pci-bridge"/>`], ['<controller type="pci" index="1" model="pcie-to-pci-bridge"/>']));
    if (g.maybe(0.1)) out.push(g.odd(['<controller type="pci" index="30" model="dmi-to-pci-bridge"/><controller type="pci" index="31" model="pci-bridge"/>', '<controller type="pci" model="pcie-expander-bus"><target busNr="200"/></controller>'], ['<controller type="pci" index="31" model="pci-bridge"/>', '<controller type="pci" index="30" model="dmi-to-pci-bridge"><address type="pci" domain="0x0000" bus="0x01" slot="0x00" function="0x0"/></controller>', '<controller type="pci" model="pci-expander-bus"/>']));
  } else {
    if (g.maybe(0.5)) out.push(g.odd(['<controller type="pci" index="0" model="pci-root"/>'], ['<controller type="pci" index="0" model="pcie-root"/>', '<controller type="pci" index="0" model="pci-bridge"/>']));
    if (g.maybe(0.2)) {
      out.push(`<controller type="pci" index="1" model="${g.odd(['pci-bridge'], ['pcie-root-port', 'pcie-expander-bus', 'pci-expander-bus'])}">${g.maybe(0.5) ? `<target chassisNr="${g.odd(['1', '2'], ['0', '256'])}"/>` : ''}</controller>`);
      c.buses.set(1, { next: 1, max: 31 });
    }
  }
  const usb = g.pick(['', '', q35 ? 'qemu-xhci' : 'piix3-uhci', 'qemu-xhci', 'nec-xhci', 'ich9-ehci1', 'none', 'piix4-uhci', 'ehci']);
  if (usb) {
    c.usbNone = usb === 'none';
    const ports = /xhci/.test(usb) && g.maybe(0.3) ? ` ports="${g.odd(['4', '15'], ['16', '0', '30'])}"` : '';
    const ehciAt = usb === 'ich9-ehci1' && g.maybe(0.5) ? `<address type="pci" domain="0x0000" bus="0x00" slot="0x1d" function="${g.odd(['0x7'], ['0x0'], 0.2)}"/>` : '';
    out.push(`<controller type="usb" index="${g.odd(['0'], ['1', '-1'], 0.05)}" model="${g.odd([usb], ['bogus', 'xhci'], 0.05)}"${ports}>${usb === 'none' ? '' : ehciAt || pciAddr(c, 0.3)}</controller>`);
    if (usb === 'ich9-ehci1' && g.maybe(0.6)) {
      const slot = g.maybe(0.5) ? `0x${(0x1d).toString(16)}` : '';
      const fn = (f: string) => (slot ? `<address type="pci" domain="0x0000" bus="0x00" slot="${slot}" function="${f}"${f === '0x0' ? g.odd([' multifunction="on"'], [''], 0.2) : ''}/>` : '');
      out.push(`<controller type="usb" index="0" model="ich9-uhci1"><master startport="${g.odd(['0'], ['1', '6'], 0.1)}"/>${fn('0x0')}</controller>`);
      if (g.maybe(0.7)) out.push(`<controller type="usb" index="0" model="ich9-uhci2"><master startport="2"/>${fn('0x1')}</controller><controller type="usb" index="0" model="ich9-uhci3"><master startport="4"/>${fn(g.odd(['0x2'], ['0x1'], 0.2))}</controller>`);
    }
  }
  if (g.maybe(0.35)) {
    const model = g.odd(['virtio-scsi', 'virtio-scsi'], ['lsilogic', 'megasas', 'bogus', 'virtio-transitional', 'ibmvscsi'], 0.1);
    out.push(`<controller type="scsi" index="${g.odd(['0', '1'], ['-1'], 0.05)}" model="${model}">${g.maybe(0.3) ? `<driver queues="${g.odd(['4', '1'], ['0'])}"${g.maybe(0.3) ? ` iothread="${g.odd(['1'], ['0'])}"` : ''}/>` : ''}${pciAddr(c, 0.3)}</controller>`);
  }
  if (g.maybe(0.35)) out.push(`<controller type="virtio-serial" index="0"${g.maybe(0.4) ? ` ports="${g.odd(['16', '31'], ['0', '32', '-1'])}"` : ''}${g.maybe(0.3) ? ` vectors="${g.odd(['4'], ['0', '1025'])}"` : ''}>${pciAddr(c, 0.3)}</controller>`);
  if (g.maybe(0.15)) out.push(q35 ? g.odd(['<controller type="sata" index="0"/>'], ['<controller type="ide" index="0"/>', '<controller type="sata" index="1"/>']) : g.odd(['<controller type="ide" index="0"/>'], ['<controller type="ide" index="2"/>', '<controller type="fdc" index="1"/>', '<controller type="sata" index="0" model="ahci"/>']));
  if (g.maybe(0.08)) out.push(g.odd(['<controller type="ccid" index="0"/>'], ['<controller type="xenbus" index="0"/>', '<controller type="ccid" index="0"/><controller type="ccid" index="0"/>']));
  return out.join('');
}

function disks(c: Ctx): string {
  const { g, q35 } = c;
  const out: string[] = [`<disk type="file" device="disk"><driver name="qemu" type="qcow2" cache="none"/><source file="/var/lib/nova/instances/x/disk"/><target dev="vda" bus="virtio"/>${pciAddr(c, 0.4)}</disk>`];
  if (g.maybe(0.3)) out.push(`<disk type="file" device="cdrom"><driver name="qemu" type="raw"/><source file="/var/lib/nova/instances/x/disk.config"/><target dev="${q35 ? 'sda' : 'hda'}" bus="${g.odd([q35 ? 'sata' : 'ide'], [q35 ? 'ide' : 'sata', 'virtio'])}"/><readonly/></disk>`);
  return out.join('');
}

function interfaces(c: Ctx): string {
  const { g } = c;
  const n = g.pick([0, 1, 1, 1, 2]);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const type = g.pick(['bridge', 'bridge', 'ethernet', 'network', 'user', 'vhostuser']);
    const model = g.odd(['virtio', 'virtio', 'e1000', 'e1000e', 'rtl8139'], ['virtio-net', 'bogus', 'ne2k_pci', 'vmxnet3'], 0.1);
    const mac = g.maybe(0.8) ? `<mac address="${g.odd([`fa:16:3e:00:00:0${i}`, `52:54:00:12:34:5${i}`], ['01:16:3e:00:00:01', 'fa:16:3e:00:00', '00:00:00:00:00:00'], 0.08)}"/>` : '';
    let src = '';
    if (type === 'bridge') src = `<source bridge="${g.odd(['qbr1234', 'br-int'], [''])}"/>${g.maybe(0.3) ? '<virtualport type="openvswitch"/>' : ''}`;
    else if (type === 'network') src = `<source network="${g.odd(['default'], [''])}"/>`;
    else if (type === 'vhostuser') src = `<source type="unix" path="/var/run/openvswitch/vhu${i}" mode="${g.odd(['server', 'client'], ['bogus'])}"/>`;
    const tgt = type === 'ethernet' || type === 'bridge' ? (g.maybe(0.7) ? `<target dev="${g.odd([`tap${i}abc`], ['vnet0', 'macvtap0', `tap${'x'.repeat(20)}`], 0.08)}"/>` : '') : '';
    const drv = g.maybe(0.3) ? `<driver name="${g.odd(['vhost', 'qemu'], ['vfio', 'kvm'], 0.1)}"${g.maybe(0.5) ? ` queues="${g.odd(['2', '4'], ['0', '1024'])}"` : ''}${g.maybe(0.3) ? ` rx_queue_size="${g.odd(['256', '1024'], ['100', '2048'])}"` : ''}/>` : '';
    const mtu = g.maybe(0.2) ? `<mtu size="${g.odd(['1450', '9000'], ['0', '70000'])}"/>` : '';
    const boot = g.maybe(0.1) ? `<boot order="${i + 2}"/>` : '';
    out.push(`<interface type="${type}">${mac}${src}${tgt}<model type="${model}"/>${drv}${mtu}${boot}${pciAddr(c, 0.3)}</interface>`);
  }
  return out.join('');
}

function display(c: Ctx): string {
  const { g } = c;
  const out: string[] = [];
  const kind = g.pick(['vnc', 'vnc', 'spice', 'none', 'both']);
  const listen = g.odd(['0.0.0.0', '127.0.0.1', '::'], ['localhost:5900', '::1 ']);
  if (kind === 'vnc' || kind === 'both') out.push(`<graphics type="vnc" autoport="${g.odd(['yes'], ['no', 'maybe'], 0.08)}" listen="${listen}"${g.maybe(0.2) ? ` keymap="${g.odd(['en-us'], ['us'])}"` : ''}>${g.maybe(0.5) ? `<listen type="address" address="${g.odd([listen], ['10.0.0.1', '0.0.0.0'])}"/>` : ''}${g.maybe(0.1) ? `<listen type="${g.odd(['address', 'network'], ['socket'])}"${g.maybe(0.5) ? ' address="127.0.0.1"' : ''}/>` : ''}</graphics>`);
  if (kind === 'spice' || kind === 'both') out.push(`<graphics type="spice" autoport="yes">${g.maybe(0.5) ? '<listen type="address" address="0.0.0.0"/>' : ''}${g.maybe(0.2) ? `<image compression="${g.odd(['auto_glz', 'off'], ['on'])}"/>` : ''}${g.maybe(0.15) ? `<gl enable="${g.odd(['no'], ['yes'])}"/>` : ''}</graphics>`);
  if (g.bad(0.04)) out.push('<graphics type="vnc" port="5900" autoport="no"/><graphics type="vnc" port="5900" autoport="no"/>');
  if (kind !== 'none' || g.maybe(0.3)) {
    const model = g.odd([kind === 'spice' ? 'qxl' : 'virtio', 'cirrus', 'vga', 'virtio', 'bochs'], ['none', 'xen', 'vmvga', 'ramfb', 'bogus'], 0.08);
    const heads = g.maybe(0.2) ? ` heads="${g.odd(['1', '2'], ['0', '17'])}"` : '';
    const mem = model === 'qxl' && g.maybe(0.4) ? ` ram="65536" vram="${g.odd(['65536', '16384'], ['1000'])}" vgamem="16384"` : model === 'cirrus' && g.maybe(0.3) ? ` vram="${g.odd(['16384'], ['100'])}"` : '';
    out.push(`<video><model type="${model}"${heads}${mem}${g.maybe(0.15) ? ` primary="${g.odd(['yes'], ['no'])}"` : ''}/>${model === 'none' ? '' : pciAddr(c, 0.2)}</video>`);
    if (g.maybe(0.08)) out.push(`<video><model type="${g.odd(['qxl', 'virtio', 'bochs'], ['cirrus', 'vga', 'none'], 0.3)}"${g.maybe(0.3) ? ` primary="${g.odd(['no'], ['yes'])}"` : ''}/>${pciAddr(c, 0.3)}</video>`);
  }
  return out.join('');
}

function chardevs(c: Ctx): string {
  const { g } = c;
  const out: string[] = [];
  const ser = g.pick(['pty', 'pty', 'file', 'tcp', 'unix', '']);
  if (ser === 'pty') out.push(`<serial type="pty">${g.maybe(0.3) ? `<target ${g.odd(['type="isa-serial" '], ['type="pci-serial" ', 'type="usb-serial" ', 'type="bogus" '], 0.05)}port="${g.odd(['0', '1'], ['4', '-1'], 0.05)}">${g.maybe(0.3) ? '<model name="isa-serial"/>' : ''}</target>` : ''}</serial>`);
  else if (ser === 'file') out.push(`<serial type="file"><source path="${g.odd(['/var/lib/nova/instances/x/console.log'], ['console.log', ''])}"${g.maybe(0.3) ? ` append="${g.odd(['on', 'off'], ['yes'])}"` : ''}/></serial>`);
  else if (ser === 'tcp') out.push(`<serial type="tcp"><source mode="${g.odd(['bind'], ['listen'])}" host="${g.odd(['127.0.0.1', '0.0.0.0'], [''])}" service="${g.odd(['10000'], ['65536', 'x'])}"/><protocol type="${g.odd(['raw', 'telnet'], ['ssh'])}"/></serial>`);
  else if (ser === 'unix') out.push(`<serial type="unix"><source mode="bind" path="${g.odd(['/var/lib/nova/x.sock'], ['x.sock'])}"/></serial>`);
  if (g.maybe(0.5)) out.push(`<console type="${g.odd(['pty'], ['file'], 0.05)}"><target type="${g.odd(ser === 'pty' || ser === '' ? ['serial', 'virtio'] : ['virtio'], ['serial', 'sclp', 'bogus'], 0.08)}" port="0"/></console>`);
  if (g.maybe(0.4)) out.push(`<channel type="unix"><source mode="bind"${g.maybe(0.5) ? ' path="/var/lib/libvirt/qemu/org.qemu.guest_agent.0.sock"' : ''}/><target type="virtio" name="${g.odd(['org.qemu.guest_agent.0'], ['', 'org.qemu.guest_agent.0 '], 0.05)}"${g.maybe(0.2) ? ` state="${g.odd(['connected'], ['up'])}"` : ''}/>${g.maybe(0.2) ? `<address type="virtio-serial" controller="0" bus="0" port="${g.odd(['1', '2'], ['0', '40'])}"/>` : ''}</channel>`);
  if (g.maybe(0.12)) out.push(g.odd(['<channel type="spicevmc"><target type="virtio" name="com.redhat.spice.0"/></channel>'], ['<channel type="pty"><target type="guestfwd" address="10.0.2.1" port="4600"/></channel>', '<channel type="pty"><target type="virtio"/></channel>', '<channel type="unix"><source mode="bind"/><target type="xen" name="x"/></channel>']));
  if (g.maybe(0.1)) out.push(`<serial type="pty"><target ${g.maybe(0.5) ? 'type="isa-serial" ' : ''}port="${g.odd(['1', '2', '3'], ['0', '4'], 0.2)}"/></serial>`);
  if (g.maybe(0.05)) out.push(`<console type="pty"><target type="serial" port="${g.odd(['0', '1'], ['3'])}"/></console>`);
  return out.join('');
}

function input(c: Ctx): string {
  const { g } = c;
  const out: string[] = [];
  if (g.maybe(0.6)) out.push(`<input type="tablet" bus="${g.odd(['usb', 'usb', 'virtio'], ['ps2', 'xen', 'bogus'], 0.08)}">${g.maybe(0.15) ? `<address type="usb" bus="0" port="${g.odd(['1', '2'], ['0', '1.2.3.4.5.6'])}"/>` : ''}</input>`);
  if (g.maybe(0.3)) out.push(`<input type="${g.odd(['mouse', 'keyboard'], ['passthrough', 'joystick'], 0.05)}" bus="${g.odd(['ps2', 'usb', 'virtio'], ['isa'], 0.05)}"/>`);
  return out.join('');
}

function misc(c: Ctx): string {
  const { g, q35 } = c;
  const out: string[] = [];
  if (g.maybe(0.12)) {
    const model = g.odd([q35 ? 'ich9' : 'ich6', 'ac97', 'ich6', 'es1370'], ['sb16', 'pcspk', 'usb', 'bogus'], 0.15);
    out.push(`<sound model="${model}">${g.maybe(0.3) && /ich/.test(model) ? `<codec type="${g.odd(['duplex', 'micro', 'output'], ['bogus'])}"/>` : ''}${pciAddr(c, 0.2)}</sound>`);
  }
  if (g.maybe(0.2)) {
    const model = g.odd(['i6300esb', 'i6300esb', q35 ? 'i6300esb' : 'ib700'], [q35 ? 'ib700' : 'itco', 'itco', 'diag288', 'bogus'], 0.15);
    out.push(`<watchdog model="${model}" action="${g.odd(['reset', 'poweroff', 'pause', 'none', 'dump', 'inject-nmi', 'shutdown'], ['reboot', 'bogus'], 0.08)}">${model === 'i6300esb' ? pciAddr(c, 0.2) : ''}</watchdog>`);
    if (g.bad(0.05)) out.push(`<watchdog model="${model}" action="reset"/>`);
  }
  if (g.maybe(0.3)) {
    const backend = g.odd(['<backend model="random">/dev/urandom</backend>', '<backend model="random">/dev/random</backend>', '<backend model="random"/>'], ['<backend model="random">/dev/zero</backend>', '<backend model="egd" type="tcp"><source mode="connect" host="localhost" service="708"/></backend>', '<backend model="builtin"/>', '<backend model="random">dev/urandom</backend>'], 0.1);
    const rate = g.maybe(0.3) ? `<rate bytes="${g.odd(['1024', '2048'], ['0', '-1'])}"${g.maybe(0.6) ? ` period="${g.odd(['1000', '2000'], ['0'])}"` : ''}/>` : '';
    out.push(`<rng model="${g.odd(['virtio'], ['virtio-transitional', 'bogus'], 0.05)}">${rate}${backend}${pciAddr(c, 0.3)}</rng>`);
  }
  if (g.maybe(0.6)) {
    const model = g.odd(['virtio', 'virtio', 'none'], ['xen', 'virtio-non-transitional', 'bogus'], 0.05);
    const stats = model.startsWith('virtio') && g.maybe(0.4) ? `<stats period="${g.odd(['10', '5'], ['-1', 'x', '0'])}"/>` : '';
    out.push(`<memballoon model="${model}"${g.maybe(0.2) ? ` autodeflate="${g.odd(['on', 'off'], ['yes'])}"` : ''}${g.maybe(0.1) ? ` freePageReporting="${g.odd(['on'], ['yes'])}"` : ''}>${stats}${model === 'none' ? (g.bad(0.2) ? '<address type="pci" domain="0x0000" bus="0x00" slot="0x06" function="0x0"/>' : '') : pciAddr(c, 0.3)}</memballoon>`);
  }
  if (g.maybe(0.08)) {
    const src = g.odd(['<source><address domain="0x0000" bus="0x81" slot="0x00" function="0x1"/></source>'], ['<source><address bus="0x81" slot="0x00" function="0x8"/></source>', '<source/>'], 0.2);
    out.push(`<hostdev mode="subsystem" type="pci" managed="${g.odd(['yes', 'no'], ['on'])}">${g.maybe(0.3) ? '<driver name="vfio"/>' : ''}${src}${pciAddr(c, 0.3)}</hostdev>`);
    if (g.bad(0.1)) out.push(`<hostdev mode="subsystem" type="pci" managed="yes">${src}</hostdev>`);
  }
  if (g.maybe(0.08)) {
    const drv = g.odd(['virtiofs', 'path'], ['handle', 'loop', 'bogus'], 0.1);
    const mode = drv === 'virtiofs' ? ' accessmode="passthrough"' : ` accessmode="${g.odd(['mapped', 'passthrough', 'squash'], ['bogus'])}"`;
    out.push(`<filesystem type="mount"${mode}><driver type="${drv}"${drv === 'virtiofs' && g.maybe(0.3) ? ` queue="${g.odd(['1024'], ['0'])}"` : ''}/><source dir="${g.odd(['/srv/share'], ['share'])}"/><target dir="${g.odd(['share', 'mount_tag'], [''])}"/>${g.maybe(0.2) ? '<readonly/>' : ''}</filesystem>`);
  }
  if (g.maybe(0.08)) out.push(`<hostdev mode="subsystem" type="usb" managed="yes"><source${g.maybe(0.3) ? ` startupPolicy="${g.odd(['optional'], ['requisite', 'bogus'])}"` : ''}>${g.odd(['<vendor id="0x046d"/><product id="0xc077"/>', '<address bus="1" device="3"/>'], ['<vendor id="0x046d"/>', '<product id="0xc077"/>', '<vendor id="0x10000"/><product id="0xc077"/>'], 0.2)}</source>${g.maybe(0.3) ? `<address type="usb" bus="0" port="${g.odd(['2', '3'], ['0', '99'])}"/>` : ''}</hostdev>`);
  if (g.maybe(0.05)) out.push(`<hostdev mode="subsystem" type="mdev" model="${g.odd(['vfio-pci'], ['vfio-ccw', 'vfio-ap', 'bogus'])}"${g.maybe(0.3) ? ` display="${g.odd(['off', 'on'], ['yes'])}"` : ''}><source><address uuid="${g.odd(['c0ffee00-0000-4000-8000-0000000000aa'], ['x'])}"/></source></hostdev>`);
  if (g.maybe(0.05)) out.push(`<input type="passthrough" bus="virtio"><source evdev="${g.odd(['/dev/input/event1'], [''])}"/></input>`);
  if (g.maybe(0.06)) out.push(`<panic model="${g.odd(['isa'], ['hyperv', 'pseries', 'bogus'])}"/>`);
  if (g.maybe(0.05)) out.push(`<iommu model="${g.odd(['intel'], ['smmuv3', 'virtio'])}">${g.maybe(0.5) ? `<driver intremap="${g.odd(['on', 'off'], ['yes'])}"/>` : ''}</iommu>`);
  return out.join('');
}

function cpuPart(g: Chooser, vcpus: number, memKiB: number, wantNuma: boolean): string {
  if (!wantNuma && !g.maybe(0.7)) return '';
  const mode = g.odd(['host-model', 'host-passthrough', 'custom', 'host-model'], ['host', 'passthrough'], 0.05);
  const model = mode === 'custom' ? `<model fallback="${g.odd(['allow', 'forbid'], ['yes'])}">${g.odd(['Skylake-Client-IBRS', 'qemu64', 'Haswell-noTSX', 'EPYC'], ['', 'skylake'], 0.08)}</model>` : mode === 'host-model' && g.maybe(0.2) ? '<model fallback="allow"/>' : '';
  let topo = '';
  if (g.maybe(0.6)) {
    const threads = g.pick([1, 1, 2]);
    const cores = g.pick([1, 2, vcpus / threads].filter(Number.isInteger));
    let sockets = vcpus / (threads * cores);
    if (!Number.isInteger(sockets)) sockets = 1;
    const dies = g.maybe(0.2) ? ` dies="${g.odd(['1'], ['0', '2'])}"` : '';
    if (g.bad(0.12)) sockets = g.pick([sockets + 1, sockets * 2, 0]);
    topo = `<topology sockets="${sockets}"${dies} cores="${cores}" threads="${threads}"/>`;
  }
  const feats = g.maybe(0.3) ? `<feature policy="${g.odd(['require', 'disable', 'optional', 'force'], ['enable', 'bogus'], 0.08)}" name="${g.odd(['vmx', 'pcid', 'ssbd', 'svm'], ['', 'VMX', 'bogus-flag'], 0.05)}"/>` : '';
  let numa = '';
  if (wantNuma || (g.maybe(0.3) && vcpus >= 2)) {
    const cells = g.pick([1, 2].filter((n) => vcpus % n === 0));
    const per = vcpus / cells;
    const mem = Math.floor(memKiB / cells);
    const parts: string[] = [];
    for (let i = 0; i < cells; i++) {
      let cpus = per === 1 ? `${i}` : `${i * per}-${(i + 1) * per - 1}`;
      let id = String(i);
      let m = String(i === cells - 1 ? memKiB - mem * (cells - 1) : mem);
      if (g.bad(0.1)) {
        const which = g.pick(['cpus', 'id', 'mem']);
        if (which === 'cpus') cpus = g.pick([`0-${vcpus}`, '0', `${vcpus}`]);
        else if (which === 'id') id = g.pick([String(i + 1), '0', '-1']);
        else m = g.pick(['0', String(memKiB), String(Number(m) + 1024)]);
      }
      parts.push(`<cell id="${id}" cpus="${cpus}" memory="${m}" unit="KiB"${g.maybe(0.15) ? ` memAccess="${g.odd(['shared', 'private'], ['bogus'])}"` : ''}/>`);
    }
    numa = `<numa>${parts.join('')}</numa>`;
  }
  const match = mode === 'custom' && g.maybe(0.4) ? ` match="${g.odd(['exact', 'minimum', 'strict'], ['bogus'])}"` : '';
  const check = g.maybe(0.15) ? ` check="${g.odd(['none', 'partial', 'full'], ['bogus'])}"` : '';
  const migratable = mode === 'host-passthrough' && g.maybe(0.2) ? ` migratable="${g.odd(['on', 'off'], ['yes'])}"` : '';
  return `<cpu mode="${mode}"${match}${check}${migratable}>${model}${topo}${feats}${numa}</cpu>`;
}

function osPart(g: Chooser, machine: string, q35: boolean): { os: string; efi: boolean; smm: boolean; sysinfo: boolean; bootDev: boolean } {
  const parts = [`<type arch="${g.odd(['x86_64'], ['i686', 'aarch64'], 0.03)}" machine="${machine}">hvm</type>`];
  let fw = '';
  let efi = false;
  let smm = false;
  const f = g.pick(['bios', 'bios', 'bios', 'efi-auto', 'efi-loader']);
  if (f === 'efi-auto') {
    efi = true;
    fw = ' firmware="efi"';
    if (g.maybe(0.4)) {
      const sb = g.odd(['yes', 'no'], ['no'], 0.1);
      smm = sb === 'yes';
      parts.push(`<firmware><feature enabled="${sb}" name="secure-boot"/>${g.maybe(0.5) ? `<feature enabled="${sb}" name="enrolled-keys"/>` : ''}</firmware>`);
    }
  } else if (f === 'efi-loader') {
    efi = true;
    const secure = q35 && g.maybe(0.4);
    smm = secure;
    parts.push(`<loader readonly="${g.odd(['yes'], ['no'], 0.05)}" ${g.odd([secure ? 'secure="yes" ' : ''], ['secure="yes" '], 0.05)}type="pflash">/usr/share/OVMF/OVMF_CODE${secure ? '.secboot' : ''}.fd</loader>`);
    if (g.maybe(0.6)) parts.push(`<nvram${g.maybe(0.5) ? ' template="/usr/share/OVMF/OVMF_VARS.fd"' : ''}>/var/lib/libvirt/qemu/nvram/instance_VARS.fd</nvram>`);
  }
  const bootDev = g.maybe(0.5);
  if (bootDev) parts.push(g.pick(['<boot dev="hd"/>', '<boot dev="hd"/><boot dev="cdrom"/>', '<boot dev="network"/><boot dev="hd"/>']));
  if (g.maybe(0.15)) parts.push(`<bootmenu enable="${g.odd(['yes', 'no'], ['true'])}"${g.maybe(0.5) ? ` timeout="${g.odd(['3000', '0'], ['70000', '-5'])}"` : ''}/>`);
  const sysinfo = g.maybe(0.4);
  if (sysinfo || g.maybe(0.05)) parts.push(`<smbios mode="${sysinfo ? g.odd(['sysinfo'], ['host', 'emulate'], 0.05) : g.odd(['host', 'emulate'], ['sysinfo'])}"/>`);
  if (g.maybe(0.05)) parts.push(`<bios useserial="yes" rebootTimeout="${g.odd(['0', '10000'], ['70000'])}"/>`);
  return { os: `<os${fw}>${parts.join('')}</os>`, efi, smm, sysinfo, bootDev };
}

function features(g: Chooser, efi: boolean, smm: boolean, q35: boolean): string {
  const f: string[] = [];
  if (g.odd([true, true, true], [false], 0.05) || efi) f.push('<acpi/>');
  if (g.maybe(0.8)) f.push(g.odd(['<apic/>'], ['<apic eoi="maybe"/>'], 0.03));
  if (g.maybe(0.3)) f.push('<vmcoreinfo state="on"/>');
  if (g.maybe(0.1)) f.push('<pae/>');
  if (smm || g.maybe(0.1)) f.push(g.odd([smm || q35 ? '<smm state="on"/>' : '<smm state="off"/>'], ['<smm state="off"/>', '<smm/>'], smm ? 0.15 : 0.05));
  if (g.maybe(0.2)) f.push(`<hyperv${g.maybe(0.2) ? ` mode="${g.odd(['custom', 'passthrough'], ['bogus'])}"` : ''}><relaxed state="on"/><vapic state="on"/><spinlocks state="on" retries="${g.odd(['8191', '4096'], ['4095', '1000'])}"/>${g.maybe(0.3) ? `<vendor_id state="on" value="${g.odd(['1234567890ab'], ['1234567890abcdef'])}"/>` : ''}${g.maybe(0.2) ? '<synic state="on"/><stimer state="on"/>' : ''}</hyperv>`);
  if (g.maybe(0.15)) f.push(`<kvm><hidden state="${g.odd(['on'], ['yes'])}"/></kvm>`);
  if (g.maybe(0.08)) f.push(`<ioapic driver="${g.odd(['qemu', 'kvm'], ['bogus'])}"/>`);
  if (g.maybe(0.05)) f.push(`<pmu state="${g.odd(['off'], ['no'])}"/>`);
  if (g.maybe(0.05)) f.push(g.odd(['<vmport state="off"/>'], ['<gic version="3"/>', '<htm state="on"/>']));
  return f.length ? `<features>${f.join('')}</features>` : '';
}

function clock(g: Chooser): string {
  if (!g.maybe(0.8)) return '';
  const offset = g.pick(['utc', 'utc', 'localtime', 'variable', 'timezone']);
  const attrs = offset === 'variable' ? (g.maybe(0.2) ? ` adjustment="${g.odd(['reset'], ['reset" basis="utc'])}"` : ` adjustment="${g.odd(['0', '3600', '-3600'], ['x', '+'])}" basis="${g.odd(['utc', 'localtime'], ['bogus'])}"`) : offset === 'timezone' ? ` timezone="${g.odd(['Europe/Paris'], ['', 'Paris'])}"` : '';
  const timers: string[] = [];
  if (g.maybe(0.7)) timers.push(`<timer name="pit" tickpolicy="${g.odd(['delay', 'catchup', 'merge', 'discard'], ['bogus'], 0.05)}"/>`);
  if (g.maybe(0.7)) timers.push(`<timer name="rtc" tickpolicy="${g.odd(['catchup', 'delay'], ['merge', 'discard'], 0.08)}"${g.maybe(0.2) ? ` track="${g.odd(['guest', 'wall'], ['boot'])}"` : ''}/>`);
  if (g.maybe(0.6)) timers.push(`<timer name="hpet" present="${g.odd(['no', 'yes'], ['off'], 0.05)}"/>`);
  if (g.maybe(0.15)) timers.push(`<timer name="kvmclock" present="${g.odd(['yes', 'no'], ['yes'], 0.05)}"${g.bad(0.05) ? ' tickpolicy="catchup"' : ''}/>`);
  if (g.maybe(0.1)) timers.push(`<timer name="hypervclock" present="yes"/>`);
  if (g.maybe(0.08)) timers.push(`<timer name="tsc"${g.maybe(0.5) ? ` frequency="${g.odd(['3000000000'], ['0', 'x'])}"` : ''}${g.maybe(0.5) ? ` mode="${g.odd(['auto', 'native', 'emulate', 'paravirt', 'smpsafe'], ['bogus'])}"` : ''}/>`);
  if (g.bad(0.04)) timers.push(g.pick(['<timer name="pit" tickpolicy="delay"/>', '<timer name="armvtimer" tickpolicy="delay"/>', '<timer name="platform" present="yes"/>']));
  return `<clock offset="${offset}"${attrs}>${timers.join('')}</clock>`;
}

/** One document of seed s. */
export function hunt42Document(seed: number, name: string): string {
  const g = new Chooser(rng(seed), Math.floor(rng(seed ^ 0x42)() * 3), 0.05);
  const q35 = g.maybe(0.5);
  const machine = q35 ? g.pick(['q35', 'pc-q35-7.2', 'pc-q35-6.2', 'q35']) : g.pick(['pc', 'pc-i440fx-7.2', 'pc-i440fx-2.11', 'pc']);
  const memKiB = g.pick([524288, 1048576, 2097152, 4194304]);
  const vcpus = g.pick([1, 2, 2, 4, 4, 8]);
  const head: string[] = [`<name>${name}</name>`, '<uuid>c0ffee00-0000-4000-8000-000000000042</uuid>'];
  const hotplug = g.maybe(0.1);
  if (hotplug) head.push(amount(g, 'maxMemory', memKiB * 4, ` slots="${g.odd(['16', '4'], ['0', '256'])}"`));
  head.push(amount(g, 'memory', memKiB));
  if (g.maybe(0.6)) head.push(amount(g, 'currentMemory', g.odd([memKiB, memKiB / 2], [memKiB * 2], 0.1)));
  let shared = false;
  if (g.maybe(0.25)) {
    const mb: string[] = [];
    if (g.maybe(0.4)) mb.push(g.odd(['<hugepages/>', '<hugepages><page size="2048" unit="KiB"/></hugepages>'], ['<hugepages><page size="3" unit="MiB"/></hugepages>', '<hugepages><page size="2048" unit="KiB" nodeset="1"/></hugepages>'], 0.15));
    if (g.maybe(0.3)) mb.push('<nosharepages/>');
    if (g.maybe(0.2)) mb.push('<locked/>');
    if (g.maybe(0.5)) mb.push(`<source type="${g.odd(['memfd', 'file', 'anonymous'], ['bogus'])}"/>`);
    if (g.maybe(0.5)) {
      const acc = g.odd(['shared', 'private'], ['bogus']);
      shared = acc === 'shared';
      mb.push(`<access mode="${acc}"/>`);
    }
    if (g.maybe(0.2)) mb.push(`<allocation mode="${g.odd(['immediate', 'ondemand'], ['lazy'])}"${g.maybe(0.3) ? ' threads="4"' : ''}/>`);
    if (g.maybe(0.1)) mb.push('<discard/>');
    head.push(`<memoryBacking>${mb.join('')}</memoryBacking>`);
  }
  head.push(`<vcpu placement="${g.odd(['static', 'static', 'auto'], ['dynamic'], 0.05)}"${g.maybe(0.3) ? ` cpuset="${g.odd(['0-3', '0,2', '1'], ['4-0', '0-3,^0-3'], 0.1)}"` : ''}${g.maybe(0.15) ? ` current="${g.odd([String(Math.max(1, vcpus / 2)), String(vcpus)], [String(vcpus + 1), '0'])}"` : ''}>${vcpus}</vcpu>`);
  const os = osPart(g, machine, q35);
  if (os.sysinfo || g.bad(0.05)) head.push(`<sysinfo type="smbios"><system><entry name="manufacturer">OpenStack Foundation</entry><entry name="product">OpenStack Nova</entry><entry name="version">29.0.0</entry><entry name="serial">c0ffee00-0000-4000-8000-000000000042</entry><entry name="uuid">${g.odd(['c0ffee00-0000-4000-8000-000000000042'], ['c0ffee00-0000-4000-8000-000000000043'], 0.1)}</entry><entry name="family">Virtual Machine</entry></system></sysinfo>`);
  head.push(os.os);
  head.push(features(g, os.efi, os.smm, q35));
  head.push(cpuPart(g, vcpus, memKiB, hotplug && !g.bad(0.3)));
  head.push(clock(g));
  const events = ['destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart'];
  if (g.maybe(0.5)) head.push(`<on_poweroff>${g.odd(['destroy'], events, 0.15)}</on_poweroff><on_reboot>${g.odd(['restart'], events, 0.15)}</on_reboot><on_crash>${g.odd(['destroy', 'restart', 'coredump-destroy'], [...events, 'bogus'], 0.15)}</on_crash>`);
  if (g.maybe(0.08)) head.push(`<on_lockfailure>${g.odd(['poweroff', 'ignore', 'pause'], ['restart', 'bogus'])}</on_lockfailure>`);
  if (g.maybe(0.1)) head.push(`<pm><suspend-to-mem enabled="${g.odd(['no'], ['off'])}"/><suspend-to-disk enabled="no"/></pm>`);
  const c: Ctx = { g, q35, buses: new Map(q35 ? [] : [[0, { next: 3, max: 31 }]]), used: [], usbNone: false, shared };
  const ctl = controllers(c);
  if (q35 && !c.buses.size && g.bad(0.3)) c.buses.set(0, { next: 3, max: 0x1e });
  const devs = [
    g.maybe(0.4) ? '<emulator>/usr/bin/qemu-system-x86_64</emulator>' : '',
    disks(c), ctl, interfaces(c), chardevs(c), input(c), display(c), misc(c),
  ];
  return `<domain type="${g.odd(['qemu'], ['xen'], 0.02)}">${head.join('')}<devices>${devs.join('')}</devices></domain>\n`;
}

export function hunt42Domains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`hunt42-${seed}-${i}`, hunt42Document(seed * 7919 + i, `bdm-lab-h42-${seed}-${i}`)]);
  return out;
}
