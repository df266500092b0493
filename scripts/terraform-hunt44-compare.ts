/**
 * Hunt 44: compares bdm-lab's reading of scripts/terraform-hunt44-gen.ts's cases with the real
 * terraform's plan (scripts/terraform-hunt44-label.ts), as hunt 43's compare does (compare43's rules
 * for refusals and for values), instance by instance: when Terraform plans, each instance bdm-lab
 * judges (by its address suffix) has the planned instance's block devices, static then dynamic, slot by
 * slot; bdm-lab judging an instance Terraform does not plan, or none when Terraform plans some, is a
 * disagreement. (bdm-lab judges instances that send the same request once, and the first eight.)
 * `node --import tsx scripts/terraform-hunt44-compare.ts CASES.jsonl ORACLE.jsonl [--all]`
 */
import { readFileSync } from 'node:fs';
import { terraformSources } from '../server/src/source/terraform/index';
import { render44, type Case44 } from './terraform-hunt44-gen';
import type { Label44 } from './terraform-hunt44-label';
import type { TfDiag } from './terraform-hunt40-label';
import { compare43 } from './terraform-hunt43-compare';
import type { Case43 } from './terraform-hunt43-gen';

type Ours = { refusal: string; also: string[] } | { insts: Record<string, Array<Record<string, unknown>>>; unknown: string[] };

export function ours44(c: Case44): Ours {
  const { text, slots } = render44(c, 'bdm');
  const all = terraformSources(text);
  const docs = all.filter((x) => x.t?.resource.labels[0]?.value === 'openstack_compute_instance_v2');
  const place = (f: { span: { offset: number; length: number }; args?: Record<string, unknown> }) => {
    const s = slots.find((x) => f.span.offset >= x.at && f.span.offset <= x.at + x.expr.length);
    return `${s?.id ?? null}+${s ? f.span.offset - s.at : f.span.offset}/${f.span.length} ${String(f.args?.detail ?? '')}`;
  };
  for (const doc of docs.length ? docs : all) {
    const fs = doc.findings.filter((x) => x.code === 'BDM-TF-CONFIG' || x.code === 'BDM-TF-SYNTAX');
    if (fs.length) return { refusal: place(fs[0]), also: fs.slice(1).map(place) };
  }
  const insts: Record<string, Array<Record<string, unknown>>> = {};
  const unknown: string[] = [];
  for (const doc of docs) {
    if (!doc.body && doc.findings.some((x) => x.code === 'BDM-TF-UNKNOWN')) return { refusal: 'CANNOT TELL', also: [] };
    const body = doc.body as { server?: { block_device_mapping_v2?: Array<Record<string, unknown>> } } | null;
    insts[doc.instanceKey] = body?.server?.block_device_mapping_v2 ?? [];
    unknown.push(...doc.findings.filter((x) => x.code === 'BDM-TF-UNRESOLVED').map((x) => String(x.args?.detail ?? '')));
  }
  return { insts, unknown };
}

/** the case's block devices, static then the dynamic block's (one per element planned), as hunt 43's cases */
const asCase43 = (c: Case44, n: number): Case43 => ({ vars: [], locals: [], extra: [], bds: [...c.bds, ...Array.from({ length: Math.max(0, n - c.bds.length) }, () => c.dyn?.fields ?? {})] });

const members = (summary: string) => summary.replace(/^Cycle: /, '').replace(/ \(Terraform starts.*$/s, '').split(', ').sort();
/** a cycle through a module call: Terraform's list may also hold the call's close node, which bdm-lab names only in words (as hunt 42) */
function sameCycle(ours: string[], theirs: string[]): boolean {
  const mods = new Set(ours.map((m) => /^module\.([\w-]+) \(expand\)$/.exec(m)?.[1]).filter(Boolean));
  const own = (m: string) => { const x = /^module\.([\w-]+) \(close\)$/.exec(m); return !!x && mods.has(x[1]); };
  return ours.every((m) => theirs.includes(m)) && theirs.every((m) => ours.includes(m) || own(m));
}

/**
 * Terraform's diagnostics as about the bdm-lab rendering: a child module's address left out of a
 * cycle's members; in a dynamic block without `iterator`, its default iterator is named after the
 * block (ebs_block_device for the stand-in, 4 bytes longer than block_device): places moved to match
 */
function asBdm(c: Case44, d: TfDiag): TfDiag {
  const summary = d.summary.replace(/\bmodule\.c\d+\./g, '').replace(/^(Cycle: .*)$/s, (m) => m.replace(/\baws_instance\./g, 'openstack_compute_instance_v2.'));
  const raw = d.slot?.startsWith('dyn.') ? c.dyn?.fields[d.slot.slice(4)] : d.slot === 'meta' ? c.meta?.[1] : d.slot?.startsWith('local.') ? c.locals.find((l) => l.at(0) === d.slot!.slice(6))?.[1] : d.slot ? c.bds[Number(d.slot.slice(2, d.slot.indexOf('.')))]?.[d.slot.slice(d.slot.indexOf('.') + 1)] : undefined;
  if (!raw) return { ...d, summary };
  // the words that differ between the renderings, and how much longer bdm-lab's is
  const words: Array<[string, string]> = [['TYPE', 'aws_instance'], ...(c.dyn?.iterator ? [] : [['ITER', 'ebs_block_device'] as [string, string]])];
  const grow: Record<string, number> = { TYPE: 17, ITER: -4 };
  let e = raw;
  for (const [w, tf] of words) e = e.replaceAll(w, `\u0000${w}\u0001`.replace(w, tf));
  // count each word's occurrences before and inside the range, on the tf rendering (marked with NUL..SOH)
  let off = d.off, len = d.len, at = 0;
  for (const m of e.matchAll(/\u0000([^\u0001]*)\u0001/g)) {
    const start = m.index - at, end = start + m[1].length;
    at += 2;
    const w = words.find(([, tf]) => tf === m[1])![0];
    if (end <= d.off) off += grow[w];
    else if (start >= d.off && end <= d.off + d.len) len += grow[w];
  }
  return { ...d, summary, off, len };
}

export function compare44(c: Case44, want: Label44, got: Ours): string | null {
  if ('diags' in want) {
    const diags = want.diags.map((d) => asBdm(c, d));
    if ('refusal' in got && diags.every((d) => d.summary.startsWith('Cycle: '))) {
      const ours = [got.refusal, ...got.also].map((r) => r.replace(/^\S+ /, '')).filter((r) => r.startsWith('Cycle: ')).map(members);
      if (ours.length === diags.length && ours.every((o) => diags.some((d) => sameCycle(o, members(d.summary))))) return null;
    }
    return compare43(asCase43(c, 0), { diags }, 'refusal' in got ? got : { bds: [], unknown: [] });
  }
  if ('refusal' in got) return got.refusal === 'CANNOT TELL' ? null : `tf plans; bdm: ${got.refusal}`;
  const theirs = Object.keys(want.insts);
  const mine = Object.keys(got.insts);
  if (!mine.length && theirs.length) return `tf plans ${theirs.join(' ')}; bdm judges none`;
  const diffs: string[] = [];
  for (const k of mine) {
    // an unknown count or for_each: bdm-lab judges one instance, keyed ''
    const w = want.insts[k] ?? (k === '' ? want.insts[theirs[0]] : undefined);
    if (!w) { diffs.push(`bdm judges ${k || 'the instance'}; tf plans ${theirs.length ? theirs.join(' ') : 'none'}`); continue; }
    const g = got.insts[k];
    if (g.length !== w.length) { diffs.push(`${k}: tf ${w.length} block devices, bdm ${g.length}`); continue; }
    // path.module: the labeller's case is the child module cN, bdm-lab's the root module: "." both
    const g1 = g;
    const w1 = w.map((x) => Object.fromEntries(Object.entries(x).map(([f, v]) => [f, typeof v === 'string' && /^c\d+$/.test(v) ? '.' : v])));
    // a dynamic block over a list goes by index, over a set of strings by the strings' order: the labeller sorts numeric keys by number, so a set of numeric strings is tried again in string order
    const lexical = [...w1.slice(0, c.bds.length), ...w1.slice(c.bds.length).sort((x, y) => (String(x.device_name) < String(y.device_name) ? -1 : String(x.device_name) > String(y.device_name) ? 1 : 0))];
    const why = compare43(asCase43(c, w.length), { bds: w1 }, { bds: g1, unknown: [] }) && compare43(asCase43(c, w.length), { bds: lexical }, { bds: g1, unknown: [] });
    if (why) diffs.push(`${k}: ${why}`);
  }
  return diffs.length ? `${diffs.join(' ; ')}${got.unknown.length ? ` (bdm notes: ${got.unknown.join(' | ')})` : ''}` : null;
}

/**
 * Why a disagreement is not bdm-lab's to fix, or '': Terraform v1.11.4 (hcl v2.23.0, go-cty v1.16)
 * where bdm-lab follows 883c7221 (hcl v2.24.0, go-cty v1.18.1): an unknown object indexed by a name
 * it lacks is refused by v2.24.0 only; contains() takes a null value from go-cty v1.18.1 on. And the
 * labeller's layout (each case a child module, its variables' defaults known when Terraform
 * validates): a failed validation rule placed on the root's module call.
 */
export function excuse44(want: Label44, got: Ours): string {
  // the directory terraform runs in (path.cwd, abspath()): bdm-lab cannot know it, says so and sends a stand-in
  const r = 'refusal' in got ? got.refusal.replace(/^\S+ /, '') : '';
  const objectIndex = /^Invalid index: The given key does not identify an element in this collection value\.( An object only supports looking up attributes by name, not by numeric index\.)?$/.test(r);
  if (!('diags' in want)) return objectIndex ? 'version (hcl v2.24.0 refuses an unknown object\'s missing index)' : 'unknown' in got && got.unknown.some((u) => /path\.cwd|abspath\(\)/.test(u)) ? 'the working directory (bdm-lab notes it cannot know it)' : '';
  if (objectIndex && !want.diags.some((d) => d.summary === 'Invalid index')) return 'version (hcl v2.24.0 refuses an unknown object\'s missing index)';
  if (want.diags.some((d) => d.detail === 'Invalid value for "value" parameter: argument must not be null.')) return 'version (go-cty v1.18.1 contains() takes null)';
  if (want.diags.some((d) => d.summary === 'Invalid value for variable' && d.slot === null && d.off === 0 && d.len === 1)) return 'layout (a child module\'s validation rule)';
  return '';
}

export const kind44 = (want: Label44, got: Ours): string =>
  `${'diags' in want ? want.diags.map((d) => d.summary).join('/') : 'plans'} <- ${'refusal' in got ? got.refusal.replace(/^\S+ /, '').replace(/:.*/s, '') : 'values'}`;

if (process.argv[1]?.endsWith('terraform-hunt44-compare.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case44);
  const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Label44);
  const all = process.argv.includes('--all');
  let agree = 0, shown = 0, cannot = 0;
  const kinds = new Map<string, number>();
  const bad: number[] = [];
  const excused = new Map<string, number[]>();
  cases.forEach((c, i) => {
    if (i >= rows.length) return;
    let got: Ours;
    try { got = ours44(c); } catch (err) { got = { refusal: `THROW ${(err as Error).message}`, also: [] }; }
    if ('refusal' in got && got.refusal === 'CANNOT TELL') cannot++;
    const why = compare44(c, rows[i], got);
    if (!why) { agree++; return; }
    const ex = excuse44(rows[i], got);
    if (ex) { excused.set(ex, [...(excused.get(ex) ?? []), i]); return; }
    bad.push(i);
    const kind = kind44(rows[i], got);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (all || shown++ < 40) console.log(`DIFF case ${i}: ${why}`);
  });
  for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`${v}\t${k}`);
  for (const [k, v] of excused) console.log(`excused, ${k}: ${v.join(' ')}`);
  console.log(`disagreeing cases: ${bad.join(' ')}`);
  console.log(`${agree}/${Math.min(cases.length, rows.length)} cases agree (of them, bdm-lab cannot tell: ${cannot}); excused ${[...excused.values()].flat().length}; disagree ${bad.length}`);
}
