/**
 * Bash 5.2's glob patterns as its parameter expansion matches them (`${X#p}`, `${X%p}`,
 * `${X/p/r}`: subst.c remove_pattern and pat_subst over lib/glob/strmatch.c), with bash's
 * default options (extglob off, nocasematch off, globasciiranges on: a range compares code
 * points). A pattern is a list of characters, each active (written unquoted, or from an unquoted
 * expansion) or literal (quoted, or after a backslash). `*` any run, `?` one character, `[…]` one
 * of a set (`!` or `^` first: none of it, dash's `case` only `!`; `]` first is a member; `a-z` a range (a quoted `-` is a member); `[:alpha:]` and
 * the other classes, ASCII only); a `[` with no closing `]` is itself. Matching runs the pattern
 * as a set of positions over the value (never exponential: m steps a character, see accepting);
 * every step counts against a budget, and past it the answer is not told (null). A value or pattern outside ASCII with a set in the pattern is
 * not told either (the locale's classes and collation decide it).
 */

/** a pattern character: its text and whether it is active (a glob character when it is one) */
export interface PatChar { ch: string; active: boolean }

type Tok = { k: 'lit'; ch: string } | { k: 'any' } | { k: 'star' } | { k: 'set'; neg: boolean; test: (cp: number) => boolean };

/** a compiled pattern, or why bdm-lab does not match it */
export type Pattern = { toks: Tok[] } | { why: string };

const CLASSES: Record<string, (c: number) => boolean> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => CLASSES.alpha(c) || CLASSES.digit(c),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  blank: (c) => c === 32 || c === 9,
  punct: (c) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
  xdigit: (c) => CLASSES.digit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
  cntrl: (c) => c < 32 || c === 127,
  print: (c) => c >= 32 && c < 127,
  graph: (c) => c > 32 && c < 127,
};

/** the most characters a set may hold (a longer `[…]` is not matched) */
const MAX_SET = 256;

/**
 * reads a `[…]` starting at p[at] (an active `[`): its token and the index past it, or null (no
 * closing `]`: the `[` is literal), or why not. `dash`: dash's reading, where only `!` negates (a
 * `^` first is a member).
 */
function readSet(p: readonly PatChar[], at: number, dash: boolean): { tok: Tok; end: number } | null | { why: string } {
  let k = at + 1;
  let neg = false;
  if (k < p.length && p[k].active && (p[k].ch === '!' || (p[k].ch === '^' && !dash))) { neg = true; k++; }
  const items: Array<(cp: number) => boolean> = [];
  let first = true;
  for (; k < p.length && k - at < MAX_SET; first = false) {
    const c = p[k];
    if (c.active && c.ch === ']' && !first) {
      return { tok: { k: 'set', neg, test: (cp) => items.some((f) => f(cp)) }, end: k + 1 };
    }
    if (c.active && c.ch === '[' && k + 1 < p.length && ':.='.includes(p[k + 1].ch)) {
      const kind = p[k + 1].ch;
      if (kind !== ':') return { why: `a \`[${kind}…${kind}]\` in a bracket pattern` };
      let e = k + 2;
      let name = '';
      while (e < p.length && p[e].ch !== ':' && name.length < 16) name += p[e++].ch;
      if (e + 1 < p.length && p[e].ch === ':' && p[e + 1].ch === ']') {
        const f = CLASSES[name];
        if (!f) return { why: `the character class \`[:${name}:]\`` };
        items.push(f);
        k = e + 2;
        continue;
      }
      return { why: 'a `[:` in a bracket pattern that bdm-lab does not read' };
    }
    let lo = c.ch;
    if (c.active && c.ch === '\\') { if (k + 1 >= p.length) return null; lo = p[++k].ch; }
    k++;
    // (a quoted `-` is a member, not a range)
    if (k + 1 < p.length && p[k].ch === '-' && p[k].active && !(p[k + 1].active && p[k + 1].ch === ']')) {
      let hi = p[k + 1].ch;
      k += 2;
      if (p[k - 1].active && hi === '\\') { if (k >= p.length) return null; hi = p[k++].ch; }
      const a = lo.codePointAt(0)!;
      const b = hi.codePointAt(0)!;
      if (a > b) return { why: `the reversed range \`${lo}-${hi}\`` };
      items.push((cp) => cp >= a && cp <= b);
      continue;
    }
    const a = lo.codePointAt(0)!;
    items.push((cp) => cp === a);
  }
  if (k - at >= MAX_SET) return { why: 'a bracket pattern longer than bdm-lab reads' };
  return null;
}

/** a pattern's characters compiled (runs of `*` are one); `dash`: as dash reads a bracket (see readSet) */
export function compile(p: readonly PatChar[], dash = false): Pattern {
  const toks: Tok[] = [];
  const ascii = (s: string) => /^[\x00-\x7f]*$/.test(s);
  let sets = false;
  for (let k = 0; k < p.length;) {
    const c = p[k];
    if (!c.active) { toks.push({ k: 'lit', ch: c.ch }); k++; continue; }
    if (c.ch === '*') { if (toks[toks.length - 1]?.k !== 'star') toks.push({ k: 'star' }); k++; continue; }
    if (c.ch === '?') { toks.push({ k: 'any' }); k++; continue; }
    if (c.ch === '\\') { toks.push({ k: 'lit', ch: p[k + 1]?.ch ?? '\\' }); k += k + 1 < p.length ? 2 : 1; continue; }
    if (c.ch === '[') {
      const r = readSet(p, k, dash);
      if (r && 'why' in r) return r;
      if (r) { toks.push(r.tok); sets = true; k = r.end; continue; }
    }
    toks.push({ k: 'lit', ch: c.ch });
    k++;
  }
  if (sets && !p.every((x) => ascii(x.ch))) return { why: 'a bracket pattern with characters outside ASCII (the locale decides it)' };
  return { toks };
}

/** a step budget shared by the matches of one command */
export interface Steps { n: number }

const one = (t: Tok, ch: string): boolean => t.k === 'any' || (t.k === 'lit' && t.ch === ch) || (t.k === 'set' && t.test(ch.codePointAt(0)!) !== t.neg);

/**
 * The lengths the pattern matches from s[from] on, reading forward (or, `back`, backward from
 * s[from - 1] with the pattern reversed, which matches the same spans: each token is one
 * character or `*`): acc[k] when it matches k characters exactly. The pattern is run as the set
 * of its positions (a `*` position stays on every character), m steps per character, stopping
 * when no position is left; null past the budget.
 */
function accepting(toks: readonly Tok[], s: readonly string[], from: number, back: boolean, steps: Steps): boolean[] | null {
  const t = back ? [...toks].reverse() : toks;
  const m = t.length;
  let cur = new Uint8Array(m + 1);
  const close = (set: Uint8Array) => { for (let p = 0; p < m; p++) if (set[p] && t[p].k === 'star') set[p + 1] = 1; };
  cur[0] = 1;
  close(cur);
  const acc: boolean[] = [cur[m] === 1];
  const len = back ? from : s.length - from;
  for (let k = 0; k < len; k++) {
    steps.n -= m + 1;
    if (steps.n < 0) return null;
    const ch = s[back ? from - 1 - k : from + k];
    const next = new Uint8Array(m + 1);
    let any = false;
    for (let p = 0; p < m; p++) {
      if (!cur[p]) continue;
      if (t[p].k === 'star') { next[p] = 1; any = true; } else if (one(t[p], ch)) { next[p + 1] = 1; any = true; }
    }
    if (!any) break;
    close(next);
    cur = next;
    acc.push(cur[m] === 1);
  }
  return acc;
}

/** Whether the pattern matches s[from, to) (s: code points) exactly; null past the budget. */
export function matches(toks: readonly Tok[], s: readonly string[], from: number, to: number, steps: Steps): boolean | null {
  const acc = accepting(toks, s.slice(0, to), from, false, steps);
  return acc === null ? null : acc[to - from] === true;
}

/** whether a value outside ASCII meets a pattern with a set (the locale decides): see compile */
export function localeDecides(toks: readonly Tok[], s: readonly string[]): boolean {
  return toks.some((t) => t.k === 'set') && s.some((ch) => ch.length > 1 || ch.charCodeAt(0) > 0x7f);
}

/** the shortest (or longest) k with acc[k] (-1: none) */
const pickLen = (acc: readonly boolean[], longest: boolean): number => (longest ? acc.lastIndexOf(true) : acc.indexOf(true));

/**
 * `${X#p}` (`prefix`, shortest), `${X##p}` (longest), `${X%p}`, `${X%%p}` (suffix): the value
 * with the part the pattern matches removed; null past the budget.
 */
export function removeMatch(toks: readonly Tok[], s: readonly string[], prefix: boolean, longest: boolean, steps: Steps): string | null {
  const acc = accepting(toks, s, prefix ? 0 : s.length, !prefix, steps);
  if (acc === null) return null;
  const k = pickLen(acc, longest);
  if (k < 0) return s.join('');
  return prefix ? s.slice(k).join('') : s.slice(0, s.length - k).join('');
}

/**
 * `${X/p/r}` (`mode` ''), `${X//p/r}` ('/'), `${X/#p/r}` ('#'), `${X/%p/r}` ('%'): each match
 * (the longest at the first place it matches; for '/' each next one from where the last ended)
 * replaced by rep(matched text); null past the budget. An empty pattern replaces nothing, but
 * anchored, where it adds the replacement at the start or the end.
 */
export function substitute(toks: readonly Tok[], s: readonly string[], mode: '' | '/' | '#' | '%', rep: (m: string) => string, steps: Steps): string | null {
  const n = s.length;
  if (!toks.length) {
    if (mode === '#') return rep('') + s.join('');
    if (mode === '%') return s.join('') + rep('');
    return s.join('');
  }
  if (mode === '#' || mode === '%') {
    const acc = accepting(toks, s, mode === '#' ? 0 : n, mode === '%', steps);
    if (acc === null) return null;
    const k = pickLen(acc, true);
    if (k < 0) return s.join('');
    return mode === '#' ? rep(s.slice(0, k).join('')) + s.slice(k).join('') : s.slice(0, n - k).join('') + rep(s.slice(n - k).join(''));
  }
  // (a pattern that starts with `*` matches from a later start only if it matches from this one)
  const star = toks[0].k === 'star';
  let out = '';
  for (let i = 0; i <= n;) {
    const acc = accepting(toks, s, i, false, steps);
    if (acc === null) return null;
    const k = pickLen(acc, true);
    if (k < 0) {
      if (star) return out + s.slice(i).join('');
      if (i < n) out += s[i];
      i++;
      continue;
    }
    out += rep(s.slice(i, i + k).join(''));
    if (mode === '') return out + s.slice(i + k).join('');
    if (k === 0) { if (i < n) out += s[i]; i++; } else i += k;
    if (i >= n) break;
  }
  return out;
}
