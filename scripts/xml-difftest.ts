/**
 * The deployment-XML differential campaign: for generated server-create bodies and the deployment
 * around them (scripts/xml-difftest-gen.ts), the guest storage XML bdm-lab's preview writes
 * against what Nova's own libvirt driver hands libvirt at spawn (scripts/xml_difftest_oracle.py:
 * python3-nova 26.2.2 through test/fixtures/deploy/spawn_oracle.py).
 *   node --import tsx scripts/xml-difftest.ts [--seed S[,S...]] [--count N] [--show K] [--keep FILE]
 * Compared: Nova's verdict, the device names, the build or spawn error, and each <disk> /
 * <filesystem> after canonicalising only what is insignificant (attribute order, whitespace
 * between elements); byte-identical XML is counted too. `--keep FILE` writes the cases with their
 * labels (for a fixture). Prints per seed "seed S: N agree, N disagree (...)" and a closing line
 * "N passed, N failed".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateXmlCases, type XmlCase } from './xml-difftest-gen';
import { analyzeJson } from '../server/src/analyze';
import { previewOf, spawnError } from '../server/src/features/preview';
import { nodeHashes } from '../server/src/host';
import { mergeContext, parseContextText } from '../server/src/model/contextLoad';

export interface XmlLabel {
  id: string;
  oracle_error?: string;
  valid?: boolean | null;
  http_status?: number;
  nova_message?: string | null;
  device_names?: Array<string | null> | null;
  implicit_device_names?: Array<string | null> | null;
  build_error?: string | null;
  nova_xml?: string[] | null;
  nova_error?: string | null;
}

/** Labels the cases with Nova's own code (one python process for all of them). */
export function labelXmlCases(cases: XmlCase[]): XmlLabel[] {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-xmldiff-'));
  try {
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const out = execFileSync('/usr/bin/python3', [join(__dirname, 'xml_difftest_oracle.py'), file], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out) as XmlLabel[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** XML with only the insignificant parts normalised: attribute order and whitespace between elements. */
export function canonicalXml(xml: string): string {
  return xml
    .replace(/>\s+</g, '><')
    .trim()
    .replace(/<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g, (_m, name: string, attrs: string, close: string) => {
      const list = [...attrs.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((a) => `${a[1]}="${a[2] ?? a[3]}"`).sort();
      return `<${name}${list.map((a) => ' ' + a).join('')}${close}>`;
    });
}

/** Nova's exception, as bdm-lab's message names it (its class name, or the words of its message). */
const ERROR_WORDS: Record<string, RegExp> = {
  InvalidVolumeAccessMode: /Invalid volume access mode/,
  VolumeDriverNotFound: /Volume driver not found/,
};

/** Whether bdm-lab's error names the exception Nova raised (messages are not compared word for word). */
export function sameError(nova: string, ours: string): boolean {
  const cls = nova.split(':')[0]!.trim();
  return ours.includes(cls) || (ERROR_WORDS[cls]?.test(ours) ?? false);
}

export type Outcome =
  | { kind: 'agree'; exact: boolean }
  | { kind: 'skip'; why: string }
  | { kind: 'disagree'; what: string; nova: unknown; ours: unknown };

/** bdm-lab's answer for one case against Nova's label. */
export function compareXmlCase(c: XmlCase, l: XmlLabel): Outcome {
  if (l.oracle_error) return { kind: 'skip', why: 'oracle error' };
  const parsed = parseContextText(JSON.stringify(c.context));
  if (parsed.problems.length) return { kind: 'disagree', what: 'context refused', nova: null, ours: parsed.problems.map((p) => p.message) };
  const ctx = mergeContext([{ source: 'cli', context: parsed.context }]).context;
  const a = analyzeJson(JSON.stringify(c.body), ctx, { forced: true });
  if (l.valid !== true) return a.valid ? { kind: 'disagree', what: 'verdict', nova: `${l.http_status} ${l.nova_message}`, ours: 'accepted' } : { kind: 'skip', why: 'refused by both' };
  if (!a.valid) return { kind: 'disagree', what: 'verdict', nova: 'accepted', ours: a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`) };
  const p = previewOf(a, ctx, null, nodeHashes);
  const failed = spawnError(p);
  if (l.build_error) {
    if (!p.info?.buildError) return { kind: 'disagree', what: 'build error', nova: l.build_error, ours: failed };
    return sameError(l.build_error, p.info.buildError) ? { kind: 'agree', exact: true } : { kind: 'disagree', what: 'build error kind', nova: l.build_error, ours: p.info.buildError };
  }
  const names = p.entries.map((e) => e.deviceName);
  if (JSON.stringify(names) !== JSON.stringify(l.device_names)) return { kind: 'disagree', what: 'device names', nova: l.device_names, ours: names };
  if (l.nova_error || !l.nova_xml) {
    if (!failed) return { kind: 'disagree', what: 'spawn error', nova: l.nova_error, ours: p.disks.map((d) => d.xml) };
    return sameError(l.nova_error ?? '', failed) ? { kind: 'agree', exact: true } : { kind: 'disagree', what: 'spawn error kind', nova: l.nova_error, ours: failed };
  }
  if (failed) return { kind: 'disagree', what: 'spawn error', nova: l.nova_xml, ours: failed };
  const ours = p.disks.map((d) => d.xml);
  if (JSON.stringify(ours) === JSON.stringify(l.nova_xml)) return { kind: 'agree', exact: true };
  const canonOurs = ours.map(canonicalXml);
  const canonNova = l.nova_xml.map(canonicalXml);
  if (JSON.stringify(canonOurs) === JSON.stringify(canonNova)) return { kind: 'agree', exact: false };
  return { kind: 'disagree', what: 'xml', nova: canonNova, ours: canonOurs };
}

function main(): number {
  const arg = (n: string): string | undefined => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seeds = (arg('--seed') ?? '1,2,3').split(',').map(Number);
  const count = Number(arg('--count') ?? 300);
  const show = Number(arg('--show') ?? 6);
  const keep = arg('--keep');
  let pass = 0;
  let fail = 0;
  const kept: Array<XmlCase & { label: XmlLabel }> = [];
  for (const seed of seeds) {
    const cases = generateXmlCases(seed, count);
    const labels = labelXmlCases(cases);
    const byWhat: Record<string, number> = {};
    const skips: Record<string, number> = {};
    let agree = 0;
    let exact = 0;
    let shown = 0;
    cases.forEach((c, i) => {
      const l = labels[i]!;
      if (l.id !== c.id) throw new Error(`label ${l.id} for case ${c.id}`);
      kept.push({ ...c, label: l });
      const o = compareXmlCase(c, l);
      if (o.kind === 'skip') skips[o.why] = (skips[o.why] ?? 0) + 1;
      else if (o.kind === 'agree') {
        agree++;
        if (o.exact) exact++;
      } else {
        byWhat[o.what] = (byWhat[o.what] ?? 0) + 1;
        if (shown++ < show) console.log(`${c.id} ${o.what}\n  body ${JSON.stringify(c.body)}\n  ctx ${JSON.stringify(c.context)}\n  nova   ${JSON.stringify(o.nova)}\n  bdmlab ${JSON.stringify(o.ours)}`);
      }
    });
    const dis = Object.values(byWhat).reduce((s, n) => s + n, 0);
    pass += agree;
    fail += dis;
    console.log(`seed ${seed}: ${agree} agree (${exact} byte-identical), ${dis} disagree ${JSON.stringify(byWhat)}, skipped ${JSON.stringify(skips)}`);
  }
  if (keep) writeFileSync(keep, JSON.stringify(kept, null, 1) + '\n');
  console.log(`${pass} passed, ${fail} failed`);
  return fail ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
