/**
 * Hunt 25's smoke fuzzer: random texts made of the shell tokens hunt 25 reads (groups, `if`s,
 * constant conditions, `case`, `$(`, quotes, here-documents, `sudo --preserve-env=BASH_FUNC_f%%`)
 * through findServerCreates: it must never throw. Seeded.
 * Usage: node --import tsx scripts/osc-hunt25-fuzz.ts [SEED] [COUNT]
 */
import { findServerCreates } from '../server/src/source/oscCli';
import { rng } from './prng.mjs';

const toks = ['(', ')', '{', '}', 'if', 'then', 'else', 'elif', 'fi', 'true', 'false', ':', '!', '&&', '||', '|', ';', '\n', ' ', 'f', 'f()', 'V=1', 'export -f f', 'sudo --preserve-env=BASH_FUNC_f%%', 'bash -c', "'", '"', '$(', '<<EOF\n', 'EOF\n', 'openstack server create --flavor m1 --image c vm', 'case x in', 'x)', ';;', 'esac', 'while', 'do', 'done', '\\', "$'", 'eval', 'function', '#'];
const r = rng(Number(process.argv[2] ?? 7));
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
