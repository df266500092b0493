/**
 * Seeded qemu domains for round 43 of the libvirt hunt (scripts/libvirt-hunt43-check.ts): whole
 * domains again (as round 42's generator), weighted towards the parts round 42 drew seldom: USB
 * controller models and their ports, SCSI models with drive addresses, IDE/SATA drive addresses,
 * duplicate disk targets, virtio-serial ports against channels, rng, tpm, watchdog, memballoon,
 * input/graphics/sound/video combinations (the primary video), filesystems and host devices,
 * <iothreads> and the disks and controllers that name one, <blkiotune>, <cputune>, <numatune> with
 * memnodes against the NUMA cells, EFI firmware with loader and nvram, features, clock timers,
 * per-device boot order against <os><boot>, and now and then an aarch64 guest. Same seed, same
 * documents.
 */
import { rng } from './prng.mjs';
import { Chooser } from './libvirt-gen-lib';

interface Ctx {
  g: Chooser;
  q35: boolean;
  arm: boolean;
  iothreads: number;
  cells: number;
  vcpus: number;
  bootDev: boolean;
  nextSlot: number;
  scsi: boolean;
  vserialPorts: number;
}

function pciAddr(c: Ctx, p: number): string {
  const { g } = c;
  if (c.arm || !g.maybe(p)) return '';
  if (g.bad(0.06)) {
    const odd = g.pick(['bus="0x00" slot="0x02"', 'bus="0x00" slot="0x01"', 'bus="0x05" slot="0x00"', 'bus="0x00" slot="0x1f"']);
    return `<address type="pci" domain="0x0000" ${odd} function="0x0"/>`;
  }
  if (c.q35) return '';
  const at = c.nextSlot++;
  return `<address type="pci" domain="0x0000" bus="0x00" slot="0x${at.toString(16).padStart(2, '0')}" function="0x0"/>`;
}

function controllers(c: Ctx): string {
  const { g, q35 } = c;
  const out: string[] = [];
  const usb = g.pick(['', 'qemu-xhci', 'nec-xhci', 'piix3-uhci', 'piix4-uhci', 'ehci', 'ich9-ehci1', 'none', 'qemu-xhci', 'vt82c686b-uhci', 'pci-ohci']);
  if (usb) {
    const ports = g.maybe(0.25) ? ` ports="${g.odd(['4', '8', '15'], ['16', '0', '2'])}"` : '';
    out.push(`<controller type="usb" index="${g.odd(['0'], ['1'], 0.05)}" model="${usb}"${ports}>${usb === 'none' ? (g.bad(0.1) ? '<address type="pci" domain="0x0000" bus="0x00" slot="0x07" function="0x0"/>' : '') : pciAddr(c, 0.2)}</controller>`);
    if (g.bad(0.05)) out.push(`<controller type="usb" index="0" model="${g.pick(['qemu-xhci', 'piix3-uhci'])}"/>`);
  }
  if (g.maybe(0.4) || c.scsi) {
    c.scsi = true;
    const model = g.odd(['virtio-scsi', 'virtio-scsi', 'lsilogic', 'virtio-non-transitional'], ['megasas', 'lsisas1068', 'buslogic', 'vmpvscsi', 'ncr53c90', 'am53c974', 'ibmvscsi', 'lsisas1078', 'virtio-transitional'], 0.12);
    const drv = model.startsWith('virtio') && g.maybe(0.4)
      ? `<driver${g.maybe(0.6) ? ` queues="${g.odd(['2', '4'], ['0'])}"` : ''}${g.maybe(0.6) ? ` iothread="${g.odd(['1', String(Math.max(1, c.iothreads))], [String(c.iothreads + 1), '0'])}"` : ''}${g.maybe(0.3) ? ` cmd_per_lun="${g.odd(['128'], ['0'])}"` : ''}${g.maybe(0.2) ? ` max_sectors="${g.odd(['512'], ['0'])}"` : ''}/>`
      : (!model.startsWith('virtio') && g.bad(0.1) ? '<driver iothread="1"/>' : '');
    out.push(`<controller type="scsi" index="0" model="${model}">${drv}${pciAddr(c, 0.2)}</controller>`);
    if (g.maybe(0.1)) out.push(`<controller type="scsi" index="${g.odd(['1'], ['0'])}" model="virtio-scsi"/>`);
  }
  if (g.maybe(0.4)) {
    c.vserialPorts = 31;
    const ports = g.maybe(0.4) ? g.odd(['4', '8', '16'], ['0', '32', '40']) : '';
    if (ports) c.vserialPorts = Number(ports);
    out.push(`<controller type="virtio-serial" index="${g.odd(['0'], ['1'], 0.05)}"${ports ? ` ports="${ports}"` : ''}${g.maybe(0.2) ? ` vectors="${g.odd(['4', '10'], ['0', '2048'])}"` : ''}${g.maybe(0.1) ? ` model="${g.odd(['virtio', 'virtio-non-transitional'], ['bogus'])}"` : ''}>${pciAddr(c, 0.2)}</controller>`);
  }
  if (g.maybe(0.2)) out.push(q35 ? g.odd(['<controller type="sata" index="0"/>', '<controller type="sata" index="1"/>'], ['<controller type="ide" index="0"/>', '<controller type="sata" index="0" model="ich9"/>']) : g.odd(['<controller type="ide" index="0"/>'], ['<controller type="ide" index="1"/>', '<controller type="sata" index="0"/>', '<controller type="fdc" index="0"/>']));
  return out.join('');
}

const BUSES: Array<[string, string]> = [['virtio', 'vd'], ['scsi', 'sd'], ['sata', 'sd'], ['ide', 'hd'], ['usb', 'sd'], ['fdc', 'fd']];

function disks(c: Ctx): string {
  const { g, q35 } = c;
  const out: string[] = [];
  const n = g.pick([1, 1, 2, 3, 4]);
  const used: string[] = [];
  let orders = 0;
  for (let i = 0; i < n; i++) {
    const ok = BUSES.filter(([b]) => b !== 'fdc' && (q35 ? b !== 'ide' : b !== 'sata') && (b !== 'scsi' || c.scsi));
    const [bus, prefix] = i === 0 ? (c.arm ? ['virtio', 'vd'] as [string, string] : g.pick(ok)) : g.odd(ok, BUSES, 0.06);
    const letter = String.fromCharCode(97 + used.filter((u) => u.startsWith(prefix)).length);
    let dev = `${prefix}${letter}`;
    if (g.bad(0.06)) dev = used.length ? used[used.length - 1]! : `${prefix}${g.pick(['', '0', 'A'])}`;
    used.push(dev);
    const device = bus === 'fdc' ? 'floppy' : g.maybe(0.15) && bus !== 'virtio' ? 'cdrom' : g.odd(['disk'], ['lun', 'cdrom'], 0.04);
    const type = device === 'lun' ? 'block' : 'file';
    const drvParts: string[] = [`name="qemu"`, `type="${g.odd(['qcow2', 'raw'], ['vmdk', 'bogus'], 0.03)}"`];
    if (g.maybe(0.3)) drvParts.push(`cache="${g.odd(['none', 'writeback', 'directsync', 'unsafe', 'writethrough'], ['off'])}"`);
    if (g.maybe(0.2)) drvParts.push(`io="${g.odd(['native', 'threads', 'io_uring'], ['aio'])}"`);
    if (g.maybe(0.2)) drvParts.push(`discard="${g.odd(['unmap', 'ignore'], ['on'])}"`);
    if (g.maybe(0.15)) drvParts.push(`iothread="${c.iothreads ? g.odd([String(1 + Math.floor(g.pick([0, c.iothreads - 1])))], [String(c.iothreads + 1), '0']) : g.odd(['1'], ['1'])}"`);
    if (g.maybe(0.08)) drvParts.push(`queues="${g.odd(['2', '4'], ['0'])}"`);
    const src = type === 'block' ? '<source dev="/dev/sdz"/>' : device === 'cdrom' && g.maybe(0.3) ? '' : `<source file="/var/lib/nova/instances/x/disk${i}"/>`;
    let addr = '';
    if (g.maybe(0.3)) {
      if (bus === 'virtio') addr = pciAddr(c, 1);
      else if (bus === 'scsi') addr = `<address type="drive" controller="${g.odd(['0'], ['1', '3'], 0.1)}" bus="0" target="${g.odd(['0', String(i)], ['256', '7'], 0.05)}" unit="${g.odd(['0', String(i)], ['16384', '1'], 0.05)}"/>`;
      else if (bus === 'ide') addr = `<address type="drive" controller="0" bus="${g.odd(['0', '1'], ['2'], 0.1)}" target="0" unit="${g.odd(['0', '1'], ['2'], 0.1)}"/>`;
      else if (bus === 'sata') addr = `<address type="drive" controller="0" bus="0" target="0" unit="${g.odd(['0', String(i)], ['6', '1'], 0.1)}"/>`;
      else if (bus === 'usb') addr = `<address type="usb" bus="0" port="${g.odd(['1', '2'], ['0'])}"/>`;
      if (g.bad(0.04)) addr = bus === 'virtio' ? '<address type="drive" controller="0" bus="0" target="0" unit="0"/>' : '<address type="pci" domain="0x0000" bus="0x00" slot="0x0a" function="0x0"/>';
    }
    let boot = '';
    if (g.maybe(0.2)) {
      orders++;
      boot = `<boot order="${g.odd([String(orders)], ['0', '1', '-1'], 0.08)}"/>`;
    }
    const extra = [
      g.maybe(0.1) ? `<serial>${g.odd(['vol-1234'], ['x'.repeat(40)])}</serial>` : '',
      g.maybe(0.08) && bus === 'virtio' ? `<blockio logical_block_size="${g.odd(['512', '4096'], ['1000'])}" physical_block_size="4096"/>` : '',
      g.maybe(0.08) ? `<iotune><total_bytes_sec>${g.odd(['1048576'], ['-1'])}</total_bytes_sec>${g.bad(0.05) ? '<read_bytes_sec>10</read_bytes_sec>' : ''}</iotune>` : '',
      g.maybe(0.05) ? '<shareable/>' : '',
      device === 'cdrom' || g.bad(0.03) ? '<readonly/>' : '',
      g.maybe(0.05) ? `<wwn>${g.odd(['5000c50015ea71ac'], ['5000c5001'])}</wwn>` : '',
    ].join('');
    out.push(`<disk type="${type}" device="${device}"><driver ${drvParts.join(' ')}/>${src}<target dev="${dev}" bus="${bus}"${g.maybe(0.05) ? ` removable="${g.odd(['on'], ['yes'])}"` : ''}/>${extra}${boot}${addr}</disk>`);
  }
  if (g.maybe(0.1)) out.push(`<disk type="file" device="floppy"><source file="/tmp/f.img"/><target dev="fda" bus="${g.odd(['fdc'], ['ide'])}"/></disk>`);
  return out.join('');
}

function others(c: Ctx): string {
  const { g, q35 } = c;
  const out: string[] = [];
  if (g.maybe(0.7)) {
    const model = g.odd(['virtio', 'e1000', 'e1000e', 'rtl8139', 'virtio'], ['virtio-transitional', 'pcnet', 'ne2k_pci', 'i82559er', 'usb-net'], 0.08);
    const boot = g.maybe(0.2) ? `<boot order="${g.odd(['1', '2', '3'], ['0'])}"/>` : '';
    const type = g.pick(['bridge', 'network', 'ethernet', 'user']);
    const src = type === 'bridge' ? '<source bridge="br-int"/>' : type === 'network' ? '<source network="default"/>' : '';
    out.push(`<interface type="${type}"><mac address="fa:16:3e:00:00:01"/>${src}${boot}<model type="${model}"/>${g.maybe(0.1) && model === 'virtio' ? `<driver name="vhost" queues="${g.odd(['2'], ['0'])}"${g.maybe(0.4) ? ` iommu="${g.odd(['on'], ['yes'])}"` : ''}/>` : ''}${pciAddr(c, 0.2)}</interface>`);
  }
  for (let i = 0; i < g.pick([0, 0, 1, 2, 3]); i++) {
    const kind = g.pick(['qemu-ga', 'spice', 'unix-named', 'pty-virtio', 'guestfwd']);
    let port = '';
    if (g.maybe(0.25)) port = `<address type="virtio-serial" controller="${g.odd(['0'], ['1'], 0.05)}" bus="0" port="${g.odd([String(i + 1), String(i + 2)], ['0', String(c.vserialPorts), String(c.vserialPorts + 1), '1'], 0.1)}"/>`;
    if (kind === 'qemu-ga') out.push(`<channel type="unix"><source mode="bind"/><target type="virtio" name="org.qemu.guest_agent.0"/>${port}</channel>`);
    else if (kind === 'spice') out.push(`<channel type="spicevmc"><target type="virtio" name="com.redhat.spice.0"/>${port}</channel>`);
    else if (kind === 'unix-named') out.push(`<channel type="unix"><source mode="${g.odd(['bind', 'connect'], ['listen'])}" path="/var/lib/x${i}.sock"/><target type="virtio" name="${g.odd([`org.example.ch${i}`], ['org.qemu.guest_agent.0', ''])}"/>${port}</channel>`);
    else if (kind === 'pty-virtio') out.push(`<channel type="pty"><target type="virtio"${g.maybe(0.6) ? ` name="com.example.${i}"` : ''}/>${port}</channel>`);
    else out.push(`<channel type="${g.odd(['pty', 'tcp'], ['unix'])}">${g.maybe(0.5) ? '<source mode="connect" host="127.0.0.1" service="4600"/>' : ''}<target type="guestfwd" address="${g.odd(['10.0.2.1'], ['', 'fe80::1'])}" port="${g.odd(['4600'], ['0', '70000', ''])}"/></channel>`);
  }
  if (g.maybe(0.3)) {
    const be = g.odd(['<backend model="random">/dev/urandom</backend>', '<backend model="builtin"/>', '<backend model="egd" type="unix"><source mode="connect" path="/run/egd.sock"/></backend>'], ['<backend model="random">/dev/hwrng</backend>', '<backend model="egd" type="tcp"><source mode="connect" host="localhost"/></backend>', '<backend model="egd" type="file"><source path="/dev/random"/></backend>', '<backend model="random"></backend>'], 0.12);
    out.push(`<rng model="${g.odd(['virtio', 'virtio-non-transitional'], ['virtio-transitional'], 0.05)}">${g.maybe(0.3) ? `<rate bytes="${g.odd(['1234', '1048576'], ['0'])}"${g.maybe(0.5) ? ` period="${g.odd(['2000'], ['0'])}"` : ''}/>` : ''}${be}${g.maybe(0.1) ? `<driver iommu="${g.odd(['on'], ['yes'])}"/>` : ''}${pciAddr(c, 0.2)}</rng>`);
    if (g.bad(0.04)) out.push('<rng model="virtio"><backend model="random">/dev/urandom</backend></rng>');
  }
  if (g.maybe(0.2)) {
    const model = g.odd(['tpm-crb', 'tpm-tis'], c.arm ? ['tpm-crb', 'tpm-tis', 'tpm-spapr'] : ['tpm-spapr', 'tpm-tis-device', 'bogus'], 0.15);
    const be = g.odd(['<backend type="emulator" version="2.0"/>', '<backend type="passthrough"><device path="/dev/tpm0"/></backend>'], ['<backend type="emulator" version="1.2"/>', '<backend type="passthrough"/>', '<backend type="emulator" version="3.0"/>', '<backend type="external"><source type="unix" mode="connect" path="/tmp/swtpm.sock"/></backend>'], 0.12);
    out.push(`<tpm model="${model}">${be}</tpm>`);
    if (g.bad(0.05)) out.push('<tpm model="tpm-crb"><backend type="emulator" version="2.0"/></tpm>');
  }
  if (g.maybe(0.25)) {
    const model = g.odd(c.arm ? ['i6300esb'] : ['i6300esb', q35 ? 'itco' : 'ib700'], ['diag288', q35 ? 'ib700' : 'itco', 'bogus'], 0.12);
    out.push(`<watchdog model="${model}" action="${g.odd(['reset', 'poweroff', 'inject-nmi', 'none', 'dump'], ['bogus'], 0.05)}">${model === 'i6300esb' ? pciAddr(c, 0.2) : ''}</watchdog>`);
    if (g.bad(0.05)) out.push(`<watchdog model="${g.pick(['i6300esb', q35 ? 'itco' : 'ib700'])}" action="reset"/>`);
  }
  if (g.maybe(0.6)) {
    const model = g.odd(['virtio', 'none', 'virtio'], ['virtio-transitional', 'xen'], 0.06);
    out.push(`<memballoon model="${model}"${g.maybe(0.15) ? ` autodeflate="${g.odd(['on'], ['yes'])}"` : ''}${g.maybe(0.15) ? ` freePageReporting="${g.odd(['on', 'off'], ['yes'])}"` : ''}>${model !== 'none' && g.maybe(0.3) ? `<stats period="${g.odd(['10'], ['-5'])}"/>` : ''}${model === 'none' ? '' : pciAddr(c, 0.2)}</memballoon>`);
  }
  // input / graphics / sound / video
  const inputs = g.pick([0, 1, 2, 3]);
  for (let i = 0; i < inputs; i++) {
    const type = g.pick(['tablet', 'mouse', 'keyboard', 'tablet']);
    const bus = g.odd(type === 'tablet' ? ['usb', 'virtio'] : ['ps2', 'usb', 'virtio'], type === 'tablet' ? ['ps2', 'xen'] : ['xen', 'none'], 0.08);
    out.push(`<input type="${type}" bus="${bus}"${bus === 'virtio' && g.maybe(0.2) ? ` model="${g.odd(['virtio', 'virtio-non-transitional'], ['bogus'])}"` : ''}/>`);
  }
  const gfx = g.pick(['vnc', 'spice', 'none', 'vnc', 'egl-headless', 'both']);
  if (gfx === 'vnc' || gfx === 'both') out.push(`<graphics type="vnc" port="${g.odd(['-1', '5901'], ['5899', '65536'], 0.06)}" autoport="${g.odd(['yes'], ['no'], 0.04)}"${g.maybe(0.3) ? ' listen="127.0.0.1"' : ''}${g.maybe(0.1) ? ` passwd="${g.odd(['secret'], ['x'.repeat(9)])}"` : ''}${g.maybe(0.1) ? ` sharePolicy="${g.odd(['allow-exclusive', 'force-shared', 'ignore'], ['bogus'])}"` : ''}/>`);
  if (gfx === 'spice' || gfx === 'both') out.push(`<graphics type="spice" autoport="yes">${g.maybe(0.3) ? `<channel name="${g.odd(['main', 'inputs', 'cursor'], ['bogus'])}" mode="${g.odd(['secure', 'insecure', 'any'], ['bogus'])}"/>` : ''}${g.maybe(0.2) ? `<streaming mode="${g.odd(['filter', 'all', 'off'], ['on'])}"/>` : ''}${g.maybe(0.1) ? `<mouse mode="${g.odd(['client', 'server'], ['bogus'])}"/>` : ''}</graphics>`);
  if (gfx === 'egl-headless') out.push(`<graphics type="egl-headless">${g.maybe(0.3) ? '<gl rendernode="/dev/dri/renderD128"/>' : ''}</graphics>`);
  if (g.maybe(0.2)) out.push(`<sound model="${g.odd([q35 ? 'ich9' : 'ich6', 'ac97', 'ich6', 'usb'], ['es1370', 'sb16', 'pcspk', 'ich7', 'bogus'], 0.1)}">${g.maybe(0.2) ? `<audio id="${g.odd(['1'], ['2', '0'])}"/>` : ''}</sound>`);
  if (g.maybe(0.1)) out.push(`<audio id="1" type="${g.odd(['none', 'spice', 'pulseaudio'], ['bogus'])}"/>`);
  const videos = gfx === 'none' ? g.pick([0, 1]) : g.pick([1, 1, 1, 2, 3]);
  let primaries = 0;
  for (let i = 0; i < videos; i++) {
    const model = g.odd(i === 0 ? ['virtio', 'qxl', 'vga', 'cirrus', 'bochs'] : ['qxl', 'virtio', 'bochs', 'ramfb'], ['none', 'vmvga', 'xen', 'cirrus', 'vga', 'ramfb'], 0.1);
    let prim = '';
    if (g.maybe(0.25) || (i > 0 && g.maybe(0.3))) {
      prim = g.odd(['yes'], ['yes', 'no'], 0.1);
      if (primaries && prim === 'yes' && !g.bad(0.5)) prim = 'no';
      if (prim === 'yes') primaries++;
    }
    const acc = g.maybe(0.1) ? `<acceleration accel3d="${g.odd(['no', 'yes'], ['on'])}"/>` : '';
    const mem = model === 'qxl' && g.maybe(0.3) ? ` ram="65536" vram="65536" vgamem="${g.odd(['16384'], ['1000', '16000'])}"` : model === 'virtio' && g.maybe(0.1) ? ` vram="16384"` : '';
    out.push(`<video><model type="${model}"${mem}${g.maybe(0.15) ? ` heads="${g.odd(['1', '2', '4'], ['0', '17'])}"` : ''}${prim ? ` primary="${prim}"` : ''}>${acc}</model>${model === 'none' ? '' : pciAddr(c, 0.2)}</video>`);
  }
  if (g.maybe(0.1)) {
    const drv = g.odd(['virtiofs', 'path'], ['handle', 'loop'], 0.1);
    out.push(`<filesystem type="${g.odd(['mount'], ['ram', 'block', 'bogus'], 0.05)}" accessmode="${drv === 'virtiofs' ? g.odd(['passthrough'], ['mapped', 'squash']) : g.odd(['mapped', 'passthrough', 'squash'], ['bogus'])}"><driver type="${drv}"/>${drv === 'virtiofs' && g.maybe(0.3) ? `<binary path="/usr/libexec/virtiofsd"${g.maybe(0.5) ? ` xattr="${g.odd(['on'], ['yes'])}"` : ''}/>` : ''}<source dir="/srv/share"/><target dir="${g.odd(['share'], ['', 'x'.repeat(40)])}"/>${pciAddr(c, 0.2)}</filesystem>`);
  }
  if (g.maybe(0.12)) {
    const kind = g.pick(['pci', 'usb', 'scsi', 'pci']);
    const boot = g.maybe(0.2) ? `<boot order="${g.odd(['5'], ['1', '0'])}"/>` : '';
    if (kind === 'pci') out.push(`<hostdev mode="subsystem" type="pci" managed="${g.odd(['yes', 'no'], ['on'])}"><source><address domain="0x0000" bus="0x${g.odd(['81', '3b'], ['100', 'zz'], 0.05)}" slot="0x${g.odd(['00', '1f'], ['20'], 0.05)}" function="0x${g.odd(['0', '1', '7'], ['8'], 0.05)}"/></source>${g.maybe(0.2) ? `<rom bar="${g.odd(['off', 'on'], ['no'])}"/>` : ''}${boot}${pciAddr(c, 0.2)}</hostdev>`);
    else if (kind === 'usb') out.push(`<hostdev mode="subsystem" type="usb"><source>${g.odd(['<vendor id="0x1234"/><product id="0xbeef"/>', '<address bus="2" device="4"/>'], ['<vendor id="0x1234"/>', ''])}</source>${boot}</hostdev>`);
    else out.push(`<hostdev mode="subsystem" type="scsi"${g.maybe(0.3) ? ` sgio="${g.odd(['filtered', 'unfiltered'], ['bogus'])}"` : ''}><source><adapter name="${g.odd(['scsi_host0'], ['host0', ''])}"/><address bus="0" target="${g.odd(['0', '1'], ['-1'])}" unit="0"/></source>${g.maybe(0.3) ? '<readonly/>' : ''}${boot}${c.scsi && g.maybe(0.4) ? `<address type="drive" controller="0" bus="0" target="${g.odd(['4'], ['0'])}" unit="0"/>` : ''}</hostdev>`);
  }
  if (g.maybe(0.06)) out.push(`<vsock model="${g.odd(['virtio'], ['bogus'])}"><cid auto="${g.odd(['yes', 'no'], ['on'])}"${g.maybe(0.5) ? ` address="${g.odd(['3', '42'], ['0', '2'])}"` : ''}/></vsock>`);
  if (g.maybe(0.05)) out.push(`<smartcard mode="${g.odd(['host'], ['passthrough'])}"/>`);
  if (g.maybe(0.05)) out.push(`<redirdev bus="usb" type="${g.odd(['spicevmc'], ['bogus', 'pty'])}"/>`);
  if (g.maybe(0.05)) out.push(`<panic model="${g.odd(c.arm ? ['pvpanic'] : ['isa', 'pvpanic', 'hyperv'], ['s390', 'pseries'])}"/>`);
  return out.join('');
}

function cpuAndNuma(c: Ctx, memKiB: number): { cpu: string; numatune: string } {
  const { g } = c;
  const mode = c.arm ? g.pick(['host-passthrough', 'custom', 'maximum']) : g.odd(['host-model', 'host-passthrough', 'custom', 'maximum'], ['host', 'bogus'], 0.04);
  const model = mode === 'custom' ? `<model fallback="allow">${c.arm ? g.odd(['cortex-a57', 'max'], ['Haswell']) : g.odd(['Skylake-Client', 'qemu64', 'EPYC'], ['cortex-a57'], 0.05)}</model>` : '';
  let numa = '';
  if (c.cells) {
    const per = c.vcpus / c.cells;
    const mem = memKiB / c.cells;
    const cells: string[] = [];
    for (let i = 0; i < c.cells; i++) {
      let id = String(i);
      if (g.bad(0.08)) id = g.pick([` ${i}`, `${i} `, String(i + 1), `0${i}`, `+${i}`]);
      let cpus = per === 1 ? String(i) : `${i * per}-${(i + 1) * per - 1}`;
      if (g.bad(0.05)) cpus = g.pick([' 0', '0-', `${i * per}`, `${c.vcpus}-${c.vcpus + 1}`]);
      const dist = c.cells > 1 && g.maybe(0.2) ? `<distances>${Array.from({ length: c.cells }, (_, j) => `<sibling id="${j}" value="${i === j ? g.odd(['10'], ['20', '9']) : '20'}"/>`).join('')}</distances>` : '';
      const close = dist ? '>' + dist + '</cell>' : '/>';
      cells.push(`<cell id="${id}" cpus="${cpus}" memory="${g.odd([String(mem)], ['0', String(mem * 2)], 0.04)}" unit="KiB"${g.maybe(0.1) ? ` memAccess="${g.odd(['shared'], ['bogus'])}"` : ''}${g.maybe(0.05) ? ` discard="${g.odd(['yes', 'no'], ['on'])}"` : ''}${close}`);
    }
    numa = `<numa>${cells.join('')}</numa>`;
  }
  const topo = g.maybe(0.4) ? `<topology sockets="${g.odd([String(c.vcpus)], ['1', '3'], 0.08)}" cores="1" threads="1"/>` : '';
  const cpu = mode || numa ? `<cpu mode="${mode}">${model}${topo}${numa}</cpu>` : '';
  let numatune = '';
  if (g.maybe(c.cells ? 0.5 : 0.1)) {
    const m = `<memory mode="${g.odd(['strict', 'interleave', 'preferred', 'restrictive'], ['bogus'], 0.05)}" ${g.odd(['nodeset="0"', 'nodeset="0-1"', 'placement="auto"'], ['nodeset=""', 'placement="static"', 'nodeset="0" placement="auto"'], 0.08)}/>`;
    const nodes: string[] = [];
    if (g.maybe(0.6)) {
      const count = g.odd([Math.max(1, c.cells)], [c.cells + 1], 0.1);
      for (let i = 0; i < count; i++) nodes.push(`<memnode cellid="${g.odd([String(i)], [String(i + 5), '0'], 0.06)}" mode="${g.odd(['strict', 'preferred', 'interleave'], ['bogus'], 0.05)}" nodeset="${g.odd([String(i)], [''], 0.05)}"/>`);
    }
    numatune = `<numatune>${m}${nodes.join('')}</numatune>`;
  }
  return { cpu, numatune };
}

function tuning(c: Ctx): string {
  const { g } = c;
  const out: string[] = [];
  if (g.maybe(0.25)) {
    const dev = g.maybe(0.3) ? `<device><path>${g.odd(['/dev/sda'], ['sda'])}</path><weight>${g.odd(['500'], ['5', '1001'])}</weight>${g.maybe(0.3) ? `<read_bytes_sec>${g.odd(['1000000'], ['-1'])}</read_bytes_sec>` : ''}</device>` : '';
    out.push(`<blkiotune>${g.maybe(0.7) ? `<weight>${g.odd(['100', '500', '1000'], ['0', '5', '1001', '99'], 0.1)}</weight>` : ''}${dev}</blkiotune>`);
  }
  if (g.maybe(0.15)) out.push(`<memtune><hard_limit unit="KiB">${g.odd(['4194304'], ['10'])}</hard_limit>${g.maybe(0.5) ? `<soft_limit unit="KiB">${g.odd(['2097152'], ['8388608'])}</soft_limit>` : ''}${g.maybe(0.3) ? `<swap_hard_limit unit="KiB">${g.odd(['8388608'], ['1024'])}</swap_hard_limit>` : ''}</memtune>`);
  if (g.maybe(0.35)) {
    const parts: string[] = [];
    if (g.maybe(0.5)) parts.push(`<shares>${g.odd(['1024', '2048'], ['0', '262145'], 0.08)}</shares>`);
    if (g.maybe(0.3)) parts.push(`<period>${g.odd(['100000'], ['999', '1000001'])}</period><quota>${g.odd(['50000', '-1'], ['999', '-2', '17592186044416'])}</quota>`);
    if (g.maybe(0.4)) for (let i = 0; i < Math.min(c.vcpus, 2); i++) parts.push(`<vcpupin vcpu="${g.odd([String(i)], [String(c.vcpus), '-1'], 0.06)}" cpuset="${g.odd(['0', '1-2', '0,2'], ['', '^0', '1-0'], 0.06)}"/>`);
    if (g.maybe(0.2)) parts.push(`<emulatorpin cpuset="${g.odd(['0-1'], ['x'])}"/>`);
    if (c.iothreads && g.maybe(0.3)) parts.push(`<iothreadpin iothread="${g.odd(['1'], [String(c.iothreads + 1), '0'])}" cpuset="1"/>`);
    if (g.maybe(0.15)) parts.push(`<vcpusched vcpus="0" scheduler="${g.odd(['fifo', 'rr'], ['batch', 'bogus'])}"${g.maybe(0.6) ? ` priority="${g.odd(['1', '50'], ['0', '100'])}"` : ''}/>`);
    if (g.maybe(0.1)) parts.push(`<emulator_period>${g.odd(['100000'], ['10'])}</emulator_period>`);
    if (g.bad(0.03)) parts.push('<vcpupin vcpu="0" cpuset="1"/><vcpupin vcpu="0" cpuset="2"/>');
    out.push(`<cputune>${parts.join('')}</cputune>`);
  }
  return out.join('');
}

function osPart(c: Ctx, machine: string): string {
  const { g } = c;
  const arch = c.arm ? 'aarch64' : g.odd(['x86_64'], ['i686'], 0.02);
  const parts = [`<type arch="${arch}" machine="${machine}">hvm</type>`];
  const f = c.arm ? g.pick(['efi', 'loader']) : g.pick(['bios', 'bios', 'efi', 'loader', 'loader-nvram']);
  let attr = '';
  if (f === 'efi') {
    attr = ` firmware="${g.odd(['efi'], ['bios', 'uefi'], 0.05)}"`;
    if (g.maybe(0.3)) parts.push(`<firmware><feature enabled="${g.odd(['yes', 'no'], ['on'])}" name="${g.odd(['secure-boot', 'enrolled-keys'], ['bogus'])}"/></firmware>`);
    if (g.maybe(0.2)) parts.push(`<loader${g.maybe(0.5) ? ' secure="yes"' : ''}${g.maybe(0.3) ? ` type="${g.odd(['pflash'], ['rom'])}"` : ''}/>`);
    if (g.maybe(0.2)) parts.push(`<nvram>/var/lib/libvirt/qemu/nvram/${g.odd(['x_VARS.fd'], ['x_VARS.fd'])}</nvram>`);
  } else if (f === 'loader' || f === 'loader-nvram') {
    const code = c.arm ? '/usr/share/AAVMF/AAVMF_CODE.fd' : g.odd(['/usr/share/OVMF/OVMF_CODE.fd', '/usr/share/OVMF/OVMF_CODE_4M.fd'], ['OVMF_CODE.fd', ''], 0.05);
    const secure = g.maybe(0.25) ? ` secure="${g.odd(['yes', 'no'], ['on'])}"` : '';
    parts.push(`<loader readonly="${g.odd(['yes'], ['no', 'on'], 0.05)}"${secure} type="${g.odd(['pflash'], ['rom', 'bogus'], 0.05)}">${code}</loader>`);
    if (f === 'loader-nvram' || g.maybe(0.4)) parts.push(`<nvram${g.maybe(0.5) ? ` template="${g.odd(['/usr/share/OVMF/OVMF_VARS.fd'], ['OVMF_VARS.fd'])}"` : ''}>${g.odd(['/var/lib/libvirt/qemu/nvram/x_VARS.fd'], ['x_VARS.fd', ''])}</nvram>`);
  }
  if (c.bootDev) parts.push(g.pick(['<boot dev="hd"/>', '<boot dev="cdrom"/><boot dev="hd"/>', '<boot dev="network"/>', '<boot dev="fd"/>']));
  if (g.maybe(0.1)) parts.push(`<bootmenu enable="${g.odd(['yes'], ['on'])}"/>`);
  if (g.maybe(0.05)) parts.push(`<kernel>${g.odd(['/boot/vmlinuz'], [''])}</kernel>${g.maybe(0.5) ? '<cmdline>console=ttyS0</cmdline>' : ''}`);
  if (g.maybe(0.05)) parts.push(`<acpi><table type="${g.odd(['slic'], ['bogus'])}">/tmp/slic.dat</table></acpi>`);
  return `<os${attr}>${parts.join('')}</os>`;
}

function features(c: Ctx): string {
  const { g } = c;
  const f: string[] = [];
  if (g.odd([true], [false], 0.04)) f.push('<acpi/>');
  if (!c.arm && g.maybe(0.7)) f.push('<apic/>');
  if (c.arm && g.maybe(0.5)) f.push(`<gic version="${g.odd(['2', '3', 'host'], ['4', 'bogus'])}"/>`);
  if (!c.arm && g.bad(0.03)) f.push('<gic version="3"/>');
  if (g.maybe(0.15)) f.push(`<smm state="${g.odd(['on', 'off'], ['yes'])}"${g.maybe(0.3) ? `><tseg unit="MiB">${g.odd(['48'], ['0'])}</tseg></smm>` : '/>'}`);
  if (g.maybe(0.1)) f.push(`<vmport state="${g.odd(['off'], ['on'])}"/>`);
  if (g.maybe(0.1)) f.push(`<pvspinlock state="${g.odd(['on', 'off'], ['yes'])}"/>`);
  if (g.maybe(0.1)) f.push(`<kvm><hint-dedicated state="${g.odd(['on'], ['off'])}"/>${g.maybe(0.5) ? `<poll-control state="on"/>` : ''}</kvm>`);
  if (g.maybe(0.08)) f.push(`<msrs unknown="${g.odd(['ignore', 'fault'], ['bogus'])}"/>`);
  if (g.maybe(0.08)) f.push(`<ioapic driver="${g.odd(['kvm', 'qemu'], ['bogus'])}"/>`);
  if (g.maybe(0.05)) f.push(`<hpt resizing="${g.odd(['enabled'], ['on'])}"/>`);
  if (g.maybe(0.08)) f.push(`<hyperv mode="custom"><relaxed state="on"/><spinlocks state="on" retries="${g.odd(['8191'], ['100'])}"/>${g.maybe(0.4) ? '<stimer state="on"/>' : ''}${g.maybe(0.3) ? `<tlbflush state="on"/>` : ''}</hyperv>`);
  return f.length ? `<features>${f.join('')}</features>` : '';
}

function clock(c: Ctx): string {
  const { g } = c;
  if (!g.maybe(0.7)) return '';
  const t: string[] = [];
  const names = c.arm ? ['kvmclock', 'armvtimer', 'rtc'] : ['pit', 'rtc', 'hpet', 'kvmclock', 'tsc', 'hypervclock'];
  for (const n of names) {
    if (!g.maybe(0.35)) continue;
    if (n === 'pit') t.push(`<timer name="pit" tickpolicy="${g.odd(['delay', 'catchup', 'discard'], ['merge'])}"${g.maybe(0.1) ? '><catchup threshold="123" slew="120" limit="10000"/></timer>' : '/>'}`);
    else if (n === 'rtc') t.push(`<timer name="rtc" tickpolicy="${g.odd(['catchup', 'delay'], ['merge', 'discard'], 0.06)}"${g.maybe(0.3) ? ` track="${g.odd(['guest', 'wall', 'realtime'], ['boot'])}"` : ''}/>`);
    else if (n === 'hpet') t.push(`<timer name="hpet" present="${g.odd(['no', 'yes'], ['off'], 0.04)}"${g.bad(0.03) ? ' tickpolicy="delay"' : ''}/>`);
    else if (n === 'kvmclock') t.push(`<timer name="kvmclock" present="${g.odd(['yes'], ['no'])}"/>`);
    else if (n === 'tsc') t.push(`<timer name="tsc" ${g.odd(['frequency="2500000000"', 'mode="native"'], ['mode="paravirt"', 'frequency="0"', 'mode="bogus"'])}/>`);
    else if (n === 'armvtimer') t.push(`<timer name="armvtimer" tickpolicy="${g.odd(['delay', 'discard'], ['catchup'])}"/>`);
    else t.push(`<timer name="${n}" present="yes"/>`);
  }
  if (g.bad(0.03)) t.push('<timer name="rtc" present="yes"/>');
  const off = g.pick(['utc', 'localtime', 'utc', 'variable']);
  return `<clock offset="${off}"${off === 'variable' ? ` adjustment="${g.odd(['3600', '-60'], ['reset'])}" basis="utc"` : ''}>${t.join('')}</clock>`;
}

/** One document of seed s. */
export function hunt43Document(seed: number, name: string): string {
  const g = new Chooser(rng(seed), Math.floor(rng(seed ^ 0x43)() * 3), 0.05);
  const arm = g.maybe(0.06);
  const q35 = !arm && g.maybe(0.55);
  const machine = arm ? g.pick(['virt', 'virt-7.2']) : q35 ? g.pick(['q35', 'pc-q35-7.2', 'q35']) : g.pick(['pc', 'pc-i440fx-7.2', 'pc']);
  const memKiB = g.pick([1048576, 2097152, 4194304]);
  const vcpus = g.pick([1, 2, 4, 4, 8]);
  const iothreads = g.maybe(0.3) ? g.pick([1, 2, 4]) : 0;
  const cells = g.maybe(0.25) ? g.pick([1, 2].filter((n) => vcpus % n === 0)) : 0;
  const c: Ctx = { g, q35, arm, iothreads, cells, vcpus, bootDev: g.maybe(0.25), nextSlot: 3, scsi: false, vserialPorts: 0 };
  const head: string[] = [`<name>${name}</name>`, `<memory unit="KiB">${memKiB}</memory>`];
  head.push(`<vcpu placement="static">${vcpus}</vcpu>`);
  if (iothreads) {
    head.push(`<iothreads>${iothreads}</iothreads>`);
    if (g.maybe(0.3)) head.push(`<iothreadids>${Array.from({ length: iothreads }, (_, i) => `<iothread id="${g.odd([String(i + 1)], ['0', '1'], 0.06)}"/>`).join('')}</iothreadids>`);
  } else if (g.bad(0.03)) head.push('<iothreads>0</iothreads>');
  head.push(tuning(c));
  const { cpu, numatune } = cpuAndNuma(c, memKiB);
  head.push(numatune);
  head.push(osPart(c, machine));
  head.push(features(c));
  head.push(cpu);
  head.push(clock(c));
  if (g.maybe(0.1)) head.push(`<pm><suspend-to-mem enabled="no"/><suspend-to-disk enabled="${g.odd(['no'], ['off'])}"/></pm>`);
  const devs = [
    arm ? g.odd(['<emulator>/usr/bin/qemu-system-aarch64</emulator>'], ['<emulator>/usr/bin/qemu-system-x86_64</emulator>'], 0.5) : g.maybe(0.3) ? '<emulator>/usr/bin/qemu-system-x86_64</emulator>' : '',
  ];
  const ctl = controllers(c);
  devs.push(disks(c), ctl, others(c));
  return `<domain type="qemu">${head.join('')}<devices>${devs.join('')}</devices></domain>\n`;
}

export function hunt43Domains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`hunt43-${seed}-${i}`, hunt43Document(seed * 7919 + i, `bdm-lab-h43-${seed}-${i}`)]);
  return out;
}
