/**
 * What Python's `ast.literal_eval` makes of a text, as ansible-core 2.14's non-native templating
 * uses it (template/native_helpers.py ansible_eval_concat: a rendered text that starts with `[` or
 * `{`, or is `True`/`False`, is read as a Python literal, the names true/false/null standing for
 * True/False/None; a text Python cannot read that way stays a string).
 *
 * Three answers: the value; `fail` when Python raises ValueError or SyntaxError (a name, a call, an
 * operator, a syntax error: the text stays a string); `unread` for literal forms bdm-lab does not
 * read (sets, prefixed or triple-quoted strings, strings written side by side, complex,
 * hexadecimal/octal/binary numbers, `\N{}` escapes, comments, line continuations, keys that are
 * lists or dicts, deep nesting, ints past 2^53), which the caller names instead of guessing. One pass,
 * nesting bounded.
 */
import { PyDictBuilder, PyFloat } from './tasks';
import { PyTuple } from './pyvalue';

export type LiteralResult = { value: unknown } | 'fail' | 'unread';

const MAX_NESTING = 100;

class Stop extends Error {
  constructor(readonly why: 'fail' | 'unread') {
    super(why);
  }
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isIdChar = (c: string | undefined): boolean => isIdStart(c) || isDigit(c);
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

const NAMES: Record<string, unknown> = { True: true, False: false, None: null, true: true, false: false, null: null };
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

class Reader {
  i = 0;
  /** open brackets: a line break inside them is a blank */
  level = 0;
  constructor(readonly s: string) {}

  blanks(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\f') this.i++;
      else if ((c === '\n' || c === '\r') && this.level > 0) this.i++;
      else if (c === '#' || c === '\\') throw new Stop('unread'); // a comment, a line continuation
      else break;
    }
  }

  /** a string prefix (r, b, u, f, rb...) or a quote that starts a literal bdm-lab does not read */
  private quoteAhead(): boolean {
    let k = this.i;
    while (k < this.i + 2 && /^[rRbBuUfF]$/.test(this.s[k] ?? '')) k++;
    return this.s[k] === "'" || this.s[k] === '"';
  }

  value(depth: number): unknown {
    this.blanks();
    const s = this.s;
    const c = s[this.i];
    if (c === '[' || c === '{') {
      if (depth >= MAX_NESTING) throw new Stop('unread');
      return c === '[' ? this.list(depth) : this.dict(depth);
    }
    if (c === '(') {
      if (depth >= MAX_NESTING) throw new Stop('unread');
      return this.tuple(depth);
    }
    // Ellipsis (a constant literal_eval returns)
    if (c === '.' && s.startsWith('...', this.i)) throw new Stop('unread');
    if (c === "'" || c === '"') return this.string();
    if (isDigit(c) || (c === '.' && isDigit(s[this.i + 1]))) return this.number(1);
    if (c === '-' || c === '+') {
      this.i++;
      this.blanks();
      const d = s[this.i];
      if (isDigit(d) || (d === '.' && isDigit(s[this.i + 1]))) return this.number(c === '-' ? -1 : 1);
      // -(1) is a literal; -True, --1, -'a' are not
      throw new Stop(d === '(' ? 'unread' : 'fail');
    }
    if (isIdStart(c)) {
      if (this.quoteAhead()) throw new Stop('unread');
      const start = this.i;
      while (isIdChar(s[this.i])) this.i++;
      const name = s.slice(start, this.i);
      if (Object.prototype.hasOwnProperty.call(NAMES, name)) return NAMES[name];
    }
    throw new Stop('fail');
  }

  /** after a value in a container: a comma or the closer is the caller's; what else may follow */
  private after(v: unknown): void {
    this.blanks();
    const c = this.s[this.i];
    if (c === "'" || c === '"' || (isIdStart(c) && this.quoteAhead())) throw new Stop('unread'); // 'a' 'b'
    if ((c === '+' || c === '-') && (typeof v === 'number' || v instanceof PyFloat)) throw new Stop('unread'); // 1+2j
  }

  /** `(...)`: a tuple (`()`, `(a,)`, `(a, b)`), or the one value in parentheses */
  private tuple(depth: number): unknown {
    this.i++;
    this.level++;
    const out: unknown[] = [];
    let comma = false;
    for (;;) {
      this.blanks();
      if (this.s[this.i] === ')') break;
      const v = this.value(depth + 1);
      out.push(v);
      this.after(v);
      const c = this.s[this.i];
      if (c === ',') { this.i++; comma = true; continue; }
      if (c === ')') break;
      throw new Stop('fail');
    }
    this.i++;
    this.level--;
    return out.length === 1 && !comma ? out[0] : new PyTuple(out);
  }

  private list(depth: number): unknown[] {
    this.i++;
    this.level++;
    const out: unknown[] = [];
    for (;;) {
      this.blanks();
      if (this.s[this.i] === ']') break;
      const v = this.value(depth + 1);
      out.push(v);
      this.after(v);
      const c = this.s[this.i];
      if (c === ',') { this.i++; continue; }
      if (c === ']') break;
      throw new Stop('fail');
    }
    this.i++;
    this.level--;
    return out;
  }

  private dict(depth: number): Record<string, unknown> {
    this.i++;
    this.level++;
    const out = new PyDictBuilder();
    for (;;) {
      this.blanks();
      if (this.s[this.i] === '}') break;
      const k = this.value(depth + 1);
      this.after(k);
      const c = this.s[this.i];
      // {a, b} and {a} are sets
      if (c === ',' || c === '}') throw new Stop('unread');
      if (c !== ':') throw new Stop('fail');
      this.i++;
      const v = this.value(depth + 1);
      // a key that is a list or a dict: unhashable, a TypeError in Ansible
      if (k !== null && typeof k === 'object' && !(k instanceof PyFloat)) throw new Stop('unread');
      if (k === '__proto__') throw new Stop('unread');
      out.set(k, v);
      this.after(v);
      const d = this.s[this.i];
      if (d === ',') { this.i++; continue; }
      if (d === '}') break;
      throw new Stop('fail');
    }
    this.i++;
    this.level--;
    return out.out;
  }

  private digits(): string {
    const s = this.s;
    const start = this.i;
    while (isDigit(s[this.i]) || (s[this.i] === '_' && isDigit(s[this.i - 1]) && isDigit(s[this.i + 1]))) this.i++;
    return s.slice(start, this.i);
  }

  private number(sign: number): unknown {
    const s = this.s;
    if (s[this.i] === '0' && /^[xXoObB]$/.test(s[this.i + 1] ?? '')) throw new Stop('unread');
    const int = this.digits();
    let float = false;
    let text = int;
    if (s[this.i] === '.') {
      float = true;
      this.i++;
      text += '.' + this.digits();
    }
    if ((s[this.i] === 'e' || s[this.i] === 'E') && (isDigit(s[this.i + 1]) || ((s[this.i + 1] === '+' || s[this.i + 1] === '-') && isDigit(s[this.i + 2])))) {
      float = true;
      text += 'e';
      this.i++;
      if (s[this.i] === '+' || s[this.i] === '-') text += s[this.i++];
      text += this.digits();
    }
    const c = s[this.i];
    if (c === 'j' || c === 'J') throw new Stop('unread');
    // 1abc, 1_, 1e: a syntax error (1if x else 2 is not a literal either)
    if (isIdChar(c)) throw new Stop('fail');
    const clean = text.replace(/_/g, '');
    if (float) return new PyFloat(sign * Number(clean));
    // 01 is a syntax error (00 is 0)
    if (/^0+[1-9]/.test(clean)) throw new Stop('fail');
    const n = sign * Number(clean);
    if (!Number.isSafeInteger(n)) throw new Stop('unread');
    return n === 0 ? 0 : n;
  }

  private string(): string {
    const s = this.s;
    const q = s[this.i]!;
    if (s[this.i + 1] === q && s[this.i + 2] === q) throw new Stop('unread');
    this.i++;
    let out = '';
    let from = this.i;
    for (;;) {
      const c = s[this.i];
      if (c === undefined || c === '\n' || c === '\r') throw new Stop('fail');
      if (c === q) break;
      if (c !== '\\') { this.i++; continue; }
      out += s.slice(from, this.i);
      const e = s[this.i + 1];
      this.i += 2;
      if (e === undefined) throw new Stop('fail');
      if (SIMPLE_ESCAPES[e] !== undefined) out += SIMPLE_ESCAPES[e];
      else if (e === '\n') { /* a continued line */ } else if (e === '\r') { if (s[this.i] === '\n') this.i++; } else if (e >= '0' && e <= '7') {
        let oct = e;
        while (oct.length < 3 && s[this.i] !== undefined && s[this.i]! >= '0' && s[this.i]! <= '7') oct += s[this.i++];
        out += String.fromCodePoint(parseInt(oct, 8));
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = s.slice(this.i, this.i + n);
        if (hex.length < n || ![...hex].every(isHex)) throw new Stop('fail');
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) throw new Stop('fail');
        out += String.fromCodePoint(cp);
        this.i += n;
      } else if (e === 'N') throw new Stop('unread');
      else out += '\\' + e; // an unknown escape keeps its backslash
      from = this.i;
    }
    out += s.slice(from, this.i);
    this.i++;
    return out;
  }
}

/** ast.literal_eval(text) with true/false/null as names of True/False/None; see the file's comment. */
export function pyLiteral(s: string): LiteralResult {
  // Python refuses a NUL, and blanks before the expression (an unexpected indent)
  if (s.includes('\0') || s.startsWith(' ') || s.startsWith('\t') || s.startsWith('\f')) return 'fail';
  const r = new Reader(s);
  try {
    const value = r.value(0);
    r.blanks();
    // at the top: a comma makes a tuple, line breaks and blanks may end the text
    if (s[r.i] === ',') return 'unread';
    const c = s[r.i];
    if (c === "'" || c === '"') return 'unread';
    if ((c === '+' || c === '-') && (typeof value === 'number' || value instanceof PyFloat)) return 'unread';
    while (r.i < s.length && /^[ \t\f\n\r]$/.test(s[r.i]!)) r.i++;
    return r.i === s.length ? { value } : 'fail';
  } catch (e) {
    if (e instanceof Stop) return e.why;
    throw e;
  }
}
