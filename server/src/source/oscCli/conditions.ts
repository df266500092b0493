/**
 * The conditions of a script that its text alone decides, as bash 5.2 decides them: `true`, `:`,
 * `false`; `[ … ]`, `test …` and `[[ … ]]` on words with no expansion in them (quoted or plain
 * text: `[ -n "" ]`, `[ "a" = "a" ]`, `[ 3 -lt 10 ]`, `[[ x == x ]]`); and whether a `case`
 * pattern matches a word with no expansion. Anything that reads the environment, the files or the
 * arguments (`$…`, `` `…` ``, `-f file`, an unquoted glob `[` may expand) is unknown (null): the
 * commands it guards may run. Nothing here is run or expanded.
 */
import { compile, localeDecides, matches } from './glob';

/** what is read of a shell word (shell.ts's Word): its value after quote removal and where it is written */
interface Word { value: string; start: number; end: number }

/** one character of a word as written: its value and whether some quoting made it literal */
export interface Ch { ch: string; quoted: boolean }

/**
 * A word's characters with their quoting, read from its text as written; null when the word holds
 * an expansion ($, a backquote) or a quoting form this reader does not take ($'…', $"…").
 */
export function literalChars(text: string, w: Word): Ch[] | null {
  const out: Ch[] = [];
  const end = w.end;
  for (let k = w.start; k < end;) {
    const c = text[k];
    if (c === '$' || c === '`') return null;
    if (c === '\\') {
      if (text[k + 1] === '\n') { k += 2; continue; }
      if (k + 1 >= end) return null;
      out.push({ ch: text[k + 1], quoted: true });
      k += 2;
      continue;
    }
    if (c === "'") {
      const e = text.indexOf("'", k + 1);
      if (e < 0 || e >= end) return null;
      for (let j = k + 1; j < e; j++) out.push({ ch: text[j], quoted: true });
      k = e + 1;
      continue;
    }
    if (c === '"') {
      let j = k + 1;
      while (j < end && text[j] !== '"') {
        if (text[j] === '$' || text[j] === '`') return null;
        if (text[j] === '\\' && '$`"\\\n'.includes(text[j + 1] ?? '')) {
          if (text[j + 1] !== '\n') out.push({ ch: text[j + 1], quoted: true });
          j += 2;
          continue;
        }
        out.push({ ch: text[j], quoted: true });
        j++;
      }
      if (j >= end) return null;
      k = j + 1;
      continue;
    }
    out.push({ ch: c, quoted: false });
    k++;
  }
  // the characters read must be the word's value (a word the splitter made otherwise is not read here)
  return out.map((x) => x.ch).join('') === w.value ? out : null;
}

/** the word's value when nothing in it expands: no $ or backquote, no unquoted glob character, no leading unquoted ~ or unquoted brace (glob: a command's argument, which is globbed) */
function literal(text: string, w: Word, glob: boolean): string | null {
  const cs = literalChars(text, w);
  if (!cs) return null;
  if (cs.length && cs[0].ch === '~' && !cs[0].quoted) return null;
  if (cs.some((x) => !x.quoted && (x.ch === '{' || (glob && (x.ch === '*' || x.ch === '?' || x.ch === '['))))) return null;
  return w.value;
}

/** the words between w[from] and w[to) are separated by blanks only (no redirection, no operator the splitter took) */
function blanksBetween(text: string, w: readonly Word[], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) {
    for (let j = w[k - 1].end; j < w[k].start; j++) {
      const c = text[j];
      if (c === ' ' || c === '\t') continue;
      if (c === '\\' && text[j + 1] === '\n') { j++; continue; }
      return false;
    }
  }
  return true;
}

/** a decimal integer as test(1) reads it (blanks around, a sign); null when it is not one */
function testInt(s: string): bigint | null {
  const m = /^[ \t\n]*([+-]?[0-9]+)[ \t\n]*$/.exec(s);
  return m ? BigInt(m[1]) : null;
}

/** an integer as `[[ … -eq … ]]` reads it (an arithmetic expression: only plain decimal numbers are read here) */
function arithInt(s: string): bigint | null {
  const m = /^[ \t]*(-?)(0|[1-9][0-9]*)[ \t]*$/.exec(s);
  return m ? BigInt(m[1] + m[2]) : null;
}

const STRING_UNARY = new Set(['-n', '-z']);
/** unary operators whose answer depends on the machine (files, terminals, variables, options) */
const MACHINE_UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-o', '-v', '-R']);
const INT_BINARY = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

function compareInts(op: string, a: bigint, b: bigint): boolean {
  switch (op) {
    case '-eq': return a === b;
    case '-ne': return a !== b;
    case '-lt': return a < b;
    case '-le': return a <= b;
    case '-gt': return a > b;
    default: return a >= b;
  }
}

/** test(1)'s answer on its arguments (POSIX's rules by their count, as bash's test builtin): true, false, or null when it depends on the machine or is not read here */
function testArgs(a: readonly string[]): boolean | null {
  switch (a.length) {
    case 0: return false;
    case 1: return a[0] !== '';
    case 2:
      if (a[0] === '!') return a[1] === '';
      if (STRING_UNARY.has(a[0])) return a[0] === '-n' ? a[1] !== '' : a[1] === '';
      return null;
    case 3: {
      const [x, op, y] = a;
      if (op === '=' || op === '==') return x === y;
      if (op === '!=') return x !== y;
      if (INT_BINARY.has(op)) {
        const p = testInt(x);
        const q = testInt(y);
        // a word that is no integer: test says so and fails (status 2)
        return p === null || q === null ? false : compareInts(op, p, q);
      }
      if (op === '-a') return x !== '' && y !== '';
      if (op === '-o') return x !== '' || y !== '';
      if (x === '!') { const r = testArgs([op, y]); return r === null ? null : !r; }
      if (x === '(' && y === ')') return op !== '';
      return null;
    }
    case 4:
      if (a[0] === '!') { const r = testArgs(a.slice(1)); return r === null ? null : !r; }
      if (a[0] === '(' && a[3] === ')') return testArgs(a.slice(1, 3));
      return null;
    default: return null;
  }
}

/**
 * The status of `[ ARGS ]` or `test ARGS` run on words already expanded (their values, as the
 * runner expands them): true, false, or null when it depends on the machine, is not read here,
 * or (`dash`: its test builtin) uses an operator dash's test does not share with bash's (`==`, `<`, `>`).
 */
export function testStatus(words: readonly string[], dash: boolean): boolean | null {
  let args: readonly string[];
  if (words[0] === '[') {
    if (words.length < 2 || words[words.length - 1] !== ']') return null;
    args = words.slice(1, -1);
  } else if (words[0] === 'test') args = words.slice(1);
  else return null;
  if (args.some((x, j) => MACHINE_UNARY.has(x) && j < args.length - 1 && !(args.length === 3 && j === 1 && (x === '-a' || x === '-o')))) return null;
  if (dash && args.some((x) => x === '==' || x === '<' || x === '>')) return null;
  return testArgs(args);
}

/** `[[ … ]]`'s answer on its words (one expression: a word, `-n`/`-z`, a string or integer comparison, `!` before it) */
function condArgs(text: string, w: readonly Word[]): boolean | null {
  if (w.length && w[0].value === '!' && w[0].end - w[0].start === 1) { const r = condArgs(text, w.slice(1)); return r === null ? null : !r; }
  const lit = (x: Word) => literal(text, x, false);
  if (w.length === 1) { const v = lit(w[0]); return v === null ? null : v !== ''; }
  if (w.length === 2) {
    const op = w[0].value;
    if (!STRING_UNARY.has(op) || w[0].end - w[0].start !== 2) return null;
    const v = lit(w[1]);
    return v === null ? null : op === '-n' ? v !== '' : v === '';
  }
  if (w.length === 3) {
    const op = w[1].value;
    if (w[1].end - w[1].start !== op.length) return null;
    const x = lit(w[0]);
    if (x === null) return null;
    if (op === '=' || op === '==' || op === '!=') {
      const pat = literalChars(text, w[2]);
      // a leading unquoted ~ is expanded (the home directory): unknown
      if (pat && pat.length && pat[0].ch === '~' && !pat[0].quoted) return null;
      const m = globMatch(pat, x);
      return m === null ? null : op === '!=' ? !m : m;
    }
    if (INT_BINARY.has(op)) {
      const y = lit(w[2]);
      const p = x === null ? null : arithInt(x);
      const q = y === null ? null : arithInt(y);
      return p === null || q === null ? null : compareInts(op, p, q);
    }
  }
  return null;
}

/**
 * `[[ … ]]`'s answer as the runner ran it (bash): `vals` the value of each word written (`orig`,
 * from `[[` to `]]`: no splitting, no globbing there), `pats` each one's characters read as a
 * pattern (quoted ones literal; null: not read). An operand is its value, the word right of
 * `==`/`=`/`!=` its pattern; `=~`, `&&`, `||`, `( )` are not read (null).
 */
export function condStatusOn(text: string, orig: readonly Word[], vals: readonly string[], pats: ReadonlyArray<Ch[] | null>, piece: { open: boolean; close: boolean } = { open: true, close: true }): boolean | null {
  const plain = (x: Word) => x.end - x.start === x.value.length && !/[\\'"$`]/.test(x.value);
  const first = piece.open ? 1 : 0;
  const end = piece.close ? orig.length - 1 : orig.length;
  if (orig.length !== vals.length || orig.length !== pats.length || end - first < 1) return null;
  if (piece.open && (vals[0] !== '[[' || !plain(orig[0]))) return null;
  if (piece.close && (vals[end] !== ']]' || !plain(orig[end]))) return null;
  if (!blanksBetween(text, orig, 0, orig.length)) return null;
  // (an operator is one only as written: plain text)
  const op = (j: number) => (plain(orig[j]) ? vals[j] : null);
  let k = first;
  let negate = false;
  while (k < end && vals[k] === '!' && plain(orig[k])) { negate = !negate; k++; }
  const n = end - k;
  let r: boolean | null = null;
  if (n === 1) r = vals[k] !== '';
  else if (n === 2) {
    const o = op(k);
    if (o === '-n' || o === '-z') r = o === '-n' ? vals[k + 1] !== '' : vals[k + 1] === '';
  } else if (n === 3) {
    const o = op(k + 1);
    if (o === '=' || o === '==' || o === '!=') {
      const pat = pats[k + 2];
      if (pat) {
        const m = globMatch(pat, vals[k]);
        r = m === null ? null : o === '!=' ? !m : m;
      }
    } else if (o !== null && INT_BINARY.has(o)) {
      const p = arithInt(vals[k]);
      const q = arithInt(vals[k + 2]);
      r = p === null || q === null ? null : compareInts(o, p, q);
    }
  }
  return r === null ? null : r !== negate;
}

/** a pattern's characters from an unquoted expansion's value: a backslash makes the next one literal */
export function valuePattern(v: string): Ch[] {
  const out: Ch[] = [];
  for (let k = 0; k < v.length; k++) {
    if (v[k] === '\\' && k + 1 < v.length) { out.push({ ch: v[k + 1], quoted: true }); k++; } else out.push({ ch: v[k], quoted: false });
  }
  return out;
}

/**
 * The status of the simple command w[from…] when the text decides it: `true`/`:` (0), `false`
 * (1), `[ … ]`, `test …`, `[[ … ]]` on literal words (not in dash, which has no `[[`: not told
 * here), each after any number of `!`; null
 * otherwise. Only the words after the reserved words in front are read.
 */
export function knownStatus(text: string, w: readonly Word[], from: number, dash = false): boolean | null {
  const plain = (x: Word) => x.end - x.start === x.value.length && !/[\\'"$]/.test(x.value);
  let negate = false;
  let k = from;
  while (k < w.length - 1 && w[k].value === '!' && plain(w[k])) { negate = !negate; k++; }
  if (k >= w.length || !plain(w[k])) return null;
  const name = w[k].value;
  let r: boolean | null = null;
  if (name === 'true' || name === ':' || name === 'false') {
    if (k !== w.length - 1) return null;
    r = name !== 'false';
  } else if (name === '[' || name === 'test' || (name === '[[' && !dash)) {
    const last = w.length - 1;
    const closer = name === '[' ? ']' : name === '[[' ? ']]' : null;
    if (closer && (w[last].value !== closer || !plain(w[last]) || last === k)) return null;
    const to = closer ? last : w.length;
    if (!blanksBetween(text, w, k, closer ? last + 1 : w.length)) return null;
    if (name === '[[') r = condArgs(text, w.slice(k + 1, to));
    else {
      const args: string[] = [];
      for (let j = k + 1; j < to; j++) {
        const v = literal(text, w[j], true);
        if (v === null) return null;
        args.push(v);
      }
      // bash's test reads its operators by spelling: an operator that depends on the machine is unknown
      if (args.some((x, j) => MACHINE_UNARY.has(x) && j < args.length - 1 && !(args.length === 3 && j === 1 && (x === '-a' || x === '-o')))) return null;
      r = testArgs(args);
    }
  } else return null;
  return r === null ? null : r !== negate;
}

/** how many pattern-by-word steps a glob match may take (a longer match is unknown: bounded cost) */
const MAX_GLOB_STEPS = 1 << 16;

/**
 * Whether a shell pattern (its characters with their quoting) matches a string, as bash and dash
 * match a `case` pattern or the right side of `[[ x == p ]]`: glob.ts's patterns (everything
 * quoted is itself; `dash`: a `^` first in a bracket is a member, bash negates with it). An
 * extglob form, a bracket form glob.ts does not read, a set against a character outside ASCII (the
 * locale decides) or a match past MAX_GLOB_STEPS is unknown (null).
 */
export function globMatch(p: Ch[] | null, s: string, dash = false): boolean | null {
  if (!p) return null;
  for (let k = 1; k < p.length; k++) if (p[k].ch === '(' && !p[k].quoted && !p[k - 1].quoted && '?*+@!'.includes(p[k - 1].ch)) return null;
  const cp = compile(p.map((c) => ({ ch: c.ch, active: !c.quoted })), dash);
  if ('why' in cp) return null;
  const cs = [...s];
  if (localeDecides(cp.toks, cs)) return null;
  return matches(cp.toks, cs, 0, cs.length, { n: MAX_GLOB_STEPS });
}

/** the `case` word's value when nothing in it expands (no globbing applies to it) */
export function caseSubject(text: string, w: Word): string | null {
  return literal(text, w, false);
}
