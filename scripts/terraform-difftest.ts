/**
 * Differential test of the Terraform source: generated openstack_compute_instance_v2
 * configurations (test/fixtures/terraform/generate.ts), each translated by bdm-lab and by the
 * model of the provider's code, compared field by field (the refusal's words, or the body and the
 * microversion); then Nova's verdict on every body sent, bdm-lab's against the nova-oracle's
 * (shared/tools/nova-oracle, run on this machine).
 * Usage: node --import tsx scripts/terraform-difftest.ts [N] [SEED] [--wide] [--write]
 * --wide draws the wider configurations (generateWide: every block_device field, networks,
 * power_state, availability zones, hypervisor_hostname, personality, values from variables and
 * locals) and judges them with expectedWide; with --write they go to generated-wide.json.
 * --write stores the cases with the model's outcome and Nova's verdict in
 * test/fixtures/terraform/generated.json, which test/unit/terraform-gen.test.ts replays without
 * the oracle.
 */
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { terraformSources } from '../server/src/source/terraform';
import { analyzeSource } from '../server/src/analyze';
import { defaultContext } from '../server/src/model/context';
import { expected, expectedWide, generate, generateWide, render, renderWide, rng } from '../test/fixtures/terraform/generate';

const ROOT = resolve(__dirname, '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const N = Number(args[0] ?? 300);
const SEED = Number(args[1] ?? 19);
const FLAVOR = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };
const WIDE = process.argv.includes('--wide');
const r = rng(SEED);
const cases = Array.from({ length: N }, (_, i) => {
  if (WIDE) { const spec = generateWide(r); return { id: `wide-${SEED}-${i}`, tf: renderWide(spec, r), outcome: expectedWide(spec) }; }
  const spec = generate(r);
  return { id: `gen-${SEED}-${i}`, tf: render(spec), outcome: expected(spec) };
});

let bad = 0;
for (const c of cases) {
  const d = terraformSources(c.tf)[0];
  const o = c.outcome;
  const diffs: string[] = [];
  if ('error' in o) {
    const f = d.findings[0];
    if (d.body !== null || f?.code !== o.code || f?.args?.detail !== o.error) diffs.push(`refusal ${f?.code} ${JSON.stringify(f?.args?.detail)} != ${o.code} ${JSON.stringify(o.error)}`);
  } else {
    if (!isDeepStrictEqual(d.body, o.body)) diffs.push(`body ${JSON.stringify(d.body)} != ${JSON.stringify(o.body)}`);
    if (d.microversion !== o.microversion) diffs.push(`microversion ${d.microversion} != ${o.microversion}`);
  }
  if (diffs.length) { bad++; console.log(`${c.id}:\n${c.tf}  ${diffs.join('\n  ')}`); }
}
console.log(`translation: ${N - bad}/${N} agree with the provider's model`);

// Nova's verdict on the bodies sent
const sent = cases.filter((c) => 'body' in c.outcome);
const tmp = `/tmp/bdm-lab-tf-gen-${process.pid}.json`;
writeFileSync(tmp, JSON.stringify(sent.map((c) => ({ id: c.id, payload: (c.outcome as { body: unknown }).body, context: { flavor: FLAVOR, microversion: (c.outcome as { microversion: string }).microversion } }))));
const out = execFileSync('/usr/bin/python3', [join(ROOT, '..', 'shared', 'tools', 'nova-oracle', 'oracle.py'), tmp], { encoding: 'utf8', maxBuffer: 1 << 28 });
const nova = new Map<string, { valid: boolean; http_status: number; message?: string }>();
for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
  const x = JSON.parse(line) as { id: string; valid: boolean; http_status: number; nova_message?: string };
  nova.set(x.id, { valid: x.valid, http_status: x.http_status, ...(x.valid ? {} : { message: x.nova_message }) });
}
let novaBad = 0;
for (const c of sent) {
  const label = nova.get(c.id)!;
  const a = analyzeSource(terraformSources(c.tf)[0], { ...defaultContext(), flavor: FLAVOR });
  if (a.valid !== label.valid || (!label.valid && a.verdict?.message !== label.message)) {
    novaBad++;
    console.log(`${c.id}: Nova ${label.valid ? 'valid' : `${label.http_status} ${label.message}`}; bdm-lab ${a.valid ? 'valid' : `${a.verdict?.code} ${a.verdict?.message}`}\n${c.tf}`);
  }
}
console.log(`Nova's verdict: ${sent.length - novaBad}/${sent.length} sent bodies agree with the nova-oracle`);
if (process.argv.includes('--write')) {
  writeFileSync(join(ROOT, 'test', 'fixtures', 'terraform', WIDE ? 'generated-wide.json' : 'generated.json'), JSON.stringify(cases.map((c) => ({ ...c, nova: nova.get(c.id) ?? null })), null, 1) + '\n');
}
process.exitCode = bad || novaBad ? 1 : 0;
