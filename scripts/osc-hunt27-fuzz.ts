/**
 * Hunt 27's smoke fuzzer: random texts of shell tokens with backquotes (open, closed, escaped,
 * inside double quotes and `$( … )`) and the paths hunt 27 reads (directories, /dev/null) as
 * --block-device, --user-data and --file values, through findServerCreates: it must never throw.
 * Seeded. Usage: node --import tsx scripts/osc-hunt27-fuzz.ts [SEED] [COUNT]
 */
import { findServerCreates } from '../server/src/source/oscCli';
import { rng } from './prng.mjs';

const toks = ['`', '`', '\\`', '"', "'", '$(', ')', '(', '|', ';', '\n', ' ', '#', '\\', 'X=', 'echo', '<<EOF\n', 'EOF\n', '{', '}', 'if', 'then', 'fi', '&&',
  'openstack server create --flavor m1 --image cirros vm1', 'openstack server add volume s v', '--block-device', '--user-data', '--file', '/a=', '.', '..', '/', '/dev/null', '/dev/null/', '--swap'];
const r = rng(Number(process.argv[2] ?? 27));
const count = Number(process.argv[3] ?? 30000);
let found = 0;
for (let i = 0; i < count; i++) {
  let s = '';
  for (let k = Math.floor(r() * 40); k > 0; k--) s += toks[Math.floor(r() * toks.length)] + (r() < 0.5 ? ' ' : '');
  try {
    found += findServerCreates(s, 'shell').length;
  } catch (e) {
    console.log('THROW', JSON.stringify(s), e);
    process.exit(1);
  }
}
console.log(`${count} texts read, ${found} commands found, no throw`);
