/**
 * Hunt 27: single `openstack server create` lines (no script logic) around the block-device
 * options and argparse's reading of the words:
 * - --block-device key=value lists: every key, unknown and misspelt keys, keys with no '=' or no
 *   value, bad values (source/destination types, boot_index, delete_on_termination, sizes), keys
 *   given twice, empty items and trailing commas, quoted values holding spaces, '=' or commas;
 * - --block-device-mapping legacy forms (dev=id[:type[:size[:dot]]]), too many or empty parts;
 * - --volume/--image/--snapshot/--image-property/--boot-from-volume together and apart, --swap and
 *   --ephemeral (size/format keys, missing or unknown keys, odd numbers);
 * - --os-compute-api-version before or after `server create`, `=`-joined, shortened, odd values;
 * - argparse: options shortened (unique, ambiguous, exact), `--opt=value`, repeated options (the
 *   last one wins or lists grow), values that look like options, a lone `--` (with positionals
 *   after it), a missing value at the end;
 * - paths as --block-device values (BDMAction reads a path that is there as JSON) and as
 *   --user-data/--file sources: some the text alone decides (directories of dots and slashes,
 *   /dev/null, ''), some only the machine does.
 * Label: /usr/bin/python3 scripts/osc-hunt22-label.py --bash CASES.json ORACLE.json
 * Compare: node --import tsx scripts/osc-hunt27-difftest.ts CASES.json ORACLE.json
 * Seeded. Usage: node scripts/osc-hunt27-generate.mjs N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 300);
const rand = rng(Number(process.argv[3] ?? 27));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const q = (w) => (/^[A-Za-z0-9_./:=,+@%-]+$/.test(w) ? w : pick([`'${w.replace(/'/g, "'\\''")}'`, `"${w.replace(/[\\"$`]/g, '\\$&')}"`]));

const MVS = [null, null, null, null, '2.1', '2.67', '2.42', '2.90', '2.19', '2.32', '2.41', '2.42', '2.60', '2.66', '2.67', '2.79', '2.90', '2.latest', '2.96', '3.0', '2', 'x', ''];
const KEYS = ['uuid', 'source_type', 'destination_type', 'disk_bus', 'device_type', 'device_name', 'volume_size', 'guest_format', 'boot_index', 'delete_on_termination', 'tag', 'volume_type'];
const BADKEYS = ['UUID', 'source-type', 'size', 'bootindex', 'id', '', ' uuid', 'uuid ', 'Source_type', 'no_device'];
const VALS = {
  uuid: ['vol-data', 'cirros', 'snap1', '', 'a b', 'a=b', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d'],
  source_type: ['volume', 'image', 'snapshot', 'blank', 'Volume', 'bogus', '', ' volume'],
  destination_type: ['volume', 'local', 'Local', 'remote', ''],
  disk_bus: ['virtio', 'scsi', 'ide', 'usb', 'bogus', ''],
  device_type: ['disk', 'cdrom', 'floppy', 'lun', 'x', ''],
  device_name: ['vda', '/dev/vda', 'vdb', '/dev/sdc', 'hda', '', 'x y'],
  volume_size: ['1', '10', '0', '-1', '1.5', 'x', '', ' 2', '20', '99999999999'],
  guest_format: ['swap', 'ext4', 'ntfs', ''],
  boot_index: ['0', '1', '-1', 'none', '', ' 0', '+1', '1.0', '٣', '0x1', '1_0'],
  delete_on_termination: ['true', 'false', 'yes', 'no', 'True', 'on', '1', '0', 'maybe', '', 'Y', 'f'],
  tag: ['t1', 'a b', '', 'x'.repeat(70)],
  volume_type: ['ssd', '', 'lvm'],
};

function head(mv) {
  const h = ['openstack'];
  if (mv !== null && chance(0.7)) h.push(...pick([['--os-compute-api-version', mv], [`--os-compute-api-version=${mv}`], ['--os-compute', mv], ['--os-compute-api', mv]]));
  else if (mv !== null) return { h: [...h, 'server', 'create'], tail: pick([['--os-compute-api-version', mv], [`--os-compute-api-version=${mv}`], ['--os-comp', mv]]) };
  h.push('server', 'create');
  return { h, tail: [] };
}

function bdValue() {
  const kv = [];
  const src = pick(['volume', 'blank', 'image', 'snapshot', null, 'volume']);
  if (src) kv.push(`source_type=${src}`);
  if (src && src !== 'blank') kv.push(`uuid=${pick(VALS.uuid)}`);
  for (let i = Math.floor(rand() * 4); i > 0; i--) {
    if (chance(0.12)) { kv.push(chance(0.5) ? `${pick(BADKEYS)}=${pick(['x', '1', ''])}` : pick(['uuid', 'boot_index', 'novalue', ''])); continue; }
    const k = pick(KEYS);
    kv.push(`${k}=${pick(VALS[k])}`);
  }
  if (chance(0.1)) kv.push(pick(['boot_index=0', 'boot_index=1', 'uuid=vol-x', 'source_type=blank']));
  // shuffle a bit
  if (chance(0.3) && kv.length > 1) kv.reverse();
  let v = kv.join(',');
  if (chance(0.05)) v += ',';
  if (chance(0.04)) v = `,${v}`;
  if (chance(0.03)) v = v.replace(',', ',,');
  if (chance(0.04)) v = pick(['', '=', ',', 'uuid', '{"uuid": "x"}', '--', '-x', '/nonexistent/bd.json']);
  return v;
}

function legacyValue() {
  const dev = pick(['vdb', 'vdc', '/dev/vdd', '', 'vda', 'a=b']);
  const parts = [pick(['vol-data', 'snap1', 'cirros', ''])];
  for (let i = Math.floor(rand() * 5); i > 0; i--) parts.push(pick([
    pick(['volume', 'snapshot', 'image', '', 'blank', 'Volume']),
    pick(['', '1', '10', '0', 'x', '-1']),
    pick(['', 'true', 'false', 'x', 'yes', '1']),
  ]));
  const v = parts.join(':');
  return chance(0.08) ? pick([dev, `${dev}=`, `=${v}`, `${dev}==${v}`]) : `${dev}=${v}`;
}

function ephemeralValue() {
  return pick(['size=1', 'size=10', 'size=0', 'size=x', 'size=', 'format=ext4', 'size=2,format=swap', 'size=1,format=', 'size=1,size=2', 'size=1,fmt=ext4', 'SIZE=1', '', 'size', 'size=1,', ',size=1', 'format=ext4,size=3', 'size=-1', 'size=1.5', 'size=1,format=a=b']);
}

const OPTS = [
  // shortened forms of create's own options; some ambiguous (--b, --block, --im, --s, --e, --v, --vol)
  ['--block-device', 'bd'], ['--block-device=', 'bd'], ['--block-devic', 'bd'], ['--block-device-m', 'legacy'], ['--block', 'bd'], ['--block-device-mapping', 'legacy'],
  ['--block-device-mapping=', 'legacy'], ['--swap', 'swap'], ['--swa', 'swap'], ['--swap=', 'swap'], ['--ephemeral', 'eph'], ['--eph', 'eph'], ['--ephemeral=', 'eph'],
  ['--boot-from-volume', 'bfv'], ['--boot', 'bfv'], ['--boot-from', 'bfv'], ['--boot-from-volume=', 'bfv'], ['--b', 'bd'], ['--s', 'swap'], ['--e', 'eph'],
];

function line() {
  const mv = pick(MVS);
  const { h, tail } = head(mv);
  const opts = [];
  opts.push(...(chance(0.8) ? ['--flavor', 'm1'] : pick([['--flavor=m1'], ['--fla', 'm1'], ['--f', 'm1'], ['--flavor', 'm1', '--flavor', 'm2'], ['--flavor='], ['--flavor', '']])));
  // boot source(s)
  const b = pick(['image', 'image', 'volume', 'snapshot', 'bfv', 'iprop', 'none', 'two', 'abbr']);
  if (b === 'image') opts.push('--image', pick(['cirros', 'img-2']));
  if (b === 'volume') opts.push(pick(['--volume', '--volume=', '--vol', '--volu']), 'boot-vol');
  if (b === 'snapshot') opts.push(pick(['--snapshot', '--snap', '--sn']), 'snap1');
  if (b === 'bfv') opts.push('--image', 'cirros', pick(['--boot-from-volume', '--boot-from-volume=', '--boot']), pick(['10', '1', '0', '-1', 'x', '', '2.5', ' 5', '+3']));
  if (b === 'iprop') opts.push('--image-property', pick(['os_distro=ubuntu', 'a=b']));
  if (b === 'two') opts.push(...pick([['--image', 'cirros', '--volume', 'boot-vol'], ['--volume', 'v1', '--volume', 'v2'], ['--image', 'a', '--image', 'cirros'], ['--snapshot', 'snap1', '--image', 'cirros'], ['--volume', 'boot-vol', '--boot-from-volume', '5']]));
  if (b === 'abbr') opts.push(pick(['--im', '--ima', '--image=', '--v', '--vo', '--snapshot=', '--i']), pick(['cirros', 'boot-vol']));
  for (let i = Math.floor(rand() * 4); i > 0; i--) {
    const [o, kind] = chance(0.6) ? pick(OPTS.filter(([x]) => ['--block-device', '--block-device=', '--block-device-mapping', '--swap', '--ephemeral', '--boot-from-volume'].includes(x))) : pick(OPTS);
    const v = kind === 'bd' ? bdValue() : kind === 'legacy' ? legacyValue() : kind === 'eph' ? ephemeralValue()
      : kind === 'swap' ? pick(['512', '0', '1024', '2048', 'x', '-1', '', '1.5', '0x10', ' 8']) : pick(['10', '1', '0']);
    opts.push(o, v);
  }
  if (chance(0.15)) opts.push(...pick([['--nic', 'none'], ['--nic=auto'], ['--wait'], ['--property', 'a=b'], ['--key-name', 'k'], ['--min', '2', '--max', '3']]));
  let words = [];
  for (let i = 0; i < opts.length; i++) {
    if (opts[i].endsWith('=') && opts[i].startsWith('--')) { words.push(opts[i] + opts[i + 1]); i++; } else words.push(opts[i]);
  }
  words.push(...tail);
  let name = chance(0.95) ? pick(['vm1', 'vm-2', 'a b']) : pick(['-vm', '-1', '-', '--x']);
  // the server name anywhere; at times after `--`, or two names, or none
  const r = rand();
  if (r < 0.1) words.push('--', name);
  else if (r < 0.15) words.push(name, 'extra');
  else if (r < 0.2) { /* no name */ } else if (r < 0.35) words.splice(Math.floor(rand() * (words.length + 1)), 0, name);
  else words.push(name);
  // an option left without its value at the end
  if (chance(0.04)) words.push(pick(['--block-device', '--swap', '--ephemeral', '--volume']));
  if (chance(0.04)) words.splice(Math.floor(rand() * words.length), 0, '--');
  name = null;
  words = words.map((w) => q(w));
  return [...h.map((w) => q(w)), ...words].join(' ');
}


/** a line OSC accepts (mostly), whose block devices Nova then judges: valid keys and values,
 * blanks, swaps and ephemerals against the flavor, boot indexes, device names, tags and volume
 * types around their microversions */
function novaLine() {
  const mv = pick([null, '2.1', '2.32', '2.33', '2.41', '2.42', '2.60', '2.66', '2.67', '2.79', '2.90', '2.latest']);
  const h = ['openstack'];
  if (mv) h.push(...pick([['--os-compute-api-version', mv], [`--os-compute-api-version=${mv}`]]));
  h.push('server', 'create', '--flavor', 'm1');
  const opts = [];
  const b = pick(['image', 'image', 'volume', 'snapshot', 'bfv', 'bd-only', 'bd-only']);
  if (b === 'image') opts.push('--image', 'cirros');
  if (b === 'volume') opts.push('--volume', 'boot-vol');
  if (b === 'snapshot') opts.push('--snapshot', 'snap1');
  if (b === 'bfv') opts.push('--image', 'cirros', '--boot-from-volume', pick(['10', '1', '30', '20']));
  if (b === 'bd-only') opts.push('--image', 'cirros');
  for (let i = Math.floor(rand() * 4); i > 0; i--) {
    const kv = [];
    const src = pick(['volume', 'blank', 'blank', 'image', 'snapshot']);
    kv.push(`source_type=${src}`);
    if (src !== 'blank') kv.push(`uuid=${pick(src === 'image' ? ['cirros', 'img-2'] : src === 'snapshot' ? ['snap1'] : ['vol-data', 'vol-2', 'boot-vol'])}`);
    if (chance(0.6)) kv.push(`destination_type=${pick(['volume', 'local'])}`);
    if (chance(0.5)) kv.push(`boot_index=${pick(['0', '1', '-1', '2', '-1', '0'])}`);
    if (chance(0.5)) kv.push(`volume_size=${pick(['1', '5', '10', '11', '0', '20', '21', '-1', '1.5', 'x'])}`);
    if (chance(0.35)) kv.push(`device_name=${pick(['vda', '/dev/vda', 'vdb', '/dev/vdc', 'sdb', '/dev/sda1', 'hda', 'vdb', '/dev/', 'a/b'])}`);
    if (chance(0.3)) kv.push(`delete_on_termination=${pick(['true', 'false', 'yes', '0', 'on'])}`);
    if (chance(0.3)) kv.push(`guest_format=${pick(['swap', 'ext4', 'vfat', 'bogus'])}`);
    if (chance(0.2)) kv.push(`disk_bus=${pick(['virtio', 'scsi', 'ide', 'usb', 'bogus'])}`);
    if (chance(0.2)) kv.push(`device_type=${pick(['disk', 'cdrom', 'floppy', 'lun'])}`);
    if (chance(0.15)) kv.push(`tag=${pick(['t1', 'a/b', 'x'.repeat(61)])}`);
    if (chance(0.12)) kv.push(`volume_type=${pick(['ssd', 'lvm', 'x'.repeat(256)])}`);
    opts.push(pick(['--block-device', '--block-device', `--block-device=`]), kv.join(','));
  }
  if (chance(0.2)) opts.push('--block-device-mapping', `${pick(['vdb', 'vdc', '/dev/vdd', 'vda'])}=${pick(['vol-data', 'snap1', 'cirros'])}${pick(['', ':volume', ':snapshot', ':image'])}${pick(['', ':10', ':1', ':0', '::'])}${pick(['', ':true', ':false'])}`);
  for (let i = chance(0.3) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push('--swap', pick(['512', '1024', '1025', '2048', '0', '-5']));
  for (let i = chance(0.35) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push('--ephemeral', pick(['size=1', 'size=5', 'size=10', 'size=11', 'size=0', 'size=2,format=ext4', 'size=3,format=swap', 'size=4,format=bogus', 'size=-1', 'size=x']));
  if (chance(0.15)) opts.push('--nic', 'none');
  const words = [];
  for (let i = 0; i < opts.length; i++) {
    if (opts[i] === '--block-device=') { words.push(opts[i] + opts[i + 1]); i++; } else words.push(opts[i]);
  }
  return [...h, ...words.map((w) => q(w)), 'vm1'].join(' ');
}

/** paths whose nature the text alone decides on any machine (directories of dots and slashes,
 * /dev and /dev/null in their spellings, the empty name, paths past /dev/null) and some it does
 * not decide (left to the operator's machine), as --block-device, --user-data and --file sources */
const PATHS = ['.', '..', '/', './', '../..', '//', '/.', '/..', './/.', '/dev', '/dev/', '/dev/null', '//dev//null', '/dev/./null', '/../dev/null', '/dev/../dev/null',
  '/dev/null/', '/dev/null/.', '/dev/null/..', '', '...', '.../', 'x/..', '/nonexistent/f', '/dev/nul', 'dev/null', '. /', '.,/', 'a=./', '/=.'];
function pathLine() {
  const mv = pick([null, '2.1', '2.19', '2.56', '2.57', '2.67']);
  const h = ['openstack'];
  if (mv) h.push('--os-compute-api-version', mv);
  h.push('server', 'create', '--flavor', 'm1', '--image', 'cirros');
  const opts = [];
  for (let i = 1 + Math.floor(rand() * 3); i > 0; i--) {
    const p = pick(PATHS);
    opts.push(...pick([
      ['--block-device', p], [`--block-device=${p}`], ['--user-data', p], [`--user-data=${p}`],
      ['--file', `${pick(['/a', '/b', '/é', '/etc/motd', ''])}=${p}`], ['--file', pick(['nodash', '/a=/dev/null', '/b=/dev/null'])],
      ['--block-device', 'source_type=blank,volume_size=1'], ['--swap', pick(['1', 'x'])],
    ]));
  }
  if (chance(0.2)) opts.push(...pick([['--min', '2', '--max', '1'], ['--description', 'd'], ['--property', 'a=b'], ['--security-group', 'sg'], ['--availability-zone', 'az']]));
  return [...h, ...opts.map((w) => q(w)), 'vm1'].join(' ');
}

const cases = [];
for (let i = 0; i < n; i++) cases.push({ id: `h27-${i}`, line: (() => { const r = rand(); return r < 0.4 ? novaLine() : r < 0.8 ? line() : pathLine(); })() });
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
