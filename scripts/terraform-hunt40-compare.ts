/**
 * Hunt 40: compares bdm-lab's verdict on each resource of scripts/terraform-hunt40-gen.ts's cases
 * (render(c, 'bdm'), terraformSources) with the real terraform's diagnostics on the same
 * configuration (scripts/terraform-hunt40-label.ts). A resource's verdict: Terraform's first
 * diagnostic by position among the locals' slots and the resource's own, as `slot+offset/length
 * summary: detail` when it is a reference's refusal (REFERENCE_SUMMARIES), `other` when another
 * diagnostic comes first, `none` when there is none; bdm-lab's: the resource's refusal read the
 * same way. `other` and `none` agree (the instance is an aws_instance to terraform: its provider's
 * words are not the OpenStack provider's). A "Did you mean one of …" from bdm-lab (Terraform picks
 * one in Go's map order) agrees with any of the names it lists.
 * `node --import tsx scripts/terraform-hunt40-compare.ts CASES.jsonl ORACLE.jsonl [--all]`
 */
import { readFileSync } from 'node:fs';
import { terraformSources } from '../server/src/source/terraform/index';
import { render, type Case, type Slot } from './terraform-hunt40-gen';
import type { TfDiag } from './terraform-hunt40-label';

export const REFERENCE_SUMMARIES = new Set(['Invalid reference', 'Reserved symbol name', 'Reference to undeclared resource', 'Reference to undeclared module', 'Reference to undeclared local value',
  'Reference to undeclared input variable', 'Invalid "self" reference', 'Reference to "count" in non-counted context', 'each.value cannot be used in this context',
  'Reference to "each" in context without for_each', 'Invalid "count" attribute', 'Invalid "each" attribute', 'Invalid "path" attribute', 'Invalid "terraform" attribute',
  'Missing resource instance key', 'Unexpected resource instance key', 'Unknown variable', 'Self-referencing local value']);

type Owner = 'host' | 'attach';
const owners = (c: Case): Owner[] => (c.attach ? ['host', 'attach'] : ['host']);

/** Terraform's verdict on one resource */
export function theirs40(c: Case, diags: TfDiag[], owner: Owner): string {
  const { slots } = render(c, 'tf');
  const order = (id: string | null) => slots.findIndex((s) => s.id === id);
  const mine = diags.filter((d) => { const s = slots.find((x) => x.id === d.slot); return s && (s.owner === 'locals' || s.owner === owner); })
    .sort((x, y) => order(x.slot) - order(y.slot) || x.off - y.off || x.len - y.len);
  const d = mine[0];
  if (!d) return 'none';
  // a child module's address in Terraform's words (module.cN.local.x) is the root module's
  return REFERENCE_SUMMARIES.has(d.summary) ? `${d.slot}+${d.off}/${d.len} ${d.summary}: ${d.detail.replace(/\bmodule\.c\d+\./g, '')}` : 'other';
}

/** bdm-lab's verdict on one resource */
export function ours40(c: Case, owner: Owner): string {
  const { text, slots } = render(c, 'bdm');
  const docs = terraformSources(text);
  const type = owner === 'host' ? 'openstack_compute_instance_v2' : 'openstack_compute_volume_attach_v2';
  const doc = docs.find((x) => x.t?.resource.labels[0]?.value === type) ?? docs.find((x) => !x.t);
  const f = doc?.findings.find((x) => x.code === 'BDM-TF-CONFIG' || x.code === 'BDM-TF-SYNTAX');
  if (!f) return 'none';
  const message = String(f.args?.detail ?? '');
  const summary = message.slice(0, message.indexOf(': '));
  if (!REFERENCE_SUMMARIES.has(summary)) return 'other';
  const s: Slot | undefined = slots.find((x) => f.span.offset >= x.at && f.span.offset <= x.at + x.expr.length);
  return `${s?.id ?? null}+${s ? f.span.offset - s.at : f.span.offset}/${f.span.length} ${message}`;
}

/** whether two verdicts agree (see above) */
export function agrees(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  if ((ours === 'other' || ours === 'none') && (theirs === 'other' || theirs === 'none')) return true;
  const m = /^(.*) Did you mean one of (.*)\? \(Terraform names one, which varies from run to run\)$/.exec(ours);
  return !!m && [...m[2].matchAll(/"([^"]*)"/g)].some((x) => `${m[1]} Did you mean "${x[1]}"?` === theirs);
}

if (process.argv[1]?.endsWith('terraform-hunt40-compare.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case);
  const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TfDiag[]);
  const all = process.argv.includes('--all');
  let n = 0, agree = 0, shown = 0;
  const kinds = new Map<string, number>();
  cases.forEach((c, i) => {
    for (const o of owners(c)) {
      n++;
      let got: string;
      try { got = ours40(c, o); } catch (err) { got = `THROW ${(err as Error).message}`; }
      const want = theirs40(c, rows[i], o);
      if (agrees(got, want)) { agree++; continue; }
      const kind = `${want.replace(/^\S+ /, '').replace(/:.*/s, '')} <- ${got.replace(/^\S+ /, '').replace(/:.*/s, '')}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (all || shown++ < 30) console.log(`DIFF case ${i} ${o}\n  tf:  ${want}\n  bdm: ${got}`);
    }
  });
  for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`${v}\t${k}`);
  console.log(`${agree}/${n} resources agree`);
}
