/**
 * Go's regexp (RE2 syntax, leftmost-first matching) for the patterns replace() is commonly given,
 * run by a Pike VM (threads in priority order, no backtracking): the work is the text's length
 * times the program's size, bounded by MAX_STEPS (past it the caller leaves the value unknown).
 * The subset: literals and escapes, `.`, bracket classes with ranges and negation, \d \w \s and
 * their negations, `^` and `$` (of the whole text), groups `( )` and `(?: )`, `|`, and the
 * quantifiers `* + ?` and `{n}` `{n,}` `{n,m}` (greedy or lazy), named groups `(?P<name> )`. Anything
 * else (flags, `(?<name> )`, \b, \p{…}, POSIX classes, a malformed pattern) is not followed: compile() says null.
 * ReplaceAllString's `$1` / `${1}` / `$$` expansion (regexp.Expand) is followed too.
 */

type Node =
  | { t: 'char'; test: (c: number) => boolean }
  | { t: 'bol' } | { t: 'eol' }
  | { t: 'cat'; xs: Node[] }
  | { t: 'alt'; xs: Node[] }
  | { t: 'group'; x: Node; cap: number }
  | { t: 'rep'; x: Node; min: number; max: number; lazy: boolean };

type Inst =
  | { op: 'char'; test: (c: number) => boolean }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; n: number }
  | { op: 'bol' } | { op: 'eol' }
  | { op: 'match' };

/** `names`: each group's name ('' for an unnamed one; index 0 the whole match) */
export interface Program { insts: Inst[]; caps: number; names: string[] }

/** the most steps (threads × characters) one replace() may take */
export const MAX_STEPS = 2_000_000;
/** RE2's bound on a repeat count */
const MAX_REPEAT = 1000;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number) => c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
const PERL: Record<string, (c: number) => boolean> = { d: isDigit, w: isWord, s: isSpace, D: (c) => !isDigit(c), W: (c) => !isWord(c), S: (c) => !isSpace(c) };
/** escapes of a single character (Go's syntax: punctuation, and \t \n \r \f \v \a) */
const SIMPLE: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, v: 11, a: 7 };

class Unsupported extends Error {}

/** the pattern parsed, or null when bdm-lab does not follow it */
export function compile(pattern: string): Program | null {
  try {
    const cps = [...pattern].map((c) => c.codePointAt(0)!);
    let i = 0;
    let caps = 1;
    const names: string[] = [''];
    const peek = () => cps[i];
    const escape = (): ((c: number) => boolean) | number => {
      const c = cps[++i];
      i++;
      if (c === undefined) throw new Unsupported();
      const ch = String.fromCodePoint(c);
      if (PERL[ch]) return PERL[ch];
      if (SIMPLE[ch] !== undefined) return SIMPLE[ch];
      // punctuation escapes itself; letters and digits mean something else (\b, \p, \1, \x…)
      if (c < 128 && !isWord(c)) return c;
      throw new Unsupported();
    };
    const klass = (): Node => {
      i++; // [
      let neg = false;
      if (peek() === 94) { neg = true; i++; }
      const items: Array<(c: number) => boolean> = [];
      let first = true;
      for (;;) {
        const c = peek();
        if (c === undefined) throw new Unsupported();
        if (c === 93 && !first) { i++; break; }
        if (c === 91 && cps[i + 1] === 58) throw new Unsupported(); // [:alpha:]
        first = false;
        let lo: number;
        if (c === 92) {
          const e = escape();
          if (typeof e !== 'number') { items.push(e); continue; }
          lo = e;
        } else { lo = c; i++; }
        if (peek() === 45 && cps[i + 1] !== undefined && cps[i + 1] !== 93) {
          i++;
          let hi: number;
          if (peek() === 92) { const e = escape(); if (typeof e !== 'number') throw new Unsupported(); hi = e; } else { hi = cps[i]; i++; }
          if (hi < lo) throw new Unsupported();
          const [a, b] = [lo, hi];
          items.push((x) => x >= a && x <= b);
        } else { const a = lo; items.push((x) => x === a); }
      }
      return { t: 'char', test: neg ? (x) => !items.some((f) => f(x)) : (x) => items.some((f) => f(x)) };
    };
    const atom = (): Node | null => {
      const c = peek();
      if (c === undefined || c === 124 || c === 41) return null;
      if (c === 40) {
        i++;
        let cap = 0;
        if (peek() === 63 && cps[i + 1] === 80 && cps[i + 2] === 60) {
          // (?P<name>: a capturing group with a name (letters, digits, `_`)
          let e = i + 3;
          while (cps[e] !== undefined && cps[e] !== 62) e++;
          const name = String.fromCodePoint(...cps.slice(i + 3, e));
          if (cps[e] !== 62 || !/^\w+$/.test(name) || names.includes(name)) throw new Unsupported();
          i = e + 1;
          cap = caps++;
          names[cap] = name;
        } else if (peek() === 63) {
          if (cps[i + 1] !== 58) throw new Unsupported(); // flags, (?<name>
          i += 2;
        } else { cap = caps++; names[cap] = ''; }
        const x = alt();
        if (peek() !== 41) throw new Unsupported();
        i++;
        return { t: 'group', x, cap };
      }
      if (c === 91) return klass();
      if (c === 92) { const e = escape(); return { t: 'char', test: typeof e === 'number' ? (x) => x === e : e }; }
      if (c === 46) { i++; return { t: 'char', test: (x) => x !== 10 }; }
      if (c === 94) { i++; return { t: 'bol' }; }
      if (c === 36) { i++; return { t: 'eol' }; }
      if (c === 42 || c === 43 || c === 63 || c === 123) throw new Unsupported(); // a repeat of nothing (or a literal `{`)
      i++;
      return { t: 'char', test: (x) => x === c };
    };
    const repeat = (x: Node): Node => {
      let node = x;
      for (;;) {
        const c = peek();
        let min: number, max: number;
        if (c === 42) { min = 0; max = -1; i++; }
        else if (c === 43) { min = 1; max = -1; i++; }
        else if (c === 63) { min = 0; max = 1; i++; }
        else if (c === 123) {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(String.fromCodePoint(...cps.slice(i, i + 12)));
          if (!m) throw new Unsupported();
          min = Number(m[1]);
          max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
          if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) throw new Unsupported();
          i += m[0].length;
        } else return node;
        let lazy = false;
        if (peek() === 63) { lazy = true; i++; }
        // RE2 refuses a repeat of a repeat (`a**`): not followed
        if (node.t === 'rep') throw new Unsupported();
        node = { t: 'rep', x: node, min, max, lazy };
      }
    };
    const seq = (): Node => {
      const xs: Node[] = [];
      for (let a = atom(); a; a = atom()) xs.push(repeat(a));
      return { t: 'cat', xs };
    };
    const alt = (): Node => {
      const xs = [seq()];
      while (peek() === 124) { i++; xs.push(seq()); }
      return xs.length === 1 ? xs[0] : { t: 'alt', xs };
    };
    const tree = alt();
    if (i < cps.length) throw new Unsupported();
    const insts: Inst[] = [];
    emit(tree, insts);
    if (insts.length > 20_000) return null;
    insts.push({ op: 'match' });
    return { insts, caps, names };
  } catch (e) {
    if (e instanceof Unsupported || e instanceof RangeError) return null;
    throw e;
  }
}

function emit(n: Node, out: Inst[]): void {
  if (out.length > 20_000) throw new Unsupported();
  switch (n.t) {
    case 'char': out.push({ op: 'char', test: n.test }); return;
    case 'bol': out.push({ op: 'bol' }); return;
    case 'eol': out.push({ op: 'eol' }); return;
    case 'cat': for (const x of n.xs) emit(x, out); return;
    case 'group':
      if (n.cap) out.push({ op: 'save', n: 2 * n.cap });
      emit(n.x, out);
      if (n.cap) out.push({ op: 'save', n: 2 * n.cap + 1 });
      return;
    case 'alt': {
      const jumps: Array<{ op: 'jmp'; x: number }> = [];
      n.xs.forEach((x, k) => {
        if (k < n.xs.length - 1) {
          const split = { op: 'split' as const, x: out.length + 1, y: 0 };
          out.push(split);
          emit(x, out);
          const j = { op: 'jmp' as const, x: 0 };
          out.push(j);
          jumps.push(j);
          split.y = out.length;
        } else emit(x, out);
      });
      for (const j of jumps) j.x = out.length;
      return;
    }
    case 'rep': {
      for (let k = 0; k < n.min; k++) emit(n.x, out);
      if (n.max === -1) {
        // x*: L: split(body, end) body jmp L
        const split = { op: 'split' as const, x: 0, y: 0 };
        const at = out.length;
        out.push(split);
        emit(n.x, out);
        out.push({ op: 'jmp', x: at });
        const [body, end] = [at + 1, out.length];
        [split.x, split.y] = n.lazy ? [end, body] : [body, end];
        return;
      }
      const ends: Array<{ op: 'split'; x: number; y: number }> = [];
      for (let k = n.min; k < n.max; k++) {
        const split = { op: 'split' as const, x: 0, y: 0 };
        out.push(split);
        ends.push(split);
        split.x = out.length; // body (patched below for laziness)
        emit(n.x, out);
      }
      for (const s of ends) { const body = s.x; [s.x, s.y] = n.lazy ? [out.length, body] : [body, out.length]; }
    }
  }
}

/**
 * The leftmost-first match of `prog` in `cps` starting at or after `from` (Go's regexp search),
 * its capture positions, or null; `budget.steps` counts the work and stops it past MAX_STEPS.
 */
function search(prog: Program, cps: number[], from: number, budget: { steps: number }): number[] | null {
  const n = prog.insts.length;
  type Thread = { pc: number; caps: number[] };
  let clist: Thread[] = [];
  let matched: number[] | null = null;
  // the instructions a position has already reached: stamped with the position's generation (no allocation per position)
  const seen = new Int32Array(n).fill(-1);
  let gen = 0;
  const add = (list: Thread[], pc: number, caps: number[], pos: number) => {
    // an explicit stack in priority order (no recursion on the pattern's size)
    const stack: Array<{ pc: number; caps: number[] }> = [{ pc, caps }];
    while (stack.length) {
      const t = stack.pop()!;
      if (seen[t.pc] === gen) continue;
      seen[t.pc] = gen;
      budget.steps++;
      const ins = prog.insts[t.pc];
      switch (ins.op) {
        case 'jmp': stack.push({ pc: ins.x, caps: t.caps }); break;
        case 'split': stack.push({ pc: ins.y, caps: t.caps }, { pc: ins.x, caps: t.caps }); break;
        case 'save': { const c = [...t.caps]; c[ins.n] = pos; stack.push({ pc: t.pc + 1, caps: c }); break; }
        case 'bol': if (pos === 0) stack.push({ pc: t.pc + 1, caps: t.caps }); break;
        case 'eol': if (pos === cps.length) stack.push({ pc: t.pc + 1, caps: t.caps }); break;
        default: list.push(t);
      }
    }
  };
  for (let pos = from; pos <= cps.length; pos++) {
    if (budget.steps > MAX_STEPS) throw new RangeError('budget');
    gen = pos;
    // the threads already running keep their priority; a new start has the lowest, and none once a match is found
    const started: Thread[] = [];
    for (const t of clist) add(started, t.pc, t.caps, pos);
    if (!matched) { const caps = new Array(2 * prog.caps).fill(-1); caps[0] = pos; add(started, 0, caps, pos); }
    if (!started.length) { if (matched) break; clist = []; continue; }
    const nlist: Thread[] = [];
    for (const t of started) {
      const ins = prog.insts[t.pc];
      budget.steps++;
      if (ins.op === 'match') { matched = [...t.caps]; matched[1] = pos; break; } // lower-priority threads are cut
      if (ins.op === 'char' && pos < cps.length && ins.test(cps[pos])) nlist.push({ pc: t.pc + 1, caps: t.caps });
    }
    clist = nlist;
    if (!clist.length && matched) break;
  }
  return matched;
}

/**
 * regexp.ReplaceAllString: every non-overlapping leftmost-first match replaced by the template
 * expanded (regexp.Expand: `$1`, `${1}`, `$$`, a name of letters, digits and `_`); an empty
 * match right after the previous match is skipped. null when the work passes MAX_STEPS.
 */
export function replaceAll(prog: Program, text: string, template: string): string | null {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const budget = { steps: 0 };
  let out = '';
  let lastEnd = 0;
  let searchPos = 0;
  try {
    while (searchPos <= cps.length) {
      const m = search(prog, cps, searchPos, budget);
      if (!m) break;
      out += fromCps(cps, lastEnd, m[0]);
      // no replacement for an empty match right after the previous match
      if (m[1] > lastEnd || m[0] === 0) out += expand(template, cps, m, prog.names);
      lastEnd = m[1];
      // advance past the match, at least one character
      const width = searchPos < cps.length ? 1 : 0;
      if (searchPos + width > m[1]) searchPos += width;
      else if (searchPos + 1 > m[1]) searchPos++;
      else searchPos = m[1];
    }
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
  return out + fromCps(cps, lastEnd, cps.length);
}

/**
 * regexp's allMatches (FindStringSubmatchIndex for one, FindAllStringSubmatchIndex for all): each
 * leftmost-first match's capture positions in code points (-1 for a group that took no part), at
 * most `n`, an empty match right after the previous match skipped; the text's code points with them.
 * null when the work passes MAX_STEPS.
 */
export function findAll(prog: Program, text: string, n: number): { cps: number[]; matches: number[][] } | null {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const budget = { steps: 0 };
  const matches: number[][] = [];
  try {
    for (let pos = 0, prevEnd = -1; matches.length < n && pos <= cps.length;) {
      const m = search(prog, cps, pos, budget);
      if (!m) break;
      let accept = true;
      if (m[1] === pos) {
        // an empty match: not right after the previous one; the search moves one character on
        if (m[0] === prevEnd) accept = false;
        pos++;
      } else pos = m[1];
      prevEnd = m[1];
      if (accept) matches.push(m);
    }
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
  return { cps, matches };
}

/** the text of code points [from, to) (exported for findAll's callers) */
export function cpText(cps: number[], from: number, to: number): string { return fromCps(cps, from, to); }

/** the text of code points [from, to) */
function fromCps(cps: number[], from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 4096) s += String.fromCodePoint(...cps.slice(i, Math.min(to, i + 4096)));
  return s;
}

/** regexp.Expand of a template for one match */
function expand(t: string, cps: number[], m: number[], names: string[]): string {
  let out = '';
  for (let i = 0; i < t.length;) {
    const d = t.indexOf('$', i);
    if (d < 0) { out += t.slice(i); break; }
    out += t.slice(i, d);
    i = d + 1;
    if (t[i] === '$') { out += '$'; i++; continue; }
    let name: string;
    if (t[i] === '{') {
      const close = t.indexOf('}', i);
      name = close < 0 ? '' : t.slice(i + 1, close);
      if (!name || !/^\w+$/.test(name)) { out += '$'; continue; }
      i = close + 1;
    } else {
      const w = /^\w+/.exec(t.slice(i, i + 64));
      if (!w) { out += '$'; continue; }
      name = w[0];
      i += name.length;
    }
    // a number names a group (beyond the groups: nothing); another name the group of that name (none: nothing)
    const k = /^\d+$/.test(name) ? (name.length < 9 ? Number(name) : -1) : names.indexOf(name);
    if (k >= 0 && 2 * k + 1 < m.length && m[2 * k] >= 0 && m[2 * k + 1] >= 0) out += fromCps(cps, m[2 * k], m[2 * k + 1]);
  }
  return out;
}

// ---- Go's refusals -------------------------------------------------------------------------------------

/** the POSIX class names Go's parser knows ([[:alpha:]] …) */
const POSIX = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit', '^alnum', '^alpha', '^ascii', '^blank', '^cntrl', '^digit', '^graph', '^lower', '^print', '^punct', '^space', '^upper', '^word', '^xdigit']);
const isOctal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/**
 * What regexp.Compile says of a pattern (Go's regexp/syntax parse.go, Perl flags), scanning it once as
 * Go's parser does, so the first error found is Go's: the message ("error parsing regexp: CODE:
 * `EXPR`") with the same EXPR (the whole pattern, the class from its `[`, the escape, the repeat
 * operators…); null when Go compiles it; undefined for what bdm-lab does not check (\p{…} classes,
 * repeat counts nested past 1000, Go's size and nesting limits).
 */
export function goRegexpError(s: string): string | null | undefined {
  const err = (code: string, expr: string) => `error parsing regexp: ${code}: \`${expr}\``;
  if (s.length > 10_000) return undefined;
  // what the parser's stack holds on top: nothing, a `(` or `|` marker, or an operand
  const stack: Array<'lp' | 'bar' | 'op'> = [];
  let depth = 0;
  let i = 0;
  let lastRepeat = -1;
  let counted = false;
  /** the next code point's width in code units */
  const width = (k: number) => (s.codePointAt(k)! > 0xffff ? 2 : 1);
  /** parseEscape at k: the index after it and the code point it means, or Go's error */
  const escape = (k: number): { end: number; value: number } | string => {
    if (k + 1 >= s.length) return err('trailing backslash at end of expression', '');
    const c = s[k + 1];
    let t = k + 1 + width(k + 1);
    const bad = (end: number) => err('invalid escape sequence', s.slice(k, end));
    // a non-word ASCII character is itself
    if (c.charCodeAt(0) < 128 && !/[0-9A-Za-z]/.test(c)) return { end: t, value: c.charCodeAt(0) };
    // \1-\7 alone is a backreference (refused); \0 and octal runs of up to three digits
    if (c >= '1' && c <= '7' && !isOctal(s[t])) return bad(t);
    if (c >= '0' && c <= '7') {
      let v = c.charCodeAt(0) - 48;
      for (let n = 1; n < 3 && isOctal(s[t]); n++) v = v * 8 + s.charCodeAt(t++) - 48;
      return { end: t, value: v };
    }
    if (c === 'x') {
      if (t >= s.length) return bad(t);
      if (s[t] === '{') {
        let e = t + 1, v = 0, n = 0;
        for (;;) {
          if (e >= s.length) return bad(e);
          const h = s[e];
          e += width(e);
          if (h === '}') break;
          if (!isHex(h)) return bad(e);
          v = v * 16 + parseInt(h, 16);
          if (v > 0x10ffff) return bad(e);
          n++;
        }
        return n === 0 ? bad(e) : { end: e, value: v };
      }
      const x = s[t];
      t += width(t);
      if (t >= s.length) return bad(t);
      const y = s[t];
      t += width(t);
      return isHex(x) && isHex(y) ? { end: t, value: parseInt(x + y, 16) } : bad(t);
    }
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    return simple[c] !== undefined ? { end: t, value: simple[c] } : bad(t);
  };
  const pushOp = () => { stack.push('op'); };
  // the next `:]` from a position, remembered (the positions asked for only grow): linear over `[[:[[:…`
  let colon = -2;
  const colonBracket = (from: number) => { if (colon !== -1 && colon < from) colon = s.indexOf(':]', from); return colon; };
  const repeat = (before: number, after: number): string | number => {
    if (s[after] === '?') after++;
    if (lastRepeat >= 0) return err('invalid nested repetition operator', s.slice(lastRepeat, after));
    const top = stack[stack.length - 1];
    if (top === undefined || top === 'lp' || top === 'bar') return err('missing argument to repetition operator', s.slice(before, after));
    return after;
  };
  while (i < s.length) {
    const c = s[i];
    let rep = -1;
    if (c === '(') {
      if (s[i + 1] === '?') {
        // parsePerlFlags
        if (s.length - i > 4 && s[i + 2] === 'P' && s[i + 3] === '<') {
          const end = s.indexOf('>', i);
          if (end < 0) return err('invalid named capture', s.slice(i));
          const name = s.slice(i + 4, end);
          if (!/^[A-Za-z0-9_]+$/.test(name)) return err('invalid named capture', s.slice(i, end + 1));
          stack.push('lp'); depth++; i = end + 1;
        } else if (s[i + 2] === '<') {
          // (?<name>: Go 1.22 on (Terraform's) reads it as a named group, older Go refuses it
          return undefined;
        } else {
          let t = i + 2, sign = 1, saw = false, done = false;
          while (t < s.length) {
            const f = s[t]; t += width(t);
            if ('imsU'.includes(f)) { saw = true; continue; }
            if (f === '-') { if (sign < 0) break; sign = -1; saw = false; continue; }
            if (f === ':' || f === ')') {
              if (sign < 0 && !saw) break;
              if (f === ':') { stack.push('lp'); depth++; }
              done = true;
              break;
            }
            break;
          }
          if (!done) return err('invalid or unsupported Perl syntax', s.slice(i, t));
          i = t;
        }
      } else { stack.push('lp'); depth++; i++; }
      // Go's nesting limit (1000) is not followed
      if (depth > 500) return undefined;
    } else if (c === '|') {
      // parseVerticalBar: the alternatives so far become one, a `|` marker on top
      while (stack.length && stack[stack.length - 1] !== 'lp') stack.pop();
      stack.push('bar');
      i++;
    } else if (c === ')') {
      if (depth === 0) return err('unexpected )', s);
      while (stack.length && stack[stack.length - 1] !== 'lp') stack.pop();
      stack.pop();
      depth--;
      pushOp();
      i++;
    } else if (c === '^' || c === '$' || c === '.') { pushOp(); i++; }
    else if (c === '[') {
      // parseClass: `]` or `-` first is literal; [:name:], \d-style escapes, ranges lo-hi
      let t = i + 1;
      if (s[t] === '^') t++;
      let first = true;
      while (t >= s.length || s[t] !== ']' || first) {
        first = false;
        if (t < s.length - 2 && s[t] === '[' && s[t + 1] === ':') {
          const end = colonBracket(t + 2);
          if (end >= 0) {
            const name = s.slice(t + 2, end);
            if (!POSIX.has(name)) return err('invalid character class range', s.slice(t, end + 2));
            t = end + 2;
            continue;
          }
        }
        if (s[t] === '\\' && (s[t + 1] === 'p' || s[t + 1] === 'P')) return undefined;
        if (s[t] === '\\' && s[t + 1] !== undefined && 'dDsSwW'.includes(s[t + 1])) { t += 2; continue; }
        const rng = t;
        // parseClassChar: a missing `]`, an escape, or one character; the range's ends compared as code points
        const classChar = (k: number): { end: number; value: number } | string => {
          if (k >= s.length) return err('missing closing ]', s.slice(i));
          return s[k] === '\\' ? escape(k) : { end: k + width(k), value: s.codePointAt(k)! };
        };
        const lo = classChar(t);
        if (typeof lo === 'string') return lo;
        t = lo.end;
        if (t + 1 < s.length && s[t] === '-' && s[t + 1] !== ']') {
          const hi = classChar(t + 1);
          if (typeof hi === 'string') return hi;
          if (hi.value < lo.value) return err('invalid character class range', s.slice(rng, hi.end));
          t = hi.end;
        }
      }
      i = t + 1;
      pushOp();
    } else if (c === '*' || c === '+' || c === '?') {
      const r = repeat(i, i + 1);
      if (typeof r === 'string') return r;
      rep = i;
      i = r;
    } else if (c === '{') {
      // parseRepeat: {n} {n,} {n,m}, else `{` is a literal; parseInt: digits, no leading zero before
      // another digit, -1 ("too big") from the tenth digit on
      let t = i + 1;
      const int = (): number | null => {
        if (!(s[t] >= '0' && s[t] <= '9') || (s[t] === '0' && s[t + 1] >= '0' && s[t + 1] <= '9')) return null;
        const from = t;
        while (s[t] >= '0' && s[t] <= '9') t++;
        return t - from >= 10 ? -1 : Number(s.slice(from, t));
      };
      let min = int(), max: number | null = min;
      if (min !== null && s[t] === ',') {
        t++;
        if (s[t] === '}') max = -1;
        else { max = int(); if (max !== null && max < 0) min = -1; }
      }
      if (min === null || max === null || s[t] !== '}') { pushOp(); i++; }
      else {
        const after = t + 1;
        if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) return err('invalid repeat count', s.slice(i, after));
        const r = repeat(i, after);
        if (typeof r === 'string') return r;
        // a repeat count nested in another (their product against 1000) is not checked here
        if (counted && (min >= 2 || max >= 2)) return undefined;
        counted = true;
        rep = i;
        i = r;
      }
    } else if (c === '\\') {
      const n = s[i + 1];
      if (n === 'A' || n === 'b' || n === 'B' || n === 'z') { pushOp(); i += 2; }
      else if (n === 'C') return err('invalid escape sequence', '\\C');
      else if (n === 'Q') {
        const end = s.indexOf('\\E', i + 2);
        if (end > i + 2 || (end < 0 && i + 2 < s.length)) pushOp();
        i = end < 0 ? s.length : end + 2;
      } else if (n === 'p' || n === 'P') return undefined;
      else if (n !== undefined && 'dDsSwW'.includes(n)) { pushOp(); i += 2; }
      else {
        const e = escape(i);
        if (typeof e === 'string') return e;
        pushOp();
        i = e.end;
      }
    } else { pushOp(); i += width(i); }
    lastRepeat = rep;
  }
  if (depth > 0) return err('missing closing )', s);
  return null;
}
