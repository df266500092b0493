/**
 * Hunt 40: test/fixtures/heat-hunt40/attach-labels.json from labelled cases of
 * scripts/heat-hunt40-attach.ts (its hand-written cases, and its templates of seeds 4003-4005,
 * labelled by label40 and cached with `--cache=FILE`): every hand-written case; of the generated
 * ones, those that hold what hunt 40 added (an AWS::EC2::Instance Heat validates or makes, a
 * refusal of AWS::EC2::VolumeAttachment, AWS::EC2::Volume or AWS::EC2::Instance, a reference
 * that is a number, an AWS attachment sent, yaql's mergeWith or lastIndexOf), a few of each, and a
 * sample of the rest. A case compare40 disagrees on is left out and listed (the heat-oracle's
 * post-creation validation holds no attribute names, and an all-attributes get_attr gives {}
 * there: see the report).
 *
 *     node --import tsx scripts/heat-hunt40-fixtures.ts HAND.json SEED.json...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare40, type Attach40Case } from './heat-hunt40-attach';

const [hand, ...rest] = process.argv.slice(2);
// (each id once: the hand-written cases as HAND.json labels them)
const seen = new Set<string>();
const all = [hand, ...rest].flatMap((f) => JSON.parse(readFileSync(f, 'utf8')) as Attach40Case[]).filter((c) => !seen.has(c.id) && !!seen.add(c.id));
const kept: Attach40Case[] = [];
const left: string[] = [];
const quota = new Map<string, number>();
const take = (c: Attach40Case, kind: string, n: number): boolean => {
  const k = quota.get(kind) ?? 0;
  if (k >= n) return false;
  quota.set(kind, k + 1);
  kept.push(c);
  return true;
};
const refusal = (c: Attach40Case) => c.oracle.stack_validate ?? '';
for (const c of all) {
  if (compare40(c).length) { left.push(c.id); continue; }
  if (c.id.includes('-hand-')) { kept.push(c); continue; }
  const insts = Object.values(c.instances ?? {}).filter((i) => i.type);
  const r = refusal(c);
  if (r === 'ok' && insts.some((i) => i.stage === 'sent' && i.attach?.length) && take(c, 'instance-sent', 10)) continue;
  if (r === 'ok' && insts.some((i) => i.stage === 'novaclient') && take(c, 'instance-nics', 4)) continue;
  const m = /does not match pattern|not implemented yet|Ebs is missing|SnapshotId is missing|Cannot define|AvailabilityZone|Size|Device not assigned|InstanceId not assigned|specified reference "\d/.exec(r);
  if (m && take(c, m[0], 2)) continue;
  if (r === 'ok' && Object.values(c.attach).some((a) => a.type === 'AWS::EC2::VolumeAttachment' && a.stage === 'sent') && take(c, 'aws-sent', 6)) continue;
  if (/mergeWith|lastIndexOf/.test(c.template) && r === 'ok' && take(c, 'yaql', 4)) continue;
  if (Number(c.id.split('-').pop()) % 9 === 0) take(c, 'sample', 8);
}
writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt40', 'attach-labels.json'), JSON.stringify(kept, null, 1) + '\n');
console.log(`${kept.length} kept (${[...quota].map(([k, n]) => `${k} ${n}`).join(', ')}); left out: ${left.join(' ')}`);
