/**
 * Hunt 39 generator: what an operator writes in an openstack_compute_instance_v2's block_device, with
 * the names a counted resource sees: count.index (1 to the oracle) and the locals of
 * scripts/terraform-hunt39-oracle/locals.tf (disks, sizes, names, prefix, env, n, none, flags, image).
 * count.index arithmetic, format(), lookup(), element(), try()/can(), conditionals, `for`
 * expressions over the locals (filters, grouping, duplicate keys), tostring/tonumber/tobool, string
 * templates with %{ if }/%{ for } and strip markers, heredocs (<<EOT and <<-EOT), indexes and splats
 * past the end, and variables with a type and a default (optional() attributes, conversions the
 * default needs, defaults that do not convert). Each piece is drawn from pools that mix right and
 * wrong arguments, so about a third of the cases are refusals (their words and places are compared).
 * JSON lines for scripts/terraform-hunt39-oracle and scripts/terraform-hunt39-compare.ts: `{expr}`,
 * or `{type, default, expr}` where the expression reads `var.v`.
 * With `slips` after COUNT, every case is one of them with a slip an operator makes (a comma, quote,
 * bracket or operator wrong, a heredoc's marker, a directive or interpolation left open, a character
 * pasted in): the parser's and the scanner's words and places.
 * `node --import tsx scripts/terraform-hunt39-gen.ts SEED COUNT [slips] > cases.jsonl`
 */
import { rng } from './prng.mjs';
import { hcl } from './terraform-hunt37-gen';

const [seedArg, countArg] = process.argv.slice(2);
const r = rng((Number(seedArg) >>> 0) ^ 0x39393939);
const rnd = (n: number) => Math.floor(r() * n);
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];

const idx = ['count.index', 'count.index + 1', 'count.index - 1', 'count.index * 2', 'count.index % 2', 'count.index + 3', '0', '1', '2', '3', '-1', '"1"', '1.5', 'local.n', 'local.n - 1', 'var.un', 'null', 'length(local.disks) - 1', 'count.index / 2', 'floor(count.index / 2)'];
const numAtom = ['count.index', 'local.n', 'local.sizes.small', 'local.sizes["large"]', 'local.disks[count.index].size', 'length(local.names)', '10', '1', '0', '2', '1024', '"20"', '1.5', 'var.un', 'null', 'true', '"x"', 'local.flags.copies', 'local.flags.ratio', 'local.none', '-count.index', 'local.disks[0]', 'tonumber(local.flags.copies)'];
const strAtom = ['local.prefix', 'local.env', 'local.names[count.index]', '"vda"', '"ssd"', '""', 'var.us', 'local.disks[count.index].type', 'local.flags.encrypted', 'local.image', '"${local.prefix}-${count.index}"', '1', 'true', 'null', 'local.names', 'local.sizes', '"prod"', '"small"', '"large"', '"medium"', '"huge"'];
const coll = ['local.disks', 'local.names', 'local.sizes', 'local.none', 'local.flags', 'range(local.n)', 'range(count.index)', 'var.ul', 'local.image', 'local.prefix', 'local.disks[count.index]', 'local.disks[*].size', 'toset(local.names)', 'keys(local.sizes)', '[for d in local.disks : d if d.boot]'];
const ops = ['+', '-', '*', '/', '%'];
const cmps = ['==', '!=', '<', '>', '<=', '>='];

const num = (d = 0): string => {
  if (d > 2) return pick(numAtom);
  switch (rnd(8)) {
    case 0: case 1: return `${num(d + 1)} ${pick(ops)} ${num(d + 1)}`;
    case 2: return `(${num(d + 1)} ${pick(ops)} ${num(d + 1)}) ${pick(ops)} ${pick(numAtom)}`;
    case 3: return `${pick(['floor', 'ceil', 'abs', 'signum', 'tonumber', 'max', 'min'])}(${num(d + 1)})`;
    case 4: return `${cond(d + 1)} ? ${num(d + 1)} : ${num(d + 1)}`;
    default: return pick(numAtom);
  }
};
const str = (d = 0): string => {
  if (d > 2) return pick(strAtom);
  switch (rnd(8)) {
    case 0: return `format(${fmt()}, ${Array.from({ length: rnd(3) + (rnd(4) ? 1 : 0) }, () => (rnd(2) ? num(d + 1) : str(d + 1))).join(', ')})`.replace(', )', ')');
    case 1: return `"${pick(['${local.prefix}', '${count.index}', 'disk-', '${local.names[count.index]}', '${count.index + 1}', '%{ if count.index == 0 }boot%{ else }data%{ endif }', '${local.env}', '${var.us}', '${local.disks[count.index].size}GB', '${local.sizes}', '${null}', '%%{x}', '$${x}'])}${pick(['', '-${count.index}', '-data', '${local.flags.encrypted}', '%{ if local.env == "prod" }-p%{ endif }', '%{ for n in local.names }${n},%{ endfor }', '%{ if count.index }x%{ endif }', '${local.disks[5].size}'])}"`;
    case 2: return `${pick(['upper', 'lower', 'title', 'tostring', 'trimspace', 'chomp'])}(${str(d + 1)})`;
    case 3: return `${cond(d + 1)} ? ${str(d + 1)} : ${str(d + 1)}`;
    case 4: return `join(${pick(['","', '"-"', '""'])}, ${pick(['local.names', '[for d in local.disks : d.type]', 'local.disks', '[local.prefix, count.index]', 'local.none', 'var.ul', 'keys(local.sizes)', '[for k, v in local.sizes : "${k}=${v}"]'])})`;
    case 5: return `element(${pick(['local.names', 'local.disks[*].type', 'local.none', '["a", "b"]', 'var.ul', 'local.sizes', 'keys(local.sizes)'])}, ${pick(idx)})`;
    default: return pick(strAtom);
  }
};
const cond = (d = 0): string => {
  if (d > 2) return pick(['true', 'false', 'count.index == 0', 'local.env == "prod"', 'null', '"true"', '"yes"', 'local.disks[count.index].boot', 'var.us == ""', 'local.image == null', '1']);
  switch (rnd(6)) {
    case 0: return `${num(d + 1)} ${pick(cmps)} ${num(d + 1)}`;
    case 1: return `${str(d + 1)} ${pick(['==', '!='])} ${str(d + 1)}`;
    case 2: return `${cond(d + 1)} ${pick(['&&', '||'])} ${cond(d + 1)}`;
    case 3: return `${pick(['contains', 'can', 'startswith', 'endswith', 'strcontains', 'tobool'])}(${pick(['local.names, "vdb"', 'local.disks[5]', 'local.prefix, "w"', 'local.names[count.index], "a"', 'local.flags.encrypted', '"yes"', 'tonumber(local.flags.ratio)', 'local.env'])})`;
    case 4: return `!${cond(d + 1)}`;
    default: return cond(3);
  }
};
const fmt = () => hcl(pick(['%s-%02d', '%s-%d', '%d', '%03d', '%s', '%v', '%q', '%s-%s', '%d-%s', '%.1f', '%5.2f', '%x', '%t', '%s%%', '%s-%[1]s', '%[2]s-%[1]d', '%-4s|', '%#v', '%e', '%g', 'disk-%d-%s', '%02d%s']));

function lookupish(): string {
  switch (rnd(7)) {
    case 0: return `lookup(${pick(['local.sizes', 'local.flags', 'local.disks[count.index]', 'local.disks', '{}', 'var.uo[0].tags', 'local.image', '{a = 1, b = "x"}'])}, ${str(2)}${rnd(3) ? `, ${pick(['10', '"x"', 'null', 'local.sizes.small', 'false', '[]', '{}'])}` : ''})`;
    case 1: return `element(${pick(coll)}, ${pick(idx)})${pick(['', '.size', '.type', '["size"]', '[0]'])}`;
    case 2: return `try(${pick(['local.disks[count.index + 3].size', 'local.sizes[var.us]', 'tonumber(local.flags.ratio)', 'local.sizes.huge', 'local.disks[count.index].nope', 'tonumber("abc")', 'local.names[count.index]', 'element(local.none, 0)', 'local.image.size', 'local.flags.encrypted == "true"', num(1), str(1)])}${rnd(4) ? `, ${pick(['10', 'null', '"none"', 'local.sizes.small', 'local.nope', num(2), 'local.disks[9].size', 'true'])}` : ''})`;
    case 3: return `${pick(['local.disks', 'local.names', 'local.none', 'local.sizes', 'local.flags', 'local.image', 'var.ul', 'local.disks[*]', 'local.disks[count.index]'])}${pick(['[count.index]', '[count.index + 3]', '[count.index].size', '[*].size', '.small', '["huge"]', '[-1]', '["1"]', '[1.5]', '[local.n]', '.size', '[count.index % 3].type', '[0].size.x', '[var.un]', '[var.us]', '[null]'])}`;
    case 4: return `can(${pick(['local.disks[count.index + 3]', 'tonumber(local.flags.ratio)', 'local.sizes[var.us]', 'regex("^v", local.names[count.index])', 'local.nope', num(1), str(1)])})`;
    case 5: return `coalesce(${pick(['local.image', 'null', '""', 'var.us', 'local.prefix', '1', 'local.sizes.small'])}, ${pick(['"cirros"', 'local.prefix', 'null', '1', '""'])})`;
    default: return `${pick(['length', 'one', 'sum', 'max', 'distinct', 'compact', 'flatten', 'reverse', 'sort', 'keys', 'values', 'tolist', 'toset', 'tomap'])}(${pick([...coll, '[for d in local.disks : d.size]', 'local.disks[*].size', '[local.n, count.index]'])})`;
  }
}

function forExpr(): string {
  const c = pick(coll);
  switch (rnd(8)) {
    case 0: return `[for d in ${c} : ${pick(['d.size', 'd', 'd.size * 1024', '"${local.prefix}-${d}"', 'upper(d)', 'd.type == "ssd"', 'd + count.index', 'tostring(d)', 'd.nope'])}${rnd(2) ? ` if ${pick(['d.boot', '!d.boot', 'd.type == "ssd"', 'd != "vda"', 'd > 10', 'count.index > 0', 'd', '"true"', 'null'])}` : ''}]`;
    case 1: return `[for i, d in ${c} : ${pick(['i', 'd.size + i', '"${i}-${d}"', 'i + count.index', '{ index = i, size = d.size }', 'format("%s-%d", local.prefix, i)', 'i == count.index ? d : null'])}]`;
    case 2: return `{for d in ${c} : ${pick(['d.type', 'd', 'd.size', 'tostring(d.size)', '"${d}"', 'upper(d)', 'null'])} => ${pick(['d.size', 'd', 'd.boot', 'count.index'])}${rnd(3) ? '' : '...'}}`;
    case 3: return `{for k, v in ${c} : ${pick(['k', 'upper(k)', '"${k}-${count.index}"', 'v', 'tostring(v)'])} => ${pick(['v', 'v * 2', 'k', 'v.size', 'tonumber(v)'])}${rnd(2) ? ` if ${pick(['v > 10', 'k != "small"', 'v', 'k == local.env'])}` : ''}}`;
    case 4: return `${pick(['sum', 'length', 'max', 'join(",", ', 'one', 'flatten', 'distinct', 'compact', 'sort'])}${pick(['', '('])}[for d in ${c} : ${pick(['d.size', 'd', 'tostring(d)', 'd.type'])}])`.replace(/^(sum|length|max|one|flatten|distinct|compact|sort)\[/, '$1([').replace(/^join\(",", \(/, 'join(",", ');
    case 5: return `[for d in ${c} : d${pick(['.size', '', '.type'])} if d${pick(['.boot', '.type == "ssd"', ' != null', ''])}][${pick(['0', 'count.index', '5'])}]`;
    case 6: return `[for n in ${c} : [for m in ${pick(['local.names', 'range(2)', 'n', 'local.none'])} : ${pick(['"${n}${m}"', 'm', 'n', 'count.index'])}]]`;
    default: return `{for i, d in ${c} : ${pick(['"disk${i}"', 'i', 'd.type', 'local.names[i]'])} => ${pick(['d', 'd.size', 'merge(d, { index = i })', '{ size = d.size, boot = i == 0 }'])}}`;
  }
}

function template(): string {
  const body = () => pick(['${local.prefix}', '${count.index}', 'disk', '${n}', '${i}', '${local.disks[count.index].size}', '${local.sizes}', '${d.size}', 'x', '${var.us}', '${local.image}', '\\n']);
  switch (rnd(6)) {
    case 0: return `"%{ if ${cond(2)} }${body()}%{ else }${body()}%{ endif }"`;
    case 1: return `"%{ for ${pick(['n', 'i, n', 'd', 'k, v'])} in ${pick(coll)} }${body()}${pick(['', ',', ' '])}%{ endfor${pick(['', ' ~'])} }"`;
    case 2: return `"${body()}%{${pick(['', '~'])} if ${cond(2)} ${pick(['', '~'])}}${body()}%{ endif }${pick(['', '%{ endif }', '%{ else }'])}"`;
    case 3: return `"${body()}${pick(['${', '%{', '%{ if true }', '%{ for x in [] }', '${}', '%{ endif }', '%{ else }'])}${pick(['', 'x', '}'])}"`;
    case 4: return `<<${pick(['EOT', '-EOT', '-EOF', 'EOF'])}\n${pick(['  ', '    ', '', '\t'])}${body()}\n${pick(['  ', '', '    '])}%{ for n in ${pick(['local.names', 'local.none', 'local.sizes', 'local.disks'])} }${body()}\n%{ endfor }\n  ${pick(['EOT', 'EOF'])}\n`;
    default: return `<<${pick(['EOT', '-EOT'])}\n${pick(['  ', ''])}name: ${body()}\n${pick(['  ', ''])}size: ${pick(['${local.disks[count.index].size}', '${count.index * 10}', '${local.sizes.small}', '%{ if count.index == 0 }10%{ else }20%{ endif }'])}\n${pick(['EOT', '  EOT', 'EOX'])}\n`;
  }
}

function conv(): string {
  const f = pick(['tostring', 'tonumber', 'tobool', 'tolist', 'toset', 'tomap']);
  return `${f}(${pick(['count.index', 'local.flags.copies', 'local.flags.ratio', 'local.flags.encrypted', 'local.n', '"10"', '" 10"', '"1e3"', '"0x10"', '"yes"', '"true"', 'true', '1.50', 'local.disks[0]', 'local.names', 'local.sizes', 'local.flags', 'local.image', 'local.disks', '[local.n, local.prefix]', '{ a = count.index, b = local.prefix }', 'var.us', 'var.un', 'local.disks[*].size', 'local.none', '"-0"', '"1.0"', '"007"'])})${rnd(4) ? '' : pick([' + count.index', ' + 1', ' == "1"', '[0]'])}`;
}

/** variables with a type and a default, as in a variables.tf; the expression reads var.v */
const varCases: Array<[string, string[], string[]]> = [
  ['list(object({ size = number, type = optional(string, "ssd"), boot = optional(bool, false) }))',
    ['[{ size = 10 }, { size = 20, type = "hdd" }]', '[{ size = "10" }]', '[]', '[{ type = "hdd" }]', '[{ size = 10, extra = 1 }]', '[{ size = "ten" }]', 'null', '{ size = 10 }'],
    ['var.v[count.index].size', 'var.v[0].type', '[for d in var.v : d.type]', 'length(var.v)', 'var.v[count.index].boot ? "boot" : "data"', 'sum(var.v[*].size)', 'lookup(var.v[0], "type", "x")', 'try(var.v[count.index].size, 0)', 'var.v']],
  ['map(number)', ['{ small = 10, large = "100" }', '{ small = "x" }', '{}', '{ small = 10 }', '[10]', '{ small = null }'],
    ['var.v["small"]', 'lookup(var.v, "large", 1)', 'var.v.large', 'lookup(var.v, local.env, 0)', '[for k, v in var.v : v * count.index]', 'var.v']],
  ['number', ['"5"', '5', '"x"', 'null', 'true', '1.5', '"0x10"'], ['var.v + count.index', 'var.v * 1024', 'format("%d", var.v)', 'tostring(var.v)', 'var.v > 2 ? "big" : "small"', 'var.v']],
  ['string', ['5', '"vol"', 'true', 'null', '[]', '""'], ['"${var.v}-${count.index}"', 'upper(var.v)', 'var.v == "" ? local.prefix : var.v', 'tonumber(var.v)', 'coalesce(var.v, "x")', 'var.v']],
  ['bool', ['"true"', '"yes"', 'true', '1', 'null', '"1"'], ['var.v ? 1 : 0', '!var.v', 'tostring(var.v)', 'var.v && count.index == 0', 'var.v']],
  ['list(string)', ['["vda", 1]', '["a", true]', '[]', '"a"', '["a", null]', '[["a"]]'], ['element(var.v, count.index)', 'var.v[count.index]', 'join(",", var.v)', 'length(var.v)', 'var.v']],
  ['object({ size = number, name = optional(string) })', ['{ size = 1 }', '{ size = "1", name = 2 }', '{}', '{ name = "x" }', '{ size = 1, name = null }'], ['var.v.size', 'coalesce(var.v.name, local.prefix)', 'var.v.name == null', 'var.v']],
  ['any', ['[1, "a"]', '{ a = 1 }', '"x"', 'null'], ['var.v[0]', 'var.v.a', 'tostring(var.v)', 'var.v']],
];

function variableCase(): { type: string; default: string; expr: string } {
  const [type, defaults, exprs] = pick(varCases);
  return { type, default: pick(defaults), expr: pick(exprs) };
}

/** an operator's slip in one of the forms above: a comma, quote, brace or operator wrong (`slips` mode) */
function slip(): string {
  const good = k3() ;
  const at = rnd(good.length + 1);
  const cut = (s: string, i: number, n: number, put: string) => s.slice(0, i) + put + s.slice(i + n);
  const find = (re: RegExp) => { const m = [...good.matchAll(re)]; return m.length ? m[rnd(m.length)].index : -1; };
  switch (rnd(12)) {
    case 0: { const i = find(/, /g); return i < 0 ? `${good};` : cut(good, i, 1, ''); }
    case 1: { const i = find(/"/g); return i < 0 ? `'${good}'` : cut(good, i, 1, pick(["'", '\u201c', '\u201d', '`'])); }
    case 2: { const i = find(/[)\]}]/g); return i < 0 ? `${good})` : cut(good, i, 1, ''); }
    case 3: { const i = find(/&&|\|\|/g); return i < 0 ? `${good} ${pick(['&', '|', '^', '~', '**'])} 1` : cut(good, i, 2, good[i]); }
    case 4: { const i = find(/ = /g); return i < 0 ? `${good} = 1` : cut(good, i, 3, pick([' : ', ' ', ' == ', ' => '])); }
    case 5: return cut(good, at, 0, pick([';', '\n', ' ~ ', '@', '$', '\\', '::', '..', ',', '#', '//']));
    case 6: { const i = find(/%\{ ?end(if|for) ?~?\}/g); return i < 0 ? `"${pick(['${', '%{ if true }', '%{ for x in [] }', '%{ endif }', '%{ else }', '%{ iff true }', '%{ endfor ~ }'])}${good.replace(/"/g, '')}"` : cut(good, i, good.slice(i).indexOf('}') + 1, ''); }
    case 7: { const i = find(/\}/g); return i < 0 ? `"\${${good.replace(/"/g, '')}"` : cut(good, i, 1, pick([' ~ }', ':}', ' x}', '"'])); }
    case 8: return `<<${pick(['EOT', '-EOT'])}\n  ${good.replace(/\n/g, ' ')}\n${pick(['EOF', ' EOT x', 'eot', ''])}\n`;
    case 9: { const i = find(/\\?"/g); return i < 0 ? `"${good}` : cut(good, i, 1, pick(['\\q"', '\\u00"', '\\"', '"\n'])); }
    case 10: { const i = find(/\[/g); return i < 0 ? `${good}[` : cut(good, i, 1, pick(['[[', '[for ', '.[', '['])); }
    default: { const i = find(/\(/g); return i < 0 ? `${good}(` : cut(good, i, 1, pick(['((', '(,', ' (', '::('])); }
  }
}
function k3(): string {
  const k = rnd(6);
  return k === 0 ? num() : k === 1 ? str() : k === 2 ? lookupish() : k === 3 ? forExpr() : k === 4 ? template() : conv();
}

const slips = process.argv.includes('slips');
const n = process.argv[1]?.endsWith('terraform-hunt39-gen.ts') ? Number(countArg) || 100 : 0;
for (let i = 0; i < n && slips; i++) console.log(JSON.stringify({ expr: slip() }));
for (let i = 0; i < n && !slips; i++) {
  const k = rnd(20);
  if (k >= 18) { console.log(JSON.stringify(variableCase())); continue; }
  const e = k < 3 ? num() : k < 6 ? str() : k < 7 ? `${cond()} ? ${pick([num(1), str(1), '[]', 'null', '{ size = 1 }'])} : ${pick([num(1), str(1), '["a"]', 'null', '{ size = "1" }'])}`
    : k < 10 ? lookupish() : k < 13 ? forExpr() : k < 16 ? template() : k < 17 ? conv() : `${pick(['floor', 'ceil'])}(${num(1)})`;
  console.log(JSON.stringify({ expr: e }));
}
