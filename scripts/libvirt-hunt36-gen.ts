/**
 * Seeded documents for round 36 of the libvirt hunt (scripts/libvirt-hunt34-check.ts --round 36):
 * the <disk> element and its children. A third of the documents are a lone <disk> (the checker
 * wraps it in a small qemu domain, as scripts/libvirt-define-check.ts does); the rest are round
 * 35's domains (scripts/libvirt-hunt35-gen.ts) with their disks replaced by this round's. A disk
 * varies its type (file, block, network, volume, dir, nvme, vhostuser), its <source> per type
 * (network protocols with hosts, transports, auth, snapshot, reconnect, cookies, readahead,
 * timeout, ssl verify), <driver> attributes, <target>, <address>, <boot>, <readonly>,
 * <shareable>, <transient>, <serial>, <wwn>, <vendor>, <product>, <blockio>, <geometry>,
 * <iotune>, <encryption>, <backingStore>, <mirror>, the device kind with sgio and rawio,
 * startupPolicy, snapshot= and model=. Each part has ordinary values and doubtful ones from a
 * small budget per document (the shared Chooser, scripts/libvirt-gen-lib.ts). Same seed, same
 * documents.
 */
import { rng } from './prng.mjs';
import { Chooser } from './libvirt-gen-lib';
import { hunt35Document } from './libvirt-hunt35-gen';

const PROTOCOLS = ['rbd', 'rbd', 'iscsi', 'iscsi', 'nbd', 'gluster', 'http', 'https', 'ftp', 'ftps', 'sheepdog', 'vxhs', 'nfs', 'tftp'];
const PORTS: Readonly<Record<string, string>> = { rbd: '6789', iscsi: '3260', nbd: '10809', gluster: '24007', http: '80', https: '443', ftp: '21', ftps: '990', sheepdog: '7000', vxhs: '9999', nfs: '2049', ssh: '22', tftp: '69' };
const PREFIX: Readonly<Record<string, string>> = { virtio: 'vd', sata: 'sd', scsi: 'sd', usb: 'sd', ide: 'hd', fdc: 'fd' };

function host(g: Chooser, protocol: string): string {
  const transport = protocol !== 'nfs' && g.maybe(0.2) ? ` transport="${g.odd(protocol === 'gluster' || protocol === 'nbd' ? ['tcp', 'unix'] : ['tcp'], ['rdma', 'unix', 'bogus'])}"` : '';
  if (/unix/.test(transport)) return `<host transport="unix"${g.bad(0.3) ? '' : ' socket="/run/x.sock"'}${g.bad(0.2) ? ' name="h"' : ''}/>`;
  const port = g.maybe(0.7) ? ` port="${g.odd([PORTS[protocol] ?? '1'], ['0', '70000', 'x'], 0.1)}"` : '';
  return `<host name="${g.odd(['10.0.0.1', 'storage.example.com'], [''], 0.05)}"${port}${transport}/>`;
}

function auth(g: Chooser, protocol: string): string {
  const own = protocol === 'rbd' || protocol === 'iscsi';
  if (!(own ? g.maybe(0.4) : g.bad(0.04))) return '';
  const type = g.odd([protocol === 'rbd' ? 'ceph' : 'iscsi'], ['ceph', 'iscsi', 'bogus'], 0.1);
  const secret = g.odd([`usage="${protocol}-secret"`, 'uuid="c7a5fdbd-cdaf-9455-926a-d65c16db1809"'], ['', 'usage="a" uuid="c7a5fdbd-cdaf-9455-926a-d65c16db1809"', 'uuid="nope"'], 0.1);
  return `<auth username="${g.odd(['admin'], [''], 0.05)}"><secret type="${type}" ${secret}/></auth>`;
}

function networkSource(g: Chooser): { src: string; protocol: string } {
  const protocol = g.odd(PROTOCOLS, ['bogus', 'ssh'], 0.05);
  const name = protocol === 'nbd' && g.maybe(0.4) ? '' : ` name="${protocol === 'iscsi' ? g.odd(['iqn.2013-07.com.example:iscsi-pool/1'], ['iqn.2013-07.com.example:iscsi-pool/x']) : protocol === 'rbd' ? 'pool/image' : '/images/disk.img'}"`;
  const hosts = (protocol === 'rbd' ? [0, 1, 2].slice(0, g.pick([0, 1, 1, 3])) : g.bad(0.1) ? [] : g.bad(0.1) ? [0, 1] : [0]).map(() => host(g, protocol)).join('');
  const identity = protocol === 'nfs' && !g.bad(0.2) ? `<identity user="${g.odd(['qemu'], [''])}" group="qemu"/>` : '';
  const parts: string[] = [hosts, identity, auth(g, protocol)];
  let attrs = '';
  if (protocol === 'nbd' && g.maybe(0.2)) attrs += ` tls="${g.odd(['yes', 'no'], ['maybe'])}"`;
  if (/^(https?|ftps?)$/.test(protocol) || g.bad(0.03)) {
    if ((/^(https|ftps)$/.test(protocol) && g.maybe(0.3)) || g.bad(0.03)) parts.push(`<ssl verify="${g.odd(['yes', 'no'], ['maybe'])}"/>`);
    if ((/^https?$/.test(protocol) && g.maybe(0.3)) || g.bad(0.03)) parts.push(`<cookies><cookie name="${g.odd(['session'], ['bad name', ''])}">${g.odd(['abc123'], ['a;b'])}</cookie></cookies>`);
    if (g.maybe(0.3)) parts.push(`<readahead size="${g.odd(['65536'], ['0', 'x'])}"/>`);
    if (g.maybe(0.3)) parts.push(`<timeout seconds="${g.odd(['10'], ['0', '-1'])}"/>`);
  }
  if (protocol === 'rbd' || g.bad(0.03)) {
    if (g.maybe(0.2)) parts.push(`<config file="${g.odd(['/etc/ceph/ceph.conf'], [''])}"/>`);
    if (g.maybe(0.2)) parts.push(`<snapshot name="${g.odd(['snap1'], [''])}"/>`);
  }
  if (protocol === 'nbd' || g.bad(0.02)) if (g.maybe(0.2)) parts.push(`<reconnect delay="${g.odd(['10'], ['0', 'x'])}"/>`);
  if (protocol === 'iscsi' && g.maybe(0.2)) parts.push(`<initiator><iqn name="${g.odd(['iqn.2013-07.com.example:client'], [''])}"/></initiator>`);
  if (protocol === 'ssh' && g.maybe(0.2)) parts.push('<knownHosts path="/etc/ssh/known_hosts"/>');
  return { src: `<source protocol="${protocol}"${name}${attrs}>${parts.join('')}</source>`, protocol };
}

function startup(g: Chooser, device: string): string {
  if (!g.maybe(0.1)) return '';
  return ` startupPolicy="${g.odd(device === 'cdrom' || device === 'floppy' ? ['mandatory', 'requisite', 'optional'] : ['mandatory', 'requisite'], ['optional', 'bogus'])}"`;
}

function source(g: Chooser, type: string, device: string, i: number): { xml: string; protocol: string } {
  const file = `/var/lib/libvirt/images/h36-${i}.img`;
  switch (type) {
    case 'file': return { xml: g.bad(0.03) ? '' : `<source file="${file}"${startup(g, device)}${g.bad(0.03) ? ' dev="/dev/sdb"' : ''}/>`, protocol: '' };
    case 'block': return { xml: `<source dev="${g.odd(['/dev/sdb', '/dev/mapper/vg-lv'], ['relative/dev'])}"${startup(g, device)}/>`, protocol: '' };
    case 'dir': return { xml: `<source dir="${g.odd(['/srv/share'], [''])}"/>`, protocol: '' };
    case 'volume': return { xml: `<source pool="${g.odd(['default'], [''])}" volume="${g.odd(['vol1'], [''])}"${g.maybe(0.2) ? ` mode="${g.odd(['host', 'direct'], ['bogus'])}"` : ''}${startup(g, device)}/>`, protocol: '' };
    case 'nvme': return { xml: `<source type="pci" managed="${g.odd(['yes', 'no'], ['maybe'])}" namespace="${g.odd(['1'], ['0', 'x'])}"><address domain="0x0000" bus="0x01" slot="0x00" function="0x0"/></source>`, protocol: '' };
    case 'vhostuser': return { xml: `<source type="unix" path="/run/vhost.sock"${g.bad(0.2) ? ' mode="client"' : ''}>${g.maybe(0.2) ? `<reconnect enabled="yes" timeout="${g.odd(['10'], ['0'])}"/>` : ''}</source>`, protocol: '' };
    case 'network': { const n = networkSource(g); return { xml: n.src, protocol: n.protocol }; }
    default: return { xml: `<source file="${file}"/>`, protocol: '' };
  }
}

function driver(g: Chooser, type: string, device: string): string {
  if (!g.maybe(0.85)) return '';
  const fmt = g.maybe(0.8) ? ` type="${g.odd(type === 'dir' ? ['fat'] : ['raw', 'qcow2', 'raw'], ['vmdk', 'fat', 'qed', 'bogus', 'iso', 'luks', 'vdi'], 0.1)}"` : '';
  const a: string[] = [];
  if (g.maybe(0.3)) a.push(`cache="${g.odd(['none', 'writeback', 'writethrough', 'directsync', 'unsafe', 'default'], ['bogus'])}"`);
  if (g.maybe(0.25)) a.push(`io="${g.odd(['native', 'threads', 'io_uring'], ['default', 'bogus'])}"`);
  if (g.maybe(0.2)) a.push(`discard="${g.odd(['unmap', 'ignore'], ['on'])}"`);
  if (g.maybe(0.2)) a.push(`detect_zeroes="${g.odd(['on', 'off', 'unmap'], ['yes'])}"`);
  if (g.maybe(0.1)) a.push(`copy_on_read="${g.odd(['on', 'off'], ['yes'])}"`);
  if (g.maybe(0.1)) a.push(`error_policy="${g.odd(['stop', 'report', 'ignore', 'enospace'], ['bogus'])}"`);
  if (g.maybe(0.08)) a.push(`rerror_policy="${g.odd(['stop', 'report', 'ignore'], ['enospace'])}"`);
  if (g.maybe(0.1)) a.push(`iothread="${g.odd(['1'], ['0', '9'])}"`);
  if (g.maybe(0.1)) a.push(`queues="${g.odd(['2', '4'], ['0'])}"`);
  if (g.maybe(0.08)) a.push(`queue_size="${g.odd(['256', '1024'], ['0', '100'])}"`);
  if (g.maybe(0.06)) a.push(`packed="${g.odd(['on', 'off'], ['yes'])}"`);
  if (g.maybe(0.06)) a.push(`ats="${g.odd(['on', 'off'], ['yes'])}"`);
  if (g.maybe(0.06)) a.push(`iommu="${g.odd(['on', 'off'], ['yes'])}"`);
  if (g.maybe(0.05)) a.push(`event_idx="${g.odd(['on', 'off'], ['yes'])}"`);
  if (g.maybe(0.05)) a.push(`ioeventfd="${g.odd(['on', 'off'], ['1'])}"`);
  const name = g.odd(['qemu'], ['tap', 'bogus', ''], 0.04);
  const meta = fmt.includes('qcow2') && g.maybe(0.15) ? `<metadata_cache><max_size unit="${g.odd(['KiB', 'MiB'], ['parsec'])}">${g.odd(['1024'], ['x'])}</max_size></metadata_cache>` : '';
  void device;
  const open = `<driver name="${name}"${fmt}${a.length ? ' ' + a.join(' ') : ''}`;
  return meta ? `${open}>${meta}</driver>` : `${open}/>`;
}

function iotune(g: Chooser): string {
  if (!g.maybe(0.15)) return '';
  const parts: string[] = [];
  const num = () => g.odd(['1000', '50000'], ['-1', 'x'], 0.1);
  // a total limit and a read or write one of the same kind conflict (the schema's choice), now and then both
  const both = g.bad(0.15);
  const bytesTotal = g.maybe(0.5);
  if (bytesTotal) parts.push(`<total_bytes_sec>${num()}</total_bytes_sec>`);
  if ((!bytesTotal && g.maybe(0.5)) || both) parts.push(`<read_bytes_sec>${num()}</read_bytes_sec>`);
  const iopsTotal = g.maybe(0.3);
  if (iopsTotal) parts.push(`<total_iops_sec>${num()}</total_iops_sec>`);
  if ((!iopsTotal && g.maybe(0.4)) || both) parts.push(`<write_iops_sec>${num()}</write_iops_sec>`);
  if (g.maybe(0.25)) parts.push(`<total_bytes_sec_max>${g.odd(['100000'], ['10'])}</total_bytes_sec_max>`);
  if (g.maybe(0.15)) parts.push(`<total_bytes_sec_max_length>${g.odd(['10'], ['0'])}</total_bytes_sec_max_length>`);
  if (g.maybe(0.1)) parts.push('<read_iops_sec_max_length>5</read_iops_sec_max_length>');
  if (g.maybe(0.15)) parts.push(`<group_name>${g.odd(['grp1'], [''])}</group_name>`);
  if (g.maybe(0.1)) parts.push('<size_iops_sec>4096</size_iops_sec>');
  return `<iotune>${parts.join('')}</iotune>`;
}

function disk(g: Chooser, i: number, used: Map<string, number>, ctx: { lone: boolean; q35: boolean; osBoot: boolean }): string {
  const type = g.odd(['file', 'file', 'block', 'network', 'network', 'volume'], ['dir', 'nvme', 'vhostuser', 'bogus'], 0.15);
  const device = g.odd(['disk', 'disk', 'disk', 'cdrom'], ['lun', 'floppy'], 0.15);
  let bus = device === 'floppy' ? 'fdc' : g.pick(ctx.q35 ? ['virtio', 'virtio', 'sata', 'scsi', 'usb'] : ['virtio', 'virtio', 'ide', 'scsi', 'sata', 'usb']);
  if (device === 'lun' && g.maybe(0.7)) bus = 'scsi';
  if (type === 'vhostuser') bus = g.odd(['virtio'], ['scsi']);
  if (device === 'cdrom' && bus === 'virtio' && g.maybe(0.8)) bus = ctx.q35 ? 'sata' : 'ide';
  if (g.bad(0.03)) bus = g.pick(['xen', 'sd', 'bogus']);
  const prefix = PREFIX[bus] ?? 'sd';
  const k = used.get(prefix) ?? 0;
  used.set(prefix, k + 1);
  const dev = g.odd([`${prefix}${String.fromCharCode(97 + k)}`], ['vd1', 'sdaaaa', 'hdz'], 0.04);
  const src = source(g, type, device, i);
  const devAttrs: string[] = [];
  if (device === 'lun' || g.bad(0.03)) {
    if (g.maybe(0.4)) devAttrs.push(`sgio="${g.odd(['filtered', 'unfiltered'], ['bogus'])}"`);
    if (g.maybe(0.3)) devAttrs.push(`rawio="${g.odd(['yes', 'no'], ['1'])}"`);
  }
  if (g.maybe(0.08)) devAttrs.push(`snapshot="${g.odd(['internal', 'external', 'no', 'manual'], ['bogus'])}"`);
  if (g.maybe(0.08) || (bus === 'virtio' && g.maybe(0.05))) devAttrs.push(`model="${g.odd(['virtio', 'virtio-transitional', 'virtio-non-transitional'], ['bogus'])}"`);
  const tgtAttrs: string[] = [];
  if ((device === 'cdrom' || device === 'floppy') && g.maybe(0.3)) tgtAttrs.push(`tray="${g.odd(['open', 'closed'], ['ajar'])}"`);
  else if (g.bad(0.02)) tgtAttrs.push('tray="open"');
  if (bus === 'usb' && g.maybe(0.3) || g.bad(0.02)) tgtAttrs.push(`removable="${g.odd(['on', 'off'], ['yes'])}"`);
  if (g.maybe(0.08)) tgtAttrs.push(`rotation_rate="${g.odd(['1', '7200'], ['0', '100000'])}"`);
  const children: string[] = [driver(g, type, device), src.xml, `<target dev="${dev}" bus="${bus}"${tgtAttrs.length ? ' ' + tgtAttrs.join(' ') : ''}/>`];
  if (g.maybe(0.08)) children.push(`<backingStore type="file"><format type="${g.odd(['qcow2', 'raw'], ['bogus'])}"/><source file="/var/lib/libvirt/images/base-${i}.qcow2"/><backingStore/></backingStore>`);
  if (g.maybe(0.04)) children.push(`<mirror type="file" file="/tmp/m${i}.img" format="raw" job="${g.odd(['copy'], ['active-commit', 'bogus'])}"${g.maybe(0.5) ? ' ready="yes"' : ''}><format type="raw"/><source file="/tmp/m${i}.img"/></mirror>`);
  if (device === 'cdrom' || g.maybe(0.06)) if (device === 'cdrom' || g.maybe(0.7)) children.push('<readonly/>');
  if (g.maybe(0.08)) children.push('<shareable/>');
  if (g.maybe(0.06)) children.push(g.odd(['<transient/>'], ['<transient shareBacking="yes"/>', '<transient shareBacking="bogus"/>']));
  if (g.maybe(0.1)) children.push(`<serial>${g.odd(['disk-0001', 'WD-123'], ['bad serial!', 'x'.repeat(40)])}</serial>`);
  if (g.maybe(0.06)) children.push(`<wwn>${g.odd(['5000c50015ea71ac'], ['5000c50015ea71', 'zz00c50015ea71ac'])}</wwn>`);
  if (g.maybe(0.06)) children.push(`<vendor>${g.odd(['ACME'], ['TOO-LONG-VENDOR-NAME'])}</vendor>`);
  if (g.maybe(0.05)) children.push(`<product>${g.odd(['Disk'], ['A-PRODUCT-NAME-TOO-LONG'])}</product>`);
  if (g.maybe(0.07)) children.push(`<blockio logical_block_size="${g.odd(['512', '4096'], ['513', '0'])}" physical_block_size="${g.odd(['4096'], ['100'])}"${g.bad(0.1) ? ' discard_granularity="4096"' : ''}/>`);
  if (g.maybe(0.05)) children.push(`<geometry cyls="${g.odd(['16383'], ['0', 'x'])}" heads="16" secs="63"${g.maybe(0.3) ? ` trans="${g.odd(['none', 'lba', 'auto'], ['bogus'])}"` : ''}/>`);
  children.push(iotune(g));
  if (g.maybe(0.06)) children.push(`<encryption format="${g.odd(['luks'], ['qcow', 'bogus'])}"${g.maybe(0.2) ? ` engine="${g.odd(['qemu', 'librbd'], ['bogus'])}"` : ''}><secret type="${g.odd(['passphrase'], ['ceph'])}" ${g.odd(['uuid="0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"', 'usage="/var/lib/libvirt/images/luks"'], [''])}/></encryption>`);
  if ((!ctx.osBoot && g.maybe(0.15)) || g.bad(0.02)) children.push(`<boot order="${g.odd([String(i + 1)], ['0', 'x'])}"/>`);
  if (g.maybe(0.15)) {
    if (bus === 'virtio') children.push(g.odd([`<address type="pci" domain="0x0000" bus="0x00" slot="0x${(0x18 + i).toString(16)}" function="0x0"/>`], ['<address type="drive" controller="0" bus="0" target="0" unit="0"/>', '<address type="ccw" cssid="0xfe" ssid="0x0" devno="0x0001"/>', '<address type="usb" bus="0" port="1"/>']));
    else if (bus === 'usb') children.push(g.odd([`<address type="usb" bus="0" port="${i + 1}"/>`], ['<address type="drive" controller="0" bus="0" target="0" unit="0"/>']));
    else children.push(g.odd([`<address type="drive" controller="0" bus="${bus === 'ide' ? String(k >> 1) : '0'}" target="0" unit="${bus === 'ide' ? String(k & 1) : String(k)}"/>`], [`<address type="pci" domain="0x0000" bus="0x00" slot="0x${(0x18 + i).toString(16)}" function="0x0"/>`, '<address type="drive" controller="0" bus="0" target="0" unit="99"/>']));
  }
  if (g.bad(0.02)) children.push('<alias name="bad alias"/>');
  return `<disk type="${type}" device="${device}"${devAttrs.length ? ' ' + devAttrs.join(' ') : ''}>${children.join('')}</disk>`;
}

/** One document of seed s: a lone disk or a round-35 domain carrying this round's disks. */
export function hunt36Document(seed: number, name: string): string {
  const g = new Chooser(rng(seed), Math.floor(rng(seed ^ 0x36)() * 2), 0.05);
  if (g.maybe(1 / 3)) return `${disk(g, 0, new Map(), { lone: true, q35: false, osBoot: false })}\n`;
  // a round-35 domain whose own budget of doubtful choices is nil (its generator draws the budget
  // from seed ^ 0x35), so that the disks carry this round's doubts
  let skeletonSeed = seed;
  while (Math.floor(rng(skeletonSeed ^ 0x35)() * 3) !== 0) skeletonSeed += 1_000_003;
  const skeleton = hunt35Document(skeletonSeed, name).replace(/<disk\b[\s\S]*?<\/disk>/g, '');
  const q35 = /machine="q35"/.test(skeleton);
  const used = new Map<string, number>();
  const n = g.pick([1, 2, 2, 3]);
  const xml = Array.from({ length: n }, (_, i) => disk(g, i, used, { lone: false, q35, osBoot: /<boot dev=/.test(skeleton) })).join('');
  return skeleton.replace('<devices>', `<devices>${xml}`);
}

export function hunt36Domains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`hunt36-${seed}-${i}`, hunt36Document(seed * 7919 + i, `bdm-lab-h36-${seed}-${i}`)]);
  return out;
}
