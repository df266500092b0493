/**
 * Hunt 43 generator: configurations whose block devices compute their values rather than name them:
 * variables with type constraints (number, string, bool, list(map(string)), object({...}) with
 * optional() attributes and their defaults), nullable = false, sensitive = true and validation
 * blocks, defaults that convert or fail to; try(), can(), coalesce(), lookup() with a default,
 * splat expressions, conditionals whose arms differ in type, templates with %{ if }/%{ for }
 * directives and strip markers, heredocs (plain and indented), numeric edge cases (1e3, big and
 * negative numbers, fractions), tostring/tonumber/tobool, locals that chain them, and moved blocks.
 * The expressions fill the block devices' slots (volume_size, volume_type, uuid, boot_index,
 * delete_on_termination) of one instance. `render43(c, 'bdm')` is the configuration bdm-lab reads;
 * `render43(c, 'tf')` the same for the real terraform, whose OpenStack provider cannot be installed
 * here: an aws_instance with ebs_block_device blocks (uuid as snapshot_id, boot_index as iops, volume_type as kms_key_id, whose values the aws provider does not check, each
 * block's device_name /dev/sdb, /dev/sdc, … to find it again in the planned set), as hunt 40 does.
 * `node --import tsx scripts/terraform-hunt43-gen.ts SEED COUNT > cases.jsonl`
 */
import { rng } from './prng.mjs';

export type Side = 'bdm' | 'tf';
export interface Case43 {
  /** variable blocks: name and body lines */
  vars: Array<[string, string[]]>;
  locals: Array<[string, string]>;
  /** the instance's block devices: slot name -> expression */
  bds: Array<Record<string, string>>;
  /** other top-level text (moved blocks, terraform block), `TYPE` standing for the instance's resource type */
  extra: string[];
}
export interface Slot43 { id: string; expr: string; at: number }

export const BD_TF: Record<string, string> = { volume_size: 'volume_size', uuid: 'snapshot_id', boot_index: 'iops', volume_type: 'kms_key_id', delete_on_termination: 'delete_on_termination' };
export const DEVICES = 'bcdefgh';

export function render43(c: Case43, side: Side): { text: string; slots: Slot43[] } {
  let text = '';
  const slots: Slot43[] = [];
  const enc = new TextEncoder();
  const line = (s: string) => { text += `${s}\n`; };
  const type = side === 'bdm' ? 'openstack_compute_instance_v2' : 'aws_instance';
  for (const x of c.extra) line(x.replaceAll('TYPE', type));
  for (const [n, body] of c.vars) { line(`variable "${n}" {`); for (const b of body) line(`  ${b}`); line('}'); }
  if (c.locals.length) {
    line('locals {');
    for (const [n, e] of c.locals) { const head = `  ${n} = `; slots.push({ id: `local.${n}`, expr: e, at: enc.encode(text + head).length }); line(head + e); }
    line('}');
  }
  line(`resource "${type}" "web" {`);
  line(side === 'bdm' ? '  name = "web"' : '  ami = "ami-1"');
  line(side === 'bdm' ? '  flavor_name = "m1.small"' : '  instance_type = "t2.micro"');
  c.bds.forEach((bd, i) => {
    line(side === 'bdm' ? '  block_device {' : '  ebs_block_device {');
    if (side === 'bdm') { line('    source_type = "blank"'); line('    destination_type = "volume"'); } else line(`    device_name = "/dev/sd${DEVICES[i]}"`);
    for (const [k, e] of Object.entries(bd)) {
      const head = `    ${side === 'bdm' ? k : BD_TF[k]} = `;
      slots.push({ id: `bd${i}.${k}`, expr: e, at: enc.encode(text + head).length });
      line(head + e);
    }
    line('  }');
  });
  line('}');
  return { text, slots };
}

if (process.argv[1]?.endsWith('terraform-hunt43-gen.ts')) {
  const [seedArg, countArg] = process.argv.slice(2);
  const r = rng((Number(seedArg) >>> 0) ^ 0x43434343);
  const rnd = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];
  const chance = (p: number) => r() < p;
  const VARS: Record<string, () => string[]> = {
    size: () => [pick(['type = number', 'type = number', 'type = string', '']), `default = ${pick(['10', '20', '"30"', '1e3', '-5', '1.5', '0', '12345678901234567890', '"abc"', 'null', '2.50', '0.1', '"0x10"', '"1e2"', ' 5 '])}`,
      ...(chance(0.3) ? [pick(['nullable = false', 'nullable = true', 'sensitive = true'])] : []),
      ...(chance(0.25) ? ['validation {', `  condition     = ${pick(['var.size > 0', 'var.size == floor(var.size)', 'can(tonumber(var.size))', 'var.size < 100', 'var.size != null'])}`, '  error_message = "The size must be a whole positive number."', '}'] : [])],
    cfg: () => [`type = object({ ${pick(['size = optional(number, 8), type = optional(string, "ssd"), tags = optional(list(string), [])', 'size = optional(number), type = optional(string)', 'size = optional(number, 8), type = optional(string, "ssd"), tags = optional(list(string), [])', 'size = optional(number), type = optional(string)', 'size = number, type = optional(string, "hdd")', 'size = optional(number, "12"), type = optional(string, 3)'])} })`,
      `default = ${pick(['{}', '{ size = 30 }', '{ size = "40", type = "gold" }', '{ type = null }', '{ size = null }', '{ size = 5, extra = 1 }', '{ tags = ["a", "b"] }', 'null'])}`,
      ...(chance(0.2) ? ['nullable = false'] : [])],
    disks: () => [pick(['type = list(map(string))', 'type = list(object({ size = number, type = optional(string, "std") }))', 'type = any', 'type = list(any)']),
      `default = ${pick(['[{ size = "10", type = "ssd" }, { size = "20", type = "hdd" }]', '[{ size = 10 }, { size = 20, type = "gold" }]', '[]', '[{ size = "x" }]', '[{ size = 1.5, type = true }]', '[{ size = 3 }]'])}`],
    name: () => [pick(['type = string', '']), `default = ${pick(['"db"', '"data-01"', '""', 'null', '5', 'true', '"  spaced  "'])}`, ...(chance(0.3) ? [pick(['nullable = false', 'sensitive = true'])] : [])],
    flag: () => [pick(['type = bool', 'type = bool', '']), `default = ${pick(['true', 'false', 'true', 'false', '"true"', '"yes"', '1', 'null'])}`],
    maybe: () => [pick(['type = number', 'type = string']), `default = ${pick(['null', '7'])}`, ...(chance(0.5) ? [pick(['nullable = false', 'nullable = true'])] : [])],
  };
  const num = () => pick(['var.size', 'var.size', 'var.cfg.size', 'tonumber(var.disks[0].size)', 'lookup(var.disks[1], "size", 5)', 'try(var.disks[2].size, 15)', 'try(tonumber(var.disks[0].size), 11)',
    'can(var.disks[2]) ? 1 : 2', 'coalesce(var.maybe, 25)', 'var.flag ? 10 : "20"', 'var.flag ? 10 : "big"', 'var.flag ? var.size : null', '1e3', '1e1', '-var.size', 'tonumber("0x10")', 'floor(var.size / 3)',
    'max([for d in var.disks : tonumber(d.size)]...)', 'length(var.disks[*].size) * 10', 'sum([1, 2.5])', 'parseint("ff", 16)', 'tonumber(true)', 'var.size % 7', '99999999999999999999', 'tonumber("1_000")',
    '1.0', '"010"', 'abs(-3)', 'ceil(1.2)', 'pow(2, 10)', 'jsondecode("1e2")', 'var.secret', 'tonumber(format("%d", 12))', 'length(var.name)', 'var.cfg == null ? 1 : 2', '-1', '0.5 + 0.5', '3 / 2',
    'coalesce(var.cfg.size, var.size)', 'lookup(var.cfg, "size", 9)', 'try(var.cfg.size, 4)', 'var.disks[0].size + 1', 'length(var.cfg.tags)', 'tonumber(var.name)', 'length("${var.size}")', 'local.n', 'local.n', 'local.m * 2',
    'one(var.disks[*].size)', 'element(var.disks[*].size, 3)', 'var.disks[*].size[0]', 'tonumber(trimspace(" 8 "))', 'min()', 'signum(var.size)', 'tonumber(null)', 'length(keys(var.cfg))']);
  const str = () => pick(['"%{ if var.flag }ssd%{ else }hdd%{ endif }"', '"%{ for d in var.disks ~} ${d.type} %{~ endfor }"', '"%{ for i, d in var.disks }${i}:${d.size},%{ endfor }"', '<<-EOT\n      ssd\n      EOT',
    '<<EOT\nfast\nEOT', 'trimspace(<<EOT\n  gold\nEOT\n)', 'upper(var.name)', 'tostring(var.size)', 'tostring(true)', 'tostring([1])', 'lookup(var.cfg, "type", "x")', 'coalesce("", var.name)', 'coalesce(null, "")',
    'var.cfg.tags[0]', 'try(var.cfg.tags[0], "std")', 'join("-", var.disks[*].type)', 'format("%s-%03d", var.name, var.size)', 'replace(var.name, "/d/", "X")', 'sensitive("ssd")', 'var.flag ? "a" : 1',
    'var.cfg.type', 'var.name', '"${var.name}-${var.size}"', '"%{ if var.name == "" }empty%{ endif }"', '"  ${var.name}  "', '"a\\tb"', '"${~ var.name ~}"', '"%{ if var.flag ~} yes %{~ else ~} no %{~ endif ~}"',
    'tostring(null)', 'tostring(1e3)', 'tostring(0.1 + 0.2)', 'local.s', 'local.s', 'join(",", [for d in var.disks : d.type if d.size != "10"])', 'var.disks[0]["type"]', 'format("%.2f", var.size)', 'substr(var.name, 0, 2)',
    'title(coalesce(var.cfg.type, "x"))', 'jsonencode(var.size)', 'tostring(var.flag)', 'regex("[0-9]+", var.name)', 'try(regex("[0-9]+", var.name), "none")', 'split("-", var.name)[1]', 'var.disks[*].type[0]', '"$${var.name}"', '"%%{ x }"']);
  const bool = () => pick(['var.flag', 'tobool("true")', 'tobool("yes")', 'can(var.cfg.size)', 'var.size > 5', '"true"', '"false"', '!var.flag', 'contains(coalesce(var.cfg.tags, []), "a")', 'alltrue([])', 'anytrue([var.flag])',
    'var.flag && var.size > 0', 'tobool(null)', 'var.flag ? true : "no"', '1', '"1"', 'can(tonumber(var.name))', 'var.name == "db"', 'local.b', 'try(tobool(var.name), false)', 'var.cfg != null']);
  const LOCALS: Record<string, () => string> = { n: num, m: num, s: str, b: bool };
  for (let n = 0; n < Number(countArg); n++) {
    const vars: Array<[string, string[]]> = [];
    for (const v of Object.keys(VARS)) if (chance(0.97)) vars.push([v, VARS[v]()]);
    if (chance(0.9)) vars.push(['secret', ['sensitive = true', `default = ${pick(['50', '"60"', '2'])}`]]);
    const locals: Array<[string, string]> = [];
    for (const l of Object.keys(LOCALS)) if (chance(0.5)) locals.push([l, LOCALS[l]()]);
    const bds: Array<Record<string, string>> = [];
    for (let i = 0, k = 1 + rnd(2); i < k; i++) {
      const bd: Record<string, string> = {};
      if (chance(0.85)) bd.volume_size = num();
      if (chance(0.5)) bd.volume_type = str();
      if (chance(0.3)) bd.uuid = str();
      if (chance(0.3)) bd.boot_index = pick([num(), '-1', '0']);
      if (chance(0.4)) bd.delete_on_termination = bool();
      bds.push(bd);
    }
    const extra: string[] = [];
    if (chance(0.15)) extra.push('terraform {', `  required_version = "${pick(['>= 1.0', '~> 1.11', '>= 0.13, < 2.0'])}"`, '}');
    if (chance(0.15)) extra.push('moved {', `  from = ${pick(['TYPE.old', 'TYPE.web[0]', 'TYPE.web', 'TYPE.old[0]'])}`, `  to   = ${pick(['TYPE.web', 'TYPE.new'])}`, '}');
    console.log(JSON.stringify({ vars, locals, bds, extra } satisfies Case43));
  }
}
