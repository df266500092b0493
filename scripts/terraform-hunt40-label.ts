/**
 * Hunt 40 labeller: each case of scripts/terraform-hunt40-gen.ts rendered for the real terraform
 * (render(c, 'tf')) and validated by it, 40 cases a run: each case one child module (cN/main.tf, with
 * an empty module cN/empty for its `module "net"`) of a root that calls them all, `terraform init
 * -backend=false -plugin-dir=…` (the aws provider the machine holds; terraform_data and
 * terraform_remote_state are built in), then `terraform validate -json`. One JSON line per case:
 * its diagnostics `{summary, detail, slot, off, len}` (slot: the id of the slot the diagnostic's
 * range starts in, off/len in bytes from the slot's expression; a diagnostic outside every slot
 * has slot null), a child module's words ("in module.cN") written as the root module's.
 * `node --import tsx scripts/terraform-hunt40-label.ts CASES.jsonl > oracle.jsonl`
 * (TERRAFORM: the binary, default /usr/local/bin/terraform; TF_PLUGINS: default /opt/tf-plugins)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { render, type Case } from './terraform-hunt40-gen';

export interface TfDiag { summary: string; detail: string; slot: string | null; off: number; len: number }

const TF = process.env.TERRAFORM ?? '/usr/local/bin/terraform';
const PLUGINS = process.env.TF_PLUGINS ?? '/opt/tf-plugins';

interface JsonDiag { summary: string; detail?: string; range?: { filename: string; start: { byte: number }; end: { byte: number } } }

function batch(cases: Case[]): TfDiag[][] {
  const dir = mkdtempSync(join(tmpdir(), 'tf-hunt40-'));
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
    const unplaced: TfDiag[] = [];
    for (const d of out.diagnostics) {
      const m = d.range ? /^c(\d+)[/\\]main\.tf$/.exec(d.range.filename) : null;
      // a diagnostic without a place (Terraform looks up `local` alone as the local named "", with no range): kept, placed nowhere
      if (!m || !d.range) {
        if (d.range?.filename) throw new Error(`a diagnostic outside the cases: ${JSON.stringify(d)}`);
        unplaced.push({ summary: d.summary, detail: d.detail ?? '', slot: null, off: -1, len: 0 });
        continue;
      }
      const i = Number(m[1]);
      const detail = (d.detail ?? '').replace(new RegExp(`in module\\.c${i}\\b`, 'g'), 'in the root module');
      const s = rendered[i].slots.find((x) => d.range!.start.byte >= x.at && d.range!.start.byte <= x.at + Buffer.byteLength(x.expr));
      per[i].push({ summary: d.summary, detail, slot: s?.id ?? null, off: s ? d.range.start.byte - s.at : d.range.start.byte, len: d.range.end.byte - d.range.start.byte });
    }
    // which case an unplaced one belongs to is not told: each case with a placed diagnostic of the same root gets it
    for (const u of unplaced) per.forEach((p) => { if (p.some((d) => d.slot !== null && d.summary === 'Invalid reference')) p.push(u); });
    return per;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('terraform-hunt40-label.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case);
  for (let i = 0; i < cases.length; i += 40) for (const d of batch(cases.slice(i, i + 40))) console.log(JSON.stringify(d));
}
