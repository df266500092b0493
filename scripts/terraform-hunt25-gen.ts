/**
 * hunt25: random openstack_compute_instance_v2 configurations whose block_device fields are
 * expressions (operators, conditionals, templates, length(), variables with defaults and types,
 * locals, nulls), judged by bdm-lab and by a second model of hclsyntax's evaluation written the
 * way the Go code runs: every operand evaluated, every diagnostic collected, then sorted by
 * position as Terraform shows them (tfdiags Sort). The model follows hcl v2.24.0
 * expression_ops.go / expression.go / expression_template.go, go-cty v1.18.1 convert and stdlib,
 * Terraform's LengthFunc; the first diagnostic (or the value) of each field is compared with
 * bdm-lab's refusal (or what it sends). There is no Terraform here: a difference is read out and
 * settled against the upstream source by hand.
 * Usage: node --import tsx scripts/terraform-hunt25-gen.ts [N] [SEED] [--show]
 */
import { rng } from './prng.mjs';
import { parseHcl, type Expr } from '../server/src/source/terraform/hcl';
import { terraformSources } from '../server/src/source/terraform';
import { ctyNumber, ctyText } from '../server/src/source/terraform/eval';
import { graphemeCount } from '../server/src/source/terraform/graphemes';

const N = Number(process.argv[2] ?? 500);
const r = rng(Number(process.argv[3] ?? 25));
const SHOW = process.argv.includes('--show');
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = (p: number) => r() < p;

// ---- generation -------------------------------------------------------------------------------

const LEAVES = ['1', '2', '0', '10', '2.5', '"3"', '"a"', '" 4"', '"1p2"', 'true', 'false', '"true"', '"True"', '"0"', 'null', '[1]', '{ a = 1 }', '"e\u0301"', 'var.n', 'var.s', 'var.free', 'local.k', '"क्ष"'];
const BIN = ['+', '-', '*', '/', '%', '<', '>', '<=', '>=', '==', '!=', '&&', '||'];

function expr(depth: number): string {
  if (depth <= 0 || maybe(0.3)) return pick(LEAVES);
  switch (Math.floor(r() * 6)) {
    case 0: return `${pick(['!', '-'])}${expr(depth - 1)}`;
    case 1: return `${expr(depth - 1)} ? ${expr(depth - 1)} : ${expr(depth - 1)}`;
    case 2: return `"x${'${'}${expr(depth - 1)}}y"`;
    case 3: return `length(${expr(depth - 1)})`;
    case 4: return `[${expr(depth - 1)}, ${expr(depth - 1)}]`;
    default: return `(${expr(depth - 1)} ${pick(BIN)} ${expr(depth - 1)})`;
  }
}

const FIELDS = ['volume_size', 'boot_index', 'delete_on_termination', 'disk_bus', 'guest_format'] as const;

function config(): { tf: string; field: string; text: string } {
  const field = pick(FIELDS);
  const text = expr(3);
  const vars = `variable "n" {\n  type    = number\n  default = ${pick(['3', '"4"', '0'])}\n}\nvariable "s" {\n  default = ${pick(['"abc"', '"2"', 'true'])}\n}\nvariable "free" {}\nlocals {\n  k = ${pick(['1 + 1', '"z"', 'null', 'var.n * 2'])}\n}\n`;
  const others: Record<string, string> = { volume_size: '1', boot_index: '0', delete_on_termination: 'true', disk_bus: '"virtio"', guest_format: '"ext4"' };
  const lines = FIELDS.filter((f) => f !== field && maybe(0.4)).map((f) => `    ${f} = ${others[f]}`);
  const tf = `${vars}resource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n  image_id  = "i"\n  block_device {\n    source_type      = "blank"\n    destination_type = "local"\n${[...lines, `    ${field} = ${text}`].join('\n')}\n  }\n}\n`;
  return { tf, field, text };
}

// ---- the model: hclsyntax's evaluation, diagnostics collected then sorted ------------------------

type V = { t: 'number'; v: number } | { t: 'string'; v: string } | { t: 'bool'; v: boolean } | { t: 'null' } | { t: 'tuple'; v: V[] } | { t: 'object'; v: Record<string, V> } | { t: 'unknown'; ty?: 'number' | 'bool' | 'string' };
interface D { at: number; msg: string }
interface Out { v: V; d: D[] }

const NULL: V = { t: 'null' };
const UNKNOWN: V = { t: 'unknown' };
const typeName = (v: V) => (v.t === 'unknown' ? v.ty ?? 'dynamic' : v.t);
const typed = (ty: 'number' | 'bool' | 'string'): V => ({ t: 'unknown', ty });

// convert.Convert: a type with no conversion is refused whether the value is known or not
function convNumber(v: V): { v: V } | { err: string } {
  if (v.t === 'unknown' && v.ty === 'bool') return { err: 'number required, but have bool' };
  if (v.t === 'number' || v.t === 'null' || v.t === 'unknown') return { v };
  if (v.t === 'string') { const n = ctyNumber(v.v); return n === null ? { err: 'a number is required' } : { v: { t: 'number', v: n } }; }
  return { err: `number required, but have ${typeName(v)}` };
}
function convBool(v: V): { v: V } | { err: string } {
  if (v.t === 'unknown' && v.ty === 'number') return { err: 'bool required, but have number' };
  if (v.t === 'bool' || v.t === 'null' || v.t === 'unknown') return { v };
  if (v.t === 'string') {
    if (v.v === 'true' || v.v === '1') return { v: { t: 'bool', v: true } };
    if (v.v === 'false' || v.v === '0') return { v: { t: 'bool', v: false } };
    const l = v.v.toLowerCase();
    return { err: l === 'true' || l === 'false' ? `a bool is required; to convert from string, use lowercase "${l}"` : 'a bool is required' };
  }
  return { err: `bool required, but have ${typeName(v)}` };
}
function convString(v: V): { v: V } | { err: string } {
  if (v.t === 'string' || v.t === 'null' || v.t === 'unknown') return { v };
  if (v.t === 'number') return { v: { t: 'string', v: ctyText(v.v) } };
  if (v.t === 'bool') return { v: { t: 'string', v: String(v.v) } };
  return { err: `string required, but have ${v.t}` };
}
const eq = (a: V, b: V): boolean => JSON.stringify(a) === JSON.stringify(b);

const VARS: Record<string, string> = {};

function model(e: Expr, src: string): Out {
  switch (e.kind) {
    case 'literal': return { v: e.value === null ? NULL : typeof e.value === 'number' ? { t: 'number', v: e.value } : typeof e.value === 'boolean' ? { t: 'bool', v: e.value } : { t: 'string', v: e.value.normalize('NFC') }, d: [] };
    case 'paren': return model(e.inner, src);
    case 'tuple': { const xs = e.items.map((x) => model(x, src)); return { v: { t: 'tuple', v: xs.map((x) => x.v) }, d: xs.flatMap((x) => x.d) }; }
    case 'object': { const xs = e.items.map((x) => model(x.value, src)); const o: Record<string, V> = {}; e.items.forEach((x, i) => { o[x.key.kind === 'traversal' ? x.key.root : '?'] = xs[i].v; }); return { v: { t: 'object', v: o }, d: xs.flatMap((x) => x.d) }; }
    case 'traversal': {
      const name = `${e.root}.${'attr' in e.steps[0] ? e.steps[0].attr : ''}`;
      const def = VARS[name];
      if (def === undefined) return { v: UNKNOWN, d: [] };
      const p = parseHcl(`x = ${def}\n`);
      const inner = model((p.body.items[0] as { expr: Expr }).expr, `x = ${def}\n`);
      // var.n has type = number: its default is converted when the variable is loaded
      if (name === 'var.n') { const c = convNumber(inner.v); return { v: 'v' in c ? c.v : UNKNOWN, d: [] }; }
      // a local's diagnostics are its own (they point into the locals block): keep the first only
      return { v: inner.v, d: inner.d.map((x) => ({ at: -1, msg: x.msg })) };
    }
    case 'template': {
      if (e.parts.length === 1 && 'expr' in e.parts[0]) return model(e.parts[0].expr, src);
      const d: D[] = [];
      let s = '';
      let known = true;
      for (const p of e.parts) {
        if ('lit' in p) { s += p.lit; continue; }
        const x = model(p.expr, src);
        d.push(...x.d);
        if (x.v.t === 'null') { d.push({ at: p.expr.span.offset, msg: 'Invalid template interpolation value: The expression result is null. Cannot include a null value in a string template.' }); continue; }
        if (x.v.t === 'unknown') { known = false; continue; }
        const c = convString(x.v);
        if ('err' in c) { d.push({ at: p.expr.span.offset, msg: `Invalid template interpolation value: Cannot include the given value in a string template: ${c.err}.` }); continue; }
        s += (c.v as { v: string }).v;
      }
      return { v: known ? { t: 'string', v: s.normalize('NFC') } : typed('string'), d };
    }
    case 'call': {
      const a = model(e.args[0], src);
      if (a.d.length) return { v: UNKNOWN, d: a.d };
      const v = a.v;
      if (v.t === 'null') return { v: UNKNOWN, d: [{ at: e.args[0].span.offset, msg: 'Invalid function argument: Invalid value for "value" parameter: argument must not be null.' }] };
      if (v.t === 'unknown') return { v: typed('number'), d: [] };
      if (v.t === 'string') return { v: { t: 'number', v: graphemeCount(v.v) }, d: [] };
      if (v.t === 'tuple') return { v: { t: 'number', v: v.v.length }, d: [] };
      if (v.t === 'object') return { v: { t: 'number', v: Object.keys(v.v).length }, d: [] };
      return { v: UNKNOWN, d: [{ at: e.span.offset, msg: 'Error in function call: Call to function "length" failed: argument must be a string, a collection type, or a structural type.' }] };
    }
    case 'other': {
      const args = e.args ?? [];
      if (e.op === '?:') {
        const t = model(args[1], src), f = model(args[2], src);
        // convert.UnifyUnsafe of the two result types (a literal null is dynamic: no constraint);
        // primitives prefer string (sort_types.go); no unification: only that diagnostic, before the condition
        const full = (v: V) => (v.t === 'unknown' ? v.ty : v.t === 'null' ? undefined : v.t);
        const [tt, ft] = [full(t.v), full(f.v)];
        const prim = (k: string) => k === 'number' || k === 'bool' || k === 'string';
        if (tt && ft && tt !== ft) {
          if (prim(tt) && prim(ft) && (tt === 'string' || ft === 'string')) {
            for (const x of [t, f]) { const cv = convString(x.v); if ('v' in cv) x.v = cv.v.t === 'unknown' ? typed('string') : cv.v; }
          } else if (!(tt === 'tuple' && ft === 'tuple') && !(tt === 'object' && ft === 'object')) {
            return { v: { t: 'unknown' }, d: [{ at: args[1].span.offset, msg: `Inconsistent conditional result types: The true and false result expressions must have consistent types. The 'true' value is ${tt}, but the 'false' value is ${ft}.` }] };
          }
        }
        const c = model(args[0], src);
        const tyOf = (v: V) => (v.t === 'unknown' ? v.ty : v.t === 'number' || v.t === 'bool' || v.t === 'string' ? v.t : undefined);
        const UNKNOWN = tyOf(t.v) && tyOf(t.v) === tyOf(f.v) ? typed(tyOf(t.v)!) : { t: 'unknown' as const };
        const d = [...c.d];
        if (c.v.t === 'null') return { v: UNKNOWN, d: [...d, { at: args[0].span.offset, msg: 'Null condition: The condition value is null. Conditions must either be true or false.' }] };
        if (c.v.t === 'unknown') return { v: UNKNOWN, d };
        const b = convBool(c.v);
        if ('err' in b) return { v: UNKNOWN, d: [...d, { at: args[0].span.offset, msg: 'Incorrect condition type: The condition expression must be of type bool.' }] };
        const pickd = (b.v as { v: boolean }).v ? t : f;
        return { v: pickd.v, d: [...d, ...pickd.d] };
      }
      const op = e.op!;
      const logic = op === '!' || op === '&&' || op === '||';
      const equality = op === '==' || op === '!=';
      // a failed operation is cty.UnknownVal(Op.Type)
      const OPEN = typed(['+', '-', '*', '/', '%'].includes(op) ? 'number' : 'bool');
      const conv = (v: V) => (equality ? { v } : logic ? convBool(v) : convNumber(v));
      const xs = args.map((x) => model(x, src));
      const side = args.length === 1 ? ['unary'] : ['left', 'right'];
      const d: D[] = [];
      const vals: V[] = [];
      xs.forEach((x, i) => { const c = conv(x.v); if ('err' in c) { d.push({ at: args[i].span.offset, msg: `Invalid operand: Unsuitable value for ${side[i]} operand: ${c.err}.` }); vals.push(UNKNOWN); } else vals.push(c.v); });
      if (d.length) return { v: OPEN, d: [...d, ...xs.flatMap((x) => x.d)] };
      const [a, b] = vals;
      if (op === '&&' || op === '||') {
        const T = (v: V) => v.t === 'bool' && v.v; // cty True(): null is not true
        const F = (v: V) => v.t !== 'unknown' && !T(v);
        const lk = a.t !== 'unknown', rk = b.t !== 'unknown';
        if (!lk && !rk) { if (!xs[0].d.length) return { v: OPEN, d: xs[0].d }; }
        else if (op === '||') {
          if (lk && T(a)) return { v: { t: 'bool', v: true }, d: xs[0].d };
          if (rk && T(b)) return { v: { t: 'bool', v: true }, d: xs[1].d };
          if (!lk && F(b)) return { v: OPEN, d: xs[0].d };
          if (!rk && F(a)) return { v: OPEN, d: xs[1].d };
        } else {
          if (lk && F(a)) return { v: { t: 'bool', v: false }, d: xs[0].d };
          if (rk && F(b)) return { v: { t: 'bool', v: false }, d: xs[1].d };
          if (!lk && T(b)) return { v: OPEN, d: xs[0].d };
          if (!rk && T(a)) return { v: OPEN, d: xs[1].d };
        }
      }
      const inner = xs.flatMap((x) => x.d);
      if (inner.length) return { v: OPEN, d: inner };
      if (!equality && vals.some((v) => v.t === 'null')) return { v: OPEN, d: [{ at: e.span.offset, msg: 'Operation failed: Error during operation: argument must not be null.' }] };
      if (equality) return { v: vals.some((v) => v.t === 'unknown') ? OPEN : { t: 'bool', v: eq(a, b) === (op === '==') }, d: [] };
      if (vals.some((v) => v.t === 'unknown')) return { v: OPEN, d: [] };
      const x = (a as { v: number | boolean }).v, y = (b as { v: number | boolean } | undefined)?.v;
      const num = (n: number): Out => ({ v: { t: 'number', v: n }, d: [] });
      const fail = (m: string): Out => ({ v: OPEN, d: [{ at: e.span.offset, msg: `Operation failed: Error during operation: ${m}.` }] });
      const X = x as number, Y = y as number;
      switch (op) {
        case '!': return { v: { t: 'bool', v: !x }, d: [] };
        case '-': if (args.length === 1) return num(-X); return Math.abs(X) === Infinity && X === Y ? fail("can't subtract infinity from itself") : num(X - Y);
        case '&&': return { v: { t: 'bool', v: (x as boolean) && (y as boolean) }, d: [] };
        case '||': return { v: { t: 'bool', v: (x as boolean) || (y as boolean) }, d: [] };
        case '<': return { v: { t: 'bool', v: X < Y }, d: [] };
        case '>': return { v: { t: 'bool', v: X > Y }, d: [] };
        case '<=': return { v: { t: 'bool', v: X <= Y }, d: [] };
        case '>=': return { v: { t: 'bool', v: X >= Y }, d: [] };
        case '+': return Math.abs(X) === Infinity && X === -Y ? fail("can't compute sum of opposing infinities") : num(X + Y);
        case '*': return (Math.abs(X) === Infinity && Y === 0) || (Math.abs(Y) === Infinity && X === 0) ? fail("can't multiply zero by infinity") : num(X * Y);
        case '/': return (X === 0 && Y === 0) || (Math.abs(X) === Infinity && Math.abs(Y) === Infinity) ? fail("can't divide zero by zero or infinity by infinity") : num(Y === 0 ? (X < 0 ? -Infinity : Infinity) : X / Y);
        default: return Y === 0 ? num(X) : Math.abs(X) === Infinity || Math.abs(Y) === Infinity ? (X === 0 || Y === 0 ? fail("can't use modulo with zero and infinity") : num(X * Y)) : num(X % Y);
      }
    }
  }
}

// ---- run ----------------------------------------------------------------------------------------

let agree = 0, differ = 0, judged = 0;
const kinds = new Map<string, number>();
for (let i = 0; i < N; i++) {
  const c = config();
  const parsed = parseHcl(c.tf);
  if (parsed.error) continue;
  for (const k of Object.keys(VARS)) delete VARS[k];
  const grab = (re: RegExp) => re.exec(c.tf)?.[1] ?? '';
  VARS['var.n'] = grab(/variable "n" \{\n {2}type {4}= number\n {2}default = (.*)\n/);
  VARS['var.s'] = grab(/variable "s" \{\n {2}default = (.*)\n/);
  VARS['local.k'] = grab(/locals \{\n {2}k = (.*)\n/);
  const at = c.tf.lastIndexOf(`${c.field} = `) + c.field.length + 3;
  const sub = parseHcl(`${' '.repeat(at - 4)}x = ${c.text}\n`);
  const m = model((sub.body.items[0] as { expr: Expr }).expr, c.tf);
  // hcldec AttrSpec.decode: the value converted to the attribute's type, refused on the whole expression
  // (a tie with an inner diagnostic at the same start sorts the shorter subject first)
  const want = c.field === 'volume_size' || c.field === 'boot_index' ? convNumber : c.field === 'delete_on_termination' ? convBool : convString;
  const conv = want(m.v);
  if ('err' in conv) m.d.push({ at: at + 0.5, msg: `Incorrect attribute value type: Inappropriate value for attribute "${c.field}": ${conv.err}.` });
  else m.v = conv.v;
  const d = terraformSources(c.tf)[0];
  const f = d.findings.find((x) => x.code.startsWith('BDM-TF-') && x.code !== 'BDM-TF-UNRESOLVED');
  const first = [...m.d].sort((x, y) => x.at - y.at)[0];
  let verdict: string;
  if (first) verdict = f?.args?.detail === first.msg ? 'agree' : `model refuses: ${first.msg} | bdm-lab: ${f ? `${f.code} ${f.args?.detail}` : 'sends'}`;
  else if (m.v.t === 'unknown') verdict = f?.code === 'BDM-TF-UNKNOWN' || (f === undefined && d.body === null) ? 'agree' : f?.code === 'BDM-TF-CONFIG' && /required|whole number/.test(String(f.args?.detail)) ? 'agree' : `model unknown | bdm-lab: ${f ? `${f.code} ${f.args?.detail}` : 'sends'}`;
  else {
    // a known value: bdm-lab sends it (converted) or refuses it for the field's type or the provider
    verdict = f && f.code === 'BDM-TF-UNKNOWN' ? `model knows ${JSON.stringify(m.v)} | bdm-lab: ${f.args?.detail}` : 'agree';
  }
  judged++;
  if (verdict === 'agree') agree++;
  else {
    differ++;
    const kind = verdict.replace(/"[^"]*"|\d+(\.\d+)?/g, '_').slice(0, 90);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (SHOW && differ <= 15) console.log(`--- ${c.field} = ${c.text}\n${verdict}`);
  }
}
console.log(`judged ${judged}: agree ${agree}, differ ${differ}`);
for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(n, k);
