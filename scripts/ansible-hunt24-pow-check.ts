/** hunt24: bdm-lab's float powers (pyextra.ts pyPow) against CPython's, cases from scripts/ansible-hunt24-pow-cases.py. Usage: node --import tsx scripts/ansible-hunt24-pow-check.ts pow.json */
import { readFileSync } from 'node:fs';
import { pyPow } from '../server/src/source/ansible/pyextra';
import { PyFloat } from '../server/src/source/ansible/tasks';
import { pyFloat } from '../server/src/parse/pyrepr';
import { PyError, Unresolved } from '../server/src/source/ansible/pyvalue';
const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Array<[string, string, string]>;
let ok = 0, un = 0, bad = 0;
for (const [xs, ys, want] of cases) {
  const x = new PyFloat(Number(xs));
  const y = ys.includes('.') ? new PyFloat(Number(ys)) : Number(ys);
  let got: string;
  try { const v = pyPow(x, y); got = v instanceof PyFloat ? pyFloat(v.value) : String(v); }
  catch (e) { if (e instanceof Unresolved) { un++; continue; } if (e instanceof PyError) got = `${e.cls}: ${e.message}`; else throw e; }
  if (got === want) ok++; else { bad++; if (bad < 10) console.log(xs, ys, 'got', got, 'want', want); }
}
console.log(ok, 'ok', un, 'unresolved', bad, 'bad of', cases.length);
process.exitCode = bad ? 1 : 0;
