/**
 * Hunt 42: compares bdm-lab's verdict on each resource of scripts/terraform-hunt42-gen.ts's cases
 * with the real terraform's (scripts/terraform-hunt42-label.ts), as hunt 41 does
 * (scripts/terraform-hunt41-compare.ts), but with every cycle: Terraform reports each one, so the
 * resource agrees when bdm-lab's cycles (each BDM-TF-CONFIG finding that starts "Cycle: ") are
 * Terraform's, compared by their members. A module call's own nodes, which come from the module's
 * source (`module.M (close)`, `module.M.output.X`, `module.M.var.X`), may be in Terraform's list and
 * not in bdm-lab's when bdm-lab names `module.M (expand)`.
 * `node --import tsx scripts/terraform-hunt42-compare.ts CASES.jsonl ORACLE.jsonl [--all]`
 */
import { readFileSync } from 'node:fs';
import { terraformSources } from '../server/src/source/terraform/index';
import { agrees, REFERENCE_SUMMARIES } from './terraform-hunt40-compare';
import type { TfDiag } from './terraform-hunt40-label';
import { render42, type Case42 } from './terraform-hunt42-gen';

type Owner = 'host' | 'attach';
const owners = (c: Case42): Owner[] => (c.attach ? ['host', 'attach'] : ['host']);
const members = (summary: string) => summary.replace(/^Cycle: /, '').replace(/ \(Terraform starts.*$/s, '').split(', ').sort();

/** whether bdm-lab's cycle (its members) is Terraform's */
function sameCycle(ours: string[], theirs: string[]): boolean {
  const mods = new Set(ours.map((m) => /^module\.([\w-]+) \(expand\)$/.exec(m)?.[1]).filter(Boolean));
  const own = (m: string) => { const x = /^module\.([\w-]+)(?: \(close\)|\.(?:output|var)\.[\w-]+ \(expand\))$/.exec(m); return !!x && mods.has(x[1]); };
  return ours.every((m) => theirs.includes(m)) && theirs.every((m) => ours.includes(m) || own(m));
}

/** Terraform's verdict on one resource: its cycles, or its first reference refusal as hunt 41 reads it */
export function theirs42(c: Case42, diags: TfDiag[], owner: Owner): { cycles: string[][] } | { first: string } {
  const cycles = diags.filter((d) => d.summary.startsWith('Cycle: '));
  if (cycles.length) return { cycles: cycles.map((d) => members(d.summary)) };
  const { slots } = render42(c, 'tf');
  const order = (id: string | null) => slots.findIndex((s) => s.id === id);
  const mine = diags.filter((d) => { const s = slots.find((x) => x.id === d.slot); return s && (s.owner === 'locals' || s.owner === owner || s.owner === 'other'); })
    .sort((x, y) => order(x.slot) - order(y.slot) || x.off - y.off || x.len - y.len);
  const d = mine[0];
  if (!d) return { first: 'none' };
  return { first: REFERENCE_SUMMARIES.has(d.summary) ? `${d.slot}+${d.off}/${d.len} ${d.summary}: ${d.detail.replace(/\bmodule\.c\d+\./g, '')}` : 'other' };
}

/** bdm-lab's verdict on one resource */
export function ours42(c: Case42, owner: Owner): { cycles: string[][] } | { first: string } {
  const { text, slots } = render42(c, 'bdm');
  const docs = terraformSources(text);
  const type = owner === 'host' ? 'openstack_compute_instance_v2' : 'openstack_compute_volume_attach_v2';
  const doc = docs.find((x) => x.t?.resource.labels[0]?.value === type) ?? docs.find((x) => !x.t);
  const fs = doc?.findings.filter((x) => x.code === 'BDM-TF-CONFIG' || x.code === 'BDM-TF-SYNTAX') ?? [];
  const cycles = fs.map((f) => String(f.args?.detail ?? '')).filter((m) => m.startsWith('Cycle: '));
  if (cycles.length) return { cycles: cycles.map(members) };
  const f = fs[0];
  if (!f) return { first: 'none' };
  const message = String(f.args?.detail ?? '');
  const summary = message.slice(0, message.indexOf(': '));
  if (!REFERENCE_SUMMARIES.has(summary)) return { first: 'other' };
  const s = slots.find((x) => f.span.offset >= x.at && f.span.offset <= x.at + x.expr.length);
  return { first: `${s?.id ?? null}+${s ? f.span.offset - s.at : f.span.offset}/${f.span.length} ${message}` };
}

export function agrees42(got: ReturnType<typeof ours42>, want: ReturnType<typeof theirs42>): boolean {
  if ('first' in got && 'first' in want) return agrees(got.first, want.first);
  if ('cycles' in got && 'cycles' in want) {
    if (got.cycles.length !== want.cycles.length) return false;
    const left = [...want.cycles];
    return got.cycles.every((g) => { const i = left.findIndex((w) => sameCycle(g, w)); if (i < 0) return false; left.splice(i, 1); return true; });
  }
  return false;
}

/**
 * A disagreement bdm-lab makes on purpose: the split-module rule (a file with no variable block, or no
 * locals block, is taken as one file of a module: its undeclared `var.x`/`local.x` stay unknown), or a
 * type word alone (`string`), which Terraform accepts from v1.15.0 (addrs.ParseRef) and v1.11.4 refused
 */
export function deliberate42(c: Case42, want: ReturnType<typeof theirs42>): 'split-module' | 'type word' | undefined {
  if (!('first' in want)) return undefined;
  const { text, slots } = render42(c, 'bdm');
  if ((want.first.includes('Reference to undeclared input variable') && !/^\s*variable\s+"/m.test(text))
    || (want.first.includes('Reference to undeclared local value') && !/^\s*locals\s*\{/m.test(text))) return 'split-module';
  const m = /^(\S+)\+(\d+)\/(\d+) Invalid reference: A reference to a resource type must/.exec(want.first);
  const s = m && slots.find((x) => x.id === m[1]);
  if (s && ['string', 'number', 'bool', 'any'].includes(s.expr.substr(Number(m[2]), Number(m[3])))) return 'type word';
  return undefined;
}

const show = (v: ReturnType<typeof ours42>) => ('first' in v ? v.first : v.cycles.map((c) => `Cycle: {${c.join(', ')}}`).join(' | '));

if (process.argv[1]?.endsWith('terraform-hunt42-compare.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case42);
  const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TfDiag[]);
  const all = process.argv.includes('--all');
  let n = 0, agree = 0, shown = 0;
  const kinds = new Map<string, number>();
  const disagreed = new Set<number>();
  const deliberate = new Map<string, number>();
  cases.forEach((c, i) => {
    for (const o of owners(c)) {
      n++;
      let got: ReturnType<typeof ours42>;
      try { got = ours42(c, o); } catch (err) { got = { first: `THROW ${(err as Error).message}` }; }
      const want = theirs42(c, rows[i], o);
      if (agrees42(got, want)) { agree++; continue; }
      disagreed.add(i);
      const why = deliberate42(c, want);
      if (why) deliberate.set(why, (deliberate.get(why) ?? 0) + 1);
      const word = (v: ReturnType<typeof ours42>) => ('first' in v ? v.first.replace(/^\S+ /, '').replace(/:.*/s, '') : `${v.cycles.length} cycle(s)`);
      const kind = `${word(want)} <- ${word(got)}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (all || shown++ < 30) console.log(`DIFF case ${i} ${o}\n  tf:  ${show(want)}\n  bdm: ${show(got)}`);
    }
  });
  for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`${v}\t${k}`);
  console.log(`disagreeing cases: ${[...disagreed].join(' ')}`);
  console.log(`${agree}/${n} resources agree; of the others, deliberate: ${[...deliberate].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
}
