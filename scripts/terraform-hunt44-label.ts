/**
 * Hunt 44 labeller: each case of scripts/terraform-hunt44-gen.ts rendered for the real terraform
 * (render44(c, 'tf')) and planned by it as hunt 43's labeller does (each case a child module cN, with
 * an empty module cN/empty for its module calls, of a root that configures the aws provider offline;
 * `terraform init -backend=false -plugin-dir=…`, `terraform plan -refresh=false -json -out=…`; a run
 * with errors made again without the cases that had one). One JSON line per case: `{diags}` (its
 * error diagnostics, placed by slot) or `{insts}`: each planned instance of the aws_instance by its
 * address suffix (`""`, `[0]`, `["data"]`), its block devices in the order of the configuration:
 * the static blocks (found by device name), then the dynamic block's, in for_each key order.
 * `node --import tsx scripts/terraform-hunt44-label.ts CASES.jsonl > oracle.jsonl` (H44_TMP: work directories)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DEVICES, render44, type Case44 } from './terraform-hunt44-gen';
import type { TfDiag } from './terraform-hunt40-label';

const TF = process.env.TERRAFORM ?? '/usr/local/bin/terraform';
const PLUGINS = process.env.TF_PLUGINS ?? '/opt/tf-plugins';
export type Label44 = { diags: TfDiag[] } | { insts: Record<string, Array<Record<string, unknown>>> };
interface JsonDiag { severity: string; summary: string; detail?: string; address?: string; range?: { filename: string; start: { byte: number }; end: { byte: number } } }
const PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n  access_key = "x"\n  secret_key = "y"\n  skip_credentials_validation = true\n  skip_requesting_account_id = true\n  skip_metadata_api_check = true\n  skip_region_validation = true\n}\n';

/** Go's sort of for_each keys: byte-wise; a list's keys are its indexes */
const keyOrder = (a: string, b: string): number => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0);

function run(cases: Case44[]): Array<Label44 | null> {
  const dir = mkdtempSync(join(process.env.H44_TMP ?? tmpdir(), 'tf-hunt44-'));
  try {
    const rendered = cases.map((c) => render44(c, 'tf'));
    let root = PROVIDER;
    rendered.forEach((r, i) => {
      mkdirSync(join(dir, `c${i}`, 'empty'), { recursive: true });
      writeFileSync(join(dir, `c${i}`, 'main.tf'), r.text);
      writeFileSync(join(dir, `c${i}`, 'empty', 'main.tf'), '# an empty module\n');
      root += `module "c${i}" {\n  source = "./c${i}"\n}\n`;
    });
    writeFileSync(join(dir, 'main.tf'), root);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
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
    type Res = { address: string; type: string; index?: string | number; values: { ebs_block_device?: Array<Record<string, unknown>> } };
    const plan = JSON.parse(shown.stdout) as { planned_values: { root_module: { child_modules?: Array<{ address: string; resources?: Res[] }> } } };
    return cases.map((c, i) => {
      const mod = plan.planned_values.root_module.child_modules?.find((x) => x.address === `module.c${i}`);
      const insts: Record<string, Array<Record<string, unknown>>> = {};
      for (const res of mod?.resources?.filter((x) => x.type === 'aws_instance') ?? []) {
        const key = res.index === undefined ? '' : `[${JSON.stringify(res.index)}]`;
        const ebs = res.values.ebs_block_device ?? [];
        const dyn = ebs.filter((e) => String(e.device_name).startsWith('/dev/xvd')).sort((a, b) => keyOrder(String(a.device_name).slice(8), String(b.device_name).slice(8)));
        insts[key] = [...c.bds.map((__, k) => ebs.find((e) => e.device_name === `/dev/sd${DEVICES[k]}`) ?? {}), ...dyn];
      }
      return { insts };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function batch(cases: Case44[]): Label44[] {
  const out: Array<Label44 | null> = cases.map(() => null);
  let todo = cases.map((_, i) => i);
  for (let round = 0; todo.length && round < 8; round++) {
    const got = run(todo.map((i) => cases[i]));
    got.forEach((g, k) => { if (g) out[todo[k]] = g; });
    todo = todo.filter((i) => !out[i]);
  }
  return out.map((x) => x ?? { diags: [{ summary: 'LABEL FAILED', detail: '', slot: null, off: -1, len: 0 }] });
}

if (process.argv[1]?.endsWith('terraform-hunt44-label.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case44);
  for (let i = 0; i < cases.length; i += 40) for (const d of batch(cases.slice(i, i + 40))) console.log(JSON.stringify(d));
}
