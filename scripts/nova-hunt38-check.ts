/**
 * Hunt 38's differential check of the deployment's names, buses and `<disk>` XML: the cases of
 * scripts/nova-hunt38-gen.ts labelled by Nova's own code (scripts/xml_difftest_oracle.py, python3-nova
 * 26.2.2 with master's blockinfo, through test/fixtures/deploy/spawn_oracle.py), compared with
 * bdm-lab's preview and `bdm-lab xml` as scripts/xml-difftest.ts compares them, plus the flavor's
 * implicit disks' names.
 *   node --import tsx scripts/nova-hunt38-check.ts --seed S[,S...] [--count N] [--show K] [--labels DIR] [--keep FILE]
 * `--labels DIR` keeps each seed's labels in DIR/h38-S-N.json and reads them from there when present
 * (labelling is the slow part); `--keep FILE` writes the disagreeing cases with their labels.
 * Prints per seed "seed S: N agree, N disagree {...}" and a closing "N passed, N failed".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHunt38Cases } from './nova-hunt38-gen';
import { compareXmlCase, compareXmlCli, type Outcome, type XmlLabel } from './xml-difftest';
import type { XmlCase } from './xml-difftest-gen';
import { analyzeJson } from '../server/src/analyze';
import { previewOf } from '../server/src/features/preview';
import { nodeHashes } from '../server/src/host';
import { mergeContext, parseContextText } from '../server/src/model/contextLoad';
import { parseNovaConfIni } from '../server/src/model/novaConfIni';

export interface Hunt38Label extends XmlLabel {
  root_device_name?: string | null;
  boot_dev_order?: string[] | null;
  disk_mapping?: Record<string, Record<string, string>> | null;
}

/** Labels the cases with Nova's own code (scripts/nova-hunt38-label.py, one python process). */
export function labelHunt38(cases: XmlCase[]): Hunt38Label[] {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-h38-'));
  try {
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const out = execFileSync('/usr/bin/python3', [join(__dirname, 'nova-hunt38-label.py'), file], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out) as Hunt38Label[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Nova's mapping dict as bdm-lab's mapping says it (the 'root' alias from `root`). */
function ourMapping(info: NonNullable<ReturnType<typeof previewOf>['info']>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  // (an lxc disk has no name: bdm-lab's '' and key '/dev/' are Nova's None)
  const one = (d: { dev: string; bus: string; type: string; bootIndex?: string; format?: string }) => ({
    bus: d.bus, dev: d.dev === '' ? 'null' : d.dev, type: d.type, ...(d.bootIndex !== undefined ? { boot_index: d.bootIndex } : {}), ...(d.format !== undefined ? { format: d.format } : {}),
  });
  if (info.root) out.root = one(info.root);
  for (const m of info.mapping) out[m.key === '/dev/' ? 'null' : m.key] = one(m);
  return out;
}

const sorted = (o: Record<string, Record<string, string>>) => JSON.stringify(Object.keys(o).sort().map((k) => [k, Object.keys(o[k]!).sort().map((f) => [f, String(o[k]![f])])]));

/**
 * Beside what compareXmlCase looks at: the implicit (flavor) disks' names, the build error's quoted
 * words, the root device name, the boot device order and the disk mapping.
 */
function compareNaming(c: XmlCase, l: Hunt38Label): Outcome | null {
  // a nova.conf file over the context file, as `bdm-lab xml --nova-conf` takes it
  const layers: Parameters<typeof mergeContext>[0] = [];
  if (c.nova_conf_ini !== undefined) layers.push({ source: 'cli', context: { nova_conf: parseNovaConfIni(c.nova_conf_ini).conf } });
  layers.push({ source: 'cli', context: parseContextText(JSON.stringify(c.context)).context });
  const ctx = mergeContext(layers).context;
  const a = analyzeJson(JSON.stringify(c.body), ctx, { forced: true });
  if (l.oracle_error) return null;
  if (l.valid !== true) {
    // refused by both: the same status and Nova's words
    const v = a.verdict;
    if (!v) return null;
    return v.httpStatus === l.http_status && v.message === l.nova_message ? null : { kind: 'disagree', what: 'refusal words', nova: `${l.http_status} ${l.nova_message}`, ours: `${v.httpStatus} ${v.code}: ${v.message}` };
  }
  if (!a.valid) return null;
  const p = previewOf(a, ctx, null, nodeHashes);
  if (l.build_error) {
    // the same exception on the same bus / hypervisor / count: each quoted word of Nova's message
    const words = [...l.build_error.matchAll(/'([^']*)'|\((\d+)\)/g)].map((m) => m[1] ?? m[2]!);
    const ours = p.info?.buildError ?? '';
    return words.every((w) => ours.includes(w)) ? null : { kind: 'disagree', what: 'build error words', nova: l.build_error, ours };
  }
  if (!p.info) return null;
  const implicit = p.implicit.map((e) => e.deviceName);
  if (l.implicit_device_names && JSON.stringify(implicit) !== JSON.stringify(l.implicit_device_names)) return { kind: 'disagree', what: 'implicit names', nova: l.implicit_device_names, ours: implicit };
  if (l.root_device_name !== undefined && (p.info.rootDeviceName ?? null) !== l.root_device_name) return { kind: 'disagree', what: 'root device name', nova: l.root_device_name, ours: p.info.rootDeviceName };
  if (l.boot_dev_order && JSON.stringify(p.info.bootDevOrder) !== JSON.stringify(l.boot_dev_order)) return { kind: 'disagree', what: 'boot dev order', nova: l.boot_dev_order, ours: p.info.bootDevOrder };
  if (l.disk_mapping) {
    const ours = ourMapping(p.info);
    if (sorted(ours) !== sorted(l.disk_mapping)) return { kind: 'disagree', what: 'disk mapping', nova: l.disk_mapping, ours };
  }
  return null;
}

export async function checkCase(c: XmlCase, l: Hunt38Label): Promise<Outcome> {
  let o = compareXmlCase(c, l);
  if (o.kind === 'agree' || (o.kind === 'skip' && o.why === 'refused by both')) o = compareNaming(c, l) ?? o;
  if (o.kind === 'agree') {
    const viaCli = await compareXmlCli(c, l);
    if (viaCli.kind === 'disagree') o = viaCli;
  }
  return o;
}

async function main(): Promise<number> {
  const arg = (n: string): string | undefined => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seeds = (arg('--seed') ?? '3801').split(',').map(Number);
  const count = Number(arg('--count') ?? 300);
  const show = Number(arg('--show') ?? 6);
  const dir = arg('--labels');
  const keep = arg('--keep');
  let pass = 0;
  let fail = 0;
  const kept: Array<XmlCase & { label: Hunt38Label; outcome: Outcome }> = [];
  for (const seed of seeds) {
    const cases = generateHunt38Cases(seed, count);
    const file = dir ? join(dir, `h38-${seed}-${count}.json`) : null;
    let labels: Hunt38Label[];
    if (file && existsSync(file)) labels = JSON.parse(readFileSync(file, 'utf8')) as Hunt38Label[];
    else {
      labels = labelHunt38(cases);
      if (file) writeFileSync(file, JSON.stringify(labels) + '\n');
    }
    const byWhat: Record<string, number> = {};
    const skips: Record<string, number> = {};
    let agree = 0;
    let shown = 0;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      const l = labels[i]!;
      if (l.id !== c.id) throw new Error(`label ${l.id} for case ${c.id}`);
      const o = await checkCase(c, l);
      if (o.kind === 'skip') skips[o.why] = (skips[o.why] ?? 0) + 1;
      else if (o.kind === 'agree') agree++;
      else {
        byWhat[o.what] = (byWhat[o.what] ?? 0) + 1;
        kept.push({ ...c, label: l, outcome: o });
        if (shown++ < show) console.log(`${c.id} ${o.what}\n  body ${JSON.stringify(c.body)}\n  ctx ${JSON.stringify(c.context)}\n  nova   ${JSON.stringify(o.nova)}\n  bdmlab ${JSON.stringify(o.ours)}`);
      }
    }
    const dis = Object.values(byWhat).reduce((s, n) => s + n, 0);
    pass += agree;
    fail += dis;
    console.log(`seed ${seed}: ${agree} agree, ${dis} disagree ${JSON.stringify(byWhat)}, skipped ${JSON.stringify(skips)}`);
  }
  if (keep) writeFileSync(keep, JSON.stringify(kept, null, 1) + '\n');
  console.log(`${pass} passed, ${fail} failed`);
  return fail ? 1 : 0;
}

if (require.main === module) void main().then((code) => { process.exitCode = code; });
