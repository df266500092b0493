/**
 * Bash's parameter expansion of a command's words, as far as the text decides it (bash 5.2
 * subst.c: expand_word_internal, parameter_brace_expand, word_split, the null-field removal of
 * expand_word_list_internal). A word's expansions were noted by the splitter (Word.exps); here
 * each `$NAME`, `${NAME}`, `${#NAME}` and `${NAME:-w}`, `${NAME-w}`, `${NAME:=w}`, `${NAME=w}`,
 * `${NAME:+w}`, `${NAME+w}` gets the value the shell holds, unquoted results are split on IFS
 * (its whitespace and other characters as bash splits them) and a field left empty with no
 * quotes in its word is dropped. What the text cannot tell gives `unknown` with the reason, and
 * the caller judges nothing of the command: a variable the script never sets (the environment
 * may), a command or arithmetic substitution, a positional or special parameter, an operator
 * bdm-lab does not follow, an unquoted result holding a glob character (bash matches it against
 * files), a value past MAX_VALUE characters.
 */
import type { Word } from './shell';

/** a value bdm-lab cannot tell (the environment's, a command's output, a changed-in-a-loop one) */
export const UNKNOWN = Symbol('unknown');
/** a variable's value: a string, null (unset, as the script made it) or UNKNOWN */
export type Val = string | null | typeof UNKNOWN;

/** the longest value bdm-lab keeps (a longer one is UNKNOWN: `X=$X$X` repeated stays small) */
export const MAX_VALUE = 8192;
/** the most characters one command's words expand to (past it the command is not judged) */
export const MAX_COMMAND_CHARS = 65536;
/** how deep `${…}` inside an operand is followed */
const MAX_NESTING = 8;

export interface Vars {
  /** the value of a shell variable */
  get(name: string): Val;
  /** `${NAME:=w}`: assign it (in the shell running the command) */
  assign(name: string, value: Val): void;
  /** why a variable's value is UNKNOWN, in words */
  why?(name: string): string;
}

/** why the words are not told */
export class Unknown {
  constructor(readonly reason: string) {}
}

/** a piece of an expanded word: written text (`lit`: never split), an unquoted expansion's result (`exp`: split, globbed) or a quoted one (`q`) */
interface Chunk { text: string; kind: 'lit' | 'exp' | 'q'; at: number; end: number }

/** a shell variable's name */
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DEFAULT_IFS = ' \t\n';

/** a parsed `${…}` or `$NAME` */
interface Param { name: string; op: string; word: string; length?: boolean }

/** reads the text of a parameter expansion (null: a form bdm-lab does not follow) */
function parseParam(src: string): Param | Unknown {
  if (src[1] !== '{') {
    const name = src.slice(1);
    return NAME.test(name) ? { name, op: '', word: '' } : new Unknown(`\`${src}\` is a positional or special parameter`);
  }
  const inner = src.slice(2, -1);
  if (inner.startsWith('#') && NAME.test(inner.slice(1))) return { name: inner.slice(1), op: '', word: '', length: true };
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-=+?]|)/.exec(inner);
  if (!m) return new Unknown(`\`${src}\` is a form of expansion bdm-lab does not follow`);
  const rest = inner.slice(m[0].length);
  if (!m[2] && rest) return new Unknown(`\`${src}\` is a form of expansion bdm-lab does not follow`);
  if (m[2].endsWith('?')) return new Unknown(`\`${src}\` is a form of expansion bdm-lab does not follow`);
  return { name: m[1], op: m[2], word: rest };
}

type Ctx = { vars: Vars; ifs: Val; budget: { n: number } };

/** the value of a parameter's operand word (`w` in `${X:-w}`): its chunks, in the quoting of the expansion (dq: all quoted) */
function operand(text: string, dq: boolean, c: Ctx, depth: number): Chunk[] | Unknown {
  const out: Chunk[] = [];
  let buf = '';
  let bufKind: 'exp' | 'q' = 'exp';
  const put = (t: string, kind: 'exp' | 'q') => {
    if (kind !== bufKind) flush();
    bufKind = kind;
    buf += t;
  };
  const flush = () => {
    if (buf) out.push({ text: buf, kind: bufKind, at: 0, end: 0 });
    buf = '';
  };
  /** a quote: its place counts even when it holds nothing (a field is kept) */
  const mark = () => { flush(); out.push({ text: '', kind: 'q', at: 0, end: 0 }); };
  let inDq = false;
  for (let k = 0; k < text.length;) {
    const ch = text[k];
    const quoted = dq || inDq;
    const kind = quoted ? 'q' : 'exp';
    if (ch === '\\') {
      const n = text[k + 1];
      if (n === undefined) { put(ch, kind); k++; continue; }
      if (n === '\n') { k += 2; continue; }
      if (quoted && !'$`"\\'.includes(n)) put(ch + n, 'q');
      else put(n, 'q');
      k += 2;
      continue;
    }
    if (ch === "'" && !quoted) {
      const e = text.indexOf("'", k + 1);
      if (e < 0) return new Unknown('an operand with an open quote');
      mark();
      put(text.slice(k + 1, e), 'q');
      k = e + 1;
      continue;
    }
    if (ch === '"') {
      if (!inDq) mark();
      inDq = !inDq;
      k++;
      continue;
    }
    if (ch === '`' || (ch === '$' && text[k + 1] === '(')) return new Unknown('a command or arithmetic substitution');
    if (ch === '~' && k === 0 && !quoted) return new Unknown('a tilde expansion (the home directory)');
    if (ch === '$' && (text[k + 1] === "'" || text[k + 1] === '"')) return new Unknown('a `$\'…\'` or `$"…"` string in an operand');
    if (ch === '$') {
      const e = paramLength(text, k);
      if (e > 0) {
        flush();
        const r = param(text.slice(k, k + e), quoted, c, depth + 1);
        if (r instanceof Unknown) return r;
        for (const x of r) out.push(x);
        k += e;
        continue;
      }
    }
    put(ch, kind);
    k++;
  }
  if (inDq) return new Unknown('an operand with an open quote');
  flush();
  return out;
}

/** the length of a `$NAME` or `${…}` starting at text[k] (0: none) */
function paramLength(text: string, k: number): number {
  const n = text[k + 1];
  if (n === undefined) return 0;
  if (/[A-Za-z_]/.test(n)) {
    let e = k + 2;
    while (e < text.length && /[A-Za-z0-9_]/.test(text[e])) e++;
    return e - k;
  }
  if (/[0-9@*#?$!-]/.test(n)) return 2;
  if (n !== '{') return 0;
  let depth = 0;
  for (let e = k + 1; e < text.length; e++) {
    const ch = text[e];
    if (ch === '\\') { e++; continue; }
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return e - k + 1;
  }
  return 0;
}

const joined = (cs: readonly Chunk[]): string => cs.map((x) => x.text).join('');

/** one parameter expansion's chunks (dq: in double quotes) */
function param(src: string, dq: boolean, c: Ctx, depth: number): Chunk[] | Unknown {
  if (depth > MAX_NESTING) return new Unknown('expansions nested too deep');
  const p = parseParam(src);
  if (p instanceof Unknown) return p;
  const v = c.vars.get(p.name);
  const kind = dq ? 'q' : 'exp';
  const untold = () => new Unknown(c.vars.why?.(p.name) ?? `\`$${p.name}\` is not set by the script (the environment may set it)`);
  if (p.length) {
    if (v === UNKNOWN) return untold();
    return [{ text: String([...(v ?? '')].length), kind, at: 0, end: 0 }];
  }
  if (!p.op) {
    if (v === UNKNOWN) return untold();
    return [{ text: v ?? '', kind, at: 0, end: 0 }];
  }
  const colon = p.op.startsWith(':');
  const op = p.op.slice(colon ? 1 : 0);
  // whether the variable counts as set for the operator (`:`: set and not empty)
  if (v === UNKNOWN) return untold();
  const isSet = v !== null && (!colon || v !== '');
  const word = (): Chunk[] | Unknown => operand(p.word, dq, c, depth);
  if (op === '-') return isSet ? [{ text: v, kind, at: 0, end: 0 }] : word();
  if (op === '+') return isSet ? word() : [];
  // `=`: assigns the operand's value (quotes removed, not split), which is then the result
  if (isSet) return [{ text: v, kind, at: 0, end: 0 }];
  const w = word();
  if (w instanceof Unknown) return w;
  const value = joined(w);
  if (value.length > MAX_VALUE) return new Unknown(`a value longer than ${MAX_VALUE} characters`);
  c.vars.assign(p.name, value);
  return [{ text: value, kind, at: 0, end: 0 }];
}

/** the expanded value of an assignment's right side (no splitting): a string or why not */
export function expandValue(w: Word, from: number, vars: Vars): string | Unknown {
  const r = chunks(w, from, { vars, ifs: null, budget: { n: MAX_COMMAND_CHARS } });
  if (r instanceof Unknown) return r;
  const v = joined(r);
  return v.length > MAX_VALUE ? new Unknown(`a value longer than ${MAX_VALUE} characters`) : v;
}

/** a word's chunks from value index `from`: its written text and its expansions' results */
function chunks(w: Word, from: number, c: Ctx): Chunk[] | Unknown {
  const out: Chunk[] = [];
  let k = from;
  const quotes = w.quotes ?? [];
  let q = 0;
  const literal = (to: number) => {
    while (q < quotes.length && quotes[q] <= to) {
      const p = quotes[q++];
      if (p < k) continue;
      if (p > k) out.push({ text: w.value.slice(k, p), kind: 'lit', at: w.offs[k], end: w.offs[p - 1] + 1 });
      out.push({ text: '', kind: 'q', at: w.offs[p] ?? w.end, end: w.offs[p] ?? w.end });
      k = p;
    }
    if (to > k) out.push({ text: w.value.slice(k, to), kind: 'lit', at: w.offs[k], end: w.offs[to - 1] + 1 });
    k = Math.max(k, to);
  };
  for (const e of w.exps ?? []) {
    if (e.a < from) continue;
    literal(e.a);
    const at = w.offs[e.a];
    const end = w.offs[e.b - 1] + 1;
    const s = e.src;
    if (s.startsWith('$(') || s.startsWith('`')) return new Unknown(`\`${s.length > 40 ? `${s.slice(0, 37)}...` : s}\` is a ${s.startsWith('$((') ? 'arithmetic' : 'command'} substitution`);
    const r = param(s, e.dq, c, 0);
    if (r instanceof Unknown) return r;
    for (const x of r) {
      c.budget.n -= x.text.length;
      if (c.budget.n < 0) return new Unknown(`the words expand to more than ${MAX_COMMAND_CHARS} characters`);
      out.push({ ...x, at, end });
    }
    k = e.b;
  }
  literal(w.value.length);
  return out;
}

const GLOB = /[*?[]/;

/**
 * A word expanded as bash expands a command's argument: its fields (none when it expands to
 * nothing unquoted); `ifs`: the shell's IFS (null: unset, bash's default; UNKNOWN: not told).
 * Each character keeps where it is written (an expansion's result: where the expansion is).
 */
export function expandWord(w: Word, vars: Vars, ifs: Val, budget: { n: number }): Word[] | Unknown {
  if (!w.exps?.length) return [w];
  const c: Ctx = { vars, ifs, budget };
  const cs = chunks(w, 0, c);
  if (cs instanceof Unknown) return cs;
  const splits = cs.some((x) => x.kind === 'exp' && x.text !== '');
  if (splits && ifs === UNKNOWN) return new Unknown('IFS is not known');
  for (const x of cs) if (x.kind === 'exp' && GLOB.test(x.text)) return new Unknown(`an unquoted expansion gives \`${x.text.length > 40 ? `${x.text.slice(0, 37)}...` : x.text}\`, which bash matches against file names`);
  const sep = ifs === null ? DEFAULT_IFS : (ifs as string);
  const fields: Word[] = [];
  let cur: Word = { value: '', offs: [], start: w.start, end: w.start };
  let has = false;
  let absorb = false;
  const push = () => {
    fields.push(cur);
    cur = { value: '', offs: [], start: w.start, end: w.start };
    has = false;
  };
  const addText = (x: Chunk, text: string) => {
    if (!has && !cur.value) { cur.start = x.at; }
    cur.value += text;
    for (let n = 0; n < text.length; n++) cur.offs.push(x.at);
    cur.end = x.end;
  };
  for (const x of cs) {
    if (x.kind !== 'exp') {
      if (!has) cur.start = x.at;
      addText(x, x.text);
      has = true;
      absorb = false;
      continue;
    }
    for (const ch of x.text) {
      if (!sep.includes(ch)) { if (!has) cur.start = x.at; addText(x, ch); has = true; absorb = false; continue; }
      if (ch === ' ' || ch === '\t' || ch === '\n') {
        if (has) { push(); absorb = true; }
        continue;
      }
      if (absorb) { absorb = false; continue; }
      push();
    }
  }
  if (has) fields.push(cur);
  // a word that is one field (no split happened) keeps its place as written
  if (fields.length === 1 && !cs.some((x) => x.kind === 'exp' && [...x.text].some((ch) => sep.includes(ch)))) {
    fields[0].start = w.start;
    fields[0].end = w.end;
  }
  if (w.braces) {
    // brace expansion comes first in bash: it reads the written braces, which keep their place
    // when the word stays one field and its expansions add no character of their own before them
    if (fields.length !== 1 || !(w.exps ?? []).every((e) => w.braces!.every((b) => b < e.a))) return new Unknown('a word with both brace and parameter expansion');
    fields[0].braces = w.braces;
  }
  return fields;
}
