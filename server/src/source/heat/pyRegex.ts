/**
 * Python 3.11's `re` as Heat's AllowedPattern uses it (heat/engine/constraints.py: the pattern is
 * compiled with `re.compile` when the parameter schema is made, and a value passes when
 * `match(value)` finds a match at the start whose end is the value's end). Written from the
 * behaviour of Python's `re` (its parser's rules and words, checked against the interpreter), not
 * translated to a JavaScript RegExp: the two read many patterns differently (`(?P<n>…)`, `\Z`,
 * `{,3}`, `[]a]`, unknown escapes, Unicode `\d`/`\w`/`\s`, `$` before a final newline, global
 * `(?i)`), and a JavaScript RegExp cannot be stopped, while a template's pattern may backtrack
 * without end: this matcher counts its steps and gives up past a budget.
 *
 * Positions are in code points, as Python counts them.
 */
import { pyRepr } from './py';
import { isPySpace } from '../../parse/pyrepr';

/** Python's `re.error` (or another exception `re.compile` raises), in Python's words */
export interface PyRegexError {
  /** the exception's class: `error` (re.error) or `OverflowError` */
  kind: string;
  message: string;
}

const MAXREPEAT = 4294967295;
const MAXGROUPS = 1073741823;

const F_I = 2, F_L = 4, F_M = 8, F_S = 16, F_U = 32, F_X = 64, F_A = 256, F_T = 1;
const FLAG_OF: Record<string, number> = { i: F_I, L: F_L, m: F_M, s: F_S, x: F_X, a: F_A, t: F_T, u: F_U };
const TYPE_FLAGS = F_A | F_L | F_U;
const GLOBAL_FLAGS = F_T;

type Cat = 'd' | 'D' | 's' | 'S' | 'w' | 'W';
type SetItem = { k: 'lit'; c: number } | { k: 'range'; lo: number; hi: number } | { k: 'cat'; cat: Cat };
type At = 'beg' | 'end' | 'begstr' | 'endstr' | 'bound' | 'nonbound';

/** a node of the parsed pattern */
type PNode =
  | { t: 'lit'; c: number; not?: true }
  | { t: 'in'; items: SetItem[]; negate: boolean }
  | { t: 'any' }
  | { t: 'at'; at: At }
  | { t: 'rep'; min: number; max: number; mode: 'greedy' | 'lazy' | 'possessive'; body: PNode[] }
  | { t: 'group'; gid: number | null; add: number; del: number; body: PNode[] }
  | { t: 'atomic'; body: PNode[] }
  | { t: 'branch'; alts: PNode[][] }
  | { t: 'assert'; behind: boolean; neg: boolean; body: PNode[]; w?: number }
  | { t: 'ref'; gid: number }
  | { t: 'cond'; gid: number; yes: PNode[]; no: PNode[] | null };

class ReError extends Error {
  constructor(message: string, readonly kind = 'error') {
    super(message);
  }
}

/** a pattern bdm-lab does not read (a named character `\N{…}` needs Unicode's name table) */
class Unsupported extends Error {}

/** a string's length in code points (Python's len) */
const cpLen = (s: string): number => [...s].length;
const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

const isDigit = (c: string | null): boolean => c !== null && c.length === 1 && c >= '0' && c <= '9';
const isOct = (c: string | null): boolean => c !== null && c.length === 1 && c >= '0' && c <= '7';
const isHex = (c: string | null): boolean => c !== null && c.length === 1 && /^[0-9a-fA-F]$/.test(c);
const isAsciiLetter = (c: string): boolean => /^[a-zA-Z]$/.test(c);
const WHITESPACE = ' \t\n\r\v\f';

/** Python's str.isidentifier (XID_Start or `_`, then XID_Continue) */
function isIdentifier(s: string): boolean {
  return /^[\p{XID_Start}_]\p{XID_Continue}*$/u.test(s);
}

/** The pattern's tokens: one character, or a backslash and the character after it; positions in code points. */
class Tokens {
  private readonly cps: string[];
  index = 0;
  next: string | null = null;
  /** the next token's length in code points */
  private nextLen = 0;

  constructor(readonly pattern: string) {
    this.cps = Array.from(pattern);
    this.advance();
  }

  private advance(): void {
    let i = this.index;
    if (i >= this.cps.length) {
      this.next = null;
      this.nextLen = 0;
      return;
    }
    let c = this.cps[i];
    let n = 1;
    if (c === '\\') {
      i++;
      if (i >= this.cps.length) throw this.errorAt('bad escape (end of pattern)', this.cps.length - 1);
      c += this.cps[i];
      n = 2;
    }
    this.index = i + 1;
    this.next = c;
    this.nextLen = n;
  }

  match(c: string): boolean {
    if (this.next !== c) return false;
    this.advance();
    return true;
  }

  get(): string | null {
    const c = this.next;
    this.advance();
    return c;
  }

  getWhile(n: number, ok: (c: string | null) => boolean): string {
    let out = '';
    for (let k = 0; k < n; k++) {
      if (!ok(this.next)) break;
      out += this.next;
      this.advance();
    }
    return out;
  }

  getUntil(end: string, what: string): string {
    let out = '';
    for (;;) {
      const c = this.next;
      this.advance();
      if (c === null) {
        if (!out) throw this.error(`missing ${what}`);
        throw this.error(`missing ${end}, unterminated name`, cpLen(out));
      }
      if (c === end) {
        if (!out) throw this.error(`missing ${what}`, 1);
        return out;
      }
      out += c;
    }
  }

  tell(): number {
    return this.index - this.nextLen;
  }

  seek(i: number): void {
    this.index = i;
    this.advance();
  }

  error(msg: string, back = 0): ReError {
    return this.errorAt(msg, this.tell() - back);
  }

  errorAt(msg: string, pos: number): ReError {
    return new ReError(positioned(msg, this.cps, pos));
  }
}

/** re.error's words: `<msg> at position <pos>`, with the line and column when the pattern has a newline */
function positioned(msg: string, cps: string[], pos: number): string {
  let out = `${msg} at position ${pos}`;
  if (cps.includes('\n')) {
    let line = 1;
    let lastNl = -1;
    for (let i = 0; i < pos && i < cps.length; i++) if (cps[i] === '\n') { line++; lastNl = i; }
    out += ` (line ${line}, column ${pos - lastNl})`;
  }
  return out;
}

/** the parse state: flags, groups (their widths once closed), names, lookbehind groups */
class State {
  flags = 0;
  names = new Map<string, number>();
  widths: Array<[number, number] | null> = [null];
  lookbehind: number | null = null;
  condRefs = new Map<number, number>();
  /** what the pattern uses that bdm-lab does not imitate (it still checks the rest compiles) */
  unsupported: string | null = null;
  get groups(): number { return this.widths.length; }
  open(t: Tokens, name: string | null): number {
    const gid = this.groups;
    this.widths.push(null);
    if (this.groups > MAXGROUPS) throw new ReError('too many groups');
    if (name !== null) {
      const was = this.names.get(name);
      if (was !== undefined) throw t.error(`redefinition of group name ${pyRepr(name)} as group ${gid}; was group ${was}`, cpLen(name) + 1);
      this.names.set(name, gid);
    }
    return gid;
  }
  closed(gid: number): boolean { return gid < this.groups && this.widths[gid] !== null; }
  checkLookbehind(gid: number, t: Tokens): void {
    if (this.lookbehind === null) return;
    if (!this.closed(gid)) throw t.error('cannot refer to an open group');
    if (gid >= this.lookbehind) throw t.error('cannot refer to group defined in the same lookbehind subpattern');
  }
}

const CATS: Record<string, Cat> = { '\\d': 'd', '\\D': 'D', '\\s': 's', '\\S': 'S', '\\w': 'w', '\\W': 'W' };
const ATS: Record<string, At> = { '\\A': 'begstr', '\\b': 'bound', '\\B': 'nonbound', '\\Z': 'endstr' };
const ESC: Record<string, number> = { '\\a': 7, '\\b': 8, '\\f': 12, '\\n': 10, '\\r': 13, '\\t': 9, '\\v': 11, '\\\\': 92 };

/** \x, \u, \U, \N: a literal code point; null when the escape is not one of them */
function codeEscape(t: Tokens, esc: string): number | null {
  const c = esc[1];
  const fixed = (n: number): number => {
    const e = esc + t.getWhile(n, isHex);
    if (e.length !== n + 2) throw t.error(`incomplete escape ${e}`, e.length);
    const v = parseInt(e.slice(2), 16);
    if (v > 0x10ffff) throw t.error(`bad escape ${e}`, e.length);
    return v;
  };
  if (c === 'x') return fixed(2);
  if (c === 'u') return fixed(4);
  if (c === 'U') return fixed(8);
  if (c === 'N') {
    if (!t.match('{')) throw t.error('missing {');
    t.getUntil('}', 'character name');
    throw new Unsupported('a named character (\\N{…})');
  }
  return null;
}

/** an escape inside a character set */
function classEscape(t: Tokens, esc: string): SetItem {
  if (own(ESC, esc)) return { k: 'lit', c: ESC[esc] };
  if (own(CATS, esc)) return { k: 'cat', cat: CATS[esc] };
  const code = codeEscape(t, esc);
  if (code !== null) return { k: 'lit', c: code };
  const c = esc[1];
  if (isOct(c)) {
    const e = esc + t.getWhile(2, isOct);
    const v = parseInt(e.slice(1), 8);
    if (v > 0o377) throw t.error(`octal escape value ${e} outside of range 0-0o377`, e.length);
    return { k: 'lit', c: v };
  }
  if (isDigit(c) || isAsciiLetter(c)) throw t.error(`bad escape ${esc}`, esc.length);
  return { k: 'lit', c: esc.codePointAt(1)! };
}

/** an escape outside a set */
function escape(t: Tokens, esc: string, st: State): PNode {
  if (own(ATS, esc)) return { t: 'at', at: ATS[esc] };
  if (own(CATS, esc)) return { t: 'in', items: [{ k: 'cat', cat: CATS[esc] }], negate: false };
  if (own(ESC, esc)) return { t: 'lit', c: ESC[esc] };
  const code = codeEscape(t, esc);
  if (code !== null) return { t: 'lit', c: code };
  const c = esc[1];
  if (c === '0') return { t: 'lit', c: parseInt((esc + t.getWhile(2, isOct)).slice(1), 8) };
  if (isDigit(c)) {
    let e = esc;
    if (isDigit(t.next)) {
      e += t.get();
      if (isOct(e[1]) && isOct(e[2]) && isOct(t.next)) {
        e += t.get();
        const v = parseInt(e.slice(1), 8);
        if (v > 0o377) throw t.error(`octal escape value ${e} outside of range 0-0o377`, e.length);
        return { t: 'lit', c: v };
      }
    }
    const gid = Number(e.slice(1));
    if (gid < st.groups) {
      if (!st.closed(gid)) throw t.error('cannot refer to an open group', e.length);
      st.checkLookbehind(gid, t);
      return { t: 'ref', gid };
    }
    throw t.error(`invalid group reference ${gid}`, e.length - 1);
  }
  if (isAsciiLetter(c)) throw t.error(`bad escape ${esc}`, esc.length);
  return { t: 'lit', c: esc.codePointAt(1)! };
}

/** Python's int() of a group number written in a conditional (`(?(1)…)`); other decimal digits than ASCII's are not read */
function pyIntOf(s: string): number | null {
  const t = s.trim();
  let i = t[0] === '+' || t[0] === '-' ? 1 : 0;
  if (i >= t.length) return null;
  let n = 0;
  let prevDigit = false;
  for (; i < t.length; i++) {
    const ch = t[i];
    if (ch === '_' && prevDigit && i + 1 < t.length) { prevDigit = false; continue; }
    if (!isDigit(ch)) {
      if (/\p{Nd}/u.test(ch)) throw new Unsupported('a group number in other digits than ASCII');
      return null;
    }
    n = n * 10 + Number(ch);
    prevDigit = true;
  }
  if (!prevDigit) return null;
  return t[0] === '-' ? -n : n;
}

function parseFlags(t: Tokens, st: State, first: string): [number, number] | null {
  let add = 0;
  let del = 0;
  let ch: string = first;
  if (ch !== '-') {
    for (;;) {
      const f = FLAG_OF[ch];
      if (ch === 'L') throw t.error("bad inline flags: cannot use 'L' flag with a str pattern");
      add |= f;
      if (f & TYPE_FLAGS && (add & TYPE_FLAGS) !== f) throw t.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
      const c = t.get();
      if (c === null) throw t.error('missing -, : or )');
      ch = c;
      if (ch === ')' || ch === '-' || ch === ':') break;
      if (!own(FLAG_OF, ch)) throw t.error(/^\p{L}$/u.test(ch) ? 'unknown flag' : 'missing -, : or )', cpLen(ch));
    }
  }
  if (ch === ')') {
    st.flags |= add;
    return null;
  }
  if (add & GLOBAL_FLAGS) throw t.error('bad inline flags: cannot turn on global flag', 1);
  if (ch === '-') {
    const c = t.get();
    if (c === null) throw t.error('missing flag');
    ch = c;
    if (!own(FLAG_OF, ch)) throw t.error(/^\p{L}$/u.test(ch) ? 'unknown flag' : 'missing flag', cpLen(ch));
    for (;;) {
      const f = FLAG_OF[ch];
      if (f & TYPE_FLAGS) throw t.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
      del |= f;
      const c2 = t.get();
      if (c2 === null) throw t.error('missing :');
      ch = c2;
      if (ch === ':') break;
      if (!own(FLAG_OF, ch)) throw t.error(/^\p{L}$/u.test(ch) ? 'unknown flag' : 'missing :', cpLen(ch));
    }
  }
  if (del & GLOBAL_FLAGS) throw t.error('bad inline flags: cannot turn off global flag', 1);
  if (add & del) throw t.error('bad inline flags: flag turned on and off', 1);
  return [add, del];
}

/** a|b|c */
function parseAlternation(t: Tokens, st: State, verbose: boolean, nested: number, depth: number): PNode[] {
  const alts: PNode[][] = [];
  for (;;) {
    alts.push(parseSequence(t, st, verbose, nested + 1, !nested && !alts.length, depth));
    if (!t.match('|')) break;
    if (!nested) verbose = !!(st.flags & F_X);
  }
  return alts.length === 1 ? alts[0] : [{ t: 'branch', alts }];
}

const MAX_DEPTH = 200;

function parseSequence(t: Tokens, st: State, verbose: boolean, nested: number, first: boolean, depth: number): PNode[] {
  if (depth > MAX_DEPTH) throw new Unsupported('a pattern nested this deep');
  const seq: PNode[] = [];
  for (;;) {
    const tok = t.next;
    if (tok === null || tok === '|' || tok === ')') break;
    t.get();
    if (verbose) {
      if (WHITESPACE.includes(tok)) continue;
      if (tok === '#') {
        for (;;) {
          const c = t.get();
          if (c === null || c === '\n') break;
        }
        continue;
      }
    }
    if (tok[0] === '\\') {
      seq.push(escape(t, tok, st));
    } else if (!'.\\[{()*+?^$|'.includes(tok)) {
      seq.push({ t: 'lit', c: tok.codePointAt(0)! });
    } else if (tok === '[') {
      seq.push(parseSet(t));
    } else if ('*+?{'.includes(tok)) {
      const here = t.tell();
      let min = 0;
      let max = MAXREPEAT;
      if (tok === '?') max = 1;
      else if (tok === '+') min = 1;
      else if (tok === '{') {
        if (t.next === '}') {
          seq.push({ t: 'lit', c: 123 });
          continue;
        }
        let lo = '';
        let hi = '';
        while (isDigit(t.next)) lo += t.get();
        if (t.match(',')) {
          while (isDigit(t.next)) hi += t.get();
        } else hi = lo;
        if (!t.match('}')) {
          seq.push({ t: 'lit', c: 123 });
          t.seek(here);
          continue;
        }
        if (lo) {
          min = Number(lo);
          if (min >= MAXREPEAT) throw new ReError('the repetition number is too large', 'OverflowError');
        }
        if (hi) {
          max = Number(hi);
          if (max >= MAXREPEAT) throw new ReError('the repetition number is too large', 'OverflowError');
          if (max < min) throw t.error('min repeat greater than max repeat', t.tell() - here);
        }
      }
      const last = seq[seq.length - 1];
      if (!last || last.t === 'at') throw t.error('nothing to repeat', t.tell() - here + tok.length);
      if (last.t === 'rep') throw t.error('multiple repeat', t.tell() - here + tok.length);
      const body = last.t === 'group' && last.gid === null && !last.add && !last.del ? last.body : [last];
      const mode = t.match('?') ? 'lazy' : t.match('+') ? 'possessive' : 'greedy';
      // Python 3.11.2's possessive repeat of more than one character keeps the place a failed
      // iteration reached (`(a+?b)?+` matches `a`): bdm-lab does not imitate it
      if (mode === 'possessive' && !(body.length === 1 && (body[0].t === 'lit' || body[0].t === 'in' || body[0].t === 'any'))) st.unsupported ??= 'a possessive repeat of a group (`(…)*+`)';
      seq[seq.length - 1] = { t: 'rep', min, max, mode, body };
    } else if (tok === '.') {
      seq.push({ t: 'any' });
    } else if (tok === '(') {
      const g = parseGroup(t, st, verbose, nested, first, seq, depth);
      if (g === GLOBAL) verbose = !!(st.flags & F_X);
      else if (g) seq.push(g);
    } else if (tok === '^') {
      seq.push({ t: 'at', at: 'beg' });
    } else if (tok === '$') {
      seq.push({ t: 'at', at: 'end' });
    }
  }
  // a non-capturing group without flags is its contents
  const out: PNode[] = [];
  for (const n of seq) {
    if (n.t === 'group' && n.gid === null && !n.add && !n.del) out.push(...n.body);
    else out.push(n);
  }
  return out;
}

function parseSet(t: Tokens): PNode {
  const here = t.tell() - 1;
  const items: SetItem[] = [];
  const negate = t.match('^');
  for (;;) {
    const tok = t.get();
    if (tok === null) throw t.error('unterminated character set', t.tell() - here);
    if (tok === ']' && items.length) break;
    const a: SetItem = tok[0] === '\\' ? classEscape(t, tok) : { k: 'lit', c: tok.codePointAt(0)! };
    if (t.match('-')) {
      const that = t.get();
      if (that === null) throw t.error('unterminated character set', t.tell() - here);
      if (that === ']') {
        items.push(a, { k: 'lit', c: 45 });
        break;
      }
      const b: SetItem = that[0] === '\\' ? classEscape(t, that) : { k: 'lit', c: that.codePointAt(0)! };
      const msg = `bad character range ${tok}-${that}`;
      if (a.k !== 'lit' || b.k !== 'lit' || b.c < a.c) throw t.error(msg, cpLen(tok) + 1 + cpLen(that));
      items.push({ k: 'range', lo: a.c, hi: b.c });
    } else items.push(a);
  }
  return { t: 'in', items, negate };
}

/** a group that only sets the pattern's flags */
const GLOBAL = 'global';

function parseGroup(t: Tokens, st: State, verbose: boolean, nested: number, first: boolean, seq: PNode[], depth: number): PNode | null | typeof GLOBAL {
  const start = t.tell() - 1;
  let capture = true;
  let atomic = false;
  let name: string | null = null;
  let add = 0;
  let del = 0;
  if (t.match('?')) {
    const ch = t.get();
    if (ch === null) throw t.error('unexpected end of pattern');
    if (ch === 'P') {
      if (t.match('<')) {
        name = t.getUntil('>', 'group name');
        if (!isIdentifier(name)) throw t.error(`bad character in group name ${pyRepr(name)}`, cpLen(name) + 1);
      } else if (t.match('=')) {
        const ref = t.getUntil(')', 'group name');
        const n = cpLen(ref);
        if (!isIdentifier(ref)) throw t.error(`bad character in group name ${pyRepr(ref)}`, n + 1);
        const gid = st.names.get(ref);
        if (gid === undefined) throw t.error(`unknown group name ${pyRepr(ref)}`, n + 1);
        if (!st.closed(gid)) throw t.error('cannot refer to an open group', n + 1);
        st.checkLookbehind(gid, t);
        return { t: 'ref', gid };
      } else {
        const c = t.get();
        if (c === null) throw t.error('unexpected end of pattern');
        throw t.error(`unknown extension ?P${c}`, cpLen(c) + 2);
      }
    } else if (ch === ':') {
      capture = false;
    } else if (ch === '#') {
      for (;;) {
        if (t.next === null) throw t.error('missing ), unterminated comment', t.tell() - start);
        if (t.get() === ')') break;
      }
      return null;
    } else if (ch === '=' || ch === '!' || ch === '<') {
      let kind = ch;
      let behind = false;
      let outer: number | null = null;
      if (ch === '<') {
        const c = t.get();
        if (c === null) throw t.error('unexpected end of pattern');
        if (c !== '=' && c !== '!') throw t.error(`unknown extension ?<${c}`, cpLen(c) + 2);
        kind = c;
        behind = true;
        outer = st.lookbehind;
        if (outer === null) st.lookbehind = st.groups;
      }
      const body = parseAlternation(t, st, verbose, nested + 1, depth + 1);
      if (behind && outer === null) st.lookbehind = null;
      if (!t.match(')')) throw t.error('missing ), unterminated subpattern', t.tell() - start);
      return { t: 'assert', behind, neg: kind === '!', body };
    } else if (ch === '(') {
      const cond = t.getUntil(')', 'group name');
      const n = cpLen(cond);
      let gid: number;
      if (isIdentifier(cond)) {
        const g = st.names.get(cond);
        if (g === undefined) throw t.error(`unknown group name ${pyRepr(cond)}`, n + 1);
        gid = g;
      } else {
        const g = pyIntOf(cond);
        if (g === null || g < 0) throw t.error(`bad character in group name ${pyRepr(cond)}`, n + 1);
        if (!g) throw t.error('bad group number', n + 1);
        if (g >= MAXGROUPS) throw t.error(`invalid group reference ${g}`, n + 1);
        if (!st.condRefs.has(g)) st.condRefs.set(g, t.tell() - n - 1);
        gid = g;
      }
      st.checkLookbehind(gid, t);
      const yes = parseSequence(t, st, verbose, nested + 1, false, depth + 1);
      let no: PNode[] | null = null;
      if (t.match('|')) {
        no = parseSequence(t, st, verbose, nested + 1, false, depth + 1);
        if (t.next === '|') throw t.error('conditional backref with more than two branches');
      }
      if (!t.match(')')) throw t.error('missing ), unterminated subpattern', t.tell() - start);
      return { t: 'cond', gid, yes, no };
    } else if (ch === '>') {
      capture = false;
      atomic = true;
    } else if (own(FLAG_OF, ch) || ch === '-') {
      const f = parseFlags(t, st, ch);
      if (f === null) {
        if (!first || seq.length) throw t.error('global flags not at the start of the expression', t.tell() - start);
        return GLOBAL;
      }
      [add, del] = f;
      capture = false;
    } else {
      throw t.error(`unknown extension ?${ch}`, cpLen(ch) + 1);
    }
  }
  const gid = capture ? st.open(t, name) : null;
  const subVerbose = (verbose || !!(add & F_X)) && !(del & F_X);
  const body = parseAlternation(t, st, subVerbose, nested + 1, depth + 1);
  if (!t.match(')')) throw t.error('missing ), unterminated subpattern', t.tell() - start);
  if (gid !== null) st.widths[gid] = width(body, st);
  if (atomic) return { t: 'atomic', body };
  return { t: 'group', gid, add, del, body };
}

/** the least and most characters a sequence matches (Python's getwidth, capped as Python caps it) */
function width(seq: PNode[], st: State): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const n of seq) {
    let w: [number, number];
    switch (n.t) {
      case 'branch': {
        let i = MAXREPEAT - 1;
        let j = 0;
        for (const a of n.alts) { const [l, h] = width(a, st); i = Math.min(i, l); j = Math.max(j, h); }
        w = [i, j];
        break;
      }
      case 'atomic': case 'group': w = width(n.body, st); break;
      case 'rep': { const [l, h] = width(n.body, st); w = [l * n.min, h * n.max]; break; }
      case 'lit': case 'in': case 'any': w = [1, 1]; break;
      case 'ref': w = st.widths[n.gid] ?? [0, 0]; break;
      case 'cond': {
        const [l, h] = width(n.yes, st);
        if (n.no) { const [l2, h2] = width(n.no, st); w = [Math.min(l, l2), Math.max(h, h2)]; } else w = [0, h];
        break;
      }
      default: w = [0, 0];
    }
    lo += w[0];
    hi += w[1];
  }
  return [Math.min(lo, MAXREPEAT - 1), Math.min(hi, MAXREPEAT)];
}

/** re.compile's own checks after parsing: a look-behind of varying width; the template flag refuses repeats */
function compileChecks(seq: PNode[], st: State, flags: number): void {
  for (const n of seq) {
    switch (n.t) {
      case 'rep':
        if (flags & F_T) throw new ReError(`internal: unsupported template operator ${n.mode === 'lazy' ? 'MIN_REPEAT' : n.mode === 'possessive' ? 'POSSESSIVE_REPEAT' : 'MAX_REPEAT'}`);
        compileChecks(n.body, st, flags);
        break;
      case 'group': compileChecks(n.body, st, (flags | n.add) & ~n.del); break;
      case 'atomic': compileChecks(n.body, st, flags); break;
      case 'assert': {
        if (n.behind) {
          const [lo, hi] = width(n.body, st);
          if (lo !== hi) throw new ReError('look-behind requires fixed-width pattern');
          n.w = lo;
        }
        compileChecks(n.body, st, flags);
        break;
      }
      case 'branch': for (const a of n.alts) compileChecks(a, st, flags); break;
      case 'cond': compileChecks(n.yes, st, flags); if (n.no) compileChecks(n.no, st, flags); break;
      default: break;
    }
  }
}

/** A compiled pattern: its parsed form, global flags and number of groups. */
export interface PyRegex {
  seq: PNode[];
  flags: number;
  groups: number;
}

/** `re.compile(pattern)`: the pattern, Python's refusal in its words, or `unsupported` (what bdm-lab does not read, named) */
export function pyCompile(pattern: string): { re: PyRegex } | { error: PyRegexError } | { unsupported: string } {
  try {
    const t = new Tokens(pattern);
    const st = new State();
    const seq = parseAlternation(t, st, false, 0, 0);
    if (st.flags & F_A && st.flags & F_U) throw new ReError('ASCII and UNICODE flags are incompatible', 'ValueError');
    if (t.next !== null) throw t.error('unbalanced parenthesis');
    for (const [g, pos] of st.condRefs) if (g >= st.groups) throw t.errorAt(`invalid group reference ${g}`, pos);
    compileChecks(seq, st, st.flags);
    if (st.unsupported) return { unsupported: st.unsupported };
    return { re: { seq, flags: st.flags, groups: st.groups } };
  } catch (e) {
    if (e instanceof ReError) return { error: { kind: e.kind, message: e.message } };
    if (e instanceof Unsupported) return { unsupported: e.message };
    throw e;
  }
}

// ---- matching (sre's semantics: the first match found, alternatives in order, greedy repeats longest first)


function isWord(c: number, ascii: boolean): boolean {
  if (ascii) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return c === 95 || /[\p{L}\p{N}]/u.test(String.fromCodePoint(c));
}

function inCat(cat: Cat, c: number, ascii: boolean): boolean {
  switch (cat) {
    case 'd': return ascii ? c >= 48 && c <= 57 : /\p{Nd}/u.test(String.fromCodePoint(c));
    case 'D': return !inCat('d', c, ascii);
    case 's': return ascii ? c === 32 || (c >= 9 && c <= 13) : isPySpace(c);
    case 'S': return !inCat('s', c, ascii);
    case 'w': return isWord(c, ascii);
    default: return !isWord(c, ascii);
  }
}

/** Python's simple one-character lower and upper case */
function lower(c: number): number {
  const s = String.fromCodePoint(c).toLowerCase();
  return s.codePointAt(0)!;
}
function upper(c: number): number {
  const s = String.fromCodePoint(c).toUpperCase();
  const cps = Array.from(s);
  return cps.length === 1 ? cps[0].codePointAt(0)! : c;
}
function asciiLower(c: number): number { return c >= 65 && c <= 90 ? c + 32 : c; }
function asciiUpper(c: number): number { return c >= 97 && c <= 122 ? c - 32 : c; }

/** the matcher ran past its budget (or the value is too long to try): bdm-lab does not decide */
class OutOfBudget extends Error {}

/** At most this many steps for one value, and values of at most this many code points, are tried. */
const MAX_STEPS = 200_000;
const MAX_VALUE = 4_000;

type K = (pos: number) => number | null;

class Matcher {
  steps = 0;
  caps: Array<[number, number] | null>;
  constructor(readonly s: number[], groups: number) {
    this.caps = new Array(groups).fill(null);
  }

  step(): void {
    if (++this.steps > MAX_STEPS) throw new OutOfBudget();
  }

  seq(nodes: PNode[], i: number, pos: number, flags: number, k: K): number | null {
    if (i === nodes.length) return k(pos);
    return this.node(nodes[i], pos, flags, (p) => this.seq(nodes, i + 1, p, flags, k));
  }

  charMatches(n: PNode, c: number, flags: number): boolean {
    const ascii = !!(flags & F_A);
    const ic = !!(flags & F_I);
    const lo = ascii ? asciiLower : lower;
    const up = ascii ? asciiUpper : upper;
    if (n.t === 'lit') {
      const eq = c === n.c || (ic && (lo(c) === lo(n.c) || up(c) === up(n.c)));
      return n.not ? !eq : eq;
    }
    if (n.t === 'any') return !!(flags & F_S) || c !== 10;
    if (n.t !== 'in') return false;
    const has = (x: number) => n.items.some((it) => (it.k === 'lit' ? it.c === x : it.k === 'range' ? x >= it.lo && x <= it.hi : inCat(it.cat, x, ascii)));
    const found = has(c) || (ic && (has(lo(c)) || has(up(c))));
    return n.negate ? !found : found;
  }

  at(at: At, pos: number, flags: number): boolean {
    const s = this.s;
    const n = s.length;
    const ml = !!(flags & F_M);
    switch (at) {
      case 'beg': return pos === 0 || (ml && s[pos - 1] === 10);
      case 'end': return pos === n || (ml ? s[pos] === 10 : pos === n - 1 && s[pos] === 10);
      case 'begstr': return pos === 0;
      case 'endstr': return pos === n;
      default: {
        if (n === 0) return false;
        const ascii = !!(flags & F_A);
        const before = pos > 0 && isWord(s[pos - 1], ascii);
        const after = pos < n && isWord(s[pos], ascii);
        return at === 'bound' ? before !== after : before === after;
      }
    }
  }

  /** run k after the node; restore the captures on failure */
  node(n: PNode, pos: number, flags: number, k: K): number | null {
    this.step();
    const s = this.s;
    switch (n.t) {
      case 'lit': case 'in': case 'any':
        return pos < s.length && this.charMatches(n, s[pos], flags) ? k(pos + 1) : null;
      case 'at':
        return this.at(n.at, pos, flags) ? k(pos) : null;
      case 'branch':
        for (const a of n.alts) {
          const r = this.seq(a, 0, pos, flags, k);
          if (r !== null) return r;
        }
        return null;
      case 'group': {
        const f = (flags | n.add) & ~n.del;
        if (n.gid === null) return this.seq(n.body, 0, pos, f, k);
        const gid = n.gid;
        return this.seq(n.body, 0, pos, f, (p) => {
          const was = this.caps[gid];
          this.caps[gid] = [pos, p];
          const r = k(p);
          if (r === null) this.caps[gid] = was;
          return r;
        });
      }
      case 'atomic': {
        const saved = this.caps.slice();
        const end = this.seq(n.body, 0, pos, flags, (p) => p);
        if (end === null) { this.caps = saved; return null; }
        const r = k(end);
        if (r === null) this.caps = saved;
        return r;
      }
      case 'assert': {
        const saved = this.caps.slice();
        let ok: boolean;
        if (n.behind) {
          const w = n.w ?? 0;
          ok = pos - w >= 0 && this.seq(n.body, 0, pos - w, flags, (p) => (p === pos ? p : null)) !== null;
        } else ok = this.seq(n.body, 0, pos, flags, (p) => p) !== null;
        if (n.neg) { this.caps = saved; return ok ? null : k(pos); }
        if (!ok) { this.caps = saved; return null; }
        const r = k(pos);
        if (r === null) this.caps = saved;
        return r;
      }
      case 'ref': {
        const c = this.caps[n.gid];
        if (!c) return null;
        const len = c[1] - c[0];
        if (pos + len > s.length) return null;
        const ic = !!(flags & F_I);
        const lo = flags & F_A ? asciiLower : lower;
        for (let j = 0; j < len; j++) {
          const a = s[c[0] + j];
          const b = s[pos + j];
          if (a !== b && !(ic && lo(a) === lo(b))) return null;
        }
        return k(pos + len);
      }
      case 'cond':
        return this.caps[n.gid] ? this.seq(n.yes, 0, pos, flags, k) : this.seq(n.no ?? [], 0, pos, flags, k);
      case 'rep':
        return this.rep(n, pos, flags, k);
    }
  }

  rep(n: Extract<PNode, { t: 'rep' }>, pos: number, flags: number, k: K): number | null {
    if (n.mode === 'possessive') {
      const saved = this.caps.slice();
      let count = 0;
      let p = pos;
      while (count < n.max) {
        const e = this.seq(n.body, 0, p, flags, (q) => q);
        if (e === null || (count >= n.min && e === p)) break;
        count++;
        p = e;
        this.step();
      }
      if (count < n.min) { this.caps = saved; return null; }
      const r = k(p);
      if (r === null) this.caps = saved;
      return r;
    }
    const greedy = n.mode === 'greedy';
    const one = n.body.length === 1 ? n.body[0] : null;
    if (one && (one.t === 'lit' || one.t === 'in' || one.t === 'any')) {
      // one character a time (sre's REPEAT_ONE): count the run, then give back from its end (or take from its start)
      let run = 0;
      while (run < n.max && pos + run < this.s.length && this.charMatches(one, this.s[pos + run], flags)) { run++; this.step(); }
      if (run < n.min) return null;
      if (greedy) {
        for (let c = run; c >= n.min; c--) { const r = k(pos + c); if (r !== null) return r; this.step(); }
      } else {
        for (let c = n.min; c <= run; c++) { const r = k(pos + c); if (r !== null) return r; this.step(); }
      }
      return null;
    }
    // an iteration past the least number that matched nothing ends the loop (as sre's does)
    const loop = (count: number, p: number, lastStart: number): number | null => {
      this.step();
      if (count < n.min) return this.seq(n.body, 0, p, flags, (q) => loop(count + 1, q, p));
      const more = count < n.max && p !== lastStart;
      if (greedy) {
        if (more) {
          const r = this.seq(n.body, 0, p, flags, (q) => loop(count + 1, q, p));
          if (r !== null) return r;
        }
        return k(p);
      }
      const r = k(p);
      if (r !== null || !more) return r;
      return this.seq(n.body, 0, p, flags, (q) => loop(count + 1, q, p));
    };
    return loop(0, pos, -1);
  }
}

/**
 * Heat's AllowedPattern test: `re.match` at the value's start, and the match must end at the
 * value's end (the first match sre finds, not any: `a|ab` refuses `ab`). `undefined`: bdm-lab
 * does not decide (the value is long or the pattern backtracks past the budget).
 */
export function pyPatternAccepts(re: PyRegex, value: string): boolean | undefined {
  const s = Array.from(value, (c) => c.codePointAt(0)!);
  if (s.length > MAX_VALUE) return undefined;
  const m = new Matcher(s, re.groups);
  try {
    const end = m.seq(re.seq, 0, 0, re.flags, (p) => p);
    return end !== null && end === s.length;
  } catch (e) {
    if (e instanceof OutOfBudget || e instanceof RangeError) return undefined;
    throw e;
  }
}
