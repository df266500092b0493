/**
 * Differential check of what the preview says about accepted server bodies: Nova's libvirt
 * device names (request entries and the flavor's implicit disks), root device name and boot
 * order, from Nova's own code (the oracle) against bdm-lab's `xml --format json` data.
 *   node --import tsx scripts/difftest-names.ts [--count N] [--seed S[,S...]] [--ops | --wild] [--release R]
 * (`--ops`: bodies and libvirt contexts from scripts/difftest-ops.ts; `--wild`: scripts/difftest-wild.ts;
 * `--release R`: bdm-lab's context names that Nova release, e.g. 26.2.2 or modern: the oracle runs
 * master's blockinfo on 26.2.2, so the names must not change with a release of the same naming)
 * Prints a closing line "N passed, N failed" (failed = accepted bodies whose names differ).
 */
import { generateCases } from './difftest-gen';
import { generateOpsCases } from './difftest-ops';
import { generateWildCases } from './difftest-wild';
import { runOracle } from './difftest-lib';
import { analyzeJson } from '../server/src/analyze';
import { previewOf } from '../server/src/features/preview';
import { nodeHashes } from '../server/src/host';
import { mergeContext } from '../server/src/model/contextLoad';

const arg = (n: string, d: number) => {
  const i = process.argv.indexOf(n);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const count = arg('--count', 600);
const seedArg = process.argv.indexOf('--seed');
const seeds = seedArg >= 0 ? String(process.argv[seedArg + 1]).split(',').map(Number) : [5];
const releaseArg = process.argv.indexOf('--release');
const release = releaseArg >= 0 ? process.argv[releaseArg + 1] : undefined;
const ops = process.argv.includes('--ops');
const wild = process.argv.includes('--wild');
// (several seeds: each seed's ids carry it)
const tag = (p: string, seed: number) => (seeds.length > 1 ? `${p}${seed}-` : p);
const cases = seeds.flatMap((seed) => (ops ? generateOpsCases(seed, count, tag('no', seed)) : wild ? generateWildCases(seed, count, tag('nw', seed)) : generateCases(seed, count, tag('n', seed)))).filter((c) => c.kind === 'server');
const oracle = runOracle(cases);
let pass = 0;
let fail = 0;
const shown: string[] = [];
for (const c of cases) {
  const o = oracle.get(c.id) as unknown as { valid: boolean; libvirt?: { device_names?: string[]; implicit_device_names?: string[]; root_device_name?: string; boot_dev_order?: string[]; build_error?: string } } | undefined;
  if (!o || !o.valid || !o.libvirt || o.libvirt.build_error) continue;
  const ctx = mergeContext([{ source: 'cli', context: { ...(c.context as object), ...(release !== undefined ? { nova_release: release } : {}) } as never }]).context;
  const a = analyzeJson(c.payloadText, ctx);
  if (!a.valid) continue; // verdict disagreements are the main difftest's business
  const p = previewOf(a, ctx, null, nodeHashes);
  const ours = { names: p.entries.map((e) => e.deviceName), implicit: p.implicit.map((e) => e.deviceName), root: p.rootDeviceName, boot: p.bootDevOrder };
  const theirs = { names: o.libvirt.device_names ?? [], implicit: o.libvirt.implicit_device_names ?? [], root: o.libvirt.root_device_name ?? null, boot: o.libvirt.boot_dev_order ?? [] };
  const same = JSON.stringify(ours.names) === JSON.stringify(theirs.names) && JSON.stringify(ours.implicit) === JSON.stringify(theirs.implicit) && JSON.stringify(ours.root) === JSON.stringify(theirs.root) && JSON.stringify(ours.boot) === JSON.stringify(theirs.boot);
  if (same) pass++;
  else {
    fail++;
    if (shown.length < 8) shown.push(`${c.id}: nova ${JSON.stringify(theirs)} bdm-lab ${JSON.stringify(ours)}\n  ${c.payloadText.replace(/\s+/g, ' ').slice(0, 400)}\n  ctx ${JSON.stringify(c.context)}`);
  }
}
for (const s of shown) console.log(s);
console.log(`${pass} passed, ${fail} failed`);
process.exitCode = fail ? 1 : 0;
