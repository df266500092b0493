/**
 * Hunt 42: test/fixtures/heat-hunt42/labels.json from labelled cases of scripts/heat-hunt42-gen.ts
 * (its hand-written cases, and its templates of training seeds, labelled by hunt 41's label41 and
 * cached with `--cache=FILE`): every hand-written case; of the generated ones, a few of each kind
 * hunt 42 fixed (a server, instance or attachment Heat never makes because Nova refuses one it
 * requires), a few where Nova refuses a server nothing requires, and a sample of the rest. A case
 * compare42 disagrees on, or cannot compare, is left out and listed.
 *
 *     node --import tsx scripts/heat-hunt42-fixtures.ts HAND.json SEED.json...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare42 } from './heat-hunt42-gen';
import type { Hunt41Case } from './heat-hunt41-gen';

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
  const ok = c.oracle.stack_validate === 'ok';
  const refused = new Set([
    ...Object.entries(c.oracle.nova ?? {}).filter(([, v]) => !v.valid).map(([n]) => n),
    ...Object.entries(c.attach ?? {}).filter(([, a]) => a.nova && !a.nova.valid).map(([n]) => n),
  ]);
  const requiresRefused = ok && Object.values(c.requires).some((r) => (r ?? []).some((x) => refused.has(x)));
  if (requiresRefused && take(c, 'not-made', 14)) continue;
  if (ok && refused.size && !requiresRefused && take(c, 'refused-alone', 4)) continue;
  if (Number(c.id.split('-').pop()) % 9 === 0) take(c, 'sample', 8);
}
writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt42', 'labels.json'), JSON.stringify(kept, null, 1) + '\n');
console.log(`${kept.length} kept (${[...quota].map(([k, n]) => `${k} ${n}`).join(', ')}); left out: ${left.join(' ')}`);
