/**
 * Hunt 28: scripts whose `openstack server create` commands mix what hunts 22–27 stressed apart,
 * written the ways a script writes words, and run where bash runs them:
 * - the command's options together: the boot source (--image/--volume/--snapshot/--image-property,
 *   --boot-from-volume) with --block-device, --block-device-mapping, --swap and --ephemeral;
 *   --min/--max (given, repeated, out of order, odd values); --os-compute-api-version before and
 *   after `server create` and OS_COMPUTE_API_VERSION set on the command's own line, both, empty;
 *   argparse's prefixes (`--min`/`--ma`/`--boot-f`…) and `--opt=value`; options repeated; `--`;
 * - the words' spelling: single, double and ANSI-C quotes ($'…' with \x, \u, octal, \c, \e, \',
 *   a NUL that ends the word), parts of one word quoted differently, backslash-newline between
 *   words and inside double quotes, single quotes and $'…' (where bash keeps or removes it);
 * - where the command runs: `A=b openstack …` (assignments before the program), inside `$( … )`
 *   in double quotes with quotes of its own, inside backquotes (nested with `\``, its backslashes
 *   and `$` escaped once more per level), in functions defined in the script (called, not called,
 *   called twice, called with an assignment before it, defined after the call, `function f`),
 *   and through aliases (`shopt -s expand_aliases` or not, defined on the line that uses them).
 * Words never hold a parameter expansion (bdm-lab reads a word's text: a value only the run knows
 * is left to the operator's machine).
 * Labelled by scripts/osc-hunt28-label.py (bash runs each script with a fake `openstack`; OSC's
 * own code and Nova's on each run's words), compared by scripts/osc-hunt28-difftest.ts.
 * Seeded. Usage: node scripts/osc-hunt28-generate.mjs N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 300);
const rand = rng(Number(process.argv[3] ?? 28));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const V = 'OS_COMPUTE_API_VERSION';

const sq = (t) => `'${t.replace(/'/g, "'\\''")}'`;
const dq = (t) => `"${t.replace(/[\\"$`]/g, '\\$&')}"`;
/** $'…' spelling a text, with some characters written as escapes */
function ansi(t) {
  let s = "$'";
  for (const ch of t) {
    const c = ch.codePointAt(0);
    if (ch === "'" || ch === '\\') s += `\\${ch}`;
    else if (c > 126) s += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16)}`;
    else if (/[a-z]/.test(ch) && chance(0.15)) s += pick([`\\x${c.toString(16)}`, `\\${c.toString(8)}`, `\\x${c.toString(16).toUpperCase()}`]);
    else if (ch === ' ' && chance(0.3)) s += '\\x20';
    else s += ch;
  }
  return `${s}'`;
}
/** one word, spelt plain, quoted, ANSI-C quoted, or in parts quoted differently */
function word(t) {
  const plain = /^[A-Za-z0-9_./:=,+@%-]+$/.test(t);
  const r = rand();
  if (plain && r < 0.45) return t;
  if (r < 0.6) return sq(t);
  if (r < 0.72) return dq(t);
  if (r < 0.84) return ansi(t);
  if (t.length > 1) {
    // split into two parts, each spelt its own way
    const k = 1 + Math.floor(rand() * (t.length - 1));
    const part = (x) => pick([sq(x), dq(x), ansi(x), /^[A-Za-z0-9_./:=,+@%-]+$/.test(x) ? x : sq(x)]);
    return part(t.slice(0, k)) + part(t.slice(k));
  }
  return sq(t);
}
/** odd ANSI-C words whose value bash alone decides (the label holds it) */
const ODD_ANSI = ["$'vm\\x31'", "$'vm\\0rest'", "$'v\\cMm'", "$'\\e[1m'", "$'vm\\u00e9'", "$'vm\\'q'", "$'vm\\x'", "$'vm\\8'", "$'vm\\a\\b'", "$'vm\\\\'", "$'\\101B'", "$'vm\\c'", "$'vm\\c@x'", "$'vm\\U0001F600'", "$'vm\\?'", "$'vm\\\"'", "$'vm\\x41g'", "$'\\x7F'", "$'vm\\u'", "$'\\uD800x'", "$'vm\\n2'"];
/** words joined by a backslash-newline at times */
const join = (ws) => ws.map((w, k) => (k && chance(0.08) ? `\\\n${w}` : w)).join(' ');

const MVS = ['2.1', '2.19', '2.32', '2.42', '2.60', '2.67', '2.79', '2.90', '2.latest', '2.96', '3.0', 'x', ''];

function bdValue() {
  const src = pick(['blank', 'blank', 'volume', 'image', 'snapshot']);
  const kv = [`source_type=${src}`];
  if (src !== 'blank') kv.push(`uuid=${pick(src === 'image' ? ['cirros'] : src === 'snapshot' ? ['snap1'] : ['vol-data', 'boot-vol'])}`);
  if (chance(0.6)) kv.push(`destination_type=${pick(['volume', 'local'])}`);
  if (chance(0.5)) kv.push(`boot_index=${pick(['0', '1', '-1', '0'])}`);
  if (chance(0.5)) kv.push(`volume_size=${pick(['1', '5', '10', '11', '0'])}`);
  if (chance(0.3)) kv.push(`guest_format=${pick(['swap', 'ext4'])}`);
  if (chance(0.25)) kv.push(`device_name=${pick(['vda', '/dev/vdb', 'vdc'])}`);
  if (chance(0.2)) kv.push(`delete_on_termination=${pick(['true', 'false'])}`);
  return kv.join(',');
}

/** the options of one `server create` (strings: words' values) and whether the version goes after it */
function createWords() {
  const opts = [];
  const o = (name, value) => {
    // a prefix, `--opt=value`, or the full spelling
    const r = rand();
    const spelt = r < 0.12 ? pick(PREFIX[name] ?? [name]) : name;
    if (value === undefined) return opts.push(spelt);
    if (r > 0.82) return opts.push(`${spelt}=${value}`);
    opts.push(spelt, value);
  };
  o('--flavor', chance(0.95) ? 'm1' : pick(['m2', '']));
  const boot = pick(['image', 'image', 'volume', 'snapshot', 'bfv', 'iprop', 'none', 'two']);
  if (boot === 'image') o('--image', pick(['cirros', 'cirros', 'img-2']));
  if (boot === 'volume') o('--volume', 'boot-vol');
  if (boot === 'snapshot') o('--snapshot', 'snap1');
  if (boot === 'bfv') { o(pick(['--image', '--image', '--volume', '--snapshot', '--image-property']), pick(['cirros', 'boot-vol', 'os_distro=cirros'])); o('--boot-from-volume', pick(['10', '1', '20', '0', '-1', 'x', '30'])); }
  if (boot === 'iprop') o('--image-property', pick(['os_distro=cirros', 'a=b']));
  if (boot === 'two') { o(pick(['--image', '--volume', '--snapshot']), 'cirros'); o(pick(['--image', '--volume', '--snapshot']), 'boot-vol'); }
  for (let i = Math.floor(rand() * 3); i > 0; i--) {
    const k = pick(['bd', 'bd', 'legacy', 'swap', 'eph', 'minmax', 'minmax', 'misc']);
    if (k === 'bd') o('--block-device', bdValue());
    if (k === 'legacy') o('--block-device-mapping', `${pick(['vdb', 'vdc', 'vda'])}=${pick(['vol-data', 'snap1'])}${pick(['', ':volume', ':snapshot'])}${pick(['', ':10', ':1', '::'])}${pick(['', ':true', ':false'])}`);
    if (k === 'swap') o('--swap', pick(['512', '1024', '2048', '0', 'x']));
    if (k === 'eph') o('--ephemeral', pick(['size=1', 'size=5', 'size=11', 'size=2,format=ext4', 'format=ext4', 'size=x']));
    if (k === 'minmax') {
      const v = () => pick(['1', '2', '3', '0', '-1', 'x', '', '10']);
      const r = rand();
      if (r < 0.35) { o('--min', v()); o('--max', v()); } else if (r < 0.55) o('--max', v());
      else if (r < 0.75) o('--min', v());
      else { o('--max', v()); o('--min', v()); o(pick(['--max', '--min']), v()); }
    }
    if (k === 'misc') pick([() => o('--wait'), () => o('--nic', pick(['none', 'auto'])), () => o('--key-name', 'k'), () => o('--property', 'a=b'), () => o('--config-drive', pick(['true', 'False', 'x'])), () => o('--description', 'd')])();
  }
  if (chance(0.08)) opts.push(...pick([['-f', 'value', '-c', 'id'], ['-f', 'json'], ['-c', 'id']]));
  const name = chance(0.9) ? pick(['vm1', 'vm-2', 'vm 3', 'vm\n4', "it's", 'a"b', 'é', 'x\\y']) : pick(['-vm', '--', '']);
  const r = rand();
  if (r < 0.08) opts.push('--', name);
  else if (r < 0.25) opts.splice(Math.floor(rand() * (opts.length + 1)), 0, name);
  else if (r > 0.97) { /* no name */ } else opts.push(name);
  return opts;
}
const PREFIX = {
  '--flavor': ['--fla', '--flav', '--f'], '--image': ['--ima', '--im', '--image='], '--volume': ['--vol', '--volu', '--v'], '--snapshot': ['--snap', '--sn', '--s'],
  '--boot-from-volume': ['--boot', '--boot-from', '--b'], '--block-device': ['--block-device', '--block-devic', '--block'], '--block-device-mapping': ['--block-device-m', '--block-device-map'],
  '--swap': ['--swa', '--sw'], '--ephemeral': ['--eph', '--e'], '--min': ['--mi', '--m'], '--max': ['--ma', '--max-w', '--m'], '--image-property': ['--image-p', '--image-prop'],
  '--wait': ['--wai', '--w'], '--nic': ['--ni', '--n'], '--key-name': ['--key', '--k'], '--property': ['--prop', '--pro', '--p'], '--config-drive': ['--config', '--c'], '--description': ['--desc', '--de', '--d'],
};

/** a whole `openstack … server create …` command, with the version given in some way */
function osc() {
  const mv = chance(0.55) ? pick(MVS) : null;
  const where = mv === null ? 'none' : pick(['before', 'before', 'after', 'env', 'env', 'both']);
  const pre = [];
  const head = ['openstack'];
  const tail = [];
  if (where === 'before' || where === 'both') head.push(...pick([['--os-compute-api-version', mv], [`--os-compute-api-version=${mv}`], ['--os-compute-api', mv]]));
  if (where === 'after') tail.push(...pick([['--os-compute-api-version', mv], [`--os-compute-api-version=${mv}`]]));
  if (where === 'env' || where === 'both') pre.push(`${V}=${word(where === 'both' ? pick(MVS) : mv)}`);
  if (chance(0.25)) pre.splice(Math.floor(rand() * (pre.length + 1)), 0, pick(['A=b', 'LANG=C', 'X=$\'1\'', 'OS_CLOUD=c', 'B="a b"']));
  const opts = createWords();
  // the version after `server create` goes among the options, but before a `--`
  const dd = opts.indexOf('--');
  if (tail.length) opts.splice(dd < 0 ? opts.length : dd, 0, ...tail);
  const words = [...head.map(word), 'server', 'create', ...opts.map((w) => (chance(0.04) && /^vm/.test(w) ? pick(ODD_ANSI) : word(w)))];
  if (chance(0.1)) {
    // a backslash-newline inside a quoted word (removed in "…", kept in '…' and $'…')
    const k = 2 + Math.floor(rand() * (words.length - 2));
    const w = opts[k - 3] ?? 'vm1';
    if (w && w.length > 1) words[k] = pick([`"${w[0]}\\\n${w.slice(1).replace(/[\\"$`]/g, '\\$&')}"`, `'${w[0]}\\\n${w.slice(1).replace(/'/g, "'\\''")}'`, `$'${w[0]}\\\n${w.slice(1).replace(/[\\']/g, '\\$&')}'`]);
  }
  return join([...pre, ...words]);
}

/** escaped for one more level of backquotes: `\`, `` ` `` and `$` get a backslash */
const bq = (t) => t.replace(/[\\`$]/g, '\\$&');

function script() {
  const cmd = osc();
  const r = rand();
  if (r < 0.22) return `${cmd}\n`;
  if (r < 0.32) return `${pick(['ID', 'OUT'])}="$(${cmd})"\n`;
  if (r < 0.40) return `echo "created: $(${cmd}) done"\n`;
  if (r < 0.46) return `X=\`${cmd}\`\n`;
  if (r < 0.52) return `X=\`echo \\\`${bq(cmd)}\\\`\`\n`;
  if (r < 0.56) return `echo "\`${cmd.replace(/[\\"$`]/g, '\\$&')}\`"\n`;
  if (r < 0.60) return `Y=$(echo "$(${cmd})")\n`;
  if (r < 0.74) {
    const f = pick(['f', 'mk', 'boot_vm']);
    const def = pick([`${f}() { ${cmd}; }`, `${f}() {\n  ${cmd}\n}`, `function ${f} { ${cmd}; }`, `function ${f}() (\n  ${cmd}\n)`]);
    const call = pick([f, f, `${f}; ${f}`, `${V}=${pick(MVS)} ${f}`, `A=b ${f}`, `X=$(${f})`, `echo "$(${f})"`, '']);
    return chance(0.12) ? `${call}\n${def}\n` : `${def}\n${call}\n`;
  }
  if (r < 0.86) {
    // aliases: expanded only with expand_aliases, and only on lines read after the alias
    const a = pick(['osc', 'os', 'o']);
    const shopt = chance(0.75) ? 'shopt -s expand_aliases\n' : '';
    const alias = pick([`alias ${a}=openstack`, `alias ${a}='openstack --os-compute-api-version 2.67'`, `alias ${a}="${V}=2.42 openstack"`, `alias ${a}='openstack '`]);
    const use = cmd.replace(/^((?:\S+=\S* )*)openstack/, `$1${a}`);
    return pick([`${shopt}${alias}\n${use}\n`, `${shopt}${alias}; ${use}\n`, `${shopt}${alias}\nunalias ${a}\n${use}\n`]);
  }
  // assignments and exports around it
  return pick([
    `export ${V}=${pick(MVS)}\n${cmd}\n`,
    `${V}=${pick(MVS)}\n${cmd}\n`,
    `export ${V}=${pick(MVS)}; ${V}= ${cmd}\n`,
    `${V}=${pick(MVS)} true; ${cmd}\n`,
    `readonly ${V}=${pick(MVS)}; ${cmd}\n`,
  ]);
}

const cases = [];
for (let i = 0; i < n; i++) cases.push({ id: `h28-${i}`, script: script() });
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
