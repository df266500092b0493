/**
 * Round 35's documents, each with libvirt 9.0's own answer: the last line of `virsh define
 * --validate` on the QEMU driver (scripts/libvirt-hunt35-label.ts checks every label again on a
 * live libvirtd), with "accepts" for a document libvirt defines. First round 34's held-out
 * disagreements (scripts/libvirt-hunt34-check.ts --round 34, seeds 3406-3408) cut down to their
 * shape, then those of round 35 (--round 35, seeds 3501-3504: host devices, controllers, chardevs,
 * graphics listens, video sizes, balloon and rng numbers, filesystems, mediated devices, ...), then
 * those of seeds 3506-3508 and 3509 once they had served as held-out seeds.
 */
export interface Hunt35Case {
  name: string;
  xml: string;
  /** libvirt's last line without virsh's "error: ", or "accepts" */
  libvirt: string;
}

const SCHEMA = 'Element domain failed to validate content';

const domain = (devices: string, top = '', os = '', machine = 'q35') =>
  `<domain type="qemu"><name>h35</name><memory unit="MiB">64</memory><vcpu>2</vcpu>${top}<os><type arch="x86_64" machine="${machine}">hvm</type>${os}</os><devices>${devices}</devices></domain>`;
const features = (f: string) => domain('', `<features><acpi/>${f}</features>`);
const fs = (attrs: string, inner: string) => `<filesystem type="mount"${attrs}>${inner}<source dir="/srv/s"/><target dir="t"/></filesystem>`;
const usbHostdev = (source: string) => `<hostdev mode="subsystem" type="usb"><source>${source}</source></hostdev>`;
const mdev = (model: string, extra = '') => `<hostdev mode="subsystem" type="mdev" model="${model}"><source><address uuid="c2177883-f1bb-47f0-914d-32a22e3a8804"/></source>${extra}</hostdev>`;
const CCID_TWICE = '<controller type="ccid" index="0"/><controller type="ccid" index="0"/>';
const IF_PREFIX_33 = '<interface type="user"><model type="virtio"/><ip family="ipv4" address="10.0.0.1" prefix="33"/></interface>';
const IDE_DISK = '<disk type="file" device="disk"><source file="/a"/><target dev="hda" bus="ide"/></disk>';
const balloon = (period: string) => `<memballoon model="virtio"><stats period="${period}"/></memballoon>`;
const rng = (inner: string) => `<rng model="virtio">${inner}</rng>`;
const video = (model: string) => `<video><model ${model}/></video>`;

export const CASES: readonly Hunt35Case[] = [
  // round 34's held-out seeds: the schema before a later stage's check of the same value or part
  { name: 'loader-type-bogus-with-firmware', xml: domain('', '<features><acpi/></features>', '<loader type="bogus"/>').replace('<os>', '<os firmware="efi">'), libvirt: SCHEMA },
  { name: 'tcg-tb-cache-unit', xml: features('<tcg><tb-cache unit="bogus">128</tb-cache></tcg>'), libvirt: SCHEMA },
  { name: 'tcg-tb-cache-mib', xml: features('<tcg><tb-cache unit="MiB">128</tb-cache></tcg>'), libvirt: 'accepts' },
  { name: 'acpi-table-relative', xml: domain('', '', '<acpi><table type="slic">rel.dat</table></acpi>'), libvirt: SCHEMA },
  { name: 'rng-builtin-with-path', xml: domain(rng('<backend model="builtin">/dev/urandom</backend>')), libvirt: SCHEMA },
  { name: 'rng-egd-without-type', xml: domain(rng('<backend model="egd"/>')), libvirt: SCHEMA },
  { name: 'rng-builtin', xml: domain(rng('<backend model="builtin"/>')), libvirt: 'accepts' },
  // the QEMU driver's order for a video: accel2d before the 3d acceleration's model
  { name: 'video-accel2d-before-accel3d', xml: domain('<video><model type="qxl"><acceleration accel3d="yes" accel2d="yes"/></model></video>'), libvirt: 'unsupported configuration: qemu does not support the accel2d setting' },
  { name: 'video-accel3d-qxl', xml: domain('<video><model type="qxl"><acceleration accel3d="yes"/></model></video>'), libvirt: "unsupported configuration: 3d acceleration is supported only with 'virtio' video device" },
  { name: 'video-qxl-vgamem-not-power-of-two', xml: domain(video('type="qxl" vgamem="3000"')), libvirt: "unsupported configuration: value for 'vgamem' must be power of two" },
  { name: 'video-qxl-vgamem-small', xml: domain(video('type="qxl" vgamem="512"')), libvirt: "unsupported configuration: value for 'vgamem' must be at least 1 MiB (1024 KiB)" },
  { name: 'video-qxl-vram-4g', xml: domain(video('type="qxl" vram="4194304"')), libvirt: "numerical overflow: value for 'vram' must be less than '4194303'" },
  { name: 'video-vmvga-vram-small', xml: domain(video('type="vmvga" vram="512"')), libvirt: "unsupported configuration: value for 'vram' must be at least 1 MiB (1024 KiB)" },
  // an input's virtio model needs the virtio bus (the common validation)
  { name: 'input-virtio-transitional-usb', xml: domain('<input type="tablet" bus="usb" model="virtio-transitional"/>'), libvirt: "unsupported configuration: only bus 'virtio' is supported for input model 'virtio-transitional'" },
  { name: 'input-virtio-no-bus', xml: domain('<input type="mouse" model="virtio"/>'), libvirt: "unsupported configuration: only bus 'virtio' is supported for input model 'virtio'" },
  { name: 'input-ps2-tablet-before-virtio-model', xml: domain('<input type="tablet" bus="ps2" model="virtio"/>'), libvirt: 'internal error: ps2 bus does not support tablet input device' },
  { name: 'input-transitional-virtio-bus', xml: domain('<input type="tablet" bus="virtio" model="virtio-transitional"/>'), libvirt: 'unsupported configuration: virtio (non-)transitional models are not supported for input type=tablet' },
  { name: 'input-evdev-virtio-after-controllers', xml: domain(`${CCID_TWICE}<input type="evdev" model="virtio"><source dev="/dev/input/event1"/></input>`), libvirt: "XML error: Multiple 'ccid' controllers with index '0'" },
  // a balloon's stats period is a C int for the parser, a positiveInteger (digits only) for the schema
  { name: 'balloon-period-4g', xml: domain(balloon('4294967296')), libvirt: "XML error: Invalid value for attribute 'period' in element 'stats': '4294967296'. Expected integer value" },
  { name: 'balloon-period-int-max-plus-one', xml: domain(balloon('2147483648')), libvirt: "XML error: Invalid value for attribute 'period' in element 'stats': '2147483648'. Expected integer value" },
  { name: 'balloon-period-int-max', xml: domain(balloon('2147483647')), libvirt: 'accepts' },
  { name: 'balloon-period-blank', xml: domain(balloon(' 5')), libvirt: SCHEMA },
  { name: 'balloon-period-4g-before-sound', xml: domain(`${balloon('4294967296')}<audio id="1" type="spice"/>`), libvirt: "XML error: Invalid value for attribute 'period' in element 'stats': '4294967296'. Expected integer value" },
  { name: 'rng-rate-bytes-4g', xml: domain(rng('<rate bytes="4294967296"/><backend model="random">/dev/urandom</backend>')), libvirt: 'XML error: invalid RNG rate bytes value' },
  { name: 'rng-rate-uint-max', xml: domain(rng('<rate bytes="4294967295" period="2147483648"/><backend model="random">/dev/urandom</backend>')), libvirt: 'accepts' },
  { name: 'bandwidth-average-blank', xml: domain('<interface type="user"><model type="virtio"/><bandwidth><inbound average=" 5"/></bandwidth></interface>'), libvirt: SCHEMA },
  // filesystems: modes belong to the mapped access mode, the handle driver takes passthrough only
  { name: 'fs-handle-squash', xml: domain(fs(' accessmode="squash"', '<driver type="handle"/>')), libvirt: 'unsupported configuration: only supports passthrough accessmode' },
  { name: 'fs-handle-passthrough', xml: domain(fs(' accessmode="passthrough"', '<driver type="handle"/>')), libvirt: 'accepts' },
  { name: 'fs-handle-squash-after-input', xml: domain(`${fs(' accessmode="squash"', '<driver type="handle"/>')}<input type="tablet" bus="ps2"/>`), libvirt: 'internal error: ps2 bus does not support tablet input device' },
  { name: 'fs-fmode-without-mapped', xml: domain(fs(' fmode="0644"', '')), libvirt: 'unsupported configuration: fmode and dmode must be used with accessmode=mapped' },
  { name: 'fs-fmode-squash-handle', xml: domain(fs(' accessmode="squash" fmode="0644"', '<driver type="handle"/>')), libvirt: 'unsupported configuration: fmode and dmode must be used with accessmode=mapped' },
  { name: 'fs-fmode-mapped', xml: domain(fs(' accessmode="mapped" fmode="0644" dmode="0755"', '')), libvirt: 'accepts' },
  // USB host devices: the schema's hex forms, then C numbers for the parser
  { name: 'usb-hostdev-product-hex-without-0x', xml: domain(usbHostdev('<vendor id="0x1234"/><product id="beef"/>')), libvirt: "XML error: Invalid value for attribute 'id' in element 'product': 'beef'. Expected non-negative integer value" },
  { name: 'usb-hostdev-vendor-octal-08', xml: domain(usbHostdev('<vendor id="08"/><product id="0x1"/>')), libvirt: "XML error: Invalid value for attribute 'id' in element 'vendor': '08'. Expected non-negative integer value" },
  { name: 'usb-hostdev-vendor-decimal', xml: domain(usbHostdev('<vendor id="1234"/><product id="0xbeef"/>')), libvirt: 'accepts' },
  { name: 'usb-hostdev-device-0x', xml: domain(usbHostdev('<address bus="1" device="0x"/>')), libvirt: SCHEMA },
  { name: 'usb-hostdev-device-hex-letter', xml: domain(usbHostdev('<address bus="1" device="a"/>')), libvirt: "XML error: Invalid value for attribute 'device' in element 'address': 'a'. Expected non-negative integer value" },
  { name: 'usb-hostdev-product-alone', xml: domain(usbHostdev('<product id="0xbeef"/>')), libvirt: SCHEMA },
  // graphics: listens by type, rdp and desktop
  { name: 'egl-headless-listen', xml: domain('<graphics type="egl-headless"><listen type="address" address="127.0.0.1"/></graphics>'), libvirt: SCHEMA },
  { name: 'egl-headless-rendernode-relative', xml: domain('<graphics type="egl-headless"><gl rendernode="renderD128"/></graphics>'), libvirt: SCHEMA },
  { name: 'rdp-listen-none-before-controllers', xml: domain(`${CCID_TWICE}<graphics type="rdp"><listen type="none"/></graphics>`), libvirt: "unsupported configuration: listen type 'none' is not available for graphics type 'rdp'" },
  { name: 'rdp-listen-socket-after-interface', xml: domain(`${IF_PREFIX_33}<graphics type="rdp"><listen type="socket"/></graphics>`), libvirt: "XML error: Invalid prefix value '33' in <ip>" },
  { name: 'desktop-graphics', xml: domain('<graphics type="desktop"/>'), libvirt: 'unsupported configuration: desktop graphics are not supported with this QEMU' },
  // mediated devices of s390 hosts, before the IDE controller a q35 disk implies
  { name: 'mdev-vfio-ap', xml: domain(mdev('vfio-ap', '<boot order="1"/>')), libvirt: 'unsupported configuration: VFIO AP device assignment is not supported by this version of QEMU' },
  { name: 'mdev-vfio-ccw-before-ide', xml: domain(`${IDE_DISK}${mdev('vfio-ccw')}`), libvirt: 'unsupported configuration: VFIO CCW device assignment is not supported by this version of QEMU' },
  { name: 'mdev-vfio-ap-after-disk', xml: domain(`<disk type="file" device="disk"><source file="/a"/><target dev="sda" bus="sata"/><readonly/></disk>${mdev('vfio-ap')}`), libvirt: 'unsupported configuration: readonly sata disks are not supported' },
  // disks and controllers
  { name: 'cdrom-on-sd', xml: domain('<disk type="file" device="cdrom"><source file="/a"/><target dev="sda" bus="sd"/><readonly/></disk><disk type="file" device="disk"><source file="/b"/><target dev="sda" bus="sata"/></disk>'), libvirt: "unsupported configuration: disk type of 'sda' does not support ejectable media" },
  { name: 'controller-iothread-before-shmem', xml: domain('<controller type="scsi" index="0" model="lsilogic"><driver iothread="1"/></controller><shmem name="x"><model type="ivshmem-doorbell"/></shmem>', '<iothreads>1</iothreads>'), libvirt: "XML error: 'iothread' attribute only supported for virtio scsi controllers" },
  { name: 'controller-iothread-after-interface', xml: domain(`<controller type="scsi" index="0" model="lsilogic"><driver iothread="1"/></controller>${IF_PREFIX_33}`, '<iothreads>1</iothreads>'), libvirt: "XML error: Invalid prefix value '33' in <ip>" },
  { name: 'controller-cmd-per-lun-negative', xml: domain('<controller type="scsi" index="0" model="virtio-scsi"><driver cmd_per_lun="-1"/></controller>'), libvirt: SCHEMA },
  { name: 'ccid-controller-model', xml: domain('<controller type="ccid" index="0" model="ncr53c90"/>'), libvirt: SCHEMA },
  { name: 'two-pcie-to-pci-bridges-one-port', xml: domain('<controller type="pci" index="1" model="pcie-to-pci-bridge"/><controller type="pci" index="2" model="pcie-root-port"/><controller type="pci" index="3" model="pcie-to-pci-bridge"/>'), libvirt: 'internal error: Cannot automatically add a new PCI bus for a device with connect flags 2000' },
  { name: 'pcie-to-pci-bridge-with-port', xml: domain('<controller type="pci" index="1" model="pcie-root-port"/><controller type="pci" index="2" model="pcie-to-pci-bridge"/>'), libvirt: 'accepts' },
  { name: 'scsi-hostdev-unit-negative', xml: domain('<hostdev mode="subsystem" type="scsi"><source><adapter name="scsi_host1"/><address bus="0" target="0" unit="-1"/></source></hostdev>'), libvirt: SCHEMA },
  // the domain's numbers and sizes
  { name: 'iothreads-negative', xml: domain('', '<iothreads>-1</iothreads>'), libvirt: SCHEMA },
  { name: 'numa-cell-cpus-empty', xml: domain('', '<cpu><numa><cell id="0" cpus="" memory="65536" unit="KiB"/></numa></cpu>'), libvirt: SCHEMA },
  { name: 'shmem-size-unit', xml: domain('<shmem name="x"><model type="ivshmem-plain"/><size unit="bogus">4</size></shmem>'), libvirt: SCHEMA },
  { name: 'on-lockfailure-destroy', xml: domain('', '<on_lockfailure>destroy</on_lockfailure>'), libvirt: SCHEMA },
  { name: 'on-lockfailure-pause', xml: domain('', '<on_lockfailure>pause</on_lockfailure>'), libvirt: 'accepts' },
  // a target name that implies thousands of controllers
  { name: 'sata-target-sdaaaa', xml: domain('<disk type="file" device="disk"><source file="/a"/><target dev="sdaaaa" bus="sata"/></disk>'), libvirt: "internal error: a PCI slot is needed to connect a PCI controller model='pci-bridge', but none is available, and it cannot be automatically added" },
  { name: 'scsi-target-sdaaaa-pc', xml: domain('<disk type="file" device="disk"><source file="/a"/><target dev="sdaaaa" bus="scsi"/></disk>', '', '', 'pc'), libvirt: "internal error: a PCI slot is needed to connect a PCI controller model='pci-bridge', but none is available, and it cannot be automatically added" },
  { name: 'sata-target-sdaaa', xml: domain('<disk type="file" device="disk"><source file="/a"/><target dev="sdaaa" bus="sata"/></disk>'), libvirt: 'accepts' },
  // round 35's seeds 3506-3508, after their held-out measurement
  { name: 'console-openvz-before-disk', xml: domain('<disk type="file" device="cdrom"><source file="/a"/><target dev="vda" bus="virtio"/><readonly/></disk><console type="pty"><target type="openvz" port="0"/></console>'), libvirt: 'unsupported configuration: unsupported console target type openvz' },
  { name: 'console-xen-after-controllers', xml: domain(`${CCID_TWICE}<console type="pty"><target type="xen" port="0"/></console>`), libvirt: "XML error: Multiple 'ccid' controllers with index '0'" },
  { name: 'iommu-intremap-kvm-ioapic', xml: domain('<iommu model="intel"><driver intremap="on"/></iommu>', '<features><acpi/><ioapic driver="kvm"/></features>'), libvirt: "unsupported configuration: IOMMU interrupt remapping requires split I/O APIC (ioapic driver='qemu')" },
  { name: 'iommu-eim-without-intremap', xml: domain('<iommu model="intel"><driver eim="on"/></iommu>', '<features><acpi/><ioapic driver="qemu"/></features>'), libvirt: 'unsupported configuration: IOMMU eim requires interrupt remapping to be enabled' },
  { name: 'iommu-intremap-qemu-ioapic', xml: domain('<iommu model="intel"><driver intremap="on" eim="on"/></iommu>', '<features><acpi/><ioapic driver="qemu"/></features>'), libvirt: 'accepts' },
  { name: 'guestfwd-port-hex', xml: domain('<channel type="pipe"><source path="/tmp/g"/><target type="guestfwd" address="10.0.2.1" port="0x10"/></channel>'), libvirt: "XML error: Invalid value for attribute 'port' in element 'target': '0x10'. Expected non-negative integer value" },
  { name: 'guestfwd-port-blank-before', xml: domain('<channel type="pipe"><source path="/tmp/g"/><target type="guestfwd" address="10.0.2.1" port=" 5"/></channel>'), libvirt: 'accepts' },
  { name: 'smartcard-slot-1', xml: domain('<smartcard mode="host"><address type="ccid" controller="0" slot="1"/></smartcard>'), libvirt: 'unsupported configuration: this QEMU binary lacks multiple smartcard support' },
  { name: 'smartcard-controller-1-after-video', xml: domain('<smartcard mode="host"><address type="ccid" controller="1" slot="0"/></smartcard><video><model type="vga" heads="2"/></video>'), libvirt: "unsupported configuration: video type 'vga' doesn't support multiple 'heads'" },
  { name: 'sgio-unfiltered-after-interface', xml: domain('<interface type="user"><model type="virtio"/><mtu size="1500"/></interface><hostdev mode="subsystem" type="scsi" sgio="unfiltered"><source><adapter name="scsi_host0"/><address bus="0" target="0" unit="0"/></source></hostdev>'), libvirt: 'unsupported configuration: setting MTU on interface type user is not supported yet' },
  { name: 'sgio-unfiltered-after-controllers', xml: domain(`${CCID_TWICE}<hostdev mode="subsystem" type="scsi" sgio="unfiltered"><source><adapter name="scsi_host0"/><address bus="0" target="0" unit="0"/></source></hostdev>`), libvirt: "XML error: Multiple 'ccid' controllers with index '0'" },
  { name: 'usb-controllers-twice-after-sata-address', xml: domain('<controller type="usb" index="1" model="qemu-xhci"/><controller type="sata" index="0"><address type="pci" domain="0x0000" bus="0x00" slot="0x0a" function="0x0"/></controller><controller type="usb" index="1" model="nec-xhci"/>'), libvirt: 'internal error: Primary SATA controller must have PCI address 0:0:1f.2' },
  { name: 'usb-controllers-twice-before-disk', xml: domain('<disk type="file" device="disk"><source file="/a"/><target dev="sda" bus="sata"/><readonly/></disk><controller type="usb" index="1" model="qemu-xhci"/><controller type="usb" index="1" model="nec-xhci"/>'), libvirt: 'XML error: Duplicate USB controllers with index 1' },
  { name: 'usb-none-disk-after-bridges', xml: domain('<controller type="usb" index="0" model="none"/><disk type="file" device="disk"><source file="/u"/><target dev="sdz" bus="usb"/></disk><controller type="pci" index="1" model="pcie-to-pci-bridge"/>'), libvirt: 'internal error: Cannot automatically add a new PCI bus for a device with connect flags 2000' },
  { name: 'usb-none-disk-before-disk-validation', xml: domain('<controller type="usb" index="0" model="none"/><disk type="file" device="disk"><source file="/u"/><target dev="sdz" bus="usb"/></disk><disk type="file" device="disk"><source file="/a"/><target dev="sda" bus="sata"/><readonly/></disk>'), libvirt: 'unsupported configuration: USB is disabled for this domain, but USB devices are present in the domain XML' },
  { name: 'pcie-root-index-1-before-controllers-twice', xml: domain(`${CCID_TWICE}<controller type="pci" index="1" model="pcie-root"/>`), libvirt: 'XML error: pci-root and pcie-root controllers should have index 0' },
  { name: 'pcie-root-index-1-after-interface', xml: domain(`<controller type="pci" index="1" model="pcie-root"/>${IF_PREFIX_33}`), libvirt: "XML error: Invalid prefix value '33' in <ip>" },
  { name: 'mdev-uuid-not-a-uuid', xml: domain(mdev('vfio-pci').replace('c2177883-f1bb-47f0-914d-32a22e3a8804', 'not-a-uuid')), libvirt: SCHEMA },
];
