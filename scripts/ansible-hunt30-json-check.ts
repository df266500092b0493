/** hunt30: bdm-lab's json.loads (pyextra.ts jsonLoads) against CPython's, cases from scripts/ansible-hunt30-json-cases.py. Usage: node --import tsx scripts/ansible-hunt30-json-check.ts json.json */
import { readFileSync } from 'node:fs';
import { jsonLoads } from '../server/src/source/ansible/pyextra';
import { PyError, Unresolved } from '../server/src/source/ansible/pyvalue';

const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Array<[string, string]>;
let ok = 0, un = 0, bad = 0, values = 0;
for (const [s, want] of cases) {
  let got: string;
  try { jsonLoads(s, { left: 1e6 }); got = 'value'; }
  catch (e) { if (e instanceof Unresolved) { un++; continue; } if (e instanceof PyError) got = `${e.cls.replace(/^json\.decoder\./, '')}: ${e.message}`; else throw e; }
  if (got === 'value') { if (!want.startsWith('JSONDecodeError: ')) { ok++; values++; continue; } }
  if (got === want) ok++; else { bad++; if (bad < 15) console.log(JSON.stringify(s), 'got', got, 'want', want); }
}
console.log(ok, 'ok', `(${values} values)`, un, 'unresolved', bad, 'bad of', cases.length);
process.exitCode = bad ? 1 : 0;
