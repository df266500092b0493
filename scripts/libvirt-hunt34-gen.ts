/**
 * Seeded qemu domains for round 34 of the libvirt hunt (scripts/libvirt-hunt34-check.ts): the
 * parts of a domain the earlier generators write only thinly or not at all. Devices: <sound> with
 * codecs and an <audio> backend, <audio> of each type, <watchdog>, <rng> backends and rates,
 * <redirdev> and <redirfilter>, <smartcard> modes, <hub>, <memballoon> options, <iommu> with its
 * driver, <vsock>, <crypto>, <input> passthrough and evdev, <video> models with sizes and
 * acceleration, <filesystem> drivers, <interface> kinds (mcast, udp, server, client, vhostuser,
 * vdpa, null, ethernet, direct, user) with their options. Domain: <features> (hyperv's children,
 * kvm, smm with tseg, tcg, pmu, vmport, msrs, ...), <clock> timers with catchup, frequency and
 * mode, <pm>, <os> loader, nvram and firmware features, <cpu> models, features, cache and
 * maxphysaddr, <seclabel>, <sysinfo type="smbios">. Each part has ordinary values and doubtful
 * ones (a wrong enum, a missing attribute, a number out of range, an element twice, an odd
 * address) from a small budget per document, so most documents stay near the line. Same seed,
 * same documents.
 */
import { rng } from './prng.mjs';
import { Chooser } from './libvirt-gen-lib';



/** PCI slots handed out in order on the root bus, sometimes one twice or one out of range. */
class Slots {
  private next = 0x0a;
  constructor(private readonly g: Chooser) {}
  address(p: number): string {
    if (!this.g.maybe(p)) return '';
    const slot = this.g.odd([`0x${(this.next++).toString(16)}`], ['0x1f', '0x20', '0x01', `0x${Math.max(0x0a, this.next - 1).toString(16)}`], 0.15);
    const fn = this.g.odd(['0x0'], ['0x8', '0x1'], 0.05);
    return `<address type="pci" domain="0x0000" bus="${this.g.odd(['0x00'], ['0x01', '0x100'], 0.05)}" slot="${slot}" function="${fn}"/>`;
  }
}

function sound(g: Chooser, s: Slots, audioIds: string[]): string {
  if (!g.maybe(0.2)) return '';
  const model = g.odd(['ich6', 'ich9', 'ac97', 'es1370', 'ich7', 'usb', 'sb16', 'pcspk'], ['bogus', 'ICH6', 'hda', '']);
  const codecs = (model === 'ich6' || model === 'ich9' || model === 'ich7' || g.bad(0.1)) && g.maybe(0.5)
    ? Array.from({ length: g.pick([1, 1, 2]) }, () => `<codec type="${g.odd(['duplex', 'micro', 'output'], ['input', 'bogus'])}"/>`).join('')
    : '';
  const audio = g.maybe(0.3) ? `<audio id="${g.odd(audioIds.length ? audioIds : ['1'], ['0', '9', 'x'])}"/>` : '';
  const addr = model === 'usb' || model === 'sb16' || model === 'pcspk' ? '' : s.address(0.15);
  return `<sound model="${model}">${codecs}${audio}${addr}</sound>`;
}

const AUDIO_TYPES = ['none', 'spice', 'file', 'pulseaudio', 'sdl', 'alsa', 'oss', 'jack', 'dbus', 'coreaudio'];

function audios(g: Chooser): { xml: string; ids: string[] } {
  if (!g.maybe(0.2)) return { xml: '', ids: [] };
  const n = g.pick([1, 1, 2]);
  const out: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = g.odd([String(i + 1)], ['0', 'x', String(Math.max(1, i))]);
    ids.push(id);
    const type = g.odd(AUDIO_TYPES, ['bogus', 'wav', 'pipewire']);
    const extra = type === 'file' && g.maybe(0.6) ? ` path="${g.odd(['/tmp/audio.wav'], ['rel.wav', ''])}"` : type === 'pulseaudio' && g.maybe(0.3) ? ` serverName="${g.odd(['/run/user/1000/pulse/native'], [''])}"` : '';
    const timer = g.maybe(0.15) ? ` timerPeriod="${g.odd(['100', '20000'], ['-1', 'x'])}"` : '';
    const io = g.maybe(0.25) ? `<input mixingEngine="${g.odd(['yes', 'no'], ['maybe'])}"${g.maybe(0.4) ? ` fixedSettings="${g.odd(['yes', 'no'], ['on'])}"` : ''}${g.maybe(0.3) ? ` voices="${g.odd(['1', '4'], ['0', 'x'])}"` : ''}${g.maybe(0.2) ? ` bufferLength="${g.odd(['100'], ['-5'])}"` : ''}>${g.maybe(0.3) ? `<settings frequency="${g.odd(['44100', '48000'], ['0', 'x'])}" channels="${g.odd(['2'], ['0'])}" format="${g.odd(['s16', 'f32', 'u8'], ['s24', 'bogus'])}"/>` : ''}</input>` : '';
    out.push(`<audio id="${id}" type="${type}"${extra}${timer}>${io}</audio>`);
  }
  return { xml: out.join(''), ids };
}

function watchdog(g: Chooser, s: Slots): string {
  if (!g.maybe(0.15)) return '';
  const model = g.odd(['i6300esb', 'ib700'], ['bogus', 'diag288', 'itco', 'I6300ESB']);
  const action = g.odd(['reset', 'shutdown', 'poweroff', 'pause', 'none', 'dump', 'inject-nmi'], ['explode', 'restart', ''], 0.1);
  const addr = model === 'i6300esb' ? s.address(0.2) : g.bad(0.05) ? '<address type="pci" domain="0x0000" bus="0x00" slot="0x0e" function="0x0"/>' : '';
  const twice = g.bad(0.05) ? `<watchdog model="${model}" action="reset"/>` : '';
  return `<watchdog model="${model}" action="${action}">${addr}</watchdog>${twice}`;
}

function rngDevice(g: Chooser, s: Slots): string {
  if (!g.maybe(0.25)) return '';
  const model = g.odd(['virtio', 'virtio-transitional', 'virtio-non-transitional'], ['bogus', 'virtio-rng']);
  const backend = g.odd([
    '<backend model="random">/dev/urandom</backend>',
    '<backend model="builtin"/>',
    '<backend model="egd" type="tcp"><source mode="connect" host="127.0.0.1" service="1234"/><protocol type="raw"/></backend>',
    '<backend model="egd" type="udp"><source mode="bind" service="1234"/><source mode="connect" host="127.0.0.1" service="1235"/></backend>',
    '<backend model="egd" type="unix"><source mode="connect" path="/tmp/egd.sock"/></backend>',
  ], [
    '<backend model="egd"/>',
    '<backend model="egd" type="bogus"/>',
    '<backend model="egd" type="tcp"><source mode="connect" host="127.0.0.1"/></backend>',
    '<backend model="random"> /dev/urandom</backend>',
    '<backend model="builtin">/dev/urandom</backend>',
    '<backend model="egd" type="unix"><source mode="connect" path="/tmp/egd.sock"/><protocol type="telnet"/></backend>',
  ]);
  const rate = g.maybe(0.3) ? `<rate bytes="${g.odd(['1024', '4294967295'], ['0', '4294967296', '-1'])}"${g.maybe(0.5) ? ` period="${g.odd(['1000', '1'], ['0', 'x'])}"` : ''}/>` : '';
  const driver = g.maybe(0.1) ? `<driver iommu="${g.odd(['on', 'off'], ['yes'])}"${g.maybe(0.3) ? ` ats="${g.odd(['on'], ['maybe'])}"` : ''}/>` : '';
  return `<rng model="${model}">${rate}${backend}${driver}${s.address(0.15)}</rng>`;
}

function redirection(g: Chooser, bootOrdered: boolean): string {
  if (!g.maybe(0.2)) return '';
  const out: string[] = [];
  const n = g.pick([1, 1, 2]);
  for (let i = 0; i < n; i++) {
    const type = g.odd(['spicevmc', 'tcp'], ['pty', 'bogus', 'unix']);
    const src = type === 'tcp' ? g.odd(['<source mode="connect" host="127.0.0.1" service="4000"/>'], ['<source mode="connect" host="127.0.0.1"/>', '']) : type === 'unix' ? '<source mode="connect" path="/tmp/r.sock"/>' : '';
    const boot = bootOrdered && g.maybe(0.15) ? `<boot order="${g.odd(['5'], ['0', 'x'])}"/>` : '';
    const addr = g.maybe(0.15) ? `<address type="${g.odd(['usb'], ['pci', 'bogus'])}" bus="0" port="${g.odd([String(i + 3)], ['0', 'x', '3'])}"/>` : '';
    out.push(`<redirdev bus="${g.odd(['usb'], ['pci', 'USB', ''], 0.1)}" type="${type}">${src}${boot}${addr}</redirdev>`);
  }
  if (g.maybe(0.3)) {
    const rules = Array.from({ length: g.pick([1, 2]) }, () => `<usbdev${g.maybe(0.6) ? ` class="${g.odd(['0x08', '-1'], ['0x100', 'x'])}"` : ''}${g.maybe(0.5) ? ` vendor="${g.odd(['0x1234', '-1'], ['0x12345', 'z'])}"` : ''}${g.maybe(0.4) ? ` product="${g.odd(['0xbeef'], ['beef'])}"` : ''}${g.maybe(0.4) ? ` version="${g.odd(['2.0', '1.10', '-1'], ['2', 'x.y'])}"` : ''} allow="${g.odd(['yes', 'no'], ['maybe', ''])}"/>`).join('');
    out.push(`<redirfilter>${rules}</redirfilter>`);
  }
  return out.join('');
}

function smartcard(g: Chooser): string {
  if (!g.maybe(0.12)) return '';
  const mode = g.odd(['host', 'host-certificates', 'passthrough'], ['bogus', 'guest']);
  let inner = '';
  if (mode === 'host-certificates') {
    const n = g.odd([3], [2, 4]);
    inner = Array.from({ length: n }, (_, i) => `<certificate>${g.odd([`cert${i + 1}`], [''])}</certificate>`).join('') + (g.maybe(0.4) ? `<database>${g.odd(['/etc/pki/nssdb'], ['rel/db'])}</database>` : '');
    return `<smartcard mode="${mode}">${inner}</smartcard>`;
  }
  if (mode === 'passthrough') {
    const t = g.odd(['spicevmc', 'tcp'], ['bogus', '']);
    inner = t === 'tcp' ? g.odd(['<source mode="connect" host="127.0.0.1" service="2001"/><protocol type="raw"/>'], ['<source mode="connect"/>']) : '';
    return `<smartcard mode="${mode}"${t ? ` type="${t}"` : ''}>${inner}</smartcard>`;
  }
  const addr = g.maybe(0.2) ? `<address type="${g.odd(['ccid'], ['usb', 'pci'])}" controller="${g.odd(['0'], ['x', '-1'])}" slot="${g.odd(['0'], ['x'])}"/>` : '';
  return `<smartcard mode="${mode}">${g.bad(0.1) ? '<certificate>c1</certificate>' : ''}${addr}</smartcard>`;
}

function hub(g: Chooser): string {
  if (!g.maybe(0.15)) return '';
  const n = g.pick([1, 1, 2]);
  return Array.from({ length: n }, (_, i) => `<hub type="${g.odd(['usb'], ['pci', 'bogus', ''])}">${g.maybe(0.3) ? `<address type="usb" bus="${g.odd(['0'], ['x', '-1'])}" port="${g.odd([String(i + 1), `${i + 1}.1`], ['0', 'a', '1.2.3.4.5.6'])}"/>` : ''}</hub>`).join('');
}

function memballoon(g: Chooser, s: Slots): string {
  if (!g.maybe(0.35)) return '';
  const model = g.odd(['virtio', 'virtio-transitional', 'virtio-non-transitional', 'none'], ['xen', 'bogus', 'VIRTIO']);
  const attrs = `${g.maybe(0.2) ? ` autodeflate="${g.odd(['on', 'off'], ['yes', ''])}"` : ''}${g.maybe(0.2) ? ` freePageReporting="${g.odd(['on', 'off'], ['1'])}"` : ''}`;
  if (model === 'none') return `<memballoon model="none"${g.bad(0.2) ? attrs || ' autodeflate="on"' : ''}>${g.bad(0.1) ? '<stats period="10"/>' : ''}</memballoon>`;
  const stats = g.maybe(0.25) ? `<stats period="${g.odd(['10', '1', '2147483647'], ['0', '-1', 'x', '4294967296'])}"/>` : '';
  const driver = g.maybe(0.1) ? `<driver iommu="${g.odd(['on', 'off'], ['maybe'])}"${g.maybe(0.3) ? ` packed="${g.odd(['on'], ['x'])}"` : ''}/>` : '';
  return `<memballoon model="${model}"${attrs}>${stats}${driver}${s.address(0.2)}</memballoon>`;
}

function iommu(g: Chooser, q35: boolean): { dev: string; needsIoapic: boolean } {
  if (!g.maybe(0.15)) return { dev: '', needsIoapic: false };
  const model = g.odd(q35 ? ['intel', 'virtio', 'intel'] : ['virtio', 'intel'], ['smmuv3', 'bogus', 'amd']);
  const opts: string[] = [];
  let needsIoapic = false;
  if (g.maybe(0.6)) {
    if (g.maybe(0.5)) {
      opts.push(` intremap="${g.odd(['on', 'off'], ['yes'])}"`);
      if (opts[0] === ' intremap="on"') needsIoapic = true;
    }
    if (g.maybe(0.3)) opts.push(` caching_mode="${g.odd(['on', 'off'], ['true'])}"`);
    if (g.maybe(0.3)) opts.push(` eim="${g.odd(['on', 'off'], ['x'])}"`);
    if (g.maybe(0.3)) opts.push(` iotlb="${g.odd(['on', 'off'], ['1'])}"`);
    if (g.maybe(0.2)) opts.push(` aw_bits="${g.odd(['39', '48'], ['0', '40', 'x'])}"`);
  }
  const driver = opts.length ? `<driver${opts.join('')}/>` : '';
  const twice = g.bad(0.05) ? `<iommu model="${model}"/>` : '';
  return { dev: `<iommu model="${model}">${driver}</iommu>${twice}`, needsIoapic };
}

function vsock(g: Chooser, s: Slots): string {
  if (!g.maybe(0.15)) return '';
  const cid = g.odd(['<cid auto="yes"/>', '<cid auto="no" address="3"/>', '<cid auto="no" address="4294967295"/>', ''], ['<cid auto="no" address="0"/>', '<cid auto="no" address="2"/>', '<cid auto="maybe"/>', '<cid auto="no" address="x"/>', '<cid auto="no" address="4294967296"/>', '<cid auto="no"/>']);
  const model = g.maybe(0.5) ? ` model="${g.odd(['virtio', 'virtio-transitional', 'virtio-non-transitional'], ['bogus'])}"` : '';
  const twice = g.bad(0.05) ? '<vsock model="virtio"><cid auto="yes"/></vsock>' : '';
  return `<vsock${model}>${cid}${s.address(0.15)}</vsock>${twice}`;
}

function crypto(g: Chooser, s: Slots): string {
  // libvirt 9.0's schema has no <crypto> yet (9.1): a document with one is refused whatever it holds
  if (!g.bad(0.04)) return '';
  const model = g.odd(['virtio'], ['bogus', '']);
  const type = g.odd(['qemu'], ['bogus', 'host']);
  const backend = g.odd(['builtin', 'lkcf'], ['bogus', '']);
  const queues = g.maybe(0.4) ? ` queues="${g.odd(['1', '4'], ['0', 'x', '-1'])}"` : '';
  const back = g.bad(0.08) ? '' : `<backend model="${backend}"${queues}/>`;
  return `<crypto model="${model}" type="${type}">${back}${s.address(0.1)}</crypto>`;
}

function inputs(g: Chooser): string {
  if (!g.maybe(0.25)) return '';
  const out: string[] = [];
  if (g.maybe(0.5)) {
    const src = g.odd(['<source evdev="/dev/input/event1"/>'], ['', '<source dev="/dev/input/event1"/>', '<source evdev="input1"/>']);
    out.push(`<input type="passthrough" bus="${g.odd(['virtio'], ['usb', 'ps2', 'bogus'])}">${src}</input>`);
  }
  if (g.maybe(0.5)) {
    const grab = g.maybe(0.5) ? ` grab="${g.odd(['all'], ['some', 'yes'])}"` : '';
    const repeat = g.maybe(0.4) ? ` repeat="${g.odd(['on', 'off'], ['yes'])}"` : '';
    const toggle = g.maybe(0.3) ? ` grabToggle="${g.odd(['ctrl-ctrl', 'alt-alt', 'shift-shift', 'meta-meta', 'scrolllock', 'ctrl-scrolllock'], ['ctrl-alt', 'bogus'])}"` : '';
    out.push(`<input type="evdev"${g.bad(0.08) ? ' bus="virtio"' : ''}><source dev="${g.odd(['/dev/input/event2'], ['', 'event2'])}"${grab}${repeat}${toggle}/></input>`);
  }
  if (g.maybe(0.4)) out.push(`<input type="${g.odd(['tablet', 'mouse', 'keyboard'], ['trackpad'])}" bus="${g.odd(['usb', 'virtio'], ['ps2', 'xen', 'bogus'])}"${g.maybe(0.2) ? ` model="${g.odd(['virtio', 'virtio-transitional'], ['bogus'])}"` : ''}/>`);
  return out.join('');
}

const VIDEO = ['vga', 'cirrus', 'vmvga', 'qxl', 'virtio', 'bochs', 'ramfb'];

function videos(g: Chooser, s: Slots, q35: boolean): { dev: string; spice: boolean } {
  if (!g.maybe(0.35)) return { dev: '', spice: false };
  const model = g.odd(q35 ? VIDEO : VIDEO.filter((m) => m !== 'bochs'), ['bogus', 'xen', 'gop', 'vbox', 'none', 'VGA']);
  const sizes: string[] = [];
  if (g.maybe(0.3)) sizes.push(` vram="${g.odd(['16384', '65536', '8192'], ['0', '-1', 'x', '1024'])}"`);
  if (model === 'qxl' && g.maybe(0.4)) sizes.push(` ram="${g.odd(['65536'], ['0', 'x'])}"`, ` vgamem="${g.odd(['16384'], ['1024', '0'])}"`);
  if (model === 'qxl' && g.maybe(0.15)) sizes.push(` vram64="${g.odd(['0', '65536'], ['x'])}"`);
  if (g.maybe(0.25)) sizes.push(` heads="${g.odd(['1', '2'], ['0', '-1', '17'])}"`);
  if (g.maybe(0.15)) sizes.push(` primary="${g.odd(['yes'], ['no', 'maybe'])}"`);
  if (g.bad(0.04)) sizes.push(` blob="${g.pick(['on', 'off'])}"`);
  const accel = g.maybe(0.15) ? `<acceleration accel3d="${g.odd(['no', 'yes'], ['maybe'])}"${g.maybe(0.4) ? ` accel2d="${g.odd(['no', 'yes'], ['x'])}"` : ''}${g.maybe(0.2) ? ` rendernode="${g.odd(['/dev/dri/renderD128'], ['renderD128'])}"` : ''}/>` : '';
  const res = g.maybe(0.1) ? `<resolution x="${g.odd(['1024', '1920'], ['0', 'x'])}" y="${g.odd(['768', '1080'], ['-1'])}"/>` : '';
  const inner = accel || res ? `${accel}${res}` : '';
  const model0 = inner ? `<model type="${model}"${sizes.join('')}>${inner}</model>` : `<model type="${model}"${sizes.join('')}/>`;
  const driver = g.maybe(0.08) ? `<driver name="${g.odd(['qemu', 'vhostuser'], ['bogus'])}"/>` : '';
  const out = [`<video>${model0}${driver}${model === 'ramfb' || model === 'none' ? '' : s.address(0.15)}</video>`];
  if (g.maybe(0.15)) out.push(`<video><model type="${g.odd(['qxl', 'virtio', 'bochs'], ['vga', 'cirrus', 'ramfb'])}"/></video>`);
  return { dev: out.join(''), spice: model === 'qxl' };
}

function filesystems(g: Chooser): { dev: string; virtiofs: boolean } {
  if (!g.maybe(0.2)) return { dev: '', virtiofs: false };
  const out: string[] = [];
  let virtiofs = false;
  const n = g.pick([1, 1, 2]);
  for (let i = 0; i < n; i++) {
    const driverType = g.odd(['path', 'handle', 'virtiofs', '', 'path'], ['loop', 'nbd', 'ploop', 'bogus']);
    if (driverType === 'virtiofs') virtiofs = true;
    const type = g.odd(['mount', 'mount', 'mount'], ['block', 'file', 'ram', 'bind', 'template', 'bogus'], 0.1);
    const accessmode = driverType === 'virtiofs' ? g.odd(['passthrough', ''], ['mapped', 'squash']) : g.odd(['passthrough', 'mapped', 'squash', ''], ['bogus', 'Mapped']);
    const wrpolicy = driverType !== 'virtiofs' && g.maybe(0.1) ? ` wrpolicy="${g.odd(['immediate'], ['delayed'])}"` : '';
    const fmt = driverType === 'path' && g.maybe(0.1) ? ` format="${g.odd(['raw'], ['qcow3'])}"` : '';
    const queue = driverType === 'virtiofs' && g.maybe(0.3) ? ` queue="${g.odd(['1024', '512'], ['0', 'x'])}"` : '';
    const driver = driverType ? `<driver type="${driverType}"${wrpolicy}${fmt}${queue}/>` : '';
    const binary = driverType === 'virtiofs' && g.maybe(0.3) ? `<binary path="${g.odd(['/usr/libexec/virtiofsd'], ['virtiofsd'])}"${g.maybe(0.5) ? ` xattr="${g.odd(['on', 'off'], ['yes'])}"` : ''}>${g.maybe(0.4) ? `<cache mode="${g.odd(['none', 'always'], ['auto', 'metadata', 'bogus'])}"/>` : ''}${g.maybe(0.2) ? `<lock posix="${g.odd(['on', 'off'], ['maybe'])}" flock="${g.odd(['on', 'off'], ['x'])}"/>` : ''}</binary>` : '';
    const source = type === 'ram' ? `<source usage="${g.odd(['1024'], ['x'])}" units="KiB"/>` : type === 'file' || type === 'block' ? `<source ${type === 'file' ? 'file' : 'dev'}="/tmp/fs.img"/>` : type === 'bind' ? '<source dir="/srv/b"/>' : type === 'template' ? '<source name="tmpl"/>' : g.odd([`<source dir="/srv/share${i}"/>`], ['', '<source dir="share"/>', '<source file="/srv/x"/>']);
    const target = g.odd([`<target dir="tag${i}"/>`], ['', '<target dir=""/>', `<target dir="${'t'.repeat(40)}"/>`, '<target dir="tag0"/>'], 0.15);
    const ro = g.maybe(0.1) ? '<readonly/>' : '';
    const acc = accessmode ? ` accessmode="${accessmode}"` : '';
    const mult = g.maybe(0.05) ? ` multidevs="${g.odd(['default', 'remap', 'forbid', 'warn'], ['bogus'])}"` : '';
    out.push(`<filesystem type="${type}"${acc}${mult}>${driver}${binary}${source}${target}${ro}</filesystem>`);
  }
  return { dev: out.join(''), virtiofs };
}

function interfaces(g: Chooser, s: Slots, bootOrdered: boolean): string {
  if (!g.maybe(0.45)) return '';
  const out: string[] = [];
  const n = g.pick([1, 1, 2, 3]);
  for (let i = 0; i < n; i++) {
    const type = g.odd(['user', 'network', 'bridge', 'direct', 'ethernet', 'mcast', 'udp', 'server', 'client', 'vhostuser', 'null', 'vdpa'], ['bogus', 'hostdev', 'internal', 'vds', 'netdev']);
    let src = '';
    if (type === 'network') src = g.odd(['<source network="default"/>', '<source network="default" portgroup="pg1"/>'], ['', '<source bridge="br0"/>']);
    else if (type === 'bridge') src = g.odd(['<source bridge="br0"/>'], ['', '<source bridge=""/>']);
    else if (type === 'direct') src = `<source dev="${g.odd(['eth0'], [''])}" mode="${g.odd(['vepa', 'bridge', 'private', 'passthrough'], ['bogus', 'vepa '])}"/>`;
    else if (type === 'mcast') src = g.odd(['<source address="230.0.0.1" port="5558"/>'], ['<source address="230.0.0.1"/>', '<source port="5558"/>', '<source address="230.0.0.1" port="70000"/>', '<source address="not-an-ip" port="5558"/>']);
    else if (type === 'udp') src = g.odd(['<source address="127.0.0.1" port="11115"><local address="127.0.0.1" port="11116"/></source>'], ['<source address="127.0.0.1" port="11115"/>', '<source address="127.0.0.1" port="11115"><local port="11116"/></source>']);
    else if (type === 'server' || type === 'client') src = g.odd([`<source address="${type === 'server' ? '0.0.0.0' : '127.0.0.1'}" port="5559"/>`], ['<source address="127.0.0.1"/>', '<source address="127.0.0.1" port="x"/>', '', '<source port="5559"/>']);
    else if (type === 'vhostuser') src = g.odd(['<source type="unix" path="/tmp/vhost1.sock" mode="server"/>', '<source type="unix" path="/tmp/vhost1.sock" mode="client"><reconnect enabled="yes" timeout="10"/></source>'], ['<source type="unix" mode="server"/>', '<source type="tcp" path="/tmp/v.sock" mode="server"/>', '<source type="unix" path="/tmp/v.sock" mode="bogus"/>', '<source type="unix" path="/tmp/v.sock" mode="client"><reconnect enabled="yes" timeout="0"/></source>', '']);
    else if (type === 'vdpa') src = g.odd(['<source dev="/dev/vhost-vdpa-0"/>'], ['', '<source dev="vhost-vdpa-0"/>']);
    else if (type === 'ethernet' && g.maybe(0.5)) src = `<target dev="${g.odd(['tap7', 'mytap'], ['vnet0', 'macvtap1', 'a/b'])}"${g.maybe(0.4) ? ` managed="${g.odd(['no', 'yes'], ['maybe'])}"` : ''}/>`;
    const vhostModel = type === 'vhostuser' || type === 'vdpa' ? g.odd(['virtio'], ['e1000', 'rtl8139']) : undefined;
    const model = vhostModel ?? g.odd(['virtio', 'virtio', 'e1000', 'rtl8139', 'e1000e', 'virtio-transitional'], ['bogus', 'VIRTIO', 'ne2k_isa', 'usb-net', 'spapr-vlan'], 0.12);
    const mac = g.maybe(0.5) ? `<mac address="${g.odd([`52:54:00:34:00:${(0x10 + i).toString(16)}`], ['01:00:00:00:00:01', '00:00:00:00:00:00', '52:54:00:34:00:10', '52:54:0:34:0:10'], 0.15)}"${g.maybe(0.1) ? ` type="${g.odd(['generated', 'static'], ['bogus'])}"` : ''}/>` : '';
    const parts: string[] = [];
    if (model.startsWith('virtio') && g.maybe(0.25)) {
      const da: string[] = [];
      if (g.maybe(0.4)) da.push(` name="${g.odd(type === 'vhostuser' ? ['vhost'] : ['vhost', 'qemu'], ['bogus', 'vfio', 'kvm'])}"`);
      if (g.maybe(0.4)) da.push(` queues="${g.odd(['2', '4', '1'], ['0', 'x', '-1'])}"`);
      if (g.maybe(0.3)) da.push(` rx_queue_size="${g.odd(['256', '512', '1024'], ['100', '2048', '0'])}"`);
      if (g.maybe(0.2)) da.push(` tx_queue_size="${g.odd(['256', '1024'], ['64', '2048'])}"`);
      if (g.maybe(0.15)) da.push(` txmode="${g.odd(['iothread', 'timer'], ['bogus'])}"`);
      if (g.maybe(0.15)) da.push(` event_idx="${g.odd(['on', 'off'], ['yes'])}"`);
      if (g.maybe(0.1)) da.push(` ioeventfd="${g.odd(['on', 'off'], ['maybe'])}"`);
      const sub = g.maybe(0.3) ? `<host${g.maybe(0.5) ? ` csum="${g.odd(['off', 'on'], ['x'])}"` : ''}${g.maybe(0.5) ? ` tso4="${g.odd(['off'], ['no'])}"` : ''}${g.maybe(0.3) ? ` mrg_rxbuf="${g.odd(['off', 'on'], ['maybe'])}"` : ''}/>${g.maybe(0.4) ? `<guest${g.maybe(0.5) ? ` csum="${g.odd(['off'], ['x'])}"` : ''}${g.maybe(0.5) ? ` ecn="${g.odd(['off', 'on'], ['1'])}"` : ''}/>` : ''}` : '';
      parts.push(sub ? `<driver${da.join('')}>${sub}</driver>` : `<driver${da.join('')}/>`);
    }
    if (g.maybe(0.1)) parts.push(`<mtu size="${g.odd(['1500', '9000', '68'], ['0', '65536', 'x'])}"/>`);
    if (g.maybe(0.08)) parts.push(`<link state="${g.odd(['up', 'down'], ['off', ''])}"/>`);
    if (g.maybe(0.1)) parts.push(`<bandwidth><inbound average="${g.odd(['1000', '1'], ['0', 'x', '-1'])}"${g.maybe(0.5) ? ` peak="${g.odd(['5000'], ['x'])}" burst="${g.odd(['1024'], ['0'])}"` : ''}/>${g.maybe(0.5) ? `<outbound average="${g.odd(['128'], ['-3'])}"/>` : ''}</bandwidth>`);
    if (g.maybe(0.06)) parts.push(`<coalesce><rx><frames max="${g.odd(['7', '0'], ['x', '-1'])}"/></rx></coalesce>`);
    if (g.maybe(0.06)) parts.push(`<tune><sndbuf>${g.odd(['1600', '0'], ['x', '-1'])}</sndbuf></tune>`);
    if (g.maybe(0.06)) parts.push(`<filterref filter="${g.odd(['clean-traffic'], ['', 'bad name'])}">${g.maybe(0.5) ? `<parameter name="${g.odd(['IP'], ['', '1IP'])}" value="${g.odd(['10.0.0.1'], [''])}"/>` : ''}</filterref>`);
    if (g.maybe(0.06)) parts.push(`<rom bar="${g.odd(['on', 'off'], ['yes'])}"${g.maybe(0.5) ? ` file="${g.odd(['/usr/share/ipxe/x.rom'], ['rel.rom'])}"` : ''}${g.maybe(0.3) ? ` enabled="${g.odd(['no', 'yes'], ['x'])}"` : ''}/>`);
    if (g.maybe(0.06)) parts.push(`<vlan${g.maybe(0.3) ? ' trunk="yes"' : ''}><tag id="${g.odd(['42', '4095'], ['4096', '-1', 'x'])}"${g.maybe(0.3) ? ` nativeMode="${g.odd(['tagged', 'untagged'], ['bogus'])}"` : ''}/></vlan>`);
    if (g.maybe(0.06)) parts.push(`<acpi index="${g.odd(['1', '16383'], ['0', '16384', 'x'])}"/>`);
    if (g.maybe(0.05)) parts.push(`<teaming type="${g.odd(['persistent'], ['transient', 'bogus'])}"/>`);
    if (g.maybe(0.05)) parts.push(`<backend${g.maybe(0.5) ? ` tap="${g.odd(['/dev/net/tun'], ['tun'])}"` : ''}${g.maybe(0.5) ? ` vhost="${g.odd(['/dev/vhost-net'], ['vhost'])}"` : ''}${g.maybe(0.3) ? ` type="${g.odd(['default', 'passt'], ['bogus'])}"` : ''}/>`);
    if (g.maybe(0.05)) parts.push(`<port isolated="${g.odd(['yes', 'no'], ['maybe'])}"/>`);
    if (type === 'user' && g.maybe(0.15)) parts.push(`<ip family="${g.odd(['ipv4', 'ipv6'], ['ipv5'])}" address="${g.odd(['172.17.2.0'], ['172.17.2', 'x'])}"${g.maybe(0.5) ? ` prefix="${g.odd(['24'], ['33', 'x'])}"` : ''}/>`);
    if (bootOrdered && g.maybe(0.1)) parts.push(`<boot order="${g.odd([String(7 + i)], ['0', 'x'])}"/>`);
    const virtioish = model.startsWith('virtio') || model === 'e1000' || model === 'rtl8139' || model === 'e1000e';
    out.push(`<interface type="${type}">${mac}${src}<model type="${model}"/>${parts.join('')}${virtioish ? s.address(0.12) : ''}</interface>`);
  }
  return out.join('');
}

function features(g: Chooser, needsIoapic: boolean): string {
  const f: string[] = ['<acpi/>'];
  if (g.maybe(0.4)) f.push('<apic/>');
  if (g.maybe(0.25)) {
    const h: string[] = [];
    const state = () => g.odd(['on', 'off'], ['yes', 'true', ''], 0.1);
    if (g.maybe(0.5)) h.push(`<relaxed state="${state()}"/>`);
    if (g.maybe(0.5)) h.push(`<vapic state="${state()}"/>`);
    if (g.maybe(0.4)) h.push(`<spinlocks state="${state()}"${g.maybe(0.8) ? ` retries="${g.odd(['8191', '4095', '4294967295'], ['4094', '-1', '4294967296', 'x'])}"` : ''}/>`);
    if (g.maybe(0.3)) h.push(`<vpindex state="${state()}"/>`);
    if (g.maybe(0.3)) h.push(`<runtime state="${state()}"/>`);
    if (g.maybe(0.3)) h.push(`<synic state="${state()}"/>`);
    if (g.maybe(0.3)) h.push(`<stimer state="${state()}"${g.maybe(0.4) ? `><direct state="${state()}"/></stimer>` : '/>'}`);
    if (g.maybe(0.2)) h.push(`<reset state="${state()}"/>`);
    if (g.maybe(0.25)) h.push(`<vendor_id state="${state()}"${g.maybe(0.9) ? ` value="${g.odd(['KVM Hv', 'abcdefghijkl'], ['abcdefghijklm', '', 'x'.repeat(20)])}"` : ''}/>`);
    if (g.maybe(0.2)) h.push(`<frequencies state="${state()}"/>`);
    if (g.maybe(0.2)) h.push(`<reenlightenment state="${state()}"/>`);
    if (g.maybe(0.2)) h.push(`<tlbflush state="${state()}"/>`);
    if (g.maybe(0.2)) h.push(`<ipi state="${state()}"/>`);
    if (g.maybe(0.15)) h.push(`<evmcs state="${state()}"/>`);
    if (g.maybe(0.1)) h.push(`<avic state="${state()}"/>`);
    if (g.maybe(0.1)) h.push(`<${g.odd(['relaxed'], ['bogus', 'spinlock'])} state="on"/>`);
    if (g.bad(0.05) && h.length) h.push(h[0]!);
    const mode = g.maybe(0.2) ? ` mode="${g.odd(['custom', 'passthrough'], ['bogus', 'host'])}"` : '';
    f.push(`<hyperv${mode}>${h.join('')}</hyperv>`);
  }
  if (g.maybe(0.2)) {
    const k: string[] = [];
    const state = () => g.odd(['on', 'off'], ['yes', ''], 0.1);
    if (g.maybe(0.5)) k.push(`<hidden state="${state()}"/>`);
    if (g.maybe(0.3)) k.push(`<hint-dedicated state="${state()}"/>`);
    if (g.maybe(0.3)) k.push(`<poll-control state="${state()}"/>`);
    if (g.maybe(0.3)) k.push(`<pv-ipi state="${state()}"/>`);
    if (g.maybe(0.3)) k.push(`<dirty-ring state="${state()}"${g.maybe(0.7) ? ` size="${g.odd(['4096', '1024', '65536'], ['1000', '512', '131072', '0', 'x'])}"` : ''}/>`);
    if (g.bad(0.05) && k.length) k.push(k[0]!);
    f.push(`<kvm>${k.join('')}</kvm>`);
  }
  if (g.maybe(0.15)) {
    const tseg = g.maybe(0.5) ? `<tseg unit="${g.odd(['MiB', 'KiB'], ['xb', 'mb '])}">${g.odd(['48', '16'], ['-1', 'x', ''])}</tseg>` : '';
    f.push(`<smm state="${g.odd(['on', 'off'], ['yes'])}"${tseg ? `>${tseg}</smm>` : '/>'}`);
  }
  if (g.maybe(0.12)) f.push(`<tcg>${g.maybe(0.8) ? `<tb-cache unit="${g.odd(['MiB', 'KiB', 'GiB'], ['bogus'])}">${g.odd(['128', '1024'], ['0', 'x', '-1'])}</tb-cache>` : ''}</tcg>`);
  if (g.maybe(0.12)) f.push(`<pmu state="${g.odd(['on', 'off'], ['maybe'])}"/>`);
  if (g.maybe(0.12)) f.push(`<vmport state="${g.odd(['on', 'off'], ['auto'])}"/>`);
  if (g.maybe(0.1)) f.push(`<pvspinlock state="${g.odd(['on', 'off'], ['x'])}"/>`);
  if (g.maybe(0.08)) f.push(`<msrs unknown="${g.odd(['ignore', 'fault'], ['bogus', ''])}"/>`);
  if (g.maybe(0.06)) f.push(`<htm state="${g.odd(['on', 'off'], ['maybe'])}"/>`);
  if (g.maybe(0.06)) f.push(`<gic version="${g.odd(['2', '3', 'host'], ['4', 'x'])}"/>`);
  if (g.maybe(0.06)) f.push(`<hpt resizing="${g.odd(['enabled', 'disabled', 'required'], ['bogus'])}"/>`);
  if (g.maybe(0.06)) f.push(`<cfpc value="${g.odd(['broken', 'workaround', 'fixed'], ['bogus'])}"/>`);
  if (g.bad(0.03)) f.push('<async-teardown enabled="yes"/>');
  if (needsIoapic || g.maybe(0.1)) f.push(`<ioapic driver="${g.odd(['qemu', 'kvm'], ['bogus', ''])}"/>`);
  if (g.maybe(0.06)) f.push(`<caps policy="${g.odd(['default', 'allow', 'deny'], ['bogus'])}"><${g.odd(['mknod', 'sys_admin'], ['bogus_cap'])} state="${g.odd(['on', 'off'], ['x'])}"/></caps>`);
  if (g.maybe(0.05)) f.push(`<sbbc value="${g.odd(['broken', 'workaround', 'fixed'], ['x'])}"/>`);
  if (g.bad(0.04)) f.push('<apic/>');
  return `<features>${f.join('')}</features>`;
}

function clock(g: Chooser): string {
  if (!g.maybe(0.35)) return '';
  const offset = g.odd(['utc', 'localtime', 'variable', 'timezone', 'absolute'], ['bogus', 'UTC']);
  let attrs = ` offset="${offset}"`;
  if (offset === 'variable') attrs += g.odd([` adjustment="${g.pick(['0', '3600', '-3600'])}" basis="${g.pick(['utc', 'localtime'])}"`, ' basis="utc"', ''], [' adjustment="x"', ' basis="bogus"', ' adjustment="reset"']);
  if (offset === 'localtime' && g.maybe(0.2)) attrs += ` adjustment="${g.odd(['reset'], ['100'])}"`;
  if (offset === 'timezone') attrs += g.odd([' timezone="Europe/Paris"'], ['', ' timezone="Bad Zone!"']);
  if (offset === 'absolute') attrs += g.odd([' start="1500000000"'], ['', ' start="-1"', ' start="x"']);
  const timers: string[] = [];
  const n = g.pick([0, 1, 2, 3]);
  for (let i = 0; i < n; i++) {
    const name = g.odd(['rtc', 'pit', 'hpet', 'kvmclock', 'hypervclock', 'tsc', 'armvtimer'], ['bogus', 'RTC', 'platform']);
    const a: string[] = [];
    if (g.maybe(0.5)) a.push(` tickpolicy="${g.odd(['delay', 'catchup', 'merge', 'discard'], ['bogus', 'skip'])}"`);
    if (name === 'rtc' && g.maybe(0.3)) a.push(` track="${g.odd(['boot', 'guest', 'wall', 'realtime'], ['host', 'bogus'])}"`);
    else if (g.bad(0.05)) a.push(' track="guest"');
    if (g.maybe(0.4)) a.push(` present="${g.odd(['yes', 'no'], ['maybe', 'on'])}"`);
    if (name === 'tsc' && g.maybe(0.5)) a.push(` frequency="${g.odd(['1000000000', '2500000000'], ['0', 'x', '-1', '18446744073709551616'])}"`);
    else if (g.bad(0.04)) a.push(' frequency="1000"');
    if (name === 'tsc' && g.maybe(0.4)) a.push(` mode="${g.odd(['auto', 'native', 'emulate', 'paravirt', 'smpsafe'], ['bogus'])}"`);
    else if (g.bad(0.04)) a.push(' mode="native"');
    const catchup = a.some((x) => x.includes('catchup')) && g.maybe(0.4)
      ? `<catchup${g.maybe(0.6) ? ` threshold="${g.odd(['123', '0'], ['x', '-1'])}"` : ''}${g.maybe(0.5) ? ` slew="${g.odd(['120'], ['x'])}"` : ''}${g.maybe(0.5) ? ` limit="${g.odd(['10000'], ['-5'])}"` : ''}/>`
      : g.bad(0.04) ? '<catchup threshold="1"/>' : '';
    timers.push(catchup ? `<timer name="${name}"${a.join('')}>${catchup}</timer>` : `<timer name="${name}"${a.join('')}/>`);
  }
  if (g.bad(0.05) && timers.length) timers.push(timers[0]!);
  return `<clock${attrs}>${timers.join('')}</clock>`;
}

function pm(g: Chooser): string {
  if (!g.maybe(0.12)) return '';
  const parts: string[] = [];
  if (g.maybe(0.7)) parts.push(`<suspend-to-mem enabled="${g.odd(['yes', 'no'], ['on', 'maybe', ''])}"/>`);
  if (g.maybe(0.7)) parts.push(`<suspend-to-disk enabled="${g.odd(['yes', 'no'], ['off'])}"/>`);
  if (g.bad(0.08)) parts.push('<suspend-to-mem enabled="no"/>');
  return `<pm>${parts.join('')}</pm>`;
}

function osPart(g: Chooser, machine: string): string {
  const parts = [`<type arch="x86_64" machine="${machine}">hvm</type>`];
  let firmware = '';
  if (g.maybe(0.25)) {
    const kind = g.pick(['loader', 'loader', 'firmware', 'efi-loader']);
    if (kind === 'loader' || kind === 'efi-loader') {
      const type = g.odd(['pflash', 'rom', ''], ['bogus', 'PFLASH']);
      const ro = g.maybe(0.6) ? ` readonly="${g.odd(['yes', 'no'], ['on', ''])}"` : '';
      const secure = g.maybe(0.2) ? ` secure="${g.odd(['no', 'yes'], ['maybe'])}"` : '';
      const stateless = g.maybe(0.1) ? ` stateless="${g.odd(['yes', 'no'], ['x'])}"` : '';
      const fmt = g.maybe(0.1) ? ` format="${g.odd(['raw', 'qcow2'], ['vmdk'])}"` : '';
      const path = g.odd(['/usr/share/OVMF/OVMF_CODE.fd', '/usr/share/seabios/bios.bin'], ['', 'OVMF_CODE.fd']);
      parts.push(`<loader${ro}${secure}${type ? ` type="${type}"` : ''}${stateless}${fmt}>${path}</loader>`);
      if (g.maybe(0.5)) parts.push(`<nvram${g.maybe(0.4) ? ` template="${g.odd(['/usr/share/OVMF/OVMF_VARS.fd'], ['vars.fd'])}"` : ''}${g.maybe(0.1) ? ` format="${g.odd(['raw'], ['x'])}"` : ''}>${g.odd(['/var/lib/libvirt/qemu/nvram/h34_VARS.fd', ''], ['nvram.fd'])}</nvram>`);
      if (kind === 'efi-loader') firmware = ` firmware="${g.odd(['efi'], ['bios', 'bogus'])}"`;
    } else {
      firmware = ` firmware="${g.odd(['efi', 'bios'], ['uefi', 'bogus', ''])}"`;
      if (g.maybe(0.5)) parts.push(`<firmware>${Array.from({ length: g.pick([1, 2]) }, () => `<feature enabled="${g.odd(['yes', 'no'], ['on'])}" name="${g.odd(['secure-boot', 'enrolled-keys'], ['bogus', 'secureboot'])}"/>`).join('')}</firmware>`);
      if (g.bad(0.08)) parts.push('<nvram>/var/lib/libvirt/qemu/nvram/h34_VARS.fd</nvram>');
    }
  } else if (g.bad(0.04)) parts.push('<nvram>/var/lib/libvirt/qemu/nvram/h34_VARS.fd</nvram>');
  if (g.maybe(0.1)) parts.push(`<boot dev="${g.odd(['hd', 'cdrom', 'network', 'fd'], ['usb', 'disk'])}"/>`);
  if (g.maybe(0.1)) parts.push(`<bootmenu enable="${g.odd(['yes', 'no'], ['on'])}"${g.maybe(0.4) ? ` timeout="${g.odd(['3000', '0', '65535'], ['65536', '-1'])}"` : ''}/>`);
  if (g.maybe(0.1)) parts.push(`<bios${g.maybe(0.6) ? ` useserial="${g.odd(['yes', 'no'], ['on'])}"` : ''}${g.maybe(0.5) ? ` rebootTimeout="${g.odd(['0', '-1', '65535'], ['65536', '-2', 'x'])}"` : ''}/>`);
  if (g.maybe(0.08)) parts.push(`<acpi><table type="${g.odd(['slic', 'msdm'], ['bogus', ''])}">${g.odd(['/var/lib/t.dat'], ['', 'rel.dat'])}</table></acpi>`);
  if (g.maybe(0.05)) parts.push(`<init>/bin/sh</init>`);
  return `<os${firmware}>${parts.join('')}</os>`;
}

const CPU_MODELS = ['qemu64', 'Skylake-Client', 'Haswell-noTSX', 'EPYC', 'Westmere', 'core2duo', 'max'];

function cpu(g: Chooser): string {
  if (!g.maybe(0.3)) return '';
  const mode = g.odd(['custom', 'host-model', 'host-passthrough', 'maximum', 'custom'], ['bogus', 'host', 'passthrough']);
  const attrs: string[] = [` mode="${mode}"`];
  if (mode === 'custom' && g.maybe(0.5)) attrs.push(` match="${g.odd(['exact', 'minimum', 'strict'], ['bogus', 'loose'])}"`);
  if (g.maybe(0.3)) attrs.push(` check="${g.odd(['none', 'partial', 'full'], ['bogus', 'strict'])}"`);
  if ((mode === 'host-passthrough' || mode === 'maximum') && g.maybe(0.3)) attrs.push(` migratable="${g.odd(['on', 'off'], ['yes'])}"`);
  else if (g.bad(0.04)) attrs.push(' migratable="on"');
  const parts: string[] = [];
  if (mode === 'custom' || g.bad(0.06)) {
    if (g.maybe(0.85)) parts.push(`<model${g.maybe(0.3) ? ` fallback="${g.odd(['allow', 'forbid'], ['deny', 'bogus'])}"` : ''}${g.maybe(0.1) ? ` vendor_id="${g.odd(['GenuineIntel'], ['short', 'waytoolongvendor'])}"` : ''}>${g.odd(CPU_MODELS, ['', 'NoSuchCPU'], 0.1)}</model>`);
    if (g.maybe(0.15)) parts.push(`<vendor>${g.odd(['Intel', 'AMD'], ['Nobody', ''])}</vendor>`);
  }
  if (g.maybe(0.3)) parts.push(`<topology sockets="${g.odd(['1'], ['0'])}"${g.maybe(0.2) ? ` dies="${g.odd(['1'], ['0', '2'])}"` : ''} cores="${g.odd(['1', '2'], ['0', 'x'])}" threads="${g.odd(['1'], ['2'])}"/>`);
  if (g.maybe(0.2)) parts.push(`<cache${g.maybe(0.5) ? ` level="${g.odd(['3'], ['2', '0', 'x'])}"` : ''} mode="${g.odd(['emulate', 'passthrough', 'disable'], ['bogus', ''])}"/>`);
  if (g.maybe(0.15)) parts.push(`<maxphysaddr mode="${g.odd(['passthrough', 'emulate'], ['bogus'])}"${g.maybe(0.6) ? ` bits="${g.odd(['42', '46'], ['0', '256', 'x'])}"` : ''}/>`);
  const nf = g.pick([0, 0, 1, 2]);
  for (let i = 0; i < nf; i++) {
    parts.push(`<feature policy="${g.odd(['force', 'require', 'optional', 'disable', 'forbid'], ['bogus', 'enable', ''])}" name="${g.odd(['vmx', 'svm', 'pcid', 'x2apic', 'hypervisor', 'invtsc'], ['', 'not-a-feature'])}"/>`);
  }
  if (g.bad(0.05) && parts.length) parts.push(parts[parts.length - 1]!);
  return `<cpu${attrs.join('')}>${parts.join('')}</cpu>`;
}

function seclabels(g: Chooser): string {
  if (!g.maybe(0.15)) return '';
  const one = () => g.odd([
    '<seclabel type="none"/>',
    '<seclabel type="dynamic" model="dac"/>',
    '<seclabel type="static" model="dac" relabel="yes"><label>+0:+0</label></seclabel>',
    '<seclabel type="static" model="dac" relabel="no"><label>qemu:qemu</label></seclabel>',
    '<seclabel type="dynamic" model="dac" relabel="yes"><baselabel>+107:+107</baselabel></seclabel>',
    '<seclabel type="none" model="dac"/>',
  ], [
    '<seclabel type="static" model="dac" relabel="yes"/>',
    '<seclabel type="dynamic" model="dac" relabel="no"/>',
    '<seclabel type="static" model="dac"><label>+0:+0</label><imagelabel>x</imagelabel></seclabel>',
    '<seclabel type="dynamic" model="selinux"/>',
    '<seclabel type="dynamic" model="apparmor"/>',
    '<seclabel type="none" relabel="yes"/>',
    '<seclabel type="dynamic" model="bogus"/>',
    '<seclabel model="dac"/>',
    '<seclabel type="static" model="dac" relabel="maybe"><label>+0:+0</label></seclabel>',
    '<seclabel type="dynamic" model="dac"><label>x</label></seclabel>',
  ]);
  return g.maybe(0.2) ? one() + one() : one();
}

function smbiosSysinfo(g: Chooser): { sysinfo: string; osSmbios: string } {
  if (!g.maybe(0.2)) return { sysinfo: '', osSmbios: g.bad(0.04) ? '<smbios mode="sysinfo"/>' : '' };
  const sections: string[] = [];
  const entry = (name: string, value: string) => `<entry name="${name}">${value}</entry>`;
  if (g.maybe(0.5)) {
    const e: string[] = [];
    if (g.maybe(0.6)) e.push(entry(g.odd(['vendor'], ['bogus', 'manufacturer']), 'LENOVO'));
    if (g.maybe(0.4)) e.push(entry('version', '6FET82WW'));
    if (g.maybe(0.5)) e.push(entry('date', g.odd(['01/01/2020', '12/31/99', '1/2/2003'], ['13/01/2020', '2020-01-01', '01/01/20200', '00/01/2020'])));
    if (g.maybe(0.3)) e.push(entry('release', g.odd(['1.2', '20.255'], ['1', 'x.y', '256.1'])));
    if (g.bad(0.05) && e.length) e.push(e[0]!);
    sections.push(`<bios>${e.join('')}</bios>`);
  }
  if (g.maybe(0.6)) {
    const e: string[] = [];
    if (g.maybe(0.6)) e.push(entry('manufacturer', 'Fedora'));
    if (g.maybe(0.5)) e.push(entry('product', 'Virt-Manager'));
    if (g.maybe(0.3)) e.push(entry('serial', g.odd(['0123456789'], [''])));
    if (g.maybe(0.4)) e.push(entry('uuid', g.odd(['c7a5fdbd-edaf-9455-926a-d65c16db1809'], ['c7a5fdbd-edaf-9455-926a-d65c16db180', 'not-a-uuid'])));
    if (g.maybe(0.2)) e.push(entry('sku', '1234567890'));
    if (g.maybe(0.2)) e.push(entry(g.odd(['family'], ['vendor']), 'Red Hat'));
    sections.push(`<system>${e.join('')}</system>`);
  }
  if (g.maybe(0.25)) sections.push(`<baseBoard>${entry(g.odd(['manufacturer', 'product', 'location', 'asset'], ['uuid', 'bogus']), 'x')}</baseBoard>`);
  if (g.maybe(0.2)) sections.push(`<chassis>${entry(g.odd(['manufacturer', 'serial', 'asset', 'sku', 'version'], ['product']), 'y')}</chassis>`);
  if (g.maybe(0.25)) sections.push(`<oemStrings>${Array.from({ length: g.pick([1, 2]) }, () => `<entry>${g.odd(['myappname:some arbitrary data', 'x'], [''])}</entry>`).join('')}</oemStrings>`);
  if (g.bad(0.05) && sections.length) sections.push(sections[0]!);
  const osSmbios = g.maybe(0.6) ? `<smbios mode="${g.odd(['sysinfo', 'host', 'emulate'], ['bogus', 'none'])}"/>` : '';
  const twice = g.bad(0.04) ? '<sysinfo type="smbios"/>' : '';
  return { sysinfo: `<sysinfo type="smbios">${sections.join('')}</sysinfo>${twice}`, osSmbios };
}

/** One document of seed s. */
export function hunt34Document(seed: number, name: string): string {
  const g = new Chooser(rng(seed), Math.floor(rng(seed ^ 0x34)() * 3));
  const machine = g.pick(['pc', 'q35', 'q35']);
  const q35 = machine === 'q35';
  const s = new Slots(g);
  const bootOrdered = g.maybe(0.5);
  const { xml: audioXml, ids } = audios(g);
  const io = iommu(g, q35);
  const video = videos(g, s, q35);
  const fs = filesystems(g);
  const devices = [
    interfaces(g, s, bootOrdered), fs.dev, inputs(g), sound(g, s, ids), audioXml, video.dev, watchdog(g, s), memballoon(g, s),
    rngDevice(g, s), hub(g), redirection(g, bootOrdered), smartcard(g), io.dev, vsock(g, s), crypto(g, s),
  ].join('');
  const sys = smbiosSysinfo(g);
  let os = osPart(g, machine);
  if (sys.osSmbios) os = os.replace('</os>', `${sys.osSmbios}</os>`);
  const memoryBacking = fs.virtiofs && !g.bad(0.15) ? '<memoryBacking><source type="memfd"/><access mode="shared"/></memoryBacking>' : '';
  const head = `<name>${name}</name><memory unit="MiB">64</memory>${memoryBacking}<vcpu>2</vcpu>${cpu(g)}${sys.sysinfo}${os}`;
  const tail = `${features(g, io.needsIoapic)}${clock(g)}${pm(g)}${seclabels(g)}`;
  return `<domain type="qemu">${head}${tail}<devices>${devices}</devices></domain>\n`;
}

export function hunt34Domains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`hunt34-${seed}-${i}`, hunt34Document(seed * 7919 + i, `bdm-lab-h34-${seed}-${i}`)]);
  return out;
}
