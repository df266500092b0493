/**
 * Probe: time analyzeLibvirtXml on domains with n devices of one kind (valid and invalid variants)
 * at n and 2n, printing the ratio (linear ~2, quadratic ~4). Usage:
 *   node --import tsx scripts/libvirt-growth-probe.ts [n] [filter]
 */
import { analyzeLibvirtXml } from '../server/src/libvirtxml/analyze';

const n0 = Number(process.argv[2] ?? 1500);
const filter = process.argv[3] ?? '';
const q35 = (inner: string, extra = '') => `<domain type="kvm">\n  <name>g</name>\n  <memory unit="MiB">512</memory>\n  <vcpu>4</vcpu>\n${extra}  <os>\n    <type arch="x86_64" machine="q35">hvm</type>\n  </os>\n  <devices>\n${inner}\n  </devices>\n</domain>\n`;
const pc = (inner: string, extra = '') => q35(inner, extra).replace('q35', 'pc');
const rep = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
function dv(p: string, i: number): string {
  let s = '';
  for (let k = i; k >= 0; k = Math.floor(k / 26) - 1) s = String.fromCharCode(97 + (k % 26)) + s;
  return p + s;
}
const disk = (bus: string, p: string, addr = (_: number) => '') => (n: number) =>
  pc(rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="${dv(p, i)}" bus="${bus}"/>${addr(i)}</disk>`));
const ctrl = (type: string, model: string, addr = false) => (n: number) =>
  pc(rep(n, (i) => `<controller type="${type}" index="${i}"${model ? ` model="${model}"` : ''}>${addr ? `<address type="pci" domain="0" bus="0" slot="${(i % 30) + 1}" function="0"/>` : ''}</controller>`));
const G: Record<string, (n: number) => string> = {
  'virtio disks': disk('virtio', 'vd'),
  'virtio disks dup target': (n) => pc(rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="vda" bus="virtio"/></disk>`)),
  'virtio disks pci addr': disk('virtio', 'vd', (i) => `<address type="pci" domain="0" bus="0" slot="${i % 32}" function="${i % 8}"/>`),
  'virtio disks pci dup addr': disk('virtio', 'vd', () => `<address type="pci" domain="0" bus="0" slot="5" function="0"/>`),
  'scsi disks': disk('scsi', 'sd'),
  'scsi disks drive addr': disk('scsi', 'sd', (i) => `<address type="drive" controller="${i % 50}" bus="0" target="0" unit="${Math.floor(i / 50)}"/>`),
  'scsi disks dup drive addr': disk('scsi', 'sd', () => `<address type="drive" controller="0" bus="0" target="0" unit="0"/>`),
  'sata disks': disk('sata', 'sd'),
  'sata disks drive addr': disk('sata', 'sd', (i) => `<address type="drive" controller="${i % 50}" bus="0" target="0" unit="${Math.floor(i / 50)}"/>`),
  'ide disks': disk('ide', 'hd'),
  'ide disks drive addr': disk('ide', 'hd', (i) => `<address type="drive" controller="${i}" bus="0" target="0" unit="0"/>`),
  'usb disks': disk('usb', 'sd'),
  'usb disks usb addr': disk('usb', 'sd', (i) => `<address type="usb" bus="0" port="${i + 1}"/>`),
  'usb disks dup usb addr': disk('usb', 'sd', () => `<address type="usb" bus="0" port="1"/>`),
  'fdc disks': disk('fdc', 'fd'),
  'sd disks': disk('sd', 'mmcblk'),
  'cdroms sata': (n) => pc(rep(n, (i) => `<disk type="file" device="cdrom"><target dev="${dv('sd', i)}" bus="sata"/><readonly/></disk>`)),
  'disks boot order': (n) => pc(rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="${dv('vd', i)}" bus="virtio"/><boot order="${i + 1}"/></disk>`)),
  'disks dup boot order': (n) => pc(rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="${dv('vd', i)}" bus="virtio"/><boot order="1"/></disk>`)),
  'disks dup source': (n) => pc(rep(n, (i) => `<disk type="file" device="disk"><source file="/same"/><target dev="${dv('vd', i)}" bus="virtio"/></disk>`)),
  'disks dup serial': (n) => pc(rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="${dv('vd', i)}" bus="virtio"/><serial>s</serial></disk>`)),
  'disks dup wwn': (n) => pc(rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="${dv('sd', i)}" bus="scsi"/><wwn>5000c50015ea71ac</wwn></disk>`)),
  'disks alias': (n) => pc(rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="${dv('vd', i)}" bus="virtio"/><alias name="ua-x"/></disk>`)),
  'disks network': (n) => pc(rep(n, (i) => `<disk type="network" device="disk"><source protocol="rbd" name="p/v${i}"><host name="h" port="6789"/></source><target dev="${dv('vd', i)}" bus="virtio"/></disk>`)),
  'disks backingstore chain': (n) => pc(`<disk type="file" device="disk"><source file="/d"/>${'<backingStore type="file"><format type="qcow2"/><source file="/b"/>'.repeat(n)}${'</backingStore>'.repeat(n)}<target dev="vda" bus="virtio"/></disk>`),
  'usb ctrl': ctrl('usb', 'qemu-xhci'),
  'usb ctrl no model': ctrl('usb', ''),
  'usb ctrl ich9 companions': (n) => pc(rep(n, (i) => `<controller type="usb" index="${i}" model="ich9-uhci1"><master startport="0"/></controller>`)),
  'usb ctrl dup index': (n) => pc(rep(n, () => `<controller type="usb" index="0" model="qemu-xhci"/>`)),
  'scsi ctrl': ctrl('scsi', 'virtio-scsi'),
  'scsi ctrl lsi': ctrl('scsi', 'lsilogic'),
  'scsi ctrl dup': (n) => pc(rep(n, () => `<controller type="scsi" index="0" model="virtio-scsi"/>`)),
  'scsi ctrl pci addr': ctrl('scsi', 'virtio-scsi', true),
  'sata ctrl': ctrl('sata', ''),
  'ide ctrl': ctrl('ide', ''),
  'virtio-serial ctrl': ctrl('virtio-serial', ''),
  'ccid ctrl': ctrl('ccid', ''),
  'fdc ctrl': ctrl('fdc', ''),
  'xenbus ctrl': ctrl('xenbus', ''),
  'pci ctrl root ports': (n) => q35(`<controller type="pci" index="0" model="pcie-root"/>\n` + rep(n, (i) => `<controller type="pci" index="${i + 1}" model="pcie-root-port"/>`)),
  'pci bridges pc': (n) => pc(`<controller type="pci" index="0" model="pci-root"/>\n` + rep(n, (i) => `<controller type="pci" index="${i + 1}" model="pci-bridge"><address type="pci" domain="0" bus="${i}" slot="1" function="0"/></controller>`)),
  'pci expander': (n) => q35(`<controller type="pci" index="0" model="pcie-root"/>\n` + rep(n, (i) => `<controller type="pci" index="${i + 1}" model="pcie-expander-bus"><target busNr="${i + 10}"/></controller>`)),
  'pci dup index': (n) => q35(rep(n, () => `<controller type="pci" index="1" model="pcie-root-port"/>`)),
  'hostdev pci': (n) => pc(rep(n, (i) => `<hostdev mode="subsystem" type="pci" managed="yes"><source><address domain="0" bus="${i >> 8}" slot="${(i >> 3) & 31}" function="${i & 7}"/></source></hostdev>`)),
  'hostdev pci dup': (n) => pc(rep(n, () => `<hostdev mode="subsystem" type="pci" managed="yes"><source><address domain="0" bus="1" slot="0" function="0"/></source></hostdev>`)),
  'hostdev mdev': (n) => pc(rep(n, (i) => `<hostdev mode="subsystem" type="mdev" model="vfio-pci"><source><address uuid="c2177883-f1bb-47f0-914d-${String(i).padStart(12, '0')}"/></source></hostdev>`)),
  'hostdev scsi_host': (n) => pc(rep(n, (i) => `<hostdev mode="subsystem" type="scsi_host"><source protocol="vhost" wwpn="naa.${String(i).padStart(16, '0')}"/></hostdev>`)),
  'hostdev usb dup': (n) => pc(rep(n, () => `<hostdev mode="subsystem" type="usb"><source><vendor id="0x1234"/><product id="0x1"/></source></hostdev>`)),
  'hostdev boot order': (n) => pc(rep(n, (i) => `<hostdev mode="subsystem" type="pci"><source><address domain="0" bus="1" slot="${i}" function="0"/></source><boot order="${i + 1}"/></hostdev>`)),
  'interfaces': (n) => pc(rep(n, (i) => `<interface type="network"><source network="default"/><mac address="52:54:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}"/><model type="virtio"/></interface>`)),
  'interfaces dup mac': (n) => pc(rep(n, () => `<interface type="network"><source network="default"/><mac address="52:54:00:00:00:01"/><model type="virtio"/></interface>`)),
  'interfaces bridge target': (n) => pc(rep(n, (i) => `<interface type="bridge"><source bridge="br0"/><target dev="tap${i}"/><model type="e1000"/></interface>`)),
  'interfaces dup target': (n) => pc(rep(n, () => `<interface type="bridge"><source bridge="br0"/><target dev="tap0"/><model type="virtio"/></interface>`)),
  'interfaces hostdev': (n) => pc(rep(n, (i) => `<interface type="hostdev"><source><address type="pci" domain="0" bus="2" slot="${i}" function="0"/></source></interface>`)),
  'interfaces vhostuser': (n) => pc(rep(n, (i) => `<interface type="vhostuser"><source type="unix" path="/s${i}" mode="client"/><model type="virtio"/></interface>`)),
  'interfaces no source': (n) => pc(rep(n, () => `<interface type="network"/>`)),
  'channels virtio': (n) => pc(rep(n, (i) => `<channel type="unix"><source mode="bind" path="/c${i}"/><target type="virtio" name="org.x.${i}"/></channel>`)),
  'channels dup name': (n) => pc(rep(n, () => `<channel type="unix"><source mode="bind"/><target type="virtio" name="org.qemu.guest_agent.0"/></channel>`)),
  'channels virtio-serial addr': (n) => pc(rep(n, (i) => `<channel type="pty"><target type="virtio" name="c${i}"/><address type="virtio-serial" controller="0" bus="0" port="${i + 1}"/></channel>`)),
  'channels dup vs addr': (n) => pc(rep(n, (i) => `<channel type="pty"><target type="virtio" name="c${i}"/><address type="virtio-serial" controller="0" bus="0" port="1"/></channel>`)),
  'channels guestfwd': (n) => pc(rep(n, (i) => `<channel type="pty"><target type="guestfwd" address="10.0.2.1" port="${i + 1}"/></channel>`)),
  'serials': (n) => pc(rep(n, (i) => `<serial type="pty"><target port="${i}"/></serial>`)),
  'serials dup port': (n) => pc(rep(n, () => `<serial type="pty"><target port="0"/></serial>`)),
  'serials isa': (n) => pc(rep(n, (i) => `<serial type="pty"><target type="isa-serial" port="${i}"><model name="isa-serial"/></target></serial>`)),
  'consoles': (n) => pc(rep(n, (i) => `<console type="pty"><target type="virtio" port="${i}"/></console>`)),
  'consoles serial': (n) => pc(rep(n, (i) => `<console type="pty"><target type="serial" port="${i}"/></console>`)),
  'parallels': (n) => pc(rep(n, (i) => `<parallel type="pty"><target port="${i}"/></parallel>`)),
  'redirdevs': (n) => pc(rep(n, (i) => `<redirdev bus="usb" type="spicevmc"><address type="usb" bus="0" port="${i + 1}"/></redirdev>`)),
  'redirdevs no addr': (n) => pc(rep(n, () => `<redirdev bus="usb" type="spicevmc"/>`)),
  'redirdevs dup addr': (n) => pc(rep(n, () => `<redirdev bus="usb" type="spicevmc"><address type="usb" bus="0" port="1"/></redirdev>`)),
  'redirfilter': (n) => pc(`<redirfilter>${rep(n, (i) => `<usbdev class="0x08" vendor="0x1234" product="0x${i.toString(16)}" version="2.0" allow="yes"/>`)}</redirfilter>`),
  'smartcards': (n) => pc(rep(n, (i) => `<smartcard mode="passthrough" type="spicevmc"><address type="ccid" controller="0" slot="${i}"/></smartcard>`)),
  'smartcards no addr': (n) => pc(rep(n, () => `<smartcard mode="host"/>`)),
  'smartcards dup addr': (n) => pc(rep(n, () => `<smartcard mode="host"><address type="ccid" controller="0" slot="0"/></smartcard>`)),
  'memory dimms': (n) => pc(rep(n, (i) => `<memory model="dimm"><target><size unit="MiB">128</size><node>0</node></target><address type="dimm" slot="${i}"/></memory>`), `  <maxMemory slots="16" unit="GiB">64</maxMemory>\n  <cpu><numa><cell id="0" cpus="0-3" memory="512" unit="MiB"/></numa></cpu>\n`),
  'memory dimms dup slot': (n) => pc(rep(n, () => `<memory model="dimm"><target><size unit="MiB">128</size><node>0</node></target><address type="dimm" slot="0"/></memory>`), `  <maxMemory slots="16" unit="GiB">64</maxMemory>\n  <cpu><numa><cell id="0" cpus="0-3" memory="512" unit="MiB"/></numa></cpu>\n`),
  'memory nvdimm': (n) => pc(rep(n, (i) => `<memory model="nvdimm"><source><path>/n${i}</path></source><target><size unit="MiB">128</size><node>0</node><label><size unit="KiB">128</size></label></target></memory>`), `  <maxMemory slots="16" unit="GiB">64</maxMemory>\n  <cpu><numa><cell id="0" cpus="0-3" memory="512" unit="MiB"/></numa></cpu>\n`),
  'memory virtio-mem': (n) => pc(rep(n, () => `<memory model="virtio-mem"><target><size unit="MiB">128</size><node>0</node><block unit="MiB">2</block><requested unit="MiB">0</requested></target></memory>`), `  <maxMemory slots="16" unit="GiB">64</maxMemory>\n  <cpu><numa><cell id="0" cpus="0-3" memory="512" unit="MiB"/></numa></cpu>\n`),
  'vcpus elements': (n) => pc('', `  <vcpus>\n${rep(n, (i) => `    <vcpu id="${i}" enabled="yes" hotpluggable="${i ? 'yes' : 'no'}" order="${i + 1}"/>`)}\n  </vcpus>\n`).replace('<vcpu>4</vcpu>', `<vcpu>${n}</vcpu>`),
  'vcpus dup order': (n) => pc('', `  <vcpus>\n${rep(n, (i) => `    <vcpu id="${i}" enabled="yes" hotpluggable="yes" order="1"/>`)}\n  </vcpus>\n`).replace('<vcpu>4</vcpu>', `<vcpu>${n}</vcpu>`),
  'vcpupin': (n) => pc('', `  <cputune>\n${rep(n, (i) => `    <vcpupin vcpu="${i}" cpuset="1"/>`)}\n  </cputune>\n`).replace('<vcpu>4</vcpu>', `<vcpu>${n}</vcpu>`),
  'vcpupin dup': (n) => pc('', `  <cputune>\n${rep(n, () => `    <vcpupin vcpu="0" cpuset="1"/>`)}\n  </cputune>\n`),
  'iothreadpin': (n) => pc('', `  <iothreads>${n}</iothreads>\n  <cputune>\n${rep(n, (i) => `    <iothreadpin iothread="${i + 1}" cpuset="1"/>`)}\n  </cputune>\n`),
  'iothreadids': (n) => pc('', `  <iothreadids>\n${rep(n, (i) => `    <iothread id="${i + 1}"/>`)}\n  </iothreadids>\n`),
  'iothreadids dup': (n) => pc('', `  <iothreadids>\n${rep(n, () => `    <iothread id="1"/>`)}\n  </iothreadids>\n`),
  'disks iothread': (n) => pc(rep(n, (i) => `<disk type="file" device="disk"><driver name="qemu" iothread="${(i % 4) + 1}"/><source file="/d${i}"/><target dev="${dv('vd', i)}" bus="virtio"/></disk>`), `  <iothreads>4</iothreads>\n`),
  'numa cells': (n) => pc('', `  <cpu><numa>\n${rep(n, (i) => `    <cell id="${i}" cpus="${i}" memory="1"/>`)}\n  </numa></cpu>\n`).replace('<vcpu>4</vcpu>', `<vcpu>${n}</vcpu>`),
  'numa cells distances': (n) => pc('', `  <cpu><numa>\n${rep(n, (i) => `    <cell id="${i}" cpus="${i}" memory="1"><distances><sibling id="0" value="10"/></distances></cell>`)}\n  </numa></cpu>\n`).replace('<vcpu>4</vcpu>', `<vcpu>${n}</vcpu>`),
  'numa cells dup': (n) => pc('', `  <cpu><numa>\n${rep(n, () => `    <cell id="0" cpus="0" memory="1"/>`)}\n  </numa></cpu>\n`),
  'cpu features': (n) => pc('', `  <cpu mode="custom"><model>Haswell</model>\n${rep(n, (i) => `    <feature policy="require" name="f${i}"/>`)}\n  </cpu>\n`),
  'cpu features dup': (n) => pc('', `  <cpu mode="custom"><model>Haswell</model>\n${rep(n, () => `    <feature policy="require" name="vmx"/>`)}\n  </cpu>\n`),
  'cpu cache/sched': (n) => pc('', `  <cputune>\n${rep(n, (i) => `    <cachetune vcpus="${i}"><cache id="0" level="3" type="both" size="3" unit="MiB"/></cachetune>`)}\n  </cputune>\n`).replace('<vcpu>4</vcpu>', `<vcpu>${n}</vcpu>`),
  'memtune/hugepages': (n) => pc('', `  <memoryBacking><hugepages>\n${rep(n, (i) => `    <page size="2048" unit="KiB" nodeset="${i}"/>`)}\n  </hugepages></memoryBacking>\n`),
  'blkiotune devices': (n) => pc('', `  <blkiotune>\n${rep(n, (i) => `    <device><path>/dev/sd${i}</path><weight>500</weight></device>`)}\n  </blkiotune>\n`),
  'graphics': (n) => pc(rep(n, (i) => `<graphics type="vnc" port="${5900 + i}"/>`)),
  'graphics spice': (n) => pc(rep(n, () => `<graphics type="spice" autoport="yes"><listen type="address" address="0.0.0.0"/></graphics>`)),
  'graphics listens': (n) => pc(`<graphics type="vnc">${rep(n, (i) => `<listen type="address" address="10.0.0.${i % 250}"/>`)}</graphics>`),
  'video': (n) => pc(rep(n, (i) => `<video><model type="${i ? 'virtio' : 'vga'}" ${i ? '' : 'primary="yes"'}/></video>`)),
  'video primary dup': (n) => pc(rep(n, () => `<video><model type="qxl" primary="yes"/></video>`)),
  'audio': (n) => pc(rep(n, (i) => `<audio id="${i + 1}" type="none"/>`)),
  'audio dup id': (n) => pc(rep(n, () => `<audio id="1" type="none"/>`)),
  'sound': (n) => pc(rep(n, (i) => `<sound model="ich9"><audio id="${i + 1}"/></sound>`) + rep(n, (i) => `<audio id="${i + 1}" type="none"/>`)),
  'sound missing audio': (n) => pc(rep(n, (i) => `<sound model="ich6"><codec type="duplex"/><audio id="${i + 7}"/></sound>`)),
  'inputs': (n) => pc(rep(n, () => `<input type="tablet" bus="usb"/>`)),
  'inputs ps2': (n) => pc(rep(n, () => `<input type="mouse" bus="ps2"/>`)),
  'inputs virtio': (n) => pc(rep(n, (i) => `<input type="passthrough" bus="virtio"><source evdev="/dev/input/event${i}"/></input>`)),
  'rng': (n) => pc(rep(n, () => `<rng model="virtio"><backend model="random">/dev/urandom</backend></rng>`)),
  'tpm spapr on x86': (n) => pc(rep(n, () => `<tpm model="tpm-spapr"><backend type="emulator" version="2.0"/></tpm>`)),
  'hugepages numa intersect': (n) => pc('', `  <cpu><numa>\n${rep(n, (i) => `    <cell id="${i}" cpus="${i}" memory="1"/>`)}\n  </numa></cpu>\n  <memoryBacking><hugepages>\n${rep(n, (i) => `    <page size="${2048 + i}" unit="KiB" nodeset="${i}"/>`)}\n  </hugepages></memoryBacking>\n`).replace('<vcpu>4</vcpu>', `<vcpu>${n}</vcpu>`),
  'watchdogs many': (n) => pc(rep(n, () => `<watchdog model="diag288" action="reset"/>`)),
  'videos no model': (n) => pc(rep(n, () => `<video/>`)),
  'sounds codecs': (n) => pc(`<sound model="ich9">${rep(n, () => `<codec type="duplex"/>`)}</sound>`),
  'usb ctrl ports': (n) => pc(`<controller type="usb" index="0" model="qemu-xhci" ports="15"/>\n` + rep(n, (i) => `<input type="tablet" bus="usb"><address type="usb" bus="0" port="${(i % 15) + 1}"/></input>`)),
  'hostdev scsi no ctrl': (n) => pc(rep(n, (i) => `<hostdev mode="subsystem" type="scsi"><source><adapter name="scsi_host0"/><address bus="0" target="0" unit="${i}"/></source><address type="drive" controller="${i}" bus="0" target="1" unit="0"/></hostdev>`)),
  'scsi disks many ctrl target': disk('scsi', 'sd', (i) => `<address type="drive" controller="${i}" bus="0" target="1" unit="0"/>`),
  'deep unknown nesting in devices': (n) => pc(`${'<x>'.repeat(n)}${'</x>'.repeat(n)}`),
  'deep nesting in metadata': (n) => pc('', `  <metadata>${'<m:a xmlns:m="http://m/">'.repeat(n)}${'</m:a>'.repeat(n)}</metadata>\n`),
  'deep nesting in interface': (n) => pc(`<interface type="network"><source network="d"/>${'<bandwidth>'.repeat(n)}${'</bandwidth>'.repeat(n)}</interface>`),
  'deep nesting in cpu': (n) => pc('', `  <cpu>${'<numa>'.repeat(n)}${'</numa>'.repeat(n)}</cpu>\n`),
  'many unknown root children': (n) => pc('', rep(n, (i) => `  <unknown${i % 7}/>`) + '\n'),
  'many unknown attrs on devices': (n) => pc(rep(n, (i) => `<interface type="network" x${i}="1"><source network="d"/></interface>`)),
  'many disk children unknown': (n) => pc(`<disk type="file" device="disk"><source file="/d"/><target dev="vda" bus="virtio"/>${'<x/>'.repeat(n)}</disk>`),
  'interface many children': (n) => pc(`<interface type="network"><source network="d"/>${rep(n, () => '<model type="virtio"/>')}</interface>`),
  'controller many children': (n) => pc(`<controller type="scsi" index="0" model="virtio-scsi">${rep(n, () => '<driver queues="2"/>')}</controller>`),
  'graphics many attrs': (n) => pc(`<graphics type="vnc" ${rep(n, (i) => `a${i}="1"`)}/>`),
  'os many boot/children': (n) => pc('').replace('</os>', `${rep(n, () => `<loader readonly="yes">/x</loader>`)}</os>`),
  'features hyperv many': (n) => pc('', `  <features><hyperv mode="custom">${rep(n, () => `<relaxed state="on"/>`)}</hyperv></features>\n`),
  'clock timers': (n) => pc('', `  <clock offset="utc">${rep(n, () => `<timer name="rtc" tickpolicy="catchup"/>`)}</clock>\n`),
  'sysinfo oem strings': (n) => pc('', `  <sysinfo type="smbios"><oemStrings>${rep(n, (i) => `<entry>s${i}</entry>`)}</oemStrings></sysinfo>\n`),
  'disk many hosts': (n) => pc(`<disk type="network" device="disk"><source protocol="rbd" name="p/v">${rep(n, (i) => `<host name="h${i}" port="6789"/>`)}</source><target dev="vda" bus="virtio"/></disk>`),
  'disk many secrets': (n) => pc(`<disk type="network" device="disk"><source protocol="rbd" name="p/v"><host name="h"/><auth username="u">${rep(n, () => `<secret type="ceph" uuid="c2177883-f1bb-47f0-914d-000000000000"/>`)}</auth></source><target dev="vda" bus="virtio"/></disk>`),
  'chardev many sources': (n) => pc(`<serial type="udp">${rep(n, () => `<source mode="bind" host="0.0.0.0" service="1"/>`)}<target port="0"/></serial>`),
  'filterref params': (n) => pc(`<interface type="network"><source network="d"/><filterref filter="f">${rep(n, (i) => `<parameter name="IP" value="10.0.0.${i % 250}"/>`)}</filterref></interface>`),
  'interface ip many': (n) => pc(`<interface type="ethernet">${rep(n, (i) => `<ip address="10.0.${i >> 8 & 255}.${i & 255}" prefix="24"/>`)}</interface>`),
  'interface routes many': (n) => pc(`<interface type="ethernet">${rep(n, (i) => `<route family="ipv4" address="10.0.${i >> 8 & 255}.${i & 255}" prefix="24" gateway="10.0.0.1"/>`)}</interface>`),
  'seclabels dup model': (n) => pc('', rep(n, () => `  <seclabel type="dynamic" model="selinux"/>\n`)),
  'xml comments/pis': (n) => pc(rep(n, () => `<!-- c --><?pi x?>`)),
  'entities': (n) => pc(`<disk type="file" device="disk"><source file="/d${'&amp;'.repeat(n)}"/><target dev="vda" bus="virtio"/></disk>`),
  'watchdog': (n) => pc(rep(n, () => `<watchdog model="i6300esb" action="reset"/>`)),
  'tpm': (n) => pc(rep(n, () => `<tpm model="tpm-crb"><backend type="emulator" version="2.0"/></tpm>`)),
  'shmem': (n) => pc(rep(n, (i) => `<shmem name="s${i}"><model type="ivshmem-plain"/><size unit="M">4</size></shmem>`)),
  'shmem dup': (n) => pc(rep(n, () => `<shmem name="s"><model type="ivshmem-plain"/><size unit="M">4</size></shmem>`)),
  'iommu': (n) => q35(rep(n, () => `<iommu model="intel"><driver intremap="on"/></iommu>`), `  <features><ioapic driver="qemu"/></features>\n`),
  'panic': (n) => pc(rep(n, () => `<panic model="isa"/>`)),
  'vsock': (n) => pc(rep(n, (i) => `<vsock model="virtio"><cid auto="no" address="${i + 3}"/></vsock>`)),
  'memballoon': (n) => pc(rep(n, () => `<memballoon model="virtio"/>`)),
  'filesystems': (n) => pc(rep(n, (i) => `<filesystem type="mount" accessmode="passthrough"><driver type="virtiofs"/><source dir="/s${i}"/><target dir="t${i}"/></filesystem>`), `  <memoryBacking><source type="memfd"/><access mode="shared"/></memoryBacking>\n`),
  'filesystems dup target': (n) => pc(rep(n, (i) => `<filesystem type="mount" accessmode="passthrough"><source dir="/s${i}"/><target dir="t"/></filesystem>`)),
  'hubs': (n) => pc(rep(n, (i) => `<hub type="usb"><address type="usb" bus="0" port="${i + 1}"/></hub>`)),
  'hubs nested ports': (n) => pc(rep(n, (i) => `<hub type="usb"><address type="usb" bus="0" port="1${'.1'.repeat(Math.min(i, 4))}"/></hub>`)),
  'leases': (n) => pc(rep(n, (i) => `<lease><lockspace>s</lockspace><key>k${i}</key><target path="/p"/></lease>`)),
  'crypto': (n) => pc(rep(n, () => `<crypto model="virtio" type="qemu"><backend model="builtin" queues="1"/></crypto>`)),
  'pstore': (n) => pc(rep(n, () => `<pstore backend="acpi-erst"><path>/p</path><size unit="KiB">8</size></pstore>`)),
  'seclabels': (n) => pc('', rep(n, (i) => `  <seclabel type="dynamic" model="m${i}"/>\n`)),
  'sysinfo entries': (n) => pc('', `  <sysinfo type="smbios"><system>\n${rep(n, () => `    <entry name="manufacturer">x</entry>`)}\n  </system></sysinfo>\n`),
  'features': (n) => pc('', `  <features>\n${rep(n, () => `<acpi/>`)}\n  </features>\n`),
  'boot devs': (n) => pc('', '').replace('</os>', `${rep(n, () => `<boot dev="hd"/>`)}</os>`),
  'qemu commandline': (n) => pc('', `  <qemu:commandline xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0">\n${rep(n, (i) => `<qemu:arg value="-x${i}"/>`)}\n  </qemu:commandline>\n`),
  'metadata': (n) => pc('', `  <metadata>${rep(n, (i) => `<x:a xmlns:x="http://x/${i}"/>`)}</metadata>\n`),
  // round 34: the clock's timers, the features of other platforms, smbios sections, audio ids, interface sources and children
  'clock timers rtc and pit': (n) => pc('', `  <clock offset="utc">${rep(n, (i) => `<timer name="${i % 2 ? 'pit' : 'rtc'}" tickpolicy="delay"/>`)}</clock>\n`),
  'clock timers catchup': (n) => pc('', `  <clock offset="utc">${rep(n, () => `<timer name="pit" tickpolicy="delay"><catchup threshold="1"/></timer>`)}</clock>\n`),
  'features other platforms': (n) => pc('', `  <features>\n${rep(n, (i) => (i % 2 ? '<cfpc value="fixed"/>' : '<hpt resizing="enabled"/>'))}<gic version="2"/>\n  </features>\n`),
  'sysinfo sections': (n) => pc('', `  <sysinfo type="smbios">${rep(n, () => `<baseBoard><entry name="product">x</entry></baseBoard>`)}</sysinfo>\n`),
  'audio ids': (n) => pc(rep(n, (i) => `<audio id="${(i % 255) + 1}" type="none"><input fixedSettings="yes" mixingEngine="yes"/></audio><sound model="ich9"><audio id="${(i % 255) + 1}"/></sound>`)),
  'interfaces udp': (n) => pc(rep(n, (i) => `<interface type="udp"><source address="127.0.0.1" port="${i % 60000}"><local address="127.0.0.1" port="1"/></source><model type="virtio"/><ip address="10.0.0.1" prefix="24"/><teaming type="persistent"/></interface>`)),
  'interface ips': (n) => pc(`<interface type="user"><model type="virtio"/>${rep(n, () => `<ip address="10.0.0.1" prefix="24"/>`)}<backend type="default"/></interface>`),
  'devices mixed pci addr': (n) => q35(rep(n, (i) => `<controller type="pci" index="${i + 1}" model="pcie-root-port"/>`) + '\n' + rep(n, (i) => `<interface type="network"><source network="d"/><model type="virtio"/><address type="pci" domain="0" bus="${i + 1}" slot="0" function="0"/></interface>`)),
};

function time(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1000;
}

for (const [name, make] of Object.entries(G)) {
  if (filter && !name.includes(filter)) continue;
  const a = make(n0), b = make(2 * n0);
  try {
    analyzeLibvirtXml(make(3));
    const ta: number[] = [], tb: number[] = [];
    for (let k = 0; k < 3; k++) { ta.push(time(() => analyzeLibvirtXml(a))); tb.push(time(() => analyzeLibvirtXml(b))); }
    const ma = Math.min(...ta), mb = Math.min(...tb);
    const ids = [...new Set(analyzeLibvirtXml(make(3)).problems.map((p) => p.id))].slice(0, 4).join(',');
    console.log(`${(mb / ma).toFixed(2).padStart(6)} ${ma.toFixed(0).padStart(6)}ms ${mb.toFixed(0).padStart(6)}ms  ${name}  [${ids}]`);
  } catch (e) {
    console.log(`  ERR  ${name}: ${(e as Error).message.slice(0, 100)}`);
  }
}
