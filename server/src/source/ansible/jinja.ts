/**
 * Jinja2 3.1's reading of a template (lexer.py, parser.py), for the part of its syntax bdm-lab
 * renders (template.ts): text and `{{ }}` expressions. An expression is read with Jinja's grammar
 * and precedence (conditional expression, `or`, `and`, `not`, comparisons, `+`/`-`, `~`, `*`, `/`,
 * `//`, `%`, `**`, unary signs, then primaries with `.attr`, `[item]`, calls, filters and tests,
 * the last three binding tighter than any operator; `[start:stop:step]` slices), its literals as Jinja's lexer reads them
 * (integers with `_`, `0x`/`0o`/`0b`, floats, strings, true/false/none in both spellings, lists, tuples in parentheses,
 * dict literals `{key: value, ...}` as parse_dict reads them).
 *
 * `{# #}` comments give nothing; `{% if %}`/`{% elif %}`/`{% else %}`/`{% endif %}` blocks,
 * `{% for x in y if z recursive %}`/`{% else %}`/`{% endfor %}` loops, `{% set x = y %}` and block
 * sets (`{% set x | filter %}...{% endset %}`) are read into
 * pieces, `{% raw %}` gives its text (Ansible's trim_blocks drops one line break after each `#}`
 * and `%}`; whitespace control, `{%-`, `-%}`, `{{-`, `-}}`, `{#-`, `-#}`, drops white space).
 *
 * What it does not read makes it answer `null` (the caller leaves the value unresolved): other
 * `{% %}` tags (`macro`...), a tuple subscript, `*args` but a filter's, `**kwargs`, a
 * string whose quote a backslash escapes (Ansible doubles each backslash before Jinja reads a
 * string in `{{ }}`, so `\n` stays two characters and `\'` ends it; a `when:` condition's strings,
 * which Ansible does not double, are decoded as Jinja decodes them), a character outside
 * ASCII outside a string, and whatever Jinja itself would refuse (its syntax errors are not
 * worded here). One pass over the text; the nesting of expressions is bounded.
 */

import { isPySpace, pyRstrip } from '../../text/pySpace';

export type Node =
  | { k: 'const'; v: null | boolean | number | string | { float: number } }
  | { k: 'list'; items: Node[] }
  | { k: 'tuple'; items: Node[] }
  | { k: 'dict'; items: Array<[Node, Node]> }
  | { k: 'name'; name: string }
  | { k: 'getattr'; obj: Node; attr: string }
  | { k: 'getitem'; obj: Node; arg: Node }
  | { k: 'call'; fn: Node; argc: number; args: Node[]; kwargs: Array<[string, Node]> }
  | { k: 'slice'; obj: Node; start: Node | null; stop: Node | null; step: Node | null }
  | { k: 'filter'; node: Node; name: string; args: Node[]; kwargs: Array<[string, Node]>; star?: Node }
  | { k: 'test'; node: Node; name: string; args: Node[]; kwargs: Array<[string, Node]> }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '//' | '%' | '**'; l: Node; r: Node }
  | { k: 'unary'; op: '-' | '+'; node: Node }
  | { k: 'concat'; nodes: Node[] }
  | { k: 'compare'; first: Node; ops: Array<[CompareOp, Node]> }
  | { k: 'and' | 'or'; l: Node; r: Node }
  | { k: 'not'; node: Node }
  | { k: 'cond'; test: Node; yes: Node; no: Node | null; line: number };

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'notin';

/**
 * A template as Jinja splits it: text, expressions, `{% if %}` blocks (its `if` and `elif` tests
 * with their bodies, and the `else` body, empty when it has none) and `{% for %}` loops (the name
 * it binds, what it iterates, its body and its `else` body), in order.
 */
export type Piece =
  | { text: string }
  | { expr: Node; src: string }
  | { branches: Array<{ test: Node; body: Piece[] }>; otherwise: Piece[] }
  | { target: Target; iter: Node; test: Node | null; body: Piece[]; otherwise: Piece[]; recursive?: boolean }
  | { set: Target; value: Node }
  | { set: Target; body: Piece[]; filter?: Node };

/**
 * the name a block `set`'s filters read its body's text from (`{% set x | trim %}`: the filter node
 * applies `trim` to it); no template can write it
 */
export const SET_BODY = ' set body';

/** what a `{% for %}` or `{% set %}` assigns: one name, names a value is unpacked into (`a, b`), or (a `set` only) a namespace's attribute (`ns.attr`) */
export type Target = string | string[] | { ns: string; attr: string };

type Tok =
  | { t: 'name'; v: string; line: number }
  | { t: 'int'; v: number; line: number }
  | { t: 'float'; v: number; line: number }
  | { t: 'str'; v: string; line: number }
  | { t: 'op'; v: string; line: number }
  | { t: 'end'; v: ''; line: number }
  // where Jinja's lexer (which the parser pulls token by token) would stop: what it meets there is not read
  | { t: 'bad'; v: string; line: number };

/** how deep expressions may nest (parentheses, lists, filter arguments) before bdm-lab stops reading */
const MAX_NESTING = 48;
/** how deep the tree of one expression may be (a chain of filters or operators is as deep as it is long): evaluating it recurses that deep */
const MAX_DEPTH = 200;
const depths = new WeakMap<Node, number>();

/** a node over its operands, refused past MAX_DEPTH */
function mk<T extends Node>(n: T, kids: Node[]): T {
  let d = 0;
  for (const k of kids) d = Math.max(d, depths.get(k) ?? 0);
  if (d + 1 > MAX_DEPTH) throw new NotRead();
  depths.set(n, d + 1);
  return n;
}

class NotRead extends Error {}

/** a TemplateSyntaxError of Jinja's parser, in its words (only where bdm-lab knows Jinja stops there) */
export class JinjaSyntaxError extends Error {}

/** parser.py's `expected token 'X', got 'Y'` for a token no expression goes on with; NotRead for any other */
function unexpected(expected: string, t: Tok): never {
  const got = t.t === 'int' ? 'integer' : t.t === 'float' ? 'float' : t.t === 'str' ? 'string'
    : t.t === 'name' && !['if', 'else', 'or', 'and', 'not', 'in', 'is'].includes(t.v) ? t.v : null;
  if (got === null) throw new NotRead();
  throw new JinjaSyntaxError(`expected token '${expected}', got '${got}'`);
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isNameChar = (c: string | undefined) => isNameStart(c) || isDigit(c);
const OPERATORS = ['//', '**', '==', '!=', '>=', '<=', '+', '-', '/', '*', '%', '~', '[', ']', '(', ')', '{', '}', '>', '<', '=', '.', ':', '|', ',', ';'];

/** `(\d+_)*\d+` at i (digits with single underscores between them): its end, or i */
function digitRun(s: string, i: number, ok: (c: string | undefined) => boolean = isDigit): number {
  if (!ok(s[i])) return i;
  let j = i + 1;
  for (;;) {
    if (ok(s[j])) j++;
    else if (s[j] === '_' && ok(s[j + 1])) j += 2;
    else return j;
  }
}

/** Jinja's float_re at i (not after a dot): its end, or -1 */
function floatAt(s: string, i: number): number {
  if (s[i - 1] === '.') return -1;
  const d = digitRun(s, i);
  if (d === i) return -1;
  let j = d;
  let fraction = false;
  if (s[j] === '.' && isDigit(s[j + 1])) { j = digitRun(s, j + 1); fraction = true; }
  if (s[j] === 'e' || s[j] === 'E') {
    let k = j + 1;
    if (s[k] === '+' || s[k] === '-') k++;
    const e = digitRun(s, k);
    if (e > k) return e;
  }
  return fraction ? j : -1;
}

/** Jinja's integer_re at i: [end, value], or null */
function intAt(s: string, i: number): [number, number] | null {
  const c = s[i];
  if (!isDigit(c)) return null;
  if (c === '0') {
    const p = (s[i + 1] ?? '').toLowerCase();
    const radix = p === 'b' ? 2 : p === 'o' ? 8 : p === 'x' ? 16 : 0;
    if (radix) {
      const ok = (x: string | undefined) => x !== undefined && /^[0-9a-fA-F]$/.test(x) && parseInt(x, 16) < radix;
      // `(_?[digit])+` right after the prefix
      let j = i + 2;
      const start = j;
      for (;;) {
        if (ok(s[j])) j++;
        else if (s[j] === '_' && ok(s[j + 1])) j += 2;
        else break;
      }
      if (j > start) return [j, parseInt(s.slice(start, j).replace(/_/g, ''), radix)];
    }
    // 0(_?0)*
    let j = i + 1;
    for (;;) {
      if (s[j] === '0') j++;
      else if (s[j] === '_' && s[j + 1] === '0') j += 2;
      else break;
    }
    return [j, 0];
  }
  const j = digitRun(s, i);
  return [j, Number(s.slice(i, j).replace(/_/g, ''))];
}

/**
 * The tokens of one `{{ }}` from `from` (just after `{{`): up to its `}}`, or null when bdm-lab
 * does not read it. `end` is where the text after `}}` starts. `block`: a `{% %}` tag's, up to its `%}`.
 */
/**
 * what a tag's end drops of the text after it: every white space character (`-%}`, `-}}`, `-#}`),
 * one line break (`%}`, `#}`: Ansible's trim_blocks), or nothing (`}}`, `+%}`, `+#}`)
 */
type Strip = 'all' | 'line' | 'none';

function lexExpression(s: string, from: number, line: number, unescape: boolean, block = false): { toks: Tok[]; end: number; strip: Strip } | null {
  const toks: Tok[] = [];
  let i = from;
  let depth = 0;
  // (Jinja's own reading: the tokens up to where its lexer stops; the expression's end is not known)
  // (Jinja's lexer fails there with `unexpected char` and the character's repr at its offset in the template)
  const bad = (why = '') => { toks.push({ t: 'bad', v: why, line }); return { toks, end: -1, strip: 'none' as Strip }; };
  const unexpectedChar = (): { toks: Tok[]; end: number; strip: Strip } => {
    const c = s[i]!;
    if (c < ' ' || c > '~') return bad();
    const repr = c === "'" ? `"'"` : c === '\\' ? "'\\\\'" : `'${c}'`;
    return bad(`unexpected char ${repr} at ${codePointsBefore(s, i)}`);
  };
  // (the whitespace control sign after `{{`/`{%` is the caller's: `from` is past it)
  while (i < s.length) {
    const c = s[i]!;
    // the tag's end, where brackets are balanced, before anything else at a place: a block's
    // `%}`, `-%}` or `+%}`, an expression's `}}` or `-}}`
    if (depth === 0 && block) {
      const sign = c === '-' || c === '+' ? c : '';
      if (s[i + sign.length] === '%' && s[i + sign.length + 1] === '}') {
        toks.push({ t: 'end', v: '', line });
        return { toks, end: i + sign.length + 2, strip: sign === '-' ? 'all' : sign === '+' ? 'none' : 'line' };
      }
    }
    if (depth === 0 && (c === '}' || c === '-') && s.startsWith('}}', c === '-' ? i + 1 : i)) {
      if (block) return null;
      toks.push({ t: 'end', v: '', line });
      return { toks, end: c === '-' ? i + 3 : i + 2, strip: c === '-' ? 'all' : 'none' };
    }
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { i++; continue; }
    const f = isDigit(c) ? floatAt(s, i) : -1;
    if (f > 0) {
      toks.push({ t: 'float', v: Number(s.slice(i, f).replace(/_/g, '')), line });
      i = f;
      continue;
    }
    const n = intAt(s, i);
    if (n) {
      toks.push({ t: 'int', v: n[1], line });
      i = n[0];
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (isNameChar(s[j])) j++;
      // a name that goes on with a character outside ASCII (Jinja's names are Unicode)
      if (j < s.length && s.charCodeAt(j) > 0x7f) return null;
      toks.push({ t: 'name', v: s.slice(i, j), line });
      i = j;
      continue;
    }
    if (c === "'" || c === '"') {
      if (unescape) {
        // Jinja's own reading: a backslash escapes the next character, then Python's unicode-escape
        let close = i + 1;
        while (s[close] !== undefined && s[close] !== c) close += s[close] === '\\' ? 2 : 1;
        if (s[close] !== c) return unexpectedChar();
        const body = unicodeEscape(s.slice(i + 1, close).replace(/\r\n?/g, '\n'));
        if (body === null) return bad();
        toks.push({ t: 'str', v: body, line });
        for (let k = i; k < close; k++) if (s[k] === '\n') line++;
        i = close + 1;
        continue;
      }
      // Ansible doubles each backslash of a string before Jinja reads it: the string keeps its
      // backslashes as written, unless one escapes its quote (then Jinja reads other tokens)
      let close = i + 1;
      for (;;) {
        const x = s[close];
        if (x === undefined) return null;
        if (x === '\\') {
          if (s[close + 1] === c || s[close + 1] === undefined) return null;
          close += 2;
        } else if (x === c) break;
        else close++;
      }
      const body = s.slice(i + 1, close);
      toks.push({ t: 'str', v: body.replace(/\r\n?/g, '\n'), line });
      for (let k = i; k < close; k++) if (s[k] === '\n') line++;
      i = close + 1;
      continue;
    }
    const op = OPERATORS.find((o) => s.startsWith(o, i));
    if (!op) return unescape ? unexpectedChar() : null;
    // Jinja's lexer balances `(`, `[` and `{`: a `}}` inside a dict literal closes braces, not the expression
    if (op === '(' || op === '[' || op === '{') depth++;
    else if (op === ')' || op === ']' || op === '}') { if (--depth < 0) return null; }
    toks.push({ t: 'op', v: op, line });
    i += op.length;
  }
  return null;
}

/** a token the parser reaches: where Jinja's lexer stops, its TemplateSyntaxError (or, unworded, not read) */
function reached(t: Tok): Tok {
  if (t.t !== 'bad') return t;
  if (t.v) throw new JinjaSyntaxError(t.v);
  throw new NotRead();
}

/** the count of code points (Python's str indices) in s before i */
function codePointsBefore(s: string, i: number): number {
  let n = 0;
  for (let k = 0; k < i; k++) { const c = s.charCodeAt(k); if (c < 0xdc00 || c > 0xdfff) n++; }
  return n;
}

/** what Jinja calls the `%}` that closes an `{% if %}`'s test */
const IF_END = 'end of statement block';

/** Jinja's parser over one expression's tokens (parser.py, same functions, same order). */
class Parser {
  private i = 0;
  private nesting = 0;
  /** `end`: what Jinja calls the token that closes the expression (`}}`, or `%}` of an `{% if %}`) */
  /** `withCond`: a conditional expression may stand at the top (parse_tuple's with_condexpr; not in an `{% if %}` test or a `{% for %}`'s iterable) */
  constructor(private readonly toks: Tok[], private readonly end = 'end of print statement', private readonly withCond = end !== IF_END) {}

  // (a token the lexer does not give: Jinja's lexer fails when the parser reaches it)
  private get cur(): Tok { return reached(this.toks[this.i]!); }
  private look(): Tok { return reached(this.toks[Math.min(this.i + 1, this.toks.length - 1)]!); }
  private next(): Tok { return this.toks[this.i++]!; }
  private isOp(v: string, t: Tok = this.cur): boolean { return t.t === 'op' && t.v === v; }
  private isName(v: string, t: Tok = this.cur): boolean { return t.t === 'name' && t.v === v; }
  private expectOp(v: string): void { if (!this.isOp(v)) unexpected(v, this.cur); this.i++; }
  private expectName(): string { const t = this.cur; if (t.t !== 'name') throw new NotRead(); this.i++; return t.v; }

  private nest<T>(f: () => T): T {
    if (++this.nesting > MAX_NESTING) throw new NotRead();
    try { return f(); } finally { this.nesting--; }
  }

  whole(): Node {
    const n = this.tuple();
    if (!this.withCond && this.isName('if')) throw new JinjaSyntaxError(`expected token '${IF_END}', got 'if'`);
    if (this.cur.t !== 'end') unexpected(this.end, this.cur);
    return n;
  }

  /**
   * a block `set`'s filters after its target (parse_filter without a start: `| name(args)`, one
   * after another, nothing else before the tag's end), applied to the body's text (SET_BODY)
   */
  setFilters(): Node {
    let node: Node = { k: 'name', name: SET_BODY };
    while (this.isOp('|')) {
      this.i++;
      if (this.cur.t === 'end') throw new JinjaSyntaxError(`expected token 'name', got '${IF_END}'`);
      let name = this.expectName();
      while (this.isOp('.')) { this.i++; name += '.' + this.expectName(); }
      const { args, kwargs, star } = this.isOp('(') ? this.nest(() => this.callArgs(true)) : { args: [], kwargs: [], star: undefined };
      node = mk({ k: 'filter', node, name, args, kwargs, ...(star ? { star } : {}) }, [node, ...args, ...kwargs.map(([, x]) => x), ...(star ? [star] : [])]);
    }
    if (this.cur.t !== 'end') unexpected(IF_END, this.cur);
    return node;
  }

  /**
   * a `{% for %}` tag after its `in`: the iterable (parse_tuple without a conditional expression),
   * then the filter after `if` (parse_expression), if any, then `recursive`, if written
   */
  forHead(): { iter: Node; test: Node | null; recursive: boolean } {
    const iter = this.tuple();
    let test: Node | null = null;
    if (this.isName('if')) { this.i++; test = this.expression(); }
    const recursive = this.isName('recursive');
    if (recursive) this.i++;
    if (this.cur.t !== 'end') unexpected(this.end, this.cur);
    return { iter, test, recursive };
  }

  private tuple(): Node {
    // the test of an `{% if %}` (a `when:`) is read without a conditional expression at its top
    // (parse_if: parse_tuple(with_condexpr=False)): `a if b else c` stops at its `if`
    const one = () => (this.withCond ? this.expression() : this.nest(() => this.or()));
    // (nothing at all: parse_tuple's "Expected an expression", not worded here)
    const start = this.cur;
    if (start.t === 'end') throw new NotRead();
    // both are read by parse_tuple without parentheses: a comma at the top makes a tuple (`a, b`,
    // `a,`), whose items end at the closing token
    let n = one();
    if (this.isOp(',')) {
      const items = [n];
      while (this.isOp(',')) {
        this.i++;
        if (this.cur.t === 'end') break;
        items.push(one());
      }
      n = mk({ k: 'tuple', items }, items);
    }
    return n;
  }

  expression(): Node { return this.nest(() => this.condexpr()); }

  private condexpr(): Node {
    let line = this.cur.line;
    let expr1 = this.or();
    while (this.isName('if')) {
      this.i++;
      const expr2 = this.or();
      let expr3: Node | null = null;
      if (this.isName('else')) { this.i++; expr3 = this.nest(() => this.condexpr()); }
      expr1 = mk({ k: 'cond', test: expr2, yes: expr1, no: expr3, line }, expr3 ? [expr2, expr1, expr3] : [expr2, expr1]);
      line = this.cur.line;
    }
    return expr1;
  }

  private or(): Node {
    let l = this.and();
    while (this.isName('or')) { this.i++; const r = this.and(); l = mk({ k: 'or', l, r }, [l, r]); }
    return l;
  }

  private and(): Node {
    let l = this.not();
    while (this.isName('and')) { this.i++; const r = this.not(); l = mk({ k: 'and', l, r }, [l, r]); }
    return l;
  }

  private not(): Node {
    if (this.isName('not')) { this.i++; const node = this.nest(() => this.not()); return mk({ k: 'not', node }, [node]); }
    return this.compare();
  }

  private compare(): Node {
    const first = this.math1();
    const ops: Array<[CompareOp, Node]> = [];
    for (;;) {
      const t = this.cur;
      if (t.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) { this.i++; ops.push([t.v as CompareOp, this.math1()]); }
      else if (this.isName('in')) { this.i++; ops.push(['in', this.math1()]); }
      else if (this.isName('not') && this.isName('in', this.look())) { this.i += 2; ops.push(['notin', this.math1()]); }
      else break;
    }
    return ops.length ? mk({ k: 'compare', first, ops }, [first, ...ops.map(([, x]) => x)]) : first;
  }

  private math1(): Node {
    let l = this.concat();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().v as '+' | '-';
      const r = this.concat();
      l = mk({ k: 'bin', op, l, r }, [l, r]);
    }
    return l;
  }

  private concat(): Node {
    const nodes = [this.math2()];
    while (this.isOp('~')) { this.i++; nodes.push(this.math2()); }
    return nodes.length === 1 ? nodes[0]! : mk({ k: 'concat', nodes }, nodes);
  }

  private math2(): Node {
    let l = this.pow();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const op = this.next().v as '*' | '/' | '//' | '%';
      const r = this.pow();
      l = mk({ k: 'bin', op, l, r }, [l, r]);
    }
    return l;
  }

  private pow(): Node {
    let l = this.unary(true);
    while (this.isOp('**')) { this.i++; const r = this.unary(true); l = mk({ k: 'bin', op: '**', l, r }, [l, r]); }
    return l;
  }

  private unary(withFilter: boolean): Node {
    let node: Node;
    if (this.isOp('-') || this.isOp('+')) {
      const op = this.next().v as '-' | '+';
      const inner = this.nest(() => this.unary(false));
      node = mk({ k: 'unary', op, node: inner }, [inner]);
    } else node = this.primary();
    node = this.postfix(node);
    return withFilter ? this.filterExpr(node) : node;
  }

  private primary(): Node {
    const t = this.cur;
    if (t.t === 'name') {
      this.i++;
      if (t.v === 'true' || t.v === 'True') return { k: 'const', v: true };
      if (t.v === 'false' || t.v === 'False') return { k: 'const', v: false };
      if (t.v === 'none' || t.v === 'None') return { k: 'const', v: null };
      return { k: 'name', name: t.v };
    }
    if (t.t === 'str') {
      // strings written side by side are one
      let v = '';
      while (this.cur.t === 'str') v += this.next().v;
      return { k: 'const', v };
    }
    if (t.t === 'int') {
      this.i++;
      if (!Number.isSafeInteger(t.v)) throw new NotRead();
      return { k: 'const', v: t.v };
    }
    if (t.t === 'float') { this.i++; return { k: 'const', v: { float: t.v } }; }
    if (this.isOp('(')) {
      this.i++;
      // parse_tuple(explicit_parentheses): a comma makes a tuple, `()` is the empty one
      if (this.isOp(')')) { this.i++; return { k: 'tuple', items: [] }; }
      const n = this.expression();
      if (this.isOp(',')) {
        const items = [n];
        while (this.isOp(',')) {
          this.i++;
          if (this.isOp(')')) break;
          items.push(this.expression());
        }
        this.expectOp(')');
        return mk({ k: 'tuple', items }, items);
      }
      if (!this.isOp(')')) unexpected(')', this.cur);
      this.i++;
      return n;
    }
    if (this.isOp('[')) {
      this.i++;
      const items: Node[] = [];
      while (!this.isOp(']')) {
        if (items.length) this.expectOp(',');
        if (this.isOp(']')) break;
        items.push(this.expression());
      }
      this.i++;
      return mk({ k: 'list', items }, items);
    }
    if (this.isOp('{')) {
      // parse_dict: `key: value` pairs, each an expression, a trailing comma allowed
      this.i++;
      const items: Array<[Node, Node]> = [];
      while (!this.isOp('}')) {
        if (items.length) this.expectOp(',');
        if (this.isOp('}')) break;
        const key = this.expression();
        this.expectOp(':');
        items.push([key, this.expression()]);
      }
      this.i++;
      return mk({ k: 'dict', items }, items.flat());
    }
    // parse_primary on an operator or the closing token (a stray comma, `[1,,2]`, `f(a,,)`, `1 +`):
    // "unexpected" and describe_token's name for it
    if (t.t === 'op') throw new JinjaSyntaxError(`unexpected '${t.v}'`);
    if (t.t === 'end') throw new JinjaSyntaxError(`unexpected '${this.end}'`);
    throw new NotRead();
  }

  private postfix(node: Node): Node {
    for (;;) {
      if (this.isOp('.')) {
        this.i++;
        const a = this.cur;
        this.i++;
        if (a.t === 'name') node = mk({ k: 'getattr', obj: node, attr: a.v }, [node]);
        else if (a.t === 'int') node = mk({ k: 'getitem', obj: node, arg: { k: 'const', v: a.v } }, [node]);
        else throw new NotRead();
      } else if (this.isOp('[')) {
        this.i++;
        // one subscript or a slice (parse_subscribed); a tuple (`,`, or none at all: `x[]`) is not read
        if (this.isOp(']')) throw new NotRead();
        if (this.isOp(':')) node = this.slice(node, null);
        else {
          const arg = this.expression();
          if (this.isOp(':')) node = this.slice(node, arg);
          else {
            // (parse_subscript wants a comma next: a tuple subscript is not read)
            if (!this.isOp(']')) unexpected(',', this.cur);
            this.i++;
            node = mk({ k: 'getitem', obj: node, arg }, [node, arg]);
          }
        }
      } else if (this.isOp('(')) {
        node = this.call(node);
      } else return node;
    }
  }

  /** `[start:stop:step]` after its start, at the first `:` */
  private slice(obj: Node, start: Node | null): Node {
    this.expectOp(':');
    const stop = this.isOp(']') || this.isOp(':') ? null : this.expression();
    let step: Node | null = null;
    if (this.isOp(':')) {
      this.i++;
      if (!this.isOp(']')) step = this.expression();
    }
    this.expectOp(']');
    const kids = [obj, start, stop, step].filter((x): x is Node => x !== null);
    return mk({ k: 'slice', obj, start, stop, step }, kids);
  }

  private call(fn: Node): Node {
    const { args, kwargs } = this.nest(() => this.callArgs());
    return mk({ k: 'call', fn, argc: args.length + kwargs.length, args, kwargs }, [fn, ...args, ...kwargs.map(([, x]) => x)]);
  }

  /**
   * parse_call_args: positional arguments, then keywords; `*items` (dyn_args) where `star` allows
   * it (a filter's arguments), once and after the positional ones; `**` is not read
   */
  private callArgs(star = false): { args: Node[]; kwargs: Array<[string, Node]>; star?: Node } {
    this.expectOp('(');
    const args: Node[] = [];
    const kwargs: Array<[string, Node]> = [];
    let dyn: Node | undefined;
    let comma = false;
    while (!this.isOp(')')) {
      if (comma) {
        this.expectOp(',');
        if (this.isOp(')')) break;
      }
      // (parse_call_args' `ensure`: a second `*`, or a positional argument after it, is its syntax error)
      const invalid = () => new JinjaSyntaxError('invalid syntax for function call expression');
      if (this.isOp('*') && star) {
        if (dyn) throw invalid();
        this.i++;
        dyn = this.expression();
      } else if (this.isOp('*') || this.isOp('**')) throw new NotRead();
      else if (this.cur.t === 'name' && this.isOp('=', this.look())) {
        const key = this.expectName();
        this.i++;
        kwargs.push([key, this.expression()]);
      } else {
        if (dyn) throw invalid();
        if (kwargs.length) throw new NotRead();
        args.push(this.expression());
      }
      comma = true;
    }
    this.i++;
    return dyn ? { args, kwargs, star: dyn } : { args, kwargs };
  }

  private filterExpr(node: Node): Node {
    for (;;) {
      if (this.isOp('|')) {
        this.i++;
        let name = this.expectName();
        while (this.isOp('.')) { this.i++; name += '.' + this.expectName(); }
        const { args, kwargs, star } = this.isOp('(') ? this.nest(() => this.callArgs(true)) : { args: [], kwargs: [], star: undefined };
        const kids = [node, ...args, ...kwargs.map(([, x]) => x), ...(star ? [star] : [])];
        node = mk({ k: 'filter', node, name, args, kwargs, ...(star ? { star } : {}) }, kids);
      } else if (this.isName('is')) {
        node = this.test(node);
      } else if (this.isOp('(')) {
        node = this.call(node);
      } else return node;
    }
  }

  private test(node: Node): Node {
    this.i++;
    let negated = false;
    if (this.isName('not')) { this.i++; negated = true; }
    let name = this.expectName();
    while (this.isOp('.')) { this.i++; name += '.' + this.expectName(); }
    let args: Node[] = [];
    let kwargs: Array<[string, Node]> = [];
    const t = this.cur;
    if (this.isOp('(')) ({ args, kwargs } = this.nest(() => this.callArgs()));
    else if ((t.t === 'name' || t.t === 'str' || t.t === 'int' || t.t === 'float' || this.isOp('[')) && !(t.t === 'name' && ['else', 'or', 'and'].includes(t.v))) {
      // a test's one argument without parentheses (`x is divisibleby 3`)
      if (this.isName('is')) throw new NotRead();
      args = [this.nest(() => this.postfix(this.primary()))];
    }
    const n: Node = mk({ k: 'test', node, name, args, kwargs }, [node, ...args, ...kwargs.map(([, x]) => x)]);
    return negated ? mk({ k: 'not', node: n }, [n]) : n;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };

/**
 * Python's `unicode-escape` decoding of a Jinja string's body (lexer.py): the one-character escapes,
 * octal, `\x`, `\u` and `\U`; another backslash stays. Null: what bdm-lab does not decode (`\N{name}`,
 * a backslash before a character beyond ASCII) or Python refuses (a short `\x`).
 */
function unicodeEscape(s: string): string | null {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') { out += c; continue; }
    const e = s[i + 1];
    if (e === undefined || e.charCodeAt(0) > 0x7f || e === 'N') return null;
    if (SIMPLE_ESCAPES[e] !== undefined) { out += SIMPLE_ESCAPES[e]; i++; continue; }
    const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4));
    if (oct) { out += String.fromCharCode(parseInt(oct[0], 8)); i += oct[0].length; continue; }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (width) {
      const hex = s.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) return null;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) return null;
      out += String.fromCodePoint(cp);
      i += 1 + width;
      continue;
    }
    out += c;
  }
  return out;
}

/** where a tag opens: `{{`, `{%` or `{#` */
const TAG_OPEN = /\{[{%#]/g;
/** `{% raw %}` and `{% endraw %}` at a place, their whitespace control signs captured */
const RAW_OPEN = /\{%([-+]?)[ \t\n\r\f\v]*raw[ \t\n\r\f\v]*(-?)%\}/y;
const RAW_CLOSE = /\{%([-+]?)[ \t\n\r\f\v]*endraw[ \t\n\r\f\v]*([-+]?)%\}/y;
/** Jinja's keywords that no `{% for %}` target may be (parse_assign_target takes a name) */
const NOT_TARGETS = new Set(['true', 'false', 'none', 'True', 'False', 'None', 'in', 'if', 'else', 'and', 'or', 'not', 'is']);
/** the names a `{% set %}` or `{% for %}` that bdm-lab reads does not assign: Jinja's constants (can't assign), keywords, `loop` */
const NOT_SET = new Set([...NOT_TARGETS, 'loop']);

/** parse_tuple with nothing where an expression should be: Jinja's words, for the closing token at `k` */
function nothingAt(toks: Tok[], k: number, closing = IF_END): void {
  if (toks[k]?.t === 'end') throw new JinjaSyntaxError(`Expected an expression, got '${closing}'`);
}

/** parse_assign_target: a literal (a number, a string, true/false/none) as the whole target is one it can't assign to */
function constTarget(toks: Tok[], stop: (t: Tok) => boolean): void {
  const [t, next] = toks;
  if (!t || !next || !stop(next)) return;
  if (t.t === 'int' || t.t === 'float' || t.t === 'str' || (t.t === 'name' && ['true', 'false', 'none', 'True', 'False', 'None'].includes(t.v))) throw new JinjaSyntaxError("can't assign to 'const'");
}

/**
 * parse_assign_target of a `{% for %}` or `{% set %}`: one name, or names with commas between
 * (a tuple), up to the token `stop` takes (its index: `next`); null for any other form
 * (a trailing comma, parenthesized, an attribute, a keyword or `loop`)
 */
function targetOf(toks: Tok[], stop: (t: Tok) => boolean, withNamespace = false): { names: Target; next: number } | null {
  // (`{% set ns.attr = ... %}`: a namespace's attribute)
  const [a, dot, b, after] = toks;
  if (withNamespace && a?.t === 'name' && dot?.t === 'op' && dot.v === '.' && b?.t === 'name' && after && stop(after)) {
    return NOT_SET.has(a.v) ? null : { names: { ns: a.v, attr: b.v }, next: 3 };
  }
  const names: string[] = [];
  let k = 0;
  let tuple = false;
  for (;;) {
    const t = toks[k];
    if (!t || t.t !== 'name' || NOT_SET.has(t.v)) return null;
    names.push(t.v);
    k++;
    const sep = toks[k];
    if (!sep || sep.t !== 'op' || sep.v !== ',') break;
    tuple = true;
    k++;
  }
  if (!toks[k] || !stop(toks[k]!)) return null;
  return { names: tuple ? names : names[0]!, next: k };
}

type OpenBlock =
  | { tag: 'if'; piece: { branches: Array<{ test: Node; body: Piece[] }>; otherwise: Piece[] }; inElse: boolean }
  | { tag: 'for'; piece: { target: Target; iter: Node; test: Node | null; body: Piece[]; otherwise: Piece[]; recursive?: boolean }; inElse: boolean }
  | { tag: 'set'; piece: { set: Target; body: Piece[]; filter?: Node }; inElse: false };

/** the end tags an open block looks for (in its body, or in its `else`), in Jinja's words */
function lookingFor(b: OpenBlock): string {
  if (b.inElse || b.tag === 'set') return `'end${b.tag}'`;
  return b.tag === 'if' ? "'elif' or 'else' or 'endif'" : "'endfor' or 'else'";
}

/**
 * A template split into text, `{{ }}` expressions, `{% if %}` blocks, `{% for %}` loops and
 * `{% set %}` assignments as Jinja reads it (`{# #}` comments give nothing, `{% raw %}` gives its
 * text as it is), or null when bdm-lab does not read it (any other `{% %}` tag, a block `set`
 * of several names with filters, of a namespace's attribute).
 * `unescape`: its strings as Jinja reads them on its own (a `when:` condition, which Ansible wraps in
 * `{% if %}` and does not double backslashes in, or a template whose backslashes Ansible doubled);
 * else as Ansible leaves them in a `{{ }}`. `syntaxErrors`: a syntax error bdm-lab words is thrown
 * (a JinjaSyntaxError), else the template is not read; `end` names the closing token in its words.
 * White space around tags as Jinja's lexer drops it: a `-` after a tag's opening (`{{-`, `{%-`,
 * `{#-`) drops the white space before it (str.rstrip), one before its end (`-}}`, `-%}`, `-#}`)
 * the white space after it; Ansible's trim_blocks drops one line break after a `%}` or `#}` (not
 * after `+%}`, nor after `{% raw %}`'s own `%}`).
 */
export function parseTemplate(src: string, unescape = false, syntaxErrors = false, end?: string): Piece[] | null {
  const out: Piece[] = [];
  // the blocks open around the current place, innermost last; `body`: where what is read goes
  const open: OpenBlock[] = [];
  let body = out;
  let i = 0;
  let line = 1;
  const lines = (from: number, to: number) => { for (let k = from; k < to; k++) if (src[k] === '\n') line++; };
  // the place after a tag's end, past what the end drops of the text after it
  const past = (k: number, strip: Strip): number => {
    if (strip === 'line') return src[k] === '\n' ? (line++, k + 1) : k;
    if (strip === 'all') while (k < src.length && isPySpace(src.charCodeAt(k))) { if (src[k] === '\n') line++; k++; }
    return k;
  };
  const bodyOf = (b: OpenBlock | undefined): Piece[] => {
    if (!b) return out;
    if (b.tag === 'set') return b.piece.body;
    if (b.inElse) return b.piece.otherwise;
    return b.tag === 'for' ? b.piece.body : b.piece.branches[b.piece.branches.length - 1]!.body;
  };
  const re = new RegExp(TAG_OPEN.source, 'g');
  try {
    while (i < src.length) {
      re.lastIndex = i;
      const m = re.exec(src);
      const at = m ? m.index : -1;
      if (at < 0) { body.push({ text: src.slice(i) }); break; }
      // the sign after the tag's opening (`-`: the white space before the tag is dropped)
      const sign = src[at + 2] === '-' || src[at + 2] === '+' ? src[at + 2]! : '';
      const before = sign === '-' ? pyRstrip(src.slice(i, at)) : src.slice(i, at);
      if (before) body.push({ text: before });
      lines(i, at);
      const kind = src[at + 1];
      if (kind === '#') {
        // a comment gives nothing; it ends at the first `#}` (`-#}` or `+#}` when a sign is right
        // before it; an unclosed comment is not read)
        const from = at + 2 + sign.length;
        const close = src.indexOf('#}', from);
        if (close < 0) return null;
        const endSign = close > from && (src[close - 1] === '-' || src[close - 1] === '+') ? src[close - 1] : '';
        lines(at, close);
        i = past(close + 2, endSign === '-' ? 'all' : endSign === '+' ? 'none' : 'line');
        continue;
      }
      if (kind === '%') {
        RAW_OPEN.lastIndex = at;
        const raw = RAW_OPEN.exec(src);
        if (raw) {
          // the text up to the first `{% endraw %}`, as it is (an unclosed one is not read); its own
          // `%}` drops no line break, a `-%}` the white space after it
          lines(at, RAW_OPEN.lastIndex);
          const from = past(RAW_OPEN.lastIndex, raw[2] === '-' ? 'all' : 'none');
          let k = src.indexOf('{%', from);
          let close: RegExpExecArray | null = null;
          while (k >= 0) {
            RAW_CLOSE.lastIndex = k;
            close = RAW_CLOSE.exec(src);
            if (close) break;
            k = src.indexOf('{%', k + 2);
          }
          if (k < 0 || !close) return null;
          const text = close[1] === '-' ? pyRstrip(src.slice(from, k)) : src.slice(from, k);
          if (text) body.push({ text });
          lines(from, RAW_CLOSE.lastIndex);
          i = past(RAW_CLOSE.lastIndex, close[2] === '-' ? 'all' : close[2] === '+' ? 'none' : 'line');
          continue;
        }
      }
      const lexed = lexExpression(src, at + 2 + sign.length, line, unescape, kind === '%');
      if (!lexed) return null;
      if (kind === '%') {
        // parse_statement: the tag's name, then what the tag takes
        const [first, ...rest] = lexed.toks;
        if (!first || first.t !== 'name') return null;
        const name = first.v;
        const top = open[open.length - 1];
        const bare = rest.length === 1 && rest[0]!.t === 'end' && lexed.end > 0;
        // (a tag of a block outside any: parse_statement's unknown tag, nothing looked for)
        if (!top && ['elif', 'else', 'endif', 'endfor', 'endset'].includes(name)) throw new JinjaSyntaxError(`Encountered unknown tag '${name}'.`);
        if ((name === 'if' || name === 'for') && open.length >= MAX_NESTING) return null;
        if (name === 'if' || name === 'elif') {
          if (name === 'elif' && (top!.tag !== 'if' || top!.inElse)) return null;
          nothingAt(rest, 0);
          // a test read as parse_tuple without a conditional expression at its top
          const test = new Parser(rest, IF_END).whole();
          if (lexed.end < 0) return null;
          if (name === 'if') {
            const piece = { branches: [{ test, body: [] as Piece[] }], otherwise: [] as Piece[] };
            body.push(piece);
            open.push({ tag: 'if', piece, inElse: false });
          } else if (top!.tag === 'if') top!.piece.branches.push({ test, body: [] });
        } else if (name === 'for') {
          // parse_for: one name, `in`, then what it iterates (parse_tuple without a conditional
          // expression), the filter after `if`, and `recursive`
          constTarget(rest, (t) => t.t === 'name' && t.v === 'in');
          const target = targetOf(rest, (t) => t.t === 'name' && t.v === 'in');
          if (!target) return null;
          nothingAt(rest, target.next + 1);
          const { iter, test, recursive } = new Parser(rest.slice(target.next + 1), IF_END).forHead();
          if (lexed.end < 0) return null;
          const piece = { target: target.names, iter, test, body: [] as Piece[], otherwise: [] as Piece[], ...(recursive ? { recursive } : {}) };
          body.push(piece);
          open.push({ tag: 'for', piece, inElse: false });
        } else if (name === 'set') {
          // parse_set: the names, `=`, then the value (parse_tuple, a conditional expression
          // allowed); or, without `=`, a block up to `{% endset %}` whose text is the value, put
          // through the filters written after the name, if any (an attribute target, several
          // names with filters and `loop` are not read)
          if (open.length >= MAX_NESTING) return null;
          const stop = (t: Tok) => (t.t === 'op' && (t.v === '=' || t.v === '|')) || t.t === 'end';
          constTarget(rest, stop);
          const target = targetOf(rest, stop, true);
          if (!target) return null;
          const after = rest[target.next]!;
          if (after.t !== 'op' || after.v !== '=') {
            const filter = after.t === 'end' ? undefined : new Parser(rest.slice(target.next), IF_END).setFilters();
            if (lexed.end < 0 || typeof target.names === 'object' && !Array.isArray(target.names)) return null;
            if (filter && typeof target.names !== 'string') return null;
            const piece = { set: target.names, body: [] as Piece[], ...(filter ? { filter } : {}) };
            body.push(piece);
            open.push({ tag: 'set', piece, inElse: false });
          } else {
            nothingAt(rest, target.next + 1);
            const value = new Parser(rest.slice(target.next + 1), IF_END, true).whole();
            if (lexed.end < 0) return null;
            body.push({ set: target.names, value });
          }
        } else if (name === 'else' && bare) {
          if (top!.inElse || top!.tag === 'set') return null;
          top!.inElse = true;
        } else if ((name === 'endif' || name === 'endfor' || name === 'endset') && bare) {
          if (name !== `end${top!.tag}`) return null;
          open.pop();
        } else return null;
        body = bodyOf(open[open.length - 1]);
        lines(at, lexed.end);
        i = past(lexed.end, lexed.strip);
        continue;
      }
      // (`{{ }}` in a value; a condition's words are not written here)
      if (end === undefined) nothingAt(lexed.toks, 0, 'end of print statement');
      const expr = new Parser(lexed.toks, end).whole();
      // (a parse that got past where the lexer stopped: not read)
      if (lexed.end < 0) return null;
      body.push({ expr, src: src.slice(at + 2 + sign.length, lexed.end - (lexed.strip === 'all' ? 3 : 2)) });
      lines(at, lexed.end);
      i = past(lexed.end, lexed.strip);
    }
  } catch (e) {
    if (e instanceof NotRead || (e instanceof JinjaSyntaxError && !syntaxErrors)) return null;
    throw e;
  }
  // a block left open: the end tags the innermost one looks for
  const last = open[open.length - 1];
  if (last) {
    if (!syntaxErrors) return null;
    throw new JinjaSyntaxError(`Unexpected end of template. Jinja was looking for the following tags: ${lookingFor(last)}. The innermost block that needs to be closed is '${last.tag}'.`);
  }
  return out;
}
