/**
 * hunt30 helper: bdm-lab's reading of module_defaults keys (moduleDefaults.ts defaultsKey) beside
 * ansible-core's, as scripts/ansible-hunt30-keys.py prints a Play.load of each key (lines `KEY OK` or `KEY <error class> <words>`).
 * A note (bdm-lab does not resolve the name) agrees with either; `XX` marks a difference.
 * Usage: node --import tsx scripts/ansible-hunt30-keys.ts ANSWERS.txt
 */
import { readFileSync } from 'node:fs';
import { defaultsKey } from '../server/src/source/ansible/moduleDefaults';

let bad = 0;
for (const l of readFileSync(process.argv[2]!, 'utf8').trim().split('\n')) {
  const [k, ...rest] = l.split(' ');
  const real = rest.join(' ');
  const r = defaultsKey(k!);
  const mine = 'refused' in r ? `REFUSED ${r.refused}` : 'unknown' in r ? 'UNKNOWN' : 'OK';
  const want = real === 'OK' ? 'OK' : real.startsWith('AnsibleParserError ') ? `REFUSED ${real.slice('AnsibleParserError '.length)}` : `OTHER ${real}`;
  const ok = mine === want || mine === 'UNKNOWN';
  if (!ok) bad++;
  console.log(ok ? '  ' : 'XX', k, '|', mine, '|', want.slice(0, 100));
}
console.log(bad, 'differ');
