/**
 * Hunt 44 generator: configurations as operators write them for many instances and many disks,
 * where hunt 43 had one instance with fixed block devices: the instance with `count` (a number,
 * a conditional, a length, a string that converts or not, index math in its disks) or `for_each`
 * (a map of objects, a set of strings, a `for` expression that filters, a list that is refused, a
 * sensitive value), a `dynamic "block_device"` over a map, set, list or a try() of an optional
 * attribute (with or without `iterator`), locals with conditionals, variables with type
 * constraints, validation blocks, `nullable`, `sensitive` (strings that convert to numbers or
 * not), object types with optional() attributes and defaults; try(), can(), coalesce(), lookup();
 * and, seldom, what hunt 43 left open: a splat followed by an index, a `moved` block beside another
 * refusal, an instance reading itself, `path.cwd`, a module call whose count reads back through a local.
 * `render44(c, 'bdm')` is the configuration bdm-lab reads; `render44(c, 'tf')` the same for the real
 * terraform (an aws_instance with ebs_block_device blocks, as hunt 43: uuid as snapshot_id, boot_index
 * as iops, volume_type as kms_key_id; static blocks named /dev/sdb, /dev/sdc, …, dynamic ones
 * /dev/xvd<key>, to find them again in the planned set).
 * `node --import tsx scripts/terraform-hunt44-gen.ts SEED COUNT [clean] > cases.jsonl` (clean: every default suits its type)
 */
import { rng } from './prng.mjs';

export type Side = 'bdm' | 'tf';
export interface Case44 {
  vars: Array<[string, string[]]>;
  locals: Array<[string, string]>;
  /** the instance's meta-argument: [count|for_each, expression] */
  meta?: [string, string];
  bds: Array<Record<string, string>>;
  /** a dynamic block device: its for_each, iterator name, and content slots */
  dyn?: { for_each: string; iterator?: string; fields: Record<string, string> };
  /** other top-level text (moved blocks, module calls), `TYPE` standing for the instance's resource type */
  extra: string[];
}
export interface Slot44 { id: string; expr: string; at: number }

export const BD_TF: Record<string, string> = { volume_size: 'volume_size', uuid: 'snapshot_id', boot_index: 'iops', volume_type: 'kms_key_id', delete_on_termination: 'delete_on_termination' };
export const DEVICES = 'bcdefgh';

export function render44(c: Case44, side: Side): { text: string; slots: Slot44[] } {
  let text = '';
  const slots: Slot44[] = [];
  const enc = new TextEncoder();
  const line = (s: string) => { text += `${s}\n`; };
  const type = side === 'bdm' ? 'openstack_compute_instance_v2' : 'aws_instance';
  const slot = (head: string, id: string, raw: string) => { const e = raw.replaceAll('TYPE', type); slots.push({ id, expr: e, at: enc.encode(text + head).length }); line(head + e); };
  for (const x of c.extra) line(x.replaceAll('TYPE', type));
  for (const [n, body] of c.vars) { line(`variable "${n}" {`); for (const b of body) line(`  ${b}`); line('}'); }
  if (c.locals.length) {
    line('locals {');
    for (const [n, e] of c.locals) slot(`  ${n} = `, `local.${n}`, e);
    line('}');
  }
  line(`resource "${type}" "web" {`);
  if (c.meta) slot(`  ${c.meta[0]} = `, 'meta', c.meta[1]);
  line(side === 'bdm' ? '  name = "web"' : '  ami = "ami-1"');
  line(side === 'bdm' ? '  flavor_name = "m1.small"' : '  instance_type = "t2.micro"');
  c.bds.forEach((bd, i) => {
    line(side === 'bdm' ? '  block_device {' : '  ebs_block_device {');
    if (side === 'bdm') { line('    source_type = "blank"'); line('    destination_type = "volume"'); } else line(`    device_name = "/dev/sd${DEVICES[i]}"`);
    for (const [k, e] of Object.entries(bd)) slot(`    ${side === 'bdm' ? k : BD_TF[k]} = `, `bd${i}.${k}`, e);
    line('  }');
  });
  if (c.dyn) {
    const it = c.dyn.iterator ?? (side === 'bdm' ? 'block_device' : 'ebs_block_device');
    line(side === 'bdm' ? '  dynamic "block_device" {' : '  dynamic "ebs_block_device" {');
    slot('    for_each = ', 'dyn.for_each', c.dyn.for_each);
    if (c.dyn.iterator) line(`    iterator = ${c.dyn.iterator}`);
    line('    content {');
    if (side === 'bdm') { line('      source_type = "blank"'); line('      destination_type = "volume"'); } else line(`      device_name = "/dev/xvd\${${it}.key}"`);
    for (const [k, e] of Object.entries(c.dyn.fields)) {
      const expr = e.replaceAll('ITER', it);
      slot(`      ${side === 'bdm' ? k : BD_TF[k]} = `, `dyn.${k}`, expr);
    }
    line('    }');
    line('  }');
  }
  line('}');
  return { text, slots };
}

if (process.argv[1]?.endsWith('terraform-hunt44-gen.ts')) {
  const [seedArg, countArg] = process.argv.slice(2);
  const r = rng((Number(seedArg) >>> 0) ^ 0x44444444);
  const rnd = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];
  const chance = (p: number) => r() < p;
  // `clean`: defaults that suit their types, so that more cases get to the plan
  const clean = process.argv[4] === 'clean';
  const dflt = (good: string[], bad: string[]) => (!clean && chance(0.12) ? pick(bad) : pick(good));
  const VARS: Record<string, () => string[]> = {
    disks: () => {
      const t = pick(['map(object({ size = number, type = optional(string, "ssd"), boot = optional(bool, false) }))', 'map(object({ size = optional(number, 8), type = optional(string) }))', 'map(any)', 'map(object({ size = number, type = optional(string) }))', '']);
      return [...(t ? [`type = ${t}`] : []), `default = ${dflt(['{ data = { size = 10 }, logs = { size = 20, type = "hdd" } }', '{ data = { size = 10, type = "ssd" } }', '{}', '{ b = { size = "30" }, a = { size = 5, type = null } }', '{ data = { size = 1.5, type = "gold", boot = true } }', '{ z = { size = 0 }, m = { size = 100, type = "ssd" } }'], ['{ data = { size = "x" } }', 'null', '{ data = {} }'])}`,
        ...(chance(0.25) ? ['nullable = false'] : []),
        ...(chance(0.3) ? ['validation {', `  condition     = ${pick(['alltrue([for d in values(var.disks) : d.size > 0])', 'length(var.disks) <= 4', 'var.disks != null', 'alltrue([for k, d in var.disks : can(regex("^[a-z]+$", k))])', 'length(var.disks) > 0'])}`, `  error_message = "${pick(['Each disk needs a positive size.', 'Too many disks.', 'Disk names must be lower case.'])}"`, '}'] : [])];
    },
    names: () => [pick(['type = set(string)', 'type = list(string)', 'type = set(string)', '']), `default = ${dflt(['["data", "logs"]', '["b", "a", "b"]', '[]', '["x"]', '["1", "2", "10"]'], ['null', '[1, true]'])}`, ...(chance(0.2) ? ['nullable = false'] : [])],
    sizes: () => [pick(['type = list(number)', 'type = list(number)', 'type = list(string)', '']), `default = ${dflt(['[10, 20, 30]', '[5]', '[]', '["10", "20"]', '[8, 0, 16]', '[1.5, 2]'], ['["a"]', 'null'])}`,
      ...(chance(0.2) ? ['validation {', '  condition     = alltrue([for s in var.sizes : s >= 1])', '  error_message = "Sizes must be at least 1 GiB."', '}'] : [])],
    instance_count: () => [pick(['type = number', 'type = number', 'type = string', '']), `default = ${dflt(['2', '3', '1', '0', '"2"', '2', '10'], ['1.5', '-1', 'null', '"two"'])}`,
      ...(chance(0.3) ? ['validation {', `  condition     = ${pick(['var.instance_count >= 0 && var.instance_count <= 5', 'var.instance_count == floor(var.instance_count)', 'var.instance_count < 3'])}`, '  error_message = "The instance count must be a whole number from 0 to 5."', '}'] : [])],
    env: () => ['type = string', `default = ${dflt(['"prod"', '"dev"', '""', '"staging"'], ['null', '"qa"'])}`, ...(chance(clean ? 0.05 : 0.3) ? ['validation {', '  condition     = contains(["prod", "dev", "staging"], var.env)', '  error_message = "Unknown environment."', '}'] : []), ...(chance(0.2) ? ['nullable = false'] : [])],
    enabled: () => [pick(['type = bool', '']), `default = ${dflt(['true', 'false', 'true', '"true"'], ['null', '"yes"'])}`],
    secret: () => { const t = pick(['type = string', 'type = number', '']); return [t, 'sensitive = true', `default = ${clean && t === 'type = number' ? pick(['"40"', '40', '"1e2"']) : dflt(['"40"', '40', '"abc"', '"1e2"', '"30"'], ['" 5"', 'null', '"0x10"'])}`]; },
    cfg: () => [`type = object({ ${pick(['size = optional(number, 8), type = optional(string, "ssd"), extra = optional(map(number), {})', 'size = optional(number), type = optional(string), extra = optional(map(string))', ...(clean ? [] : ['size = number, extra = optional(map(number))'])])} })`,
      `default = ${dflt(['{}', '{ size = 30 }', '{ size = 30, extra = { scratch = 5 } }', '{ extra = null }', '{ size = "12", type = "gold" }'], ['null', '{ extra = { a = "x" } }'])}`, ...(chance(0.3) ? [pick(['nullable = false', 'nullable = true'])] : [])],
  };
  const idxNum = (meta?: string) => meta === 'count' ? pick(['var.base + count.index * 10', 'count.index == 0 ? 50 : 10', 'element(var.sizes, count.index)', 'var.sizes[count.index % length(var.sizes)]', 'count.index + 1', '(count.index + 1) * local.size', 'try(var.sizes[count.index], 8)', 'lookup(local.by_index, count.index, 4)', 'count.index * 2 - 1'])
    : meta === 'for_each' ? pick(['each.value.size', 'each.value', 'lookup(each.value, "size", 8)', 'try(each.value.size, 8)', 'each.key == "data" ? 100 : 10', 'length(each.key) * 5', 'tonumber(each.key)', 'try(tonumber(each.value), 6)']) : pick(['1', '8']);
  const num = (meta?: string) => chance(0.35) ? idxNum(meta) : pick(['local.size', 'local.size', 'var.cfg.size', 'coalesce(var.cfg.size, 10)', 'try(var.cfg.size, 4)', 'lookup(var.cfg.extra, "scratch", 2)', 'var.secret', 'tonumber(var.secret)', 'var.secret + 1', 'nonsensitive(var.secret)',
    'var.env == "prod" ? 100 : 20', 'var.enabled ? 10 : null', 'length(var.names) * 10', 'sum(var.sizes)', 'var.sizes[0]', 'var.disks["data"].size', 'try(var.disks["data"].size, 5)', 'lookup(var.disks, "data", { size = 3 }).size', 'max(var.sizes...)', 'var.disks[*].size[0]', 'var.sizes[*][0]', 'values(var.disks)[*].size[0]',
    'local.total', 'coalesce(local.maybe, 7)', 'can(var.disks.data) ? 1 : 2', 'var.base', 'var.base * 1024 / 1024', 'floor(var.base / 3)']);
  const str = () => pick(['local.tier', 'local.tier', 'var.env == "prod" ? "ssd" : "hdd"', 'coalesce(var.cfg.type, "std")', 'lookup(var.cfg, "type", "std")', 'try(var.cfg.type, "std")', '"${var.env}-vol"', 'upper(var.env)', 'var.env != "" ? var.env : null',
    'join("-", sort(var.names))', 'format("%s-%d", var.env, local.size)', '"${path.cwd}/disk"', 'path.module', 'tostring(var.secret)', 'var.secret', 'one(var.names)', 'try(one(var.names), "many")', 'var.cfg == null ? "none" : "some"']);
  const bool = () => pick(['var.enabled', '!var.enabled', 'var.env == "prod"', 'can(var.cfg.size)', 'try(var.disks["data"].boot, false)', 'local.keep', 'var.enabled && length(var.names) > 0', '"true"', 'tobool(var.enabled)', 'contains(var.names, "data")']);
  const LOCALS: Record<string, () => string> = {
    size: () => pick(['var.env == "prod" ? 100 : 20', 'var.enabled ? var.base : 10', 'coalesce(var.cfg.size, var.base)', 'try(var.cfg.size, 8)', 'var.base', 'max(var.base, 10)', 'var.env == "prod" ? 100 : "small"', 'tonumber(var.secret)']),
    tier: () => pick(['var.env == "prod" ? "ssd" : "hdd"', 'lookup({ prod = "ssd", dev = "hdd" }, var.env, "std")', 'coalesce(var.cfg.type, var.env, "std")', 'var.env == "" ? null : var.env', 'try({ prod = "ssd" }[var.env], "hdd")']),
    disks: () => pick(['{ for k, d in var.disks : k => d if d.size > 0 }', 'var.enabled ? var.disks : {}', 'merge(var.disks, { scratch = { size = 1, type = "std" } })', '{ for n in var.names : n => { size = 10, type = "ssd" } }', 'try(var.cfg.extra, {})', '{ for i, s in var.sizes : tostring(i) => { size = s } }', 'coalesce(var.disks, {})']),
    n: () => pick(['var.enabled ? var.instance_count : 0', 'length(var.names)', 'var.env == "prod" ? 3 : 1', 'min(var.instance_count, 3)', 'length(local.disks)', 'var.instance_count']),
    keep: () => pick(['var.env == "prod"', 'var.enabled', 'var.env != "dev" && var.enabled']),
    total: () => pick(['sum([for d in values(var.disks) : d.size])', 'length(var.sizes) > 0 ? sum(var.sizes) : 0', 'sum(concat(var.sizes, [0]))']),
    maybe: () => pick(['null', 'var.enabled ? null : 5', 'try(var.cfg.size, null)']),
    by_index: () => pick(['{ for i, s in var.sizes : i => s }', '{ "0" = 40, "1" = 30 }']),
  };
  for (let n = 0; n < Number(countArg); n++) {
    const vars: Array<[string, string[]]> = [];
    for (const v of Object.keys(VARS)) if (chance(0.99)) vars.push([v, VARS[v]()]);
    vars.push(['base', [pick(['type = number', 'type = number', '']), `default = ${dflt(['10', '20', '"16"', '10', '0'], ['1.5', 'null'])}`, ...(chance(0.2) ? ['nullable = false'] : [])]]);
    const locals: Array<[string, string]> = [];
    for (const l of Object.keys(LOCALS)) if (chance(0.92)) locals.push([l, LOCALS[l]()]);
    const m = rnd(10);
    const meta: [string, string] | undefined = m < 4 ? ['count', pick(['var.instance_count', 'var.instance_count', 'local.n', 'length(var.names)', 'var.enabled ? 2 : 0', 'var.env == "prod" ? 3 : 1', 'length(var.sizes)', 'length(local.disks)', '"2"', 'var.secret == "" ? 0 : 1'])]
      : m < 7 ? ['for_each', pick(['var.disks', 'var.disks', 'toset(var.names)', 'var.names', 'local.disks', '{ for k, d in var.disks : k => d if d.size > 5 }', 'var.sizes', 'toset([for s in var.sizes : tostring(s)])', 'var.enabled ? var.disks : {}', 'sensitive(var.disks)', '{ a = var.secret }', 'var.cfg.extra'])] : undefined;
    const bds: Array<Record<string, string>> = [];
    for (let i = 0, k = rnd(3); i < k; i++) {
      const bd: Record<string, string> = {};
      if (chance(0.85)) bd.volume_size = num(meta?.[0]);
      if (chance(0.4)) bd.volume_type = str();
      if (chance(0.2)) bd.uuid = str();
      if (chance(0.25)) bd.boot_index = pick([num(meta?.[0]), '-1', '0', 'count.index', 'var.enabled ? 0 : -1']);
      if (chance(0.35)) bd.delete_on_termination = bool();
      bds.push(bd);
    }
    let dyn: Case44['dyn'];
    if (chance(0.65)) {
      const fe = pick(['var.disks', 'var.disks', 'local.disks', 'toset(var.names)', 'var.names', 'var.sizes', '[for s in var.sizes : s if s > 0]', 'try(var.cfg.extra, {})', 'var.cfg.extra', 'coalesce(var.cfg.extra, {})', 'var.enabled ? var.disks : {}', 'local.disks', ...(meta?.[0] === 'for_each' ? ['each.value.disks', '{ (each.key) = each.value }'] : []), 'sensitive(var.sizes)', '{ for k, v in var.disks : k => v if k != "logs" }']);
      const fields: Record<string, string> = {};
      fields.volume_size = pick(['ITER.value.size', 'ITER.value.size', 'ITER.value', 'lookup(ITER.value, "size", 5)', 'try(ITER.value.size, ITER.value)', 'try(ITER.value.size, 5)', 'ITER.key == "data" ? 50 : 10', 'ITER.value * 2', 'coalesce(ITER.value.size, 1)', 'tonumber(ITER.key) + 1', 'length(ITER.key)']);
      if (chance(0.5)) fields.volume_type = pick(['try(ITER.value.type, "std")', 'ITER.value.type', 'coalesce(ITER.value.type, local.tier)', 'lookup(ITER.value, "type", "std")', 'ITER.key', '"${ITER.key}-${var.env}"', 'can(ITER.value.type) ? ITER.value.type : "x"']);
      if (chance(0.3)) fields.boot_index = pick(['-1', 'ITER.key == "data" ? 0 : -1', 'try(ITER.value.boot, false) ? 0 : -1']);
      if (chance(0.3)) fields.delete_on_termination = pick(['var.enabled', 'try(ITER.value.boot, false)', 'ITER.key != "data"']);
      dyn = { for_each: fe, ...(chance(0.35) ? { iterator: pick(['disk', 'd', 'vol']) } : {}), fields };
    }
    if (!bds.length && !dyn) bds.push({ volume_size: num(meta?.[0]) });
    const extra: string[] = [];
    if (chance(0.08)) extra.push('moved {', `  from = ${pick(['TYPE.old', 'TYPE.web[0]', 'TYPE.web', 'TYPE.old["a"]'])}`, `  to   = ${pick(['TYPE.web', 'TYPE.web[0]', 'TYPE.web["data"]'])}`, '}');
    if (chance(0.05)) extra.push('module "net" {', '  source = "./empty"', `  count  = ${pick(['local.mods', 'length(local.mods)'])}`, '}', 'locals {', `  mods = ${pick(['length(module.net)', 'module.net[*]', '1'])}`, '}');
    // an instance that reads itself
    if (chance(0.04) && bds[0]) bds[0].uuid = pick(['TYPE.web.id', 'TYPE.web[0].id', 'self.id']);
    console.log(JSON.stringify({ vars, locals, ...(meta ? { meta } : {}), bds, ...(dyn ? { dyn } : {}), extra } satisfies Case44));
  }
}
