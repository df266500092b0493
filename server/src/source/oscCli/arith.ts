/**
 * Bash 5.2's shell arithmetic (expr.c: the precedence ladder from `,` down to the unary operators,
 * 64-bit integers that wrap, constants in bases 8, 16 and `base#digits`, a variable's value read
 * as an expression of its own), as `$((…))` and a substring's offset and length use it, on text
 * whose `$` expansions and quotes are already done. Only what bdm-lab can tell is evaluated:
 * - an assignment (`N=v`, `N+=v`… and bash's `++N`, `N++`, `--N`, `N--`) is followed when the
 *   caller gives `set` (ArithVars): written where bash's grammar puts it (the start of an
 *   expression, after `(`, `,`, `?` or another assignment), the value told, not in a branch bash does
 *   not take; anywhere else (`2+N=4`, `1?2:N=7`) it is text bdm-lab does not read (bash refuses it,
 *   dash finds it a syntax error); in a variable's value read as arithmetic it is not followed;
 * - an array subscript is not followed (Unknown);
 * - an error bash reports (division by 0, a negative exponent, a digit too great for its base,
 *   an invalid base) makes bash give up the complete command (Fatal, not exiting); `set -u` and an
 *   unset name in the expression stops the shell (Fatal, exiting);
 * - any other text bdm-lab does not read (a syntax error, a character it does not know) is Unknown.
 * Bounded: the text read counts against the command's step budget, and a variable's value is
 * followed at most MAX_DEPTH names deep.
 */
import type { Steps } from './glob';

/** why the value is not told (`fatal`: bash refuses it; `exits`: and the shell exits) */
export interface ArithFail { why: string; fatal: boolean; exits: boolean; syntax?: boolean }

/** a variable's value for the arithmetic: a string, null (unset) or undefined (not known; `why` says why) */
export interface ArithVars {
  get(name: string): string | null | undefined;
  why(name: string): string;
  /** `set -u` where it runs: true, false, or null (not known) */
  nounset: boolean | null;
  /** dash: a variable whose value its arithmetic reads as no number (it stops there: "Illegal number") */
  notNumber?(name: string): boolean;
  /** an assignment the arithmetic makes (the value in decimal); false: the variable is readonly (absent: assignments are not followed) */
  set?(name: string, value: string): boolean;
  /** dash's arithmetic: any error stops the script, so `N/=0` stops it whatever N holds */
  dash?: boolean;
}

/**
 * The names arithmetic text may assign, read from the text as written (a superset: a name before
 * an assignment operator or next to `++`/`--`), for a caller that did not follow the evaluation
 * to its end.
 */
export function arithAssignedNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ASSIGNED)) out.push(m[1] ?? m[2]);
  return out;
}

/** the names the `$((…))` inside an expansion's text may assign (each read to its `))`, at most 512 characters on) */
export function arithAssignedIn(src: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (let k = src.indexOf('$(('); k >= 0; k = src.indexOf('$((', Math.max(k + 3, last))) {
    const s = src.slice(k + 3, k + 515);
    const e = s.indexOf('))');
    for (const n of arithAssignedNames(e < 0 ? s : s.slice(0, e))) out.push(n);
    last = k + 3 + (e < 0 ? s.length : e);
  }
  return out;
}
const ASSIGNED = /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?:\+\+|--|(?:[-+*/%&^|]|<<|>>)?=(?!=))|(?:\+\+|--)[ \t]*([A-Za-z_][A-Za-z0-9_]*)/g;

/** how many names deep a variable's value is followed (bash goes to 1024, then fails) */
const MAX_DEPTH = 16;

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

type Tok = { t: 'num'; v: bigint } | { t: 'name'; v: string } | { t: 'op'; v: string } | { t: 'end' };

/** the assignment operators (each an operator of OPS, or none, then `=`) */
const ASSIGN_OPS = new Set(['=', '*=', '/=', '%=', '+=', '-=', '<<=', '>>=', '&=', '^=', '|=']);

const OPS = ['**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*', '/', '%', '+', '-', '<', '>', '&', '|', '^', '!', '~', '?', ':', ',', '(', ')'];

class Fail {
  constructor(readonly f: ArithFail) {}
}
const unknown = (why: string) => new Fail({ why, fatal: false, exits: false });
const refused = (why: string, exits = false) => new Fail({ why, fatal: true, exits });
/** text bdm-lab does not read as arithmetic (`syntax`: a syntax error of bash's, or a character it has no token for) */
const unread = (why: string) => new Fail({ why, fatal: false, exits: false, syntax: true });

/** the value of a constant as bash's strlong reads it (a run of digits, letters, `@`, `_`, `#`) */
function constant(text: string): bigint | Fail {
  let base = 10;
  let digits = text;
  const hash = text.indexOf('#');
  if (hash >= 0) {
    if (!/^[0-9]+$/.test(text.slice(0, hash)) || text.indexOf('#', hash + 1) >= 0) return unknown(`\`${text}\` is a constant bdm-lab does not read`);
    base = Number(text.slice(0, hash));
    if (base < 2 || base > 64) return refused(`\`${text}\`: invalid arithmetic base`);
    digits = text.slice(hash + 1);
    // (`16#`: no digits; bash takes it as 0 only in some versions: not told)
    if (!digits) return unknown(`\`${text}\` has no digits`);
  } else if (/^0[xX]/.test(text)) {
    base = 16;
    digits = text.slice(2);
  } else if (text.length > 1 && text[0] === '0') {
    base = 8;
    digits = text.slice(1);
  }
  let v = 0n;
  const b = BigInt(base);
  for (const ch of digits) {
    let d: number;
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 122) d = c - 87;
    else if (c >= 65 && c <= 90) d = base <= 36 ? c - 55 : c - 29;
    else if (ch === '@') d = 62;
    else if (ch === '_') d = 63;
    else return refused(`\`${text}\`: value too great for base`);
    if (d >= base) return refused(`\`${text}\`: value too great for base`);
    v = wrap(v * b + BigInt(d));
  }
  return v;
}

function tokens(text: string, steps: Steps, assigns: boolean): Tok[] | Fail {
  const out: Tok[] = [];
  for (let k = 0; k < text.length;) {
    if (--steps.n < 0) return unknown('the arithmetic goes past bdm-lab\'s bounds');
    const ch = text[k];
    if (ch === ' ' || ch === '\t' || ch === '\n') { k++; continue; }
    if (/[0-9]/.test(ch)) {
      let e = k + 1;
      while (e < text.length && /[A-Za-z0-9@_#]/.test(text[e])) e++;
      const v = constant(text.slice(k, e));
      if (v instanceof Fail) return v;
      out.push({ t: 'num', v });
      k = e;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      let e = k + 1;
      while (e < text.length && /[A-Za-z0-9_]/.test(text[e])) e++;
      if (text[e] === '[') return unknown('an array element in arithmetic');
      out.push({ t: 'name', v: text.slice(k, e) });
      k = e;
      continue;
    }
    if (text.startsWith('++', k) || text.startsWith('--', k)) {
      if (!assigns) return unknown('an increment or decrement in arithmetic');
      // bash's reading: after a name, its post-increment; before a name (blanks between), a
      // pre-increment; else one sign
      const last = out[out.length - 1];
      let e = k + 2;
      while (text[e] === ' ' || text[e] === '\t' || text[e] === '\n') e++;
      if (last?.t === 'name') { out.push({ t: 'op', v: `post${ch}${ch}` }); k += 2; continue; }
      if (/[A-Za-z_]/.test(text[e] ?? '')) { out.push({ t: 'op', v: `pre${ch}${ch}` }); k = e; continue; }
      out.push({ t: 'op', v: ch });
      k++;
      continue;
    }
    if (ch === '=' && text[k + 1] !== '=') {
      if (!assigns) return unknown('an assignment in arithmetic');
      out.push({ t: 'op', v: '=' });
      k++;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, k));
    if (!op) return unread(`\`${ch}\` in arithmetic`);
    const after = text[k + op.length];
    if (after === '=' && !['<=', '>=', '==', '!=', '!', '<', '>'].includes(op)) {
      // (`**=`, `&&=`, `||=`: no operator of bash's or dash's)
      if (!assigns || !ASSIGN_OPS.has(`${op}=`)) return unknown('an assignment in arithmetic');
      out.push({ t: 'op', v: `${op}=` });
      k += op.length + 1;
      continue;
    }
    out.push({ t: 'op', v: op });
    k += op.length;
  }
  out.push({ t: 'end' });
  return out;
}

/**
 * The value of arithmetic `text` (after its expansions), or why not. `steps` is the command's
 * budget, shared with its pattern matches.
 */
export function evalArith(text: string, vars: ArithVars, steps: Steps): bigint | ArithFail {
  const r = evaluate(text, vars, steps, 0);
  return r instanceof Fail ? r.f : r;
}

function evaluate(text: string, vars: ArithVars, steps: Steps, depth: number): bigint | Fail {
  // (a variable's value read as arithmetic: an assignment there is not followed)
  const assigns = !!vars.set && depth === 0;
  if (!assigns && /=/.test(text.replace(/[<>=!]=|==/g, ''))) return unknown('an assignment in arithmetic');
  const toks = tokens(text, steps, assigns);
  if (toks instanceof Fail) return toks;
  let k = 0;
  let noeval = 0;
  const peek = (): Tok => toks[k];
  const isOp = (v: string) => { const t = toks[k]; return t.t === 'op' && t.v === v; };
  const syntax = () => unread(`\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\` is arithmetic bdm-lab does not read`);

  const variable = (name: string): bigint | Fail => {
    // (a branch bash does not take reads no variable)
    if (noeval) return 0n;
    if (vars.notNumber?.(name)) return refused(`\`$${name}\` holds no number, and dash stops with "Illegal number"`, true);
    const v = vars.get(name);
    if (v === undefined) return unknown(vars.why(name));
    if (v === null) {
      if (vars.nounset === null) return unknown(`\`$${name}\` is unset and \`set -u\` may be on where the command runs (bash then stops there)`);
      if (vars.nounset) return refused(`\`$${name}\` is unset and \`set -u\` is on: bash stops with "${name}: unbound variable"`, true);
      return 0n;
    }
    if (v.trim() === '') return 0n;
    if (depth >= MAX_DEPTH) return unknown(`\`$${name}\` refers to arithmetic too many names deep`);
    return evaluate(v, vars, steps, depth + 1);
  };

  // the ladder, lowest first: `,`  `?:`  `||`  `&&`  `|`  `^`  `&`  `== !=`  `< > <= >=`  `<< >>`  `+ -`  `* / %`  `**`  unary
  const comma = (): bigint | Fail => {
    let v = assign();
    while (!(v instanceof Fail) && isOp(',')) { k++; v = assign(); }
    return v;
  };
  /** the value a name takes (none in a branch bash does not take) */
  const store = (name: string, v: bigint): bigint | Fail => {
    if (noeval) return v;
    if (!vars.set!(name, v.toString())) return refused(`\`$${name}\` is readonly: the shell refuses the assignment ("${name}: readonly variable")`);
    return v;
  };
  // `NAME op= value` where an expression starts (right to left), else the conditional
  const assign = (): bigint | Fail => {
    const t = peek();
    const o = toks[k + 1];
    if (t.t !== 'name' || o?.t !== 'op' || !ASSIGN_OPS.has(o.v)) return cond();
    if (--steps.n < 0 || ++nest > 64) return unknown('arithmetic nested too deep');
    k += 2;
    const r = assign();
    nest--;
    if (r instanceof Fail) return r;
    if (o.v === '=') return store(t.v, r);
    // (dash reads the variable after the value: a division by 0 stops it whether or not the variable holds a number)
    if (vars.dash && !noeval && r === 0n && (o.v === '/=' || o.v === '%=')) return refused('division by 0 in arithmetic: bash gives up the command');
    const old = variable(t.v);
    if (old instanceof Fail) return old;
    const v = apply(o.v.slice(0, -1), old, r);
    if (v instanceof Fail) return v;
    return store(t.v, v);
  };
  const cond = (): bigint | Fail => {
    const c = lor();
    if (c instanceof Fail || !isOp('?')) return c;
    k++;
    if (c === 0n) noeval++;
    const a = comma();
    if (c === 0n) noeval--;
    if (a instanceof Fail) return a;
    if (!isOp(':')) return syntax();
    k++;
    if (c !== 0n) noeval++;
    const b = cond();
    if (c !== 0n) noeval--;
    if (b instanceof Fail) return b;
    return c !== 0n ? a : b;
  };
  const lor = (): bigint | Fail => {
    let v = land();
    while (!(v instanceof Fail) && isOp('||')) {
      k++;
      const skip = v !== 0n;
      if (skip) noeval++;
      const w = land();
      if (skip) noeval--;
      if (w instanceof Fail) return w;
      v = skip || w !== 0n ? 1n : 0n;
    }
    return v;
  };
  const land = (): bigint | Fail => {
    let v = binary(0);
    while (!(v instanceof Fail) && isOp('&&')) {
      k++;
      const skip = v === 0n;
      if (skip) noeval++;
      const w = binary(0);
      if (skip) noeval--;
      if (w instanceof Fail) return w;
      v = !skip && w !== 0n ? 1n : 0n;
    }
    return v;
  };
  const LEVELS: string[][] = [['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  const apply = (op: string, a: bigint, b: bigint): bigint | Fail => {
    switch (op) {
      case '|': return a | b;
      case '^': return a ^ b;
      case '&': return a & b;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '<<': case '>>':
        if (noeval) return 0n;
        // (a count outside 0..63 is C's undefined behaviour: not told)
        if (b < 0n || b > 63n) return unknown('a shift by a count outside 0..63');
        return op === '<<' ? wrap(a << b) : a >> b;
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      default:
        if (noeval) return 0n;
        if (b === 0n) return refused('division by 0 in arithmetic: bash gives up the command');
        return wrap(op === '/' ? a / b : a % b);
    }
  };
  const binary = (level: number): bigint | Fail => {
    if (level === LEVELS.length) return power();
    let v = binary(level + 1);
    for (;;) {
      if (v instanceof Fail) return v;
      const t = peek();
      if (t.t !== 'op' || !LEVELS[level].includes(t.v)) return v;
      k++;
      const w = binary(level + 1);
      if (w instanceof Fail) return w;
      v = apply(t.v, v, w);
    }
  };
  const power = (): bigint | Fail => {
    const a = unary();
    if (a instanceof Fail || !isOp('**')) return a;
    k++;
    if (++nest > 64) return unknown('arithmetic nested too deep');
    const b = power();
    nest--;
    if (b instanceof Fail) return b;
    // (bash refuses a negative exponent even in a branch it does not take)
    if (b < 0n) return refused('a negative exponent in arithmetic: bash gives up the command');
    if (noeval) return 0n;
    let r = 1n;
    let base = a;
    for (let e = b; e > 0n; e >>= 1n) {
      if (e & 1n) r = wrap(r * base);
      base = wrap(base * base);
    }
    return r;
  };
  /** how deep the unary operators, `**` and parentheses go (bounded: the evaluator recurses) */
  let nest = 0;
  const unary = (): bigint | Fail => {
    if (--steps.n < 0) return unknown('the arithmetic goes past bdm-lab\'s bounds');
    const t = peek();
    // `++NAME`, `--NAME`: the variable's value plus or less one, stored and given
    if (t.t === 'op' && (t.v === 'pre++' || t.v === 'pre--')) {
      const n = toks[k + 1];
      if (n?.t !== 'name') return syntax();
      k += 2;
      const old = variable(n.v);
      if (old instanceof Fail) return old;
      return store(n.v, wrap(old + (t.v === 'pre++' ? 1n : -1n)));
    }
    if (t.t === 'op' && (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~')) {
      k++;
      if (++nest > 64) return unknown('arithmetic nested too deep');
      const v = unary();
      nest--;
      if (v instanceof Fail) return v;
      return t.v === '-' ? wrap(-v) : t.v === '+' ? v : t.v === '!' ? (v === 0n ? 1n : 0n) : ~v;
    }
    return primary();
  };
  const primary = (): bigint | Fail => {
    const t = peek();
    if (t.t === 'num') { k++; return t.v; }
    if (t.t === 'name') {
      k++;
      const v = variable(t.v);
      const o = peek();
      // `NAME++`, `NAME--`: the value before, the variable plus or less one
      if (v instanceof Fail || o.t !== 'op' || (o.v !== 'post++' && o.v !== 'post--')) return v;
      k++;
      const r = store(t.v, wrap(v + (o.v === 'post++' ? 1n : -1n)));
      return r instanceof Fail ? r : v;
    }
    if (t.t === 'op' && t.v === '(') {
      if (++nest > 64) return unknown('arithmetic nested too deep');
      k++;
      const v = comma();
      nest--;
      if (v instanceof Fail) return v;
      if (!isOp(')')) return syntax();
      k++;
      return v;
    }
    return syntax();
  };

  if (toks.length === 1) return 0n;
  const v = comma();
  if (v instanceof Fail) return v;
  if (peek().t !== 'end') return syntax();
  return v;
}
