/**
 * Hunt 22: `openstack server create` lines of kinds scripts/osc-generate.mjs does not make, for the
 * same differential test (label with scripts/osc-label.py --bash, compare with scripts/osc-difftest.ts):
 * - `nic`: --nic/--network/--port in every form (keys repeated, empty, upper case, a trailing comma,
 *   tag at microversions around 2.43, auto/none mixed with others, both fixed addresses, net and port),
 *   with security groups, hints (repeated keys: lists), properties, config-drive spellings,
 *   --min/--max in odd spellings, description/tag/host/hostname/trusted certs around their versions;
 * - `cliff`: cliff's output options (-f, -c, --max-width, --fit-width, --noindent, --prefix,
 *   --print-empty) written long, short, glued (`-fjson`, `-cid`), shortened, with odd values;
 * - `global`: the shell's own options after `server create` (--debug, -v, -q, --os-cloud, …),
 *   shortened, and command options whose start is also a shell option's (`--de`, `--ti`, `--in`);
 * - `bdm`: boot combinations (--image-property with --boot-from-volume, --volume/--snapshot with
 *   --boot-from-volume 0, empty boot values) and --block-device values with '=' inside, spaces,
 *   keys given twice, with a root by device_name, judged by Nova too.
 * Seeded, so a run is repeatable. Usage: node scripts/osc-hunt22-generate.mjs N SEED MODE > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 200);
const rand = rng(Number(process.argv[3] ?? 1));
const mode = process.argv[4] ?? 'nic';
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;

const MVS = [null, '2.1', '2.19', '2.32', '2.37', '2.42', '2.43', '2.52', '2.56', '2.57', '2.62', '2.63', '2.73', '2.74', '2.89', '2.90', '2.92', '2.latest'];
const q = (w) => (/^[A-Za-z0-9_./:=,+@%-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);

function head(mv) {
  const h = ['openstack'];
  if (mv) h.push(...pick([['--os-compute-api-version', mv], [`--os-compute-api-version=${mv}`]]));
  h.push('server', 'create');
  return h;
}

function boot(opts) {
  const b = pick(['image', 'image', 'image', 'volume', 'snapshot', 'bfv', 'iprop']);
  if (b === 'image' || b === 'bfv') opts.push('--image', pick(['cirros', 'img-2']));
  if (b === 'volume') opts.push('--volume', 'boot-vol');
  if (b === 'snapshot') opts.push('--snapshot', 'snap1');
  if (b === 'iprop') opts.push('--image-property', pick(['os_distro=ubuntu', 'hw_disk_bus=scsi', 'a=b=c']));
  if (b === 'bfv') opts.push('--boot-from-volume', pick(['10', '5']));
}

function nicValue() {
  const keys = ['net-id', 'port-id', 'v4-fixed-ip', 'v6-fixed-ip', 'tag'];
  const vals = { 'net-id': ['private', 'n1', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d', ''], 'port-id': ['p1', 'p2', ''], 'v4-fixed-ip': ['10.0.0.5', '1.2.3.4', 'x', ''], 'v6-fixed-ip': ['::1', 'fe80::2', ''], tag: ['t1', 'a b', ''] };
  const kv = [];
  for (let i = 1 + Math.floor(rand() * 3); i > 0; i--) {
    const k = chance(0.05) ? pick(['NET-ID', 'net_id', 'port', 'fixed-ip', '']) : pick(keys);
    kv.push(chance(0.04) ? k : `${k}=${pick(vals[k] ?? ['x'])}`);
  }
  let v = kv.join(',');
  if (chance(0.04)) v += ',';
  return chance(0.07) ? pick(['auto', 'none', 'Auto', 'NONE', '']) : v;
}

function nicLine() {
  const mv = pick(MVS);
  const opts = ['--flavor', 'm1'];
  boot(opts);
  for (let i = Math.floor(rand() * 3); i > 0; i--) {
    const o = pick(['--nic', '--nic', '--network', '--port']);
    opts.push(o, o === '--nic' ? nicValue() : pick(['private', 'p1', 'auto', 'none', 'a,b', 'k=v', '']));
  }
  for (let i = chance(0.3) ? 1 + Math.floor(rand() * 3) : 0; i > 0; i--) opts.push('--security-group', pick(['default', 'web', 'default', '']));
  for (let i = chance(0.35) ? 1 + Math.floor(rand() * 3) : 0; i > 0; i--) opts.push('--hint', pick(['group=g1', 'same_host=a', 'same_host=b', 'different_host=c', 'query=[">=","$free_ram_mb",1024]', 'build_near_host_ip=10.0.0.1', 'cidr=/24', 'k=', 'k=v=w', '=v', 'novalue', 'a,b=c']));
  for (let i = chance(0.35) ? 1 + Math.floor(rand() * 3) : 0; i > 0; i--) opts.push('--property', pick(['a=b', 'a=c', 'k=v=w', 'x=', 'x', '=y', 'a,b=c,d', 'é=ü']));
  if (chance(0.2)) opts.push(...pick([['--use-config-drive'], ['--no-config-drive'], ['--config-drive', pick(['true', 'TRUE', 'True', '1', '0', 'false', 'None', 'none', 'NONE', '', 'yes', 'vol-cd', ' true'])]]));
  if (chance(0.1)) opts.push(...pick([['--use-config-drive'], ['--no-config-drive'], ['--config-drive', 'true']]));
  if (chance(0.25)) opts.push(pick(['--min', '--max']), pick(['1', '2', '3', '0', '-1', ' 2', '+2', '2_0', '٢', '02', '1.0', '']));
  if (chance(0.15)) opts.push(pick(['--min', '--max']), pick(['1', '2', '5']));
  if (chance(0.15)) opts.push('--key-name', pick(['k1', '']));
  if (chance(0.15)) opts.push('--availability-zone', pick(['nova', '', 'nova:host1', 'az:h:n']));
  if (chance(0.1)) opts.push('--password', pick(['pw', '']));
  if (chance(0.15)) opts.push('--description', pick(['d', '', ' ', 'x'.repeat(300)]));
  for (let i = chance(0.15) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push('--tag', pick(['t1', 't2', '', 'a,b', 'a/b']));
  if (chance(0.1)) opts.push(pick(['--host', '--hypervisor-hostname', '--hostname']), pick(['h1', '', 'node-2', 'bad_name!']));
  for (let i = chance(0.08) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push('--trusted-image-cert', pick(['c1', 'c2', '']));
  if (chance(0.05)) opts.push('--wait');
  if (chance(0.1)) opts.push('--swap', '512');
  // --file without '=' (or an empty list): refused whatever the machine holds; --user-data '' is none
  for (let i = chance(0.08) ? 1 + Math.floor(rand() * 2) : 0; i > 0; i--) opts.push(...pick([['--file', pick(['nodash', ''])], ['--file=--'], ['--user-data', ''], ['--user-data=--']]));
  const name = pick(['vm1', 'web-01', 'a b', 'é']);
  return [...head(mv), ...opts.map(q), q(name)].join(' ');
}

function cliffLine() {
  const mv = pick([null, '2.1', '2.67']);
  const opts = ['--flavor', 'm1'];
  boot(opts);
  for (let i = 1 + Math.floor(rand() * 3); i > 0; i--) {
    opts.push(...pick([
      [pick(['-f', '--format', '--form', '--fo']), pick(['json', 'yaml', 'table', 'value', 'shell', 'csv', 'JSON', ''])],
      [pick(['-fjson', '-fvalue', '-fcsv', '-f=json', '--format=json', '-f-', '-fj'])],
      [pick(['-c', '--column', '--col']), pick(['id', 'name', '', '-x'])],
      [pick(['-cid', '-cname', '-c=id', '--column=id'])],
      [pick(['--max-width', '--max-w', '--max']), pick(['80', '0', '-1', 'x', ' 40', '4_0', ''])],
      [pick(['--fit-width', '--fit', '--noindent', '--noi', '--print-empty', '--print', '--pr'])],
      [pick(['--prefix', '--pref', '--variable', '--var']), pick(['p_', '', 'x'])],
      [pick(['--fit-width=1', '--noindent=x', '-h', '--he', '-vf', '-fv'])],
    ]));
  }
  const words = [...opts, pick(['vm1', 'vm2'])];
  if (chance(0.3)) { const at = Math.floor(rand() * words.length); if (!words[at].startsWith('-')) words.splice(at, 0, '--'); }
  return [...head(mv), ...words.map(q)].join(' ');
}

function globalLine() {
  const mv = pick([null, '2.1', '2.42', '2.67']);
  const opts = ['--flavor', 'm1'];
  boot(opts);
  if (chance(0.5)) opts.push('--block-device', 'source_type=blank,destination_type=local,volume_size=1');
  for (let i = 1 + Math.floor(rand() * 2); i > 0; i--) {
    opts.push(...pick([
      ['--debug'], ['-v'], ['-vv'], ['-q'], ['--insecure'], ['--timing'], ['--verify'], ['--os-beta-command'],
      ['--os-cloud', pick(['c1', ''])], ['--os-cloud=c1'], ['--os-region-name', 'r1'], ['--os-reg', 'r1'], ['--os-cl', 'c1'],
      ['--os-compute-api-version', pick(['2.42', '2.67', '2.1', '2.93', '2.latest'])], ['--os-compute', pick(['2.42', '2.67'])], ['--os-compute-api-version=2.67'],
      ['--de', pick(['d', 'x'])], ['--deb'], ['--desc', 'd'], ['--ti'], ['--in'], ['--insec'], ['--ver'], ['--verb'], ['--log', '/tmp/l'], ['--log-file=/tmp/l'],
      ['--os-interface', 'public'], ['--os-image-api-version', '2'], ['--os-volume-api-version', '3'], ['--os-p', 'x'], ['--os-password', 'pw'], ['--os-project-name', 'demo'],
      ['--h'], ['--ho', 'h1'], ['--hi', 'group=g'], ['--p', 'x'], ['--po', 'p1'], ['--pa', 'pw'], ['--pro', 'a=b'], ['--n', 'none'], ['--ne', 'private'],
      ['--os-compute-api-version'],
      // the shell's options that take one of a list of values
      [pick(['--os-interface', '--os-inter', '--os-interface=']), pick(['public', 'admin', 'internal', 'Public', '', 'vm1', 'internalURL'])],
      [pick(['--os-auth-type', '--os-auth-t']), pick(['password', 'v3password', 'token', 'none', 'bogus', ''])],
      [pick(['--os-share-api-version', '--os-container-api-version', '--os-baremetal-api-version']), pick(['2.0', '2.72', '2.73', '1', '1.40', '1.latest', 'latest', '1.78', '1.79', '2'])],
    ]));
  }
  for (let i = 0; i < opts.length; i++) if (opts[i] === '--os-interface=') { opts.splice(i, 2, `--os-interface=${opts[i + 1]}`); }
  const words = [...opts, 'vm1'];
  // shell and command options interleaved: move one group to a random place
  if (chance(0.5)) { const w = words.splice(words.length - 1, 1)[0]; words.splice(Math.floor(rand() * (words.length + 1)), 0, w); }
  if (chance(0.1)) words.splice(Math.floor(rand() * words.length), 0, '--');
  const h = head(mv);
  // now and then a shell option before `server create`
  if (chance(0.2)) h.splice(1, 0, ...pick([['--os-interface', pick(['public', 'bad'])], ['--os-auth-type', pick(['password', 'x'])], ['--os-share-api-version', pick(['2.5', '3'])]]));
  return [...h, ...words.map(q)].join(' ');
}

function bdmLine() {
  const mv = pick(['2.1', '2.42', '2.67', '2.90', '2.latest', null]);
  const opts = ['--flavor', 'm1'];
  const b = pick(['iprop-bfv', 'vol-bfv0', 'snap-bfv0', 'img-empty-bfv', 'vol-empty', 'image', 'image', 'none-bd', 'iprop', 'vol-image-bd']);
  if (b === 'iprop-bfv') opts.push('--image-property', pick(['os_distro=ubuntu', 'a=b']), '--boot-from-volume', pick(['10', '1']));
  if (b === 'vol-bfv0') opts.push('--volume', 'boot-vol', '--boot-from-volume', pick(['0', '00', '-0', '+0', ' 0']));
  if (b === 'snap-bfv0') opts.push('--snapshot', 'snap1', '--boot-from-volume', pick(['0', '-1', '3']));
  if (b === 'img-empty-bfv') opts.push('--image', '', '--boot-from-volume', pick(['0', '5']));
  if (b === 'vol-empty') opts.push(pick(['--volume', '--snapshot']), '');
  if (b === 'image') opts.push('--image', 'cirros');
  if (b === 'iprop') opts.push('--image-property', 'os_distro=ubuntu', '--image-property', pick(['os_distro=debian', 'hw=1']));
  if (b === 'none-bd' || b === 'vol-image-bd') opts.push(pick(['--volume', '--image']), pick(['boot-vol', 'cirros']));
  for (let i = Math.floor(rand() * 3); i > 0; i--) {
    const kv = [];
    const src = pick(['volume', 'blank', 'image', 'snapshot', null]);
    if (src) kv.push(`source_type=${src}`);
    if (src && src !== 'blank') kv.push(`uuid=${pick(['vol-data', 'cirros', 'snap1', 'a=b', 'x y', ''])}`);
    if (chance(0.5)) kv.push(`destination_type=${pick(['volume', 'local'])}`);
    if (chance(0.5)) kv.push(`boot_index=${pick(['0', '1', '-1', '2', ' 0 ', '٠'])}`);
    if (chance(0.5)) kv.push(`volume_size=${pick(['1', '10', '0', '-5', '1.5', ' 3', 'x', '1e1', '20'])}`);
    if (chance(0.3)) kv.push(`device_name=${pick(['vda', '/dev/vda', 'vdb', '/dev/sdb', 'hda', 'xvda', '/dev/vd', 'a=b'])}`);
    if (chance(0.3)) kv.push(`delete_on_termination=${pick(['yes', 'no', 'true', '1', 'On', 'F'])}`);
    if (chance(0.2)) kv.push(`guest_format=${pick(['swap', 'ext4', 'a=b'])}`);
    if (chance(0.2)) kv.push(`disk_bus=${pick(['virtio', 'scsi', 'usb', 'ide', 'fdc', 'uml', 'lxc', 'sata'])}`);
    if (chance(0.2)) kv.push(`device_type=${pick(['disk', 'cdrom', 'floppy', 'lun'])}`);
    if (chance(0.15)) kv.push(`tag=${pick(['t', 'a=b', 'a/b'])}`);
    if (chance(0.1)) kv.push(`volume_type=${pick(['ssd', 'a=b'])}`);
    if (chance(0.1)) kv.push(pick(['uuid=vol-data', 'source_type=volume', 'boot_index=0']));
    opts.push(pick(['--block-device', '--block-device', '--block-device=']), kv.join(','));
  }
  if (chance(0.2)) opts.push('--block-device-mapping', `${pick(['vda', 'vdb', '/dev/vdc', 'vd=b'])}=${pick(['vol-data', 'snap1', 'cirros'])}:${pick(['volume', 'snapshot', 'image', ''])}:${pick(['', '1', '10', '0'])}:${pick(['', 'true', 'False', 'x'])}`);
  if (chance(0.2)) opts.push('--swap', pick(['0', '512', '2048', '1024']));
  if (chance(0.2)) opts.push('--ephemeral', pick(['size=1', 'size=10', 'size=11', 'size=0,format=swap', 'format=ext4,size=2', 'size=1,format=a=b']));
  if (chance(0.3)) opts.push('--nic', 'none');
  // fold `--block-device=` with its value
  const words = [];
  for (let i = 0; i < opts.length; i++) {
    if (opts[i] === '--block-device=') { words.push(`--block-device=${opts[i + 1]}`); i++; } else words.push(opts[i]);
  }
  return [...head(mv), ...words.map(q), 'vm1'].join(' ');
}

const make = { nic: nicLine, cliff: cliffLine, global: globalLine, bdm: bdmLine }[mode];
const cases = [];
for (let i = 0; i < n; i++) cases.push({ id: `hunt22-${mode}-${i}`, line: make() });
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
