/**
 * Hunt 42 generator: hunt 41's configurations (scripts/terraform-hunt41-gen.ts, its own seed), then
 * changed where hunt 41 did not look: module calls (source "./empty", a module with nothing in it)
 * whose count, for_each or depends_on read locals or resources that read the call back (a cycle
 * through a module call, or through its own meta-argument), two or three cycles in one module
 * (locals, terraform_data resources with count/for_each/depends_on), and path.cwd in values. The
 * module calls come after hunt 41's text, each meta-argument's expression a slot (owner `other`).
 * `render42(c, side)` is the configuration as one side reads it.
 * `node --import tsx scripts/terraform-hunt42-gen.ts SEED COUNT > cases.jsonl`
 */
import { execFileSync } from 'node:child_process';
import { rng } from './prng.mjs';
import type { Side } from './terraform-hunt40-gen';
import { render41, type Case41, type Slot41 } from './terraform-hunt41-gen';

export interface Case42 extends Case41 {
  /** module calls (source "./empty"): name, meta-argument name (count, for_each, depends_on or ''), its expression */
  mods?: Array<[string, string, string]>;
}

export function render42(c: Case42, side: Side): { text: string; slots: Slot41[] } {
  const r = render41(c, side);
  let text = r.text;
  const slots = [...r.slots];
  const enc = new TextEncoder();
  for (const [n, meta, e] of c.mods ?? []) {
    text += `module "${n}" {\n  source = "./empty"\n`;
    if (meta) {
      const head = `  ${meta} = `;
      slots.push({ id: `module.${n}`, owner: 'other', expr: e, at: enc.encode(text + head).length });
      text += `${head}${e}\n`;
    }
    text += '}\n';
  }
  return { text, slots };
}

if (process.argv[1]?.endsWith('terraform-hunt42-gen.ts')) {
  const [seedArg, countArg] = process.argv.slice(2);
  const base = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/terraform-hunt41-gen.ts', String(Number(seedArg) ^ 0x4242), countArg], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case42);
  const r = rng((Number(seedArg) >>> 0) ^ 0x42424242);
  const rnd = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];
  const chance = (p: number) => r() < p;
  const CWD = ['path.cwd', '"${path.cwd}/disk"', 'length(path.cwd) > 0 ? 10 : 20', 'startswith(path.cwd, "/") ? 10 : 20', 'path.cwd != null ? 10 : 20', 'abspath(path.root) == path.cwd ? 10 : 20'];
  const MODS = ['disks', 'vols', 'net2'];
  /** an expression that reads `target` (wrapped as a value for a meta-argument of kind `meta`) */
  const wrap = (meta: string, target: string) => {
    if (meta === 'count') return pick([`length(${target}) > 0 ? 1 : 0`, `${target} == null ? 0 : 1`, `length([${target}])`]);
    if (meta === 'for_each') return pick([`{ for k in [1] : k => ${target} }`, `toset([tostring(length([${target}]))])`]);
    if (meta === 'depends_on') return target.startsWith('local.') || target.startsWith('terraform_data.') ? `[${target.replace(/\[0\]|\.id$/g, '')}]` : `[${target}]`;
    return target;
  };
  for (const c of base) {
    // module calls: meta-arguments that read locals or resources (some read back the call)
    if (chance(0.5)) {
      c.mods = [];
      for (const m of MODS.slice(0, 1 + rnd(2))) {
        const meta = pick(['count', 'for_each', 'depends_on', '']);
        const names = c.locals.map(([n]) => n);
        let target = pick([...names.map((n) => `local.${n}`), 'local.nope', `module.${m}`, `module.${m}[0]`, 'terraform_data.nope']);
        if (names.length && chance(0.6)) {
          // a local that reads the call: the meta-argument reads that local
          const l = pick(names);
          const at = c.locals.findIndex(([x]) => x === l);
          c.locals[at] = [l, pick([`module.${m}`, `module.${m}[0]`, `module.${m}[0].out`, `try(module.${m}.out, 1)`, `length([module.${m}])`])];
          target = `local.${l}`;
        }
        c.mods.push([m, meta, meta ? wrap(meta, target) : '']);
      }
    }
    // a second ring of locals, beside hunt 41's
    const names = c.locals.map(([n]) => n);
    if (names.length >= 4 && chance(0.4)) {
      const ring = names.slice(-2);
      ring.forEach((n, i) => { const at = c.locals.findIndex(([x]) => x === n); c.locals[at] = [n, pick([`local.${ring[1 - i]}`, `[local.${ring[1 - i]}]`, `"\${local.${ring[1 - i]}}"`])]; });
    }
    // a terraform_data that reads itself through a local
    if (names.length && chance(0.25)) {
      const l = pick(names);
      const at = c.locals.findIndex(([x]) => x === l);
      const meta = pick(['count = length([local.L])', 'depends_on = [local.L]', 'for_each = toset([tostring(local.L)])', '']);
      c.others = [...(c.others ?? []), ['loop', meta.replace('L', l), meta ? '1' : `local.${l}`]];
      c.locals[at] = [l, pick(['terraform_data.loop', 'terraform_data.loop[0].id', 'try(terraform_data.loop.output, 1)'])];
    }
    // path.cwd where hunt 41 put path.*
    for (const bd of c.host.bds) if (chance(0.15)) bd[pick(['volume_size', 'volume_type', 'uuid'])] = pick(CWD);
    if (c.locals.length && chance(0.2)) { const at = rnd(c.locals.length); c.locals[at] = [c.locals[at][0], pick(CWD)]; }
    console.log(JSON.stringify(c));
  }
}
