/**
 * Round 33's documents, each with libvirt 9.0's own answer: the last line of `virsh define
 * --validate` on the QEMU driver (scripts/libvirt-cases-label.ts 33 checks every label again), with
 * "accepts" for a document libvirt defines. The disagreements of scripts/libvirt-hunt34-check.ts --round 33
 * (seeded domains of scripts/libvirt-hunt33-gen.ts: <memtune>, <blkiotune>, <vcpus>, <idmap>,
 * <keywrap>, <perf>, <resource>, fw_cfg <sysinfo>, <bootloader>, <lease>, <parallel>, ...) on
 * seeds 3301-3305, cut down to the shape.
 */
export interface Hunt33Case {
  name: string;
  xml: string;
  /** libvirt's last line without virsh's "error: ", or "accepts" */
  libvirt: string;
}

const SCHEMA = 'Element domain failed to validate content';

const domain = (devices: string, top = '') =>
  `<domain type="qemu"><name>h33</name><memory unit="MiB">64</memory>${top}<os><type arch="x86_64" machine="pc">hvm</type></os><features><acpi/></features><devices>${devices}</devices></domain>`;
const top = (t: string) => domain('', t);

const vcpus = (max: number, entries: string) => `<vcpu>${max}</vcpu><vcpus>${entries}</vcpus>`;
const OFFLINE_VCPU0 = vcpus(2, '<vcpu id="0" enabled="no"/><vcpu id="1" enabled="yes"/>');
const memtune = (limits: string) => `<memtune>${limits}</memtune>`;
const BLKIO_TWICE = '<blkiotune><device><path>/dev/vdb</path></device><device><path>/dev/vdb</path></device></blkiotune>';
const UID_ONLY = '<idmap><uid start="0" target="1000" count="10"/></idmap>';
const NO_ROOT = '<idmap><uid start="1" target="1000" count="10"/><gid start="0" target="1000" count="10"/></idmap>';
const KEYWRAP_TWICE = '<keywrap><cipher name="dea" state="on"/><cipher name="dea" state="off"/></keywrap>';
const SPICEVMC_PARALLEL = '<parallel type="spicevmc"/>';
const FILE_PARALLEL_NO_PATH = '<parallel type="file"/>';
const fwcfg = (entries: string) => `<sysinfo type="fwcfg">${entries}</sysinfo>`;
const lease = (lockspace: string, key: string, target = '<target path="/var/lib/lease"/>') => `<lease>${lockspace}${key}${target}</lease>`;

export const CASES: readonly Hunt33Case[] = [
  // the schema's types in the tuning elements and a few devices (tuneShapes.ts)
  { name: 'memtune-unit-not-a-unit', xml: top(memtune('<hard_limit unit="xb">1024</hard_limit>')), libvirt: SCHEMA },
  { name: 'memtune-blanks-around-the-number', xml: top(memtune('<hard_limit unit="KiB"> 1024 </hard_limit>')), libvirt: SCHEMA },
  { name: 'memtune-limit-twice', xml: top(memtune('<hard_limit>4096</hard_limit><hard_limit>4096</hard_limit>')), libvirt: SCHEMA },
  { name: 'blkiotune-weight-99', xml: top('<blkiotune><weight>99</weight></blkiotune>'), libvirt: SCHEMA },
  { name: 'blkiotune-device-weight-5', xml: top('<blkiotune><device><path>/dev/vdb</path><weight>5</weight></device></blkiotune>'), libvirt: SCHEMA },
  { name: 'blkiotune-relative-path', xml: top('<blkiotune><device><path>sda</path></device></blkiotune>'), libvirt: SCHEMA },
  { name: 'resource-relative-partition', xml: top('<resource><partition>machine</partition></resource>'), libvirt: SCHEMA },
  { name: 'resource-empty-appid', xml: top('<resource><partition>/machine</partition><fibrechannel appid=""/></resource>'), libvirt: SCHEMA },
  { name: 'title-two-lines', xml: top('<title>two\nlines</title>'), libvirt: SCHEMA },
  { name: 'idmap-start-not-a-number', xml: top('<idmap><uid start="x" target="1000" count="10"/><gid start="0" target="1000" count="10"/></idmap>'), libvirt: SCHEMA },
  { name: 'vcpus-id-not-a-number', xml: top(vcpus(2, '<vcpu id="x" enabled="yes"/>')), libvirt: SCHEMA },
  { name: 'iothreadids-id-not-a-number', xml: top('<iothreads>2</iothreads><iothreadids><iothread id="x"/><iothread id="2"/></iothreadids>'), libvirt: SCHEMA },
  { name: 'genid-not-a-uuid', xml: top('<genid>x</genid>'), libvirt: SCHEMA },
  { name: 'lease-without-lockspace', xml: domain(lease('', '<key>k</key>')), libvirt: SCHEMA },
  { name: 'isa-address-decimal-irq', xml: domain('<parallel type="null"><address type="isa" iobase="0x378" irq="7"/></parallel>'), libvirt: SCHEMA },
  { name: 'sev-without-policy', xml: domain('', '').replace('</devices>', '</devices><launchSecurity type="sev"><cbitpos>47</cbitpos></launchSecurity>'), libvirt: SCHEMA },
  // shapes libvirt takes
  { name: 'isa-address-hex-irq', xml: domain('<serial type="pty"><target port="0"/><address type="isa" iobase="0x3f8" irq="0x4"/></serial>'), libvirt: 'accepts' },
  { name: 'memtune-largest-limit', xml: top(memtune('<hard_limit unit="b">9223372036854774784</hard_limit>')), libvirt: 'accepts' },
  { name: 'vcpus-entries-leave-current-aside', xml: top('<vcpu current="2">1</vcpu><vcpus><vcpu id="0" enabled="yes"/></vcpus>'), libvirt: 'accepts' },
  { name: 'vcpus-id-twice-last-entry-wins', xml: top(vcpus(2, '<vcpu id="0" enabled="yes" hotpluggable="yes" order="3"/><vcpu id="0" enabled="yes"/><vcpu id="1" enabled="yes"/>')), libvirt: 'accepts' },
  { name: 'idmap-root-both-kinds', xml: top('<idmap><uid start="0" target="1000" count="10"/><gid start="0" target="1000" count="10"/></idmap>'), libvirt: 'accepts' },
  { name: 'lease-empty-target-path', xml: domain(lease('<lockspace>a</lockspace>', '<key>k</key>', '<target path=""/>')), libvirt: 'accepts' },
  { name: 'lease-blank-key', xml: domain(lease('<lockspace>a</lockspace>', '<key> </key>')), libvirt: 'accepts' },
  { name: 'fwcfg-name-twice', xml: top(fwcfg('<entry name="opt/x">a</entry><entry name="opt/x">b</entry>')), libvirt: 'accepts' },
  // <vcpus>: the parser, then the QEMU driver's post-parse, then the common one
  { name: 'vcpus-id-out-of-range', xml: top(vcpus(2, '<vcpu id="0" enabled="yes"/><vcpu id="2" enabled="yes"/>')), libvirt: "XML error: vcpu id '2' is out of range of maximum vcpu count" },
  { name: 'vcpus-id-out-of-range-before-offline-vcpu0', xml: top(vcpus(2, '<vcpu id="0" enabled="no"/><vcpu id="5" enabled="yes"/>')), libvirt: "XML error: vcpu id '5' is out of range of maximum vcpu count" },
  { name: 'vcpus-without-vcpu0', xml: top(vcpus(2, '<vcpu id="1" enabled="yes"/>')), libvirt: "unsupported configuration: vcpu 0 can't be offline" },
  { name: 'vcpus-vcpu0-last-entry-offline', xml: top(vcpus(2, '<vcpu id="0" enabled="yes"/><vcpu id="0" enabled="no"/><vcpu id="1" enabled="yes"/>')), libvirt: "unsupported configuration: vcpu 0 can't be offline" },
  { name: 'vcpus-vcpu0-ordered-second', xml: top(vcpus(2, '<vcpu id="0" enabled="yes" order="2"/><vcpu id="1" enabled="yes" order="1"/>')), libvirt: 'unsupported configuration: vcpu0 must be enabled first' },
  { name: 'vcpus-order-on-some', xml: top(vcpus(3, '<vcpu id="0" enabled="yes"/><vcpu id="1" enabled="yes"/><vcpu id="2" enabled="yes" order="3"/>')), libvirt: 'unsupported configuration: all vcpus must have either set or unset order' },
  { name: 'vcpus-fixed-descending', xml: top(vcpus(3, '<vcpu id="0" enabled="yes" hotpluggable="no" order="1"/><vcpu id="1" enabled="yes" hotpluggable="no" order="3"/><vcpu id="2" enabled="yes" hotpluggable="no" order="2"/>')), libvirt: 'unsupported configuration: online non-hotpluggable vcpus must be ordered in ascending order' },
  { name: 'vcpus-offline-not-hotpluggable', xml: top(vcpus(3, '<vcpu id="0" enabled="yes"/><vcpu id="1" enabled="yes"/><vcpu id="2" enabled="no" hotpluggable="no"/>')), libvirt: "unsupported configuration: vcpu '2' is both offline and not hotpluggable" },
  // spicevmc character devices: a virtio channel only (the parser)
  { name: 'spicevmc-parallel', xml: domain(SPICEVMC_PARALLEL), libvirt: 'unsupported configuration: spicevmc device type only supports virtio' },
  { name: 'spicevmc-serial-beside-spice', xml: domain('<graphics type="spice"/><serial type="spicevmc"/>'), libvirt: 'unsupported configuration: spicevmc device type only supports virtio' },
  { name: 'spicevmc-virtio-console', xml: domain('<console type="spicevmc"><target type="virtio"/></console>'), libvirt: 'unsupported configuration: spicevmc device type only supports virtio' },
  { name: 'spicevmc-guestfwd-channel', xml: domain('<channel type="spicevmc"><target type="guestfwd" address="10.0.2.1" port="4600"/></channel>'), libvirt: 'unsupported configuration: spicevmc device type only supports virtio' },
  { name: 'spicevmc-parallel-before-offline-vcpu0', xml: domain(SPICEVMC_PARALLEL, OFFLINE_VCPU0), libvirt: 'unsupported configuration: spicevmc device type only supports virtio' },
  // fw_cfg entries, <bootloader>
  { name: 'fwcfg-empty-value', xml: top(fwcfg('<entry name="opt/x"></entry>')), libvirt: "XML error: Firmware entry must have either value or 'file' attribute" },
  { name: 'fwcfg-blank-value', xml: top(fwcfg('<entry name="opt/x"> </entry>')), libvirt: "XML error: Firmware entry must have either value or 'file' attribute" },
  { name: 'fwcfg-name-outside-opt', xml: top(fwcfg('<entry name="etc/x">value</entry>')), libvirt: 'unsupported configuration: Invalid firmware name' },
  { name: 'fwcfg-empty-name-with-file', xml: top(fwcfg('<entry name="" file="/tmp/fw.bin"/>')), libvirt: 'unsupported configuration: Invalid firmware name' },
  { name: 'fwcfg-name-of-qemu', xml: top(fwcfg('<entry name="opt/org.qemu/x">a</entry>')), libvirt: 'unsupported configuration: That firmware name is reserved' },
  { name: 'bootloader', xml: top('<bootloader>/usr/bin/pygrub</bootloader>'), libvirt: 'unsupported configuration: bootloader is not supported by QEMU' },
  { name: 'bootloader-before-offline-vcpu0', xml: top(`${OFFLINE_VCPU0}<bootloader>/usr/bin/pygrub</bootloader>`), libvirt: 'unsupported configuration: bootloader is not supported by QEMU' },
  // the tuning elements past the schema (LIBVIRT-DOMAIN-TUNABLES)
  { name: 'memtune-above-2^53-kib', xml: top(memtune('<hard_limit unit="KiB">9007199254740992</hard_limit>')), libvirt: 'numerical overflow: value too large: 9007199254740992KiB' },
  { name: 'memtune-bytes-above-the-limit', xml: top(memtune('<hard_limit unit="b">9223372036854774785</hard_limit>')), libvirt: 'numerical overflow: value too large: 9223372036854774785b' },
  { name: 'memtune-overflow-without-unit', xml: top(memtune('<swap_hard_limit>18446744073709551615</swap_hard_limit>')), libvirt: 'numerical overflow: value too large: 18446744073709551615' },
  { name: 'memtune-overflow-before-offline-vcpu0', xml: top(`${memtune('<soft_limit unit="G">8796093022208</soft_limit>')}${OFFLINE_VCPU0}`), libvirt: 'numerical overflow: value too large: 8796093022208G' },
  { name: 'memtune-min-guarantee', xml: top(memtune('<min_guarantee>1024</min_guarantee>')), libvirt: "unsupported configuration: Parameter 'min_guarantee' not supported by QEMU." },
  { name: 'memtune-min-guarantee-before-lifecycle', xml: top(`${memtune('<min_guarantee>1024</min_guarantee>')}<on_poweroff>restart</on_poweroff><on_reboot>destroy</on_reboot>`), libvirt: "unsupported configuration: Parameter 'min_guarantee' not supported by QEMU." },
  { name: 'blkiotune-path-twice', xml: top(BLKIO_TWICE), libvirt: "unsupported configuration: duplicate blkio device path '/dev/vdb'" },
  { name: 'blkiotune-path-twice-after-offline-vcpu0', xml: top(`${BLKIO_TWICE}${OFFLINE_VCPU0}`), libvirt: "unsupported configuration: vcpu 0 can't be offline" },
  { name: 'blkiotune-path-twice-after-device-validation', xml: domain(FILE_PARALLEL_NO_PATH, BLKIO_TWICE), libvirt: 'internal error: Missing source path attribute for char device' },
  { name: 'resource-empty', xml: top('<resource></resource>'), libvirt: 'An error occurred, but the cause is unknown' },
  { name: 'resource-empty-before-devices', xml: domain(SPICEVMC_PARALLEL, '<resource></resource>'), libvirt: 'An error occurred, but the cause is unknown' },
  { name: 'idmap-uids-only', xml: top(UID_ONLY), libvirt: 'unsupported configuration: uid and gid should be mapped both' },
  { name: 'idmap-uids-only-without-root', xml: top('<idmap><uid start="1" target="1000" count="10"/></idmap>'), libvirt: 'unsupported configuration: uid and gid should be mapped both' },
  { name: 'idmap-without-root', xml: top(NO_ROOT), libvirt: 'unsupported configuration: You must map the root user of container' },
  { name: 'idmap-after-device-validation', xml: domain(FILE_PARALLEL_NO_PATH, NO_ROOT), libvirt: 'internal error: Missing source path attribute for char device' },
  { name: 'idmap-after-blkio-paths', xml: top(`${UID_ONLY}${BLKIO_TWICE}`), libvirt: "unsupported configuration: duplicate blkio device path '/dev/vdb'" },
  { name: 'idmap-after-bootloader', xml: top(`${UID_ONLY}<bootloader>/usr/bin/pygrub</bootloader>`), libvirt: 'unsupported configuration: bootloader is not supported by QEMU' },
  { name: 'keywrap-cipher-twice', xml: top(KEYWRAP_TWICE), libvirt: 'internal error: A domain definition can have no more than one cipher node with name dea' },
  { name: 'keywrap-after-devices', xml: domain(SPICEVMC_PARALLEL, KEYWRAP_TWICE), libvirt: 'unsupported configuration: spicevmc device type only supports virtio' },
  { name: 'keywrap-before-idmap', xml: top(`${KEYWRAP_TWICE}${NO_ROOT}`), libvirt: 'internal error: A domain definition can have no more than one cipher node with name dea' },
  { name: 'fwcfg-before-keywrap', xml: top(`${KEYWRAP_TWICE}${fwcfg('<entry name="opt/x"></entry>')}`), libvirt: "XML error: Firmware entry must have either value or 'file' attribute" },
  { name: 'perf-event-twice', xml: top('<perf><event name="cmt" enabled="yes"/><event name="cmt" enabled="no"/></perf>'), libvirt: "XML error: perf event 'cmt' was already specified" },
  // leases past the schema (LIBVIRT-DOMAIN-LEASE)
  { name: 'lease-empty-key', xml: domain(lease('<lockspace>a</lockspace>', '<key></key>')), libvirt: "XML error: Missing 'key' element for lease" },
  { name: 'lease-empty-lockspace', xml: domain(lease('<lockspace></lockspace>', '<key>k</key>')), libvirt: 'An error occurred, but the cause is unknown' },
  { name: 'lease-empty-key-before-spicevmc', xml: domain(`${SPICEVMC_PARALLEL}${lease('<lockspace>a</lockspace>', '<key></key>')}`), libvirt: "XML error: Missing 'key' element for lease" },
  // the QEMU driver's lifecycle actions: rename-restart in any of the three before preserve
  { name: 'lifecycle-rename-restart-before-preserve', xml: top('<on_poweroff>preserve</on_poweroff><on_reboot>rename-restart</on_reboot>'), libvirt: "unsupported configuration: qemu driver doesn't support the 'rename-restart' action for 'on_reboot'/'on_poweroff'/'on_crash'" },
];
