/**
 * Generates varied `openstack server create` command lines for the differential test of the
 * openstack CLI source (scripts/osc-difftest.ts): images, volumes, snapshots, boot from volume,
 * --block-device (key=value and its mistakes), --block-device-mapping (legacy), swap, ephemeral,
 * networks, microversions, shell quoting and continuations. Seeded, so a run is repeatable.
 * Usage: node scripts/osc-generate.mjs N SEED [ops] > cases.json
 * (`ops`: lines as operators write them, mostly ones OSC sends: boot from an image-made volume by
 * --block-device or --boot-from-volume, data volumes, ephemerals and swap by --block-device,
 * --ephemeral and --swap against the flavor, tags and volume types at the microversions that take
 * them, legacy --block-device-mapping; `odd`: odd shapes: every --block-device key with odd values
 * (empty, spaced, signed, Unicode digits, other cases), keys repeated and reordered, legacy mappings
 * with odd parts, option names shortened, repeated boot options, --swap/--ephemeral/--boot-from-volume
 * odd values, microversions in odd spellings and places (OS_COMPUTE_API_VERSION=… too), the name among the options; `sent`: lines
 * OSC mostly sends, every --block-device key with values odd only where OSC lets them through, for
 * Nova's verdict on the bodies)
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 200);
const rand = rng(Number(process.argv[3] ?? 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;

const UUIDS = ['2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d', '0f5b7e3c-1111-4a2b-8c3d-5e6f7a8b9c0d', 'vol-data', 'snap1', 'cirros', 'img-2'];
const MICROVERSIONS = [null, null, null, '2.1', '2.19', '2.32', '2.37', '2.42', '2.52', '2.60', '2.67', '2.79', '2.90', '2.92', '2.95', 'latest', '2.x'];
const SOURCES = ['volume', 'snapshot', 'image', 'blank', 'Volume', 'bogus'];
const DESTS = ['volume', 'local', 'remote'];
const BUSES = ['virtio', 'scsi', 'ide', 'usb', 'sata', 'lame_bus'];
const DEVTYPES = ['disk', 'cdrom', 'floppy', 'lun'];
const SIZES = ['1', '10', '0', '-1', 'ten', '1.5', ''];
const BOOL = ['true', 'false', 'True', 'yes', '1', '0', 'maybe'];

/** one --block-device value: key=value pairs (sometimes a misspelt key or a duplicate) */
function blockDevice() {
  const kv = [];
  const src = pick(SOURCES);
  if (chance(0.9)) kv.push(['source_type', src]);
  if (src !== 'blank' || chance(0.2)) kv.push(['uuid', pick(UUIDS)]);
  if (chance(0.6)) kv.push(['destination_type', pick(DESTS)]);
  if (chance(0.6)) kv.push(['boot_index', pick(['0', '1', '2', '-1', 'none', 'one'])]);
  if (chance(0.4)) kv.push(['volume_size', pick(SIZES)]);
  if (chance(0.3)) kv.push(['delete_on_termination', pick(BOOL)]);
  if (chance(0.2)) kv.push(['disk_bus', pick(BUSES)]);
  if (chance(0.2)) kv.push(['device_type', pick(DEVTYPES)]);
  if (chance(0.15)) kv.push(['device_name', pick(['vdb', '/dev/vdc', 'sdb', 'dev/vdd'])]);
  if (chance(0.1)) kv.push(['guest_format', pick(['ext4', 'swap', 'xfs'])]);
  if (chance(0.1)) kv.push(['tag', pick(['db', 'data-1'])]);
  if (chance(0.1)) kv.push(['volume_type', pick(['ssd', 'lvm'])]);
  if (chance(0.05)) kv.push([pick(['sourcetype', 'bootindex', 'size']), 'x']);
  return kv.map(([k, v]) => `${k}=${v}`).join(',');
}

/** a legacy --block-device-mapping value: dev=id:type:size:delete, with parts left out */
function legacyMapping() {
  const dev = pick(['vdb', 'vdc', '/dev/vdd', 'sdb']);
  const parts = [pick(UUIDS)];
  if (chance(0.7)) parts.push(pick(['volume', 'snapshot', 'image', '', 'bogus']));
  if (parts.length === 2 && chance(0.6)) parts.push(pick(['', '1', '10', 'ten']));
  if (parts.length === 3 && chance(0.5)) parts.push(pick(['true', 'false', '1', '']));
  return `${dev}=${parts.join(':')}`;
}

/** how the shell may quote a word (its value stays the same) */
function quoted(word) {
  if (/^[A-Za-z0-9_./:=,-]+$/.test(word) && !chance(0.25)) return word;
  return pick([`'${word}'`, `"${word}"`, word.replace(/,/g, '\\,')]);
}

function line() {
  const opts = [];
  const mv = pick(MICROVERSIONS);
  const head = mv ? ['openstack', '--os-compute-api-version', mv, 'server', 'create'] : ['openstack', 'server', 'create'];
  opts.push('--flavor', pick(['m1.small', 'm1']));
  const boot = pick(['image', 'image', 'volume', 'snapshot', 'bfv', 'none', 'image+volume']);
  if (boot === 'image' || boot === 'bfv' || boot === 'image+volume') opts.push('--image', pick(['cirros', 'img-2', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d']));
  if (boot === 'volume' || boot === 'image+volume') opts.push('--volume', pick(['vol-data', 'boot-vol']));
  if (boot === 'snapshot') opts.push('--snapshot', 'snap1');
  if (boot === 'bfv') opts.push('--boot-from-volume', pick(['10', '1', '0', 'ten']));
  for (let i = Math.floor(rand() * 3); i > 0; i--) opts.push('--block-device', blockDevice());
  if (chance(0.2)) opts.push('--block-device-mapping', legacyMapping());
  if (chance(0.2)) opts.push('--swap', pick(['512', '0', '1024', '2048', 'big']));
  if (chance(0.15)) opts.push('--ephemeral', pick(['size=1', 'size=5,format=ext4', 'size=0', 'format=xfs', 'size=two']));
  if (chance(0.4)) opts.push(pick(['--nic', '--network']), pick(['none', 'auto', 'net-id=private', 'private']));
  if (chance(0.05)) opts.push('--wait');
  // the server's other options
  if (chance(0.15)) opts.push('--property', pick(['a=b', 'k=v=w', '=x', 'novalue', 'a=']));
  if (chance(0.1)) opts.push('--property', pick(['a=c', 'z=1']));
  if (chance(0.15)) opts.push('--hint', pick(['group=g1', 'same_host=a', 'same_host=b', 'bad']));
  if (chance(0.15)) opts.push('--security-group', pick(['default', 'web']));
  if (chance(0.15)) opts.push('--key-name', pick(['k1', 'ops']));
  if (chance(0.1)) opts.push('--availability-zone', pick(['nova', 'az1']));
  if (chance(0.1)) opts.push('--description', pick(['a server', '']));
  if (chance(0.1)) opts.push('--tag', pick(['t1', 't2']));
  if (chance(0.07)) opts.push(pick(['--host', '--hypervisor-hostname', '--hostname']), pick(['h1', 'node-2']));
  if (chance(0.05)) opts.push('--trusted-image-cert', pick(['c1', 'c2']));
  if (chance(0.12)) opts.push(...pick([['--use-config-drive'], ['--no-config-drive'], ['--config-drive', pick(['true', 'False', 'vol1', '0'])]]));
  if (chance(0.05)) opts.push('--password', 'pw');
  if (chance(0.08)) opts.push(pick(['--min', '--max']), pick(['1', '2', '0', 'x']));
  if (chance(0.08)) opts.push(pick(['--port', '--nic']), pick(['p1', 'port-id=p1', 'net-id=n1,tag=t', 'net-id=n1,v4-fixed-ip=10.0.0.2', 'v4-fixed-ip=1.2.3.4,v6-fixed-ip=::1', 'net-id=a,port-id=b', 'auto']));
  if (chance(0.04)) opts.push('--image-property', pick(['os_distro=ubuntu', 'bad']));
  // sometimes `--option=value` as one word
  const joined = [];
  for (let i = 0; i < opts.length; i++) {
    if (opts[i].startsWith('--') && i + 1 < opts.length && !opts[i + 1].startsWith('--') && chance(0.1)) { joined.push(`${opts[i]}=${opts[i + 1]}`); i++; } else joined.push(opts[i]);
  }
  const words = [...head, ...joined.map(quoted), `vm${Math.floor(rand() * 100)}`];
  // sometimes spread over lines as a runbook writes it
  let text = '';
  words.forEach((w, i) => { text += i === 0 ? w : (w.startsWith('--') && chance(0.3) ? ` \\\n  ${w}` : ` ${w}`); });
  return text;
}

/** one realistic --block-device value: a boot volume, a data volume, an ephemeral or a swap */
function opsDevice(role, mv) {
  const kv = [];
  const bi = () => pick(['1', '2', '-1', '-1', '']);
  if (role === 'root') {
    const src = pick(['image', 'image', 'volume', 'snapshot']);
    kv.push(['source_type', src], ['uuid', src === 'image' ? pick(['cirros', 'img-2']) : src === 'volume' ? 'boot-vol' : 'snap1'], ['destination_type', 'volume'], ['boot_index', pick(['0', '0', '0', '1'])]);
    if (src === 'image' || chance(0.2)) kv.push(['volume_size', pick(['20', '10', '40', '1'])]);
  } else if (role === 'data') {
    const src = pick(['volume', 'volume', 'blank', 'snapshot', 'image']);
    kv.push(['source_type', src]);
    if (src !== 'blank') kv.push(['uuid', src === 'volume' ? pick(['vol-data', 'vol-logs', '0f5b7e3c-1111-4a2b-8c3d-5e6f7a8b9c0d']) : src === 'image' ? 'cirros' : 'snap1']);
    kv.push(['destination_type', 'volume']);
    if (src === 'blank' || src === 'image' || chance(0.2)) kv.push(['volume_size', pick(['10', '100', '5'])]);
    const b = bi();
    if (b) kv.push(['boot_index', b]);
  } else {
    kv.push(['source_type', 'blank'], ['destination_type', 'local']);
    if (role === 'swap') kv.push(['guest_format', 'swap'], ['volume_size', pick(['512', '1024', '2048'])]);
    else {
      if (chance(0.8)) kv.push(['volume_size', pick(['1', '5', '10', '11'])]);
      if (chance(0.5)) kv.push(['guest_format', pick(['ext4', 'xfs', 'vfat'])]);
    }
    if (chance(0.5)) kv.push(['boot_index', '-1']);
  }
  if (chance(0.25)) kv.push(['delete_on_termination', pick(['true', 'false', 'True'])]);
  if (chance(0.15)) kv.push(['disk_bus', pick(['virtio', 'scsi', 'sata', 'ide'])]);
  if (chance(0.1)) kv.push(['device_type', pick(['disk', 'cdrom'])]);
  if (chance(0.12)) kv.push(['device_name', pick(['vdb', '/dev/vdc', 'sdb', '/dev/sdc'])]);
  if (chance(mv >= 42 ? 0.3 : 0.05)) kv.push(['tag', pick(['root', 'data', 'db-1'])]);
  if (role !== 'eph' && role !== 'swap' && chance(mv >= 67 ? 0.3 : 0.05)) kv.push(['volume_type', pick(['ssd', 'lvm'])]);
  if (chance(0.15)) kv.sort(() => rand() - 0.5);
  return kv.map(([k, v]) => `${k}=${v}`).join(',');
}

function opsLine() {
  const mvs = [null, null, '2.1', '2.19', '2.32', '2.37', '2.42', '2.52', '2.60', '2.67', '2.79', '2.90', '2.92', '2.95', 'latest'];
  const mv = pick(mvs);
  const minor = mv === null ? 1 : mv === 'latest' ? 96 : Number(mv.split('.')[1]);
  const head = mv ? ['openstack', '--os-compute-api-version', mv, 'server', 'create'] : ['openstack', 'server', 'create'];
  const opts = ['--flavor', pick(['m1.small', 'm1.medium'])];
  const boot = pick(['image', 'image', 'bfv', 'bd-root', 'bd-root', 'volume', 'snapshot']);
  if (boot === 'image' || boot === 'bfv') opts.push('--image', pick(['cirros', 'img-2']));
  if (boot === 'bfv') opts.push('--boot-from-volume', pick(['20', '10', '1']));
  if (boot === 'volume') opts.push('--volume', 'boot-vol');
  if (boot === 'snapshot') opts.push('--snapshot', 'snap1');
  if (boot === 'bd-root') opts.push('--block-device', opsDevice('root', minor));
  for (let i = Math.floor(rand() * 3); i > 0; i--) opts.push('--block-device', opsDevice(pick(['data', 'data', 'eph', 'swap']), minor));
  if (chance(0.2)) opts.push('--swap', pick(['512', '1024', '2048']));
  for (let i = chance(0.25) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push('--ephemeral', pick(['size=1', 'size=5,format=ext4', 'size=10', 'size=2,format=xfs']));
  if (chance(0.1)) opts.push('--block-device-mapping', `${pick(['vdb', 'vdc'])}=${pick(['vol-data', 'snap1'])}:${pick(['volume', 'snapshot'])}:${pick(['', '10'])}:${pick(['true', 'false'])}`);
  if (minor >= 37 || chance(0.5)) opts.push(pick(['--nic', '--network']), pick(['none', 'auto', 'net-id=private', 'private']));
  if (chance(0.15)) opts.push('--key-name', 'ops');
  if (chance(0.1)) opts.push(pick(['--min', '--max']), '2');
  if (chance(0.1)) opts.push('--availability-zone', 'nova');
  if (chance(0.1)) opts.push('--wait');
  const words = [...head, ...opts.map(quoted), `vm${Math.floor(rand() * 100)}`];
  let text = '';
  words.forEach((w, i) => { text += i === 0 ? w : (w.startsWith('--') && chance(0.3) ? ` \\\n  ${w}` : ` ${w}`); });
  return text;
}

/** an odd value for a --block-device key: empty, spaced, signed, '='-holding, another case */
function oddValue(key) {
  const common = ['', ' ', 'x=y', '=', 'None', 'null'];
  const by = {
    uuid: ['vol-data', 'cirros', 'snap1', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d', '2C1E9D0A7F3B4C1A9A0E0D6C1F2B3A4D', 'vol data'],
    source_type: ['volume', 'image', 'snapshot', 'blank', 'VOLUME', ' volume', 'volume '],
    destination_type: ['volume', 'local', 'Local', 'volume ', ''],
    boot_index: ['0', '1', '-1', ' 1', '+1', '01', '1_0', '-0', '00', '1.0', '1e1', '０', '٣', '-2', '99', '1 '],
    volume_size: ['1', '10', '0', '-1', ' 10', '+10', '1_0', '010', '1.5', '1e3', '２'],
    delete_on_termination: ['true', 'True', 'TRUE', 'on', 'Off', 'y', 'N', 't', 'f', ' yes', 'no ', '1', '0', '2', ''],
    disk_bus: ['virtio', 'scsi', 'ide', 'usb', 'sata', 'xen', 'lame_bus', 'VIRTIO', ''],
    device_type: ['disk', 'cdrom', 'floppy', 'lun', 'Disk', ''],
    device_name: ['vda', 'vdb', '/dev/vdb', '/dev/sda', 'sdb', 'xvdb', 'hda', '/dev/', 'vd b', ''],
    guest_format: ['swap', 'ext4', 'xfs', 'vfat', 'ntfs', 'SWAP', ''],
    tag: ['db', 'a b', 'x' .repeat(61), ''],
    volume_type: ['ssd', 'lvm-1', ''],
  };
  return chance(0.12) ? pick(common) : pick(by[key]);
}

/** a --block-device value of odd shapes: keys repeated, in any order, odd values, a trailing comma */
function oddDevice() {
  const keys = ['uuid', 'source_type', 'destination_type', 'boot_index', 'volume_size', 'delete_on_termination', 'disk_bus', 'device_type', 'device_name', 'guest_format', 'tag', 'volume_type'];
  const kv = [];
  for (const k of keys) if (chance(k === 'uuid' || k === 'source_type' ? 0.7 : 0.3)) kv.push([k, oddValue(k)]);
  if (chance(0.1)) kv.push([pick(kv.length ? kv.map((x) => x[0]) : keys), oddValue(pick(keys))]);
  if (chance(0.05)) kv.push([pick(['Source_type', 'uuid ', ' uuid', 'size', 'type']), 'volume']);
  if (chance(0.3)) kv.sort(() => rand() - 0.5);
  let v = kv.map(([k, x]) => `${k}=${x}`).join(',');
  if (chance(0.04)) v += ',';
  if (chance(0.03)) v = ',' + v;
  return v;
}

/** a legacy --block-device-mapping value with odd parts */
function oddLegacy() {
  const dev = pick(['vdb', 'vdc', '/dev/vdd', 'sdb', 'vda', '', 'vd=b']);
  const n = 1 + Math.floor(rand() * 5);
  const parts = [pick(['vol-data', 'snap1', 'cirros', '', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d'])];
  if (n > 1) parts.push(pick(['volume', 'snapshot', 'image', '', 'Volume', 'blank']));
  if (n > 2) parts.push(pick(['', '1', '10', '0', '-1', 'ten', ' 5']));
  if (n > 3) parts.push(pick(['true', 'false', 'True', '1', '0', '', 'yes', 'maybe']));
  if (n > 4) parts.push('extra');
  return chance(0.05) ? dev : `${dev}=${parts.join(':')}`;
}

/** option names as argparse also takes them: shortened (uniquely or not), with '=' */
const NAMES = {
  '--block-device': ['--block-device', '--block-device', '--block-devic', '--block-dev'],
  '--block-device-mapping': ['--block-device-mapping', '--block-device-m', '--block-device-map'],
  '--boot-from-volume': ['--boot-from-volume', '--boot', '--boot-from', '--b'],
  '--image': ['--image', '--image', '--ima', '--imag', '--image-'],
  '--volume': ['--volume', '--volume', '--vol', '--v'],
  '--snapshot': ['--snapshot', '--snap', '--sn', '--s'],
  '--swap': ['--swap', '--swap', '--sw'],
  '--ephemeral': ['--ephemeral', '--eph', '--e'],
  '--flavor': ['--flavor', '--flavor', '--fla', '--f'],
  '--nic': ['--nic', '--ni', '--n'],
  '--network': ['--network', '--netw', '--net'],
};
const nameOf = (o) => (chance(0.25) ? pick(NAMES[o]) : o);

function oddLine() {
  const mv = pick([null, null, '2.1', '2.0', '2', '2.19', '2.32', '2.37', '2.42', '2.43', '2.52', '2.60', '2.66', '2.67', '2.74', '2.90', '2.92', '2.93', '2.latest', 'latest', '2.067', '2.1.0', '3.0', '1.1', ' 2.42', '2.42 ']);
  const head = ['openstack'];
  // the version from the environment (`OS_COMPUTE_API_VERSION=… openstack …`), sometimes with the option too
  if (chance(0.1)) head.unshift(`OS_COMPUTE_API_VERSION=${pick(['2.1', '2.42', '2.67', '2.93', '2.latest', '2', ''])}`);
  if (mv !== null) {
    if (chance(0.7)) head.push(...pick([['--os-compute-api-version', mv], [`--os-compute-api-version=${mv}`], ['--os-compute-api', mv], ['--os-compute', mv]]));
  }
  head.push('server', 'create');
  const tail = [];
  if (mv !== null && head.length === 3) tail.push('--os-compute-api-version', mv);
  const opts = [];
  const flavor = () => opts.push(nameOf('--flavor'), pick(['m1.small', 'm1', '']));
  if (chance(0.97)) flavor();
  const boot = pick(['image', 'image', 'volume', 'snapshot', 'bfv', 'bfv', 'none', 'two', 'empty']);
  if (boot === 'image' || boot === 'bfv' || boot === 'two') opts.push(nameOf('--image'), pick(['cirros', 'img-2', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d']));
  if (boot === 'volume' || boot === 'two') opts.push(nameOf('--volume'), pick(['vol-data', 'boot-vol']));
  if (boot === 'snapshot') opts.push(nameOf('--snapshot'), 'snap1');
  if (boot === 'empty') opts.push(nameOf(pick(['--image', '--volume', '--snapshot'])), '');
  if (boot === 'bfv' || chance(0.08)) opts.push(nameOf('--boot-from-volume'), pick(['10', '1', '0', '-1', '+5', ' 7', '05', '1_0', '٣', '2.5', '']));
  if (chance(0.05)) opts.push(nameOf(pick(['--image', '--volume', '--snapshot'])), pick(['cirros', 'vol-data', 'snap1']));
  for (let i = Math.floor(rand() * 4); i > 0; i--) opts.push(nameOf('--block-device'), oddDevice());
  for (let i = chance(0.25) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push(nameOf('--block-device-mapping'), oddLegacy());
  for (let i = chance(0.25) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push(nameOf('--swap'), pick(['512', '0', '1024', '-1', '+256', ' 64', '00', '1_024', 'big', '']));
  for (let i = chance(0.25) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push(nameOf('--ephemeral'), pick(['size=1', 'size=5,format=ext4', 'size=0', 'format=xfs', 'size=two', 'size=', 'size=1,size=2', 'format=swap,size=1', 'size=1,', 'fmt=x', 'size=-1', 'size= 3', 'size=1,format=', '']));
  if (chance(0.4)) opts.push(nameOf(pick(['--nic', '--network'])), pick(['none', 'auto', 'net-id=private', 'private']));
  if (chance(0.05)) opts.push('--wait');
  if (chance(0.03)) opts.push('--');
  const joined = [];
  for (let i = 0; i < opts.length; i++) {
    if (opts[i].startsWith('--') && i + 1 < opts.length && opts[i] !== '--' && !opts[i + 1].startsWith('-') && chance(0.15)) { joined.push(`${opts[i]}=${opts[i + 1]}`); i++; } else joined.push(opts[i]);
  }
  const name = `vm${Math.floor(rand() * 100)}`;
  // the name somewhere among the options now and then
  const at = chance(0.15) ? Math.floor(rand() * (joined.length + 1)) : joined.length;
  while (at > 0 && at < joined.length && joined[at - 1].startsWith('--') && !joined[at - 1].includes('=')) return oddLine();
  joined.splice(at, 0, name);
  const words = [...head, ...joined, ...tail].map((w, i) => (i === 0 ? w : w === '' || /[ ]/.test(w) ? pick([`'${w}'`, `"${w}"`]) : quoted(w)));
  let text = '';
  words.forEach((w, i) => { text += i === 0 ? w : (w.startsWith('--') && chance(0.3) ? ` \\\n  ${w}` : ` ${w}`); });
  return text;
}

/** a --block-device value OSC takes, odd only in ways it lets through (spaces, signs, cases, '=' in values): Nova judges it */
function sentDevice(role, minor) {
  const kv = [];
  const v = (key, good) => (chance(0.3) ? oddValue(key) : pick(good));
  const src = role === 'root' ? pick(['image', 'volume', 'snapshot']) : role === 'local' ? 'blank' : pick(['volume', 'blank', 'snapshot', 'image']);
  kv.push(['source_type', src]);
  if (src !== 'blank' || chance(0.1)) kv.push(['uuid', v('uuid', src === 'image' ? ['cirros', 'img-2'] : src === 'volume' ? ['vol-data', 'boot-vol'] : ['snap1'])]);
  if (role === 'local' || chance(0.7)) kv.push(['destination_type', role === 'local' ? 'local' : pick(['volume', 'volume', 'local'])]);
  kv.push(['boot_index', role === 'root' ? pick(['0', '00', '-0', ' 0', '+0']) : pick(['1', '2', '-1', '-1', ' -1', '+1', '01', '5'])]);
  if (chance(role === 'local' || src === 'image' || src === 'blank' ? 0.85 : 0.3)) kv.push(['volume_size', v('volume_size', ['1', '5', '10', '20', '512'])]);
  if (chance(0.4)) kv.push(['delete_on_termination', pick(['true', 'True', 'on', 'Off', 'y', 'N', 't', 'f', ' yes', 'no ', '1', '0'])]);
  if (chance(0.3)) kv.push(['disk_bus', v('disk_bus', ['virtio', 'scsi', 'sata'])]);
  if (chance(0.3)) kv.push(['device_type', v('device_type', ['disk', 'cdrom'])]);
  if (chance(0.3)) kv.push(['device_name', v('device_name', ['vdb', '/dev/vdc'])]);
  if (chance(0.3)) kv.push(['guest_format', v('guest_format', ['swap', 'ext4'])]);
  if (minor >= 42 && chance(0.3)) kv.push(['tag', v('tag', ['db'])]);
  if (minor >= 67 && chance(0.3)) kv.push(['volume_type', v('volume_type', ['ssd'])]);
  if (chance(0.05)) kv.push([pick(kv.map((x) => x[0])), pick(['1', 'volume', 'vdb'])]);
  if (chance(0.3)) kv.sort(() => rand() - 0.5);
  return kv.map(([k, x]) => `${k}=${x}`).join(',');
}

/** option names shortened as argparse takes them without a refusal */
const sentName = (o) => (chance(0.2) ? pick(NAMES[o].filter((x) => !['--block-devic', '--block-dev', '--b', '--ima', '--imag', '--image-', '--v', '--s', '--sn', '--f', '--e', '--n'].includes(x))) : o);

function sentLine() {
  const mv = pick([null, '2.1', '2.32', '2.42', '2.52', '2.60', '2.67', '2.79', '2.86', '2.90', '2.92', '2.latest']);
  const minor = mv === null ? 1 : mv === '2.latest' ? 92 : Number(mv.split('.')[1]);
  const head = mv ? ['openstack', pick(['--os-compute-api-version', '--os-compute-api']), mv, 'server', 'create'] : ['openstack', 'server', 'create'];
  const opts = [sentName('--flavor'), pick(['m1.small', 'm1'])];
  const boot = pick(['image', 'image', 'bfv', 'bd-root', 'bd-root', 'volume', 'snapshot']);
  if (boot === 'image' || boot === 'bfv') opts.push(sentName('--image'), pick(['cirros', 'img-2']));
  if (boot === 'bfv') opts.push(sentName('--boot-from-volume'), pick(['20', '10', '1', '+5', ' 7', '05', '1_0', '٣', '-1']));
  if (boot === 'volume') opts.push(sentName('--volume'), 'boot-vol');
  if (boot === 'snapshot') opts.push(sentName('--snapshot'), 'snap1');
  if (boot === 'bd-root') {
    opts.push(sentName('--block-device'), sentDevice('root', minor));
    if (chance(0.7)) opts.push(sentName(pick(['--volume', '--snapshot'])), pick(['boot-vol', 'snap1']));
    else opts.push(sentName('--image'), 'cirros');
  }
  for (let i = Math.floor(rand() * 4); i > 0; i--) opts.push(sentName('--block-device'), sentDevice(pick(['data', 'data', 'local']), minor));
  for (let i = chance(0.25) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push(sentName('--swap'), pick(['512', '1024', '2048', '+256', ' 64', '1_024', '-1']));
  for (let i = chance(0.3) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push(sentName('--ephemeral'), pick(['size=1', 'size=5,format=ext4', 'size=10', 'size=0', 'size=-1', 'size= 3', 'size=1,format=', 'format=swap,size=1', 'size=2,size=3', 'size=1.5', 'size=x']));
  for (let i = chance(0.2) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) {
    opts.push(sentName('--block-device-mapping'), `${pick(['vdb', 'vdc', '/dev/vdd', 'sdb', 'vda'])}=${pick(['vol-data', 'snap1', 'cirros'])}:${pick(['volume', 'snapshot', 'image', ''])}:${pick(['', '10', '1', '0', ' 5', 'ten'])}:${pick(['true', 'false', 'True', '1', '0', '', 'yes', 'maybe'])}`);
  }
  if (minor >= 37 || chance(0.5)) opts.push(...pick([['--nic', pick(['none', 'auto', 'net-id=private'])], ['--network', pick(['none', 'auto', 'private'])]]));
  if (chance(0.1)) opts.push(pick(['--min', '--max']), '2');
  const words = [...head, ...opts.map((w) => (w === '' || / /.test(w) ? pick([`'${w}'`, `"${w}"`]) : quoted(w))), `vm${Math.floor(rand() * 100)}`];
  let text = '';
  words.forEach((w, i) => { text += i === 0 ? w : (w.startsWith('--') && chance(0.3) ? ` \\\n  ${w}` : ` ${w}`); });
  return text;
}

/** one word as a shell script may write it: its pieces each bare (specials escaped, now and then
 * an ordinary character too), '…', "…" (now and then a backslash before an ordinary character,
 * which stays), $'…' (C escapes: \\t, \\x2c, \\054, \\u00e9 …), $"…", a continuation inside */
function shellWord(word, keep = false) {
  if (word === '') return pick(["''", '""', "$''", '$""']);
  const pieces = [];
  let i = 0;
  while (i < word.length) { const k = 1 + Math.floor(rand() * Math.min(6, word.length - i)); pieces.push(word.slice(i, i + k)); i += k; }
  const c1 = (p) => p.replace(/[\\'"$`\s;&|()<>#*?[\]{}~!]/g, (c) => `\\${c}`);
  const bare = (p) => [...c1(p)].map((c) => (/[a-z]/.test(c) && chance(0.05) ? `\\${c}` : c)).join('');
  const single = (p) => (p.includes("'") ? bare(p) : `'${p}'`);
  // a backslash before an ordinary character inside "…" stays (the value changes): not in the command's own words
  const double = (p) => `"${p.replace(/[\\"$`]/g, (c) => `\\${c}`).replace(/[a-z]/, (c) => (!keep && chance(0.05) ? `\\${c}` : c))}"`;
  const ansi = (p) => `$'${[...p].map((c) => {
    if (c === "'" || c === '\\') return `\\${c}`;
    if (chance(0.15)) return pick([`\\x${c.charCodeAt(0).toString(16)}`, `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`, c.charCodeAt(0) < 128 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`]);
    return c;
  }).join('')}'`;
  const locale = (p) => `$${double(p)}`;
  let out = pieces.map((p) => pick([bare, bare, single, double, ansi, locale])(p)).join('');
  if (chance(0.05)) { const at = 1 + Math.floor(rand() * Math.max(1, out.length - 1)); if (!/\\$/.test(out.slice(0, at)) && !/['"]/.test(out)) out = `${out.slice(0, at)}\\\n${out.slice(at)}`; }
  return out;
}

/** odd escapes a shell reads its own way: \\ before a newline inside '…' stays, $'…' with \\n, \\e, \\c, \\0 */
const ODD_WORDS = ["$'vol\\x2ddata'", "$'a\\tb'", '"a\\\nb"', "$'\\u0661'", "$'x\\0y'", "$'\\101\\102'", '"\\a\\$x"', "'it'\\''s'", '$"x"', "$'\\''", "$'\\xc3\\xa9'", "$'\\xff'", "$'\\uD800'", "$'\\c?\\cA'", '\\-\\-image'];

/** shell mode: the lines of the other modes with their words quoted and escaped in every way a
 * shell reads (above), repeated boot and flavor options, commands after it (`;`, `&&`, `||`, a pipe,
 * a redirection, a comment), tabs; labelled with the words bash itself makes of them
 * (scripts/osc-label.py --bash) */
function shellLine() {
  const base = pick([sentLine, oddLine, line])();
  const words = [];
  // the base line's words as bash reads them are the generator's own (it quotes plainly)
  const raw = base.replace(/ \\\n\s*/g, ' ').match(/('[^']*'|"[^"]*"|[^\s'"]+)+/g) ?? [];
  for (const w of raw) words.push(w.replace(/'([^']*)'|"([^"]*)"|\\(.)/g, (_m, a, b, c) => a ?? b ?? c));
  // repeated options, the last one counts (or argparse's mutually exclusive group refuses)
  const extra = [];
  if (chance(0.15)) extra.push(pick(['--image', '--volume', '--snapshot', '--flavor', '--boot-from-volume', '--swap']), pick(['cirros', 'boot-vol', 'snap1', 'm1', '5', '0', '']));
  if (chance(0.1)) extra.push('--block-device', pick(['source_type=blank,destination_type=local,volume_size=1', 'source_type=volume,uuid=vol-data,boot_index=1', 'uuid=vol-data,source_type=volume,source_type=snapshot']));
  const at = words.indexOf('create') + 1;
  if (at > 0) words.splice(at, 0, ...extra);
  const sep = () => (chance(0.1) ? '\t' : chance(0.1) ? '  ' : ' ');
  let text = '';
  words.forEach((w, i) => {
    const q = i < 1 || /^OS_COMPUTE_API_VERSION=/.test(w) ? w : chance(0.5) ? shellWord(w, i <= words.indexOf('create')) : (/^[A-Za-z0-9_./:=,+@%-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);
    text += i === 0 ? q : (w.startsWith('--') && chance(0.2) ? ` \\\n${sep()}${q}` : `${sep()}${q}`);
  });
  // (not a word holding a line break: argparse's refusal then spans lines, which the oracle cuts to its last)
  if (chance(0.05)) text += ' ' + pick(ODD_WORDS);
  if (chance(0.3)) text += pick([' ; echo done', ' && echo ok', ' || true', ' 2>&1 | tee log', ' > out.json', ' # boot it', '  #comment', ' &', '; openstack server list', ' >/dev/null 2>&1']);
  return text;
}

/** addvol mode: `openstack server add volume` lines: device, tag, delete flags at microversions
 * around the ones that take them, shortened and repeated options, the version from the
 * environment, odd values, quoting as in shell mode */
function addVolumeLine() {
  const mv = pick([null, null, '2.1', '2.20', '2.48', '2.49', '2.60', '2.78', '2.79', '2.85', '2.89', '2.90', '2.92', '2.93', '2.latest', 'latest', '2', '2.0', '3.0', '2.x']);
  const head = ['openstack'];
  if (chance(0.1)) head.unshift(`OS_COMPUTE_API_VERSION=${pick(['2.49', '2.79', '2.1', '2.latest', ''])}`);
  if (mv !== null) head.push(...pick([['--os-compute-api-version', mv], [`--os-compute-api-version=${mv}`], ['--os-compute-api', mv]]));
  head.push('server', 'add', 'volume');
  const opts = [];
  if (chance(0.5)) opts.push(pick(['--device', '--device', '--dev', '--devi']), pick(['/dev/vdb', 'vdb', '/dev/sdc', '', 'auto', '/dev/vd b', '/dev/xvdz', '-x']));
  for (let i = chance(0.4) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push(pick(['--tag', '--tag', '--ta']), pick(['db', '', 'a/b', 'a,b', 'x'.repeat(60), 'x'.repeat(61), 'é', 'db 1']));
  for (let i = chance(0.5) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push(pick(['--enable-delete-on-termination', '--disable-delete-on-termination', '--enable', '--dis', '--en', '--disable-delete']));
  if (chance(0.05)) opts.push(pick(['--wait', '--foo', '-f', '--help-x']));
  const pos = [pick(['vm1', 'web-01', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d', 'my vm'])];
  if (chance(0.95)) pos.push(pick(['data1', 'vol-data', '0f5b7e3c-1111-4a2b-8c3d-5e6f7a8b9c0d', 'my vol', '']));
  if (chance(0.04)) pos.push('extra');
  const words = [...opts];
  for (const p of pos) words.splice(Math.floor(rand() * (words.length + 1)), 0, p);
  // keep a value after its option
  for (let i = 0; i < words.length - 1; i++) if (/^--(device|dev|devi|tag|ta)$/.test(words[i]) && pos.includes(words[i + 1]) && chance(0.8)) return addVolumeLine();
  if (chance(0.1)) words.splice(Math.floor(rand() * words.length), 0, '--');
  const all = [...head, ...words];
  let text = '';
  all.forEach((w, i) => {
    const q = i === 0 || /^OS_COMPUTE_API_VERSION=/.test(w) ? w : chance(0.3) ? shellWord(w, i < head.length) : (/^[A-Za-z0-9_./:=,+@%-]+$/.test(w) ? w : `'${w}'`);
    text += i === 0 ? q : ` ${q}`;
  });
  return text;
}

const mode = process.argv[4] ?? '';
const cases = [];
const make = { ops: opsLine, odd: oddLine, sent: sentLine, shell: shellLine, addvol: addVolumeLine }[mode] ?? line;
for (let i = 0; i < n; i++) cases.push({ id: `${mode || 'gen'}-${i}`, line: make() });
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
