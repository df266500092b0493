/**
 * Hunt 32's arithmetic check: random `$((…))` expressions (bases, octal, wrap-around, `**`, shifts,
 * `?:`, `&&`/`||` with a branch bash does not take, variables whose values are expressions) through
 * server/src/source/oscCli/arith.ts against bash 5.2's own `echo $((…))` (`env -i bash --norc
 * --noprofile -c`, each in a subshell: its value, or ERR when bash refuses it). bdm-lab's answer
 * counts as agreeing when it is the same value, or a refusal (fatal) where bash refused; an
 * expression it does not read (not told) is counted apart.
 * Usage: node --import tsx scripts/osc-hunt32-arith-fuzz.ts SEED N
 */
import { evalArith } from '../server/src/source/oscCli/arith';
import { spawnSync } from 'node:child_process';
import { rng } from './prng.mjs';
const rand = rng(Number(process.argv[2] ?? 7));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const atoms = ['1', '2', '0', '7', '-3', '010', '0x10', '16#ff', '2#11', 'N', 'R', 'nope', '3', '08', '64#@', '0X1f', 'A', '9223372036854775807', '63', '64', 'B'];
const ops = ['+', '-', '*', '/', '%', '**', '<<', '>>', '<', '>', '<=', '>=', '==', '!=', '&', '|', '^', '&&', '||', ','];
function ar(d = 0): string {
  const r = rand();
  if (d > 3 || r < 0.3) return pick(atoms);
  if (r < 0.7) return `${ar(d + 1)}${pick(['', ' '])}${pick(ops)}${pick(['', ' '])}${ar(d + 1)}`;
  if (r < 0.78) return `(${ar(d + 1)})`;
  if (r < 0.86) return `${pick(['-', '!', '~', '+', '- '])}${ar(d + 1)}`;
  return `${ar(d + 1)}?${ar(d + 1)}:${ar(d + 1)}`;
}
const env: Record<string, string> = { N: '5', R: 'N', A: 'N*2', B: '' };
const exprs = Array.from({ length: Number(process.argv[3] ?? 2000) }, () => ar());
const out: string[] = [];
for (let b = 0; b < exprs.length; b += 300) {
  const script = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join('\n') + '\n' + exprs.slice(b, b + 300).map((e) => `( echo "R:$((${e}))" ) 2>/dev/null || echo ERR`).join('\n');
  out.push(...spawnSync('env', ['-i', 'bash', '--norc', '--noprofile', '-c', script], { encoding: 'utf8' }).stdout.trim().split('\n'));
}
let agree = 0;
let unk = 0;
let bad = 0;
exprs.forEach((e, k) => {
  const r = evalArith(e, { get: (n) => env[n] ?? null, why: () => '', nounset: false }, { n: 1e6 });
  const want = out[k];
  const got = typeof r === 'bigint' ? `R:${r}` : r.fatal ? 'ERR' : null;
  if (got === null) unk++;
  else if (got === want) agree++;
  else { bad++; if (bad < 15) console.log(JSON.stringify(e), 'bash', want, 'ours', got, typeof r === 'bigint' ? '' : r.why); }
});
console.log({ agree, unk, bad });
process.exitCode = bad ? 1 : 0;
