/**
 * Round 34's documents, each with libvirt 9.0's own answer: the last line of `virsh define
 * --validate` on the QEMU driver (scripts/libvirt-cases-label.ts 34 checks every label again), with
 * "accepts" for a document libvirt defines. A SEV <launchSecurity> read by libvirt's parser (the
 * blanks around <cbitpos>), then the disagreements of scripts/libvirt-hunt34-check.ts (seeded
 * domains of scripts/libvirt-hunt34-gen.ts: interface kinds, filesystems, audio, clock timers,
 * features, sysinfo, USB addresses, video, ...) on seeds 3401-3404, cut down to the shape. Where
 * libvirt names the machine it names QEMU's expansion (pc-q35-7.2 on the labelling host), so those
 * documents write that machine.
 */
export interface Hunt34Case {
  name: string;
  xml: string;
  /** libvirt's last line without virsh's "error: ", or "accepts" */
  libvirt: string;
}

const SCHEMA = 'Element domain failed to validate content';

const domain = (devices: string, top = '', os = '', machine = 'q35') =>
  `<domain type="qemu"><name>h34</name><memory unit="MiB">64</memory><vcpu>2</vcpu>${top}<os><type arch="x86_64" machine="${machine}">hvm</type>${os}</os><devices>${devices}</devices></domain>`;
const top = (t: string) => domain('', t);
const features = (f: string, machine = 'q35') => domain('', `<features><acpi/>${f}</features>`, '', machine);
const clock = (inner: string, attrs = 'offset="utc"') => top(`<clock ${attrs}>${inner}</clock>`);
const sev = (parts: string) => `<launchSecurity type="sev">${parts}</launchSecurity>`;
const SHARED = '<memoryBacking><source type="memfd"/><access mode="shared"/></memoryBacking>';
const fs = (attrs: string, inner: string) => `<filesystem${attrs}>${inner}</filesystem>`;
const nic = (type: string, inner: string) => `<interface type="${type}">${inner}<model type="virtio"/></interface>`;
const PERF_TWICE = '<perf><event name="cmt" enabled="yes"/><event name="cmt" enabled="no"/></perf>';
const CACHE_LEVEL_DISABLE = '<cpu mode="host-passthrough"><topology sockets="1" cores="1" threads="1"/><cache level="2" mode="disable"/></cpu>';

export const CASES: readonly Hunt34Case[] = [
  // a SEV <launchSecurity> past the schema (an XSD unsignedInt takes blanks around its digits; the parser's strtoul only those before)
  { name: 'sev-cbitpos-blank-after', xml: top(sev('<cbitpos>47 </cbitpos><reducedPhysBits>1</reducedPhysBits><policy>0x0003</policy>')), libvirt: 'XML error: Invalid format for launch security cbitpos' },
  { name: 'sev-cbitpos-line-after', xml: top(sev('<cbitpos>\n47\n</cbitpos><policy>0x1</policy>')), libvirt: 'XML error: Invalid format for launch security cbitpos' },
  { name: 'sev-reduced-phys-bits-blank-after', xml: top(sev('<cbitpos>47</cbitpos><reducedPhysBits>1 </reducedPhysBits><policy>0x1</policy>')), libvirt: 'XML error: Invalid format for launch security reduced-phys-bits' },
  { name: 'sev-policy-above-32-bits-first', xml: top(sev('<cbitpos>47 </cbitpos><policy>0x100000000</policy>')), libvirt: 'XML error: failed to get launch security policy' },
  { name: 'sev-handle-blank', xml: top(sev('<cbitpos>47</cbitpos><policy>0x1</policy><handle> 1</handle>')), libvirt: SCHEMA },
  { name: 'sev-cbitpos-before-the-devices', xml: domain('<vsock model="virtio"><cid auto="no" address="0"/></vsock>', sev('<cbitpos>47 </cbitpos><policy>0x1</policy>')), libvirt: 'XML error: Invalid format for launch security cbitpos' },
  { name: 'sev-cbitpos-before-keywrap', xml: top(`<keywrap><cipher name="aes" state="on"/><cipher name="aes" state="off"/></keywrap>${sev('<cbitpos>47 </cbitpos><policy>0x1</policy>')}`), libvirt: 'XML error: Invalid format for launch security cbitpos' },
  { name: 'sev-cbitpos-after-perf', xml: top(`${sev('<cbitpos>47 </cbitpos><policy>0x1</policy>')}${PERF_TWICE}`), libvirt: "XML error: perf event 'cmt' was already specified" },
  { name: 'sev-cbitpos-after-hyperv', xml: domain('', `<features><hyperv mode="custom"><spinlocks state="on" retries="100"/></hyperv></features>${sev('<cbitpos>47 </cbitpos><policy>0x1</policy>')}`), libvirt: 'XML error: HyperV spinlock retry count must be at least 4095' },
  // the schema's shapes (deviceShapes.ts, schemaValues.ts)
  { name: 'interface-vds-without-source', xml: domain('<interface type="vds"><model type="virtio"/></interface>'), libvirt: SCHEMA },
  { name: 'interface-internal-without-source', xml: domain('<interface type="internal"><model type="virtio"/></interface>'), libvirt: SCHEMA },
  { name: 'interface-hostdev-without-source', xml: domain('<interface type="hostdev"><model type="virtio"/></interface>'), libvirt: SCHEMA },
  { name: 'interface-vdpa-without-source', xml: domain('<interface type="vdpa"><model type="virtio"/></interface>'), libvirt: SCHEMA },
  { name: 'interface-client-without-port', xml: domain(nic('client', '<source address="127.0.0.1"/>')), libvirt: SCHEMA },
  { name: 'interface-client-without-address', xml: domain(nic('client', '<source port="5559"/>')), libvirt: SCHEMA },
  { name: 'interface-mcast-port-70000', xml: domain(nic('mcast', '<source address="230.0.0.1" port="70000"/>')), libvirt: SCHEMA },
  { name: 'interface-udp-without-local', xml: domain(nic('udp', '<source address="127.0.0.1" port="11115"/>')), libvirt: SCHEMA },
  { name: 'filesystem-mount-source-file', xml: domain(fs(' type="mount"', '<source file="/srv/x"/><target dir="t"/>')), libvirt: SCHEMA },
  { name: 'filesystem-relative-dir', xml: domain(fs(' type="mount" accessmode="squash"', '<source dir="share"/><target dir="t"/>')), libvirt: SCHEMA },
  { name: 'filesystem-type-bogus', xml: domain(fs(' type="bogus"', '<source dir="/srv/share"/><target dir="t"/>')), libvirt: SCHEMA },
  { name: 'virtiofs-binary-relative', xml: domain(fs(' type="mount"', '<driver type="virtiofs"/><binary path="virtiofsd"/><source dir="/a"/><target dir="t"/>'), SHARED), libvirt: SCHEMA },
  { name: 'virtiofs-queue-not-a-number', xml: domain(fs(' type="mount"', '<driver type="virtiofs" queue="x"/><source dir="/a"/><target dir="t"/>'), SHARED), libvirt: SCHEMA },
  { name: 'os-init-in-hvm', xml: domain('', '', '<init>/bin/sh</init>'), libvirt: SCHEMA },
  { name: 'input-passthrough-relative-evdev', xml: domain('<input type="passthrough" bus="virtio"><source evdev="input1"/></input>'), libvirt: SCHEMA },
  { name: 'sysinfo-empty-system', xml: top('<sysinfo type="smbios"><system/></sysinfo>'), libvirt: SCHEMA },
  { name: 'rng-random-blank-before-path', xml: domain('<rng model="virtio"><backend model="random"> /dev/urandom</backend></rng>'), libvirt: SCHEMA },
  { name: 'smm-tseg-not-a-number', xml: features('<smm state="on"><tseg unit="MiB">x</tseg></smm>'), libvirt: SCHEMA },
  { name: 'usb-address-bus-not-hex', xml: domain('<hub type="usb"><address type="usb" bus="x" port="1"/></hub>'), libvirt: SCHEMA },
  { name: 'usb-address-port-not-hex', xml: domain('<hub type="usb"><address type="usb" bus="0" port="x"/></hub>'), libvirt: SCHEMA },
  { name: 'audio-id-not-a-number', xml: domain('<audio id="x" type="none"/>'), libvirt: SCHEMA },
  { name: 'audio-voices-not-a-number', xml: domain('<audio id="1" type="none"><input voices="x"/></audio>'), libvirt: SCHEMA },
  { name: 'video-resolution-not-a-number', xml: domain('<video><model type="vga"><resolution x="x" y="1080"/></model></video>'), libvirt: SCHEMA },
  { name: 'timer-catchup-without-catchup-policy', xml: clock('<timer name="pit" tickpolicy="delay"><catchup threshold="1"/></timer>'), libvirt: SCHEMA },
  { name: 'clock-timezone-empty', xml: clock('', 'offset="timezone" timezone=""'), libvirt: SCHEMA },
  { name: 'schema-before-the-pseries-feature', xml: domain('<interface type="vds"><model type="virtio"/></interface>', '<features><acpi/><hpt resizing="enabled"/></features>'), libvirt: SCHEMA },
  // the clock: the parser's zone, then the QEMU driver's timers (after the CPU cache, before the topology and the features)
  { name: 'clock-timezone-missing', xml: clock('', 'offset="timezone"'), libvirt: "internal error: missing 'timezone' attribute for clock with offset='timezone'" },
  { name: 'rtc-track-boot', xml: clock('<timer name="rtc" track="boot"/>'), libvirt: "unsupported configuration: unsupported rtc timer track 'boot'" },
  { name: 'rtc-tickpolicy-discard', xml: clock('<timer name="rtc" tickpolicy="discard"/>'), libvirt: "unsupported configuration: unsupported rtc timer tickpolicy 'discard'" },
  { name: 'pit-merge-before-rtc-boot', xml: clock('<timer name="pit" tickpolicy="merge"/><timer name="rtc" track="boot"/>'), libvirt: "unsupported configuration: unsupported pit tickpolicy 'merge'" },
  { name: 'platform-timer', xml: clock('<timer name="platform"/>'), libvirt: "unsupported configuration: unsupported timer type (name) 'platform'" },
  { name: 'armvtimer-on-x86', xml: domain('', '<clock offset="utc"><timer name="armvtimer"/></clock>', '', 'pc-q35-7.2'), libvirt: "unsupported configuration: Configuring the 'armvtimer' timer is not supported for virtType=qemu arch=x86_64 machine=pc-q35-7.2 guests" },
  { name: 'cpu-cache-before-topology', xml: top(CACHE_LEVEL_DISABLE), libvirt: "unsupported configuration: unsupported CPU cache level for mode 'disable'" },
  { name: 'cpu-cache-before-timer', xml: top(`${CACHE_LEVEL_DISABLE}<clock offset="utc"><timer name="rtc" track="boot"/></clock>`), libvirt: "unsupported configuration: unsupported CPU cache level for mode 'disable'" },
  { name: 'timer-before-topology', xml: top('<cpu mode="host-passthrough"><topology sockets="1" cores="1" threads="1"/></cpu><clock offset="utc"><timer name="rtc" track="boot"/></clock>'), libvirt: "unsupported configuration: unsupported rtc timer track 'boot'" },
  { name: 'timer-before-secure-boot', xml: domain('', '<features><acpi/></features><clock offset="utc"><timer name="rtc" track="boot"/></clock>', '<loader secure="yes" readonly="yes" type="pflash">/usr/share/OVMF/OVMF_CODE.fd</loader>', 'pc'), libvirt: "unsupported configuration: unsupported rtc timer track 'boot'" },
  { name: 'lifecycle-before-cpu-cache', xml: top(`${CACHE_LEVEL_DISABLE}<on_crash>rename-restart</on_crash>`), libvirt: "unsupported configuration: qemu driver doesn't support the 'rename-restart' action for 'on_reboot'/'on_poweroff'/'on_crash'" },
  { name: 'timers-valid', xml: clock('<timer name="rtc" track="guest" tickpolicy="catchup"><catchup threshold="123"/></timer><timer name="pit" tickpolicy="discard"/><timer name="hpet" present="yes"/><timer name="tsc" frequency="1000" mode="native"/>'), libvirt: 'accepts' },
  // features of other platforms, in libvirt's feature order; TCG's translation cache
  { name: 'gic-before-hpt', xml: features('<hpt resizing="enabled"/><gic version="2"/>', 'pc-q35-7.2'), libvirt: "unsupported configuration: The 'gic' feature is not supported for architecture 'x86_64' or machine type 'pc-q35-7.2'" },
  { name: 'hpt-before-cfpc', xml: features('<cfpc value="fixed"/><hpt resizing="enabled"/>', 'pc-q35-7.2'), libvirt: "unsupported configuration: The 'hpt' feature is not supported for architecture 'x86_64' or machine type 'pc-q35-7.2'" },
  { name: 'tb-cache-not-whole-mib', xml: features('<tcg><tb-cache unit="KiB">1000</tb-cache></tcg>'), libvirt: 'unsupported configuration: tb-cache size must be an integer multiple of MiB' },
  { name: 'tb-cache-whole-mib', xml: features('<tcg><tb-cache unit="KiB">2048</tb-cache></tcg>'), libvirt: 'accepts' },
  // audio backends: the parser's direction settings, then the domain's ids after every device
  { name: 'audio-fixed-settings-without-mixing', xml: domain('<audio id="1" type="none"><input fixedSettings="yes"/></audio>'), libvirt: 'unsupported configuration: fixed audio settings requires mixing engine' },
  { name: 'audio-settings-without-fixed', xml: domain('<audio id="1" type="none"><input><settings frequency="44100"/></input></audio>'), libvirt: 'unsupported configuration: audio settings specified without fixed settings flag' },
  { name: 'audio-input-before-output', xml: domain('<audio id="1" type="none"><output fixedSettings="yes" mixingEngine="no"/><input><settings channels="2"/></input></audio>'), libvirt: 'unsupported configuration: audio settings specified without fixed settings flag' },
  { name: 'audio-settings-before-an-mtu', xml: domain('<interface type="user"><model type="virtio"/><mtu size="1500"/></interface><audio id="1" type="none"><input fixedSettings="yes"/></audio>'), libvirt: 'unsupported configuration: fixed audio settings requires mixing engine' },
  { name: 'audio-fixed-with-mixing', xml: domain('<audio id="1" type="none"><input fixedSettings="yes" mixingEngine="yes"><settings frequency="44100"/></input></audio>'), libvirt: 'accepts' },
  { name: 'sound-audio-id-missing', xml: domain('<sound model="ich9"><audio id="2"/></sound><audio id="1" type="none"/>'), libvirt: 'XML error: no audio device with ID 2' },
  { name: 'sound-audio-id-missing-without-backends', xml: domain('<sound model="ich9"><audio id="2"/></sound>'), libvirt: 'XML error: no audio device with ID 2' },
  { name: 'sound-audio-id-1-default-backend', xml: domain('<sound model="pcspk"><audio id="1"/></sound>'), libvirt: 'accepts' },
  { name: 'audio-id-twice', xml: domain('<audio id="1" type="none"/><audio id="1" type="none"/>'), libvirt: 'XML error: audio ID 1 is used multiple times' },
  // filesystems
  { name: 'filesystem-type-file', xml: domain(fs(' type="file"', '<source file="/a"/><target dir="t"/>')), libvirt: 'unsupported configuration: only supports mount filesystem type' },
  { name: 'filesystem-target-before-type', xml: domain(fs(' type="file"', '<source file="/a"/><target dir=""/>')), libvirt: 'missing target information for device /a' },
  { name: 'virtiofs-mapped', xml: domain(fs(' type="mount" accessmode="mapped"', '<driver type="virtiofs"/><source dir="/a"/><target dir="t"/>')), libvirt: 'unsupported configuration: virtiofs only supports passthrough accessmode' },
  { name: 'virtiofs-read-only-before-mapped', xml: domain(fs(' type="mount" accessmode="mapped"', '<driver type="virtiofs"/><source dir="/a"/><target dir="t"/><readonly/>'), SHARED), libvirt: 'unsupported configuration: virtiofs does not yet support read-only mode' },
  { name: 'filesystem-loop-driver', xml: domain(fs(' type="mount"', '<driver type="loop"/><source dir="/a"/><target dir="t"/>')), libvirt: 'internal error: Cannot automatically add a new PCI bus for a device with connect flags 00' },
  // interfaces and device ROMs
  { name: 'rom-disabled-with-bar', xml: domain('<interface type="user"><model type="virtio"/><rom enabled="no" bar="on"/></interface>'), libvirt: 'unsupported configuration: ROM tuning is not supported when ROM is disabled' },
  { name: 'rom-disabled-before-sysinfo', xml: domain('<interface type="user"><model type="virtio"/><rom enabled="no" file="/x.rom"/></interface>', '<sysinfo type="smbios"><bios><entry name="date">13/13/2020</entry></bios></sysinfo>'), libvirt: 'unsupported configuration: ROM tuning is not supported when ROM is disabled' },
  { name: 'rom-disabled-alone', xml: domain('<interface type="user"><model type="virtio"/><rom enabled="no"/></interface>'), libvirt: 'accepts' },
  { name: 'teaming-persistent-e1000', xml: domain('<interface type="user"><model type="e1000"/><teaming type="persistent"/></interface>'), libvirt: "unsupported configuration: virtio-net teaming persistent interface must be <model type='virtio'/>, not 'e1000'" },
  { name: 'teaming-persistent-default-model', xml: domain('<interface type="user"><teaming type="persistent"/></interface>'), libvirt: "unsupported configuration: virtio-net teaming persistent interface must be <model type='virtio'/>, not 'rtl8139'" },
  { name: 'teaming-after-mtu', xml: domain('<interface type="user"><model type="e1000"/><teaming type="persistent"/><mtu size="1500"/></interface>'), libvirt: 'unsupported configuration: setting MTU on interface type user is not supported yet' },
  { name: 'teaming-persistent-transitional', xml: domain('<interface type="user"><model type="virtio-transitional"/><teaming type="persistent"/></interface>'), libvirt: 'accepts' },
  { name: 'ip-prefix-33-before-backend', xml: domain('<interface type="user"><model type="virtio"/><backend type="passt"/><ip family="ipv4" address="172.17.2.0" prefix="33"/></interface>'), libvirt: "XML error: Invalid prefix value '33' in <ip>" },
  { name: 'backend-passt', xml: domain('<interface type="user"><model type="virtio"/><backend type="passt"/></interface>'), libvirt: "XML error: Invalid value for attribute 'type' in element 'backend': 'passt'." },
  { name: 'usbdev-product-without-0x', xml: domain('<redirfilter><usbdev product="beef" allow="yes"/></redirfilter>'), libvirt: "XML error: Invalid value for attribute 'product' in element 'usbdev': 'beef'. Expected integer value" },
  { name: 'usbdev-vendor-decimal', xml: domain('<redirfilter><usbdev vendor="1234" allow="yes"/></redirfilter>'), libvirt: 'accepts' },
  { name: 'interface-client-and-udp', xml: domain(`${nic('client', '<source address="127.0.0.1" port="5559"/>')}${nic('udp', '<source address="127.0.0.1" port="11115"><local address="127.0.0.1" port="11116"/></source>')}`), libvirt: 'accepts' },
  // video
  { name: 'video-rendernode-without-vhostuser', xml: domain('<video><model type="vga" heads="2"><acceleration accel3d="yes" rendernode="/dev/dri/renderD128"/></model></video>'), libvirt: "unsupported configuration: unsupported rendernode accel attribute without 'vhostuser'" },
];
