/**
 * Hunt 40 generator: configurations whose block devices read names, some of them not declared:
 * `local.x`, `var.x` (declared, misspelt by one or two letters, or unknown), resources and data
 * sources (declared, with or without count, indexed or not, misspelt, a managed reference to a
 * declared data source), module calls, `count.index` and `each.*` with and without count/for_each
 * on the resource, `self`, `path.*`, `terraform.*`, a bare name, `local` alone, a reserved root,
 * each inside operators, templates, conditionals, `for` expressions and try()/lookup(). The
 * expressions fill slots: locals, the instance's user_data, its block_device blocks (volume_size,
 * uuid, boot_index, volume_type, delete_on_termination), a dynamic block_device (for_each and
 * content), an openstack_compute_volume_attach_v2 (instance_id, volume_id, device).
 * `render(c, 'bdm')` is the configuration bdm-lab reads; `render(c, 'tf')` the same for the real
 * terraform (scripts/terraform-hunt40-label.ts), whose providers cannot be installed here: the
 * instance is an aws_instance (ebs_block_device, snapshot_id for uuid, iops for boot_index), the
 * attachment an aws_volume_attachment, the declared resources terraform_data and
 * terraform_remote_state (the same names in both). Each slot's expression is the same text in both;
 * `slots` gives its byte offset in each rendering, so places compare slot by slot.
 * `node --import tsx scripts/terraform-hunt40-gen.ts SEED COUNT > cases.jsonl`
 */
import { rng } from './prng.mjs';

export interface Case {
  vars: Array<[string, string]>;
  locals: Array<[string, string]>;
  /** terraform_data resources: name and meta-argument (`count = 2`, `for_each = …`, or '') */
  decl: Array<[string, string]>;
  data: boolean;
  module: boolean;
  /** the instance: its meta-argument, user_data, static block devices, a dynamic one */
  host: { meta: string; user_data?: string; bds: Array<Record<string, string>>; dyn?: { for_each: string; iterator?: string; size: string } };
  attach?: Record<string, string>;
}

export type Side = 'bdm' | 'tf';
/** a slot: where an expression stands (`local.NAME`, `host.user_data`, `host.bd0.volume_size`, `host.dyn.for_each`, `attach.volume_id`), its offset in the rendering */
export interface Slot { id: string; owner: 'locals' | 'host' | 'attach'; expr: string; at: number }

const BD_TF: Record<string, string> = { volume_size: 'volume_size', uuid: 'snapshot_id', boot_index: 'iops', volume_type: 'volume_type', delete_on_termination: 'delete_on_termination' };
const ATT_TF: Record<string, string> = { instance_id: 'instance_id', volume_id: 'volume_id', device: 'device_name' };

/** the configuration as one side reads it, with its slots */
export function render(c: Case, side: Side): { text: string; slots: Slot[] } {
  let text = '';
  const slots: Slot[] = [];
  const enc = new TextEncoder();
  const line = (s: string) => { text += `${s}\n`; };
  const slot = (prefix: string, id: string, owner: Slot['owner'], expr: string) => {
    const head = `${prefix}`;
    slots.push({ id, owner, expr, at: enc.encode(text + head).length });
    line(head + expr);
  };
  for (const [n, d] of c.vars) { line(`variable "${n}" {`); line(`  default = ${d}`); line('}'); }
  if (c.locals.length) {
    line('locals {');
    for (const [n, e] of c.locals) slot(`  ${n} = `, `local.${n}`, 'locals', e);
    line('}');
  }
  for (const [n, meta] of c.decl) { line(`resource "terraform_data" "${n}" {`); if (meta) line(`  ${meta}`); line('  input = 10'); line('}'); }
  if (c.data) { line('data "terraform_remote_state" "net" {'); line('  backend = "local"'); line('}'); }
  if (c.module) { line('module "net" {'); line('  source = "./empty"'); line('}'); }
  const h = c.host;
  line(side === 'bdm' ? 'resource "openstack_compute_instance_v2" "web" {' : 'resource "aws_instance" "web" {');
  if (h.meta) line(`  ${h.meta}`);
  line(side === 'bdm' ? '  name = "web"' : '  ami = "ami-1"');
  line(side === 'bdm' ? '  flavor_name = "m1.small"' : '  instance_type = "t2.micro"');
  if (h.user_data !== undefined) slot('  user_data = ', 'host.user_data', 'host', h.user_data);
  h.bds.forEach((bd, i) => {
    line(side === 'bdm' ? '  block_device {' : '  ebs_block_device {');
    if (side === 'bdm') { line('    source_type = "blank"'); line('    destination_type = "volume"'); } else line(`    device_name = "/dev/sd${'bcdefg'[i]}"`);
    for (const [k, e] of Object.entries(bd)) slot(`    ${side === 'bdm' ? k : BD_TF[k]} = `, `host.bd${i}.${k}`, 'host', e);
    line('  }');
  });
  if (h.dyn) {
    line(side === 'bdm' ? '  dynamic "block_device" {' : '  dynamic "ebs_block_device" {');
    slot('    for_each = ', 'host.dyn.for_each', 'host', h.dyn.for_each);
    if (h.dyn.iterator) line(`    iterator = ${h.dyn.iterator}`);
    line('    content {');
    if (side === 'bdm') { line('      source_type = "blank"'); line('      destination_type = "volume"'); } else line('      device_name = "/dev/sdh"');
    slot('      volume_size = ', 'host.dyn.volume_size', 'host', h.dyn.size);
    line('    }');
    line('  }');
  }
  line('}');
  if (c.attach) {
    line(side === 'bdm' ? 'resource "openstack_compute_volume_attach_v2" "att" {' : 'resource "aws_volume_attachment" "att" {');
    for (const [k, e] of Object.entries(c.attach)) slot(`  ${side === 'bdm' ? k : ATT_TF[k]} = `, `attach.${k}`, 'attach', e);
    if (side === 'tf' && !('device' in c.attach)) line('  device_name = "/dev/sdh"');
    if (side === 'tf' && !('instance_id' in c.attach)) line('  instance_id = "i-1"');
    if (side === 'tf' && !('volume_id' in c.attach)) line('  volume_id = "vol-1"');
    line('}');
  }
  return { text, slots };
}

if (process.argv[1]?.endsWith('terraform-hunt40-gen.ts')) {
  const [seedArg, countArg] = process.argv.slice(2);
  const r = rng((Number(seedArg) >>> 0) ^ 0x40404040);
  const rnd = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];
  const chance = (p: number) => r() < p;
  const LOCAL_NAMES = ['disk_size', 'disk_sizes', 'volume_type', 'prefix', 'image_id', 'boot', 'sizes', 'names', 'vol_ids', 'env'];
  const VAR_NAMES = ['size', 'volume_size', 'image', 'images', 'disk_count', 'region', 'type', 'boot_volume_size'];
  // one or two letters changed, dropped, doubled or swapped
  const typo = (s: string): string => {
    const i = rnd(s.length);
    switch (rnd(4)) {
      case 0: return s.slice(0, i) + s.slice(i + 1);
      case 1: return s.slice(0, i) + s[i] + s.slice(i);
      case 2: return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : `${s}s`;
      default: return s.slice(0, i) + pick([...'aeiosxz_']) + s.slice(i + 1);
    }
  };
  for (let n = 0; n < Number(countArg); n++) {
    const vars: Array<[string, string]> = [];
    for (const v of VAR_NAMES) if (chance(0.35)) vars.push([v, pick(['10', '"ssd"', '[10, 20]', '{ a = 1 }', 'null', '"img"'])]);
    const localNames = LOCAL_NAMES.filter(() => chance(0.35));
    const decl: Array<[string, string]> = [];
    for (const name of ['vol', 'boot', 'data_vol']) if (chance(0.4)) decl.push([name, pick(['', '', 'count = 2', 'for_each = toset(["a", "b"])'])]);
    const data = chance(0.4);
    const module = chance(0.25);
    const hostMeta = pick(['', '', 'count = 2', 'for_each = toset(["a", "b"])', 'for_each = { a = 10, b = 20 }']);
    const dynIter = chance(0.4) ? pick(['d', 'disk', 'bd']) : undefined;
    const declaredLocal = () => (localNames.length ? pick(localNames) : 'zz');
    const declaredVar = () => (vars.length ? pick(vars)[0] : 'zz');
    const declaredRes = () => (decl.length ? pick(decl)[0] : 'vol');
    // a reference, right or wrong (`iter`: a dynamic block's iterator in scope)
    const ref = (iter?: string): string => {
      switch (rnd(30)) {
        case 0: case 1: return `local.${declaredLocal()}`;
        case 2: return `local.${typo(declaredLocal())}`;
        case 3: return `local.${pick(['nope', 'disk', 'size', 'sizez', 'volumes', 'vol_id'])}`;
        case 4: case 5: return `var.${declaredVar()}`;
        case 6: return `var.${typo(declaredVar())}`;
        case 7: return `var.${pick(['nope', 'disk_size', 'flavor', 'sizes', 'image_ids'])}`;
        case 8: return `terraform_data.${declaredRes()}.id`;
        case 9: return `terraform_data.${declaredRes()}[0].id`;
        case 10: return `terraform_data.${declaredRes()}["a"].id`;
        case 11: return `terraform_data.${pick(['nope', 'vol2', typo(declaredRes())])}.id`;
        case 12: return `openstack_blockstorage_volume_v3.${pick(['vol', 'data', 'boot'])}.${pick(['id', 'size'])}`;
        case 13: return pick(['data.terraform_remote_state.net.outputs', 'data.terraform_remote_state.nett.outputs', 'terraform_remote_state.net.outputs', 'data.openstack_images_image_v2.ubuntu.id', 'data.x.y.z']);
        case 14: return pick(['module.net', 'module.nett.id', 'module.vpc.out', 'module.net2.volume_id', 'module.ne.x']);
        case 15: case 16: return pick(['count.index', 'count.index + 1', 'each.value', 'each.key', 'each.value.size']);
        case 17: return pick(['count.nope', 'each.nope', 'self.id', 'self', 'path.module', 'path.nope', 'path.roots', 'path.cwd', 'terraform.workspace', 'terraform.nope', 'terraform.env']);
        case 18: return pick(['disk_size', 'size', 'volume', 'string', 'local', 'var', 'data.x', 'template.x', 'count', 'each']);
        case 19: return iter ? `${iter}.value` : 'each.value';
        case 20: return iter ? `${iter}.key` : 'count.index';
        case 21: return `${pick(['terraform_data', 'openstack_blockstorage_volume_v3'])}.${declaredRes()}[count.index].id`;
        default: return pick(['10', '"ssd"', '1', '0', 'true', '"vol-1"', '-1', 'null']);
      }
    };
    const wrap = (iter?: string): string => {
      const a = ref(iter);
      switch (rnd(12)) {
        case 0: return `${a} + 1`;
        case 1: return `"\${${a}}-disk"`;
        case 2: return `${ref(iter)} != null ? ${a} : ${ref(iter)}`;
        case 3: return `[for x in ${pick(['local.disk_sizes', 'var.images', '[1, 2]', ref(iter)])} : ${chance(0.5) ? 'x' : a}][0]`;
        case 4: return `try(${a}, 10)`;
        case 5: return `lookup({ a = 1 }, ${a}, 10)`;
        case 6: return `length(${a})`;
        case 7: return `[${a}, ${ref(iter)}][0]`;
        case 8: return `coalesce(${a}, ${ref(iter)})`;
        default: return a;
      }
    };
    const locals: Array<[string, string]> = localNames.map((l) => [l, chance(0.3) ? wrap() : pick(['10', '"ssd"', '[10, 20]', '"web"', 'true', '{ a = 1 }'])]);
    const bds: Array<Record<string, string>> = [];
    for (let i = rnd(3); i > 0; i--) {
      const bd: Record<string, string> = {};
      for (const k of ['volume_size', 'uuid', 'boot_index', 'volume_type', 'delete_on_termination']) if (chance(0.35)) bd[k] = wrap();
      bds.push(bd);
    }
    const dyn = chance(0.35) ? { for_each: wrap(), ...(dynIter ? { iterator: dynIter } : {}), size: wrap(dynIter ?? 'block_device') } : undefined;
    const host: Case['host'] = { meta: hostMeta, bds, ...(dyn ? { dyn } : {}), ...(chance(0.3) ? { user_data: wrap() } : {}) };
    const attach = chance(0.3) ? Object.fromEntries(['instance_id', 'volume_id', 'device'].filter(() => chance(0.6)).map((k) => [k, wrap()])) : undefined;
    const c: Case = { vars, locals, decl, data, module, host, ...(attach ? { attach } : {}) };
    console.log(JSON.stringify(c));
  }
}
