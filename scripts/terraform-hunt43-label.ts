/**
 * Hunt 43 labeller: each case of scripts/terraform-hunt43-gen.ts rendered for the real terraform
 * (render43(c, 'tf')) and planned by it, 40 cases a run: each case a child module cN of a root that
 * configures the aws provider offline (fake keys, every account and credential check skipped: planning
 * an aws_instance asks nothing of AWS) and calls them all; `terraform init -backend=false
 * -plugin-dir=…`, then `terraform plan -refresh=false -json -out=…`. One JSON line per case:
 * `{diags}` (its error diagnostics `{summary, detail, slot, off, len}`, placed as hunt 40 places them)
 * or `{bds}` (each ebs_block_device's planned values, found by device name, in the case's order).
 * A run with errors is made again without the cases that had one, as often as it takes (an error in
 * one case can hide another's); a diagnostic no case's file holds is given to the case its words name.
 * `node --import tsx scripts/terraform-hunt43-label.ts CASES.jsonl > oracle.jsonl` (H43_TMP: work directories)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DEVICES, render43, type Case43 } from './terraform-hunt43-gen';
import type { TfDiag } from './terraform-hunt40-label';

const TF = process.env.TERRAFORM ?? '/usr/local/bin/terraform';
const PLUGINS = process.env.TF_PLUGINS ?? '/opt/tf-plugins';
export type Label43 = { diags: TfDiag[] } | { bds: Array<Record<string, unknown>> };
interface JsonDiag { severity: string; summary: string; detail?: string; address?: string; range?: { filename: string; start: { byte: number }; end: { byte: number } } }
const PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n  access_key = "x"\n  secret_key = "y"\n  skip_credentials_validation = true\n  skip_requesting_account_id = true\n  skip_metadata_api_check = true\n  skip_region_validation = true\n}\n';

function run(cases: Case43[]): Array<Label43 | null> {
  const dir = mkdtempSync(join(process.env.H43_TMP ?? tmpdir(), 'tf-hunt43-'));
  try {
    const rendered = cases.map((c) => render43(c, 'tf'));
    let root = PROVIDER;
    rendered.forEach((r, i) => {
      mkdirSync(join(dir, `c${i}`), { recursive: true });
      writeFileSync(join(dir, `c${i}`, 'main.tf'), r.text);
      root += `module "c${i}" {\n  source = "./c${i}"\n}\n`;
    });
    writeFileSync(join(dir, 'main.tf'), root);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    // init reads the configuration too: its errors (a variable's default) end the run there
    const init = spawnSync('nice', ['-n', '10', TF, 'init', '-backend=false', `-plugin-dir=${PLUGINS}`, '-input=false', '-json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const p = init.status !== 0 ? init : spawnSync('nice', ['-n', '10', TF, 'plan', '-refresh=false', '-input=false', '-json', '-out=plan.bin'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const per: Array<TfDiag[]> = cases.map(() => []);
    let unplaced = 0;
    for (const l of p.stdout.split('\n').filter(Boolean)) {
      if (!l.startsWith('{')) continue;
      const m = JSON.parse(l) as { type: string; diagnostic?: JsonDiag };
      const d = m.diagnostic;
      if (m.type !== 'diagnostic' || !d || d.severity !== 'error') continue;
      const f = d.range?.filename ? /^c(\d+)[/\\]main\.tf$/.exec(d.range.filename) : null;
      const named = /(?:module\.c|\bc)(\d+)(?:\b|\/main\.tf)/.exec(`${d.address ?? ''} ${d.summary} ${d.detail ?? ''}`);
      const i = f ? Number(f[1]) : named ? Number(named[1]) : -1;
      if (i < 0) { unplaced++; continue; }
      const detail = (d.detail ?? '').replace(new RegExp(`module\\.c${i}\\.`, 'g'), '').replace(new RegExp(`module\\.c${i}\\b`, 'g'), 'the root module').replace(new RegExp(`\\bc${i}/main\\.tf`, 'g'), 'main.tf');
      const s = f && d.range ? rendered[i].slots.find((x) => d.range!.start.byte >= x.at && d.range!.start.byte <= x.at + Buffer.byteLength(x.expr)) : undefined;
      per[i].push({ summary: d.summary, detail, slot: s?.id ?? null, off: s && d.range ? d.range.start.byte - s.at : d.range?.start.byte ?? -1, len: d.range ? d.range.end.byte - d.range.start.byte : 0 });
    }
    if (p.status !== 0) {
      if (unplaced && per.every((x) => !x.length)) throw new Error(`terraform: errors no case holds: ${p.stdout.slice(0, 2000)}${p.stderr}`);
      return per.map((d) => (d.length ? { diags: d } : null));
    }
    const shown = spawnSync(TF, ['show', '-json', 'plan.bin'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const plan = JSON.parse(shown.stdout) as { planned_values: { root_module: { child_modules?: Array<{ address: string; resources?: Array<{ values: { ebs_block_device?: Array<Record<string, unknown>> } }> }> } } };
    return cases.map((_, i) => {
      const mod = plan.planned_values.root_module.child_modules?.find((x) => x.address === `module.c${i}`);
      const ebs = mod?.resources?.[0]?.values.ebs_block_device ?? [];
      return { bds: cases[i].bds.map((__, k) => ebs.find((e) => e.device_name === `/dev/sd${DEVICES[k]}`) ?? {}) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function batch(cases: Case43[]): Label43[] {
  const out: Array<Label43 | null> = cases.map(() => null);
  let todo = cases.map((_, i) => i);
  for (let round = 0; todo.length && round < 8; round++) {
    const got = run(todo.map((i) => cases[i]));
    got.forEach((g, k) => { if (g) out[todo[k]] = g; });
    todo = todo.filter((i) => !out[i]);
  }
  return out.map((x) => x ?? { diags: [{ summary: 'LABEL FAILED', detail: '', slot: null, off: -1, len: 0 }] });
}

if (process.argv[1]?.endsWith('terraform-hunt43-label.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case43);
  for (let i = 0; i < cases.length; i += 40) for (const d of batch(cases.slice(i, i + 40))) console.log(JSON.stringify(d));
}
