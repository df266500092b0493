/**
 * Compares formConstraint (server/src/source/heat/formConstraints.ts) with Heat's own constraint
 * classes (scripts/heat-hunt25-direct.py) on seeded values near each form: timezone,
 * cron_expression, expiration, net_cidr, ip_or_cidr. Prints agree / note / differ per constraint.
 *
 *     node --import tsx scripts/heat-hunt25-direct.ts [SEED] [COUNT]
 */
import { execFileSync } from 'node:child_process';
import { formConstraint } from '../server/src/source/heat/formConstraints';
import { valuesFor } from './heat-hunt25-values';

const seed = Number(process.argv[2] ?? 25);
const count = Number(process.argv[3] ?? 400);
const pairs: Array<[string, string]> = [];
for (const name of ['timezone', 'cron_expression', 'expiration', 'net_cidr', 'ip_or_cidr']) for (const v of valuesFor(name, count, seed)) pairs.push([name, v]);
const heat = JSON.parse(execFileSync('/usr/bin/python3', [`${__dirname}/heat-hunt25-direct.py`], { input: JSON.stringify(pairs), maxBuffer: 1 << 28 }).toString()) as Array<string | null>;
const by = new Map<string, { agree: number; note: number; differ: number }>();
pairs.forEach(([name, v], k) => {
  const r = by.get(name) ?? { agree: 0, note: 0, differ: 0 };
  by.set(name, r);
  const mine = formConstraint(name, v);
  if (mine === undefined) r.note++;
  else if (mine === heat[k]) r.agree++;
  else { r.differ++; if (r.differ <= 12) console.log(`DIFFER ${name} ${JSON.stringify(v)}: bdm-lab ${JSON.stringify(mine)} heat ${JSON.stringify(heat[k])}`); }
});
for (const [k, r] of by) console.log(`${k.padEnd(16)} agree ${r.agree}  note ${r.note}  differ ${r.differ}`);
