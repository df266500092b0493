/**
 * Hunt 44: test/fixtures/heat-hunt44/labels.json from labelled cases of scripts/heat-hunt44-gen.ts
 * (its hand-written cases, all kept, and its templates of training seeds, labelled by hunt 41's
 * label41 and cached with `--cache=FILE`): a few of each kind hunt 44 fixed (a condition on a
 * get_param path that leads to no value, which Heat reads as ''; a yaql dict keyed by a number,
 * a bool or null), and a sample of the rest (stacks Heat makes, stacks it refuses). A case
 * compare42 disagrees on, or cannot compare, is left out and listed.
 *
 *     node --import tsx scripts/heat-hunt44-fixtures.ts HAND.json SEED.json...
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { compare42 } from './heat-hunt42-gen';
import type { Hunt41Case } from './heat-hunt41-gen';

/** the generator's condition on the second device name (past the end where one name is given) */
export const PATH_CONDITION = /^ {2}multi: \{not: \{equals: \[\{get_param: \[devs, 1\]\}, ""\]\}\}$/m;
/** the generator's yaql dicts keyed by a number, a bool or null */
export const SCALAR_KEYS = /dict\(\[\[(1|true|null|1\.5), |toDict\(\$, str\(\$\)\)|\[1, 2\]\]\)\]/;

if (require.main === module) {
  const files = process.argv.slice(2);
  const seen = new Set<string>();
  const all = files.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')) as Hunt41Case[]).filter((c) => !seen.has(c.id) && !!seen.add(c.id));
  const kept: Hunt41Case[] = [];
  const left: string[] = [];
  const quota = new Map<string, number>();
  const take = (c: Hunt41Case, kind: string, n: number): boolean => {
    const k = quota.get(kind) ?? 0;
    if (k >= n) return false;
    quota.set(kind, k + 1);
    kept.push(c);
    return true;
  };
  for (const c of all) {
    if (compare42(c).length) { left.push(c.id); continue; }
    if (c.id.includes('-hand-') || c.id === 'h44-4401-13') { kept.push(c); continue; }
    const sv = c.oracle.stack_validate ?? '';
    if (SCALAR_KEYS.test(c.template) && take(c, 'scalar-keys', 8)) continue;
    if (PATH_CONDITION.test(c.template) && /\n {2}devs:\n {4}type: comma_delimited_list\n {4}default: (vdb|"vdb"|'vdb')\n/.test(c.template) && !c.params?.devs && take(c, 'path-condition', 8)) continue;
    const n = Number(c.id.split('-').pop());
    if (sv === 'ok' && n % 3 === 0 && take(c, 'made', 12)) continue;
    if (sv !== 'ok' && n % 5 === 0) take(c, 'refused', 10);
  }
  const dir = join(__dirname, '..', 'test', 'fixtures', 'heat-hunt44');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(kept, null, 1) + '\n');
  console.log(`${kept.length} kept (${[...quota].map(([k, n]) => `${k} ${n}`).join(', ')}); left out: ${left.join(' ')}`);
}
