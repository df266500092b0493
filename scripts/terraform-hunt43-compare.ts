/**
 * Hunt 43: compares bdm-lab's reading of scripts/terraform-hunt43-gen.ts's cases with the real
 * terraform's plan (scripts/terraform-hunt43-label.ts). When Terraform refuses the configuration,
 * bdm-lab agrees when its first refusal (BDM-TF-CONFIG or BDM-TF-SYNTAX) is one of Terraform's: the
 * same summary and detail, at the same place when Terraform's is in a slot. When Terraform plans it,
 * bdm-lab agrees when it refuses nothing and each slot's value in its request is the planned one
 * (a value the provider leaves out of the request, zero, empty or false, agrees with a planned zero,
 * empty, false or null; a delete_on_termination or iops planned null is the aws provider's default, not
 * compared). A case bdm-lab says it cannot tell (BDM-TF-UNKNOWN, no request) is counted as agreeing, and
 * counted apart. Terraform's words about its stand-ins are read as about the OpenStack resource.
 * What the labeller's layout changes (each case a child module, whose variables have their defaults
 * when Terraform validates it, where a root module's are unknown): a variable's failed validation rule,
 * or a refusal that needs a default, can come before a refusal bdm-lab gives as validate's (found with
 * variables unknown, as for a root module). Such disagreements are left in the figures.
 * `node --import tsx scripts/terraform-hunt43-compare.ts CASES.jsonl ORACLE.jsonl [--all]`
 */
import { readFileSync } from 'node:fs';
import { terraformSources } from '../server/src/source/terraform/index';
import { BD_TF, render43, type Case43 } from './terraform-hunt43-gen';
import type { Label43 } from './terraform-hunt43-label';
import { agrees } from './terraform-hunt40-compare';

/** bdm-lab's reading: its first refusal (`slot+off/len summary: detail`), or each block device's values */
export function ours43(c: Case43): { refusal: string; also: string[] } | { bds: Array<Record<string, unknown>>; unknown: string[] } {
  const { text, slots } = render43(c, 'bdm');
  const docs = terraformSources(text);
  const doc = docs.find((x) => x.t?.resource.labels[0]?.value === 'openstack_compute_instance_v2') ?? docs[0];
  const fs = doc?.findings.filter((x) => x.code === 'BDM-TF-CONFIG' || x.code === 'BDM-TF-SYNTAX') ?? [];
  const place = (f: (typeof fs)[number]) => {
    const s = slots.find((x) => f.span.offset >= x.at && f.span.offset <= x.at + x.expr.length);
    return `${s?.id ?? null}+${s ? f.span.offset - s.at : f.span.offset}/${f.span.length} ${String(f.args?.detail ?? '')}`;
  };
  if (fs.length) return { refusal: place(fs[0]), also: fs.slice(1).map(place) };
  if (!doc?.body && doc?.findings.some((x) => x.code === 'BDM-TF-UNKNOWN')) return { refusal: 'CANNOT TELL', also: [] };
  const body = doc?.body as { server?: { block_device_mapping_v2?: Array<Record<string, unknown>> } } | null;
  return { bds: body?.server?.block_device_mapping_v2 ?? [], unknown: doc?.findings.filter((x) => x.code === 'BDM-TF-UNRESOLVED').map((x) => String(x.args?.detail ?? '')) ?? [] };
}

/**
 * go-cty v1.16.0's MismatchMessage (Terraform v1.11.4's) says "X required" where v1.18.1's (the
 * Terraform bdm-lab follows, 883c7221) says "X required, but have Y": the same refusal
 */
const cty116 = (ours: string, theirs: string): string => (theirs.includes(', but have ') ? ours : ours.replace(/( required), but have [\w ]+?(?=[.:]|$)/g, '$1'));

/** Terraform's words about the stand-ins (aws_instance, its ebs_block_device arguments) as about the OpenStack resource */
const TF_BD = Object.fromEntries(Object.entries(BD_TF).map(([k, v]) => [v, k]));
const bdmWords = (w: string): string => w.replace(/\baws_instance\./g, 'openstack_compute_instance_v2.').replace(/attribute "(\w+)"/g, (m, a: string) => (TF_BD[a] && a !== 'volume_size' ? `attribute "${TF_BD[a]}"` : m));

const zero = (v: unknown) => v === 0 || v === '' || v === false || v === null || v === undefined;

/** whether they agree, and why not */
export function compare43(c: Case43, want: Label43, got: ReturnType<typeof ours43>): string | null {
  if ('diags' in want) {
    if ('refusal' in got && got.refusal === 'CANNOT TELL') return null;
    if (!('refusal' in got)) return `tf refuses (${want.diags.map((d) => `${d.slot}+${d.off}/${d.len} ${d.summary}: ${d.detail}`).join(' | ')}); bdm plans`;
    // Terraform stops after the errors of one phase (a constant's, found by validate, hides one that needs a variable's value): bdm-lab's first refusal, or one of its others, is one of them
    const ok = [got.refusal, ...got.also].some((r) => want.diags.some((d) => {
      const words = bdmWords(d.detail ? `${d.summary}: ${d.detail}` : d.summary);
      return d.slot ? agrees(cty116(r, words), `${d.slot}+${d.off}/${d.len} ${words}`) : cty116(r, words).endsWith(` ${words}`);
    }));
    return ok ? null : `tf: ${want.diags.map((d) => `${d.slot}+${d.off}/${d.len} ${d.summary}: ${d.detail}`).join(' | ')}\n  bdm: ${got.refusal}`;
  }
  if ('refusal' in got) return got.refusal === 'CANNOT TELL' ? null : `tf plans; bdm: ${got.refusal}`;
  const diffs: string[] = [];
  c.bds.forEach((bd, i) => {
    for (const k of Object.keys(bd)) {
      const theirs = want.bds[i]?.[BD_TF[k]];
      const ours = got.bds[i]?.[k];
      // a null delete_on_termination, or iops 0, is the aws provider's default (unknown until applied): not compared
      if ((k === 'delete_on_termination' || k === 'boot_index') && theirs === undefined) continue;
      if (JSON.stringify(theirs) === JSON.stringify(ours) || (ours === undefined && zero(theirs))) continue;
      diffs.push(`bd${i}.${k} = ${bd[k]}: tf ${JSON.stringify(theirs)}, bdm ${JSON.stringify(ours)}`);
    }
  });
  return diffs.length ? `${diffs.join('; ')}${got.unknown.length ? ` (bdm notes: ${got.unknown.join(' | ')})` : ''}` : null;
}

export const kind43 = (want: Label43, got: ReturnType<typeof ours43>): string =>
  `${'diags' in want ? want.diags.map((d) => d.summary).join('/') : 'plans'} <- ${'refusal' in got ? got.refusal.replace(/^\S+ /, '').replace(/:.*/s, '') : 'values'}`;

if (process.argv[1]?.endsWith('terraform-hunt43-compare.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case43);
  const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Label43);
  const all = process.argv.includes('--all');
  let agree = 0, shown = 0, cannot = 0;
  const kinds = new Map<string, number>();
  const bad: number[] = [];
  cases.forEach((c, i) => {
    let got: ReturnType<typeof ours43>;
    try { got = ours43(c); } catch (err) { got = { refusal: `THROW ${(err as Error).message}`, also: [] }; }
    if ('refusal' in got && got.refusal === 'CANNOT TELL') cannot++;
    const why = compare43(c, rows[i], got);
    if (!why) { agree++; return; }
    bad.push(i);
    const kind = kind43(rows[i], got);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (all || shown++ < 40) console.log(`DIFF case ${i}: ${why}`);
  });
  for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`${v}\t${k}`);
  console.log(`disagreeing cases: ${bad.join(' ')}`);
  console.log(`${agree}/${cases.length} cases agree (of them, bdm-lab cannot tell: ${cannot})`);
}
