/**
 * Growth of the readers changed in hunt 23 (bash scoping, Heat flow collections, Ansible's `%`
 * and regular expressions, libvirt controller indexes), each on a document that makes one of its
 * loops run n times: never an absolute time, the median time at 2n over the median at n in the
 * same run (test/unit/growth.ts; linear ~2, quadratic ~4), with a watchdog.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml';
import { parseTemplate } from '../../server/src/source/heat/template';
import { defaultContext } from '../../server/src/model/context';
import { bestGrowth, describeGrowth } from './growth';

const WATCHDOG = { timeout: 180_000 };
const MAX_RATIO = 3;
const rep = (n: number, f: (i: number) => string, sep = '') => Array.from({ length: n }, (_, i) => f(i)).join(sep);
const OSC = 'openstack server create --flavor m1 --image cirros --block-device source_type=image,uuid=cirros,destination_type=volume,volume_size=1,boot_index=0 vm';

function linear(what: string, n: number, make: (n: number) => string, work: (t: string) => unknown) {
  const g = bestGrowth(make, work, n, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, `${describeGrowth(what, n, g)} (linear ~2, quadratic ~4)`);
}
const shell = (t: string) => analyzeDocument(t, 'shell', defaultContext());
const yaml = (t: string) => analyzeDocument(t, 'yaml', defaultContext());

/** a script whose last command sees the version the first one exported (the scoping was read) */
function mvOf(t: string): string[] {
  return (shell(t).requests ?? []).map((q) => q.microversion);
}

// ---- shell

test('shell: n nested subshells around a command grow linearly, 1 000 vs 2 000', WATCHDOG, () => {
  const make = (n: number) => `export OS_COMPUTE_API_VERSION=2.60\n${'( '.repeat(n)}export OS_COMPUTE_API_VERSION=2.5; ${OSC}1${' )'.repeat(n)}\n${OSC}2\n`;
  assert.deepEqual(mvOf(make(3)), ['2.5', '2.60'], 'the subshells keep their export');
  linear('nested subshells', 1000, make, shell);
});

test('shell: n nested groups, ifs and loops, each with a command, grow linearly, 500 vs 1 000', WATCHDOG, () => {
  const open = ['{ ', 'if true; then ', 'for i in 1; do ', 'while true; do '];
  const close = ['; }', '; fi', '; done', '; break; done'];
  const make = (n: number) => `${rep(n, (i) => `${open[i % 4]}${OSC}${i}; `)}true${rep(n, (i) => close[(n - 1 - i) % 4])}\n`;
  assert.equal(mvOf(make(4)).length, 4);
  linear('nested compound commands', 500, make, shell);
});

test('shell: n functions defined inside each other, each with a local, grow linearly, 500 vs 1 000', WATCHDOG, () => {
  const make = (n: number) => `${rep(n, (i) => `f${i}() { local OS_COMPUTE_API_VERSION=2.${i % 90}; ${OSC}${i}; `)}true${' }'.repeat(n)}\nf0\n${OSC}end\n`;
  linear('nested functions with locals', 500, make, shell);
});

test('shell: a function of n local/declare/export/unset/readonly lines grows linearly, 2 000 vs 4 000', WATCHDOG, () => {
  const kinds = ['local', 'local -x', 'declare -x', 'declare +x', 'declare -gx', 'typeset -x', 'export', 'export -n', 'unset', 'readonly'];
  const make = (n: number) => `f() {\n${rep(n, (i) => `  ${kinds[i % kinds.length]} OS_COMPUTE_API_VERSION=2.${i % 90}\n  ${OSC}${i}\n`)}}\nf\n${OSC}end\n`;
  linear('locals in a function', 2000, make, shell);
});

test('shell: n commands each inside its own subshell, pipeline part, job and $( ) grow linearly, 1 000 vs 2 000', WATCHDOG, () => {
  const forms = [(c: string) => `( ${c} )`, (c: string) => `${c} | cat`, (c: string) => `${c} &`, (c: string) => `x=$( ${c} )`, (c: string) => `coproc { ${c}; }`, (c: string) => `echo "$( ${c} )"`];
  const make = (n: number) => rep(n, (i) => forms[i % forms.length](`export OS_COMPUTE_API_VERSION=2.${i % 90}; ${OSC}${i}`), '\n') + `\n${OSC}end\n`;
  linear('subshell-like parts', 1000, make, shell);
});

test('shell: a wrapper chain of n wrappers before openstack grows linearly, 2 000 vs 4 000', WATCHDOG, () => {
  const w = ['sudo -E', 'env -i PATH=/bin', 'nice -n 5', 'timeout 3', 'command', 'nohup', 'env -u OS_COMPUTE_API_VERSION', 'time -p', 'exec', 'sudo --preserve-env'];
  const make = (n: number) => `export OS_COMPUTE_API_VERSION=2.60\n${rep(n, (i) => w[i % w.length], ' ')} ${OSC}1\n`;
  linear('wrapper chain', 2000, make, shell);
});

test('shell: n lines of here-documents a wrapped shell runs, inside subshells, grow linearly, 300 vs 600', WATCHDOG, () => {
  const make = (n: number) => rep(n, (i) => `( sudo -E bash <<EOF\nexport OS_COMPUTE_API_VERSION=2.${i % 90}\n${OSC}${i}\nEOF\n)\n`);
  linear('here-documents in subshells', 300, make, shell);
});

// ---- Heat

const HEAT = 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: cirros\n      networks: [{network: net}]\n';
const heatName = (v: string) => `${HEAT}      name: ${v}\n`;

test('heat: a flow sequence of n lone - grows linearly, 2 000 vs 4 000', WATCHDOG, () => {
  linear('flow -', 2000, (n) => heatName(`{list_join: [',', [${rep(n, () => '-', ', ')}]]}`), yaml);
});

test('heat: a flow sequence of n key-less ? (libyaml drops the next token) grows linearly, 2 000 vs 4 000', WATCHDOG, () => {
  linear('flow ? ,', 2000, (n) => heatName(`[${rep(n, () => '? ', ', ')}]`), yaml);
  linear('flow ? a: b', 2000, (n) => heatName(`[${rep(n, (i) => `? a${i}: b`, ', ')}]`), yaml);
  linear('flow ?,, (dropped)', 2000, (n) => `${HEAT}x: [${rep(n, () => '? ,,', ' ')}]\n`, yaml);
});

test('heat: a flow mapping of n a:b (":" without a blank) and comments after tokens grows linearly, 2 000 vs 4 000', WATCHDOG, () => {
  linear('flow a:b', 2000, (n) => heatName(`{${rep(n, (i) => `k${i}:v`, ', ')}}`), yaml);
  linear('flow comments', 2000, (n) => heatName(`[${rep(n, (i) => `a${i} #c\n        `, ', ')}]`), yaml);
  linear('flow tags and anchors before ,', 2000, (n) => heatName(`[${rep(n, (i) => `!t &a${i}\n        `, ', ')}]`), yaml);
});

test('heat: flow collections nested n deep with - and ? grow linearly, 100 vs 200', WATCHDOG, () => {
  linear('nested [- ,', 100, (n) => heatName(`${'[- , '.repeat(n)}x${']'.repeat(n)}`), yaml);
  linear('nested {? ', 100, (n) => heatName(`${'{? '.repeat(n)}x${'}'.repeat(n)}`), yaml);
});

test('heat: a mapping of n keys is read in linear time, 6 000 vs 12 000 (a key written again looked up by a map, not a scan)', WATCHDOG, () => {
  // keys of one length that differ only at their end: a scan compares each key with all before it
  const make = (n: number) => `${HEAT}      metadata:\n${rep(n, (i) => `        ${'k'.repeat(60)}${String(i).padStart(6, '0')}: v\n`)}`;
  const a = yaml(`${HEAT}      metadata: {k: a, j: b, k: c}\n`);
  assert.deepEqual((a.requests?.[0]?.body as { server?: { metadata?: unknown } })?.server?.metadata, { k: 'c', j: 'b' }, 'the last of a repeated key wins, in the first one\'s place');
  linear('mapping keys', 6000, make, parseTemplate);
});

test('heat: a block line of n "- " grows linearly, 4 000 vs 8 000', WATCHDOG, () => {
  linear('block - - -', 4000, (n) => `${HEAT}x: ${'- '.repeat(n)}a\n`, yaml);
  linear('block ? ? ?', 4000, (n) => `${HEAT}${'? '.repeat(n)}a\n`, yaml);
});

test('heat: list_concat, filter, map_replace and repeat over n items grow linearly, 500 vs 1 000', WATCHDOG, () => {
  linear('list_concat', 500, (n) => heatName(`{list_join: [',', {list_concat: [${rep(n, (i) => `[a${i}, b]`, ', ')}]}]}`), yaml);
  linear('filter', 500, (n) => heatName(`{list_join: [',', {filter: [[${rep(n, (i) => `a${i}`, ', ')}], [${rep(n, (i) => `a${i}`, ', ')}, z]]}]}`), yaml);
  linear('map_replace', 500, (n) => `${HEAT}      metadata: {map_replace: [{${rep(n, (i) => `k${i}: v${i}`, ', ')}}, {keys: {${rep(n, (i) => `k${i}: K${i}`, ', ')}}, values: {${rep(n, (i) => `v${i}: V${i}`, ', ')}}}]}\n`, yaml);
  linear('repeat', 500, (n) => heatName(`{list_join: [',', {repeat: {for_each: {"%v%": [${rep(n, (i) => `a${i}`, ', ')}]}, template: "x-%v%"}}]}`), yaml);
});

test('heat: a chain of n resources depending on the next (a cycle) grows linearly, 300 vs 600', WATCHDOG, () => {
  const make = (n: number) => `heat_template_version: 2018-08-31\nresources:\n${rep(n, (i) => `  r${i}:\n    type: OS::Cinder::Volume\n    depends_on: [r${(i + 1) % n}]\n    properties: {size: {get_attr: [r${(i + n - 1) % n}, size]}}\n`)}  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m1, image: cirros, block_device_mapping_v2: [{volume_id: {get_resource: r0}, boot_index: 0}]}\n`;
  linear('resource cycle', 300, make, yaml);
});

// ---- Ansible

function playbook(expr: string): string {
  return `- hosts: localhost\n  vars:\n    n: 15\n    s: abc\n  tasks:\n    - openstack.cloud.server:\n        name: ${JSON.stringify(`{{ ${expr} }}`)}\n        image: cirros\n        flavor: m1\n        boot_from_volume: true\n        volume_size: 1\n`;
}
const nameOf = (t: string) => ((yaml(t).requests?.[0]?.body as { server?: { name?: unknown } })?.server?.name);

test('ansible: a % format of n conversions over n values grows linearly, 2 000 vs 4 000', WATCHDOG, () => {
  const make = (n: number) => playbook(`'${'%s-'.repeat(n)}' % (${rep(n, (i) => String(i), ', ')},)`);
  assert.equal(nameOf(make(3)), '0-1-2-');
  linear('% format', 2000, make, yaml);
});

test('ansible: a tower of n ** grows linearly, 200 vs 400', WATCHDOG, () => {
  linear('** tower', 200, (n) => playbook(`${'1 ** '.repeat(n)}2`), yaml);
});

test('ansible: regex_replace over a subject of n characters grows linearly, 1 000 vs 2 000', WATCHDOG, () => {
  const make = (n: number) => playbook(`('ab' * ${n}) | regex_replace('(a)b', 'x')`);
  assert.equal(nameOf(make(2)), 'xx');
  linear('regex_replace subject', 1000, make, yaml);
});

// ---- libvirt

test('libvirt: n controllers without index= grow linearly, 1 000 vs 2 000', WATCHDOG, () => {
  const types = ['pci', 'usb', 'scsi', 'sata', 'virtio-serial', 'ide'];
  const models: Record<string, string> = { pci: ' model="pcie-root-port"', usb: ' model="qemu-xhci"', scsi: ' model="virtio-scsi"' };
  const make = (n: number) => `<domain type="kvm">\n  <name>g</name>\n  <memory unit="MiB">512</memory>\n  <os><type arch="x86_64" machine="q35">hvm</type></os>\n  <devices>\n    <controller type="pci" index="0" model="pcie-root"/>\n${rep(n, (i) => `    <controller type="${types[i % types.length]}"${models[types[i % types.length]] ?? ''}/>\n`)}    <disk type="file" device="disk"><source file="/a.qcow2"/><target dev="sda" bus="scsi"/><address type="drive" controller="${n}" bus="0" target="0" unit="0"/></disk>\n  </devices>\n</domain>\n`;
  linear('index-less controllers', 1000, make, analyzeLibvirtXml);
});

test('libvirt: n devices with schema-checked attributes outside the disks grow linearly, 1 000 vs 2 000', WATCHDOG, () => {
  const make = (n: number) => `<domain type="kvm">\n  <name>g</name>\n  <memory unit="MiB">512</memory>\n  <on_reboot>bogus</on_reboot>\n  <devices>\n${rep(n, (i) => `    <interface type="user"><mtu size="${i % 3}"/><model type="virtio"/></interface>\n    <input type="mouse" bus="${i % 2 ? 'xen' : 'ps2'}"/>\n    <memballoon model="virtio" autodeflate="maybe"/>\n`)}  </devices>\n</domain>\n`;
  linear('schema-wide attributes', 1000, make, analyzeLibvirtXml);
});
