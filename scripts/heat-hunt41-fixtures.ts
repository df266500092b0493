/**
 * Hunt 41: test/fixtures/heat-hunt41/labels.json from labelled cases of scripts/heat-hunt41-gen.ts
 * (its hand-written cases, and its templates of training seeds, labelled by label41 and cached
 * with `--cache=FILE`): every hand-written case; of the generated ones, a few of each kind hunt 41
 * fixed (a server, instance or attachment Heat never makes because one it requires fails; a
 * volume attribute the template decides; a get_attr of every attribute), and a sample of the
 * rest. A case compare41 disagrees on, or cannot compare, is left out and listed.
 *
 *     node --import tsx scripts/heat-hunt41-fixtures.ts HAND.json SEED.json...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare41, type Hunt41Case } from './heat-hunt41-gen';

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
  if (compare41(c).length) { left.push(c.id); continue; }
  if (c.id.includes('-hand-')) { kept.push(c); continue; }
  const failed = new Set([...Object.entries(c.oracle.servers).filter(([, s]) => s.stage !== 'sent' && !(s.stage === 'heat-validate')).map(([n]) => n), ...Object.entries(c.instances ?? {}).filter(([, i]) => i.type && i.stage !== 'sent').map(([n]) => n)]);
  const notMade = c.oracle.stack_validate === 'ok' && Object.values(c.requires).some((r) => (r ?? []).some((x) => failed.has(x)));
  if (notMade && take(c, 'not-made', 12)) continue;
  const decided = Object.values(c.attrs).some((a) => Object.values(a).some((v) => v === null || typeof v !== 'object'));
  if (decided && c.oracle.stack_validate === 'ok' && take(c, 'attribute', 10)) continue;
  if (/\{get_attr: \[vol\d?\]\}/.test(c.template) && take(c, 'every-attribute', 5)) continue;
  if (Number(c.id.split('-').pop()) % 7 === 0) take(c, 'sample', 8);
}
writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt41', 'labels.json'), JSON.stringify(kept, null, 1) + '\n');
console.log(`${kept.length} kept (${[...quota].map(([k, n]) => `${k} ${n}`).join(', ')}); left out: ${left.join(' ')}`);
