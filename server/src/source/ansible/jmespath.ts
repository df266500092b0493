/**
 * community.general's `json_query` filter: jmespath 1.0.1's search (lexer.py, parser.py, visitor.py
 * TreeInterpreter) over the template's values, for the expressions bdm-lab reads: fields (plain
 * and quoted), sub-expressions, indexes and slices, list, object and flatten projections, filters
 * `[?...]` with comparisons, `||`, `&&`, `!`, pipes, `@`, literals (`` `json` `` and 'raw'),
 * multi-select lists and hashes, and the built-in functions with `&expr` (jmesfunctions.ts, with
 * their errors as json_query raises them again); an ordering of a text against a number is Python's
 * TypeError in json_query's words. An expression jmespath refuses (its words carry the position of
 * the error) is not followed (Unresolved, a note). The work is bounded by the task's render budget.
 */
import { KEY_ORDER } from './tasks';
import { findKey, isDict, isNum, isStr, keysOf, numOf, pyEq, pyOrder, PyError, spend, text, truthy, Undef, Unresolved, type Budget } from './pyvalue';
import { callFunction, JmesExpr, searchError } from './jmesfunctions';

const notRead = (why: string) => new Unresolved('', `which gives json_query ${why}, which bdm-lab does not follow`);

type Tok = { t: string; v?: unknown };
type Node =
  | { k: 'field'; name: string } | { k: 'sub'; parts: Node[] } | { k: 'index'; i: number }
  | { k: 'slice'; start: number | null; stop: number | null; step: number | null } | { k: 'idx'; parts: Node[] }
  | { k: 'proj' | 'vproj'; l: Node; r: Node } | { k: 'flatten'; c: Node } | { k: 'filter'; l: Node; r: Node; cond: Node }
  | { k: 'cmp'; op: string; l: Node; r: Node } | { k: 'current' } | { k: 'identity' } | { k: 'lit'; v: unknown }
  | { k: 'or' | 'and' | 'pipe'; l: Node; r: Node } | { k: 'not'; c: Node } | { k: 'mlist'; items: Node[] } | { k: 'mdict'; pairs: Array<[string, Node]> }
  | { k: 'fn'; name: string; args: Node[] } | { k: 'expref'; c: Node };

const SIMPLE: Record<string, string> = { '.': 'dot', '*': 'star', ']': 'rbracket', ',': 'comma', ':': 'colon', '@': 'current', '(': 'lparen', ')': 'rparen', '{': 'lbrace', '}': 'rbrace' };
const MAX_EXPRESSION = 4096;

/** lexer.py's tokens (a literal's JSON read by `json` as from_json reads it) */
function tokenize(s: string, loads: (t: string) => unknown): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const until = (d: string): string => {
    // _consume_until: the delimiter may be escaped with a backslash
    // (a backslash keeps itself and takes the next character, whatever it is)
    let j = i + 1;
    let buf = '';
    while (j < s.length && s[j] !== d) {
      if (s[j] === '\\') { buf += '\\'; j++; }
      if (j >= s.length) break;
      buf += s[j];
      j++;
    }
    if (j >= s.length) throw notRead('an unclosed quote');
    i = j + 1;
    return buf;
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (SIMPLE[ch]) { out.push({ t: SIMPLE[ch]! }); i++; continue; }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j]!)) j++;
      out.push({ t: 'ident', v: s.slice(i, j) });
      i = j;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') { i++; continue; }
    if (ch === '[') {
      if (s[i + 1] === ']') { out.push({ t: 'flatten' }); i += 2; } else if (s[i + 1] === '?') { out.push({ t: 'filter' }); i += 2; } else { out.push({ t: 'lbracket' }); i++; }
      continue;
    }
    if (ch === "'") { out.push({ t: 'lit', v: until("'").replace(/\\'/g, "'") }); continue; }
    if (ch === '|') { if (s[i + 1] === '|') { out.push({ t: 'or' }); i += 2; } else { out.push({ t: 'pipe' }); i++; } continue; }
    if (ch === '&') { if (s[i + 1] === '&') { out.push({ t: 'and' }); i += 2; } else { out.push({ t: 'expref' }); i++; } continue; }
    if (ch === '`') {
      const raw = until('`').replace(/\\`/g, '`');
      let v: unknown;
      // (a literal that is not JSON is read again as the text of a JSON string, its leading spaces stripped: JEP-12's deprecated form)
      try { v = loads(raw); } catch {
        try { v = loads(`"${raw.replace(/^[\s\x1c-\x1f]+/, '')}"`); } catch { throw notRead('a literal that is not JSON'); }
      }
      out.push({ t: 'lit', v });
      continue;
    }
    if (/[0-9-]/.test(ch)) {
      let j = i + 1;
      while (j < s.length && /[0-9]/.test(s[j]!)) j++;
      const digits = s.slice(i, j);
      if (digits === '-' || j - i > 15) throw notRead('a number it refuses or bdm-lab does not hold');
      out.push({ t: 'number', v: Number(digits) });
      i = j;
      continue;
    }
    if (ch === '"') {
      const raw = until('"');
      let v: unknown;
      try { v = JSON.parse(`"${raw}"`); } catch { throw notRead('a quoted name that is not JSON'); }
      out.push({ t: 'quoted', v });
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '!=' || two === '==') { out.push({ t: two }); i += 2; continue; }
    if (ch === '<' || ch === '>') { out.push({ t: ch }); i++; continue; }
    if (ch === '!') { out.push({ t: 'not' }); i++; continue; }
    throw notRead('a character jmespath refuses');
  }
  out.push({ t: 'eof' });
  return out;
}

const BP: Record<string, number> = {
  eof: 0, ident: 0, quoted: 0, lit: 0, rbracket: 0, rparen: 0, comma: 0, rbrace: 0, number: 0, current: 0, expref: 0, colon: 0,
  pipe: 1, or: 2, and: 3, '==': 5, '!=': 5, '<': 5, '<=': 5, '>': 5, '>=': 5, flatten: 9, star: 20, filter: 21, dot: 40, not: 45, lbrace: 50, lbracket: 55, lparen: 60,
};
const PROJECTION_STOP = 10;

/** parser.py's Pratt parser over the tokens */
function parse(toks: Tok[]): Node {
  let p = 0;
  let depth = 0;
  const cur = () => toks[p]!.t;
  const look = (n: number) => toks[Math.min(p + n, toks.length - 1)]!.t;
  const fail = (): never => { throw notRead('an expression jmespath refuses (in words that give its position)'); };
  const match = (t: string) => { if (cur() !== t) fail(); p++; };
  const bp = (t: string) => BP[t] ?? fail();
  const expression = (rbp = 0): Node => {
    if (++depth > 200) throw notRead('an expression nested deeper than bdm-lab reads');
    const tok = toks[p++]!;
    let left = nud(tok);
    while (rbp < bp(cur())) {
      const t = toks[p++]!;
      left = led(t, left);
    }
    depth--;
    return left;
  };
  const projectionRhs = (b: number): Node => {
    if (bp(cur()) < PROJECTION_STOP) return { k: 'identity' };
    if (cur() === 'lbracket' || cur() === 'filter') return expression(b);
    if (cur() === 'dot') { match('dot'); return dotRhs(b); }
    return fail();
  };
  const dotRhs = (b: number): Node => {
    const t = cur();
    if (t === 'ident' || t === 'quoted' || t === 'star') return expression(b);
    if (t === 'lbracket') { p++; return multiList(); }
    if (t === 'lbrace') { p++; return multiDict(); }
    return fail();
  };
  const multiList = (): Node => {
    const items: Node[] = [];
    for (;;) {
      items.push(expression());
      if (cur() === 'rbracket') break;
      match('comma');
    }
    match('rbracket');
    return { k: 'mlist', items };
  };
  const multiDict = (): Node => {
    const pairs: Array<[string, Node]> = [];
    for (;;) {
      const key = toks[p]!;
      if (key.t !== 'ident' && key.t !== 'quoted') fail();
      p++;
      match('colon');
      pairs.push([String(key.v), expression()]);
      if (cur() === 'comma') { p++; continue; }
      if (cur() === 'rbrace') { p++; break; }
      fail();
    }
    return { k: 'mdict', pairs };
  };
  const indexExpr = (): Node => {
    if (look(0) === 'colon' || look(1) === 'colon') {
      const parts: Array<number | null> = [null, null, null];
      let i = 0;
      while (cur() !== 'rbracket' && i < 3) {
        if (cur() === 'colon') { if (++i === 3) fail(); p++; } else if (cur() === 'number') { parts[i] = toks[p]!.v as number; p++; } else fail();
      }
      match('rbracket');
      if (parts[2] === 0) throw notRead('a slice step of 0 (a ValueError)');
      return { k: 'slice', start: parts[0]!, stop: parts[1]!, step: parts[2]! };
    }
    if (cur() !== 'number') fail();
    const i = toks[p]!.v as number;
    p++;
    match('rbracket');
    return { k: 'index', i };
  };
  const projectIfSlice = (left: Node, right: Node): Node => {
    const ix: Node = { k: 'idx', parts: [left, right] };
    return right.k === 'slice' ? { k: 'proj', l: ix, r: projectionRhs(BP.star!) } : ix;
  };
  const nud = (tok: Tok): Node => {
    switch (tok.t) {
      case 'lit': return { k: 'lit', v: tok.v };
      case 'ident': return { k: 'field', name: String(tok.v) };
      case 'quoted': if (cur() === 'lparen') fail(); return { k: 'field', name: String(tok.v) };
      case 'star': return { k: 'vproj', l: { k: 'identity' }, r: cur() === 'rbracket' ? { k: 'identity' } : projectionRhs(BP.star!) };
      case 'filter': return ledFilter({ k: 'identity' });
      case 'lbrace': return multiDict();
      case 'lparen': { const e = expression(); match('rparen'); return e; }
      case 'flatten': return { k: 'proj', l: { k: 'flatten', c: { k: 'identity' } }, r: projectionRhs(BP.flatten!) };
      case 'not': return { k: 'not', c: expression(BP.not) };
      case 'lbracket':
        if (cur() === 'number' || cur() === 'colon') return projectIfSlice({ k: 'identity' }, indexExpr());
        if (cur() === 'star' && look(1) === 'rbracket') { p += 2; return { k: 'proj', l: { k: 'identity' }, r: projectionRhs(BP.star!) }; }
        return multiList();
      case 'current': return { k: 'current' };
      case 'expref': return { k: 'expref', c: expression(BP.expref) };
      default: return fail();
    }
  };
  const ledFilter = (left: Node): Node => {
    const cond = expression(0);
    match('rbracket');
    const r: Node = cur() === 'flatten' ? { k: 'identity' } : projectionRhs(BP.filter!);
    return { k: 'filter', l: left, r, cond };
  };
  const led = (tok: Tok, left: Node): Node => {
    switch (tok.t) {
      case 'dot':
        if (cur() !== 'star') {
          const right = dotRhs(BP.dot!);
          if (left.k === 'sub') { left.parts.push(right); return left; }
          return { k: 'sub', parts: [left, right] };
        }
        p++;
        return { k: 'vproj', l: left, r: projectionRhs(BP.dot!) };
      case 'pipe': return { k: 'pipe', l: left, r: expression(BP.pipe) };
      case 'or': return { k: 'or', l: left, r: expression(BP.or) };
      case 'and': return { k: 'and', l: left, r: expression(BP.and) };
      case 'lparen': {
        // _token_led_lparen: a function's name is a plain field; its arguments, each followed by an optional comma
        if (left.k !== 'field') fail();
        const args: Node[] = [];
        while (cur() !== 'rparen') {
          if (cur() === 'eof') fail();
          const a = expression();
          if (cur() === 'comma') match('comma');
          args.push(a);
        }
        match('rparen');
        return { k: 'fn', name: (left as { name: string }).name, args };
      }
      case 'filter': return ledFilter(left);
      case '==': case '!=': case '<': case '<=': case '>': case '>=': return { k: 'cmp', op: tok.t, l: left, r: expression(BP[tok.t]) };
      case 'flatten': return { k: 'proj', l: { k: 'flatten', c: left }, r: projectionRhs(BP.flatten!) };
      case 'lbracket':
        if (cur() === 'number' || cur() === 'colon') {
          const right = indexExpr();
          if (left.k === 'idx') { left.parts.push(right); return left; }
          return projectIfSlice(left, right);
        }
        match('star');
        match('rbracket');
        return { k: 'proj', l: left, r: projectionRhs(BP.star!) };
      default: return fail();
    }
  };
  const tree = expression();
  if (cur() !== 'eof') fail();
  return tree;
}

/** jmespath's _is_false: '', [], {}, None and False (0 is true) */
function isFalse(v: unknown): boolean {
  return v === null || v === false || (isStr(v) && text(v) === '') || (Array.isArray(v) && !v.length) || (isDict(v) && !keysOf(v).length);
}

/** Python's bool and int: a number that is not a bool */
const actualNumber = (v: unknown): boolean => isNum(v) && typeof v !== 'boolean';

/** _equals: 0 and 1 against a bool are unequal (Python says 1 == True) */
function equals(x: unknown, y: unknown): boolean {
  if (actualNumber(x) && (numOf(x as number) === 0 || numOf(x as number) === 1)) { if (typeof y === 'boolean') return false; }
  else if (actualNumber(y) && (numOf(y as number) === 0 || numOf(y as number) === 1)) { if (typeof x === 'boolean') return false; }
  return pyEq(x, y);
}

/** TreeInterpreter.visit */
function visitNode(n: Node, v: unknown, b: Budget, dumps: (v: unknown) => string): unknown {
  const visit = (m: Node, x: unknown, bb: Budget): unknown => visitNode(m, x, bb, dumps);
  spend(b, 1);
  if (v instanceof Undef) throw v.cause ?? notRead('an undefined value');
  switch (n.k) {
    case 'field': {
      if (!isDict(v)) return null;
      const held = findKey(v, n.name);
      return held === undefined ? null : v[held];
    }
    case 'sub': {
      let r = visit(n.parts[0]!, v, b);
      for (const part of n.parts.slice(1)) {
        r = visit(part, r, b);
        if (r === null) return null;
      }
      return r;
    }
    case 'idx': {
      let r = v;
      for (const part of n.parts) r = visit(part, r, b);
      return r;
    }
    case 'index': {
      if (!Array.isArray(v)) return null;
      const i = n.i < 0 ? v.length + n.i : n.i;
      return i >= 0 && i < v.length ? v[i] : null;
    }
    case 'slice': {
      if (!Array.isArray(v)) return null;
      const step = n.step ?? 1;
      const len = v.length;
      const norm = (x: number | null, dflt: number): number => {
        if (x === null) return dflt;
        if (x < 0) return Math.max(x + len, step < 0 ? -1 : 0);
        return Math.min(x, step < 0 ? len - 1 : len);
      };
      const start = norm(n.start, step < 0 ? len - 1 : 0);
      const stop = norm(n.stop, step < 0 ? -1 : len);
      const out: unknown[] = [];
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(v[i]);
      spend(b, out.length);
      return out;
    }
    case 'proj': case 'vproj': {
      let base = visit(n.l, v, b);
      if (n.k === 'vproj') {
        if (!isDict(base)) return null;
        const d = base;
        base = keysOf(d).map((k) => d[k]);
      } else if (!Array.isArray(base)) return null;
      const out: unknown[] = [];
      for (const x of base as unknown[]) {
        const r = visit(n.r, x, b);
        if (r !== null) out.push(r);
      }
      return out;
    }
    case 'flatten': {
      const base = visit(n.c, v, b);
      if (!Array.isArray(base)) return null;
      const out: unknown[] = [];
      for (const x of base) {
        if (Array.isArray(x)) { spend(b, x.length); out.push(...x); } else out.push(x);
      }
      return out;
    }
    case 'filter': {
      const base = visit(n.l, v, b);
      if (!Array.isArray(base)) return null;
      const out: unknown[] = [];
      for (const x of base) {
        if (isFalse(visit(n.cond, x, b))) continue;
        const r = visit(n.r, x, b);
        if (r !== null) out.push(r);
      }
      return out;
    }
    case 'cmp': {
      const l = visit(n.l, v, b);
      const r = visit(n.r, v, b);
      if (l instanceof Undef || r instanceof Undef) throw notRead('an undefined value');
      if (n.op === '==') return equals(l, r);
      if (n.op === '!=') return !equals(l, r);
      const comparable = (x: unknown) => actualNumber(x) || isStr(x);
      if (!comparable(l) || !comparable(r)) return null;
      try {
        return pyOrder(l, r, n.op as '<' | '<=' | '>' | '>=');
      } catch (e) {
        // a text against a number: Python's TypeError, which json_query raises again in its words
        if (e instanceof PyError && e.kind === 'type') throw searchError(e.message);
        throw e;
      }
    }
    case 'current': case 'identity': return v;
    case 'lit': return n.v;
    case 'or': { const l = visit(n.l, v, b); return isFalse(l) ? visit(n.r, v, b) : l; }
    case 'and': { const l = visit(n.l, v, b); return isFalse(l) ? l : visit(n.r, v, b); }
    case 'not': {
      const x = visit(n.c, v, b);
      if (x instanceof Undef) throw notRead('an undefined value');
      if (actualNumber(x) && numOf(x as number) === 0) return false;
      return !truthy(x);
    }
    case 'pipe': return visit(n.r, visit(n.l, v, b), b);
    case 'mlist': return v === null ? null : n.items.map((x) => visit(x, v, b));
    case 'mdict': {
      if (v === null) return null;
      const o: Record<string, unknown> = {};
      const order: string[] = [];
      for (const [k, x] of n.pairs) {
        if (!Object.prototype.hasOwnProperty.call(o, k)) order.push(k);
        o[k] = visit(x, v, b);
      }
      KEY_ORDER.set(o, order);
      return o;
    }
    case 'fn': {
      const args = n.args.map((a) => (a.k === 'expref' ? new JmesExpr((x) => visit(a.c, x, b)) : visit(a, v, b)));
      return callFunction(n.name, args, b, dumps);
    }
    case 'expref': throw notRead('an expression reference outside a function\'s arguments');
  }
}

/** `data | json_query(expr)`: jmespath.search(expr, data) */
export function jsonQuery(data: unknown, expr: unknown, b: Budget, loads: (t: string) => unknown, dumps: (v: unknown) => string): unknown {
  if (expr instanceof Undef) throw expr.cause ?? notRead('an undefined expression');
  if (data instanceof Undef) throw data.cause ?? notRead('an undefined value');
  if (!isStr(expr)) throw notRead('an expression that is not a text');
  const s = text(expr);
  if (!s) throw notRead('an empty expression (an error in jmespath\'s words)');
  if (s.length > MAX_EXPRESSION) throw notRead('a longer expression than bdm-lab reads');
  spend(b, s.length);
  return visitNode(parse(tokenize(s, loads)), data, b, dumps);
}
