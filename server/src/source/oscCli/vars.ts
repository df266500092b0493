/**
 * A shell's variables as far as the text tells them (bash 5.2), for the parameter expansion of
 * words (expand.ts): the assignments a script writes (`X=v`, `X+=v`, `export`/`declare`/
 * `typeset`/`local`/`readonly` with their -x, +x, -r, -g, `unset`) and what makes a value
 * unknown (`read`, `mapfile`, `getopts` but on words and an OPTIND told (getoptsStep), `printf -v`,
 * `source`, `cd`; a name a `for`/`select`
 * header, arithmetic bdm-lab does not follow where it runs, an array element's assignment (but
 * `A[N]=x` alone as a command) or an attribute that changes values (-i, -l, -u, -a, -A) writes
 * anywhere in the text: see volatileNames); bash's `A=(…)` and `A+=(…)` give an array its
 * elements (GVar.arr, arrayOf), `A[N]=x`, `A[-N]=x` and `A[N]+=x` one of them where the array
 * stays without gaps; a `read` from a file notes which (GVar.why). A variable
 * the script never sets is UNKNOWN (the environment bash is started with may set it), but IFS,
 * which bash sets itself.
 */
import { arrayEnd, type Word } from './shell';
import { arithAssignedIn, arithAssignedNames } from './arith';
import { expandValue, expandWord, Fatal, MAX_COMMAND_CHARS, MAX_VALUE, NAME, Unknown, UNKNOWN, type Val, type Vars } from './expand';

/** one layer of a variable: its value, whether it is exported (null: not known, as for a name the environment may hold), readonly */
export interface GVar {
  v: Val;
  x: boolean | null;
  ro?: boolean;
  temp?: boolean;
  promote?: boolean;
  /** UNKNOWN only because a command that may not have run set it (index.ts follows OS_COMPUTE_API_VERSION's alternatives itself) */
  cond?: boolean;
  /** bash's indexed array (`A=(…)`, `A+=(…)`): its elements from index 0 on (element 0 is `v` when set: a plain assignment writes that one) */
  arr?: readonly string[];
  /** why its value (UNKNOWN) is not told, in words, where the command that set it says more than whyUnknown can (a `read` from a file) */
  why?: string;
}
/** a shell's variables: per name its layers, the global one first, then each function's local */
export type VarMap = Map<string, GVar[]>;

/** the most elements an array keeps told (a longer one is UNKNOWN: `A+=(…)` repeated stays small) */
export const MAX_ARRAY = 1024;

/** how many names a shell keeps (a name past them is never told: linear in the text) */
export const MAX_VARS = 256;

/**
 * What a name holds before the script sets it: IFS is bash's own; OS_COMPUTE_API_VERSION is read
 * as unset, as the rest of bdm-lab reads it (index.ts: the version a command is sent with);
 * any other name is the environment's, not known.
 */
const initial = (name: string): Val => (name === 'IFS' ? ' \t\n' : name === 'OS_COMPUTE_API_VERSION' ? null : UNKNOWN);

/** an assignment word: its name written plain, `=` or `+=` */
const ASSIGN_WORD = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
/** bash's assignment to an array element at a written index, `A[3]=x`, `A[3]+=x`, `A[-1]=x` (from the end) */
const ELEMENT_WORD = /^([A-Za-z_][A-Za-z0-9_]*)\[(-?[0-9]{1,4})\](\+?)=/;
const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** the names whose values the text changes in ways bdm-lab does not follow, anywhere in it */
export interface Volatile {
  names: Set<string>;
  all: boolean;
  /** the text may run `set -u` (bdm-lab follows where it is on: index.ts) */
  nounset: boolean;
  /** the script's `#!` line turns -u on (when run as a program) */
  shebangU?: boolean;
  /** the text may change -u in ways bdm-lab does not follow (`local -`, SHELLOPTS, `shopt -o`, `bash -u`) */
  nounsetUntold?: boolean;
  /** why the text may change how bash matches a `${X#p}`'s pattern (a shopt it names), else null */
  patterns?: string | null;
  /** each `$((…))` whose text assigns (in the text's order): where its `$` is, the names, whether the runner expands it (followArithmetic); `cmd`: an arithmetic command instead, bash's `((…))` (where its `((` is) or a `let` line (where `let` is) */
  arith?: Array<{ at: number; names: string[]; followed: boolean; cmd?: boolean }>;
  /** per name, how many of those the runner does not (yet) expand: while any is left, the name is not known */
  pending?: Map<string, number>;
  /** the names only `for NAME` headers change where bdm-lab does not follow them (no arithmetic, array, attribute or `select`): index.ts may follow a loop over known words pass by pass */
  forOnly?: Set<string>;
}

/**
 * The `$((…))` the runner expands itself, inside the spans given (the places of the expansions in
 * the words of commands it runs, index.ts): their assignments are made where they run (expand.ts),
 * so they no longer make their names unknown everywhere. `cmd`: the arithmetic commands instead
 * (`((…))`, `let`) the runner evaluates itself where they run (index.ts). Each occurrence found by halves.
 */
export function followArithmetic(vol: Volatile, spans: ReadonlyArray<readonly [number, number]>, cmd = false): void {
  const occ = vol.arith;
  if (!occ?.length) return;
  for (const [from, to] of spans) {
    let lo = 0;
    let hi = occ.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (occ[mid].at < from) lo = mid + 1; else hi = mid; }
    for (let k = lo; k < occ.length && occ[k].at < to; k++) {
      const o = occ[k];
      if (o.followed || !!o.cmd !== cmd) continue;
      o.followed = true;
      for (const n of o.names) {
        const left = (vol.pending!.get(n) ?? 1) - 1;
        if (left > 0) vol.pending!.set(n, left);
        else vol.pending!.delete(n);
      }
    }
  }
}

/**
 * What the whole text may do to variables outside plain assignments (read from the text once, as
 * written: quoting is not read, so a name in a string counts too, which only makes more unknown):
 * `for NAME`/`select NAME` headers, arithmetic assignments (`((i++))`, `let i=1`, `$((n+=1))`, each
 * until the runner is found to run it, followArithmetic: expand.ts, index.ts then assign as the shell does),
 * arrays' elements (`A[1]=…`, `unset 'A[1]'`, an `A=(…)` the splitter does not read whole: arrayEnd), declarations with -i/-l/-u/-a/-A (on the names of their
 * line); a nameref (`declare -n`) makes every variable unknown; whether it may run `set -u`/`set -o
 * nounset` at all, and change -u where bdm-lab does not follow it.
 */
export function volatileNames(text: string): Volatile {
  const names = new Set<string>();
  let all = false;
  // (past 4096 names: every variable is unknown)
  /** the names something other than a `for` header changes (see Volatile.forOnly) */
  const other = new Set<string>();
  const put = (n: string | undefined) => { if (!n) return; if (names.size < 4096) names.add(n); else all = true; };
  const add = (n: string | undefined) => { put(n); if (n && other.size < 4096) other.add(n); };
  const fors = new Set<string>();
  for (const m of text.matchAll(/\b(for|select)[ \t]+([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (m[1] === 'for') { put(m[2]); if (fors.size < 4096) fors.add(m[2]); } else add(m[2]);
  }
  arrayNames(text, add);
  // arithmetic: `((…))`, `$((…))`, `$[…]` and `let` lines (their text up to a bound)
  const arith = (s: string) => { for (const n of arithAssignedNames(s)) add(n); };
  // (each `((` reads at most 512 characters on: a text of many `((` without `))` stays linear)
  let last = -1;
  const occ: NonNullable<Volatile['arith']> = [];
  const pending = new Map<string, number>();
  for (let k = text.indexOf('(('); k >= 0; k = text.indexOf('((', k + 2)) {
    if (k < last) continue;
    const s = text.slice(k + 2, k + 514);
    const e = s.indexOf('))');
    const inner = e < 0 ? s : s.slice(0, e);
    // (a `$((…))` or a `((…))` command: its names are not known until the runner is found to run it, followArithmetic)
    const ns = arithAssignedNames(inner);
    if (ns.length) {
      const dollar = text[k - 1] === '$';
      occ.push({ at: dollar ? k - 1 : k, names: ns, followed: false, cmd: !dollar });
      for (const n of ns) pending.set(n, (pending.get(n) ?? 0) + 1);
    }
    last = k + 2 + (e < 0 ? s.length : e);
  }
  for (const m of text.matchAll(/\$\[([^\]\n]{0,512})/g)) arith(m[1]);
  // (a `let` line: likewise, from where `let` is)
  let lets = false;
  for (const m of text.matchAll(/\blet(?![A-Za-z0-9_])([^\n;&|]{0,512})/g)) {
    const ns = arithAssignedNames(m[1]);
    if (!ns.length) continue;
    occ.push({ at: m.index, names: ns, followed: false, cmd: true });
    for (const n of ns) pending.set(n, (pending.get(n) ?? 0) + 1);
    lets = true;
  }
  // (in the text's order, for followArithmetic's halving)
  if (lets) occ.sort((x, y) => x.at - y.at);
  for (const m of text.matchAll(/\b(?:declare|typeset|local|export|readonly)((?:[ \t]+[-+][A-Za-z]+)+)([^\n;&|]{0,512})/g)) {
    if (/[-+][A-Za-z]*n/.test(m[1]) && !/export/.test(m[0].slice(0, 7))) all = true;
    if (/-[A-Za-z]*[ilaAuIc]/.test(m[1])) for (const n of m[2].matchAll(/([A-Za-z_][A-Za-z0-9_]*)/g)) add(n[1]);
  }
  let nounset = false;
  for (const m of text.matchAll(/\bset(?![A-Za-z0-9_])([^\n;&|]{0,256})/g)) {
    const args = m[1].trim().split(/[ \t]+/);
    if (args.some((a, k) => /^-[A-Za-z]*u/.test(a) || (a === '-o' && args[k + 1] === 'nounset'))) nounset = true;
  }
  // `#!/bin/bash -u`: on when the script is run as a program (not by `bash FILE`)
  const shebangU = /^#![^\n]*[ \t]-[A-Za-z]*u/.test(text.slice(0, 256));
  // options bdm-lab does not follow: a function's `local -`, SHELLOPTS, `shopt -o`, `bash -u`
  const shoptO = () => [...text.matchAll(/\bshopt\b([^\n]{0,64})/g)].some((m) => /[ \t]-[a-z]*o/.test(m[1]));
  const untold = (nounset || shebangU || /nounset/.test(text)) && (/\blocal[ \t]+-(?![A-Za-z0-9_-])|SHELLOPTS|\b(?:ba)?sh[ \t]+-[A-Za-z]*u/.test(text) || shoptO());
  const opt = /\b(extglob|nocasematch|patsub_replacement|globasciiranges|nocaseglob|BASHOPTS|BASH_COMPAT|compat[0-9]{2})\b/.exec(text);
  const patterns = opt ? `the script may change how bash matches patterns (\`${opt[1]}\`)` : null;
  const forOnly = new Set([...fors].filter((n) => !other.has(n) && !pending.has(n) && other.size < 4096));
  return { names, all, nounset, shebangU, nounsetUntold: untold, patterns, arith: occ, pending, forOnly };
}

/**
 * Whether the element assignment written from..at (its `=` just before at) is a command alone:
 * only blanks, `;`, `&&`, `||`, `{`, `(`, `do`, `then` or `else` before it on its line, and after
 * it a value of plain characters, one quoted string or one `$NAME`, then the command's end.
 */
function elementAlone(text: string, from: number, at: number): boolean {
  const line = text.lastIndexOf('\n', from - 1) + 1;
  if (from - line > 256 || !/(^|[;&|{(]|\bdo|\bthen|\belse)[ \t]*$/.test(text.slice(line, from))) return false;
  return /^(?:[A-Za-z0-9_.,:/@%+-]*|"[^"$`\\\n]*"|'[^'\n]*'|"?\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"?)[ \t]*(?:[;\n]|&&|\|\||$)/.test(text.slice(at, at + 256));
}

/**
 * The names arrays are assigned to: `NAME=(`, `NAME+=(`, `NAME[…]=`, `NAME[…]+=` (found from each
 * `=`: the subscript read back to its `[` within 256 characters of a line, then the name).
 */
function arrayNames(text: string, add: (n: string) => void): void {
  const nameBefore = (end: number): string | undefined => {
    let b = end;
    while (b > 0 && /[A-Za-z0-9_]/.test(text[b - 1])) b--;
    const n = text.slice(b, end);
    return /^[A-Za-z_]/.test(n) && (b === 0 || !/[A-Za-z0-9_]/.test(text[b - 1])) ? n : undefined;
  };
  for (let k = text.indexOf('='); k >= 0; k = text.indexOf('=', k + 1)) {
    const e = text[k - 1] === '+' ? k - 1 : k;
    if (text[e - 1] === ']') {
      let open = e - 2;
      while (open >= 0 && e - open <= 256 && text[open] !== '[' && text[open] !== '\n') open--;
      if (open < 0 || text[open] !== '[') continue;
      const name = nameBefore(open) ?? '';
      // (bash's `A[3]=x` alone as a command, its value one plain word: vars.ts sets the element)
      if (!((e === k || e === k - 1) && /^-?[0-9]{1,4}$/.test(text.slice(open + 1, e - 1)) && elementAlone(text, open - name.length, k + 1))) add(name);
      continue;
    }
    // (`NAME=( … )` and `NAME+=( … )` that the parser reads whole are followed: vars.ts assigns them)
    if (text[k + 1] === '(' && arrayEnd(text, k + 1) < 0) add(nameBefore(e) ?? '');
  }
  // (`unset 'A[1]'`: an element removed)
  for (const m of text.matchAll(/\bunset(?![A-Za-z0-9_])([^\n;&|]{0,256})/g)) for (const e of m[1].matchAll(/(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)\[/g)) add(e[1]);
}

/**
 * An indexed array's elements as a shell holds them (a plain variable: its value alone; unset:
 * none), UNKNOWN where the text does not tell them (see valueOf).
 */
export function arrayOf(m: VarMap, vol: Volatile, name: string): readonly string[] | typeof UNKNOWN {
  const v = valueOf(m, vol, name);
  if (v === UNKNOWN) return UNKNOWN;
  const arr = m.get(name)?.at(-1)?.arr;
  if (!arr) return v === null ? [] : [v];
  if (v === null) return arr.length ? UNKNOWN : [];
  return [v, ...arr.slice(1)];
}

/** a copy of a shell's variables (a subshell's start) */
export function copyVars(m: VarMap): VarMap {
  const out: VarMap = new Map();
  for (const [k, ls] of m) out.set(k, ls.map((l) => ({ ...l })));
  return out;
}

/**
 * The variables a new bash (`bash -c`, `bash <<EOF`) starts with from this shell's exported ones:
 * a variable this shell surely exports has its value; one it surely does not export is unset
 * there; others (the environment's) are not known. `set`: assignments written before the shell's
 * program (`X=1 bash -c …`), exported to it.
 */
export function inheritVars(m: VarMap, set: ReadonlyArray<{ name: string; value: Val }>): VarMap {
  const out: VarMap = new Map();
  for (const [k, ls] of m) {
    const top = ls[ls.length - 1];
    if (!top) continue;
    if (top.x === true && top.v !== UNKNOWN) out.set(k, [{ v: top.v, x: true }]);
    else if (top.x === false) out.set(k, [{ v: null, x: false }]);
  }
  for (const s of set) out.set(s.name, [{ v: s.value, x: true }]);
  return out;
}

/** a variable's value in a shell */
export function valueOf(m: VarMap, vol: Volatile, name: string): Val {
  if (vol.all || vol.names.has(name) || vol.pending?.has(name)) return UNKNOWN;
  const ls = m.get(name);
  const top = ls?.[ls.length - 1];
  if (!top) return initial(name);
  return top.v;
}

/** the value a shell's variables hold for a name, whatever the text does elsewhere (a name only `for` headers and plain assignments change, read where the runner follows them all) */
export function heldValue(m: VarMap, name: string): Val {
  const ls = m.get(name);
  const top = ls?.[ls.length - 1];
  return top ? top.v : initial(name);
}

/** why a variable's value is not told, in words */
export function whyUnknown(m: VarMap, vol: Volatile, name: string): string {
  if (vol.all) return 'the script declares a nameref (`declare -n`), through which any variable may change';
  const top = m.get(name)?.at(-1);
  if (top?.why && top.v === UNKNOWN) return top.why;
  if (vol.names.has(name) || vol.pending?.has(name)) return `\`$${name}\` is changed where bdm-lab does not follow it (a \`for\`/\`select\` header, arithmetic, an array or an attribute such as -i)`;
  const ls = m.get(name);
  if (!ls?.length) return `\`$${name}\` is not set by the script (the environment bash starts with may set it)`;
  return `\`$${name}\` holds a value the text does not tell (a command's output, \`read\`, a \`source\`d file, or an assignment in a branch or loop the text does not decide)`;
}

/** the layer a global assignment writes (a new name: a global one, unless MAX_VARS are kept) */
function layerOf(m: VarMap, name: string, bottom = false): GVar | null {
  let ls = m.get(name);
  if (!ls || !ls.length) {
    if (m.size >= MAX_VARS) return null;
    ls = [{ v: initial(name), x: null }];
    m.set(name, ls);
  }
  return bottom ? ls[0] : ls[ls.length - 1];
}

/** `${NAME:=v}`: the expansion assigns (an unknown value when the command may not run) */
export function assignVar(m: VarMap, name: string, v: Val, maybe: boolean): void {
  const l = layerOf(m, name);
  if (!l || l.ro) return;
  l.v = maybe ? UNKNOWN : v;
  l.cond = maybe;
  delete l.why;
  if (maybe) l.x = null;
}

/** every variable of the shell unknown (`source FILE`, a declaration whose names are not known) */
export function forgetAll(m: VarMap): void {
  m.clear();
  m.set('IFS', [{ v: UNKNOWN, x: null }]);
}

/** what of the shell that runs a command its expansion depends on (expand.ts Vars) */
export type ShellOptions = Pick<Vars, 'nounset' | 'dash' | 'interactive' | 'patternOptions' | 'readonly' | 'positional' | 'argc' | 'array' | 'unsetHere'>;

export interface Expanded {
  /** the command's words: each expanded (an assignment's value not split); a word that is not told stays as written */
  words: Word[];
  /** why some word is not told (null: all are) */
  unknown: string | null;
  /** the words (indices in `words`) that are not told */
  unknownAt: Set<number>;
  /** a declaration builtin's `NAME=value` arguments whose value is not told (indices in `words`): that variable becomes unknown */
  untold: Set<number>;
  /** assignments written before the program (or alone): each name and value (UNKNOWN: not told); an array's elements (`arr`) */
  assigns: Array<{ name: string; value: Val; append: boolean; arr?: readonly string[] }>;
  /** the expansion that stops bash, when it is the first word bdm-lab does not tell (the command never runs) */
  fatal: Fatal | null;
}

/** a word made of an assignment's name and its expanded value */
function assignmentWord(w: Word, eq: number, value: string): Word {
  const at = w.offs[eq + 1] ?? w.end;
  return { value: w.value.slice(0, eq + 1) + value, offs: [...w.offs.slice(0, eq + 1), ...new Array<number>(value.length).fill(at)], start: w.start, end: w.end };
}

/** the index of an assignment word's `=` when its name is written plain (-1: not an assignment) */
export function assignmentEq(w: Word): number {
  const m = ASSIGN_WORD.exec(w.value);
  if (!m) return -1;
  const eq = m[0].length - 1;
  // the name and `=` must be written unquoted, not come out of an expansion
  if (w.exps?.some((e) => e.a <= eq) || w.quotes?.some((q) => q <= eq)) return -1;
  if (w.end - w.start < eq + 1 || w.offs[eq] - w.offs[0] !== eq) return -1;
  return eq;
}

/** the index of an element assignment's `=` (`A[3]=x`) when its name, index and `=` are written plain (-1: not one) */
function elementEq(w: Word): number {
  const m = ELEMENT_WORD.exec(w.value);
  if (!m) return -1;
  const eq = m[0].length - 1;
  if (w.exps?.some((e) => e.a <= eq) || w.quotes?.some((q) => q <= eq)) return -1;
  if (w.end - w.start < eq + 1 || w.offs[eq] - w.offs[0] !== eq) return -1;
  return eq;
}

/**
 * A command's words expanded in the order bash expands them: the program and its arguments first
 * (`${X:=v}` assigning as it goes), then the assignments before it, left to right, each seeing the
 * ones before. A declaration builtin's `NAME=value` arguments are expanded as assignments.
 */
export function expandCommand(words: readonly Word[], get: (name: string) => Val, assign: (name: string, v: Val, arith?: boolean) => void, shell: ShellOptions, inHereDoc: boolean, why?: (name: string) => string): Expanded {
  let a = 0;
  while (a < words.length && assignmentEq(words[a]) >= 0) a++;
  // (bash's `A[3]=x` among assignments alone: an element set; dash runs such a word as a program's name)
  if (!shell.dash && !inHereDoc && words.length <= 64 && words.every((w) => assignmentEq(w) >= 0 || elementEq(w) >= 0)) a = words.length;
  const overlay = new Map<string, Val>();
  const vars: Vars = {
    ...shell,
    get: (n) => (overlay.has(n) ? overlay.get(n)! : get(n)),
    // (arithmetic's assignment after an expansion bdm-lab does not tell: bash may have given up the command there)
    assign: (n, v, arith) => { const x = arith && failed ? UNKNOWN : v; if (overlay.has(n)) overlay.set(n, x); else assign(n, x, arith); },
    why: (n) => (overlay.has(n) ? `\`$${n}\` holds a value the text does not tell` : why?.(n) ?? `\`$${n}\` is not told`),
  };
  /** a word whose expansion bdm-lab did not follow to its end: what its arithmetic may assign is not known */
  const spoil = (w: Word) => { for (const e of w.exps ?? []) for (const n of arithAssignedIn(e.src)) vars.assign(n, UNKNOWN, true); };
  const budget = { n: MAX_COMMAND_CHARS };
  const out: Word[] = [];
  const unknownAt = new Set<number>();
  const untold = new Set<number>();
  let unknown: string | null = null;
  // the first expansion bdm-lab does not tell: a Fatal there is where bash stops (one after another unknown is only unknown)
  let failed = false;
  let fatal: Fatal | null = null;
  const stops = (r: Unknown): boolean => {
    // (dash stops at an expansion it refuses whatever the ones before it give: they either give words or stop it too)
    if (fatal === null && r instanceof Fatal && (!failed || r.dash !== undefined)) fatal = r;
    failed = true;
    return fatal !== null;
  };
  const decl = a < words.length && DECLARATIONS.has(words[a].value) && !words[a].exps;
  const rest: Word[] = [];
  for (let k = a; k < words.length; k++) {
    const w = words[k];
    const eq = decl && k > a ? assignmentEq(w) : -1;
    if (!w.exps && !tilde(w, eq)) { rest.push(w); continue; }
    if (eq >= 0) {
      // (in a here-document bash reads, the feeding shell expanded the text first: not told)
      const v = inHereDoc || tilde(w, eq) ? null : expandValue(w, eq + 1, vars);
      if (v instanceof Unknown) spoil(w);
      if (v instanceof Unknown && stops(v)) break;
      if (v === null || v instanceof Unknown) { untold.add(a + rest.length); rest.push(w); } else rest.push(assignmentWord(w, eq, v));
      continue;
    }
    if (inHereDoc) { unknown ??= 'the here-document\'s text is expanded by the shell that feeds it before bash reads it'; unknownAt.add(a + rest.length); rest.push(w); continue; }
    const r = expandWord(w, vars, vars.get('IFS'), budget);
    if (r instanceof Unknown) spoil(w);
    if (r instanceof Unknown && stops(r)) break;
    if (r instanceof Unknown) { unknown ??= r.reason; unknownAt.add(a + rest.length); rest.push(w); continue; }
    for (const x of r) rest.push(x);
  }
  if (fatal) return { words: [...words], unknown: (fatal as Fatal).reason, unknownAt: new Set(words.map((_, k) => k)), assigns: [], untold, fatal };
  const assigns: Expanded['assigns'] = [];
  for (let k = 0; k < a; k++) {
    const w = words[k];
    const el = assignmentEq(w) < 0 ? ELEMENT_WORD.exec(w.value) : null;
    if (el) {
      // `A[N]=x`: the array as it was with element N set (or, `+=`, added to), where that keeps it
      // without gaps (N at most its length); else, or a value not told, the array is not told
      const name = el[1];
      let at = Number(el[2]);
      const v = expandValue(w, el[0].length, vars);
      if (v instanceof Unknown) spoil(w);
      if (v instanceof Unknown && stops(v)) return { words: [...words], unknown: v.reason, unknownAt: new Set(words.map((_, n) => n)), assigns: assigns.map((x) => ({ ...x, value: UNKNOWN, arr: undefined })), untold, fatal };
      let old = overlay.has(name) ? UNKNOWN : vars.array?.(name) ?? UNKNOWN;
      // (a name the script has not set: at most element 0 from the environment, which `A[0]=x` replaces)
      if (old === UNKNOWN && at === 0 && !el[3] && !overlay.has(name) && vars.unsetHere?.(name)) old = [];
      let arr: string[] | undefined;
      // (a negative index counts from the end: one before the first element is bash's error, not followed)
      if (at < 0 && old !== UNKNOWN) at += old.length;
      if (!(v instanceof Unknown) && old !== UNKNOWN && at >= 0 && at <= old.length && at < MAX_ARRAY) {
        arr = [...old];
        arr[at] = el[3] ? (old[at] ?? '') + v : v;
        if (arr[at].length > MAX_VALUE) arr = undefined;
      }
      const value: Val = arr ? arr[0] ?? null : UNKNOWN;
      overlay.set(name, value);
      assigns.push({ name, value, append: false, ...(arr ? { arr } : {}) });
      out.push(w);
      continue;
    }
    const eq = assignmentEq(w);
    const name = w.value.slice(0, w.value[eq - 1] === '+' ? eq - 1 : eq);
    const append = w.value[eq - 1] === '+';
    let value: Val;
    let arr: readonly string[] | undefined;
    // `A=( … )`, `A+=( … )` alone: each element word expanded (split, globbed) as a command's word is
    if (w.array) {
      value = UNKNOWN;
      const items: string[] = [];
      let told = a === words.length && !inHereDoc;
      for (const x of told ? w.array : []) {
        const r = expandWord(x, vars, vars.get('IFS'), budget);
        if (r instanceof Unknown) spoil(x);
        if (r instanceof Unknown && stops(r)) return { words: [...words], unknown: r.reason, unknownAt: new Set(words.map((_, n) => n)), assigns: assigns.map((y) => ({ ...y, value: UNKNOWN, arr: undefined })), untold, fatal };
        if (r instanceof Unknown || items.length > MAX_ARRAY) { told = false; break; }
        for (const y of r) items.push(y.value);
      }
      const old = !append ? [] : overlay.has(name) ? UNKNOWN : vars.array?.(name) ?? UNKNOWN;
      if (told && old !== UNKNOWN && old.length + items.length <= MAX_ARRAY) {
        arr = [...old, ...items];
        value = arr[0] ?? null;
      }
      overlay.set(name, value);
      assigns.push({ name, value, append: false, ...(arr ? { arr } : {}) });
      out.push(w);
      continue;
    }
    // `X=~/f`: the home directory, which the environment sets
    if (tilde(w, eq)) value = UNKNOWN;
    else if (!w.exps) value = w.value.slice(eq + 1);
    else if (inHereDoc) value = UNKNOWN;
    else {
      const v = expandValue(w, eq + 1, vars);
      if (v instanceof Unknown) spoil(w);
      if (v instanceof Unknown && stops(v)) return { words: [...words], unknown: v.reason, unknownAt: new Set(words.map((_, n) => n)), assigns: assigns.map((x) => ({ ...x, value: UNKNOWN })), untold, fatal };
      value = v instanceof Unknown ? UNKNOWN : v;
    }
    const written = value;
    if (value !== UNKNOWN && append) {
      const old = vars.get(name);
      value = old === UNKNOWN ? UNKNOWN : (old ?? '') + value;
      if (typeof value === 'string' && value.length > MAX_VALUE) value = UNKNOWN;
    }
    overlay.set(name, value);
    assigns.push({ name, value, append });
    out.push(typeof written === 'string' && w.exps ? assignmentWord(w, eq, written) : w);
  }
  return { words: [...out, ...rest], unknown, unknownAt, assigns, untold, fatal };
}

/**
 * What `set WORDS` does to -u (bash's set_builtin): true or false where its options turn it on or
 * off (`-u`, `+u`, `-o nounset`, letters together as `-euo pipefail`), undefined where they leave
 * it, null where they are not told (an option bdm-lab does not know, a word not told).
 */
export function setNounset(args: readonly Word[], told: boolean): boolean | null | undefined {
  return setOption(args, told, 'u', 'nounset');
}

/** `set -e`, `set +o errexit`…: what `set`'s arguments make of errexit, as setNounset reads -u */
export function setErrexit(args: readonly Word[], told: boolean): boolean | null | undefined {
  return setOption(args, told, 'e', 'errexit');
}

/**
 * One run of `getopts SPEC NAME [WORD…]` (bash's and dash's, alike here) on words the text tells:
 * `args` the words it reads (its own, else the positional parameters), `optind` OPTIND's value.
 * Its status (1 at the end: a word not starting with `-`, `-` alone, `--` (skipped), none left)
 * and what it assigns: NAME the option's letter (`?` at the end and for a letter SPEC does not
 * have; `:` for a missing argument when SPEC starts with `:`), OPTARG the argument (the rest of
 * the word, `-s5`, or the next word; the letter, in SPEC's `:` mode, for an error; dash empties it
 * for a letter taking none, bash unsets it: left out, as where it is unset) and OPTIND the next
 * word's index. null where bdm-lab does not follow it: OPTIND not a plain index, or letters
 * together in one word (`-be`: both shells then keep a place inside the word).
 */
export function getoptsStep(spec: string, name: string, args: readonly string[], optind: string, dash: boolean): { st: boolean; sets: Map<string, string> } | null {
  if (!/^[1-9][0-9]{0,5}$/.test(optind) || !NAME.test(name)) return null;
  const i = Number(optind);
  const sets = new Map<string, string>();
  const done = (next: number, st: boolean, letter: string) => {
    sets.set(name, letter);
    sets.set('OPTIND', String(next));
    return { st, sets };
  };
  const w = args[i - 1];
  if (w === undefined || w === '-' || w[0] !== '-') return done(i, false, '?');
  if (w === '--') return done(i + 1, false, '?');
  const ch = w[1];
  const silent = spec.startsWith(':');
  const at = ch === ':' || ch === '?' ? -1 : spec.indexOf(ch, silent ? 1 : 0);
  if (at < 0 || spec[at + 1] !== ':') {
    if (w.length > 2) return null;
    if (at >= 0 && dash) sets.set('OPTARG', '');
    if (at < 0 && silent) sets.set('OPTARG', ch);
    return done(i + 1, true, at < 0 ? '?' : ch);
  }
  if (w.length > 2) { sets.set('OPTARG', w.slice(2)); return done(i + 1, true, ch); }
  if (i >= args.length) {
    if (silent) sets.set('OPTARG', ch);
    return done(i + 1, true, silent ? ':' : '?');
  }
  sets.set('OPTARG', args[i]);
  return done(i + 2, true, ch);
}

/** `set -o pipefail`, `set -euo pipefail`, `set +o pipefail`: what `set`'s arguments make of bash's pipefail (it has no letter) */
export function setPipefail(args: readonly Word[], told: boolean): boolean | null | undefined {
  return setOption(args, told, '', 'pipefail');
}

function setOption(args: readonly Word[], told: boolean, letter: string, long: string): boolean | null | undefined {
  if (!told) return null;
  let out: boolean | null | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k].value;
    if (a === '--' || a === '-' || !/^[-+]./.test(a)) break;
    if (!/^[-+][A-Za-z]+$/.test(a)) return null;
    const on = a[0] === '-';
    for (const ch of a.slice(1)) {
      if (ch === letter) out = on;
      else if (ch === 'o') {
        const name = args[++k]?.value;
        if (name === undefined) return out;
        if (name === long) out = on;
        else if (!/^[a-z-]+$/.test(name)) return null;
      } else if (!'abefhkmnptuvxBCEHPT'.includes(ch)) return null;
    }
  }
  return out;
}

/** an assignment's value that starts with an unquoted `~` (bash's tilde expansion: the home directory) */
function tilde(w: Word, eq: number): boolean {
  return eq >= 0 && w.value[eq + 1] === '~' && !w.quotes?.includes(eq + 1) && w.offs[eq + 1] === w.offs[eq] + 1;
}

/** the names of `read`'s, `mapfile`'s, `getopts`'s, `printf -v`'s words a command may write (a superset: every word that is a name) */
function readsInto(w: readonly Word[]): string[] | null {
  const cmd = w[0]?.value;
  if (cmd === 'read') return ['REPLY', ...w.slice(1).map((x) => x.value).filter((v) => NAME.test(v))];
  if (cmd === 'mapfile' || cmd === 'readarray') return ['MAPFILE', ...w.slice(1).map((x) => x.value).filter((v) => NAME.test(v))];
  if (cmd === 'getopts') return ['OPTARG', 'OPTIND', ...w.slice(1).map((x) => x.value).filter((v) => NAME.test(v))];
  if (cmd === 'printf' || cmd === 'wait') {
    const k = w.findIndex((x, n) => n > 0 && /^-[A-Za-z]*[vp]$/.test(x.value));
    return k > 0 && w[k + 1] ? [w[k + 1].value] : [];
  }
  if (cmd === 'cd' || cmd === 'pushd' || cmd === 'popd') return ['PWD', 'OLDPWD'];
  return null;
}

/**
 * `read -r NAME…` on one line of input as bash and dash split it (the line's first field to the
 * first name, and so on; the last name the rest): IFS's whitespace at the line's ends is dropped,
 * a run of it (with at most one other IFS character) parts two fields. Null where this does not
 * follow the shells: an option but `-r`, a backslash without `-r`, a name no plain name, IFS
 * unknown, the rest ending in an IFS character that is no whitespace (the shells differ there).
 */
export function readFields(args: readonly string[], line: string, ifs: Val): Map<string, string> | null {
  let k = 0;
  let raw = false;
  for (; k < args.length && args[k].startsWith('-') && args[k] !== '--'; k++) {
    if (args[k] !== '-r') return null;
    raw = true;
  }
  if (args[k] === '--') k++;
  const names = args.slice(k);
  if (!names.length || names.length > 64 || names.some((n) => !NAME.test(n)) || ifs === UNKNOWN) return null;
  if (!raw && line.includes('\\')) return null;
  const sep = ifs === null ? ' \t\n' : ifs;
  const white = (ch: string) => (ch === ' ' || ch === '\t' || ch === '\n') && sep.includes(ch);
  const chars = [...line];
  let i = 0;
  let end = chars.length;
  while (i < end && white(chars[i])) i++;
  while (end > i && white(chars[end - 1])) end--;
  const out = new Map<string, string>();
  for (let n = 0; n < names.length; n++) {
    if (n === names.length - 1) {
      const rest = chars.slice(i, end);
      if (rest.length && sep.includes(rest[rest.length - 1])) return null;
      out.set(names[n], rest.join(''));
      break;
    }
    let j = i;
    while (j < end && !sep.includes(chars[j])) j++;
    out.set(names[n], chars.slice(i, j).join(''));
    // (the delimiter: whitespace, at most one other IFS character, whitespace)
    while (j < end && white(chars[j])) j++;
    if (j < end && sep.includes(chars[j]) && !white(chars[j])) j++;
    while (j < end && white(chars[j])) j++;
    i = j;
  }
  return out;
}

/**
 * What a command does to the shell's variables (after its expansion): `NAME=v` alone sets them
 * (a readonly one: bash gives up the complete command, 'ends'; dash exits); the declaration builtins and
 * `unset` as bash runs them; `read` and the like make their names unknown; `source`/`.` and a
 * declaration or `unset` whose words are not told make every variable unknown. `local` (and
 * `declare`/`typeset` without -g) in a function makes a local: `pushLocal` gives its layer (null
 * outside a function). `maybe`: the command may not run: what it would set becomes unknown.
 * 'refused': a readonly name given to `unset` or assigned before a command (`N=5 cmd`): bash
 * says so and goes on, dash exits (an error of a special builtin, or of an assignment).
 */
export function applyVars(ex: Expanded, m: VarMap, maybe: boolean, pushLocal: ((name: string) => GVar | null) | null, read?: Map<string, string> | null, readWhy?: ((name: string) => string) | null): 'ends' | 'refused' | void {
  // `N=5 cmd` with N readonly: bash runs cmd with N as it is; dash refuses the command and exits (its assignment error)
  const prefixRo = !maybe && ex.assigns.length < ex.words.length && ex.assigns.some((s) => !!m.get(s.name)?.at(-1)?.ro);
  return commandSets(ex, m, maybe, pushLocal, read ?? null, readWhy ?? null) ?? (prefixRo ? 'refused' : undefined);
}

function commandSets(ex: Expanded, m: VarMap, maybe: boolean, pushLocal: ((name: string) => GVar | null) | null, read: Map<string, string> | null, readWhy: ((name: string) => string) | null): 'ends' | 'refused' | void {
  const w = ex.words;
  const a = ex.assigns.length;
  const isRo = (name: string) => !!m.get(name)?.at(-1)?.ro;
  const setTo = (l: GVar | null, v: Val, x?: boolean | null) => {
    if (!l) return;
    delete l.why;
    if (maybe) { l.v = UNKNOWN; l.x = null; l.cond = true; return; }
    l.v = v;
    l.cond = false;
    if (x !== undefined) l.x = x;
  };
  if (a === w.length) {
    for (const s of ex.assigns) {
      const l = layerOf(m, s.name);
      if (l?.ro) { if (!maybe) return 'ends'; continue; }
      setTo(l, s.value);
      if (l && (s.arr || s.value === UNKNOWN)) l.arr = maybe ? undefined : s.arr;
    }
    return;
  }
  const cmd = w[a];
  const args = w.slice(a + 1);
  if (ex.unknownAt.has(a)) { forgetAll(m); return; }
  const v = cmd.value;
  if (v === 'source' || v === '.') { forgetAll(m); return; }
  const into = readsInto(w.slice(a));
  // (`read` on a line the text tells: its names get their fields; REPLY and the rest are not told)
  if (into) {
    // (a `getopts` index.ts followed (getoptsStep): its name, OPTARG and OPTIND alone)
    const opts = v === 'getopts' && read && !maybe;
    for (const n of opts ? [...new Set(['OPTARG', ...read.keys()])] : into) {
      const l = layerOf(m, n);
      if (!l || l.ro) continue;
      const r = (v === 'read' || opts) && !maybe ? read?.get(n) : undefined;
      if (r !== undefined) { l.v = r; l.cond = false; delete l.why; continue; }
      l.v = UNKNOWN; l.x = null; l.cond = false;
      if (v === 'read' && readWhy) l.why = readWhy(n);
      else delete l.why;
    }
    return;
  }
  if (v !== 'unset' && !DECLARATIONS.has(v)) return;
  // a word of theirs not told: which names it sets is not known
  if (ex.unknownAt.size) { forgetAll(m); return; }
  if (v === 'unset') {
    let fn = false;
    let k = 0;
    for (; k < args.length && /^-[fvn]+$/.test(args[k].value); k++) if (args[k].value.includes('f')) fn = true;
    if (fn) return;
    // (unset of a readonly name: bash says so and goes on; dash exits, as for any special builtin's error)
    const refused = !maybe && !ex.unknownAt.size && args.slice(k).some((x) => NAME.test(x.value) && isRo(x.value));
    for (const x of args.slice(k)) {
      if (!NAME.test(x.value)) continue;
      const l = layerOf(m, x.value);
      if (!l || l.ro) continue;
      const ls = m.get(x.value)!;
      // a function call's temporary variable (`NAME=v f`): unset removes it, and the shell's own shows again
      if (l.temp && !maybe) { ls.splice(ls.lastIndexOf(l), 1); if (!ls.length) m.delete(x.value); continue; }
      setTo(l, null, false);
      l.arr = undefined;
    }
    return refused ? 'refused' : undefined;
  }
  let k = 0;
  let exp: boolean | null = v === 'export' ? true : null;
  let global = v === 'export' || v === 'readonly' || !pushLocal;
  let bottom = false;
  let ro = v === 'readonly';
  let other = false;
  for (; k < args.length && /^[-+][A-Za-z]+$/.test(args[k].value); k++) {
    const on = args[k].value[0] === '-';
    for (const ch of args[k].value.slice(1)) {
      if (ch === 'f' || ch === 'F' || ch === 'p') return;
      if (v === 'export' && ch === 'n') exp = false;
      else if (ch === 'r' && on && v !== 'export') ro = true;
      else if (ch === 'x' && v !== 'export' && v !== 'readonly') exp = on;
      else if (ch === 'g' && v !== 'local' && pushLocal) { global = true; bottom = true; }
      else if (ch !== 'r' && ch !== 'x' && ch !== 'g' && ch !== 't') other = true;
    }
  }
  if (v === 'local' && !pushLocal) return;
  if (args[k]?.value === '--') k++;
  for (let k0 = k; k0 < args.length; k0++) {
    const x = args[k0];
    const eq = assignmentEq(x);
    const name = eq >= 0 ? x.value.slice(0, x.value[eq - 1] === '+' ? eq - 1 : eq) : x.value;
    if (!NAME.test(name)) continue;
    let l: GVar | null;
    if (global) {
      l = layerOf(m, name, bottom);
    } else {
      const outer = m.get(name);
      if (outer?.some((o) => o.ro)) continue;
      l = pushLocal!(name);
      // a new local has no value (nor the export attribute of the one it hides, unless -x)
    }
    if (!l) continue;
    // (a declaration's `NAME=( … )`: not followed)
    if (x.array && !l.ro) l.arr = undefined;
    if (other || x.array || (ex.untold.has(a + 1 + k0) && !l.ro)) {
      delete l.why;
      l.v = UNKNOWN;
      l.cond = false;
      l.x = maybe ? null : exp ?? l.x;
      // (`readonly N=$(date)`: readonly all the same, whatever its value)
      if (ro && !maybe) l.ro = true;
      continue;
    }
    if (l.ro && eq >= 0) continue;
    if (eq >= 0) {
      let val: Val = x.value.slice(eq + 1);
      if (x.value[eq - 1] === '+') { const old = l.v; val = old === UNKNOWN ? UNKNOWN : (old ?? '') + val; }
      setTo(l, val);
    } else if (maybe) setTo(l, l.v);
    if (exp !== null) l.x = maybe ? null : exp;
    // exporting a call's temporary variable: bash gives its value to the caller's when the call returns
    if (exp === true && l.temp) l.promote = true;
    if (ro && !maybe) l.ro = true;
  }
}
