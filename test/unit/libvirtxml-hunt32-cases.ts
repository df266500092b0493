/**
 * Round 32's documents, each with libvirt 9.0's own answer: the last line of `virsh define
 * --validate` on the QEMU driver (scripts/libvirt-cases-label.ts 32 checks every label again), with
 * "accepts" for a document libvirt defines. A MAC address libvirt generated (52:54:00:..., random
 * per define) is kept as one run printed it. The held-out disagreements of round 31
 * (scripts/libvirt-define-check.ts --hunt31 100 --first, seeds 3029-3032; --domains 120 --extras
 * --platform --more --first, seed 3016) and the ones of round 32's seeds, cut down to the shape.
 */
export interface Hunt32Case {
  name: string;
  xml: string;
  /** libvirt's last line without virsh's "error: ", or "accepts" */
  libvirt: string;
}

const SCHEMA = 'Element domain failed to validate content';

const domain = (devices: string, top = '', machine = 'pc') =>
  `<domain type="qemu"><name>h32</name><memory unit="MiB">64</memory>${top}<os><type arch="x86_64" machine="${machine}">hvm</type></os><devices>${devices}</devices></domain>`;

const VHOST_SOURCE = '<source type="unix" path="/tmp/vhu.sock" mode="client"/>';
const LUKS_DISK = '<disk type="file" device="disk"><driver name="qemu" type="luks"/><source file="/var/lib/x.img"/><target dev="vda" bus="virtio"/></disk>';
const BAD_DATE = '<sysinfo type="smbios"><bios><entry name="date">1.0</entry></bios></sysinfo>';
const AUTH = '<auth username="openstack"><secret type="iscsi" usage="iscsi-target"/></auth>';
const Q35_BRIDGE = '<controller type="pci" index="0" model="pcie-root"/><controller type="pci" index="1" model="pcie-root-port"/><controller type="pci" index="10" model="pci-bridge"/>';
const NUMA = '<cpu><numa><cell id="0" cpus="0" memory="32768" unit="KiB"/><cell id="1" cpus="1" memory="32768" unit="KiB"/></numa></cpu>';
const MEMNODE = '<memnode cellid="0" mode="strict" nodeset="0"/>';
const USB_NONE = '<controller type="usb" index="0" model="none"/>';
const USB_HOSTDEV = '<hostdev mode="subsystem" type="usb" managed="yes"><source><address bus="1" device="2"/></source></hostdev>';
const SPICEVMC = '<channel type="spicevmc"><target type="virtio" name="com.redhat.spice.0"/></channel>';
const kvm = (ring: string) => domain('', `<features><kvm>${ring}</kvm></features>`);
const filter = (attrs: string, params = '') => domain(`<interface type="user"><model type="virtio"/><filterref ${attrs}>${params}</filterref></interface>`);
const guestIp = (ip: string) => domain(`<interface type="ethernet"><model type="virtio"/><ip ${ip}/></interface>`);

export const CASES: readonly Hunt32Case[] = [
  // a vhost-user NIC is virtio-net (virDomainNetDefValidate), checked after an isolated port and before the QEMU driver's guest IP
  { name: 'vhostuser-rtl8139', xml: domain(`<interface type="vhostuser">${VHOST_SOURCE}<model type="rtl8139"/></interface>`), libvirt: "internal error: Wrong or no <model> 'type' attribute specified with <interface type='vhostuser'/>. vhostuser requires the virtio-net* frontend" },
  { name: 'vhostuser-no-model', xml: domain(`<interface type="vhostuser">${VHOST_SOURCE}</interface>`), libvirt: "internal error: Wrong or no <model> 'type' attribute specified with <interface type='vhostuser'/>. vhostuser requires the virtio-net* frontend" },
  { name: 'vhostuser-virtio-transitional', xml: domain(`<interface type="vhostuser">${VHOST_SOURCE}<model type="virtio-transitional"/></interface>`), libvirt: 'accepts' },
  { name: 'vhostuser-model-before-guest-ip', xml: domain(`<interface type="vhostuser">${VHOST_SOURCE}<model type="rtl8139"/><ip address="10.0.0.1"/></interface>`), libvirt: "internal error: Wrong or no <model> 'type' attribute specified with <interface type='vhostuser'/>. vhostuser requires the virtio-net* frontend" },
  { name: 'vhostuser-server-reconnect', xml: domain('<interface type="vhostuser"><source type="unix" path="/tmp/vhu.sock" mode="server"><reconnect enabled="yes" timeout="10"/></source><model type="virtio"/></interface>'), libvirt: "unsupported configuration: 'reconnect' attribute unsupported 'server' mode for <interface type='vhostuser'>" },
  { name: 'vhostuser-port-isolated-before-model', xml: domain(`<interface type="vhostuser">${VHOST_SOURCE}<model type="rtl8139"/><port isolated="yes"/></interface>`), libvirt: "unsupported configuration: interface 52:54:00:06:10:0e - <port isolated='yes'/> is not supported for network interfaces with type='vhostuser'" },
  // an isolated port is refused before a guest IP and an MTU
  { name: 'ethernet-port-isolated-before-guest-ip', xml: domain('<interface type="ethernet"><model type="virtio"/><ip address="10.0.0.1"/><port isolated="yes"/></interface>'), libvirt: "unsupported configuration: interface 52:54:00:47:06:1d - <port isolated='yes'/> is not supported for network interfaces with type='ethernet'" },
  { name: 'user-port-isolated-before-mtu', xml: domain('<interface type="user"><model type="virtio"/><mtu size="1500"/><port isolated="yes"/></interface>'), libvirt: "unsupported configuration: interface 52:54:00:31:cf:22 - <port isolated='yes'/> is not supported for network interfaces with type='user'" },
  { name: 'user-port-isolated-upper-case-mac', xml: domain('<interface type="user"><mac address="FA:16:3E:31:00:0A"/><model type="virtio"/><port isolated="yes"/></interface>'), libvirt: "unsupported configuration: interface fa:16:3e:31:00:0a - <port isolated='yes'/> is not supported for network interfaces with type='user'" },
  // <filterref>: an NCName filter, patterned parameters (nwfilter_params.rng)
  { name: 'filterref-empty', xml: filter('filter=""'), libvirt: SCHEMA },
  { name: 'filterref-colon', xml: filter('filter="a:b"'), libvirt: SCHEMA },
  { name: 'filterref-digit-first', xml: filter('filter="1a"'), libvirt: SCHEMA },
  { name: 'filterref-blanks-around', xml: filter('filter=" clean-traffic "'), libvirt: 'accepts' },
  { name: 'filterref-non-ascii-letter', xml: filter('filter="é"'), libvirt: 'accepts' },
  { name: 'filterref-parameter-name-dash', xml: filter('filter="clean-traffic"', '<parameter name="a-b" value="1"/>'), libvirt: SCHEMA },
  { name: 'filterref-parameter-value-slash', xml: filter('filter="clean-traffic"', '<parameter name="IP" value="10.0.0.0/8"/>'), libvirt: SCHEMA },
  { name: 'filterref-parameter-ok', xml: filter('filter="clean-traffic"', '<parameter name="IP" value="10.0.0.1"/>'), libvirt: 'accepts' },
  // an interface <ip>: ipAddr (IPv4 parts without leading zeros, or IPv6) and ipPrefix
  { name: 'ip-300', xml: guestIp('address="300.1.1.1" prefix="24"'), libvirt: SCHEMA },
  { name: 'ip-leading-zero', xml: guestIp('address="01.1.1.1"'), libvirt: SCHEMA },
  { name: 'ip-blank-before', xml: guestIp('address=" 1.1.1.1"'), libvirt: SCHEMA },
  { name: 'ip-prefix-129', xml: guestIp('address="1.1.1.1" prefix="129"'), libvirt: SCHEMA },
  { name: 'ip-peer-not-an-address', xml: guestIp('address="1.1.1.1" peer="x"'), libvirt: SCHEMA },
  { name: 'ip-v6-prefix-33-schema-ok', xml: guestIp('address="fe80::1" prefix="33"'), libvirt: 'unsupported configuration: Invalid attempt to set network interface guest-side IP route and/or address info, not supported by QEMU' },
  // a <rom file> is an absFilePath
  { name: 'rom-file-relative', xml: domain('<interface type="user"><model type="virtio"/><rom bar="off" file="x.rom"/></interface>'), libvirt: SCHEMA },
  { name: 'rom-file-absolute', xml: domain('<interface type="user"><model type="virtio"/><rom bar="off" file="/usr/share/x.rom"/></interface>'), libvirt: 'accepts' },
  // qemuValidateDomainDeviceDefController: a buslogic model before the <driver> attributes, ncr53c90 after them
  { name: 'buslogic-before-queues', xml: domain('<controller type="scsi" index="0" model="buslogic"><driver queues="2" cmd_per_lun="128"/></controller>'), libvirt: 'unsupported configuration: Unsupported controller model: buslogic' },
  { name: 'ncr53c90-after-queues', xml: domain('<controller type="scsi" index="0" model="ncr53c90"><driver queues="2"/></controller>'), libvirt: "unsupported configuration: 'queues' is only supported by virtio-scsi controller" },
  // <sysinfo> is parsed after every device
  { name: 'sysinfo-date-after-luks-disk', xml: domain(LUKS_DISK, BAD_DATE), libvirt: "unsupported configuration: unknown driver format value 'luks'" },
  { name: 'sysinfo-date-after-vsock-cid', xml: domain('<vsock model="virtio"><cid auto="no" address="0"/></vsock>', BAD_DATE), libvirt: "XML error: Invalid value for attribute 'address' in element 'cid': Zero is not permitted" },
  { name: 'sysinfo-date-after-audio-id', xml: domain('<audio id="0" type="none"/>', BAD_DATE), libvirt: "XML error: Invalid value for attribute 'id' in element 'audio': Zero is not permitted" },
  // a pci-bridge's index against its bus: checked after every PCI address is assigned, before the USB ports
  { name: 'bridge-index-after-endpoint-bus', xml: domain('<controller type="pci" index="0" model="pcie-root"/><controller type="pci" index="10" model="pci-bridge"/><controller type="pci" index="11" model="pcie-expander-bus"><address type="pci" domain="0x0000" bus="0x00" slot="0x15" function="0x0"/></controller><controller type="pci" index="12" model="pcie-root-port"><address type="pci" domain="0x0000" bus="0x00" slot="0x16" function="0x0"/></controller><input type="keyboard" bus="virtio"><address type="pci" domain="0x0000" bus="0x0b" slot="0x03" function="0x0"/></input>', '', 'q35'), libvirt: "XML error: The device at PCI address 0000:0b:03.0 cannot be plugged into the PCI controller with index='11'. It requires a controller that accepts a PCI Express device." },
  { name: 'bridge-index-after-auto-add', xml: domain(`${Q35_BRIDGE}<sound model="ich7"/>`, '', 'q35'), libvirt: 'internal error: Cannot automatically add a new PCI bus for a device with connect flags 00' },
  { name: 'bridge-index-before-usb-port', xml: domain(`${Q35_BRIDGE}<controller type="usb" index="0" model="qemu-xhci"/><input type="tablet" bus="usb"><address type="usb" bus="0" port="9"/></input>`, '', 'q35'), libvirt: "unsupported configuration: PCI controller at index 10 (0x0a) has bus='0x0a', but index must be larger than bus" },
  // a disk's <auth> twice is refused with its source, before the <iotune>
  { name: 'auth-twice-before-iotune', xml: domain(`<disk type="network" device="disk"><driver name="qemu" type="raw"/><source protocol="iscsi" name="iqn.2010-10.org.openstack:volume-1/1"><host name="10.0.0.1"/>${AUTH}</source>${AUTH}<target dev="sda" bus="sata"/><iotune><read_bytes_sec>1000 </read_bytes_sec></iotune></disk>`), libvirt: 'unsupported configuration: an <auth> definition already found for disk source' },
  // <vcpu placement="auto"> makes <numatune>'s placement automatic unless <memory> says otherwise
  { name: 'memnode-vcpu-auto-no-memory', xml: domain('', `<vcpu placement="auto">2</vcpu><numatune>${MEMNODE}</numatune>${NUMA}`), libvirt: 'unsupported configuration: Per-node binding is not compatible with automatic NUMA placement.' },
  { name: 'memnode-vcpu-auto-memory-mode-only', xml: domain('', `<vcpu placement="auto">2</vcpu><numatune><memory mode="strict"/>${MEMNODE}</numatune>${NUMA}`), libvirt: 'unsupported configuration: Per-node binding is not compatible with automatic NUMA placement.' },
  { name: 'memnode-vcpu-auto-memory-nodeset', xml: domain('', `<vcpu placement="auto">2</vcpu><numatune><memory mode="strict" nodeset="0"/>${MEMNODE}</numatune>${NUMA}`), libvirt: 'accepts' },
  { name: 'memnode-vcpu-auto-bare-memory', xml: domain('', `<vcpu placement="auto">2</vcpu><numatune><memory/>${MEMNODE}</numatune>${NUMA}`), libvirt: 'accepts' },
  // a <memnode>'s placement and cell are checked before its nodeset
  { name: 'memnode-cell-missing-before-nodeset', xml: domain('', `<vcpu>2</vcpu><numatune><memnode cellid="5" mode="strict" nodeset="0-0,^0"/></numatune>${NUMA}`), libvirt: "XML error: Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell" },
  { name: 'memnode-no-cells-before-nodeset', xml: domain('', '<vcpu>2</vcpu><numatune><memnode cellid="0" mode="strict" nodeset="0-0,^0"/></numatune>'), libvirt: "XML error: Element 'memnode' is invalid without any guest NUMA cells" },
  { name: 'memnode-twice-before-nodeset', xml: domain('', `<vcpu>2</vcpu><numatune>${MEMNODE}<memnode cellid="0" mode="strict" nodeset="0-0,^0"/></numatune>${NUMA}`), libvirt: 'XML error: Multiple memnode elements with cellid 0' },
  { name: 'memnode-auto-before-nodeset', xml: domain('', `<vcpu>2</vcpu><numatune><memory mode="restrictive" placement="auto"/><memnode cellid="0" mode="preferred" nodeset="0-0,^0"/></numatune>${NUMA}`), libvirt: 'unsupported configuration: Per-node binding is not compatible with automatic NUMA placement.' },
  // an interface's host and guest device names (deviceName)
  { name: 'interface-guest-dev-blank', xml: domain('<interface type="ethernet"><target dev="tap31"/><model type="rtl8139"/><guest dev="a b"/></interface>'), libvirt: SCHEMA },
  { name: 'interface-target-dev-blank', xml: domain('<interface type="ethernet"><target dev="tap 31"/><model type="rtl8139"/></interface>'), libvirt: SCHEMA },
  { name: 'interface-guest-dev-ok', xml: domain('<interface type="ethernet"><target dev="tap31"/><model type="rtl8139"/><guest dev="eth0" actual="ens3"/></interface>'), libvirt: 'accepts' },
  // an interface <driver name>: kvm, vfio, xen on a hostdev interface, qemu, vhost on the others; read after the interface's other parse checks
  { name: 'interface-network-driver-vfio', xml: domain('<interface type="network"><source network="default"/><model type="virtio"/><driver name="vfio"/></interface>'), libvirt: "XML error: Invalid value for attribute 'name' in element 'driver': 'vfio'." },
  { name: 'interface-user-driver-kvm', xml: domain('<interface type="user"><model type="virtio"/><driver name="kvm"/></interface>'), libvirt: "XML error: Invalid value for attribute 'name' in element 'driver': 'kvm'." },
  { name: 'interface-hostdev-driver-qemu', xml: domain('<interface type="hostdev" managed="yes"><source><address type="pci" domain="0x0000" bus="0x06" slot="0x00" function="0x0"/></source><driver name="qemu"/></interface>'), libvirt: "XML error: Invalid value for attribute 'name' in element 'driver': 'qemu'." },
  { name: 'interface-user-driver-vhost', xml: domain('<interface type="user"><model type="e1000"/><driver name="vhost"/></interface>'), libvirt: 'accepts' },
  { name: 'interface-acpi-index-before-driver-name', xml: domain('<interface type="user"><model type="virtio"/><driver name="vfio"/><acpi index="0"/></interface>'), libvirt: "XML error: Invalid value for attribute 'index' in element 'acpi': Zero is not permitted" },
  { name: 'interface-driver-name-before-audio', xml: domain('<interface type="user"><model type="virtio"/><driver name="vfio"/></interface><audio id="0" type="none"/>'), libvirt: "XML error: Invalid value for attribute 'name' in element 'driver': 'vfio'." },
  // companion USB controllers without their master: the parser's, once it has read the controllers
  { name: 'usb-no-master-before-pci-root', xml: domain('<controller type="usb" index="1" model="ich9-uhci1"><master startport="0"/></controller><controller type="pci" index="0" model="pcie-root-port"/>', '', 'q35'), libvirt: 'No master USB controller specified' },
  { name: 'usb-no-master-before-interface', xml: domain('<interface type="user"><model type="virtio"/><acpi index="0"/></interface><controller type="usb" index="1" model="ich9-uhci1"><master startport="0"/></controller>'), libvirt: 'No master USB controller specified' },
  { name: 'usb-no-master-after-disk', xml: domain(`<controller type="usb" index="1" model="ich9-uhci1"><master startport="0"/></controller>${LUKS_DISK}`), libvirt: "unsupported configuration: unknown driver format value 'luks'" },
  // the SMM TSEG is the QEMU driver's post-parse, before its validation
  { name: 'tseg-pc-before-lifecycle', xml: domain('', '<features><acpi/><smm state="on"><tseg unit="MiB">48</tseg></smm></features><on_poweroff>restart</on_poweroff><on_reboot>destroy</on_reboot>'), libvirt: 'unsupported configuration: SMM TSEG is only supported with q35 machine type' },
  { name: 'tseg-pc-before-cdrom-bus', xml: domain('<disk type="file" device="cdrom"><source file="/tmp/x.iso"/><target dev="vda" bus="virtio"/></disk>', '<features><acpi/><smm state="on"><tseg unit="MiB">48</tseg></smm></features>'), libvirt: 'unsupported configuration: SMM TSEG is only supported with q35 machine type' },
  // a 'none' video is no device: its acceleration is not looked at
  { name: 'video-none-accel2d', xml: domain('<graphics type="vnc" autoport="yes"/><video><model type="none"><acceleration accel2d="yes"/></model></video>'), libvirt: 'accepts' },
  { name: 'video-none-accel3d', xml: domain('<graphics type="vnc" autoport="yes"/><video><model type="none"><acceleration accel3d="yes"/></model></video>'), libvirt: 'accepts' },
  // a USB controller of model none: the parser refuses the other USB devices where it reads their kind
  { name: 'usb-none-other-controller-before-interface', xml: domain(`${USB_NONE}<controller type="usb" index="1" model="ich9-ehci1"/><interface type="user"><model type="virtio"/><acpi index="0"/></interface>`), libvirt: "Can't add another USB controller: USB is disabled for this domain" },
  { name: 'usb-none-twice', xml: domain(`${USB_NONE}<controller type="usb" index="1" model="none"/>`), libvirt: "Can't add another USB controller: USB is disabled for this domain" },
  { name: 'usb-none-input-before-hostdev', xml: domain(`${USB_NONE}${USB_HOSTDEV}<input type="tablet" bus="usb"/>`), libvirt: "unsupported configuration: Can't add USB input device. USB bus is disabled" },
  { name: 'usb-none-hostdev-before-vsock', xml: domain(`${USB_NONE}${USB_HOSTDEV}<vsock model="virtio"><cid auto="no" address="0"/></vsock>`), libvirt: "unsupported configuration: Can't add host USB device: USB is disabled in this host" },
  { name: 'usb-none-hub-before-vsock', xml: domain(`${USB_NONE}<hub type="usb"/><vsock model="virtio"><cid auto="no" address="0"/></vsock>`), libvirt: "unsupported configuration: Can't add USB hub: USB is disabled for this domain" },
  { name: 'usb-none-audio-before-hostdev', xml: domain(`${USB_NONE}${USB_HOSTDEV}<audio id="0" type="none"/>`), libvirt: "XML error: Invalid value for attribute 'id' in element 'audio': Zero is not permitted" },
  // <memoryBacking> takes each child once
  { name: 'memorybacking-access-twice', xml: domain('', '<memoryBacking><access mode="shared"/><access mode="private"/></memoryBacking>'), libvirt: SCHEMA },
  { name: 'memorybacking-access-and-allocation', xml: domain('', '<memoryBacking><access mode="shared"/><allocation mode="immediate"/></memoryBacking>'), libvirt: 'accepts' },
  // an interface <backend>'s tap=, vhost= and logFile= are absFilePaths
  { name: 'backend-tap-relative', xml: domain('<interface type="user"><model type="virtio"/><backend tap="tun" vhost="/dev/vhost-net"/></interface>'), libvirt: SCHEMA },
  { name: 'backend-vhost-relative', xml: domain('<interface type="user"><model type="virtio"/><backend tap="/dev/net/tun" vhost="vhost-net"/></interface>'), libvirt: SCHEMA },
  { name: 'backend-absolute', xml: domain('<interface type="user"><model type="virtio"/><backend tap="/dev/net/tun" vhost="/dev/vhost-net"/></interface>'), libvirt: 'accepts' },
  // <tune><sndbuf>: unsignedInt, digits only
  { name: 'sndbuf-x', xml: domain('<interface type="user"><model type="e1000e"/><tune><sndbuf>x</sndbuf></tune></interface>'), libvirt: SCHEMA },
  { name: 'sndbuf-blanks', xml: domain('<interface type="user"><model type="e1000e"/><tune><sndbuf> 5 </sndbuf></tune></interface>'), libvirt: SCHEMA },
  { name: 'sndbuf-past-uint', xml: domain('<interface type="user"><model type="e1000e"/><tune><sndbuf>4294967296</sndbuf></tune></interface>'), libvirt: SCHEMA },
  { name: 'sndbuf-max', xml: domain('<interface type="user"><model type="e1000e"/><tune><sndbuf>4294967295</sndbuf></tune></interface>'), libvirt: 'accepts' },
  // a first <console> of target type serial (or none) without any <serial> is the serial port, walked with the serial ports
  { name: 'console-spiceport-as-serial-before-channel', xml: domain(`<graphics type="vnc" port="5901"/>${SPICEVMC}<console type="spiceport"><source channel="org.qemu.console.serial.0"/><target type="serial" port="0"/></console>`), libvirt: "unsupported configuration: chardev 'spiceport' not supported without spice graphics" },
  { name: 'console-spiceport-no-target-before-channel', xml: domain(`<graphics type="vnc" port="5901"/>${SPICEVMC}<console type="spiceport"><source channel="org.qemu.console.serial.0"/></console>`), libvirt: "unsupported configuration: chardev 'spiceport' not supported without spice graphics" },
  { name: 'console-spiceport-virtio-after-channel', xml: domain(`<graphics type="vnc" port="5901"/>${SPICEVMC}<console type="spiceport"><source channel="org.qemu.console.serial.0"/><target type="virtio"/></console>`), libvirt: "unsupported configuration: chardev 'spicevmc' not supported without spice graphics" },
  { name: 'console-spiceport-beside-serial-is-its-alias', xml: domain('<graphics type="vnc" port="5901"/><serial type="pty"/><console type="spiceport"><source channel="org.qemu.console.serial.0"/><target type="serial" port="0"/></console>'), libvirt: 'accepts' },
  // a virtiofs filesystem: read-only before shared memory
  { name: 'virtiofs-readonly-before-shared-memory', xml: domain('<filesystem type="mount" accessmode="passthrough"><driver type="virtiofs" queue="1024"/><source dir="/srv/share"/><target dir="share"/><readonly/></filesystem>'), libvirt: 'unsupported configuration: virtiofs does not yet support read-only mode' },
  { name: 'virtiofs-shared-memory', xml: domain('<filesystem type="mount" accessmode="passthrough"><driver type="virtiofs"/><source dir="/srv/share"/><target dir="share"/></filesystem>'), libvirt: "unsupported configuration: 'virtiofs' requires shared memory" },
  // a memnode mode the schema does not know is the schema's refusal, whatever <memory>'s mode
  { name: 'memnode-mode-bogus-under-restrictive', xml: domain('', `<vcpu>2</vcpu><numatune><memory mode="restrictive" nodeset="0" placement="static"/><memnode cellid="0" mode="bogus" nodeset="0"/></numatune>${NUMA}`), libvirt: SCHEMA },
  { name: 'memnode-strict-under-restrictive', xml: domain('', `<vcpu>2</vcpu><numatune><memory mode="restrictive" nodeset="0" placement="static"/>${MEMNODE}</numatune>${NUMA}`), libvirt: "XML error: 'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element" },
  // <kvm><dirty-ring>: size= an unsignedInt (schema), with state on required and a power of two in [1024, 65536]
  { name: 'dirty-ring-65537', xml: kvm('<dirty-ring state="on" size="65537"/>'), libvirt: 'XML error: dirty ring must be power of 2 and ranges [1024, 65536]' },
  { name: 'dirty-ring-512', xml: kvm('<dirty-ring state="on" size="512"/>'), libvirt: 'XML error: dirty ring must be power of 2 and ranges [1024, 65536]' },
  { name: 'dirty-ring-0', xml: kvm('<dirty-ring state="on" size="0"/>'), libvirt: 'XML error: dirty ring must be power of 2 and ranges [1024, 65536]' },
  { name: 'dirty-ring-131072', xml: kvm('<dirty-ring state="on" size="131072"/>'), libvirt: 'XML error: dirty ring must be power of 2 and ranges [1024, 65536]' },
  { name: 'dirty-ring-2048', xml: kvm('<dirty-ring state="on" size="2048"/>'), libvirt: 'accepts' },
  { name: 'dirty-ring-blank-2048', xml: kvm('<dirty-ring state="on" size=" 2048"/>'), libvirt: 'accepts' },
  { name: 'dirty-ring-no-size', xml: kvm('<dirty-ring state="on"/>'), libvirt: "XML error: Missing required attribute 'size' in element 'dirty-ring'" },
  { name: 'dirty-ring-off-3', xml: kvm('<dirty-ring state="off" size="3"/>'), libvirt: 'accepts' },
  { name: 'dirty-ring-negative', xml: kvm('<dirty-ring state="on" size="-1024"/>'), libvirt: SCHEMA },
  { name: 'dirty-ring-past-uint', xml: kvm('<dirty-ring state="on" size="4294968320"/>'), libvirt: SCHEMA },
];
