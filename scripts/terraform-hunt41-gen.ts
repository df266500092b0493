/**
 * Hunt 41 generator: hunt 40's configurations (scripts/terraform-hunt40-gen.ts, its own seed), then
 * changed where hunt 40 did not look: locals that read each other (two or three in a cycle, a
 * cycle beside a refused local, a chain into a cycle), `output` blocks and other resources
 * (terraform_data, with or without count/for_each) whose values read declared and undeclared
 * names, `path.*` in values, `local` alone in a dynamic block's for_each. The extra blocks come
 * after hunt 40's text, each expression a slot (owner `other`), so slot places stay those of
 * `render`. `render41(c, side)` is the configuration as one side reads it.
 * `node --import tsx scripts/terraform-hunt41-gen.ts SEED COUNT > cases.jsonl`
 */
import { execFileSync } from 'node:child_process';
import { rng } from './prng.mjs';
import { render, type Case, type Side } from './terraform-hunt40-gen';

export interface Case41 extends Case {
  /** outputs: name and value; other terraform_data resources: name, meta-argument, input */
  outputs?: Array<[string, string]>;
  others?: Array<[string, string, string]>;
}
export interface Slot41 { id: string; owner: 'locals' | 'host' | 'attach' | 'other'; expr: string; at: number }

export function render41(c: Case41, side: Side): { text: string; slots: Slot41[] } {
  const r = render(c, side);
  let text = r.text;
  const slots: Slot41[] = [...r.slots];
  const enc = new TextEncoder();
  const slot = (head: string, id: string, expr: string) => { slots.push({ id, owner: 'other', expr, at: enc.encode(text + head).length }); text += `${head}${expr}\n`; };
  for (const [n, meta, e] of c.others ?? []) {
    text += `resource "terraform_data" "${n}" {\n`;
    if (meta) text += `  ${meta}\n`;
    slot('  input = ', `other.${n}`, e);
    text += '}\n';
  }
  for (const [n, e] of c.outputs ?? []) { text += `output "${n}" {\n`; slot('  value = ', `output.${n}`, e); text += '}\n'; }
  return { text, slots };
}

if (process.argv[1]?.endsWith('terraform-hunt41-gen.ts')) {
  const [seedArg, countArg] = process.argv.slice(2);
  const base = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/terraform-hunt40-gen.ts', String(Number(seedArg) ^ 0x4141), countArg], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case41);
  const r = rng((Number(seedArg) >>> 0) ^ 0x41414141);
  const rnd = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];
  const chance = (p: number) => r() < p;
  const PATHS = ['path.module', 'path.root', 'path.cwd', '"${path.module}/disk"', 'length(path.root)', 'path.modul', 'path.cwdd'];
  for (const c of base) {
    const names = c.locals.map(([n]) => n);
    const localRef = () => (names.length && chance(0.8) ? `local.${pick(names)}` : `local.${pick(['nope', 'sizes', 'a', 'b'])}`);
    const varRef = () => (c.vars.length && chance(0.6) ? `var.${pick(c.vars)[0]}` : `var.${pick(['nope', 'size', 'image_ids'])}`);
    const resRef = () => pick([...c.decl.map(([n, m]) => (m ? `terraform_data.${n}[0].id` : `terraform_data.${n}.id`)), 'terraform_data.nope.id', 'terraform_data.vol.id', 'data.terraform_remote_state.net.outputs', 'module.net', 'module.nope.x']);
    const value = (): string => {
      switch (rnd(10)) {
        case 0: case 1: return localRef();
        case 2: case 3: return varRef();
        case 4: return resRef();
        case 5: return pick(PATHS);
        case 6: return pick(['count.index', 'each.key', 'self.id', 'local', 'var', 'disk_size', 'terraform.workspace', 'terraform.env']);
        case 7: return `"\${${localRef()}}-x"`;
        case 8: return `try(${value()}, 1)`;
        default: return pick(['10', '"a"', '[1, 2]', 'null']);
      }
    };
    // locals that read each other: a cycle of two or three, or a chain into one
    if (names.length >= 2 && chance(0.3)) {
      const k = Math.min(names.length, chance(0.5) ? 2 : 3);
      const start = rnd(names.length - k + 1);
      const ring = names.slice(start, start + k);
      if (chance(0.5)) ring.reverse();
      ring.forEach((n, i) => {
        const e = `local.${ring[(i + 1) % ring.length]}`;
        const at = c.locals.findIndex(([x]) => x === n);
        c.locals[at] = [n, pick([e, `${e} + 1`, `try(${e}, 1)`, `[for x in [1] : ${e}][0]`, `"\${${e}}"`])];
      });
    }
    // values from path.* and locals that read locals, for the block devices
    if (names.length && chance(0.3)) { const at = rnd(c.locals.length); c.locals[at] = [c.locals[at][0], pick([...PATHS, localRef()])]; }
    for (const bd of c.host.bds) if (chance(0.2)) bd[pick(['volume_size', 'volume_type', 'uuid'])] = pick(PATHS);
    if (c.host.dyn && chance(0.25)) c.host.dyn.for_each = pick(['local', 'local.nope', 'path.module', 'toset([path.root])', `{ for k in [1] : k => ${localRef()} }`]);
    if (chance(0.5)) c.outputs = Array.from({ length: 1 + rnd(2) }, (_, i) => [`out${i}`, value()]);
    if (chance(0.5)) c.others = Array.from({ length: 1 + rnd(2) }, (_, i) => [`ext${i}`, pick(['', '', 'count = 2', 'for_each = toset(["a"])']), value()]);
    console.log(JSON.stringify(c));
  }
}
