/**
 * Hunt 28 generator: HCL templates with %{ if } / %{ for } directives, strip markers and heredocs,
 * and variables with type constraints (object, optional() with defaults, collections, tuples) and
 * defaults, as JSON lines for scripts/terraform-hunt28-oracle and scripts/terraform-hunt28-compare.ts.
 * `node --import tsx scripts/terraform-hunt28-gen.ts templates|types SEED COUNT > cases.jsonl`
 */
export {};
const [mode, seedArg, countArg] = process.argv.slice(2);
let seed = Number(seedArg) >>> 0 || 1;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return (seed >>> 8) % n; };
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];

// ---- templates ----------------------------------------------------------------------------------
const scalars = ['1', '1.50', '"1e2"', '1e2', '"x"', 'true', 'false', 'null', '"  sp "', '0.1 + 0.2', '-3', '"é"', '18446744073709551617', 'u.s', 'u.n'];
const colls = ['[1, 2, 3]', '["a", "b"]', '[]', '{a = 1, b = "x"}', '{}', 'toset(["b", "a", "b"])', 'tolist([1, 2])', 'null', '"str"', 'u.l', '[null]', '[[1]]', '{z = 1, a = 2}', 'tomap({b = "1", a = "2"})'];
const conds = ['true', 'false', '"true"', '"false"', '1 == 1', 'null', '1', '"x"', 'u.s == "a"', '[]'];
const lits = ['', ' ', 'a', '  b  ', '\\n', ',', ' x ', '\\t'];
const open = () => (rnd(4) === 0 ? '~ ' : ' ');
const close = () => (rnd(4) === 0 ? ' ~' : ' ');
function tpl(depth: number, loopVars: string[]): string {
  const n = 1 + rnd(3);
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = rnd(depth > 1 ? 3 : 6);
    if (k === 0) s += pick(lits);
    else if (k === 1) s += `\${${open()}${loopVars.length && rnd(2) ? pick(loopVars) : pick(scalars)}${close()}}`;
    else if (k === 2) s += pick(lits) + `\${${open()}${pick(scalars)}${close()}}` + pick(lits);
    else if (k === 3) s += `%{${open()}if ${pick(conds)}${close()}}${tpl(depth + 1, loopVars)}${rnd(2) ? `%{${open()}else${close()}}${tpl(depth + 1, loopVars)}` : ''}%{${open()}endif${close()}}`;
    else {
      const two = rnd(2) === 0;
      const v = `v${depth}`;
      const kv = `k${depth}`;
      s += `%{${open()}for ${two ? `${kv}, ${v}` : v} in ${pick(colls)}${close()}}${tpl(depth + 1, [...loopVars, v, ...(two ? [kv] : [])])}%{${open()}endfor${close()}}`;
    }
  }
  return s;
}
/** a heredoc: the same template over lines, indented */
function heredoc(): string {
  const flush = rnd(2) === 0;
  const lines: string[] = [];
  const n = 1 + rnd(4);
  for (let i = 0; i < n; i++) {
    const ind = pick(['', '  ', '    ', '\t', '  \t', ' ']);
    const body = rnd(5) === 0 ? '' : tpl(1, []).replace(/\\n/g, '').replace(/\\t/g, '\t');
    lines.push(ind + body);
  }
  return `<<${flush ? '-' : ''}EOT\n${lines.join('\n')}\n${pick(['', '  ', '    '])}EOT\n`;
}

// ---- types --------------------------------------------------------------------------------------
const prims = ['string', 'number', 'bool', 'any'];
function ty(depth: number): string {
  const k = depth > 2 ? 0 : rnd(7);
  switch (k) {
    case 0: return pick(prims);
    case 1: return `list(${ty(depth + 1)})`;
    case 2: return `set(${ty(depth + 1)})`;
    case 3: return `map(${ty(depth + 1)})`;
    case 4: return `tuple([${Array.from({ length: rnd(3) }, () => ty(depth + 1)).join(', ')}])`;
    default: {
      const names = ['size', 'type', 'boot', 'name'].slice(0, 1 + rnd(4));
      return `object({${names.map((n) => {
        const t = ty(depth + 1);
        const opt = rnd(3);
        if (opt === 0) return `${n} = ${t}`;
        if (opt === 1) return `${n} = optional(${t})`;
        return `${n} = optional(${t}, ${val(t, depth + 1)})`;
      }).join(', ')}})`;
    }
  }
}
const anyVals = ['1', '"10"', '"1e2"', '1.5', 'true', '"true"', '"x"', 'null', '[]', '{}', '["a"]', '[1, "a"]', '{a = 1}', '"-0"', '18446744073709551617', '"0x10"'];
function val(t: string, depth: number): string {
  if (rnd(6) === 0 || depth > 4) return pick(anyVals);
  const m = /^(list|set|tuple|map|object)\((.*)\)$/s.exec(t);
  if (!m) return t === 'number' ? pick(['1', '"2"', '1e2', '"1e2"', '0.5', '"x"', '-1']) : t === 'bool' ? pick(['true', '"false"', '"1"', '0']) : t === 'string' ? pick(['"s"', '1', 'true', '""']) : pick(anyVals);
  const inner = m[2];
  if (m[1] === 'list' || m[1] === 'set' || m[1] === 'tuple') {
    const n = rnd(3);
    const elem = m[1] === 'tuple' ? 'any' : inner;
    return `[${Array.from({ length: n }, () => val(elem, depth + 1)).join(', ')}]`;
  }
  if (m[1] === 'map') return `{${Array.from({ length: rnd(3) }, (_, i) => `k${i} = ${val(inner, depth + 1)}`).join(', ')}}`;
  // object({a = T, ...}): give some of the attributes (the type's text is parsed loosely)
  const names = [...inner.matchAll(/(?:^\{|, )(\w+) = /g)].map((x) => x[1]);
  const given = names.filter(() => rnd(3) !== 0);
  if (rnd(8) === 0) given.push('extra');
  return `{${given.map((n) => `${n} = ${pick(anyVals)}`).join(', ')}}`;
}

const count = Number(countArg) || 100;
for (let i = 0; i < count; i++) {
  if (mode === 'templates') {
    const expr = rnd(3) === 0 ? heredoc() : `"${tpl(0, [])}"`;
    console.log(JSON.stringify({ expr }));
  } else {
    const t = ty(0);
    console.log(JSON.stringify({ type: t, default: val(t, 0) }));
  }
}
