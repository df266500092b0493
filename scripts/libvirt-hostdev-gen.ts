/**
 * Seeded whole domains about host devices and their guest addresses, labelled with libvirt itself
 * and compared with bdm-lab's verdict: SCSI host devices (<hostdev type="scsi">, adapter or iSCSI
 * source) with or without <address type="drive"> on SCSI controllers of every model (written,
 * or added by libvirt), SCSI disks beside them with names that imply a unit or with their own
 * drive addresses, USB host devices (vendor/product or bus/device) with or without
 * <address type="usb"> on USB controllers, ports and hubs, and a few PCI, vhost-SCSI and
 * mediated host devices; each device may get an address of another kind, sgio/rawio, readonly or
 * shareable. Most values are ordinary; a document takes a few doubtful ones.
 *   node --import tsx scripts/libvirt-hostdev-gen.ts [URI] [--seed N] [--count N] [--dump DIR] [--words]
 * Exit 0 when every verdict agrees (error or not); --dump writes each disagreeing document there
 * (its name says which way), ready to become a fixture of test/fixtures/libvirtdomain/; --words
 * also counts as a disagreement a document both refuse where no finding of bdm-lab's carries
 * libvirt's error (its words after the category prefix; schema refusals have none to compare).
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { rng } from './prng.mjs';

type Rand = () => number;

class Gen {
  constructor(private readonly r: Rand, private budget: number) {}
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)]!;
  }
  maybe(p: number): boolean {
    return this.r() < p;
  }
  odd<T>(good: readonly T[], bad: readonly T[], p = 0.15): T {
    if (this.budget > 0 && bad.length && this.r() < p) {
      this.budget--;
      return this.pick(bad);
    }
    return this.pick(good);
  }
}

const SCSI_MODELS = ['virtio-scsi', 'virtio-scsi', 'lsilogic', 'lsilogic'];
const SCSI_MODELS_ODD = ['lsisas1068', 'lsisas1078', 'ncr53c90', 'dc390', 'am53c974', 'buslogic', 'vmpvscsi', 'virtio-transitional', 'auto'];

function drive(controller: number | string, bus: number | string, target: number | string, unit: number | string): string {
  return `<address type="drive" controller="${controller}" bus="${bus}" target="${target}" unit="${unit}"/>`;
}

function otherAddress(g: Gen, not: string): string {
  const all: Record<string, string> = {
    pci: '<address type="pci" domain="0x0000" bus="0x00" slot="0x0b" function="0x0"/>',
    usb: '<address type="usb" bus="0" port="1"/>',
    drive: drive(0, 0, 0, 3),
    ccw: '<address type="ccw" cssid="0xfe" ssid="0x0" devno="0x0001"/>',
    unassigned: '<address type="unassigned"/>',
    isa: '<address type="isa" iobase="0x300"/>',
  };
  return all[g.pick(Object.keys(all).filter((k) => k !== not))]!;
}

function scsiHostdevAddress(g: Gen): string {
  const kind = g.odd(['none', 'drive', 'drive'], ['other', 'far']);
  if (kind === 'none') return '';
  if (kind === 'other') return otherAddress(g, 'drive');
  if (kind === 'far') return drive(g.pick([0, 1, 3]), g.pick([0, 1]), g.pick([0, 1, 7, 8, 300]), g.pick([0, 7, 8, 16, 255, 256, 16383, 16384]));
  return drive(g.odd([0, 0, 0, 1], [2, 3]), g.odd([0], [1, 2]), g.odd([0, 0, 0, 1], [2, 5]), g.odd([0, 1, 2, 3, 4, 5, 6], [7, 8, 15, 16]));
}

function scsiHostdev(g: Gen, n: number): string {
  const iscsi = g.maybe(0.2);
  const src = iscsi
    ? `<source protocol="iscsi" name="iqn.2014-08.com.example:iscsi-pool/${g.pick([1, 2, n])}"><host name="10.0.0.1" port="3260"/></source>`
    : `<source><adapter name="scsi_host${g.pick([0, 0, 1])}"/><address bus="0" target="${g.pick([0, 1])}" unit="${g.odd([n], [0, 1])}"/></source>`;
  const sgio = g.maybe(0.15) ? ` sgio="${g.odd(['filtered'], ['unfiltered'])}"` : '';
  const rawio = g.maybe(0.1) ? ` rawio="${g.pick(['yes', 'no'])}"` : '';
  const managed = g.maybe(0.3) ? ` managed="${g.pick(['yes', 'no'])}"` : '';
  const flags = g.maybe(0.15) ? g.pick(['<readonly/>', '<shareable/>']) : '';
  return `<hostdev mode="subsystem" type="scsi"${managed}${sgio}${rawio}>${src}${flags}${scsiHostdevAddress(g)}</hostdev>`;
}

function usbPort(g: Gen, hub: boolean): string {
  return g.odd(hub ? ['1', '2', '1.1', '1.2', '1.5'] : ['1', '2'], ['3', '4', '5', '7', '2.1', '1.9', '0', '1.0', '16']);
}

function usbHostdev(g: Gen, hub: boolean): string {
  const src = g.maybe(0.6)
    ? `<source${g.maybe(0.1) ? ` startupPolicy="${g.pick(['optional', 'mandatory', 'requisite'])}"` : ''}><vendor id="${g.pick(['0x1234', '0x046d'])}"/><product id="${g.pick(['0xbeef', '0xc52b'])}"/></source>`
    : `<source><address bus="${g.pick([1, 2])}" device="${g.pick([3, 4, 5])}"/></source>`;
  const kind = g.odd(['none', 'usb', 'usb'], ['other']);
  const address = kind === 'none' ? '' : kind === 'other' ? otherAddress(g, 'usb') : `<address type="usb" bus="${g.odd([0], [1, 2])}" port="${usbPort(g, hub)}"/>`;
  const extra = g.maybe(0.05) ? ` sgio="filtered"` : '';
  return `<hostdev mode="subsystem" type="usb" managed="${g.pick(['yes', 'no'])}"${extra}>${src}${g.maybe(0.1) ? '<boot order="5"/>' : ''}${address}</hostdev>`;
}

function scsiDisk(g: Gen, i: number): string {
  const dev = `sd${'abcdefgh'[g.pick([i, i, i + 1, 7])]}`;
  const addr = g.maybe(0.35) ? drive(g.odd([0, 0, 1], [2]), g.odd([0], [1]), g.odd([0, 0, 1], [3]), g.pick([0, 1, 2, 3, 6, 7])) : '';
  return `<disk type="file" device="${g.pick(['disk', 'disk', 'cdrom'])}"><driver name="qemu" type="raw"/><source file="/var/lib/libvirt/images/${dev}-${i}.img"/><target dev="${dev}" bus="scsi"/>${addr}</disk>`;
}

function others(g: Gen): string {
  const out: string[] = [];
  if (g.maybe(0.15)) out.push(`<hostdev mode="subsystem" type="pci" managed="yes"><source><address domain="0x0000" bus="0x06" slot="0x00" function="0x0"/></source>${g.odd([''], [otherAddress(g, 'pci')], 0.5)}</hostdev>`);
  if (g.maybe(0.1)) out.push(`<hostdev mode="subsystem" type="scsi_host"><source protocol="vhost" wwpn="naa.5123456789abcde0"/>${g.odd([''], [otherAddress(g, 'pci')], 0.5)}</hostdev>`);
  if (g.maybe(0.08)) out.push(`<hostdev mode="subsystem" type="mdev" model="vfio-pci"><source><address uuid="53764d0e-85a0-42b4-af5c-2046b460b1d0"/></source>${g.odd([''], [otherAddress(g, 'pci')], 0.5)}</hostdev>`);
  if (g.maybe(0.1)) out.push(`<disk type="file" device="disk"><source file="/var/lib/libvirt/images/u.img"/><target dev="sdz" bus="usb"/></disk>`);
  if (g.maybe(0.15)) out.push('<input type="tablet" bus="usb"/>');
  return out.join('');
}

export function hostdevDocument(seed: number, name: string): string {
  const r = rng(seed);
  const g = new Gen(r, r() < 0.4 ? 0 : r() < 0.8 ? 1 : 2);
  const machine = g.pick(['pc', 'pc', 'q35']);
  const dev: string[] = [];
  const nScsiCtl = g.pick([0, 1, 1, 1, 2]);
  for (let i = 0; i < nScsiCtl; i++) {
    const model = g.odd(SCSI_MODELS, SCSI_MODELS_ODD, 0.3);
    dev.push(`<controller type="scsi" index="${g.odd([i], [i + 1, 0])}"${g.maybe(0.15) ? '' : ` model="${model}"`}/>`);
  }
  const usbCtl = g.maybe(0.35) ? g.pick(['<controller type="usb" index="0" model="qemu-xhci" ports="8"/>', '<controller type="usb" index="0" model="piix3-uhci"/>', '<controller type="usb" index="0" model="ehci"/>', '<controller type="usb" index="0" model="nec-xhci"/>', '<controller type="usb" index="0" model="qemu-xhci"/><controller type="usb" index="1" model="piix3-uhci"/>']) : '';
  dev.push(usbCtl);
  const hub = g.maybe(0.25);
  if (hub) dev.push('<hub type="usb"><address type="usb" bus="0" port="1"/></hub>');
  const nDisks = g.pick([0, 0, 1, 2, 3]);
  for (let i = 0; i < nDisks; i++) dev.push(scsiDisk(g, i));
  const nScsi = g.pick([0, 1, 1, 2, 3, 4]);
  for (let i = 0; i < nScsi; i++) dev.push(scsiHostdev(g, i));
  const nUsb = g.pick([0, 0, 1, 2, 3]);
  for (let i = 0; i < nUsb; i++) dev.push(usbHostdev(g, hub));
  dev.push(others(g));
  // the devices in a shuffled order now and then: libvirt keeps disks and hostdevs in lists of their own
  if (g.maybe(0.2)) dev.reverse();
  return `<domain type="qemu"><name>${name}</name><memory unit="MiB">64</memory><os><type arch="x86_64" machine="${machine}">hvm</type></os><features><acpi/></features><devices>${dev.join('')}</devices></domain>\n`;
}

export function hostdevDomains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`hostdev-${seed}-${i}`, hostdevDocument(seed * 100003 + i, `bdm-lab-hostdev-${seed}-${i}`)]);
  return out;
}

function option(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}

async function main(): Promise<number> {
  const { analyzeLibvirtXml } = await import('../server/src/libvirtxml');
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1]!.startsWith('--')));
  const URI = positional[0] ?? 'qemu:///system';
  const SEED = Number(option('--seed', '501'));
  const COUNT = Number(option('--count', '200'));
  const DUMP = option('--dump', '');
  const WORDS = process.argv.includes('--words');
  const words = (msg: string) => msg.replace(/^error: /, '').replace(/^(XML error|unsupported configuration|internal error|invalid argument|operation failed): /, '').trim();
  const work = mkdtempSync(join(tmpdir(), 'bdm-lab-hostdev-'));
  let agree = 0;
  let refused = 0;
  const docs = hostdevDomains(SEED, COUNT);
  try {
    for (const [f, text] of docs) {
      const file = join(work, 'd.xml');
      const name = /<name>([^<]*)<\/name>/.exec(text)![1]!;
      writeFileSync(file, text);
      let msg: string | null = null;
      try {
        execFileSync('virsh', ['-c', URI, 'define', '--validate', file], { stdio: 'pipe', timeout: 20_000 });
        execFileSync('virsh', ['-c', URI, 'undefine', name], { stdio: 'pipe', timeout: 20_000 });
      } catch (e) {
        msg = String((e as { stderr?: Buffer }).stderr ?? '').split('\n').filter(Boolean).slice(-1)[0] ?? 'failed';
      }
      const errors = analyzeLibvirtXml(text).problems.filter((p) => p.severity === 'error');
      if (msg !== null) refused++;
      const wordsMissing = WORDS && msg !== null && errors.length > 0 && !/failed to validate/.test(msg) && !errors.some((p) => p.message.includes(words(msg)));
      if ((errors.length === 0) === (msg === null) && !wordsMissing) {
        agree++;
        continue;
      }
      const kind = wordsMissing ? 'words' : msg === null ? 'false-error' : 'missed';
      if (DUMP) writeFileSync(join(DUMP, `${kind}-${f}.xml`), text);
      console.log(`${f}: libvirt ${msg === null ? 'accepts' : `refuses (${msg})`}, bdm-lab ${errors.length ? `refuses (${errors.map((p) => `${p.id}: ${p.message}`).join(' | ')})` : 'accepts'}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${agree}/${docs.length} host-device domains (seed ${SEED}; ${refused} refused by libvirt): bdm-lab's verdict agrees with ${URI} define --validate`);
  return agree === docs.length ? 0 : 1;
}

if (process.argv[1] && /libvirt-hostdev-gen\.ts$/.test(process.argv[1])) main().then((c) => { process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 2; });
