/**
 * Hunt 41 labeller: as scripts/terraform-hunt40-label.ts (each case a child module cN of one root,
 * 40 a run, `terraform validate -json`), for render41's configurations. A cycle stops Terraform
 * before any other diagnostic of the whole run, and has no place: it is given to the case its
 * words name (`module.cN.`), and the run is made again without the cases that had one.
 * `node --import tsx scripts/terraform-hunt41-label.ts CASES.jsonl > oracle.jsonl`
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { render41, type Case41, type Slot41 } from './terraform-hunt41-gen';
import type { TfDiag } from './terraform-hunt40-label';

const TF = process.env.TERRAFORM ?? '/usr/local/bin/terraform';
const PLUGINS = process.env.TF_PLUGINS ?? '/opt/tf-plugins';

interface JsonDiag { summary: string; detail?: string; range?: { filename: string; start: { byte: number }; end: { byte: number } } }

/** a renderer of cases for the real terraform (render41, or a later hunt's) */
export type Render<C> = (c: C, side: 'tf') => { text: string; slots: Slot41[] };

function run<C>(cases: C[], render: Render<C>): TfDiag[][] {
  // (H42_TMP: where the work directories go, default the system's temporary directory)
  const dir = mkdtempSync(join(process.env.H42_TMP ?? tmpdir(), 'tf-hunt41-'));
  try {
    const rendered = cases.map((c) => render(c, 'tf'));
    let root = '';
    rendered.forEach((r, i) => {
      mkdirSync(join(dir, `c${i}`, 'empty'), { recursive: true });
      writeFileSync(join(dir, `c${i}`, 'main.tf'), r.text);
      writeFileSync(join(dir, `c${i}`, 'empty', 'main.tf'), '# an empty module\n');
      root += `module "c${i}" {\n  source = "./c${i}"\n}\n`;
    });
    writeFileSync(join(dir, 'main.tf'), root);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    const init = spawnSync('nice', ['-n', '10', TF, 'init', '-backend=false', `-plugin-dir=${PLUGINS}`, '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`terraform init: ${init.stdout}${init.stderr}`);
    const v = spawnSync('nice', ['-n', '10', TF, 'validate', '-json', '-no-color'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const out = JSON.parse(v.stdout) as { diagnostics: JsonDiag[] };
    const per: TfDiag[][] = cases.map(() => []);
    for (const d of out.diagnostics) {
      const cyc = /^Cycle: /.test(d.summary) ? /module\.c(\d+)\./.exec(d.summary) : null;
      if (cyc) { per[Number(cyc[1])].push({ summary: d.summary.replace(/module\.c\d+\./g, ''), detail: '', slot: null, off: -1, len: 0 }); continue; }
      const m = d.range ? /^c(\d+)[/\\]main\.tf$/.exec(d.range.filename) : null;
      if (!m || !d.range) {
        if (d.range?.filename) throw new Error(`a diagnostic outside the cases: ${JSON.stringify(d)}`);
        continue; // no place and no case named (`local` alone): not compared
      }
      const i = Number(m[1]);
      const detail = (d.detail ?? '').replace(new RegExp(`in module\\.c${i}\\b`, 'g'), 'in the root module');
      const s = rendered[i].slots.find((x) => d.range!.start.byte >= x.at && d.range!.start.byte <= x.at + Buffer.byteLength(x.expr));
      per[i].push({ summary: d.summary, detail, slot: s?.id ?? null, off: s ? d.range.start.byte - s.at : d.range.start.byte, len: d.range.end.byte - d.range.start.byte });
    }
    return per;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** one batch: the cases with a cycle keep it (each cycle terraform reports); the others are validated again without them */
export function batch<C>(cases: C[], render: Render<C>): TfDiag[][] {
  const first = run(cases, render);
  const cyclic = first.map((p) => p.some((d) => d.summary.startsWith('Cycle: ')));
  if (!cyclic.some(Boolean)) return first;
  const rest = cases.filter((_, i) => !cyclic[i]);
  const again = rest.length ? run(rest, render) : [];
  let k = 0;
  return cases.map((_, i) => (cyclic[i] ? first[i] : again[k++]));
}

if (process.argv[1]?.endsWith('terraform-hunt41-label.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case41);
  for (let i = 0; i < cases.length; i += 40) for (const d of batch(cases.slice(i, i + 40), render41)) console.log(JSON.stringify(d));
}
