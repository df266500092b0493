/**
 * Hunt 41: compares bdm-lab's verdict on each resource of scripts/terraform-hunt41-gen.ts's cases
 * with the real terraform's (scripts/terraform-hunt41-label.ts), read as hunt 40 reads them
 * (scripts/terraform-hunt40-compare.ts), with two more things: a validate that fails on an output
 * or another resource sends no request, so their slots count with the locals' and the resource's
 * own (first by position); a cycle comes before everything, and is compared by its members (its
 * order varies from run to run, and it has no place).
 * `node --import tsx scripts/terraform-hunt41-compare.ts CASES.jsonl ORACLE.jsonl [--all]`
 */
import { readFileSync } from 'node:fs';
import { terraformSources } from '../server/src/source/terraform/index';
import { agrees, REFERENCE_SUMMARIES } from './terraform-hunt40-compare';
import type { TfDiag } from './terraform-hunt40-label';
import { render41, type Case41 } from './terraform-hunt41-gen';

type Owner = 'host' | 'attach';
const owners = (c: Case41): Owner[] => (c.attach ? ['host', 'attach'] : ['host']);
/** a cycle's members, in one order */
const members = (summary: string) => `Cycle: {${summary.replace(/^Cycle: /, '').replace(/ \(Terraform starts.*$/, '').split(', ').sort().join(', ')}}`;

/** Terraform's verdicts on one resource (more than one: each cycle it reports) */
export function theirs41(c: Case41, diags: TfDiag[], owner: Owner): string[] {
  const cycles = diags.filter((d) => d.summary.startsWith('Cycle: '));
  if (cycles.length) return cycles.map((d) => members(d.summary));
  const { slots } = render41(c, 'tf');
  const order = (id: string | null) => slots.findIndex((s) => s.id === id);
  const mine = diags.filter((d) => { const s = slots.find((x) => x.id === d.slot); return s && (s.owner === 'locals' || s.owner === owner || s.owner === 'other'); })
    .sort((x, y) => order(x.slot) - order(y.slot) || x.off - y.off || x.len - y.len);
  const d = mine[0];
  if (!d) return ['none'];
  return [REFERENCE_SUMMARIES.has(d.summary) ? `${d.slot}+${d.off}/${d.len} ${d.summary}: ${d.detail.replace(/\bmodule\.c\d+\./g, '')}` : 'other'];
}

/** bdm-lab's verdict on one resource */
export function ours41(c: Case41, owner: Owner): string {
  const { text, slots } = render41(c, 'bdm');
  const docs = terraformSources(text);
  const type = owner === 'host' ? 'openstack_compute_instance_v2' : 'openstack_compute_volume_attach_v2';
  const doc = docs.find((x) => x.t?.resource.labels[0]?.value === type) ?? docs.find((x) => !x.t);
  const f = doc?.findings.find((x) => x.code === 'BDM-TF-CONFIG' || x.code === 'BDM-TF-SYNTAX');
  if (!f) return 'none';
  const message = String(f.args?.detail ?? '');
  if (message.startsWith('Cycle: ')) return members(message);
  const summary = message.slice(0, message.indexOf(': '));
  if (!REFERENCE_SUMMARIES.has(summary)) return 'other';
  const s = slots.find((x) => f.span.offset >= x.at && f.span.offset <= x.at + x.expr.length);
  return `${s?.id ?? null}+${s ? f.span.offset - s.at : f.span.offset}/${f.span.length} ${message}`;
}

if (process.argv[1]?.endsWith('terraform-hunt41-compare.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case41);
  const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TfDiag[]);
  const all = process.argv.includes('--all');
  let n = 0, agree = 0, shown = 0;
  const kinds = new Map<string, number>();
  cases.forEach((c, i) => {
    for (const o of owners(c)) {
      n++;
      let got: string;
      try { got = ours41(c, o); } catch (err) { got = `THROW ${(err as Error).message}`; }
      const want = theirs41(c, rows[i], o);
      if (want.some((w) => agrees(got, w))) { agree++; continue; }
      const kind = `${want[0].replace(/^\S+ /, '').replace(/:.*/s, '')} <- ${got.replace(/^\S+ /, '').replace(/:.*/s, '')}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (all || shown++ < 30) console.log(`DIFF case ${i} ${o}\n  tf:  ${want.join(' | ')}\n  bdm: ${got}`);
    }
  });
  for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`${v}\t${k}`);
  console.log(`${agree}/${n} resources agree`);
}
