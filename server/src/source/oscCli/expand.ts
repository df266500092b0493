/**
 * Bash's parameter expansion of a command's words, as far as the text decides it (bash 5.2
 * subst.c: expand_word_internal, parameter_brace_expand, word_split, the null-field removal of
 * expand_word_list_internal). A word's expansions were noted by the splitter (Word.exps); here
 * each `$NAME`, `${NAME}`, `${#NAME}` and `${NAME:-w}`, `${NAME-w}`, `${NAME:=w}`, `${NAME=w}`,
 * `${NAME:+w}`, `${NAME+w}`, `${NAME:?w}`, `${NAME?w}`, the pattern removals `${NAME#p}`, `${NAME##p}`,
 * `${NAME%p}`, `${NAME%%p}`, the substitutions `${NAME/p/r}`, `${NAME//p/r}`, `${NAME/#p/r}`,
 * `${NAME/%p/r}` (glob patterns as bash matches them: see glob.ts), the substring
 * `${NAME:o:l}` (its offset and length arithmetic), the case changes `${NAME^^p}`, `${NAME^p}`,
 * `${NAME,,p}`, `${NAME,p}`, `${NAME~~p}`, `${NAME~p}` (ASCII values), the transformations
 * `${NAME@Q}`, `${NAME@U}`, `${NAME@u}`, `${NAME@L}`, indirection `${!NAME…}`, bash's indexed
 * arrays (`${A[N]}`, `"${A[@]}"`, `${A[*]}`, `${#A[@]}`, `${A[@]:o:l}`: Vars.array) and arithmetic
 * `$((…))` (arith.ts: its assignments made in the shell as they happen, Vars.assign) gets the value the shell holds, unquoted results are split on IFS
 * (its whitespace and other characters as bash splits them) and a field left empty with no
 * quotes in its word is dropped. What the text cannot tell gives `unknown` with the reason, and
 * the caller judges nothing of the command: a variable the script never sets (the environment
 * may), a command substitution, a positional or special parameter, an operator
 * bdm-lab does not follow, an unquoted result holding a glob character (bash matches it against
 * files), a value past MAX_VALUE characters. An expansion that stops bash (`set -u` and an
 * unset name, `${X:?}`, a substring length below its offset, division by 0, an indirect name
 * that names no variable) is a Fatal: the command never runs. In a double-quoted `${…}` bash's
 * parser pairs single quotes (a `"` or `}` inside ends nothing) while the operand of `-`, `+`,
 * `=`, `?` keeps them as characters and a pattern's removes them; a `\}` there loses its backslash.
 */
import type { Word } from './shell';
import { compile, localeDecides, matches, removeMatch, substitute, type PatChar, type Steps } from './glob';
import { evalArith, type ArithVars } from './arith';

/** a value bdm-lab cannot tell (the environment's, a command's output, a changed-in-a-loop one) */
export const UNKNOWN = Symbol('unknown');
/** a variable's value: a string, null (unset, as the script made it) or UNKNOWN */
export type Val = string | null | typeof UNKNOWN;

/** the longest value bdm-lab keeps (a longer one is UNKNOWN: `X=$X$X` repeated stays small) */
export const MAX_VALUE = 8192;
/** the most characters one command's words expand to (past it the command is not judged) */
export const MAX_COMMAND_CHARS = 65536;
/** the most steps the pattern matches of one command take (past them the command is not judged) */
export const MAX_STEPS = 1_000_000;
/** how deep `${…}` inside an operand is followed */
const MAX_NESTING = 8;

export interface Vars {
  /** the value of a shell variable */
  get(name: string): Val;
  /** `${NAME:=w}`, or arithmetic (`arith`: `$((N+=1))`): assign it (in the shell running the command) */
  assign(name: string, value: Val, arith?: boolean): void;
  /** whether a variable is readonly (the shell refuses to assign it) */
  readonly?(name: string): boolean;
  /** why a variable's value is UNKNOWN, in words */
  why?(name: string): string;
  /** bash's `set -u` where the command runs: on, off (undefined: off) or not known (null) */
  nounset?: boolean | null;
  /** the shell is dash (`#!/bin/sh`, `sh -c`): it has none of bash's `${X/p/r}` and `${X:o:l}` */
  dash?: boolean;
  /** an expansion error does not stop the shell (an interactive one, a runbook's): a Fatal is only unknown */
  interactive?: boolean;
  /** why the text may change how bash matches patterns (`shopt -s extglob`, nocasematch…): null when it does not */
  patternOptions?: string | null;
  /** `$1`…`$9` where the runner holds them (a function's call with its arguments told; null: unset); undefined: not told */
  positional?(n: number): string | null | undefined;
  /** `$#` where the runner holds the positional parameters (with positional): how many */
  argc?(): number;
  /** an indexed array's elements (a plain variable: its value alone; unset: none), UNKNOWN where not told; undefined: arrays not followed */
  array?(name: string): readonly string[] | typeof UNKNOWN;
  /** the name is not set by the script: only the environment may give it a value (an array's element 0, never more) */
  unsetHere?(name: string): boolean;
}

/** why the words are not told */
export class Unknown {
  constructor(readonly reason: string) {}
}

/**
 * An expansion bash refuses where it runs the command, which then never runs: `exits`, the shell
 * exits (`set -u` and an unset name, `${X:?w}`); else it gives up the complete command it is
 * running and reads on (a substring length below its offset).
 */
export class Fatal extends Unknown {
  /**
   * `dash`: dash's own words for it (`Bad substitution`, an arithmetic error), for an expansion
   * only bash has or dash's arithmetic refuses, where dash stops the whole script; `at`, `end`:
   * the expansion's place in the text (set where the word's expansion is read)
   */
  constructor(reason: string, readonly exits: boolean, readonly dash?: string, readonly at?: number, readonly end?: number) { super(reason); }
}

/** a piece of an expanded word: written text (`lit`: never split), an unquoted expansion's result (`exp`: split, globbed) or a quoted one (`q`) */
/** `brk`: the break between two of `"$@"`'s fields (its text ' ', as an assignment joins them; '' where `"$@"` gives none) */
interface Chunk { text: string; kind: 'lit' | 'exp' | 'q' | 'brk'; at: number; end: number }

/** a shell variable's name */
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DEFAULT_IFS = ' \t\n';

/** a parsed `${…}` or `$NAME`: `op` '' (the value), one of `-=+?` (`:` first: an empty value counts as unset), `#`, `##`, `%`, `%%`, `/`, `//`, `/#`, `/%` (`word` the pattern, `rep` the replacement: null when none is written) or `:` (the substring: `word` its offset, `rep` its length) */
interface Param { name: string; op: string; word: string; rep?: string | null; length?: boolean; indirect?: boolean }

/** where a `${X/p/r}`'s pattern ends: its first `/` not quoted, not after a backslash, not inside a `${…}` (-1: none) */
function patternEnd(t: string): number {
  let depth = 0;
  let q: string | null = null;
  for (let k = 0; k < t.length; k++) {
    const ch = t[k];
    if (q === "'") { if (ch === "'") q = null; continue; }
    if (ch === '\\') { k++; continue; }
    if (q === '"') { if (ch === '"') q = null; continue; }
    if (ch === "'" || ch === '"') { q = ch; continue; }
    if (ch === '$' && t[k + 1] === '{') { depth++; k++; continue; }
    if (ch === '}' && depth > 0) { depth--; continue; }
    if (ch === '/' && depth === 0) return k;
  }
  return -1;
}

/** reads the text of a parameter expansion (null: a form bdm-lab does not follow) */
function parseParam(src: string): Param | Unknown {
  if (src[1] !== '{') {
    const name = src.slice(1);
    return NAME.test(name) ? { name, op: '', word: '' } : new Unknown(`\`${src}\` is a positional or special parameter`);
  }
  let inner = src.slice(2, -1);
  if (inner.startsWith('#') && NAME.test(inner.slice(1))) return { name: inner.slice(1), op: '', word: '', length: true };
  // `${!NAME…}`: the value of the variable NAME names (`${!NAME*}`, `${!NAME@}`: names, not followed)
  const indirect = inner.startsWith('!');
  if (indirect) {
    inner = inner.slice(1);
    if (/^[A-Za-z_][A-Za-z0-9_]*[*@]$/.test(inner)) return new Unknown(`\`${src}\` lists variable names`);
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-=+?]|##?|%%?|\/[/#%]?|\^\^?|,,?|~~?|@|:|)/.exec(inner);
  if (!m) return new Unknown(`\`${src}\` is a form of expansion bdm-lab does not follow`);
  const rest = inner.slice(m[0].length);
  if (!m[2] && rest) return new Unknown(`\`${src}\` is a form of expansion bdm-lab does not follow`);
  if (indirect && (m[2] === '=' || m[2] === ':=')) return new Unknown(`\`${src}\` assigns through a name`);
  // `${X@Q}`, `${X@U}`, `${X@u}`, `${X@L}` (the other transformations are not followed)
  if (m[2] === '@') return /^[QULu]$/.test(rest) ? { name: m[1], op: '@', word: rest, indirect } : new Unknown(`\`${src}\` is a form of expansion bdm-lab does not follow`);
  if (m[2] === ':') {
    // `${X:o}`, `${X:o:l}`: the offset and length are arithmetic (read here when they are numbers)
    const c = rest.indexOf(':');
    return { name: m[1], op: ':', word: c < 0 ? rest : rest.slice(0, c), rep: c < 0 ? null : rest.slice(c + 1), indirect };
  }
  if (m[2].startsWith('/')) {
    const e = patternEnd(rest);
    return { name: m[1], op: m[2], word: e < 0 ? rest : rest.slice(0, e), rep: e < 0 ? null : rest.slice(e + 1), indirect };
  }
  return { name: m[1], op: m[2], word: rest, indirect };
}

type Ctx = { vars: Vars; ifs: Val; budget: { n: number }; steps: Steps };

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
      // (a `}` loses it in a double-quoted `${…}`'s operand: bash when the expansion is quoted,
      // dash in any double quotes)
      const brace = n === '}' && (dq || (inDq && !!c.vars.dash));
      if (quoted && !'$`"\\'.includes(n) && !brace) put(ch + n, 'q');
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
    if (ch === '$' && text.startsWith('((', k + 1)) {
      const e = arithClose(text, k);
      if (e > 0) {
        flush();
        const r = arithmetic(text.slice(k + 3, e - 2), c, depth + 1);
        if (r instanceof Unknown) return r;
        out.push({ text: r, kind, at: 0, end: 0 });
        k = e;
        continue;
      }
    }
    if (ch === '`' || (ch === '$' && text[k + 1] === '(')) return new Unknown('a command or arithmetic substitution');
    if (ch === '~' && k === 0 && !quoted) return new Unknown('a tilde expansion (the home directory)');
    if (ch === '$' && (text[k + 1] === "'" || text[k + 1] === '"')) return new Unknown('a `$\'…\'` or `$"…"` string in an operand');
    if (ch === '$') {
      const e = paramLength(text, k, !(c.vars.dash && quoted));
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
  // (in a double-quoted expansion bash's parser has paired the quotes as `'…'`: a `"` left open
  // inside changes nothing of a text that is all quoted)
  if (inDq && !dq) return new Unknown('an operand with an open quote');
  flush();
  return out;
}

/**
 * the length of a `$NAME` or `${…}` starting at text[k] (0: none); inside the braces a `"…"` is
 * skipped, and a `'…'` when `sq` (bash: its parser pairs them even in double quotes; dash in
 * double quotes reads a `'` as a character)
 */
function paramLength(text: string, k: number, sq: boolean): number {
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
    if (ch === "'" && sq && depth > 0) {
      const q = text.indexOf("'", e + 1);
      if (q < 0) return 0;
      e = q;
      continue;
    }
    if (ch === '"' && depth > 0) {
      let q = e + 1;
      while (q < text.length && text[q] !== '"') q += text[q] === '\\' ? 2 : 1;
      if (q >= text.length) return 0;
      e = q;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return e - k + 1;
  }
  return 0;
}

const joined = (cs: readonly Chunk[]): string => cs.map((x) => x.text).join('');

/** one parameter expansion's chunks (dq: in double quotes) */
function param(src: string, dq: boolean, c: Ctx, depth: number): Chunk[] | Unknown {
  if (depth > MAX_NESTING) return new Unknown('expansions nested too deep');
  // dash reads only `${N}`, `${#N}`, `${N-w}` (`:`, `=`, `+`, `?`), `${N#p}`, `${N%p}`: any other
  // form after a name is bash's, and dash stops there, whatever the value (even unset, under -u)
  if (c.vars.dash && dashRefuses(src)) {
    const short = src.length > 40 ? `${src.slice(0, 37)}...` : src;
    return fatal(c, `\`${short}\` is no expansion dash has: dash stops the script with "Bad substitution"`, true, 'Bad substitution');
  }
  // `$#`, `${#}` where the runner holds the positional parameters: how many
  if ((src === '$#' || src === '${#}') && c.vars.argc) return [{ text: String(c.vars.argc()), kind: dq ? 'q' : 'exp', at: 0, end: 0 }];
  // `$@`, `$*` (`${@}`, `${*}`) there: `"$@"` one field each (none when there are none), `"$*"`
  // one field, joined with IFS's first character; unquoted, each split as any value (IFS unset only)
  const every = /^\$(?:([@*])|\{([@*])\})$/.exec(src);
  if (every && c.vars.argc && c.vars.positional) {
    const vs = Array.from({ length: c.vars.argc() }, (_, k) => c.vars.positional!(k + 1) ?? '');
    if (!dq || (every[1] ?? every[2]) === '*') {
      // (unquoted, joined with a space that IFS splits at: as each split on its own)
      const sep = c.ifs === null ? DEFAULT_IFS : c.ifs;
      if (sep === UNKNOWN || (!dq && !sep.includes(' '))) return new Unknown(`\`${src}\` with an IFS bdm-lab does not follow there`);
      return [{ text: vs.join(dq ? sep.slice(0, 1) : ' '), kind: dq ? 'q' : 'exp', at: 0, end: 0 }];
    }
    if (!vs.length) return [{ text: '', kind: 'brk', at: 0, end: 0 }];
    return vs.flatMap((v, k): Chunk[] => (k ? [{ text: ' ', kind: 'brk', at: 0, end: 0 }, { text: v, kind: 'q', at: 0, end: 0 }] : [{ text: v, kind: 'q', at: 0, end: 0 }]));
  }
  // bash's indexed arrays: `${A[N]}`, `${A[@]}` and `${A[*]}` (as `$@` and `$*` give their
  // fields), `${#A[@]}`, `${#A[N]}`, `${A[@]:O}`, `${A[@]:O:L}` (N, O, L numbers or one name holding one)
  const arr = /^\$\{(#?)([A-Za-z_][A-Za-z0-9_]*)\[(@|\*|-?[0-9]{1,9}|\$?[A-Za-z_][A-Za-z0-9_]*)\](?::([0-9]{1,9})(?::([0-9]{1,9}))?)?\}$/.exec(src);
  if (arr && c.vars.array && !(arr[1] && arr[4] !== undefined) && !(arr[4] !== undefined && arr[3] !== '@' && arr[3] !== '*')) {
    const name = arr[2];
    const all = c.vars.array(name);
    if (all === UNKNOWN) return new Unknown(c.vars.why?.(name) ?? `\`$${name}\` is not told`);
    const kind = dq ? 'q' : 'exp';
    if (arr[3] === '@' || arr[3] === '*') {
      const o = arr[4] === undefined ? 0 : Number(arr[4]);
      const vs = arr[5] === undefined ? all.slice(o) : all.slice(o, o + Number(arr[5]));
      if (arr[1]) return [{ text: String(all.length), kind, at: 0, end: 0 }];
      if (!vs.length && c.vars.nounset !== false && arr[4] === undefined) return new Unknown(`\`${src}\` of an empty array where \`set -u\` may be on`);
      if (!dq || arr[3] === '*') {
        const sep = c.ifs === null ? DEFAULT_IFS : c.ifs;
        if (sep === UNKNOWN || (!dq && !sep.includes(' '))) return new Unknown(`\`${src}\` with an IFS bdm-lab does not follow there`);
        return [{ text: vs.join(dq ? sep.slice(0, 1) : ' '), kind, at: 0, end: 0 }];
      }
      if (!vs.length) return [{ text: '', kind: 'brk', at: 0, end: 0 }];
      return vs.flatMap((v, k): Chunk[] => (k ? [{ text: ' ', kind: 'brk', at: 0, end: 0 }, { text: v, kind: 'q', at: 0, end: 0 }] : [{ text: v, kind: 'q', at: 0, end: 0 }]));
    }
    let sub = arr[3];
    if (!/^-?[0-9]+$/.test(sub)) {
      const held = c.vars.get(sub.replace(/^\$/, ''));
      if (typeof held !== 'string' || !/^[0-9]{1,9}$/.test(held)) return new Unknown(`\`${src}\`'s index is not told as a number`);
      sub = held;
    }
    let n = Number(sub);
    if (n < 0) n += all.length;
    if (n < 0) return new Unknown(`\`${src}\` is a bad array subscript`);
    const v = all[n];
    if (v === undefined && c.vars.nounset !== false) return new Unknown(`\`${src}\` is unset where \`set -u\` may be on`);
    return [{ text: arr[1] ? String([...(v ?? '')].length) : v ?? '', kind, at: 0, end: 0 }];
  }
  // `$1`…`$9` where the runner holds the positional parameters (a function's call)
  // (and `${N}`, `${#N}`, `${N-w}`, `${N:-w}`, `${N+w}`, `${N:+w}`, `${N?w}`, `${N:?w}` there)
  const braced = c.vars.positional ? /^\$\{(#?)([1-9][0-9]{0,2})(?:(:?[-+?])([\s\S]*))?\}$/.exec(src) : null;
  const pos = /^\$[1-9]$/.test(src) && c.vars.positional ? c.vars.positional(Number(src[1])) : braced && !(braced[1] && braced[3]) ? c.vars.positional!(Number(braced[2])) : undefined;
  const p: Param | Unknown = pos === undefined ? parseParam(src) : braced ? { name: braced[2], op: braced[3] ?? '', word: braced[4] ?? '', length: !!braced[1] } : { name: src.slice(1), op: '', word: '' };
  if (p instanceof Unknown) return p;
  const short = src.length > 40 ? `${src.slice(0, 37)}...` : src;
  const untold = (n: string) => new Unknown(c.vars.why?.(n) ?? `\`$${n}\` is not set by the script (the environment may set it)`);
  // `${!X…}`: X holds the name of the variable expanded (bash gives up the command when it is no name)
  let name = p.name;
  if (p.indirect && c.vars.dash) return new Unknown(`\`${short}\` in dash, which bdm-lab does not follow there`);
  if (p.indirect) {
    const r = c.vars.get(p.name);
    if (r === UNKNOWN) return untold(p.name);
    if (r === null) return fatal(c, `\`${short}\`: \`$${p.name}\` is unset, and bash gives up the command ("invalid indirect expansion")`, false);
    if (/^([0-9]+|[@*#?$!-])$/.test(r) || /^[A-Za-z_][A-Za-z0-9_]*\[/.test(r)) return new Unknown(`\`${short}\` names a positional or special parameter or an array element`);
    if (!NAME.test(r)) return fatal(c, `\`${short}\`: \`$${p.name}\` is no variable name, and bash gives up the command ("invalid variable name")`, false);
    name = r;
  }
  const v = pos !== undefined ? pos : c.vars.get(name);
  const kind = dq ? 'q' : 'exp';
  const one = (text: string): Chunk[] => [{ text, kind, at: 0, end: 0 }];
  if (v === UNKNOWN) return untold(name);
  const colon = p.op.startsWith(':') && p.op.length === 2;
  const op = colon ? p.op.slice(1) : p.op;
  const tests = op === '-' || op === '=' || op === '+' || op === '?';
  // `set -u`: an unset name (not under `-`, `=`, `+`, `?`, which test it) stops bash
  if (v === null && !tests) {
    const nounset = c.vars.nounset === undefined ? false : c.vars.nounset;
    if (nounset === null) return new Unknown(`\`$${name}\` is unset and \`set -u\` may be on where the command runs (bash then stops there)`);
    // (dash's words: "X: parameter not set", src/expand.c varunset)
    if (nounset && c.vars.dash) return fatal(c, `\`$${name}\` is unset and \`set -u\` is on: dash stops the script with "${name}: parameter not set"`, true, `${name}: parameter not set`);
    if (nounset) return fatal(c, `\`$${name}\` is unset and \`set -u\` is on: bash stops with "${p.indirect ? `!${p.name}` : name}: unbound variable"`, true);
  }
  if (p.length) return one(String([...(v ?? '')].length));
  if (!op) return one(v ?? '');
  // whether the variable counts as set for the operator (`:`: set and not empty)
  const isSet = v !== null && (!colon || v !== '');
  const word = (): Chunk[] | Unknown => operand(p.word, dq, c, depth);
  if (op === '-') return isSet ? one(v) : word();
  if (op === '+') return isSet ? word() : [];
  if (op === '?') return isSet ? one(v) : c.vars.dash ? dashUnset(name, p.word, colon, v === null, short, dq, c, depth) : fatal(c, `\`${short}\`: \`$${name}\` is ${v === null ? 'unset' : 'empty'}, and bash stops there`, true);
  if (op === '=') {
    // `=`: assigns the operand's value (quotes removed, not split), which is then the result
    if (isSet) return one(v);
    const w = word();
    if (w instanceof Unknown) return w;
    const value = joined(w);
    if (value.length > MAX_VALUE) return new Unknown(`a value longer than ${MAX_VALUE} characters`);
    c.vars.assign(name, value);
    return one(value);
  }
  const notInDash = () => new Unknown(`\`${src.length > 40 ? `${src.slice(0, 37)}...` : src}\` in dash, which bdm-lab does not follow there`);
  // dash has `#`, `##`, `%`, `%%` (matched byte by byte: followed where value and pattern are ASCII), none of bash's others
  const dashRemoves = c.vars.dash && (op[0] === '#' || op[0] === '%') && op.length <= 2 && (op.length === 1 || op[1] === op[0]);
  if (c.vars.dash && !dashRemoves) return notInDash();
  if (op === ':') return substring(v, p, c, depth, one);
  if (op === '@' && p.word === 'Q') return quoted(v, one);
  if (c.vars.patternOptions) return new Unknown(c.vars.patternOptions);
  if (op === '@' || op[0] === '^' || op[0] === ',' || op[0] === '~') return caseMod(v, p, c, depth, one);
  // (an unset name gives nothing: bash matches no pattern against it)
  if (v === null) return one('');
  const s = [...v];
  // the pattern: its unquoted characters (written, or from an unquoted expansion) are active, as in an unquoted word (in double quotes too)
  const pat = patternChars(p.word, c, depth);
  if (pat instanceof Unknown) return pat;
  if (dashRemoves && (/[^\x00-\x7f]/.test(v) || pat.some((x) => /[^\x00-\x7f]|\\/.test(x.ch)))) return notInDash();
  const cp = compile(pat, !!dashRemoves);
  if ('why' in cp) return new Unknown(`\`${src.length > 40 ? `${src.slice(0, 37)}...` : src}\` has ${cp.why}`);
  if (localeDecides(cp.toks, s)) return new Unknown('a bracket pattern against characters outside ASCII (the locale decides it)');
  const tooMany = () => new Unknown('the pattern matching goes past bdm-lab\'s bounds');
  if (op[0] === '#' || op[0] === '%') {
    const r = removeMatch(cp.toks, s, op[0] === '#', op.length === 2, c.steps);
    return r === null ? tooMany() : one(r);
  }
  // `${X/p/r}`: each active `&` of the replacement is the matched text (bash 5.2's patsub_replacement)
  let rep: PatChar[] = [];
  if (p.rep) {
    const r = patternChars(p.rep, c, depth);
    if (r instanceof Unknown) return r;
    if (r.some((x) => x.active && x.ch === '\\')) return new Unknown('a backslash from an expansion in a replacement');
    rep = r;
  }
  const mode = op === '/' ? '' : (op[1] as '/' | '#' | '%');
  const r = substitute(cp.toks, s, mode, (m) => rep.map((x) => (x.active && x.ch === '&' ? m : x.ch)).join(''), c.steps);
  if (r === null) return tooMany();
  if (r.length > MAX_VALUE) return new Unknown(`a value longer than ${MAX_VALUE} characters`);
  return one(r);
}

/**
 * `${X?w}`, `${X:?w}` in dash where X is unset (or empty, with `:`): dash stops the script with
 * "X: w" (the word expanded), or without a word "X: parameter not set" (`?`) or "X: parameter not
 * set or null" (`:?`) (dash 0.5.12 src/expand.c varunset; bash words the second "parameter null or
 * not set").
 */
function dashUnset(name: string, word: string, colon: boolean, unset: boolean, short: string, dq: boolean, c: Ctx, depth: number): Unknown {
  let said = `parameter not set${colon ? ' or null' : ''}`;
  if (word) {
    const w = operand(word, dq, c, depth);
    if (w instanceof Unknown) return w;
    said = joined(w);
  }
  return fatal(c, `\`${short}\`: \`$${name}\` is ${unset ? 'unset' : 'empty'}: dash stops the script with "${name}: ${said}"`, true, `${name}: ${said}`);
}

/** a Fatal, or only an Unknown where bash goes on after it (an interactive shell's) */
function fatal(c: Ctx, reason: string, exits: boolean, dash?: string): Unknown {
  return c.vars.interactive ? new Unknown(reason) : new Fatal(reason, exits, dash);
}

/**
 * Whether dash 0.5.12 refuses a `${…}` as it expands it ("Bad substitution"): a name, then a
 * character that starts none of its operators (`^`, `,`, `~`, `/`, `@`, `[`, `*`, `.`, a `:` not
 * before `-=?+`); `${!NAME…}`; `${#NAME` with anything after the name. (`${X:}` is a syntax error
 * dash finds as it reads: not here.)
 */
function dashRefuses(src: string): boolean {
  if (src[1] !== '{') return false;
  const inner = src.slice(2, -1);
  if (/^![A-Za-z_]/.test(inner)) return true;
  const m = /^(#?)[A-Za-z_][A-Za-z0-9_]*/.exec(inner);
  if (!m) return false;
  const rest = inner.slice(m[0].length);
  if (!rest) return false;
  if (m[1]) return true;
  if (rest[0] === ':') return rest.length > 1 && !'-=?+'.includes(rest[1]);
  return !'-=?+#%'.includes(rest[0]);
}

/** `${X:o}`, `${X:o:l}` (bash's verify_substring_values on the value's characters) */
function substring(v: string | null, p: Param, c: Ctx, depth: number, one: (t: string) => Chunk[]): Chunk[] | Unknown {
  // an unset name gives nothing, whatever the numbers (bash does not expand them)
  if (v === null) return one('');
  // the offset and the length are arithmetic on their expanded text, the offset first
  const num = (t: string): number | Unknown => {
    const r = arithmetic(t, c, depth);
    if (r instanceof Unknown) return r;
    const b = BigInt(r);
    return b > BigInt(MAX_VALUE) * 2n ? MAX_VALUE * 2 : b < -BigInt(MAX_VALUE) * 2n ? -MAX_VALUE * 2 : Number(b);
  };
  const o0 = num(p.word);
  if (o0 instanceof Unknown) return o0;
  const l0 = p.rep === null || p.rep === undefined ? null : num(p.rep);
  if (l0 instanceof Unknown) return l0;
  const s = [...v];
  const n = s.length;
  let o = o0;
  if (o < 0) { o += n; if (o < 0) return one(''); } else if (o > n) return one('');
  if (l0 === null) return one(s.slice(o).join(''));
  let e: number;
  if (l0 < 0) {
    e = n + l0;
    if (e < o) return fatal(c, `\`\${${p.indirect ? '!' : ''}${p.name}:${p.word}:${p.rep}}\`: bash stops the command with "${p.rep?.trim()}: substring expression < 0"`, false);
  } else e = Math.min(n, o + l0);
  return one(s.slice(o, e).join(''));
}

/** the text of `$((…))` (or a substring's offset) evaluated: its expansions done as in double quotes, then bash's arithmetic */
function arithmetic(text: string, c: Ctx, depth: number): string | Unknown {
  if (depth > MAX_NESTING) return new Unknown('expansions nested too deep');
  if (c.vars.dash) return dashArithmetic(text, c, depth);
  const cs = operand(text, true, c, depth + 1);
  if (cs instanceof Unknown) return cs;
  const vars: ArithVars = {
    get: (n) => { const v = c.vars.get(n); return v === UNKNOWN ? undefined : v; },
    why: (n) => c.vars.why?.(n) ?? `\`$${n}\` is not set by the script (the environment may set it)`,
    nounset: c.vars.nounset === undefined ? false : c.vars.nounset,
    set: arithSet(c),
  };
  const r = evalArith(joined(cs), vars, c.steps);
  if (typeof r === 'bigint') return r.toString();
  return r.fatal ? fatal(c, r.why, r.exits) : new Unknown(r.why);
}

/**
 * An assignment arithmetic makes (`$((N+=1))`, `$((N=4))`, bash's `$((N++))`): into the shell
 * running the command, as it happens (a later read sees it, or finds it not told where the
 * command may not run); a readonly variable is refused.
 */
function arithSet(c: Ctx): (name: string, value: string) => boolean {
  return (name, value) => {
    if (c.vars.readonly?.(name)) return false;
    c.vars.assign(name, value, true);
    return true;
  };
}

/** a number as dash's arithmetic reads a variable's value (strtoimax, base 0), in bash's words for the same number; short of 19 digits (dash saturates past 64 bits where bash wraps) */
const DASH_NUMBER = /^[ \t\n]*[+-]?(0[xX][0-9a-fA-F]{1,15}|0[0-7]{0,18}|[1-9][0-9]{0,17})[ \t\n]*$/;

/**
 * `$((…))` in dash 0.5.12 (arith_yacc.c): its expansions done (quotes are no part of its
 * arithmetic: not followed), then its own grammar, bash's C operators less `**`, `,` and
 * `base#n` (`++`, `--`: two signs each), a variable's value read as a number only, `set -u` not applied. Any error stops
 * the script (a syntax error even in a branch not taken): `**`, `#`, `,` and an empty text always
 * are one; division by 0 only where it is evaluated. The rest is told where bash's evaluation is
 * dash's too: numbers under 19 digits, each variable's value a number.
 */
function dashArithmetic(text: string, c: Ctx, depth: number): string | Unknown {
  if (/["'\\`]/.test(text)) return new Unknown('quotes in arithmetic in dash, which bdm-lab does not follow');
  const cs = operand(text, true, c, depth + 1);
  if (cs instanceof Unknown) return cs;
  const t = joined(cs);
  const shown = t.length > 40 ? `${t.slice(0, 37)}...` : t;
  const refused = (what: string) => fatal(c, `\`$((${shown}))\`: dash's arithmetic has no ${what}: it stops the script ("arithmetic expression: …")`, true, 'arithmetic expression');
  if (/\*[ \t\n]*\*/.test(t)) return refused('`**`');
  if (t.includes('#')) return refused('`#`');
  if (t.includes(',')) return refused('`,`');
  if (!t.trim()) return refused('empty expression');
  if (/[0-9A-Za-z_]{19,}/.test(t)) return new Unknown('a number of 19 digits or more in dash\'s arithmetic');
  // (`0x` with no digit: bash reads 0; dash reads the number 0, then a name right after it)
  if (/(^|[^0-9A-Za-z_])0[xX]($|[^0-9a-fA-F])/.test(t)) return refused('`0x` without digits');
  const vars: ArithVars = {
    get: (n) => {
      const v = c.vars.get(n);
      if (v === UNKNOWN) return undefined;
      return v === null || !v.trim() || DASH_NUMBER.test(v) ? v : undefined;
    },
    // (a value past 18 digits stays not told: dash saturates it)
    notNumber: (n) => { const v = c.vars.get(n); return typeof v === 'string' && !!v.trim() && !DASH_NUMBER.test(v) && !/^[ \t\n]*[+-]?[0-9]{19,}[ \t\n]*$/.test(v); },
    why: (n) => (c.vars.get(n) === UNKNOWN ? c.vars.why?.(n) ?? `\`$${n}\` is not set by the script (the environment may set it)` : `\`$${n}\` holds what dash's arithmetic reads as no number`),
    nounset: false,
    set: arithSet(c),
    dash: true,
  };
  // (dash has no `++`, `--`: each is two signs)
  const spaced = t.replace(/\+(?=\+)/g, '+ ').replace(/-(?=-)/g, '- ');
  let r = evalArith(spaced, vars, c.steps);
  if (typeof r === 'bigint') return r.toString();
  // a value not told ends the evaluation, not dash's reading: its grammar does not hang on values
  // (`$((M--))` with M from `$(date)` is "expecting primary" all the same), so the text is read
  // again with each variable a stand-in 0, assigning nothing, for a syntax error only
  if (!r.fatal && !r.syntax) {
    const again = evalArith(spaced, { get: () => '0', why: () => '', nounset: false, set: () => true, dash: true }, c.steps);
    if (typeof again !== 'bigint' && again.syntax) r = again;
  }
  // (bash's refusals without `**` and `#`: division by 0, a digit too great for its base, which
  // dash refuses too; a syntax error in the operators both have, which dash finds as it reads)
  if (r.syntax) return fatal(c, `\`$((${shown}))\`: ${r.why.replace(/ is arithmetic bdm-lab does not read$/, ' is no arithmetic dash reads')}: dash stops the script ("arithmetic expression: …")`, true, 'arithmetic expression');
  if (!r.fatal) return new Unknown(r.why);
  const ro = /^`\$([A-Za-z_][A-Za-z0-9_]*)` is readonly/.exec(r.why);
  if (ro) return fatal(c, `\`$((${shown}))\`: \`$${ro[1]}\` is readonly: dash stops the script ("${ro[1]}: is read only")`, true, `${ro[1]}: is read only`);
  if (/Illegal number/.test(r.why)) return fatal(c, `\`$((${shown}))\`: ${r.why.replace(/, and dash stops with "Illegal number"$/, '')}: dash stops the script ("Illegal number: …")`, true, 'Illegal number');
  return fatal(c, `\`$((${shown}))\`: ${r.why.replace(/: bash gives up the command$/, '')}: dash stops the script ("arithmetic expression: …")`, true, 'arithmetic expression');
}

/** where the `$((` at text[k] ends (one past its `))`; -1: not there) */
function arithClose(text: string, k: number): number {
  let d = 0;
  for (let e = k + 3; e < text.length; e++) {
    const ch = text[e];
    if (ch === '(') d++;
    else if (ch === ')') {
      if (d === 0) return text[e + 1] === ')' ? e + 2 : -1;
      d--;
    }
  }
  return -1;
}

/** `${X@Q}`: the value in single quotes, as bash writes it for reuse (nothing when unset) */
function quoted(v: string | null, one: (t: string) => Chunk[]): Chunk[] | Unknown {
  if (v === null) return one('');
  // (a control or non-ASCII character: bash writes `$'…'`, which bdm-lab does not follow)
  if ([...v].some((ch) => ch.length > 1 || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) > 0x7e)) return new Unknown('`@Q` of a value bash writes as `$\'…\'`');
  return one(`'${v.replace(/'/g, "'\\''")}'`);
}

/** `${X^^p}`, `${X^p}`, `${X,,p}`, `${X,p}`, `${X~~p}`, `${X~p}`, `${X@U}`, `${X@u}`, `${X@L}`: case changed where the pattern matches one character (ASCII only) */
function caseMod(v: string | null, p: Param, c: Ctx, depth: number, one: (t: string) => Chunk[]): Chunk[] | Unknown {
  if (v === null) return one('');
  const s = [...v];
  if (s.some((ch) => ch.length > 1 || ch.charCodeAt(0) > 0x7f)) return new Unknown('a change of case outside ASCII (the locale decides it)');
  const op = p.op === '@' ? ({ U: '^^', u: '^', L: ',,' } as Record<string, string>)[p.word] : p.op;
  let toks: Parameters<typeof matches>[0] | null = null;
  if (p.op !== '@' && p.word !== '') {
    const pat = patternChars(p.word, c, depth);
    if (pat instanceof Unknown) return pat;
    // (a quoted empty pattern matches no character; an unquoted empty one, every character)
    if (!pat.length && /['"\\]/.test(p.word)) return new Unknown('a change of case with a quoted empty pattern');
    if (pat.length) {
      const cp = compile(pat);
      if ('why' in cp) return new Unknown(`a change of case whose pattern has ${cp.why}`);
      toks = cp.toks;
    }
  }
  const out: string[] = [];
  for (let k = 0; k < s.length; k++) {
    const ch = s[k];
    if (k > 0 && op.length === 1) { out.push(ch); continue; }
    if (toks) {
      const m = matches(toks, [ch], 0, 1, c.steps);
      if (m === null) return new Unknown('the pattern matching goes past bdm-lab\'s bounds');
      if (!m) { out.push(ch); continue; }
    }
    const up = ch.toUpperCase();
    const low = ch.toLowerCase();
    out.push(op[0] === '^' ? up : op[0] === ',' ? low : ch === up ? low : up);
  }
  return one(out.join(''));
}

/** a pattern's (or replacement's) characters, read as an unquoted word: quoted ones literal, the rest active */
function patternChars(text: string, c: Ctx, depth: number): PatChar[] | Unknown {
  const cs = operand(text, false, c, depth);
  if (cs instanceof Unknown) return cs;
  const out: PatChar[] = [];
  for (const x of cs) for (const ch of x.text) out.push({ ch, active: x.kind === 'exp' });
  return out;
}

/** the expanded value of an assignment's right side (no splitting): a string or why not */
export function expandValue(w: Word, from: number, vars: Vars): string | Unknown {
  const r = chunks(w, from, { vars, ifs: null, budget: { n: MAX_COMMAND_CHARS }, steps: { n: MAX_STEPS } });
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
    let r: Chunk[] | Unknown;
    if (s.startsWith('$((') && s.endsWith('))')) {
      const a = arithmetic(s.slice(3, -2), c, 0);
      r = a instanceof Unknown ? a : [{ text: a, kind: e.dq ? 'q' : 'exp', at: 0, end: 0 }];
    } else if (s.startsWith('$(') || s.startsWith('`')) return new Unknown(`\`${s.length > 40 ? `${s.slice(0, 37)}...` : s}\` is a ${s.startsWith('$((') ? 'arithmetic' : 'command'} substitution`);
    else r = param(s, e.dq, c, 0);
    // (the place of an expansion that stops dash: the written expansion holding it)
    if (r instanceof Fatal && r.dash !== undefined && r.at === undefined) return new Fatal(r.reason, r.exits, r.dash, at, end);
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
export function expandWord(w: Word, vars: Vars, ifs: Val, budget: { n: number; steps?: Steps }): Word[] | Unknown {
  if (!w.exps?.length) return [w];
  const c: Ctx = { vars, ifs, budget, steps: (budget.steps ??= { n: MAX_STEPS }) };
  const cs = chunks(w, 0, c);
  if (cs instanceof Unknown) return cs;
  // (`"$@"` with no parameters, nothing else in the word but its quotes: no field at all)
  if (cs.filter((x) => x.kind === 'q').length <= 1 && cs.some((x) => x.kind === 'brk') && cs.every((x) => x.text === '' && x.kind !== 'lit')) return [];
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
    // (between two of `"$@"`'s fields)
    if (x.kind === 'brk') {
      if (x.text) { push(); absorb = false; }
      continue;
    }
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
