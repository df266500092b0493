/**
 * Hunt 43: test/fixtures/heat-hunt43/labels.json from labelled cases of scripts/heat-hunt43-gen.ts
 * (its hand-written cases, all kept, and its templates of training seeds, labelled by hunt 41's label41 and cached with `--cache=FILE`): a
 * few of each kind hunt 43 fixed (a function whose arguments Heat refuses as it parses the
 * resource definitions, whatever the resource's condition, before any name or reference is
 * checked; a yaql dict with a collection as a key, which Heat's output conversion refuses), and a
 * sample of the rest (stacks Heat makes, stacks it refuses). A case compare42 disagrees on, or
 * cannot compare, is left out and listed.
 *
 *     node --import tsx scripts/heat-hunt43-fixtures.ts HAND.json SEED.json...
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { compare42 } from './heat-hunt42-gen';
import type { Hunt41Case } from './heat-hunt41-gen';

/** Heat's refusals of a function's arguments as it parses the template (Repeat, Join, StrSplit, Replace ... __init__) */
export const PARSED = /^StackValidationFailed: resources\.\S+\.(repeat|list_join|str_split|str_replace\w*|yaql|filter|contains): /;
/** yaql's result Heat cannot convert: a dict with a collection as a key */
export const UNHASHABLE = /^StackValidationFailed: Property error: \S+: unhashable type: /;

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
    if (c.id.includes('-hand-')) { kept.push(c); continue; }
    const sv = c.oracle.stack_validate ?? '';
    if (PARSED.test(sv) && take(c, 'parsed', 10)) continue;
    if (UNHASHABLE.test(sv) && take(c, 'unhashable', 4)) continue;
    const n = Number(c.id.split('-').pop());
    if (sv === 'ok' && n % 3 === 0 && take(c, 'made', 10)) continue;
    if (sv !== 'ok' && n % 11 === 0) take(c, 'refused', 8);
  }
  const dir = join(__dirname, '..', 'test', 'fixtures', 'heat-hunt43');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(kept, null, 1) + '\n');
  console.log(`${kept.length} kept (${[...quota].map(([k, n]) => `${k} ${n}`).join(', ')}); left out: ${left.join(' ')}`);
}
