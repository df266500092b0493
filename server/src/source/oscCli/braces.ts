/**
 * bash's brace expansion of a command's words (bash 5.2; dash has none): `a{b,c}d` gives `abd`
 * `acd`, `{1..3}` gives `1` `2` `3`, before any other expansion. Only the braces and commas the
 * splitter saw unquoted and unescaped take part (Word.braces: the unquoted characters); `${…}` is a parameter's, never a
 * brace expansion; `{}`, `{a}` and a sequence bash does not take stay as written.
 *
 * What bash does, as checked against bash 5.2.15 itself (test/unit/osc-braces.test.ts):
 * - the first unquoted `{` (not a `${`) is paired with the first `}` after it at its own nesting
 *   level (a level-0 `}` never goes below 0) that closes a list with a top-level comma, or a valid
 *   sequence; when a level-0 `}` closes neither, the search goes on past it (`{a}b,c}` is `a}b`
 *   `c`); when none does, the search starts again at the next `{` (`{{a,b}` is `{a` `{b`);
 * - the words are: preamble + each alternative (itself expanded) + each word of the postscript
 *   (expanded in turn), alternative-major;
 * - a sequence `{x..y}` or `{x..y..step}`: integers (optional sign, within 64 bits) or single
 *   ASCII letters on both ends, an integer step whose sign is ignored (0 reads as 1); integers are
 *   padded with zeros to the longer end's written length when either end is written with a
 *   leading zero (`01`, `-01`; `0` and `-0` alone do not count); a letter range runs through the
 *   codes between (`{Z..b}` holds `[`, `]`…; the `\` there is removed by quote removal: an empty word).
 *
 * Bounded: at most MAX_WORDS words and MAX_CHARS characters per command, and a number of steps
 * linear in the word's length; past that the expansion is not made (null: bdm-lab cannot tell
 * the command's words).
 */
import type { Word } from './shell';

/** the most words one command's brace expansions may give, and the most characters */
export const MAX_BRACE_WORDS = 10_000;
export const MAX_BRACE_CHARS = 1_000_000;
/** steps of reading allowed per character of a word (with a floor): the search is linear-bounded */
const STEPS_PER_CHAR = 64;
const STEPS_FLOOR = 100_000;

/**
 * How deep the expansions of a word may go (nested braces, and braces in a row: each expansion's
 * postscript is expanded in turn); deeper, bdm-lab cannot tell (bash would make 2^256 words of
 * 256 `{a,b}` in a row; only braces that give one word each, like `{1..1}`, get so deep).
 */
export const MAX_BRACE_DEPTH = 256;

/** the longest inside of a sequence's braces that is read as one */
const MAX_SEQ_TEXT = 256;

class Over extends Error {}

/** a piece of an expanded word: a range [a, b) of the word's value, or a made string placed at an offset */
type Piece = { a: number; b: number } | { s: string; at: number; quoted?: boolean };

interface Budget { words: number; chars: number; steps: number }

const INT = /^[+-]?\d+$/;
const LETTER = /^[A-Za-z]$/;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** the terms of a sequence `x..y` or `x..y..step` (null: not a sequence bash takes) */
function sequence(body: string, budget: Budget): { count: bigint; item: (k: number) => string } | null {
  const parts = body.split('..');
  if (parts.length !== 2 && parts.length !== 3) return null;
  const [x, y, st] = parts;
  let step = 1n;
  if (st !== undefined) {
    if (!INT.test(st)) return null;
    step = BigInt(st);
    if (step < I64_MIN || step > I64_MAX) return null;
    if (step < 0n) step = -step;
    if (step === 0n) step = 1n;
  }
  if (INT.test(x) && INT.test(y)) {
    const lo = BigInt(x);
    const hi = BigInt(y);
    if (lo < I64_MIN || lo > I64_MAX || hi < I64_MIN || hi > I64_MAX) return null;
    const pads = (t: string) => (t[0] === '0' && t.length > 1) || (t[0] === '-' && t[1] === '0' && t.length > 2);
    const width = pads(x) || pads(y) ? Math.max(x.length, y.length) : 0;
    const dir = hi >= lo ? 1n : -1n;
    const count = (dir * (hi - lo)) / step + 1n;
    return {
      count,
      item: (k) => {
        const n = lo + dir * step * BigInt(k);
        const neg = n < 0n;
        const digits = (neg ? -n : n).toString();
        const w = width - (neg ? 1 : 0);
        budget.steps -= Math.max(w, digits.length);
        return (neg ? '-' : '') + (digits.length < w ? '0'.repeat(w - digits.length) : '') + digits;
      },
    };
  }
  if (LETTER.test(x) && LETTER.test(y)) {
    const lo = x.charCodeAt(0);
    const hi = y.charCodeAt(0);
    const s = Number(step > 256n ? 256n : step);
    const dir = hi >= lo ? 1 : -1;
    const count = BigInt(Math.floor((dir * (hi - lo)) / s) + 1);
    return { count, item: (k) => String.fromCharCode(lo + dir * s * k) };
  }
  return null;
}

/**
 * The words bash's brace expansion makes of one word (the word itself, alone, when it has none);
 * null when more than the budget's words, characters or steps would be needed. Each made word
 * keeps the offsets of the characters it takes from the word (a sequence's made characters: the
 * offset of its `{`), and the whole word's start and end.
 */
function expandWord(w: Word, budget: Budget): Word[] | null {
  const v = w.value;
  const marks = w.braces;
  if (!marks || !marks.length) return [w];
  // the characters written unquoted and unescaped (only they may be a brace, a comma, a sequence's)
  const act = new Uint8Array(v.length);
  for (const k of marks) if (k >= 0 && k < v.length) act[k] = 1;
  const is = (k: number, c: string) => act[k] === 1 && v[k] === c;
  // `${`: a parameter's braces; the index after its matching `}` (or hi)
  const skipDollar = (k: number, hi: number): number => {
    let level = 1;
    for (let j = k + 1; j < hi; j++) {
      budget.steps--;
      if (is(j, '{')) level++;
      else if (is(j, '}') && --level === 0) return j + 1;
    }
    return hi;
  };
  const dollarBrace = (k: number) => is(k, '$') && is(k + 1, '{');
  const spend = () => { if (budget.steps < 0) throw new Over(); };

  const expand = (lo: number, hi: number, depth: number): Piece[][] => {
    spend();
    if (depth > MAX_BRACE_DEPTH) throw new Over();
    let i = lo;
    for (;;) {
      // the next `{` that may open an expansion
      while (i < hi && !is(i, '{')) {
        budget.steps--;
        if (dollarBrace(i)) i = skipDollar(i + 1, hi);
        else i++;
      }
      spend();
      if (i >= hi) return [[{ a: lo, b: hi }]];
      let level = 0;
      let comma = false;
      let close = -1;
      let seq: ReturnType<typeof sequence> = null;
      for (let j = i + 1; j < hi; j++) {
        budget.steps--;
        if (dollarBrace(j)) { j = skipDollar(j + 1, hi) - 1; continue; }
        if (is(j, '{')) level++;
        else if (is(j, '}')) {
          if (level > 0) { level--; continue; }
          if (comma) { close = j; break; }
          // (no sequence bash takes is longer: its ends and step are 64-bit numbers, unless padded with
          // hundreds of zeros, which bdm-lab does not follow)
          budget.steps -= Math.min(j - i, MAX_SEQ_TEXT);
          if (j - i - 1 <= MAX_SEQ_TEXT && (seq = sequence(v.slice(i + 1, j), budget))) {
            // a sequence's characters are all unquoted (a quoted one makes it no sequence)
            let plain = true;
            for (let k = i + 1; k < j; k++) if (!act[k]) plain = false;
            if (plain) { close = j; break; }
            seq = null;
          }
        } else if (is(j, ',') && level === 0) comma = true;
      }
      spend();
      if (close < 0) { i++; continue; }
      const post = expand(close + 1, hi, depth + 1);
      const alts: Piece[][] = [];
      if (comma) {
        let from = i + 1;
        let lv = 0;
        for (let j = i + 1; j <= close; j++) {
          budget.steps--;
          if (j < close && dollarBrace(j)) { j = skipDollar(j + 1, close) - 1; continue; }
          if (j < close && is(j, '{')) lv++;
          else if (j < close && is(j, '}')) { if (lv > 0) lv--; }
          else if (j === close || (is(j, ',') && lv === 0)) {
            for (const x of expand(from, j, depth + 1)) alts.push(x);
            if (alts.length > MAX_BRACE_WORDS) throw new Over();
            from = j + 1;
          }
        }
      } else {
        if (seq!.count > BigInt(MAX_BRACE_WORDS)) throw new Over();
        const n = Number(seq!.count);
        for (let k = 0; k < n; k++) {
          // a made `\` is a quoting backslash to quote removal: it leaves an empty word (kept)
          const s = seq!.item(k);
          alts.push([s === '\\' ? { s: '', at: w.offs[i] ?? w.start, quoted: true } : { s, at: w.offs[i] ?? w.start }]);
        }
      }
      if (alts.length * post.length > MAX_BRACE_WORDS) throw new Over();
      const out: Piece[][] = [];
      for (const x of alts) {
        for (const p of post) {
          budget.steps -= x.length + p.length + 1;
          out.push(lo < i ? [{ a: lo, b: i }, ...x, ...p] : [...x, ...p]);
        }
      }
      spend();
      return out;
    }
  };

  let made: Piece[][];
  try {
    made = expand(0, v.length, 0);
  } catch (e) {
    if (e instanceof Over) return null;
    throw e;
  }
  if (made.length === 1 && made[0].length === 1 && 'a' in made[0][0]) return [w];
  budget.words -= made.length;
  if (budget.words < 0) return null;
  // a made word that is empty goes (an unquoted null word), unless some quoting made it: bdm-lab
  // reads the word as unquoted when every character of it is written plain and nothing else is
  // written (an empty "" leaves no character)
  const unquoted = marks.length === v.length && w.end - w.start === v.length;
  const words: Word[] = [];
  for (const ps of made) {
    let value = '';
    const offs: number[] = [];
    let quoted = false;
    for (const p of ps) {
      if ('a' in p) {
        value += v.slice(p.a, p.b);
        for (let k = p.a; k < p.b; k++) offs.push(w.offs[k]);
      } else {
        value += p.s;
        quoted ||= !!p.quoted;
        for (let k = 0; k < p.s.length; k++) offs.push(p.at);
      }
    }
    if (!value && unquoted && !quoted) continue;
    budget.chars -= value.length;
    if (budget.chars < 0) return null;
    words.push({ value, offs, start: w.start, end: w.end });
  }
  return words;
}

/**
 * A command's words after bash's brace expansion (each word in turn, in order); null when the
 * expansion is past the bounds (MAX_BRACE_WORDS, MAX_BRACE_CHARS, a step budget linear in the
 * words' length): bdm-lab cannot tell the words then.
 */
export function expandBraces(words: readonly Word[]): Word[] | null {
  let len = 0;
  for (const w of words) len += w.value.length;
  const budget: Budget = { words: MAX_BRACE_WORDS, chars: MAX_BRACE_CHARS, steps: STEPS_FLOOR + STEPS_PER_CHAR * len };
  const out: Word[] = [];
  for (const w of words) {
    const x = expandWord(w, budget);
    if (!x) return null;
    for (const y of x) out.push(y);
  }
  return out;
}
