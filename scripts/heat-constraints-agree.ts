/**
 * Agreement of bdm-lab with Heat 19.0.0's Stack.validate on the form custom constraints
 * (test/fixtures/heat-constraints/cases.json, labelled in oracle.json; see
 * scripts/heat-constraints-cases.py): per constraint, how many values bdm-lab answers as Heat does,
 * how many it leaves a note for, how many it answers otherwise.
 *
 *     node --import tsx scripts/heat-constraints-agree.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../server/src/source/heat';

export interface ConstraintCase { id: string; constraint: string; value: string; template: string; params?: Record<string, unknown> }

const DIR = join(__dirname, '..', 'test', 'fixtures', 'heat-constraints');
export const CASES = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as ConstraintCase[];
export const LABELS = JSON.parse(readFileSync(join(DIR, 'oracle.json'), 'utf8')) as Record<string, string>;

/** bdm-lab's answer: 'ok', Heat's words of the refusal, or 'note' when it leaves the check out */
export function answer(c: ConstraintCase): string {
  const d = heatSources(c.template, { params: c.params })[0];
  if (d.translation.error) return d.translation.error.message;
  return d.translation.notes.some((n) => /custom_constraint/.test(n.message)) ? 'note' : 'ok';
}

export const want = (c: ConstraintCase): string => LABELS[c.id].replace(/^[A-Za-z]+: /, '');

if (require.main === module) {
  const by = new Map<string, { agree: number; note: number; differ: number }>();
  for (const c of CASES) {
    const r = by.get(c.constraint) ?? { agree: 0, note: 0, differ: 0 };
    by.set(c.constraint, r);
    const a = answer(c);
    if (a === 'note') r.note++;
    else if (a === want(c)) r.agree++;
    else { r.differ++; console.log(`DIFFER ${c.id} ${JSON.stringify(c.value)}: bdm-lab ${JSON.stringify(a)} heat ${JSON.stringify(want(c))}`); }
  }
  let t = { agree: 0, note: 0, differ: 0 };
  for (const [k, r] of by) {
    console.log(`${k.padEnd(16)} agree ${r.agree}  note ${r.note}  differ ${r.differ}`);
    t = { agree: t.agree + r.agree, note: t.note + r.note, differ: t.differ + r.differ };
  }
  console.log(`total ${CASES.length}: agree ${t.agree}  note ${t.note}  differ ${t.differ}`);
}
