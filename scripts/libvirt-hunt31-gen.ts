/**
 * Seeded qemu domains for round 31 of the libvirt hunt (scripts/libvirt-define-check.ts --hunt31 N):
 * the parts of a domain the earlier generators left alone or touched lightly. <os> firmware
 * (firmware=, <loader> readonly/type/secure, <nvram>, <firmware><feature>), <os><boot> against
 * per-device <boot order>, bootmenu, smbios and <sysinfo>; <features> (apic eoi, hyperv, kvm, pmu,
 * vmport, smm, gic, ioapic, hpt, msrs); <cpu> (modes, check, match, <model fallback>, <vendor>,
 * <feature policy>, topology against <vcpu>, cache, maxphysaddr); <clock> offsets and <timer>s;
 * <pm>; <on_poweroff>/<on_reboot>/<on_crash>/<on_lockfailure>; domain <seclabel>s; <memoryBacking>;
 * controllers without index= or model= that libvirt numbers and adds; interfaces (types, models,
 * driver, MAC, boot, rom, filterref, bandwidth, coalesce); graphics, video and input; and disks
 * with backing chains, <auth>, <encryption>, <iotune> fields and <throttlefilters> (newer than
 * 9.0). Each part has ordinary values and doubtful ones from a small budget per document, so
 * most documents stay near the line. Same seed, same documents.
 */
import { rng } from './prng.mjs';
import { Chooser } from './libvirt-gen-lib';


const UUID = 'c0ffee00-0000-4000-8000-000000000031';


function osPart(g: Chooser, machine: string): { os: string; firmwareEfi: boolean; osBoot: boolean; smbiosSysinfo: boolean; serial: boolean } {
  const parts: string[] = [`<type arch="x86_64" machine="${machine}">hvm</type>`];
  let firmwareAttr = '';
  let efi = false;
  const fw = g.pick(['none', 'none', 'auto-efi', 'auto-bios', 'loader', 'loader']);
  if (fw === 'auto-efi' || fw === 'auto-bios') {
    efi = fw === 'auto-efi';
    firmwareAttr = g.odd([` firmware="${efi ? 'efi' : 'bios'}"`], [' firmware="uefi"', ' firmware="bogus"']);
    if (efi && g.maybe(0.4)) {
      const feats = g.odd(
        ['<feature enabled="yes" name="secure-boot"/><feature enabled="yes" name="enrolled-keys"/>', '<feature enabled="no" name="secure-boot"/>', '<feature enabled="no" name="enrolled-keys"/>'],
        ['<feature enabled="no" name="secure-boot"/><feature enabled="yes" name="enrolled-keys"/>', '<feature enabled="maybe" name="secure-boot"/>', '<feature enabled="yes" name="bogus"/>', '<feature enabled="yes" name="secure-boot"/><feature enabled="no" name="secure-boot"/>'],
        0.3,
      );
      parts.push(`<firmware>${feats}</firmware>`);
    }
    if (g.maybe(0.25)) parts.push(g.odd(['<loader secure="no"/>', '<loader readonly="yes" type="pflash"/>'], ['<loader secure="yes"/>', '<loader type="rom"/>', '<loader readonly="yes" type="pflash">/usr/share/OVMF/OVMF_CODE.fd</loader>'], 0.3));
    if (efi && g.maybe(0.2)) parts.push(g.odd(['<nvram template="/usr/share/OVMF/OVMF_VARS.fd"/>', '<nvram>/var/lib/libvirt/qemu/nvram/x_VARS.fd</nvram>'], ['<nvram type="network"><source protocol="iscsi" name="iqn.2013-07.com.example:iscsi-nopool/0"><host name="10.0.0.1"/></source></nvram>', '<nvram>relative_VARS.fd</nvram>'], 0.3));
  } else if (fw === 'loader') {
    efi = true;
    const secure = g.maybe(0.3) && (machine === 'q35' || g.maybe(0.1));
    const loader = g.odd(
      [`<loader readonly="yes" type="pflash"${secure ? ' secure="yes"' : ''}>/usr/share/OVMF/OVMF_CODE${secure ? '.secboot' : ''}.fd</loader>`, '<loader readonly="yes" type="pflash">/usr/share/OVMF/OVMF_CODE.fd</loader>', '<loader type="rom">/usr/share/seabios/bios.bin</loader>'],
      ['<loader readonly="no" type="pflash">/usr/share/OVMF/OVMF_CODE.fd</loader>', '<loader readonly="yes" type="bogus">/x.fd</loader>', '<loader readonly="yes" type="pflash"/>', '<loader readonly="yes" type="rom">/usr/share/OVMF/OVMF_CODE.fd</loader>', '<loader readonly="yes" type="pflash" secure="yes">/usr/share/OVMF/OVMF_CODE.secboot.fd</loader>', '<loader readonly="yes" type="pflash">OVMF_CODE.fd</loader>', '<loader stateless="yes" type="pflash">/usr/share/OVMF/OVMF_CODE.fd</loader>'],
      0.3,
    );
    if (loader.includes('type="rom"')) efi = false;
    parts.push(loader);
    if (loader.includes('pflash') && g.maybe(0.5)) parts.push(g.odd(['<nvram>/var/lib/libvirt/qemu/nvram/x_VARS.fd</nvram>', '<nvram template="/usr/share/OVMF/OVMF_VARS.fd">/var/lib/libvirt/qemu/nvram/x_VARS.fd</nvram>'], ['<nvram template="vars.fd"/>', '<nvram format="qcow2">/var/lib/libvirt/qemu/nvram/x_VARS.qcow2</nvram>'], 0.3));
  }
  let osBoot = false;
  if (g.maybe(0.4)) {
    osBoot = true;
    parts.push(g.odd(['<boot dev="hd"/>', '<boot dev="cdrom"/><boot dev="hd"/>', '<boot dev="network"/>', '<boot dev="fd"/><boot dev="hd"/>'], ['<boot dev="usb"/>', '<boot dev="hd"/><boot dev="hd"/>', '<boot/>', '<boot dev="hd"/><boot dev="cdrom"/><boot dev="network"/><boot dev="fd"/><boot dev="hd"/>'], 0.2));
  }
  if (g.maybe(0.15)) parts.push(`<bootmenu enable="${g.odd(['yes', 'no'], ['on'])}"${g.maybe(0.4) ? ` timeout="${g.odd(['0', '3000', '65535'], ['65536', '-1', 'x'])}"` : ''}/>`);
  let smbiosSysinfo = false;
  if (g.maybe(0.15)) {
    const mode = g.odd(['sysinfo', 'emulate', 'host'], ['bogus']);
    smbiosSysinfo = mode === 'sysinfo';
    parts.push(`<smbios mode="${mode}"/>`);
  }
  let serial = false;
  if (g.maybe(0.08)) {
    serial = true;
    parts.push(`<bios useserial="${g.odd(['yes', 'no'], ['on'])}"${g.maybe(0.5) ? ` rebootTimeout="${g.odd(['0', '-1', '65535'], ['65536', '-2'])}"` : ''}/>`);
  }
  if (g.maybe(0.05)) parts.push(g.odd(['<kernel>/boot/vmlinuz</kernel><initrd>/boot/initrd.img</initrd><cmdline>console=ttyS0</cmdline>'], ['<initrd>/boot/initrd.img</initrd>', '<cmdline>console=ttyS0</cmdline>', '<kernel>vmlinuz</kernel>', '<dtb>/boot/x.dtb</dtb>']));
  if (g.maybe(0.05)) parts.push(`<acpi><table type="${g.odd(['slic'], ['msdm', 'bogus'])}">/var/lib/libvirt/acpi/slic.dat</table></acpi>`);
  return { os: `<os${firmwareAttr}>${parts.join('')}</os>`, firmwareEfi: efi, osBoot, smbiosSysinfo, serial };
}

function sysinfo(g: Chooser, wanted: boolean): string {
  if (!wanted && !g.maybe(0.12)) return '';
  const type = g.odd(['smbios', 'smbios', 'fwcfg'], ['bogus']);
  if (type === 'fwcfg') return `<sysinfo type="fwcfg"><entry name="${g.odd(['opt/com.example/x', 'opt/org.example/y'], ['etc/x', 'x'])}"${g.maybe(0.5) ? ' file="/tmp/blob"' : ''}>${g.odd(['value'], [''])}</entry></sysinfo>`;
  const parts: string[] = [];
  if (g.maybe(0.6)) parts.push(`<bios><entry name="${g.odd(['vendor', 'version', 'date'], ['serial', 'bogus'])}">${g.pick(['LENOVO', '1.0'])}</entry>${g.maybe(0.2) ? `<entry name="date">${g.odd(['01/01/2020', '12/31/1999'], ['2020-01-01', '13/01/2020', '1/1/20'])}</entry>` : ''}</bios>`);
  if (g.maybe(0.7)) parts.push(`<system><entry name="manufacturer">OpenStack Foundation</entry><entry name="product">OpenStack Nova</entry>${g.maybe(0.4) ? `<entry name="uuid">${g.odd([UUID], ['not-a-uuid', 'c0ffee00-0000-4000-8000-000000000099'])}</entry>` : ''}${g.maybe(0.2) ? `<entry name="${g.odd(['serial', 'family', 'sku'], ['bogus'])}">x</entry>` : ''}</system>`);
  if (g.maybe(0.2)) parts.push(`<baseBoard><entry name="${g.odd(['manufacturer', 'serial', 'asset'], ['uuid'])}">x</entry></baseBoard>`);
  if (g.maybe(0.1)) parts.push('<chassis><entry name="manufacturer">x</entry></chassis>');
  if (g.maybe(0.1)) parts.push(`<oemStrings><entry>${g.odd(['myappname:x'], [''])}</entry></oemStrings>`);
  if (g.maybe(0.1)) parts.push('<memory><entry name="size">1024</entry></memory>');
  return `<sysinfo type="${type}">${parts.join('')}</sysinfo>`;
}

function features(g: Chooser, machine: string): string {
  const f: string[] = [g.odd(['<acpi/>'], ['<acpi state="on"/>', ''], 0.05)];
  if (g.maybe(0.5)) f.push(g.odd(['<apic/>', '<apic eoi="on"/>', '<apic eoi="off"/>'], ['<apic eoi="maybe"/>', '<apic state="on"/>']));
  if (g.maybe(0.15)) f.push(g.odd(['<pae/>', '<hap/>', '<hap state="on"/>', '<viridian/>', '<privnet/>'], ['<pae state="on"/>', '<hap state="bogus"/>']));
  if (g.maybe(0.2)) {
    const hv: string[] = [];
    if (g.maybe(0.6)) hv.push('<relaxed state="on"/>');
    if (g.maybe(0.5)) hv.push('<vapic state="on"/>');
    if (g.maybe(0.3)) hv.push(`<spinlocks state="on" retries="${g.odd(['8191', '4095'], ['4094', ''])}"/>`);
    if (g.maybe(0.2)) hv.push(g.odd(['<synic state="on"/><vpindex state="on"/>', '<vpindex state="on"/>'], ['<synic state="on"/>']));
    if (g.maybe(0.2)) hv.push(g.odd(['<stimer state="on"><direct state="on"/></stimer><synic state="on"/><vpindex state="on"/>', '<stimer state="off"/>'], ['<stimer state="on"/>', '<stimer state="on"><direct state="on"/></stimer>']));
    if (g.maybe(0.15)) hv.push(`<vendor_id state="on" value="${g.odd(['KVMKVMKVM', 'ABCDEFGHIJKL'], ['ABCDEFGHIJKLM', ''])}"/>`);
    if (g.maybe(0.15)) hv.push(g.odd(['<reset state="on"/>', '<frequencies state="on"/>', '<reenlightenment state="on"/>', '<tlbflush state="on"/>', '<ipi state="on"/>', '<evmcs state="off"/>', '<runtime state="on"/>'], ['<tlbflush state="on"><direct state="on"/></tlbflush>', '<bogus state="on"/>', '<reset/>']));
    const mode = g.maybe(0.15) ? ` mode="${g.odd(['custom', 'passthrough'], ['bogus'])}"` : '';
    f.push(mode.includes('passthrough') ? `<hyperv${mode}/>` : `<hyperv${mode}>${hv.join('')}</hyperv>`);
  }
  if (g.maybe(0.15)) f.push(`<kvm>${g.odd(['<hidden state="on"/>', '<hint-dedicated state="on"/>', '<poll-control state="on"/>', '<pv-ipi state="off"/>', '<dirty-ring state="on" size="4096"/>'], ['<dirty-ring state="on" size="1000"/>', '<dirty-ring state="on" size="65537"/>', '<hidden/>', '<bogus state="on"/>'])}</kvm>`);
  if (g.maybe(0.1)) f.push(`<pmu state="${g.odd(['on', 'off'], ['maybe'])}"/>`);
  if (g.maybe(0.1)) f.push(`<vmport state="${g.odd(['on', 'off'], ['yes'])}"/>`);
  if (g.maybe(0.1)) f.push(g.odd([`<smm state="${machine === 'q35' ? 'on' : 'off'}"/>`, machine === 'q35' ? '<smm state="on"><tseg unit="MiB">48</tseg></smm>' : '<smm state="off"/>'], ['<smm state="on"><tseg unit="MiB">48</tseg></smm>', '<smm state="off"><tseg unit="MiB">48</tseg></smm>']));
  if (g.maybe(0.05)) f.push(g.odd(['<ioapic driver="qemu"/>', '<ioapic driver="kvm"/>'], ['<ioapic driver="bogus"/>', '<gic version="3"/>', '<hpt resizing="enabled"/>', '<htm state="on"/>', '<ccf-assist state="on"/>', '<cfpc value="fixed"/>']));
  if (g.maybe(0.05)) f.push(g.odd(['<msrs unknown="ignore"/>', '<msrs unknown="fault"/>'], ['<msrs unknown="bogus"/>', '<msrs/>']));
  if (g.maybe(0.05)) f.push(g.odd(['<vmcoreinfo state="on"/>', '<htm state="off"/>'].slice(0, 1), ['<vmcoreinfo state="maybe"/>']));
  if (g.maybe(0.04)) f.push(g.odd(['<async-teardown enabled="yes"/>'], ['<async-teardown enabled="maybe"/>']));
  if (g.maybe(0.04)) f.push(g.odd(['<sev-guest/>'].slice(0, 0).concat(['<pvspinlock state="on"/>']), ['<pvspinlock/>']));
  return `<features>${f.join('')}</features>`;
}

function cpu(g: Chooser, vcpus: number): string {
  const mode = g.pick(['', '', 'host-model', 'host-passthrough', 'custom', 'custom', 'maximum']);
  const attrs: string[] = [];
  if (mode) attrs.push(`mode="${mode}"`);
  if (mode === 'custom' || (mode === '' && g.maybe(0.3))) { if (g.maybe(0.5)) attrs.push(`match="${g.odd(['exact', 'minimum', 'strict'], ['bogus'])}"`); }
  else if (g.maybe(0.05)) attrs.push(`match="${g.odd(['exact'], ['exact'])}"`);
  if (g.maybe(0.15)) attrs.push(`check="${g.odd(['none', 'partial', 'full'], ['bogus'])}"`);
  if ((mode === 'host-passthrough' || mode === 'maximum') && g.maybe(0.3)) attrs.push(`migratable="${g.odd(['on', 'off'], ['yes'])}"`);
  else if (g.maybe(0.03)) attrs.push('migratable="on"');
  const parts: string[] = [];
  if (mode === 'custom' || (mode === '' && g.maybe(0.2)) || g.maybe(0.05)) {
    const model = g.odd(['qemu64', 'Skylake-Client', 'Nehalem', 'EPYC', 'Haswell-noTSX', 'kvm64'], ['bogus-model', '']);
    parts.push(`<model${g.maybe(0.4) ? ` fallback="${g.odd(['allow', 'forbid'], ['bogus'])}"` : ''}${g.maybe(0.1) ? ' vendor_id="GenuineIntel"' : ''}>${model}</model>`);
    if (g.maybe(0.15)) parts.push(`<vendor>${g.odd(['Intel', 'AMD'], ['Bogus'])}</vendor>`);
  }
  const withModel = parts.length > 0 || ['host-model', 'host-passthrough', 'maximum'].includes(mode);
  const nfeat = withModel || g.maybe(0.1) ? g.pick([0, 0, 1, 2, 3]) : 0;
  const names = ['vmx', 'svm', 'pcid', 'ssbd', 'md-clear', 'spec-ctrl', 'x2apic', 'hypervisor', 'aes', 'invtsc'];
  const used = new Set<string>();
  for (let i = 0; i < nfeat; i++) {
    const name = g.odd(names.filter((x) => !used.has(x)), ['bogusflag', used.values().next().value ?? 'vmx', '']);
    used.add(name);
    const policy = g.odd(['require', 'disable', 'force', 'optional', 'forbid'], ['bogus', ''], 0.1);
    parts.push(`<feature${policy ? ` policy="${policy}"` : ''}${name ? ` name="${name}"` : ''}/>`);
  }
  if (g.maybe(0.3)) {
    const threads = vcpus % 2 === 0 && g.maybe(0.4) ? 2 : 1;
    const sockets = g.maybe(0.5) ? vcpus / threads : 1;
    const cores = vcpus / threads / sockets;
    parts.push(g.odd(
      [`<topology sockets="${sockets}" cores="${cores}" threads="${threads}"/>`, `<topology sockets="${sockets}" dies="1" cores="${cores}" threads="${threads}"/>`],
      [`<topology sockets="${sockets}" cores="${cores + 1}" threads="${threads}"/>`, `<topology sockets="${sockets}" cores="${cores}"/>`, `<topology sockets="0" cores="${cores}" threads="${threads}"/>`, `<topology sockets="${sockets}" clusters="2" cores="${cores}" threads="${threads}"/>`],
      0.2,
    ));
  }
  if (g.maybe(0.08)) parts.push(g.odd(['<cache mode="disable"/>', '<cache level="3" mode="emulate"/>', mode === 'host-passthrough' ? '<cache mode="passthrough"/>' : '<cache mode="disable"/>'], ['<cache mode="passthrough"/>', '<cache level="2" mode="emulate"/>', '<cache mode="bogus"/>']));
  if (g.maybe(0.06)) parts.push(g.odd(['<maxphysaddr mode="passthrough"/>', '<maxphysaddr mode="emulate" bits="42"/>', '<maxphysaddr mode="passthrough" limit="39"/>'], ['<maxphysaddr mode="emulate"/>', '<maxphysaddr mode="passthrough" bits="42"/>', '<maxphysaddr mode="emulate" bits="x"/>']));
  if (!attrs.length && !parts.length) return '';
  return `<cpu${attrs.length ? ` ${attrs.join(' ')}` : ''}>${parts.join('')}</cpu>`;
}

function clock(g: Chooser): string {
  if (!g.maybe(0.5)) return '';
  const offset = g.odd(['utc', 'localtime', 'utc', 'timezone', 'variable'], ['bogus', 'absolute']);
  const attrs = offset === 'timezone' ? ` timezone="${g.odd(['Europe/Paris', 'UTC'], [''])}"` : offset === 'variable' ? ` adjustment="${g.odd(['0', '3600', '-3600'], ['x'])}" basis="${g.odd(['utc', 'localtime'], ['bogus'])}"` : offset === 'utc' && g.maybe(0.1) ? ` adjustment="${g.odd(['reset', '0'], ['x'])}"` : offset === 'absolute' ? ' start="1000"' : '';
  const timers: string[] = [];
  const names = ['rtc', 'pit', 'hpet', 'kvmclock', 'hypervclock', 'tsc', 'platform', 'armvtimer'];
  const n = g.pick([0, 1, 2, 3]);
  const used: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = g.odd(names.slice(0, 6), ['platform', 'armvtimer', 'bogus', used[0] ?? 'rtc'], 0.1);
    used.push(name);
    const a: string[] = [`name="${name}"`];
    const tick = !g.maybe(0.4) ? '' : name === 'rtc' || name === 'pit' ? g.odd(['catchup', 'delay'], ['merge', 'discard', 'bogus'], 0.2) : g.odd([''], ['delay', 'catchup'], 0.3);
    if (tick) a.push(`tickpolicy="${tick}"`);
    if (g.maybe(0.3)) a.push(`present="${g.odd(['yes', 'no'], ['maybe'])}"`);
    if (name === 'rtc' && g.maybe(0.2)) a.push(`track="${g.odd(['guest', 'wall', 'realtime'], ['bogus', 'boot'])}"`);
    else if (g.maybe(0.03)) a.push('track="guest"');
    if (name === 'tsc' && g.maybe(0.5)) a.push(g.odd(['frequency="3504000000"', 'mode="native"', 'mode="emulate"', 'mode="auto"'], ['mode="bogus"', 'frequency="x"', 'mode="paravirt"']));
    const catchup = a.some((x) => x.includes('catchup')) && g.maybe(0.2) ? `<catchup threshold="123" slew="120" limit="10000"/>` : '';
    timers.push(catchup ? `<timer ${a.filter((x) => x !== '').join(' ')}>${catchup}</timer>` : `<timer ${a.filter((x) => x !== '').join(' ')}/>`);
  }
  return `<clock offset="${offset}"${attrs}>${timers.join('')}</clock>`;
}

function lifecycle(g: Chooser): string {
  const out: string[] = [];
  if (g.maybe(0.25)) out.push(`<on_poweroff>${g.odd(['destroy', 'restart'], ['preserve', 'rename-restart', 'coredump-destroy', 'bogus'])}</on_poweroff>`);
  if (g.maybe(0.25)) out.push(`<on_reboot>${g.odd(['restart', 'destroy'], ['preserve', 'rename-restart', 'coredump-restart'])}</on_reboot>`);
  if (g.maybe(0.25)) out.push(`<on_crash>${g.odd(['destroy', 'restart', 'coredump-destroy', 'coredump-restart'], ['preserve', 'rename-restart', 'bogus'])}</on_crash>`);
  if (g.maybe(0.08)) out.push(`<on_lockfailure>${g.odd(['poweroff', 'restart', 'pause', 'ignore'], ['destroy'])}</on_lockfailure>`);
  return out.join('');
}

function pm(g: Chooser): string {
  if (!g.maybe(0.12)) return '';
  const one = (n: string) => (g.maybe(0.7) ? `<${n} enabled="${g.odd(['yes', 'no'], ['on', ''])}"/>` : '');
  return `<pm>${one('suspend-to-mem')}${one('suspend-to-disk')}</pm>`;
}

function seclabels(g: Chooser): string {
  if (!g.maybe(0.2)) return '';
  const n = g.pick([1, 1, 2]);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 1) {
      out.push(g.odd(/model="dac"/.test(out[0]!) ? ['<seclabel type="dynamic" model="selinux"/>'] : ['<seclabel type="dynamic" model="dac" relabel="yes"/>'], ['<seclabel type="none"/>', out[0]!], 0.3));
      break;
    }
    out.push(g.odd(
      ['<seclabel type="none"/>', '<seclabel type="dynamic" model="dac" relabel="yes"/>', '<seclabel type="static" model="dac" relabel="no"><label>+107:+107</label></seclabel>', '<seclabel type="dynamic" model="selinux"/>', '<seclabel type="dynamic" model="selinux" relabel="yes"><baselabel>system_u:system_r:svirt_t:s0</baselabel></seclabel>', '<seclabel type="static" model="selinux" relabel="yes"><label>system_u:system_r:svirt_t:s0:c1,c2</label></seclabel>'],
      ['<seclabel type="static" model="dac" relabel="yes"/>', '<seclabel type="dynamic" model="dac" relabel="no"/>', '<seclabel type="none" model="dac"/>', '<seclabel type="dynamic" model="apparmor"/>', '<seclabel type="static" model="selinux"/>', '<seclabel type="dynamic" model="dac"><label>+107:+107</label></seclabel>', '<seclabel model="dac"/>', '<seclabel type="dynamic" model="dac"><imagelabel>x</imagelabel></seclabel>'],
      0.3,
    ));
  }
  return out.join('');
}

function memoryBacking(g: Chooser): string {
  if (!g.maybe(0.2)) return '';
  const parts = g.odd<string[]>(
    [['<nosharepages/>'], ['<locked/>'], ['<source type="memfd"/><access mode="shared"/>'], ['<source type="anonymous"/>'], ['<source type="file"/><access mode="shared"/>'], ['<allocation mode="immediate"/>'], ['<allocation mode="ondemand"/>'], ['<allocation mode="immediate" threads="2"/>'], ['<discard/>'], ['<access mode="private"/>'], ['<hugepages/>']],
    [['<source type="bogus"/>'], ['<allocation mode="lazy"/>'], ['<allocation threads="0"/>'], ['<hugepages/>', '<source type="anonymous"/>'], ['<hugepages/>', '<allocation mode="ondemand"/>'], ['<locked/>', '<locked/>'], ['<access mode="shared"/>', '<access mode="private"/>']],
    0.3,
  );
  return `<memoryBacking>${parts.join('')}</memoryBacking>`;
}

/** Controllers written without index= or model= (libvirt numbers them), or with odd ones. */
function controllers(g: Chooser, machine: string): string {
  const out: string[] = [];
  const q35 = machine === 'q35';
  const n = g.pick([0, 1, 2, 3]);
  for (let i = 0; i < n; i++) {
    const type = g.pick(['scsi', 'scsi', 'usb', 'virtio-serial', 'sata', q35 ? 'pci' : 'ide', 'ccid', 'fdc']);
    const index = g.odd(type === 'ide' || type === 'fdc' ? ['', ' index="0"'] : ['', ' index="0"', ' index="1"'], [' index="-1"', ' index="x"', ' index="32"', ' index="1"'], 0.1);
    let model = '';
    if (type === 'scsi') model = g.odd(['', ' model="virtio-scsi"', ' model="lsilogic"', ' model="auto"'], [' model="virtio-transitional"', ' model="buslogic"', ' model="vmpvscsi"', ' model="lsisas1078"']);
    else if (type === 'usb') model = g.odd(['', ' model="qemu-xhci"', ' model="piix3-uhci"', ' model="ich9-ehci1"', ' model="none"'], [' model="ich9-uhci1"', ' model="nec-xhci"', ' model="pci-ohci"', ' model="vt82c686b-uhci"']);
    else if (type === 'pci') model = g.odd([' model="pcie-root-port"', ' model="pcie-root-port"'], ['', ' model="pci-root"', ' model="pcie-root"']);
    else if (type === 'ide') model = g.odd(['', ' model="piix3"'], [' model="piix4"', ' model="ich6"']);
    const extra = type === 'virtio-serial' && g.maybe(0.3) ? ` ports="${g.odd(['16', '31'], ['0', '1'])}"` : type === 'usb' && model.includes('xhci') && g.maybe(0.3) ? ` ports="${g.odd(['8', '15'], ['16', '0'])}"` : '';
    const drv = type === 'scsi' && g.maybe(0.2) ? `<driver queues="${g.odd(['2'], ['0'])}"${g.maybe(0.3) ? ` cmd_per_lun="${g.odd(['128'], ['0'])}"` : ''}/>` : '';
    const master = type === 'usb' && model.includes('uhci1') && g.maybe(0.6) ? `<master startport="${g.odd(['0'], ['6'])}"/>` : '';
    out.push(`<controller type="${type}"${index}${model}${extra}>${drv}${master}</controller>`);
  }
  return out.join('');
}

function disk(g: Chooser, n: number, bootOrdered: boolean, order: { next: number }): string {
  const bus = g.pick(['virtio', 'virtio', 'scsi', 'sata']);
  const dev = `${bus === 'virtio' ? 'vd' : 'sd'}${String.fromCharCode(97 + n)}`;
  const network = g.maybe(0.35);
  const fmt = g.odd(['qcow2', 'raw'], ['vmdk', 'luks', 'qcow']);
  const parts: string[] = [`<driver name="qemu" type="${fmt}"${g.maybe(0.2) ? ` discard="${g.odd(['unmap', 'ignore'], ['on'])}"` : ''}/>`];
  let src: string;
  if (network) {
    const proto = g.odd(['rbd', 'iscsi'], ['nbd', 'http']);
    const auth = g.maybe(0.6) ? g.odd(
      [`<auth username="openstack"><secret type="${proto === 'rbd' ? 'ceph' : 'iscsi'}" uuid="${UUID}"/></auth>`, `<auth username="openstack"><secret type="${proto === 'rbd' ? 'ceph' : 'iscsi'}" usage="client.openstack secret"/></auth>`],
      [`<auth username="openstack"><secret type="passphrase" uuid="${UUID}"/></auth>`, '<auth username="openstack"/>', `<auth username=""><secret type="ceph" uuid="${UUID}"/></auth>`, `<auth username="openstack"><secret type="${proto === 'rbd' ? 'ceph' : 'iscsi'}" uuid="not-a-uuid"/></auth>`, `<auth username="openstack"><secret type="vtpm" uuid="${UUID}"/></auth>`],
      0.25,
    ) : '';
    const name = proto === 'rbd' ? 'volumes/volume-1' : proto === 'iscsi' ? 'iqn.2010-10.org.openstack:volume-1/1' : 'export';
    const host = proto === 'rbd' ? '<host name="10.0.0.1" port="6789"/>' : proto === 'iscsi' ? '<host name="10.0.0.1" port="3260"/>' : '<host name="10.0.0.1" port="10809"/>';
    // Nova writes <auth> directly in <disk>; inside <source> is libvirt's newer place
    const inSource = g.maybe(0.3);
    src = `<source protocol="${proto}" name="${name}">${host}${inSource ? auth : ''}</source>${inSource ? '' : auth}`;
  } else {
    src = `<source file="/var/lib/nova/instances/x/disk${n}"/>`;
  }
  parts.push(src);
  if (!network && g.maybe(0.25)) {
    parts.push(g.odd(
      ['<backingStore/>', '<backingStore type="file"><format type="raw"/><source file="/var/lib/nova/instances/_base/abc"/><backingStore/></backingStore>', '<backingStore type="file"><format type="qcow2"/><source file="/var/lib/x/snap.qcow2"/><backingStore type="file"><format type="raw"/><source file="/var/lib/x/base.raw"/></backingStore></backingStore>', '<backingStore type="block"><format type="raw"/><source dev="/dev/sdc"/></backingStore>', '<backingStore type="network"><format type="raw"/><source protocol="rbd" name="images/base"><host name="10.0.0.1"/></source></backingStore>'],
      ['<backingStore type="file"><format type="raw"/></backingStore>', '<backingStore type="file"><source file="/var/lib/x/base.raw"/></backingStore>', '<backingStore type="bogus"><format type="raw"/><source file="/x"/></backingStore>', '<backingStore type="file"><format type="bogus"/><source file="/x"/></backingStore>', '<backingStore type="file" index="1"><format type="raw"/><source file="/x"/></backingStore>', '<backingStore type="file"><format type="raw"/><source file="relative.raw"/></backingStore>', '<backingStore/><backingStore/>'],
      0.3,
    ));
  }
  parts.push(`<target dev="${dev}" bus="${bus}"/>`);
  if (g.maybe(0.12)) {
    parts.push(g.odd(
      [`<encryption format="luks"><secret type="passphrase" uuid="${UUID}"/></encryption>`, `<encryption format="luks" engine="qemu"><secret type="passphrase" uuid="${UUID}"/></encryption>`],
      [`<encryption format="luks"><secret type="ceph" uuid="${UUID}"/></encryption>`, '<encryption format="luks"/>', `<encryption format="luks2"><secret type="passphrase" uuid="${UUID}"/></encryption>`, `<encryption format="luks" engine="librbd"><secret type="passphrase" uuid="${UUID}"/></encryption>`, `<encryption format="qcow"><secret type="passphrase" uuid="${UUID}"/></encryption>`, `<encryption format="luks"><secret type="passphrase" uuid="${UUID}"/><cipher name="aes" size="256" mode="xts" hash="sha256"/><ivgen name="plain64" hash="sha256"/></encryption>`],
      0.35,
    ));
  }
  if (g.maybe(0.2)) {
    const keys = g.pick([['total_bytes_sec'], ['read_bytes_sec', 'write_bytes_sec'], ['total_iops_sec', 'total_iops_sec_max'], ['read_iops_sec', 'read_iops_sec_max', 'read_iops_sec_max_length'], ['total_bytes_sec', 'total_bytes_sec_max', 'total_bytes_sec_max_length'], ['size_iops_sec', 'total_iops_sec']]);
    const extra = g.odd<string[]>([[]], [['total_bytes_sec_max'], ['read_bytes_sec_max_length'], ['size_iops_sec'], ['group_name_only'], ['bogus_sec']], 0.3);
    const val = (k: string) => (k.endsWith('_length') ? g.odd(['10', '1'], ['0']) : g.odd(['1000', '20000000'], ['-5', '1000000000000001', '1.5']));
    const body = [...new Set([...keys, ...extra])].map((k) => (k === 'group_name_only' ? '<group_name>g</group_name>' : `<${k}>${val(k)}</${k}>`)).join('');
    parts.push(`<iotune>${body}${g.maybe(0.1) ? '<group_name>grp</group_name>' : ''}</iotune>`);
  }
  if (g.maybe(0.06)) parts.push(`<throttlefilters><throttlefilter group="${g.pick(['limit0', 'limit1'])}"/></throttlefilters>`);
  if (bootOrdered && g.maybe(0.3)) parts.push(`<boot order="${g.odd([String(++order.next)], ['0', '1', 'x'])}"/>`);
  else if (!bootOrdered && g.maybe(0.04)) parts.push('<boot order="1"/>');
  return `<disk type="${network ? 'network' : 'file'}" device="disk">${parts.join('')}</disk>`;
}

function interfaces(g: Chooser, machine: string, bootOrdered: boolean, order: { next: number }): string {
  const out: string[] = [];
  const n = g.pick([0, 1, 1, 2]);
  for (let i = 0; i < n; i++) {
    const type = g.odd(['network', 'bridge', 'user', 'ethernet'], ['direct', 'vhostuser', 'mcast', 'server', 'hostdev', 'vdpa', 'null']);
    const src = type === 'network' ? '<source network="default"/>' : type === 'bridge' ? '<source bridge="br0"/>' : type === 'direct' ? '<source dev="eth0" mode="bridge"/>' : type === 'vhostuser' ? g.odd(['<source type="unix" path="/tmp/vhu.sock" mode="client"/>'], ['<source type="unix" path="/tmp/vhu.sock"/>']) : type === 'mcast' || type === 'server' ? '<source address="230.0.0.1" port="5558"/>' : type === 'hostdev' ? '<source><address type="pci" domain="0x0000" bus="0x06" slot="0x02" function="0x5"/></source>' : type === 'vdpa' ? '<source dev="/dev/vhost-vdpa-0"/>' : '';
    const model = g.odd(['virtio', 'virtio', 'e1000', machine === 'q35' ? 'e1000e' : 'rtl8139'], ['virtio-transitional', 'vmxnet3', 'usb-net', 'ne2k_pci', 'pcnet', 'Virtio', 'spapr-vlan']);
    const parts: string[] = [];
    if (g.maybe(0.5)) parts.push(`<mac address="${g.odd([`52:54:00:31:00:${(0x10 + i).toString(16)}`, 'fa:16:3e:31:00:01'], ['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '52:54:00:31:00:1'])}"${g.maybe(0.05) ? ` type="${g.odd(['static', 'generated'], ['bogus'])}"` : ''}/>`);
    parts.push(src);
    if (type === 'ethernet' && g.maybe(0.5)) parts.push(`<target dev="${g.odd(['tap31', 'mytap0'], ['vnet0', 'macvtap0', 'a/b'])}"${g.maybe(0.3) ? ' managed="no"' : ''}/>`);
    parts.push(`<model type="${model}"/>`);
    if (g.maybe(0.2)) parts.push(`<driver${model === 'virtio' ? ` name="${g.odd(['vhost', 'qemu'], ['bogus', 'vfio'])}"` : ''}${model === 'virtio' && g.maybe(0.5) ? ` queues="${g.odd(['2', '8'], ['0', '257'])}"` : ''}${g.maybe(0.2) ? ` tx_queue_size="${g.odd(['256', '1024'], ['100', '2048'])}"` : ''}${g.maybe(0.2) ? ` txmode="${g.odd(['iothread', 'timer'], ['bogus'])}"` : ''}>${g.maybe(0.2) ? `<host csum="${g.odd(['off', 'on'], ['maybe'])}" tso4="off"/>` : ''}</driver>`);
    if (g.maybe(0.08)) parts.push(`<rom bar="${g.odd(['on', 'off'], ['yes'])}"${g.maybe(0.3) ? ` file="${g.odd(['/usr/share/ipxe/x.rom'], ['x.rom'])}"` : ''}/>`);
    if (g.maybe(0.08)) parts.push(`<filterref filter="${g.odd(['clean-traffic', 'no-spoofing'], [''])}">${g.maybe(0.5) ? '<parameter name="IP" value="10.0.0.1"/>' : ''}</filterref>`);
    if (g.maybe(0.08)) parts.push(`<bandwidth><inbound average="${g.odd(['1000', '1'], ['0', 'x'])}"${g.maybe(0.5) ? ' peak="5000" burst="1024"' : ''}/>${g.maybe(0.5) ? `<outbound average="128"${g.maybe(0.3) ? ` floor="${g.odd(['64'], ['0'])}"` : ''}/>` : ''}</bandwidth>`);
    if (g.maybe(0.05)) parts.push(`<coalesce><rx><frames max="${g.odd(['7', '0'], ['-1', 'x'])}"/></rx></coalesce>`);
    if (g.maybe(0.05)) parts.push(`<link state="${g.odd(['up', 'down'], ['off'])}"/>`);
    if (g.maybe(0.05)) parts.push(`<mtu size="${g.odd(['1500', '9000'], ['0', '65536'])}"/>`);
    if (g.maybe(0.04)) parts.push(`<tune><sndbuf>${g.odd(['1600'], ['x'])}</sndbuf></tune>`);
    if (g.maybe(0.04)) parts.push(`<port isolated="${g.odd(['yes', 'no'], ['maybe'])}"/>`);
    if (g.maybe(0.05)) parts.push(`<virtualport type="${g.odd(['openvswitch', '802.1Qbh'], ['bogus'])}"/>`);
    if (g.maybe(0.04)) parts.push(`<guest dev="${g.odd(['eth0'], ['a b'])}"/>`);
    if (g.maybe(0.04)) parts.push(`<ip address="${g.odd(['192.168.122.5'], ['300.1.1.1'])}" prefix="24"/>`);
    if (g.maybe(0.04)) parts.push(`<backend${g.maybe(0.5) ? ` tap="${g.odd(['/dev/net/tun'], ['tun'])}"` : ''} vhost="/dev/vhost-net"/>`);
    if (bootOrdered && g.maybe(0.25)) parts.push(`<boot order="${g.odd([String(++order.next)], ['1'])}"/>`);
    else if (!bootOrdered && g.maybe(0.04)) parts.push('<boot order="2"/>');
    if (g.maybe(0.05)) parts.push(`<acpi index="${g.odd(['1', '16383'], ['0', '16384'])}"/>`);
    out.push(`<interface type="${type}"${type === 'ethernet' && g.maybe(0.05) ? ' trustGuestRxFilters="yes"' : ''}>${parts.join('')}</interface>`);
  }
  return out.join('');
}

function display(g: Chooser, machine: string): string {
  const out: string[] = [];
  const graphics = g.pick(['none', 'vnc', 'vnc', 'spice', 'both', 'egl']);
  if (graphics === 'vnc' || graphics === 'both') {
    const attrs = g.odd(['autoport="yes"', 'port="5901"', 'port="-1" autoport="yes"', 'autoport="yes" websocket="5701"', 'port="5902" sharePolicy="force-shared"'], ['port="5900" websocket="x"', 'sharePolicy="bogus" autoport="yes"', 'socket="relative.sock"', 'autoport="yes" keymap="en-us" passwd="abcdefghi"']);
    const listen = g.odd(['', '<listen type="address" address="127.0.0.1"/>', '<listen type="none"/>', '<listen type="socket" socket="/var/run/vnc.sock"/>'], ['<listen type="address" address="::1"/><listen type="none"/>', '<listen type="socket"/>', '<listen type="network"/>']);
    out.push(`<graphics type="vnc" ${attrs}>${listen}${g.maybe(0.08) ? `<audio id="${g.odd(['1'], ['2'])}"/>` : ''}</graphics>`);
  }
  if (graphics === 'spice' || graphics === 'both') {
    const kids = g.maybe(0.3) ? g.odd(['<image compression="auto_glz"/>', '<jpeg compression="never"/>', '<zlib compression="always"/>', '<playback compression="on"/>', '<streaming mode="off"/>', '<clipboard copypaste="no"/>', '<mouse mode="client"/>', '<filetransfer enable="no"/>', '<gl enable="no"/>'], ['<mouse mode="bogus"/>', '<filetransfer enable="maybe"/>', '<gl enable="yes" rendernode="/dev/dri/renderD128"/>', '<image compression="bogus"/>', '<clipboard copypaste="maybe"/>']) : '';
    out.push(`<graphics type="spice" ${g.odd(['autoport="yes"', 'port="5930"'], ['autoport="yes" defaultMode="bogus"', 'port="5930" tlsPort="5931"'])}>${kids}</graphics>`);
  }
  if (graphics === 'egl') out.push(g.odd(['<graphics type="egl-headless"/>', '<graphics type="egl-headless"><gl rendernode="/dev/dri/renderD128"/></graphics>'], ['<graphics type="egl-headless"><gl enable="yes"/></graphics>', '<graphics type="dbus" p2p="yes" address="unix:path=/tmp/x"/>']));
  const spice = graphics === 'spice' || graphics === 'both';
  if (graphics !== 'none' || g.maybe(0.3)) {
    const nv = g.pick([1, 1, 1, 2]);
    for (let i = 0; i < nv; i++) {
      const model = i ? g.odd(['virtio', 'qxl'], ['vga', 'cirrus', 'none']) : g.odd([spice ? 'qxl' : 'vga', 'virtio', 'vga', machine === 'q35' ? 'bochs' : 'cirrus', 'qxl', ...(nv === 1 ? ['none'] : [])], ['ramfb', 'vmvga', 'xen', 'gop', 'bogus']);
      const a: string[] = [`type="${model}"`];
      if (g.maybe(0.25)) a.push(`vram="${g.odd(['16384', '65536', '9216'], ['0', '7'])}"`);
      if (g.maybe(0.15)) a.push(`heads="${g.odd(['1'], ['2', '0', '17'])}"`);
      if (model === 'qxl' && g.maybe(0.3)) a.push(`ram="${g.odd(['65536'], ['100'])}" vgamem="${g.odd(['16384'], ['1024'])}"`);
      else if (g.maybe(0.04)) a.push('ram="65536"');
      if (i === 0 && g.maybe(0.1)) a.push(`primary="${g.odd(['yes'], ['no'])}"`);
      if (i > 0 && g.maybe(0.3)) a.push('primary="yes"');
      const accel = model === 'virtio' && g.maybe(0.2) ? `<acceleration accel3d="${g.odd(['no', 'yes'], ['maybe'])}"/>` : g.maybe(0.03) ? '<acceleration accel2d="yes"/>' : '';
      const drv = g.maybe(0.05) ? `<driver name="${g.odd(['qemu'], ['vhostuser', 'bogus'])}"/>` : '';
      const res = g.maybe(0.05) ? g.odd(['<resolution x="1920" y="1080"/>'], ['<resolution x="1920"/>', '<resolution x="0" y="1080"/>']) : '';
      const inModel = accel + (g.odd([true], [false], 0.3) ? res : '');
      out.push(`<video>${drv}<model ${a.join(' ')}${inModel ? `>${inModel}</model>` : '/>'}${inModel.includes('resolution') ? '' : res}</video>`);
    }
  }
  const ni = g.pick([0, 0, 1, 2]);
  for (let i = 0; i < ni; i++) {
    const type = g.odd(['tablet', 'mouse', 'keyboard'], ['evdev', 'passthrough', 'joystick']);
    const bus = g.odd(type === 'tablet' ? ['usb', 'virtio'] : ['ps2', 'usb', 'virtio'], ['ps2', 'xen', '']);
    const src = type === 'evdev' ? '<source dev="/dev/input/event1"/>' : type === 'passthrough' ? '<source evdev="/dev/input/event1"/>' : '';
    const model = bus === 'virtio' && g.maybe(0.3) ? ` model="${g.odd(['virtio'], ['virtio-non-transitional'])}"` : '';
    out.push(`<input type="${type}"${bus ? ` bus="${bus}"` : ''}${model}>${src}${g.maybe(0.05) ? `<driver iommu="${g.odd(['on'], ['maybe'])}"/>` : ''}</input>`);
  }
  return out.join('');
}

export function hunt31Document(seed: number, name: string): string {
  const r = rng(seed);
  const g = new Chooser(r, r() < 0.3 ? 0 : r() < 0.75 ? 1 : 2, 0.15);
  const machine = g.pick(['pc', 'pc', 'q35', 'q35']);
  const vcpus = g.pick([1, 2, 4, 8]);
  const o = osPart(g, machine);
  const order = { next: 0 };
  const bootOrdered = !o.osBoot || g.maybe(0.05);
  const disks = Array.from({ length: g.pick([1, 1, 2, 3]) }, (_, i) => disk(g, i, bootOrdered, order)).join('');
  const nics = interfaces(g, machine, bootOrdered, order);
  const serial = (o.serial ? g.odd([true], [false]) : g.maybe(0.3)) ? '<serial type="pty"><target port="0"/></serial>' : '';
  const devices = `${controllers(g, machine)}${disks}${nics}${display(g, machine)}${serial}`;
  const top = [
    memoryBacking(g),
    `<vcpu${g.maybe(0.1) ? ` current="${g.odd([String(Math.max(1, vcpus / 2))], ['0', String(vcpus + 1)])}"` : ''}>${vcpus}</vcpu>`,
    sysinfo(g, o.smbiosSysinfo),
    o.os,
    features(g, machine),
    cpu(g, vcpus),
    clock(g),
    lifecycle(g),
    pm(g),
  ].join('');
  const uuid = g.maybe(0.1) ? `<uuid>${g.odd([UUID], ['c0ffee00-0000-4000-8000-00000000003', 'not-a-uuid'])}</uuid>` : '';
  const title = g.maybe(0.05) ? `<title>${g.odd(['a title'], ['two\nlines'])}</title>` : '';
  const genid = g.maybe(0.04) ? `<genid>${g.odd(['', UUID], ['x'])}</genid>` : '';
  return `<domain type="qemu"><name>${name}</name>${uuid}${genid}${title}<memory unit="MiB">64</memory>${top}<devices>${devices}</devices>${seclabels(g)}</domain>\n`;
}

export function hunt31Domains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`hunt31-${seed}-${i}`, hunt31Document(seed * 7907 + i, `bdm-lab-h31-${seed}-${i}`)]);
  return out;
}
