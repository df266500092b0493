/**
 * Hunt 28's smoke fuzzer: random texts of shell tokens around what hunt 28 reads (backquotes
 * nested with `\``, escaped `\\`, `\$`, `\"` and backslash-newlines inside them, in double quotes
 * and out; `alias`, `unalias`, `shopt -s expand_aliases` and names used as commands; `readonly`
 * and assignments of OS_COMPUTE_API_VERSION; brace expansions past bdm-lab's bounds) through
 * findServerCreates and oscSources: they must never throw.
 * Seeded. Usage: node --import tsx scripts/osc-hunt28-fuzz.ts [SEED] [COUNT]
 */
import { findServerCreates, oscSources } from '../server/src/source/oscCli';
import { rng } from './prng.mjs';

const toks = ['`', '\\`', '\\\\`', '\\\\', '\\$', '\\"', '\\\n', '"', "'", "$'", '$(', ')', ';', '\n', ' ', '|', '&&', '#',
  'shopt -s expand_aliases\n', 'shopt -u expand_aliases\n', 'alias o=openstack\n', "alias o='openstack '\n", 'alias s=server\n', "alias o='o'\n", 'alias o="a;b"\n', 'unalias o\n', 'unalias -a\n',
  'o', 's', 'readonly OS_COMPUTE_API_VERSION=2.19\n', 'OS_COMPUTE_API_VERSION=2.67', 'export OS_COMPUTE_API_VERSION=2.42\n', 'declare -r OS_COMPUTE_API_VERSION\n', 'unset OS_COMPUTE_API_VERSION\n',
  'f() {', '}', 'f', 'echo', 'X=', 'vm{1..20000}', '{a,b}{c,d}', 'openstack server create --flavor m1 --image cirros vm1', 'openstack', 'server create', '--swap', '512'];
const r = rng(Number(process.argv[2] ?? 28));
const count = Number(process.argv[3] ?? 20000);
let found = 0;
for (let i = 0; i < count; i++) {
  let s = '';
  for (let k = Math.floor(r() * 40); k > 0; k--) s += toks[Math.floor(r() * toks.length)] + (r() < 0.5 ? ' ' : '');
  try {
    found += findServerCreates(s, 'shell').length;
    oscSources(s, 'shell');
  } catch (e) {
    console.log('THROW', JSON.stringify(s), e);
    process.exit(1);
  }
}
console.log(`${count} texts read, ${found} commands found, no throw`);
